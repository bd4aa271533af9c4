"""Long short-term memory: the memory cell, the lecture's hand-built LSTM, a layer and a stack.

Fill in every function below, then check your work with
`python -m grader check exercises/` (or the path of your own folder).
"""

import numpy as np

from rnn import activation


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    """One step of LSTM memory cells: four inputs, three gates, one memory.

    A cell has four inputs: the value z that may be stored, and the
    pre-activations of three gates, each squashed by the sigmoid to a number
    between 0 (closed) and 1 (open). The input gate decides whether z may enter
    the memory; the forget gate decides whether the old memory is kept
    (despite its name, forget gate 1 = keep, 0 = forget); the output gate
    decides whether the memory is let out. Reading the memory does not clear it.
    Every product is elementwise (⊙), not an inner product: cell k only sees
    entry k of every input.

    All inputs have one shape S (scalars included): S = (H,) for a layer of H cells.

        c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f)      # forget gate 1 = keep, 0 = forget
        a = h(c) ⊙ σ(z_o)

    Inputs:
    - z: array of shape S, the cell input
    - z_i: array of shape S, the input gate's pre-activation
    - z_f: array of shape S, the forget gate's pre-activation
    - z_o: array of shape S, the output gate's pre-activation
    - c_prev: array of shape S, the memory before this step
    - g: activation name applied to z
    - h: activation name applied to the new memory c

    Returns:
    - a: array of shape S, the cell's output
    - c: array of shape S, the new memory

    Return new arrays (float32 is fine); do not modify the inputs. The gates see
    pre-activations like ±100: the sigmoid must not overflow or warn.

    Hint: reuse activation() from rnn.py (for g, h and the sigmoid σ).

    Example (the lecture's second step: 3 is in memory, x1 = 4 arrives, input and
    forget gates open, output gate closed, g and h linear):
    >>> a, c = lstm_cell(4., 90., 110., -10., 3., g="linear", h="linear")
    >>> round(float(c), 3), round(float(a), 3)
    (7.0, 0.0)
    """
    raise NotImplementedError("lstm.lstm_cell: not implemented yet")


