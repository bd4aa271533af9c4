"""Recurrent networks, built from small classes; the curriculum functions are thin wrappers."""
import numpy as np

LINEAR, SIGMOID, TANH, RELU = "linear", "sigmoid", "tanh", "relu"
ACTIVATION_NAMES = (LINEAR, SIGMOID, TANH, RELU)
DEFAULT_HIDDEN = TANH
DEFAULT_OUTPUT = LINEAR
FLOAT = np.float64
TIME_AXIS = 0
FEATURE_AXIS = 1
ZERO = 0.0
ONE = 1.0
HALF = 0.5


def as_float_array(a):
    """A float64 array for a (a copy only when needed)."""
    return np.asarray(a, dtype=FLOAT)


def fresh_copy(a):
    return np.array(a, dtype=FLOAT, copy=True)


def zeros(n):
    return np.zeros(n, dtype=FLOAT)


def initial_state(state, size):
    """The memory at the start: the given state (copied) or zeros."""
    return zeros(size) if state is None else fresh_copy(state)


def rows(a):
    return np.shape(a)[0]


def stack_steps(states, size):
    return np.array(states, dtype=FLOAT).reshape(len(states), size)


def reverse_time(seq):
    return np.flip(seq, axis=TIME_AXIS)


def join_features(*parts):
    return np.concatenate(parts, axis=FEATURE_AXIS)


def _positive_part_sigmoid(v):
    e = np.exp(-np.abs(v))
    return np.where(v >= ZERO, ONE / (ONE + e), e / (ONE + e))


class Activation:
    """A named elementwise function; Activation('tanh')(v)."""

    _TABLE = {
        LINEAR: lambda v: fresh_copy(v),
        SIGMOID: _positive_part_sigmoid,
        TANH: np.tanh,
        RELU: lambda v: np.maximum(v, ZERO),
    }

    def __init__(self, name):
        if name not in self._TABLE:
            raise ValueError(f"activation name {name!r} is not one of {ACTIVATION_NAMES}")
        self.name = name
        self._fn = self._TABLE[name]

    def __call__(self, v):
        return self._fn(as_float_array(v))

    def __repr__(self):
        return f"Activation({self.name!r})"


def activation(name, v):
    return Activation(name)(v)


class ElmanCell:
    """h_t = f(W_xh x_t + W_hh h_{t-1} + b_h), shared by every step."""

    def __init__(self, layer, hidden=DEFAULT_HIDDEN):
        self.W_xh = as_float_array(layer["W_xh"])
        self.W_hh = as_float_array(layer["W_hh"])
        self.b_h = as_float_array(layer["b_h"])
        self.f = Activation(hidden)

    @property
    def size(self):
        return rows(self.W_hh)

    def step(self, h, x):
        return self.f(self.W_xh @ x + self.W_hh @ h + self.b_h)

    def run(self, xs, h0=None):
        h = initial_state(h0, self.size)
        states = []
        for x in as_float_array(xs):
            h = self.step(h, x)
            states.append(h)
        return stack_steps(states, self.size)


class Readout:
    """y_t = g(W_hy h_t + b_y), all steps at once."""

    def __init__(self, head, output=DEFAULT_OUTPUT):
        self.W_hy = as_float_array(head["W_hy"])
        self.b_y = as_float_array(head["b_y"])
        self.g = Activation(output)

    @property
    def size(self):
        return rows(self.W_hy)

    def step(self, h):
        return self.g(self.W_hy @ h + self.b_y)

    def __call__(self, hs):
        return self.g(as_float_array(hs) @ self.W_hy.T + self.b_y)


class JordanCell:
    """h_t = f(W_xh x_t + W_yh y_{t-1} + b_h): the memory is the previous output."""

    def __init__(self, params, hidden=DEFAULT_HIDDEN, output=DEFAULT_OUTPUT):
        self.W_xh = as_float_array(params["W_xh"])
        self.W_yh = as_float_array(params["W_yh"])
        self.b_h = as_float_array(params["b_h"])
        self.f = Activation(hidden)
        self.readout = Readout(params, output)

    def run(self, xs, y0=None):
        y = initial_state(y0, self.readout.size)
        hs, ys = [], []
        for x in as_float_array(xs):
            h = self.f(self.W_xh @ x + self.W_yh @ y + self.b_h)
            y = self.readout.step(h)
            hs.append(h)
            ys.append(y)
        return stack_steps(ys, self.readout.size), stack_steps(hs, rows(self.W_xh))


def run_stack(xs, layers, hidden=DEFAULT_HIDDEN):
    """The top hidden sequence of a stack of Elman layers, by recursion on the list of layers."""
    if not layers:
        return as_float_array(xs)
    return run_stack(ElmanCell(layers[0], hidden).run(xs), layers[1:], hidden)


def elman_forward(xs, params, h0=None, hidden=DEFAULT_HIDDEN, output=DEFAULT_OUTPUT):
    hs = ElmanCell(params, hidden).run(xs, h0)
    return Readout(params, output)(hs), hs


def jordan_forward(xs, params, y0=None, hidden=DEFAULT_HIDDEN, output=DEFAULT_OUTPUT):
    return JordanCell(params, hidden, output).run(xs, y0)


def stacked_forward(xs, layers, head, hidden=DEFAULT_HIDDEN, output=DEFAULT_OUTPUT):
    return Readout(head, output)(run_stack(xs, list(layers), hidden))


def bidirectional_forward(xs, forward, backward, head, hidden=DEFAULT_HIDDEN, output=DEFAULT_OUTPUT):
    xs = as_float_array(xs)
    hf = ElmanCell(forward, hidden).run(xs)
    hb = reverse_time(ElmanCell(backward, hidden).run(reverse_time(xs)))
    return Readout(head, output)(join_features(hf, hb))
