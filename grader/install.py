"""Where this grader and the reference are installed, and keeping them private to their owner.

Without namespaces the sandbox cannot hide folders from a submission (``grader.sandbox``):
as root, the child runs as a uid of its own, which reads whatever every user may read.
``python -m grader prepare --lock`` (run by the Gradescope autograder's setup.sh) makes
every copy of the grader and the reference on this machine readable by their owner only:
the folders imported now, the copies pip installed, and the source folder holding them
(with the course's settings and secret).
"""

import functools
import hashlib
import importlib
import importlib.metadata
import os
import stat

__all__ = ["packages", "package_folders", "private_folders", "lock", "readable_by_all", "code_hash"]

_DISTRIBUTION = "rnn-grader"
_PACKAGES = ("grader", "reference")


def packages():
    """The grader's packages installed here, as imported modules: grader and reference (a student kit has
    no reference)."""
    found = []
    for name in _PACKAGES:
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def package_folders():
    """The folders of the grader's packages imported here (``packages``)."""
    return [os.path.dirname(os.path.abspath(m.__file__)) for m in packages()]


def private_folders():
    """The folders a submission must never read, that exist here: each copy of the packages, and the
    source folder (pyproject.toml beside the packages) they are imported from."""
    folders = package_folders()
    root = os.path.dirname(folders[0])
    if os.path.isfile(os.path.join(root, "pyproject.toml")):
        folders.append(root)
    try:
        dist = importlib.metadata.distribution(_DISTRIBUTION)
        folders += [os.path.abspath(str(dist.locate_file(p))) for p in _PACKAGES]
    except importlib.metadata.PackageNotFoundError:
        pass
    return sorted({os.path.realpath(f) for f in folders if os.path.isdir(f)})


def lock(folders):
    """Close each folder to everyone but its owner (mode 0700): nothing inside can be reached by others."""
    for folder in folders:
        os.chmod(folder, stat.S_IMODE(os.stat(folder).st_mode) & 0o700)


def readable_by_all(folder):
    """True when any user can reach folder (every ancestor searchable) and list it."""
    path = os.path.abspath(folder)
    try:
        if not os.stat(path).st_mode & stat.S_IROTH:
            return False
        while True:
            if not os.stat(path).st_mode & stat.S_IXOTH:
                return False
            if path == os.sep:
                return True
            path = os.path.dirname(path)
    except OSError:
        return False


@functools.lru_cache(maxsize=None)
def code_hash():
    """The sha256 of the grader's and the reference's Python files as imported (names and contents): a fix
    that changes any of them changes every settings hash, so results graded before are out of date."""
    digest = hashlib.sha256()
    for package in packages():
        root = os.path.dirname(os.path.abspath(package.__file__))
        for here, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(f for f in files if f.endswith(".py")):
                path = os.path.join(here, name)
                with open(path, "rb") as f:
                    digest.update(f"{package.__name__}/{os.path.relpath(path, root)}\0".encode() + f.read() + b"\0")
    return digest.hexdigest()
