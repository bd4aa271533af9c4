"""Comparisons that explain themselves, in the manner of numpy's assert_allclose.

Tolerances are relative to the scale of the expected values, so that a correct
float32 implementation passes and a wrong mechanism does not:
    |received − expected| ≤ ATOL·scale + RTOL·|expected|,   scale = max(1, max|expected|)
"""

import numpy as np

from ..errors import Mismatch
from ..messages import say

__all__ = ["RTOL", "ATOL", "rejected", "close", "assert_close", "assert_differs", "fmt"]

RTOL = 1e-4
ATOL = 1e-4


def fmt(a, precision=4):
    """A short, readable rendering of an array or number."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return np.format_float_positional(float(a), precision=precision, trim="-") if np.isfinite(a) else str(float(a))
    return np.array2string(a, precision=precision, suppress_small=True, separator=", ",
                           threshold=40, edgeitems=3, max_line_width=100)


def _index_words(index, axes):
    """(2, 0) with axes ("step", "unit") -> "step t=2, unit 0"."""
    words = []
    for n, i in enumerate(index):
        axis = axes[n] if n < len(axes) else f"axis {n}"
        words.append(f"step t={i}" if axis == "step" else f"{axis} {i}")
    return ", ".join(words)


def rejected(received, expected, *, rtol=RTOL, atol=ATOL):
    """The grader's one tolerance predicate: a boolean array of the entries of received that are not
    within tolerance of expected, or None when the shapes differ."""
    r, e = np.asarray(received, dtype=float), np.asarray(expected, dtype=float)
    if r.shape != e.shape:
        return None
    scale = max(1.0, float(np.max(np.abs(e)))) if e.size else 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        return ~(np.abs(r - e) <= atol * scale + rtol * np.abs(e))


def close(received, expected, *, rtol=RTOL, atol=ATOL):
    """True when received equals expected within the tolerance (same shape, every entry)."""
    bad = rejected(received, expected, rtol=rtol, atol=atol)
    return bad is not None and not bad.any()


def assert_close(received, expected, *, what, hint="default", rtol=RTOL, atol=ATOL,
                 axes=("step", "unit"), shown=None):
    """Raise Mismatch unless received equals expected within the scaled tolerance.

    ``what`` names the value ("ys", "grads['W_hh']"); ``axes`` names its axes for
    the first-difference message (time steps first, then units); ``shown``: the
    arguments of the call that gave ``received`` ({name: value}), when the property
    made it on other values than the case's (the feedback shows them, not the case).
    """
    r = np.asarray(received, dtype=float)
    e = np.asarray(expected, dtype=float)
    bad = rejected(r, e, rtol=rtol, atol=atol)
    if bad is not None and not bad.any():
        return
    scale = max(1.0, float(np.max(np.abs(e)))) if e.size else 1.0
    tolerance = f"|received − expected| ≤ {atol:g}·{fmt(scale)} + {rtol:g}·|expected|"
    if r.shape != e.shape:
        raise Mismatch(say("compare/shape", what=what, received=r.shape, expected=e.shape), hint=hint,
                       expected=e, received=r, what=what, tolerance=tolerance, shown=shown)
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    diff = np.abs(r - e)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        rel = diff / np.where(e == 0, np.inf, np.abs(e))
    where = f"[{_index_words(first, axes)}]" if first else ""
    message = (say("compare/not_close", what=what, tolerance=tolerance)
               + say("compare/mismatched", bad=int(bad.sum()), size=bad.size, share=f"{100 * bad.mean():.3g}")
               + say("compare/first_difference", at=f"{what}{where}", expected=fmt(e[first]), received=fmt(r[first]))
               + say("compare/max_absolute", value=fmt(diff.max()))
               + say("compare/max_relative", value=fmt(rel.max()) if np.isfinite(rel.max()) else "inf"))
    raise Mismatch(message, hint=hint, expected=e, received=r, index=first, what=what,
                   tolerance=tolerance, shown=shown)


def assert_differs(a, b, *, what, hint="default", min_diff=1e-3):
    """Raise Mismatch if a and b are equal (up to min_diff·scale): something should have changed."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(1.0, float(np.max(np.abs(a))) if a.size else 1.0)
    if a.shape == b.shape and np.max(np.abs(a - b), initial=0.0) <= min_diff * scale:
        raise Mismatch(say("compare/equal", what=what, value=fmt(a)),
                       hint=hint, expected=None, received=a, what=what)
