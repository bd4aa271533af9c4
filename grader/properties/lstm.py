"""Properties of long short-term memory (module lstm).

Each property is a function of an implementation ``impl`` (``impl.lstm.lstm_forward``)
and of the trusted reference ``ref``. Only the "agrees" checks (and initial_state)
compare with the reference; every other check uses an independent oracle: a
relation of the implementation with itself, a saturated gate whose effect is
known exactly, or a tiny formula written out below.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ..catalogue import arguments, check
from ..errors import Mismatch
from ..messages import say
from .compare import assert_close, close, fmt, rejected
from ..tree import private_copy
from ._util import ACTIVATIONS, call, sigmoid
from .relations import causal_cases, causality, order_matters, split_cases
from .strategies import ACTIVATION_NAMES, MAX_D, MAX_H, MAX_T, WEIGHT, array, dims, lstm_params, sequence, state

SATURATE = 50.0
"""A gate pre-activation of ±50 closes (σ = 2e-22) or opens (σ = 1 - 2e-22) the gate."""


def _first_bad_step(received, expected):
    """The first step (row) assert_close would reject, with the whole array's scale; None if none."""
    bad = rejected(received, expected)
    if bad is None:
        return 0
    rows = np.flatnonzero(bad.reshape(len(bad), -1).any(axis=1))
    return int(rows[0]) if rows.size else None


# ---------------------------------------------------------------- lstm_cell

CELL_RANGE = 4.0
"""Cell inputs, gate pre-activations and memories lie in [-4, 4]."""


def _cell_shape(min_size=1):
    """A shape of 0 to 2 dimensions of 1..3 entries (shrinking to a scalar), with min_size entries."""
    return st.lists(st.integers(1, 3), max_size=2).map(tuple).filter(lambda s: int(np.prod(s)) >= min_size)


@st.composite
def cell_cases(draw, min_size=1, scalars_as_floats=True):
    """An lstm_cell call: z, z_i, z_f, z_o, c_prev of one shape (0-d to 3x3), entries in [-4, 4];
    g and h any activation. A 0-d case may be passed as Python floats."""
    shape = draw(_cell_shape(min_size))
    case = {k: draw(array(shape, -CELL_RANGE, CELL_RANGE)) for k in ("z", "z_i", "z_f", "z_o", "c_prev")}
    if shape == () and scalars_as_floats and draw(st.booleans()):
        case = {k: float(v) for k, v in case.items()}
    case["g"] = draw(st.sampled_from(ACTIVATION_NAMES))
    case["h"] = draw(st.sampled_from(ACTIVATION_NAMES))
    return case


CELL_ARGS = arguments("lstm.lstm_cell")


def _cell_bugs(case):
    """(hint, (a, c)) of the typical wrong cells, to name the bug behind a mismatch."""
    z, zi, zf, zo, cp = (np.asarray(case[k], dtype=float) for k in ("z", "z_i", "z_f", "z_o", "c_prev"))
    g, h = ACTIVATIONS[case["g"]], ACTIVATIONS[case["h"]]
    right_c = g(z) * sigmoid(zi) + cp * sigmoid(zf)
    inverted = g(z) * sigmoid(zi) + cp * (1 - sigmoid(zf))
    inside = g(z * sigmoid(zi)) + cp * sigmoid(zf)
    return [
        ("forget_inverted", (h(inverted) * sigmoid(zo), inverted)),
        ("gate_inside", (h(inside) * sigmoid(zo), inside)),
        ("old_memory", (h(cp) * sigmoid(zo), right_c)),
    ]


@check("lstm.lstm_cell", "agrees", strategy=cell_cases(), points=3, examples=40, compares_with_reference=True,
       diagnoses=("forget_inverted", "gate_inside", "memory", "old_memory", "output"))
def cell_agrees(impl, case, ref):
    a_e, c_e = call(ref.lstm.lstm_cell, private_copy(case), *CELL_ARGS)
    a, c = call(impl.lstm.lstm_cell, case, *CELL_ARGS)
    if close(c, c_e) and close(a, a_e):
        return
    matches = [name for name, (a_bug, c_bug) in _cell_bugs(case) if close(a, a_bug) and close(c, c_bug)]
    hint = matches[0] if len(matches) == 1 else None  # a typical bug, if the case tells it apart
    axes = ("index", "index")
    assert_close(c, c_e, what="c", hint=hint or "memory", axes=axes)
    assert_close(a, a_e, what="a", hint=hint or "output", axes=axes)


