"""The catalogue's properties, run against the reference: they prove the reference right.

Every property is written once (grader/properties) as a function of an
implementation; here the implementation is the reference. Checks that merely
compare an implementation with the reference are left out: they prove nothing
about the reference itself.
"""

import pytest

import reference
from grader.properties import CHECKS
from grader.run import run_check

ORACLE_CHECKS = [c for c in CHECKS if not c.compares_with_reference]


@pytest.mark.parametrize("check", ORACLE_CHECKS, ids=lambda c: c.id)
def test_reference_satisfies(check):
    result = run_check(check, reference, reference)
    assert result.passed, f"{check.id}: {result.status}\n{result.message}\n{result.counterexample}"
