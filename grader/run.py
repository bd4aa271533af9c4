"""Run checks against an implementation and turn what happens into CheckResults.

``run_check`` drives one check with Hypothesis: seeded by the check's id (so
every student gets the same examples on every machine), no example database,
budgets counted in examples. When the property fails,
Hypothesis shrinks the input and the last failing case is the minimal
counterexample shown to the student.
"""

import numpy as np
from hypothesis.errors import Flaky, HypothesisException

from . import messages
from .cases import replay_cases, search
from .errors import Abort, GraderBug, Mismatch, NotImplementedYet, StudentFault
from .properties._compare import fmt
from .properties._util import private_copy
from .results import CheckResult, Counterexample

__all__ = ["run_check"]

_FORWARD_VALUES = ("ys", "hs", "cs")


def run_check(check, impl, ref, *, examples=None, points=None, shrink=True):
    """Run ``check`` against ``impl`` (with ``ref`` as the trusted reference).

    The check's examples are first replayed: the cases Hypothesis generates for
    the reference (once, see ``grader.cases``). Hypothesis generates
    the same cases for any implementation until its first failure, so a replay
    that passes is the verdict Hypothesis would give, without generating anything.
    Only on a failure does Hypothesis search again, to shrink the counterexample;
    with shrink=False the first failing replayed case is reported as it is (the
    same verdict and points, a larger counterexample, much faster).
    Returns a CheckResult; never raises for anything the implementation does.
    """
    points = check.points if points is None else points
    examples = examples or check.examples
    if check.strategy is None:
        return _verdict(check, points, impl, ref, lambda attempt: attempt({}))
    cases = replay_cases(check, examples, ref)
    replayed = _verdict(check, points, impl, ref, lambda attempt: [attempt(private_copy(c)) for c in cases] and None)
    if replayed.status not in ("failed", "error") or not shrink:
        return replayed
    searched = _verdict(check, points, impl, ref, lambda attempt: search(check, examples, attempt))
    return replayed if searched.passed else searched


def _verdict(check, points, impl, ref, drive):
    """Drive attempts of the property on impl (``drive(attempt)``) and judge what happened."""
    failures, current = [], [None]

    def attempt(case):
        current[0] = private_copy(case)   # as given: the call may modify the case
        try:
            return check.prop(impl, case, ref)
        except Exception as exc:
            failures.append((current[0], exc))
            raise

    try:
        fraction = drive(attempt)
    except Abort as abort:
        return _result(check, points, "crashed", message=abort.reason, output=abort.output, hint_key="crash",
                       case=current[0])
    except (Flaky, HypothesisException) as exc:
        if not failures:
            raise GraderBug(f"{check.id}: Hypothesis failed without a failing example: {exc}") from exc
        case, error = failures[0]
        return _from_failure(check, points, case, error, flaky=True)
    except Exception:
        if not failures:
            raise
        case, error = failures[-1]
        return _from_failure(check, points, case, error)
    if fraction is not None and fraction < 1:
        return _result(check, points, "failed", fraction=fraction,
                       message=f"{100 * fraction:.1f}% right", hint_key="partial")
    return _result(check, points, "passed")


def _from_failure(check, points, case, error, flaky=False):
    """The CheckResult of a failing case and what it raised."""
    note = ("\nThe same call gave different results when repeated: is the function "
            "nondeterministic or does it keep state between calls?" if flaky else "")
    if isinstance(error, Mismatch):
        cx = _counterexample(case, error)
        return _result(check, points, "failed", message=error.message + note, hint_key=error.hint,
                       counterexample=cx)
    if isinstance(error, NotImplementedYet):
        return _result(check, points, "not_implemented", message=error.message, hint_key="not_implemented")
    if isinstance(error, StudentFault):
        return _result(check, points, "error", message=error.message + note, traceback=error.traceback,
                       hint_key=error.kind, counterexample=_counterexample(case, None))
    return _result(check, points, "grader_error", hint_key="grader_error",
                   message=f"{type(error).__name__}: {error}",
                   counterexample=_counterexample(case, None))


def _result(check, max_points, status, *, message="", hint_key="default", traceback="", output="",
            counterexample=None, fraction=None, case=None):
    """A CheckResult worth max_points, earned in full when passed, in part for a fraction."""
    if case is not None and counterexample is None:
        counterexample = _counterexample(case, None)
    earned = max_points if status == "passed" else max_points * fraction if fraction else 0.0
    return CheckResult(
        id=check.id, exercise=check.exercise, name=check.name,
        points=round(earned, 6), max_points=float(max_points),
        status=status, mechanism=messages.mechanism(check.id),
        hint="" if status == "passed" else messages.hint(check.id, hint_key),
        message=message, traceback=traceback, output=output, counterexample=counterexample,
        fraction=fraction,
    )


def _render(value, indent="    "):
    text = fmt(value) if isinstance(value, (np.ndarray, float, int, np.floating)) and not isinstance(value, bool) \
        else repr(value)
    return text.replace("\n", "\n" + indent)


def _call_lines(case, prefix=""):
    lines = []
    for name, value in case.items():
        if isinstance(value, dict):
            lines.extend(_call_lines(value, f"{prefix}{name}."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for n, item in enumerate(value):
                lines.extend(_call_lines(item, f"{prefix}{name}[{n}]."))
        else:
            shape = f"  # {value.shape}" if isinstance(value, np.ndarray) and value.ndim else ""
            lines.append(f"{prefix}{name} = {_render(value)}{shape}")
    return lines


def _sizes(case):
    xs = case.get("xs")
    if isinstance(xs, np.ndarray) and xs.ndim == 2:
        return f"T={xs.shape[0]}, D={xs.shape[1]}"
    if isinstance(xs, np.ndarray) and xs.ndim == 1:
        return f"T={xs.shape[0]}"
    return ""


def _counterexample(case, mismatch):
    """Render the case (and the mismatch, if any) for feedback."""
    if not case:
        return None
    cx = Counterexample(call=_call_lines(case), sizes=_sizes(case))
    if mismatch is not None:
        if mismatch.expected is not None:
            cx.expected = fmt(mismatch.expected)
        if mismatch.received is not None:
            cx.received = fmt(mismatch.received)
        if mismatch.index is not None:
            cx.where = f"{mismatch.what}{list(mismatch.index)}"
        cx.tolerance = mismatch.tolerance or ""
        what = (mismatch.what or "").split(" ")[0]
        if what in _FORWARD_VALUES and mismatch.expected is not None and np.ndim(mismatch.expected) == 2:
            cx.series = {"expected": np.asarray(mismatch.expected).tolist(),
                         "received": np.asarray(mismatch.received).tolist()}
    return cx
