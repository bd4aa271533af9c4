"""GRU, rearranged.

    W_h @ concat(x, r*h) = W_hx @ x + (W_hh * r) @ h     (r scales the columns of W_hh)
    u*h + (1-u)*n        = n + u*(h - n)
"""
import numpy as np

from rnn import activation


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    T, D = xs.shape
    W_r, W_u, W_h = (np.asarray(params[k], dtype=float) for k in ("W_r", "W_u", "W_h"))
    H = W_r.shape[0]
    Rx = xs @ W_r[:, :D].T + params["b_r"]
    Ux = xs @ W_u[:, :D].T + params["b_u"]
    Nx = xs @ W_h[:, :D].T + params["b_h"]
    W_rh, W_uh, W_nh = W_r[:, D:], W_u[:, D:], W_h[:, D:]
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    hs = np.empty((T, H))
    for t in range(T):
        r = activation("sigmoid", Rx[t] + W_rh @ h)
        u = activation("sigmoid", Ux[t] + W_uh @ h)
        n = activation("tanh", Nx[t] + (W_nh * r) @ h)
        h = n + u * (h - n)
        hs[t] = h
    return hs
