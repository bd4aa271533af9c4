"""How a case is given to a function: the markers a case may hold and the input forms.

A case is a dict of the curriculum's arguments; keys that start with "_" are markers, never
arguments: ``FIXED`` (the lecture's own numbers) and ``FORM`` (drawn in another input form).
``as_given`` makes the private copy a property (or a student's function) is given. The
grading stages (run, cases, fresh, the proxy) read the markers here too.
"""

import numpy as np

from ..tree import map_floats, private_copy

__all__ = ["FIXED", "FORM", "FORMS", "as_given"]


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
