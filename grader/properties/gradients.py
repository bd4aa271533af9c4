"""Properties of backpropagation through time and of its troubles (module gradients).

Each property is a function of an implementation ``impl`` and of the trusted
reference ``ref``; it raises Mismatch when the mechanism is wrong. Apart from the
"agrees" checks, no property uses the reference's own gradients: the oracles are
closed forms (the impulse response w^t), central finite differences of the
reference's *forward* passes (gradients.linear_rnn, rnn.elman_forward,
lstm.lstm_forward), an untied Elman forward written here, and relations of an
implementation with itself.
"""

import numpy as np
from hypothesis import strategies as st

from ..catalogue import arguments, check
from ..errors import Mismatch
from ..messages import say
from .compare import RTOL, assert_close, close, fmt
from ..tree import private_copy
from .given import FIXED
from .oracles import oracle
from ._util import call, sigmoid
from .strategies import MAX_D, MAX_H, MAX_K, MAX_T, array, dims, elman_params, lstm_params, sequence, state

FD_STEP = 1e-6
"""Step of the central differences, in float64: truncation ~1e-12, rounding ~1e-10 relative."""


# ---------------------------------------------------------------- helpers


def _explained(mismatch, hint, note=()):
    """The mismatch with the diagnosed hint key and an explaining line added."""
    mismatch.hint = hint
    if note:
        mismatch.message = mismatch.message + list(note)
    return mismatch


def _axes(value):
    return ("row", "column") if np.ndim(value) == 2 else ("unit",)


def _assert_grads(received, expected, keys, diagnose):
    """Compare grads[key] for every key in turn; diagnose(key, received) -> (hint, note) on failure."""
    for key in keys:
        r = np.asarray(received[key], dtype=float)
        try:
            assert_close(r, expected[key], what=f"grads[{key!r}]", axes=_axes(expected[key]))
        except Mismatch as mismatch:
            raise _explained(mismatch, *diagnose(key, r)) from None


def _finite_differences(loss, variables, names=None, step=FD_STEP):
    """Central differences of loss(variables) w.r.t. every entry of variables[name], in float64."""
    variables = {k: np.array(v, dtype=np.float64) for k, v in variables.items()}
    grads = {}
    for name in names or tuple(variables):
        v = variables[name]
        g = np.zeros_like(v)
        for index in np.ndindex(v.shape):
            old = v[index]
            v[index] = old + step
            up = loss(variables)
            v[index] = old - step
            down = loss(variables)
            v[index] = old
            g[index] = (up - down) / (2 * step)
        grads[name] = g
    return grads


def _last_only(draw, T, n):
    """An upstream gradient (T, n) that is zero except at the last step, where it lies in [0.5, 1.5]."""
    d = np.zeros((T, n))
    d[-1] = draw(array((n,), 0.5, 1.5))
    return d


# ---------------------------------------------------------------- linear_rnn

LINEAR_ARGS = arguments("gradients.linear_rnn")
LECTURE_W = (1.0, 1.01, 0.99, 0.01)
"""The lecture's recurrent weights, each run on the impulse of 1000 steps: y_1000 = w^999."""


def _impulse(T):
    xs = np.zeros(T)
    xs[0] = 1.0
    return xs


@st.composite
def linear_cases(draw, max_T=8):
    """A linear_rnn call: w in [-1.5, 1.5], xs (T,) with T in 1..max_T and entries in [-1.5, 1.5]."""
    return {"w": draw(st.floats(-1.5, 1.5)), "xs": draw(array((draw(dims(max_T)),)))}


@st.composite
def impulse_cases(draw, min_T=1, max_T=50, lo=0.5, hi=1.5):
    """The impulse xs = 1, 0, 0, ... of T steps, T in min_T..max_T, w in [lo, hi]."""
    return {"w": draw(st.floats(lo, hi)), "xs": _impulse(draw(st.integers(min_T, max_T)))}


def _lecture_impulse_cases():
    """The lecture's four weights on the impulse of 1000 steps (kept as they are by fresh cases: a moved w
    takes w^999 out of float32's range, which the docstring allows)."""
    return st.sampled_from(LECTURE_W).map(lambda w: {"w": w, "xs": _impulse(1000), FIXED: True})


@check("gradients.linear_rnn", "agrees", strategy=linear_cases(), points=3, examples=30,
       compares_with_reference=True)
def linear_agrees(impl, case, ref):
    expected = call(ref.gradients.linear_rnn, private_copy(case), *LINEAR_ARGS)
    received = call(impl.gradients.linear_rnn, case, *LINEAR_ARGS)
    assert_close(received, expected, what="ys", axes=("step",))


def _impulse_hint(ys, w, T):
    """Which typical bug turns the impulse response w^t into ys."""
    t = np.arange(T)
    candidates = (
        ("input_weighted", np.full(T, w)),           # a_t = w·x_t + a_{t-1}
        ("off_by_one", w ** (t + 1)),                # y_t = w^t instead of w^(t-1) (1-indexed)
        ("off_by_one", w ** (t - 1.0)),
        ("initial_state", w ** (t + 1) + w ** t),    # a_0 = 1
        ("off_by_one", np.concatenate([[0.0], w ** t[:-1]])),   # y_t = a_{t-1}: stored before the update
    )
    for hint, values in candidates:
        if close(ys, values):
            return hint
    return "impulse"


