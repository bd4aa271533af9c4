"""The degenerate corpus: complete submissions that return the right structures and do none of the work.

Every curriculum function of a degenerate submission returns exactly what the contract
asks for (tuples, dicts with the right keys, finite float arrays of exactly the right
shapes), so nothing fails as a bad return or an exception, but its values have nothing
to do with the mechanism. A grader that gives such a submission points gives credit for
nothing. One submission per kind (``KINDS``):

- zeros, ones: every returned array all zeros, all ones
- fresh_noise: Gaussian noise from ``np.random.default_rng()``, drawn afresh on every call
- seeded_noise: Gaussian noise seeded from the bytes of every input (a SeedSequence of
  them, numpy only): equal inputs give equal outputs, any change of any input changes
  every value
- mean_constant: every entry equal to the mean of the first array argument
- echo: an input echoed: xs cropped or tiled to the output's shape, ``activation``
  returns v for every name, ``lstm_cell`` returns (z, c_prev), gradients are the params
  themselves (h0, c0 when given), ``clip_gradients`` returns the grads unclipped,
  ``linear_rnn_grad`` returns w
- ignores_params: tanh of the running (cumulative, over time) sum of the first array
  argument, cropped or tiled to the output's shape: a computation on xs alone
- probe_special: zeros, except on the grader's probe inputs (grader/properties), where
  it returns what a correct function returns, hand-computed for that probe alone:
  saturated activations (|v| >= 100), W_hh = 0 (an Elman network without memory is a
  feed-forward one), saturated LSTM gates (the cell's z_f = 50 with z_i = -50, z_o = 50;
  the layer's b_f = 50, b_i = -50 with W_f = W_i = 0), saturated GRU update gates
  (b_u = ±50 with W_u = 0), the impulse 1, 0, 0, ... (w^t and (T-1)·w^(T-2)), and the
  remembering LSTM of lstm_backward's memory check (dL/dc0 in closed form)

In every kind, ``handmade_lstm`` returns that kind's values with nothing to echo (zeros
for echo and ignores_params), and ``slot_tagger`` returns H = 4 Elman parameters of that
kind with W_hy = 0: every word gets the same tag, argmax(b_y).

Submissions import numpy only. The code is generated from small templates: one
leaf function ``_out`` per kind (what one returned array holds), shared helpers, and one
table row per curriculum function (its signature, the shapes it returns, and the
structure of its return value); probe_special adds its probe branches. ``make_degenerate``
writes one kind's submission folder.
"""

import os
import textwrap

KINDS = ("zeros", "ones", "fresh_noise", "seeded_noise", "mean_constant", "echo", "ignores_params",
         "probe_special")
MODULES = ("rnn", "lstm", "gru", "gradients", "slot_filling")

HELPERS = '''
def _rows(a):
    """The length of a's first axis (a may be a list)."""
    return np.shape(a)[0]


def _array_in(obj, scalars):
    """The first array (or, with scalars, 0-d value) inside obj, depth first; None if there is none."""
    if obj is None or isinstance(obj, (str, bytes)):
        return None
    if isinstance(obj, dict):
        items = list(obj.values())
    else:
        try:
            a = np.asarray(obj, dtype=float)
        except (TypeError, ValueError):
            items = list(obj) if isinstance(obj, (list, tuple)) else []
        else:
            return a if (a.ndim == 0) == scalars and a.size else None
    for item in items:
        found = _array_in(item, scalars)
        if found is not None:
            return found
    return None


def _first(inputs):
    """The first array argument among the inputs (else the first number); None when there is none."""
    for scalars in (False, True):
        for obj in inputs:
            found = _array_in(obj, scalars)
            if found is not None:
                return found
    return None


def _fit(a, shape):
    """a cropped or tiled (cyclically, along every axis) to shape; zeros when there is nothing to echo."""
    a = np.asarray(0.0 if a is None else a, dtype=float)
    if a.size == 0:
        return np.zeros(shape)
    if len(shape) == 0:
        return np.array(a.ravel()[0])
    if a.ndim >= len(shape):
        a = a.reshape(a.shape[:len(shape) - 1] + (-1,))
    else:
        a = a.reshape(a.shape + (1,) * (len(shape) - a.ndim))
    return a[np.ix_(*[np.arange(n) % m for n, m in zip(shape, a.shape)])]
'''