@st.composite
def gate_cases(draw):
    """An lstm_cell call on arrays (0-d to 3x3, entries in [-4, 4]) and a second memory c_prev + shift,
    shift in [0.5, 2] (so the two memories differ everywhere); g, h any activation."""
    case = draw(cell_cases(scalars_as_floats=False))
    case["shift"] = draw(array(np.shape(case["z"]), 0.5, 2.0))
    return case


@check("lstm.lstm_cell", "forget_gate", strategy=gate_cases(),
       diagnoses=("forget_closed", "keep", "output_closed", "output_open"))
def cell_forget_gate(impl, case, ref):
    """Saturated gates are switches: forget closed drops c_prev, forget open and input closed keep it,
    output closed gives 0, output open gives h(c)."""
    z, zi, zo, cp, g, h = (case[k] for k in ("z", "z_i", "z_o", "c_prev", "g", "h"))
    shut, wide = np.full_like(z, -SATURATE), np.full_like(z, SATURATE)
    kept = np.copy(cp)  # the expected memory, safe from a call that modifies its inputs
    axes = ("index", "index")

    def shown(**changed):   # the call that failed, as made: the saturated gates shown, not the case's
        return {"z": z, "z_i": zi, "z_f": case["z_f"], "z_o": zo, "c_prev": cp, **changed, "g": g, "h": h}

    _, c_1 = impl.lstm.lstm_cell(z, zi, shut, zo, cp, g, h)
    _, c_2 = impl.lstm.lstm_cell(z, zi, shut, zo, cp + case["shift"], g, h)
    assert_close(c_2, c_1, what="c with z_f = -50, for c_prev and c_prev + shift",
                 hint="forget_closed", axes=axes,
                 shown=shown(z_f=shut, **{"c_prev, second call": cp + case["shift"]}))

    _, c = impl.lstm.lstm_cell(z, shut, wide, zo, cp, g, h)
    assert_close(c, kept, what="c with z_f = 50 and z_i = -50, against c_prev",
                 hint="keep", axes=axes, shown=shown(z_i=shut, z_f=wide))

    a, _ = impl.lstm.lstm_cell(z, zi, case["z_f"], shut, cp, g, h)
    assert_close(a, np.zeros_like(z), what="a with z_o = -50", hint="output_closed",
                 axes=axes, shown=shown(z_o=shut))

    a, c = impl.lstm.lstm_cell(z, zi, case["z_f"], wide, cp, g, h)
    assert_close(a, ACTIVATIONS[h](c), what=f"a with z_o = 50, against {h}(c) of the returned c",
                 hint="output_open", axes=axes, shown=shown(z_o=wide))


@st.composite
def elementwise_cases(draw):
    """An lstm_cell call on arrays of 2 to 9 entries (1-d or 2-d), entries in [-4, 4]."""
    return draw(cell_cases(min_size=2))


@check("lstm.lstm_cell", "elementwise", strategy=elementwise_cases(), diagnoses=("elementwise",))
def cell_elementwise(impl, case, ref):
    """Cell k only sees entry k: a call on arrays equals one call per entry on scalars."""
    g, h = case["g"], case["h"]
    a, c = call(impl.lstm.lstm_cell, case, *CELL_ARGS)
    shape = np.shape(case["z"])
    a_each, c_each = np.empty(shape), np.empty(shape)
    for index in np.ndindex(*shape):
        scalars = [float(case[k][index]) for k in ("z", "z_i", "z_f", "z_o", "c_prev")]
        a_each[index], c_each[index] = impl.lstm.lstm_cell(*scalars, g, h)
    axes = ("index", "index")
    assert_close(c, c_each, what="c of the array call, against one call per entry", hint="elementwise",
                 axes=axes)
    assert_close(a, a_each, what="a of the array call, against one call per entry", hint="elementwise",
                 axes=axes)


# ---------------------------------------------------------------- handmade_lstm

RULE_ATOL, RULE_RTOL = 0.1, 0.01
"""|a_t − rule_t| ≤ 0.1 + 0.01·|rule_t|. The lecture's weights (gates ±10 away from 0 when closed,
≥ 90 when open) leak σ(−10) = 4.5e-5 per step; on 20 steps of |x1| ≤ 10 their worst error is
0.05 (memory 100 built, then 10 leaking steps) and ≈ 0.014 where the expected output is 0."""

