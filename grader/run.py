"""Run checks against an implementation and turn what happens into CheckResults.

``run_check`` replays a check's cases (``grader.cases``: generated once by
Hypothesis, seeded by the check's id, so every student gets the same examples on
every machine), the child computing ahead along the check's plan. When the
property fails, the counterexample shown is the smallest replayed case that fails
the same way, made simpler by ``grader.shrink`` in a bounded number of runs.
"""

import numpy as np

from .answers import NotRecorded
from .catalogue import Check
from .cases import replay
from .diagnose import explain
from .fresh import PER_CHECK, fresh_cases
from .messages import literal, say
from .errors import Abort, ImportFailed, Mismatch, NotImplementedYet, StudentFault
from .properties.compare import fmt
from .properties.given import FORM, FORMS, as_given
from .properties.oracles import forget, preload
from .results import CheckResult, Counterexample
from .shrink import Stop, size
from .shrink import shrink as shrink_case
from .tree import private_copy

__all__ = ["run_check"]

_FORWARD_VALUES = ("ys", "hs", "cs")
_EVIDENCE = 8
"""Failing cases whose calls a slip diagnosis must explain (besides the one shown)."""
_SERIES_MAX = 4096
"""Values of a received forward pass drawn in the feedback's plot at most (a larger one is not drawn)."""


def run_check(check: Check, impl, ref, *, examples: int | None = None, points: float | None = None,
              shrink: bool = True, key: bytes | None = None) -> CheckResult:
    """Run ``check`` against ``impl`` (with ``ref`` as the trusted reference).

    The check's examples are replayed: the cases Hypothesis generates for the
    reference (once, see ``grader.cases``). Hypothesis generates the same cases for
    any implementation until its first failure, so a replay that passes is the
    verdict Hypothesis would give, without generating anything. When a case fails,
    the verdict is that failure's; the remaining cases are replayed too, and the
    smallest case that fails the same way is shrunk (``grader.shrink``) into the
    counterexample shown. With shrink=False the first failing case is reported as
    it is (the same verdict and points, a larger counterexample, faster).
    key: the submission's key (``grader.fresh.submission_key``): a check that proves
    work then runs a fresh case that no other submission gets in place of a generated one.
    Returns a CheckResult; never raises for anything the implementation does.
    """
    points = check.points if points is None else points
    examples = examples or check.examples
    if check.strategy is None:
        return _verdict(check, points, impl, ref, lambda attempt: attempt({}))
    cases, plan = replay(check, examples, ref)
    oracles = {}
    if key is not None and check.proves_work:
        cases, plan = fresh_cases(check, cases, plan, key, PER_CHECK, ref, oracles)
    added = preload(oracles)
    try:
        return _replayed(check, points, impl, ref, cases, plan, shrink)
    finally:
        forget(added)


def _replayed(check, points, impl, ref, cases, plan, shrink):
    """run_check on the given cases and their plan."""
    prefetching = hasattr(impl, "prefetch")
    if prefetching:
        impl.prefetch(plan)
    found, first = None, None   # the smallest failing case so far (only it is kept: a reply may be large)
    undecided = None            # (case, NotRecorded) of a case a kit cannot decide, when no case fails
    evidence = []               # the calls of the first failing cases, for the slip diagnoses (values of the
                                # reference's shapes: small)
    try:
        for index, case in enumerate(cases):
            if prefetching:
                impl.begin_case(index)
            try:
                _run(check, impl, as_given(case), ref)
            except NotRecorded as exc:
                undecided = undecided or (case, exc)
                continue
            except Exception as exc:  # noqa: BLE001  judged below
                if first is None:
                    first = _signature(exc)
                    if not shrink or isinstance(exc, (NotImplementedYet, ImportFailed)):
                        return _from_failure(check, points, case, exc, ref)
                if _signature(exc) == first and (found is None or (size(case), index) < found[:2]):
                    found = (size(case), index, case, exc)
                if _signature(exc) == first and len(evidence) < _EVIDENCE:
                    evidence.append(getattr(exc, "heard", []))
    except Abort as abort:
        if not found:
            return _result(check, points, "crashed", message=abort.reason, output=abort.output, hint_key="crash",
                           case=cases[index])
    finally:
        if prefetching:
            impl.end_prefetch()
    if not found:
        return _from_failure(check, points, *undecided, ref) if undecided else _result(check, points, "passed")
    _, _, case, error = found
    smaller, smaller_error = shrink_case(case, cases, _fails_like(check, impl, ref, first), _passes(check, ref))
    if smaller_error is not None:
        case, error = smaller, smaller_error
    return _from_failure(check, points, case, error, ref, evidence=evidence)


def _run(check, impl, case, ref):
    """The property on case; an exception it raises carries what the student's calls printed and warned."""
    if hasattr(impl, "listen"):
        impl.listen()
    try:
        return check.prop(impl, case, ref)
    except Exception as exc:
        if not getattr(exc, "heard", None):
            exc.heard = list(getattr(impl, "heard", ()))
        raise


def _signature(exc):
    """What makes two failures the same: the exception's type and, for a mismatch, its hint."""
    return type(exc), getattr(exc, "hint", None)


def _fails_like(check, impl, ref, signature):
    def fails(candidate):
        try:
            _run(check, impl, as_given(candidate), ref)
        except Abort:
            raise Stop from None   # the child hung or crashed: keep the simplest case so far
        except Exception as exc:  # noqa: BLE001
            return exc if _signature(exc) == signature else None
        return None
    return fails


