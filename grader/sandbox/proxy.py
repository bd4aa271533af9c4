"""A submission as an implementation object: ``impl.rnn.elman_forward(...)`` runs in the child.

Before each call the reference computes the expected value from private copies
of the inputs; its structure and shapes (its *skeleton*) are the contract the
reply must meet. The reply is validated (plain ndarray, allowed dtype, exact
shape, finite) and returned as float64 arrays in the reference's structure, so
properties treat the student's functions exactly like the reference's. Inputs
the student modified are written back, as an in-process call would have left them.

Calls can also be *prefetched*: a check's plan (``record_calls``: the calls its
property makes on each replayed case when the implementation is correct, with
the skeletons of the reference's values) is sent to the child in one go, so the
child computes while the grader checks. A call the property then makes with
exactly the planned arguments takes the planned reply; any other call (the
arguments differ, or the prefetched reply was lost with a crashed child) is made
on the spot, as without a plan.
"""

import collections
import re
import warnings

import numpy as np

from ..answers import Answers
from ..catalogue import EXERCISES, RECORDS, record
from ..errors import Abort, BadReturn, ImportFailed, NotImplementedYet, StudentException
from ..messages import say
from ..properties.given import as_given
from ..tree import private_copy
from . import Lost, call_payload, call_request
from ._wire import encode_request

__all__ = ["StudentImplementation", "FREE_SHAPES", "PlannedCall", "record_calls", "ask_as_if_wrong", "skeleton", "written_where"]

FREE_SHAPES = {r.name for r in RECORDS if r.free_shape}
"""Exercises whose returned shapes the student chooses (H); their checks validate them."""

_ALLOWED_KINDS = "fiu"
_WINDOW_START, _WINDOW_MAX = 2, 256
"""Planned calls sent ahead of the property: at first, and at most (the window doubles with each one taken)."""


