"""What a submission's checks earn: points only on evidence that a function does the work.

One policy, applied per exercise after its checks have run:

1. The gate. An exercise whose ``responds`` check failed (its function returns the
   same values whatever the inputs, different values for the same inputs, or ignores
   the inputs that matter) earns nothing on any check.
2. Evidence. Checks that a function doing no work can pass (``Check.proves_work`` is
   False: the contract, relations of difference) earn their points only when at
   least one check that does prove work passed.

A genuine single bug fails some checks and keeps the others: partial credit still
measures the mechanisms a student got right.
"""

from dataclasses import replace

from .messages import say
from .properties.relations import GATE

__all__ = ["credit"]


def credit(*, results, checks):
    """The results ([CheckResult]) with the points that the policy above takes away set to 0.

    checks: the Check of every result's id (``Check.proves_work``).
    """
    proving = {c.id: c.proves_work for c in checks}
    by_exercise = {}
    for r in results:
        by_exercise.setdefault(r.exercise, []).append(r)
    out = []
    for r in results:
        own = by_exercise[r.exercise]
        gate = next((g for g in own if g.name == GATE), None)
        if gate is not None and not gate.passed and r is not gate:
            out.append(_uncredited(r, "gate"))
        elif r.passed and not proving.get(r.id, True) and \
                not any(o.passed and proving.get(o.id, True) for o in own):
            out.append(_uncredited(r, "no_evidence"))
        else:
            out.append(r)
    return out


def _uncredited(result, why):
    """A result that earns nothing under the policy, with the reason as its message and hint."""
    if result.points == 0 and not result.passed:
        return result
    return replace(result, points=0.0, status="failed", message=say(f"not_credited/{why}",
                                                                    function=result.exercise.split(".")[1]),
                   hint_key="not_credited", counterexample=None, fraction=None)
