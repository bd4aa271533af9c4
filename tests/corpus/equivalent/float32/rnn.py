"""RNNs in single precision (half the memory; the contract allows float32 results).

Row-vector convention: a state is a row, so a layer is  h @ W.T.
"""
import numpy as np

F32 = np.float32


def f32(a):
    """A float32 copy of a (never a view of the caller's array)."""
    return np.array(a, dtype=F32)


def _sigmoid(v):
    e = np.exp(-np.abs(v))                      # in (0, 1]: cannot overflow
    return np.where(v >= 0, F32(1) / (F32(1) + e), e / (F32(1) + e)).astype(F32)


_ACT = {
    "linear": lambda v: v,
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "relu": lambda v: np.maximum(v, F32(0)),
}


def activation(name, v):
    try:
        fn = _ACT[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}") from None
    return fn(f32(v))


def _layer(xs, W_xh, W_hh, b_h, h, hidden):
    proj = xs @ f32(W_xh).T + f32(b_h)          # (T, H) float32
    W_hh_T = f32(W_hh).T
    out = []
    for row in proj:
        h = activation(hidden, row + h @ W_hh_T)
        out.append(h)
    return np.array(out, dtype=F32)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = f32(xs)
    H = np.shape(params["W_hh"])[0]
    h = np.zeros(H, F32) if h0 is None else f32(h0)
    hs = _layer(xs, params["W_xh"], params["W_hh"], params["b_h"], h, hidden)
    ys = activation(output, hs @ f32(params["W_hy"]).T + f32(params["b_y"]))
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = f32(xs)
    W_xh, W_yh, b_h = f32(params["W_xh"]), f32(params["W_yh"]), f32(params["b_h"])
    W_hy, b_y = f32(params["W_hy"]), f32(params["b_y"])
    y = np.zeros(W_hy.shape[0], F32) if y0 is None else f32(y0)
    hs, ys = [], []
    for x in xs:
        h = activation(hidden, x @ W_xh.T + y @ W_yh.T + b_h)
        y = activation(output, h @ W_hy.T + b_y)
        hs.append(h)
        ys.append(y)
    return np.array(ys, dtype=F32), np.array(hs, dtype=F32)


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = f32(xs)
    for L in layers:
        seq = _layer(seq, L["W_xh"], L["W_hh"], L["b_h"], np.zeros(np.shape(L["W_hh"])[0], F32), hidden)
    return activation(output, seq @ f32(head["W_hy"]).T + f32(head["b_y"]))


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = f32(xs)
    H = np.shape(forward["W_hh"])[0]
    fwd = _layer(xs, forward["W_xh"], forward["W_hh"], forward["b_h"], np.zeros(H, F32), hidden)
    bwd = np.flip(_layer(np.flip(xs, 0), backward["W_xh"], backward["W_hh"], backward["b_h"],
                         np.zeros(H, F32), hidden), 0)
    return activation(output, np.hstack([fwd, bwd]) @ f32(head["W_hy"]).T + f32(head["b_y"]))