def skeleton(value):
    """The structure and shapes of a reference value: what a reply must look like.

    ["tuple", [items]], ["dict", [[key, item], ...]] or ["array", shape, scalar]
    (scalar: the reference returned a Python number, returned to properties as a float).
    """
    if isinstance(value, tuple):
        return ["tuple", [skeleton(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[k, skeleton(v)] for k, v in value.items()]]
    return ["array", list(np.shape(value)), bool(np.ndim(value) == 0 and not isinstance(value, np.ndarray))]


def _spec(skel):
    """The structure the child must return, from a skeleton."""
    if skel[0] == "tuple":
        return ("tuple", [_spec(s) for s in skel[1]])
    if skel[0] == "dict":
        return ("dict", {k: _spec(s) for k, s in skel[1]})
    return ("array",)


class PlannedCall:
    """One call a property makes on a correct implementation: which function, the bytes of its arguments
    (``call_payload``: equal bytes, equal arguments, aliasing included), the skeleton of the reply, and
    whether its arguments depend on what earlier calls of the case returned (``record_calls``): such a
    call would show the child the reference's answers to them, so it is sent only once they are answered."""

    __slots__ = ("module", "function", "payload", "skeleton", "depends", "_request")

    def __init__(self, module, function, payload, skel, depends=True):
        self.module, self.function, self.payload, self.skeleton = module, function, payload, skel
        self.depends = depends
        self._request = None

    def request(self):
        """The encoded request that makes this call (encoded once per process)."""
        if self._request is None:
            self._request = encode_request(call_request(self.module, self.function, self.payload,
                                                        _spec(self.skeleton)))
        return self._request


def record_calls(prop, case, ref, *, strict=False):
    """The calls prop makes on a correct implementation (the reference) for one case: [PlannedCall].

    The property sees what it would see from a correct submission: the reference's
    values, converted as replies are (float64 arrays, floats for scalars).
    strict: return None when the property does not hold for the reference on this case.
    The property is then run again on answers that differ from the reference's: a call whose
    arguments change (or that is no longer made) depends on earlier answers (``PlannedCall.depends``).
    """
    recorder = _Recorder(ref)
    try:
        prop(recorder, as_given(case), ref)
    except Exception:   # noqa: BLE001  the calls made so far are the plan
        if strict:
            return None
    if len(recorder.calls) <= 1:   # a first call is made before any answer: nothing to run again for
        for planned in recorder.calls:
            planned.depends = False
        return recorder.calls
    other = _Recorder(ref, change=_shifted)
    try:
        prop(other, as_given(case), ref)
    except Exception:   # noqa: BLE001  the property fails on wrong answers: the calls so far are known
        pass
    for n, planned in enumerate(recorder.calls):
        if n < len(other.calls):
            alike = other.calls[n]
            planned.depends = (alike.module, alike.function, alike.payload) != \
                (planned.module, planned.function, planned.payload)
        if planned.depends:   # and so do the calls after it, whose order may follow from it
            break
    return recorder.calls


def ask_as_if_wrong(prop, case, ref):
    """Run prop on answers that are wrong (every float + 0.5; every float 0), so that its failure paths ask
    ``ref`` what they ask (a kit's ``grader.answers.Recording`` keeps the answers)."""
    for change in (_shifted, np.zeros_like):
        try:
            prop(_Recorder(ref, change=change), as_given(case), ref)
        except Exception:   # noqa: BLE001  the property fails on wrong answers: that is the point
            pass


def _shifted(array):
    return array + 0.5


class _Recorder:
    """Stands in for an implementation while a plan is recorded: answers with the reference's values, or
    with changed ones (change: applied to every float array, e.g. + 0.5) to see which calls depend on the
    answers."""

    def __init__(self, ref, change=None):
        self.ref, self.calls, self.change = ref, [], change

    def __getattr__(self, module):
        if module.startswith("_"):
            raise AttributeError(module)
        return _Module(self, module)

    def call(self, module, function, args, kwargs):
        payload = call_payload(args, kwargs)
        expected = getattr(getattr(self.ref, module), function)(*private_copy(args), **private_copy(kwargs))
        skel = skeleton(expected)
        self.calls.append(PlannedCall(module, function, payload, skel))
        arrays = []
        tree = _flatten(expected, skel, arrays)
        arrays = [np.array(a) for a in arrays]
        if self.change is not None:
            arrays = [self.change(a) if a.dtype.kind == "f" else a for a in arrays]
        return _rebuild(tree, skel, arrays, "result", False)


def _flatten(value, skel, arrays):
    """The reference's value as a reply tree would carry it (leaves: indices into arrays)."""
    if skel[0] == "tuple":
        return [_flatten(v, s, arrays) for v, s in zip(value, skel[1])]
    if skel[0] == "dict":
        return {k: _flatten(value[k], s, arrays) for k, s in skel[1]}
    arrays.append(value)
    return len(arrays) - 1


def _expected(ref, module, function, args, kwargs):
    """(a value whose structure a reply must have, whether its shapes too): the reference's value of the
    call; in a kit, the answer recorded for it or for a call alike (``grader.answers.Answers.structure``)."""
    if isinstance(ref, Answers):
        return ref.structure(module, function, args, kwargs)
    return getattr(getattr(ref, module), function)(*private_copy(args), **private_copy(kwargs)), True


class StudentImplementation:
    """The curriculum's modules, backed by a Sandbox; ``ref`` supplies the expected structure.

    - missing: {module: reason} for modules the submission lacks or that cannot be read
    - origins: ``Submission.origins``: tracebacks name files as they were submitted (``written_where``)

    Each exercise is graded on its own (``begin_exercise``): the submission's calls to the
    curriculum functions it is told to substitute are answered with the reference's value
    (``used`` records which ones each exercise called), and a function that timed out or
    flooded the output fails its later calls at once, for the same reason (``stopped``).
    """

    def __init__(self, sandbox, ref, *, missing=None, origins=None):
        self.sandbox, self.ref = sandbox, ref
        self.missing = dict(missing or {})
        self.origins = dict(origins or {})
        self.import_errors = {}
        self.used = {}      # "module.function" graded -> {"module.function" answered for it}
        self.stopped = {}   # "module.function" -> the Abort that stopped it
        sandbox.curriculum = {}
        for exercise in EXERCISES:
            module, function = exercise.split(".")
            sandbox.curriculum.setdefault(module, []).append(function)
        sandbox.on_callback = self._answer
        self._planned = collections.deque()   # (case index, PlannedCall, ticket) sent ahead, in order
        self._unsent = collections.deque()    # (case index, PlannedCall) of the plan, not sent yet
        self._window = _WINDOW_START
        self._case = None
        self._answering = False                # a planned call was taken and its reply is not read yet
        self.heard = []     # what the calls since ``listen()`` printed and warned, in the property's order
        for module in {e.split(".")[0] for e in EXERCISES}:
            setattr(self, module, _Module(self, module))

    def begin_exercise(self, substitutes):
        """The next calls grade another exercise: fresh budgets; ``substitutes`` are answered for it."""
        self.sandbox.begin_exercise()
        self.sandbox.set_substitutes(substitutes)

    def _answer(self, key, running, args, kwargs):
        """The value of a substituted curriculum function that the function ``running`` calls."""
        if key not in self.sandbox.substitutes or key == running or running not in EXERCISES:
            raise NameError(f"{key} is not available here")
        self.used.setdefault(running, set()).add(key)
        module, function = key.split(".")
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return getattr(getattr(self.ref, module), function)(*args, **kwargs)

    def listen(self):
        """Forget what earlier calls printed: ``heard`` fills again from the next call."""
        self.heard = []

    def _hear(self, call, header):
        """Keep what one call (or import) printed and warned, from its reply (checked and capped)."""
        warned = header.get("warned")
        entry = {"call": call, "printed": _text(header.get("printed"), _HEARD_CAP),
                 "warned": [_text(w, 300) for w in warned[:5]] if isinstance(warned, list) else [],
                 "shares": header.get("shares") is True}
        self.heard.append(entry)
        return entry

    def ensure_imported(self, module):
        """Raise ImportFailed unless the module imports in the child."""
        if module in self.missing:
            raise ImportFailed(self.missing[module], hint="missing_module")
        if module in self.import_errors:
            raise self.import_errors[module]
        try:
            error = self.sandbox.import_module(module)
        except Abort as abort:
            if abort.kind == "budget":
                raise   # the exercise's time is up, not the module's fault: the next exercise imports it
            fault = ImportFailed(say("proxy/import_stopped", module=module) + abort.reason,
                                 traceback=_text(abort.output))
            self.import_errors[module] = fault
            raise fault from None
        if error is not None:
            info = _error_info(error)
            kind = f"{info['type']}: " if info["type"] else ""
            fault = ImportFailed(say("proxy/import_failed", module=module, error=f"{kind}{info['message']}".strip()),
                                 traceback=written_where(info["traceback"], self.origins))
            fault.heard = [self._hear(f"import {module}", error)]
            self.import_errors[module] = fault
            raise fault

    # -- prefetching
    #
    # Planned calls are sent a window ahead: the window starts small and grows with every
    # planned reply taken, so the child keeps busy on a check that passes, and little of
    # its work is thrown away when a check stops at its first failure (a function not
    # implemented yet, ``shrink=False``).

    def prefetch(self, plan):
        """Send the calls of plan ([[PlannedCall] per case]) to the child ahead of the property's calls."""
        self.end_prefetch()
        self._unsent = collections.deque((index, planned) for index, calls in enumerate(plan) for planned in calls)
        self._window = _WINDOW_START
        self._case = 0
        self._top_up()

    def begin_case(self, index):
        """The property now runs on case ``index``: planned calls of earlier cases will not be made."""
        self._case = index
        while self._planned and self._planned[0][0] < index:
            self.sandbox.discard(self._planned.popleft()[2])
        while self._unsent and self._unsent[0][0] < index:
            self._unsent.popleft()
        self._top_up()

    def end_prefetch(self):
        """No more planned calls will be made: their replies are dropped as they come."""
        while self._planned:
            self.sandbox.discard(self._planned.popleft()[2])
        self._unsent = collections.deque()
        self._case = None

    def _top_up(self):
        """Send planned calls until the window is full and the current case's calls are all sent."""
        while self._unsent and (len(self._planned) < self._window or self._unsent[0][0] <= self._case):
            index, planned = self._unsent[0]
            if planned.depends and (index != self._case or self._answering or
                                    any(i == index for i, _, _ in self._planned)):
                break   # its arguments would show the child the answers to calls it has not answered yet
            self._unsent.popleft()
            module = planned.module
            try:
                if module in self.missing or module in self.import_errors:
                    continue
                self.ensure_imported(module)
                ticket = self.sandbox.submit(planned.request(), f"{module}.{planned.function}", encoded=True)
            except (ImportFailed, Abort):
                continue   # the property's own call reports it
            self._planned.append((index, planned, ticket))

    def _take_planned(self, module, function, payload):
        """The ticket and skeleton of the planned call that matches this call exactly, else None."""
        for n, (index, planned, ticket) in enumerate(self._planned):
            if index != self._case:
                return None
            if planned.payload == payload and planned.function == function and planned.module == module:
                for _ in range(n):   # planned calls of this case that were skipped
                    self.sandbox.discard(self._planned.popleft()[2])
                self._planned.popleft()
                self._window = min(2 * self._window, _WINDOW_MAX)
                self._answering = True   # until its reply is read: see _top_up
                return ticket, planned.skeleton
        return None

    # -- calling

    def call(self, module, function, args, kwargs):
        key = f"{module}.{function}"
        if key in self.stopped:
            stop = self.stopped[key]
            raise Abort(stop.reason, kind=stop.kind)
        try:
            return self._call(module, function, args, kwargs)
        except Abort as abort:
            if abort.kind in ("timeout", "output"):
                self.stopped[key] = abort
            raise

    def _call(self, module, function, args, kwargs):
        reply, shaped = None, True
        payload = call_payload(args, kwargs)
        arguments = private_copy((args, kwargs))   # as given (the call may change them)
        taken = self._take_planned(module, function, payload) if self._planned else None
        try:
            if taken is not None:
                ticket, skel = taken
                try:
                    reply = self.sandbox.collect(ticket)
                except Lost:
                    reply = None
            if reply is None:
                expected, shaped = _expected(self.ref, module, function, args, kwargs)
                skel = skeleton(expected)
                self.ensure_imported(module)
                reply = self.sandbox.call(module, function, args, kwargs, _spec(skel), payload=payload)
        finally:
            self._answering = False
        if self._case is not None:
            self._top_up()   # the calls that depended on this answer may go now
        header, arrays = reply
        self._hear(f"{module}.{function}", header)
        _write_back(header.get("mutated"), arrays, (args, kwargs))
        if "error" in header:
            info = _error_info(header)
            raised_in = _raising_function(info["traceback"])
            traceback = written_where(info["traceback"], self.origins)
            if info["not_implemented"] and raised_in not in (None, function, "<module>"):
                raise StudentException(say("proxy/not_implemented_dependency", function=function,
                                           dependency=raised_in), traceback=traceback,
                                       hint="dependency_not_implemented")
            kind = NotImplementedYet if info["not_implemented"] else StudentException
            raise kind(say("proxy/raised", function=f"{module}.{function}", type=info["type"] or "Exception",
                           message=info["message"]), traceback=traceback)
        if "bad" in header or not header.get("ok"):
            raise BadReturn(say("returned/in", function=f"{module}.{function}") + _bad(header.get("bad")))
        key = f"{module}.{function}"
        names = record(key).return_names if key in EXERCISES else ()
        value = _rebuild(header.get("value"), skel, arrays, "result", key in FREE_SHAPES or not shaped, function, names)
        self.heard[-1].update(args=arguments, value=private_copy(value))   # for the diagnoses (grader.diagnose)
        return value


TEXT_CAP = 4000
"""Characters of any one text the child sends (an error message, a traceback) that the grader keeps."""
_HEARD_CAP = 2000
"""Characters of what one call printed that the grader keeps (the child sends no more)."""


def _text(value, cap=TEXT_CAP):
    """Text from the child as the grader keeps it: a str of at most cap characters, saying when it was cut.
    (The child caps its own texts; a subverted child may not, and nothing it sends is amplified.)"""
    text = value if isinstance(value, str) else ""
    if len(text) > cap:
        text = text[:cap] + f"\n... ({len(text) - cap} more characters not shown)"
    return text


def _error_info(header):
    """The fields of an error reply (``_child._error_header``), each checked and capped."""
    info = header.get("error")
    info = info if isinstance(info, dict) else {}
    return {"type": _text(info.get("type"), 100), "message": _text(info.get("message")),
            "traceback": _text(info.get("traceback")), "not_implemented": info.get("not_implemented") is True}


class _Module:
    def __init__(self, impl, name):
        self._impl, self._name = impl, name

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)

        def student_function(*args, **kwargs):
            return self._impl.call(self._name, function, args, kwargs)

        student_function.__name__ = function
        return student_function


