"""LSTM in float32, row-vector convention."""
import numpy as np

from rnn import F32, activation, f32


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    c = activation(g, z) * activation("sigmoid", z_i) + f32(c_prev) * activation("sigmoid", z_f)
    return activation(h, c) * activation("sigmoid", z_o), c


def handmade_lstm():
    w = np.zeros((4, 3), F32)
    b = np.zeros(4, F32)
    w[0, 0] = 1                      # z: the value x1
    w[1, 1], b[1] = 200, -100        # input gate: open only for x2 = 1
    w[2, 1], b[2] = 200, 100         # forget gate: closed (forget) only for x2 = -1
    w[3, 2], b[3] = 200, -100        # output gate: open only for x3 = 1
    return {"w": w, "b": b}


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = f32(xs)
    D = xs.shape[1]
    Wt = {k: f32(params["W_" + k]).T for k in "zifo"}      # (D+2H, H) each
    b = {k: f32(params["b_" + k]) for k in "zifo"}
    H = b["z"].shape[0]
    h_t = np.zeros(H, F32) if h0 is None else f32(h0)
    c_t = np.zeros(H, F32) if c0 is None else f32(c0)
    hs, cs = [], []
    for x in xs:
        v = np.concatenate([x, h_t, c_t])
        pre = [v @ Wt[k] + b[k] for k in "zifo"]
        h_t, c_t = lstm_cell(*pre, c_t, g, h)
        hs.append(h_t)
        cs.append(c_t)
    return np.array(hs, F32).reshape(len(xs), H), np.array(cs, F32).reshape(len(xs), H)


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    seq = f32(xs)
    for layer in layers:
        seq = lstm_forward(seq, layer, g=g, h=h)[0]
    return seq
