"""Load a submission from disk: its files as bytes, and which curriculum modules it lacks.

A submission is a folder shaped like ``exercises/``: rnn.py, lstm.py, gru.py,
gradients.py, slot_filling.py (any may be missing). Only regular files at the
top level are read (no symlinks, at most 1 MiB each); they are handed to the
child, never imported here.
"""

import os
from dataclasses import dataclass, field

from .catalogue import EXERCISES
from .errors import SubmissionError

__all__ = ["Submission", "load_submission", "MODULES"]

MODULES = tuple(dict.fromkeys(e.split(".")[0] for e in EXERCISES))
MAX_FILE = 2**20
MAX_FILES = 64


@dataclass
class Submission:
    """A submission read from disk.

    - name: the folder's name (the student id); path: the folder
    - files: {file name: bytes} of its regular top-level files
    - missing: {module: reason} for curriculum modules that cannot be graded
    """

    name: str
    path: str
    files: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)


def load_submission(path):
    """Read a submission folder; raise SubmissionError if it is not one."""
    path = os.path.abspath(path)
    name = os.path.basename(path.rstrip(os.sep))
    if not os.path.isdir(path):
        raise SubmissionError(f"{path}: not a folder; a submission is a folder with rnn.py, lstm.py, ...")
    files, missing = {}, {}
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from None
    for entry in entries:
        if len(files) >= MAX_FILES:
            break
        if not entry.is_file(follow_symlinks=False) or entry.name.startswith("."):
            continue
        if entry.stat(follow_symlinks=False).st_size > MAX_FILE:
            if entry.name.endswith(".py"):
                missing[entry.name[:-3]] = f"{entry.name} is larger than {MAX_FILE // 1024} KiB"
            continue
        try:
            with open(entry.path, "rb") as f:
                files[entry.name] = f.read(MAX_FILE)
        except OSError as exc:
            missing[entry.name[:-3]] = f"{entry.name} cannot be read ({exc.strerror})"
    for module in MODULES:
        if f"{module}.py" not in files and module not in missing:
            missing[module] = f"{module}.py is missing from the submission"
    return Submission(name=name, path=path, files=files, missing=missing)
