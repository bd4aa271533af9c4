"""Properties of the gated recurrent unit (module gru).

Each property is a function of an implementation ``impl`` (``impl.gru.gru_forward``)
and of the trusted reference ``ref``. Apart from "agrees", the checks saturate a
gate (pre-activation ±50, so σ is 0 or 1 to double precision) and compare with
the candidate formula written out below, fed with the implementation's own
previous states; or they relate the implementation to itself.
"""

import numpy as np
from hypothesis import strategies as st

from ..catalogue import arguments, check
from .compare import assert_close, close
from ..tree import private_copy
from ._util import call, sigmoid
from .lstm import SATURATE
from .relations import causal_cases, causality, split_cases
from .strategies import MAX_D, MAX_H, MAX_T, array, dims, gru_params, sequence, state


@st.composite
def gru_cases(draw, with_h0=None, min_T=1):
    """A gru_forward call: T in min_T..6, D, H in 1..3, inputs, weights and h0 in [-1.5, 1.5]; h0 may be None."""
    T, D, H = draw(st.integers(min_T, MAX_T)), draw(dims(MAX_D)), draw(dims(MAX_H))
    h0 = draw(state(H)) if with_h0 is None else (draw(array((H,))) if with_h0 else None)
    return {"xs": draw(sequence(T, D)), "params": draw(gru_params(D, H)), "h0": h0}


GRU_ARGS = arguments("gru.gru_forward")


def _run(impl, case, **changes):
    """impl.gru.gru_forward on the case with some arguments replaced."""
    return call(impl.gru.gru_forward, {**case, **changes}, *GRU_ARGS)


def _previous(case, hs):
    """h_{t-1} for every step t: h0 (or zeros), then the implementation's own hs[:-1]."""
    H = hs.shape[1]
    h0 = np.zeros(H) if case["h0"] is None else np.asarray(case["h0"], dtype=float)
    return np.concatenate([h0[None, :], hs[:-1]])


def _candidates(params, xs, prev, r=None):
    """The candidates n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h) for the given previous states,
    with r_t = σ(W_r @ concat(x_t, h_{t-1}) + b_r) unless r is given."""
    out = []
    for x, h in zip(xs, prev):
        r_t = sigmoid(params["W_r"] @ np.concatenate([x, h]) + params["b_r"]) if r is None else r
        out.append(np.tanh(params["W_h"] @ np.concatenate([x, r_t * h]) + params["b_h"]))
    return np.array(out)


def _assert_replaced(hs, expected, prev, *, what, hint, stayed="flipped"):
    """assert_close for a run with u = 0; the hint is ``stayed`` when the state was kept instead of replaced."""
    if not close(hs, expected):
        assert_close(hs, expected, what=what, hint=stayed if close(hs, prev) else hint)


def _with_gate(params, gate, bias):
    """The params with W_gate = 0 and b_gate = bias (a number: ±50 saturates the gate)."""
    H = params["b_" + gate].shape[0]
    return {**params, "W_" + gate: np.zeros_like(params["W_" + gate]), "b_" + gate: np.full(H, float(bias))}


@check("gru.gru_forward", "agrees", strategy=gru_cases(), points=3, examples=40, compares_with_reference=True)
def gru_agrees(impl, case, ref):
    expected = call(ref.gru.gru_forward, private_copy(case), *GRU_ARGS)
    received = call(impl.gru.gru_forward, case, *GRU_ARGS)
    assert_close(received, expected, what="hs")


@check("gru.gru_forward", "update_gate", strategy=gru_cases(with_h0=True), diagnoses=("candidate", "keep", "stays"))
def gru_update_gate(impl, case, ref):
    """u = 1 keeps the state (h_t = h0 for all t); u = 0 replaces it by the candidate n_t."""
    orig = private_copy(case)  # the oracle's inputs, safe from a call that modifies its inputs
    T = len(orig["xs"])
    hs = _run(impl, case, params=_with_gate(case["params"], "u", SATURATE))
    assert_close(hs, np.tile(orig["h0"], (T, 1)), what="hs with b_u = 50 (W_u = 0), against h0", hint="keep")

    hs = _run(impl, case, params=_with_gate(case["params"], "u", -SATURATE))
    prev = _previous(orig, hs)
    expected = _candidates(_with_gate(orig["params"], "u", -SATURATE), orig["xs"], prev)
    _assert_replaced(hs, expected, prev, what="hs with b_u = -50 (W_u = 0), against the candidates n_t",
                     hint="candidate", stayed="stays")   # (the flipped convention fails "keep" first)


@check("gru.gru_forward", "reset_gate", strategy=gru_cases(with_h0=True),
       diagnoses=("after_matmul", "flipped", "reset_one", "reset_zero"))
def gru_reset_gate(impl, case, ref):
    """With u = 0: r = 0 makes the candidate forget h_{t-1}, r = 1 gives it all of h_{t-1}, and a fixed
    r per unit scales h_{t-1} before W_h."""
    orig = private_copy(case)  # the oracle's inputs, safe from a call that modifies its inputs
    xs, p = orig["xs"], orig["params"]
    D, H = xs.shape[1], p["b_r"].shape[0]
    replace = _with_gate(case["params"], "u", -SATURATE)

    expected = np.tanh(xs @ p["W_h"][:, :D].T + p["b_h"])
    hs = _run(impl, case, params=_with_gate(replace, "r", -SATURATE))
    _assert_replaced(hs, expected, _previous(orig, hs), hint="reset_zero",
                     what="hs with u = 0, b_r = -50 (W_r = 0), against tanh(W_h[:, :D] @ x_t + b_h)")

    hs = _run(impl, case, params=_with_gate(replace, "r", SATURATE))
    prev = _previous(orig, hs)
    expected = _candidates(p, xs, prev, r=np.ones(H))
    _assert_replaced(hs, expected, prev, hint="reset_one",
                     what="hs with u = 0, b_r = 50 (W_r = 0), against the candidates n_t (r = 1)")

    hs = _run(impl, case, params={**replace, "W_r": np.zeros_like(replace["W_r"])})
    prev = _previous(orig, hs)
    expected = _candidates(p, xs, prev, r=sigmoid(p["b_r"]))
    _assert_replaced(hs, expected, prev, hint="after_matmul",
                     what="hs with u = 0, W_r = 0 (r = σ(b_r) per unit), against the candidates n_t")


@check("gru.gru_forward", "causality", strategy=causal_cases(gru_cases()), diagnoses=("causality",))
def gru_causality(impl, case, ref):
    """h_t depends on x_1..x_t only: changing later inputs leaves it alone."""
    causality(lambda m, xs: _run(m, case, xs=xs), impl, ref, case, "hs")


@check("gru.gru_forward", "parameter_sharing", strategy=split_cases(gru_cases(min_T=2)), diagnoses=("sharing",))
def gru_parameter_sharing(impl, case, ref):
    """One unit applied T times: two runs, the state passed on, equal one run."""
    k, xs = case["k"], case["xs"]
    hs = call(impl.gru.gru_forward, case, *GRU_ARGS)
    hs_a = _run(impl, case, xs=xs[:k])
    hs_b = _run(impl, case, xs=xs[k:], h0=hs_a[-1])
    assert_close(np.concatenate([hs_a, hs_b]), hs, what=f"hs of two runs split at step {k}", hint="sharing")
