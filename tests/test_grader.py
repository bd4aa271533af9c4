"""The grader end to end: full marks for the reference, zero for the skeleton, the right
check and hint for typical bugs, contained hangs and crashes, and reproducible results."""

import json
import pickle
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from grader.catalogue import EXERCISES
from grader.config import Settings
from grader.grade import grade_submission
from grader.report import gradescope_results
from grader.sandbox import _wire

from corpus import CORRECT, SAMPLES, make_submission

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RNN_ONLY = ("rnn.activation", "rnn.elman_forward")
FAST = {"call_seconds": 2, "exercise_seconds": 30}


def _by_check(result):
    return {c.id: c for c in result.checks}


def test_correct_sample_gets_full_marks():
    result = grade_submission(path=CORRECT)
    assert [e.exercise for e in result.exercises] == list(EXERCISES)
    for e in result.exercises:
        assert e.points == e.max_points > 0, [(c.id, c.status, c.message_text()) for c in e.checks if not c.passed]


def test_skeleton_gets_zero_with_not_implemented():
    result = grade_submission(path=os.path.join(ROOT, "exercises"))
    assert result.points == 0
    assert {c.status for c in result.checks} == {"not_implemented"}
    assert all("NotImplementedError" in c.hint_text() for c in result.checks)


@pytest.mark.parametrize("sample, exercise, check, hint_word", [
    ("no_memory", "rnn.elman_forward", "order_matters", "memory"),
    ("forget_inverted", "lstm.lstm_cell", "forget_gate", "forget"),
    ("clip_per_array", "gradients.clip_gradients", "direction_kept", "global"),
])
def test_typical_bug_loses_points_on_its_exercise_with_fitting_hint(sample, exercise, check, hint_word):
    settings = Settings(exercises=(exercise, "rnn.activation"))
    result = grade_submission(path=os.path.join(SAMPLES, sample), settings=settings)
    caught = _by_check(result)[f"{exercise}::{check}"]
    assert caught.status == "failed" and caught.points == 0
    assert hint_word in caught.hint_text().lower()
    assert result.exercise(exercise).points < result.exercise(exercise).max_points
    activation = result.exercise("rnn.activation")
    assert activation.points == activation.max_points


@pytest.mark.parametrize("code, status, reason", [
    ("def elman_forward(*args, **kwargs):\n    while True:\n        pass\n", "crashed", "timeout"),
    ("import os\ndef elman_forward(*args, **kwargs):\n    os._exit(3)\n", "crashed", "exited with status 3"),
    ("import ctypes\ndef elman_forward(*args, **kwargs):\n    ctypes.string_at(0)\n", "crashed", "signal 11"),
    ("import sys\ndef elman_forward(*args, **kwargs):\n    sys.exit(0)\n", "error", "SystemExit"),
])
def test_hanging_crashing_exiting_functions_are_contained(tmp_path, code, status, reason):
    path = make_submission(tmp_path, "hostile", {"rnn": code})
    start = time.monotonic()
    result = grade_submission(path=path, settings=Settings(exercises=RNN_ONLY, limits=FAST))
    assert time.monotonic() - start < 60
    attacked = result.exercise("rnn.elman_forward")
    assert attacked.points == 0
    assert {c.status for c in attacked.checks} == {status}
    assert all(reason in c.message_text() for c in attacked.checks), [c.message_text() for c in attacked.checks]
    activation = result.exercise("rnn.activation")
    assert activation.points == activation.max_points


def test_import_error_costs_only_that_module(tmp_path):
    path = make_submission(tmp_path, "broken_gru", files={"gru.py": "def gru_forward(xs, params, h0=None)\n"})
    result = grade_submission(path=path, settings=Settings(exercises=("gru.gru_forward", "rnn.activation")))
    assert result.exercise("gru.gru_forward").points == 0
    assert all("SyntaxError" in c.message_text() for c in result.exercise("gru.gru_forward").checks)
    assert result.exercise("rnn.activation").points == result.exercise("rnn.activation").max_points


def test_same_submission_twice_gives_identical_results():
    settings = Settings(exercises=("rnn.elman_forward", "lstm.lstm_cell"))
    first = gradescope_results(grade_submission(path=os.path.join(SAMPLES, "no_memory"), settings=settings))
    second = gradescope_results(grade_submission(path=os.path.join(SAMPLES, "no_memory"), settings=settings))
    assert first == second
    assert first["score"] < sum(t["max_score"] for t in first["tests"])


