"""Gated recurrent unit: the lecture's "simplified, stronger LSTM" (two gates, no separate memory).

Fill in the function below, then check your work with
`python -m grader check exercises/` (or the path of your own folder).
"""

import numpy as np

from rnn import activation


def gru_forward(xs, params, h0=None):
    """Run a GRU layer of H units over a sequence.

    The lecture calls the GRU a simplified, stronger LSTM: it has only two gates
    and no separate memory cell. The update gate u plays the forget gate's role:
    u = 1 keeps the old state, u = 0 replaces it with a candidate n; the reset
    gate r decides how much of the old state the candidate may look at. As in
    the LSTM, all products are elementwise (⊙); the state starts at 0.

    The sequence has T steps of D inputs and the layer has H units, so every
    transform reads D + H numbers.

        r_t = σ(W_r @ concat(x_t, h_{t-1}) + b_r)           # reset gate
        u_t = σ(W_u @ concat(x_t, h_{t-1}) + b_u)           # update gate
        n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h)  # candidate
        h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t               W_* (H, D+H), b_* (H,)

    Inputs:
    - xs: (T, D) array, the input sequence
    - params: dict with W_r, W_u, W_h, each (H, D+H), and b_r, b_u, b_h, each (H,)
    - h0: (H,) array, the initial state h_0; None means zeros

    Returns:
    - hs: (T, H) array, the states h_1..h_T

    Return a new array (float32 is fine); do not modify xs, params or h0.

    Hint: reuse activation() from rnn.py; note that r_t multiplies h_{t-1}
    *before* W_h is applied (the candidate reads concat(x_t, r_t ⊙ h_{t-1})).

    Example (all weights and biases 0: u = σ(0) = 0.5 and n = tanh(0) = 0, so
    the state halves at every step):
    >>> T, D, H = 3, 2, 2
    >>> params = {k: np.zeros((H, D + H)) for k in ("W_r", "W_u", "W_h")}
    >>> params.update({k: np.zeros(H) for k in ("b_r", "b_u", "b_h")})
    >>> gru_forward(np.ones((T, D)), params, h0=np.ones(H))
    array([[0.5  , 0.5  ],
           [0.25 , 0.25 ],
           [0.125, 0.125]])
    """
    raise NotImplementedError("gru.gru_forward: not implemented yet")
