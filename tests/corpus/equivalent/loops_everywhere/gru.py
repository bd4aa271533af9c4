# GRU unit by unit.
import math

import numpy as np

from rnn import sigmoid_scalar


def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    T, D = xs.shape
    H = len(params["b_r"])
    h = np.zeros(H)
    if h0 is not None:
        for j in range(H):
            h[j] = h0[j]
    hs = np.zeros((T, H))
    for t in range(T):
        r, u = np.zeros(H), np.zeros(H)
        for j in range(H):
            sr, su = params["b_r"][j], params["b_u"][j]
            for d in range(D):
                sr += params["W_r"][j][d] * xs[t][d]
                su += params["W_u"][j][d] * xs[t][d]
            for k in range(H):
                sr += params["W_r"][j][D + k] * h[k]
                su += params["W_u"][j][D + k] * h[k]
            r[j], u[j] = sigmoid_scalar(sr), sigmoid_scalar(su)
        new_h = np.zeros(H)
        for j in range(H):
            s = params["b_h"][j]
            for d in range(D):
                s += params["W_h"][j][d] * xs[t][d]
            for k in range(H):
                s += params["W_h"][j][D + k] * r[k] * h[k]
            n = math.tanh(s)
            new_h[j] = u[j] * h[j] + (1.0 - u[j]) * n
        h = new_h
        for j in range(H):
            hs[t, j] = h[j]
    return hs
