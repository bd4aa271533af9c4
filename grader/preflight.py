"""Before grading: a known-correct submission through the same sandbox and the same settings.

A set-up that cannot grade a correct solution (the Python installation hidden from the
sandbox, limits too tight for correct code, a broken case cache) would otherwise turn
into zeros for the whole class. ``preflight`` grades the bundled correct sample exactly
as the students will be graded and raises ``InfrastructureError`` unless it gets full
marks: nothing is graded then, and the error says which check failed and why. A batch
runs the complete one, a student's ``check`` a quick one (one exercise). (Each
sandbox child also checks, as it starts, that it can run Python with numpy where it is
confined: ``grader.sandbox``.)
"""

import os
from dataclasses import replace

from .errors import InfrastructureError
from .grade import grade_submission
from .messages import describe

__all__ = ["preflight", "CORRECT"]

CORRECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples", "correct")


def preflight(*, settings, sample=CORRECT, quick=False):
    """Grade ``sample`` (a correct submission) with ``settings``; InfrastructureError unless full marks.

    quick: only the first exercise of the settings (well under a second: before a student's ``check``).
    """
    if quick:
        settings = replace(settings, exercises=tuple(settings.exercises)[:1])
    result = grade_submission(path=sample, settings=settings)
    wrong = [c for c in result.checks if not c.passed]
    if result.error or wrong:
        why = result.error or "; ".join(f"{c.id} {c.status}: {describe(c.message).replace(chr(10), ' ') or c.hint_key}"
                                        for c in wrong[:3])
        more = f" (and {len(wrong) - 3} more)" if len(wrong) > 3 else ""
        raise InfrastructureError(
            f"preflight: a correct submission does not get full marks here ({result.points:g}/"
            f"{result.max_points:g}), so nothing was graded: {why}{more}. Check the course settings' "
            f"limits and where the grader runs (see the README's deployment sections)")
    return result
