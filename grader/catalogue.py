"""The catalogue of checks: every graded check of every exercise, in one registry.

A check is a property (a function of an implementation) bound to the exercise
it grades, a Hypothesis strategy for its inputs, and default points. Properties
register themselves with the ``check`` decorator in ``grader.properties``; the
same catalogue runs against the reference (tests) and against a student.
"""

from dataclasses import dataclass, field

__all__ = ["Check", "check", "all_checks", "exercises", "EXERCISES"]

EXERCISES = (
    "rnn.activation", "rnn.elman_forward", "rnn.jordan_forward", "rnn.stacked_forward",
    "rnn.bidirectional_forward",
    "lstm.lstm_cell", "lstm.handmade_lstm", "lstm.lstm_forward", "lstm.stacked_lstm_forward",
    "gru.gru_forward",
    "gradients.linear_rnn", "gradients.linear_rnn_grad", "gradients.elman_backward",
    "gradients.clip_gradients", "gradients.lstm_backward",
    "slot_filling.slot_tagger",
)
"""Every curriculum function, as module.function, in curriculum order."""


@dataclass(frozen=True)
class Check:
    """One graded check of one exercise.

    - exercise: the curriculum function it grades, "module.function"
    - name: the check's short name, unique within the exercise ("causality")
    - prop: prop(impl, case, ref) -> None or a fraction in [0, 1]; raises Mismatch
      (or a StudentFault) when the property does not hold
    - strategy: Hypothesis strategy of cases (dicts), or None to run once on {}
    - points: default points; examples: default number of generated examples
    - compares_with_reference: True when the property compares the implementation
      with the reference itself (agreement), which proves nothing about the reference
    - proves_work: False for checks that a function doing no work can pass (the contract,
      relations of difference such as "order matters"): they earn points only beside a
      passed check that does prove work (``grader.score``)
    """

    exercise: str
    name: str
    prop: object = field(repr=False, compare=False)
    strategy: object = field(default=None, repr=False, compare=False)
    points: float = 2.0
    examples: int = 20
    compares_with_reference: bool = False
    proves_work: bool = True

    @property
    def id(self):
        """The qualified id, "rnn.elman_forward::causality"."""
        return f"{self.exercise}::{self.name}"

    @property
    def module(self):
        return self.exercise.split(".")[0]


_REGISTRY = {}


def check(exercise, name, *, strategy=None, points=2.0, examples=20, compares_with_reference=False,
          proves_work=True):
    """Register the decorated property as the check ``exercise::name``."""
    if exercise not in EXERCISES:
        raise ValueError(f"exercise={exercise!r} is not a curriculum function; expected one of {EXERCISES}")

    def register(prop):
        c = Check(exercise, name, prop, strategy, points, examples, compares_with_reference, proves_work)
        if c.id in _REGISTRY:
            raise ValueError(f"check {c.id} is registered twice")
        _REGISTRY[c.id] = c
        return prop

    return register


def all_checks():
    """Every registered check, grouped by exercise in curriculum order."""
    from . import properties  # noqa: F401  (importing registers the checks)

    order = {e: n for n, e in enumerate(EXERCISES)}
    return sorted(_REGISTRY.values(), key=lambda c: order[c.exercise])


def exercises():
    """The curriculum's exercises, in order."""
    return EXERCISES
