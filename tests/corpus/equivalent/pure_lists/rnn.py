# No numpy here: I wanted to see every multiplication. Vectors are lists, matrices lists of rows.
import math


def plain(a):
    """Anything array-like (numpy arrays included) as nested lists of floats."""
    if hasattr(a, "tolist"):
        a = a.tolist()
    if isinstance(a, (list, tuple)):
        return [plain(x) for x in a]
    return float(a)


def treemap(f, *trees):
    """Apply f to matching leaves of equally nested lists (or to plain numbers)."""
    if isinstance(trees[0], list):
        return [treemap(f, *parts) for parts in zip(*trees)]
    return f(*trees)


def matvec(M, v):
    return [sum(m * x for m, x in zip(row, v)) for row in M]


def add(*vs):
    return [sum(parts) for parts in zip(*vs)]


def _sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)          # x < 0, so e is in (0, 1): nothing overflows
    return e / (1.0 + e)


SCALAR = {
    "linear": lambda x: x,
    "sigmoid": _sigmoid,
    "tanh": math.tanh,
    "relu": lambda x: x if x > 0 else 0.0,
}


def activation(name, v):
    if name not in SCALAR:
        raise ValueError("activation must be one of %s, not %r" % (sorted(SCALAR), name))
    return treemap(SCALAR[name], plain(v))


def _hidden_sequence(xs, W_xh, W_hh, b_h, h, hidden):
    f = SCALAR[hidden]
    hs = []
    for x in xs:
        h = [f(a) for a in add(matvec(W_xh, x), matvec(W_hh, h), b_h)]
        hs.append(h)
    return hs


def _outputs(hs, W_hy, b_y, output):
    f = SCALAR[output]
    return [[f(a) for a in add(matvec(W_hy, h), b_y)] for h in hs]


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    p = {k: plain(v) for k, v in params.items()}
    h = [0.0] * len(p["b_h"]) if h0 is None else plain(h0)
    hs = _hidden_sequence(plain(xs), p["W_xh"], p["W_hh"], p["b_h"], h, hidden)
    return _outputs(hs, p["W_hy"], p["b_y"], output), hs


def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    p = {k: plain(v) for k, v in params.items()}
    y = [0.0] * len(p["b_y"]) if y0 is None else plain(y0)
    f, g = SCALAR[hidden], SCALAR[output]
    ys, hs = [], []
    for x in plain(xs):
        h = [f(a) for a in add(matvec(p["W_xh"], x), matvec(p["W_yh"], y), p["b_h"])]
        y = [g(a) for a in add(matvec(p["W_hy"], h), p["b_y"])]
        hs.append(h)
        ys.append(y)
    return ys, hs


def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    seq = plain(xs)
    for layer in layers:
        L = {k: plain(v) for k, v in layer.items()}
        seq = _hidden_sequence(seq, L["W_xh"], L["W_hh"], L["b_h"], [0.0] * len(L["b_h"]), hidden)
    return _outputs(seq, plain(head["W_hy"]), plain(head["b_y"]), output)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = plain(xs)
    F = {k: plain(v) for k, v in forward.items()}
    B = {k: plain(v) for k, v in backward.items()}
    hf = _hidden_sequence(xs, F["W_xh"], F["W_hh"], F["b_h"], [0.0] * len(F["b_h"]), hidden)
    hb = _hidden_sequence(xs[::-1], B["W_xh"], B["W_hh"], B["b_h"], [0.0] * len(B["b_h"]), hidden)[::-1]
    both = [f + b for f, b in zip(hf, hb)]          # list concatenation: forward half first
    return _outputs(both, plain(head["W_hy"]), plain(head["b_y"]), output)
