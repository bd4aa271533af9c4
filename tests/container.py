"""Run a command the way a container without namespaces runs it (Docker's default, Gradescope).

``without_sys_admin(cmd)`` wraps cmd so that it runs as root with CAP_SYS_ADMIN dropped from
its bounding set: ``unshare`` is refused, and the grader falls back to a uid of its own
("uid" mode). ``as_user(uid, cmd)`` runs it as an ordinary user ("limits" mode).

In an image, Python is installed where every user may read it. On a development machine
it may sit in a folder closed to others (pyenv under /root): the command then runs in a
private mount namespace where each such folder is an empty world-readable tmpfs with the
Python installation (and the case cache of the tests) bound back, paths unchanged.
``hide`` lists folders to cover with an empty tmpfs as well (a checkout of the project
that an image would not hold).
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pytest

__all__ = ["without_sys_admin", "as_user", "needs_root_tools", "closed_ancestor"]

needs_root_tools = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or not all(map(shutil.which, ("unshare", "setpriv", "mount"))),
    reason="simulating a container needs root, unshare, setpriv and mount")


def closed_ancestor(path):
    parts = os.path.realpath(path).split(os.sep)[1:]
    for n in range(1, len(parts)):
        ancestor = os.sep + os.path.join(*parts[:n])
        if not os.stat(ancestor).st_mode & 0o001:
            return ancestor
    return None


def _keep():
    paths = {sys.base_prefix, sys.prefix, os.path.dirname(os.path.dirname(np.__file__)),
             os.environ.get("XDG_CACHE_HOME", "")}
    return sorted({os.path.realpath(p) for p in paths if p and os.path.isdir(p)})


def _script(hide, expose=True):
    """sh lines that cover each closed ancestor of what must be kept (unless not expose), and each folder
    of hide."""
    hold = tempfile.mkdtemp(prefix="rnn-grader-hold-")
    atexit.register(shutil.rmtree, hold, ignore_errors=True)
    lines, n = ["set -e"], 0
    covers = {}
    for path in _keep() if expose else ():
        ancestor = closed_ancestor(path)
        if ancestor:
            covers.setdefault(ancestor, []).append(path)
    for folder in hide:
        covers.setdefault(os.path.realpath(folder), [])
    for ancestor, kept in sorted(covers.items()):
        for path in kept:
            n += 1
            lines += [f"mkdir -p {hold}/{n}", f"mount --bind '{path}' {hold}/{n}"]
        lines.append(f"mount -t tmpfs -o mode=0755 rnn-grader-test '{ancestor}'")
        for m, path in enumerate(kept, start=n - len(kept) + 1):
            lines += [f"mkdir -p '{path}'", f"mount --bind {hold}/{m} '{path}'"]
    return lines


def _wrap(inner, hide, extra=(), expose=True):
    script = "\n".join(_script(hide, expose) + list(extra) + ['exec "$@"'])
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *inner]


def without_sys_admin(cmd, hide=(), expose=True):
    """cmd as root in a container without CAP_SYS_ADMIN (no namespaces for the grader), whose cgroup
    file system is read-only, as Docker mounts it (no cgroup of its own for a submission)."""
    cgroups = ["mount -t tmpfs -o ro,mode=0555 rnn-grader-test /sys/fs/cgroup"] \
        if os.path.isdir("/sys/fs/cgroup") else []
    return _wrap(["setpriv", "--bounding-set", "-sys_admin", "--", *cmd], hide, cgroups, expose)


def as_user(uid, cmd, hide=()):
    """cmd as the ordinary user uid (its own group, no other)."""
    return _wrap(["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--", *cmd], hide)


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)
