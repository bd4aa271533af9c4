# GRU with the reset and update gates stacked: one einsum gives both.
import numpy as np

from rnn import activation


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    W_ru = np.concatenate([params["W_r"], params["W_u"]], axis=0)   # (2H, D+H)
    b_ru = np.concatenate([params["b_r"], params["b_u"]])           # (2H,)
    W_n, b_n = params["W_h"], params["b_h"]
    H = W_n.shape[0]
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    out = []
    for x in xs:
        gates = np.einsum("gv,v->g", W_ru, np.concatenate([x, h])) + b_ru
        r, u = np.split(activation("sigmoid", gates), 2)
        n = np.tanh(np.einsum("hv,v->h", W_n, np.concatenate([x, r * h])) + b_n)
        h = u * h + (1.0 - u) * n
        out.append(h)
    return np.stack(out)
