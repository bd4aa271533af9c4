"""Every text a student reads, in this one folder, so that a course can translate it.

Each curriculum module has a file here with MECHANISMS (each check's mechanism in
one sentence) and HINTS (per check, hints keyed by what went wrong: a property
names the key when it fails, Mismatch(hint=...)). Faults use FAULT_HINTS.
"""

from . import gradients, gru, lstm, rnn, slot_filling

__all__ = ["MECHANISMS", "HINTS", "FAULT_HINTS", "NOTES", "mechanism", "hint", "note"]

FAULT_HINTS = {
    "not_implemented": "This function still raises NotImplementedError: write its body.",
    "exception": "Your function raised an exception on this input; the traceback shows where.",
    "bad_return": "Return numpy arrays (or lists numpy can convert) of exactly the stated shapes, "
                  "with finite numbers.",
    "import": "The module could not be imported, so none of its functions could be graded.",
    "fault": "Your code did something a correct solution would not.",
    "crash": "The grader stopped your code: see the reason above.",
    "grader_error": "This is a bug in the grader, not in your code. Please report it to the course staff.",
    "partial": "Some cases are right, not all.",
    "mutated": "Do not write into your inputs (xs, params, states): work on new arrays, e.g. h = h + ... "
               "instead of h += ..., and copy before changing.",
    "default": "Compare your code with the equations in the docstring, one line at a time.",
    "ignores": "Compute the result from the arguments, as the docstring's equations do: an output that "
               "stays the same when an input that matters changes cannot be right.",
    "deterministic": "Return the same result for the same inputs: do not draw random numbers or keep state "
                     "between calls.",
    "not_credited": "Points for this exercise need evidence that the function computes its result: "
                    "fix the checks above first.",
}

CONTRACT_MECHANISM = ("A function returns new arrays of the stated shapes and leaves the arrays it was "
                      "given exactly as they were.")
RESPONDS_MECHANISM = ("A function computes its result from its inputs: the same inputs give the same "
                      "result, and changing an input that matters changes the result.")

NOTES = {
    "stand_in/failed": "{exercise}: graded with a correct `{function}` in place of yours; yours fails its own "
                       "checks",
    "stand_in/not_graded": "{exercise}: graded with a correct `{function}` in place of yours; yours is not "
                           "graded here",
    "not_credited/gate": "not credited: {function} fails its responds check (its output does not follow its "
                         "inputs), so none of its checks earns points",
    "not_credited/no_evidence": "not credited: {function} passes no check that shows it computes its result, "
                                "and this check alone does not show it",
}
"""Lines about how an exercise was graded (``ExerciseResult.notes``, ``grader.score``), by key."""

MECHANISMS = {}
HINTS = {}
for _module in (rnn, lstm, gru, gradients, slot_filling):
    MECHANISMS.update(_module.MECHANISMS)
    HINTS.update(_module.HINTS)


def mechanism(check_id):
    """The mechanism sentence of a check ("" if none is written)."""
    if check_id.endswith("::contract"):
        return CONTRACT_MECHANISM
    if check_id.endswith("::responds"):
        return RESPONDS_MECHANISM
    return MECHANISMS.get(check_id, "")


def note(key, **values):
    """The text of a note (``NOTES``), its {placeholders} filled from values."""
    return NOTES[key].format(**values)


def hint(check_id, key):
    """The hint for a check and a failure key, falling back to the check's default, then the generic one."""
    own = HINTS.get(check_id, {})
    return own.get(key) or FAULT_HINTS.get(key) or own.get("default") or FAULT_HINTS["default"]
