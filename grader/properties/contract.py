"""The contract every exercise shares: it does the work, returns what is asked and leaves its inputs alone.

Each exercise that takes inputs gets two checks here, on the same calls:

- ``responds`` (no points, a gate): the function is deterministic and its output
  responds to each group of inputs that matters (``relations.responds``); an exercise
  whose function fails it earns nothing (``grader.score``).
- ``contract``: the caller's arrays come back unchanged, since an implementation that
  writes into xs or params corrupts its caller; some of its calls are on read-only arrays
  (``strategies.in_forms``), which catches code that writes into an input and restores it. (The shape, type and finiteness of every
  returned value are checked on every call, in ``grader.sandbox.proxy``.)
"""

import numpy as np

from ..catalogue import arguments, check
from ..errors import Mismatch
from ..messages import say
from . import gradients, gru, lstm, rnn
from ..tree import leaves, private_copy, show_path
from ._util import call, last_call
from .relations import GATE, responds
from .strategies import in_forms

CONTRACTS = (
    ("rnn.activation", rnn.activation_cases(), arguments("rnn.activation"), [("v",)]),
    ("rnn.elman_forward", rnn.elman_cases(), rnn.ELMAN_ARGS, [("xs",), ("params",)]),
    ("rnn.jordan_forward", rnn.jordan_cases(), rnn.JORDAN_ARGS, [("xs",), ("params",)]),
    ("rnn.stacked_forward", rnn.stacked_cases(), rnn.STACKED_ARGS, [("xs",), ("layers",), ("head",)]),
    ("rnn.bidirectional_forward", rnn.bidirectional_cases(), rnn.BIDI_ARGS,
     [("xs",), ("forward", "backward"), ("head",)]),
    ("lstm.lstm_cell", lstm.cell_cases(), lstm.CELL_ARGS, [("z", "c_prev"), ("z_i", "z_f", "z_o")]),
    ("lstm.lstm_forward", lstm.lstm_cases(with_h0=True, with_c0=True), lstm.LSTM_ARGS, [("xs",), ("params",)]),
    ("lstm.stacked_lstm_forward", lstm.stacked_lstm_cases(), lstm.STACKED_ARGS, [("xs",), ("layers",)]),
    ("gru.gru_forward", gru.gru_cases(with_h0=True), gru.GRU_ARGS, [("xs",), ("params",)]),
    ("gradients.linear_rnn", gradients.linear_cases(), gradients.LINEAR_ARGS, [("w",), ("xs",)]),
    ("gradients.linear_rnn_grad", gradients.linear_cases(), gradients.LINEAR_ARGS, [("w",), ("xs",)]),
    ("gradients.elman_backward", gradients.elman_backward_cases(), gradients.ELMAN_BACKWARD_ARGS,
     [("xs",), ("params",), ("dys",)]),
    ("gradients.clip_gradients", gradients.clip_above_cases(), gradients.CLIP_ARGS, [("grads",), ("max_norm",)]),
    ("gradients.lstm_backward", gradients.lstm_backward_cases(), gradients.LSTM_BACKWARD_ARGS,
     [("xs",), ("params",), ("dhs",)]),
)
"""(exercise, strategy of its calls, its arguments, the groups of arguments its output must respond to)
for every exercise that takes inputs."""


def _inputs_unchanged(exercise, args):
    module, function = exercise.split(".")

    def prop(impl, case, ref):
        before = private_copy(case)
        call(getattr(getattr(impl, module), function), case, *args)
        if last_call(impl)["shares"]:
            raise Mismatch(say("returned/same_object", function=function), hint="aliased_return", what=function)
        for name in args:
            for (path, new), (_, old) in zip(leaves(case[name]), leaves(before[name])):
                where = name + show_path(path)
                same = (np.array_equal(new, old) and np.shape(new) == np.shape(old)) \
                    if isinstance(old, np.ndarray) else new is old or new == old
                if not same:
                    raise Mismatch(say("contract/mutated", function=function, where=where, old=repr(old), new=repr(new)),
                                   hint="mutated", what=where)

    prop.__name__ = f"{function}_contract"
    return prop


SHARED = tuple(prop for _exercise, _strategy, _args, _groups in CONTRACTS for prop in (
    check(_exercise, GATE, strategy=_strategy, points=0, examples=4, proves_work=False)(
        responds(_exercise, _args, _groups)),
    check(_exercise, "contract", strategy=in_forms(_strategy, "read_only"), points=1, examples=5, proves_work=False)(
        _inputs_unchanged(_exercise, _args))))
"""The responds and contract checks of every exercise in CONTRACTS (collected by ``grader.properties``)."""
