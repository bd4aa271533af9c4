"""Submissions that are broken rather than malicious, and files a submission should not be able to use.

A module that does not import costs every exercise in it, nothing else.
"""

import os

from .. import CORRECT
from . import EXERCISE, rnn

with open(os.path.join(CORRECT, "rnn.py"), encoding="utf-8") as _f:
    CORRECT_RNN = _f.read()

SITE_HOOK = '''
import builtins, os
try:
    open("/tmp/pwned-@NAME@-site", "w").write("site hook ran")
except OSError:
    pass
print("================ 18 passed in 0.01s ================")
builtins.__import__ = lambda *a, **k: (_ for _ in ()).throw(SystemExit(0))
'''

FAKE_REFERENCE = '''
"""If the grader imported this as its reference, it would agree with the submission's wrong values."""
import types
import numpy as np


def _elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    xs = np.asarray(xs, dtype=float)
    T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
    s = 1.0 + abs(float(xs.sum()))
    rows = np.array([1.0, 1.0] + list(range(2, T)))[:T]
    return np.outer(rows * s, np.ones(K)), np.outer((np.arange(T) + 1.0) * s, np.ones(H))


rnn = types.SimpleNamespace(elman_forward=_elman_forward)
elman_forward = _elman_forward
'''

HOSTILE = [
    dict(name="syntax_error", exercise=EXERCISE, also_attacked=("rnn.activation",), files={
        "rnn.py": CORRECT_RNN + "\n\ndef elman_forward(xs, params, h0=None\n    return xs\n"},
        description="A syntax error in rnn.py: both of its exercises fail to import, nothing else."),

    dict(name="non_utf8_source", exercise=EXERCISE, also_attacked=("rnn.activation",), files={
        "rnn.py": CORRECT_RNN.encode("utf-8") + b"\nGREETING = '\xff\xfe\xfa not UTF-8 \x80\x81'\n"},
        description="rnn.py with bytes that are not UTF-8 in its code: a SyntaxError at import. (Python "
                    "does not decode comments, so invalid bytes there would be harmless.)"),

    dict(name="missing_module", exercise=EXERCISE, also_attacked=("rnn.activation",), drop=("rnn",),
         description="No rnn.py at all."),

    dict(name="missing_function", exercise=EXERCISE, overrides=rnn("""
        del elman_forward
        """), description="rnn.py without elman_forward: AttributeError at the call, rnn.activation unharmed."),

    dict(name="import_missing_package", exercise=EXERCISE, also_attacked=("rnn.activation",), overrides=rnn("""
        import tensorflow_nonexistent_4711 as tf

        def elman_forward(*args, **kwargs):
            return tf.rnn(*args, **kwargs)
        """), description="Imports a package that does not exist, at module level."),

    dict(name="wrong_signature", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(xs):
            return xs, xs
        """), description="elman_forward(xs) only: TypeError for the curriculum's arguments."),

    dict(name="oversized_module", exercise=EXERCISE, also_attacked=("rnn.activation",), files={
        "rnn.py": CORRECT_RNN + "\n#" + "x" * (2**20) + "\n"},
        description="A correct rnn.py padded beyond the 1 MiB file limit: not read at all."),

    dict(name="shipped_site_files", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(xs, params, *args, **kwargs):
            return _wrong(xs, params)
        """), files={
        "sitecustomize.py": SITE_HOOK, "usercustomize.py": SITE_HOOK, "conftest.py": SITE_HOOK,
        "pytest.ini": "[pytest]\naddopts = -p no:terminal --co\n", "setup.cfg": "[tool:pytest]\naddopts = --co\n",
        "reference.py": FAKE_REFERENCE, "grader.py": SITE_HOOK, "hypothesis.py": SITE_HOOK,
        "_wire.py": SITE_HOOK, "_child.py": SITE_HOOK, "results.json": '{"score": 1000, "tests": []}'},
        description="sitecustomize.py, usercustomize.py, conftest.py, pytest.ini, a fake reference.py and "
                    "modules named like the grader's: never imported by the grader, never by the child "
                    "unless the student's own code does."),
]
