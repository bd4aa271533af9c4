"""How a submission's child is confined, and what it may see: the one place for that policy.

Modes (``sandbox_mode``), from the strongest the machine allows:

- "namespaces" (root, ``unshare`` works): new PID, mount, network, IPC and UTS namespaces,
  an unprivileged uid of its own, one cgroup for all its processes (``Cgroup``);
- "uid" (root, no namespaces: a container without CAP_SYS_ADMIN, Gradescope): an
  unprivileged uid of its own, no new privileges, a private working folder, the cgroup
  where one can be made; when the submission ends every process of that uid is killed
  and its files in the shared folders removed (``._uid``);
- "limits" (not root): resource limits only.

What the child may see
----------------------
Under namespaces the child covers, with empty read-only tmpfs mounts (``_child._confine``):

1. every top-level folder but the system's (/home, /root, /work, /opt, /srv, ...) and any
   folder closed to other users: where other copies of the reference or other students'
   work may be (``_child._hidden_folders``);
2. the folders ``hidden_folders`` names: the grader and the reference wherever they are
   installed, the project's tests, .git and benchmarks, the folder holding the submission
   (the other submissions beside it), and what the caller adds (the output folder);
3. /tmp, /var/tmp and /dev/shm, replaced by private tmpfs mounts (``tmp_mib``);

and binds the Python installation back wherever it lies under a cover, so that the
child still runs. It covers in the order 3, 1, 2: the masks of 2 go on last, so that they
also hide what lies inside a Python folder bound back (a grader installed in site-packages). Every other mount is remounted read-only. Without namespaces ("uid")
nothing can be covered: the child reads what every user may read, and
``python -m grader prepare --lock`` (``grader.install``) closes the grader's and the
reference's folders to other users; the child also refuses to import them (a weak fence,
``_child._Blocker``). ``isolation_warning`` tells the instructor what a weaker mode leaves open.
"""

import itertools
import os
import re
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence

from ..install import package_folders, private_folders, readable_by_all

__all__ = ["sandbox_mode", "isolation_available", "cgroups_available", "isolation_warning", "hidden_folders",
           "UNSHARE", "NamespaceInit", "Cgroup"]


