"""Where the grader runs never changes a score: interpreter layouts, course settings, exit codes.

The layouts are the ones instructors meet: a virtual environment under /tmp, /var/tmp,
/dev/shm or /opt (which the child's private temporary folders and hidden folders would
cover), and a class folder that holds the base interpreter (which the child masks as the
submission's siblings). Each must grade the bundled correct sample at full marks.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from corpus import CORRECT
from grader.config import Settings
from grader.grade import grade_submission
from grader.sandbox import isolation_available

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

full_sandbox = pytest.mark.skipif(not isolation_available(),
                                  reason="the layouts matter where the child gets its own mounts (root, unshare)")


def _check(python, folder, *args):
    return subprocess.run([python, "-m", "grader", "check", folder, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


@full_sandbox
@pytest.mark.parametrize("where", ["/tmp", "/var/tmp", "/dev/shm", "/opt", "/home", "/usr/local"])
def test_a_venv_where_the_child_mounts_its_own_folders_grades_correctly(where):
    if not os.path.isdir(where):
        pytest.skip(f"{where} does not exist here")
    base = tempfile.mkdtemp(prefix="rnn-grader-venv-", dir=where)
    try:
        venv = os.path.join(base, "venv")
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], check=True)
        course = os.path.join(base, "course.toml")   # the layout is the point: two exercises, two modules
        with open(course, "w") as f:
            f.write('exercises = ["rnn.activation", "lstm.lstm_cell"]\n')
        done = _check(os.path.join(venv, "bin", "python"), CORRECT, "--config", course)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "14 / 14" in done.stdout
    finally:
        shutil.rmtree(base, ignore_errors=True)


@full_sandbox
def test_a_class_folder_that_holds_the_base_interpreter_grades_correctly():
    """The submission's parent folder (masked: other students) holds the interpreter itself."""
    holder = os.path.dirname(os.path.realpath(sys.base_prefix))
    if not os.access(holder, os.W_OK):
        pytest.skip(f"{holder} is not writable here")
    student = tempfile.mkdtemp(prefix="rnn-grader-student-", dir=holder)
    try:
        shutil.copytree(CORRECT, student, dirs_exist_ok=True)
        result = grade_submission(path=student, settings=Settings(exercises=("rnn.activation", "gru.gru_forward")))
        assert result.points == result.max_points > 0, [c.message_text() for c in result.checks if not c.passed]
    finally:
        shutil.rmtree(student, ignore_errors=True)


def _readme_toml():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return re.search(r"```toml\n(.*?)```", f.read(), re.S).group(1)


def test_full_marks_are_exact_under_the_readme_course_settings(tmp_path):
    """Points spread over an exercise's checks (10 over 8 checks) still add up to exactly the maximum,
    and ``check`` exits 0 on full marks."""
    config = tmp_path / "course.toml"
    config.write_text(_readme_toml(), encoding="utf-8")
    done = _check(sys.executable, CORRECT, "--config", str(config))
    assert done.returncode == 0, done.stdout[-3000:]
    total = re.search(r"(\d+(?:\.\d+)?) / (\d+(?:\.\d+)?) points", done.stdout)
    assert total and total.group(1) == total.group(2), done.stdout[:500]


@pytest.mark.parametrize("points", [10, 20, 7, 1])
def test_an_exercise_spread_over_its_checks_sums_to_its_points(points):
    settings = Settings(exercises=("gru.gru_forward",), points={"gru.gru_forward": points})
    result = grade_submission(path=CORRECT, settings=settings)
    assert result.points == result.max_points == points


# ---------------------------------------------------------------- the case cache cannot change a verdict

_REPLAY = """
import sys, reference
from grader.cases import replay, cache_note, _cache_path
from grader.properties import CHECKS
check = next(c for c in CHECKS if c.id == sys.argv[1])
cases, plan = replay(check, check.examples, reference)
print(len(cases), _cache_path(check.id, check.examples))
print(cache_note())
"""

_CHECK_ID = "rnn.elman_forward::agrees"


