"""What can go wrong while grading, split by whose fault it is.

A *student fault* (``StudentFault`` and ``Mismatch``) is a finding about the
submission and becomes feedback. An ``Abort`` ends a check at once (the child
hung, crashed or exhausted a budget): it is a ``BaseException`` so that
Hypothesis neither shrinks nor retries it. A ``GraderBug`` is ours, never the
student's, and is worded as such. An ``InfrastructureError`` is the machine's or the
set-up's (the sandbox could not start, the preflight failed): no grade at all.
"""

__all__ = [
    "StudentFault", "StudentException", "NotImplementedYet", "BadReturn", "ImportFailed",
    "Mismatch", "Share", "Abort", "GraderBug", "InfrastructureError", "SubmissionError", "UsageError",
]


class StudentFault(Exception):
    """The submission did something a correct one would not (raised, returned junk)."""

    kind = "fault"

    def __init__(self, message, *, traceback="", hint=None):
        super().__init__(message)
        self.message = message
        self.traceback = traceback
        if hint:
            self.kind = hint   # a hint more specific than the fault's kind (e.g. "return_order" for a BadReturn)


class StudentException(StudentFault):
    """The student's function raised; ``traceback`` holds only the student's frames."""

    kind = "exception"


class NotImplementedYet(StudentFault):
    """The function still raises NotImplementedError (the untouched skeleton)."""

    kind = "not_implemented"


class BadReturn(StudentFault):
    """The returned value is not what the contract asks for (type, shape, dtype, NaN)."""

    kind = "bad_return"


class ImportFailed(StudentFault):
    """The module holding the function is missing or failed to import."""

    kind = "import"


class Mismatch(AssertionError):
    """A property does not hold: values differ beyond tolerance, or a relation fails.

    ``hint`` names which hint of the check applies (see ``grader.messages``);
    ``expected``/``received`` and ``index`` locate the first difference; ``shown``: the
    arguments of the failing call when they are not the case's ({name: value}).
    """

    def __init__(self, message, *, hint="default", expected=None, received=None, index=None,
                 what=None, tolerance=None, shown=None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.expected = expected
        self.received = received
        self.index = index
        self.what = what
        self.tolerance = tolerance
        self.shown = shown


class Share(float):
    """A property's partial verdict (a float in [0, 1], the share right), with message lines that show
    what the rest got wrong (``grader.messages.say``)."""

    def __new__(cls, value, message=()):
        share = super().__new__(cls, value)
        share.message = list(message)
        return share


class Abort(BaseException):
    """The check cannot go on: the child timed out, crashed, exited or ran out of budget."""

    def __init__(self, reason, *, kind="crash", output=""):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.output = output


class GraderBug(Exception):
    """Something in the grader itself went wrong; the student is not at fault."""


class InfrastructureError(BaseException):
    """The grader cannot grade here: the sandbox failed before any student code ran, or the preflight
    (a known-correct submission through the same sandbox and settings) did not get full marks.

    Never a score: nothing is recorded, the run exits 1, and the next run tries again. A
    ``BaseException``, so that no check, property or shrinker takes it for a student's fault.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SubmissionError(Exception):
    """The submission cannot be graded at all (not a folder, unreadable)."""


class UsageError(Exception):
    """The command was given something it cannot use (an unknown exercise, a bad option value)."""
