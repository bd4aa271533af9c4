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


def test_a_check_is_held_to_the_texts_of_its_mechanism_and_of_every_diagnosis_it_declares():
    from dataclasses import replace

    from grader.properties import missing_texts

    assert missing_texts(CHECKS) == []
    one_step = next(c for c in CHECKS if c.id == "gradients.elman_backward::one_step")
    assert "transpose" in one_step.diagnoses
    untold = replace(one_step, diagnoses=one_step.diagnoses + ("typo",))
    assert {(c, what) for c, what, _ in missing_texts([untold])} == {(one_step.id, "hint 'typo'")}
    undeclared = replace(one_step, diagnoses=tuple(d for d in one_step.diagnoses if d != "transpose"))
    assert missing_texts([undeclared]) == [(one_step.id, "a diagnosis 'transpose' in its declaration", "en")]
    nameless = replace(one_step, name="unheard_of")
    assert (nameless.id, "mechanism", "zh-TW") in missing_texts([nameless])


def test_a_diagnosis_the_check_does_not_declare_is_a_grader_error_not_a_hint():
    from dataclasses import replace

    import reference
    from grader.errors import Mismatch
    from grader.run import _from_failure

    one_step = next(c for c in CHECKS if c.id == "gradients.elman_backward::one_step")
    for hint, status in (("transpose", "failed"), ("default", "failed"), ("mutated", "failed"),
                         ("transposed", "grader_error")):
        result = _from_failure(one_step, 2, {}, Mismatch([], hint=hint), ref=reference)
        assert (result.status, result.hint_key) == (status, hint if status == "failed" else "grader_error")
    assert _from_failure(replace(one_step, diagnoses=()), 2, {}, Mismatch([], hint="transpose"),
                         ref=reference).status == "grader_error"
