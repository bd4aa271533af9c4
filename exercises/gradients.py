"""Why RNNs are hard to train: exploding and vanishing gradients, BPTT and gradient clipping.

Fill in every function below, then check your work with
`python -m grader check exercises/` (or the path of your own folder).
"""

import numpy as np

from lstm import lstm_forward
from rnn import activation, elman_forward


def linear_rnn(w, xs):
    """Run the lecture's simplest RNN: one linear unit whose memory has weight w.

    Input weight 1, output weight 1, recurrent weight w, everything linear. The
    memory is multiplied by w at every step, so after 1000 steps an impulse has
    become w^999: changing w from 1 to 1.01 turns the output 1 into about 20 000
    (explodes), 0.99 turns it into about 0 (vanishes), and 0.01 gives 0. The
    error surface is either very flat or very steep.

    The sequence has T steps of one scalar input each.

        a_t = w·a_{t-1} + x_t,   a_0 = 0
        y_t = a_t

    Inputs:
    - w: float, the recurrent weight
    - xs: (T,) array, the inputs x_1..x_T

    Returns:
    - ys: (T,) array, the outputs y_1..y_T

    Return a new array (float32 is fine); do not modify xs.

    Hint: a plain loop over time, carrying a from step to step.

    Example (the lecture's impulse 1, 0, 0, ... over 1000 steps gives y_1000 = w**999):
    >>> linear_rnn(0.5, np.array([1., 0., 0.]))
    array([1.  , 0.5 , 0.25])
    >>> impulse = np.r_[1.0, np.zeros(999)]
    >>> round(float(linear_rnn(1.01, impulse)[-1]))
    20752
    """
    raise NotImplementedError("gradients.linear_rnn: not implemented yet")


def linear_rnn_grad(w, xs):
    """Compute d y_T / d w for linear_rnn by backpropagation through time.

    The same w is used at every step, so its gradient is the sum of one
    contribution per step. For the impulse input the result is (T−1)·w^(T−2):
    a tiny change of w makes the gradient explode or vanish as T grows.
    Compute it by backpropagation through time, NOT by the closed form: it must
    be right for any xs, not only for the impulse.

    The sequence has T steps of one scalar input each.

        a_t = w·a_{t-1} + x_t,   a_0 = 0,   y_t = a_t
        result = d y_T / d w

    Inputs:
    - w: float, the recurrent weight
    - xs: (T,) array, the inputs x_1..x_T

    Returns:
    - dw: float, d y_T / d w

    Do not modify xs.

    Hint: linear_rnn_grad: run linear_rnn first and keep the states a_1..a_T,
    then go backwards through time from a_T, carrying d y_T / d a_t, and *add*
    each step's contribution to the gradient of the shared w.

    Example:
    >>> linear_rnn_grad(0.5, np.array([1., 0., 0.]))       # (T-1)·w^(T-2) = 2·0.5
    1.0
    >>> linear_rnn_grad(1.0, np.r_[1.0, np.zeros(999)])     # 999·1^998
    999.0
    """
    raise NotImplementedError("gradients.linear_rnn_grad: not implemented yet")


def elman_backward(xs, params, dys, h0=None):
    """Backpropagation through time for elman_forward(hidden="tanh", output="linear").

    The unrolled RNN is one network applied T times, so backpropagation runs
    through all the steps from T back to 1, and a shared weight's gradient is
    the sum of its contributions from every time step. The loss is the dot
    product of the outputs with given upstream gradients dys.

    The sequence has T steps of D inputs; the network has H hidden units and K outputs.

        h_t = tanh(W_xh @ x_t + W_hh @ h_{t-1} + b_h)
        y_t = W_hy @ h_t + b_y
        L   = Σ_t dys_t · y_t

    Inputs:
    - xs: (T, D) array, the input sequence
    - params: dict with W_xh (H, D), W_hh (H, H), b_h (H,), W_hy (K, H), b_y (K,)
    - dys: (T, K) array, the upstream gradient dL/dy_t for every step
    - h0: (H,) array, the initial memory h_0; None means zeros

    Returns:
    - grads: dict with the keys 'W_xh', 'W_hh', 'b_h', 'W_hy', 'b_y' and 'h0': under
      each name of params, dL/d(that array), with its shape ('W_xh' (H, D),
      'W_hh' (H, H), 'b_h' (H,), 'W_hy' (K, H), 'b_y' (K,)); under 'h0', dL/dh_0
      as an (H,) array, also when h0 is None. Spell the keys as params does:
      'W_xh', not 'dW_xh'.

    Return new arrays (float32 is fine); do not modify xs, params, dys or h0.

    Hint: elman_backward: run the forward pass first (elman_forward), keep the
    states, then go backwards through time and *add* each step's contribution to
    the shared weights' gradients. tanh'(a) = 1 − tanh(a)². Check yourself
    against centered finite differences of L on a tiny example.

    Example (b_y is used at every step, so its contributions add up: 1 + 1 + 1):
    >>> T, D, H, K = 3, 2, 2, 1
    >>> params = {"W_xh": np.full((H, D), 0.5), "W_hh": 0.5 * np.eye(H), "b_h": np.zeros(H),
    ...           "W_hy": np.ones((K, H)), "b_y": np.zeros(K)}
    >>> grads = elman_backward(np.ones((T, D)), params, np.ones((T, K)))
    >>> sorted(grads)
    ['W_hh', 'W_hy', 'W_xh', 'b_h', 'b_y', 'h0']
    >>> grads["b_y"]
    array([3.])
    >>> np.round(grads["b_h"], 4), np.round(grads["h0"], 4)
    (array([0.9188, 0.9188]), array([0.2358, 0.2358]))
    """
    raise NotImplementedError("gradients.elman_backward: not implemented yet")


