"""Course settings: which exercises count, points, example counts and time limits.

Defaults are sensible for a course; a TOML file overrides any of them::

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
from dataclasses import dataclass, field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .catalogue import EXERCISES, all_checks
from .errors import SubmissionError
from .messages import LANGUAGES
from .sandbox import Limits

__all__ = ["Settings", "load_settings"]

_LIMIT_KEYS = {"call_seconds": "call_s", "exercise_seconds": "exercise_s", "output_mib": "output_mib",
               "memory_mib": "memory_mib",
               "cpu_seconds": "cpu_s", "file_mib": "file_mib", "processes": "processes", "tmp_mib": "tmp_mib"}


@dataclass
class Settings:
    """What to grade and how (see the module docstring for the TOML form)."""

    exercises: tuple = EXERCISES
    points: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    examples_scale: float = 1.0
    limits: dict = field(default_factory=dict)
    shrink: bool = True
    language: str = "en"
    """The language of the reports (``grader.messages.LANGUAGES``); not part of the verdict or its hash."""
    secret: bytes = field(default=None, repr=False)
    """The course secret of fresh cases (``grader.fresh``); None: derived from the submission alone."""

    def checks(self):
        """(check, points, examples) for every check of the exercises that count."""
        out = []
        for c in all_checks():
            if c.exercise not in self.exercises:
                continue
            points = self.points.get(c.id, c.points)
            if c.exercise in self.points:
                weights = [k.points for k in all_checks() if k.exercise == c.exercise]
                points = self.points[c.exercise] * c.points / sum(weights)
            examples = self.examples.get(c.id, max(1, round(c.examples * self.examples_scale)))
            out.append((c, float(points), int(examples)))
        return out

    def sandbox_limits(self):
        return Limits(**{_LIMIT_KEYS[k]: v for k, v in self.limits.items()})

    def to_dict(self):
        return {"exercises": list(self.exercises), "points": self.points, "examples": self.examples,
                "examples_scale": self.examples_scale, "limits": self.limits, "shrink": self.shrink,
                "secret": hashlib.sha256(self.secret).hexdigest()[:16] if self.secret else None}


def load_settings(path=None):
    """Settings from a TOML file, or the defaults when path is None."""
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SubmissionError(f"config={path}: cannot be read as TOML ({exc})") from None
    known_checks = {c.id for c in all_checks()}
    unknown = [k for k in data if k not in ("exercises", "points", "examples", "examples_scale", "limits", "shrink",
                                            "language")]
    if data.get("language", "en") not in LANGUAGES:
        raise SubmissionError(f"config={path}: language = {data['language']!r} is not known; use one of "
                              f"{', '.join(map(repr, LANGUAGES))}")
    unknown += [f"exercises: {e}" for e in data.get("exercises", []) if e not in EXERCISES]
    unknown += [f"points: {k}" for k in data.get("points", {}) if k not in known_checks and k not in EXERCISES]
    unknown += [f"examples: {k}" for k in data.get("examples", {}) if k not in known_checks]
    if "submission_seconds" in data.get("limits", {}):
        raise SubmissionError(f"config={path}: limits.submission_seconds is gone: time is budgeted per exercise "
                              f"now, so that a slow function costs only its own exercise; use "
                              f"exercise_seconds (default 60)")
    unknown += [f"limits: {k}" for k in data.get("limits", {}) if k not in _LIMIT_KEYS]
    if unknown:
        raise SubmissionError(f"config={path}: unknown entries {unknown}; exercises are {list(EXERCISES)}, "
                              f"limits are {sorted(_LIMIT_KEYS)}, points/examples take check ids such as "
                              f"'rnn.elman_forward::causality'")
    return Settings(exercises=tuple(data.get("exercises", EXERCISES)), points=dict(data.get("points", {})),
                    examples=dict(data.get("examples", {})),
                    examples_scale=float(data.get("examples_scale", 1.0)), limits=dict(data.get("limits", {})),
                    shrink=bool(data.get("shrink", True)), language=data.get("language", "en"))
