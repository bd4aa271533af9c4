"""Properties of the simple recurrent networks (module rnn).

Each property is a function of an implementation ``impl`` (an object with the
curriculum modules as attributes: ``impl.rnn.elman_forward``) and of the trusted
reference ``ref``; it raises Mismatch when the mechanism is wrong.
"""

import numpy as np
from hypothesis import strategies as st

from ..catalogue import arguments, check
from ..errors import Mismatch
from ..messages import say
from .compare import assert_close, assert_differs, close
from ..tree import private_copy
from ._util import call, last_call
from .relations import causal_cases, causality, order_matters, permutation, split_cases
from .strategies import (ACTIVATION_NAMES, MAX_D, MAX_H, MAX_K, MAX_T, array, dims, elman_params,
                         head_params, in_forms, jordan_params, layer_params, sequence, state)

# ---------------------------------------------------------------- activation


@st.composite
def activation_cases(draw):
    """Any activation on an array of 0 to 2 dimensions with entries in [-20, 20]."""
    shape = draw(st.lists(st.integers(1, 4), max_size=2).map(tuple))
    return {"name": draw(st.sampled_from(ACTIVATION_NAMES)), "v": draw(array(shape, -20, 20))}


@check("rnn.activation", "agrees", strategy=in_forms(activation_cases(), "python_float"), points=3, examples=40,
       compares_with_reference=True, diagnoses=("bad_return", "linear", "relu", "sigmoid", "tanh"))
def activation_agrees(impl, case, ref):
    expected = ref.rnn.activation(case["name"], private_copy(case["v"]))
    received = impl.rnn.activation(case["name"], case["v"])
    assert_close(received, expected, what=f"activation({case['name']!r}, v)", hint=case["name"],
                 axes=("index", "index"))


@st.composite
def extreme_cases(draw):
    """Values of magnitude 1e2 to 1e4, both signs, where a naive exp overflows."""
    mags = draw(st.lists(st.floats(100, 1e4), min_size=1, max_size=4))
    signs = draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=len(mags), max_size=len(mags)))
    return {"name": draw(st.sampled_from(("sigmoid", "tanh"))), "v": np.array(mags) * signs}


@check("rnn.activation", "stable", strategy=extreme_cases(), points=2, diagnoses=("bad_return", "stable", "warns"))
def activation_stable(impl, case, ref):
    """sigmoid and tanh saturate to exactly their limits, with no overflow or NaN."""
    v = case["v"]
    limit = np.sign(v) if case["name"] == "tanh" else (v > 0).astype(float)
    received = impl.rnn.activation(case["name"], v)
    warned = last_call(impl)["warned"]
    if warned:
        raise Mismatch(say("returned/warned", function=f"activation({case['name']!r}, v)", warning=warned[0]),
                       hint="warns", what="activation")
    assert_close(received, limit, what=f"activation({case['name']!r}, v)", hint="stable",
                 rtol=0, atol=1e-12, axes=("index",))


# ---------------------------------------------------------------- elman_forward


@st.composite
def elman_cases(draw, with_h0=None, hidden=ACTIVATION_NAMES, output=ACTIVATION_NAMES, lo=-1.5, hi=1.5,
                min_T=1):
    """An elman_forward call: T in 1..6, D, H in 1..3, K in 1..2, weights in [lo, hi]."""
    T, D, H, K = draw(dims(MAX_T).filter(lambda t: t >= min_T)), draw(dims(MAX_D)), draw(dims(MAX_H)), draw(dims(MAX_K))
    h0 = draw(state(H)) if with_h0 is None else (draw(array((H,))) if with_h0 else None)
    return {"xs": draw(sequence(T, D, lo, hi)), "params": draw(elman_params(D, H, K, lo, hi)), "h0": h0,
            "hidden": draw(st.sampled_from(hidden)), "output": draw(st.sampled_from(output))}


ELMAN_ARGS = arguments("rnn.elman_forward")


@check("rnn.elman_forward", "agrees", strategy=elman_cases(), points=3, examples=40,
       compares_with_reference=True, diagnoses=("aliased", "output"))
