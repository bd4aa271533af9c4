"""The reference's answers as a student kit holds them (grader.answers): keyed exactly, stored whole,
answered only for what was asked, and by the student's own verified function for anything else."""

import numpy as np
import pytest

import reference
from grader.answers import SHAPES, STRUCTURE, Answers, NotRecorded, Recording, call_key
from grader.cases import _pack, _unpack


def test_a_call_is_keyed_by_every_value_dtype_and_shape():
    v = np.array([0.5, -1.0])
    base = call_key("rnn", "activation", ("tanh", v), {})
    assert base == call_key("rnn", "activation", ("tanh", v.copy()), {})
    assert base == call_key("rnn", "activation", ("tanh", np.array([[0.5, -1.0]]).T[:, 0]), {})   # a view
    for other in [("relu", v), ("tanh", v + np.array([0.0, 1e-15])), ("tanh", v.astype(np.float32)),
                  ("tanh", v[None, :]), ("tanh", list(v))]:
        assert call_key("rnn", "activation", other, {}) != base, other
    assert call_key("rnn", "activation", ("tanh", np.array(1.0)), {}) != \
        call_key("rnn", "activation", ("tanh", np.array([1.0])), {})   # 0-d is not 1-d
    assert call_key("rnn", "activation", ("tanh", v), {}, SHAPES) == \
        call_key("rnn", "activation", ("tanh", v * 3), {}, SHAPES)
    assert call_key("rnn", "activation", ("tanh", v), {}, SHAPES) != \
        call_key("rnn", "activation", ("tanh", np.ones(3)), {}, SHAPES)
    assert call_key("rnn", "activation", ("tanh", v), {}, STRUCTURE) == \
        call_key("rnn", "activation", ("tanh", np.ones(3)), {}, STRUCTURE)
    assert call_key("rnn", "activation", ("tanh", v), {}, STRUCTURE) != \
        call_key("rnn", "activation", ("relu", v), {}, STRUCTURE)
    with pytest.raises(TypeError):
        call_key("rnn", "activation", (object(),), {})


def test_the_case_codec_keeps_zero_dimensional_arrays_and_scalars():
    tree = {"a": np.array(3.0), "s": (np.float64(1.5), 2.5), "m": np.arange(6.0).reshape(2, 3).T}
    back = _unpack(_pack(tree))
    assert back["a"].shape == () and back["a"] == 3.0
    assert isinstance(back["s"][0], np.float64) and back["s"][1] == 2.5
    assert np.array_equal(back["m"], tree["m"])


def _recorded():
    recording = Recording(reference)
    v = np.array([-2.0, 0.0, 3.0])
    recording.rnn.activation("relu", v)
    recording.lstm.lstm_cell(np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2), np.ones(2), g="linear", h="linear")
    data = _unpack(_pack({"answers": list(recording.answers.items()), "alike": list(recording.alike.items()),
                          "constants": recording.constants}))
    return Answers({bytes(k): a for k, a in data["answers"]}, {bytes(k): bytes(a) for k, a in data["alike"]},
                   data["constants"]), v


def test_answers_give_what_was_recorded_and_nothing_else():
    answers, v = _recorded()
    assert np.array_equal(answers.rnn.activation("relu", v.copy()), [0.0, 0.0, 3.0])   # max(0, v), by hand
    a, c = answers.lstm.lstm_cell(np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2), np.ones(2), g="linear",
                                  h="linear")
    assert np.allclose(c, 0.5) and np.allclose(a, 0.25)   # c = 0·σ(0) + 1·σ(0), a = c·σ(0)
    assert answers.slot_filling.TAGS == ("other", "dest", "depart", "time")
    with pytest.raises(NotRecorded):
        answers.rnn.activation("relu", v + 1)
    with pytest.raises(NotRecorded):
        answers.rnn.elman_forward(v)
    value, shaped = answers.structure("rnn", "activation", ("relu", v + 1), {})
    assert shaped and value.shape == (3,)
    value, shaped = answers.structure("rnn", "activation", ("relu", np.ones((2, 2))), {})
    assert not shaped   # a reply of another shape is allowed: only its structure is known
    with pytest.raises(NotRecorded):
        answers.structure("rnn", "activation", ("relu", "not an array"), {})


def test_a_verified_student_function_answers_what_was_not_recorded():
    answers, v = _recorded()
    calls = []
    answers.verified["rnn.activation"] = lambda name, x: calls.append(name) or np.maximum(x, 0)
    assert np.array_equal(answers.rnn.activation("relu", v - 1), [0.0, 0.0, 2.0])
    assert calls == ["relu"]
    answers.rnn.activation("relu", v)   # recorded: the student's function is not asked
    assert calls == ["relu"]


def test_a_check_the_answers_cannot_decide_is_undecided_not_failed():
    from grader.cases import replay
    from grader.properties import CHECKS
    from grader.run import run_check

    check = next(c for c in CHECKS if c.id == "rnn.activation::agrees")
    replay(check, check.examples, reference)          # the public cases, as a kit has them frozen
    result = run_check(check, reference, Answers({}, {}, {}), shrink=False)   # no answer recorded
    assert (result.status, result.points, result.hint_key) == ("undecided", 0.0, "kit_undecided")
    assert "rnn.activation" in result.message_text()


def test_oracle_results_a_recorded_plan_uses_are_kept_even_when_known_already():
    from grader.properties.oracles import oracle, preload, recording

    @oracle
    def doubled(ref, x):
        return 2 * x

    with recording() as first:
        doubled(reference, 3)
    preload(first)
    with recording() as again:   # known now: still recorded, so a kit's frozen file holds it
        doubled(reference, 3)
    assert again == first and list(again.values()) == [6]
