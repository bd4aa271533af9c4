"""Recurrences as folds: a step closure, run over the sequence by itertools.accumulate."""
import functools
import itertools

import numpy as np


def sigmoid(v):
    # 1/(1+e^-v) = exp(-log(1 + e^-v)); logaddexp never overflows
    return np.exp(-np.logaddexp(0.0, -v))


def sigmoid_via_tanh(v):
    return 0.5 * (1.0 + tanh(0.5 * v))


def tanh(v):
    # tanh|v| = (1 - e^{-2|v|}) / (1 + e^{-2|v|}); expm1 keeps the small-|v| digits
    m = np.exp(-2.0 * np.abs(v))
    return np.sign(v) * -np.expm1(-2.0 * np.abs(v)) / (1.0 + m)


def relu(v):
    return v * (v > 0)


def identity(v):
    return v * 1.0


FUNCTIONS = {"linear": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}


def activation(name, v):
    if name not in FUNCTIONS:
        raise ValueError(f"activation {name!r} is not one of {list(FUNCTIONS)}")
    return FUNCTIONS[name](np.asarray(v, dtype=float))


def scan(step, xs, initial):
    """[s_1, ..., s_T] with s_t = step(s_{t-1}, x_t), stacked into an array."""
    return np.array(list(itertools.accumulate(xs, step, initial=initial))[1:])


def affine(W, b):
    return lambda v: W @ v + b


def elman_step(layer, hidden):
    f = FUNCTIONS[hidden]
    W_xh, W_hh, b_h = (np.asarray(layer[k], dtype=float) for k in ("W_xh", "W_hh", "b_h"))
    return lambda h, x: f(W_xh @ x + W_hh @ h + b_h)


def _zeros_like_rows(W):
    return np.zeros(np.shape(W)[0])


def _head(head, output):
    f, lin = FUNCTIONS[output], affine(np.asarray(head["W_hy"], float), np.asarray(head["b_y"], float))
    return lambda hs: np.array([f(lin(h)) for h in hs])


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    start = _zeros_like_rows(params["W_hh"]) if h0 is None else np.asarray(h0, dtype=float)
    hs = scan(elman_step(params, hidden), xs, start)
    return _head(params, output)(hs), hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    f, g = FUNCTIONS[hidden], FUNCTIONS[output]
    W_xh, W_yh, b_h, W_hy, b_y = (np.asarray(params[k], float) for k in ("W_xh", "W_yh", "b_h", "W_hy", "b_y"))

    def step(state, x):                     # the state carried along is (h, y); y is the memory
        _, y = state
        h = f(W_xh @ x + W_yh @ y + b_h)
        return h, g(W_hy @ h + b_y)

    y_start = _zeros_like_rows(W_hy) if y0 is None else np.asarray(y0, dtype=float)
    states = list(itertools.accumulate(xs, step, initial=(None, y_start)))[1:]
    return np.array([y for _, y in states]), np.array([h for h, _ in states])


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    top = functools.reduce(lambda seq, L: scan(elman_step(L, hidden), seq, _zeros_like_rows(L["W_hh"])),
                           layers, np.asarray(xs, dtype=float))
    return _head(head, output)(top)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    hf = scan(elman_step(forward, hidden), xs, _zeros_like_rows(forward["W_hh"]))
    hb = scan(elman_step(backward, hidden), xs[::-1], _zeros_like_rows(backward["W_hh"]))[::-1]
    return _head(head, output)(np.hstack([hf, hb]))