def elman_agrees(impl, case, ref):
    ys_e, hs_e = call(ref.rnn.elman_forward, private_copy(case), *ELMAN_ARGS)
    ys, hs = call(impl.rnn.elman_forward, case, *ELMAN_ARGS)
    assert_close(hs, hs_e, what="hs", hint="aliased" if _aliased(hs, hs_e) else "default")
    assert_close(ys, ys_e, what="ys", hint="output")


def _aliased(hs, expected):
    """True when every row of hs is its last one (one array appended every step and overwritten in place),
    while the expected rows differ."""
    hs, expected = np.asarray(hs), np.asarray(expected)
    return (len(hs) > 1 and hs.shape == expected.shape and bool(np.all(hs == hs[-1]))
            and not close(expected, np.broadcast_to(expected[-1], expected.shape)))


@check("rnn.elman_forward", "initial_state", strategy=elman_cases(with_h0=True), points=2,
       compares_with_reference=True, diagnoses=("aliased", "first_step", "stored_h0"))
def elman_initial_state(impl, case, ref):
    """The memory starts at h0 when one is given (and at zeros otherwise)."""
    c = private_copy(case)
    _, hs_e = call(ref.rnn.elman_forward, private_copy(case), *ELMAN_ARGS)
    _, hs = call(impl.rnn.elman_forward, case, *ELMAN_ARGS)
    try:
        assert_close(hs[:1], hs_e[:1], what="hs")
    except Mismatch as mismatch:
        _, hs_zero = ref.rnn.elman_forward(c["xs"], c["params"], None, c["hidden"], c["output"])
        if _aliased(hs, hs_e):
            mismatch.hint = "aliased"
        elif not close(hs[:1], hs_zero[:1]):          # h0 is read, but not as the first step's memory
            mismatch.hint = "stored_h0" if close(hs[0], c["h0"]) else "first_step"
        raise


POSITIVE = dict(lo=0.5, hi=1.0, hidden=("linear", "relu"), output=("linear", "relu"), min_T=2)
"""The lecture's setting for order sensitivity: positive weights and inputs, no saturation."""


@check("rnn.elman_forward", "order_matters", strategy=elman_cases(with_h0=False, **POSITIVE),
       proves_work=False, diagnoses=("order",))
def elman_order_matters(impl, case, ref):
    """The lecture's (1,1),(1,1),(2,2) vs (1,1),(2,2),(1,1): order changes the outputs."""
    order_matters(lambda xs: impl.rnn.elman_forward(xs, case["params"], hidden=case["hidden"],
                                                     output=case["output"])[0], case, "ys")


@st.composite
def memoryless_cases(draw):
    """An Elman call with W_hh = 0 and a permutation of its steps."""
    case = draw(elman_cases(with_h0=False))
    case["params"]["W_hh"] = np.zeros_like(case["params"]["W_hh"])
    case["perm"] = draw(permutation(len(case["xs"])))
    return case


@check("rnn.elman_forward", "memoryless_permutes", strategy=memoryless_cases(), diagnoses=("step_alignment",))
def elman_memoryless_permutes(impl, case, ref):
    """Without memory (W_hh = 0) a network maps each step alone: permuting xs permutes ys."""
    perm = list(case["perm"])
    ys, _ = call(impl.rnn.elman_forward, case, *ELMAN_ARGS)
    ys_p, _ = impl.rnn.elman_forward(case["xs"][perm], case["params"], None, case["hidden"], case["output"])
    assert_close(ys_p, ys[perm], what="ys of the permuted sequence", hint="step_alignment")


@check("rnn.elman_forward", "causality", strategy=causal_cases(elman_cases()), diagnoses=("causality",))
def elman_causality(impl, case, ref):
    """The output at t depends on x_1..x_t only: changing later inputs leaves it alone."""
    causality(lambda m, xs: m.rnn.elman_forward(xs, case["params"], case["h0"], case["hidden"],
                                                case["output"])[0], impl, ref, case, "ys")


@check("rnn.elman_forward", "parameter_sharing", strategy=split_cases(elman_cases(min_T=2)), diagnoses=("sharing",))
def elman_parameter_sharing(impl, case, ref):
    """One network applied T times: two runs, the state passed on, equal one run."""
    k, xs, p = case["k"], case["xs"], case["params"]
    _, hs = call(impl.rnn.elman_forward, case, *ELMAN_ARGS)
    _, hs_a = impl.rnn.elman_forward(xs[:k], p, case["h0"], case["hidden"], case["output"])
    _, hs_b = impl.rnn.elman_forward(xs[k:], p, hs_a[-1], case["hidden"], case["output"])
    assert_close(np.concatenate([hs_a, hs_b]), hs, what=f"hs of two runs split at step {k}",
                 hint="sharing")


