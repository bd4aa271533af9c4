"""Grade one submission: load it, run every check in its sandbox, collect the results.

Each exercise is graded on its own: while its checks run, the submission's calls to
the curriculum functions before it (the ones it may build on) that have not passed all
of their own checks are answered with a correct value
(``StudentImplementation.begin_exercise``), so a bug costs only the exercise it is in;
the exercise's ``notes`` say which functions were stood in for. A later function is
never stood in for: an exercise cannot be passed by handing its work to one that the
student has not written.
"""

from collections.abc import Callable, Sequence

from . import __version__
from .answers import is_kit, trusted
from .cases import prepare_cases
from .catalogue import EXERCISES
from .config import Settings
from .errors import GraderBug, SubmissionError
from .fresh import PUBLIC_SECRET, submission_key
from .load import load_submission, submission_name
from .messages import literal
from .results import CheckResult, ExerciseResult, SubmissionResult
from .run import run_check
from .score import credit
from .sandbox import Sandbox
from .sandbox.proxy import StudentImplementation

__all__ = ["grade_submission", "failed_submission"]


def grade_submission(*, path: str, settings: Settings | None = None, mask: Sequence[str] = (),
                     on_check: Callable[[CheckResult], None] | None = None) -> SubmissionResult:
    """Grade the submission folder at ``path``; never raises for anything the submission does.

    - settings: Settings (defaults when None)
    - mask: extra folders the submission must not see (e.g. the output folder)
    - on_check: called with each CheckResult as it completes (for progress)
    Returns a SubmissionResult.
    """
    settings = settings or Settings()
    reference = trusted()   # the reference, or a kit's recorded answers (public cases only, no stand-ins)
    public = is_kit()
    try:
        submission = load_submission(path)
    except SubmissionError as exc:
        return failed_submission(submission_name(path), str(exc), settings)
    results, planned = [], settings.checks()
    prepare_cases(settings)   # every case loaded (and verified) before any student code runs
    with Sandbox(submission.files, limits=settings.sandbox_limits(), source=path, mask=mask) as sandbox:
        impl = StudentImplementation(sandbox, reference, missing=submission.missing, origins=submission.origins)
        verified, exercise = set(), None
        own = getattr(reference, "verified", {})   # a kit: the student's verified functions answer for it
        own.clear()
        key = None if public else submission_key(settings.secret or PUBLIC_SECRET, submission.files)
        for check, points, examples in planned:
            if check.exercise != exercise:
                if exercise is not None and all(r.passed for r in results if r.exercise == exercise):
                    verified.add(exercise)
                    own[exercise] = getattr(getattr(impl, exercise.split(".")[0]), exercise.split(".")[1])
                exercise = check.exercise
                impl.begin_exercise(set() if public else set(EXERCISES[:EXERCISES.index(exercise)]) - verified)
            try:
                result = run_check(check, impl, reference, examples=examples, points=points,
                                   shrink=settings.shrink, key=key)
            except GraderBug as bug:
                result = CheckResult(id=check.id, exercise=check.exercise, name=check.name, points=0.0,
                                     max_points=points, status="grader_error", hint_key="grader_error",
                                     message=literal(str(bug)))
            results.append(result)
            if on_check:
                on_check(result)
        output = sandbox.output
    exercises = _by_exercise(credit(results=results, checks=[c for c, _, _ in planned]), settings)
    graded = {e.exercise for e in exercises}
    for e in exercises:
        e.notes = [{"stand_in": key, "own": "failed" if key in graded else "not_graded"}
                   for key in sorted(impl.used.get(e.exercise, ())) if not _passed(exercises, key)]
    return SubmissionResult(name=submission.name, exercises=exercises, output=output, grader_version=__version__,
                            warnings=list(submission.notes), public_only=public)


def _passed(exercises, key):
    """True when the exercise ``key`` was graded and passed every check."""
    return any(e.exercise == key and e.passed for e in exercises)


def failed_submission(name: str, error: str, settings: Settings | None = None) -> SubmissionResult:
    """The result of a submission that could not be graded at all: every check at 0, with the reason."""
    settings = settings or Settings()
    results = [CheckResult(id=c.id, exercise=c.exercise, name=c.name, points=0.0, max_points=points,
                           status="error", message=literal(error)) for c, points, _ in settings.checks()]
    return SubmissionResult(name=name, exercises=_by_exercise(results, settings), error=error,
                            grader_version=__version__)


def _by_exercise(results, settings):
    return [ExerciseResult(e, [r for r in results if r.exercise == e])
            for e in settings.exercises if any(r.exercise == e for r in results)]