def _passes(check, ref):
    def valid(candidate):
        try:
            out = check.prop(ref, as_given(candidate), ref)
        except Exception:  # noqa: BLE001
            return False
        return out is None or out >= 1
    return valid


def _verdict(check, points, impl, ref, drive):
    """Drive attempts of the property on impl (``drive(attempt)``) and judge what happened."""
    failures, current = [], [None]

    def attempt(case):
        current[0] = private_copy(case)   # as given: the call may modify the case
        try:
            return _run(check, impl, case, ref)
        except Exception as exc:
            failures.append((current[0], exc))
            raise

    try:
        fraction = drive(attempt)
    except Abort as abort:
        return _result(check, points, "crashed", message=abort.reason, output=abort.output, hint_key="crash",
                       case=current[0])
    except Exception:
        if not failures:
            raise
        case, error = failures[-1]
        return _from_failure(check, points, case, error, ref)
    if fraction is not None and fraction < 1:
        return _result(check, points, "failed", fraction=fraction,
                       message=say("partial", percent=f"{100 * fraction:.1f}") + getattr(fraction, "message", []),
                       hint_key="partial")
    return _result(check, points, "passed")


def _from_failure(check, points, case, error, ref, evidence=()):
    """The CheckResult of a failing case and what it raised, with a slip named when one explains the calls of
    this case and of the other failing cases (evidence: their ``heard``) (``grader.diagnose``)."""
    if isinstance(error, Mismatch):
        cx = _counterexample(case, error)
        heard = getattr(error, "heard", ())
        hint, message = explain([*evidence, heard], check.exercise, ref) or (error.hint, [])
        if not check.gives(hint):
            return _result(check, points, "grader_error", hint_key="grader_error", counterexample=cx,
                           message=literal(f"the property named the diagnosis {hint!r}, which {check.id} does not "
                                           f"declare (grader.catalogue.Check.diagnoses)"))
        return _result(check, points, "failed", message=message + error.message, hint_key=hint,
                       counterexample=cx, heard=heard)
    if isinstance(error, NotRecorded):
        return _result(check, points, "undecided", message=say("kit/undecided", function=str(error)),
                       hint_key="kit_undecided", counterexample=_counterexample(case, None))
    if isinstance(error, NotImplementedYet):
        return _result(check, points, "not_implemented", message=error.message, hint_key="not_implemented")
    if isinstance(error, StudentFault):
        return _result(check, points, "error", message=error.message, traceback=error.traceback,
                       hint_key=_form_hint(case, error) or error.kind, counterexample=_counterexample(case, None), heard=getattr(error, "heard", ()))
    return _result(check, points, "grader_error", hint_key="grader_error",
                   message=literal(f"{type(error).__name__}: {error}"),
                   counterexample=_counterexample(case, None))


def _form_hint(case, error):
    """"form/<form>" when the student's code raised what mishandling the case's input form raises
    (``grader.properties.given.FORMS``: a Python float where the docstring allows one, read-only arrays)."""
    form = case.get(FORM) if isinstance(case, dict) else None
    if form not in FORMS or error.kind != "exception":
        return None
    raised = next((values for key, values in error.message if key == "proxy/raised"), {})
    types, text = FORMS[form]
    return f"form/{form}" if raised.get("type") in types and text in str(raised.get("message", "")) else None


def _result(check, max_points, status, *, message=(), hint_key="default", traceback="", output="",
            counterexample=None, fraction=None, case=None, heard=()):
    """A CheckResult worth max_points, earned in full when passed, in part for a fraction."""
    if case is not None and counterexample is None:
        counterexample = _counterexample(case, None)
    earned = float(max_points) if status == "passed" else round(max_points * fraction, 6) if fraction else 0.0
    return CheckResult(
        id=check.id, exercise=check.exercise, name=check.name,
        points=earned, max_points=float(max_points),
        status=status, hint_key="" if status == "passed" else hint_key,
        message=list(message), traceback=traceback, output=output, counterexample=counterexample,
        fraction=fraction, heard=[{k: h[k] for k in ("call", "printed", "warned")} for h in heard
                                  if h["printed"] or h["warned"]],
    )


def _render(value, indent="    "):
    text = fmt(value) if isinstance(value, (np.ndarray, float, int, np.floating)) and not isinstance(value, bool) \
        else repr(value)
    if type(value) is float and text.lstrip("-").isdigit():
        text += ".0"   # a Python float (an input form of its own) reads as one: 0.0, not 0
    return text.replace("\n", "\n" + indent)


def _call_lines(case, prefix=""):
    lines = []
    for name, value in case.items():
        if name.startswith("_"):
            continue   # a mark on the case (e.g. FIXED), not an argument
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
    shown = getattr(mismatch, "shown", None)   # the property's own call on transformed values, when it says so
    cx = Counterexample(call=_call_lines(shown or case), sizes=_sizes(case))
    if mismatch is not None:
        if mismatch.expected is not None:
            cx.expected = fmt(mismatch.expected)
        if mismatch.received is not None:
            cx.received = fmt(mismatch.received)
        if mismatch.index is not None:
            cx.where = f"{mismatch.what}{list(mismatch.index)}"
        cx.tolerance = mismatch.tolerance or ""
        what = (mismatch.what or "").split(" ")[0]
        if what in _FORWARD_VALUES and mismatch.expected is not None and np.ndim(mismatch.expected) == 2 \
                and np.size(mismatch.received) <= _SERIES_MAX:
            cx.series = {"expected": np.asarray(mismatch.expected).tolist(),
                         "received": np.asarray(mismatch.received).tolist()}
    return cx