# ---------------------------------------------------------------- jordan_forward


@st.composite
def jordan_cases(draw, with_y0=None, hidden=ACTIVATION_NAMES, output=ACTIVATION_NAMES, lo=-1.5, hi=1.5,
                 min_T=1):
    """A jordan_forward call: same sizes as Elman, y0 of shape (K,)."""
    T, D, H, K = draw(dims(MAX_T).filter(lambda t: t >= min_T)), draw(dims(MAX_D)), draw(dims(MAX_H)), draw(dims(MAX_K))
    y0 = draw(state(K)) if with_y0 is None else (draw(array((K,))) if with_y0 else None)
    return {"xs": draw(sequence(T, D, lo, hi)), "params": draw(jordan_params(D, H, K, lo, hi)), "y0": y0,
            "hidden": draw(st.sampled_from(hidden)), "output": draw(st.sampled_from(output))}


JORDAN_ARGS = arguments("rnn.jordan_forward")


@check("rnn.jordan_forward", "agrees", strategy=jordan_cases(), points=3, examples=40,
       compares_with_reference=True, diagnoses=("memory", "output"))
def jordan_agrees(impl, case, ref):
    ys_e, hs_e = call(ref.rnn.jordan_forward, private_copy(case), *JORDAN_ARGS)
    ys, hs = call(impl.rnn.jordan_forward, case, *JORDAN_ARGS)
    assert_close(hs, hs_e, what="hs", hint="memory")
    assert_close(ys, ys_e, what="ys", hint="output")


@check("rnn.jordan_forward", "initial_state", strategy=jordan_cases(with_y0=True),
       compares_with_reference=True)
def jordan_initial_state(impl, case, ref):
    """The output memory starts at y0 when one is given."""
    _, hs_e = call(ref.rnn.jordan_forward, private_copy(case), *JORDAN_ARGS)
    _, hs = call(impl.rnn.jordan_forward, case, *JORDAN_ARGS)
    assert_close(hs[:1], hs_e[:1], what="hs")


@st.composite
def square_jordan_cases(draw):
    """A jordan_forward call of T in 2..6 steps with as many hidden units as outputs (H = K in 1..2), so that
    feeding back h_{t-1} instead of y_{t-1} gives a wrong value, not a shape error."""
    T, D, K = draw(st.integers(2, MAX_T)), draw(dims(MAX_D)), draw(dims(MAX_K))
    return {"xs": draw(sequence(T, D)), "params": draw(jordan_params(D, K, K)), "y0": draw(state(K)),
            "hidden": draw(st.sampled_from(ACTIVATION_NAMES)), "output": draw(st.sampled_from(ACTIVATION_NAMES))}


@check("rnn.jordan_forward", "output_fed_back", strategy=square_jordan_cases(), diagnoses=("memory",))
def jordan_output_fed_back(impl, case, ref):
    """Each step's hidden layer reads the output the network returned for the step before (y0 at the first)."""
    c = private_copy(case)
    ys, hs = call(impl.rnn.jordan_forward, case, *JORDAN_ARGS)
    p = c["params"]
    y_prev = np.vstack([np.zeros(p["W_hy"].shape[0]) if c["y0"] is None else c["y0"], np.asarray(ys)[:-1]])
    expected = ref.rnn.activation(c["hidden"], c["xs"] @ p["W_xh"].T + y_prev @ p["W_yh"].T + p["b_h"])
    assert_close(hs, expected, what="hs, against hidden(W_xh x_t + W_yh y_{t-1} + b_h) with your own ys",
                 hint="memory")


@check("rnn.jordan_forward", "order_matters", strategy=jordan_cases(with_y0=False, **POSITIVE),
       proves_work=False, diagnoses=("order",))
def jordan_order_matters(impl, case, ref):
    order_matters(lambda xs: impl.rnn.jordan_forward(xs, case["params"], hidden=case["hidden"],
                                                      output=case["output"])[0], case, "ys")