@check("gradients.linear_rnn", "impulse", strategy=st.one_of(_lecture_impulse_cases(), impulse_cases()),
       points=2, diagnoses=("impulse", "initial_state", "input_weighted", "off_by_one"))
def linear_impulse(impl, case, ref):
    """The impulse 1, 0, 0, ... gives y_t = w^(t-1): the lecture's w^999 after 1000 steps."""
    w, T = case["w"], len(case["xs"])
    expected = w ** np.arange(T, dtype=float)
    ys = np.asarray(call(impl.gradients.linear_rnn, case, *LINEAR_ARGS), dtype=float)
    hint = _impulse_hint(ys, w, T) if ys.shape == (T,) else "impulse"
    assert_close(ys, expected, what="ys for the impulse", hint=hint, axes=("step",))
    # the last value on its own, relatively: 0.99^999 ≈ 4.4e-5 must not become 0
    assert_close(ys[-1], expected[-1], what=f"y_{T} = w^{T - 1} for the impulse", hint=hint,
                 rtol=1e-3, atol=1e-300)


@st.composite
def superposition_cases(draw):
    """Two inputs a, b (T,) with T in 1..8 and entries in [-1.5, 1.5], w in [-1.5, 1.5], c in [-3, 3]."""
    T = draw(dims(8))
    return {"w": draw(st.floats(-1.5, 1.5)), "a": draw(array((T,))), "b": draw(array((T,))),
            "c": draw(st.floats(-3, 3))}


def _superposition_hint(impl, w, a):
    shifted = np.asarray(impl.gradients.linear_rnn(w, a + 1.0), dtype=float)
    if close(shifted, impl.gradients.linear_rnn(w, a.copy())):
        return "ignores_input"
    zero = np.asarray(impl.gradients.linear_rnn(w, np.zeros_like(a)), dtype=float)
    if not close(zero, np.zeros_like(a)):
        return "initial_state"
    return "linear"


@check("gradients.linear_rnn", "superposition", strategy=superposition_cases(), points=2,
       diagnoses=("ignores_input", "initial_state", "linear"))
def linear_superposition(impl, case, ref):
    """The network is linear in its input: f(a + b) = f(a) + f(b) and f(c·a) = c·f(a)."""
    w, a, b, c = case["w"], case["a"], case["b"], case["c"]
    fa = np.asarray(impl.gradients.linear_rnn(w, a.copy()), dtype=float)
    fb = np.asarray(impl.gradients.linear_rnn(w, b.copy()), dtype=float)
    fab = impl.gradients.linear_rnn(w, a + b)
    fca = impl.gradients.linear_rnn(w, c * a)
    for received, expected, what in ((fab, fa + fb, "linear_rnn(w, a + b) vs linear_rnn(w, a) + linear_rnn(w, b)"),
                                     (fca, c * fa, "linear_rnn(w, c·a) vs c·linear_rnn(w, a)")):
        try:
            assert_close(received, expected, what=what, axes=("step",))
        except Mismatch as mismatch:
            raise _explained(mismatch, _superposition_hint(impl, w, a.copy())) from None


# ---------------------------------------------------------------- linear_rnn_grad


def _impulse_grad(w, T):
    """(T-1)·w^(T-2): d y_T / d w for the impulse."""
    return 0.0 if T == 1 else (T - 1) * w ** (T - 2)


def _wrong_sign(received, expected):
    """True when received is -expected (and expected is not 0): right size, wrong sign."""
    return not close(expected, 0.0) and close(received, -expected)


@check("gradients.linear_rnn_grad", "impulse", strategy=impulse_cases(min_T=2, lo=-1.5), points=2,
       diagnoses=("impulse", "off_by_one", "sign", "single_step"))
def grad_impulse(impl, case, ref):
    """For the impulse, d y_T / d w = (T-1)·w^(T-2): it explodes or vanishes with T."""
    w, T = case["w"], len(case["xs"])
    expected = _impulse_grad(w, T)
    received = call(impl.gradients.linear_rnn_grad, case, *LINEAR_ARGS)
    hint = "impulse"
    if _wrong_sign(received, expected):
        hint = "sign"
    elif close(received, T * w ** (T - 1)):
        hint = "off_by_one"
    elif close(received, w ** (T - 2)):
        hint = "single_step"
    assert_close(received, expected, what=f"d y_T / d w for the impulse, T={T}", hint=hint, axes=())


@check("gradients.linear_rnn_grad", "finite_differences", strategy=linear_cases(), points=2,
       diagnoses=("bptt", "closed_form", "sign"))
def grad_finite_differences(impl, case, ref):
    """For any input, d y_T / d w equals the central difference of y_T in w."""
    w, xs, T = case["w"], case["xs"].copy(), len(case["xs"])
    expected = (ref.gradients.linear_rnn(w + FD_STEP, xs)[-1]
                - ref.gradients.linear_rnn(w - FD_STEP, xs)[-1]) / (2 * FD_STEP)
    received = call(impl.gradients.linear_rnn_grad, case, *LINEAR_ARGS)
    closed = _impulse_grad(w, T)
    hint = "sign" if _wrong_sign(received, expected) else "bptt"
    if not close(received, expected) and close(received, closed) and not close(expected, closed):
        # the impulse's closed form, whatever the input: the same value for xs + 1
        if close(impl.gradients.linear_rnn_grad(w, xs + 1.0), closed):
            hint = "closed_form"
    assert_close(received, expected, what="d y_T / d w (central difference of y_T)", hint=hint, axes=())


