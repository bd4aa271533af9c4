"""Backpropagation through time with helper classes that hold the forward pass."""
import numpy as np

from lstm import GATE_ORDER, LSTMCell, bias_key, weight_key
from rnn import ElmanCell, ONE, ZERO, as_float_array, initial_state

ELMAN_KEYS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")
INITIAL_HIDDEN_KEY, INITIAL_MEMORY_KEY = "h0", "c0"


def tanh_slope(t):
    """d tanh(a)/da written with the output t = tanh(a)."""
    return ONE - t * t


def sigmoid_slope(s):
    return s * (ONE - s)


def zeros_like_all(params, keys):
    return {k: np.zeros(np.shape(params[k])) for k in keys}


def previous_states(states, start):
    """(T, H) of s_{t-1}: the start state, then all but the last."""
    return np.vstack([start[None, :], states[:-1]])


def global_norm(arrays):
    return float(np.sqrt(sum(np.sum(np.square(as_float_array(a))) for a in arrays)))


def linear_rnn(w, xs):
    a, ys = ZERO, []
    for x in as_float_array(xs):
        a = w * a + x
        ys.append(a)
    return np.array(ys)


def linear_rnn_grad(w, xs):
    a_prev = np.concatenate([[ZERO], linear_rnn(w, xs)[:-1]])
    grad, delta = ZERO, ONE
    for t in range(len(a_prev) - 1, -1, -1):
        grad += delta * a_prev[t]
        delta *= w
    return float(grad)


class ElmanBPTT:
    def __init__(self, xs, params, h0):
        self.xs = as_float_array(xs)
        self.params = params
        self.cell = ElmanCell(params, "tanh")
        self.start = initial_state(h0, self.cell.size)
        self.hs = self.cell.run(self.xs, self.start)
        self.prev = previous_states(self.hs, self.start)

    def backward(self, dys):
        dys = as_float_array(dys)
        grads = zeros_like_all(self.params, ELMAN_KEYS)
        W_hy = as_float_array(self.params["W_hy"])
        carry = np.zeros(self.cell.size)
        for t in reversed(range(len(self.xs))):
            da = (W_hy.T @ dys[t] + carry) * tanh_slope(self.hs[t])
            grads["W_xh"] += np.outer(da, self.xs[t])
            grads["W_hh"] += np.outer(da, self.prev[t])
            grads["b_h"] += da
            grads["W_hy"] += np.outer(dys[t], self.hs[t])
            grads["b_y"] += dys[t]
            carry = self.cell.W_hh.T @ da
        grads[INITIAL_HIDDEN_KEY] = carry
        return grads


def elman_backward(xs, params, dys, h0=None):
    return ElmanBPTT(xs, params, h0).backward(dys)


def clip_gradients(grads, max_norm):
    norm = global_norm(grads.values())
    factor = max_norm / norm if norm > max_norm else ONE
    return {k: as_float_array(g) * factor for k, g in grads.items()}


class LSTMBPTT:
    def __init__(self, xs, params, h0, c0):
        self.xs = as_float_array(xs)
        self.cell = LSTMCell(params)
        H = self.cell.size
        self.hs, self.cs = self.cell.run(self.xs, h0, c0)
        self.h_prev = previous_states(self.hs, initial_state(h0, H))
        self.c_prev = previous_states(self.cs, initial_state(c0, H))

    def _gates(self, t):
        z, zi, zf, zo = self.cell.preactivations(self.xs[t], self.h_prev[t], self.c_prev[t])
        sig = lambda a: np.exp(-np.logaddexp(ZERO, -a))
        return np.tanh(z), sig(zi), sig(zf), sig(zo)

    def backward(self, dhs):
        dhs = as_float_array(dhs)
        D, H = self.xs.shape[1], self.cell.size
        grads = {}
        for k in GATE_ORDER:
            grads[weight_key(k)] = np.zeros_like(self.cell.W[k])
            grads[bias_key(k)] = np.zeros(H)
        dh_next, dc_next = np.zeros(H), np.zeros(H)
        for t in reversed(range(len(self.xs))):
            gz, i, f, o = self._gates(t)
            tc = np.tanh(self.cs[t])
            dh = dhs[t] + dh_next
            dc = dc_next + dh * o * tanh_slope(tc)
            dpre = dict(zip(GATE_ORDER, (dc * i * tanh_slope(gz), dc * gz * sigmoid_slope(i),
                                         dc * self.c_prev[t] * sigmoid_slope(f), dh * tc * sigmoid_slope(o))))
            v = np.concatenate([self.xs[t], self.h_prev[t], self.c_prev[t]])
            dv = np.zeros(D + 2 * H)
            for k in GATE_ORDER:
                grads[weight_key(k)] += np.outer(dpre[k], v)
                grads[bias_key(k)] += dpre[k]
                dv += self.cell.W[k].T @ dpre[k]
            dh_next, dc_next = dv[D:D + H], dc * f + dv[D + H:]
        grads[INITIAL_HIDDEN_KEY], grads[INITIAL_MEMORY_KEY] = dh_next, dc_next
        return grads


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    return LSTMBPTT(xs, params, h0, c0).backward(dhs)
