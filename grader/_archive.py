"""Read a .zip submission in memory; refuse what no honest submission needs.

Nothing is extracted: the archive's bytes are read by the caller (at most
MAX_ARCHIVE) and only the members that become the submission's files are
decompressed, each at most ``max_file`` bytes. Refused with a SubmissionError:

- an unreadable or corrupt archive, or a member that fails to decompress or its CRC;
- a zip bomb: more than MAX_MEMBERS members, more than MAX_UNCOMPRESSED bytes in all
  once uncompressed (as declared; reading never goes past the declaration), or a member
  over RATIO_FLOOR bytes compressed more than MAX_RATIO times;
- a member whose path leaves the archive (``../x``, ``/etc/x``, ``C:\\x``), a symbolic
  link or other special file, an encrypted member, two members with the same path.

What is read: the top-level files, after unwrapping folders that hold everything
(``alice/rnn.py`` -> ``rnn.py``, at any depth). Ignored: ``__MACOSX/``,
``__pycache__/``, ``.ipynb_checkpoints/``, hidden files, files in subfolders, and
nested archives (.zip, .tar.gz, ...), which are never opened.
"""

import io
import re
import stat
import struct
import zipfile

from .errors import SubmissionError

__all__ = ["read_zip", "MAX_ARCHIVE", "MAX_MEMBERS", "MAX_UNCOMPRESSED", "MAX_RATIO", "RATIO_FLOOR"]

MAX_ARCHIVE = 8 * 2**20
MAX_MEMBERS = 200
MAX_UNCOMPRESSED = 8 * 2**20
MAX_RATIO = 100
RATIO_FLOOR = 64 * 2**10
IGNORED_FOLDERS = frozenset({"__MACOSX", "__pycache__", ".ipynb_checkpoints", ".git"})
ARCHIVES = (".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".7z", ".rar", ".whl", ".egg")
_DRIVE = re.compile(r"^[A-Za-z]:")


def read_zip(data, where, *, max_file, max_files):
    """The submission files of a zip archive's bytes.

    Returns (files, oversize, notes, paths): {name: bytes} of the top-level files (at most
    ``max_files``), names of files over ``max_file(name)`` bytes (not read), remarks on
    what was ignored (for the message when nothing usable is found), and {name: its path in
    the archive} ("alice/rnn.py" for a folder holding everything, which is unwrapped).
    """
    declared = _declared_members(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise SubmissionError(f"{where}: the archive has {declared} members, more than {MAX_MEMBERS}; refused")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:   # BadZipFile, EOFError, struct or unicode errors on a crafted directory
        raise SubmissionError(f"{where}: not a readable zip archive ({_reason(exc)})") from None
    with archive:
        members = _checked(infos, where)
        files, oversize, notes = {}, [], []
        top = _top_level(members, notes)
        paths = {name: "/".join(p for p in info.filename.replace("\\", "/").split("/") if p not in ("", "."))
                 for name, info in top.items()}
        for name, info in sorted(top.items()):
            if len(files) >= max_files:
                notes.append(f"only the first {max_files} files were read")
                break
            if info.file_size > max_file(name):
                oversize.append(name)
                continue
            files[name] = _read(archive, info, max_file(name), where)
        return files, oversize, notes, paths


def _declared_members(data):
    """The member count of the end-of-central-directory record, read before zipfile parses
    every entry (None when absent or a ZIP64 archive: then zipfile's own count is checked)."""
    tail = data[-(22 + 0xFFFF):]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    total = struct.unpack("<H", tail[at + 10:at + 12])[0]
    return None if total == 0xFFFF else total


def _checked(infos, where):
    """{path: ZipInfo} of the file members, after refusing anything unsafe."""
    if len(infos) > MAX_MEMBERS:
        raise SubmissionError(f"{where}: the archive has {len(infos)} members, more than {MAX_MEMBERS}; refused")
    members, total = {}, 0
    for info in infos:
        shown = info.filename
        name = info.filename.replace("\\", "/")
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
            raise SubmissionError(f"{where}: member {shown!r} has a path outside the archive "
                                  f"(absolute, a drive or '..'); refused")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise SubmissionError(f"{where}: member {shown!r} is a symbolic link; refused")
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise SubmissionError(f"{where}: member {shown!r} is not a regular file; refused")
        if info.flag_bits & 0x1:
            raise SubmissionError(f"{where}: member {shown!r} is encrypted; submit an archive without a password")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SubmissionError(f"{where}: member {shown!r} expands {info.file_size // max(info.compress_size, 1)} "
                                  f"times ({_size(info.compress_size)} to {_size(info.file_size)}), more than "
                                  f"{MAX_RATIO} times: a zip bomb?; refused")
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise SubmissionError(f"{where}: the archive holds more than {_size(MAX_UNCOMPRESSED)} once "
                                  f"uncompressed; refused (a submission is a few small .py files)")
        if info.is_dir() or name.endswith("/") or not parts:
            continue
        path = "/".join(parts)
        if path in members:
            raise SubmissionError(f"{where}: two members are named {path!r}; refused")
        members[path] = info
    return members


def _top_level(members, notes):
    """{name: ZipInfo} of the files the submission is made of (see the module docstring)."""
    kept = {}
    for path, info in members.items():
        parts = path.split("/")
        if any(p in IGNORED_FOLDERS or p.startswith(".") for p in parts):
            continue
        if parts[-1].lower().endswith(ARCHIVES):
            notes.append(f"the nested archive {path} was not opened")
            continue
        kept[tuple(parts)] = info
    while kept and all(len(p) > 1 for p in kept) and len({p[0] for p in kept}) == 1:
        kept = {p[1:]: info for p, info in kept.items()}   # unwrap a folder holding everything
    top = {p[0]: info for p, info in kept.items() if len(p) == 1}
    if len(top) < len(kept):
        notes.append("files in subfolders were ignored")
    return top


def _read(archive, info, max_file, where):
    try:
        with archive.open(info) as member:
            data = member.read(max_file + 1)
    except Exception as exc:   # BadZipFile (CRC, header), zlib.error, NotImplementedError (method), ...
        raise SubmissionError(f"{where}: member {info.filename!r} cannot be read ({_reason(exc)})") from None
    if len(data) != info.file_size:
        raise SubmissionError(f"{where}: member {info.filename!r} is corrupt (its size is not the declared one)")
    return data


def _reason(exc):
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _size(n):
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB" if n >= 2**10 else f"{n} bytes"