@check("gradients.linear_rnn_grad", "growth", strategy=impulse_cases(min_T=3, max_T=40), points=2,
       diagnoses=("growth", "single_step"))
def grad_growth(impl, case, ref):
    """One more step multiplies the impulse gradient by T/(T-1)·w: it explodes for w > 1, vanishes for w < 1."""
    w, T = case["w"], len(case["xs"])
    g_T = float(np.asarray(call(impl.gradients.linear_rnn_grad, case, *LINEAR_ARGS)))
    g_next = float(np.asarray(impl.gradients.linear_rnn_grad(w, _impulse(T + 1))))
    expected = T / (T - 1) * w
    if g_T == 0:
        raise Mismatch(say("gradients/impulse_zero", T=T, w=fmt(w)), hint="growth", expected=None, received=g_T, what="d y_T / d w")
    ratio = g_next / g_T
    hint = "single_step" if close(ratio, w) else "growth"
    assert_close(ratio, expected, what=f"grad(T={T + 1}) / grad(T={T}) for the impulse", hint=hint, axes=())


# ---------------------------------------------------------------- elman_backward

ELMAN_KEYS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")
ELMAN_BACKWARD_ARGS = arguments("gradients.elman_backward")
ELMAN_ORDER = ("W_hy", "b_y", "b_h", "W_xh", "W_hh", "h0")
"""Gradients are compared from the output layer back: the first wrong one is the likeliest bug."""
TIED = ("W_xh", "W_hh", "b_h")
"""The weights of the hidden layer, shared by every step."""


@st.composite
def elman_backward_cases(draw, min_T=1, max_T=MAX_T, with_h0=None, last_only=False):
    """An elman_backward call: T in min_T..max_T, D, H in 1..3, K in 1..2, weights, inputs, h0 and
    dys (T, K) in [-1.5, 1.5]; with last_only, dys is zero except at the last step ([0.5, 1.5])."""
    T, D, H, K = draw(st.integers(min_T, max_T)), draw(dims(MAX_D)), draw(dims(MAX_H)), draw(dims(MAX_K))
    h0 = draw(state(H)) if with_h0 is None else (draw(array((H,))) if with_h0 else None)
    dys = _last_only(draw, T, K) if last_only else draw(array((T, K)))
    return {"xs": draw(sequence(T, D)), "params": draw(elman_params(D, H, K)), "dys": dys, "h0": h0}


def _h0_or_zeros(case):
    H = case["params"]["W_hh"].shape[0]
    return np.zeros(H) if case["h0"] is None else case["h0"]


@oracle
def _elman_fd(ref, case, names=ELMAN_ORDER):
    """Central differences of L = Σ_t dys_t · y_t (ref.rnn.elman_forward) w.r.t. the params and h0."""
    xs, dys = case["xs"], case["dys"]

    def loss(v):
        ys, _ = ref.rnn.elman_forward(xs, {k: v[k] for k in ELMAN_KEYS}, v["h0"], "tanh", "linear")
        return float(np.sum(dys * ys))

    return _finite_differences(loss, {**case["params"], "h0": _h0_or_zeros(case)}, names)


@oracle
def _untied_elman_contributions(case, names=TIED):
    """Per-step contributions to the gradients of the shared weights: C[name][t] = dL/dW_t, where W_t
    is a copy of the weight used only at step t (an untied Elman forward, tanh hidden, linear output)."""
    xs, dys, p = case["xs"], case["dys"], case["params"]
    T = len(xs)
    h0 = _h0_or_zeros(case)

    def loss(v):
        h, total = h0, 0.0
        for t in range(T):
            W_xh = v["W_xh"][t] if "W_xh" in v else p["W_xh"]
            W_hh = v["W_hh"][t] if "W_hh" in v else p["W_hh"]
            b_h = v["b_h"][t] if "b_h" in v else p["b_h"]
            h = np.tanh(W_xh @ xs[t] + W_hh @ h + b_h)
            total += float(dys[t] @ (p["W_hy"] @ h + p["b_y"]))
        return total

    untied = {name: np.stack([p[name]] * T) for name in names}
    return _finite_differences(loss, untied)


ELMAN_KEY_HINTS = {"W_hy": "output", "b_y": "output", "b_h": "hidden", "W_xh": "hidden", "W_hh": "recurrent",
                   "h0": "h0"}


def _elman_key_hint(key, r):
    return ("zero_h0" if key == "h0" and not np.any(r) else ELMAN_KEY_HINTS[key]), []


@check("gradients.elman_backward", "finite_differences", strategy=elman_backward_cases(), points=3,
       diagnoses=("h0", "hidden", "output", "recurrent", "zero_h0"))
def elman_finite_differences(impl, case, ref):
    """Every gradient, h0's included, equals the central difference of L = Σ_t dys_t · y_t."""
    expected = _elman_fd(ref, private_copy(case))
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)
    _assert_grads(received, expected, ELMAN_ORDER, _elman_key_hint)


