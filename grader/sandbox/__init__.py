"""Run a submission's code in a separate, confined child process.

``Sandbox`` owns one child per submission: it starts it, sends it the
submission's files, asks it to import modules and call functions, enforces the
wall-clock limits (SIGKILL) and restarts it after a crash. What comes back is
decoded without unpickling. ``StudentImplementation`` (in ``.proxy``) turns the
sandbox into an implementation object that the properties can call.

The child is contained as well as the machine allows (``sandbox_mode``):

- "namespaces" (root, ``unshare`` allowed): new PID, mount, network and IPC namespaces,
  a private /tmp, the grader's own folders masked, everything else read-only, an
  unprivileged uid of its own;
- "uid" (root, no namespaces: a container without CAP_SYS_ADMIN, Gradescope): an
  unprivileged uid of its own, no new privileges, a private working folder; when the
  submission ends every process of that uid is killed and its files in the shared
  folders removed (``._uid``);
- "limits" (not root): resource limits only.

``isolation_warning()`` tells the instructor what the weaker modes do not contain.
"""

import atexit
import collections
import fcntl
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence

from ..errors import Abort, InfrastructureError
from ..install import private_folders, readable_by_all
from ..messages import say
from . import _wire
from ._uid import end_uid, sandbox_uid

__all__ = ["Sandbox", "Limits", "Lost", "call_payload", "call_request", "prestart", "end_all",
           "isolation_available", "isolation_warning", "cgroups_available", "sandbox_mode"]

_CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_child.py")
_OUTPUT_KEEP = 4096
_PIPE_BYTES = 1 << 20
"""Pipe buffers are enlarged to this (where the kernel allows) so that pipelined requests rarely block."""
_START_S = 60.0
"""Seconds a new child may take to start and confine itself (not counted in any student's budget)."""
_INBUF_MAX = _wire.MAX_FRAME
_HELD_MAX = 32 * 2**20
"""Bytes of replies read ahead (pipelined calls not collected yet) that the grader keeps: beyond this a
reply is dropped and asked for again when it is wanted, so a child cannot make the grader hold its
whole window of replies at the largest size."""
"""Reply bytes read ahead while a request is being written: beyond this, the grader stops reading ahead."""


class Lost(Exception):
    """A request's reply will never come: the child died or hung in an earlier request. Send it again."""


class Limits:
    """Resource limits for one submission's child process.

    - call_s: wall-clock seconds one call may take; exercise_s: for all the calls of one exercise
    - output_mib: what the submission may print while one exercise is graded
    - memory_mib: address space; cpu_s: CPU seconds per child; file_mib: largest file;
      processes: processes and threads of the child's uid; tmp_mib: its private /tmp
    """

    def __init__(self, *, call_s: float = 10.0, exercise_s: float = 60.0, output_mib: float = 16, memory_mib: int = 2048,
                 cpu_s: int = 300, file_mib: int = 16, processes: int = 64, tmp_mib: int = 64):
        self.call_s, self.exercise_s, self.output_mib = call_s, exercise_s, output_mib
        self.memory_mib, self.cpu_s, self.file_mib = memory_mib, cpu_s, file_mib
        self.processes, self.tmp_mib = processes, tmp_mib

    def for_child(self):
        return {"memory_mib": self.memory_mib, "cpu_s": int(self.cpu_s), "file_mib": self.file_mib,
                "processes": self.processes}


_UNSHARE = ["unshare", "--fork", "--pid", "--mount-proc", "--mount", "--net", "--ipc", "--uts"]


def isolation_available():
    """True when the child can get namespaces and its own uid: root, unshare on PATH, and the kernel allows it.

    Probed once per process by creating the namespaces and mounting a tmpfs in them: a
    container without CAP_SYS_ADMIN (Docker's default, Gradescope) refuses, and the
    grader then carries on with resource limits only (see ``isolation_warning``).
    """
    global _ISOLATION
    if _ISOLATION is None:
        _ISOLATION = (os.name == "posix" and os.geteuid() == 0 and shutil.which("unshare") is not None
                      and _probe_unshare())
    return _ISOLATION


