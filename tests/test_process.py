"""How the sandbox learns how its child ended without reaping it (``Child.exit_status``): until ``end``
takes hold of what the child started, its pid must stay its own, or a new process could be killed in
its place."""

import os
import signal
import subprocess

import pytest

from grader.sandbox.process import Child


def _child(*command):
    child = Child.__new__(Child)   # the process alone: exit_status reads nothing else
    child.proc = subprocess.Popen(list(command))
    return child


def test_the_exit_status_is_read_and_the_process_is_not_reaped():
    child = _child("sh", "-c", "exit 3")
    assert child.exit_status(timeout=10) == 3
    still = os.waitid(os.P_PID, child.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    assert still is not None and still.si_pid == child.proc.pid   # a zombie still: its pid is not free
    assert child.proc.wait(timeout=10) == 3 and child.exit_status(timeout=0) == 3


def test_a_signal_reads_as_popen_gives_it_and_a_running_child_as_none():
    killed = _child("sh", "-c", "kill -9 $$")
    assert killed.exit_status(timeout=10) == -signal.SIGKILL
    killed.proc.wait()
    running = _child("sleep", "30")
    try:
        assert running.exit_status(timeout=0.05) is None
    finally:
        running.proc.kill()
        running.proc.wait()


def test_a_child_waited_for_is_never_signalled_by_its_ids(monkeypatch):
    """Once waited for, its pid, and the process group id that is its pid, may be handed to a process
    of another submission's: ending or stopping it again must signal nothing."""
    from grader.sandbox import process
    child = _child("true")
    child.proc.wait()
    sent = []
    monkeypatch.setattr(process.os, "kill", lambda *a: sent.append(("kill", a)))
    monkeypatch.setattr(process.os, "killpg", lambda *a: sent.append(("killpg", a)))
    process.kill_group(child.proc)
    child.stop()
    assert sent == []
    running = _child("sleep", "30")
    try:
        process.kill_group(running.proc)
        assert [name for name, _ in sent] == ["killpg", "kill"]
    finally:
        monkeypatch.undo()   # os.kill is the os module's own
        running.proc.kill()
        running.proc.wait()


def test_a_reply_already_there_is_read_however_late_the_grader_looks(monkeypatch):
    """A grader starved of the CPU past a call's deadline must not blame the student for a reply that came in
    time; only a reply that is not there times out."""
    import types
    from grader.sandbox.channel import Sandbox
    read, write = os.pipe()
    box = Sandbox.__new__(Sandbox)
    box._inbuf, box.child = bytearray(), types.SimpleNamespace(rep_fd=read)
    os.write(write, b"reply")
    try:
        assert box._read_exactly(5, deadline=0.0) == b"reply"   # a deadline long past
        with pytest.raises(TimeoutError):
            box._read_exactly(1, deadline=0.0)
    finally:
        os.close(read)
        os.close(write)