def _one_step_grads(case, derivative):
    """The gradients of one step, in closed form, with tanh's derivative given as derivative(a, h)."""
    p, x, dy, h0 = case["params"], case["xs"][0], case["dys"][0], case["h0"]
    a = p["W_xh"] @ x + p["W_hh"] @ h0 + p["b_h"]
    h = np.tanh(a)
    da = (p["W_hy"].T @ dy) * derivative(a, h)
    return {"W_hy": np.outer(dy, h), "b_y": dy, "b_h": da, "W_xh": np.outer(da, x), "W_hh": np.outer(da, h0),
            "h0": p["W_hh"].T @ da}


WRONG_TANH_DERIVATIVES = (
    lambda a, h: np.ones_like(h),          # missing
    lambda a, h: 1 - a ** 2,               # at the pre-activation
    lambda a, h: 1 - np.tanh(h) ** 2,      # tanh applied twice
    lambda a, h: h * (1 - h),              # the sigmoid's
)


@check("gradients.elman_backward", "one_step", strategy=elman_backward_cases(max_T=1, with_h0=True), points=2,
       diagnoses=("local", "tanh_derivative", "transpose", "zero_h0"))
def elman_one_step(impl, case, ref):
    """One step's local derivatives: da = (W_hyᵀ dy) ⊙ (1 − h²), dW_xh = da xᵀ, dW_hh = da h0ᵀ, dh0 = W_hhᵀ da."""
    c = private_copy(case)
    expected = _one_step_grads(c, lambda a, h: 1 - h ** 2)
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)

    def diagnose(key, r):
        if key == "h0" and not np.any(r):
            return "zero_h0", []
        if np.ndim(r) == 2 and r.shape == expected[key].T.shape and close(r, expected[key].T):
            return "transpose", say("gradients/transposed", key=repr(key))
        if key == "h0" and close(r, c["params"]["W_hh"] @ expected["b_h"]):
            return "transpose", say("gradients/h0_not_transposed")
        # b_h = da is the first gradient through tanh: when it is right, tanh' is right
        if key == "b_h" and any(close(r, _one_step_grads(c, wrong)["b_h"]) for wrong in WRONG_TANH_DERIVATIVES):
            return "tanh_derivative", []
        return "local", []

    _assert_grads(received, expected, ELMAN_ORDER, diagnose)


@check("gradients.elman_backward", "through_time", strategy=elman_backward_cases(min_T=2, max_T=8, last_only=True),
       points=2, diagnoses=("through_time", "truncated", "zero_h0"))
def elman_through_time(impl, case, ref):
    """A loss at the last step only still reaches every earlier step, through W_hh (and h0)."""
    c = private_copy(case)
    expected = _elman_fd(ref, c)
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)
    _, hs = ref.rnn.elman_forward(c["xs"], c["params"], c["h0"], "tanh", "linear")
    da_last = (c["params"]["W_hy"].T @ c["dys"][-1]) * (1 - hs[-1] ** 2)
    last_step_only = {"b_h": da_last, "W_xh": np.outer(da_last, c["xs"][-1]), "W_hh": np.outer(da_last, hs[-2])}

    def diagnose(key, r):
        if key == "h0" and not np.any(r):
            return "zero_h0", []
        if key in last_step_only and close(r, last_step_only[key]):
            return "truncated", say("gradients/last_step_only", key=repr(key), t=len(c["xs"]) - 1, T=len(c["xs"]))
        return "through_time", []

    _assert_grads(received, expected, ELMAN_ORDER, diagnose)


@st.composite
def busy_cases(draw):
    """An elman_backward call of T in 2..6 steps whose every step has a loss: dys in [0.5, 1.5]."""
    case = draw(elman_backward_cases(min_T=2))
    case["dys"] = draw(array(case["dys"].shape, 0.5, 1.5))
    return case


def _local_only(ref, case):
    """What a BPTT without the gradient from later steps sums up: each step's own term only."""
    p = case["params"]
    _, hs = ref.rnn.elman_forward(case["xs"], p, case["h0"], "tanh", "linear")
    h_prev = np.vstack([_h0_or_zeros(case), hs[:-1]])
    local = (case["dys"] @ p["W_hy"]) * (1 - hs ** 2)                          # (T, H)
    return {"b_h": local.sum(axis=0), "W_xh": local.T @ case["xs"], "W_hh": local.T @ h_prev}


def _sum_diagnoses(ref, case, key, r):
    """The typical wrong sums that received r matches: ("overwritten", t) and/or ("truncated", None)."""
    found = [("overwritten", t) for t, part in enumerate(_untied_elman_contributions(case)[key]) if close(r, part)]
    if close(r, _local_only(ref, case)[key]):
        found.append(("truncated", None))
    return found


SUM_PROBE = {"xs": np.array([[1.0], [-0.5], [0.8]]), "dys": np.array([[1.0], [0.5], [1.5]]), "h0": None,
             "params": {"W_xh": np.array([[0.7]]), "W_hh": np.array([[0.6]]), "b_h": np.array([0.1]),
                        "W_hy": np.array([[1.2]]), "b_y": np.array([0.0])}}
"""A case on which overwriting and truncating give different values (small shrunk cases can tie)."""


