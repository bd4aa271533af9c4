"""Why RNNs are hard to train: exploding and vanishing gradients, and their cures.

Backpropagation through time runs the forward pass, keeps the states, then walks
back through time. One weight serves every step, so its gradient is the *sum* of
its contributions from every step.
"""

import numpy as np

from lstm import GATES, lstm_forward
from rnn import activation, elman_forward

__all__ = ["linear_rnn", "linear_rnn_grad", "elman_backward", "clip_gradients", "lstm_backward"]


def linear_rnn(w, xs):
    """The lecture's simplest RNN: one linear unit whose memory has weight w.

        a_t = w·a_{t-1} + x_t,   y_t = a_t,   a_0 = 0

    With the impulse xs = 1, 0, 0, ... the output y_T = w^(T-1).

    Inputs: w, a float; xs (T,). Returns ys (T,).
    """
    xs = np.asarray(xs)
    ys = np.empty(xs.shape[0], dtype=np.result_type(xs, w, 1.0))   # (T,)
    a = 0.0
    for t in range(xs.shape[0]):
        a = w * a + xs[t]
        ys[t] = a
    return ys


def linear_rnn_grad(w, xs):
    """d y_T / d w for linear_rnn, by backpropagation through time.

    y_T = a_T and a_t = w·a_{t-1} + x_t, so walking back with δ_t = ∂y_T/∂a_t:
        ∂y_T/∂w = Σ_t δ_t · a_{t-1},   δ_T = 1,   δ_{t-1} = w·δ_t
    For the impulse this is (T-1)·w^(T-2): it explodes or vanishes with T.

    Inputs: w, a float; xs (T,). Returns a float.
    """
    ys = linear_rnn(w, xs)                           # (T,) the states a_1..a_T
    a_prev = np.concatenate([[0.0], ys[:-1]])        # (T,) a_0..a_{T-1}
    grad, delta = 0.0, 1.0
    for t in reversed(range(len(ys))):
        grad += delta * a_prev[t]
        delta *= w
    return float(grad)


def elman_backward(xs, params, dys, h0=None):
    """Backpropagation through time for elman_forward(hidden="tanh", output="linear").

    The loss is L = Σ_t dys_t · y_t. With da_t the gradient at the hidden
    pre-activation of step t:
        dh_t  = W_hy^T @ dys_t + W_hh^T @ da_{t+1}
        da_t  = dh_t ⊙ (1 − h_t²)                                  tanh' = 1 − tanh²
        dW_xh = Σ_t da_t x_tᵀ,  dW_hh = Σ_t da_t h_{t-1}ᵀ,  db_h = Σ_t da_t
        dW_hy = Σ_t dys_t h_tᵀ, db_y = Σ_t dys_t,           dh0 = W_hh^T @ da_1

    Inputs:
    - xs: (T, D), params: W_xh (H, D), W_hh (H, H), b_h (H,), W_hy (K, H), b_y (K,)
    - dys: (T, K) upstream gradient; h0: (H,) or None for zeros

    Returns a dict of gradients, one per key of params (same shapes), and "h0" (H,).
    """
    xs, dys = np.asarray(xs), np.asarray(dys)
    W_hh, W_hy = params["W_hh"], params["W_hy"]
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")          # (T, H)
    h_start = np.zeros(H) if h0 is None else np.asarray(h0)
    h_prev = np.vstack([h_start, hs[:-1]])                           # (T, H) h_{t-1}
    dh_out = dys @ W_hy                                              # (T, H) from the outputs
    das = np.empty_like(hs)                                          # (T, H)
    dh_next = np.zeros(H)                                            # (H,) from step t+1
    for t in reversed(range(len(xs))):
        das[t] = (dh_out[t] + dh_next) * (1 - hs[t] ** 2)
        dh_next = W_hh.T @ das[t]
    return {
        "W_xh": das.T @ xs,
        "W_hh": das.T @ h_prev,
        "b_h": das.sum(axis=0),
        "W_hy": dys.T @ hs,
        "b_y": dys.sum(axis=0),
        "h0": dh_next,
    }


