"""Simple recurrent networks: activations, Elman, Jordan, deep (stacked) and bidirectional RNNs.

Fill in every function below, then check your work with
`python -m grader check exercises/` (or the path of your own folder).
"""

import numpy as np


def activation(name, v):
    """Apply the activation function `name` elementwise to an array of any shape.

    Every neuron in this course squashes its weighted input with one of four
    functions; the gates of an LSTM use the sigmoid, whose output between 0 and
    1 says how far a gate is open.

    v may have any shape (a scalar, a vector (H,), a sequence (T, H), ...).

        linear(v)  = v
        sigmoid(v) = 1 / (1 + e^-v)
        tanh(v)    = tanh(v)
        relu(v)    = max(v, 0)

    Inputs:
    - name: str, one of "linear", "sigmoid", "tanh", "relu"
    - v: array of any shape (a Python float is fine too)

    Returns:
    - a new array of the same shape as v (a copy even for "linear", never v itself)

    Must not overflow or warn for large |v| (|v| ~ 1000): sigmoid(-1000) == 0
    and sigmoid(1000) == 1. Do not modify v; float32 results are fine.

    Hint: for the sigmoid, only ever exponentiate numbers <= 0, so np.exp can never
    overflow: e = np.exp(-np.abs(v)), then 1 / (1 + e) where v >= 0 and e / (1 + e)
    where v < 0. (np.where(v >= 0, 1 / (1 + np.exp(-v)), ...) still warns: np.where
    computes both of its branches on every entry.)

    Example:
    >>> activation("sigmoid", np.array([-1000., 0., 1000.]))
    array([0. , 0.5, 1. ])
    >>> activation("relu", np.array([-2., 3.]))
    array([0., 3.])
    """
    raise NotImplementedError("rnn.activation: not implemented yet")


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    """Run an Elman network (the lecture's network with memory) over a sequence.

    The memory holds the hidden layer's values from the previous step and feeds
    them back in at the next step, so the same word can be tagged differently
    depending on what came before: the order of the inputs matters. One set of
    weights is used at every step (an RNN is one network applied T times, not T
    networks), and at first the memory holds 0.

    The sequence has T steps of D inputs; the network has H hidden units and K outputs.

        h_t = hidden(W_xh @ x_t + W_hh @ h_{t-1} + b_h)
        y_t = output(W_hy @ h_t + b_y)

    Inputs:
    - xs: (T, D) array, the input sequence x_1..x_T (time along axis 0)
    - params: dict with W_xh (H, D), W_hh (H, H), b_h (H,), W_hy (K, H), b_y (K,)
    - h0: (H,) array, the initial memory h_0; None means zeros
    - hidden: activation name of the hidden layer
    - output: activation name of the output layer

    Returns:
    - ys: (T, K) array, the outputs y_1..y_T
    - hs: (T, H) array, the hidden states h_1..h_T

    Return new arrays (float32 is fine); do not modify xs, params or h0.

    Hint: reuse activation(); loop over time, carrying h from one step to the next.

    Example (the lecture's: every weight 1, every bias 0, linear activations):
    >>> params = {"W_xh": np.ones((2, 2)), "W_hh": np.ones((2, 2)), "b_h": np.zeros(2),
    ...           "W_hy": np.ones((2, 2)), "b_y": np.zeros(2)}
    >>> ys, hs = elman_forward(np.array([[1., 1.], [1., 1.], [2., 2.]]), params,
    ...                        hidden="linear", output="linear")
    >>> ys
    array([[ 4.,  4.],
           [12., 12.],
           [32., 32.]])
    >>> ys, hs = elman_forward(np.array([[1., 1.], [2., 2.], [1., 1.]]), params,
    ...                        hidden="linear", output="linear")
    >>> ys                     # same inputs, another order: other outputs
    array([[ 4.,  4.],
           [16., 16.],
           [36., 36.]])
    """
    raise NotImplementedError("rnn.elman_forward: not implemented yet")


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    """Run a Jordan network: like Elman, but the memory holds the previous *output*.

    Instead of the hidden layer, the network stores its last output y_{t-1} and
    feeds it into the hidden layer at the next step. The lecture notes that
    Jordan networks are said to work better, since the output has a target, so
    we know what goes into the memory. At first the memory holds 0.

    The sequence has T steps of D inputs; the network has H hidden units and K outputs.

        h_t = hidden(W_xh @ x_t + W_yh @ y_{t-1} + b_h)
        y_t = output(W_hy @ h_t + b_y)

    Inputs:
    - xs: (T, D) array, the input sequence
    - params: dict with W_xh (H, D), W_yh (H, K), b_h (H,), W_hy (K, H), b_y (K,)
    - y0: (K,) array, the initial output memory y_0; None means zeros
    - hidden: activation name of the hidden layer
    - output: activation name of the output layer

    Returns:
    - ys: (T, K) array, the outputs y_1..y_T
    - hs: (T, H) array, the hidden states h_1..h_T

    Return new arrays (float32 is fine); do not modify xs, params or y0.

    Hint: same loop as elman_forward, but carry y (not h) from step to step; reuse activation().

    Example (every weight 1, every bias 0, linear activations):
    >>> params = {"W_xh": np.ones((2, 2)), "W_yh": np.ones((2, 2)), "b_h": np.zeros(2),
    ...           "W_hy": np.ones((2, 2)), "b_y": np.zeros(2)}
    >>> ys, hs = jordan_forward(np.array([[1., 1.], [1., 1.], [2., 2.]]), params,
    ...                         hidden="linear", output="linear")
    >>> ys
    array([[ 4.,  4.],
           [20., 20.],
           [88., 88.]])
    """
    raise NotImplementedError("rnn.jordan_forward: not implemented yet")


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    """Run a deep RNN: several Elman hidden layers stacked on top of each other.

    An RNN can be deep: layer 1 reads the inputs, layer l+1 reads the hidden
    sequence of layer l, and each layer has its own memory, which starts at 0.
    The output layer (head) reads only the top layer's hidden sequence.

    The sequence has T steps of D inputs; layer l has H_l hidden units (H_0 = D)
    and the head has K outputs.

        h^l_t = hidden(W_xh @ h^{l-1}_t + W_hh @ h^l_{t-1} + b_h)   (layer l's weights, h^0_t = x_t)
        y_t   = output(W_hy @ h^top_t + b_y)

    Inputs:
    - xs: (T, D) array, the input sequence
    - layers: list of dicts {W_xh (H_l, H_{l-1}), W_hh (H_l, H_l), b_h (H_l,)}, bottom layer first
    - head: dict {W_hy (K, H_top), b_y (K,)}
    - hidden: activation name of every hidden layer
    - output: activation name of the output layer

    Returns:
    - ys: (T, K) array, the outputs y_1..y_T

    Return a new array (float32 is fine); do not modify xs, layers or head.

    Hint: stacked_forward: run elman_forward layer by layer (only its hs matter
    until the head; a layer without W_hy/b_y can be given dummy ones, or factor
    out a helper for the hidden sequence).

    Example (every weight 1, every bias 0, linear activations, two layers):
    >>> layer = {"W_xh": np.ones((2, 2)), "W_hh": np.ones((2, 2)), "b_h": np.zeros(2)}
    >>> head = {"W_hy": np.ones((2, 2)), "b_y": np.zeros(2)}
    >>> stacked_forward(np.array([[1., 1.], [1., 1.], [2., 2.]]), [layer, layer], head,
    ...                 hidden="linear", output="linear")
    array([[  8.,   8.],
           [ 40.,  40.],
           [144., 144.]])
    """
    raise NotImplementedError("rnn.stacked_forward: not implemented yet")


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    """Run a bidirectional RNN: one Elman layer reads forwards, another backwards.

    The forward layer reads x_1..x_T, the backward layer reads x_T..x_1, each with
    its own memory starting at 0. The output at step t sees both, so it has looked
    at the whole sequence: the words before t and the words after it.
    hb_t is the backward layer's state after it has read x_T..x_t.

    The sequence has T steps of D inputs; each direction has H hidden units and
    the head has K outputs.

        hf_t = hidden(W_xh @ x_t + W_hh @ hf_{t-1} + b_h)     (forward's weights, hf_0 = 0)
        hb_t = hidden(W_xh @ x_t + W_hh @ hb_{t+1} + b_h)     (backward's weights, hb_{T+1} = 0)
        y_t  = output(W_hy @ concat(hf_t, hb_t) + b_y)        W_hy (K, 2H), forward half first

    Inputs:
    - xs: (T, D) array, the input sequence
    - forward: dict {W_xh (H, D), W_hh (H, H), b_h (H,)}, the layer reading x_1..x_T
    - backward: dict {W_xh (H, D), W_hh (H, H), b_h (H,)}, the layer reading x_T..x_1
    - head: dict {W_hy (K, 2H), b_y (K,)}
    - hidden: activation name of both hidden layers
    - output: activation name of the output layer

    Returns:
    - ys: (T, K) array, the outputs y_1..y_T

    Return a new array (float32 is fine); do not modify xs, forward, backward or head.

    Hint: bidirectional_forward: run elman_forward on xs[::-1] and reverse the
    backward states back, so that row t of both hidden sequences belongs to x_t.

    Example (every weight 1, every bias 0, linear activations):
    >>> layer = {"W_xh": np.ones((2, 2)), "W_hh": np.ones((2, 2)), "b_h": np.zeros(2)}
    >>> head = {"W_hy": np.ones((2, 4)), "b_y": np.zeros(2)}
    >>> bidirectional_forward(np.array([[1., 1.], [1., 1.], [2., 2.]]), layer, layer, head,
    ...                       hidden="linear", output="linear")
    array([[48., 48.],
           [32., 32.],
           [40., 40.]])
    """
    raise NotImplementedError("rnn.bidirectional_forward: not implemented yet")