@check("gradients.elman_backward", "shared_weight_sum", strategy=busy_cases(), points=2,
       diagnoses=("overwritten", "sum", "truncated"))
def elman_shared_weight_sum(impl, case, ref):
    """A shared weight's gradient is the SUM of its contributions from every step."""
    c = private_copy(case)
    contributions = _untied_elman_contributions(c)
    expected = {name: contributions[name].sum(axis=0) for name in TIED}
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)

    def diagnose(key, r):
        found = _sum_diagnoses(ref, c, key, r)
        if len({kind for kind, _ in found}) > 1:
            probe = private_copy(SUM_PROBE)
            probed = np.asarray(call(impl.gradients.elman_backward, private_copy(SUM_PROBE), *ELMAN_BACKWARD_ARGS)[key])
            found = [f for f in found if f[0] in {kind for kind, _ in _sum_diagnoses(ref, probe, key, probed)}] or found
        if found and found[0][0] == "overwritten":
            return "overwritten", say("gradients/one_step", key=repr(key), t=found[0][1], T=len(c["xs"]))
        if found:
            return "truncated", say("gradients/own_terms", key=repr(key))
        return "sum", []

    _assert_grads(received, expected, ("b_h", "W_xh", "W_hh"), diagnose)


@check("gradients.elman_backward", "h0_gradient", strategy=elman_backward_cases(), points=2,
       diagnoses=("h0", "missing_W_hh", "transpose", "zero"))
def elman_h0_gradient(impl, case, ref):
    """The initial memory h0 gets a gradient too: dh0 = W_hhᵀ da_1."""
    c = private_copy(case)
    expected = _elman_fd(ref, c, ("h0",))
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)

    def diagnose(key, r):
        steps = _untied_elman_contributions(c, ("b_h",))["b_h"]                # (T, H): da_t
        da_1 = steps[0]
        if not np.any(r):
            # a zero dh0 with a right db_h is a missing h0 gradient; with a wrong one, da itself is wrong
            return ("zero" if close(received["b_h"], steps.sum(axis=0)) else "h0"), []
        if close(r, c["params"]["W_hh"] @ da_1):
            return "transpose", say("gradients/h0_not_transposed")
        if close(r, da_1):
            return "missing_W_hh", say("gradients/h0_is_da")
        return "h0", []

    _assert_grads(received, expected, ("h0",), diagnose)


VANISHING_T = 30
VANISHING_RATIO = 1e-2


@st.composite
def vanishing_cases(draw):
    """An elman_backward call of T = 30 steps, D, H in 1..3, K in 1..2, dys zero except at the last step
    ([0.5, 1.5]); W_hh small: |entries| <= 0.4 (<= 0.8/H for H = 3), so ‖W_hh‖ <= 0.8; the rest in [-1.5, 1.5]."""
    D, H, K = draw(dims(MAX_D)), draw(dims(MAX_H)), draw(dims(MAX_K))
    r = 0.4 * min(1.0, 2.0 / H)
    params = draw(elman_params(D, H, K))
    params["W_hh"] = draw(array((H, H), -r, r))
    return {"xs": draw(sequence(VANISHING_T, D)), "params": params, "dys": _last_only(draw, VANISHING_T, K),
            "h0": draw(state(H))}


@check("gradients.elman_backward", "vanishing_gradient", strategy=vanishing_cases(), points=1,
       diagnoses=("not_vanishing",))
def elman_vanishing_gradient(impl, case, ref):
    """With a small W_hh the gradient vanishes: after 30 steps back, dL/dh0 is orders of magnitude
    below dL/dh_T = W_hyᵀ dy_T."""
    dh_T = case["params"]["W_hy"].T @ case["dys"][-1]
    received = call(impl.gradients.elman_backward, case, *ELMAN_BACKWARD_ARGS)
    dh0 = np.asarray(received["h0"], dtype=float)
    size_T, size_0 = float(np.linalg.norm(dh_T)), float(np.linalg.norm(dh0))
    if size_0 > VANISHING_RATIO * size_T + 1e-7:
        raise Mismatch(
            say("gradients/not_vanishing", size_0=fmt(size_0), size_T=fmt(size_T), T=VANISHING_T,
                bound=fmt(0.8 ** VANISHING_T, 2), ratio=f"{VANISHING_RATIO:g}"),
            hint="not_vanishing", expected=None, received=dh0, what="grads['h0']")


# ---------------------------------------------------------------- clip_gradients

GRAD_NAMES = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")
CLIP_ARGS = arguments("gradients.clip_gradients")


def _global_norm(grads):
    return float(np.sqrt(sum(np.sum(np.square(np.asarray(g, dtype=float))) for g in grads.values())))


@st.composite
def grad_dicts(draw, lo=-10.0, hi=10.0):
    """1..4 arrays named like gradients ("W_xh", "b_h", ...): W_* of shape (n, m), b_* of shape (n,),
    n, m in 1..3, entries in [lo, hi]."""
    names = draw(st.lists(st.sampled_from(GRAD_NAMES), min_size=1, max_size=4, unique=True))
    grads = {}
    for name in names:
        shape = (draw(dims(3)), draw(dims(3))) if name.startswith("W") else (draw(dims(3)),)
        g = draw(array(shape, lo, hi))
        g[np.abs(g) < 1e-100] = 0.0       # no subnormals: their squares underflow to 0
        grads[name] = g
    return grads