UNSHARE = ["unshare", "--fork", "--pid", "--mount-proc", "--mount", "--net", "--ipc", "--uts"]


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
        done = subprocess.run(UNSHARE + ["sh", "-c", "mount -t tmpfs rnn-grader-probe /tmp"],
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
        probe = Cgroup(memory_mib=64, processes=8) if sandbox_mode() != "limits" else None
        _CGROUPS = bool(probe and probe.memory_capped and _can_join(probe))
        if probe:
            probe.remove()
    return _CGROUPS


def _can_join(cgroup):
    """True if a process can be moved into cgroup (a group can be made, yet not joined, where the cgroup
    file system belongs to another namespace)."""
    try:
        subprocess.run(["true"], preexec_fn=cgroup.join, timeout=10)
    except subprocess.SubprocessError:   # the join raised (or hung)
        return False
    except OSError:   # it joined, then `true` could not run
        pass
    return True


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
    if mode == "limits":
        return ("sandbox: not root, so submissions run as your own user with resource limits only: they can read "
                "and write whatever you can (your home folder, the reference, this grader, its output) and use the "
                "network. Grade untrusted code as root: where unshare works the full sandbox, elsewhere a uid of "
                "its own.")
    notes = []
    if mode == "uid":
        readable = [p for p in private_folders() if readable_by_all(p)]
        text = ("sandbox: no namespaces here (the container has no CAP_SYS_ADMIN), so each submission runs as "
                "an unprivileged uid of its own with resource limits, no new privileges and a private working "
                "folder; every process of that uid is killed and its files in /tmp and the like removed when it "
                "ends. It can still read what every user may read")
        text += (f", including the reference in {', '.join(readable)}: run python -m grader prepare --lock "
                 f"as root to close them" if readable else " (the grader and the reference are not among it)")
        notes.append(text + (", and use the network. For the full sandbox, grade as root where unshare works "
                             "(docker run --cap-add SYS_ADMIN)."))
    if not cgroups_available():
        notes.append("sandbox: no cgroup can be made and joined here (a read-only /sys/fs/cgroup, or a "
                     "controller missing), so a submission's memory is capped in each of its processes, not in "
                     "all of them together: one that forks may hold several times memory_mib. Grade as root "
                     "where /sys/fs/cgroup is writable for the full cap.")
    return "\n".join(notes)


def hidden_folders(*, source: str | None = None, mask: Sequence[str] = ()) -> list[str]:
    """The folders the child covers besides its own rule (see "What the child may see").

    - source: the submission's folder or file: the folder holding it is covered (the other
      submissions beside it)
    - mask: more folders to cover (the output folder of a class grading)
    """
    grader = package_folders()
    project = os.path.dirname(grader[0])
    extra = [os.path.join(project, d) for d in ("tests", ".git", "benchmarks")]
    folders = grader + [p for p in extra if os.path.isdir(p)] + [os.path.abspath(m) for m in mask]
    if source is not None and os.path.dirname(os.path.abspath(source)) != os.sep:
        folders.append(os.path.dirname(os.path.abspath(source)))
    return sorted(set(folders))


class NamespaceInit:
    """The child inside its PID namespace (unshare's only child, the namespace's init), held by pidfd.

    Killing unshare's process group is not enough to end a submission: the child can
    leave that group (setsid) and clear the parent-death signal that --kill-child
    relies on. So ``process.Child.end`` takes hold of the child while unshare still is its parent
    (no pid reuse is possible then: nothing reaps unshare before, ``Child.exit_status`` reads its status
    without reaping it), kills unshare first (so that it cannot report the
    child's death on the student's output), then the child. When the namespace's init
    has exited, the kernel has killed every other process in the namespace.
    """

    def __init__(self, unshare_pid):
        self.handles = []
        for pid in child_pids(unshare_pid):
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


def child_pids(pid):
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


_START = 19
"""The field of ``_stat`` that holds when the process started (clock ticks after boot): with its pid, it
names one process for as long as the machine runs."""


def _owner():
    """"<pid namespace>-<pid>-<start time>" of this process, as the names of its cgroups hold it."""
    return f"{_pid_namespace()}-{os.getpid()}-{_stat('self', _START)}"


def _pid_namespace():
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return "0"


def _gone(pid, start):
    """True only if no process has pid, or the one that has it started at another time than start
    (the pid was handed out again); False when it cannot be told (/proc unreadable)."""
    started = _stat(pid, _START)
    return started != start if started is not None else not os.path.exists(f"/proc/{pid}")


class Cgroup:
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

    Where ``cgroups_available`` says groups work, the sandbox grades only inside one: a group
    that comes without its memory cap, or a child that cannot join it, is the machine's fault
    (``InfrastructureError``), never a submission run with its memory capped per process only.
    """

    _BASE = "/sys/fs/cgroup"
    _names = iter(range(1 << 62))
    _NAME = re.compile(r"rnn-grader-(\d+)-(\d+)-(\d+)-\d+")   # its owner's pid namespace, pid, start time
    _swept = False

    def __init__(self, *, memory_mib: int, processes: int):
        memory, processes = str(memory_mib * 2**20), str(processes)
        swap = _swap_on()   # then memory beyond the cap would go to swap unless the swap is capped too
        if os.path.exists(os.path.join(self._BASE, "cgroup.controllers")):
            swap_cap = [("memory.swap.max", "0")]
            layout = [(self._BASE, [("memory.max", memory)] + swap_cap * swap,
                       swap_cap * (not swap) + [("pids.max", processes), ("cpu.weight", "100")])]
        else:
            swap_cap = [("memory.memsw.limit_in_bytes", memory)]
            layout = [(os.path.join(self._BASE, "memory", self._own("memory")),
                       [("memory.limit_in_bytes", memory)] + swap_cap * swap, swap_cap * (not swap)),
                      (os.path.join(self._BASE, "pids", self._own("pids")), [("pids.max", processes)], []),
                      (os.path.join(self._BASE, "cpu", self._own("cpu")), [], [("cpu.shares", "1024")])]
        if not Cgroup._swept:
            Cgroup._swept = True
            self._sweep([parent for parent, _, _ in layout])
        self.paths, self.memory_capped, number = [], False, next(self._names)
        for parent, required, optional in layout:
            path = self._make(parent, number)
            if path is None:
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

    @classmethod
    def _make(cls, parent, number):
        """A new group of this process's under parent, named with number if it is free; None if none can
        be made there.

        Its name holds this process's pid namespace, pid and start time, so that neither a group
        left by a process killed long ago whose pid is now ours, nor one of a process forked from
        ours, can be taken for it; a name taken all the same is passed over (``mkdir`` is atomic).
        """
        owner = f"rnn-grader-{_owner()}"
        for n in itertools.chain([number], itertools.islice(cls._names, 100)):
            path = os.path.join(parent, f"{owner}-{n}")
            try:
                os.mkdir(path)
                return path
            except FileExistsError:
                continue
            except OSError:
                return None
        return None

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
        """Move the calling process into the group (called in the forked child, before exec); OSError if
        it cannot be moved (the group is gone): it must not run outside."""
        for path in self.paths:
            _write(os.path.join(path, "cgroup.procs"), str(os.getpid()))

    def adopt(self, pid, inner):
        """Move a prestarted child into the group: pid, and with inner its one child (``unshare`` at pid
        and the child in its namespaces); False if it has no child yet after a second or cannot be
        moved (then it must not be used). Neither has run
        any submission code, and neither can start a process before it gets its setup, so no process
        of theirs is left outside."""
        deadline = time.monotonic() + 1
        while inner and not (children := child_pids(pid)):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        try:
            for path in self.paths:
                for member in [pid] + (children if inner else []):
                    _write(os.path.join(path, "cgroup.procs"), str(member))
        except OSError:
            return False
        return True

    @classmethod
    def _sweep(cls, parents):
        """Remove the groups left by grading processes that are gone (killed before they could remove them).

        Only groups of this pid namespace are judged: a grader in another one (a container sharing the
        host's cgroups) has pids this one cannot see."""
        namespace = _pid_namespace()
        for parent in parents:
            try:
                names = os.listdir(parent)
            except OSError:
                continue
            for name in names:
                match = cls._NAME.fullmatch(name)
                if match and match.group(1) == namespace and _gone(match.group(2), match.group(3)):
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


def _swap_on():
    """True if the machine swaps (an active swap area in /proc/swaps)."""
    try:
        with open("/proc/swaps") as f:
            return len(f.read().strip().splitlines()) > 1
    except OSError:
        return True   # cannot tell: cap swap too, or make no group


def _write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)
