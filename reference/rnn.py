"""Simple recurrent networks: Elman, Jordan, deep (stacked) and bidirectional.

Every function reads a sequence ``xs`` of shape (T, D), time along axis 0, and
loops only over time: the input projections of all steps are computed at once.
One set of weights serves every step (parameter sharing).
"""

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "activation",
    "elman_forward",
    "jordan_forward",
    "stacked_forward",
    "bidirectional_forward",
]


def _sigmoid(v):
    """Stable logistic: exp is only ever taken of -|v|, so it never overflows."""
    e = np.exp(-np.abs(v))
    return np.where(v >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS = {
    "linear": lambda v: v.copy(),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "relu": lambda v: np.maximum(v, 0),
}


def activation(name, v):
    """Elementwise activation of an array of any shape.

    linear(v) = v, sigmoid(v) = 1 / (1 + e^-v), tanh(v), relu(v) = max(v, 0).
    Stable for large |v|: sigmoid(-1000) == 0 and sigmoid(1000) == 1, no warning.

    Inputs:
    - name: "linear", "sigmoid", "tanh" or "relu"
    - v: array of any shape (a Python scalar is fine)

    Returns a new array of the same shape as v.
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"activation name={name!r}: expected one of {sorted(ACTIVATIONS)}")
    v = np.asarray(v)
    if v.dtype.kind != "f":   # integers, booleans: computed in float64
        v = v.astype(np.float64)
    return ACTIVATIONS[name](v)


def _zeros_or(state, n, dtype):
    """The given initial state as a fresh array, or zeros: "at first the memory holds 0"."""
    return np.zeros(n, dtype=dtype) if state is None else np.array(state, dtype=dtype)


def _elman_hidden(xs, layer, h0=None, hidden="tanh"):
    """The hidden sequence of one Elman layer {W_xh, W_hh, b_h} over xs (T, D).

    h_t = hidden(W_xh @ x_t + W_hh @ h_{t-1} + b_h)

    Returns hs (T, H).
    """
    W_xh, W_hh, b_h = layer["W_xh"], layer["W_hh"], layer["b_h"]
    T, H = xs.shape[0], W_hh.shape[0]
    dtype = np.result_type(xs, W_xh, 1.0)
    xw = xs @ W_xh.T + b_h                           # (T, H) input projections, all steps at once
    hs = np.empty((T, H), dtype=dtype)               # (T, H)
    h = _zeros_or(h0, H, dtype)                      # (H,)
    for t in range(T):
        h = activation(hidden, xw[t] + W_hh @ h)
        hs[t] = h
    return hs


def _head(hs, head, output="linear"):
    """y_t = output(W_hy @ h_t + b_y) for every t at once: hs (T, H) -> ys (T, K)."""
    return activation(output, hs @ head["W_hy"].T + head["b_y"])


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    """Elman network: the memory holds the previous hidden layer.

    T steps of D inputs, H hidden units and K outputs:
        h_t = hidden(W_xh @ x_t + W_hh @ h_{t-1} + b_h)
        y_t = output(W_hy @ h_t + b_y)

    Inputs:
    - xs: (T, D) input sequence
    - params: W_xh (H, D), W_hh (H, H), b_h (H,), W_hy (K, H), b_y (K,)
    - h0: (H,) initial memory, zeros when None

    Returns ys (T, K), hs (T, H).
    """
    xs = np.asarray(xs)
    hs = _elman_hidden(xs, params, h0, hidden)       # (T, H)
    ys = _head(hs, params, output)                   # (T, K)
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    """Jordan network: the memory holds the previous *output*.

    T steps of D inputs, H hidden units and K outputs:
        h_t = hidden(W_xh @ x_t + W_yh @ y_{t-1} + b_h)
        y_t = output(W_hy @ h_t + b_y)

    Inputs:
    - xs: (T, D) input sequence
    - params: W_xh (H, D), W_yh (H, K), b_h (H,), W_hy (K, H), b_y (K,)
    - y0: (K,) initial output memory, zeros when None

    Returns ys (T, K), hs (T, H).
    """
    xs = np.asarray(xs)
    W_xh, W_yh, b_h = params["W_xh"], params["W_yh"], params["b_h"]
    W_hy, b_y = params["W_hy"], params["b_y"]
    T, H, K = xs.shape[0], W_xh.shape[0], W_hy.shape[0]
    dtype = np.result_type(xs, W_xh, 1.0)
    xw = xs @ W_xh.T + b_h                           # (T, H)
    hs = np.empty((T, H), dtype=dtype)               # (T, H)
    ys = np.empty((T, K), dtype=dtype)               # (T, K)
    y = _zeros_or(y0, K, dtype)                      # (K,)
    for t in range(T):
        h = activation(hidden, xw[t] + W_yh @ y)
        y = activation(output, W_hy @ h + b_y)
        hs[t], ys[t] = h, y
    return ys, hs


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    """Deep RNN: Elman layers stacked, each with its own memory starting at 0.

    Layer 1 reads xs (T, D); layer l+1 reads layer l's hidden sequence:
        h^l_t = hidden(W_xh^l @ h^{l-1}_t + W_hh^l @ h^l_{t-1} + b_h^l),  h^0_t = x_t
        y_t   = output(W_hy @ h^top_t + b_y)

    Inputs:
    - xs: (T, D) input sequence
    - layers: list of {W_xh (H_l, H_{l-1}), W_hh (H_l, H_l), b_h (H_l,)}
    - head: {W_hy (K, H_top), b_y (K,)}

    Returns ys (T, K).
    """
    hs = np.asarray(xs)
    for layer in layers:
        hs = _elman_hidden(hs, layer, None, hidden)  # (T, H_l)
    return _head(hs, head, output)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    """Bidirectional RNN: one Elman layer reads x_1..x_T, another x_T..x_1.

    hb_t is the backward layer's state after it has read x_T..x_t, so the output
    at t sees the whole sequence:
        y_t = output(W_hy @ concat(hf_t, hb_t) + b_y)       W_hy (K, 2H), forward half first

    Inputs:
    - xs: (T, D) input sequence
    - forward, backward: {W_xh (H, D), W_hh (H, H), b_h (H,)}
    - head: {W_hy (K, 2H), b_y (K,)}

    Returns ys (T, K).
    """
    xs = np.asarray(xs)
    hf = _elman_hidden(xs, forward, None, hidden)               # (T, H)
    hb = _elman_hidden(xs[::-1], backward, None, hidden)[::-1]  # (T, H), re-aligned to t
    return _head(np.concatenate([hf, hb], axis=1), head, output)