def _at_least(grads, floor, value):
    """The gradients, with the first entry set to value if their global norm is below floor."""
    if _global_norm(grads) < floor:
        next(iter(grads.values())).flat[0] = value
    return grads


@st.composite
def clip_above_cases(draw):
    """Gradients above the threshold: entries in [-10, 10] (the first set to 0.5 if the norm is below 0.2),
    max_norm = u·norm with u in [0.05, 0.95], kept in [0.1, 20]; always max_norm < norm. Norms below 1
    occur: there the square of the norm is below the norm."""
    grads = _at_least(draw(grad_dicts()), 0.2, 0.5)
    norm = _global_norm(grads)
    max_norm = float(np.clip(draw(st.floats(0.05, 0.95)) * norm, 0.1, 20.0))
    return {"grads": grads, "max_norm": max_norm}


@st.composite
def clip_below_cases(draw, nonzero=True):
    """Gradients at or below the threshold: entries in [-3, 3] (norm <= 18; unless nonzero is False, the first
    set to 0.5 if the norm is below 0.1), max_norm = n + u·(min(20, 3n) - n) with n = max(norm, 0.1), u in
    [0, 1] (u = 0: exactly at the threshold; at most 3 times the norm, so that a wrong rescaling shows)."""
    grads = draw(grad_dicts(-3.0, 3.0))
    if nonzero:
        grads = _at_least(grads, 0.1, 0.5)
    n = max(_global_norm(grads), 0.1)
    return {"grads": grads, "max_norm": float(n + draw(st.floats(0, 1)) * (min(20.0, 3 * n) - n))}


def _clip_variants(grads, max_norm):
    """What the typical wrong clippings return."""
    return {
        "not_clipped": grads,
        "elementwise": {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()},
        "per_array": {k: g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300)) for k, g in grads.items()},
        "always": {k: g * max_norm / max(_global_norm(grads), 1e-300) for k, g in grads.items()},
    }


CLIP_PROBE = ({"W_xh": np.array([[3.0, 4.0]]), "b_h": np.array([0.1, 0.2])}, 2.0)
"""Tells per-array from elementwise clipping apart: W_xh -> [[1.2, 1.6]] and [[2, 2]]."""


def _clip_diagnosis(received, grads, max_norm, keys=("not_clipped", "elementwise", "per_array", "always"),
                    impl=None):
    """Which typical wrong clipping gives received; on a tie, the impl is run on CLIP_PROBE."""
    variants = _clip_variants(grads, max_norm)
    found = [key for key in keys if all(close(received[k], variants[key][k]) for k in grads)]
    if len(found) > 1 and impl is not None:
        probe, probe_norm = private_copy(CLIP_PROBE)
        return _clip_diagnosis(impl.gradients.clip_gradients(probe, probe_norm), *private_copy(CLIP_PROBE),
                               keys=found) or found[0]
    return found[0] if found else None


@check("gradients.clip_gradients", "agrees", strategy=st.one_of(clip_above_cases(), clip_below_cases(nonzero=False)),
       points=2, examples=30, compares_with_reference=True, diagnoses=("bad_return",))
def clip_agrees(impl, case, ref):
    expected = call(ref.gradients.clip_gradients, private_copy(case), *CLIP_ARGS)
    received = call(impl.gradients.clip_gradients, case, *CLIP_ARGS)
    _assert_grads(received, expected, tuple(expected), lambda key, r: ("default", ""))


@check("gradients.clip_gradients", "norm_bound", strategy=clip_above_cases(), points=2,
       diagnoses=("bad_return", "elementwise", "no_sqrt", "norm", "not_clipped", "per_array", "too_small"))
def clip_norm_bound(impl, case, ref):
    """Gradients above the threshold are brought down to it: the global L2 norm of all arrays together is
    max_norm after clipping (never above it, and not below it either)."""
    c = private_copy(case)
    received = call(impl.gradients.clip_gradients, case, *CLIP_ARGS)
    norm, max_norm, before = _global_norm(received), c["max_norm"], _global_norm(c["grads"])
    no_sqrt = (not close(max_norm / before ** 2, 1.0)      # else it is "not clipped" as well
               and all(close(received[k], g * (max_norm / before ** 2)) for k, g in c["grads"].items()))
    if norm > max_norm * (1 + 1e-6):
        hint = "no_sqrt" if no_sqrt else _clip_diagnosis(received, c["grads"], max_norm,
                                                         ("not_clipped", "elementwise", "per_array"), impl)
        raise Mismatch(say("clip/above", norm=fmt(norm, 6), max_norm=fmt(max_norm, 6), before=fmt(before, 6)),
                       hint=hint or "norm", expected=max_norm, received=norm, what="global norm")
    if norm < max_norm * (1 - RTOL):
        raise Mismatch(say("clip/below", norm=fmt(norm, 6), max_norm=fmt(max_norm, 6), before=fmt(before, 6)),
                       hint="no_sqrt" if no_sqrt else "too_small", expected=max_norm, received=norm,
                       what="global norm")


@check("gradients.clip_gradients", "direction_kept", strategy=st.one_of(clip_above_cases(), clip_below_cases()),
       points=2, diagnoses=("bad_return", "direction", "elementwise", "per_array", "scale"))
