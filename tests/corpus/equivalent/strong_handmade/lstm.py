"""LSTM in homogeneous coordinates, and a hand-built cell with hard gates."""
import numpy as np

from rnn import activation, augment, one_more

GATE_KEYS = ("z", "i", "f", "o")


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    i, f, o = (activation("sigmoid", a) for a in (z_i, z_f, z_o))
    c = i * activation(g, z) + f * np.asarray(c_prev, dtype=float)
    return o * activation(h, c), c


def handmade_lstm():
    """Gates far into saturation, so they are exactly 0 or 1 in float64.

        z   = x1
        z_i = 1000 x2 - 100     open (900) for x2 = 1, shut (-100, -1100) otherwise
        z_f = 1000 x2 + 100     shut (-900) for x2 = -1, open (100, 1100) otherwise
        z_o = 1000 x3 - 100     open for x3 = 1
    """
    w = np.array([[1.0, 0.0, 0.0],
                  [0.0, 1000.0, 0.0],
                  [0.0, 1000.0, 0.0],
                  [0.0, 0.0, 1000.0]])
    b = np.array([0.0, -100.0, 100.0, -100.0])
    return {"w": w, "b": b}


def augmented_gates(params):
    """(4, H, D+2H+1): [W_k | b_k] for k = z, i, f, o."""
    return np.stack([augment(params["W_" + k], params["b_" + k]) for k in GATE_KEYS])


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    A = augmented_gates(params)
    H = A.shape[1]
    a = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    hs, cs = np.empty((len(xs), H)), np.empty((len(xs), H))
    for t, x in enumerate(xs):
        pre = A @ one_more(np.concatenate([x, a, c]))       # (4, H)
        a, c = lstm_cell(pre[0], pre[1], pre[2], pre[3], c, g, h)
        hs[t], cs[t] = a, c
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    seq = np.asarray(xs, dtype=float)
    for p in layers:
        seq, _ = lstm_forward(seq, p, g=g, h=h)
    return seq
