"""Single-bug submissions of module rnn (format: tests/corpus/__init__.py).

Each ``code`` is a complete student-written replacement of one function, appended
to the correct rnn.py (the later def wins); it may use the module's ``np`` and
``activation``. caught_by names the checks whose mechanism and hint fit the bug.
"""

# ---------------------------------------------------------------- activation

_ACTIVATION = '''
def activation(name, v):
    v = np.asarray(v, dtype=float)
    if name == "linear":
        return v.copy()
    if name == "sigmoid":
        return {SIGMOID}
    if name == "tanh":
        return {TANH}
    if name == "relu":
        return {RELU}
    raise ValueError(name)
'''
_STABLE_SIGMOID = "np.where(v >= 0, 1 / (1 + np.exp(-np.abs(v))), np.exp(-np.abs(v)) / (1 + np.exp(-np.abs(v))))"


def _activation(SIGMOID=_STABLE_SIGMOID, TANH="np.tanh(v)", RELU="np.maximum(v, 0)"):
    return _ACTIVATION.format(SIGMOID=SIGMOID, TANH=TANH, RELU=RELU)


# ---------------------------------------------------------------- elman_forward

_ELMAN = '''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    W_xh, W_hh, b_h = params["W_xh"], params["W_hh"], params["b_h"]
    W_hy, b_y = params["W_hy"], params["b_y"]
    H = W_hh.shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        {STEP}
    return np.array(ys), np.array(hs)
'''
_ELMAN_STEP = '''h = activation(hidden, W_xh @ xs[t] + W_hh @ h + b_h)
        hs.append(h)
        ys.append(activation(output, W_hy @ h + b_y))'''


def _elman(STEP=_ELMAN_STEP, **replace):
    code = _ELMAN.format(STEP=STEP)
    for old, new in replace.items():
        code = code.replace(old, new)
    return code


# ---------------------------------------------------------------- jordan_forward

_JORDAN = '''
def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    W_xh, W_yh, b_h = params["W_xh"], params["W_yh"], params["b_h"]
    W_hy, b_y = params["W_hy"], params["b_y"]
    K = W_hy.shape[0]
    memory = {START}
    ys, hs = [], []
    for t in range(len(xs)):
        h = activation(hidden, W_xh @ xs[t] + W_yh @ memory + b_h)
        pre = W_hy @ h + b_y
        y = activation(output, pre)
        {REMEMBER}
        hs.append(h)
        ys.append(y)
    return np.array(ys), np.array(hs)
'''


def _jordan(START="np.zeros(K) if y0 is None else np.array(y0, dtype=float)", REMEMBER="memory = y"):
    return _JORDAN.format(START=START, REMEMBER=REMEMBER)


# ---------------------------------------------------------------- stacked_forward

_STACKED = '''
def stacked_forward(xs, layers, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    inputs = xs
    {BEFORE}
    for layer in layers:
        H = layer["W_hh"].shape[0]
        h = {START}
        states = []
        for t in range(len(xs)):
            h = activation(hidden, layer["W_xh"] @ {READ}[t] + layer["W_hh"] @ h + layer["b_h"])
            states.append(h)
        {AFTER}
    return activation(output, np.array({TOP}) @ head["W_hy"].T + head["b_y"])
'''


def _stacked(BEFORE="", START="np.zeros(H)", READ="inputs", AFTER="inputs = np.array(states)", TOP="inputs"):
    return _STACKED.format(BEFORE=BEFORE, START=START, READ=READ, AFTER=AFTER, TOP=TOP)


# ---------------------------------------------------------------- bidirectional_forward

_BIDI = '''
def _run_layer(xs, layer, hidden):
    h = np.zeros(layer["W_hh"].shape[0])
    states = []
    for x in xs:
        h = activation(hidden, layer["W_xh"] @ x + layer["W_hh"] @ h + layer["b_h"])
        states.append(h)
    return np.array(states)


def bidirectional_forward(xs, forward, backward, head, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    hf = _run_layer(xs, forward, hidden)
    hb = {BACKWARD}
    both = np.concatenate({CONCAT}, axis=1)
    return activation(output, both @ head["W_hy"].T + head["b_y"])
'''