def clip_direction_kept(impl, case, ref):
    """Clipping keeps the direction: every array is scaled by the same factor s, 0 < s <= 1."""
    c = private_copy(case)
    grads, max_norm = c["grads"], c["max_norm"]
    received = call(impl.gradients.clip_gradients, case, *CLIP_ARGS)
    g = np.concatenate([grads[k].ravel() for k in grads])
    r = np.concatenate([np.asarray(received[k], dtype=float).ravel() for k in grads])
    s = float(g @ r / (g @ g)) if np.any(g) else 1.0    # zero gradients: any s fits; they must stay 0
    if not np.isfinite(s):
        s = 1.0
    hint = "direction"
    if not all(close(received[k], s * grads[k]) for k in grads):
        hint = _clip_diagnosis(received, grads, max_norm, ("elementwise", "per_array"), impl) or "direction"
    note = say("clip/best_factor", s=fmt(s, 6))
    _assert_grads(received, {k: s * grads[k] for k in grads}, tuple(grads), lambda key, _: (hint, note))
    if not 0 < s <= 1 + 1e-6 and not all(close(received[k], min(max(s, 0.0), 1.0) * grads[k]) for k in grads):
        raise Mismatch(say("clip/scale", s=fmt(s, 6), norm=fmt(_global_norm(grads), 6), max_norm=fmt(max_norm, 6)),
                       hint="scale", expected=None, received=s, what="the common factor s")


@check("gradients.clip_gradients", "below_threshold", strategy=clip_below_cases(), points=2,
       diagnoses=("always", "bad_return", "unchanged"))
def clip_below_threshold(impl, case, ref):
    """Gradients whose global norm is at most max_norm come back unchanged."""
    c = private_copy(case)
    received = call(impl.gradients.clip_gradients, case, *CLIP_ARGS)
    hint = _clip_diagnosis(received, c["grads"], c["max_norm"], ("always",)) or "unchanged"
    note = say("clip/not_above", norm=fmt(_global_norm(c["grads"]), 6), max_norm=fmt(c["max_norm"], 6))
    _assert_grads(received, c["grads"], tuple(c["grads"]), lambda key, _: (hint, note))


# ---------------------------------------------------------------- lstm_backward

GATE_NAMES = ("z", "i", "f", "o")
LSTM_KEYS = tuple(f"W_{k}" for k in GATE_NAMES) + tuple(f"b_{k}" for k in GATE_NAMES)
LSTM_BACKWARD_ARGS = arguments("gradients.lstm_backward")
LSTM_ORDER = ("b_o", "W_o", "b_z", "W_z", "b_i", "W_i", "b_f", "W_f", "h0", "c0")
"""From the output gate (nearest to h_t) back to the forget gate, then the initial states."""
LSTM_KEY_HINTS = {"o": "output_gate", "z": "cell_input", "i": "input_gate", "f": "forget_gate", "h0": "h0",
                  "c0": "c0"}
MAX_T_LSTM, MAX_D_LSTM, MAX_H_LSTM = 4, 2, 2
"""LSTM cases are smaller (T <= 4, D, H <= 2): finite differences run the forward pass twice per entry."""


@st.composite
def lstm_backward_cases(draw, min_T=1, max_T=MAX_T_LSTM, with_states=None, last_only=False):
    """An lstm_backward call: T in min_T..max_T, D, H in 1..2, weights, inputs, h0, c0 and dhs (T, H)
    in [-1.5, 1.5]; with last_only, dhs is zero except at the last step ([0.5, 1.5])."""
    T, D, H = draw(st.integers(min_T, max_T)), draw(dims(MAX_D_LSTM)), draw(dims(MAX_H_LSTM))
    if with_states is None:
        h0, c0 = draw(state(H)), draw(state(H))
    else:
        h0, c0 = (draw(array((H,))), draw(array((H,)))) if with_states else (None, None)
    dhs = _last_only(draw, T, H) if last_only else draw(array((T, H)))
    return {"xs": draw(sequence(T, D)), "params": draw(lstm_params(D, H)), "dhs": dhs, "h0": h0, "c0": c0}


@oracle
def _lstm_fd(ref, case, names=LSTM_ORDER):
    """Central differences of L = Σ_t dhs_t · h_t (ref.lstm.lstm_forward) w.r.t. the params, h0 and c0."""
    xs, dhs = case["xs"], case["dhs"]
    H = case["params"]["b_z"].shape[0]
    zeros = np.zeros(H)

    def loss(v):
        hs, _ = ref.lstm.lstm_forward(xs, {k: v[k] for k in LSTM_KEYS}, v["h0"], v["c0"], "tanh", "tanh")
        return float(np.sum(dhs * hs))

    variables = {**case["params"], "h0": zeros if case["h0"] is None else case["h0"],
                 "c0": zeros if case["c0"] is None else case["c0"]}
    return _finite_differences(loss, variables, names)


def _lstm_key_hint(key, r):
    if key in ("h0", "c0") and not np.any(r):
        return "zero", []
    return LSTM_KEY_HINTS[key.split("_")[-1]], []


