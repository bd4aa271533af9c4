"""GRU in homogeneous coordinates."""
import numpy as np

from rnn import activation, augment, one_more


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    A_r = augment(params["W_r"], params["b_r"])
    A_u = augment(params["W_u"], params["b_u"])
    A_n = augment(params["W_h"], params["b_h"])
    H = A_r.shape[0]
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    hs = np.empty((len(xs), H))
    for t, x in enumerate(xs):
        xh1 = one_more(np.concatenate([x, h]))
        r = activation("sigmoid", A_r @ xh1)
        u = activation("sigmoid", A_u @ xh1)
        n = activation("tanh", A_n @ one_more(np.concatenate([x, r * h])))
        h = u * h + (1.0 - u) * n
        hs[t] = h
    return hs
