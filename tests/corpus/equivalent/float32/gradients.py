"""BPTT in float32."""
import numpy as np

from lstm import lstm_forward
from rnn import F32, activation, elman_forward, f32


def linear_rnn(w, xs):
    w = F32(w)
    xs = f32(xs)
    ys = np.zeros(xs.shape[0], F32)
    a = F32(0)
    for t in range(xs.shape[0]):
        a = w * a + xs[t]
        ys[t] = a
    return ys


def linear_rnn_grad(w, xs):
    w = F32(w)
    ys = linear_rnn(w, xs)
    grad, delta = F32(0), F32(1)
    for t in range(len(ys) - 1, -1, -1):
        a_prev = ys[t - 1] if t > 0 else F32(0)
        grad += delta * a_prev
        delta *= w
    return F32(grad)


def elman_backward(xs, params, dys, h0=None):
    xs, dys = f32(xs), f32(dys)
    W_hh, W_hy = f32(params["W_hh"]), f32(params["W_hy"])
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    hprev = np.vstack([np.zeros((1, H), F32) if h0 is None else f32(h0).reshape(1, H), hs[:-1]])
    das = np.zeros_like(hs)
    dnext = np.zeros(H, F32)
    for t in range(len(xs) - 1, -1, -1):
        dh = dys[t] @ W_hy + dnext
        das[t] = dh * (F32(1) - hs[t] * hs[t])
        dnext = das[t] @ W_hh
    return {"W_xh": das.T @ xs, "W_hh": das.T @ hprev, "b_h": das.sum(0),
            "W_hy": dys.T @ hs, "b_y": dys.sum(0), "h0": dnext}


def clip_gradients(grads, max_norm):
    arrays = {k: f32(v) for k, v in grads.items()}
    norm = np.sqrt(sum(float(np.vdot(a, a)) for a in arrays.values()))
    if norm > max_norm:
        s = F32(max_norm / norm)
        return {k: a * s for k, a in arrays.items()}
    return arrays


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = f32(xs), f32(dhs)
    T, D = xs.shape
    W = {k: f32(params["W_" + k]) for k in "zifo"}
    b = {k: f32(params["b_" + k]) for k in "zifo"}
    H = b["z"].shape[0]
    hs, cs = lstm_forward(xs, params, h0, c0)
    hp = np.vstack([np.zeros(H, F32) if h0 is None else f32(h0), hs[:-1]])
    cp = np.vstack([np.zeros(H, F32) if c0 is None else f32(c0), cs[:-1]])
    vs = np.hstack([xs, hp, cp])                              # (T, D+2H)
    pre = {k: vs @ W[k].T + b[k] for k in "zifo"}
    gz = np.tanh(pre["z"])
    gi, gf, go = (activation("sigmoid", pre[k]) for k in "ifo")
    tc = np.tanh(cs)
    d = {k: np.zeros((T, H), F32) for k in "zifo"}
    dh_next, dc_next = np.zeros(H, F32), np.zeros(H, F32)
    one = F32(1)
    for t in range(T - 1, -1, -1):
        dh = dhs[t] + dh_next
        dc = dc_next + dh * go[t] * (one - tc[t] ** 2)
        d["z"][t] = dc * gi[t] * (one - gz[t] ** 2)
        d["i"][t] = dc * gz[t] * gi[t] * (one - gi[t])
        d["f"][t] = dc * cp[t] * gf[t] * (one - gf[t])
        d["o"][t] = dh * tc[t] * go[t] * (one - go[t])
        dv = sum(d[k][t] @ W[k] for k in "zifo")
        dh_next = dv[D:D + H]
        dc_next = dc * gf[t] + dv[D + H:]
    grads = {}
    for k in "zifo":
        grads["W_" + k] = d[k].T @ vs
        grads["b_" + k] = d[k].sum(0)
    grads["h0"], grads["c0"] = dh_next, dc_next
    return grads