@check("gradients.lstm_backward", "finite_differences", strategy=lstm_backward_cases(), points=3,
       diagnoses=("c0", "cell_input", "forget_gate", "h0", "input_gate", "output_gate", "zero"))
def lstm_finite_differences(impl, case, ref):
    """Every gradient, h0's and c0's included, equals the central difference of L = Σ_t dhs_t · h_t."""
    expected = _lstm_fd(ref, private_copy(case))
    received = call(impl.gradients.lstm_backward, case, *LSTM_BACKWARD_ARGS)
    _assert_grads(received, expected, LSTM_ORDER, _lstm_key_hint)


@check("gradients.lstm_backward", "one_step", strategy=lstm_backward_cases(max_T=1, with_states=True), points=2,
       diagnoses=("c0", "cell_input", "forget_gate", "h0", "input_gate", "output_gate", "zero"))
def lstm_one_step(impl, case, ref):
    """One step's local derivatives through the three gates, the cell input and the memory."""
    expected = _lstm_fd(ref, private_copy(case))
    received = call(impl.gradients.lstm_backward, case, *LSTM_BACKWARD_ARGS)
    _assert_grads(received, expected, LSTM_ORDER, _lstm_key_hint)


@check("gradients.lstm_backward", "through_time",
       strategy=lstm_backward_cases(min_T=2, with_states=True, last_only=True), points=2,
       diagnoses=("through_time", "truncated"))
def lstm_through_time(impl, case, ref):
    """A loss at the last step only still reaches every earlier step, through h_{t-1} and c_{t-1}."""
    c = private_copy(case)
    expected = _lstm_fd(ref, c)
    received = call(impl.gradients.lstm_backward, case, *LSTM_BACKWARD_ARGS)

    def diagnose(key, r):
        states_zero = all(not np.any(np.asarray(received[s])) for s in ("h0", "c0"))
        if states_zero and any(np.any(np.abs(expected[s]) > 1e-6) for s in ("h0", "c0")):
            return "truncated", say("gradients/states_zero", t=len(c["xs"]) - 1)
        return "through_time", []

    _assert_grads(received, expected, LSTM_ORDER, diagnose)


@check("gradients.lstm_backward", "h0_c0_gradient", strategy=lstm_backward_cases(), points=2,
       diagnoses=("c0", "h0", "zero"))
def lstm_h0_c0_gradient(impl, case, ref):
    """The initial output h0 and memory c0 get gradients too."""
    c = private_copy(case)
    expected = _lstm_fd(ref, c, ("h0", "c0"))
    received = call(impl.gradients.lstm_backward, case, *LSTM_BACKWARD_ARGS)

    def diagnose(key, r):
        if not np.any(r):
            # zero with right bias gradients: the states' gradient is not returned; otherwise the dz are wrong
            biases = _lstm_fd(ref, c, tuple(f"b_{k}" for k in GATE_NAMES))
            if all(close(received[b], biases[b]) for b in biases):
                return "zero", []
        return key, []

    _assert_grads(received, expected, ("h0", "c0"), diagnose)


MEMORY_T = 200


@st.composite
def memory_cases(draw):
    """An LSTM that only remembers, T = 200: W_i = W_f = 0, b_i = -50 (input gate closed), b_f = +50
    (forget gate open); the output gate reads x only (its h and c columns are 0). xs: a pattern of 1..6
    steps in [-1.5, 1.5] repeated; D, H in 1..2; other weights, c0 and h0 in [-1.5, 1.5];
    dhs zero except at the last step ([0.5, 1.5])."""
    D, H = draw(dims(MAX_D_LSTM)), draw(dims(MAX_H_LSTM))
    params = draw(lstm_params(D, H))
    params["W_i"][:], params["W_f"][:] = 0.0, 0.0
    params["b_i"][:], params["b_f"][:] = -50.0, 50.0
    params["W_o"][:, D:] = 0.0
    pattern = draw(sequence(draw(dims(MAX_T)), D))
    xs = np.resize(pattern, (MEMORY_T, D))
    return {"xs": xs, "params": params, "dhs": _last_only(draw, MEMORY_T, H), "h0": draw(state(H)),
            "c0": draw(array((H,)))}


@check("gradients.lstm_backward", "memory_keeps_gradient", strategy=memory_cases(), points=2, examples=10,
       diagnoses=("dropped", "memory"))
def lstm_memory_keeps_gradient(impl, case, ref):
    """Forget gate open, input gate closed: the memory is carried, and so is its gradient: after 200 steps
    dL/dc0 = dL/dc_T = dhs_T ⊙ o_T ⊙ (1 − tanh²(c_T)), with c_T = c0."""
    p, D = case["params"], case["xs"].shape[1]
    c_T = case["c0"].copy()
    o_T = sigmoid(p["W_o"][:, :D] @ case["xs"][-1] + p["b_o"])
    expected = case["dhs"][-1] * o_T * (1 - np.tanh(c_T) ** 2)
    received = call(impl.gradients.lstm_backward, case, *LSTM_BACKWARD_ARGS)
    dc0 = np.asarray(received["c0"], dtype=float)
    hint = "dropped" if np.all(np.abs(dc0) <= 1e-3 * np.abs(expected)) else "memory"
    assert_close(dc0, expected, what="grads['c0'] after 200 steps", hint=hint, rtol=0.03, axes=("unit",))
