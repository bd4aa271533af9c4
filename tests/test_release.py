"""The student kit (python -m grader release): installed where the project is not, it grades a correct
solution full marks and buggy and unwritten ones less, and it holds no line of the reference."""

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from corpus import SAMPLES
from grader.release import release

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWED = {
    'CITIES = ("Taipei", "Tokyo", "Paris")',   # the grammar's words: the handout's facts
    'GATES = ("z", "i", "f", "o")',            # the gates' names, as the handout writes them
    "e = np.exp(-np.abs(v))",                  # the stable sigmoid's trick, which activation's hint gives
}
"""Lines of the reference that a kit may hold: facts of the handout and what a hint says."""


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """(the kit's folder, the python of a new virtual environment with the kit installed and not the project)."""
    base = tmp_path_factory.mktemp("release")
    out = base / "kit"
    wheel = release(out=str(out))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with open(os.path.join(site, "dependencies.pth"), "w") as f:   # numpy, hypothesis, rich, pip: no network
        f.write(sysconfig.get_paths()["purelib"] + "\n")           # (a path only: its .pth files, the
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel],   # project's
                   check=True, cwd=base)                                                           # among them,
    return out, python                                                                             # do not run)


def _run(python, *args, cwd):
    return subprocess.run([python, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_the_kit_holds_the_skeletons_the_handout_and_a_wheel_and_no_line_of_the_reference(kit):
    out, _ = kit
    names = sorted(os.listdir(out))
    wheels = [n for n in names if n.endswith(".whl")]
    assert names == sorted(["README.md", "exercises", "handout.md", *wheels]) and len(wheels) == 1
    assert sorted(os.listdir(out / "exercises")) == sorted(n for n in os.listdir(os.path.join(ROOT, "exercises"))
                                                            if n.endswith(".py"))
    with zipfile.ZipFile(out / wheels[0]) as wheel:
        files = {n: wheel.read(n).decode("utf-8", "replace") for n in wheel.namelist()}
    assert not [n for n in files if n.startswith("reference/") or n.startswith("grader/samples/") and
                not n.startswith("grader/samples/skeleton/")]
    assert "grader/frozen/answers.bin" in files and "grader/samples/skeleton/rnn.py" in files
    texts = list(files.values()) + [p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()
                                    and p.suffix != ".whl"]
    found = [line for line in _reference_code_lines() if any(line in t for t in texts)]
    assert set(found) <= ALLOWED, set(found) - ALLOWED


def _reference_code_lines():
    """The reference's lines of code of 22 characters or more, but its docstrings, signatures, imports and
    exported names (the skeletons share the signatures and names: they are the contract)."""
    lines = set()
    folder = os.path.join(ROOT, "reference")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            source = f.read()
        docs = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                docs.update(range(node.lineno, node.end_lineno + 1))
        for n, line in enumerate(source.splitlines(), 1):
            code = line.split("#")[0].strip()
            name_only = code.rstrip(",").strip("\"").isidentifier()   # an entry of __all__
            if n not in docs and len(code) >= 22 and not code.startswith(("def ", "import ", "from ")) \
                    and not name_only:
                lines.add(code)
    assert len(lines) > 50   # the reference's code is there to be looked for
    return lines


def test_the_installed_kit_grades_without_the_reference(kit, tmp_path):
    out, python = kit
    assert _run(python, "-c", "import reference", cwd=tmp_path).returncode != 0
    rnn_grader = os.path.join(os.path.dirname(python), "rnn-grader")

    correct = shutil.copytree(os.path.join(SAMPLES, "correct"), tmp_path / "correct")
    done = _run(rnn_grader, "check", str(correct), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "162 / 162 points" in done.stdout and "public cases" in done.stdout

    buggy = shutil.copytree(os.path.join(SAMPLES, "forget_inverted"), tmp_path / "buggy")
    done = _run(python, "-m", "grader", "check", str(buggy), cwd=tmp_path)
    assert done.returncode == 1 and "✗ lstm.lstm_cell" in done.stdout and "✓ rnn.elman_forward" in done.stdout
    assert "grader error" not in done.stdout, done.stdout

    done = _run(python, "-m", "grader", "check", cwd=out)   # the skeletons as handed out
    assert done.returncode == 1 and "exercises: 0 / 162 points" in done.stdout, done.stdout + done.stderr

    done = _run(python, "-m", "grader", "grade", str(correct), "--out", str(tmp_path / "graded"), cwd=tmp_path)
    assert done.returncode == 2 and "student kit" in done.stdout