def clip_gradients(grads, max_norm):
    """Clip gradients by their GLOBAL norm, the usual cure for exploding gradients.

    Treat all arrays together as one long vector: if its L2 norm exceeds
    max_norm, scale every array by the same factor max_norm / norm, so the
    gradient keeps its direction (Pascanu et al. 2013, cited in the lecture).
    This is neither per-array nor elementwise clipping (the lecture's spoken
    rule "a gradient above 15 becomes 15" caps each value; not this exercise).
    Below the threshold, the values are unchanged.

    grads holds arrays of any shapes; the norm runs over all their entries at once.

        norm = sqrt(Σ_arrays Σ_entries g²)
        g ← g · max_norm / norm      for every array g, only if norm > max_norm

    Inputs:
    - grads: dict of arrays (any keys, any shapes)
    - max_norm: float > 0, the largest allowed global norm

    Returns:
    - a new dict with the same keys and the same shapes (values unchanged when norm <= max_norm)

    Return new arrays (float32 is fine); do not modify grads or its arrays.

    Hint: one norm for everything: sum the squares of all arrays first, then scale.

    Example (global norm sqrt(3² + 4²) = 5, so everything is scaled by 1/5):
    >>> g = clip_gradients({"a": np.array([3., 0.]), "b": np.array([[4.]])}, 1.0)
    >>> g["a"], g["b"]
    (array([0.6, 0. ]), array([[0.8]]))
    >>> clip_gradients({"a": np.array([3., 0.]), "b": np.array([[4.]])}, 10.0)["a"]
    array([3., 0.])
    """
    raise NotImplementedError("gradients.clip_gradients: not implemented yet")


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    """Backpropagation through time for lstm_forward(g="tanh", h="tanh").

    As for elman_backward, a shared weight's gradient is the sum of its
    contributions from every step. The LSTM fights vanishing gradients: the
    memory is added to, not overwritten, so with forget gates open (σ(z_f) ≈ 1)
    and input gates closed, dL/dc0 does not vanish even over long sequences.

    The sequence has T steps of D inputs and the layer has H cells, so
    v_t = concat(x_t, h_{t-1}, c_{t-1}) has length D + 2H.

        z   = W_z @ v_t + b_z      z_i = W_i @ v_t + b_i
        z_f = W_f @ v_t + b_f      z_o = W_o @ v_t + b_o        W_* (H, D+2H), b_* (H,)
        c_t = tanh(z) ⊙ σ(z_i) + c_{t-1} ⊙ σ(z_f)
        h_t = tanh(c_t) ⊙ σ(z_o)
        L   = Σ_t dhs_t · h_t

    Inputs:
    - xs: (T, D) array, the input sequence
    - params: dict with W_z, W_i, W_f, W_o, each (H, D+2H), and b_z, b_i, b_f, b_o, each (H,)
    - dhs: (T, H) array, the upstream gradient dL/dh_t for every step
    - h0: (H,) array, the initial output h_0; None means zeros
    - c0: (H,) array, the initial memory c_0; None means zeros

    Returns:
    - grads: dict with the keys 'W_z', 'W_i', 'W_f', 'W_o', 'b_z', 'b_i', 'b_f',
      'b_o', 'h0' and 'c0': under each name of params, dL/d(that array), with its
      shape ('W_*' (H, D+2H), 'b_*' (H,)); under 'h0' and 'c0', dL/dh_0 and
      dL/dc_0 as (H,) arrays, also when h0 or c0 is None. Spell the keys as
      params does: 'W_z', not 'dW_z'.

    Return new arrays (float32 is fine); do not modify xs, params, dhs, h0 or c0.

    Hint: lstm_backward: run the forward pass first (lstm_forward), keep the
    states, then go backwards through time and *add* each step's contribution to
    the shared weights' gradients. Both h_{t-1} and c_{t-1} receive gradient
    from step t (c_{t-1} also directly through ⊙ σ(z_f)). σ'(v) = σ(v)(1 − σ(v)),
    tanh'(v) = 1 − tanh(v)². Check yourself against centered finite differences.

    Example (100 steps, forget gates open, input gates closed, L = h_100;
    the gradient still reaches the memory of 100 steps ago):
    >>> T, D, H = 100, 1, 1
    >>> params = {k: np.zeros((H, D + 2 * H)) for k in ("W_z", "W_i", "W_f", "W_o")}
    >>> params.update(b_z=np.zeros(H), b_i=np.full(H, -100.), b_f=np.full(H, 100.), b_o=np.zeros(H))
    >>> dhs = np.zeros((T, H)); dhs[-1] = 1.0
    >>> grads = lstm_backward(np.zeros((T, D)), params, dhs)
    >>> sorted(grads)
    ['W_f', 'W_i', 'W_o', 'W_z', 'b_f', 'b_i', 'b_o', 'b_z', 'c0', 'h0']
    >>> round(float(grads["c0"][0]), 3)      # σ(0) · tanh'(0) · σ(100)^100
    0.5
    """
    raise NotImplementedError("gradients.lstm_backward: not implemented yet")
