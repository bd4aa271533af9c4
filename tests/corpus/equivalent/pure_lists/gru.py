# GRU on Python lists.
import math

from rnn import SCALAR, add, matvec, plain


def gru_forward(xs, params, h0=None):
    p = {k: plain(v) for k, v in params.items()}
    sig = SCALAR["sigmoid"]
    h = [0.0] * len(p["b_r"]) if h0 is None else plain(h0)
    hs = []
    for x in plain(xs):
        r = [sig(a) for a in add(matvec(p["W_r"], x + h), p["b_r"])]
        u = [sig(a) for a in add(matvec(p["W_u"], x + h), p["b_u"])]
        n = [math.tanh(a) for a in add(matvec(p["W_h"], x + [ri * hi for ri, hi in zip(r, h)]), p["b_h"])]
        h = [ui * hi + (1.0 - ui) * ni for ui, hi, ni in zip(u, h, n)]
        hs.append(h)
    return hs