def _validated(array, want, where, free_shape):
    if type(array) is not np.ndarray or array.dtype.kind not in _ALLOWED_KINDS or array.dtype.itemsize > 8:
        raise BadReturn(say("returned/not_numeric", where=where, dtype=getattr(array, "dtype", "?")))
    if free_shape:
        if array.ndim != len(want):
            raise BadReturn(say("returned/ndim", where=where, ndim=array.ndim, expected=len(want)))
    elif array.shape != want:
        raise BadReturn(_wrong_shape(where, array.shape, want))
    if not np.all(np.isfinite(array)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0]) if array.ndim else ()
        raise BadReturn(say("returned/not_finite", where=where, value=array[bad] if bad else array, index=list(bad)))
    return array.astype(np.float64)


_BAD_KEYS = {"returned/not_array", "returned/not_number", "returned/tuple_of", "returned/not_tuple",
             "returned/not_dict", "returned/missing_keys"}
"""What the child may say of a returned value it could not convert (``_child._convert``)."""


def _bad(bad):
    """The message of the child's "bad" field: one of _BAD_KEYS with its values, each capped; else a fixed line."""
    if isinstance(bad, dict) and bad.get("key") in _BAD_KEYS and isinstance(bad.get("values"), dict):
        return say(bad["key"], **{str(k)[:40]: _text(v, 300) for k, v in list(bad["values"].items())[:6]})
    return say("returned/not_understood", where="result")