LECTURE = (
    ([[3, 1, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 0]], [0, 0, 0, 7, 0]),
    ([[1, 0, 0], [3, 1, 0], [2, 0, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 0], [6, 1, 0], [1, 0, 1]],
     [0, 0, 0, 0, 0, 7, 0, 0, 6]),
)
"""The lecture's two sequences x_t = (x1, x2, x3) and the outputs its hand-built LSTM gives."""


def _rule(xs):
    """The rule, step by step: (outputs, memory). x2 = 1 adds x1, x2 = -1 resets, x3 = 1 outputs."""
    memory, outputs, memories = 0.0, [], []
    for x1, x2, x3 in xs:
        if x2 == 1:
            memory += x1
        elif x2 == -1:
            memory = 0.0
        outputs.append(memory if x3 == 1 else 0.0)
        memories.append(memory)
    return np.array(outputs), np.array(memories)


def _run_cell(weights, xs, ref):
    """The student's weights in a cell with g = h = linear, memory from 0: (outputs a_t, memories c_t)."""
    w, b = np.asarray(weights["w"], dtype=float), np.asarray(weights["b"], dtype=float)
    c, outputs, memories = 0.0, [], []
    for x in xs:
        z, z_i, z_f, z_o = w @ x + b
        a, c = ref.lstm.lstm_cell(z, z_i, z_f, z_o, c, g="linear", h="linear")
        outputs.append(float(a))
        memories.append(float(c))
    return np.array(outputs), np.array(memories)


_STEP_KIND = {1.0: "add", -1.0: "reset", 0.0: "keep"}


def _assert_follows_rule(weights, xs, expected, ref, where):
    """Raise Mismatch, naming the part of the rule that broke, unless the cell's outputs are the rule's."""
    xs = np.asarray(xs, dtype=float)
    outputs, memories = _run_cell(weights, xs, ref)
    tolerance = f"|received − expected| ≤ {RULE_ATOL:g} + {RULE_RTOL:g}·|expected|"
    bad = ~(np.abs(outputs - expected) <= RULE_ATOL + RULE_RTOL * np.abs(expected))
    if not bad.any():
        return
    t = int(np.argmax(bad))
    if xs[t, 2] != 1:
        hint = "output_closed"
    else:
        _, rule_memory = _rule(xs)
        wrong = ~(np.abs(memories - rule_memory) <= RULE_ATOL + RULE_RTOL * np.abs(rule_memory))
        wrong[t + 1:] = False
        hint = _STEP_KIND[float(xs[int(np.argmax(wrong)), 1])] if wrong.any() else "output_open"
    x1, x2, x3 = xs[t]
    message = (say("handmade/not_close", where=where, tolerance=tolerance)
               + say("handmade/mismatched", bad=int(bad.sum()), size=bad.size)
               + say("handmade/first_difference", t=t, x=f"({fmt(x1)}, {fmt(x2)}, {fmt(x3)})",
                     expected=fmt(expected[t]), received=fmt(outputs[t]))
               + say("handmade/memory", memory=fmt(memories[:t + 1]))
               + say("handmade/weights", w=fmt(weights["w"]).replace("\n", " "), b=fmt(weights["b"])))
    raise Mismatch(message, hint=hint, expected=expected, received=outputs, index=(t,),
                   what="a", tolerance=tolerance)


@check("lstm.handmade_lstm", "lecture_examples", strategy=None, points=2,
       diagnoses=("add", "keep", "output_closed", "output_open", "reset"))
def handmade_lecture_examples(impl, case, ref):
    """The lecture's two sequences give about 0, 0, 0, 7, 0 and 0 0 0 0 0 7 0 0 6."""
    weights = impl.lstm.handmade_lstm()
    for n, (xs, expected) in enumerate(LECTURE, 1):
        xs = np.array(xs, dtype=float)
        where = (f"on the lecture's sequence {n} (x1 = {fmt(xs[:, 0])}, x2 = {fmt(xs[:, 1])}, "
                 f"x3 = {fmt(xs[:, 2])})")
        _assert_follows_rule(weights, xs, np.array(expected, dtype=float), ref, where)


