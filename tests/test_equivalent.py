"""Correct submissions written differently (tests/corpus/equivalent/) earn full marks on every exercise.

The corpus is graded once, as a batch (two workers), exactly as an instructor would grade
students; each folder's Gradescope results.json is then read back and every exercise's
checks must all be at full marks. A failure lists the failing checks with their feedback,
which is what to read when a new check wrongly rejects a correct style of code.
"""

import json
import os
from collections import defaultdict

import pytest

from corpus import equivalent
from grader.batch import grade_batch
from grader.properties import CHECKS
from grader.load import MODULES

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

FOLDERS = equivalent()
NAMES = [os.path.basename(p) for p in FOLDERS]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The batch output folder: <out>/<name>/results.json for every equivalent submission."""
    out = tmp_path_factory.mktemp("equivalent")
    grade_batch(paths=FOLDERS, out=str(out), jobs=2)
    return out


def test_corpus_has_ten_complete_submissions():
    assert len(FOLDERS) >= 10, f"only {len(FOLDERS)} equivalent submissions: {NAMES}"
    for folder in FOLDERS:
        files = set(os.listdir(folder))
        missing = [f"{m}.py" for m in MODULES if f"{m}.py" not in files]
        assert not missing, f"{os.path.basename(folder)} lacks {missing}"
        with open(os.path.join(folder, "README.txt"), encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        assert len(lines) == 1, f"{os.path.basename(folder)}/README.txt should be one line saying how it differs"


def _failure_report(name, failing):
    parts = [f"{name}: an equivalent (correct) submission lost points on {len(failing)} check(s):"]
    for test in failing:
        parts.append(f"--- {test['name']}: {test['score']:g} / {test['max_score']:g}\n{test['output'].rstrip()}")
    return "\n".join(parts)


@pytest.mark.parametrize("folder", FOLDERS, ids=NAMES)
def test_full_marks_on_every_exercise(graded, folder):
    name = os.path.basename(folder)
    path = graded / name / "results.json"
    assert path.exists(), f"{name}: the batch wrote no results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    by_exercise = defaultdict(list)
    for test in results["tests"]:
        by_exercise[test["tags"][0]].append(test)

    graded_exercises = {c.exercise for c in CHECKS}
    assert set(by_exercise) == graded_exercises, (
        f"{name}: results.json covers {sorted(by_exercise)}, the catalogue grades {sorted(graded_exercises)}")

    failing = [t for tests in by_exercise.values() for t in tests if t["score"] < t["max_score"]]
    assert not failing, _failure_report(name, failing)
    for exercise, tests in by_exercise.items():
        earned, possible = sum(t["score"] for t in tests), sum(t["max_score"] for t in tests)
        assert possible > 0 and earned == pytest.approx(possible), f"{name}: {exercise} {earned:g} / {possible:g}"
    assert results["score"] == pytest.approx(sum(t["max_score"] for t in results["tests"])), results["output"]
