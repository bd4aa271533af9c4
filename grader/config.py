"""Course settings: which exercises count, points, example counts and time limits.

Every key is declared once, in ``KEYS`` (the [limits] table's in ``Limits``, as ``LIMITS``): its
type, default, the values allowed and what it does. That declaration reads and checks
the course's TOML file (``load_settings``), the command line's choices (``--lang``),
and is what ``python -m grader settings`` prints; a value that is not allowed is a
``UsageError`` naming the key, the value and what is allowed. Defaults are sensible
for a course; a TOML file overrides any of them::

    exercises = ["rnn.elman_forward", "lstm.lstm_cell"]   # default: all 16
    examples_scale = 1.0                                  # multiplies every check's examples
    shrink = true        # false: report a failed check's first failing case unshrunk (same points, faster)
    language = "zh-TW"   # of the feedback: "en" (default) or "zh-TW"; never changes a verdict

    [points]            # per check id or per exercise (spread over its checks by their weights)
    "rnn.elman_forward::causality" = 3
    "gru.gru_forward" = 20

    [examples]
    "rnn.elman_forward::agrees" = 60

    [limits]            # budgets of one exercise: a function over them fails its own exercise only
    call_seconds = 10       # one call
    exercise_seconds = 60   # every call of one exercise
    output_mib = 16         # what the submission prints while one exercise is graded
    memory_mib = 2048
"""

import hashlib
import sys
from dataclasses import dataclass, field, fields

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .catalogue import EXERCISES
from .properties import CHECKS
from .errors import UsageError
from .messages import LANGUAGES
from .report import REPORTS

__all__ = ["Settings", "Limits", "load_settings", "Key", "KEYS", "LIMITS", "setting", "describe_keys"]


