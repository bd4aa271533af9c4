"""LSTM from step functions with caches."""
import numpy as np

from rnn import activation

GATES = ("z", "i", "f", "o")


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    i = activation("sigmoid", z_i)
    f = activation("sigmoid", z_f)
    o = activation("sigmoid", z_o)
    next_c = activation(g, z) * i + np.asarray(c_prev, dtype=np.float64) * f
    next_h = activation(h, next_c) * o
    return next_h, next_c


def handmade_lstm():
    w = np.zeros((4, 3))
    b = np.zeros(4)
    w[0] = (1, 0, 0)
    w[1], b[1] = (0, 100, 0), -10
    w[2], b[2] = (0, 100, 0), 10
    w[3], b[3] = (0, 0, 100), -10
    return {"w": w, "b": b}


def lstm_step_forward(x, prev_h, prev_c, params, g="tanh", h="tanh"):
    """One LSTM step. Returns next_h, next_c and a cache for lstm_step_backward."""
    v = np.concatenate((x, prev_h, prev_c))
    pre = [params["W_" + k] @ v + params["b_" + k] for k in GATES]
    next_h, next_c = lstm_cell(*pre, prev_c, g, h)
    cache = (v, pre, prev_c, next_c)
    return next_h, next_c, cache


def lstm_forward_with_caches(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    """lstm_forward, plus the list of per-step caches for lstm_backward."""
    xs = np.asarray(xs, dtype=np.float64)
    H = params["W_z"].shape[0]
    ht = np.zeros(H) if h0 is None else np.array(h0, dtype=np.float64)
    ct = np.zeros(H) if c0 is None else np.array(c0, dtype=np.float64)
    hs, cs, caches = [], [], []
    for x in xs:
        ht, ct, cache = lstm_step_forward(x, ht, ct, params, g, h)
        hs.append(ht)
        cs.append(ct)
        caches.append(cache)
    return np.array(hs).reshape(len(xs), H), np.array(cs).reshape(len(xs), H), caches


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    hs, cs, _ = lstm_forward_with_caches(xs, params, h0, c0, g, h)
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    out = np.asarray(xs, dtype=np.float64)
    for layer in layers:
        out, _ = lstm_forward(out, layer, g=g, h=h)
    return out
