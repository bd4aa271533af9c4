"""GRU, preallocated."""
import numpy as np

from rnn import activation


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=np.float64)
    T, D = xs.shape
    W_r, W_u, W_h = (np.asarray(params[k], dtype=np.float64) for k in ("W_r", "W_u", "W_h"))
    H = W_r.shape[0]
    hs = np.zeros((T, H))
    xh = np.zeros(D + H)                          # concat(x_t, h_{t-1})
    xrh = np.zeros(D + H)                         # concat(x_t, r_t * h_{t-1})
    if h0 is not None:
        xh[D:] = h0
    r = np.empty(H)
    u = np.empty(H)
    n = np.empty(H)
    for t in range(T):
        xh[:D] = xs[t]
        xrh[:D] = xs[t]
        np.dot(W_r, xh, out=r)
        r[:] = activation("sigmoid", r + params["b_r"])
        np.dot(W_u, xh, out=u)
        u[:] = activation("sigmoid", u + params["b_u"])
        np.multiply(r, xh[D:], out=xrh[D:])
        np.dot(W_h, xrh, out=n)
        n += params["b_h"]
        np.tanh(n, out=n)
        hs[t] = u * xh[D:] + (1.0 - u) * n
        xh[D:] = hs[t]
    return hs