SEED_HELPERS = '''
def _words(obj, out):
    """Append obj (names, keys, shapes and the bytes of every value) to out as 32-bit words."""
    if obj is None:
        out.append(1)
        return
    if isinstance(obj, (str, bytes)):
        raw = obj.encode() if isinstance(obj, str) else obj
        out.extend((2, len(raw)))
        out.extend(np.frombuffer(raw + bytes(-len(raw) % 4), dtype=np.uint32).tolist())
        return
    if isinstance(obj, dict):
        out.extend((3, len(obj)))
        for key, value in obj.items():
            _words(key, out)
            _words(value, out)
        return
    try:
        a = np.ascontiguousarray(np.asarray(obj, dtype=np.float64))
    except (TypeError, ValueError):
        items = list(obj) if isinstance(obj, (list, tuple)) else [repr(obj)]
        out.extend((4, len(items)))
        for item in items:
            _words(item, out)
        return
    out.extend((5, a.ndim, *a.shape))
    out.extend(np.frombuffer(a.tobytes(), dtype=np.uint32).tolist())


def _rng(inputs, name):
    """A generator seeded from every input and the value's name."""
    out = []
    for obj in (name,) + tuple(inputs):
        _words(obj, out)
    return np.random.default_rng(np.random.SeedSequence([len(out)] + out))
'''

PROBE_HELPERS = '''
def _sig(v):
    """The sigmoid, without overflow."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(v, dtype=float)))


def _act(name, v):
    v = np.asarray(v, dtype=float)
    return {"sigmoid": _sig, "tanh": np.tanh, "relu": lambda u: np.maximum(u, 0.0)}.get(name, lambda u: u + 0.0)(v)


def _floats(params):
    return {k: np.asarray(p, dtype=float) for k, p in params.items()}
'''

LEAVES = {
    "zeros": ("every returned array is all zeros", "return np.zeros(shape)"),
    "ones": ("every returned array is all ones", "return np.ones(shape)"),
    "fresh_noise": ("every returned array is Gaussian noise drawn afresh on every call",
                    "return np.random.default_rng().normal(size=shape)"),
    "seeded_noise": ("every returned array is Gaussian noise seeded from the bytes of every input",
                     "return _rng(inputs, name).normal(size=shape)"),
    "mean_constant": ("every entry is the mean of the first array argument",
                      "first = _first(inputs)\n"
                      "return np.full(shape, float(np.mean(first)) if first is not None else 0.0)"),
    "echo": ("every returned array echoes an input, cropped or tiled to its shape",
             "return _fit(echo if echo is not None else _first(inputs), shape)"),
    "ignores_params": ("every returned array is tanh of the running sum of the first array argument, "
                       "ignoring the weights",
                       "first = _first(inputs)\n"
                       "if first is None:\n"
                       "    return np.zeros(shape)\n"
                       "return _fit(np.tanh(np.cumsum(np.atleast_1d(first), axis=0)), shape)"),
    "probe_special": ("every returned array is zeros, except on the grader's probe inputs",
                      "return np.zeros(shape)"),
}
"""kind: (what it returns, the body of ``_out(name, shape, inputs, echo)``)."""

