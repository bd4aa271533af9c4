"""Checks are collected, not registered: marking a property changes nothing global, and a course or a test
can collect its own catalogue from any modules."""

import types

import pytest

from grader.catalogue import Check, check, collect
from grader.properties import CHECKS


def _module(**values):
    module = types.ModuleType("course_checks")
    vars(module).update(values)
    return module


def test_a_second_catalogue_is_collected_from_the_modules_given_and_changes_nothing_else():
    before = tuple(CHECKS)

    @check("lstm.lstm_cell", "mine", points=5)
    def mine(impl, case, ref):
        """A course's own check."""

    @check("rnn.activation", "first")
    def first(impl, case, ref):
        """Another."""

    extra = (check("rnn.activation", "looped")(lambda impl, case, ref: None),)
    collected = collect(_module(mine=mine, first=first, EXTRA=extra, unrelated=len))
    assert [c.id for c in collected] == ["rnn.activation::first", "rnn.activation::looped", "lstm.lstm_cell::mine"]
    assert all(isinstance(c, Check) for c in collected) and collected[2].points == 5
    assert tuple(CHECKS) == before   # nothing registered anywhere


def test_two_checks_of_one_id_and_an_unknown_exercise_are_refused():
    one = check("rnn.activation", "same")(lambda impl, case, ref: None)
    two = check("rnn.activation", "same")(lambda impl, case, ref: None)
    with pytest.raises(ValueError, match="defined twice"):
        collect(_module(one=one, two=two))
    with pytest.raises(ValueError, match="not a curriculum function"):
        check("rnn.nope", "x")


def test_every_check_is_collected_once_in_curriculum_order():
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids)) and len(ids) > 80
    from grader.catalogue import EXERCISES
    positions = [EXERCISES.index(c.exercise) for c in CHECKS]
    assert positions == sorted(positions)
