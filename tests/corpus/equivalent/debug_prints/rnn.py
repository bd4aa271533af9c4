import numpy as np

print("rnn.py loaded, numpy version", np.__version__)

DEBUG = True


def show(a):
    """Arrays as short rounded lists: quicker to print than numpy's own repr."""
    if isinstance(a, np.ndarray):
        return np.round(a, 3).ravel()[:8].tolist()
    return a


def debug(*args):
    if DEBUG:
        print("[debug]", *[show(a) for a in args])


def activation(name, v):
    v = np.array(v, dtype=float)
    if name == "linear":
        result = v
    elif name == "sigmoid":
        # e^min(v,0) / (1 + e^-|v|) is 1/(1+e^-v) for v >= 0 and e^v/(1+e^v) for v < 0
        result = np.exp(np.minimum(v, 0.0)) / (1.0 + np.exp(-np.abs(v)))
    elif name == "tanh":
        result = np.tanh(v)
    elif name == "relu":
        result = np.maximum(v, 0.0)
    else:
        raise ValueError("I don't know the activation " + str(name))
    debug("activation", name, "shape", v.shape, "->", result)
    return result


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.array(xs, dtype=float)
    W_xh = params["W_xh"]
    W_hh = params["W_hh"]
    b_h = params["b_h"]
    W_hy = params["W_hy"]
    b_y = params["b_y"]
    debug("elman_forward xs", xs.shape, "W_xh", W_xh.shape, "W_hh", W_hh.shape, "W_hy", W_hy.shape)
    if h0 is None:
        h = np.zeros(W_hh.shape[0])
    else:
        h = np.array(h0, dtype=float)
    hs = []
    ys = []
    for t in range(xs.shape[0]):
        h = activation(hidden, np.dot(W_xh, xs[t]) + np.dot(W_hh, h) + b_h)
        y = activation(output, np.dot(W_hy, h) + b_y)
        debug("  t =", t, "h =", h, "y =", y)
        hs.append(h)
        ys.append(y)
    ys = np.array(ys)
    hs = np.array(hs)
    debug("elman_forward returns ys", ys.shape, "hs", hs.shape)
    return ys, hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.array(xs, dtype=float)
    W_xh = params["W_xh"]
    W_yh = params["W_yh"]
    b_h = params["b_h"]
    W_hy = params["W_hy"]
    b_y = params["b_y"]
    debug("jordan_forward xs", xs.shape, "W_yh", W_yh.shape)
    if y0 is None:
        y = np.zeros(W_hy.shape[0])
    else:
        y = np.array(y0, dtype=float)
    hs = []
    ys = []
    for t in range(xs.shape[0]):
        h = activation(hidden, np.dot(W_xh, xs[t]) + np.dot(W_yh, y) + b_h)
        y = activation(output, np.dot(W_hy, h) + b_y)
        debug("  t =", t, "h =", h, "y =", y)
        hs.append(h)
        ys.append(y)
    return np.array(ys), np.array(hs)


def hidden_layer(xs, layer, hidden):
    W_xh = layer["W_xh"]
    W_hh = layer["W_hh"]
    b_h = layer["b_h"]
    debug("hidden_layer xs", np.shape(xs), "H =", W_hh.shape[0])
    h = np.zeros(W_hh.shape[0])
    hs = []
    for t in range(len(xs)):
        h = activation(hidden, np.dot(W_xh, xs[t]) + np.dot(W_hh, h) + b_h)
        hs.append(h)
    return np.array(hs)


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    current = np.array(xs, dtype=float)
    debug("stacked_forward with", len(layers), "layers, xs", current.shape)
    for number, layer in enumerate(layers):
        current = hidden_layer(current, layer, hidden)
        debug("  after layer", number, current.shape)
    ys = []
    for t in range(len(current)):
        ys.append(activation(output, np.dot(head["W_hy"], current[t]) + head["b_y"]))
    ys = np.array(ys)
    debug("stacked_forward ys", ys)
    return ys


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.array(xs, dtype=float)
    T = xs.shape[0]
    debug("bidirectional_forward xs", xs.shape)
    hf = hidden_layer(xs, forward, hidden)
    reversed_xs = np.array([xs[T - 1 - t] for t in range(T)])
    hb_reversed = hidden_layer(reversed_xs, backward, hidden)
    hb = np.array([hb_reversed[T - 1 - t] for t in range(T)])
    ys = []
    for t in range(T):
        both = np.concatenate([hf[t], hb[t]])
        ys.append(activation(output, np.dot(head["W_hy"], both) + head["b_y"]))
        debug("  t =", t, "hf", hf[t], "hb", hb[t])
    return np.array(ys)
