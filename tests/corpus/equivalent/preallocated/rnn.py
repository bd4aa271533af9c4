"""Simple RNNs. Memory is allocated once per call and filled in place."""
import numpy as np


def activation(name, v):
    v = np.asarray(v, dtype=np.float64)
    out = np.empty(v.shape)
    if name == "linear":
        out[...] = v
    elif name == "sigmoid":
        np.abs(v, out=out)
        np.negative(out, out=out)
        np.exp(out, out=out)                       # out = e^{-|v|}, in (0, 1]
        denom = out + 1.0
        np.divide(np.where(v >= 0, 1.0, out), denom, out=out)
    elif name == "tanh":
        np.tanh(v, out=out)
    elif name == "relu":
        np.maximum(v, 0.0, out=out)
    else:
        raise ValueError("activation: unknown name " + repr(name))
    return out


def _as(a):
    return np.asarray(a, dtype=np.float64)


def _fill_hidden(hs, xs, W_xh, W_hh, b_h, h_start, hidden):
    """Write the hidden states of one Elman layer into hs (T, H), row by row."""
    T, H = hs.shape
    pre = np.empty(H)
    for t in range(T):
        np.dot(W_xh, xs[t], out=pre)
        pre += W_hh @ (h_start if t == 0 else hs[t - 1])
        pre += b_h
        hs[t, :] = activation(hidden, pre)
    return hs


def _fill_outputs(ys, hs, W_hy, b_y, output):
    pre = np.empty(ys.shape[1])
    for t in range(ys.shape[0]):
        np.dot(W_hy, hs[t], out=pre)
        pre += b_y
        ys[t, :] = activation(output, pre)
    return ys


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = _as(xs)
    W_xh, W_hh, b_h, W_hy, b_y = (_as(params[k]) for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"))
    T, H, K = xs.shape[0], W_hh.shape[0], W_hy.shape[0]
    h_start = np.zeros(H)
    if h0 is not None:
        h_start[:] = h0
    hs = np.zeros((T, H))
    ys = np.zeros((T, K))
    _fill_hidden(hs, xs, W_xh, W_hh, b_h, h_start, hidden)
    _fill_outputs(ys, hs, W_hy, b_y, output)
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = _as(xs)
    W_xh, W_yh, b_h, W_hy, b_y = (_as(params[k]) for k in ("W_xh", "W_yh", "b_h", "W_hy", "b_y"))
    T, H, K = xs.shape[0], W_xh.shape[0], W_hy.shape[0]
    y_start = np.zeros(K)
    if y0 is not None:
        y_start[:] = y0
    hs = np.zeros((T, H))
    ys = np.zeros((T, K))
    pre_h = np.empty(H)
    pre_y = np.empty(K)
    for t in range(T):
        np.dot(W_xh, xs[t], out=pre_h)
        pre_h += W_yh @ (y_start if t == 0 else ys[t - 1])
        pre_h += b_h
        hs[t, :] = activation(hidden, pre_h)
        np.dot(W_hy, hs[t], out=pre_y)
        pre_y += b_y
        ys[t, :] = activation(output, pre_y)
    return ys, hs


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    below = _as(xs)
    T = below.shape[0]
    for layer in layers:
        W_xh, W_hh, b_h = (_as(layer[k]) for k in ("W_xh", "W_hh", "b_h"))
        hs = np.zeros((T, W_hh.shape[0]))
        _fill_hidden(hs, below, W_xh, W_hh, b_h, np.zeros(W_hh.shape[0]), hidden)
        below = hs
    W_hy, b_y = _as(head["W_hy"]), _as(head["b_y"])
    ys = np.zeros((T, W_hy.shape[0]))
    return _fill_outputs(ys, below, W_hy, b_y, output)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = _as(xs)
    T = xs.shape[0]
    H = np.shape(forward["W_hh"])[0]
    both = np.zeros((T, 2 * H))                   # columns :H forward, H: backward
    fwd = both[:, :H]                             # views: the layers write straight into `both`
    _fill_hidden(fwd, xs, _as(forward["W_xh"]), _as(forward["W_hh"]), _as(forward["b_h"]), np.zeros(H), hidden)
    bwd_rev = np.zeros((T, H))
    _fill_hidden(bwd_rev, xs[::-1], _as(backward["W_xh"]), _as(backward["W_hh"]), _as(backward["b_h"]),
                 np.zeros(H), hidden)
    for t in range(T):
        both[t, H:] = bwd_rev[T - 1 - t]
    W_hy, b_y = _as(head["W_hy"]), _as(head["b_y"])
    ys = np.zeros((T, W_hy.shape[0]))
    return _fill_outputs(ys, both, W_hy, b_y, output)
