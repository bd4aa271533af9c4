"""Hostile submissions: each attacks the grader, its host or its verdict, and must gain nothing and harm nothing.

Every group file defines HOSTILE, a list of dicts (see ``corpus.hostile()``):

- name: the submission's folder name, unique across groups
- exercise: the attacked exercise ("rnn.elman_forward"; attacks that only hang target
  "rnn.stacked_forward", which has fewer checks to time out)
- overrides: {module: code} appended to the correct module (a later def replaces the
  correct one); ``rnn(code)`` below adds PRELUDE, which keeps the correct function as
  ``_correct_elman_forward`` and defines ``_wrong``
- files: {file name: str or bytes} written as they are (whole modules, extra files)
- drop: modules to delete from the submission (optional)
- max_points: what the attacked exercise may still earn (default 0) beyond the checks
  of may_pass; FULL when the attack returns correct values and only its side effects
  are under test
- may_pass: names of the attacked exercise's checks the attack may pass whatever their
  points (default CONTRACT_ONLY: the contract check, which any function passes that
  returns values of the right shapes and leaves its inputs alone, right or wrong)
- needs_cgroup: True when only the sandbox's cgroup stops the attack (the memory of all
  of a submission's processes together); where the grader can make no cgroup, the
  test expects it to get through (xfail) and says why
- also_attacked: other exercises the attack legitimately takes down with it (an
  import-time attack breaks every exercise of its module); they may earn at most
  max_points too. Every other graded exercise must keep full points.
- description: what the attack does, and why the verdict is what it is

Code and file texts may contain placeholders that the test replaces before writing
the submission: @NAME@ (the submission's name), @SUBMISSIONS@ (the folder holding
every submission), @OUT@ (the output folder), @REPO@ (the project root), @PORT@ (a
TCP port on 127.0.0.1 where the test listens for exfiltration), @MARKER@ (MARKER).
Processes an attack leaves behind carry MARKER in their command line or name, and
files it plants carry it or "pwned" in their names, so the test can find them.
"""

import textwrap

MARKER = "hostile-6b1f"
"""Embedded in the command line (or comm name, at most 15 characters) of every process an attack plants."""

FULL = float("inf")
"""max_points for attacks that return correct values: the side effects are under test, not the points."""

CONTRACT_ONLY = ("contract",)
"""The default may_pass: wrong values of the right shapes, inputs untouched, pass the contract check."""

EXERCISE = "rnn.elman_forward"
"""The exercise most attacks target."""

STACKED = "rnn.stacked_forward"
"""The exercise of the attacks that only hang: it has fewer checks, so each such attack costs
fewer call timeouts (the same attack on elman_forward would show nothing more)."""

PRELUDE = '''
import numpy as _np_prelude

_correct_elman_forward = elman_forward


def _wrong(xs, params, h0=None, hidden="tanh", output="linear"):
    """(ys, hs) of the right shapes and values that fail every elman_forward check.

    A constant output would pass the relational checks (causality, permutation,
    parameter sharing): here y_1 = y_2, the values grow with t and depend on the
    whole sequence, so every check has a failing example.
    """
    xs = _np_prelude.asarray(xs, dtype=float)
    T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
    s = 1.0 + abs(float(xs.sum()))
    rows = _np_prelude.array([1.0, 1.0] + list(range(2, T)))[:T]
    return (_np_prelude.outer(rows * s, _np_prelude.ones(K)),
            _np_prelude.outer((_np_prelude.arange(T) + 1.0) * s, _np_prelude.ones(H)))
'''


def rnn(code, *, helpers=""):
    """overrides for module rnn: PRELUDE, the group's helpers, then the attack's code (dedented)."""
    return {"rnn": PRELUDE + "\n" + textwrap.dedent(helpers) + "\n" + textwrap.dedent(code)}
