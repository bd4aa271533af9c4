"""The reference against the lecture's own numbers and the curriculum's contract.

Independent oracles only: the worked examples of the notes, closed forms, and
the curriculum's text; never the reference against itself.
"""

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

import reference
from reference import gradients, lstm, rnn, slot_filling

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _ones_elman():
    ones = {"W_xh": (2, 2), "W_hh": (2, 2), "W_hy": (2, 2)}
    params = {k: np.ones(s) for k, s in ones.items()}
    params.update(b_h=np.zeros(2), b_y=np.zeros(2))
    return params


@pytest.mark.parametrize("xs, expected", [
    ([(1, 1), (1, 1), (2, 2)], [(4, 4), (12, 12), (32, 32)]),
    ([(1, 1), (2, 2), (1, 1)], [(4, 4), (16, 16), (36, 36)]),
])
def test_lecture_elman_example(xs, expected):
    ys, hs = rnn.elman_forward(np.array(xs, float), _ones_elman(), hidden="linear", output="linear")
    np.testing.assert_array_equal(ys, expected)
    np.testing.assert_array_equal(hs, np.array(expected) / 2)


def _run_handmade(x1, x2, x3):
    p = lstm.handmade_lstm()
    c, out = 0.0, []
    for x in zip(x1, x2, x3):
        z, z_i, z_f, z_o = p["w"] @ np.array(x, float) + p["b"]
        a, c = lstm.lstm_cell(z, z_i, z_f, z_o, c, g="linear", h="linear")
        out.append(float(a))
    return out


def test_handmade_lstm_lecture_weights_and_outputs():
    p = lstm.handmade_lstm()
    assert p["w"].shape == (4, 3) and p["b"].shape == (4,)
    np.testing.assert_array_equal(p["w"] @ [0, 1, 0] + p["b"], [0, 90, 110, -10])
    np.testing.assert_allclose(_run_handmade([3, 4, 2, 1, 3], [1, 1, 0, 0, -1], [0, 0, 0, 1, 0]),
                               [0, 0, 0, 7, 0], atol=1e-2)
    np.testing.assert_allclose(_run_handmade([1, 3, 2, 4, 2, 1, 3, 6, 1], [0, 1, 0, 1, 0, 0, -1, 1, 0],
                                             [0, 0, 0, 0, 0, 1, 0, 0, 1]),
                               [0, 0, 0, 0, 0, 7, 0, 0, 6], atol=1e-2)


@pytest.mark.parametrize("w, expected", [(1.0, 1.0), (1.01, 20751), (0.99, 4.4e-5), (0.01, 0.0)])
def test_linear_rnn_impulse_y1000(w, expected):
    xs = np.zeros(1000)
    xs[0] = 1
    ys = gradients.linear_rnn(w, xs)
    assert ys[-1] == pytest.approx(w ** 999, rel=1e-12, abs=1e-300)
    assert ys[-1] == pytest.approx(expected, rel=0.01, abs=1e-300)   # the curriculum's rounded figures


def test_linear_rnn_grad_impulse_closed_form():
    for T, w in [(2, 0.5), (10, 1.01), (1000, 0.99), (50, 1.3)]:
        xs = np.zeros(T)
        xs[0] = 1
        assert gradients.linear_rnn_grad(w, xs) == pytest.approx((T - 1) * w ** (T - 2), rel=1e-10)


def test_activation_is_stable_and_silent():
    v = np.array([-1000.0, -710.0, 0.0, 710.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = rnn.activation("sigmoid", v)
        t = rnn.activation("tanh", v)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    np.testing.assert_array_equal(t[[0, -1]], [-1.0, 1.0])
    assert np.all(np.isfinite(s))
    with pytest.raises(ValueError, match="expected one of"):
        rnn.activation("softmax", v)


def test_large_preactivations_give_no_nan():
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(5, 3)) * 1e3
    p = {f"W_{k}": rng.normal(size=(2, 7)) * 1e3 for k in "zifo"}
    p.update({f"b_{k}": np.zeros(2) for k in "zifo"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hs, cs = lstm.lstm_forward(xs, p)
    assert np.all(np.isfinite(hs)) and np.all(np.isfinite(cs))


def test_float32_in_float32_out():
    xs = np.ones((3, 2), np.float32)
    params = {k: v.astype(np.float32) for k, v in _ones_elman().items()}
    ys, hs = rnn.elman_forward(xs, params, hidden="tanh")
    assert ys.dtype == np.float32 and hs.dtype == np.float32
    assert rnn.activation("sigmoid", np.float32([1000, -1000])).dtype == np.float32


def test_functions_never_modify_inputs_and_return_fresh_arrays():
    rng = np.random.default_rng(1)
    xs = rng.normal(size=(4, 2))
    p = {"W_xh": rng.normal(size=(3, 2)), "W_hh": rng.normal(size=(3, 3)), "b_h": rng.normal(size=3),
         "W_hy": rng.normal(size=(2, 3)), "b_y": rng.normal(size=2)}
    h0 = rng.normal(size=3)
    before = {k: v.copy() for k, v in p.items()}, xs.copy(), h0.copy()
    ys, hs = rnn.elman_forward(xs, p, h0, hidden="linear", output="linear")
    grads = gradients.elman_backward(xs, p, np.ones((4, 2)), h0)
    clipped = gradients.clip_gradients(grads, 1e9)
    for k in before[0]:
        np.testing.assert_array_equal(p[k], before[0][k])
    np.testing.assert_array_equal(xs, before[1])
    np.testing.assert_array_equal(h0, before[2])
    assert not np.shares_memory(hs[0], h0)
    assert all(clipped[k] is not grads[k] for k in grads)
    v = np.array([1.0, -2.0])
    assert rnn.activation("linear", v) is not v


def test_slot_tagger_tags_the_whole_grammar():
    params = slot_filling.slot_tagger()
    H = params["W_hh"].shape[0]
    assert H <= 64 and params["W_xh"].shape == (H, 16) and params["W_hy"].shape == (4, H)
    sentences = slot_filling.sentences()
    assert len(sentences) == 240
    assert all(slot_filling.tag(params, words) == tags for words, tags in sentences)
    arrive = slot_filling.tag(params, ("arrive", "Taipei"))
    leave = slot_filling.tag(params, ("leave", "Taipei"))
    assert arrive[1] == "dest" and leave[1] == "depart"


def test_reference_exports_every_curriculum_function():
    names = {m: getattr(reference, m).__all__ for m in reference.__all__}
    for (module, function) in [("rnn", "activation"), ("lstm", "lstm_cell"), ("gru", "gru_forward"),
                               ("gradients", "lstm_backward"), ("slot_filling", "slot_tagger")]:
        assert function in names[module]


def test_skeleton_imports_cleanly_and_raises_not_implemented():
    code = ("import rnn, lstm, gru, gradients, slot_filling\n"
            "try:\n    rnn.elman_forward(None, None)\nexcept NotImplementedError as e:\n    print('NIE', e)\n")
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=os.path.join(ROOT, "exercises"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "NIE rnn.elman_forward: not implemented yet" in done.stdout
