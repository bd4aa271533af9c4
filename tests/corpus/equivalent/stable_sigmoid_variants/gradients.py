"""BPTT as backward folds over reversed time."""
import functools
import itertools

import numpy as np

from lstm import lstm_forward
from rnn import elman_forward, sigmoid, tanh


def linear_rnn(w, xs):
    return np.array(list(itertools.accumulate(np.asarray(xs, dtype=float), lambda a, x: w * a + x, initial=0.0))[1:])


def linear_rnn_grad(w, xs):
    a = np.concatenate([[0.0], linear_rnn(w, xs)])     # a_0 .. a_T
    # walk t = T..1 carrying (grad, delta), delta = d y_T / d a_t
    grad, _ = functools.reduce(lambda acc, a_prev: (acc[0] + acc[1] * a_prev, acc[1] * w), a[-2::-1], (0.0, 1.0))
    return float(grad)


def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, float), np.asarray(dys, float)
    W_hh, W_hy = np.asarray(params["W_hh"], float), np.asarray(params["W_hy"], float)
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    prev = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, float), hs[:-1]])

    def back(carry, t):                       # carry: (dh from step t+1, list of da's so far)
        dh_next, das = carry
        da = (W_hy.T @ dys[t] + dh_next) * (1 - hs[t] ** 2)
        return W_hh.T @ da, [da] + das

    dh0, das = functools.reduce(back, reversed(range(len(xs))), (np.zeros(H), []))
    das = np.array(das)
    return {"W_xh": das.T @ xs, "W_hh": das.T @ prev, "b_h": das.sum(axis=0),
            "W_hy": dys.T @ hs, "b_y": dys.sum(axis=0), "h0": dh0}


def clip_gradients(grads, max_norm):
    norm = np.sqrt(functools.reduce(lambda s, g: s + np.sum(np.asarray(g, float) ** 2), grads.values(), 0.0))
    scale = 1.0 if norm <= max_norm else max_norm / norm
    return {k: np.asarray(g, dtype=float) * scale for k, g in grads.items()}


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, float), np.asarray(dhs, float)
    T, D = xs.shape
    Ws = [np.asarray(params["W_" + k], float) for k in "zifo"]
    bs = [np.asarray(params["b_" + k], float) for k in "zifo"]
    H = bs[0].shape[0]
    hs, cs = lstm_forward(xs, params, h0, c0)
    hp = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, float), hs[:-1]])
    cp = np.vstack([np.zeros(H) if c0 is None else np.asarray(c0, float), cs[:-1]])
    vs = np.hstack([xs, hp, cp])
    gz = tanh(vs @ Ws[0].T + bs[0])
    gi, gf, go = (sigmoid(vs @ W.T + b) for W, b in zip(Ws[1:], bs[1:]))
    tc = tanh(cs)

    def back(carry, t):
        dh_next, dc_next, rows = carry
        dh = dhs[t] + dh_next
        dc = dc_next + dh * go[t] * (1 - tc[t] ** 2)
        d = (dc * gi[t] * (1 - gz[t] ** 2), dc * gz[t] * gi[t] * (1 - gi[t]),
             dc * cp[t] * gf[t] * (1 - gf[t]), dh * tc[t] * go[t] * (1 - go[t]))
        dv = sum(W.T @ dk for W, dk in zip(Ws, d))
        return dv[D:D + H], dc * gf[t] + dv[D + H:], [d] + rows

    dh0, dc0, rows = functools.reduce(back, reversed(range(T)), (np.zeros(H), np.zeros(H), []))
    grads = {"h0": dh0, "c0": dc0}
    for n, k in enumerate("zifo"):
        dk = np.array([r[n] for r in rows])         # (T, H)
        grads["W_" + k] = dk.T @ vs
        grads["b_" + k] = dk.sum(axis=0)
    return grads
