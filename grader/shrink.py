"""Make a failing case smaller and simpler, deterministically, in a bounded number of property runs.

Hypothesis' own shrinker needs hundreds of property runs per failed check (about
a minute for a submission with a few bugs). This one starts from the smallest
replayed case that fails and tries a fixed sequence of simplifications, keeping
each one only when the submission still fails in the same way (same exception,
same hint) and the reference still passes the property. Candidate values come
from the check's own replayed cases (its *pool*), so the shown case stays in the
strategy's domain: sequences are cut to lengths the strategy draws, optional
inputs become None where it draws None, and numbers move to the simplest value
Hypothesis drew at the same place (its first case is its simplest), to integers
or to one decimal, within the range drawn there. It stops after ``MAX_RUNS``
property runs, or sooner on long cases (``MAX_WORK``); which candidates are tried
depends only on the case and on the outcomes of the runs, never on time, so the
same submission always gets the same case.
"""

import numpy as np

from .tree import leaves, map_leaves

__all__ = ["shrink", "size", "Stop", "MAX_RUNS"]

MAX_RUNS = 60
"""Property runs (on the submission and on the reference together) per failed check."""
MAX_WORK = 3000
"""And at most this many numbers in all the cases run: a run on a long sequence costs more."""


def size(case):
    """How big a case is: the number of numbers in it, then the number of array dimensions."""
    n = dims = 0
    for _, value in _leaves(case):
        n += value.size if isinstance(value, np.ndarray) else 1
        dims += value.ndim if isinstance(value, np.ndarray) else 0
    return n, dims


def shrink(case, pool, fails, valid, max_runs=MAX_RUNS, max_work=MAX_WORK):
    """The simplest case found from ``case``, and what the submission raised on it.

    - pool: the check's replayed cases (pool[0] is Hypothesis' simplest draw)
    - fails(candidate): what the property raises on the submission if it fails the
      same way, else None; it may raise Stop to end shrinking
    - valid(candidate): True when the reference passes the property on it
    Returns (case, exception) where exception is None when nothing simpler failed.
    """
    return _Shrinker(case, pool, fails, valid, max_runs, max_work).run()


class Stop(Exception):
    """Raised by ``fails`` to end shrinking at once (the simplest case so far is kept)."""


class _Shrinker:
    def __init__(self, case, pool, fails, valid, max_runs, max_work):
        self.case, self.error = case, None
        self.fails, self.valid, self.runs, self.work = fails, valid, max_runs, max_work
        self.domain = _Domain(pool)

    def run(self):
        try:
            self._time()
            self._dims()
            for path, value in list(_leaves(self.case)):
                self._structure(path, value)
            for path, _ in list(_leaves(self.case)):
                self._whole(path)
            self._time()   # simpler values may show the failure on fewer steps or units
            self._dims()
            for path, _ in list(_leaves(self.case)):
                self._entries(path)
        except Stop:
            pass
        return self.case, self.error

    def _spend(self, candidate):
        cost = size(candidate)[0]
        if self.runs <= 0 or self.work < cost:
            raise Stop
        self.runs -= 1
        self.work -= cost

    def _try(self, candidate):
        """Keep candidate if the submission fails on it the same way and the reference passes it."""
        if not self.domain.shapes_drawn(candidate):
            return False
        self._spend(candidate)
        error = self.fails(candidate)
        if error is None:
            return False
        self._spend(candidate)
        if not self.valid(candidate):
            return False
        self.case, self.error = candidate, error
        return True

    # -- the moves

    def _time(self):
        """Fewer time steps: xs and every top-level array of as many rows keep their first k rows."""
        xs = self.case.get("xs") if isinstance(self.case, dict) else None
        if not isinstance(xs, np.ndarray) or xs.ndim == 0:
            return
        T = xs.shape[0]
        for k in sorted(self.domain.lengths.get(("xs",), ())):
            if k >= T:
                break
            candidate = dict(self.case)
            for name, value in self.case.items():
                if isinstance(value, np.ndarray) and value.ndim and value.shape[0] == T and \
                        k in self.domain.lengths.get((name,), ()):
                    candidate[name] = value[:k].copy()
            if self._try(candidate):
                return

    def _dims(self):
        """Fewer units: every array axis of one length n keeps its first entry (else its first n - 1).

        Cutting every axis of a length cuts every dimension of that size at once (H and K
        when both are 2), which keeps the shapes consistent; where it does not (an axis of
        D + 2H entries), the reference rejects the candidate.
        """
        done = set()
        while True:
            lengths = sorted({n for _, v in _leaves(self.case) if isinstance(v, np.ndarray)
                              for n in v.shape if n >= 2} - done, reverse=True)
            if not lengths:
                return
            n = lengths[0]
            done.add(n)
            for keep in ((1, n - 1) if n > 2 else (1,)):
                if self._try(map_leaves(self.case, lambda v: _cut(v, n, keep) if isinstance(v, np.ndarray) else v)):
                    break

    def _structure(self, path, value):
        """Optional inputs to None, names and whole numbers to the simplest drawn there."""
        base = self.domain.base.get(path, _MISSING)
        if value is not None and path in self.domain.none:
            self._try(_replace(self.case, path, None))
        elif isinstance(value, str) and isinstance(base, str) and base != value:
            self._try(_replace(self.case, path, base))
        elif type(value) is int and path in self.domain.ints:
            low = self.domain.ints[path][0]
            if low < value:
                self._try(_replace(self.case, path, low))

    def _whole(self, path):
        """All numbers of one input at once: to the simplest value, else to the nearest integers, else to
        the nearest non-zero integers, else to one decimal (each within the range drawn there)."""
        value = _get(self.case, path)
        if not _real(value):
            return
        tried = []
        for step in (lambda v: self.domain.simplest(path), lambda v: self._nice(path, v, 0),
                     lambda v: self._nice(path, v, 0, nonzero=True), lambda v: self._nice(path, v, 1)):
            candidate = _elementwise(value, step)
            if _same(candidate, value) or any(_same(candidate, t) for t in tried):
                continue
            tried.append(candidate)
            if self._try(_replace(self.case, path, candidate)):
                return

    def _entries(self, path):
        """One number at a time: to the simplest value, else to the nearest (non-zero) integer."""
        value = _get(self.case, path)
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f" or value.size < 2:
            return
        for index in np.ndindex(value.shape):
            current = _get(self.case, path)
            entry = float(current[index])
            tried = {entry}
            for new in (self.domain.simplest(path), self._nice(path, entry, 0),
                        self._nice(path, entry, 0, nonzero=True)):
                if new in tried:
                    continue
                tried.add(new)
                candidate = current.copy()
                candidate[index] = new
                if self._try(_replace(self.case, path, candidate)):
                    break

    def _nice(self, path, entry, decimals, nonzero=False):
        """entry rounded to decimals (away from 0 to ±1 when nonzero and it rounds to 0), if within range."""
        lo, hi = self.domain.bounds(path)
        r = round(entry, decimals) + 0.0
        if nonzero and r == 0.0 and entry != 0.0:
            r = 1.0 if entry > 0 else -1.0
        return float(r) if lo <= r <= hi else entry


