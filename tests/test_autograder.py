"""The Gradescope autograder zip: the right files with the right modes, and a run_autograder that grades a
submission in a folder laid out like /autograder and always leaves a results.json."""

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile

import pytest

import grader
from grader.autograder import CONFIG_NAME, build_autograder
from grader.fresh import SECRET_NAME
from grader.config import Settings
from grader.errors import UsageError

from corpus import CORRECT

EXERCISES = ("rnn.elman_forward", "lstm.lstm_cell")
COURSE = 'exercises = ["rnn.elman_forward", "lstm.lstm_cell"]\n'
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix" or shutil.which("bash") is None, reason="needs bash")]


def _course(tmp_path, text=COURSE):
    path = tmp_path / "course.toml"
    path.write_text(text)
    return str(path)


def _mode(info):
    return stat.S_IMODE(info.external_attr >> 16)


def test_zip_holds_scripts_and_project_with_modes(tmp_path):
    path = build_autograder(out=str(tmp_path / "dist" / "autograder.zip"))
    assert path == str(tmp_path / "dist" / "autograder.zip") and zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as archive:
        infos = {i.filename: i for i in archive.infolist()}
        names = set(infos)
        assert {"setup.sh", "run_autograder", "pyproject.toml", "README.md", "grader/__init__.py",
                "grader/__main__.py", "grader/report/html.py", "grader/sandbox/_child.py", "reference/__init__.py",
                "grader/samples/__init__.py"} <= names
        assert CONFIG_NAME not in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        for name, info in infos.items():
            assert info.create_system == 3 and stat.S_ISREG(info.external_attr >> 16)
            want = 0o755 if name in ("setup.sh", "run_autograder") else 0o600 if name == SECRET_NAME else 0o644
            assert _mode(info) == want, name
        assert len(archive.read(SECRET_NAME)) == 32
        package = os.path.dirname(grader.__file__)
        assert archive.read("grader/cli.py") == open(os.path.join(package, "cli.py"), "rb").read()
        setup = archive.read("setup.sh").decode()
        run = archive.read("run_autograder").decode()
    assert setup.startswith("#!/usr/bin/env bash") and "pip3 install" in setup
    assert "python3 -m grader grade \"$ROOT/submission\" --single --out \"$OUT\" --jobs 1" in run
    assert f'--secret "$SOURCE/{SECRET_NAME}"' in run
    assert "${AUTOGRADER_ROOT:-/autograder}" in run and "${AUTOGRADER_OUT:-/tmp/gradescope-out}" in run
    assert '"$OUT/submission/results.json" "$RESULTS"' in run
    for script in (setup, run):
        subprocess.run(["bash", "-n"], input=script, text=True, check=True)
    secret = tmp_path / "course.secret"
    secret.write_bytes(bytes(range(32)))
    once, again = (build_autograder(out=str(tmp_path / name), secret=str(secret)) for name in ("1.zip", "2.zip"))
    assert open(again, "rb").read() == open(once, "rb").read()          # reproducible, given the secret
    with zipfile.ZipFile(once) as archive:
        assert archive.read(SECRET_NAME) == secret.read_bytes()
    with zipfile.ZipFile(path) as archive:
        assert archive.read(SECRET_NAME) != secret.read_bytes()       # a new course gets a new secret


def test_course_config_is_checked_and_shipped(tmp_path):
    path = build_autograder(out=str(tmp_path / "a.zip"), config=_course(tmp_path))
    with zipfile.ZipFile(path) as archive:
        assert archive.read(CONFIG_NAME).decode() == COURSE
        assert f'--config "$SOURCE/{CONFIG_NAME}"' in archive.read("run_autograder").decode()
    with pytest.raises(UsageError):
        build_autograder(out=str(tmp_path / "b.zip"), config=_course(tmp_path, 'exercises = ["rnn.nope"]\n'))
    assert not (tmp_path / "b.zip").exists()


def _install(tmp_path, zip_path, submission=None):
    """Lay out tmp_path/autograder as Gradescope does: the zip unpacked (with its modes) into source/,
    run_autograder copied to the root, the submission in submission/, results/ empty."""
    root = tmp_path / "autograder"
    source = root / "source"
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            target = source / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            target.chmod(_mode(info))
    shutil.copy2(source / "run_autograder", root / "run_autograder")
    if submission is None:
        shutil.copytree(CORRECT, root / "submission")
    else:
        submission(root / "submission")
    (root / "results").mkdir()
    bin_dir = tmp_path / "bin"                  # "python3" is the interpreter running the tests
    bin_dir.mkdir()
    (bin_dir / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_dir / "python3").chmod(0o755)
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), AUTOGRADER_OUT=str(tmp_path / "gradescope-out"),
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return root, env


