"""The child process itself: starting it, draining what it prints, ending it, and the spare one.

A ``Child`` is a Python process running ``_child.py``: it imports numpy and waits for its
set-up (files, masks, limits, uid) on its request pipe. Under namespaces it runs under
``unshare`` and is ended through its namespace's init (``isolation.NamespaceInit``); in
"uid" mode every process of its uid is killed when it ends (``._uid``). ``prestart``
starts the next child early, so that Python and numpy load while the grader does.
"""

import atexit
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from ..errors import InfrastructureError
from ._uid import end_uid, sandbox_uid
from .isolation import UNSHARE, Cgroup, NamespaceInit, isolation_available

__all__ = ["Child", "Output", "OUTPUT_KEEP", "prestart", "take_spare", "spare", "kill_group"]

_CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_child.py")
OUTPUT_KEEP = 4096
"""Bytes of a child's output kept for the student's report (the rest is counted, not kept)."""
_PIPE_BYTES = 1 << 20
"""Pipe buffers are enlarged to this (where the kernel allows) so that pipelined requests rarely block."""


class Output(threading.Thread):
    """Drains the child's stdout and stderr, keeping the first bytes and counting the rest.

    Once ``total`` passes ``limit`` (the output budget of the exercise being graded), the
    child is killed (``on_flood``) and ``flooded`` is set: its call then fails for that reason.
    """

    def __init__(self, fd, limit=None, on_flood=None):
        super().__init__(daemon=True)
        self.fd, self.kept, self.total = fd, bytearray(), 0
        self.limit, self.on_flood, self.flooded = limit, on_flood, False

    def run(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.total += len(chunk)
            if self.limit is not None and self.total > self.limit and not self.flooded:
                self.flooded = True
                self.on_flood()
            if len(self.kept) < OUTPUT_KEEP:
                self.kept += chunk[:OUTPUT_KEEP - len(self.kept)]
        os.close(self.fd)

    def text(self):
        text = self.kept.decode("utf-8", "replace")
        if self.total > len(self.kept):
            text += f"\n... ({self.total - len(self.kept)} more bytes not shown)"
        return text


class Child:
    """A child process just started: it has imported numpy and waits for its setup on its request pipe.

    - isolate: run it under ``unshare`` (new namespaces)
    - cgroup: a ``Cgroup`` it joins before it runs anything, or None; if it cannot join, it runs nothing
      and ``subprocess.SubprocessError`` is raised
    Its pipes: ``req_fd`` (requests, non-blocking), ``rep_fd`` (replies), ``out_fd`` (stdout and stderr).
    """

    def __init__(self, isolate: bool, cgroup: Cgroup | None):
        self.isolate, self.tmp = isolate, None
        self.uid = sandbox_uid() if isolate or os.geteuid() == 0 else None   # "namespaces" or "uid" mode
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        out_r, out_w = os.pipe()
        if isolate:
            cmd = UNSHARE + ["--kill-child", sys.executable, "-I", _CHILD, str(req_r), str(rep_w)]
            self.workdir = "/tmp/work"
        else:
            cmd = [sys.executable, "-I", _CHILD, str(req_r), str(rep_w)]
            self.tmp = tempfile.mkdtemp(prefix="grader-")
            self.workdir = os.path.join(self.tmp, "work")
            if self.uid is not None:   # the child's uid may enter tmp, to its own 0700 folder
                os.chmod(self.tmp, 0o711)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
        for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if key in os.environ:
                env[key] = os.environ[key]

        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w,
                                         pass_fds=(req_r, rep_w), preexec_fn=cgroup.join if cgroup else None,
                                         env=env, start_new_session=True, cwd="/")
        except BaseException:   # it did not start, or could not join its cgroup (then it ran nothing)
            _close(req_w, rep_r, out_r)
            self._remove_tmp()
            raise
        finally:
            _close(req_r, rep_w, out_w)
        for fd in (req_w, rep_r):
            try:
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            except (AttributeError, OSError):
                pass
        os.set_blocking(req_w, False)
        self.req_fd, self.rep_fd, self.out_fd = req_w, rep_r, out_r

    def discard(self):
        """End a child nobody will use (it has run no submission code)."""
        kill_group(self.proc)
        self.proc.wait()
        _close(self.req_fd, self.rep_fd, self.out_fd)
        self._remove_tmp()

    def exit_status(self, timeout):
        """Its exit status as Popen gives it (a signal as its negative number) once it has exited, waiting
        up to timeout seconds; None if it still runs. It is not reaped (``WNOWAIT``): its pid stays its
        own, so that ``end`` can still take hold of what it started."""
        deadline = time.monotonic() + timeout
        while self.proc.returncode is None:
            try:
                info = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:   # reaped elsewhere after all
                return self.proc.poll()
            if info is not None:
                return -info.si_status if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED) else info.si_status
            if time.monotonic() > deadline:
                return None
            time.sleep(0.005)
        return self.proc.returncode

    def stop(self):
        """SIGKILL the child's process group now (``kill_group``): for the output reader, which may see a
        flood while ``end`` is running."""
        kill_group(self.proc)

    def end(self, mode):
        """Kill the child and everything it started (mode: ``isolation.sandbox_mode()``), close its
        request and reply pipes (its output pipe is the ``Output`` reader's) and remove its folder."""
        inner = NamespaceInit(self.proc.pid) if self.isolate else None
        kill_group(self.proc)
        if inner:
            inner.kill_and_wait(timeout=10)
        elif mode == "uid":
            end_uid(self.uid)
        self.proc.wait()
        _close(self.req_fd, self.rep_fd)
        self._remove_tmp()

    def _remove_tmp(self):
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def kill_group(proc):
    """SIGKILL proc's process group and proc, unless proc has been waited for: its pid, and the group
    id that is its pid, may name another's then (``Child.exit_status`` reads how it ended without
    waiting for it). Takes no lock and waits for nothing (safe in a signal handler)."""
    if proc.returncode is not None:
        return
    for kill in (os.killpg, os.kill):
        try:
            kill(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _close(*fds):
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


_SPARE = None


def prestart():
    """Start the next Sandbox's child now, so that its own start (Python, numpy, the namespaces)
    overlaps whatever this process does until it grades (``python -m grader check`` calls it
    before importing the rest of the grader). The child gets its submission's cgroup, limits,
    files and uid when a Sandbox takes it; one nobody takes ends with this process. One that cannot
    start is not an error yet: the Sandbox starts its own, and says why that fails.
    """
    global _SPARE
    if _SPARE is None:
        try:
            _SPARE = Child(isolation_available(), None)
        except (OSError, subprocess.SubprocessError, InfrastructureError):
            pass


def take_spare(isolate, cgroup):
    """The prestarted child, moved into cgroup, if there is one that fits; else None."""
    global _SPARE
    child, _SPARE = _SPARE, None
    if child is None:
        return None
    if child.isolate != isolate or child.proc.poll() is not None or \
            (cgroup is not None and not cgroup.adopt(child.proc.pid, isolate)):
        child.discard()
        return None
    return child


def spare():
    """The prestarted child nobody has taken yet, or None."""
    return _SPARE


def _drop_spare():
    global _SPARE
    child, _SPARE = _SPARE, None
    if child is not None:
        child.discard()


def _forget_spare_in_fork():
    """A forked process must not take its parent's spare child: it forgets it and closes its pipes."""
    global _SPARE
    child, _SPARE = _SPARE, None
    if child is not None:
        _close(child.req_fd, child.rep_fd, child.out_fd)


atexit.register(_drop_spare)
os.register_at_fork(after_in_child=_forget_spare_in_fork)
