"""The generated cases of every check, made once and replayed for every submission.

Hypothesis, seeded by the check's id, generates the same cases for any
implementation until the first failure. So the cases it generates for the
reference (where nothing fails) are exactly what a passing submission would be
tested on. With them comes the check's *plan*: for each case, the calls its
property makes on a correct implementation (``grader.sandbox.proxy``), which the
grader sends to the submission's child ahead of time, and the results of the
property's expensive reference-only computations (``grader.properties.oracles.oracle``). ``replay`` makes both once
per process and keeps them on disk under ``$XDG_CACHE_HOME/rnn-grader`` (or
``~/.cache``; a private folder in the temporary folder when that cannot be
written), keyed by the grader's, Hypothesis' and numpy's versions and the
source of the properties and of the reference, and signed (see ``_key``), so a
student's repeated ``check`` does not generate them again. The file holds a JSON header and raw
array bytes (the wire format of ``grader.sandbox._wire``): reading it never
unpickles and never runs code.
"""

import collections.abc
import contextlib
import hashlib
import hmac
import json
import os
import stat
import tempfile
import zlib

import hypothesis
import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from . import __version__
from .answers import Answers, trusted
from .errors import GraderBug, UsageError
from .properties.given import as_given
from .properties.oracles import preload, recording
from .sandbox import _wire
from .sandbox.proxy import PlannedCall, ask_as_if_wrong, record_calls
from .tree import private_copy

__all__ = ["replay", "replay_cases", "prepare_cases", "cases_to_make", "freeze", "store_answers", "frozen_answers", "FROZEN", "search", "cache_folder", "cache_note"]

_FORMAT = 8
"""Bumped whenever what the cache files hold changes."""

_MEMORY = {}


def search(check, examples, attempt):
    """Hypothesis' search over the check's strategy: seeded by the check's id, no database."""
    test = given(check.strategy)(attempt)
    test = settings(max_examples=examples, database=None, deadline=None, derandomize=False,
                    verbosity=Verbosity.quiet, report_multiple_bugs=False, print_blob=False,
                    suppress_health_check=list(HealthCheck), phases=(Phase.generate, Phase.shrink))(test)
    with _fixed_constants():
        hypothesis_seed(zlib.crc32(check.id.encode()))(test)()


_CONSTANTS = None


@contextlib.contextmanager
def _fixed_constants():
    """Hypothesis draws some numbers from the literals in the source of the "local" modules that happen
    to be loaded (all of the grader's and whatever else is imported by then), so the same seed gave
    other cases in ``check``, in a ``grade`` worker and in the tests. While cases are generated, its
    local constants are those of the properties and the reference only (whose sources the cache is
    keyed by). Where Hypothesis has no such internals, nothing is changed.
    """
    global _CONSTANTS
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants, _constants_from_source
        original, cache = providers._get_local_constants, providers.CONSTANTS_CACHE.cache
    except (ImportError, AttributeError):
        yield
        return
    if _CONSTANTS is None:
        constants = Constants()
        for path in _constant_sources():
            try:
                with open(path, "rb") as f:
                    constants |= _constants_from_source(f.read(), limit=True)
            except Exception:  # noqa: BLE001  Hypothesis gives up on such a file too
                continue
        _CONSTANTS = constants
    providers._get_local_constants = lambda: _CONSTANTS
    cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = original
        cache.clear()


def _constant_sources():
    """The properties' and the reference's sources (the properties' alone in a kit, which has no reference)."""
    try:
        import reference
    except ImportError:
        return _property_sources()
    return _property_sources() + _sources(os.path.dirname(os.path.abspath(reference.__file__)))


def _property_sources():
    return _sources(os.path.join(os.path.dirname(os.path.abspath(__file__)), "properties"))


_TREE_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tree.py")


def _sources(folder):
    return [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".py")]


def replay(check, examples, ref):
    """(cases, plan): the cases Hypothesis generates for ``check`` when every example passes, and for
    each case the calls ([PlannedCall]) its property makes on a correct implementation.

    Looked up in memory, then among the frozen cases shipped with the grader, then in the cache;
    made (and cached) only when none has them."""
    key = (check.id, examples)
    if key not in _MEMORY:
        path = _cache_path(check.id, examples)
        found = _frozen(check.id, examples) or _read(path, examples)
        if found is None:
            data, found = _make(check, examples, ref)
            if data is not None:
                _write(path, data)
        _MEMORY[key] = found
    return _MEMORY[key]


def _make(check, examples, ref):
    """(the bytes of a cache file or None, (cases, plan)) of a check, made by Hypothesis and the reference."""
    if isinstance(ref, Answers):
        raise UsageError(f"{check.id}: this kit holds the public cases of the default settings only; other "
                         f"example counts (examples, examples_scale) need the course's own grader")
    cases = _generate(check, examples, ref)
    data = _pack({"cases": cases}) if cases is not None else None
    if data is not None:
        cases = _unpack(data)["cases"]   # exactly what is read back next time
    return _planned(check, cases, ref)


