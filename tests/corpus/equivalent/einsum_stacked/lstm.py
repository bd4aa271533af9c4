# LSTM with the four transforms stacked into one matrix: one einsum per time step.
import numpy as np

from rnn import activation

ORDER = ("z", "i", "f", "o")


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    gates = activation("sigmoid", np.stack(np.broadcast_arrays(z_i, z_f, z_o)))
    c = activation(g, z) * gates[0] + np.asarray(c_prev, dtype=float) * gates[1]
    a = activation(h, c) * gates[2]
    return a, c


def handmade_lstm():
    # columns x1, x2, x3; rows z, z_i, z_f, z_o
    w = np.array([[1.0, 0.0, 0.0],
                  [0.0, 50.0, 0.0],
                  [0.0, 50.0, 0.0],
                  [0.0, 0.0, 50.0]])
    b = np.array([0.0, -25.0, 25.0, -25.0])
    return {"w": w, "b": b}


def stack_gates(params):
    W = np.concatenate([params["W_" + k] for k in ORDER], axis=0)   # (4H, D+2H)
    b = np.concatenate([params["b_" + k] for k in ORDER])           # (4H,)
    return W, b


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    W, b = stack_gates(params)
    H = W.shape[0] // 4
    h_t = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c_t = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    hs, cs = np.zeros((len(xs), H)), np.zeros((len(xs), H))
    for t, x in enumerate(xs):
        v = np.concatenate([x, h_t, c_t])
        z, z_i, z_f, z_o = np.split(np.einsum("gv,v->g", W, v) + b, 4)
        h_t, c_t = lstm_cell(z, z_i, z_f, z_o, c_t, g, h)
        hs[t], cs[t] = h_t, c_t
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    out = np.asarray(xs, dtype=float)
    for p in layers:
        out = lstm_forward(out, p, g=g, h=h)[0]
    return out
