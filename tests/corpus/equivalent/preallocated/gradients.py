"""BPTT with preallocated gradient buffers, accumulated in place."""
import numpy as np

from lstm import KEYS, lstm_forward
from rnn import activation, elman_forward


def linear_rnn(w, xs):
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.zeros(xs.shape[0])
    for t in range(xs.shape[0]):
        ys[t] = (w * ys[t - 1] if t else 0.0) + xs[t]
    return ys


def linear_rnn_grad(w, xs):
    a = np.zeros(len(xs) + 1)                     # a[0] = 0, a[1:] the states
    a[1:] = linear_rnn(w, xs)
    T = len(xs)
    delta = np.zeros(T + 1)                       # delta[t] = d y_T / d a_t
    delta[T] = 1.0
    grad = 0.0
    for t in range(T, 0, -1):
        grad += delta[t] * a[t - 1]
        delta[t - 1] = w * delta[t]
    return float(grad)


def elman_backward(xs, params, dys, h0=None):
    xs = np.asarray(xs, dtype=np.float64)
    dys = np.asarray(dys, dtype=np.float64)
    W_hh, W_hy = np.asarray(params["W_hh"], np.float64), np.asarray(params["W_hy"], np.float64)
    T, H = xs.shape[0], W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    grads = {k: np.zeros(np.shape(v)) for k, v in params.items()}
    grads["h0"] = np.zeros(H)
    prev = np.zeros((T, H))
    if h0 is not None:
        prev[0] = h0
    prev[1:] = hs[:-1]
    dh = np.zeros(H)
    da = np.zeros(H)
    for t in range(T - 1, -1, -1):
        np.dot(dys[t], W_hy, out=dh)              # W_hy^T dys_t
        dh += grads["h0"]                         # h0's slot holds the gradient from step t+1 meanwhile
        np.multiply(dh, 1.0 - hs[t] ** 2, out=da)
        grads["W_xh"] += np.outer(da, xs[t])
        grads["W_hh"] += np.outer(da, prev[t])
        grads["b_h"] += da
        grads["W_hy"] += np.outer(dys[t], hs[t])
        grads["b_y"] += dys[t]
        np.dot(da, W_hh, out=grads["h0"])
    return grads


def clip_gradients(grads, max_norm):
    squares = np.zeros(len(grads))
    for n, g in enumerate(grads.values()):
        squares[n] = np.sum(np.square(g))
    norm = np.sqrt(squares.sum())
    out = {}
    for k, g in grads.items():
        out[k] = np.empty(np.shape(g))
        out[k][...] = g
        if norm > max_norm:
            out[k] *= max_norm / norm
    return out


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs = np.asarray(xs, dtype=np.float64)
    dhs = np.asarray(dhs, dtype=np.float64)
    T, D = xs.shape
    H = np.shape(params["b_z"])[0]
    hs, cs = lstm_forward(xs, params, h0, c0)
    V = np.zeros((T, D + 2 * H))                  # every v_t
    V[:, :D] = xs
    if h0 is not None:
        V[0, D:D + H] = h0
    if c0 is not None:
        V[0, D + H:] = c0
    V[1:, D:D + H] = hs[:-1]
    V[1:, D + H:] = cs[:-1]
    W = np.zeros((4, H, D + 2 * H))
    act = np.zeros((4, T, H))                     # tanh(z), sigmoid(z_i), sigmoid(z_f), sigmoid(z_o)
    for n, k in enumerate(KEYS):
        W[n] = params["W_" + k]
        pre = V @ W[n].T + params["b_" + k]
        act[n] = np.tanh(pre) if k == "z" else activation("sigmoid", pre)
    tc = np.tanh(cs)
    dpre = np.zeros((4, T, H))
    dh_next = np.zeros(H)
    dc_next = np.zeros(H)
    dv = np.zeros(D + 2 * H)
    for t in range(T - 1, -1, -1):
        gz, gi, gf, go = act[0, t], act[1, t], act[2, t], act[3, t]
        dh = dhs[t] + dh_next
        dc = dc_next + dh * go * (1.0 - tc[t] ** 2)
        dpre[0, t] = dc * gi * (1.0 - gz ** 2)
        dpre[1, t] = dc * gz * gi * (1.0 - gi)
        dpre[2, t] = dc * V[t, D + H:] * gf * (1.0 - gf)
        dpre[3, t] = dh * tc[t] * go * (1.0 - go)
        dv[:] = 0.0
        for n in range(4):
            dv += dpre[n, t] @ W[n]
        dh_next[:] = dv[D:D + H]
        dc_next[:] = dc * gf + dv[D + H:]
    grads = {}
    for n, k in enumerate(KEYS):
        grads["W_" + k] = np.zeros((H, D + 2 * H))
        np.dot(dpre[n].T, V, out=grads["W_" + k])
        grads["b_" + k] = np.zeros(H)
        np.sum(dpre[n], axis=0, out=grads["b_" + k])
    grads["h0"] = dh_next
    grads["c0"] = dc_next
    return grads
