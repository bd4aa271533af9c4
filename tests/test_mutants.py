"""The mutation corpus (tests/corpus/mutants): every realistic single-bug submission is caught,
and costs its own exercise only.

Every mutant is graded once, on its exercise, in one batch with two workers
(``corpus.grade_mutants``), without shrinking: Settings(shrink=False) reports each
failed check's first failing case as it is, so the same checks fail and the same points are
lost as in a normal run, in a fraction of the time. Then, for every mutant: its exercise
loses points, at least one of the checks named in its caught_by (the checks whose
mechanism and hint fit the bug) failed, and its diagnosis (a check and the hint key it names
for this bug) is the one a student is given. One mutant of each exercise, and every mutant
whose code binds more than its own function (``corpus.graded_with_callers``), is also graded
on every exercise whose function calls it in the correct submission (``corpus.callers``):
none of them may lose a point (a correct function stands in for the buggy one wherever
another exercise calls it). And every
diagnosis a check declares (``Check.diagnoses``) is given to at least one mutant: a
diagnosis no bug reaches is text nobody has seen fit a bug. Run with -s to see which checks
failed for each, and the share of its points each exercise's mutants keep.
"""

from collections import Counter

import pytest

from corpus import callers, confined, grade_mutants, graded_with_callers, mutants
from grader.catalogue import EXERCISES
from grader.properties import CHECKS

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

MUTANTS = mutants()
NAMES = [m["name"] for m in MUTANTS]
MIN_MUTANTS, MIN_PER_EXERCISE = 60, 3
KEYS = {"name", "exercise", "caught_by", "diagnosis", "code"}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """{mutant name: corpus.MutantVerdict}, graded once for the whole module."""
    return grade_mutants(tmp_path_factory.mktemp("mutants"), MUTANTS, jobs=2)


def test_corpus_covers_every_exercise():
    assert len(MUTANTS) >= MIN_MUTANTS, f"only {len(MUTANTS)} mutants"
    counts = Counter(m["exercise"] for m in MUTANTS)
    thin = {e: counts[e] for e in EXERCISES if counts[e] < MIN_PER_EXERCISE}
    assert not thin, f"exercises with fewer than {MIN_PER_EXERCISE} mutants: {thin}"
    assert len(set(NAMES)) == len(NAMES), f"names used twice: {sorted({n for n in NAMES if NAMES.count(n) > 1})}"


@pytest.mark.parametrize("mutant", MUTANTS, ids=NAMES)
def test_mutant_is_well_formed(mutant):
    assert set(mutant) == KEYS, f"keys {sorted(mutant)}, expected {sorted(KEYS)}"
    assert mutant["exercise"] in EXERCISES
    checks = {c.name for c in CHECKS if c.exercise == mutant["exercise"]}
    assert mutant["caught_by"] and set(mutant["caught_by"]) <= checks, (
        f"caught_by={mutant['caught_by']}: the checks of {mutant['exercise']} are {sorted(checks)}")
    check, hint = mutant["diagnosis"]
    declared = next(c for c in CHECKS if c.id == f"{mutant['exercise']}::{check}")
    assert check in mutant["caught_by"] and declared.gives(hint), (
        f"diagnosis={mutant['diagnosis']}: a check of caught_by and one of its diagnoses {declared.diagnoses}, "
        f"'default' or a fault hint")
    compile(mutant["code"], mutant["name"], "exec")


@pytest.mark.parametrize("mutant", MUTANTS, ids=NAMES)
def test_mutant_is_caught(verdicts, mutant):
    v = verdicts[mutant["name"]]
    print(f"\n{mutant['name']} ({mutant['exercise']}): {v.points:g} / {v.max_points:g}; "
          f"failed: {', '.join(v.failed) or 'nothing'}; fitting (caught_by): {', '.join(v.caught_by) or 'none'}")
    assert v.max_points > 0, f"{mutant['exercise']} was not graded"
    assert v.points < v.max_points, f"{mutant['exercise']} kept full points ({v.points:g}): the bug went unnoticed"
    assert v.caught_by, (
        f"none of caught_by={mutant['caught_by']} failed; the checks that failed were {v.failed}:\n"
        + "\n".join(v.output(c) for c in v.failed))
    check, hint = mutant["diagnosis"]
    assert v.diagnoses.get(check) == hint, (
        f"{check} was to diagnose {hint!r}; the diagnoses given were {v.diagnoses}:\n" + v.output(check))


def test_every_declared_diagnosis_fits_a_bug_of_the_corpus(verdicts):
    given = {(v.mutant["exercise"], check, hint) for v in verdicts.values() for check, hint in v.diagnoses.items()}
    unreached = [f"{c.id}: {hint}" for c in CHECKS for hint in c.diagnoses if (c.exercise, c.name, hint) not in given]
    assert not unreached, (f"{len(unreached)} diagnoses no mutant gets (write the bug each one names into "
                           f"tests/corpus/mutants):\n" + "\n".join(unreached))


REACHING = [m for m in MUTANTS if m["name"] in graded_with_callers(MUTANTS) and callers(m["exercise"])]
"""The mutants graded on the exercises that call theirs (``corpus.graded_with_callers``)."""


@pytest.mark.parametrize("mutant", REACHING, ids=[m["name"] for m in REACHING])
def test_mutant_costs_only_its_own_exercise(verdicts, mutant):
    v = verdicts[mutant["name"]]
    assert {c.exercise for c in v.graded} > {mutant["exercise"]}, "its callers were not graded"
    assert not v.lost_elsewhere, (
        f"a bug in {mutant['exercise']} cost points on other exercises' checks: {v.lost_elsewhere}")


def test_a_confined_mutant_binds_its_function_alone():
    assert confined({"exercise": "rnn.activation", "code": "def activation(name, v):\n    return v\n"})
    assert not confined({"exercise": "rnn.activation", "code": "def activation(name, v):\n    return v\n"
                                                              "def elman_forward(*a):\n    return 0\n"})
    assert not confined({"exercise": "lstm.lstm_forward", "code": "_lf = lstm_forward\ndef lstm_forward(*a):\n"
                                                                 "    return _lf(*a)\n"})


def test_partial_credit_stays_meaningful(verdicts):
    """A single bug keeps part of its exercise's points on average: the other mechanisms still count."""
    kept = {}
    for v in verdicts.values():
        kept.setdefault(v.mutant["exercise"], []).append(v.points / v.max_points)
    print("\nshare of its exercise's points a single-bug submission keeps, on average:")
    for exercise in EXERCISES:
        shares = kept.get(exercise, [])
        print(f"  {exercise:32s} {100 * sum(shares) / max(1, len(shares)):5.1f} %  ({len(shares)} mutants)")
    some = [v for v in verdicts.values() if v.points > 0]
    assert len(some) > len(verdicts) / 2, (
        f"only {len(some)} of {len(verdicts)} single-bug submissions keep any point of their exercise")
