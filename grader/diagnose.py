"""Typical slips recognised on the call that failed, when a property names only what went wrong.

A property says which value is wrong; some slips are easier to see from the call itself, by
trying what the slip would have computed with the reference:

- values returned in another order (``return hs, ys`` for ``return ys, hs``): a permutation of
  what was returned is exactly the reference's value;
- an activation name not passed on (``elman_forward(..., output="sigmoid")`` computing with
  "linear"): the reference with that argument set to another name gives exactly what was returned.

``explain(heard, function, ref)`` looks at the calls of the failing case (``StudentImplementation.heard``)
made to the function graded, and returns (hint key, message) for the first slip it recognises, else None.
"""

import functools
import inspect
import itertools
import warnings

import numpy as np

from .answers import NotRecorded
from .catalogue import record
from .messages import say
from .properties.compare import close
from .properties.strategies import ACTIVATION_NAMES
from .tree import leaves, private_copy

__all__ = ["explain"]

def explain(cases, function, ref):
    """(hint key, message lines) of a recognised slip of ``function`` ("rnn.elman_forward"), or None.

    cases: the calls of failing cases (each a ``StudentImplementation.heard``), the one shown included.
    A misdiagnosis misleads more than none, so a slip is named only when it is found on a call whose
    returned arrays are not all zeros (zeros are zeros under linear, tanh and relu, and small cases
    are full of them) and it explains every call to the function in every failing case.
    """
    try:
        return _explain(cases, function, ref)
    except NotRecorded:   # a kit has the answers to the public cases only: no slip is named on a guess
        return None


def _explain(cases, function, ref):
    module, name = function.split(".")
    reference = getattr(getattr(ref, module), name)
    calls = [(e["value"], *e["args"]) for heard in cases for e in heard if e.get("call") == function and "value" in e]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for value, args, kwargs in calls:
            if _has_zero_array(value) or _same(value, reference(*private_copy(args), **private_copy(kwargs))):
                continue
            for slip in (functools.partial(_swapped, names=record(function).return_names), _activation_ignored):
                found = slip(value, reference, args, kwargs)
                if found and all(slip(v, reference, a, k, found[2]) is not None for v, a, k in calls):
                    return found[:2]
            return None   # the first call that shows a slip decides: another hypothesis would be a guess
    return None


def _has_zero_array(value):
    return any(np.ndim(leaf) and not np.any(leaf) for _, leaf in leaves(value))


def _same(a, b):
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    try:
        return close(a, b)
    except (TypeError, ValueError):
        return False


def _swapped(value, reference, args, kwargs, order=None, *, names=()):
    """The returned tuple is the reference's in another order (the order found, or the one given, holds)."""
    expected = reference(*private_copy(args), **private_copy(kwargs))
    if not (isinstance(value, tuple) and isinstance(expected, tuple)) or len(value) != len(expected):
        return None
    orders = [order] if order else [o for o in itertools.permutations(range(len(value))) if o != tuple(range(len(value)))]
    for order in orders:
        if all(_same(value[i], expected[k]) for k, i in enumerate(order)):
            names = names or [f"value {k}" for k in range(len(expected))]
            return "return_order", say("returned/swapped", function=reference.__name__, order=", ".join(names),
                                       returned=", ".join(names[i] for i in order)), order
    return None


def _activation_ignored(value, reference, args, kwargs, fixed=None):
    """The activation arguments that, fixed to other names (fewest changed first; or as in ``fixed``), make
    the reference return value: the names given were not passed on."""
    bound = inspect.signature(reference).bind(*args, **kwargs)
    bound.apply_defaults()
    given = {n: v for n, v in bound.arguments.items() if isinstance(v, str) and v in ACTIVATION_NAMES}
    if fixed is not None:
        tries = [tuple(dict(given, **fixed)[n] for n in given)]
    else:
        tries = sorted(itertools.product(ACTIVATION_NAMES, repeat=len(given)),
                       key=lambda names: sum(a != b for a, b in zip(names, given.values())))[1:]
    for names in tries:
        tried = dict(bound.arguments, **dict(zip(given, names)))
        try:
            computed = reference(**private_copy(tried))
        except (ValueError, TypeError, KeyError):   # a combination the reference does not take: not this slip
            continue
        if _same(value, computed):
            changed = {n: used for n, used in zip(given, names) if used != given[n]}
            return "activation_ignored", [line for n, used in changed.items() for line in say(
                "returned/activation_ignored", function=reference.__name__, argument=n, used=used,
                given=given[n])], changed
    return None
