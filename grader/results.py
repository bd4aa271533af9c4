"""Grading results as documented dataclasses, from one check up to one submission.

``SubmissionResult`` is what a grading run produces; a submission that could not
be graded at all (not a folder, nothing readable) is a ``SubmissionResult`` with
``error`` set and every exercise at zero, so reports have one shape to render.
"""

from dataclasses import asdict, dataclass, field

from . import messages

__all__ = ["Counterexample", "CheckResult", "ExerciseResult", "SubmissionResult"]


@dataclass
class Counterexample:
    """The smallest input found that shows a failure, rendered for a student.

    - call: the arguments, one "name = value" line each
    - sizes: the dimensions in words, e.g. "T=2, D=1, H=1"
    - expected / received: renderings of the two values compared (may be "")
    - where: the first differing step and unit, e.g. "ys[step t=1, unit 0]"
    - tolerance: the tolerance of the comparison, as a formula
    - series: for forward passes, {"expected": [...], "received": [...]} over time
    """

    call: list
    sizes: str = ""
    expected: str = ""
    received: str = ""
    where: str = ""
    tolerance: str = ""
    series: dict = field(default_factory=dict)


@dataclass
class CheckResult:
    """The verdict of one check.

    - id: "module.function::check"; exercise: "module.function"; name: "check"
    - points / max_points: earned and possible
    - status: "passed", "failed" (the property does not hold), "error" (the
      student's code raised or returned junk), "crashed" (timed out, died, exited),
      "not_implemented", "grader_error", or "undecided" (a student kit lacks the reference's value it needs)
    - hint_key: which hint applies (``grader.messages.hint(id, hint_key, lang)``; the mechanism's text
      is ``grader.messages.mechanism(id, lang)``): results hold keys, reports write the words
    - message: what went wrong, numpy-style, as [key, values] lines (``grader.messages.describe``)
    - traceback: the student's own frames; output: what the child printed before it was stopped
    - heard: what the student's calls on the case shown printed and warned, [{"call", "printed", "warned"}]
    - counterexample: the shrunk input, when there is one
    - fraction: the share earned, for checks that give partial credit
    """

    id: str
    exercise: str
    name: str
    points: float
    max_points: float
    status: str
    hint_key: str = ""
    message: list = field(default_factory=list)
    traceback: str = ""
    output: str = ""
    heard: list = field(default_factory=list)
    counterexample: Counterexample = None
    fraction: float = None

    @property
    def passed(self):
        return self.status == "passed"

    def mechanism_text(self, lang="en"):
        """The mechanism of the check, in lang."""
        return messages.mechanism(self.id, lang)

    def hint_text(self, lang="en"):
        """The hint, in lang ("" when passed)."""
        return messages.hint(self.id, self.hint_key, lang) if self.hint_key else ""

    def message_text(self, lang="en"):
        """What happened, in lang."""
        return messages.describe(self.message, lang)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        """The CheckResult of a ``to_dict()``."""
        data = {k: v for k, v in data.items() if k not in ("mechanism", "hint")}   # texts, before keys
        if data.get("counterexample") is not None:
            data["counterexample"] = Counterexample(**data["counterexample"])
        return cls(**data)


@dataclass
class ExerciseResult:
    """All checks of one exercise ("rnn.elman_forward").

    - notes: facts about how it was graded, as data: {"stand_in": "rnn.activation"} when the
      submission's own activation failed its checks and a correct one answered its calls
    """

    exercise: str
    checks: list
    notes: list = field(default_factory=list)

    @property
    def points(self):
        return round(sum(c.points for c in self.checks), 6)

    @property
    def max_points(self):
        return round(sum(c.max_points for c in self.checks), 6)

    @property
    def passed(self):
        return all(c.passed for c in self.checks)

    def to_dict(self):
        return {"exercise": self.exercise, "points": self.points, "max_points": self.max_points,
                "checks": [c.to_dict() for c in self.checks], "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data):
        """The ExerciseResult of a ``to_dict()``."""
        return cls(data["exercise"], [CheckResult.from_dict(c) for c in data["checks"]],
                   notes=list(data.get("notes", [])))


@dataclass
class SubmissionResult:
    """The grading of one submission.

    - name: the submission's name (its folder's name, the student id)
    - exercises: ExerciseResult per graded exercise, in curriculum order
    - error: why the submission could not be graded at all, else ""
    - warnings: notes on what was graded (the folder graded in an upload, files left out), not on the code
    - output: the first bytes of what the student's code printed
    """

    name: str
    exercises: list
    error: str = ""
    warnings: list = field(default_factory=list)
    output: str = ""
    grader_version: str = ""
    public_only: bool = False
    """Graded by a student kit: the public cases only, no stand-ins (``grader.answers``)."""

    @property
    def points(self):
        return round(sum(e.points for e in self.exercises), 6)

    @property
    def max_points(self):
        return round(sum(e.max_points for e in self.exercises), 6)

    @property
    def checks(self):
        return [c for e in self.exercises for c in e.checks]

    @property
    def grader_error(self):
        """Why this result is not a grade (checks the grader itself failed in), else ""."""
        bugs = [c for c in self.checks if c.status == "grader_error"]
        if not bugs:
            return ""
        more = f" (and {len(bugs) - 1} more checks)" if len(bugs) > 1 else ""
        return f"{bugs[0].id}: {bugs[0].message_text()}{more}"

    def exercise(self, name):
        """The ExerciseResult of "module.function"."""
        return next(e for e in self.exercises if e.exercise == name)

    def summary(self):
        """One line: name, points, and how many checks passed."""
        n_pass = sum(c.passed for c in self.checks)
        line = f"{self.name}: {self.points:g}/{self.max_points:g} points, {n_pass}/{len(self.checks)} checks passed"
        return line + (f" ({self.error})" if self.error else "")

    def to_dict(self):
        return {"name": self.name, "points": self.points, "max_points": self.max_points,
                "error": self.error, "warnings": list(self.warnings), "grader_version": self.grader_version,
                "output": self.output, "public_only": self.public_only,
                "exercises": [e.to_dict() for e in self.exercises]}

    @classmethod
    def from_dict(cls, data):
        """The SubmissionResult of a ``to_dict()`` (e.g. read back from the gradebook)."""
        return cls(name=data["name"], exercises=[ExerciseResult.from_dict(e) for e in data["exercises"]],
                   error=data.get("error", ""), warnings=list(data.get("warnings", [])),
                   output=data.get("output", ""), grader_version=data.get("grader_version", ""),
                   public_only=bool(data.get("public_only", False)))
