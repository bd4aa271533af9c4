"""LSTM, preallocated."""
import numpy as np

from rnn import activation

KEYS = ("z", "i", "f", "o")


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    c = np.empty(np.shape(z))
    c[...] = activation(g, z)
    c *= activation("sigmoid", z_i)
    c += np.asarray(c_prev, dtype=np.float64) * activation("sigmoid", z_f)
    a = np.empty(c.shape)
    a[...] = activation(h, c)
    a *= activation("sigmoid", z_o)
    return a, c


def handmade_lstm():
    w = np.zeros((4, 3))
    b = np.zeros(4)
    w[0, 0] = 1.0
    w[1, 1] = 100.0
    b[1] = -30.0
    w[2, 1] = 100.0
    b[2] = 30.0
    w[3, 2] = 100.0
    b[3] = -30.0
    return {"w": w, "b": b}


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=np.float64)
    T, D = xs.shape
    H = np.shape(params["b_z"])[0]
    W = np.zeros((4, H, D + 2 * H))
    b = np.zeros((4, H))
    for n, k in enumerate(KEYS):
        W[n] = params["W_" + k]
        b[n] = params["b_" + k]
    hs = np.zeros((T, H))
    cs = np.zeros((T, H))
    v = np.zeros(D + 2 * H)                       # concat(x_t, h_{t-1}, c_{t-1}), rewritten every step
    if h0 is not None:
        v[D:D + H] = h0
    if c0 is not None:
        v[D + H:] = c0
    pre = np.zeros((4, H))
    for t in range(T):
        v[:D] = xs[t]
        for n in range(4):
            np.dot(W[n], v, out=pre[n])
        pre += b
        hs[t], cs[t] = lstm_cell(pre[0], pre[1], pre[2], pre[3], v[D + H:], g, h)
        v[D:D + H] = hs[t]
        v[D + H:] = cs[t]
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    out = np.asarray(xs, dtype=np.float64)
    for layer in layers:
        out, _ = lstm_forward(out, layer, g=g, h=h)
    return out
