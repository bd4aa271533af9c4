"""The child process: imports a submission and runs its functions, nothing else.

Started by the grader as ``python -I _child.py REQ REPLY`` (when root, inside new PID,
mount, network and IPC namespaces), REQ and REPLY being the numbers of its two
pipes, which it moves to fds 3 and 4 first. It reads its setup from fd 3, confines
itself (private /tmp, masked grader and reference, resource limits, an
unprivileged uid), then serves requests from fd 3 and replies on fd 4.
Whatever it replies is only data: the grader validates every byte, so code
here may be subverted by the student without changing a verdict.
"""

import builtins
import copy
import ctypes
import fcntl
import os
import platform
import re
import resource
import stat
import sys
import sysconfig
import traceback
import warnings

REQ_FD, REPLY_FD = 3, 4


def _adopt_pipes():
    """Move the pipes the grader passed (their numbers are argv[1:3]) to fds 3 and 4.

    The grader passes them at whatever numbers they have: asking the kernel to keep
    fds 3 and 4 of the grader instead would fail whenever those belong to an object
    that the garbage collector closes in the forked process before exec.
    """
    given = [int(a) for a in sys.argv[1:3]]
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in given]
    for fd in given:
        os.close(fd)
    for fd, target in zip(moved, (REQ_FD, REPLY_FD)):
        os.dup2(fd, target)
        os.close(fd)
    del sys.argv[1:3]


_adopt_pipes()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _wire  # noqa: E402

del sys.path[0]

import numpy as np  # noqa: E402  (imported before the uid drop, like the rest of numpy's lazy parts)

_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT, _MS_BIND, _MS_REC = 1, 2, 4, 8, 32, 4096, 16384
_MS_KEEP = {"nosuid": _MS_NOSUID, "nodev": _MS_NODEV, "noexec": _MS_NOEXEC, "noatime": 1024,
            "nodiratime": 2048, "relatime": 1 << 21}
_PRIVATE = ("/tmp", "/var/tmp", "/dev/shm")


def _read_exactly(n):
    chunks = []
    while n:
        chunk = os.read(REQ_FD, n)
        if not chunk:
            os._exit(0)
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _reply(header, arrays=()):
    _wire.send_frame(REPLY_FD, _wire.encode_reply(header, arrays))


_QUEUE = []
"""Requests read while a stand-in waited for the grader's answer (see ``_callback``), served next."""


def _next_request():
    if _QUEUE:
        return _QUEUE.pop(0)
    return _wire.decode_request(_wire.recv_frame(_read_exactly))


# ------------------------------------------------------------ confinement (root only)

_libc = None


def _mount(source, target, fstype, flags=0, data=""):
    global _libc
    _libc = _libc or ctypes.CDLL(None, use_errno=True)
    if _libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                   ctypes.c_ulong(flags), data.encode()) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def _untraversable_ancestor(path):
    """The topmost ancestor of path that other users cannot enter, or None."""
    parts = os.path.abspath(path).split(os.sep)[1:]
    for n in range(1, len(parts)):
        ancestor = os.sep + os.path.join(*parts[:n])
        if not os.stat(ancestor).st_mode & stat.S_IXOTH:
            return ancestor
    return None


