"""A Gradescope autograder: one zip that installs this grader and grades each submission with it.

Gradescope unpacks the zip into /autograder/source, runs ``setup.sh`` once when it
builds the image, then ``run_autograder`` for every submission, which must leave
/autograder/results/results.json. The zip holds the two scripts (executable) at its
root, beside this project's code as installed here (``grader/``, ``reference/``,
``pyproject.toml``, ``README.md``), the course's settings when given, and the course
secret of fresh cases (``course.secret``, readable by root only).

``run_autograder`` grades /autograder/submission with ``python3 -m grader grade``
and copies the submission's results.json; if grading fails for any reason it still
writes a results.json, with score 0 and the grader's log in "output". The root
(``AUTOGRADER_ROOT``, default /autograder) and the scratch folder (``AUTOGRADER_OUT``,
default /tmp/gradescope-out) can be moved by environment variables, for testing.
"""

import importlib.metadata
import json
import os
import zipfile

import hypothesis
import numpy as np

import grader

from .fresh import SECRET_NAME, read_secret

__all__ = ["build_autograder", "SETUP_SH", "RUN_AUTOGRADER", "CONFIG_NAME", "CONSTRAINTS_NAME"]

CONFIG_NAME = "course.toml"
CONSTRAINTS_NAME = "constraints.txt"
_DATE = (1980, 1, 1, 0, 0, 0)     # fixed, so the same code gives the same zip
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = (".pyc", ".pyo")

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image:
# install Python 3 and pip if missing, then this grader (the project in this folder).
set -euo pipefail
SOURCE="$(cd "$(dirname "$0")" && pwd)"
if ! command -v python3 >/dev/null 2>&1 || ! command -v pip3 >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-pip
fi
python3 - <<'PY'
import sys
if sys.version_info < (3, 10):
    sys.exit(f"rnn-grader needs Python >= 3.10, this image has {sys.version.split()[0]}: "
             "choose a newer base image (Ubuntu 22.04 or later) in the autograder settings")
PY
# Ubuntu 23.04 and later mark the system Python as externally managed (PEP 668).
install() { pip3 install --no-cache-dir "$@" || pip3 install --no-cache-dir --break-system-packages "$@"; }
# numpy and Hypothesis as where this autograder was built (__CONSTRAINTS__): the cases they make are
# the instructor's, so a submission gets here the verdict it gets there.
if ! install -c "$SOURCE/__CONSTRAINTS__" "$SOURCE"; then
    echo "rnn-grader: __PINS__ cannot be installed with $(python3 --version 2>&1) in this image, so the newest" \
         "versions that can are installed instead: the cases, and so some verdicts, may differ from those of the" \
         "machine this autograder was built on. Choose a base image whose Python can install them." >&2
    install "$SOURCE"
fi
python3 -c "import grader, reference, numpy, hypothesis; print('rnn-grader', grader.__version__, 'installed')"
# Make every check's cases now (as run_autograder will: from this folder, as root), not once per submission,
# and close this folder and the installed copy of the grader and the reference to every user but root:
# Gradescope's containers allow no namespaces, so submissions run as a uid of their own that could read them.
cd "$SOURCE"
python3 -m compileall -q grader reference     # byte-compiled once here, not in every submission's container
if [ -f "$SOURCE/__CONFIG__" ]; then
    python3 -m grader prepare --lock --config "$SOURCE/__CONFIG__"
else
    python3 -m grader prepare --lock
fi
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission: grade $ROOT/submission with this grader and
# leave Gradescope's results in $ROOT/results/results.json, whatever happens.
set -u
ROOT="${AUTOGRADER_ROOT:-/autograder}"
OUT="${AUTOGRADER_OUT:-/tmp/gradescope-out}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results/results.json"
LOG="$OUT.log"
mkdir -p "$ROOT/results"
rm -rf "$OUT" "$LOG"

PLAIN="The autograder failed before it could grade this submission. This is not a verdict on your code: \
please tell the course staff."
fallback() {   # $1: why grading failed; writes a results.json with score 0 and the log
    python3 - "$1" "$LOG" "$RESULTS" <<'PY' || printf '{"score": 0, "tests": [], "output": "%s"}\n' "$PLAIN" >"$RESULTS"
import json, re, sys
why, log, dest = sys.argv[1:4]
try:
    with open(log, encoding="utf-8", errors="replace") as f:
        tail = f.read()[-6000:]
except OSError:
    tail = ""
fence = "`" * max([3] + [len(run) + 1 for run in re.findall("`+", tail)])
output = (f"The autograder could not grade this submission: {why}. This is not a verdict on your "
          f"code: please tell the course staff.")
if tail.strip():
    output += f"\n\n{fence}text\n{tail.rstrip()}\n{fence}"
with open(dest, "w", encoding="utf-8") as f:
    json.dump({"score": 0.0, "tests": [], "output": output, "output_format": "md", "visibility": "visible",
               "stdout_visibility": "hidden"}, f, indent=2)
PY
}

CONFIG=(--secret "$SOURCE/__SECRET__")
if [ -f "$SOURCE/__CONFIG__" ]; then
    CONFIG+=(--config "$SOURCE/__CONFIG__")
