"""Attacks on the verdict itself: patch the comparisons, steal the expected values or the reference.

Each returns wrong values (or raises) unless the cheat worked, so any point it earns
is a point the cheat won.
"""

from . import EXERCISE, rnn

STEAL = '''
import os

_SKELETON = "NotImplementedError"


def _try_source(path, args, kwargs):
    """exec a file that defines elman_forward (not our own, not the skeleton) and call it."""
    try:
        if os.path.realpath(path).startswith(os.path.realpath(os.getcwd()) + os.sep):
            return None
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(2**20)
        if "def elman_forward" not in text:
            return None
        namespace = {"__name__": "stolen"}
        exec(compile(text, path, "exec"), namespace)
        return namespace["elman_forward"](*args, **kwargs)
    except Exception:
        return None
'''

HOSTILE = [
    dict(name="monkeypatch_numpy", exercise=EXERCISE, overrides=rnn("""
        import numpy as np
        import numpy.testing

        def _true(*args, **kwargs):
            return True

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            np.allclose = np.array_equal = np.array_equiv = _true
            np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, bool)
            np.isfinite = lambda a, *r, **k: np.ones(np.shape(a), bool)
            np.abs = np.absolute = np.fabs = lambda a, *r, **k: np.zeros(np.shape(a))
            np.any = lambda *a, **k: False
            np.testing.assert_allclose = np.testing.assert_array_equal = lambda *a, **k: None
            np.testing.assert_array_almost_equal = np.testing.assert_equal = lambda *a, **k: None
            return ys, hs
        """), description="Replaces numpy's comparison functions with ones that always agree: they are the "
                          "child's numpy, the grader compares in its own process."),

    dict(name="replace_sys_modules", exercise=EXERCISE, overrides=rnn("""
        import sys
        import types

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            fake = types.ModuleType("fake")
            fake.__getattr__ = lambda name: (lambda *a, **k: True)
            for name in ("numpy", "numpy.testing", "hypothesis", "grader", "grader.properties._compare",
                         "reference", "reference.rnn", "json", "pickle", "_wire", "unittest", "pytest"):
                sys.modules[name] = fake
            return ys, hs
        """), description="Replaces numpy, json, pickle, the wire module and the grader in sys.modules with "
                          "always-true fakes: only the child's module table changes."),

    dict(name="rewrite_allclose_code", exercise=EXERCISE, overrides=rnn("""
        import numpy as np
        import numpy.testing

        def _agree(*args, **kwargs):
            return True

        def elman_forward(xs, params, *args, **kwargs):
            for f in (np.allclose, np.isclose, np.array_equal, np.testing.assert_allclose,
                      getattr(np.allclose, "__wrapped__", None), getattr(np.isclose, "__wrapped__", None)):
                try:
                    f.__code__ = _agree.__code__
                except Exception:
                    pass
            return _wrong(xs, params)
        """), description="Rewrites numpy.allclose.__code__ (and its wrapped function): again only the child's."),

    dict(name="patch_child_machinery", exercise=EXERCISE, overrides=rnn("""
        import sys

        def elman_forward(xs, params, *args, **kwargs):
            main = sys.modules["__main__"]                # the grader's child script
            wire = sys.modules.get("_wire")
            ys, hs = _wrong(xs, params)
            if wire is not None:
                original = wire.encode_reply

                def encode_reply(header, arrays=()):     # claim success, whatever happened
                    header = {"ok": True, "value": [0, 1], "passed": True, "score": 1000, "mutated": []}
                    return original(header, [ys, hs])

                wire.encode_reply = encode_reply
            main._to_array = lambda value, where: value
            main._error_header = lambda exc, workdir: {"ok": True, "value": [0, 1]}
            return ys, hs
        """), description="Patches the child's own serving code (its reply encoder and validators) to claim "
                          "success: the grader trusts no byte of the reply."),

    dict(name="frame_and_gc_snooping", exercise=EXERCISE, overrides=rnn("""
        import gc
        import sys

        import numpy as np

        def _arrays(roots, limit=200000):
            \"\"\"Every ndarray reachable from roots through dicts, lists, tuples and objects' __dict__.\"\"\"
            seen, stack, found = set(), list(roots), []
            while stack and len(seen) < limit:
                obj = stack.pop()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if isinstance(obj, np.ndarray):
                    found.append(obj)
                elif isinstance(obj, dict):
                    stack.extend(obj.values())
                elif isinstance(obj, (list, tuple, set, frozenset)):
                    stack.extend(obj)
                elif hasattr(obj, "__dict__") and isinstance(getattr(obj, "__dict__", None), dict):
                    stack.extend(obj.__dict__.values())
            return found

        _snoops = [8]                                 # a thorough search on the first 8 calls (it is slow)

        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
            if _snoops[0] <= 0:
                raise LookupError("nothing found in the first searches")
            _snoops[0] -= 1
            mine = _arrays([xs, params, h0])
            roots, frame = [], sys._getframe(1)
            while frame is not None:                  # the grader's frames in this process
                roots.append(frame.f_locals)
                frame = frame.f_back
            roots.extend(gc.get_objects())            # everything else alive in this process
            found = {}
            for a in _arrays(roots):
                if any(a is m or (a.shape == m.shape and np.array_equal(a, m)) for m in mine):
                    continue
                if a.shape == (T, K) and "ys" not in found:
                    found["ys"] = a.copy()
                elif a.shape == (T, H) and "hs" not in found:
                    found["hs"] = a.copy()
            if len(found) == 2:
                return found["ys"], found["hs"]
            raise LookupError(f"no expected values among the arrays of {len(roots)} roots")
        """), description="Walks the call stack (sys._getframe) and every object the garbage collector "
                          "knows for arrays of the expected shapes that are not its inputs: the expected "
                          "values live in another process."),

    dict(name="import_reference", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            import reference.rnn
            return reference.rnn.elman_forward(*args, **kwargs)
        """), description="import reference: refused, and the folder is masked anyway."),

    dict(name="import_grader", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            import grader.samples.correct.rnn as correct
            return correct.elman_forward(*args, **kwargs)
        """), description="Imports the grader's bundled correct sample through the grader package."),

    dict(name="unblock_imports", exercise=EXERCISE, overrides=rnn("""
        import importlib
        import sys

        def elman_forward(*args, **kwargs):
            sys.meta_path[:] = [f for f in sys.meta_path if "Blocker" not in type(f).__name__]
            sys.path.extend(["@REPO@", "@REPO@/grader/samples/correct", "@REPO@/tests"])
            importlib.invalidate_caches()
            for name in ("reference.rnn", "grader.samples.correct.rnn", "reference", "grader"):
                sys.modules.pop(name, None)
                try:
                    module = importlib.import_module(name)
                    return module.elman_forward(*args, **kwargs)
                except Exception:
                    pass
            raise ImportError("no reference to import")
        """), description="Removes the child's import blocker and puts the repository on sys.path first: "
                          "the folders themselves are masked with empty read-only mounts."),

    dict(name="exec_reference_from_disk", exercise=EXERCISE, overrides=rnn(helpers=STEAL, code="""
        import glob
        import time

        _found = []

        def _candidates():
            yield from ("@REPO@/reference/rnn.py", "@REPO@/grader/samples/correct/rnn.py",
                        "@REPO@/build/lib/reference/rnn.py")
            yield from glob.glob("@REPO@/tests/corpus/equivalent/*/rnn.py")
            yield from glob.glob("/tmp/rnn-grader-samples-*/correct/rnn.py")   # the samples, built from the reference
            yield from glob.glob("/proc/*/cwd/reference/rnn.py") + glob.glob("/proc/*/root@REPO@/reference/rnn.py")
            deadline = time.monotonic() + 1.0
            for top in ("/work", "/root", "/home", "/srv", "/opt", "/usr/local", "/tmp", "/var", "/mnt"):
                for folder, dirs, files in os.walk(top):
                    if time.monotonic() > deadline:
                        return
                    if "rnn.py" in files and not folder.startswith(os.getcwd()):
                        yield os.path.join(folder, "rnn.py")

        def elman_forward(*args, **kwargs):
            if not _found:
                _found.append([p for p in _candidates() if os.path.isfile(p)])
            for path in _found[0]:
                value = _try_source(path, args, kwargs)
                if value is not None:
                    return value
            raise FileNotFoundError(f"no usable reference among {len(_found[0])} files")
        """), description="Searches the disk (the repository's known paths, /proc/*/cwd, a bounded walk of "
                          "likely folders) for any rnn.py that implements elman_forward and execs it: the "
                          "reference, the samples and the test corpora must be unreachable."),

    dict(name="read_other_submissions", exercise=EXERCISE, overrides=rnn(helpers=STEAL, code="""
        import glob

        def elman_forward(*args, **kwargs):
            paths = ["@SUBMISSIONS@/control/rnn.py"] + glob.glob("@SUBMISSIONS@/*/rnn.py")
            paths += glob.glob(os.path.join(os.getcwd(), "..", "*", "rnn.py"))
            for path in paths:
                value = _try_source(path, args, kwargs)
                if value is not None:
                    return value
            raise FileNotFoundError(f"no other submission among {len(paths)} paths")
        """), description="Copies another student's solution from the submissions folder: masked."),

    dict(name="mutate_inputs", exercise=EXERCISE, may_pass=("agrees", "initial_state", "order_matters"),
         overrides=rnn("""
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            ys, hs = _correct_elman_forward(xs, params, h0, hidden, output)
            ys, hs = ys.copy(), hs.copy()
            xs[...] = 0.0                            # correct answers, and the caller's data destroyed
            for key in ("W_hh", "W_hy"):
                params[key][...] = 1.0
            if h0 is not None:
                h0 += 1.0
            return ys, hs
        """), description="Returns correct values but overwrites its inputs (xs, weights, h0), which the "
                          "contract forbids: it loses the contract check and every check that reuses its "
                          "inputs after a call (permutation, causality, parameter sharing); it keeps those "
                          "whose expected values are computed before it runs."),

    dict(name="right_on_first_call_only", exercise=EXERCISE, overrides=rnn("""
        _calls = []

        def elman_forward(*args, **kwargs):
            _calls.append(1)
            if len(_calls) == 1:
                return _correct_elman_forward(*args, **kwargs)
            raise RuntimeError("only the first call is answered")
        """), description="Correct on the first call only (a grader that samples one call would pass it)."),

    dict(name="right_once_per_input", exercise=EXERCISE, overrides=rnn("""
        _seen = set()

        def elman_forward(xs, params, *args, **kwargs):
            key = (xs.tobytes(), xs.shape)
            if key not in _seen:
                _seen.add(key)
                return _correct_elman_forward(xs, params, *args, **kwargs)
            return _wrong(xs, params)
        """), description="Correct the first time it sees an input, wrong when the same input comes back "
                          "(as when a failure is replayed or compared): every check has a repeated input."),
]
