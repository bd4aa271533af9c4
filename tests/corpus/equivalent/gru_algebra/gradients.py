"""BPTT with the algebra rearranged: merged matrices, s - s^2, (1-t)(1+t)."""
import numpy as np

from lstm import lstm_forward, split_params
from rnn import activation, elman_forward


def linear_rnn(w, xs):
    ys = np.array(xs, dtype=float)                 # a copy: a_t = x_t + w a_{t-1}, in place
    for t in range(1, len(ys)):
        ys[t] += w * ys[t - 1]
    return ys


def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    T = len(ys)
    a_prev = np.zeros(T)
    a_prev[1:] = ys[:-1]
    deltas = np.empty(T)                           # deltas[t] = d y_T / d a_t
    deltas[-1] = 1.0
    for t in range(T - 2, -1, -1):
        deltas[t] = w * deltas[t + 1]
    return float(deltas @ a_prev)


def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, dtype=float), np.asarray(dys, dtype=float)
    T, D = xs.shape
    W_hh = np.asarray(params["W_hh"], dtype=float)
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    h_prev = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, dtype=float), hs[:-1]])
    from_output = dys @ params["W_hy"]             # (T, H): W_hy^T dys_t for every t
    slope = (1.0 - hs) * (1.0 + hs)                # tanh' = 1 - h^2
    das = np.zeros((T, H))
    carry = np.zeros(H)
    for t in range(T - 1, -1, -1):
        das[t] = (from_output[t] + carry) * slope[t]
        carry = das[t] @ W_hh
    dW = das.T @ np.hstack([xs, h_prev])           # the merged [W_xh W_hh] gradient, then split
    return {"W_xh": dW[:, :D], "W_hh": dW[:, D:], "b_h": das.sum(0),
            "W_hy": dys.T @ hs, "b_y": dys.sum(0), "h0": carry}


def clip_gradients(grads, max_norm):
    arrays = {k: np.array(g, dtype=float) for k, g in grads.items()}
    norm = np.linalg.norm(np.concatenate([a.ravel() for a in arrays.values()]))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    if scale < 1.0:
        for a in arrays.values():
            a *= scale
    return arrays


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, dtype=float), np.asarray(dhs, dtype=float)
    T, D = xs.shape
    P = split_params(params, D)
    H = P["z"][3].shape[0]
    hs, cs = lstm_forward(xs, params, h0, c0)
    hp = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, dtype=float), hs[:-1]])
    cp = np.vstack([np.zeros(H) if c0 is None else np.asarray(c0, dtype=float), cs[:-1]])
    pre = {k: xs @ Wx.T + hp @ Wh.T + cp @ Wc.T + b for k, (Wx, Wh, Wc, b) in P.items()}
    gz = activation("tanh", pre["z"])
    s = {k: activation("sigmoid", pre[k]) for k in "ifo"}
    tc = activation("tanh", cs)
    d = {k: np.zeros((T, H)) for k in "zifo"}
    dh_next = np.zeros(H)
    dc_next = np.zeros(H)
    for t in range(T - 1, -1, -1):
        i, f, o = s["i"][t], s["f"][t], s["o"][t]
        dh = dhs[t] + dh_next
        dc = dc_next + dh * o * (1.0 - tc[t]) * (1.0 + tc[t])
        d["o"][t] = dh * tc[t] * (o - o * o)
        d["z"][t] = dc * i * (1.0 - gz[t]) * (1.0 + gz[t])
        d["i"][t] = dc * gz[t] * (i - i * i)
        d["f"][t] = dc * cp[t] * (f - f * f)
        dh_next = sum(d[k][t] @ P[k][1] for k in "zifo")
        dc_next = dc * f + sum(d[k][t] @ P[k][2] for k in "zifo")
    grads = {"h0": dh_next, "c0": dc_next}
    for k in "zifo":
        grads["W_" + k] = np.hstack([d[k].T @ xs, d[k].T @ hp, d[k].T @ cp])
        grads["b_" + k] = d[k].sum(0)
    return grads
