"""A submission's ``Sandbox``: its child process, restarted on demand, and the requests sent to it.

The sandbox sends the child the submission's files, asks it to import modules and call
functions, enforces the budgets of ``Limits`` (each call's and each exercise's time,
what it prints) and restarts it after a crash. Requests are pipelined (``submit``,
``collect``, ``discard``); replies are decoded without unpickling (``._wire``) and
questions the child asks on the way (a stand-in's call, ``_child._StandIns``) are
answered by ``on_callback`` without using up the student's time.
"""

import collections
import os
import select
import signal
import subprocess
import time
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import Abort, InfrastructureError
from ..messages import say
from . import _wire
from ._uid import kill_uid_now
from .isolation import Cgroup, cgroups_available, hidden_folders, sandbox_mode
from .process import OUTPUT_KEEP, Child, Output, kill_group, spare, take_spare

if TYPE_CHECKING:
    from ..config import Limits

__all__ = ["Sandbox", "Lost", "call_payload", "call_request", "end_all"]

_START_S = 60.0
"""Seconds a new child may take to start and confine itself (not counted in any student's budget)."""
_INBUF_MAX = _wire.MAX_FRAME
"""Reply bytes read ahead while a request is being written: beyond this, the grader stops reading ahead."""
_HELD_MAX = 32 * 2**20
"""Bytes of replies read ahead (pipelined calls not collected yet) that the grader keeps: beyond this a
reply is dropped and asked for again when it is wanted, so a child cannot make the grader hold its
whole window of replies at the largest size."""


class Lost(Exception):
    """A request's reply will never come: the child died or hung in an earlier request. Send it again."""


_OPEN = weakref.WeakSet()
"""The sandboxes of this process that may have a child (see ``end_all``)."""


def end_all():
    """SIGKILL the child of every sandbox of this process, and the spare child: for a process being
    stopped (a batch worker on SIGTERM) that exits right after. It takes no lock and waits for
    nothing, so it may run in a signal handler whatever the process was doing. (Under namespaces,
    the end of ``unshare`` ends everything in the child's PID namespace.)"""
    running = [(s.mode, s.child) for s in list(_OPEN)]
    for child in [child for _, child in running] + [spare()]:
        if child is not None:
            kill_group(child.proc)
    for uid in {child.uid for mode, child in running if mode == "uid" and child is not None}:
        kill_uid_now(uid)


