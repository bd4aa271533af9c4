# LSTM cell by cell, unit by unit.
import numpy as np

from rnn import scalar_function, sigmoid_scalar


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    G, Hf = scalar_function(g), scalar_function(h)
    z, z_i, z_f, z_o, c_prev = (np.asarray(a, dtype=float) for a in (z, z_i, z_f, z_o, c_prev))
    c = np.zeros(z.shape)
    a = np.zeros(z.shape)
    for index in np.ndindex(*z.shape):
        c[index] = G(float(z[index])) * sigmoid_scalar(float(z_i[index])) \
            + float(c_prev[index]) * sigmoid_scalar(float(z_f[index]))
        a[index] = Hf(float(c[index])) * sigmoid_scalar(float(z_o[index]))
    return a, c


def handmade_lstm():
    w = np.zeros((4, 3))
    b = np.zeros(4)
    w[0][0] = 1.0
    w[1][1] = 100.0
    b[1] = -10.0
    w[2][1] = 100.0
    b[2] = 10.0
    w[3][2] = 100.0
    b[3] = -10.0
    return {"w": w, "b": b}


def _dot_row(W, j, v):
    s = 0.0
    for n in range(len(v)):
        s += W[j][n] * v[n]
    return s


def lstm_step(x, h_prev, c_prev, params, g, h):
    D, H = len(x), len(h_prev)
    v = np.zeros(D + 2 * H)
    for n in range(D):
        v[n] = x[n]
    for j in range(H):
        v[D + j] = h_prev[j]
        v[D + H + j] = c_prev[j]
    G, Hf = scalar_function(g), scalar_function(h)
    h_new, c_new = np.zeros(H), np.zeros(H)
    for j in range(H):      # cell j only uses row j of every transform
        z = _dot_row(params["W_z"], j, v) + params["b_z"][j]
        zi = _dot_row(params["W_i"], j, v) + params["b_i"][j]
        zf = _dot_row(params["W_f"], j, v) + params["b_f"][j]
        zo = _dot_row(params["W_o"], j, v) + params["b_o"][j]
        c_new[j] = G(z) * sigmoid_scalar(zi) + c_prev[j] * sigmoid_scalar(zf)
        h_new[j] = Hf(c_new[j]) * sigmoid_scalar(zo)
    return h_new, c_new


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    T, H = len(xs), len(params["b_z"])
    h_t, c_t = np.zeros(H), np.zeros(H)
    for j in range(H):
        if h0 is not None:
            h_t[j] = h0[j]
        if c0 is not None:
            c_t[j] = c0[j]
    hs, cs = np.zeros((T, H)), np.zeros((T, H))
    for t in range(T):
        h_t, c_t = lstm_step(xs[t], h_t, c_t, params, g, h)
        for j in range(H):
            hs[t, j] = h_t[j]
            cs[t, j] = c_t[j]
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    seq = np.asarray(xs, dtype=float)
    for layer in layers:
        seq, _ = lstm_forward(seq, layer, g=g, h=h)
    return seq
