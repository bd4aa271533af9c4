"""Oracles computed once: the reference-only computations of the properties (finite differences),
kept with the cached cases that use them (``grader.cases``) and known to every property."""

import contextlib
import functools
import pickle
import types

from ..tree import private_copy

__all__ = ["oracle", "recording", "preload", "forget"]


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
