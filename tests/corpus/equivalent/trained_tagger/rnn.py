"""RNN layers built from single-step functions that return a cache for the backward pass."""
import numpy as np


def activation(name, v):
    x = np.asarray(v, dtype=np.float64)
    if name == "sigmoid":
        z = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    if name == "tanh":
        return np.tanh(x)
    if name == "relu":
        return x * (x > 0) + 0.0
    if name == "linear":
        return x + 0.0
    raise ValueError("Invalid activation '%s'" % name)


def rnn_step_forward(x, prev_h, Wx, Wh, b, hidden="tanh"):
    """One step of an Elman layer. Returns next_h and the cache for rnn_step_backward."""
    next_h = activation(hidden, Wx @ x + Wh @ prev_h + b)
    cache = (x, prev_h, next_h, Wx, Wh)
    return next_h, cache


def rnn_forward(xs, h0, Wx, Wh, b, hidden="tanh"):
    """Run rnn_step_forward over the sequence. Returns hs (T, H) and the list of caches."""
    h, hs, caches = h0, [], []
    for x in xs:
        h, cache = rnn_step_forward(x, h, Wx, Wh, b, hidden)
        hs.append(h)
        caches.append(cache)
    return np.array(hs), caches


def affine_forward(hs, W, b, output="linear"):
    """y_t = output(W h_t + b) for all t."""
    return activation(output, hs @ W.T + b)


def _start(state, n):
    return np.zeros(n) if state is None else np.array(state, dtype=np.float64)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=np.float64)
    hs, _ = rnn_forward(xs, _start(h0, params["W_hh"].shape[0]), params["W_xh"], params["W_hh"], params["b_h"],
                        hidden)
    return affine_forward(hs, params["W_hy"], params["b_y"], output), hs


def jordan_step_forward(x, prev_y, p, hidden="tanh", output="linear"):
    h = activation(hidden, p["W_xh"] @ x + p["W_yh"] @ prev_y + p["b_h"])
    y = activation(output, p["W_hy"] @ h + p["b_y"])
    return h, y


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=np.float64)
    y = _start(y0, params["W_hy"].shape[0])
    hs, ys = [], []
    for x in xs:
        h, y = jordan_step_forward(x, y, params, hidden, output)
        hs.append(h)
        ys.append(y)
    return np.array(ys), np.array(hs)


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    hs = np.asarray(xs, dtype=np.float64)
    for layer in layers:
        hs, _ = rnn_forward(hs, np.zeros(layer["W_hh"].shape[0]), layer["W_xh"], layer["W_hh"], layer["b_h"], hidden)
    return affine_forward(hs, head["W_hy"], head["b_y"], output)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=np.float64)
    H = forward["W_hh"].shape[0]
    hf, _ = rnn_forward(xs, np.zeros(H), forward["W_xh"], forward["W_hh"], forward["b_h"], hidden)
    hb, _ = rnn_forward(xs[::-1], np.zeros(H), backward["W_xh"], backward["W_hh"], backward["b_h"], hidden)
    return affine_forward(np.concatenate((hf, hb[::-1]), axis=1), head["W_hy"], head["b_y"], output)
