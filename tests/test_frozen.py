"""Frozen cases: made once at build time (``prepare --freeze``), used wherever they are current and whole,
so that a first ``check`` on a machine makes no case."""

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import reference
from corpus import CORRECT, ROOT
from grader import cases
from grader.properties import CHECKS
from grader.config import Settings

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

ONE = Settings(exercises=("rnn.activation",))


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """The activation's cases frozen into tmp_path/frozen, which the grader reads as its own; nothing in memory."""
    folder = tmp_path / "frozen"
    assert cases.freeze(ONE, folder=str(folder)) == len(_activation_checks())
    monkeypatch.setattr(cases, "FROZEN", str(folder))
    monkeypatch.setattr(cases, "_MEMORY", {})
    monkeypatch.setattr(cases, "_FROZEN", {})
    monkeypatch.setattr(cases, "_cache_path", lambda *a: None)   # only the frozen cases, or none
    made = []
    real_make = cases._make
    monkeypatch.setattr(cases, "_make", lambda *a: made.append(a[0].id) or real_make(*a))
    return folder, made


def _activation_checks():
    return [c for c in CHECKS if c.exercise == "rnn.activation" and c.strategy is not None]


def test_frozen_cases_are_used_as_they_were_made(frozen):
    _, made = frozen
    for check in _activation_checks():
        found, plan = cases.replay(check, check.examples, reference)
        assert found and len(plan) == len(found)
    assert made == []   # nothing generated
    cases._MEMORY.clear()
    cases.FROZEN = "/nonexistent"
    cases._FROZEN.clear()
    check = _activation_checks()[0]
    generated, _ = cases.replay(check, check.examples + 1, reference)   # another count: not frozen, made
    assert made == [check.id]


def test_a_changed_or_stale_frozen_file_is_not_used(frozen):
    folder, made = frozen
    check = _activation_checks()[0]
    name = f"{check.id.replace('::', '-')}-{check.examples}.bin"
    data = bytearray((folder / name).read_bytes())
    data[-1] ^= 1
    (folder / name).write_bytes(bytes(data))
    cases.replay(check, check.examples, reference)
    assert made == [check.id]
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["fingerprint"] = "0" * 16     # made by other properties or another reference
    (folder / "manifest.json").write_text(json.dumps(manifest))
    cases._MEMORY.clear()
    cases._FROZEN.clear()
    other = _activation_checks()[1]
    cases.replay(other, other.examples, reference)
    assert made == [check.id, other.id]


def test_frozen_cases_equal_the_generated_ones(frozen):
    folder, _ = frozen
    check = _activation_checks()[0]
    thawed, _ = cases.replay(check, check.examples, reference)
    generated, _ = cases._make(check, check.examples, reference)[1]
    assert len(thawed) == len(generated)
    assert all(a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a) for a, b in zip(thawed, generated))


def test_a_first_check_with_frozen_cases_makes_none(tmp_path):
    """`prepare --freeze` in the package, then `check` with an empty cache: no first-run notice, full marks."""
    existed = os.path.exists(cases.FROZEN)
    course = tmp_path / "course.toml"
    course.write_text('exercises = ["rnn.activation", "rnn.elman_forward"]\n')   # two exercises are enough
    done = subprocess.run([sys.executable, "-m", "grader", "prepare", "--freeze", "--config", str(course)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "frozen in" in done.stdout, done.stdout + done.stderr
    try:
        checked = subprocess.run([sys.executable, "-m", "grader", "check", CORRECT, "--config", str(course)],
                                 cwd=ROOT, capture_output=True, text=True, timeout=300,
                                 env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "empty")))
        assert checked.returncode == 0 and "First run" not in checked.stdout, checked.stdout
        cached = os.listdir(tmp_path / "empty" / "rnn-grader")
        assert cached == ["key"], cached   # no case file was made
    finally:
        if not existed:   # a clone's tests leave its tree as they found it
            shutil.rmtree(cases.FROZEN, ignore_errors=True)
