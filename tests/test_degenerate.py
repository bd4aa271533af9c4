"""The degenerate corpus (tests/corpus/degenerate): submissions that do none of the work earn nothing.

Each kind (all zeros, all ones, fresh or seeded noise, a constant from the mean, an echo of
an input, a computation that ignores the weights, zeros with the grader's probe inputs
special-cased) is a complete submission whose every function returns the right structure
and shapes. All kinds are graded once, in one batch with two workers, without shrinking
(shrinking changes which case is reported, not which checks fail). Then, for every kind:
the submission was graded without an error and every check either passed or failed on
the values (no exception, no bad return: the degenerate code itself is sound), and it
scores at most 1 % of the maximum points. Student code never runs in this process: the
generated files are only compiled and parsed here.
"""

import ast
import os

import pytest

import grader.batch
import grader.config
from corpus.degenerate import KINDS, MODULES, make_degenerate
from grader.catalogue import EXERCISES

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

MAX_SHARE = 0.01
"""The largest share of the maximum points a degenerate submission may earn."""
SOUND = {"passed", "failed"}
"""The statuses of a check whose calls all returned well-formed values."""


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """{kind: SubmissionResult}, every kind graded in one batch."""
    root = tmp_path_factory.mktemp("degenerate")
    paths = [make_degenerate(root / "submissions", kind) for kind in KINDS]
    batch = grader.batch.grade_batch(paths=paths, out=str(root / "out"),
                                     settings=grader.config.Settings(shrink=False), jobs=2)
    assert not batch.failed, f"the grader failed on: {batch.failed}"
    return {r.name: r for r in batch.results}


def test_kinds_are_distinct():
    assert len(set(KINDS)) == len(KINDS) == 8, KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_submission_is_well_formed(tmp_path, kind):
    """Every module compiles, imports numpy alone, and defines every curriculum function of its module."""
    path = make_degenerate(tmp_path, kind)
    assert sorted(os.listdir(path)) == sorted(f"{m}.py" for m in MODULES)
    for module in MODULES:
        file = os.path.join(path, f"{module}.py")
        with open(file, encoding="utf-8") as f:
            source = f.read()
        tree = compile(source, file, "exec", flags=ast.PyCF_ONLY_AST)
        compile(tree, file, "exec")
        imports = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imports |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert imports == {"numpy"}, f"{kind}/{module}.py imports {sorted(imports)}"
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        wanted = {e.split(".")[1] for e in EXERCISES if e.split(".")[0] == module}
        assert wanted <= defined, f"{kind}/{module}.py lacks {sorted(wanted - defined)}"


def _earning(result):
    return [c for c in result.checks if c.points > 0]


@pytest.mark.parametrize("kind", KINDS)
def test_returns_are_sound(results, kind):
    """Graded as a whole, and no check ended in an exception or a bad return of the degenerate code."""
    result = results[kind]
    assert not result.error, f"{kind} could not be graded: {result.error}"
    unsound = [c for c in result.checks if c.status not in SOUND]
    assert not unsound, f"{kind}: checks that did not judge the values:\n" + "\n".join(
        f"  {c.id} [{c.status}]: {c.message_text().strip()[:300]}" for c in unsound)


@pytest.mark.parametrize("kind", KINDS)
def test_scores_nothing(results, kind):
    result = results[kind]
    print(f"\n{kind}: {result.points:g} / {result.max_points:g}")
    assert result.max_points > 0, f"{kind} was not graded"
    share = result.points / result.max_points
    assert share <= MAX_SHARE, (
        f"{kind} earned {result.points:g} of {result.max_points:g} points ({100 * share:.1f} %, at most "
        f"{100 * MAX_SHARE:g} % allowed); the checks that gave points:\n"
        + "\n".join(f"  {c.exercise}::{c.name}: {c.points:g}/{c.max_points:g}" for c in _earning(result)))