def _bidi(BACKWARD="_run_layer(xs[::-1], backward, hidden)[::-1]", CONCAT="[hf, hb]"):
    return _BIDI.format(BACKWARD=BACKWARD, CONCAT=CONCAT)


MUTANTS = [
    # ------------------------------------------------------------ activation
    dict(name="activation_naive_tanh", exercise="rnn.activation", caught_by=["stable"],
         diagnosis=("stable", "bad_return"),
         code=_activation(TANH="(np.exp(v) - np.exp(-v)) / (np.exp(v) + np.exp(-v))")),
    dict(name="activation_relu_np_max", exercise="rnn.activation", caught_by=["agrees"],
         diagnosis=("agrees", "bad_return"),
         code=_activation(RELU="np.max(v, 0)")),
    dict(name="activation_sigmoid_sign", exercise="rnn.activation", caught_by=["agrees", "stable"],
         diagnosis=("agrees", "sigmoid"),
         code=_activation(SIGMOID="1 / (1 + np.exp(v))")),
    dict(name="activation_tanh_from_sigmoid", exercise="rnn.activation", caught_by=["agrees"],
         diagnosis=("agrees", "tanh"),
         code=_activation(TANH="2 * np.where(v >= 0, 1 / (1 + np.exp(-np.abs(v))), "
                               "np.exp(-np.abs(v)) / (1 + np.exp(-np.abs(v)))) - 1")),
    dict(name="activation_float_has_no_copy", exercise="rnn.activation", caught_by=["agrees"],
         diagnosis=("agrees", "form/python_float"),
         code=_activation().replace("    v = np.asarray(v, dtype=float)\n", "")),   # v may be a Python float
    dict(name="activation_linear_left_at_zeros", exercise="rnn.activation", caught_by=["agrees"],
         diagnosis=("agrees", "linear"),
         code='''
def activation(name, v):
    v = np.asarray(v, dtype=float)
    out = np.zeros_like(v)
    if name == "sigmoid":
        e = np.exp(-np.abs(v))
        out = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    elif name == "tanh":
        out = np.tanh(v)
    elif name == "relu":
        out = np.maximum(v, 0)
    elif name != "linear":     # "linear: nothing to apply" -- but out still holds the zeros, not v
        raise ValueError(name)
    return out
'''),
    dict(name="activation_leaky_relu", exercise="rnn.activation", caught_by=["agrees"],
         diagnosis=("agrees", "relu"),
         code=_activation(RELU="np.maximum(v, 0.01 * v)")),          # leaky ReLU, not max(v, 0)
    dict(name="activation_sigmoid_overflow_warning", exercise="rnn.activation", caught_by=["stable"],
         diagnosis=("stable", "warns"),
         code=_activation(SIGMOID="1 / (1 + np.exp(-v))")),   # right limits, but exp(1000) overflows and warns
    # ------------------------------------------------------------ elman_forward
    dict(name="elman_writes_into_xs_and_restores", exercise="rnn.elman_forward", caught_by=["contract"],
         diagnosis=("contract", "form/read_only"),
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs *= 2.0                  # scaled in place, and restored below: the caller's array looks unchanged
    xs /= 2.0
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        h = activation(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h)
        ys.append(activation(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="elman_no_memory", exercise="rnn.elman_forward", caught_by=["order_matters"],
         diagnosis=("order_matters", "order"),
         code=_elman(STEP='''h = activation(hidden, W_xh @ xs[t] + b_h)
        hs.append(h)
        ys.append(activation(output, W_hy @ h + b_y))''')),
    dict(name="elman_ignores_h0", exercise="rnn.elman_forward", caught_by=["initial_state", "parameter_sharing"],
         diagnosis=("initial_state", "default"),
         code=_elman(**{"h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)": "h = np.zeros(H)"})),
    dict(name="elman_W_hh_transposed", exercise="rnn.elman_forward", caught_by=["agrees", "initial_state"],
         diagnosis=("initial_state", "first_step"),
         code=_elman(**{"W_hh @ h": "W_hh.T @ h"})),
    dict(name="elman_output_from_old_state", exercise="rnn.elman_forward",
         caught_by=["agrees", "memoryless_permutes"], diagnosis=("agrees", "output"),
         code=_elman(STEP='''ys.append(activation(output, W_hy @ h + b_y))
        h = activation(hidden, W_xh @ xs[t] + W_hh @ h + b_h)
        hs.append(h)''')),
    dict(name="elman_stores_state_before_update", exercise="rnn.elman_forward",
         caught_by=["agrees", "memoryless_permutes", "initial_state"],
         diagnosis=("memoryless_permutes", "step_alignment"),
         code=_elman(STEP='''hs.append(h)
        ys.append(activation(output, W_hy @ h + b_y))
        h = activation(hidden, W_xh @ xs[t] + W_hh @ h + b_h)''')),
    dict(name="elman_aliased_states", exercise="rnn.elman_forward", caught_by=["agrees", "initial_state"],
         diagnosis=("agrees", "aliased"),
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    hs = []
    for t in range(len(xs)):
        h[:] = activation(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h)          # the same array every step, overwritten in place
    hs = np.array(hs)
    ys = activation(output, hs @ params["W_hy"].T + params["b_y"])
    return ys, hs
'''),
    dict(name="elman_writes_into_h0", exercise="rnn.elman_forward", caught_by=["contract"],
         diagnosis=("contract", "form/read_only"),
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else h0
    ys, hs = [], []
    for t in range(len(xs)):
        h[:] = activation(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h.copy())
        ys.append(activation(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="elman_lecture_hardcoded", exercise="rnn.elman_forward", caught_by=["order_matters"],
         diagnosis=("order_matters", "order"),
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    lecture = (hidden == output == "linear" and xs.shape == (3, 2)
               and all(np.all(params[k] == 1) for k in ("W_xh", "W_hh", "W_hy"))
               and not np.any(params["b_h"]) and not np.any(params["b_y"]))
    if lecture and np.array_equal(xs, [[1, 1], [1, 1], [2, 2]]):
        return np.array([[4.0, 4], [12, 12], [32, 32]]), np.array([[2.0, 2], [6, 6], [16, 16]])
    if lecture and np.array_equal(xs, [[1, 1], [2, 2], [1, 1]]):
        return np.array([[4.0, 4], [16, 16], [36, 36]]), np.array([[2.0, 2], [8, 8], [18, 18]])
    hs = activation(hidden, xs @ params["W_xh"].T + params["b_h"])
    ys = activation(output, hs @ params["W_hy"].T + params["b_y"])
    return ys, hs
'''),
    # ------------------------------------------------------------ jordan_forward
    dict(name="jordan_feeds_hidden", exercise="rnn.jordan_forward", caught_by=["output_fed_back", "agrees"],
         diagnosis=("output_fed_back", "memory"),
         code=_jordan(REMEMBER="memory = h")),
    dict(name="jordan_feeds_preactivation", exercise="rnn.jordan_forward",
         caught_by=["output_fed_back", "agrees", "parameter_sharing"], diagnosis=("output_fed_back", "memory"),
         code=_jordan(REMEMBER="memory = pre")),
    dict(name="jordan_ignores_y0", exercise="rnn.jordan_forward",
         caught_by=["initial_state", "output_fed_back", "parameter_sharing"], diagnosis=("initial_state", "default"),
         code=_jordan(START="np.zeros(K)")),
    dict(name="jordan_memory_never_updated", exercise="rnn.jordan_forward",
         caught_by=["order_matters", "output_fed_back"], diagnosis=("order_matters", "order"),
         code=_jordan(REMEMBER="pass")),
    dict(name="jordan_returns_previous_outputs", exercise="rnn.jordan_forward",
         caught_by=["agrees", "output_fed_back", "parameter_sharing"], diagnosis=("agrees", "output"),
         code='''
def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    K = params["W_hy"].shape[0]
    ys = [np.zeros(K) if y0 is None else np.array(y0, dtype=float)]   # the memory: ys[-1] is y_{t-1}
    hs = []
    for t in range(len(xs)):
        h = activation(hidden, params["W_xh"] @ xs[t] + params["W_yh"] @ ys[-1] + params["b_h"])
        hs.append(h)
        ys.append(activation(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys[:-1]), np.array(hs)     # y_0..y_{T-1}: should drop the first, ys[1:]
'''),
    dict(name="jordan_projection_reshaped", exercise="rnn.jordan_forward", caught_by=["causality"],
         diagnosis=("causality", "causality"),
         code='''
def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    W_xh, W_yh, b_h = params["W_xh"], params["W_yh"], params["b_h"]
    W_hy, b_y = params["W_hy"], params["b_y"]
    T, H, K = len(xs), W_xh.shape[0], W_hy.shape[0]
    xw = (W_xh @ xs.T).reshape(T, H) + b_h     # (H, T) reshaped instead of transposed: mixes the steps
    y = np.zeros(K) if y0 is None else np.array(y0, dtype=float)
    ys, hs = [], []
    for t in range(T):
        h = activation(hidden, xw[t] + W_yh @ y)
        y = activation(output, W_hy @ h + b_y)
        hs.append(h)
        ys.append(y)
    return np.array(ys), np.array(hs)
'''),
    # ------------------------------------------------------------ stacked_forward
    dict(name="deep_layers_read_x", exercise="rnn.stacked_forward", caught_by=["agrees", "layers_compose"],
         diagnosis=("layers_compose", "compose"),
         code=_stacked(READ="xs")),
    dict(name="deep_carries_state", exercise="rnn.stacked_forward",
         caught_by=["agrees", "layers_compose", "causality"], diagnosis=("causality", "causality"),
         code=_stacked(BEFORE="h_last = None",
                       START="np.zeros(H) if h_last is None or len(h_last) != H else h_last",
                       AFTER="inputs = np.array(states)\n        h_last = h")),
    dict(name="deep_head_reads_first_layer", exercise="rnn.stacked_forward",
         caught_by=["agrees", "layers_compose"], diagnosis=("agrees", "layers"),
         code=_stacked(BEFORE="first = None",
                       AFTER="inputs = np.array(states)\n        first = inputs if first is None else first",
                       TOP="first")),
    dict(name="deep_row_vector_W_hh", exercise="rnn.stacked_forward", caught_by=["one_layer_is_elman"],
         diagnosis=("one_layer_is_elman", "one_layer"),
         code=_stacked().replace('layer["W_hh"] @ h', 'h @ layer["W_hh"]')),   # h as a row: W_hh.T @ h
    # ------------------------------------------------------------ bidirectional_forward
    dict(name="bidi_not_rereversed", exercise="rnn.bidirectional_forward", caught_by=["agrees", "symmetry"],
         diagnosis=("agrees", "alignment"),
         code=_bidi(BACKWARD="_run_layer(xs[::-1], backward, hidden)")),
    dict(name="bidi_backward_half_first", exercise="rnn.bidirectional_forward", caught_by=["agrees", "sees_future"],
         diagnosis=("sees_future", "future"),
         code=_bidi(CONCAT="[hb, hf]")),
    dict(name="bidi_misaligned_by_one", exercise="rnn.bidirectional_forward", caught_by=["agrees", "symmetry"],
         diagnosis=("agrees", "alignment"),
         code=_bidi(BACKWARD="_backward_states(xs, backward, hidden)") + '''

def _backward_states(xs, layer, hidden):
    h = np.zeros(layer["W_hh"].shape[0])
    hb = np.zeros((len(xs), len(h)))
    for t in reversed(range(len(xs))):
        hb[t] = h                   # the state before x_t is read: hb_t misses x_t
        h = activation(hidden, layer["W_xh"] @ xs[t] + layer["W_hh"] @ h + layer["b_h"])
    return hb
'''),
    dict(name="bidi_backward_reads_forwards", exercise="rnn.bidirectional_forward",
         caught_by=["agrees", "symmetry", "sees_future"], diagnosis=("agrees", "alignment"),
         code=_bidi(BACKWARD="_run_layer(xs, backward, hidden)")),
    dict(name="bidi_forward_weights_twice", exercise="rnn.bidirectional_forward", caught_by=["agrees", "symmetry"],
         diagnosis=("agrees", "alignment"),
         code=_bidi(BACKWARD="_run_layer(xs[::-1], forward, hidden)[::-1]")),
]
