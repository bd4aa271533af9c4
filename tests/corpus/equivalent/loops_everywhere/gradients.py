# Backprop through time, every sum an explicit loop.
import math

import numpy as np

from lstm import lstm_forward
from rnn import elman_forward, sigmoid_scalar


def linear_rnn(w, xs):
    T = len(xs)
    ys = np.zeros(T)
    a = 0.0
    for t in range(T):
        a = w * a + float(xs[t])
        ys[t] = a
    return ys


def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    T = len(ys)
    grad = 0.0
    delta = 1.0
    t = T - 1
    while t >= 0:
        a_prev = ys[t - 1] if t >= 1 else 0.0
        grad += delta * a_prev
        delta *= w
        t -= 1
    return float(grad)


def elman_backward(xs, params, dys, h0=None):
    xs = np.asarray(xs, dtype=float)
    dys = np.asarray(dys, dtype=float)
    T, D = xs.shape
    H, K = len(params["b_h"]), len(params["b_y"])
    W_hh, W_hy = params["W_hh"], params["W_hy"]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    dW_xh, dW_hh, db_h = np.zeros((H, D)), np.zeros((H, H)), np.zeros(H)
    dW_hy, db_y = np.zeros((K, H)), np.zeros(K)
    dh_next = np.zeros(H)
    for t in range(T - 1, -1, -1):
        h_prev = np.zeros(H)
        for j in range(H):
            if t > 0:
                h_prev[j] = hs[t - 1, j]
            elif h0 is not None:
                h_prev[j] = h0[j]
        da = np.zeros(H)
        for j in range(H):
            dh = dh_next[j]
            for k in range(K):
                dh += W_hy[k][j] * dys[t, k]
            da[j] = dh * (1.0 - hs[t, j] * hs[t, j])
        for k in range(K):
            db_y[k] += dys[t, k]
            for j in range(H):
                dW_hy[k, j] += dys[t, k] * hs[t, j]
        for j in range(H):
            db_h[j] += da[j]
            for d in range(D):
                dW_xh[j, d] += da[j] * xs[t, d]
            for k in range(H):
                dW_hh[j, k] += da[j] * h_prev[k]
        new_next = np.zeros(H)
        for k in range(H):
            for j in range(H):
                new_next[k] += W_hh[j][k] * da[j]
        dh_next = new_next
    return {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h, "W_hy": dW_hy, "b_y": db_y, "h0": dh_next}


def clip_gradients(grads, max_norm):
    total = 0.0
    for key in grads:
        g = np.asarray(grads[key], dtype=float)
        for index in np.ndindex(*g.shape):
            total += g[index] * g[index]
    norm = math.sqrt(total)
    out = {}
    for key in grads:
        g = np.asarray(grads[key], dtype=float)
        c = np.zeros(g.shape)
        for index in np.ndindex(*g.shape):
            c[index] = g[index] * max_norm / norm if norm > max_norm else g[index]
        out[key] = c
    return out


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs = np.asarray(xs, dtype=float)
    dhs = np.asarray(dhs, dtype=float)
    T, D = xs.shape
    H = len(params["b_z"])
    V = D + 2 * H
    hs, cs = lstm_forward(xs, params, h0, c0)
    grads = {}
    for k in "zifo":
        grads["W_" + k] = np.zeros((H, V))
        grads["b_" + k] = np.zeros(H)
    dh_next, dc_next = np.zeros(H), np.zeros(H)
    for t in range(T - 1, -1, -1):
        v = np.zeros(V)
        for d in range(D):
            v[d] = xs[t, d]
        for j in range(H):
            if t > 0:
                v[D + j], v[D + H + j] = hs[t - 1, j], cs[t - 1, j]
            else:
                v[D + j] = h0[j] if h0 is not None else 0.0
                v[D + H + j] = c0[j] if c0 is not None else 0.0
        dpre = {k: np.zeros(H) for k in "zifo"}
        dc_keep = np.zeros(H)
        for j in range(H):
            pre = {}
            for k in "zifo":
                s = params["b_" + k][j]
                for n in range(V):
                    s += params["W_" + k][j][n] * v[n]
                pre[k] = s
            gz = math.tanh(pre["z"])
            i, f, o = sigmoid_scalar(pre["i"]), sigmoid_scalar(pre["f"]), sigmoid_scalar(pre["o"])
            tc = math.tanh(cs[t, j])
            dh = dhs[t, j] + dh_next[j]
            dc = dc_next[j] + dh * o * (1.0 - tc * tc)
            dpre["z"][j] = dc * i * (1.0 - gz * gz)
            dpre["i"][j] = dc * gz * i * (1.0 - i)
            dpre["f"][j] = dc * v[D + H + j] * f * (1.0 - f)
            dpre["o"][j] = dh * tc * o * (1.0 - o)
            dc_keep[j] = dc * f
        dv = np.zeros(V)
        for k in "zifo":
            for j in range(H):
                grads["b_" + k][j] += dpre[k][j]
                for n in range(V):
                    grads["W_" + k][j, n] += dpre[k][j] * v[n]
                    dv[n] += params["W_" + k][j][n] * dpre[k][j]
        for j in range(H):
            dh_next[j] = dv[D + j]
            dc_next[j] = dc_keep[j] + dv[D + H + j]
    grads["h0"] = dh_next
    grads["c0"] = dc_next
    return grads
