"""Small helpers shared by the properties."""

import contextlib
import functools
import pickle
import types

import numpy as np

from ..tree import map_floats, private_copy

__all__ = ["FIXED", "FORM", "FORMS", "as_given", "sigmoid", "ACTIVATIONS", "call", "last_call", "oracle", "recording", "preload", "forget"]


FIXED = "_fixed"
"""A case holding FIXED: True is the lecture's own numbers: fresh cases never move it (``grader.fresh``), and
the feedback does not show the key (keys starting with "_" are not arguments)."""


FORM = "_form"
"""A case holding FORM: name was drawn in one of the input forms its exercise's docstring allows
besides plain float64 arrays (``strategies.in_forms``); the feedback names the form when code
fails on it (``FORMS``)."""
FORMS = {
    "read_only": (("ValueError",), "read-only"),
    "python_float": (("AttributeError", "TypeError", "IndexError"), ""),
}
"""Each input form: the exceptions (types, and a text the message holds) that code mishandling it raises.
"read_only": every array of the case is read-only, as a caller's may be (a function must not write
into its inputs); "python_float": a scalar argument is a Python float (where the docstring says so)."""


def as_given(case):
    """A private copy of the case as a property is given it: in its form (read-only arrays for "read_only")."""
    given = private_copy(case)
    if isinstance(given, dict) and given.get(FORM) == "read_only":
        given = map_floats(given, _read_only)
    return given


def _read_only(array):
    if isinstance(array, np.ndarray):   # (a copy already: as_given's private one)
        array.setflags(write=False)
    return array


def sigmoid(v):
    """σ(v) = 1 / (1 + e^-v), without overflow: the properties' own, independent of the reference's."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(v, dtype=float)))


ACTIVATIONS = {"linear": lambda v: np.asarray(v, dtype=float), "sigmoid": sigmoid, "tanh": np.tanh,
               "relu": lambda v: np.maximum(v, 0.0)}
"""The curriculum's activations, written out for the properties' independent oracles."""


def call(fn, case, *names):
    """fn(**the case's entries named): a property passes exactly the curriculum's arguments."""
    return fn(**{n: case[n] for n in names})


def last_call(impl):
    """What the implementation's last call warned and whether it returned an input's memory:
    {"warned": [...], "shares": bool} (the sandbox's ``heard``; nothing for the in-process reference)."""
    heard = getattr(impl, "heard", None)
    return heard[-1] if heard else {"warned": [], "shares": False}


# ------------------------------------------------------------ oracles computed once

_ORACLES = {}
_RECORDED = None


def oracle(fn):
    """Keep the results of fn, an expensive computation from the reference alone (finite differences).

    fn's result depends only on the values of its arguments (the reference module and
    parts of a case), so it is the same for every submission graded on the same case.
    Results used while a check's plan is recorded (``recording``) are stored with
    its cached cases and loaded back (``preload``), so replayed cases never compute them
    again; anything else is computed on each call (nothing accumulates while grading).
    Only the real ``reference`` package counts as a reference: any other module passed
    in (a test's double) is never looked up.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def memo(*args, **kwargs):
        key = None if kwargs else _oracle_key(name, args)
        if key is None:
            return fn(*args, **kwargs)
        value = _ORACLES[key] if key in _ORACLES else fn(*args)
        if _RECORDED is not None:   # known already or computed now: what the cases being recorded use
            _RECORDED[key] = private_copy(value)
        return private_copy(value) if key in _ORACLES else value

    return memo


def _oracle_key(name, args):
    plain = []
    for arg in args:
        if isinstance(arg, types.ModuleType):
            if arg.__name__ != "reference":
                return None
            arg = "<reference>"
        plain.append(arg)
    try:
        return name.encode() + b"\0" + pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


@contextlib.contextmanager
def recording():
    """Collect {key: result} of every oracle computed inside the block (yielded dict)."""
    global _RECORDED
    outer, _RECORDED = _RECORDED, {}
    try:
        yield _RECORDED
    finally:
        _RECORDED = outer


def preload(results):
    """Make results ({key: result}, as recorded) known to every oracle; returns the keys that were new."""
    new = [key for key in results if key not in _ORACLES]
    _ORACLES.update(results)
    return new


def forget(keys):
    """Stop knowing the oracle results of these keys (the new ones of one submission's fresh cases)."""
    for key in keys:
        _ORACLES.pop(key, None)