@check("rnn.jordan_forward", "causality", strategy=causal_cases(jordan_cases()), diagnoses=("causality",))
def jordan_causality(impl, case, ref):
    causality(lambda m, xs: m.rnn.jordan_forward(xs, case["params"], case["y0"], case["hidden"],
                                                 case["output"])[0], impl, ref, case, "ys")


@check("rnn.jordan_forward", "parameter_sharing", strategy=split_cases(jordan_cases(min_T=2)), diagnoses=("sharing",))
def jordan_parameter_sharing(impl, case, ref):
    """Two runs, the last output passed on as y0, equal one run."""
    k, xs, p = case["k"], case["xs"], case["params"]
    ys, _ = call(impl.rnn.jordan_forward, case, *JORDAN_ARGS)
    ys_a, _ = impl.rnn.jordan_forward(xs[:k], p, case["y0"], case["hidden"], case["output"])
    ys_b, _ = impl.rnn.jordan_forward(xs[k:], p, ys_a[-1], case["hidden"], case["output"])
    assert_close(np.concatenate([ys_a, ys_b]), ys, what=f"ys of two runs split at step {k}", hint="sharing")


# ---------------------------------------------------------------- stacked_forward


@st.composite
def stacked_cases(draw, n_layers=None):
    """A stacked_forward call: 1..3 layers of 1..3 units each."""
    T, D, K = draw(dims(MAX_T)), draw(dims(MAX_D)), draw(dims(MAX_K))
    sizes = draw(st.lists(dims(MAX_H), min_size=n_layers or 1, max_size=n_layers or 3))
    layers, below = [], D
    for H in sizes:
        layers.append(draw(layer_params(below, H)))
        below = H
    return {"xs": draw(sequence(T, D)), "layers": layers, "head": draw(head_params(below, K)),
            "hidden": draw(st.sampled_from(ACTIVATION_NAMES)), "output": draw(st.sampled_from(ACTIVATION_NAMES))}


STACKED_ARGS = arguments("rnn.stacked_forward")


@check("rnn.stacked_forward", "agrees", strategy=stacked_cases(), points=3, examples=30,
       compares_with_reference=True, diagnoses=("layers",))
def stacked_agrees(impl, case, ref):
    expected = call(ref.rnn.stacked_forward, private_copy(case), *STACKED_ARGS)
    received = call(impl.rnn.stacked_forward, case, *STACKED_ARGS)
    assert_close(received, expected, what="ys", hint="layers")


@check("rnn.stacked_forward", "one_layer_is_elman", strategy=stacked_cases(n_layers=1), diagnoses=("one_layer",))
def stacked_one_layer(impl, case, ref):
    """A stack of one layer is an Elman network."""
    params = {**case["layers"][0], **case["head"]}
    expected, _ = ref.rnn.elman_forward(case["xs"].copy(), private_copy(params), None, case["hidden"], case["output"])
    received = call(impl.rnn.stacked_forward, case, *STACKED_ARGS)
    assert_close(received, expected, what="ys of a one-layer stack", hint="one_layer")


@st.composite
def equal_width_stacked_cases(draw):
    """A stacked_forward call of 2..3 layers that all have as many units as there are inputs (H_l = D in
    1..3), so that a layer reading xs instead of the layer below gets a wrong value, not a shape error."""
    T, D, K = draw(dims(MAX_T)), draw(dims(MAX_D)), draw(dims(MAX_K))
    layers = [draw(layer_params(D, D)) for _ in range(draw(st.integers(2, 3)))]
    return {"xs": draw(sequence(T, D)), "layers": layers, "head": draw(head_params(D, K)),
            "hidden": draw(st.sampled_from(ACTIVATION_NAMES)), "output": draw(st.sampled_from(ACTIVATION_NAMES))}


@check("rnn.stacked_forward", "layers_compose", strategy=equal_width_stacked_cases(), diagnoses=("compose",))
def stacked_layers_compose(impl, case, ref):
    """A deep RNN is its first layer, then the rest of the stack run on that layer's hidden sequence."""
    first, rest = case["layers"][0], case["layers"][1:]
    H = first["W_hh"].shape[0]
    identity = {"W_hy": np.eye(H), "b_y": np.zeros(H)}     # a linear head that returns the hidden sequence
    hs_1 = np.asarray(impl.rnn.stacked_forward(case["xs"], [first], identity, case["hidden"], "linear"))
    ys_rest = impl.rnn.stacked_forward(hs_1, rest, case["head"], case["hidden"], case["output"])
    ys = call(impl.rnn.stacked_forward, case, *STACKED_ARGS)
    assert_close(ys, ys_rest, what="ys of the whole stack, against the rest of the stack run on layer 1's hs",
                 hint="compose")