def _probe_unshare():
    try:
        done = subprocess.run(_UNSHARE + ["sh", "-c", "mount -t tmpfs rnn-grader-probe /tmp"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


_ISOLATION = None


def cgroups_available():
    """True when a submission's processes get a memory cgroup of their own (their memory is capped in total).

    Otherwise (not root, read-only or unsupported cgroup file system: most containers) memory
    and process limits hold per process only.
    """
    global _CGROUPS
    if _CGROUPS is None:
        probe = _Cgroup(Limits()) if sandbox_mode() != "limits" else None
        _CGROUPS = bool(probe and probe.memory_capped)
        if probe:
            probe.remove()
    return _CGROUPS


_CGROUPS = None


def sandbox_mode():
    """How submissions are contained here: "namespaces", "uid" or "limits" (see the module docstring)."""
    if isolation_available():
        return "namespaces"
    return "uid" if os.name == "posix" and os.geteuid() == 0 else "limits"


def isolation_warning():
    """The one note for the instructor's terminal when the sandbox is weaker than it could be, else ''.

    Says what is and is not contained, and how to get the full sandbox; never shown to students.
    """
    mode = sandbox_mode()
    if mode == "namespaces":
        return ""
    readable = [p for p in private_folders() if readable_by_all(p)]
    if mode == "uid":
        text = ("sandbox: no namespaces here (the container has no CAP_SYS_ADMIN), so each submission runs as "
                "an unprivileged uid of its own with resource limits, no new privileges and a private working "
                "folder; every process of that uid is killed and its files in /tmp and the like removed when it "
                "ends. It can still read what every user may read")
        text += (f", including the reference in {', '.join(readable)}: run python -m grader prepare --lock "
                 f"as root to close them" if readable else " (the grader and the reference are not among it)")
        return text + (", and use the network. For the full sandbox, grade as root where unshare works "
                       "(docker run --cap-add SYS_ADMIN).")
    return ("sandbox: not root, so submissions run as your own user with resource limits only: they can read and "
            "write whatever you can (your home folder, the reference, this grader, its output) and use the "
            "network. Grade untrusted code as root: where unshare works the full sandbox, elsewhere a uid of "
            "its own.")


def _grader_paths():
    """Folders a submission must not see: the grader, the reference, the project's tests."""
    from ..install import packages

    pkgs = [os.path.dirname(os.path.abspath(m.__file__)) for m in packages()]
    root = os.path.dirname(pkgs[0])
    extra = [os.path.join(root, d) for d in ("tests", ".git", "benchmarks")]
    return pkgs + [p for p in extra if os.path.isdir(p)]


class _Inner:
    """The child inside its PID namespace (unshare's only child, the namespace's init), held by pidfd.

    Killing unshare's process group is not enough to end a submission: the child can
    leave that group (setsid) and clear the parent-death signal that --kill-child
    relies on. So ``close`` takes hold of the child while unshare still is its parent
    (no pid reuse is possible then), kills unshare first (so that it cannot report the
    child's death on the student's output), then the child. When the namespace's init
    has exited, the kernel has killed every other process in the namespace.
    """

    def __init__(self, unshare_pid):
        self.handles = []
        for pid in _children(unshare_pid):
            try:
                self.handles.append((pid, os.pidfd_open(pid)))
            except (AttributeError, OSError):   # no pidfd (Linux < 5.3): the bare pid
                self.handles.append((pid, None))

    def kill_and_wait(self, timeout):
        deadline = time.monotonic() + timeout
        for pid, fd in self.handles:
            try:
                if fd is None:
                    os.kill(pid, signal.SIGKILL)
                else:
                    signal.pidfd_send_signal(fd, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass
        for pid, fd in self.handles:
            while time.monotonic() < deadline:
                if fd is not None:
                    if select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                        break
                elif _state(pid) in ("Z", "X", None):
                    break
                else:
                    time.sleep(0.01)
            if fd is not None:
                os.close(fd)


def _children(pid):
    """The pids of a process's children (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        pass
    return [int(e) for e in os.listdir("/proc") if e.isdigit() and _stat(e, 1) == str(pid)]


def _stat(pid, field):
    """A field of /proc/<pid>/stat after the command name (0: state, 1: ppid), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[field]
    except (OSError, IndexError):
        return None


def _state(pid):
    return _stat(pid, 0)


class _Cgroup:
    """One cgroup for all of a submission's processes, so that its limits hold for them together.

    Resource limits hold per process: a submission may fork up to ``processes``
    processes of ``memory_mib`` each. In a cgroup the memory and the number of
    processes are capped in total, and all its processes share one submission's
    share of the CPU (a fork storm cannot starve the grader or the submissions
    graded beside it, whose time budgets run on the wall clock). Best effort, as
    root: cgroup v2 (a group under the root) or v1 (the memory, pids and cpu
    hierarchies, under the grader's own groups). Where no cgroup can be made
    (read-only /sys/fs/cgroup, a controller missing), the limits stay per process
    and ``paths`` is empty.
    """

    _BASE = "/sys/fs/cgroup"
    _names = iter(range(1 << 62))
    _NAME = re.compile(r"rnn-grader-(\d+)-\d+")
    _swept = False

    def __init__(self, limits):
        name = f"rnn-grader-{os.getpid()}-{next(self._names)}"
        memory, processes = str(limits.memory_mib * 2**20), str(limits.processes)
        if os.path.exists(os.path.join(self._BASE, "cgroup.controllers")):
            layout = [(self._BASE, [("memory.max", memory), ("pids.max", processes)],
                       [("memory.swap.max", "0"), ("cpu.weight", "100")])]
        else:
            layout = [(os.path.join(self._BASE, "memory", self._own("memory")),
                       [("memory.limit_in_bytes", memory)], [("memory.memsw.limit_in_bytes", memory)]),
                      (os.path.join(self._BASE, "pids", self._own("pids")), [("pids.max", processes)], []),
                      (os.path.join(self._BASE, "cpu", self._own("cpu")), [], [("cpu.shares", "1024")])]
        if not _Cgroup._swept:
            _Cgroup._swept = True
            self._sweep([parent for parent, _, _ in layout])
        self.paths, self.memory_capped = [], False
        for parent, required, optional in layout:
            path = os.path.join(parent, name)
            try:
                os.mkdir(path)
            except OSError:
                continue
            try:
                for key, value in required:
                    _write(os.path.join(path, key), value)
            except OSError:
                os.rmdir(path)
                continue
            for key, value in optional:
                try:
                    _write(os.path.join(path, key), value)
                except OSError:
                    pass
            self.paths.append(path)
            self.memory_capped |= any(key.startswith("memory.") for key, _ in required)

    @staticmethod
    def _own(controller):
        """This process's group in a v1 hierarchy, relative ("process_api/3f2d"), or ""."""
        try:
            with open("/proc/self/cgroup") as f:
                for line in f:
                    _, controllers, path = line.rstrip("\n").split(":", 2)
                    if controller in controllers.split(","):
                        return path.lstrip("/")
        except (OSError, ValueError):
            pass
        return ""

    def join(self):
        """Move the calling process into the group (called in the forked child, before exec)."""
        for path in self.paths:
            try:
                _write(os.path.join(path, "cgroup.procs"), str(os.getpid()))
            except OSError:
                pass

    def adopt(self, pid, inner):
        """Move a prestarted child into the group: pid, and with inner its one child (``unshare`` at pid
        and the child in its namespaces); False if it has no child yet after a second. Neither has run
        any submission code, and neither can start a process before it gets its setup, so no process
        of theirs is left outside."""
        deadline = time.monotonic() + 1
        while inner and not (children := _children(pid)):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        for path in self.paths:
            for member in [pid] + (children if inner else []):
                try:
                    _write(os.path.join(path, "cgroup.procs"), str(member))
                except OSError:
                    pass
        return True

    @classmethod
    def _sweep(cls, parents):
        """Remove the groups left by grading processes that are gone (killed before they could remove them)."""
        for parent in parents:
            try:
                names = os.listdir(parent)
            except OSError:
                continue
            for name in names:
                match = cls._NAME.fullmatch(name)
                if match and _state(match.group(1)) is None:
                    cls._remove(os.path.join(parent, name))

    def remove(self):
        """Kill whatever is still in the group (it can only be the submission's), then remove the group.

        A group still busy after a second is left behind (empty groups cost nothing).
        """
        for path in self.paths:
            self._remove(path)
        self.paths = []

    @staticmethod
    def _remove(path):
        try:
            with open(os.path.join(path, "cgroup.procs")) as f:
                pids = [int(p) for p in f.read().split()]
        except (OSError, ValueError):
            pids = []
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for _ in range(100):
            try:
                os.rmdir(path)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.01)


def _write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


class _Output(threading.Thread):
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
            if len(self.kept) < _OUTPUT_KEEP:
                self.kept += chunk[:_OUTPUT_KEEP - len(self.kept)]
        os.close(self.fd)

    def text(self):
        text = self.kept.decode("utf-8", "replace")
        if self.total > len(self.kept):
            text += f"\n... ({self.total - len(self.kept)} more bytes not shown)"
        return text


class _Spawned:
    """A child process just started: it has imported numpy and waits for its setup on fd 3.

    With isolation it runs under ``unshare`` (new namespaces), joined to cgroup (a _Cgroup
    or None) before it runs anything.
    """

    def __init__(self, isolate, cgroup):
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        out_r, out_w = os.pipe()
        self.isolate, self.tmp = isolate, None
        if isolate:
            cmd = _UNSHARE + ["--kill-child", sys.executable, "-I", _CHILD, str(req_r), str(rep_w)]
            self.workdir, self.uid = "/tmp/work", sandbox_uid()
        else:
            cmd = [sys.executable, "-I", _CHILD, str(req_r), str(rep_w)]
            self.tmp = tempfile.mkdtemp(prefix="grader-")
            self.workdir, self.uid = os.path.join(self.tmp, "work"), None
            if os.geteuid() == 0:   # "uid" mode: the child's uid may enter tmp, to its own 0700 folder
                os.chmod(self.tmp, 0o711)
                self.uid = sandbox_uid()
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
        for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if key in os.environ:
                env[key] = os.environ[key]

        def in_child():
            cgroup.join()

        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w,
                                     pass_fds=(req_r, rep_w), preexec_fn=in_child if cgroup else None,
                                     env=env, start_new_session=True, cwd="/")
        for fd in (req_r, rep_w, out_w):
            os.close(fd)
        for fd in (req_w, rep_r):
            try:
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            except (AttributeError, OSError):
                pass
        os.set_blocking(req_w, False)
        self.req_fd, self.rep_fd, self.out_fd = req_w, rep_r, out_r

    def discard(self):
        """End a child nobody will use (it has run no submission code)."""
        for target in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), self.proc.kill):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        self.proc.wait()
        for fd in (self.req_fd, self.rep_fd, self.out_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


_SPARE = None


def prestart():
    """Start the next Sandbox's child now, so that its own start (Python, numpy, the namespaces)
    overlaps whatever this process does until it grades (``python -m grader check`` calls it
    before importing the rest of the grader). The child gets its submission's cgroup, limits,
    files and uid when a Sandbox takes it; one nobody takes ends with this process.
    """
    global _SPARE
    if _SPARE is None:
        _SPARE = _Spawned(isolation_available(), None)


def _take_spare(isolate, cgroup):
    """The prestarted child, moved into cgroup, if there is one that fits; else None."""
    global _SPARE
    spare, _SPARE = _SPARE, None
    if spare is None:
        return None
    if spare.isolate != isolate or spare.proc.poll() is not None or \
            (cgroup is not None and not cgroup.adopt(spare.proc.pid, isolate)):
        spare.discard()
        return None
    return spare


def _drop_spare():
    global _SPARE
    spare, _SPARE = _SPARE, None
    if spare is not None:
        spare.discard()


def _forget_spare_in_fork():
    """A forked process must not take its parent's spare child: it forgets it and closes its pipes."""
    global _SPARE
    spare, _SPARE = _SPARE, None
    if spare is not None:
        for fd in (spare.req_fd, spare.rep_fd, spare.out_fd):
            try:
                os.close(fd)
            except OSError:
                pass


atexit.register(_drop_spare)
os.register_at_fork(after_in_child=_forget_spare_in_fork)


_OPEN = weakref.WeakSet()
"""The sandboxes of this process that may have a child (see ``end_all``)."""


def end_all():
    """SIGKILL the child of every sandbox of this process, and the spare child: for a process being
    stopped (a batch worker on SIGTERM) that exits right after. It takes no lock and waits for
    nothing, so it may run in a signal handler whatever the process was doing. (Under namespaces,
    the end of ``unshare`` ends everything in the child's PID namespace.)"""
    for proc in [s.proc for s in list(_OPEN)] + [_SPARE.proc if _SPARE else None]:
        for kill in (os.killpg, os.kill):
            try:
                kill(proc.pid, signal.SIGKILL)
            except (AttributeError, ProcessLookupError, PermissionError):
                pass
    for uid in {s.uid for s in list(_OPEN) if s.mode == "uid" and s.proc is not None}:
        if os.fork() == 0:   # a process of the uid kills every process of it (see ._uid)
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)