def clip_gradients(grads, max_norm):
    """Global-norm clipping (Pascanu et al. 2013): shrink, keeping the direction.

        norm = sqrt(Σ_arrays Σ_entries g²);   g ← g · max_norm / norm   if norm > max_norm

    Inputs: grads, a dict of arrays; max_norm > 0.
    Returns a new dict, same keys and shapes; unchanged values below the threshold.
    """
    norm = np.sqrt(sum(np.sum(np.square(g)) for g in grads.values()))
    scale = max_norm / norm if norm > max_norm else 1.0
    return {k: np.asarray(g) * scale for k, g in grads.items()}


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    """Backpropagation through time for lstm_forward(g="tanh", h="tanh").

    The loss is L = Σ_t dhs_t · h_t. With v_t = concat(x_t, h_{t-1}, c_{t-1}),
    gates i, f, o = σ(z_i), σ(z_f), σ(z_o) and dh_t, dc_t the gradients arriving
    at h_t and c_t:
        dz_o = dh_t ⊙ tanh(c_t) ⊙ o(1 − o)
        dc   = dc_t + dh_t ⊙ o ⊙ (1 − tanh²(c_t))
        dz   = dc ⊙ i ⊙ (1 − tanh²(z)),  dz_i = dc ⊙ tanh(z) ⊙ i(1 − i),  dz_f = dc ⊙ c_{t-1} ⊙ f(1 − f)
        dW_k = Σ_t dz_k v_tᵀ,  db_k = Σ_t dz_k,  dv_t = Σ_k W_kᵀ dz_k
        dh_{t-1} = dhs_{t-1} + dv_t[h part],  dc_{t-1} = dc ⊙ f + dv_t[c part]
    The memory's gradient flows back through c_{t-1} ⊙ f: with f = 1 it does not vanish.

    Inputs:
    - xs: (T, D); params: W_z, W_i, W_f, W_o (H, D+2H) and b_z, b_i, b_f, b_o (H,)
    - dhs: (T, H) upstream gradient; h0, c0: (H,) or None for zeros

    Returns a dict of gradients for every key of params and for "h0" and "c0" (H,).
    """
    xs, dhs = np.asarray(xs), np.asarray(dhs)
    T, D = xs.shape
    W = np.stack([params["W_" + k] for k in GATES])                  # (4, H, D+2H)
    b = np.stack([params["b_" + k] for k in GATES])                  # (4, H)
    H = W.shape[1]
    hs, cs = lstm_forward(xs, params, h0, c0)                        # (T, H) each
    h_start = np.zeros(H) if h0 is None else np.asarray(h0)
    c_start = np.zeros(H) if c0 is None else np.asarray(c0)
    c_prev = np.vstack([c_start, cs[:-1]])                           # (T, H)
    vs = np.hstack([xs, np.vstack([h_start, hs[:-1]]), c_prev])      # (T, D+2H) every v_t
    z, z_i, z_f, z_o = np.moveaxis(np.einsum("khv,tv->tkh", W, vs) + b, 1, 0)  # (T, H) each
    g, i, f, o = np.tanh(z), activation("sigmoid", z_i), activation("sigmoid", z_f), activation("sigmoid", z_o)
    tanh_c = np.tanh(cs)                                             # (T, H)
    dzs = np.empty((T, 4, H))                                        # (T, 4, H) z, z_i, z_f, z_o
    dh_next, dc_next = np.zeros(H), np.zeros(H)                      # from step t+1
    for t in reversed(range(T)):
        dh = dhs[t] + dh_next
        dc = dc_next + dh * o[t] * (1 - tanh_c[t] ** 2)
        dzs[t] = (dc * i[t] * (1 - g[t] ** 2),
                  dc * g[t] * i[t] * (1 - i[t]),
                  dc * c_prev[t] * f[t] * (1 - f[t]),
                  dh * tanh_c[t] * o[t] * (1 - o[t]))
        dv = np.einsum("khv,kh->v", W, dzs[t])                       # (D+2H,)
        dh_next, dc_next = dv[D:D + H], dc * f[t] + dv[D + H:]
    dW = np.einsum("tkh,tv->khv", dzs, vs)                           # (4, H, D+2H)
    db = dzs.sum(axis=0)                                             # (4, H)
    grads = {"W_" + k: dW[n] for n, k in enumerate(GATES)}
    grads.update({"b_" + k: db[n] for n, k in enumerate(GATES)})
    grads.update(h0=dh_next, c0=dc_next)
    return grads