def test_grade_command_writes_gradescope_results(tmp_path):
    config = tmp_path / "course.toml"
    config.write_text('exercises = ["rnn.activation", "gru.gru_forward"]\n[points]\n"gru.gru_forward" = 10\n')
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "grader", "grade", CORRECT, os.path.join(SAMPLES, "no_memory"),
                           "--out", str(out), "--jobs", "2", "--config", str(config)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "correct" / "results.json").read_text())
    assert results["score"] == pytest.approx(sum(t["max_score"] for t in results["tests"]))
    assert sum(t["max_score"] for t in results["tests"] if "gru.gru_forward" in t["tags"]) == pytest.approx(10)
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output", "visibility", "tags"} <= set(test)
        assert test["tags"][0] in ("rnn.activation", "gru.gru_forward")
    assert (out / "no_memory" / "feedback.md").read_text().startswith("# Feedback for `no_memory`")


def test_check_command_exit_status():
    ok = subprocess.run([sys.executable, "-m", "grader", "check", CORRECT], capture_output=True, text=True,
                        timeout=300)
    bad = subprocess.run([sys.executable, "-m", "grader", "check", os.path.join(ROOT, "exercises")],
                         capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and "Traceback" not in ok.stdout + ok.stderr
    assert bad.returncode == 1 and "not implemented yet" in bad.stdout


def test_bad_config_is_a_clear_error(tmp_path):
    config = tmp_path / "course.toml"
    config.write_text('exercises = ["rnn.elman"]\n')
    done = subprocess.run([sys.executable, "-m", "grader", "check", CORRECT, "--config", str(config)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "rnn.elman" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_replies_never_unpickle():
    sent = [np.arange(3.0), np.float32([[1, 2]]), np.array(2.5), np.arange(6).reshape(2, 3).T]
    header, arrays = _wire.decode_reply(_wire.encode_reply({"ok": True, "value": 0}, sent))
    assert header["ok"]
    for a, b in zip(arrays, sent):
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    for dtype, shape, data in [("|O", [1], pickle.dumps(object())), ("<f8", [4], b"\0" * 8),
                               ("<f8", [-1], b""), ("<V8", [1], b"\0" * 8)]:
        head = json.dumps({"ok": True, "arrays": [[dtype, shape]]}).encode()
        with pytest.raises(_wire.WireError):
            _wire.decode_reply(len(head).to_bytes(4, "big") + head + data)
    with pytest.raises(_wire.WireError):
        _wire.decode_reply(pickle.dumps({"ok": True}))


@pytest.mark.skipif(not __import__("grader.sandbox").sandbox.isolation_available(),
                    reason="the child's file system view needs root and namespaces")
def test_folders_outside_the_system_and_python_are_hidden_from_the_child(tmp_path):
    """Another checkout of the reference may lie anywhere (/work, /home, /opt): the child sees none of it."""
    canary = f"/rnn-grader-canary-{os.getpid()}"
    os.makedirs(canary, mode=0o755)
    try:
        with open(os.path.join(canary, "secret.txt"), "w") as f:
            f.write("the reference lives here\n")
        os.chmod(os.path.join(canary, "secret.txt"), 0o644)
        path = make_submission(tmp_path, "snoop", {"rnn": f'''
            _correct_activation = activation

            def activation(name, v):
                try:
                    open("{canary}/secret.txt").read()
                except OSError:
                    return _correct_activation(name, v)
                return np.zeros_like(np.asarray(v, dtype=float)) + 123.0
            '''})
        result = grade_submission(path=path, settings=Settings(exercises=("rnn.activation",)))
        assert result.points == result.max_points, [c.message_text() for c in result.checks if not c.passed]
    finally:
        import shutil
        shutil.rmtree(canary, ignore_errors=True)


def test_check_takes_a_single_file_runs_from_inside_the_folder_and_survives_an_ascii_console(tmp_path):
    config = tmp_path / "course.toml"
    config.write_text('exercises = ["rnn.activation", "lstm.lstm_cell"]\n')
    single = tmp_path / "homework.py"
    single.write_text("\n\n".join(open(os.path.join(CORRECT, f"{m}.py"), encoding="utf-8").read()
                                  for m in ("rnn", "lstm", "gru", "gradients", "slot_filling")))
    folder = tmp_path / "exercises_copy"
    shutil.copytree(CORRECT, folder)
    runs = {"single file": ([str(single)], ROOT, {}),
            "inside the folder": ([], str(folder), {}),
            "ascii console": ([os.path.join(ROOT, "exercises")], ROOT, {"PYTHONIOENCODING": "ascii"})}
    for what, (where, cwd, env) in runs.items():
        done = subprocess.run([sys.executable, "-m", "grader", "check", *where, "--config", str(config)], cwd=cwd,
                              capture_output=True, text=True, timeout=300, env=dict(os.environ, **env))
        expected = (1, "0 / 14") if env else (0, "14 / 14")   # the skeletons: failure blocks, full of non-ASCII
        assert (done.returncode, expected[1] in done.stdout) == (expected[0], True), \
            (what, done.stdout[-2000:], done.stderr[-2000:])
        assert "Traceback" not in done.stderr + done.stdout, what
