"""GRU from a step function."""
import numpy as np

from rnn import activation


def gru_step_forward(x, prev_h, params):
    xh = np.concatenate((x, prev_h))
    r = activation("sigmoid", params["W_r"] @ xh + params["b_r"])
    u = activation("sigmoid", params["W_u"] @ xh + params["b_u"])
    n = np.tanh(params["W_h"] @ np.concatenate((x, r * prev_h)) + params["b_h"])
    return u * prev_h + (1 - u) * n


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=np.float64)
    h = np.zeros(params["W_r"].shape[0]) if h0 is None else np.array(h0, dtype=np.float64)
    hs = []
    for x in xs:
        h = gru_step_forward(x, h, params)
        hs.append(h)
    return np.array(hs)
