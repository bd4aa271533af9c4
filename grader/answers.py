"""The trusted reference, or its answers recorded: what a student kit has instead of the reference.

Everything the grader knows to be right comes from one place, ``trusted()``: the
instructor's ``reference`` package where it is installed; in a student kit
(``python -m grader release``), which ships no line of it, the reference's answers
recorded at release time (``Answers``).

A kit's checks run on the public cases only (``grader/frozen/``), and every value a
property asks the reference for on them was computed at release time: ``Recording``
wraps the reference and keeps {call: answer} while the cases are frozen and the bundled
samples graded; ``Answers`` answers the same calls from that table and raises
``NotRecorded`` for any other. A call is keyed by its exact arguments (the dtype, shape
and bytes of every array): a property asks the same questions of the same case on every
machine. A question nobody asked at release time has no answer in the kit: the grader
then shows a larger counterexample (shrinking needs the reference), names no slip, and
stands in for no earlier exercise (``is_kit``).

>>> import numpy as np
>>> call_key("rnn", "activation", (np.zeros(2), "tanh"), {}) == call_key("rnn", "activation", (np.zeros(2), "tanh"), {})
True
>>> call_key("rnn", "activation", (np.zeros(2), "tanh"), {}) == call_key("rnn", "activation", (np.zeros(3), "tanh"), {})
False
"""

import hashlib
import struct
import types

import numpy as np

from .catalogue import MODULES
from .errors import InfrastructureError
from .tree import private_copy

__all__ = ["trusted", "is_kit", "call_key", "Recording", "Answers", "NotRecorded"]


class NotRecorded(LookupError):
    """A kit was asked for a reference value that was not recorded when it was released."""


EXACT, SHAPES, STRUCTURE = 0, 1, 2
"""How much of a call its key holds: every value; the arrays' shapes (a call of the same shapes returns
values of the same structure and shapes); only the structure (of the same structure)."""


def call_key(module, function, args, kwargs, level=EXACT):
    """The key of a call (bytes): its names and its arguments, as much of them as ``level`` says (the
    arrays' dtypes always, strings, ints and None always, floats' values and arrays' bytes for EXACT).
    Raises TypeError for an argument that is not a tree of arrays, numbers, strings and None.
    """
    digest = hashlib.sha256(f"{module}.{function}\0".encode())
    _feed(digest, (args, kwargs), level)
    return digest.digest()


def _feed(digest, value, level):
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        digest.update(b"a" if isinstance(value, np.ndarray) else b"s")
        digest.update(array.dtype.str.encode() + (f"{array.shape}".encode() if level < STRUCTURE else b""))
        if level == EXACT:
            digest.update(array.tobytes(order="C"))
    elif isinstance(value, dict):
        digest.update(b"d%d" % len(value))
        for k, v in value.items():
            _feed(digest, k, level)
            _feed(digest, v, level)
    elif isinstance(value, (list, tuple)):
        digest.update((b"l%d" if isinstance(value, list) else b"t%d") % len(value))
        for v in value:
            _feed(digest, v, level)
    elif isinstance(value, float):
        digest.update(b"f" + (struct.pack("<d", value) if level == EXACT else b""))
    elif value is None or type(value) in (bool, int, str):
        digest.update(f"{type(value).__name__}:{value!r}\0".encode())
    else:
        raise TypeError(f"{type(value).__name__} is not a value a call is keyed by")


class Recording(types.ModuleType):
    """The reference, keeping every answer it gives: ``recording.rnn.activation(...)`` computes with the
    reference and records the answer under the call's key (``answers``), and the key of one answer per
    shapes and per structure (``alike``)."""

    def __init__(self, reference):
        super().__init__("reference")   # oracles key their results by the reference's name
        self.answers, self.alike = {}, {}
        self.constants = {module: {name: value for name, value in vars(getattr(reference, module)).items()
                                   if name.isupper() and isinstance(value, (tuple, str, int, float))}
                          for module in MODULES}
        for module in MODULES:
            setattr(self, module, types.SimpleNamespace(**self.constants[module], **{
                name: self._recorded(module, name, fn) for name, fn in vars(getattr(reference, module)).items()
                if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", "").startswith("reference")
            }))

    def _recorded(self, module, name, fn):
        def recorded(*args, **kwargs):
            arguments = private_copy((args, kwargs))
            value = fn(*args, **kwargs)
            try:
                key = call_key(module, name, *arguments)
                for level in (SHAPES, STRUCTURE):
                    self.alike.setdefault(call_key(module, name, *arguments, level), key)
            except TypeError:
                return value
            self.answers[key] = private_copy(value)
            return value

        recorded.__name__ = recorded.__qualname__ = name
        return recorded


class Answers(types.ModuleType):
    """The reference's recorded answers, in the reference's shape: ``answers.rnn.activation(v, "tanh")``
    returns a copy of the answer recorded for exactly that call; for another call, the value of the
    student's own function when it has passed every check of its exercise in this run (``verified``:
    {"module.function": callable}, filled while grading), else it raises NotRecorded."""

    def __init__(self, answers, alike, constants):
        super().__init__("reference")
        self.answers, self.alike, self.verified = answers, alike, {}
        for module in MODULES:
            setattr(self, module, _AnswerModule(self, module, constants.get(module, {})))

    def answer(self, module, function, args, kwargs):
        try:
            return private_copy(self.answers[call_key(module, function, args, kwargs)])
        except (KeyError, TypeError):
            pass
        own = self.verified.get(f"{module}.{function}")
        if own is None:
            raise NotRecorded(f"{module}.{function}")
        return own(*args, **kwargs)

    def structure(self, module, function, args, kwargs):
        """(an answer whose structure a reply must have, whether its shapes are to be matched too): the
        answer to this call, else to one of the same shapes, else to one of the same structure."""
        for level in (EXACT, SHAPES, STRUCTURE):
            try:
                key = call_key(module, function, args, kwargs, level)
                return private_copy(self.answers[key if level == EXACT else self.alike[key]]), level != STRUCTURE
            except (KeyError, TypeError):
                continue
        raise NotRecorded(f"{module}.{function}")


class _AnswerModule:
    """One module of Answers: its constants (TAGS, ...), and every other attribute not starting with "_" a
    function answered from the table."""

    def __init__(self, answers, module, constants):
        self._answers, self._module, self._functions = answers, module, {}
        self.__dict__.update(constants)

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)
        if function not in self._functions:
            def answered(*args, **kwargs):
                return self._answers.answer(self._module, function, args, kwargs)

            answered.__name__ = answered.__qualname__ = function
            self._functions[function] = answered
        return self._functions[function]


_TRUSTED = []


def trusted():
    """The reference package, or in a kit the Answers recorded for its public cases."""
    if not _TRUSTED:
        try:
            import reference
        except ImportError:
            from .cases import frozen_answers

            reference = frozen_answers()
            if reference is None:
                raise InfrastructureError("neither the reference (the package `reference`) nor a kit's recorded answers "
                                 "(grader/frozen/answers.bin) are installed: reinstall the grader or the kit")
        _TRUSTED.append(reference)
    return _TRUSTED[0]


def is_kit():
    """True when this grader is a student kit: it answers from recorded answers, not the reference, so it
    grades on the public cases only: no fresh cases (their expected values need the reference) and no
    stand-ins for earlier exercises (the answers recorded are those of the reference's own calls, which a
    student's correct code need not repeat bit for bit)."""
    return isinstance(trusted(), Answers)


