"""Before grading: a known-correct submission through the same sandbox and the same settings.

A set-up that cannot grade a correct solution (the Python installation hidden from the
sandbox, limits too tight for correct code, a broken case cache) would otherwise turn
into zeros for the whole class. ``preflight`` grades the bundled correct sample exactly
as the students will be graded and raises ``InfrastructureError`` unless it gets full
marks: nothing is graded then, and the error says which check failed and why. A batch
runs the complete one, a student's ``check`` a quick one (one exercise). A student kit
holds no correct solution: its preflight grades the skeletons (``SKELETON``, shipped in
the kit), whose every check must be found not implemented, which shows that the
sandbox starts, imports and calls the student's code and reads its replies. (Each
sandbox child also checks, as it starts, that it can run Python with numpy where it is
confined: ``grader.sandbox``.)
"""

import os
from dataclasses import replace

from .answers import is_kit
from .config import Settings
from .errors import InfrastructureError
from .grade import grade_submission
from .messages import describe
from .results import SubmissionResult

__all__ = ["preflight", "SKELETON"]

SKELETON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples", "skeleton")
"""The skeletons (exercises/), as a student kit ships them for its preflight."""


def preflight(*, settings: Settings, sample: str | None = None, quick: bool = False) -> SubmissionResult:
    """Grade ``sample`` with ``settings``; InfrastructureError unless it is graded as it should be.

    sample: a correct submission, which must get full marks (default: the bundled one, ``grader.samples``;
    in a student kit, the skeletons, whose every check must be found not implemented).
    quick: only the first exercise of the settings (well under a second: before a student's ``check``).
    """
    skeleton = sample is None and is_kit()
    if quick:
        settings = replace(settings, exercises=tuple(settings.exercises)[:1])
    if sample is None and not skeleton:
        from . import samples   # built from the reference, which a kit does not have

        sample = samples.path("correct")
    result = grade_submission(path=sample or SKELETON, settings=settings)
    wrong = [c for c in result.checks if c.status != ("not_implemented" if skeleton else "passed")]
    if result.error or wrong:
        why = result.error or "; ".join(f"{c.id} {c.status}: {describe(c.message).replace(chr(10), ' ') or c.hint_key}"
                                        for c in wrong[:3])
        more = f" (and {len(wrong) - 3} more)" if len(wrong) > 3 else ""
        what = ("the skeletons are not found not implemented here" if skeleton else
                f"a correct submission does not get full marks here ({result.points:g}/{result.max_points:g})")
        raise InfrastructureError(
            f"preflight: {what}, so nothing was graded: {why}{more}. Check the course settings' "
            f"limits and where the grader runs (see the README's deployment sections)")
    return result
