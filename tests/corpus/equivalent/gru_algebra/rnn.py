"""Simple RNNs, with the algebra rearranged where it reads better to me."""
import numpy as np


def _sigmoid(v):
    p = 1.0 / (1.0 + np.exp(-np.abs(v)))          # sigmoid(|v|), in [0.5, 1]
    return np.where(v >= 0, p, 1.0 - p)           # sigmoid(-v) = 1 - sigmoid(v)


def _tanh(v):
    return 2.0 * _sigmoid(2.0 * v) - 1.0          # tanh(v) = 2 sigmoid(2v) - 1


def _relu(v):
    return 0.5 * (v + np.abs(v))


def activation(name, v):
    v = np.asarray(v, dtype=float)
    if name == "linear":
        return v.copy()
    if name == "sigmoid":
        return _sigmoid(v)
    if name == "tanh":
        return _tanh(v)
    if name == "relu":
        return _relu(v)
    raise ValueError(f"activation: unknown name {name!r}")


def _run(xs, W_in, W_rec, b, start, f):
    """h_t = f([x_t, h_{t-1}] @ [W_in W_rec]^T + b): one product with the merged matrix."""
    W = np.hstack([W_in, W_rec]).T                # (D+H, H)
    h, out = start, []
    for x in xs:
        h = activation(f, np.concatenate([x, h]) @ W + b)
        out.append(h)
    return np.array(out)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    start = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    hs = _run(xs, params["W_xh"], params["W_hh"], params["b_h"], start, hidden)
    return activation(output, hs @ params["W_hy"].T + params["b_y"]), hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    W = np.hstack([params["W_xh"], params["W_yh"]]).T
    y = np.zeros(params["W_hy"].shape[0]) if y0 is None else np.asarray(y0, dtype=float)
    hs, ys = [], []
    for x in xs:
        h = activation(hidden, np.concatenate([x, y]) @ W + params["b_h"])
        y = activation(output, h @ params["W_hy"].T + params["b_y"])
        hs.append(h)
        ys.append(y)
    return np.array(ys), np.array(hs)


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = np.asarray(xs, dtype=float)
    for L in layers:
        seq = _run(seq, L["W_xh"], L["W_hh"], L["b_h"], np.zeros(L["W_hh"].shape[0]), hidden)
    return activation(output, seq @ head["W_hy"].T + head["b_y"])


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    # W_hy @ concat(hf, hb) = W_hy[:, :H] @ hf + W_hy[:, H:] @ hb: no concatenation needed
    xs = np.asarray(xs, dtype=float)
    H = forward["W_hh"].shape[0]
    hf = _run(xs, forward["W_xh"], forward["W_hh"], forward["b_h"], np.zeros(H), hidden)
    hb = _run(xs[::-1], backward["W_xh"], backward["W_hh"], backward["b_h"], np.zeros(H), hidden)[::-1]
    W_f, W_b = head["W_hy"][:, :H], head["W_hy"][:, H:]
    return activation(output, hf @ W_f.T + hb @ W_b.T + head["b_y"])
