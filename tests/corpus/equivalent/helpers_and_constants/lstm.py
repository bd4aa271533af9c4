"""LSTM: an LSTMCell class, the lecture's hand-built cell, and recursive stacking."""
import numpy as np

from rnn import Activation, as_float_array, initial_state, rows, stack_steps, DEFAULT_HIDDEN

CELL_INPUT, INPUT_GATE, FORGET_GATE, OUTPUT_GATE = "z", "i", "f", "o"
GATE_ORDER = (CELL_INPUT, INPUT_GATE, FORGET_GATE, OUTPUT_GATE)
WEIGHT_PREFIX, BIAS_PREFIX = "W_", "b_"
GATE_SHARPNESS = 100.0
GATE_OFFSET = 10.0
SIGMOID = Activation("sigmoid")


def weight_key(gate):
    return WEIGHT_PREFIX + gate


def bias_key(gate):
    return BIAS_PREFIX + gate


def lstm_cell(z, z_i, z_f, z_o, c_prev, g=DEFAULT_HIDDEN, h=DEFAULT_HIDDEN):
    c = Activation(g)(z) * SIGMOID(z_i) + as_float_array(c_prev) * SIGMOID(z_f)
    return Activation(h)(c) * SIGMOID(z_o), c


def handmade_lstm():
    X1, X2, X3 = 0, 1, 2
    w = np.zeros((len(GATE_ORDER), 3))
    b = np.zeros(len(GATE_ORDER))
    row = {gate: n for n, gate in enumerate(GATE_ORDER)}
    w[row[CELL_INPUT], X1] = 1.0
    w[row[INPUT_GATE], X2], b[row[INPUT_GATE]] = GATE_SHARPNESS, -GATE_OFFSET
    w[row[FORGET_GATE], X2], b[row[FORGET_GATE]] = GATE_SHARPNESS, GATE_OFFSET
    w[row[OUTPUT_GATE], X3], b[row[OUTPUT_GATE]] = GATE_SHARPNESS, -GATE_OFFSET
    return {"w": w, "b": b}


class LSTMCell:
    """A layer of H memory cells with peepholes: every gate reads concat(x, h, c)."""

    def __init__(self, params, g=DEFAULT_HIDDEN, h=DEFAULT_HIDDEN):
        self.W = {k: as_float_array(params[weight_key(k)]) for k in GATE_ORDER}
        self.b = {k: as_float_array(params[bias_key(k)]) for k in GATE_ORDER}
        self.g, self.h = g, h

    @property
    def size(self):
        return rows(self.W[CELL_INPUT])

    def preactivations(self, x, h_prev, c_prev):
        v = np.concatenate([x, h_prev, c_prev])
        return [self.W[k] @ v + self.b[k] for k in GATE_ORDER]

    def step(self, x, h_prev, c_prev):
        return lstm_cell(*self.preactivations(x, h_prev, c_prev), c_prev, self.g, self.h)

    def run(self, xs, h0=None, c0=None):
        h, c = initial_state(h0, self.size), initial_state(c0, self.size)
        hs, cs = [], []
        for x in as_float_array(xs):
            h, c = self.step(x, h, c)
            hs.append(h)
            cs.append(c)
        return stack_steps(hs, self.size), stack_steps(cs, self.size)


def lstm_forward(xs, params, h0=None, c0=None, g=DEFAULT_HIDDEN, h=DEFAULT_HIDDEN):
    return LSTMCell(params, g, h).run(xs, h0, c0)


def _stack(xs, layers, g, h):
    if not layers:
        return as_float_array(xs)
    hs, _ = LSTMCell(layers[0], g, h).run(xs)
    return _stack(hs, layers[1:], g, h)


def stacked_lstm_forward(xs, layers, g=DEFAULT_HIDDEN, h=DEFAULT_HIDDEN):
    return _stack(xs, list(layers), g, h)