def _planned(check, cases, ref):
    """(the bytes of a cache file or None, (cases, plan)) of a check's cases, with their plan and oracles."""
    with recording() as oracles:
        plan = [record_calls(check.prop, private_copy(c), ref) for c in cases]
    preload(oracles)
    data = _pack({"cases": cases, "plan": [[_plain(p) for p in calls] for calls in plan],
                  "oracles": [[k, v] for k, v in oracles.items()]})
    return data, (cases, plan)


# ------------------------------------------------------------ frozen cases, shipped with the grader
#
# ``freeze`` makes the cases of the default settings at build time into FROZEN (package data):
# a file per check and a manifest holding the fingerprint of what made them (the grader's
# version, the file format, the sources of the properties and the reference) and each file's
# sha256. They are used only when that fingerprint is the running grader's and a file's sha256
# is the manifest's, whatever versions of Hypothesis and numpy are installed: no machine then
# runs Hypothesis to grade with the default settings.

FROZEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "frozen")
_MANIFEST = "manifest.json"
_ANSWERS = "answers.bin"


def freeze(settings, folder=FROZEN, *, recording=None):
    """Make the cases of every check of ``settings`` into folder, with their manifest; returns how many.

    recording: a kit's ``grader.answers.Recording``: the cases are the ones generated for the grader
    (the same, replayed from the cache), their plans are recorded through it, and the manifest's
    fingerprint is the properties' alone (a kit has no reference); ``store_answers`` adds its answers."""
    import reference

    os.makedirs(folder, exist_ok=True)
    files = {}
    for check, _, examples in settings.checks():
        if recording is None:
            if check.strategy is None:
                continue
            data, _ = _make(check, examples, reference)
        else:   # what the property asks of a right implementation (its plan) and of wrong ones
            cases = [{}] if check.strategy is None else replay_cases(check, examples, reference)
            for case in cases:
                ask_as_if_wrong(check.prop, case, recording)
            if check.strategy is None:
                record_calls(check.prop, {}, recording)
                continue
            data, _ = _planned(check, cases, recording)
        if data is None:
            raise GraderBug(f"{check.id}: its cases cannot be stored")
        files[_file_name(check.id, examples)] = _store(folder, _file_name(check.id, examples), data)
    sources = _property_sources() if recording is not None else _constant_sources()
    _write_manifest(folder, {"fingerprint": _source_fingerprint(sources=sources), "files": files})
    return len(files)


