"""The submission's cgroup: its processes are capped together, or the submission is not graded.

A group the grader cannot make or join must never leave a submission running with its memory
capped per process only while the grader believes otherwise: a fork storm would then earn
marks. Groups are named by their owner's pid and start time, so that a group left by a killed
process whose pid has been handed out again is neither taken nor kept.
"""

import os
import signal
import subprocess
import sys

import pytest

from grader.config import Limits
from grader.errors import InfrastructureError
from grader.sandbox import Sandbox
from grader.sandbox.isolation import _START, Cgroup, _stat, cgroups_available
from grader.sandbox._uid import sandbox_uid
from grader.sandbox import process
from grader.sandbox.process import Child

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(not cgroups_available(), reason="no cgroup can be made here")


@pytest.fixture
def parents():
    probe = Cgroup(memory_mib=64, processes=8)
    made = [os.path.dirname(p) for p in probe.paths]
    probe.remove()
    assert made
    return made


def _owner(pid, start=None, namespace=None):
    namespace = os.stat("/proc/self/ns/pid").st_ino if namespace is None else namespace
    return f"rnn-grader-{namespace}-{pid}-{_stat(pid, _START) if start is None else start}"


def _stale(parents, name, pid):
    """Groups named name under parents, holding the process pid."""
    paths = [os.path.join(parent, name) for parent in parents]
    for path in paths:
        os.mkdir(path)
        with open(os.path.join(path, "cgroup.procs"), "w") as f:
            f.write(str(pid))
    return paths


def _sweep_in_a_new_process():
    subprocess.run([sys.executable, "-c", "from grader.sandbox.isolation import Cgroup; "
                                          "Cgroup(memory_mib=64, processes=8).remove()"],
                   cwd=ROOT, check=True, timeout=60)


def _cleanup(sleeper, paths):
    sleeper.kill()
    sleeper.wait()
    for path in paths:
        if os.path.exists(path):
            os.rmdir(path)


@pytest.mark.parametrize("owner", ["gone", "pid handed out again"])
def test_groups_left_by_a_killed_grading_process_are_removed_by_the_next_one(parents, owner):
    """A worker killed outright (SIGKILL, OOM) cannot remove its submission's cgroup: the next grading
    process removes it and ends what ran in it, also when the worker's pid now names another process."""
    if owner == "gone":
        gone = subprocess.Popen(["true"])
        gone.wait()
        name = f"{_owner(gone.pid, start=12345)}-7"
    sleeper = subprocess.Popen(["sleep", "60"])
    if owner != "gone":   # the sleeper has the pid, but it started at another time than the group's owner
        name = f"{_owner(sleeper.pid, start=int(_stat(sleeper.pid, _START)) - 1)}-7"
    paths = _stale(parents, name, sleeper.pid)
    try:
        _sweep_in_a_new_process()
        assert sleeper.wait(timeout=10) == -signal.SIGKILL
        assert not [p for p in paths if os.path.exists(p)]
    finally:
        _cleanup(sleeper, paths)


@pytest.mark.parametrize("owner", ["alive", "of another pid namespace"])
def test_the_group_of_a_live_grading_process_is_left_alone(parents, owner):
    """Alive here, or in a pid namespace of its own (a grader in a container that shares the host's
    cgroups): its pids mean nothing here, so its groups are not this grader's to judge."""
    sleeper = subprocess.Popen(["sleep", "60"])
    name = _owner(sleeper.pid) if owner == "alive" else _owner(sleeper.pid, start=1, namespace=1)
    paths = _stale(parents, f"{name}-7", sleeper.pid)
    try:
        _sweep_in_a_new_process()
        assert sleeper.poll() is None and all(os.path.exists(p) for p in paths)
    finally:
        _cleanup(sleeper, paths)


def test_a_name_already_taken_is_passed_over_and_the_memory_still_capped(parents):
    """What made a fork storm pass once: a group left behind held the very name the next group took,
    so that group was made without its memory controller and the submission ran uncapped."""
    taken = [os.path.join(parent, f"{_owner(os.getpid())}-{next(Cgroup._names) + 1}") for parent in parents]
    for path in taken:
        os.mkdir(path)
    try:
        group = Cgroup(memory_mib=64, processes=8)
        try:
            assert group.memory_capped and len(group.paths) == len(parents)
            assert not set(group.paths) & set(taken)
        finally:
            group.remove()
    finally:
        for path in taken:
            os.rmdir(path)


def _open_fds():
    return set(os.listdir("/proc/self/fd"))


def _gone_group():
    """A group removed before its child could join it."""
    group = Cgroup(memory_mib=256, processes=8)
    paths = list(group.paths)
    group.remove()
    assert paths and not group.paths
    group.paths = paths
    return group


def test_a_child_that_cannot_join_its_group_runs_nothing():
    group = _gone_group()
    sandbox_uid()   # this process's, held open for its life
    before = _open_fds()
    with pytest.raises(subprocess.SubprocessError):
        Child(False, group)
    assert not _open_fds() - before   # its pipes are closed


def test_a_spare_child_that_cannot_be_moved_into_the_group_is_not_used():
    process.prestart()
    spare = process.spare()
    assert spare is not None
    group = _gone_group()
    assert process.take_spare(spare.isolate, group) is None and process.spare() is None
    assert spare.proc.returncode is not None   # ended


def test_where_the_machine_swaps_a_group_without_its_swap_capped_does_not_cap_memory(monkeypatch):
    """Memory beyond the cap would go to swap: four processes of 640 MiB each would all live."""
    from grader.sandbox import isolation
    real = isolation._write

    def no_swap_cap(path, text):
        if "swap" in os.path.basename(path) or "memsw" in os.path.basename(path):
            raise PermissionError("no swap accounting")
        real(path, text)

    monkeypatch.setattr(isolation, "_write", no_swap_cap)
    for swapping in (False, True):
        monkeypatch.setattr(isolation, "_swap_on", lambda: swapping)
        group = Cgroup(memory_mib=64, processes=8)
        group.remove()
        assert group.memory_capped is not swapping


def test_a_sandbox_whose_memory_cannot_be_capped_as_before_is_a_grader_error(monkeypatch, tmp_path):
    """Cgroups worked in this process, but this submission's group could not be made: that is the
    machine's fault, never a score earned with the memory capped per process only."""
    monkeypatch.setattr(Cgroup, "_BASE", str(tmp_path))   # no cgroup file system there
    with Sandbox({"m.py": b"X = 1\n"}, limits=Limits()) as box:
        if box.mode == "limits":
            pytest.skip("no cgroups are made in 'limits' mode")
        with pytest.raises(InfrastructureError, match="cap its memory"):
            box.import_module("m")


def test_groups_that_can_be_made_but_not_joined_are_not_available(monkeypatch):
    """Where a process cannot be moved into the groups the grader makes (a cgroup file system of
    another namespace), memory is capped per process only, and the grader says so."""
    from grader.sandbox import isolation

    def refuse(self):
        raise PermissionError("not ours")

    monkeypatch.setattr(isolation, "_CGROUPS", None)
    monkeypatch.setattr(Cgroup, "join", refuse)
    assert not cgroups_available()


def test_the_instructor_is_told_when_memory_is_capped_per_process_only(monkeypatch):
    from grader.sandbox import isolation
    monkeypatch.setattr(isolation, "sandbox_mode", lambda: "namespaces")
    assert isolation.isolation_warning() == ""
    monkeypatch.setattr(isolation, "_CGROUPS", False)
    assert "memory is capped in each of its processes" in isolation.isolation_warning()