class _Domain:
    """What the strategy draws at each place of a case, as seen in the pool."""

    def __init__(self, pool):
        self.base, self.none, self.lengths, self.reals, self.ints, self.axes = {}, set(), {}, {}, {}, {}
        for n, case in enumerate(pool):
            for path, value in _leaves(case):
                if n == 0:
                    self.base[path] = value
                if value is None:
                    self.none.add(path)
                elif isinstance(value, np.ndarray):
                    if value.ndim:
                        self.lengths.setdefault(path, set()).add(value.shape[0])
                    for axis, length in enumerate(value.shape):
                        self.axes.setdefault((path, axis), set()).add(length)
                    if value.dtype.kind == "f" and value.size:
                        self._extend(self.reals, path, float(value.min()), float(value.max()))
                elif type(value) is float:
                    self._extend(self.reals, path, value, value)
                elif type(value) is int:
                    self._extend(self.ints, path, value, value)

    @staticmethod
    def _extend(bounds, path, lo, hi):
        old = bounds.get(path)
        bounds[path] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)

    def shapes_drawn(self, case):
        """True when every array of case has, along each axis, a length drawn there in the pool."""
        for path, value in _leaves(case):
            if isinstance(value, np.ndarray):
                for axis, length in enumerate(value.shape):
                    drawn = self.axes.get((path, axis))
                    if drawn is not None and length not in drawn:
                        return False
        return True

    def bounds(self, path):
        return self.reals.get(path, (0.0, 0.0))

    def simplest(self, path):
        """The simplest number drawn there, in Hypothesis' order: 0, else the integer nearest 0 in the
        range drawn, else the value of Hypothesis' simplest draw."""
        lo, hi = self.bounds(path)
        if lo <= 0.0 <= hi:
            return 0.0
        if np.ceil(lo) <= hi:
            return float(np.ceil(lo)) if lo > 0 else float(np.floor(hi))
        base = self.base.get(path)
        if isinstance(base, np.ndarray) and base.dtype.kind == "f" and base.size:
            return float(base.flat[0])
        return float(base) if type(base) is float else lo


_MISSING = object()


def _leaves(case):
    """(path, value) of every input of a case: arrays, numbers, names, None; a list of numbers is one input."""
    return leaves(case, whole=lambda v: isinstance(v, (list, tuple))
                  and not any(isinstance(item, (dict, list, tuple, np.ndarray)) for item in v))


def _get(obj, path):
    for key in path:
        obj = obj[key]
    return obj


def _replace(obj, path, value):
    """A copy of obj (containers along path copied, the rest shared) with the value at path replaced."""
    if not path:
        return value
    key, rest = path[0], path[1:]
    if isinstance(obj, dict):
        new = dict(obj)
        new[key] = _replace(obj[key], rest, value)
        return new
    items = list(obj)
    items[key] = _replace(obj[key], rest, value)
    return type(obj)(items) if isinstance(obj, tuple) else items


def _cut(array, n, keep):
    """array with every axis of length n cut to its first keep entries."""
    index = tuple(slice(0, keep) if length == n else slice(None) for length in array.shape)
    return array[index].copy() if index else array


def _elementwise(value, step):
    if isinstance(value, np.ndarray):
        return np.array([step(float(v)) for v in value.flat], dtype=value.dtype).reshape(value.shape)
    return float(step(value))


def _real(value):
    return (isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size) or type(value) is float


def _same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b))
    return a == b
