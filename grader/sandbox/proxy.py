"""A submission as an implementation object: ``impl.rnn.elman_forward(...)`` runs in the child.

Before each call the reference computes the expected value from private copies
of the inputs; its structure and shapes are the contract the reply must meet.
The reply is validated (plain ndarray, allowed dtype, exact shape, finite) and
returned as float64 arrays in the reference's structure, so properties treat
the student's functions exactly like the reference's. Inputs the student
modified are written back, as an in-process call would have left them.
"""

import numpy as np

from ..catalogue import EXERCISES
from ..errors import Abort, BadReturn, ImportFailed, NotImplementedYet, StudentException
from ..properties._util import private_copy

__all__ = ["StudentImplementation", "FREE_SHAPES"]

FREE_SHAPES = {"slot_filling.slot_tagger"}
"""Exercises whose returned shapes the student chooses (H); their checks validate them."""

_ALLOWED_KINDS = "fiu"


def _spec(value):
    """The structure the child must return, from the reference's value."""
    if isinstance(value, tuple):
        return ("tuple", [_spec(v) for v in value])
    if isinstance(value, dict):
        return ("dict", {k: _spec(v) for k, v in value.items()})
    return ("array",)


class StudentImplementation:
    """The curriculum's modules, backed by a Sandbox; ``ref`` supplies the expected structure.

    - missing: {module: reason} for modules the submission lacks or that cannot be read
    """

    def __init__(self, sandbox, ref, *, missing=None):
        self.sandbox, self.ref = sandbox, ref
        self.missing = dict(missing or {})
        self.import_errors = {}
        for module in {e.split(".")[0] for e in EXERCISES}:
            setattr(self, module, _Module(self, module))

    def ensure_imported(self, module):
        """Raise ImportFailed unless the module imports in the child."""
        if module in self.missing:
            raise ImportFailed(self.missing[module])
        if module in self.import_errors:
            raise self.import_errors[module]
        try:
            error = self.sandbox.import_module(module)
        except Abort as abort:
            error = {"error": {"type": "", "message": abort.reason, "traceback": abort.output}}
        if error is not None:
            info = error.get("error") or {}
            kind = f"{info['type']}: " if info.get("type") else ""
            fault = ImportFailed(f"{module}.py failed to import: {kind}{info.get('message', '')}".strip(),
                                 traceback=info.get("traceback", ""))
            self.import_errors[module] = fault
            raise fault

    def call(self, module, function, args, kwargs):
        expected = getattr(getattr(self.ref, module), function)(*private_copy(args), **private_copy(kwargs))
        self.ensure_imported(module)
        header, arrays = self.sandbox.call(module, function, args, kwargs, _spec(expected))
        _write_back(header.get("mutated"), arrays, (args, kwargs))
        if "error" in header:
            info = header["error"] if isinstance(header["error"], dict) else {}
            kind = NotImplementedYet if info.get("not_implemented") else StudentException
            raise kind(f"{module}.{function} raised {info.get('type', 'an exception')}: {info.get('message', '')}",
                       traceback=str(info.get("traceback", "")))
        if "bad" in header or not header.get("ok"):
            raise BadReturn(f"{module}.{function}: {header.get('bad', 'the reply was not understood')}")
        free = f"{module}.{function}" in FREE_SHAPES
        return _rebuild(header.get("value"), expected, arrays, "the returned value", free)


class _Module:
    def __init__(self, impl, name):
        self._impl, self._name = impl, name

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)

        def student_function(*args, **kwargs):
            return self._impl.call(self._name, function, args, kwargs)

        student_function.__name__ = function
        return student_function


def _validated(array, expected, where, free_shape):
    if type(array) is not np.ndarray or array.dtype.kind not in _ALLOWED_KINDS or array.dtype.itemsize > 8:
        raise BadReturn(f"{where}: not a plain numeric array (dtype {getattr(array, 'dtype', '?')})")
    want = np.shape(expected)
    if free_shape:
        if array.ndim != len(want):
            raise BadReturn(f"{where}: has {array.ndim} dimensions, expected {len(want)}")
    elif array.shape != want:
        raise BadReturn(f"{where}: has shape {array.shape}, expected {want}")
    if not np.all(np.isfinite(array)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0]) if array.ndim else ()
        raise BadReturn(f"{where}: contains {array[bad] if bad else array} at index {list(bad)} "
                        f"(NaN or inf): an overflow or a division by zero?")
    return array.astype(np.float64)


def _rebuild(tree, expected, arrays, where, free_shape):
    """The reply's leaves in the reference's structure, each one validated."""
    if isinstance(expected, tuple):
        if not isinstance(tree, list) or len(tree) != len(expected):
            raise BadReturn(f"{where}: expected a tuple of {len(expected)} values")
        return tuple(_rebuild(t, e, arrays, f"{where}[{k}]", free_shape)
                     for k, (t, e) in enumerate(zip(tree, expected)))
    if isinstance(expected, dict):
        if not isinstance(tree, dict) or set(tree) < set(expected):
            raise BadReturn(f"{where}: expected a dict with keys {sorted(expected)}")
        return {k: _rebuild(tree[k], e, arrays, f"{where}[{k!r}]", free_shape) for k, e in expected.items()}
    if not isinstance(tree, int) or isinstance(tree, bool) or not 0 <= tree < len(arrays):
        raise BadReturn(f"{where}: the reply was not understood")
    value = _validated(arrays[tree], expected, where, free_shape)
    return float(value) if np.ndim(expected) == 0 and not isinstance(expected, np.ndarray) else value


def _write_back(mutated, arrays, roots):
    """Apply the child's in-place changes of the inputs to the grader's own copies."""
    for entry in mutated or []:
        try:
            path, index = entry
            container = roots
            for key in path[:-1]:
                container = container[key]
            key = path[-1]
            new = arrays[index] if isinstance(index, int) else None
            old = container[key]
            if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and new.shape == old.shape:
                old[...] = new
            elif not isinstance(container, tuple):
                container[key] = new
        except (TypeError, KeyError, IndexError, ValueError):
            continue
