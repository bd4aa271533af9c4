"""GRU as a fold."""
import itertools

import numpy as np

from rnn import sigmoid, tanh


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    W_r, W_u, W_h, b_r, b_u, b_h = (np.asarray(params[k], float) for k in ("W_r", "W_u", "W_h", "b_r", "b_u", "b_h"))

    def step(h, x):
        r = sigmoid(W_r @ np.concatenate([x, h]) + b_r)
        u = sigmoid(W_u @ np.concatenate([x, h]) + b_u)
        n = tanh(W_h @ np.concatenate([x, r * h]) + b_h)
        return u * h + (1 - u) * n

    start = np.zeros(W_r.shape[0]) if h0 is None else np.asarray(h0, dtype=float)
    return np.array(list(itertools.accumulate(xs, step, initial=start))[1:]).reshape(len(xs), W_r.shape[0])