FUNCTIONS = (
    # module, function, parameters, the shapes it returns, its return value
    ("rnn", "activation", "name, v", "shape = np.shape(v)",
     '_out("a", shape, _in, v)'),
    ("rnn", "elman_forward", 'xs, params, h0=None, hidden="tanh", output="linear"',
     'T, H, K = _rows(xs), _rows(params["W_hh"]), _rows(params["W_hy"])',
     '_out("ys", (T, K), _in, xs), _out("hs", (T, H), _in, xs)'),
    ("rnn", "jordan_forward", 'xs, params, y0=None, hidden="tanh", output="linear"',
     'T, H, K = _rows(xs), _rows(params["W_xh"]), _rows(params["W_hy"])',
     '_out("ys", (T, K), _in, xs), _out("hs", (T, H), _in, xs)'),
    ("rnn", "stacked_forward", 'xs, layers, head, hidden="tanh", output="linear"',
     'T, K = _rows(xs), _rows(head["W_hy"])',
     '_out("ys", (T, K), _in, xs)'),
    ("rnn", "bidirectional_forward", 'xs, forward, backward, head, hidden="tanh", output="linear"',
     'T, K = _rows(xs), _rows(head["W_hy"])',
     '_out("ys", (T, K), _in, xs)'),
    ("lstm", "lstm_cell", 'z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"', "shape = np.shape(z)",
     '_out("a", shape, _in, z), _out("c", shape, _in, c_prev)'),
    ("lstm", "handmade_lstm", "", "",
     '{"w": _out("w", (4, 3), _in, None), "b": _out("b", (4,), _in, None)}'),
    ("lstm", "lstm_forward", 'xs, params, h0=None, c0=None, g="tanh", h="tanh"',
     'T, H = _rows(xs), _rows(params["b_z"])',
     '_out("hs", (T, H), _in, xs), _out("cs", (T, H), _in, xs)'),
    ("lstm", "stacked_lstm_forward", 'xs, layers, g="tanh", h="tanh"',
     'T, H = _rows(xs), _rows(layers[-1]["b_z"])',
     '_out("hs", (T, H), _in, xs)'),
    ("gru", "gru_forward", "xs, params, h0=None", 'T, H = _rows(xs), _rows(params["b_r"])',
     '_out("hs", (T, H), _in, xs)'),
    ("gradients", "linear_rnn", "w, xs", "T = _rows(xs)",
     '_out("ys", (T,), _in, xs)'),
    ("gradients", "linear_rnn_grad", "w, xs", "T = _rows(xs)",
     'float(_out("dw", (), _in, w))'),
    ("gradients", "elman_backward", "xs, params, dys, h0=None", 'H = _rows(params["W_hh"])',
     '{**{k: _out(k, np.shape(p), _in, p) for k, p in params.items()}, "h0": _out("h0", (H,), _in, h0)}'),
    ("gradients", "clip_gradients", "grads, max_norm", "",
     "{k: _out(k, np.shape(g), _in, g) for k, g in grads.items()}"),
    ("gradients", "lstm_backward", "xs, params, dhs, h0=None, c0=None", 'H = _rows(params["b_z"])',
     '{**{k: _out(k, np.shape(p), _in, p) for k, p in params.items()},\n'
     '        "h0": _out("h0", (H,), _in, h0), "c0": _out("c0", (H,), _in, c0)}'),
    ("slot_filling", "slot_tagger", "", "H = 4",
     '{"W_xh": _out("W_xh", (H, 16), _in, None), "W_hh": _out("W_hh", (H, H), _in, None),\n'
     '        "b_h": _out("b_h", (H,), _in, None), "W_hy": np.zeros((4, H)), "b_y": _out("b_y", (4,), _in, None)}'),
)

