import numpy as np

from rnn import activation, debug

print("gru.py loaded")


def gru_forward(xs, params, h0=None):
    xs = np.array(xs, dtype=float)
    H = params["W_r"].shape[0]
    debug("gru_forward xs", xs.shape, "H =", H)
    if h0 is None:
        h = np.zeros(H)
    else:
        h = np.array(h0, dtype=float)
    hs = []
    for t in range(xs.shape[0]):
        xh = np.concatenate([xs[t], h])
        r = activation("sigmoid", np.dot(params["W_r"], xh) + params["b_r"])
        u = activation("sigmoid", np.dot(params["W_u"], xh) + params["b_u"])
        n = activation("tanh", np.dot(params["W_h"], np.concatenate([xs[t], r * h])) + params["b_h"])
        h = u * h + (1 - u) * n
        debug("  t =", t, "r =", r, "u =", u, "h =", h)
        hs.append(h)
    return np.array(hs)
