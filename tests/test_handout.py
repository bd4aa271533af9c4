"""The handout (docs/handout.md), the exercise records (grader.catalogue.RECORDS), the skeletons, the reference
and the grader say the same thing: one record per exercise, and a test fails for anything forgotten."""

import ast
import os
import re

import pytest

from corpus import ROOT
from grader import messages
from grader.catalogue import EXERCISES, RECORDS
from grader.properties import CHECKS

HANDOUT = os.path.join(ROOT, "docs", "handout.md")


def _headings():
    """(module, heading) of every exercise heading of the handout, in order."""
    module, out = None, []
    with open(HANDOUT, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"## Module `(\w+)`", line)
            module = m.group(1) if m else module
            m = re.match(r"### `(.+)`\s*$", line)
            if m:
                out.append((module, m.group(1)))
    return out


def test_every_exercise_of_the_handout_is_one_record_in_its_order():
    assert _headings() == [(r.module, r.signature) for r in RECORDS]
    assert len(EXERCISES) == len(set(EXERCISES)) == 16


@pytest.mark.parametrize("folder", ["reference", "exercises"])
def test_skeletons_and_reference_have_each_records_signature(folder):
    for r in RECORDS:
        with open(os.path.join(ROOT, folder, f"{r.module}.py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert r.function in defs, f"{folder}/{r.module}.py lacks {r.function}"
        args = defs[r.function].args
        defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        got = tuple(a.arg if d is None else f"{a.arg}={ast.unparse(d)}".replace("'", '"')
                    for a, d in zip(args.args, defaults))
        assert got == r.args, f"{folder}/{r.module}.py: {r.function}({', '.join(got)})"
        assert not (args.vararg or args.kwarg or args.kwonlyargs), f"{folder}/{r.module}.py: {r.function} takes extras"


def test_every_record_is_graded_and_explained():
    graded = {c.exercise for c in CHECKS}
    assert graded == set(EXERCISES), set(EXERCISES) ^ graded
    for c in CHECKS:
        assert messages.mechanism(c.id), f"{c.id} has no mechanism text"


def test_a_tuple_returned_is_named_as_the_reference_returns_it():
    """The names the feedback uses for a returned tuple ("(ys, hs)") are the reference's own return values."""
    for r in RECORDS:
        if r.return_names:
            with open(os.path.join(ROOT, "reference", f"{r.module}.py"), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == r.function)
            returned = [ast.unparse(n.value) for n in ast.walk(fn) if isinstance(n, ast.Return)]
            assert r.returns in returned, (r.name, returned)
