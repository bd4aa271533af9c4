"""The relations a recurrent network keeps with itself, each with its sensitivity condition.

A relation (causality, order, split runs, permutations) holds trivially for an output
that ignores its inputs: a constant is causal. So each relation here comes with the
condition that makes it evidence of work: the outputs respond to the inputs that the
mechanism says matter, wherever the reference's outputs do. ``responds`` is that
condition for a whole exercise: a gate without which none of the exercise's checks
earns a point (``grader.score``).
"""

import numpy as np
from hypothesis import strategies as st

from ..errors import Mismatch
from ..messages import say
from .compare import assert_close, assert_differs, close
from ..tree import map_floats, private_copy
from ._util import call
from .strategies import sequence

__all__ = ["causal_cases", "causality", "split_cases", "order_matters", "permutation", "responds", "GATE"]

GATE = "responds"
"""The name of every exercise's gate check (``responds``)."""


# ---------------------------------------------------------------- causality


def _changed_after(draw, xs):
    """A step t and xs with every step after t replaced."""
    t = draw(st.integers(0, len(xs) - 1))
    later = draw(sequence(len(xs) - t - 1, xs.shape[1])) if t + 1 < len(xs) else xs[:0]
    return t, np.concatenate([xs[:t + 1], later + 0.5])


@st.composite
def causal_cases(draw, base):
    """A case of ``base`` with a step t and ``xs_changed``: xs with every step after t replaced."""
    case = draw(base)
    case["t"], case["xs_changed"] = _changed_after(draw, case["xs"])
    return case


def causality(run, impl, ref, case, what):
    """The outputs up to t depend on x_1..x_t only, and the later ones respond to the later inputs.

    run(m, xs): the outputs (T, ...) of implementation m (impl or ref) on xs.
    """
    t = case["t"]
    ys = run(impl, case["xs"])
    ys_changed = run(impl, case["xs_changed"])
    assert_close(ys_changed[:t + 1], ys[:t + 1], what=f"{what}[:{t + 1}] after changing xs[{t + 1}:]",
                 hint="causality")
    if close(ys_changed[t + 1:], ys[t + 1:]) and not close(run(ref, private_copy(case["xs"]))[t + 1:],
                                                          run(ref, private_copy(case["xs_changed"]))[t + 1:]):
        raise Mismatch(say("relations/later_ignored", what=what, t=t + 1), hint="ignores", what=what, received=ys[t + 1:])


# ---------------------------------------------------------------- split runs, order, permutations


@st.composite
def split_cases(draw, base):
    """A case of ``base`` (T >= 2) with a step k in 1..T-1 to split the sequence at."""
    case = draw(base)
    case["k"] = draw(st.integers(1, len(case["xs"]) - 1))
    return case


def _swap_first_two(xs):
    return np.concatenate([xs[1::-1], xs[2:]])


def order_matters(run, case, what):
    """Swapping x_1 and x_2 must change y_2: it now sees x_2's memory, not the empty one.

    (A relation of difference: a noisy function keeps it too, so it counts only beside
    a check that proves work, see ``grader.score``.)
    """
    ys = run(case["xs"])
    ys_swapped = run(_swap_first_two(case["xs"]))
    assert_differs(ys_swapped[1], ys[0], what=f"{what}: y_2 after the swap and y_1 before it",
                   hint="order")


def permutation(T):
    """A permutation of range(T), shrinking towards the identity."""
    return st.permutations(list(range(T)))


# ---------------------------------------------------------------- the gate: the outputs respond


def _flat(value):
    """Every number of a returned value (arrays, tuples, dicts of arrays) in one float vector."""
    if isinstance(value, dict):
        return np.concatenate([_flat(value[k]) for k in sorted(value)] or [np.zeros(0)])
    if isinstance(value, (tuple, list)):
        return np.concatenate([_flat(v) for v in value] or [np.zeros(0)])
    return np.ravel(np.asarray(value, dtype=float))


def _moved(value):
    """value with every float changed: an affine move that no saturation or rounding hides everywhere."""
    return map_floats(value, lambda a: a * 0.75 + 0.4)


def responds(exercise, args, groups):
    """The gate of an exercise: its function is deterministic and its output responds to each group of
    arguments (e.g. ("xs",), ("params",)) whenever the reference's output does.

    Constants, noise drawn afresh, echoes of an input and outputs that ignore the
    weights all fail it; a function with a genuine bug still responds to its inputs.
    """
    module, function = exercise.split(".")

    def prop(impl, case, ref):
        fn, ref_fn = getattr(getattr(impl, module), function), getattr(getattr(ref, module), function)
        received = _flat(call(fn, private_copy(case), *args))
        again = _flat(call(fn, private_copy(case), *args))
        if not close(again, received):
            raise Mismatch(say("relations/not_deterministic", function=function),
                           hint="deterministic", what=function, expected=received, received=again)
        for group in groups:
            moved = {**case, **{name: _moved(case[name]) for name in group}}
            if not close(_flat(call(fn, private_copy(moved), *args)), received):
                continue   # it responds (the reference is asked only when it does not)
            if not close(*(_flat(call(ref_fn, private_copy(c), *args)) for c in (moved, case))):
                names = " and ".join(group)
                raise Mismatch(say("relations/unchanged", function=function, names=names), hint="ignores", what=function, received=received)

    prop.__name__ = f"{function}_responds"
    return prop
