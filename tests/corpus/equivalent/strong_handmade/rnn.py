"""Affine maps in homogeneous coordinates: W @ v + b == [W | b] @ [v, 1]."""
import numpy as np


def augment(W, b):
    """[W | b]: the bias as one more column."""
    return np.column_stack([np.asarray(W, dtype=float), np.asarray(b, dtype=float)])


def one_more(v):
    """[v, 1] for a vector, or a column of ones appended to a (T, n) batch."""
    v = np.asarray(v, dtype=float)
    return np.append(v, 1.0) if v.ndim == 1 else np.hstack([v, np.ones((v.shape[0], 1))])


def activation(name, v):
    v = np.asarray(v, dtype=float)
    if name == "linear":
        return np.copy(v)
    if name == "relu":
        return np.clip(v, 0.0, None)
    if name == "tanh":
        return np.tanh(v)
    if name == "sigmoid":
        big = v >= 0
        e = np.exp(np.where(big, -v, v))            # exponent always <= 0
        return np.where(big, 1.0, e) / (1.0 + e)
    raise ValueError("activation(): name must be linear, sigmoid, tanh or relu, got %r" % (name,))


def _elman_layer(xs, W_xh, W_hh, b_h, h, hidden):
    A = augment(np.hstack([W_xh, W_hh]), b_h)       # (H, D+H+1) acting on [x, h, 1]
    out = np.empty((len(xs), A.shape[0]))
    for t, x in enumerate(xs):
        h = activation(hidden, A @ one_more(np.concatenate([x, h])))
        out[t] = h
    return out


def _readout(hs, W_hy, b_y, output):
    return activation(output, one_more(hs) @ augment(W_hy, b_y).T)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = np.shape(params["W_hh"])[0]
    h = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    hs = _elman_layer(xs, params["W_xh"], params["W_hh"], params["b_h"], h, hidden)
    return _readout(hs, params["W_hy"], params["b_y"], output), hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    A_h = augment(np.hstack([params["W_xh"], params["W_yh"]]), params["b_h"])
    A_y = augment(params["W_hy"], params["b_y"])
    y = np.zeros(A_y.shape[0]) if y0 is None else np.asarray(y0, dtype=float)
    hs, ys = np.empty((len(xs), A_h.shape[0])), np.empty((len(xs), A_y.shape[0]))
    for t, x in enumerate(xs):
        hs[t] = activation(hidden, A_h @ one_more(np.concatenate([x, y])))
        ys[t] = y = activation(output, A_y @ one_more(hs[t]))
    return ys, hs


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = np.asarray(xs, dtype=float)
    for L in layers:
        seq = _elman_layer(seq, L["W_xh"], L["W_hh"], L["b_h"], np.zeros(np.shape(L["W_hh"])[0]), hidden)
    return _readout(seq, head["W_hy"], head["b_y"], output)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = np.shape(forward["W_hh"])[0]
    hf = _elman_layer(xs, forward["W_xh"], forward["W_hh"], forward["b_h"], np.zeros(H), hidden)
    hb = _elman_layer(xs[::-1], backward["W_xh"], backward["W_hh"], backward["b_h"], np.zeros(H), hidden)
    return _readout(np.hstack([hf, hb[::-1]]), head["W_hy"], head["b_y"], output)