_FILE_LINE = re.compile(r'File "([^"/]+)", line (\d+)')


def written_where(traceback, origins):
    """A traceback of the child's folder ('File "rnn.py", line 12') in the student's terms: the file as it
    was submitted ('File "exercises/rnn.py", line 12'), a notebook's cell ('File "alice.ipynb", cell 7,
    line 3'). origins: ``Submission.origins``; a file it does not know is left as it is.

    >>> written_where('File "_submission.py", line 9, in f', {"_submission.py": ("hw.ipynb", [(1, 1), (6, 4)])})
    'File "hw.ipynb", cell 4, line 3, in f'
    >>> written_where('File "rnn.py", line 2', {"rnn.py": ("exercises/rnn.py", None)})
    'File "exercises/rnn.py", line 2'
    """
    def shown(match):
        name, line = match.group(1), int(match.group(2))
        if name not in origins:
            return match.group(0)
        where, cells = origins[name]
        marks = [(start, cell) for start, cell in cells or () if start <= line]
        if marks:
            start, cell = marks[-1]
            return f'File "{where}", cell {cell}, line {line - start}'
        return f'File "{where}", line {line}'

    return _FILE_LINE.sub(shown, traceback or "")


def _raising_function(traceback):
    """The name of the submission's function whose frame raised (the last 'File ..., in NAME' line), or None."""
    names = re.findall(r'^\s*File "[^"]*", line \d+, in (\S+)$', traceback or "", re.MULTILINE)
    return names[-1] if names else None


