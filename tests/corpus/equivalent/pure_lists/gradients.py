# Backprop through time by hand, on Python lists.
import math

from lstm import lstm_forward
from rnn import SCALAR, add, elman_forward, matvec, plain


def transpose(M):
    return [list(col) for col in zip(*M)]


def outer(a, b):
    return [[x * y for y in b] for x in a]


def madd(A, B):
    return [add(ra, rb) for ra, rb in zip(A, B)]


def zeros(rows, cols=None):
    return [0.0] * rows if cols is None else [[0.0] * cols for _ in range(rows)]


def linear_rnn(w, xs):
    w, a, ys = float(w), 0.0, []
    for x in plain(xs):
        a = w * a + x
        ys.append(a)
    return ys


def linear_rnn_grad(w, xs):
    w = float(w)
    states = [0.0] + linear_rnn(w, xs)            # a_0 .. a_T
    grad, delta = 0.0, 1.0                          # delta = d y_T / d a_t, starting at t = T
    for t in range(len(states) - 1, 0, -1):
        grad += delta * states[t - 1]
        delta *= w
    return grad


def elman_backward(xs, params, dys, h0=None):
    p = {k: plain(v) for k, v in params.items()}
    xs, dys = plain(xs), plain(dys)
    H, D, K = len(p["b_h"]), len(xs[0]), len(p["b_y"])
    _, hs = elman_forward(xs, p, h0, "tanh", "linear")
    prev = [[0.0] * H if h0 is None else plain(h0)] + hs[:-1]
    WhyT, WhhT = transpose(p["W_hy"]), transpose(p["W_hh"])
    g = {"W_xh": zeros(H, D), "W_hh": zeros(H, H), "b_h": zeros(H), "W_hy": zeros(K, H), "b_y": zeros(K)}
    dh_next = zeros(H)
    for t in reversed(range(len(xs))):
        dh = add(matvec(WhyT, dys[t]), dh_next)
        da = [d * (1.0 - hv * hv) for d, hv in zip(dh, hs[t])]
        g["W_xh"] = madd(g["W_xh"], outer(da, xs[t]))
        g["W_hh"] = madd(g["W_hh"], outer(da, prev[t]))
        g["b_h"] = add(g["b_h"], da)
        g["W_hy"] = madd(g["W_hy"], outer(dys[t], hs[t]))
        g["b_y"] = add(g["b_y"], dys[t])
        dh_next = matvec(WhhT, da)
    g["h0"] = dh_next
    return g


def _flat(x):
    if isinstance(x, list):
        for y in x:
            yield from _flat(y)
    else:
        yield x


def _scale(x, s):
    return [_scale(y, s) for y in x] if isinstance(x, list) else x * s


def clip_gradients(grads, max_norm):
    lists = {k: plain(v) for k, v in grads.items()}
    norm = math.sqrt(sum(x * x for v in lists.values() for x in _flat(v)))
    if norm <= max_norm:
        return lists
    return {k: _scale(v, max_norm / norm) for k, v in lists.items()}


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    p = {k: plain(v) for k, v in params.items()}
    xs, dhs = plain(xs), plain(dhs)
    H, D = len(p["b_z"]), len(xs[0])
    sig = SCALAR["sigmoid"]
    hs, cs = lstm_forward(xs, p, h0, c0)
    h_prev = [[0.0] * H if h0 is None else plain(h0)] + hs[:-1]
    c_prev = [[0.0] * H if c0 is None else plain(c0)] + cs[:-1]
    g = {}
    for k in "zifo":
        g["W_" + k] = zeros(H, D + 2 * H)
        g["b_" + k] = zeros(H)
    WT = {k: transpose(p["W_" + k]) for k in "zifo"}
    dh_next, dc_next = zeros(H), zeros(H)
    for t in reversed(range(len(xs))):
        v = xs[t] + h_prev[t] + c_prev[t]
        pre = {k: add(matvec(p["W_" + k], v), p["b_" + k]) for k in "zifo"}
        gz = [math.tanh(a) for a in pre["z"]]
        gi = [sig(a) for a in pre["i"]]
        gf = [sig(a) for a in pre["f"]]
        go = [sig(a) for a in pre["o"]]
        tc = [math.tanh(c) for c in cs[t]]
        dh = add(dhs[t], dh_next)
        dc = [dc_next[j] + dh[j] * go[j] * (1.0 - tc[j] ** 2) for j in range(H)]
        dpre = {
            "z": [dc[j] * gi[j] * (1.0 - gz[j] ** 2) for j in range(H)],
            "i": [dc[j] * gz[j] * gi[j] * (1.0 - gi[j]) for j in range(H)],
            "f": [dc[j] * c_prev[t][j] * gf[j] * (1.0 - gf[j]) for j in range(H)],
            "o": [dh[j] * tc[j] * go[j] * (1.0 - go[j]) for j in range(H)],
        }
        dv = zeros(D + 2 * H)
        for k in "zifo":
            g["W_" + k] = madd(g["W_" + k], outer(dpre[k], v))
            g["b_" + k] = add(g["b_" + k], dpre[k])
            dv = add(dv, matvec(WT[k], dpre[k]))
        dh_next = dv[D:D + H]
        dc_next = [dc[j] * gf[j] + dv[D + H + j] for j in range(H)]
    g["h0"], g["c0"] = dh_next, dc_next
    return g