@st.composite
def rule_cases(draw):
    """A sequence xs (T, 3) of 1..20 steps x = (x1, x2, x3): x1 real in [-10, 10], x2 in {-1, 0, 1},
    x3 in {0, 1}."""
    T = draw(st.integers(1, 20))
    x1 = draw(array((T,), -10.0, 10.0))
    x2 = draw(arrays(np.float64, (T,), elements=st.sampled_from([0.0, 1.0, -1.0])))
    x3 = draw(arrays(np.float64, (T,), elements=st.sampled_from([0.0, 1.0])))
    return {"xs": np.stack([x1, x2, x3], axis=1)}


@check("lstm.handmade_lstm", "follows_rule", strategy=rule_cases(), points=3, examples=40,
       diagnoses=("add", "keep", "output_closed", "output_open", "reset"))
def handmade_follows_rule(impl, case, ref):
    """On any sequence: x2 = 1 adds x1, x2 = -1 resets, x3 = 1 outputs the memory, otherwise 0."""
    expected, _ = _rule(case["xs"])
    weights = impl.lstm.handmade_lstm()
    _assert_follows_rule(weights, case["xs"], expected, ref, "on this sequence")


# ---------------------------------------------------------------- lstm_forward


@st.composite
def lstm_cases(draw, with_h0=None, with_c0=None, g=ACTIVATION_NAMES, h=ACTIVATION_NAMES, lo=-WEIGHT, hi=WEIGHT,
               min_T=1, min_H=1):
    """An lstm_forward call: T in min_T..6, D in 1..3, H in min_H..3, inputs and weights in [lo, hi]
    (default [-1.5, 1.5]); h0, c0 in [-1.5, 1.5] or None."""
    T, D, H = draw(st.integers(min_T, MAX_T)), draw(dims(MAX_D)), draw(st.integers(min_H, MAX_H))

    def initial(given):
        return draw(state(H)) if given is None else (draw(array((H,))) if given else None)

    return {"xs": draw(sequence(T, D, lo, hi)), "params": draw(lstm_params(D, H, lo, hi)),
            "h0": initial(with_h0), "c0": initial(with_c0),
            "g": draw(st.sampled_from(g)), "h": draw(st.sampled_from(h))}


LSTM_ARGS = arguments("lstm.lstm_forward")


def _sizes(case):
    """(T, D, H) of an lstm_forward case."""
    (T, D), H = case["xs"].shape, case["params"]["b_z"].shape[0]
    return T, D, H


@check("lstm.lstm_forward", "agrees", strategy=lstm_cases(), points=3, examples=40, compares_with_reference=True,
       diagnoses=("memory", "output"))
def lstm_agrees(impl, case, ref):
    hs_e, cs_e = call(ref.lstm.lstm_forward, private_copy(case), *LSTM_ARGS)
    hs, cs = call(impl.lstm.lstm_forward, case, *LSTM_ARGS)
    t_c, t_h = _first_bad_step(cs, cs_e), _first_bad_step(hs, hs_e)
    if t_c is not None and (t_h is None or t_c <= t_h):  # the first step that goes wrong: its memory
        assert_close(cs, cs_e, what="cs", hint="memory")
    assert_close(hs, hs_e, what="hs", hint="output")


@check("lstm.lstm_forward", "initial_state", strategy=lstm_cases(with_h0=True, with_c0=True),
       compares_with_reference=True, diagnoses=("c0", "h0"))
def lstm_initial_state(impl, case, ref):
    """The first step reads h0 and c0 when they are given."""
    hs_e, cs_e = call(ref.lstm.lstm_forward, private_copy(case), *LSTM_ARGS)
    hs, cs = call(impl.lstm.lstm_forward, case, *LSTM_ARGS)
    first = np.concatenate([hs[:1], cs[:1]], axis=1)
    if close(first, np.concatenate([hs_e[:1], cs_e[:1]], axis=1)):
        return
    hint = "default"
    for name in ("h0", "c0"):  # is it what one gets when that state is ignored?
        hs_x, cs_x = call(ref.lstm.lstm_forward, {**private_copy(case), name: None}, *LSTM_ARGS)
        if close(first, np.concatenate([hs_x[:1], cs_x[:1]], axis=1)):
            hint = name
            break
    assert_close(cs[:1], cs_e[:1], what="cs", hint=hint)
    assert_close(hs[:1], hs_e[:1], what="hs", hint=hint)


def _lstm_run(impl, case, **changes):
    """impl.lstm.lstm_forward on the case with some arguments replaced."""
    return call(impl.lstm.lstm_forward, {**case, **changes}, *LSTM_ARGS)


