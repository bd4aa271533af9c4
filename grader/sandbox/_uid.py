"""A submission's own uid, where there are no namespaces: how its processes and files end with it.

As root without namespaces (Docker's default capabilities, Gradescope) the child still
drops to an unprivileged uid of its own (setuid needs no CAP_SYS_ADMIN). Nothing then
stops it from starting processes that leave its process group, or from leaving files
in the folders every user may write to. When the submission ends, ``end_uid`` kills
every process of that uid and removes every file it owns in those folders, so nothing
of one submission outlives it or reaches the next one graded with the same uid.
"""

import fcntl
import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time

from ..errors import InfrastructureError

__all__ = ["sandbox_uid", "end_uid", "kill_uid_now", "processes_of"]

SHARED = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock", "/dev/mqueue")
"""Folders any user may write to (the usual ones): where a submission's files could outlive it."""


def sandbox_uid():
    """The uid of this grading process's submissions, none that names a user of this machine.

    One per process, held by a lock for as long as the process lives: no two grading processes of
    the machine share it (parallel workers, a worker forked from another, two graders at once, a
    pid handed out again), since ending a submission kills every process of its uid.
    """
    global _HELD
    if _HELD is None:
        _HELD = _claim()
    return _HELD[0]


def _claim():
    """(uid, the open lock file that holds it, or None where no lock folder can be kept)."""
    folder = _lock_folder()
    try:
        start = os.getpid() % _SPAN
        for step in range(_SPAN):
            uid = _FIRST + (start + step) % _SPAN
            try:
                pwd.getpwuid(uid)
                continue
            except KeyError:
                pass
            if folder is None:
                return uid, None
            try:
                fd = os.open(str(uid), os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600, dir_fd=folder)
            except OSError:   # a read-only /run: as if there were no lock folder
                return uid, None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return uid, fd
            except BlockingIOError:   # another grading process's
                os.close(fd)
    finally:
        if folder is not None:
            os.close(folder)
    raise InfrastructureError(f"no sandbox uid is free: every uid from {_FIRST} to {_FIRST + _SPAN - 1} "
                              f"names a user or is another grading process's")


def _lock_folder():
    """An open descriptor of a folder only root can write to, for the locks of the uids in use; None if
    none can be had. Held open from the check on, so that a folder swapped for another after it cannot
    be written into."""
    for parent in _LOCK_PARENTS:
        folder = os.path.join(parent, "rnn-grader-uids")
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        info = os.fstat(fd)
        if info.st_uid == 0 and not info.st_mode & 0o022:
            return fd
        os.close(fd)
    return None


def _forget_claim():
    """In a process just forked: the claim is its parent's (its lock stays its parent's to hold)."""
    global _HELD
    if _HELD is not None and _HELD[1] is not None:
        try:
            os.close(_HELD[1])
        except OSError:
            pass
    _HELD = None


_FIRST, _SPAN = 61000, 4000
_LOCK_PARENTS = ("/run", tempfile.gettempdir())
"""Where the folder of the uid locks may be: the first that can hold a folder only root may write to."""
_HELD = None
"""(the uid, its lock file descriptor or None) of this process, once claimed."""
os.register_at_fork(after_in_child=_forget_claim)


def processes_of(uid):
    """Pids of the live (not zombie) processes whose real, effective or saved uid is uid."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if status.get("State", "").split()[:1] != ["Z"] and str(uid) in status.get("Uid", "").split()[:3]:
            found.append(int(entry))
    return found


def end_uid(uid, timeout=10.0):
    """SIGKILL every process of uid, then remove its files from the shared folders; True when none is left.

    The kill is sent by a process of that uid (``kill -9 -1``: every process it may signal,
    that is its own uid's and no other), so a fork storm is killed at once, whatever the
    process groups and sessions.
    """
    deadline = time.monotonic() + timeout
    while processes_of(uid):
        if time.monotonic() > deadline:
            return False
        subprocess.run(["/bin/sh", "-c", "kill -9 -1"], user=uid, group=uid, extra_groups=[], cwd="/", env={},
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.005)
    for folder in SHARED:
        _remove_owned(folder, uid)
    return True


def kill_uid_now(uid):
    """SIGKILL every process of uid from a forked process of that uid, waiting for nothing: for a grading
    process about to exit (``end_all``, in a signal handler); ``end_uid`` is the thorough way."""
    if os.fork() == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)


def _remove_owned(folder, uid):
    """Remove what uid owns in folder, and in the folders inside it that anyone may write to.

    Called when no process of uid is left, as root: entries are never followed through symlinks.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        is_dir = stat.S_ISDIR(info.st_mode)
        if info.st_uid == uid:
            try:
                shutil.rmtree(entry.path) if is_dir else os.unlink(entry.path)
            except OSError:
                pass
        elif is_dir and info.st_mode & stat.S_IWOTH:
            _remove_owned(entry.path, uid)
