import numpy as np

from rnn import activation, debug

print("lstm.py loaded")


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    debug("lstm_cell g =", g, "h =", h, "shape", np.shape(z))
    input_gate = activation("sigmoid", z_i)
    forget_gate = activation("sigmoid", z_f)
    output_gate = activation("sigmoid", z_o)
    c = activation(g, z) * input_gate + np.array(c_prev, dtype=float) * forget_gate
    a = activation(h, c) * output_gate
    debug("  gates i f o:", input_gate, forget_gate, output_gate)
    debug("  c =", c, "a =", a)
    return a, c


def handmade_lstm():
    w = np.array([[1.0, 0.0, 0.0],
                  [0.0, 100.0, 0.0],
                  [0.0, 100.0, 0.0],
                  [0.0, 0.0, 100.0]])
    b = np.array([0.0, -10.0, 10.0, -10.0])
    debug("handmade_lstm w =", w.tolist(), "b =", b.tolist())
    return {"w": w, "b": b}


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.array(xs, dtype=float)
    H = params["W_z"].shape[0]
    debug("lstm_forward xs", xs.shape, "H =", H, "W_z", params["W_z"].shape)
    if h0 is None:
        h_prev = np.zeros(H)
    else:
        h_prev = np.array(h0, dtype=float)
    if c0 is None:
        c_prev = np.zeros(H)
    else:
        c_prev = np.array(c0, dtype=float)
    hs = []
    cs = []
    for t in range(xs.shape[0]):
        v = np.concatenate([xs[t], h_prev, c_prev])
        z = np.dot(params["W_z"], v) + params["b_z"]
        z_i = np.dot(params["W_i"], v) + params["b_i"]
        z_f = np.dot(params["W_f"], v) + params["b_f"]
        z_o = np.dot(params["W_o"], v) + params["b_o"]
        h_prev, c_prev = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h)
        debug("  t =", t, "h =", h_prev, "c =", c_prev)
        hs.append(h_prev)
        cs.append(c_prev)
    return np.array(hs), np.array(cs)


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    debug("stacked_lstm_forward with", len(layers), "layers")
    current = np.array(xs, dtype=float)
    for layer in layers:
        current, _ = lstm_forward(current, layer, g=g, h=h)
        debug("  layer output", current.shape)
    return current
