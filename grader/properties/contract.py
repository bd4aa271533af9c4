"""The contract every exercise shares: it returns what is asked and leaves its inputs alone.

The shape, type and finiteness of every returned value are checked on every call
(``grader.sandbox.proxy``); this check adds that the caller's arrays come back
unchanged, since an implementation that writes into xs or params corrupts its caller.
"""

import numpy as np

from ..catalogue import check
from ..errors import Mismatch
from . import gradients, gru, lstm, rnn
from ._util import call, private_copy

CONTRACTS = (
    ("rnn.activation", rnn.activation_cases(), ("name", "v")),
    ("rnn.elman_forward", rnn.elman_cases(), rnn.ELMAN_ARGS),
    ("rnn.jordan_forward", rnn.jordan_cases(), rnn.JORDAN_ARGS),
    ("rnn.stacked_forward", rnn.stacked_cases(), rnn.STACKED_ARGS),
    ("rnn.bidirectional_forward", rnn.bidirectional_cases(), rnn.BIDI_ARGS),
    ("lstm.lstm_cell", lstm.cell_cases(), lstm.CELL_ARGS),
    ("lstm.lstm_forward", lstm.lstm_cases(with_h0=True, with_c0=True), lstm.LSTM_ARGS),
    ("lstm.stacked_lstm_forward", lstm.stacked_lstm_cases(), lstm.STACKED_ARGS),
    ("gru.gru_forward", gru.gru_cases(with_h0=True), gru.GRU_ARGS),
    ("gradients.linear_rnn", gradients.linear_cases(), gradients.LINEAR_ARGS),
    ("gradients.linear_rnn_grad", gradients.linear_cases(), gradients.LINEAR_ARGS),
    ("gradients.elman_backward", gradients.elman_backward_cases(), gradients.ELMAN_BACKWARD_ARGS),
    ("gradients.clip_gradients", gradients.clip_above_cases(), gradients.CLIP_ARGS),
    ("gradients.lstm_backward", gradients.lstm_backward_cases(), gradients.LSTM_BACKWARD_ARGS),
)
"""(exercise, strategy of its calls, its arguments) for every exercise that takes inputs."""


def _leaves(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, f"{path}[{k!r}]")
    elif isinstance(obj, (list, tuple)):
        for k, v in enumerate(obj):
            yield from _leaves(v, f"{path}[{k}]")
    else:
        yield path, obj


def _inputs_unchanged(exercise, args):
    module, function = exercise.split(".")

    def prop(impl, case, ref):
        before = private_copy(case)
        call(getattr(getattr(impl, module), function), case, *args)
        for name in args:
            for (where, new), (_, old) in zip(_leaves(case[name], name), _leaves(before[name], name)):
                same = (np.array_equal(new, old) and np.shape(new) == np.shape(old)) \
                    if isinstance(old, np.ndarray) else new is old or new == old
                if not same:
                    raise Mismatch(f"{function} modified its input {where}: it was {old!r}, "
                                   f"after the call it is {new!r}", hint="mutated", what=where)

    prop.__name__ = f"{function}_contract"
    return prop


for _exercise, _strategy, _args in CONTRACTS:
    check(_exercise, "contract", strategy=_strategy, points=1, examples=5)(_inputs_unchanged(_exercise, _args))
