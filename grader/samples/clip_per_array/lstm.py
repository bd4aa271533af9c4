"""Long short-term memory: the cell, the lecture's hand-built LSTM, a layer and a stack.

A memory cell has four inputs (z, z_i, z_f, z_o) and three gates. Gates multiply
elementwise, never as an inner product; cell k only ever uses row k of each
transform.
"""

import numpy as np

from rnn import activation

__all__ = ["lstm_cell", "handmade_lstm", "lstm_forward", "stacked_lstm_forward", "GATES"]

GATES = ("z", "i", "f", "o")
"""Parameter suffixes of the four transforms: W_z, W_i, W_f, W_o and b_z, b_i, b_f, b_o."""


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    """One step of LSTM memory cells, elementwise on equal-shaped arrays.

        c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f)      forget gate 1 = keep, 0 = forget
        a = h(c) ⊙ σ(z_o)

    Inputs:
    - z, z_i, z_f, z_o: the cell input and the input, forget and output gates'
      pre-activations, any one shape (scalars included)
    - c_prev: the memory before this step, same shape
    - g, h: activation names of the cell input and of the memory's output

    Returns a (the output) and c (the new memory), same shape as z.
    """
    c = activation(g, z) * activation("sigmoid", z_i) + np.asarray(c_prev) * activation("sigmoid", z_f)
    a = activation(h, c) * activation("sigmoid", z_o)
    return a, c


def handmade_lstm():
    """The lecture's hand-built LSTM cell on x = (x1, x2, x3), g and h linear.

    Rows of w and entries of b are the pre-activations z, z_i, z_f, z_o:
        z   = x1                  x1 is what may be stored
        z_i = 100·x2 − 10         x2 = 1 lets x1 in
        z_f = 100·x2 + 10         x2 = -1 forgets (gate 0); otherwise keeps
        z_o = 100·x3 − 10         x3 = 1 lets the memory out

    Returns {"w": (4, 3), "b": (4,)}.
    """
    w = np.array([
        [1.0, 0.0, 0.0],     # z
        [0.0, 100.0, 0.0],   # z_i
        [0.0, 100.0, 0.0],   # z_f
        [0.0, 0.0, 100.0],   # z_o
    ])
    b = np.array([0.0, -10.0, 10.0, -10.0])
    return {"w": w, "b": b}


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    """A layer of H LSTM cells over a sequence, with peepholes.

    T steps of D inputs and H cells; each transform reads v_t = concat(x_t, h_{t-1}, c_{t-1}):
        z = W_z @ v_t + b_z,  z_i = W_i @ v_t + b_i,  z_f = W_f @ v_t + b_f,  z_o = W_o @ v_t + b_o
        c_t = g(z) ⊙ σ(z_i) + c_{t-1} ⊙ σ(z_f)
        h_t = h(c_t) ⊙ σ(z_o)

    Inputs:
    - xs: (T, D) input sequence
    - params: W_z, W_i, W_f, W_o (H, D+2H) and b_z, b_i, b_f, b_o (H,)
    - h0, c0: (H,) initial output and memory, zeros when None

    Returns hs (T, H), cs (T, H).
    """
    xs = np.asarray(xs)
    T, D = xs.shape
    W = np.stack([params["W_" + k] for k in GATES])  # (4, H, D+2H) all four transforms
    b = np.stack([params["b_" + k] for k in GATES])  # (4, H)
    H = W.shape[1]
    W_x, W_h, W_c = W[:, :, :D], W[:, :, D:D + H], W[:, :, D + H:]
    dtype = np.result_type(xs, W, 1.0)
    zx = np.einsum("khd,td->tkh", W_x, xs) + b       # (T, 4, H) input part, all steps at once
    hs = np.empty((T, H), dtype=dtype)               # (T, H)
    cs = np.empty((T, H), dtype=dtype)               # (T, H)
    h_prev = np.zeros(H, dtype) if h0 is None else np.array(h0, dtype)
    c_prev = np.zeros(H, dtype) if c0 is None else np.array(c0, dtype)
    for t in range(T):
        z, z_i, z_f, z_o = zx[t] + W_h @ h_prev + W_c @ c_prev   # each (H,)
        h_prev, c_prev = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h)
        hs[t], cs[t] = h_prev, c_prev
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    """Multi-layer LSTM: layer l+1 reads layer l's hs; every state starts at 0.

    Inputs:
    - xs: (T, D) input sequence
    - layers: list of lstm_forward params; layer l has W_* (H_l, H_{l-1} + 2·H_l), H_0 = D

    Returns the top layer's hs (T, H_top).
    """
    hs = np.asarray(xs)
    for layer in layers:
        hs, _ = lstm_forward(hs, layer, g=g, h=h)
    return hs