def _replay(env):
    done = subprocess.run([sys.executable, "-c", _REPLAY, _CHECK_ID], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    first, note = done.stdout.split("\n")[:2]
    count, path = first.split(" ", 1)
    return int(count), path, note


def _forged(path, cases):
    """A well-formed cache file holding ``cases`` (and no plan), signed with a key that is not the cache's."""
    import hashlib
    import hmac

    from grader import cases as cache

    data = cache._pack({"cases": cases, "plan": [[] for _ in cases], "oracles": []})
    return hmac.new(b"k" * 32, data, hashlib.sha256).digest() + data


@pytest.mark.parametrize("forgery", ["no cases, unsigned", "no cases, another key", "truncated"])
def test_a_cache_file_that_does_not_verify_is_generated_again(tmp_path, forgery):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    count, path, note = _replay(env)
    assert count > 0 and os.path.exists(path) and note == ""
    with open(path, "rb") as f:
        original = f.read()
    forged = {"no cases, unsigned": lambda: _forged(path, [])[32:],
              "no cases, another key": lambda: _forged(path, []),
              "truncated": lambda: original[:len(original) // 2]}[forgery]()
    with open(path, "wb") as f:
        f.write(forged)
    again, _, _ = _replay(env)
    assert again == count
    with open(path, "rb") as f:
        assert f.read() == original   # regenerated (the same cases, signed again)


def test_an_unwritable_cache_folder_works_with_one_note(tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {"XDG_CACHE_HOME": "/dev/null/cache", "TMPDIR": str(scratch)}
    count, path, note = _replay(env)
    assert count > 0 and path.startswith(str(scratch)) and os.path.exists(path)
    assert "/dev/null/cache" in note and str(scratch) in note
    assert os.stat(os.path.dirname(os.path.dirname(path))).st_mode & 0o077 == 0


def test_a_fallback_folder_that_others_could_have_planted_is_not_used(tmp_path):
    scratch = tmp_path / "scratch"
    planted = scratch / f"rnn-grader-cache-{os.geteuid()}"
    planted.mkdir(parents=True)
    planted.chmod(0o777)
    count, path, note = _replay({"XDG_CACHE_HOME": "/dev/null/cache", "TMPDIR": str(scratch)})
    assert count > 0 and path == "None" and "no case cache" in note
    assert os.listdir(planted) == []


# ---------------------------------------------------------------- a batch stopped half-way


def _descendants(pid):
    """Every live process below pid (from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(entry))
    found, frontier = set(), [pid]
    while frontier:
        children = [c for p in frontier for c in parents.get(p, [])]
        found.update(children)
        frontier = children
    return found


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_batch_leaves_no_process_and_resumes(tmp_path, signum):
    from corpus import make_submission

    class_dir = tmp_path / "class"
    for name in ("alice", "bob"):
        make_submission(class_dir, name)
    make_submission(class_dir, "carol", {"rnn": "def elman_forward(*args, **kwargs):\n    while True:\n        pass\n"})
    config = tmp_path / "course.toml"
    config.write_text('exercises = ["rnn.activation", "rnn.elman_forward"]\n[limits]\ncall_seconds = 2\n'
                      'exercise_seconds = 4\n')
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", "grade", str(class_dir), "--out", str(out), "--jobs", "2",
               "--config", str(config)]
    # as started from a terminal: a shell starting pytest in the background may have left SIGINT ignored,
    # which Python (and so the grader) would keep
    main = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        below = set()
        while time.monotonic() < deadline and not any(_is_child(p) for p in below):
            below = _descendants(main.pid)   # wait until a submission's child runs
            time.sleep(0.1)
        assert any(_is_child(p) for p in below), "no sandbox child started"
        main.send_signal(signum)
        output, _ = main.communicate(timeout=30)
    finally:
        main.kill()
    assert main.returncode == 130, output
    assert "run the same command again" in output
    time.sleep(0.5)
    assert not [p for p in below if _alive(p)], "processes outlived the stopped batch"
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout[-2000:]
    assert all((out / name / "results.json").exists() for name in ("alice", "bob", "carol"))


def _is_child(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"_child.py" in f.read()
    except OSError:
        return False


# ---------------------------------------------------------------- Gradescope: Markdown, shown as written


def test_gradescope_results_are_markdown_with_a_row_per_exercise_and_raw_feedback(tmp_path):
    from corpus import make_submission
    from grader.report import gradescope_results

    raised = "<module> **bold** ``` ````\n```\n<img src=x onerror=alert(1)>"
    path = make_submission(tmp_path, "dave", {"rnn": f'''
_correct_elman = elman_forward

def elman_forward(*args, **kwargs):
    raise ValueError({raised!r})
'''})
    settings = Settings(exercises=("rnn.activation", "rnn.elman_forward"), shrink=False)
    results = gradescope_results(grade_submission(path=path, settings=settings))
    assert results["output_format"] == "md" and results["test_output_format"] == "md"
    assert "| `rnn.activation` | 6 / 6 | 4 / 4 |" in results["output"]
    assert "| `rnn.elman_forward` |" in results["output"]
    failed = [t for t in results["tests"] if t["score"] < t["max_score"]]
    assert failed
    for test in failed:
        fence = test["output"].split("text\n", 1)[0]
        body = test["output"][len(fence) + len("text\n"):-len(fence)]
        assert set(fence) == {"`"} and len(fence) >= 3 and test["output"].endswith("\n" + fence)
        assert fence not in body   # nothing inside can close the block
    shown = "".join(t["output"] for t in failed)
    assert "<img src=x onerror=alert(1)>" in shown and "<module>" in shown   # shown as raised, inside the block


def test_prepare_makes_every_case_file_and_the_autograder_prepares_when_built(tmp_path):
    config = tmp_path / "course.toml"
    config.write_text('exercises = ["rnn.activation", "gru.gru_forward"]\n')
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-m", "grader", "prepare", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    assert done.returncode == 0, done.stdout + done.stderr
    settings = Settings(exercises=("rnn.activation", "gru.gru_forward"))
    expected = {f"{c.id.replace('::', '-')}-{n}.bin" for c, _, n in settings.checks() if c.strategy is not None}
    made = {name for _, _, files in os.walk(cache) for name in files if name.endswith(".bin")}
    assert made == expected and f"cases of {len(expected)} checks are ready" in done.stdout

    import zipfile

    from grader.autograder import build_autograder
    with zipfile.ZipFile(build_autograder(out=str(tmp_path / "a.zip"), config=str(config))) as z:
        setup = z.read("setup.sh").decode()
    assert 'python3 -m grader prepare --lock --config "$SOURCE/course.toml"' in setup


# ------------------------------------------------------------ infrastructure faults are never grades

TIGHT = 'exercises = ["rnn.activation", "rnn.elman_forward"]\n[limits]\n'


def test_a_sandbox_that_cannot_start_is_a_grader_error_with_nothing_recorded(tmp_path):
    """A child that cannot run Python with numpy where it is confined (here: 40 MiB of address
    space) fails before any student code: exit 1, the cause named, no gradebook row, no report."""
    course = tmp_path / "course.toml"
    course.write_text(TIGHT + "memory_mib = 40\n")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "grader", "grade", CORRECT, "--single", "--out", str(out),
                           "--config", str(course), "--jobs", "1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "grader error" in done.stdout and "MemoryError" in done.stdout and "nothing was recorded" in done.stdout
    assert not (out / "correct").exists()
    checked = _check(sys.executable, CORRECT, "--config", str(course))
    assert checked.returncode == 3 and "grader error" in checked.stdout and "/ 20" not in checked.stdout


def test_without_the_preflight_a_failed_start_is_still_never_recorded(tmp_path):
    from grader.batch import grade_batch
    from grader.gradebook import Gradebook
    settings = Settings(exercises=("rnn.activation",), limits={"memory_mib": 40})
    batch = grade_batch(paths=[CORRECT], out=str(tmp_path), settings=settings, check_first=False)
    assert list(batch.failed) == ["correct"] and "could not start" in batch.failed["correct"]
    assert not batch.graded and not batch.results
    with Gradebook(str(tmp_path / "gradebook.sqlite")) as book:
        assert book.results() == []
    assert "not graded (grader error, run again)" in (tmp_path / "gradebook.csv").read_text()


def test_settings_under_which_a_correct_solution_fails_stop_the_batch_before_any_grade(tmp_path):
    from grader.batch import grade_batch
    from grader.errors import InfrastructureError
    settings = Settings(exercises=("rnn.activation", "rnn.elman_forward"), limits={"call_seconds": 1e-4})
    with pytest.raises(InfrastructureError, match=r"preflight: a correct submission does not get full marks"
                                                  r".*rnn\.activation::\w+ \w+: .*\(timeout\)"):
        grade_batch(paths=[CORRECT], out=str(tmp_path), settings=settings)
    assert not (tmp_path / "correct").exists() and not (tmp_path / "gradebook.csv").exists()


def test_a_students_check_runs_a_quick_preflight_first(tmp_path):
    course = tmp_path / "course.toml"
    course.write_text(TIGHT + "call_seconds = 0.0001\n")
    start = time.monotonic()
    checked = _check(sys.executable, CORRECT, "--config", str(course))
    assert checked.returncode == 3 and "preflight: a correct submission does not get full marks" in checked.stdout
    assert "rnn.activation::" in checked.stdout and "rnn.elman_forward::" not in checked.stdout   # one exercise
    assert "/ 20" not in checked.stdout and time.monotonic() - start < 60


def test_settings_that_differ_only_in_their_exercises_share_one_preflight_on_all_of_them():
    from grader.batch import _preflights
    a = Settings(exercises=("gru.gru_forward",), points={"gru.gru_forward": 20})
    b = Settings(exercises=("rnn.activation", "rnn.elman_forward"))
    c = Settings(exercises=("rnn.activation",), limits={"call_seconds": 3})
    shared, alone = sorted(_preflights([a, b, c, b]), key=lambda s: len(s.exercises), reverse=True)
    assert shared.exercises == ("rnn.activation", "rnn.elman_forward", "gru.gru_forward") and shared.points == {}
    assert alone.exercises == ("rnn.activation",) and alone.limits == {"call_seconds": 3}
