"""Hypothesis strategies for the exercises' inputs, with their domain bounds.

Every strategy draws a *case*: a dict of the arguments of one call. Sizes shrink
towards 1 and numbers towards 0, so a failure is reported on the smallest input
that shows it. Bounds are stated beside each strategy.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from .given import FORM

__all__ = [
    "ACTIVATION_NAMES", "in_forms", "dims", "array", "elman_params", "layer_params", "head_params",
    "jordan_params", "lstm_params", "gru_params", "sequence", "state",
]

ACTIVATION_NAMES = ("linear", "sigmoid", "tanh", "relu")

MAX_T, MAX_D, MAX_H, MAX_K = 6, 3, 3, 2
"""Sequences of 1..6 steps, 1..3 inputs, 1..3 hidden units, 1..2 outputs."""

WEIGHT = 1.5
"""Weights and inputs lie in [-1.5, 1.5]: large enough to matter, small enough not to saturate."""


def in_forms(strategy, *forms):
    """The cases of strategy, each as drawn (float64 arrays) or in one of ``forms``, the other input forms
    its docstring allows (``grader.properties.given.FORMS``): "read_only" marks the case, whose arrays are
    made read-only when a property is given it (``as_given``); "python_float" makes its 0-d arrays Python
    floats. Shrinks to the plain form."""

    @st.composite
    def in_a_form(draw):
        case = draw(strategy)
        form = draw(st.sampled_from((None, *forms)))
        if form == "python_float":
            scalars = [k for k, v in case.items() if isinstance(v, np.ndarray) and v.ndim == 0]
            case = {**case, **{k: float(case[k]) for k in scalars}}
            form = form if scalars else None
        return {**case, FORM: form} if form else case

    return in_a_form()


def dims(max_value):
    """A dimension in 1..max_value, shrinking to 1."""
    return st.integers(1, max_value)


def array(shape, lo=-WEIGHT, hi=WEIGHT):
    """A float64 array of the given shape with finite entries in [lo, hi]."""
    return arrays(np.float64, shape, elements=st.floats(lo, hi, allow_nan=False, width=64))


def sequence(T, D, lo=-WEIGHT, hi=WEIGHT):
    """An input sequence xs (T, D)."""
    return array((T, D), lo, hi)


def state(n):
    """An optional initial state (n,): None (zeros) or an array."""
    return st.none() | array((n,))


def layer_params(D, H, lo=-WEIGHT, hi=WEIGHT):
    """One Elman layer {W_xh (H, D), W_hh (H, H), b_h (H,)}."""
    return st.fixed_dictionaries({"W_xh": array((H, D), lo, hi), "W_hh": array((H, H), lo, hi),
                                  "b_h": array((H,), lo, hi)})


def head_params(H, K, lo=-WEIGHT, hi=WEIGHT):
    """An output head {W_hy (K, H), b_y (K,)}."""
    return st.fixed_dictionaries({"W_hy": array((K, H), lo, hi), "b_y": array((K,), lo, hi)})


@st.composite
def elman_params(draw, D, H, K, lo=-WEIGHT, hi=WEIGHT):
    """Elman parameters: a layer and a head in one dict."""
    return {**draw(layer_params(D, H, lo, hi)), **draw(head_params(H, K, lo, hi))}


@st.composite
def jordan_params(draw, D, H, K, lo=-WEIGHT, hi=WEIGHT):
    """Jordan parameters {W_xh (H, D), W_yh (H, K), b_h, W_hy (K, H), b_y}."""
    return {"W_xh": draw(array((H, D), lo, hi)), "W_yh": draw(array((H, K), lo, hi)),
            "b_h": draw(array((H,), lo, hi)), **draw(head_params(H, K, lo, hi))}


def lstm_params(D, H, lo=-WEIGHT, hi=WEIGHT):
    """LSTM parameters: W_z, W_i, W_f, W_o (H, D+2H) and b_z, b_i, b_f, b_o (H,)."""
    return st.fixed_dictionaries({
        **{f"W_{k}": array((H, D + 2 * H), lo, hi) for k in "zifo"},
        **{f"b_{k}": array((H,), lo, hi) for k in "zifo"},
    })


def gru_params(D, H, lo=-WEIGHT, hi=WEIGHT):
    """GRU parameters: W_r, W_u, W_h (H, D+H) and b_r, b_u, b_h (H,)."""
    return st.fixed_dictionaries({
        **{f"W_{k}": array((H, D + H), lo, hi) for k in "ruh"},
        **{f"b_{k}": array((H,), lo, hi) for k in "ruh"},
    })