fi
# From the source folder, "python3 -m grader" runs the code of this zip.
cd "$SOURCE" 2>/dev/null || cd /
python3 -m grader grade "$ROOT/submission" --single --out "$OUT" --jobs 1 ${CONFIG[@]+"${CONFIG[@]}"} >"$LOG" 2>&1
status=$?
cat "$LOG"
if [ "$status" -ne 0 ]; then
    fallback "the grader exited with status $status"
elif [ ! -s "$OUT/submission/results.json" ]; then
    fallback "the grader wrote no results"
elif ! cp "$OUT/submission/results.json" "$RESULTS"; then
    fallback "its results could not be copied"
fi
exit 0
"""


def _package_files(folder, arcname):
    """(path on disk, name in the zip) of every file of a package folder, sorted, without caches."""
    out = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(here, name)
            if name.endswith(_SKIP_SUFFIXES) or name.startswith(".") or not os.path.isfile(path):
                continue
            out.append((path, arcname + "/" + os.path.relpath(path, folder).replace(os.sep, "/")))
    return out


def _project_files():
    """(files, generated): the project's files to ship, as (path on disk, name in the zip), found from where
    the grader and reference packages are installed; and {name: bytes} of the files made here.

    From a source checkout, its pyproject.toml and README.md; from an installed wheel, which has
    neither, a pyproject.toml made from the installed distribution's metadata."""
    import reference

    grader_dir = os.path.dirname(os.path.abspath(grader.__file__))
    reference_dir = os.path.dirname(os.path.abspath(reference.__file__))
    packages = _package_files(grader_dir, "grader") + _package_files(reference_dir, "reference")
    root = os.path.dirname(grader_dir)
    checkout = [(os.path.join(root, name), name) for name in ("pyproject.toml", "README.md")]
    if all(os.path.isfile(path) for path, _ in checkout):
        return checkout + packages, {}
    return packages, {"pyproject.toml": _pyproject().encode(), "README.md": _README.encode()}


_README = "rnn-grader, as installed where this autograder was built.\n"


def _pyproject():
    """A pyproject.toml that installs the shipped packages with the installed distribution's name, version
    and dependencies (extras left out: the autograder needs none of them)."""
    dist = importlib.metadata.distribution("rnn-grader")
    needs = [r for r in dist.requires or [] if "extra ==" not in r]
    return "\n".join([
        "[build-system]", 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', "",
        "[project]", f"name = {json.dumps(dist.metadata['Name'])}", f"version = {json.dumps(dist.version)}",
        f"requires-python = {json.dumps(dist.metadata['Requires-Python'] or '>=3.10')}",
        f"dependencies = {json.dumps(needs)}", "",
        "[tool.setuptools.packages.find]", 'include = ["reference*", "grader*"]', "",
        ""])


def _add(archive, name, data, mode):
    info = zipfile.ZipInfo(name, date_time=_DATE)
    info.create_system = 3                      # Unix, so that unzip applies the modes below
    info.external_attr = (0o100000 | mode) << 16  # a regular file with these permission bits
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def build_autograder(*, out, config=None, secret=None):
    """Write a Gradescope autograder zip to ``out`` and return its absolute path.

    - out: the zip's path (its folder is created)
    - config: optional course settings (TOML, see grader.config) to grade with; checked here,
      shipped as course.toml and passed to ``grade --config``
    - secret: the course secret file to ship as course.secret (``grader.fresh``), e.g. a local
      gradebook's, so that both grade alike; default: 32 new random bytes
    The zip holds setup.sh and run_autograder (mode 755) at its root, and pyproject.toml,
    README.md, grader/ and reference/ of this installation (mode 644, no __pycache__), and
    constraints.txt: the numpy and Hypothesis installed here, which setup.sh installs too.
    """
    files, generated = _project_files()
    pins = [f"numpy=={np.__version__}", f"hypothesis=={hypothesis.__version__}"]   # what the cases depend on
    extra = sorted(generated.items())
    if config is not None:
        from .config import load_settings
        load_settings(config)                   # a bad config fails now, not on every submission
        with open(config, "rb") as f:
            extra.append((CONFIG_NAME, f.read()))
    out = os.path.abspath(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w") as archive:
        _add(archive, "setup.sh", SETUP_SH.replace("__CONFIG__", CONFIG_NAME).replace(
            "__CONSTRAINTS__", CONSTRAINTS_NAME).replace("__PINS__", " and ".join(pins)), 0o755)
        _add(archive, CONSTRAINTS_NAME, "".join(f"{pin}\n" for pin in pins).encode(), 0o644)
        _add(archive, "run_autograder",
             RUN_AUTOGRADER.replace("__CONFIG__", CONFIG_NAME).replace("__SECRET__", SECRET_NAME), 0o755)
        _add(archive, SECRET_NAME, read_secret(secret) if secret else os.urandom(32), 0o600)
        for name, data in extra:
            _add(archive, name, data, 0o644)
        for path, name in files:
            with open(path, "rb") as f:
                _add(archive, name, f.read(), 0o644)
    os.replace(tmp, out)
    return out
