"""Where there are no namespaces: a container without CAP_SYS_ADMIN (Docker's default, Gradescope) and an
ordinary user. Simulated with ``setpriv`` (see ``container``): the grader really runs without the
capability, or really as another user.

The Gradescope run lays out an autograder folder as Gradescope does (world-readable, like
/autograder), runs setup.sh's grader step, then run_autograder for uploads that attack it:
rewrite the running script, write into the autograder's folders, leave a daemon, poison
the case cache, read the reference. Each must get what an empty upload gets (0), leave
everything as it was, and a correct upload must still get full marks.
"""

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import pytest

from container import as_user, closed_ancestor, needs_root_tools, run, without_sys_admin
from corpus import CORRECT
from grader.autograder import build_autograder
from grader.config import Settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXERCISES = ("rnn.activation", "rnn.elman_forward")
COURSE = f"exercises = {list(EXERCISES)}\n"
FULL = sum(points for _, points, _ in Settings(exercises=EXERCISES).checks())

pytestmark = [pytest.mark.slow, needs_root_tools]


def _tree(folder):
    """{path: sha256 of its content} of every file under folder."""
    return {os.path.join(here, name): hashlib.sha256(open(os.path.join(here, name), "rb").read()).hexdigest()
            for here, _, files in os.walk(folder) for name in files}


def _sandbox_processes():
    """Live processes of a uid the sandbox gives submissions."""
    from grader.sandbox._uid import _FIRST, _SPAN
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if "Z" not in status["State"] and any(_FIRST <= int(u) < _FIRST + _SPAN for u in status["Uid"].split()):
            found.append(int(entry))
    return found


def _left_in_shared_folders():
    """Entries of /tmp, /var/tmp and /dev/shm owned by a uid the sandbox gives submissions."""
    from grader.sandbox._uid import _FIRST, _SPAN
    return [e.path for folder in ("/tmp", "/var/tmp", "/dev/shm") if os.path.isdir(folder)
            for e in os.scandir(folder) if _FIRST <= e.stat(follow_symlinks=False).st_uid < _FIRST + _SPAN]


# ------------------------------------------------------------ uploads that attack the autograder

NOTHING = "def activation(*a, **k):\n    raise NotImplementedError\n\n\ndef elman_forward(*a, **k):\n    " \
          "raise NotImplementedError\n"


