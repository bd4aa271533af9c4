"""What a student's ``check`` does, wherever it is called from (the command line, a notebook).

- ``submission_path``: what to grade when nothing is named (exercises/, or this folder when it is one);
- ``select``: the exercises of the course settings that ``--exercise`` names pick;
- ``check_submission``: a quick preflight (the correct sample on the first exercise, so that a
  machine where grading cannot work says so instead of giving zeros), then the grading; a grader
  error in any check is an InfrastructureError, never a score.
"""

import os
from collections.abc import Callable
from dataclasses import replace

from .config import Settings
from .errors import InfrastructureError, UsageError
from .grade import grade_submission
from .catalogue import MODULES
from .preflight import preflight
from .results import CheckResult, SubmissionResult

__all__ = ["submission_path", "select", "check_submission"]


def submission_path(path=None, cwd="."):
    """path, or when None exercises/ below cwd (cwd itself when it holds rnn.py, lstm.py, ... and no
    exercises/); UsageError when it does not exist."""
    if path is None:
        here = not os.path.isdir(os.path.join(cwd, "exercises")) and \
            any(os.path.isfile(os.path.join(cwd, f"{m}.py")) for m in MODULES)
        path = cwd if here else os.path.join(cwd, "exercises")
    if not os.path.exists(path):
        raise UsageError(f"{path!r} does not exist; give the folder holding your rnn.py, lstm.py, ... or your "
                         f".py file, notebook or zip (e.g. python -m grader check exercises)")
    return path


def select(settings, names):
    """settings with only the exercises that names ("elman_forward", "rnn.elman_forward" or "rnn") pick, in
    order; UsageError naming the known ones when a name picks none."""
    picked = set()
    for name in names:
        found = [e for e in settings.exercises if name in (e, e.split(".")[0], e.split(".")[1])]
        if not found:
            raise UsageError(f"exercise {name!r} is not an exercise here; the exercises are "
                             f"{', '.join(e.split('.')[1] for e in settings.exercises)} (or a module: "
                             f"{', '.join(MODULES)})")
        picked.update(found)
    return replace(settings, exercises=tuple(e for e in settings.exercises if e in picked))


def check_submission(*, path: str, settings: Settings,
                     on_check: Callable[[CheckResult], None] | None = None) -> SubmissionResult:
    """The SubmissionResult of path under settings, after a quick preflight; InfrastructureError when the
    grader cannot grade here (nothing of it is a verdict)."""
    preflight(settings=settings, quick=True)
    result = grade_submission(path=path, settings=settings, on_check=on_check)
    if result.grader_error:
        raise InfrastructureError(result.grader_error)
    return result
