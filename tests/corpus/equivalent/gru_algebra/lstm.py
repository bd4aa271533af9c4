"""LSTM with every transform sliced into its x, h and c parts, named."""
import numpy as np

from rnn import activation


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    keep = np.asarray(c_prev, dtype=float) * activation("sigmoid", z_f)
    write = activation(g, z) * activation("sigmoid", z_i)
    c = keep + write
    return activation("sigmoid", z_o) * activation(h, c), c


def handmade_lstm():
    # z = x1; gates 100*x - 10 style, but written as 100*(x - 0.1) and 100*(x + 0.1)
    w = 100.0 * np.array([[0.01, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]])
    b = 100.0 * np.array([0.0, -0.1, 0.1, -0.1])
    return {"w": w, "b": b}


def split_params(params, D):
    """{'z': (Wx, Wh, Wc, b), 'i': ..., ...} with Wx (H, D), Wh (H, H), Wc (H, H)."""
    parts = {}
    for k in "zifo":
        W = np.asarray(params["W_" + k], dtype=float)
        H = W.shape[0]
        parts[k] = (W[:, :D], W[:, D:D + H], W[:, D + H:], np.asarray(params["b_" + k], dtype=float))
    return parts


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    T, D = xs.shape
    P = split_params(params, D)
    Wzx, Wzh, Wzc, bz = P["z"]
    Wix, Wih, Wic, bi = P["i"]
    Wfx, Wfh, Wfc, bf = P["f"]
    Wox, Woh, Woc, bo = P["o"]
    H = bz.shape[0]
    # the x parts do not depend on the recurrence: all steps at once
    Zx, Ix, Fx, Ox = xs @ Wzx.T + bz, xs @ Wix.T + bi, xs @ Wfx.T + bf, xs @ Wox.T + bo
    a = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    hs, cs = np.empty((T, H)), np.empty((T, H))
    for t in range(T):
        z = Zx[t] + Wzh @ a + Wzc @ c
        zi = Ix[t] + Wih @ a + Wic @ c
        zf = Fx[t] + Wfh @ a + Wfc @ c
        zo = Ox[t] + Woh @ a + Woc @ c
        a, c = lstm_cell(z, zi, zf, zo, c, g, h)
        hs[t], cs[t] = a, c
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    hs = np.asarray(xs, dtype=float)
    for p in layers:
        hs = lstm_forward(hs, p, g=g, h=h)[0]
    return hs