def _check_order(tree, items, arrays, where, free_shape, function, names):
    """BadReturn (hint "return_order") when the returned arrays have the asked shapes only in another order;
    names: the returned values' names (``Exercise.return_names`` of function), to say which went where."""
    if free_shape or not all(isinstance(t, int) and not isinstance(t, bool) and 0 <= t < len(arrays) for t in tree) \
            or not all(s[0] == "array" for s in items):
        return
    shapes = [tuple(np.shape(arrays[t])) for t in tree]
    wanted = [tuple(s[1]) for s in items]
    if shapes == wanted or sorted(shapes) != sorted(wanted):
        return
    if len(names) == len(wanted):
        order = []
        for shape in shapes:   # the name each returned value's shape belongs to (the first free one)
            order.append(next(k for k, want in enumerate(wanted) if want == shape and k not in order))
        raise BadReturn(say("returned/swapped", function=function, order=", ".join(names),
                            returned=", ".join(names[k] for k in order)), hint="return_order")
    raise BadReturn(say("returned/swapped_shapes", where=where, shapes=", ".join(map(str, shapes)),
                        expected=", ".join(map(str, wanted))), hint="return_order")


def _wrong_shape(where, shape, want):
    """A shape that is not the one asked for, with what the slip most likely is."""
    message = say("returned/shape", where=where, shape=shape, expected=want)
    if not want and int(np.prod(shape)) == 1:
        return message + say("returned/scalar_as_array", shape=shape)
    if len(shape) == len(want) == 2 and tuple(shape) == tuple(want)[::-1]:
        return message + say("returned/transposed_shape", shape=shape, expected=want)
    if len(shape) != len(want) and tuple(d for d in shape if d != 1) == tuple(d for d in want if d != 1):
        return message + say("returned/extra_axis", shape=shape, expected=want)
    return message