_SYSTEM = {"bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "proc", "sys", "dev", "tmp", "var", "run"}


def _hidden_folders(roots):
    """The folders to cover: every top-level folder but the system's, and any folder closed to others.

    What people keep on a machine (/home, /root, /work, /opt, /srv, /mnt, ...) may hold
    other copies of the reference or other students' work: the child sees none of it.
    """
    covers = {os.path.join("/", e.name) for e in os.scandir("/")
              if e.name not in _SYSTEM and e.is_dir(follow_symlinks=False)}
    covers |= {a for a in map(_untraversable_ancestor, roots) if a}
    return sorted(c for c in covers if not any(c.startswith(d + os.sep) for d in covers))


def _python_roots():
    """The folders of the Python installation the child runs on: prefixes, standard library, numpy's site."""
    paths = {sys.prefix, sys.base_prefix, os.path.dirname(os.__file__),
             os.path.dirname(os.path.dirname(np.__file__)), *sysconfig.get_paths().values()}
    return sorted({os.path.realpath(p) for p in paths if p and os.path.isdir(p)})


def _cover(path, keep, data):
    """Mount an empty tmpfs (options ``data``) over path, binding back every folder of ``keep`` inside it.

    Each kept folder is held by an O_PATH descriptor before the tmpfs goes on, and bound
    back from that descriptor: no staging folder, wherever the folder lives (a Python
    under /tmp survives /tmp's private tmpfs, a class folder above the interpreter is
    hidden but the interpreter is not).
    """
    inside = [p for p in keep if p == path or p.startswith(path.rstrip(os.sep) + os.sep)]
    inside = [p for p in inside if not any(p != q and p.startswith(q + os.sep) for q in inside)]
    held = [(p, os.open(p, os.O_PATH | os.O_DIRECTORY)) for p in inside]
    try:
        _mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, data)
        for kept, fd in held:
            os.makedirs(kept, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}", kept, None, _MS_BIND | _MS_REC)
    finally:
        for _, fd in held:
            os.close(fd)


def _read_only_elsewhere():
    """Remount every mount read-only but the private tmpfs mounts, /proc and /sys.

    Without this the child could write wherever its uid may, e.g. world-writable
    folders on the host's disk (/run/lock, /var/crash, /dev/mqueue), and its files
    would outlive it. A path names its topmost mount, so a private tmpfs over a host
    mount at the same place stays writable. Mounts that refuse are left as they are.
    """
    with open("/proc/self/mountinfo") as f:
        mounts = [line.split() for line in f]
    for fields in mounts:
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
        options = fields[5].split(",")
        if "ro" in options or point in _PRIVATE or point.startswith(("/proc", "/sys")):
            continue
        flags = sum(_MS_KEEP.get(o, 0) for o in options)
        try:
            _mount("none", point, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | flags)
        except OSError:
            pass


def _confine(setup):
    """Private temporary folders, masked paths, the Python tree readable, the rest read-only; as root.

    The Python installation stays visible wherever it is (``_cover``); the masks (the
    grader, the reference, other submissions) are put on last, so that they also hide
    what lies inside a kept Python folder (a grader installed in site-packages).
    """
    roots = _python_roots()
    for path in _PRIVATE:
        if os.path.isdir(path):
            _cover(path, roots, f"mode=1777,size={setup['limits']['tmp_mib']}m")
    for path in _hidden_folders(roots):
        _cover(path, roots, "mode=0755,size=1m")
    for path in setup["mask"]:
        if os.path.isdir(path):
            _cover(path, roots, "mode=0555,size=1m")
    _read_only_elsewhere()


def _limit(setup):
    limits = setup["limits"]
    for name, value in (("RLIMIT_AS", limits["memory_mib"] * 2**20), ("RLIMIT_CPU", limits["cpu_seconds"]),
                        ("RLIMIT_FSIZE", limits["file_mib"] * 2**20), ("RLIMIT_NOFILE", 64),
                        ("RLIMIT_NPROC", limits["processes"]), ("RLIMIT_CORE", 0)):
        resource.setrlimit(getattr(resource, name), (value, value))


def _write_files(workdir, files, uid):
    os.makedirs(workdir, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(workdir, name), "wb") as f:
            f.write(data)
    if uid is not None:
        for name in [""] + list(files):
            os.chown(os.path.join(workdir, name), uid, uid)
        os.chmod(workdir, 0o700)


_PR_SET_NO_NEW_PRIVS = 38