@dataclass(frozen=True)
class Key:
    """One setting as a course writes it: its name, type and default, what it may be, and what it does.

    - kind: "number" (float), "integer", "boolean", "text", "list" (of choices) or "table" ({name: number})
    - low, high: the smallest and largest number allowed (None: unbounded); for a table, of its values
    - choices: the texts allowed (a text, a list's items, a table's names); a callable gives them late
    """

    name: str
    kind: str
    default: object
    help: str
    low: float = None
    high: float = None
    choices: object = ()

    def allowed(self):
        """The choices, as a tuple."""
        return tuple(self.choices() if callable(self.choices) else self.choices)

    def read(self, value, where):
        """The value as the settings hold it; UsageError naming where, the key, the value and what is allowed."""
        def wrong(what):
            return UsageError(f"{where}: {self.name} = {value!r}: {what}")

        if self.kind == "table":
            if not isinstance(value, dict):
                raise wrong(f"expected a table [{self.name}] of names and numbers")
            read = {}
            for name, item in value.items():
                if name not in self.allowed():
                    examples = ", ".join(map(repr, self.allowed()[:3]))
                    raise UsageError(f"{where}: [{self.name}] {name!r} is not known; the names are {examples}, ...")
                entry = _LIMITS_BY_NAME[name] if self.name == "limits" else \
                    Key(name, "integer" if self.name == "examples" else "number", None, "", self.low, self.high)
                read[name] = entry.read(item, f"{where}: [{self.name}]")
            return read
        if self.kind == "list":
            if not isinstance(value, list) or not value:
                raise wrong("expected a non-empty list")
            bad = [v for v in value if v not in self.allowed()]
            if bad:
                raise wrong(f"{bad[0]!r} is not one of {', '.join(map(repr, self.allowed()))}")
            return tuple(value)
        if self.kind == "boolean":
            if not isinstance(value, bool):
                raise wrong("expected true or false")
            return value
        if self.kind == "text":
            if value not in self.allowed():
                raise wrong(f"expected one of {', '.join(map(repr, self.allowed()))}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (self.kind == "integer" and not float(value).is_integer()):
            raise wrong(f"expected {'a whole number' if self.kind == 'integer' else 'a number'}{self._range()}")
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise wrong(f"expected a number{self._range()}")
        return int(value) if self.kind == "integer" else float(value)

    def _range(self):
        if self.low is not None and self.high is not None:
            return f" from {self.low:g} to {self.high:g}"
        return f" of at least {self.low:g}" if self.low is not None else ""

    def line(self):
        """One line of ``describe_keys``: name, kind, default, what is allowed, help."""
        allowed = self._range().strip() or (", ".join(map(str, self.allowed()))
                                            if self.kind == "text" else "")
        default = "every exercise" if self.name == "exercises" else "all" if self.name == "reports" else \
            "{}" if self.kind == "table" else str(self.default).lower() if self.kind == "boolean" else self.default
        return f"{self.name} ({self.kind}{'; ' + allowed if allowed else ''}; default {default}): {self.help}"


def _check_ids():
    return [c.id for c in CHECKS]


def _limit(default, kind, help, low):
    """A field of Limits, declared as a key of the [limits] table."""
    return field(default=default, metadata={"kind": kind, "help": help, "low": low})


@dataclass(frozen=True)
class Limits:
    """The budgets of one submission's child (the [limits] table): a function over them fails its
    own exercise only. Time and output are counted per exercise, the rest per child process."""

    call_seconds: float = _limit(10.0, "number", "wall-clock seconds one call may take", 1e-6)
    exercise_seconds: float = _limit(60.0, "number", "seconds for every call of one exercise", 1e-6)
    output_mib: float = _limit(16, "number", "MiB the submission may print while one exercise is graded", 0.001)
    memory_mib: int = _limit(2048, "integer", "address space of the child, MiB", 1)
    cpu_seconds: int = _limit(300, "integer", "CPU seconds of the child", 1)
    file_mib: int = _limit(16, "integer", "largest file the child may write, MiB", 1)
    processes: int = _limit(64, "integer", "processes and threads of the child's uid", 1)
    tmp_mib: int = _limit(64, "integer", "size of the child's private /tmp, MiB", 1)

    def __post_init__(self):
        """Every value read as its key declares it: UsageError for one a course could not write in [limits]."""
        for f in fields(self):
            object.__setattr__(self, f.name, _LIMITS_BY_NAME[f.name].read(getattr(self, f.name), "Limits"))

    def for_child(self):
        """What the child enforces itself (resource limits, its /tmp's size): {name: whole number}."""
        return {"memory_mib": self.memory_mib, "cpu_seconds": self.cpu_seconds, "file_mib": self.file_mib,
                "processes": self.processes, "tmp_mib": self.tmp_mib}


LIMITS = tuple(Key(f.name, f.metadata["kind"], f.default, f.metadata["help"], low=f.metadata["low"])
               for f in fields(Limits))
"""The [limits] table's keys, as ``Limits`` declares them."""

KEYS = (
    Key("exercises", "list", EXERCISES, "the exercises that count, in curriculum order", choices=EXERCISES),
    Key("points", "table", {}, "points per check id, or per exercise (spread over its checks by their weights)",
        low=0, choices=lambda: _check_ids() + list(EXERCISES)),
    Key("examples", "table", {}, "examples per check id", low=1, high=100_000, choices=_check_ids),
    Key("examples_scale", "number", 1.0, "multiplies every check's examples", low=0.01, high=100),
    Key("shrink", "boolean", True, "false: a failed check's first failing case is shown unshrunk (same points, "
                                   "faster)"),
    Key("language", "text", "en", "of the feedback; never changes a verdict", choices=tuple(LANGUAGES)),
    Key("reports", "list", REPORTS, "the report files a class grading writes (each student's, the class's)",
        choices=REPORTS),
    Key("limits", "table", {}, "the budgets of one exercise: " + ", ".join(k.name for k in LIMITS),
        choices=tuple(k.name for k in LIMITS)),
)
"""Every key of a course's TOML file."""
_BY_NAME = {k.name: k for k in KEYS}
_LIMITS_BY_NAME = {k.name: k for k in LIMITS}


def setting(name):
    """The declaration (Key) of a top-level setting."""
    return _BY_NAME[name]


def describe_keys():
    """Every key, one line each (``python -m grader settings``)."""
    return [k.line() for k in KEYS] + ["  [limits] " + k.line() for k in LIMITS]


@dataclass
class Settings:
    """What to grade and how (see ``KEYS`` for every key)."""

    exercises: tuple = EXERCISES
    points: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    examples_scale: float = 1.0
    limits: dict = field(default_factory=dict)
    shrink: bool = True
    language: str = "en"
    """The language of the reports (``grader.messages.LANGUAGES``); not part of the verdict or its hash."""
    reports: tuple = REPORTS
    """The reports a class grading writes (``grader.report.REPORTS``); not part of the verdict or its hash."""
    secret: bytes = field(default=None, repr=False)
    """The course secret of fresh cases (``grader.fresh``); None: derived from the submission alone."""

    def checks(self):
        """(check, points, examples) for every check of the exercises that count."""
        out = []
        for c in CHECKS:
            if c.exercise not in self.exercises:
                continue
            points = self.points.get(c.id, c.points)
            if c.exercise in self.points:
                weights = [k.points for k in CHECKS if k.exercise == c.exercise]
                points = self.points[c.exercise] * c.points / sum(weights)
            examples = self.examples.get(c.id, max(1, round(c.examples * self.examples_scale)))
            out.append((c, float(points), int(examples)))
        return out

    def sandbox_limits(self):
        return Limits(**self.limits)

    def to_dict(self):
        return {"exercises": list(self.exercises), "points": self.points, "examples": self.examples,
                "examples_scale": self.examples_scale, "limits": self.limits, "shrink": self.shrink,
                "secret": hashlib.sha256(self.secret).hexdigest()[:16] if self.secret else None}


def load_settings(path: str | None = None) -> Settings:
    """Settings from a TOML file, or the defaults when path is None; UsageError for anything not declared."""
    if path is None:
        return Settings()
    where = f"config={path}"
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{where}: cannot be read as TOML ({exc})") from None
    if "submission_seconds" in data.get("limits", {}):
        raise UsageError(f"{where}: limits.submission_seconds is gone: time is budgeted per exercise now, so that "
                         f"a slow function costs only its own exercise; use exercise_seconds (default 60)")
    unknown = [k for k in data if k not in _BY_NAME]
    if unknown:
        raise UsageError(f"{where}: {unknown[0]!r} is not a setting; the settings are "
                         f"{', '.join(_BY_NAME)} (python -m grader settings describes each)")
    return Settings(**{name: _BY_NAME[name].read(value, where) for name, value in data.items()})
