"""Each grading process has a sandbox uid of its own (``_uid.sandbox_uid``): ending a submission kills
every process of its uid, so two grading processes sharing one would end each other's students."""

import os
import subprocess
import sys

import pytest

from grader.sandbox import _uid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="sandbox uids are for a grader running as root")


@pytest.fixture
def two_uids(monkeypatch, tmp_path):
    """Only two uids to choose from, neither a user's, none held by this process yet, their locks kept
    in a folder of this test's (as every grading process of the test keeps them)."""
    first = next(uid for uid in range(_uid._FIRST, _uid._FIRST + _uid._SPAN - 1)
                 if not _user(uid) and not _user(uid + 1))
    monkeypatch.setattr(_uid, "_FIRST", first)
    monkeypatch.setattr(_uid, "_SPAN", 2)
    monkeypatch.setattr(_uid, "_HELD", None)
    monkeypatch.setattr(_uid, "_LOCK_PARENTS", (str(tmp_path),))
    yield first
    if _uid._HELD is not None and _uid._HELD[1] is not None:   # let the claim of this test go
        os.close(_uid._HELD[1])


def _user(uid):
    try:
        return bool(_uid.pwd.getpwuid(uid))
    except KeyError:
        return False


def _claim_elsewhere(first, span):
    """What another grading process claims (it prints its uid, or the error)."""
    code = (f"from grader.sandbox import _uid; _uid._FIRST, _uid._SPAN = {first}, {span}\n"
            f"_uid._LOCK_PARENTS = {_uid._LOCK_PARENTS!r}\n"
            "try:\n    print(_uid.sandbox_uid())\nexcept BaseException as exc:\n    print(exc)")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=True).stdout.strip()


def test_a_uid_in_use_is_not_given_to_another_grading_process_whatever_its_pid(two_uids):
    mine = _uid.sandbox_uid()
    assert mine in (two_uids, two_uids + 1) and _uid.sandbox_uid() == mine   # held for the process's life
    assert _claim_elsewhere(mine, 1) == (f"no sandbox uid is free: every uid from {mine} to {mine} names a user or is another "
                                          f"grading process's")
    other = {two_uids, two_uids + 1} - {mine}
    assert _claim_elsewhere(two_uids, 2) == str(other.pop())


def test_a_worker_forked_from_a_grading_process_gets_a_uid_of_its_own(two_uids):
    mine = _uid.sandbox_uid()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write, str(_uid.sandbox_uid()).encode())
        finally:
            os._exit(0)
    os.close(write)
    forked = os.read(read, 100).decode()
    os.waitpid(pid, 0)
    assert forked == str({two_uids, two_uids + 1}.difference({mine}).pop())


def test_a_uid_is_free_again_once_its_process_has_ended(two_uids):
    first = _claim_elsewhere(two_uids, 1)
    assert first == str(two_uids) and _claim_elsewhere(two_uids, 1) == first