def _run(root, env):
    done = subprocess.run([str(root / "run_autograder")], env=env, cwd=str(root.parent), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open(root / "results" / "results.json", encoding="utf-8") as f:
        return json.load(f), done.stdout


def test_run_autograder_gives_a_correct_submission_full_marks(tmp_path):
    root, env = _install(tmp_path, build_autograder(out=str(tmp_path / "a.zip"), config=_course(tmp_path)))
    results, stdout = _run(root, env)
    full = sum(points for _, points, _ in Settings(exercises=EXERCISES).checks())
    assert results["score"] == full > 0
    assert len(results["tests"]) == len(Settings(exercises=EXERCISES).checks())
    assert all(t["score"] == t["max_score"] for t in results["tests"])
    assert "submission:" in stdout


def _wrapped_single_file(folder):
    """What Gradescope unpacks from a zip of a folder holding one .py file with every function."""
    (folder / "alice").mkdir(parents=True)
    sources = [open(os.path.join(CORRECT, f"{m}.py"), encoding="utf-8").read()
               for m in ("rnn", "lstm", "gru", "gradients", "slot_filling")]
    (folder / "alice" / "homework.py").write_text("\n\n".join(sources))


def test_run_autograder_grades_one_file_wrapped_in_a_folder(tmp_path):
    root, env = _install(tmp_path, build_autograder(out=str(tmp_path / "a.zip"), config=_course(tmp_path)),
                         submission=_wrapped_single_file)
    results, _ = _run(root, env)
    assert results["tests"] and all(t["score"] == t["max_score"] for t in results["tests"])


def _cloned_repository(folder):
    """What Gradescope unpacks from a GitHub upload: the repository, modules one level down beside a README."""
    shutil.copytree(CORRECT, folder / "exercises")
    (folder / "README.md").write_text("# RNN homework\n")
    (folder / "requirements.txt").write_text("numpy\n")


def test_run_autograder_grades_a_cloned_repository(tmp_path):
    root, env = _install(tmp_path, build_autograder(out=str(tmp_path / "a.zip"), config=_course(tmp_path)),
                         submission=_cloned_repository)
    results, _ = _run(root, env)
    assert results["tests"] and all(t["score"] == t["max_score"] for t in results["tests"])
    assert "exercises/" in results["output"]


def test_run_autograder_writes_zero_score_when_grading_fails(tmp_path):
    root, env = _install(tmp_path, build_autograder(out=str(tmp_path / "a.zip"), config=_course(tmp_path)))
    (root / "source" / CONFIG_NAME).write_text("this is [not toml\n")
    results, _ = _run(root, env)
    assert results["score"] == 0 and results["tests"] == []
    assert "could not grade this submission" in results["output"]
    assert "cannot be read as TOML" in results["output"]          # the grader's own error, from its log


def test_run_autograder_writes_zero_score_even_without_a_working_python(tmp_path):
    root, env = _install(tmp_path, build_autograder(out=str(tmp_path / "a.zip")))
    (tmp_path / "bin" / "python3").write_text("#!/bin/sh\nexit 3\n")
    results, _ = _run(root, env)
    assert results["score"] == 0 and results["tests"] == []
    assert "failed before it could grade" in results["output"]


def test_an_installed_wheel_without_its_source_builds_an_autograder_that_installs(tmp_path):
    """From site-packages (no pyproject.toml or README.md beside the packages) the zip gets a pyproject.toml
    made from the installed metadata, and pip builds the same packages from it."""
    site = tmp_path / "site"
    for package in ("grader", "reference"):
        shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(grader.__file__)), package), site / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "grader", "gradescope", "--out", str(tmp_path / "a.zip")],
                          cwd=site, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        archive.extractall(unpacked)
    import tomllib
    project = tomllib.loads((unpacked / "pyproject.toml").read_text())["project"]
    assert project["name"] == "rnn-grader" and project["version"] == grader.__version__
    assert any(d.startswith("numpy") for d in project["dependencies"])
    assert not any("extra" in d for d in project["dependencies"])
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "wheel"), str(unpacked)], capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "wheel").iterdir()
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"grader/cli.py", "grader/samples/__init__.py", "reference/rnn.py"} <= names


@pytest.mark.parametrize("pinned_installs", [True, False])
def test_setup_installs_the_numpy_and_hypothesis_it_was_built_with_or_says_why_not(tmp_path, pinned_installs):
    """The cases, and so the verdicts, depend on numpy's and Hypothesis' versions: Gradescope must grade
    with the instructor's, or say in its build log that it cannot (an image whose Python is too old)."""
    import hypothesis
    import numpy as np
    path = build_autograder(out=str(tmp_path / "a.zip"))
    source = tmp_path / "source"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(source)
    assert (source / "constraints.txt").read_text() == f"numpy=={np.__version__}\nhypothesis=={hypothesis.__version__}\n"
    fake = tmp_path / "bin"   # pip3 and python3 that log what they are asked, so nothing is installed
    fake.mkdir()
    log = tmp_path / "calls"
    refuse = "" if pinned_installs else 'case " $* " in *" -c "*) exit 1;; esac\n'
    (fake / "pip3").write_text(f'#!/bin/sh\necho "pip3 $*" >> {log}\n{refuse}exit 0\n')
    (fake / "python3").write_text(f'#!/bin/sh\necho "python3 $*" >> {log}\ncat > /dev/null\nexit 0\n')
    for tool in ("pip3", "python3"):
        (fake / tool).chmod(0o755)
    done = subprocess.run(["bash", str(source / "setup.sh")], env={"PATH": f"{fake}:/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    installs = [line for line in log.read_text().splitlines() if line.startswith("pip3 install")]
    pinned = f"pip3 install --no-cache-dir -c {source}/constraints.txt {source}"
    if pinned_installs:
        assert installs == [pinned] and "cannot be installed" not in done.stderr
    else:
        assert installs == [pinned, pinned.replace("-dir -c", "-dir --break-system-packages -c"),
                            f"pip3 install --no-cache-dir {source}"]
        assert f"numpy=={np.__version__} and hypothesis=={hypothesis.__version__} cannot be installed" in done.stderr
