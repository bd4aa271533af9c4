"""The generated cases of every check, made once and replayed for every submission.

Hypothesis, seeded by the check's id, generates the same cases for any
implementation until the first failure. So the cases it generates for the
reference (where nothing fails) are exactly what a passing submission would be
tested on: ``replay_cases`` generates them once per process and keeps them on
disk (JSON, never pickle) under ``$XDG_CACHE_HOME/rnn-grader`` (or
``~/.cache``), keyed by the grader's and Hypothesis' versions and the source of
the properties, so a student's repeated ``check`` does not generate them again.
"""

import hashlib
import json
import os
import zlib

import hypothesis
import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from . import __version__
from .errors import GraderBug
from .properties._util import private_copy

__all__ = ["replay_cases", "search"]

_MEMORY = {}


def search(check, examples, attempt):
    """Hypothesis' search over the check's strategy: seeded by the check's id, no database."""
    test = given(check.strategy)(attempt)
    test = settings(max_examples=examples, database=None, deadline=None, derandomize=False,
                    verbosity=Verbosity.quiet, report_multiple_bugs=False, print_blob=False,
                    suppress_health_check=list(HealthCheck), phases=(Phase.generate, Phase.shrink))(test)
    hypothesis_seed(zlib.crc32(check.id.encode()))(test)()


def replay_cases(check, examples, ref):
    """The cases Hypothesis generates for ``check`` when every example passes."""
    key = (check.id, examples)
    if key not in _MEMORY:
        path = _cache_path(check.id, examples)
        cases = _read(path)
        if cases is None:
            cases = _generate(check, examples, ref)
            _write(path, cases)
        _MEMORY[key] = cases
    return _MEMORY[key]


def _generate(check, examples, ref):
    cases = []

    def record(case):
        cases.append(private_copy(case))
        check.prop(ref, case, ref)

    try:
        search(check, examples, record)
    except Exception as exc:
        raise GraderBug(f"{check.id}: the reference fails its own property: {exc}") from exc
    return cases


def _fingerprint():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "properties")
    digest = hashlib.sha256(f"{__version__} {hypothesis.__version__} {np.__version__}".encode())
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                digest.update(name.encode() + f.read())
    return digest.hexdigest()[:16]


_FINGERPRINT = None


def _cache_path(check_id, examples):
    global _FINGERPRINT
    _FINGERPRINT = _FINGERPRINT or _fingerprint()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = f"{check_id.replace('::', '-')}-{examples}.json"
    return os.path.join(base, "rnn-grader", _FINGERPRINT, name)


def _encode(value):
    if isinstance(value, np.ndarray):
        return {"ndarray": value.dtype.str, "shape": list(value.shape), "data": value.ravel().tolist()}
    if isinstance(value, dict):
        return {"dict": {k: _encode(v) for k, v in value.items()}}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "ndarray" in value:
            return np.array(value["data"], dtype=np.dtype(value["ndarray"])).reshape(value["shape"])
        if "tuple" in value:
            return tuple(_decode(v) for v in value["tuple"])
        return {k: _decode(v) for k, v in value["dict"].items()}
    return value


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [_decode(c) for c in json.load(f)]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path, cases):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump([_encode(c) for c in cases], f)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: generate again next time
