# LSTM on Python lists.
from rnn import SCALAR, add, matvec, plain, treemap


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    sig, G, Hf = SCALAR["sigmoid"], SCALAR[g], SCALAR[h]
    c = treemap(lambda a, i, f, cp: G(a) * sig(i) + cp * sig(f), plain(z), plain(z_i), plain(z_f), plain(c_prev))
    out = treemap(lambda m, o: Hf(m) * sig(o), c, plain(z_o))
    return out, c


def handmade_lstm():
    # the lecture's own numbers
    return {
        "w": [[1.0, 0.0, 0.0],      # z    = x1
              [0.0, 100.0, 0.0],    # z_i  = 100 x2 - 10
              [0.0, 100.0, 0.0],    # z_f  = 100 x2 + 10
              [0.0, 0.0, 100.0]],   # z_o  = 100 x3 - 10
        "b": [0.0, -10.0, 10.0, -10.0],
    }


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    p = {k: plain(v) for k, v in params.items()}
    n = len(p["b_z"])
    h_t = [0.0] * n if h0 is None else plain(h0)
    c_t = [0.0] * n if c0 is None else plain(c0)
    hs, cs = [], []
    for x in plain(xs):
        v = x + h_t + c_t                                   # concat(x, h, c)
        z, zi, zf, zo = (add(matvec(p["W_" + k], v), p["b_" + k]) for k in "zifo")
        h_t, c_t = lstm_cell(z, zi, zf, zo, c_t, g, h)
        hs.append(h_t)
        cs.append(c_t)
    return hs, cs


def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    seq = plain(xs)
    for layer in layers:
        seq, _ = lstm_forward(seq, layer, g=g, h=h)
    return seq