class Sandbox:
    """One submission's child process, restarted on demand.

    - files: {file name: bytes}, the submission's files, written into the child's
      private working directory
    - limits: Limits; mask: extra folders to hide (e.g. the submission's own folder
      and its siblings, the output folder)

    Time and output are budgeted per exercise (``begin_exercise``). The time counted is
    the time the grader waits for the child, less the time it spends answering the
    child's questions: the grader's own work (generating cases, checking replies) never
    uses up a student's budget. Calls to the
    curriculum functions of ``substitutes`` made by the submission's own code are
    answered by ``on_callback(key, running, args, kwargs)`` (see ``_child._StandIns``).
    """

    def __init__(self, files: dict[str, bytes], *, limits: Limits | None = None, mask: Sequence[str] = ()):
        _OPEN.add(self)
        self.files = dict(files)
        self.limits = limits or Limits()
        self.mode = sandbox_mode()
        self.isolate = self.mode == "namespaces"
        self.mask = sorted(set(_grader_paths()) | {os.path.abspath(m) for m in mask})
        self.curriculum, self.substitutes, self.on_callback = {}, frozenset(), None
        self.proc = None
        self.uid = None
        self.out = None
        self.begin_exercise()
        self.imported = {}
        self.output = ""
        self._tmp = None
        self._cgroup = None
        self._tickets = 0
        self._reset_requests()

    def _reset_requests(self):
        self._pending = collections.deque()   # (ticket, what) sent and not yet read, in order
        self._replies = {}                      # ticket -> (reply, size) read ahead of its collect
        self._held = 0                          # bytes of the replies in self._replies
        self._discarded = set()                 # pending tickets whose replies nobody wants
        self._inbuf = bytearray()               # reply bytes read while writing a request
        self._last_reply = 0.0

    def begin_exercise(self):
        """Start the budgets (time, output) of the next exercise."""
        self._left = self.limits.exercise_s   # seconds of waiting for the child this exercise has left
        self._printed = 0
        self._watch_output()

    def _watch_output(self):
        """Give the running child's output reader what is left of the exercise's output budget."""
        if self.proc is not None:
            self._out_mark = self.out.total
            self.out.limit = self.out.total + self.limits.output_mib * 2**20 - self._printed

    def set_substitutes(self, keys):
        """From now on, the submission's calls to the curriculum functions ``keys`` ("module.function")
        are answered by ``on_callback``."""
        keys = frozenset(keys)
        if keys != self.substitutes:
            self.substitutes = keys
            if self.proc is not None and not self._send(_wire.encode_request({"op": "substitute",
                                                                              "keys": sorted(keys)})):
                self._lose()

    # -- lifecycle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None
        _OPEN.discard(self)

    def _start(self):
        if self.mode != "limits" and self._cgroup is None:
            self._cgroup = _Cgroup(self.limits)
        child = _take_spare(self.isolate, self._cgroup) or _Spawned(self.isolate, self._cgroup)
        self.proc, self.req_fd, self.rep_fd, self._tmp = child.proc, child.req_fd, child.rep_fd, child.tmp
        self.uid = child.uid
        self._reset_requests()
        self.out = _Output(child.out_fd, on_flood=self._kill_group)
        self._watch_output()
        self.out.start()
        self.imported = {}
        setup = {"files": self.files, "mask": self.mask, "uid": child.uid, "workdir": child.workdir,
                 "isolate": self.isolate, "limits": self.limits.for_child(), "tmp_mib": self.limits.tmp_mib,
                 "curriculum": self.curriculum, "substitute": sorted(self.substitutes)}
        if not self._send(_wire.encode_request(setup)):
            self._start_failed(f"it did not take its set-up within {self.limits.call_s:g} s")
        self._await_ready()

    def _await_ready(self):
        """Wait for the child's first reply, sent once it is confined and has checked that it can run
        Python with numpy (``_child._self_test``), before any submission code: a child that fails
        here is the machine's or the set-up's fault, never the student's."""
        deadline = time.monotonic() + _START_S
        try:
            header, _ = _wire.decode_reply(_wire.recv_frame(lambda n: self._read_exactly(n, deadline)))
        except TimeoutError:
            why = f"it was not ready within {_START_S:g} s (is the machine overloaded?)"
        except EOFError:
            why = f"it {self._how_it_ended()}: {self.out.text()[-1000:].strip() or 'no output'}"
        except (_wire.WireError, RecursionError, MemoryError) as exc:
            why = f"its first reply was malformed ({type(exc).__name__})"
        else:
            if header.get("ready") is True:
                self._last_reply = time.monotonic()
                return
            why = str(header.get("setup_failed", "its first reply was not 'ready'"))[:2000]
        self._start_failed(why)

    def _start_failed(self, why):
        self.close()
        raise InfrastructureError(f"the sandbox could not start a child process to run the submission: {why}")

    def _kill_group(self):
        proc = self.proc
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def close(self):
        """Kill the child and everything it started; forget its state (a new child imports afresh)."""
        if self.proc is not None:
            inner = _Inner(self.proc.pid) if self.isolate else None
            for target in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), self.proc.kill):
                try:
                    target()
                except (ProcessLookupError, PermissionError):
                    pass
            if inner:
                inner.kill_and_wait(timeout=10)
            elif self.mode == "uid":
                end_uid(self.uid)
            self.proc.wait()
            for fd in (self.req_fd, self.rep_fd):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.out.join(timeout=1)
            self._printed += self.out.total - self._out_mark
            self.output = (self.output + self.out.text())[-_OUTPUT_KEEP:]
            self.proc = None
            self.imported = {}
        self._reset_requests()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # -- talking to the child
    #
    # Requests are pipelined: ``submit`` sends one without waiting, ``collect`` reads
    # replies in the order they were sent until the wanted one arrives, keeping the
    # replies read on the way (or dropping those ``discard``ed). The child still
    # serves one request at a time, in order, so every reply gets ``call_s`` from the
    # moment the previous one arrived (or the grader began waiting). A request whose
    # reply can no longer come (the child died in an earlier request that nobody was
    # waiting for) is *lost*: ``collect`` raises ``Lost`` and the caller sends it again.

    def submit(self, message, what, *, encoded=False):
        """Send a request without waiting for its reply; returns its ticket for ``collect``.

        encoded: message is already ``_wire.encode_request``'s bytes.
        """
        if self._left <= 0:
            raise Abort(say("stopped/budget_used", seconds=f"{self.limits.exercise_s:g}"), kind="budget")
        if self.proc is None:
            self._start()
        ticket = self._tickets = self._tickets + 1
        self._pending.append((ticket, what))
        if not self._send(message if encoded else _wire.encode_request(message)):
            self._lose()
        return ticket

    def collect(self, ticket):
        """The reply (header, arrays) to a submitted request; Abort if the child hangs, dies or lies on it.

        Raises ``Lost`` when the child died (or hung) in an earlier request: the
        child is gone and the request must be sent again.
        """
        if ticket in self._replies:
            reply, size = self._replies.pop(ticket)
            self._held -= size
            return reply
        if not any(t == ticket for t, _ in self._pending):
            raise Lost(ticket)
        self._budget_end = time.monotonic() + self._left   # moved on by the time spent answering questions
        try:
            return self._collect(ticket)
        finally:
            self._left = self._budget_end - time.monotonic()

    def _collect(self, ticket):
        waiting_since = time.monotonic()
        while True:
            head, what = self._pending[0]
            call_deadline = min(max(waiting_since, self._last_reply) + self.limits.call_s, self._budget_end)
            failure = None
            try:
                payload = _wire.recv_frame(lambda n: self._read_exactly(n, call_deadline))
                reply = _wire.decode_reply(payload)
            except TimeoutError:
                if call_deadline < self._budget_end:
                    failure = lambda: (say("stopped/timeout", what=what, seconds=f"{self.limits.call_s:g}"), "timeout")
                else:
                    failure = lambda: (say("stopped/budget", what=what, seconds=f"{self.limits.exercise_s:g}"),
                                       "budget")
            except EOFError:
                if self.out is not None and self.out.flooded:
                    failure = lambda: (say("stopped/output", what=what, mib=f"{self.limits.output_mib:g}"), "output")
                else:
                    failure = lambda: (say("stopped/ended", what=what, how=self._how_it_ended()), "crash")
            except _wire.WireError as exc:
                failure = lambda message=str(exc): (say("stopped/protocol", what=what, error=message), "protocol")
            except (RecursionError, MemoryError) as exc:   # e.g. JSON nested too deep: a reply, never our fault
                failure = lambda name=type(exc).__name__: (say("stopped/protocol", what=what, error=name), "protocol")
            if failure is not None:
                if head == ticket:
                    self._abort(*failure())
                self._lose()
                raise Lost(ticket)
            if "callback" in reply[0]:
                took = self._answer(reply, what)
                waiting_since, self._last_reply = waiting_since + took, self._last_reply + took
                self._budget_end += took
                continue
            self._pending.popleft()
            self._last_reply = time.monotonic()
            if head == ticket:
                return reply
            if head not in self._discarded:
                if self._held + len(payload) <= _HELD_MAX:
                    self._replies[head] = reply, len(payload)
                    self._held += len(payload)
                # else: not kept (a child flooding its replies); its collect finds it Lost and asks again
            self._discarded.discard(head)

    def _answer(self, reply, running):
        """Answer a stand-in's question (``_child._callback``) asked while ``running`` ("module.function") runs;
        returns the seconds it took."""
        start = time.monotonic()
        header, arrays = reply
        try:
            info = header["callback"]
            key = f"{info['module']}.{info['function']}"
            args, kwargs = _wire.decode_tree(header.get("args"), arrays)
            if self.on_callback is None or not isinstance(args, list) or not isinstance(kwargs, dict) \
                    or not all(isinstance(k, str) for k in kwargs):
                raise RuntimeError(f"{key} cannot be called here")
            message = {"op": "callback_reply", "value": self.on_callback(key, running, args, kwargs)}
        except Exception as exc:  # noqa: BLE001  what a correct function would raise on these arguments
            message = {"op": "callback_reply", "error": {"type": type(exc).__name__, "message": str(exc)[:500]}}
        if not self._send(_wire.encode_request(message)):
            self._lose()
        return time.monotonic() - start

    def discard(self, ticket):
        """Nobody will collect this request's reply: drop it when it comes."""
        kept = self._replies.pop(ticket, None)
        if kept is not None:
            self._held -= kept[1]
        elif any(t == ticket for t, _ in self._pending):
            self._discarded.add(ticket)

    def _lose(self):
        """The child cannot answer the pending requests (it died or hangs): end it; a new one starts on demand."""
        self.close()

    def _send(self, payload):
        """Write one request (encoded); False if the child did not take it within ``call_s`` (it hangs in a call).

        The request pipe is non-blocking and replies are read into a buffer while
        writing, so that a large request never deadlocks with a child that is itself
        blocked writing replies.
        """
        data = _wire.frame(payload)
        view = memoryview(data)
        deadline = time.monotonic() + min(self.limits.call_s, max(self._left, 0.0))
        while view:
            try:
                view = view[os.write(self.req_fd, view):]
                continue
            except BlockingIOError:
                pass
            except OSError:
                return True   # the child is gone; reading its reply reports how it ended
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self.rep_fd] if len(self._inbuf) < _INBUF_MAX else [],
                                           [self.req_fd], [], left)
            if readable:
                try:
                    chunk = os.read(self.rep_fd, 1 << 20)
                except OSError:
                    chunk = b""
                if not chunk:
                    return True   # the child is gone
                self._inbuf += chunk
        return True

    def _read_exactly(self, n, deadline):
        chunks = []
        if self._inbuf:
            chunk = bytes(self._inbuf[:n])
            del self._inbuf[:n]
            chunks.append(chunk)
            n -= len(chunk)
        while n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.rep_fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.rep_fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _exchange(self, message, what):
        """Send a request and return the decoded reply; Abort if the child hangs, dies or lies."""
        for attempt in range(2):
            ticket = self.submit(message, what)
            try:
                return self.collect(ticket)
            except Lost:
                if attempt:
                    self._abort(say("stopped/not_started", what=what, seconds=f"{self.limits.call_s:g}"), "timeout")

    def _abort(self, reason, kind):
        self.close()
        output, self.output = self.output, ""
        raise Abort(reason, kind=kind, output=output)

    def _how_it_ended(self):
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "it closed its connection to the grader"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            extra = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (killed; memory or process limit?)",
                     "SIGSEGV": " (segmentation fault)", "SIGXFSZ": " (file size limit)"}.get(name, "")
            return f"crashed with signal {-code} {name}{extra}"
        return f"exited with status {code}"

    def import_module(self, module):
        """None if the module imports; else the child's error header."""
        if module in self.imported:
            return self.imported[module]
        header, _ = self._exchange({"op": "import", "module": module}, f"importing {module}")
        self.imported[module] = None if header.get("ok") else header
        return self.imported[module]

    def call(self, module: str, function: str, args: tuple, kwargs: dict, spec, *,
             payload: bytes | None = None) -> tuple[dict, list]:
        """Call module.function in the child: (header, arrays) of the reply.

        payload: ``call_payload(args, kwargs)`` when the caller has it already.
        """
        return self._exchange(call_request(module, function, payload or call_payload(args, kwargs), spec),
                              f"{module}.{function}")


def call_payload(args, kwargs):
    """The bytes of a call's arguments as the child receives them; equal bytes, equal call."""
    return _wire.encode_request((args, kwargs))


def call_request(module, function, payload, spec):
    """The request that calls module.function on the arguments of payload; spec: the reply's structure."""
    return {"op": "call", "module": module, "function": function, "payload": payload, "spec": spec}
