"""The corpora that prove the grader: buggy, correct-but-different and hostile submissions.

- mutants/<module>.py: MUTANTS, a list of dicts, one single-bug submission each:
  name, exercise ("rnn.elman_forward"), caught_by (check names that must fail),
  code (appended to the correct module: a later def replaces the correct one).
- equivalent/<name>/: complete correct submissions written differently; full marks expected.
- hostile/<group>.py: HOSTILE, a list of dicts, one attack each: name, exercise (the
  attacked exercise), overrides ({module: code} appended) and/or files ({file: str|bytes}
  replacing whole files), max_points (what the attacked exercise may still earn, default 0),
  and a description.
"""

import importlib
import os
import pkgutil
import shutil
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(ROOT, "grader", "samples")
CORRECT = os.path.join(SAMPLES, "correct")
EQUIVALENT = os.path.join(HERE, "equivalent")


def make_submission(root, name, overrides=None, *, drop=(), files=None, base=CORRECT):
    """A copy of the base submission at root/name.

    - overrides: {module: code} appended to that module (a later def replaces the correct one)
    - drop: modules to delete; files: {file name: str or bytes} written as they are
    """
    path = os.path.join(str(root), name)
    shutil.copytree(base, path, ignore=shutil.ignore_patterns("README.txt", "__pycache__"))
    for module, code in (overrides or {}).items():
        with open(os.path.join(path, f"{module}.py"), "a", encoding="utf-8") as f:
            f.write("\n\n" + textwrap.dedent(code))
    for module in drop:
        os.remove(os.path.join(path, f"{module}.py"))
    for file_name, content in (files or {}).items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(path, file_name), mode) as f:
            f.write(content)
    return path


def _collect(package, attribute):
    entries = []
    folder = os.path.join(HERE, package)
    for info in sorted(pkgutil.iter_modules([folder]), key=lambda i: i.name):
        module = importlib.import_module(f"corpus.{package}.{info.name}")
        entries.extend(getattr(module, attribute))
    return entries


def mutants():
    """Every mutant of mutants/*.py."""
    return _collect("mutants", "MUTANTS")


def hostile():
    """Every attack of hostile/*.py."""
    return _collect("hostile", "HOSTILE")


def equivalent():
    """The folders of equivalent/."""
    return sorted(os.path.join(EQUIVALENT, d) for d in os.listdir(EQUIVALENT)
                  if os.path.isdir(os.path.join(EQUIVALENT, d)) and not d.startswith(("_", ".")))
