"""Backward passes: each step_backward undoes one step_forward using its cache."""
import numpy as np

from lstm import GATES, lstm_forward_with_caches
from rnn import activation, rnn_forward


def linear_rnn(w, xs):
    a, ys = 0.0, []
    for x in np.asarray(xs, dtype=np.float64):
        a = w * a + x
        ys.append(a)
    return np.array(ys)


def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    caches = list(zip(np.concatenate(([0.0], ys[:-1])), ys))   # (a_{t-1}, a_t) per step
    dw, da = 0.0, 1.0                                            # da = d y_T / d a_t
    for a_prev, _ in reversed(caches):
        dw += da * a_prev                                        # a_t = w a_{t-1} + x_t
        da = da * w
    return float(dw)


def rnn_step_backward(dnext_h, cache):
    """Gradients of one tanh step from the upstream dnext_h: (dx, dprev_h, dWx, dWh, db)."""
    x, prev_h, next_h, Wx, Wh = cache
    da = dnext_h * (1 - next_h ** 2)
    return Wx.T @ da, Wh.T @ da, np.outer(da, x), np.outer(da, prev_h), da


def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, dtype=np.float64), np.asarray(dys, dtype=np.float64)
    W_hy = params["W_hy"]
    H = params["W_hh"].shape[0]
    start = np.zeros(H) if h0 is None else np.array(h0, dtype=np.float64)
    hs, caches = rnn_forward(xs, start, params["W_xh"], params["W_hh"], params["b_h"], "tanh")
    grads = {"W_xh": np.zeros_like(params["W_xh"], dtype=np.float64),
             "W_hh": np.zeros_like(params["W_hh"], dtype=np.float64),
             "b_h": np.zeros(H),
             "W_hy": dys.T @ hs,
             "b_y": dys.sum(axis=0)}
    dprev = np.zeros(H)
    for t in reversed(range(len(xs))):
        _, dprev, dWx, dWh, db = rnn_step_backward(W_hy.T @ dys[t] + dprev, caches[t])
        grads["W_xh"] += dWx
        grads["W_hh"] += dWh
        grads["b_h"] += db
    grads["h0"] = dprev
    return grads


def clip_gradients(grads, max_norm):
    norm = np.sqrt(sum((np.asarray(g, dtype=np.float64) ** 2).sum() for g in grads.values()))
    if norm <= max_norm:
        return {k: np.array(g, dtype=np.float64) for k, g in grads.items()}
    return {k: np.asarray(g, dtype=np.float64) * (max_norm / norm) for k, g in grads.items()}


def lstm_step_backward(dnext_h, dnext_c, cache, params, D, H):
    """Gradients of one LSTM step: dprev_h, dprev_c and {gate: dpre} (and v for the weights)."""
    v, pre, prev_c, next_c = cache
    gz = np.tanh(pre[0])
    i, f, o = (activation("sigmoid", p) for p in pre[1:])
    tc = np.tanh(next_c)
    dc = dnext_c + dnext_h * o * (1 - tc ** 2)
    dpre = {"z": dc * i * (1 - gz ** 2),
            "i": dc * gz * i * (1 - i),
            "f": dc * prev_c * f * (1 - f),
            "o": dnext_h * tc * o * (1 - o)}
    dv = sum(params["W_" + k].T @ dpre[k] for k in GATES)
    return dv[D:D + H], dc * f + dv[D + H:], dpre, v


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, dtype=np.float64), np.asarray(dhs, dtype=np.float64)
    D = xs.shape[1]
    H = params["W_z"].shape[0]
    _, _, caches = lstm_forward_with_caches(xs, params, h0, c0)
    grads = {}
    for k in GATES:
        grads["W_" + k] = np.zeros((H, D + 2 * H))
        grads["b_" + k] = np.zeros(H)
    dh, dc = np.zeros(H), np.zeros(H)
    for t in reversed(range(len(xs))):
        dh, dc, dpre, v = lstm_step_backward(dhs[t] + dh, dc, caches[t], params, D, H)
        for k in GATES:
            grads["W_" + k] += np.outer(dpre[k], v)
            grads["b_" + k] += dpre[k]
    grads["h0"], grads["c0"] = dh, dc
    return grads