@check("lstm.lstm_forward", "causality", strategy=causal_cases(lstm_cases()), diagnoses=("causality",))
def lstm_causality(impl, case, ref):
    """h_t depends on x_1..x_t only: changing later inputs leaves it alone."""
    causality(lambda m, xs: _lstm_run(m, case, xs=xs)[0], impl, ref, case, "hs")


@check("lstm.lstm_forward", "parameter_sharing", strategy=split_cases(lstm_cases(min_T=2)), diagnoses=("sharing",))
def lstm_parameter_sharing(impl, case, ref):
    """One layer applied T times: two runs, h and c passed on, equal one run."""
    k, xs = case["k"], case["xs"]
    hs, cs = call(impl.lstm.lstm_forward, case, *LSTM_ARGS)
    hs_a, cs_a = _lstm_run(impl, case, xs=xs[:k])
    hs_b, cs_b = _lstm_run(impl, case, xs=xs[k:], h0=hs_a[-1], c0=cs_a[-1])
    assert_close(np.concatenate([cs_a, cs_b]), cs, what=f"cs of two runs split at step {k}", hint="sharing")
    assert_close(np.concatenate([hs_a, hs_b]), hs, what=f"hs of two runs split at step {k}", hint="sharing")


@check("lstm.lstm_forward", "order_matters",
       strategy=lstm_cases(with_h0=False, with_c0=False, g=("linear",), h=("linear",), lo=0.5, hi=1.0, min_T=2),
       proves_work=False, diagnoses=("order",))
def lstm_order_matters(impl, case, ref):
    """With positive weights and inputs (in [0.5, 1]) and linear g, h, swapping x_1 and x_2 changes h_2."""
    order_matters(lambda xs: _lstm_run(impl, case, xs=xs)[0], case, "hs")


@check("lstm.lstm_forward", "forget_gate", strategy=lstm_cases(with_c0=True), diagnoses=("keep", "output_closed"))
def lstm_forget_gate(impl, case, ref):
    """Forget gates open and input gates closed keep c0 forever; output gates closed give h = 0."""
    T, _, H = _sizes(case)
    p, expected = case["params"], np.tile(case["c0"], (T, 1))
    keep = {**p, "W_f": np.zeros_like(p["W_f"]), "b_f": np.full(H, SATURATE),
            "W_i": np.zeros_like(p["W_i"]), "b_i": np.full(H, -SATURATE)}
    _, cs = _lstm_run(impl, case, params=keep)
    assert_close(cs, expected,
                 what="cs with b_f = 50, b_i = -50 (W_f = W_i = 0), against c0", hint="keep")
    closed = {**p, "W_o": np.zeros_like(p["W_o"]), "b_o": np.full(H, -SATURATE)}
    hs, _ = _lstm_run(impl, case, params=closed)
    assert_close(hs, np.zeros((T, H)), what="hs with b_o = -50 (W_o = 0)", hint="output_closed")


def _permute_cells(params, perm, D):
    """Renumber the cells: new cell j is old cell perm[j] (rows, and the h and c column blocks)."""
    H = len(perm)
    cols = list(range(D)) + [D + j for j in perm] + [D + H + j for j in perm]
    return {k: (v[perm][:, cols] if k.startswith("W_") else v[perm]) for k, v in params.items()}


@st.composite
def permute_cases(draw):
    """An lstm_forward call with H in 2..3 and a permutation of the H cells other than the identity."""
    case = draw(lstm_cases(min_H=2))
    H = _sizes(case)[2]
    case["perm"] = draw(st.permutations(list(range(H))).filter(lambda p: p != sorted(p)))
    return case


@check("lstm.lstm_forward", "cells_permute", strategy=permute_cases(), diagnoses=("permute",))
def lstm_cells_permute(impl, case, ref):
    """Renumbering the cells (rows of every W and b, the h and c columns, h0, c0) renumbers hs and cs."""
    perm, (_, D, _) = list(case["perm"]), _sizes(case)
    hs, cs = call(impl.lstm.lstm_forward, case, *LSTM_ARGS)
    hs_p, cs_p = _lstm_run(impl, case, params=_permute_cells(case["params"], perm, D),
                           h0=None if case["h0"] is None else case["h0"][perm],
                           c0=None if case["c0"] is None else case["c0"][perm])
    what = f"of the layer with its cells renumbered {perm}, against the columns {perm} of the original"
    assert_close(cs_p, cs[:, perm], what=f"cs {what}", hint="permute")
    assert_close(hs_p, hs[:, perm], what=f"hs {what}", hint="permute")


