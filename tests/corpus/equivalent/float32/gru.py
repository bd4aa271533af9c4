"""GRU in float32."""
import numpy as np

from rnn import F32, activation, f32


def gru_forward(xs, params, h0=None):
    xs = f32(xs)
    W_r, W_u, W_h = (f32(params[k]).T for k in ("W_r", "W_u", "W_h"))
    b_r, b_u, b_h = (f32(params[k]) for k in ("b_r", "b_u", "b_h"))
    h = np.zeros(b_r.shape[0], F32) if h0 is None else f32(h0)
    hs = []
    for x in xs:
        xh = np.concatenate([x, h])
        r = activation("sigmoid", xh @ W_r + b_r)
        u = activation("sigmoid", xh @ W_u + b_u)
        n = np.tanh(np.concatenate([x, r * h]) @ W_h + b_h)
        h = u * h + (F32(1) - u) * n
        hs.append(h)
    return np.array(hs, F32)
