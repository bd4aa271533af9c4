# Backprop through time, outer products and transposed products spelled out with einsum.
import numpy as np

from lstm import ORDER, lstm_forward, stack_gates
from rnn import elman_forward


def linear_rnn(w, xs):
    a, ys = 0.0, []
    for x in np.asarray(xs, dtype=float):
        a = w * a + x
        ys.append(a)
    return np.array(ys)


def linear_rnn_grad(w, xs):
    a = np.concatenate([[0.0], linear_rnn(w, xs)])     # a_0 .. a_T
    T = len(a) - 1
    total, upstream = 0.0, 1.0                          # upstream = d y_T / d a_t
    for t in range(T, 0, -1):
        total += upstream * a[t - 1]                    # a_t = w a_{t-1} + x_t
        upstream = upstream * w
    return float(total)


def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, dtype=float), np.asarray(dys, dtype=float)
    W_hh, W_hy = params["W_hh"], params["W_hy"]
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    prev = np.vstack([np.zeros((1, H)) if h0 is None else np.asarray(h0, dtype=float)[None], hs[:-1]])
    g = {k: np.zeros_like(np.asarray(v, dtype=float)) for k, v in params.items()}
    carry = np.zeros(H)
    for t in reversed(range(len(xs))):
        dh = np.einsum("kh,k->h", W_hy, dys[t]) + carry
        da = dh * (1.0 - hs[t] ** 2)
        g["W_xh"] += np.einsum("i,j->ij", da, xs[t])
        g["W_hh"] += np.einsum("i,j->ij", da, prev[t])
        g["b_h"] += da
        g["W_hy"] += np.einsum("k,h->kh", dys[t], hs[t])
        g["b_y"] += dys[t]
        carry = np.einsum("ij,i->j", W_hh, da)
    g["h0"] = carry
    return g


def clip_gradients(grads, max_norm):
    flat = np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in grads.values()])
    norm = np.sqrt(np.einsum("i,i->", flat, flat))
    factor = max_norm / norm if norm > max_norm else 1.0
    return {k: np.asarray(v, dtype=float) * factor for k, v in grads.items()}


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, dtype=float), np.asarray(dhs, dtype=float)
    T, D = xs.shape
    W, b = stack_gates(params)                          # (4H, D+2H), (4H,)
    H = W.shape[0] // 4
    hs, cs = lstm_forward(xs, params, h0, c0)
    h_init = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c_init = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    hp = np.vstack([h_init, hs[:-1]])
    cp = np.vstack([c_init, cs[:-1]])
    V = np.concatenate([xs, hp, cp], axis=1)            # (T, D+2H)
    A = np.einsum("gv,tv->tg", W, V) + b                # (T, 4H) all pre-activations
    act = np.concatenate([np.tanh(A[:, :H]), 1.0 / (1.0 + np.exp(-np.clip(A[:, H:], -700, 700)))], axis=1)
    gz, gi, gf, go = np.split(act, 4, axis=1)
    tc = np.tanh(cs)
    dW, db = np.zeros_like(W), np.zeros_like(b)
    dh_carry, dc_carry = np.zeros(H), np.zeros(H)
    for t in range(T - 1, -1, -1):
        dh = dhs[t] + dh_carry
        dc = dc_carry + dh * go[t] * (1.0 - tc[t] ** 2)
        dA = np.concatenate([
            dc * gi[t] * (1.0 - gz[t] ** 2),
            dc * gz[t] * gi[t] * (1.0 - gi[t]),
            dc * cp[t] * gf[t] * (1.0 - gf[t]),
            dh * tc[t] * go[t] * (1.0 - go[t]),
        ])
        dW += np.einsum("g,v->gv", dA, V[t])
        db += dA
        dv = np.einsum("gv,g->v", W, dA)
        dh_carry = dv[D:D + H]
        dc_carry = dc * gf[t] + dv[D + H:]
    grads = {}
    for n, k in enumerate(ORDER):
        grads["W_" + k] = dW[n * H:(n + 1) * H]
        grads["b_" + k] = db[n * H:(n + 1) * H]
    grads["h0"], grads["c0"] = dh_carry, dc_carry
    return grads