@st.composite
def own_row_cases(draw):
    """An lstm_forward call with H in 2..3 whose h and c column blocks are diagonal: cell k reads only
    its own h and c."""
    case = draw(lstm_cases(min_H=2))
    _, D, H = _sizes(case)
    mask = np.concatenate([np.ones((H, D)), np.eye(H), np.eye(H)], axis=1)
    case["params"] = {k: v * mask if k.startswith("W_") else v for k, v in case["params"].items()}
    return case


@check("lstm.lstm_forward", "cell_uses_own_row", strategy=own_row_cases(), diagnoses=("own_row",))
def lstm_cell_uses_own_row(impl, case, ref):
    """Cell k only uses row k: with no cross-cell weights, each cell is a 1-cell layer of its own."""
    _, D, H = _sizes(case)
    hs, cs = call(impl.lstm.lstm_forward, case, *LSTM_ARGS)
    for k in range(H):
        cols = list(range(D)) + [D + k, D + H + k]
        row = {n: (v[k:k + 1, cols] if n.startswith("W_") else v[k:k + 1]) for n, v in case["params"].items()}
        hs_k, cs_k = _lstm_run(impl, case, params=row,
                               h0=None if case["h0"] is None else case["h0"][k:k + 1],
                               c0=None if case["c0"] is None else case["c0"][k:k + 1])
        what = f"of cell {k}, against a 1-cell layer with row {k} of the weights"
        assert_close(cs[:, k:k + 1], cs_k, what=f"cs {what}", hint="own_row")
        assert_close(hs[:, k:k + 1], hs_k, what=f"hs {what}", hint="own_row")


def _lstm_without_peepholes(xs, params, h0, c0, g, h, reads_h):
    """The lecture's simplest LSTM (v = x_t) or, with reads_h, the common LSTM (v = concat(x_t, h_{t-1}))."""
    D, H = xs.shape[1], params["b_z"].shape[0]
    width = D + H if reads_h else D
    h_prev = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c_prev = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    hs, cs = [], []
    for x in xs:
        v = np.concatenate([x, h_prev])[:width]
        z, z_i, z_f, z_o = (params["W_" + k][:, :width] @ v + params["b_" + k] for k in "zifo")
        c_prev = ACTIVATIONS[g](z) * sigmoid(z_i) + c_prev * sigmoid(z_f)
        h_prev = ACTIVATIONS[h](c_prev) * sigmoid(z_o)
        hs.append(h_prev)
        cs.append(c_prev)
    return np.array(hs), np.array(cs)


@check("lstm.lstm_forward", "reductions", strategy=lstm_cases(), diagnoses=("common", "simplest"))
def lstm_reductions(impl, case, ref):
    """Zero h and c columns give the simplest LSTM (x only); zero c columns give the common LSTM."""
    _, D, H = _sizes(case)
    for reads_h, hint, name in ((False, "simplest", "h and c"), (True, "common", "c")):
        width = D + H if reads_h else D
        params = {k: (np.concatenate([v[:, :width], np.zeros((H, D + 2 * H - width))], axis=1)
                      if k.startswith("W_") else v) for k, v in case["params"].items()}
        hs_e, cs_e = _lstm_without_peepholes(case["xs"], params, case["h0"], case["c0"], case["g"], case["h"],
                                             reads_h)
        hs, cs = _lstm_run(impl, case, params=params)
        what = f"with the {name} columns of every W zero"
        assert_close(cs, cs_e, what=f"cs {what}", hint=hint)
        assert_close(hs, hs_e, what=f"hs {what}", hint=hint)


# ---------------------------------------------------------------- stacked_lstm_forward


@st.composite
def stacked_lstm_cases(draw, n_layers=None):
    """A stacked_lstm_forward call: T in 1..6, D in 1..3, 1..3 layers of 1..3 cells, layer l's W_* of
    shape (H_l, H_{l-1} + 2 H_l) with H_0 = D; inputs and weights in [-1.5, 1.5]."""
    T, D = draw(dims(MAX_T)), draw(dims(MAX_D))
    layers, below = [], D
    for _ in range(n_layers or draw(st.integers(1, 3))):
        H = draw(dims(MAX_H))
        layers.append(draw(lstm_params(below, H)))
        below = H
    return {"xs": draw(sequence(T, D)), "layers": layers,
            "g": draw(st.sampled_from(ACTIVATION_NAMES)), "h": draw(st.sampled_from(ACTIVATION_NAMES))}


