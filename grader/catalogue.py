"""The exercises (``RECORDS``, one per heading of the handout) and what a check is.

A check is a property (a function of an implementation) bound to the exercise
it grades, a Hypothesis strategy for its inputs, and default points. The ``check``
decorator only marks a property; ``collect`` gathers the marked properties of the
modules it is given into a value (``grader.properties.CHECKS``), so a course or a
test can collect a catalogue of its own. The same checks run against the reference
(tests) and against a student.
"""

from dataclasses import dataclass, field

from .messages import FAULTS

__all__ = ["Exercise", "RECORDS", "EXERCISES", "MODULES", "record", "arguments", "Check", "check", "collect", "exercises"]


@dataclass(frozen=True)
class Exercise:
    """One exercise as the handout (docs/handout.md) states it: the one record every part reads.

    - name: "module.function"
    - args: the arguments as the handout writes them, defaults included ('h0=None', 'hidden="tanh"')
    - returns: what it returns, as the handout writes it ("(ys, hs)", "ys", "grads")
    - free_shape: the student chooses the returned shapes (the tagger's H); its checks validate them
    """

    name: str
    args: tuple
    returns: str
    free_shape: bool = False

    @property
    def module(self):
        return self.name.split(".")[0]

    @property
    def function(self):
        return self.name.split(".")[1]

    @property
    def arg_names(self):
        """The arguments' names, in order ("xs", "params", "h0", ...)."""
        return tuple(a.split("=")[0] for a in self.args)

    @property
    def return_names(self):
        """The names of a returned tuple, in order (["ys", "hs"]), else []."""
        inner = self.returns[1:-1] if self.returns.startswith("(") else ""
        return [n.strip() for n in inner.split(",")] if inner else []

    @property
    def signature(self):
        """The handout's heading: 'elman_forward(xs, params, h0=None, ...) -> (ys, hs)'."""
        return f"{self.function}({', '.join(self.args)}) -> {self.returns}"


_STATE, _HIDDEN, _LSTM = ("h0=None",), ('hidden="tanh"', 'output="linear"'), ('g="tanh"', 'h="tanh"')
RECORDS = (
    Exercise("rnn.activation", ("name", "v"), "array"),
    Exercise("rnn.elman_forward", ("xs", "params", *_STATE, *_HIDDEN), "(ys, hs)"),
    Exercise("rnn.jordan_forward", ("xs", "params", "y0=None", *_HIDDEN), "(ys, hs)"),
    Exercise("rnn.stacked_forward", ("xs", "layers", "head", *_HIDDEN), "ys"),
    Exercise("rnn.bidirectional_forward", ("xs", "forward", "backward", "head", *_HIDDEN), "ys"),
    Exercise("lstm.lstm_cell", ("z", "z_i", "z_f", "z_o", "c_prev", *_LSTM), "(a, c)"),
    Exercise("lstm.handmade_lstm", (), '{"w": (4,3), "b": (4,)}'),
    Exercise("lstm.lstm_forward", ("xs", "params", *_STATE, "c0=None", *_LSTM), "(hs, cs)"),
    Exercise("lstm.stacked_lstm_forward", ("xs", "layers", *_LSTM), "hs"),
    Exercise("gru.gru_forward", ("xs", "params", *_STATE), "hs"),
    Exercise("gradients.linear_rnn", ("w", "xs"), "ys"),
    Exercise("gradients.linear_rnn_grad", ("w", "xs"), "float"),
    Exercise("gradients.elman_backward", ("xs", "params", "dys", *_STATE), "grads"),
    Exercise("gradients.clip_gradients", ("grads", "max_norm"), "grads"),
    Exercise("gradients.lstm_backward", ("xs", "params", "dhs", *_STATE, "c0=None"), "grads"),
    Exercise("slot_filling.slot_tagger", (), "params", free_shape=True),
)
"""Every exercise, in the handout's order (tests/test_handout.py holds them to docs/handout.md)."""

EXERCISES = tuple(r.name for r in RECORDS)
"""Every exercise, as module.function, in the handout's order."""
MODULES = tuple(dict.fromkeys(e.split(".")[0] for e in EXERCISES))
"""The curriculum's modules, in the handout's order."""


def record(exercise):
    """The Exercise record of "module.function"."""
    return next(r for r in RECORDS if r.name == exercise)


def arguments(exercise):
    """The argument names of "module.function", in order: what a property passes (``properties._util.call``)."""
    return record(exercise).arg_names


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
    - diagnoses: the typical bugs the property tells apart when it fails, as the hint keys its
      ``Mismatch`` names ("transpose", "truncated"); besides them a check may give only its
      "default" hint and the fault hints any check meets. Each has its text in every catalogue
      of ``grader.messages`` (``grader.properties`` asserts it), and the mutation corpus holds
      each to a bug that gets it (tests/test_mutants.py)
    """

    exercise: str
    name: str
    prop: object = field(repr=False, compare=False)
    strategy: object = field(default=None, repr=False, compare=False)
    points: float = 2.0
    examples: int = 20
    compares_with_reference: bool = False
    proves_work: bool = True
    diagnoses: tuple = ()

    def gives(self, hint):
        """True when the check may name this hint: "default", a declared diagnosis, or a fault hint."""
        return hint == "default" or hint in self.diagnoses or hint in FAULTS

    @property
    def id(self):
        """The qualified id, "rnn.elman_forward::causality"."""
        return f"{self.exercise}::{self.name}"

    @property
    def module(self):
        return self.exercise.split(".")[0]


def check(exercise, name, *, strategy=None, points=2.0, examples=20, compares_with_reference=False,
          proves_work=True, diagnoses=()):
    """Mark the decorated property as the check ``exercise::name`` (its ``__check__``); nothing is registered:
    ``collect`` finds the marked properties of the modules it is given."""
    if exercise not in EXERCISES:
        raise ValueError(f"exercise={exercise!r} is not a curriculum function; expected one of {EXERCISES}")

    def mark(prop):
        prop.__check__ = Check(exercise, name, prop, strategy, points, examples, compares_with_reference,
                               proves_work, tuple(diagnoses))
        return prop

    return mark


def collect(*modules):
    """The checks marked in modules (module attributes, and the properties in their list or tuple
    attributes), grouped by exercise in curriculum order, in the modules' order and each module's own
    order within an exercise. ValueError for two checks of one id."""
    found = {}
    for module in modules:
        for value in vars(module).values():
            for prop in value if isinstance(value, (list, tuple)) else (value,):
                c = getattr(prop, "__check__", None)
                if isinstance(c, Check) and c.prop is prop:
                    if c.id in found and found[c.id] is not c:
                        raise ValueError(f"check {c.id} is defined twice")
                    found[c.id] = c
    order = {e: n for n, e in enumerate(EXERCISES)}
    return tuple(sorted(found.values(), key=lambda c: order[c.exercise]))


def exercises():
    """The curriculum's exercises, in order."""
    return EXERCISES