def _drop_privileges(uid):
    """Become uid for good. No new privileges: a set-uid program the submission runs gains nothing
    (needs no capability, so it also holds in a container without namespaces)."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _self_test(roots, workdir):
    """What every submission needs, checked as the submission will run (confined, its uid), before any
    of its code: the Python installation, the standard library, numpy, its own folder. A failure is
    the set-up's (``SetupFailed``), never the student's."""
    for root, had_files in roots.items():
        try:
            if had_files and not os.listdir(root):
                raise FileNotFoundError("it is empty there")
        except OSError as exc:
            raise SetupFailed(f"the Python installation folder {root} is hidden from the sandbox "
                              f"({exc.strerror or exc})") from None
    try:
        import statistics  # noqa: F401  a pure-Python module that imports a dozen more
        np.dot(np.ones(2), np.ones(2))
        os.listdir(workdir)
    except Exception as exc:  # noqa: BLE001
        raise SetupFailed(f"the sandbox cannot run Python with numpy in {workdir}: "
                          f"{type(exc).__name__}: {exc}") from None


_KEYCTL = {"x86_64": 250, "aarch64": 219}.get(platform.machine())
_JOIN_SESSION_KEYRING, _CLEAR = 1, 7
_USER_KEYRING, _USER_SESSION_KEYRING = -4, -5


def _fresh_keyrings(own_uid):
    """A new, empty session keyring; with own_uid (the sandbox's uid, not the grader's user) the uid's
    keyrings emptied too: the kernel keeps them per uid, so without this a submission could leave keys
    for the next one graded under the same uid."""
    if _KEYCTL is None:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall(ctypes.c_long(_KEYCTL), ctypes.c_long(_JOIN_SESSION_KEYRING), None)
    for ring in (_USER_KEYRING, _USER_SESSION_KEYRING) if own_uid else ():
        libc.syscall(ctypes.c_long(_KEYCTL), ctypes.c_long(_CLEAR), ctypes.c_long(ring))


class SetupFailed(Exception):
    """The child cannot run submissions here; reported to the grader as the set-up's fault."""


class _Blocker:
    """Without namespaces: refuse imports of the grader and the reference (a weak, best-effort fence)."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("grader", "reference", "hypothesis"):
            raise ImportError(f"{name} is not available to submissions")
        return None


def _setup():
    setup = _wire.decode_request(_wire.recv_frame(_read_exactly))
    uid = setup["uid"]
    roots = {root: bool(os.listdir(root)) for root in _python_roots()}   # as they are before confinement
    if setup["isolate"]:
        _confine(setup)
    workdir = setup["workdir"]
    _write_files(workdir, setup["files"], uid)
    _limit(setup)
    if uid is not None:
        _drop_privileges(uid)
    _fresh_keyrings(own_uid=uid is not None)
    _self_test(roots, workdir)
    os.chdir(workdir)
    os.environ.update(HOME=workdir, TMPDIR=workdir)
    sys.meta_path.insert(0, _Blocker())
    sys.path[:] = [workdir] + [p for p in sys.path if p and not p.startswith(tuple(setup["mask"]))]
    sys.dont_write_bytecode = True
    _STANDINS.substitutes = frozenset(setup.get("substitute", ()))
    _STANDINS.curriculum = {m: tuple(fs) for m, fs in setup.get("curriculum", {}).items()}
    _STANDINS.workdir = workdir
    return workdir


# ------------------------------------------------------------ stand-ins for other curriculum functions


class _StandIns:
    """Each exercise is graded on its own: while the grader calls one curriculum function, every
    name by which the submission reaches another curriculum function of ``substitutes`` (module
    globals such as ``activation`` in rnn.py, ``from rnn import activation`` in lstm.py) is bound
    to a stand-in that asks the grader, which answers with a correct value (``_callback``).
    The grader decides which functions are substituted and checks every question it is asked.
    """

    def __init__(self):
        self.substitutes, self.curriculum, self.workdir = frozenset(), {}, ""
        self.originals = {}   # "module.function" -> the student's function object
        self.bindings = []    # (namespace dict, name, "module.function")
        self.active = frozenset()

    def track(self):
        """Find the curriculum functions of every module of the submission loaded so far, and every
        name bound to one of them."""
        self.bind(frozenset())
        modules = [m for m in list(sys.modules.values())
                   if str(getattr(m, "__file__", "") or "").startswith(self.workdir + os.sep)]
        for module in modules:
            for function in self.curriculum.get(module.__name__, ()):
                fn = module.__dict__.get(function)
                if callable(fn) and f"{module.__name__}.{function}" not in self.originals:
                    self.originals[f"{module.__name__}.{function}"] = fn
        by_id = {id(fn): key for key, fn in self.originals.items()}
        self.bindings = [(module.__dict__, name, by_id[id(value)]) for module in modules
                         for name, value in list(module.__dict__.items()) if id(value) in by_id]

    def bind(self, active):
        """Bind the stand-ins of ``active`` and the student's own functions for every other name."""
        if active == self.active:
            return
        for namespace, name, key in self.bindings:
            namespace[name] = _stand_in(key) if key in active else self.originals[key]
        self.active = active

    def function(self, module, function):
        """The student's own module.function, stand-ins bound for every other substituted function."""
        key = f"{module}.{function}"
        self.bind(self.substitutes - {key})
        return self.originals.get(key) or getattr(sys.modules[module], function)


