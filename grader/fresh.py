"""Cases that cannot be memorised: drawn per submission from a course secret and its content.

Every student gets the same generated cases (``grader.cases``), and the feedback
shows expected values; so answers harvested from other students' feedback could
pass them. Each check that can therefore runs a few *fresh* cases in place of
some of its generated ones: copies of them in which every non-integer number is
moved by up to ±0.25, by an amount that depends on the number itself and on a key
made from the course secret, the submission's content and the check's id
(HMAC-SHA256). Equal numbers move equally, so the structure a check builds into
its cases (the shared prefix of a causality case, zero weights, saturated gates, an
identity head, the lecture's integer probes) is kept, and a case marked as the lecture's own numbers
(``FIXED``) is never moved; a fresh case on which the
reference does not keep the property is dropped (the generated case stays). The same submission under the same secret gets the
same fresh cases, byte for byte; another submission, or another course, other ones.
This costs a few numpy operations and one run of the property on the reference per
case, not a second Hypothesis run.
"""

import hashlib
import hmac
import os

import numpy as np

from .errors import UsageError
from .properties.given import FIXED
from .properties.oracles import recording
from .tree import map_floats, private_copy
from .sandbox.proxy import record_calls

__all__ = ["PUBLIC_SECRET", "SECRET_NAME", "JITTER", "PER_CHECK", "read_secret", "course_secret", "submission_key",
           "fresh_cases"]

PUBLIC_SECRET = b"rnn-grader: no course secret"
"""The secret of ``check`` when the course gives none: fresh cases then depend on the submission alone."""

JITTER = 0.25
"""How far a number moves at most."""

PER_CHECK = 1
"""How many of a check's generated cases a submission's fresh cases replace: one is enough for a
harvested table to fail the check, and each costs a run of the property on the reference."""


SECRET_NAME = "course.secret"
"""The course secret's file in a gradebook's folder (and in the Gradescope autograder)."""


def read_secret(path):
    """The secret in the file at path; UsageError if it is missing or empty."""
    try:
        with open(path, "rb") as f:
            secret = f.read()
    except OSError as exc:
        raise UsageError(f"secret={path}: cannot be read ({exc.strerror}); give the course secret "
                              f"file the class was graded with") from None
    if len(secret) < 16:
        raise UsageError(f"secret={path}: holds {len(secret)} bytes, not a course secret (32 random bytes)")
    return secret


def course_secret(folder, *, graded_before):
    """The course secret kept in ``folder`` (a gradebook's): read it, or make it when nothing was graded there.

    A gradebook without its secret cannot reproduce its own verdicts: that is a clear error,
    never a new secret made silently.
    """
    path = os.path.join(folder, SECRET_NAME)
    if os.path.exists(path) or graded_before:
        if not os.path.exists(path):
            raise UsageError(
                f"{path} is missing: the gradebook in {folder} was graded with that course secret, and "
                f"without it the same submissions would get other fresh cases. Put the file back (a copy "
                f"is in your Gradescope autograder zip if you built one with it), pass --secret FILE, or "
                f"grade into a new --out folder")
        return read_secret(path)
    secret = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secret)
    return secret


def submission_key(secret, files):
    """The key of one submission's fresh cases: HMAC(secret, its files), as bytes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return hmac.new(secret, digest.digest(), hashlib.sha256).digest()


def _mix(bits, seed):
    """splitmix64 of each 64-bit pattern, keyed: a uniform number in [0, 1) per distinct value."""
    with np.errstate(over="ignore"):
        z = bits ^ seed
        z = (z + np.uint64(0x9E3779B97F4A7C15)) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(27))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _moved(case, seed):
    """(case with its non-integer numbers moved, whether any number moved)."""
    moved_any = []

    def move(a):
        movable = np.isfinite(a) & (a != np.round(a))
        moved_any.append(bool(np.any(movable)))
        return np.where(movable, a + (2 * _mix(np.array(a).view(np.uint64), seed) - 1) * JITTER, a)

    return map_floats(case, move), any(moved_any)


def fresh_cases(check, cases, plan, key, count, ref, oracles):
    """``check``'s cases and plan with up to ``count`` of them replaced by fresh ones.

    A fresh case takes the place of the generated case it is moved from (the first ones
    from a place drawn from the key), so a check runs as many cases as before. oracles: a dict that receives the reference's
    expensive results for the fresh cases (finite differences), to be ``preload``ed
    while they are graded and ``forget``-ed afterwards.
    """
    seed = np.uint64(int.from_bytes(hmac.new(key, check.id.encode(), hashlib.sha256).digest()[:8], "big"))
    cases, plan, replaced = list(cases), list(plan), 0
    start = int(seed % np.uint64(len(cases))) if cases else 0
    for index in [*range(start, len(cases)), *range(start)]:
        if replaced == count:
            break
        if isinstance(cases[index], dict) and cases[index].get(FIXED):
            continue
        moved, changed = _moved(cases[index], seed)
        if not changed:
            continue
        with recording() as found, np.errstate(all="ignore"):
            calls = record_calls(check.prop, private_copy(moved), ref, strict=True)
        if calls is not None:
            cases[index], plan[index] = moved, calls
            oracles.update(found)
            replaced += 1
    return cases, plan
