"""Submissions written to tempt the slip diagnoses (grader.diagnose, grader.sandbox.proxy) into a wrong verdict.

Each entry: name, exercise (the one function it changes), module, code (appended to the correct module,
as for tests/corpus/mutants), slip (the diagnosis that would be TRUE for it, or None when no slip of
the whole function is there to name), and why it is a trap. Used by tests/test_diagnoses.py (``ADVERSARIAL``, by name).
"""

ADVERSARIAL = [
    dict(name="elman_ys_never_stored", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="ys preallocated and never written: zero outputs, which relu of a negative pre-activation also gives",
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = np.zeros((T, K)), np.zeros((T, H))
    for t in range(T):
        h = activation(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs[t] = h
        y = activation(output, params["W_hy"] @ h + params["b_y"])   # forgot ys[t] = y
    return ys, hs
'''),
    dict(name="elman_first_step_skipped", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="the loop starts at t=1: step 0 stays zero, as relu of negative values would make it",
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = np.zeros((T, K)), np.zeros((T, H))
    for t in range(1, T):
        h = activation(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs[t] = h
        ys[t] = activation(output, params["W_hy"] @ h + params["b_y"])
    return ys, hs
'''),
    dict(name="elman_hs_holds_preactivation", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="hs keeps the pre-activation while the recurrence uses h: hidden='linear' gives the same hs",
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        pre = params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"]
        h = activation(hidden, pre)
        hs.append(pre)                                   # should be h
        ys.append(activation(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="elman_returns_ys_twice", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="return ys, ys: the right ys, and an hs that is ys (the order is right)",
         code='''
_correct_elman = elman_forward


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    ys, hs = _correct_elman(xs, params, h0, hidden, output)
    return ys, ys.copy()
'''),
    dict(name="elman_relu_abs_inline", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="relu written inline as abs: wrong on negative inputs only, every name is passed on",
         code='''
def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    f = lambda name, v: np.abs(v) if name == "relu" else activation(name, v)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        h = f(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h)
        ys.append(f(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="lstm_h0_c0_swapped", exercise="lstm.lstm_forward", module="lstm", slip=None,
         why="h0 starts the memory cell and c0 the hidden state: an initial-state bug, not a slip",
         code='''
_correct_lstm = lstm_forward


def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    return _correct_lstm(xs, params, c0, h0, g, h)
'''),
    dict(name="lstm_cell_result_unpacked_swapped", exercise="lstm.lstm_forward", module="lstm", slip=None,
         why="c, h = lstm_cell(...) (the cell returns h, c): the return statement is in order, the recurrence is not",
         code='''
def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    H = params["b_z"].shape[0]
    h_prev = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    c_prev = np.zeros(H) if c0 is None else np.array(c0, dtype=float)
    hs, cs = [], []
    for t in range(len(xs)):
        v = np.concatenate([xs[t], h_prev, c_prev])
        z, z_i, z_f, z_o = (params["W_" + k] @ v + params["b_" + k] for k in "zifo")
        c_prev, h_prev = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h)
        hs.append(h_prev)
        cs.append(c_prev)
    return np.array(hs), np.array(cs)
'''),
    dict(name="lstm_local_activation_helper", exercise="lstm.lstm_cell", module="lstm", slip=None,
         why="correct; lstm.py defines its own helper named activation, with (v, name) arguments",
         code='''
def activation(v, name):
    v = np.asarray(v, dtype=float)
    if name == "sigmoid":
        e = np.exp(-np.abs(v))
        return np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return {"linear": lambda: v.copy(), "tanh": lambda: np.tanh(v), "relu": lambda: np.maximum(v, 0)}[name]()


def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    c = activation(z, g) * activation(z_i, "sigmoid") + np.asarray(c_prev, dtype=float) * activation(z_f, "sigmoid")
    return activation(c, h) * activation(z_o, "sigmoid"), c
'''),
    dict(name="elman_helper_notimpl_unused_path", exercise="rnn.elman_forward", module="rnn", slip=None,
         why="correct; its helper raises NotImplementedError only for an activation name never given",
         code='''
def _act(name, v):
    if name in ("linear", "tanh", "sigmoid", "relu"):
        return activation(name, v)
    raise NotImplementedError(f"activation {name!r}")


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        h = _act(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h)
        ys.append(_act(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="elman_helper_notimpl_relu", exercise="rnn.elman_forward", module="rnn",
         slip="dependency_not_implemented",
         why="its own helper still raises NotImplementedError for relu (the helper is written for the others)",
         code='''
def _act(name, v):
    if name == "relu":
        raise NotImplementedError("relu: TODO")
    return activation(name, v)


def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    H = params["W_hh"].shape[0]
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    ys, hs = [], []
    for t in range(len(xs)):
        h = _act(hidden, params["W_xh"] @ xs[t] + params["W_hh"] @ h + params["b_h"])
        hs.append(h)
        ys.append(_act(output, params["W_hy"] @ h + params["b_y"]))
    return np.array(ys), np.array(hs)
'''),
    dict(name="grad_per_step_array", exercise="gradients.linear_rnn_grad", module="gradients", slip=None,
         why="returns every step's term delta_t * a_{t-1}, shape (T,), instead of their sum: shrunk to T=1",
         code='''
def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    a_prev = np.concatenate([[0.0], ys[:-1]])
    terms, delta = [], 1.0
    for t in reversed(range(len(ys))):
        terms.append(delta * a_prev[t])
        delta *= w
    return np.array(terms[::-1])          # forgot the sum
'''),
    dict(name="eb_outer_transposed", exercise="gradients.elman_backward", module="gradients", slip=None,
         why="np.outer(xs[t], da) for dW_xh: shape (D, H), a weight gradient with no time axis",
         code='''
_correct_eb = elman_backward


def elman_backward(xs, params, dys, h0=None):
    grads = _correct_eb(xs, params, dys, h0)
    grads["W_xh"] = grads["W_xh"].T.copy()
    return grads
'''),
]
