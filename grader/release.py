"""A student kit: the skeletons, the handout and a checker that holds no line of the solution.

``release(out=DIR)`` writes::

    DIR/exercises/*.py                      the skeletons students fill in
    DIR/handout.md                          the handout (docs/handout.md)
    DIR/README.md                           what students run (in every language of grader.messages)
    DIR/rnn_grader_kit-<version>-py3-none-any.whl

The wheel is the grader without the reference and without the bundled samples (the
skeletons only, for its preflight: ``grader.preflight``); in
their place, ``grader/frozen/`` holds the public cases of the default settings and the
reference's answers to every question the properties ask on them (``grader.answers``:
recorded while the cases are frozen, from a right implementation's answers and from wrong
ones, so that the properties' failure paths are answered too). ``pip install DIR/<wheel>`` gives
``python -m grader check`` and ``rnn-grader check``. The instructor's ``grade`` and the
Gradescope autograder run the same public cases and, with the course's secret, hidden
ones for each submission (``grader.fresh``), which the kit cannot know.

The wheel is written here (a zip of the files and their dist-info, PEP 427) rather than
by a build backend: the kit is built offline, and the same sources give the same bytes.
"""

import base64
from collections.abc import Callable
import csv
import hashlib
import io
import os
import shutil
import tempfile
import zipfile

from . import __version__
from .errors import UsageError
from .messages import LANGUAGES, ui

__all__ = ["release", "KIT_NAME"]

KIT_NAME = "rnn_grader_kit"
"""The kit's distribution name (as in its wheel's file name)."""
_LEFT_OUT = ("samples", "frozen", "__pycache__")
"""The grader's folders not shipped in a kit: the bundled samples (a correct one among them) and the
instructor's frozen cases (the kit has its own); every file of the reference package is left out too."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def release(*, out: str, on_step: Callable[[str], None] | None = None) -> str:
    """Write a student kit into ``out`` (a folder that does not exist or is empty); returns the wheel's path.

    on_step: called with a short text as each step begins (for progress)."""
    import grader
    import reference

    from .answers import Recording
    from .cases import freeze, store_answers
    from .config import Settings
    from .preflight import SKELETON

    step = on_step or (lambda text: None)
    package = os.path.dirname(os.path.abspath(grader.__file__))
    root = os.path.dirname(package)
    needed = [os.path.join(root, "exercises"), os.path.join(root, "docs", "handout.md"),
              os.path.join(root, "pyproject.toml")]
    if not all(os.path.exists(p) for p in needed):
        raise UsageError(f"release builds the kit from the project's source folder (a clone), which has "
                         f"exercises/, docs/handout.md and pyproject.toml; this grader is installed in {root}, "
                         f"which has not")
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise UsageError(f"--out {out}: give a folder that does not exist yet or is empty (nothing is overwritten)")
    with tempfile.TemporaryDirectory(prefix="rnn-grader-kit-") as staging:
        kit_package = os.path.join(staging, "grader")
        shutil.copytree(package, kit_package, ignore=shutil.ignore_patterns(*_LEFT_OUT, "*.pyc"))
        shutil.copytree(needed[0], os.path.join(kit_package, "samples", os.path.basename(SKELETON)),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))   # the kit's preflight
        frozen = os.path.join(kit_package, "frozen")
        recording = Recording(reference)
        step("recording the reference's answers on the public cases")
        freeze(Settings(), frozen, recording=recording)
        store_answers(recording, frozen)
        os.makedirs(out, exist_ok=True)
        step("writing the wheel")
        wheel = _write_wheel(staging, out, _metadata(root))
    shutil.copytree(needed[0], os.path.join(out, "exercises"), ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(needed[1], os.path.join(out, "handout.md"))
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(ui("kit/readme", lang, wheel=os.path.basename(wheel)) for lang in LANGUAGES))
    return wheel


def _write_wheel(staging, out, metadata):
    """Write the wheel of the package in ``staging`` (grader/) into out, with its METADATA; returns its path."""
    name = f"{KIT_NAME}-{__version__}-py3-none-any.whl"
    dist_info = f"{KIT_NAME}-{__version__}.dist-info"
    files = []
    for here, dirs, names in os.walk(os.path.join(staging, "grader")):
        dirs.sort()
        for file_name in sorted(names):
            path = os.path.join(here, file_name)
            with open(path, "rb") as f:
                files.append((os.path.relpath(path, staging).replace(os.sep, "/"), f.read()))
    files += [(f"{dist_info}/METADATA", metadata.encode()),
              (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: rnn-grader release\nRoot-Is-Purelib: true\n"
                                     b"Tag: py3-none-any\n"),
              (f"{dist_info}/entry_points.txt", b"[console_scripts]\nrnn-grader = grader.cli:main\n"),
              (f"{dist_info}/top_level.txt", b"grader\n")]
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for arcname, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([arcname, f"sha256={digest}", len(data)])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    files.append((f"{dist_info}/RECORD", record.getvalue().encode()))
    path = os.path.join(out, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in files:
            info = zipfile.ZipInfo(arcname, _ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return path


def _metadata(root):
    """The kit's METADATA: the grader's own dependencies, as the project's pyproject.toml (in root) declares them."""
    from .config import tomllib

    with open(os.path.join(root, "pyproject.toml"), "rb") as f:
        requires = tomllib.load(f)["project"]["dependencies"]
    lines = ["Metadata-Version: 2.1", f"Name: {KIT_NAME.replace('_', '-')}", f"Version: {__version__}",
             "Summary: The student kit of the RNN and LSTM exercises: python -m grader check",
             "Requires-Python: >=3.10"] + [f"Requires-Dist: {r}" for r in requires]
    return "\n".join(lines) + "\n"

