# Everything with explicit loops over units, the way it is written on the blackboard.
import math

import numpy as np


def sigmoid_scalar(s):
    if s >= 0:
        return 1.0 / (1.0 + math.exp(-s))
    e = math.exp(s)
    return e / (1.0 + e)


def relu_scalar(s):
    return s if s > 0 else 0.0


def scalar_function(name):
    if name == "linear":
        return lambda s: s
    if name == "sigmoid":
        return sigmoid_scalar
    if name == "tanh":
        return math.tanh
    if name == "relu":
        return relu_scalar
    raise ValueError("unknown activation " + repr(name))


def activation(name, v):
    f = scalar_function(name)
    v = np.asarray(v, dtype=float)
    out = np.zeros(v.shape)
    for index in np.ndindex(*v.shape):
        out[index] = f(float(v[index]))
    return out


def layer_step(x, h_prev, W_in, W_rec, b, f):
    """One step, unit by unit: h_j = f(sum_d W_in[j,d] x_d + sum_k W_rec[j,k] h_prev_k + b_j)."""
    H = len(b)
    h = np.zeros(H)
    for j in range(H):
        s = b[j]
        for d in range(len(x)):
            s += W_in[j][d] * x[d]
        for k in range(len(h_prev)):
            s += W_rec[j][k] * h_prev[k]
        h[j] = f(s)
    return h


def readout_step(h, W_hy, b_y, f):
    K = len(b_y)
    y = np.zeros(K)
    for k in range(K):
        s = b_y[k]
        for j in range(len(h)):
            s += W_hy[k][j] * h[j]
        y[k] = f(s)
    return y


def run_layer(xs, W_in, W_rec, b, h, f):
    T, H = len(xs), len(b)
    hs = np.zeros((T, H))
    for t in range(T):
        h = layer_step(xs[t], h, W_in, W_rec, b, f)
        for j in range(H):
            hs[t, j] = h[j]
    return hs


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H, K = len(params["b_h"]), len(params["b_y"])
    h = np.zeros(H)
    if h0 is not None:
        for j in range(H):
            h[j] = h0[j]
    hs = run_layer(xs, params["W_xh"], params["W_hh"], params["b_h"], h, scalar_function(hidden))
    ys = np.zeros((len(xs), K))
    g = scalar_function(output)
    for t in range(len(xs)):
        ys[t] = readout_step(hs[t], params["W_hy"], params["b_y"], g)
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H, K = len(params["b_h"]), len(params["b_y"])
    f, g = scalar_function(hidden), scalar_function(output)
    y = np.zeros(K)
    if y0 is not None:
        for k in range(K):
            y[k] = y0[k]
    hs, ys = np.zeros((len(xs), H)), np.zeros((len(xs), K))
    for t in range(len(xs)):
        h = layer_step(xs[t], y, params["W_xh"], params["W_yh"], params["b_h"], f)
        y = readout_step(h, params["W_hy"], params["b_y"], g)
        for j in range(H):
            hs[t, j] = h[j]
        for k in range(K):
            ys[t, k] = y[k]
    return ys, hs


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = np.asarray(xs, dtype=float)
    f = scalar_function(hidden)
    for layer in layers:
        seq = run_layer(seq, layer["W_xh"], layer["W_hh"], layer["b_h"], np.zeros(len(layer["b_h"])), f)
    g = scalar_function(output)
    ys = np.zeros((len(seq), len(head["b_y"])))
    for t in range(len(seq)):
        ys[t] = readout_step(seq[t], head["W_hy"], head["b_y"], g)
    return ys


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    T, H = len(xs), len(forward["b_h"])
    f, g = scalar_function(hidden), scalar_function(output)
    hf = run_layer(xs, forward["W_xh"], forward["W_hh"], forward["b_h"], np.zeros(H), f)
    reversed_xs = np.zeros(xs.shape)
    for t in range(T):
        reversed_xs[t] = xs[T - 1 - t]
    hb_rev = run_layer(reversed_xs, backward["W_xh"], backward["W_hh"], backward["b_h"], np.zeros(H), f)
    ys = np.zeros((T, len(head["b_y"])))
    for t in range(T):
        both = np.zeros(2 * H)
        for j in range(H):
            both[j] = hf[t, j]
            both[H + j] = hb_rev[T - 1 - t, j]
        ys[t] = readout_step(both, head["W_hy"], head["b_y"], g)
    return ys