def _rebuild(tree, skel, arrays, where, free_shape, function="", names=()):
    """The reply's leaves in the reference's structure (its skeleton), each one validated."""
    kind = skel[0]
    if kind == "tuple":
        items = skel[1]
        if not isinstance(tree, list) or len(tree) != len(items):
            raise BadReturn(say("returned/tuple", where=where, n=len(items)))
        _check_order(tree, items, arrays, where, free_shape, function, names)
        return tuple(_rebuild(t, s, arrays, f"{where}[{k}]", free_shape)
                     for k, (t, s) in enumerate(zip(tree, items)))
    if kind == "dict":
        keys = [k for k, _ in skel[1]]
        if not isinstance(tree, dict) or not set(keys) <= set(tree):
            raise BadReturn(say("returned/dict", where=where, keys=", ".join(sorted(keys)),
                                returned=", ".join(map(str, tree)) if isinstance(tree, dict) else "-"))
        return {k: _rebuild(tree[k], s, arrays, f"{where}[{k!r}]", free_shape) for k, s in skel[1]}
    if not isinstance(tree, int) or isinstance(tree, bool) or not 0 <= tree < len(arrays):
        raise BadReturn(say("returned/not_understood", where=where))
    value = _validated(arrays[tree], tuple(skel[1]), where, free_shape)
    return float(value) if skel[2] else value


def _write_back(mutated, arrays, roots):
    """Apply the child's in-place changes of the inputs to the grader's own copies."""
    for entry in mutated or []:
        try:
            path, index = entry
            container = roots
            for key in path[:-1]:
                container = container[key]
            key = path[-1]
            new = arrays[index] if isinstance(index, int) else None
            old = container[key]
            if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and new.shape == old.shape:
                old[...] = new
            elif not isinstance(container, tuple):
                container[key] = new
        except (TypeError, KeyError, IndexError, ValueError):
            continue
