"""Load a submission from disk: its files as bytes, and which curriculum modules it lacks.

A submission is one of:

- a folder shaped like ``exercises/``: rnn.py, lstm.py, gru.py, gradients.py,
  slot_filling.py (any may be missing), helper modules and data files beside them;
- a single ``.py`` file holding every module's functions;
- a ``.zip`` archive of either (the folder may be wrapped in folders: ``alice/rnn.py``),
  or of one notebook; read in memory, never extracted (see ``grader._archive``);
- a Jupyter notebook ``.ipynb``: its definitions become a single file (see
  ``grader._notebook``).

A folder or archive with none of the module files but exactly one .py file is a single
file too; with no .py file but exactly one notebook, a notebook.

A single file is handed to the child as ``_submission.py``, beside five generated module
files (rnn.py, ...) that run it and give its names (see ``_shim``), so the modules import
by their usual names. In it, ``from rnn import activation``-style lines run at import
time are removed (one file is one namespace: the names are there already, and such a line
before the definitions would fail); see ``grader._source.rewrite_single``.

Only regular files are read (no symlinks, no devices), at most MAX_FILE bytes each and
MAX_FILES files; everything stays in memory and is handed to the child, never imported
here. The submission's name (the student id) is the folder's name, or the file's name
without its extension (alice.zip -> alice).
"""

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field

from . import _archive, _notebook, _source
from .catalogue import EXERCISES, MODULES
from .errors import SubmissionError, UsageError
from .messages import literal, say

__all__ = ["Submission", "load_submission", "submission_name", "content_hash", "is_class_folder",
           "is_output_folder", "class_entries", "MODULES", "SINGLE", "KINDS"]

FUNCTIONS = {m: tuple(e.split(".")[1] for e in EXERCISES if e.split(".")[0] == m) for m in MODULES}
MAX_FILE = 2**20
MAX_FILES = 64
MAX_NOTEBOOK = 8 * 2**20   # a notebook carries its outputs (plots); its code is capped at MAX_FILE
SINGLE = "_submission.py"
KINDS = (".py", ".zip", ".ipynb")
_ACCEPTED = "a folder of .py files, a single .py file, a .zip archive or a Jupyter notebook (.ipynb)"


@dataclass
class Submission:
    """A submission read from disk.

    - name: the student id (folder name, or file name without extension); path: as given
    - files: {file name: bytes}, written into the child's private folder
    - missing: {module: reason} for curriculum modules that cannot be graded
    - kind: "folder", "py", "zip" or "ipynb"; notes: remarks on what was left out
    - origins: {file name: (where it was submitted, [(line, cell number)] of a notebook's cells or None)}:
      what a traceback's "rnn.py", line 12 was in the student's terms (``written_where``)
    """

    name: str
    path: str
    files: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)
    kind: str = "folder"
    notes: list = field(default_factory=list)
    origins: dict = field(default_factory=dict)


def submission_name(path):
    """The student id of a submission path: a folder's name, a file's name without its extension."""
    path = os.path.abspath(path)
    base = os.path.basename(path.rstrip(os.sep)) or path
    if os.path.isdir(path):
        return base
    stem, ext = os.path.splitext(base)
    return stem if ext.lower() in KINDS and stem else base


