# Recurrent nets, written with einsum so every contraction says which axes it sums.
import numpy as np


def activation(name, v):
    v = np.array(v, dtype=float)            # a fresh float copy, whatever came in
    if name == "linear":
        return v
    if name == "tanh":
        return np.tanh(v)
    if name == "relu":
        return np.where(v > 0, v, 0.0)
    if name == "sigmoid":
        out = np.empty_like(v)
        pos = v >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-v[pos]))
        ex = np.exp(v[~pos])                # only negative arguments here: no overflow
        out[~pos] = ex / (1.0 + ex)
        return out
    raise ValueError("unknown activation: %r" % (name,))


def _recur(pre, W_hh, h, hidden):
    """pre: (T, H) input contributions; returns every hidden state (T, H)."""
    states = []
    for p_t in pre:
        h = activation(hidden, p_t + np.einsum("ij,j->i", W_hh, h))
        states.append(h)
    return np.stack(states)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    pre = np.einsum("hd,td->th", params["W_xh"], xs) + params["b_h"]
    start = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    hs = _recur(pre, params["W_hh"], start, hidden)
    ys = activation(output, np.einsum("kh,th->tk", params["W_hy"], hs) + params["b_y"])
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    K = params["W_hy"].shape[0]
    pre = np.einsum("hd,td->th", params["W_xh"], xs) + params["b_h"]
    y = np.zeros(K) if y0 is None else np.asarray(y0, dtype=float)
    hs, ys = [], []
    for p_t in pre:
        h = activation(hidden, p_t + np.einsum("hk,k->h", params["W_yh"], y))
        y = activation(output, np.einsum("kh,h->k", params["W_hy"], h) + params["b_y"])
        hs.append(h)
        ys.append(y)
    return np.stack(ys), np.stack(hs)


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = np.asarray(xs, dtype=float)
    for layer in layers:
        pre = np.einsum("hd,td->th", layer["W_xh"], seq) + layer["b_h"]
        seq = _recur(pre, layer["W_hh"], np.zeros(layer["W_hh"].shape[0]), hidden)
    return activation(output, np.einsum("kh,th->tk", head["W_hy"], seq) + head["b_y"])


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    # Both directions in one recurrence: the state is (hf, hb), the weights block-diagonal,
    # and at loop step s the forward half reads x_s while the backward half reads x_{T-1-s}.
    xs = np.asarray(xs, dtype=float)
    H = forward["W_hh"].shape[0]
    W_hh = np.zeros((2 * H, 2 * H))
    W_hh[:H, :H] = forward["W_hh"]
    W_hh[H:, H:] = backward["W_hh"]
    pre = np.concatenate([
        np.einsum("hd,td->th", forward["W_xh"], xs) + forward["b_h"],
        np.einsum("hd,td->th", backward["W_xh"], xs[::-1]) + backward["b_h"],
    ], axis=1)                                                    # (T, 2H)
    both = _recur(pre, W_hh, np.zeros(2 * H), hidden)             # (T, 2H)
    feats = np.concatenate([both[:, :H], both[::-1, H:]], axis=1)  # realign the backward half
    return activation(output, np.einsum("kh,th->tk", head["W_hy"], feats) + head["b_y"])
