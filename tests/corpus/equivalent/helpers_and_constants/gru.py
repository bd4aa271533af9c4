"""GRU as a class."""
import numpy as np

from rnn import Activation, ONE, as_float_array, initial_state, rows, stack_steps

RESET, UPDATE, CANDIDATE = "W_r", "W_u", "W_h"
RESET_BIAS, UPDATE_BIAS, CANDIDATE_BIAS = "b_r", "b_u", "b_h"


class GRUCell:
    def __init__(self, params):
        self.W_r, self.W_u, self.W_h = (as_float_array(params[k]) for k in (RESET, UPDATE, CANDIDATE))
        self.b_r, self.b_u, self.b_h = (as_float_array(params[k]) for k in (RESET_BIAS, UPDATE_BIAS, CANDIDATE_BIAS))
        self.sigmoid, self.tanh = Activation("sigmoid"), Activation("tanh")

    @property
    def size(self):
        return rows(self.W_r)

    def step(self, x, h):
        xh = np.concatenate([x, h])
        reset = self.sigmoid(self.W_r @ xh + self.b_r)
        update = self.sigmoid(self.W_u @ xh + self.b_u)
        candidate = self.tanh(self.W_h @ np.concatenate([x, reset * h]) + self.b_h)
        return update * h + (ONE - update) * candidate

    def run(self, xs, h0=None):
        h = initial_state(h0, self.size)
        hs = []
        for x in as_float_array(xs):
            h = self.step(x, h)
            hs.append(h)
        return stack_steps(hs, self.size)


def gru_forward(xs, params, h0=None):
    return GRUCell(params).run(xs, h0)
