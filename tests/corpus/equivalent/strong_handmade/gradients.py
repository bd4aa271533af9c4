"""BPTT on augmented matrices: the bias gradient is the last column of [dW | db]."""
import numpy as np

from lstm import GATE_KEYS, augmented_gates, lstm_forward
from rnn import activation, elman_forward, one_more


def linear_rnn(w, xs):
    xs = np.asarray(xs, dtype=float)
    ys = np.empty(len(xs))
    a = 0.0
    for t in range(len(xs)):
        a = w * a + xs[t]
        ys[t] = a
    return ys


def linear_rnn_grad(w, xs):
    a = linear_rnn(w, xs)
    grad = 0.0
    delta = 1.0                                  # d y_T / d a_t, from t = T down
    for t in range(len(a) - 1, 0, -1):
        grad += delta * a[t - 1]
        delta *= w
    return float(grad)                           # the t = 1 term is delta * a_0 = 0


def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, dtype=float), np.asarray(dys, dtype=float)
    D = xs.shape[1]
    W_hh, W_hy = np.asarray(params["W_hh"], float), np.asarray(params["W_hy"], float)
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    prev = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, float), hs[:-1]])
    inputs = one_more(np.hstack([xs, prev]))     # (T, D+H+1): [x_t, h_{t-1}, 1]
    dA = np.zeros((H, D + H + 1))                # gradient of [W_xh | W_hh | b_h]
    dA_y = one_more(hs).T @ dys                  # (H+1, K): gradient of [W_hy | b_y], transposed
    dnext = np.zeros(H)
    for t in reversed(range(len(xs))):
        da = (W_hy.T @ dys[t] + dnext) * (1.0 - hs[t] ** 2)
        dA += np.outer(da, inputs[t])
        dnext = W_hh.T @ da
    return {"W_xh": dA[:, :D], "W_hh": dA[:, D:D + H], "b_h": dA[:, -1],
            "W_hy": dA_y[:-1].T, "b_y": dA_y[-1], "h0": dnext}


def clip_gradients(grads, max_norm):
    total = sum(float(np.vdot(g, g)) for g in map(np.asarray, grads.values()))
    norm = total ** 0.5
    ratio = max_norm / norm if norm > max_norm else 1.0
    return {name: ratio * np.asarray(g, dtype=float) for name, g in grads.items()}


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, dtype=float), np.asarray(dhs, dtype=float)
    T, D = xs.shape
    A = augmented_gates(params)                  # (4, H, D+2H+1)
    H = A.shape[1]
    hs, cs = lstm_forward(xs, params, h0, c0)
    hp = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, float), hs[:-1]])
    cp = np.vstack([np.zeros(H) if c0 is None else np.asarray(c0, float), cs[:-1]])
    V1 = one_more(np.hstack([xs, hp, cp]))       # (T, D+2H+1)
    pre = np.einsum("khv,tv->kth", A, V1)        # (4, T, H)
    gz = np.tanh(pre[0])
    gi, gf, go = activation("sigmoid", pre[1:])
    tc = np.tanh(cs)
    dA = np.zeros_like(A)
    dh_next, dc_next = np.zeros(H), np.zeros(H)
    for t in reversed(range(T)):
        dh = dhs[t] + dh_next
        dc = dc_next + dh * go[t] * (1.0 - tc[t] ** 2)
        dpre = np.array([dc * gi[t] * (1.0 - gz[t] ** 2),
                         dc * gz[t] * gi[t] * (1.0 - gi[t]),
                         dc * cp[t] * gf[t] * (1.0 - gf[t]),
                         dh * tc[t] * go[t] * (1.0 - go[t])])   # (4, H)
        dA += dpre[:, :, None] * V1[t][None, None, :]
        dv = np.einsum("khv,kh->v", A, dpre)[:-1]               # drop the constant 1's slot
        dh_next = dv[D:D + H]
        dc_next = dc * gf[t] + dv[D + H:]
    grads = {"h0": dh_next, "c0": dc_next}
    for n, k in enumerate(GATE_KEYS):
        grads["W_" + k] = dA[n, :, :-1]
        grads["b_" + k] = dA[n, :, -1]
    return grads