def store_answers(recording, folder):
    """Store a Recording's answers beside the frozen cases of a kit (``answers.bin``, in the manifest)."""
    data = _pack({"answers": list(recording.answers.items()), "alike": list(recording.alike.items()),
                  "constants": recording.constants})
    if data is None:
        raise GraderBug("the reference's answers cannot be stored")
    with open(os.path.join(folder, _MANIFEST), encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["files"][_ANSWERS] = _store(folder, _ANSWERS, data)
    _write_manifest(folder, manifest)
    return len(recording.answers)


def _store(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)
    return hashlib.sha256(data).hexdigest()


def _write_manifest(folder, manifest):
    with open(os.path.join(folder, _MANIFEST), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    _FROZEN.clear()


_FROZEN = {}


def _frozen_file(name):
    """The bytes of a frozen file whose sha256 is the current manifest's, or None."""
    if "manifest" not in _FROZEN:
        try:
            with open(os.path.join(FROZEN, _MANIFEST), encoding="utf-8") as f:
                manifest = json.load(f)
            _FROZEN["manifest"] = manifest if manifest.get("fingerprint") == _source_fingerprint() else {}
        except (OSError, ValueError, AttributeError):
            _FROZEN["manifest"] = {}
    digest = _FROZEN["manifest"].get("files", {}).get(name)
    if digest is None:
        return None
    try:
        with open(os.path.join(FROZEN, name), "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data if hmac.compare_digest(hashlib.sha256(data).hexdigest(), digest) else None


def _frozen(check_id, examples):
    """(cases, plan) of the frozen file of a check, or None when there is none that is current and whole."""
    data = _frozen_file(_file_name(check_id, examples))
    return _parsed(data, examples) if data is not None else None


def frozen_answers():
    """The Answers of a kit (``grader.answers``), or None when no current, whole answers file is frozen here.
    Each answer is decoded when it is first asked for (a check asks for few of the thousands recorded)."""
    data = _frozen_file(_ANSWERS)
    if data is None:
        return None
    try:
        header, arrays = _wire.decode_reply(data)
        if header.get("format") != _FORMAT:
            raise ValueError("another format")
        top = {_wire.decode_tree(k, arrays): v for k, v in header["tree"]["d"]}
        pairs = [pair["t"] for pair in top["answers"]["l"]]
        answers = _Decoded({bytes(_wire.decode_tree(k, arrays)): v for k, v in pairs}, arrays)
        alike = {bytes(k): bytes(v) for k, v in _wire.decode_tree(top["alike"], arrays)}
        return Answers(answers, alike, _wire.decode_tree(top["constants"], arrays))
    except (ValueError, KeyError, TypeError, _wire.WireError, json.JSONDecodeError):
        return None


class _Decoded(collections.abc.Mapping):
    """{key: value} whose values are kept as their stored trees and decoded when looked up."""

    def __init__(self, trees, arrays):
        self._trees, self._arrays = trees, arrays

    def __getitem__(self, key):
        return _wire.decode_tree(self._trees[key], self._arrays)

    def __iter__(self):
        return iter(self._trees)

    def __len__(self):
        return len(self._trees)


def _file_name(check_id, examples):
    return f"{check_id.replace('::', '-')}-{examples}.bin"


def prepare_cases(settings):
    """Make (or load and verify) the cases of every check of ``settings``; returns how many checks have cases."""
    planned = [(check, examples) for check, _, examples in settings.checks() if check.strategy is not None]
    for check, examples in planned:
        replay(check, examples, trusted())
    return len(planned)


def cases_to_make(settings):
    """How many checks of ``settings`` have no cases yet, neither in memory nor in the cache (a first run
    makes them, which takes a while: the terminal says so first)."""
    planned = [(check, examples) for check, _, examples in settings.checks() if check.strategy is not None]
    return sum(not _known(check.id, examples) for check, examples in planned)


def _known(check_id, examples):
    """True when a check's cases need not be made: in memory, frozen (loaded into memory now) or cached."""
    key = (check_id, examples)
    if key not in _MEMORY:
        found = _frozen(check_id, examples)
        if found is None:
            return os.path.exists(_cache_path(check_id, examples) or "")
        _MEMORY[key] = found
    return True


def replay_cases(check, examples, ref):
    """The cases Hypothesis generates for ``check`` when every example passes."""
    return replay(check, examples, ref)[0]


def _generate(check, examples, ref):
    cases = []

    def record(case):
        cases.append(private_copy(case))
        check.prop(ref, as_given(case), ref)

    try:
        search(check, examples, record)
    except Exception as exc:
        raise GraderBug(f"{check.id}: the reference fails its own property: {exc}") from exc
    return cases


def _plain(planned):
    return [planned.module, planned.function, planned.payload, _Raw(planned.skeleton), planned.depends]


class _Raw:
    """A value stored as the plain JSON it already is (a skeleton: lists, strings, numbers, booleans)."""

    def __init__(self, value):
        self.value = value


def _fingerprint():
    """What a cache's cases depend on: the versions that generate them too."""
    return _source_fingerprint(f"{hypothesis.__version__} {np.__version__}")


def _source_fingerprint(extra="", sources=None):
    """The grader's version, the file format and the sources (default: the properties' and the reference's),
    with the tree walker's that the properties copy and move their cases by (``grader.tree``)."""
    digest = hashlib.sha256(f"{__version__} {_FORMAT} {extra}".encode())
    for path in (sources or _constant_sources()) + [_TREE_SOURCE]:
        with open(path, "rb") as f:
            digest.update(os.path.basename(path).encode() + f.read())
    return digest.hexdigest()[:16]


_FINGERPRINT = None


def _cache_path(check_id, examples):
    global _FINGERPRINT
    _FINGERPRINT = _FINGERPRINT or _fingerprint()
    folder, _ = _cache()
    if folder is None:
        return None
    return os.path.join(folder, _FINGERPRINT, _file_name(check_id, examples))


# ------------------------------------------------------------ where the cache lives, and its key
#
# Every file starts with an HMAC-SHA256 of its content under a key kept beside the files
# (``key``, readable by the grader's user only). A file that does not verify, or holds
# no case, is generated again and rewritten: a submission's child never sees the cache
# (the full sandbox masks it; without namespaces, when the grader is root, the child
# runs as another uid), so it cannot forge one. Only where the child runs as the
# grader's own user (see ``grader.sandbox.isolation_warning``) could it read the key.

_TAG = hashlib.sha256().digest_size
_CACHE = None


def _cache():
    """(folder, note): the cache folder to use (None: none can be used) and a note when it is not the usual one."""
    global _CACHE
    if _CACHE is None:
        usual = _usual()
        fallback = os.path.join(tempfile.gettempdir(), f"rnn-grader-cache-{os.geteuid()}")
        if _key(usual):
            _CACHE = usual, ""
        elif _key(fallback):
            _CACHE = fallback, (f"note: the case cache {usual} cannot be written; cases are kept in {fallback} "
                                f"instead (set XDG_CACHE_HOME to choose the place)")
        else:
            _CACHE = None, (f"note: no case cache can be written ({usual}, {fallback}): every check's cases are "
                            f"generated again on each run, which is slower (set XDG_CACHE_HOME to a writable folder)")
    return _CACHE


def _usual():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rnn-grader")


def cache_folder():
    """The folder the case cache is kept in, or None when none can be written."""
    return _cache()[0]


def cache_note():
    """One line for the terminal when the case cache is not where it usually is, else ''."""
    return _cache()[1]


_KEYS = {}


def _key(folder):
    """The cache key kept in folder (made if there is none), or None when the folder cannot hold the cache:
    not creatable or writable, or not the grader user's own and closed to others."""
    if folder in _KEYS:
        return _KEYS[folder]
    key = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.lstat(folder)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o077 and folder == _usual():
            os.chmod(folder, 0o700)   # made open by an earlier version: our own folder, closed now
            st = os.lstat(folder)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o077 and \
                os.access(folder, os.W_OK | os.X_OK):
            path = os.path.join(folder, "key")
            if not os.path.exists(path):
                tmp = f"{path}.{os.getpid()}.tmp"
                with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
                    f.write(os.urandom(32))
                try:
                    os.link(tmp, path)   # the first process to make a key wins; the others read it
                except FileExistsError:
                    pass
                finally:
                    os.unlink(tmp)
            with open(path, "rb") as f:
                key = f.read()
            key = key if len(key) == 32 else None
    except OSError:
        key = None
    _KEYS[folder] = key
    return key


def _signed(data):
    return _tag(data) + data


def _verified(data):
    """The content of a cache file whose tag verifies, else None."""
    content = data[_TAG:]
    return content if len(data) > _TAG and hmac.compare_digest(data[:_TAG], _tag(content)) else None


def _tag(content):
    return hmac.new(_key(_cache()[0]), content, hashlib.sha256).digest()


# A tree of cases (dicts in their key order, lists, tuples, arrays, numpy and Python scalars,
# strings, None) as a JSON-able skeleton whose arrays are stored apart, as raw bytes
# (read back by ``_wire.decode_tree``).

def _encode(value, arrays):
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        array = np.asarray(value)   # (not ascontiguousarray, which makes a 0-d array 1-d)
        if array.dtype.str not in _wire.DTYPES:
            raise TypeError(f"dtype {array.dtype} is not stored")
        arrays.append(array)
        return {"a" if isinstance(value, np.ndarray) else "s": len(arrays) - 1}
    if isinstance(value, dict):
        return {"d": [[_encode(k, arrays), _encode(v, arrays)] for k, v in value.items()]}
    if isinstance(value, _Raw):
        return {"j": value.value}
    if isinstance(value, bytes):
        arrays.append(np.frombuffer(value, np.uint8))
        return {"b": len(arrays) - 1}
    if isinstance(value, tuple):
        return {"t": [_encode(v, arrays) for v in value]}
    if isinstance(value, list):
        return {"l": [_encode(v, arrays) for v in value]}
    if value is None or type(value) in (bool, int, float, str):
        return value
    raise TypeError(f"{type(value).__name__} is not stored")


def _pack(tree):
    """The bytes of a file holding tree, or None if it holds something that is not stored."""
    arrays = []
    try:
        header = {"format": _FORMAT, "tree": _encode(tree, arrays)}
        return _wire.encode_reply(header, arrays)
    except (TypeError, ValueError):
        return None


def _unpack(data):
    header, arrays = _wire.decode_reply(data)
    if header.get("format") != _FORMAT:
        raise ValueError("another format")
    return _wire.decode_tree(header["tree"], arrays)


def _read(path, examples):
    """(cases, plan) from the cache file at path, or None if there is none that verifies and holds
    between 1 and ``examples`` cases with a plan each."""
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            content = _verified(f.read())
    except OSError:
        return None
    return _parsed(content, examples) if content is not None else None


def _parsed(content, examples):
    """(cases, plan) of a file's content (its oracles preloaded), or None if it is not a whole one."""
    try:
        tree = _unpack(content)
        cases = tree["cases"]
        plan = [[PlannedCall(*entry) for entry in calls] for calls in tree["plan"]]
        oracles = {bytes(k): v for k, v in tree["oracles"]}
        if len(plan) != len(cases) or not 0 < len(cases) <= examples:
            raise ValueError("a plan per case, and between 1 and examples cases")
        preload(oracles)
        return cases, plan
    except (ValueError, KeyError, TypeError, IndexError, _wire.WireError, json.JSONDecodeError):
        return None


def _write(path, data):
    if path is None:
        return
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(_signed(data))
        os.replace(tmp, path)
    except OSError:
        pass  # a full disk: generate again next time