def handmade_lstm():
    """Design the lecture's hand-built LSTM cell: pick its weights yourself.

    One cell reads x = (x1, x2, x3) and must follow the rule: x2 = 1 adds x1 to
    the memory; x2 = -1 resets the memory to 0; x2 = 0 keeps the memory as it is
    (x1 is not added, whatever its value, and the memory is not reset); x3 = 1
    outputs the memory (after this step's update), otherwise the output is 0.
    Gates built from large weights (like ±100 and ±10) saturate the sigmoid to
    almost exactly 0 or 1.
    The cell's g and h are linear; the memory starts at 0.

    One cell, D = 3 inputs; row k of w (and entry k of b) makes the k-th of the
    four cell inputs z, z_i, z_f, z_o, in that order:

        z   = w[0] @ x + b[0]
        z_i = w[1] @ x + b[1]
        z_f = w[2] @ x + b[2]
        z_o = w[3] @ x + b[3]
        c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f),   a = h(c) ⊙ σ(z_o),   g and h linear

    Inputs:
    - none

    Returns:
    - a dict {"w": (4, 3) array, "b": (4,) array}; rows/entries are z, z_i, z_f, z_o

    It is graded on many sequences with x1 real in [-10, 10], x2 in {-1, 0, 1},
    x3 in {0, 1}, up to 20 steps, memory starting at 0. Only the outputs a_t are
    compared with the rule, each within 0.1 + 1% of the rule's value
    (|a_t − rule_t| <= 0.1 + 0.01·|rule_t|), a tolerance the lecture's weights meet.

    Hint: reuse lstm_cell to try your weights step by step. Let z read x1; make
    each gate's pre-activation far below 0 (closed) or far above 0 (open), e.g.
    ±10 or more, depending only on x2 (input and forget gates) or x3 (output gate).

    Example (the lecture's sequence: 3 and 4 are added; x2 = 0 keeps the 7, so the
    2 and the 1 are not added; x3 = 1 outputs it; x2 = -1 resets. The lecture's
    weights output about 0, 0, 0, 7, 0):
    >>> p = handmade_lstm()
    >>> c, out = 0.0, []
    >>> for x in np.array([[3, 1, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 0]], float):
    ...     a, c = lstm_cell(*(p["w"] @ x + p["b"]), c, g="linear", h="linear")
    ...     out.append(round(float(a), 2))
    >>> out
    [0.0, 0.0, 0.0, 7.0, 0.0]
    """
    raise NotImplementedError("lstm.handmade_lstm: not implemented yet")


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    """Run a layer of H LSTM cells over a sequence.

    At every step four linear transforms of v_t = concat(x_t, h_{t-1}, c_{t-1})
    give the vectors z, z_i, z_f, z_o; each has H entries, one per cell, and
    cell k only ever uses entry k (row k of each transform). Zero columns for h
    and c give the lecture's simplest LSTM (x only); zero c columns give the
    common LSTM; non-zero c columns are the lecture's "real" LSTM with
    peepholes. One set of weights serves every step; h and c start at 0.

    The sequence has T steps of D inputs and the layer has H cells, so v_t has length D + 2H.

        z   = W_z @ v_t + b_z      z_i = W_i @ v_t + b_i
        z_f = W_f @ v_t + b_f      z_o = W_o @ v_t + b_o        W_* (H, D+2H), b_* (H,)
        c_t = g(z) ⊙ σ(z_i) + c_{t-1} ⊙ σ(z_f)
        h_t = h(c_t) ⊙ σ(z_o)

    Inputs:
    - xs: (T, D) array, the input sequence
    - params: dict with W_z, W_i, W_f, W_o, each (H, D+2H), and b_z, b_i, b_f, b_o, each (H,)
    - h0: (H,) array, the initial output h_0; None means zeros
    - c0: (H,) array, the initial memory c_0; None means zeros
    - g: activation name applied to z
    - h: activation name applied to the memory c_t

    Returns:
    - hs: (T, H) array, the outputs h_1..h_T
    - cs: (T, H) array, the memories c_1..c_T

    Return new arrays (float32 is fine); do not modify xs, params, h0 or c0.

    Hint: lstm_forward: call lstm_cell once per step; the columns of W_* are the
    x part (first D), then the h part (next H), then the c part (last H).

    Example (all weights and biases 0: z = 0 adds nothing, and every gate is
    σ(0) = 0.5, so the half-open forget gate halves the memory at every step):
    >>> T, D, H = 5, 3, 2
    >>> params = {k: np.zeros((H, D + 2 * H)) for k in ("W_z", "W_i", "W_f", "W_o")}
    >>> params.update({k: np.zeros(H) for k in ("b_z", "b_i", "b_f", "b_o")})
    >>> hs, cs = lstm_forward(np.ones((T, D)), params, c0=np.ones(H))
    >>> cs[:, 0]
    array([0.5    , 0.25   , 0.125  , 0.0625 , 0.03125])
    """
    raise NotImplementedError("lstm.lstm_forward: not implemented yet")


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    """Run a multi-layer LSTM: layer l+1 reads the outputs hs of layer l.

    Like the deep RNN, LSTM layers can be stacked: layer 1 reads the inputs,
    every higher layer reads the output sequence of the layer below, and each
    layer's h and c start at 0.

    The sequence has T steps of D inputs and layer l has H_l cells (H_0 = D).

        hs^0 = xs
        hs^l, cs^l = lstm_forward(hs^{l-1}, layers[l-1])   W_* of layer l: (H_l, H_{l-1} + 2·H_l)

    Inputs:
    - xs: (T, D) array, the input sequence
    - layers: list of lstm_forward params dicts (W_z, W_i, W_f, W_o, b_z, b_i, b_f, b_o),
      bottom layer first
    - g: activation name applied to z, in every layer
    - h: activation name applied to the memory, in every layer

    Returns:
    - hs: (T, H_top) array, the top layer's outputs

    Return a new array (float32 is fine); do not modify xs or layers.

    Hint: stacked_lstm_forward: call lstm_forward per layer.

    Example (one layer is just lstm_forward; a second layer of 1 cell reads the first's 2 outputs):
    >>> T, D, H = 4, 3, 2
    >>> layer1 = {k: np.full((H, D + 2 * H), 0.5) for k in ("W_z", "W_i", "W_f", "W_o")}
    >>> layer1.update({k: np.zeros(H) for k in ("b_z", "b_i", "b_f", "b_o")})
    >>> layer2 = {k: np.ones((1, H + 2 * 1)) for k in ("W_z", "W_i", "W_f", "W_o")}
    >>> layer2.update({k: np.zeros(1) for k in ("b_z", "b_i", "b_f", "b_o")})
    >>> xs = np.ones((T, D))
    >>> np.allclose(stacked_lstm_forward(xs, [layer1]), lstm_forward(xs, layer1)[0])
    True
    >>> hs = stacked_lstm_forward(xs, [layer1, layer2])
    >>> hs.shape
    (4, 1)
    >>> np.round(hs[:, 0], 4)
    array([0.3795, 0.8409, 0.9706, 0.9932])
    """
    raise NotImplementedError("lstm.stacked_lstm_forward: not implemented yet")