def _attacks(root):
    """{name: rnn.py source}: each attack runs when rnn.py is imported, then implements nothing."""
    results = os.path.join(root, "results", "results.json")
    forged = json.dumps({"score": 999, "tests": []})
    shell = f"\necho '{forged}' > '{results}'\n"
    return {
        "rewrite_the_running_script": f"""
import os
for pid in os.listdir("/proc"):
    for fd in ("255", "0", "1", "2"):
        try:
            with open(f"/proc/{{pid}}/fd/{{fd}}", "a") as f:
                f.write({shell!r})
        except OSError:
            pass
""",
        "write_into_the_autograder": f"""
import os
for path in ("{root}/source/run_autograder", "{root}/run_autograder", "{root}/source/grader/report/gradescope.py",
             "{results}", "{root}/source/evil.py", "{root}/results/evil"):
    try:
        with open(path, "a") as f:
            f.write("\\nprint('pwned')\\n")
    except OSError:
        pass
""",
        "leave_a_daemon": f"""
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(2)
        for path in ("{results}", "/tmp/rnn-grader-daemon-was-here"):
            try:
                with open(path, "w") as f:
                    f.write({forged!r})
            except OSError:
                pass
        os._exit(0)
    os._exit(0)
""",
        "poison_the_case_cache": f"""
import os
for folder in ("{os.environ['XDG_CACHE_HOME']}/rnn-grader", "/tmp/rnn-grader-cache-0", "/root/.cache/rnn-grader"):
    try:
        os.makedirs(folder, exist_ok=True)
        for here, _, files in os.walk(folder):
            for name in files:
                with open(os.path.join(here, name), "wb") as f:
                    f.write(b"")
        with open(os.path.join(folder, "key"), "wb") as f:
            f.write(b"0" * 32)
    except OSError:
        pass
""",
        "read_the_reference": f"""
import os, sys
for path in ["{root}/source/reference/rnn.py", "{ROOT}/reference/rnn.py"] \\
        + [os.path.join(p, "reference", "rnn.py") for p in sys.path]:
    try:
        exec(open(path).read())
        break
    except OSError:
        pass
""",
        "report_its_uid": """
import os
def activation(*args, **kwargs):
    raise RuntimeError(f"running as uid={os.getuid()} euid={os.geteuid()}")
""",
    }


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    """An autograder folder laid out as Gradescope does, after setup.sh's grader step (prepare --lock)."""
    work = tmp_path_factory.mktemp("gradescope")
    course = work / "course.toml"
    course.write_text(COURSE)
    root = tempfile.mkdtemp(prefix="rnn-grader-autograder-")   # like /autograder: anyone may enter it
    os.chmod(root, 0o755)
    with zipfile.ZipFile(build_autograder(out=str(work / "a.zip"), config=str(course))) as archive:
        for info in archive.infolist():
            target = os.path.join(root, "source", info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(archive.read(info))
            os.chmod(target, (info.external_attr >> 16) & 0o777)
    shutil.copy2(os.path.join(root, "source", "run_autograder"), os.path.join(root, "run_autograder"))
    os.makedirs(os.path.join(root, "results"))
    bin_dir = work / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_dir / "python3").chmod(0o755)
    env = dict(os.environ, AUTOGRADER_ROOT=root, AUTOGRADER_OUT=os.path.join(root, "out"),
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run([sys.executable, "-m", "compileall", "-q", "grader", "reference"], check=True,
                   cwd=os.path.join(root, "source"))   # setup.sh's steps after installing
    done = run(without_sys_admin(["python3", "-m", "grader", "prepare", "--lock", "--config", "course.toml"],
                                 hide=[ROOT]), cwd=os.path.join(root, "source"), env=env)
    assert done.returncode == 0 and "readable by their owner only" in done.stdout, done.stdout + done.stderr
    yield root, env
    shutil.rmtree(root, ignore_errors=True)


def _upload(root, env, files):
    submission = os.path.join(root, "submission")
    shutil.rmtree(submission, ignore_errors=True)
    if isinstance(files, str):
        shutil.copytree(files, submission)
    else:
        os.makedirs(submission)
        for name, text in files.items():
            with open(os.path.join(submission, name), "w") as f:
                f.write(text)
    done = run(without_sys_admin(["bash", os.path.join(root, "run_autograder")], hide=[ROOT]), cwd="/", env=env)
    assert done.returncode == 0, done.stderr
    with open(os.path.join(root, "results", "results.json"), encoding="utf-8") as f:
        return json.load(f), done.stdout


def test_gradescope_without_namespaces_gives_a_correct_upload_full_marks(autograder):
    root, env = autograder
    results, log = _upload(root, env, CORRECT)
    assert "no namespaces here" in log and "(the grader and the reference are not among it)" in log
    assert results["score"] == FULL and all(t["score"] == t["max_score"] for t in results["tests"])


def test_gradescope_without_namespaces_an_upload_that_attacks_in_every_way_gets_nothing_and_changes_nothing(
        autograder):
    """One upload runs every attack of ``_attacks`` (in that order, reporting its uid last), then the
    checks below find the trace each attack would leave had it worked."""
    root, env = autograder
    source = _tree(os.path.join(root, "source"))
    cache = _tree(os.path.join(os.environ["XDG_CACHE_HOME"], "rnn-grader"))
    script = open(os.path.join(root, "run_autograder"), "rb").read()
    running = set(_sandbox_processes())   # (of other tests running beside this one, if any)
    attacks = _attacks(root)
    results, log = _upload(root, env, {"rnn.py": NOTHING + "".join(attacks.values())})
    assert list(attacks)[-1] == "report_its_uid"
    assert "failed to import" not in json.dumps(results)                   # every attack ran
    assert results["score"] == 0, results                                   # read_the_reference
    assert len(results["tests"]) == len(Settings(exercises=EXERCISES).checks())
    assert "running as uid=6" in json.dumps(results) and "uid=0 " not in json.dumps(results), results["tests"][0]["output"]
    time.sleep(3)   # leave_a_daemon: the daemon would have written by now
    with open(os.path.join(root, "results", "results.json"), encoding="utf-8") as f:
        assert json.load(f) == results                                     # every attack on the score
    assert not os.path.exists("/tmp/rnn-grader-daemon-was-here")            # leave_a_daemon
    assert not set(_sandbox_processes()) - running                          # leave_a_daemon
    assert _tree(os.path.join(root, "source")) == source                    # write_into_the_autograder
    assert open(os.path.join(root, "run_autograder"), "rb").read() == script   # rewrite_the_running_script
    assert _tree(os.path.join(os.environ["XDG_CACHE_HOME"], "rnn-grader")) == cache   # poison_the_case_cache
    assert not _left_in_shared_folders()                                    # poison_the_case_cache (fallback)
    again, _ = _upload(root, env, {"rnn.py": NOTHING})                      # the next student is not helped
    assert again["score"] == 0


# ------------------------------------------------------------ the same grader, started without the capability

def test_without_namespaces_the_grader_says_so_once_and_grades_on(tmp_path):
    """Root without CAP_SYS_ADMIN: a uid of its own, one note on the instructor's terminal, none in a
    student's feedback or in a student's own ``check``."""
    config = tmp_path / "course.toml"
    config.write_text(COURSE)
    out = tmp_path / "out"
    done = run(without_sys_admin([sys.executable, "-m", "grader", "grade", CORRECT, "--out", str(out),
                                  "--config", str(config)]), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("no namespaces here") == 1 and "uid of its own" in done.stdout
    feedback = "".join(p.read_text(encoding="utf-8") for p in (out / "correct").iterdir() if p.is_file())
    assert "correct" in feedback and "namespaces" not in feedback
    checked = run(without_sys_admin([sys.executable, "-m", "grader", "check", CORRECT, "--config", str(config)]),
                  cwd=ROOT)
    assert checked.returncode == 0 and "namespaces" not in checked.stdout, checked.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_python_installation_the_sandbox_uid_cannot_read_is_a_grader_error_naming_it(tmp_path):
    """Python in a folder closed to other users (pyenv under /root): not the student's zero."""
    closed = closed_ancestor(sys.base_prefix)
    if closed is None:
        pytest.skip("the Python installation here is readable by every user")
    config = tmp_path / "course.toml"
    config.write_text(COURSE)
    done = run(without_sys_admin([sys.executable, "-m", "grader", "check", CORRECT, "--config", str(config)],
                                 expose=False), cwd=ROOT)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "grader error" in done.stdout and "is hidden from the sandbox (Permission denied)" in done.stdout
    assert os.path.realpath(sys.base_prefix) in done.stdout.replace("\n", "")


@pytest.fixture
def user():
    """An ordinary user with a home folder of its own (in a folder anyone may enter)."""
    name = f"rnn-grader-{os.getpid()}"
    base = tempfile.mkdtemp(prefix="rnn-grader-user-")
    os.chmod(base, 0o755)
    home = os.path.join(base, "home")
    subprocess.run(["useradd", "--create-home", "--home-dir", home, name], check=True, capture_output=True)
    try:
        uid = int(subprocess.run(["id", "-u", name], check=True, capture_output=True, text=True).stdout)
        yield uid, pathlib.Path(home)
    finally:
        subprocess.run(["userdel", "--remove", name], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(shutil.which("useradd") is None, reason="needs useradd")
def test_an_ordinary_user_checks_and_grades_with_limits_only_and_says_so_once(user):
    uid, home = user
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    config = home / "course.toml"
    config.write_text(COURSE)
    os.chown(config, uid, uid)
    out, correct = home / "out", shutil.copytree(CORRECT, home / "correct")   # the samples' folder is root's own
    for path in [correct, *correct.iterdir()]:
        os.chown(path, uid, uid)
    grade = run(as_user(uid, [sys.executable, "-m", "grader", "grade", str(correct), "--out", str(out),
                              "--config", str(config)]), cwd=ROOT, env=env)
    assert grade.returncode == 0, grade.stdout + grade.stderr
    assert grade.stdout.count("not root") == 1 and "resource limits only" in grade.stdout
    assert os.stat(out / "gradebook.sqlite").st_uid == uid
    feedback = (out / "correct" / "feedback.md").read_text(encoding="utf-8")
    assert "not root" not in feedback and f"{FULL:g}" in feedback
    check = run(as_user(uid, [sys.executable, "-m", "grader", "check", str(correct), "--config", str(config)]),
                cwd=ROOT, env=env)
    assert check.returncode == 0 and f"{FULL:g} / {FULL:g}" in check.stdout, check.stdout + check.stderr
    assert "Traceback" not in grade.stdout + grade.stderr + check.stdout + check.stderr
