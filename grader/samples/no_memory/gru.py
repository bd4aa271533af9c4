"""Gated recurrent unit: the lecture's "simplified, stronger LSTM".

Two gates instead of three, and no separate memory: the update gate u mixes the
old state with a candidate, so u = 1 keeps h and u = 0 replaces it.
"""

import numpy as np

from rnn import activation

__all__ = ["gru_forward"]


def gru_forward(xs, params, h0=None):
    """A GRU layer of H units over a sequence of T steps of D inputs.

        r_t = σ(W_r @ concat(x_t, h_{t-1}) + b_r)              reset gate
        u_t = σ(W_u @ concat(x_t, h_{t-1}) + b_u)              update gate
        n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h)     candidate
        h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t

    Inputs:
    - xs: (T, D) input sequence
    - params: W_r, W_u, W_h (H, D+H) and b_r, b_u, b_h (H,)
    - h0: (H,) initial state, zeros when None

    Returns hs (T, H).
    """
    xs = np.asarray(xs)
    T, D = xs.shape
    W_r, W_u, W_h = params["W_r"], params["W_u"], params["W_h"]
    H = W_r.shape[0]
    dtype = np.result_type(xs, W_r, 1.0)
    xr = xs @ W_r[:, :D].T + params["b_r"]           # (T, H) input parts, all steps at once
    xu = xs @ W_u[:, :D].T + params["b_u"]           # (T, H)
    xn = xs @ W_h[:, :D].T + params["b_h"]           # (T, H)
    hs = np.empty((T, H), dtype=dtype)               # (T, H)
    h = np.zeros(H, dtype) if h0 is None else np.array(h0, dtype)
    for t in range(T):
        r = activation("sigmoid", xr[t] + W_r[:, D:] @ h)
        u = activation("sigmoid", xu[t] + W_u[:, D:] @ h)
        n = np.tanh(xn[t] + W_h[:, D:] @ (r * h))
        h = u * h + (1 - u) * n
        hs[t] = h
    return hs