STACKED_ARGS = arguments("lstm.stacked_lstm_forward")


@check("lstm.stacked_lstm_forward", "agrees", strategy=stacked_lstm_cases(), points=3, examples=20,
       compares_with_reference=True, diagnoses=("layers", "returns_cs"))
def stacked_lstm_agrees(impl, case, ref):
    expected = call(ref.lstm.stacked_lstm_forward, private_copy(case), *STACKED_ARGS)
    received = call(impl.lstm.stacked_lstm_forward, case, *STACKED_ARGS)
    hint = "layers"
    if not close(received, expected) and _returns_memories(impl, case, ref):
        hint = "returns_cs"
    assert_close(received, expected, what="hs of the top layer", hint=hint)


def _returns_memories(impl, case, ref):
    """Whether the stack returns its top layer's cs. Probe: the top layer's output gates closed (hs = 0),
    its input gates open on z = 1 (cs ≥ g(1) > 0 for every activation)."""
    layers = private_copy(case["layers"])
    top = layers[-1]
    for gate, bias in (("z", 1.0), ("i", SATURATE), ("o", -SATURATE)):
        top["W_" + gate], top["b_" + gate] = np.zeros_like(top["W_" + gate]), np.full_like(top["b_" + gate], bias)
    below = private_copy(case["xs"])
    for layer in layers:
        below, top_cs = ref.lstm.lstm_forward(below, private_copy(layer), g=case["g"], h=case["h"])
    received = impl.lstm.stacked_lstm_forward(case["xs"], layers, case["g"], case["h"])
    return close(received, top_cs)


@check("lstm.stacked_lstm_forward", "one_layer", strategy=stacked_lstm_cases(n_layers=1), diagnoses=("one_layer",))
def stacked_lstm_one_layer(impl, case, ref):
    """A stack of one layer is that layer: its hs from lstm_forward (a correct one: a bug in the
    student's lstm_forward costs lstm_forward only)."""
    expected, _ = ref.lstm.lstm_forward(private_copy(case["xs"]), private_copy(case["layers"][0]), None, None,
                                        case["g"], case["h"])
    received = call(impl.lstm.stacked_lstm_forward, case, *STACKED_ARGS)
    assert_close(received, expected, what="hs of a one-layer stack, against lstm_forward's hs", hint="one_layer")


@st.composite
def equal_width_stacked_lstm_cases(draw):
    """A stacked_lstm_forward call of 2..3 layers that all have as many cells as there are inputs (H_l = D in
    1..3), so that a layer reading xs instead of the layer below gets a wrong value, not a shape error."""
    T, D = draw(dims(MAX_T)), draw(dims(MAX_D))
    layers = [draw(lstm_params(D, D)) for _ in range(draw(st.integers(2, 3)))]
    return {"xs": draw(sequence(T, D)), "layers": layers,
            "g": draw(st.sampled_from(ACTIVATION_NAMES)), "h": draw(st.sampled_from(ACTIVATION_NAMES))}


@check("lstm.stacked_lstm_forward", "layers_compose", strategy=equal_width_stacked_lstm_cases(), diagnoses=("compose",))
def stacked_lstm_layers_compose(impl, case, ref):
    """A multi-layer LSTM is its first layer, then the rest of the stack run on that layer's hs."""
    hs_1 = np.asarray(impl.lstm.stacked_lstm_forward(case["xs"], case["layers"][:1], case["g"], case["h"]))
    hs_rest = impl.lstm.stacked_lstm_forward(hs_1, case["layers"][1:], case["g"], case["h"])
    hs = call(impl.lstm.stacked_lstm_forward, case, *STACKED_ARGS)
    assert_close(hs, hs_rest, what="hs of the whole stack, against the rest of the stack run on layer 1's hs",
                 hint="compose")


@check("lstm.stacked_lstm_forward", "causality", strategy=causal_cases(stacked_lstm_cases()), diagnoses=("causality",))
def stacked_lstm_causality(impl, case, ref):
    """Every layer runs forwards in time: h_t depends on x_1..x_t only."""
    causality(lambda m, xs: m.lstm.stacked_lstm_forward(xs, case["layers"], case["g"], case["h"]), impl, ref, case,
              "hs")