class Sandbox:
    """One submission's child process, restarted on demand.

    - files: {file name: bytes}, the submission's files, written into the child's
      private working directory
    - limits: the budgets (``grader.config.Limits``)
    - source: where the files came from (the folder holding it is hidden: the other submissions);
      mask: more folders to hide (the output folder). What else is hidden: ``isolation``.

    Time and output are budgeted per exercise (``begin_exercise``). The time counted is
    the time the grader waits for the child, less the time it spends answering the
    child's questions: the grader's own work (generating cases, checking replies) never
    uses up a student's budget. Calls to the
    curriculum functions of ``substitutes`` made by the submission's own code are
    answered by ``on_callback(key, running, args, kwargs)`` (see ``_child._StandIns``).
    """

    def __init__(self, files: dict[str, bytes], *, limits: "Limits", source: str | None = None,
                 mask: Sequence[str] = ()):
        _OPEN.add(self)
        self.files = dict(files)
        self.limits = limits
        self.mode = sandbox_mode()
        self.isolate = self.mode == "namespaces"
        self.mask = hidden_folders(source=source, mask=mask)
        self.curriculum, self.substitutes, self.on_callback = {}, frozenset(), None
        self.child = None   # the running Child, or None (one starts on demand)
        self.out = None     # its Output reader
        self.begin_exercise()
        self.imported = {}
        self.output = ""
        self._cgroup = None
        self._tickets = 0
        self._reset_requests()

    def _reset_requests(self):
        self._pending = collections.deque()   # (ticket, what) sent and not yet read, in order
        self._replies = {}                      # ticket -> (reply, size) read ahead of its collect
        self._held = 0                          # bytes of the replies in self._replies
        self._discarded = set()                 # pending tickets whose replies nobody wants
        self._inbuf = bytearray()               # reply bytes read while writing a request
        self._last_reply = 0.0

    def begin_exercise(self):
        """Start the budgets (time, output) of the next exercise."""
        self._left = self.limits.exercise_seconds   # seconds of waiting for the child this exercise has left
        self._printed = 0
        self._watch_output()

    def _watch_output(self):
        """Give the running child's output reader what is left of the exercise's output budget."""
        if self.child is not None:
            self._out_mark = self.out.total
            self.out.limit = self.out.total + self.limits.output_mib * 2**20 - self._printed

    def set_substitutes(self, keys):
        """From now on, the submission's calls to the curriculum functions ``keys`` ("module.function")
        are answered by ``on_callback``."""
        keys = frozenset(keys)
        if keys != self.substitutes:
            self.substitutes = keys
            if self.child is not None and not self._send(_wire.encode_request({"op": "substitute",
                                                                              "keys": sorted(keys)})):
                self._lose()

    # -- lifecycle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None
        _OPEN.discard(self)

    def _start(self):
        if self._cgroup is None and cgroups_available():
            cgroup = Cgroup(memory_mib=self.limits.memory_mib, processes=self.limits.processes)
            if not cgroup.memory_capped:   # it would run with its memory capped per process only
                cgroup.remove()
                self._start_failed("no cgroup could be made to cap its memory (cgroups worked before)")
            self._cgroup = cgroup
        try:
            child = take_spare(self.isolate, self._cgroup) or Child(self.isolate, self._cgroup)
        except (OSError, subprocess.SubprocessError) as exc:   # it could not start, or not in its cgroup
            self._start_failed(f"{type(exc).__name__}: {exc}")
        self.child = child
        self._reset_requests()
        self.out = Output(child.out_fd, on_flood=child.stop)
        self._watch_output()
        self.out.start()
        self.imported = {}
        setup = {"files": self.files, "mask": self.mask, "uid": child.uid, "workdir": child.workdir,
                 "isolate": self.isolate, "limits": self.limits.for_child(),
                 "curriculum": self.curriculum, "substitute": sorted(self.substitutes)}
        if not self._send(_wire.encode_request(setup)):
            self._start_failed(f"it did not take its set-up within {self.limits.call_seconds:g} s")
        self._await_ready()

    def _await_ready(self):
        """Wait for the child's first reply, sent once it is confined and has checked that it can run
        Python with numpy (``_child._self_test``), before any submission code: a child that fails
        here is the machine's or the set-up's fault, never the student's."""
        deadline = time.monotonic() + _START_S
        try:
            header, _ = _wire.decode_reply(_wire.recv_frame(lambda n: self._read_exactly(n, deadline)))
        except TimeoutError:
            why = f"it was not ready within {_START_S:g} s (is the machine overloaded?)"
        except EOFError:
            why = f"it {self._how_it_ended()}: {self.out.text()[-1000:].strip() or 'no output'}"
        except (_wire.WireError, RecursionError, MemoryError) as exc:
            why = f"its first reply was malformed ({type(exc).__name__})"
        else:
            if header.get("ready") is True:
                self._last_reply = time.monotonic()
                return
            why = str(header.get("setup_failed", "its first reply was not 'ready'"))[:2000]
        self._start_failed(why)

    def _start_failed(self, why):
        self.close()
        raise InfrastructureError(f"the sandbox could not start a child process to run the submission: {why}")

    def close(self):
        """Kill the child and everything it started; forget its state (a new child imports afresh)."""
        if self.child is not None:
            self.child.end(self.mode)
            self.out.join(timeout=1)
            self._printed += self.out.total - self._out_mark
            self.output = (self.output + self.out.text())[-OUTPUT_KEEP:]
            self.child = None
            self.imported = {}
        self._reset_requests()

    # -- talking to the child
    #
    # Requests are pipelined: ``submit`` sends one without waiting, ``collect`` reads
    # replies in the order they were sent until the wanted one arrives, keeping the
    # replies read on the way (or dropping those ``discard``ed). The child still
    # serves one request at a time, in order, so every reply gets ``call_seconds`` from the
    # moment the previous one arrived (or the grader began waiting). A request whose
    # reply can no longer come (the child died in an earlier request that nobody was
    # waiting for) is *lost*: ``collect`` raises ``Lost`` and the caller sends it again.

    def submit(self, message, what, *, encoded=False):
        """Send a request without waiting for its reply; returns its ticket for ``collect``.

        encoded: message is already ``_wire.encode_request``'s bytes.
        """
        if self._left <= 0:
            raise Abort(say("stopped/budget_used", seconds=f"{self.limits.exercise_seconds:g}"), kind="budget")
        if self.child is None:
            self._start()
        ticket = self._tickets = self._tickets + 1
        self._pending.append((ticket, what))
        if not self._send(message if encoded else _wire.encode_request(message)):
            self._lose()
        return ticket

    def collect(self, ticket):
        """The reply (header, arrays) to a submitted request; Abort if the child hangs, dies or lies on it.

        Raises ``Lost`` when the child died (or hung) in an earlier request: the
        child is gone and the request must be sent again.
        """
        if ticket in self._replies:
            reply, size = self._replies.pop(ticket)
            self._held -= size
            return reply
        if not any(t == ticket for t, _ in self._pending):
            raise Lost(ticket)
        self._budget_end = time.monotonic() + self._left   # moved on by the time spent answering questions
        try:
            return self._collect(ticket)
        finally:
            self._left = self._budget_end - time.monotonic()

    def _collect(self, ticket):
        waiting_since = time.monotonic()
        while True:
            head, what = self._pending[0]
            call_deadline = min(max(waiting_since, self._last_reply) + self.limits.call_seconds, self._budget_end)
            failure = None
            try:
                payload = _wire.recv_frame(lambda n: self._read_exactly(n, call_deadline))
                reply = _wire.decode_reply(payload)
            except TimeoutError:
                if call_deadline < self._budget_end:
                    failure = lambda: (say("stopped/timeout", what=what, seconds=f"{self.limits.call_seconds:g}"), "timeout")
                else:
                    failure = lambda: (say("stopped/budget", what=what, seconds=f"{self.limits.exercise_seconds:g}"),
                                       "budget")
            except EOFError:
                if self.out is not None and self.out.flooded:
                    failure = lambda: (say("stopped/output", what=what, mib=f"{self.limits.output_mib:g}"), "output")
                else:
                    failure = lambda: (say("stopped/ended", what=what, how=self._how_it_ended()), "crash")
            except _wire.WireError as exc:
                failure = lambda message=str(exc): (say("stopped/protocol", what=what, error=message), "protocol")
            except (RecursionError, MemoryError) as exc:   # e.g. JSON nested too deep: a reply, never our fault
                failure = lambda name=type(exc).__name__: (say("stopped/protocol", what=what, error=name), "protocol")
            if failure is not None:
                if head == ticket:
                    self._abort(*failure())
                self._lose()
                raise Lost(ticket)
            if "callback" in reply[0]:
                took = self._answer(reply, what)
                waiting_since, self._last_reply = waiting_since + took, self._last_reply + took
                self._budget_end += took
                continue
            self._pending.popleft()
            self._last_reply = time.monotonic()
            if head == ticket:
                return reply
            if head not in self._discarded:
                if self._held + len(payload) <= _HELD_MAX:
                    self._replies[head] = reply, len(payload)
                    self._held += len(payload)
                # else: not kept (a child flooding its replies); its collect finds it Lost and asks again
            self._discarded.discard(head)

    def _answer(self, reply, running):
        """Answer a stand-in's question (``_child._callback``) asked while ``running`` ("module.function") runs;
        returns the seconds it took."""
        start = time.monotonic()
        header, arrays = reply
        try:
            info = header["callback"]
            key = f"{info['module']}.{info['function']}"
            args, kwargs = _wire.decode_tree(header.get("args"), arrays)
            if self.on_callback is None or not isinstance(args, list) or not isinstance(kwargs, dict) \
                    or not all(isinstance(k, str) for k in kwargs):
                raise RuntimeError(f"{key} cannot be called here")
            message = {"op": "callback_reply", "value": self.on_callback(key, running, args, kwargs)}
        except Exception as exc:  # noqa: BLE001  what a correct function would raise on these arguments
            message = {"op": "callback_reply", "error": {"type": type(exc).__name__, "message": str(exc)[:500]}}
        if not self._send(_wire.encode_request(message)):
            self._lose()
        return time.monotonic() - start

    def discard(self, ticket):
        """Nobody will collect this request's reply: drop it when it comes."""
        kept = self._replies.pop(ticket, None)
        if kept is not None:
            self._held -= kept[1]
        elif any(t == ticket for t, _ in self._pending):
            self._discarded.add(ticket)

    def _lose(self):
        """The child cannot answer the pending requests (it died or hangs): end it; a new one starts on demand."""
        self.close()

    def _send(self, payload):
        """Write one request (encoded); False if the child did not take it within ``call_seconds`` (it hangs in a call).

        The request pipe is non-blocking and replies are read into a buffer while
        writing, so that a large request never deadlocks with a child that is itself
        blocked writing replies.
        """
        data = _wire.frame(payload)
        view = memoryview(data)
        deadline = time.monotonic() + min(self.limits.call_seconds, max(self._left, 0.0))
        while view:
            try:
                view = view[os.write(self.child.req_fd, view):]
                continue
            except BlockingIOError:
                pass
            except OSError:
                return True   # the child is gone; reading its reply reports how it ended
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self.child.rep_fd] if len(self._inbuf) < _INBUF_MAX else [],
                                           [self.child.req_fd], [], left)
            if readable:
                try:
                    chunk = os.read(self.child.rep_fd, 1 << 20)
                except OSError:
                    chunk = b""
                if not chunk:
                    return True   # the child is gone
                self._inbuf += chunk
        return True

    def _read_exactly(self, n, deadline):
        chunks = []
        if self._inbuf:
            chunk = bytes(self._inbuf[:n])
            del self._inbuf[:n]
            chunks.append(chunk)
            n -= len(chunk)
        while n:
            left = max(0.0, deadline - time.monotonic())   # a reply already there is read, however late the
            if not select.select([self.child.rep_fd], [], [], left)[0]:   # grader got to it (a loaded machine)
                raise TimeoutError
            chunk = os.read(self.child.rep_fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _exchange(self, message, what):
        """Send a request and return the decoded reply; Abort if the child hangs, dies or lies."""
        for attempt in range(2):
            ticket = self.submit(message, what)
            try:
                return self.collect(ticket)
            except Lost:
                if attempt:
                    self._abort(say("stopped/not_started", what=what, seconds=f"{self.limits.call_seconds:g}"), "timeout")

    def _abort(self, reason, kind):
        self.close()
        output, self.output = self.output, ""
        raise Abort(reason, kind=kind, output=output)

    def _how_it_ended(self):
        code = self.child.exit_status(timeout=2)
        if code is None:
            return "it closed its connection to the grader"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            extra = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (killed; memory or process limit?)",
                     "SIGSEGV": " (segmentation fault)", "SIGXFSZ": " (file size limit)"}.get(name, "")
            return f"crashed with signal {-code} {name}{extra}"
        return f"exited with status {code}"

    def import_module(self, module):
        """None if the module imports; else the child's error header."""
        if module in self.imported:
            return self.imported[module]
        header, _ = self._exchange({"op": "import", "module": module}, f"importing {module}")
        self.imported[module] = None if header.get("ok") else header
        return self.imported[module]

    def call(self, module: str, function: str, args: tuple, kwargs: dict, spec, *,
             payload: bytes | None = None) -> tuple[dict, list]:
        """Call module.function in the child: (header, arrays) of the reply.

        payload: ``call_payload(args, kwargs)`` when the caller has it already.
        """
        return self._exchange(call_request(module, function, payload or call_payload(args, kwargs), spec),
                              f"{module}.{function}")


def call_payload(args, kwargs):
    """The bytes of a call's arguments as the child receives them; equal bytes, equal call."""
    return _wire.encode_request((args, kwargs))


def call_request(module, function, payload, spec):
    """The request that calls module.function on the arguments of payload; spec: the reply's structure."""
    return {"op": "call", "module": module, "function": function, "payload": payload, "spec": spec}