def content_hash(path):
    """The sha256 of what ``load_submission(path)`` reads: a file's bytes, or the visible top-level files of
    the folder it grades (``_locate``: a folder wrapped in folders, a repository's exercises/).

    Never raises: an unreadable path, or one that does not load, hashes its error, so that fixing it
    means a regrade.
    """
    digest = hashlib.sha256()
    path = os.path.abspath(path)
    try:
        if os.path.isdir(path):
            root, path = path, _locate(path)[0]
            digest.update(f"{os.path.relpath(path, root)}\0".encode("utf-8", "surrogateescape"))
        if os.path.isdir(path):
            for entry in sorted(os.scandir(path), key=lambda e: e.name):
                if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                    digest.update(f"{len(entry.name)}:{entry.name}".encode("utf-8", "surrogateescape"))
                    _hash_file(digest, entry.path, _cap(entry.name) + 1)
        else:
            _hash_file(digest, path, max(MAX_NOTEBOOK, _archive.MAX_ARCHIVE) + 1)
    except OSError as exc:
        digest.update(f"unreadable: {exc.strerror}".encode())
    except SubmissionError as exc:
        digest.update(f"not a submission: {exc}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _hash_file(digest, path, cap):
    with open(path, "rb") as f:
        while cap > 0 and (block := f.read(min(cap, 2**20))):
            digest.update(block)
            cap -= len(block)


_NOT_SUBMISSIONS = {"__MACOSX", "__pycache__"}   # left by zip tools and Python, never a student


def is_class_folder(path):
    """True when ``path`` is a folder of submissions, False when it is one submission.

    A folder is one submission when it holds module files (rnn.py, ...) and nothing that looks
    like another student's work; a class when it holds no module file. One that holds both
    (a stray rnn.py among students' folders, zips and notebooks) is ambiguous: UsageError,
    naming both readings and the flags that settle it (``grade --single``, ``grade --class``).
    (A folder holding only one student's single .py file or notebook is a class of one, named
    after that file; ``--single`` says otherwise.)
    """
    if not os.path.isdir(path):
        return False
    entries = _visible(path)
    if not any(e.name in _MODULE_FILES for e in entries):
        return True
    students = [e.name for e in entries if _looks_like_a_student(e)]
    if students:
        shown = ", ".join(students[:4]) + (", ..." if len(students) > 4 else "")
        raise UsageError(
            f"{path} is ambiguous: it holds {', '.join(sorted(e.name for e in entries if e.name in _MODULE_FILES))} "
            f"like one submission, and {shown} like a class of submissions. Pass --single to grade it as one "
            f"submission, or --class to grade each entry as a student")
    return False


def _looks_like_a_student(entry):
    """An entry of a folder that is another submission rather than a part of this one: an archive, a
    notebook, or a folder holding Python files, archives or notebooks (within two levels)."""
    if entry.is_file(follow_symlinks=False):
        return entry.name.lower().endswith((".zip", ".ipynb"))
    if not entry.is_dir(follow_symlinks=False) or is_output_folder(entry.path):
        return False
    level = [entry.path]
    for _ in range(2):
        inner = [e for folder in level for e in _visible(folder)]
        if any(e.is_file(follow_symlinks=False) and e.name.lower().endswith(KINDS) for e in inner):
            return True
        level = [e.path for e in inner if e.is_dir(follow_symlinks=False)]
    return False


OUTPUT_MARKERS = ("gradebook.sqlite", "results.json")
"""A folder holding one of these was written by the grader (an output folder, or one student's reports)."""


def is_output_folder(path):
    """True when path is a folder the grader wrote: an output folder, or a student's reports in one."""
    return os.path.isdir(path) and any(os.path.isfile(os.path.join(path, m)) for m in OUTPUT_MARKERS) \
        and not _has_modules(path)


def class_entries(folder, *, exclude=()):
    """(submissions, left out) of a class folder: every visible entry, sorted, but those in ``exclude``
    and the folders the grader wrote (earlier output folders); left out: {entry: why}.

    Hidden entries (".DS_Store", ".git") and __MACOSX/__pycache__ are not students; every other
    entry is, whatever it is (a file of another kind is graded as a submission that fails to load).
    """
    skip = {os.path.realpath(p) for p in exclude}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise SubmissionError(f"{folder}: cannot be read ({exc.strerror})") from None
    paths, left_out = [], {}
    for e in entries:
        if e.name.startswith(".") or e.name in _NOT_SUBMISSIONS or os.path.realpath(e.path) in skip:
            continue
        if is_output_folder(e.path):
            left_out[e.path] = "written by the grader (an earlier output folder), not a student"
        else:
            paths.append(e.path)
    return paths, left_out


def load_submission(path: str) -> Submission:
    """Read a submission (folder, .py, .zip or .ipynb); raise SubmissionError if it is none."""
    path = os.path.abspath(path)
    name = submission_name(path)
    base = os.path.basename(path.rstrip(os.sep)) or path
    if os.path.isdir(path):
        inner, notes = _locate(path)
        where = os.path.relpath(inner, os.path.dirname(path))
        if not os.path.isdir(inner):    # the folder holds nothing but one archive
            data = _read_file(inner, _archive.MAX_ARCHIVE, where)
            files, oversize, more, paths = _archive.read_zip(data, where, max_file=_cap, max_files=MAX_FILES)
            problems = {f: f"{f} is larger than {_kib(_cap(f))}" for f in oversize}
            return _assemble(name, path, "zip", files, problems, notes + more, where, paths)
        files, problems = _read_folder(inner)
        return _assemble(name, path, "folder", files, problems, notes, f"{where}/")
    if not os.path.lexists(path):
        raise SubmissionError(f"{path}: no such file or folder")
    ext = os.path.splitext(base)[1].lower()
    if ext not in KINDS:
        kind = f"a {ext} file" if ext else "a file without an extension"
        raise SubmissionError(f"{base}: {kind} is not a submission; accepted: {_ACCEPTED}")
    if ext == ".py":
        data = _read_file(path, MAX_FILE, base)
        return _single(name, path, "py", base, data, {}, [], base)
    if ext == ".ipynb":
        data = _read_file(path, MAX_NOTEBOOK, base)
        return _from_notebook(name, path, "ipynb", base, data, {}, (), base)
    data = _read_file(path, _archive.MAX_ARCHIVE, base)
    files, oversize, notes, paths = _archive.read_zip(data, base, max_file=_cap, max_files=MAX_FILES)
    problems = {f: f"{f} is larger than {_kib(_cap(f))}" for f in oversize}
    return _assemble(name, path, "zip", files, problems, notes, base, paths)


def _locate(folder):
    """(where the submission is, notes) in a folder: the folder itself when it holds a module file; else the
    one shallowest folder inside that does (a cloned repository: exercises/rnn.py beside a README); else
    the folder it wraps (alice/alice/); else, when it holds no Python file or notebook but one .zip, that
    archive. Raises SubmissionError when module files lie in several folders at the same depth."""
    folder = _unwrap(folder)
    if _has_modules(folder):
        return folder, []
    level = [folder]
    for _ in range(_SEARCH_DEPTH):
        level = [e.path for f in level for e in _visible(f) if e.is_dir(follow_symlinks=False)]
        found = sorted(p for p in level if _has_modules(p))
        if len(found) == 1:
            shown = os.path.relpath(found[0], folder)
            return found[0], [f"graded the modules in {shown}/; the other files of the upload were left out"]
        if found:
            raise SubmissionError(f"{os.path.basename(folder)}: module files in several folders "
                                  f"({', '.join(os.path.relpath(p, folder) + '/' for p in found[:6])}): "
                                  f"submit one of them")
    entries = [e for e in _visible(folder) if e.is_file(follow_symlinks=False)]
    names = [e.name.lower() for e in entries]
    archives = [e.path for e in entries if e.name.lower().endswith(".zip")]
    if len(archives) == 1 and not any(n.endswith((".py", ".ipynb")) for n in names):
        return archives[0], []
    return folder, []


_SEARCH_DEPTH = 3


def _visible(folder):
    """The entries of folder that may belong to a submission (not hidden, not left by tools); [] if unreadable."""
    try:
        return sorted((e for e in os.scandir(folder) if not e.name.startswith(".") and e.name not in _NOT_SUBMISSIONS),
                      key=lambda e: e.name)
    except OSError:
        return []


def _has_modules(folder):
    return any(e.name in _MODULE_FILES for e in _visible(folder))


_MODULE_FILES = {f"{m}.py" for m in MODULES}


def _unwrap(folder, depth=3):
    """The folder itself, or the folder it wraps: one holding nothing visible but one folder (alice/alice/)."""
    for _ in range(depth):
        visible = _visible(folder)
        if len(visible) != 1 or not visible[0].is_dir(follow_symlinks=False):
            return folder
        folder = visible[0].path
    return folder


def _cap(file_name):
    """The size cap of a file: a notebook carries its outputs, so is allowed more."""
    return MAX_NOTEBOOK if file_name.lower().endswith(".ipynb") else MAX_FILE


def _read_file(path, cap, shown):
    """The bytes of a regular file (symlinks to one followed, as for a folder), at most cap."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError(f"{shown}: not a regular file")
        if info.st_size > cap:
            raise SubmissionError(f"{shown}: larger than {_kib(cap)}; refused")
        with open(path, "rb") as f:
            data = f.read(cap + 1)
    except OSError as exc:
        raise SubmissionError(f"{shown}: cannot be read ({exc.strerror})") from None
    if len(data) > cap:
        raise SubmissionError(f"{shown}: larger than {_kib(cap)}; refused")
    return data


def _read_folder(path):
    """({name: bytes}, {name: why not read}) of a folder's regular, visible top-level files."""
    files, problems = {}, {}
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from None
    for entry in entries:
        if len(files) >= MAX_FILES:
            break
        if entry.name.startswith("."):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_size > _cap(entry.name):
                problems[entry.name] = f"{entry.name} is larger than {_kib(_cap(entry.name))}"
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as f:
                if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                    continue
                data = f.read(_cap(entry.name) + 1)
        except OSError as exc:
            problems[entry.name] = f"{entry.name} cannot be read ({exc.strerror})"
            continue
        if len(data) > _cap(entry.name):
            problems[entry.name] = f"{entry.name} is larger than {_kib(_cap(entry.name))}"
            continue
        files[entry.name] = data
    return files, problems


def _assemble(name, path, kind, files, problems, notes, where, paths=None):
    """The Submission of a folder's (or archive's) top-level files: modules, a single file or a notebook.

    problems: {file name: why it was not read} (too large, unreadable); paths: {file name: its path in
    the archive}, when it is not the name (a folder holding everything, unwrapped).
    """
    paths = paths or {}
    python = sorted(f for f in list(files) + list(problems) if f.endswith(".py"))
    modules = [m for m in MODULES if f"{m}.py" in python]
    if modules:
        missing = {}
        for module in MODULES:
            if f"{module}.py" in problems:
                missing[module] = literal(problems[f"{module}.py"])
            elif f"{module}.py" not in files:
                missing[module] = say("load/missing_module", module=module)
        files = {f: data for f, data in files.items() if not f.lower().endswith(".ipynb")}   # inputs, not data
        return Submission(name=name, path=path, files=files, missing=missing, kind=kind, notes=notes,
                          origins={f: (_shown(where, paths.get(f, f)), None) for f in files if f.endswith(".py")})
    others = {f: data for f, data in files.items() if not f.endswith(".py") and not f.lower().endswith(".ipynb")}
    if len(python) == 1:
        (single,) = python
        if single in problems:
            raise SubmissionError(f"{where}: {problems[single]}")
        return _single(name, path, kind, single, files[single], others, notes, _shown(where, paths.get(single, single)))
    if len(python) > 1:
        raise SubmissionError(
            f"{where}: none of {', '.join(m + '.py' for m in MODULES)}, but several Python files "
            f"({', '.join(python[:6])}{', ...' if len(python) > 6 else ''}): name the files after the "
            f"modules, or submit all the functions in one .py file")
    notebooks = sorted(f for f in list(files) + list(problems) if f.lower().endswith(".ipynb"))
    if len(notebooks) == 1:
        (notebook,) = notebooks
        if notebook in problems:
            raise SubmissionError(f"{where}: {problems[notebook]}")
        return _from_notebook(name, path, kind, notebook, files[notebook], others, notes, _shown(where, paths.get(notebook, notebook)))
    if len(notebooks) > 1:
        raise SubmissionError(f"{where}: no Python files and several notebooks ({', '.join(notebooks[:6])}): "
                              f"submit one")
    remark = f" ({'; '.join(notes)})" if notes else ""
    raise SubmissionError(f"{where}: no Python files (expected {_ACCEPTED}){remark}")


def _from_notebook(name, path, kind, origin, data, others, notes, shown):
    source, left_out = _notebook.notebook_source(data, origin, max_code=MAX_FILE)
    if len(source) > MAX_FILE:
        raise SubmissionError(f"{origin}: its code is larger than {_kib(MAX_FILE)}")
    submission = _single(name, path, kind, origin, source, others, list(notes) + left_out, shown)
    cells = [(n + 1, int(m.group(1))) for n, line in enumerate(submission.files[SINGLE].decode("utf-8", "replace")
                                                               .splitlines())
             for m in [_CELL_MARK.match(line)] if m]
    submission.origins[SINGLE] = (shown, cells)
    return submission


_CELL_MARK = re.compile(r"# --- cell (\d+)[ (]")


def _shown(where, name):
    """A file as the student submitted it: "exercises/rnn.py" in a folder, "bob.zip:rnn.py" in an archive."""
    return f"{where}{name}" if where.endswith("/") else f"{where}:{name}"


def _single(name, path, kind, origin, data, others, notes, shown):
    """A submission made of one file holding every module's functions."""
    source, defined = _source.rewrite_single(data, MODULES)
    files = dict(others)
    files[SINGLE] = source
    for module in MODULES:
        files[f"{module}.py"] = _shim(module, origin)
    missing = {}
    if defined is not None:
        remark = f" ({'; '.join(notes)})" if notes else ""
        for module, functions in FUNCTIONS.items():
            if not defined & set(functions):
                missing[module] = say("load/no_function", origin=origin, module=module,
                                      functions=", ".join(functions), remark=remark)
    return Submission(name=name, path=path, files=files, missing=missing, kind=kind, notes=list(notes),
                      origins={SINGLE: (shown, None)})


_SHIM = '''"""Module {module}, generated by the grader: the submission is the single file {origin}, run
here as {single}; this module gives its names, so that `import {module}` and
`from {module} import ...` work."""


def __getattr__(name):
    # Looked up lazily: while {single} runs, it may import this module (a cycle).
    import {stem}
    try:
        return getattr({stem}, name)
    except AttributeError:
        pass
    raise AttributeError({origin_literal} + " defines no " + repr(name))


def __dir__():
    import {stem}
    return dir({stem})


import {stem}  # noqa: E402  (runs the submission now: its errors are this module's import errors)
'''


def _shim(module, origin):
    """The module file giving the single file's names (PEP 562 __getattr__), importing it at once."""
    stem = SINGLE[:-3]
    shown = re.sub(r"[^\w .()+-]", "_", origin)   # in a docstring: no quotes, no backslashes
    text = _SHIM.format(module=module, origin=shown, single=SINGLE, stem=stem, origin_literal=repr(origin))
    return text.encode("utf-8")


def _kib(n):
    return f"{n // 2**20} MiB" if n >= 2**20 and n % 2**20 == 0 else f"{n // 1024} KiB"
