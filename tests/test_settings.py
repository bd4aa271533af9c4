"""Course settings are declared once (grader.config.KEYS): the declaration reads the TOML, refuses what
is not allowed by name and value, gives the command line its choices, and the README lists every key."""

import os
import re

import pytest

from grader.cli import _parser
from grader.config import KEYS, LIMITS, describe_keys, load_settings
from grader.errors import UsageError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load(tmp_path, text):
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(str(path))


@pytest.mark.parametrize("text, named", [
    ('examples_scale = "abc"', "examples_scale = 'abc': expected a number from 0.01 to 100"),
    ("examples_scale = 0", "examples_scale = 0: expected a number from 0.01 to 100"),
    ('[limits]\ncall_seconds = "x"', "call_seconds = 'x': expected a number"),
    ("[limits]\nmemory_mib = 1.5", "memory_mib = 1.5: expected a whole number"),
    ("[limits]\nbogus = 1", "[limits] 'bogus' is not known"),
    ('exercises = ["rnn.nope"]', "'rnn.nope' is not one of 'rnn.activation'"),
    ("exercises = []", "exercises = []: expected a non-empty list"),
    ('[points]\n"rnn.x" = 3', "[points] 'rnn.x' is not known"),
    ('[points]\n"rnn.activation" = -1', "rnn.activation = -1: expected a number of at least 0"),
    ('[examples]\n"rnn.activation::agrees" = 2.5', "rnn.activation::agrees = 2.5: expected a whole number"),
    ('language = "fr"', "language = 'fr': expected one of 'en', 'zh-TW'"),
    ("shrink = 1", "shrink = 1: expected true or false"),
    ("foo = 1", "'foo' is not a setting"),
    ("points = 3", "points = 3: expected a table [points]"),
    ("[limits]\nsubmission_seconds = 3", "submission_seconds is gone"),
    ("exercises = [", "cannot be read as TOML"),
])
def test_a_value_not_allowed_is_a_usage_error_naming_key_and_value(tmp_path, text, named):
    with pytest.raises(UsageError) as error:
        _load(tmp_path, text)
    assert named in str(error.value) and "course.toml" in str(error.value)


def test_allowed_values_are_read_as_declared(tmp_path):
    settings = _load(tmp_path, 'exercises = ["rnn.activation"]\nexamples_scale = 2\nshrink = false\n'
                               'language = "zh-TW"\n[points]\n"rnn.activation" = 10\n'
                               '[examples]\n"rnn.activation::agrees" = 7\n[limits]\ncall_seconds = 3\nmemory_mib = 100\n')
    assert settings.exercises == ("rnn.activation",) and settings.examples_scale == 2.0 and not settings.shrink
    assert settings.language == "zh-TW" and settings.points == {"rnn.activation": 10.0}
    limits = settings.sandbox_limits()
    assert (limits.call_seconds, limits.memory_mib, limits.exercise_seconds) == (3.0, 100, 60.0)   # the rest: defaults
    checks = {check.id: (points, examples) for check, points, examples in settings.checks()}
    assert checks["rnn.activation::agrees"][1] == 7 and sum(p for p, _ in checks.values()) == pytest.approx(10)


def test_the_command_line_takes_its_choices_from_the_declaration():
    language = next(k for k in KEYS if k.name == "language")
    check = next(a for a in _parser()._subparsers._group_actions[0].choices["check"]._actions if a.dest == "lang")
    assert tuple(check.choices) == language.allowed() == ("en", "zh-TW")
    assert len(describe_keys()) == len(KEYS) + len(LIMITS)


def test_the_readme_names_every_key():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme[readme.index("### Course settings"):readme.index("### What a score means")]
    named = set(re.findall(r"`(\w+)`", section))
    assert {k.name for k in KEYS} | {k.name for k in LIMITS} <= named, \
        ({k.name for k in KEYS} | {k.name for k in LIMITS}) - named


def test_the_limits_table_is_what_limits_declares():
    """One declaration: a [limits] table read is a Limits, a value a course could not write is refused
    however a Limits is made, and the child enforces exactly the limits it is sent."""
    import ast

    from grader.config import Limits, Settings
    from grader.sandbox import process

    settings = Settings(limits={k.name: k.default * 2 for k in LIMITS})
    assert settings.sandbox_limits() == Limits(**{k.name: k.default * 2 for k in LIMITS})
    assert all(k.help and k.low is not None for k in LIMITS)
    with pytest.raises(UsageError, match=r"cpu_seconds = 2\.5: expected a whole number"):
        Limits(cpu_seconds=2.5)
    with pytest.raises(UsageError, match="call_seconds = 'x'"):
        Limits(call_seconds="x")
    with open(os.path.join(os.path.dirname(process.__file__), "_child.py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())

    def names_limits(node):
        return (isinstance(node, ast.Name) and node.id == "limits") or (
            isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "limits")

    read = {n.slice.value for n in ast.walk(tree) if isinstance(n, ast.Subscript) and names_limits(n.value)
            and isinstance(n.slice, ast.Constant)}
    assert read == set(Limits().for_child()), (read, Limits().for_child())