@check("rnn.stacked_forward", "causality", strategy=causal_cases(stacked_cases()), diagnoses=("causality",))
def stacked_causality(impl, case, ref):
    causality(lambda m, xs: m.rnn.stacked_forward(xs, case["layers"], case["head"], case["hidden"],
                                                  case["output"]), impl, ref, case, "ys")


# ---------------------------------------------------------------- bidirectional_forward


@st.composite
def bidirectional_cases(draw, min_T=1):
    """A bidirectional_forward call: two layers of H units, a head of K x 2H."""
    T, D, H, K = draw(dims(MAX_T).filter(lambda t: t >= min_T)), draw(dims(MAX_D)), draw(dims(MAX_H)), draw(dims(MAX_K))
    return {"xs": draw(sequence(T, D)), "forward": draw(layer_params(D, H)), "backward": draw(layer_params(D, H)),
            "head": draw(head_params(2 * H, K)),
            "hidden": draw(st.sampled_from(ACTIVATION_NAMES)), "output": draw(st.sampled_from(ACTIVATION_NAMES))}


BIDI_ARGS = arguments("rnn.bidirectional_forward")


@check("rnn.bidirectional_forward", "agrees", strategy=bidirectional_cases(), points=3, examples=30,
       compares_with_reference=True, diagnoses=("alignment",))
def bidirectional_agrees(impl, case, ref):
    expected = call(ref.rnn.bidirectional_forward, private_copy(case), *BIDI_ARGS)
    received = call(impl.rnn.bidirectional_forward, case, *BIDI_ARGS)
    assert_close(received, expected, what="ys", hint="alignment")


@check("rnn.bidirectional_forward", "symmetry", strategy=bidirectional_cases(), diagnoses=("symmetry",))
def bidirectional_symmetry(impl, case, ref):
    """Reversing xs, swapping the two layers and the head's halves reverses ys."""
    H = case["forward"]["W_hh"].shape[0]
    W_hy = case["head"]["W_hy"]
    mirrored_head = {"W_hy": np.concatenate([W_hy[:, H:], W_hy[:, :H]], axis=1), "b_y": case["head"]["b_y"]}
    ys = call(impl.rnn.bidirectional_forward, case, *BIDI_ARGS)
    ys_mirror = impl.rnn.bidirectional_forward(case["xs"][::-1].copy(), case["backward"], case["forward"],
                                               mirrored_head, case["hidden"], case["output"])
    assert_close(ys_mirror[::-1], ys, what="ys of the mirrored network, reversed", hint="symmetry")


@st.composite
def future_cases(draw):
    """A linear bidirectional call, T >= 2, whose backward layer carries x_T back to every step."""
    case = draw(bidirectional_cases(min_T=2))
    case["hidden"], case["output"] = "linear", "linear"
    H = case["forward"]["W_hh"].shape[0]
    case["backward"]["W_xh"] = np.full_like(case["backward"]["W_xh"], 0.5)
    case["backward"]["W_hh"] = 0.5 * np.eye(H)
    case["head"]["W_hy"][:, H:] = 1.0
    return case


@check("rnn.bidirectional_forward", "sees_future", strategy=future_cases(), proves_work=False, diagnoses=("future",))
def bidirectional_sees_future(impl, case, ref):
    """Unlike a one-way RNN, y_t depends on the inputs after t, through the backward layer."""
    ys = call(impl.rnn.bidirectional_forward, case, *BIDI_ARGS)
    later = case["xs"].copy()
    later[-1] += 1.0
    ys_later = impl.rnn.bidirectional_forward(later, case["forward"], case["backward"], case["head"],
                                              case["hidden"], case["output"])
    assert_differs(ys_later[-2], ys[-2], what=f"y at step t={len(ys) - 2} after changing the last input",
                   hint="future")