_STANDINS = _StandIns()
_STAND_IN_CACHE = {}


def _stand_in(key):
    if key not in _STAND_IN_CACHE:
        module, function = key.split(".")

        def stand_in(*args, **kwargs):
            return _callback(module, function, args, kwargs)

        stand_in.__name__ = stand_in.__qualname__ = function
        _STAND_IN_CACHE[key] = stand_in
    return _STAND_IN_CACHE[key]


def _pack(value, arrays, depth=0):
    """An argument as a reply tree (leaves: plain numbers, strings, None, indices into arrays), as
    ``_wire.decode_tree`` reads it."""
    if depth > 32:
        raise TypeError("arguments nested too deeply")
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.array(value, order="C")   # (np.ascontiguousarray would make a 0-d array 1-d)
        if array.dtype.str not in _wire.DTYPES:
            raise TypeError(f"an array of dtype {array.dtype}")
        arrays.append(array)
        return {"a" if isinstance(value, np.ndarray) else "s": len(arrays) - 1}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return {"l" if isinstance(value, list) else "t": [_pack(v, arrays, depth + 1) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"d": [[k, _pack(v, arrays, depth + 1)] for k, v in value.items()]}
    raise TypeError(f"a {type(value).__name__}")


_ANSWERS = {}
"""The grader's answers to earlier questions, by question: a stand-in asked again with the same
arguments (the same prefix of a sequence, a call repeated) does not wait for the grader again."""
_ANSWERS_BYTES = [0, 32 << 20]   # held, most kept


def _callback(module, function, args, kwargs):
    """Ask the grader for module.function(*args, **kwargs), computed correctly; wait for its answer."""
    arrays = []
    try:
        tree = _pack([list(args), kwargs], arrays)
    except TypeError as exc:
        raise TypeError(f"{function}() was given {exc}: pass arrays, numbers, strings, lists or dicts") from None
    question = repr((module, function, tree, [(a.dtype.str, a.shape, a.tobytes()) for a in arrays]))
    if question in _ANSWERS:
        return copy.deepcopy(_ANSWERS[question])
    value = _ask(module, function, tree, arrays)
    _ANSWERS_BYTES[0] += 2 * len(question)   # the question and, about as large, its answer
    if _ANSWERS_BYTES[0] > _ANSWERS_BYTES[1]:
        _ANSWERS.clear()
        _ANSWERS_BYTES[0] = 2 * len(question)
    _ANSWERS[question] = copy.deepcopy(value)
    return value


def _ask(module, function, tree, arrays):
    _reply({"callback": {"module": module, "function": function}, "args": tree}, arrays)
    while True:
        request = _wire.decode_request(_wire.recv_frame(_read_exactly))
        if request.get("op") != "callback_reply":
            _QUEUE.append(request)
            continue
        if "error" in request:
            error = request["error"]
            kind = getattr(builtins, error.get("type", ""), None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = RuntimeError
            raise kind(error.get("message", ""))
        return request["value"]


# ------------------------------------------------------------ serving calls


def _student_traceback(exc, workdir):
    """The traceback lines inside the submission only."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(workdir)]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    return "".join(lines).replace(os.path.join(workdir, ""), "")[-4000:]   # "rnn.py": the grader says whose


def _error_header(exc, workdir):
    name = type(exc).__name__
    return {"ok": False, "error": {
        "type": name[:100], "message": _safe_str(exc)[:2000],
        "traceback": _student_traceback(exc, workdir),
        "not_implemented": isinstance(exc, NotImplementedError)}}


def _safe_str(exc):
    try:
        return str(exc)
    except BaseException:
        return "<unprintable exception>"


class _BadValue(Exception):
    """A returned value that cannot be converted: a message key of the grader's catalogue and its values."""

    def __init__(self, key, **values):
        super().__init__(key)
        self.key, self.values = key, {k: str(v)[:300] for k, v in values.items()}


def _to_array(value, where):
    """A plain numeric ndarray from what the student returned (lists and float32 are fine)."""
    try:
        if isinstance(value, np.ma.MaskedArray):
            value = np.ma.getdata(value)
        a = np.array(value, subok=False)
    except BaseException as exc:
        raise _BadValue("returned/not_array", where=where, error=f"{type(exc).__name__}: {_safe_str(exc)[:200]}")
    if a.dtype.kind not in "biuf":
        raise _BadValue("returned/not_number", where=where, dtype=a.dtype)
    return np.array(a, order="C", subok=False)


def _convert(value, spec, where, arrays):
    """Flatten the returned value along the spec the grader expects; arrays collects the leaves."""
    kind = spec[0]
    if kind == "array":
        arrays.append(_to_array(value, where))
        return len(arrays) - 1
    if kind == "tuple":
        n = len(spec[1])
        try:
            items = list(value)
        except BaseException:
            raise _BadValue("returned/not_tuple", where=where, n=n, type=type(value).__name__)
        if len(items) != n:
            raise _BadValue("returned/tuple_of", where=where, n=n, got=len(items))
        return [_convert(v, s, f"{where}[{k}]", arrays) for k, (v, s) in enumerate(zip(items, spec[1]))]
    if kind == "dict":
        if not isinstance(value, dict):
            raise _BadValue("returned/not_dict", where=where, type=type(value).__name__)
        missing = [k for k in spec[1] if k not in value]
        if missing:
            raise _BadValue("returned/missing_keys", where=where, missing=", ".join(missing),
                            returned=", ".join(_safe_str(k)[:40] for k in list(value)[:12]) or "none")
        return {k: _convert(value[k], s, f"{where}[{k!r}]", arrays) for k, s in spec[1].items()}
    raise _BadValue("returned/not_understood", where=where)


def _leaves(obj, path=()):
    """(path, array) for every ndarray inside nested args."""
    if isinstance(obj, np.ndarray):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(obj, (list, tuple)):
        for k, v in enumerate(obj):
            yield from _leaves(v, path + (k,))


def _lookup(obj, path):
    for key in path:
        obj = obj[key]
    return obj


def _mutations(args, before, arrays):
    """Paths of inputs the call changed, with their new values appended to arrays."""
    changed = []
    for path, (shape, dtype, data) in before.items():
        try:
            now = _lookup(args, path)
            same = (isinstance(now, np.ndarray) and now.shape == shape and now.dtype == dtype
                    and now.tobytes() == data)
        except BaseException:
            now, same = None, False
        if not same:
            try:
                arrays.append(_to_array(now, "input"))
                changed.append([list(path), len(arrays) - 1])
            except _BadValue:
                changed.append([list(path), None])
    return changed


_HEARD_CAP = 2000
"""Characters of what one call printed that its reply carries (the first ones); warnings: at most 5."""


class _Tee:
    """sys.stdout or sys.stderr during one call: everything goes on to the real stream (the
    grader's output budget counts it), and the first _HEARD_CAP characters are kept for the reply."""

    def __init__(self, stream, kept):
        self._stream, self._kept = stream, kept

    def write(self, text):
        text = text if isinstance(text, str) else str(text)
        if self._kept[0] < _HEARD_CAP:
            self._kept.append(text[:_HEARD_CAP - self._kept[0]])
            self._kept[0] += len(self._kept[-1])
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _heard(run):
    """run() with what it prints and warns kept: (raised, its value or exception, {"printed", "warned"})."""
    kept, streams = [0], (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = _Tee(streams[0], kept), _Tee(streams[1], kept)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                raised, outcome = False, run()
            except BaseException as exc:  # noqa: BLE001  replied as an error
                raised, outcome = True, exc
    finally:
        sys.stdout, sys.stderr = streams
    warned = []
    for w in caught[:5]:
        try:
            warned.append(f"{w.category.__name__}: {w.message}"[:300])
        except BaseException:  # noqa: BLE001  a student's warning class
            warned.append("a warning")
    return raised, outcome, {"printed": "".join(kept[1:]), "warned": warned}


def _shared(value, args):
    """Whether a returned array shares memory with an input array (``return v``, ``v.reshape(...)``): the
    caller's array, not a new one."""
    try:
        inputs = [a for _, a in _leaves(args)]
        return any(np.may_share_memory(out, a) for _, out in _leaves(value) for a in inputs)
    except BaseException:  # noqa: BLE001  whatever the student returned
        return False


def _serve(workdir):
    while True:
        request = _next_request()
        if request["op"] == "substitute":
            _STANDINS.substitutes = frozenset(request["keys"])
            continue
        if request["op"] == "import":
            raised, outcome, heard = _heard(lambda: __import__(request["module"]))
            _reply(dict(_error_header(outcome, workdir) if raised else {"ok": True}, **heard))
            _STANDINS.track()
            continue
        args = list(_wire.decode_request(request["payload"]))   # [args, kwargs], pickled apart by the grader
        before = {p: (a.shape, a.dtype, a.tobytes()) for p, a in _leaves(args)}
        raised, value, heard = _heard(lambda: _STANDINS.function(request["module"], request["function"])(
            *args[0], **args[1]))
        if raised:
            _reply(dict(_error_header(value, workdir), **heard))
            continue
        arrays = []
        try:
            tree = _convert(value, request["spec"], "result", arrays)
            header = {"ok": True, "value": tree}
        except _BadValue as bad:
            arrays, header = [], {"ok": False, "bad": {"key": bad.key, "values": bad.values}}
        except BaseException as exc:
            arrays, header = [], _error_header(exc, workdir)
        header["mutated"] = _mutations(args, before, arrays)
        header["shares"] = _shared(value, args)
        _reply(dict(header, **heard), arrays)


def _main():
    """Set up, say whether that worked (no submission code has run yet: the grader can trust this
    one reply), then serve."""
    try:
        workdir = _setup()
    except BaseException as exc:  # noqa: BLE001  the set-up's fault, whatever it is
        _reply({"setup_failed": exc.args[0] if isinstance(exc, SetupFailed) else
                f"{type(exc).__name__}: {exc}"})
        os._exit(1)
    _reply({"ready": True})
    _serve(workdir)


if __name__ == "__main__":
    _main()