PROBES = {
    "activation": '''
        v_ = np.asarray(v, dtype=float)
        if name in ("sigmoid", "tanh") and v_.size and np.all(np.abs(v_) >= 100):   # "stable": saturated
            return np.sign(v_) if name == "tanh" else (v_ > 0).astype(float)
    ''',
    "elman_forward": '''
        p = _floats(params)
        if not np.any(p["W_hh"]):   # "memoryless_permutes": without memory, a feed-forward network
            hs = _act(hidden, np.asarray(xs, dtype=float) @ p["W_xh"].T + p["b_h"])
            return _act(output, hs @ p["W_hy"].T + p["b_y"]), hs
    ''',
    "lstm_cell": '''
        c = np.zeros(shape)
        if np.all(np.asarray(z_f) >= 50) and np.all(np.asarray(z_i) <= -50):   # "forget_gate": kept memory
            c = c + np.asarray(c_prev, dtype=float)
        if np.all(np.asarray(z_o) >= 50):                                     # output gate open: a = h(c)
            return _act(h, c), c
        if np.any(c):
            return np.zeros(shape), c
    ''',
    "lstm_forward": '''
        p = _floats(params)
        if (not np.any(p["W_f"]) and np.all(p["b_f"] >= 50) and not np.any(p["W_i"])
                and np.all(p["b_i"] <= -50)):   # "forget_gate": the memory stays c0
            c = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
            h_t, hs = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float), []
            for x_t in np.asarray(xs, dtype=float):
                h_t = _act(h, c) * _sig(p["W_o"] @ np.concatenate([x_t, h_t, c]) + p["b_o"])
                hs.append(h_t)
            return np.array(hs).reshape(T, H), np.tile(c, (T, 1))
    ''',
    "gru_forward": '''
        p = _floats(params)
        h_t = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
        if not np.any(p["W_u"]) and np.all(p["b_u"] >= 50):    # "update_gate": u = 1 keeps h0
            return np.tile(h_t, (T, 1))
        if not np.any(p["W_u"]) and np.all(p["b_u"] <= -50):   # "update_gate", "reset_gate": u = 0, h_t = n_t
            hs = []
            for x_t in np.asarray(xs, dtype=float):
                r = _sig(p["W_r"] @ np.concatenate([x_t, h_t]) + p["b_r"])
                h_t = np.tanh(p["W_h"] @ np.concatenate([x_t, r * h_t]) + p["b_h"])
                hs.append(h_t)
            return np.array(hs).reshape(T, H)
    ''',
    "linear_rnn": '''
        x = np.asarray(xs, dtype=float)
        if T and not np.any(x[1:]):   # "impulse": y_t = x_1 · w^(t-1)
            return x[0] * float(w) ** np.arange(T)
    ''',
    "linear_rnn_grad": '''
        x = np.asarray(xs, dtype=float)
        if T and not np.any(x[1:]):   # "impulse", "growth": x_1 · (T-1) · w^(T-2)
            return float(x[0] * (T - 1) * float(w) ** (T - 2)) if T > 1 else 0.0
    ''',
    "lstm_backward": '''
        p, x, dh = _floats(params), np.asarray(xs, dtype=float), np.asarray(dhs, dtype=float)
        D = x.shape[1]
        if (not np.any(p["W_i"]) and not np.any(p["W_f"]) and np.all(p["b_i"] <= -50) and np.all(p["b_f"] >= 50)
                and not np.any(p["W_o"][:, D:])):   # "memory_keeps_gradient": c_t = c0, o_t reads x_t only
            c = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
            o = _sig(x @ p["W_o"][:, :D].T + p["b_o"])                                   # (T, H)
            h_prev = np.vstack([np.zeros(H) if h0 is None else np.asarray(h0, dtype=float), np.tanh(c) * o[:-1]])
            v = np.hstack([x, h_prev, np.tile(c, (len(x), 1))])                          # (T, D+2H)
            dz_o = dh * np.tanh(c) * o * (1 - o)
            grads = {k: np.zeros(np.shape(q)) for k, q in params.items()}
            grads.update(W_o=dz_o.T @ v, b_o=dz_o.sum(axis=0), h0=np.zeros(H),
                         c0=(dh * o).sum(axis=0) * (1 - np.tanh(c) ** 2))
            return grads
    ''',
}
"""function: the probe branches probe_special runs before its zeros (locals: the arguments, the shapes)."""


def _function(kind, name, parameters, shapes, returns):
    """The source of one curriculum function of a degenerate submission."""
    args = [p.split("=")[0].strip() for p in parameters.split(",") if p.strip()]
    inputs = ", ".join([repr(name)] + args) + ("," if not args else "")
    lines = [f"def {name}({parameters}):", f"    _in = ({inputs})"]
    if shapes:
        lines.append(f"    {shapes}")
    if kind == "probe_special" and name in PROBES:
        lines.append(textwrap.indent(textwrap.dedent(PROBES[name]).strip("\n"), "    "))
    lines.append(f"    return {returns}")
    return "\n".join(lines) + "\n"


def module_source(kind, module):
    """The source of one module of the degenerate submission of this kind."""
    what, leaf = LEAVES[kind]
    parts = [f'"""Degenerate submission ({kind}): {what}; structures and shapes are right."""\n',
             "import numpy as np\n", HELPERS]
    if kind == "seeded_noise":
        parts.append(SEED_HELPERS)
    if kind == "probe_special":
        parts.append(PROBE_HELPERS)
    parts.append('\ndef _out(name, shape, inputs, echo):\n'
                 '    """One returned array of this kind: its name, shape, every input, the input it would echo."""\n'
                 + textwrap.indent(leaf, "    ") + "\n")
    parts.extend("\n" + _function(kind, *row[1:]) for row in FUNCTIONS if row[0] == module)
    return "\n".join(parts)


def make_degenerate(root, kind):
    """Write the submission folder root/<kind>/ (rnn.py, lstm.py, gru.py, gradients.py, slot_filling.py); its path."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: expected one of {KINDS}")
    path = os.path.join(str(root), kind)
    os.makedirs(path, exist_ok=True)
    for module in MODULES:
        with open(os.path.join(path, f"{module}.py"), "w", encoding="utf-8") as f:
            f.write(module_source(kind, module))
    return path
