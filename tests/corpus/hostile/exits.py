"""Attacks that end, crash or signal processes: the child may die, the grader may not."""

from . import EXERCISE, STACKED, rnn

HOSTILE = [
    dict(name="sys_exit_in_function", exercise=EXERCISE, overrides=rnn("""
        import sys

        def elman_forward(*args, **kwargs):
            sys.exit(0)
        """), description="SystemExit(0) from the function: caught in the child, reported as an exception."),

    dict(name="os_exit_in_function", exercise=EXERCISE, overrides=rnn("""
        import os

        def elman_forward(*args, **kwargs):
            os._exit(0)
        """), description="os._exit(0): the child ends 'successfully' mid-call; that is a crash, not a pass."),

    dict(name="sys_exit_at_import", exercise=EXERCISE, also_attacked=("rnn.activation",), overrides=rnn("""
        import sys
        print("10 passed")
        sys.exit(0)
        """), description="SystemExit while rnn.py imports: the module fails to import (both its exercises)."),

    dict(name="os_exit_at_import", exercise=EXERCISE, also_attacked=("rnn.activation",), overrides=rnn("""
        import os
        os._exit(0)
        """), description="os._exit(0) while rnn.py imports: the import op sees the child end."),

    dict(name="segfault_ctypes", exercise=EXERCISE, overrides=rnn("""
        import ctypes

        def elman_forward(*args, **kwargs):
            ctypes.string_at(0)
        """), description="Reads address 0: SIGSEGV in the child."),

    dict(name="segfault_array_interface", exercise=EXERCISE, overrides=rnn("""
        class Pointer:
            @property
            def __array_interface__(self):
                return {"shape": (10**6,), "typestr": "<f8", "data": (8, True), "version": 3}

        def elman_forward(*args, **kwargs):
            return Pointer(), Pointer()
        """), description="Returns objects whose __array_interface__ points at address 8: converting them "
                          "segfaults the child (inside the grader's own conversion code)."),

    dict(name="keyboard_interrupt", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            raise KeyboardInterrupt
        """), description="Raises KeyboardInterrupt: in-process it would stop the grader; here it is an exception."),

    dict(name="system_exit_from_del", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        class Bomb(np.ndarray):
            def __del__(self):
                raise SystemExit(0)

        class Interrupt(np.ndarray):
            def __del__(self):
                raise KeyboardInterrupt

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            return ys.view(Bomb), hs.view(Interrupt)
        """), description="Wrong values whose __del__ raises SystemExit / KeyboardInterrupt when the grader "
                          "drops them."),

    dict(name="sigint_from_del", exercise=EXERCISE, overrides=rnn("""
        import os
        import signal

        class Later:
            def __init__(self, value):
                self.value = value

            def __array__(self, dtype=None, copy=None):
                return self.value

            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)   # interrupts the child wherever it is

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            return Later(ys), Later(hs)
        """), description="Returned objects send SIGINT to their own process when collected: the child may be "
                          "interrupted anywhere in its serving loop."),

    dict(name="ignore_signals_and_loop", exercise=STACKED, overrides=rnn("""
        import signal

        def stacked_forward(*args, **kwargs):
            for sig in (signal.SIGTERM, signal.SIGALRM, signal.SIGINT, signal.SIGHUP, signal.SIGXCPU,
                        signal.SIGUSR1, signal.SIGPIPE):
                signal.signal(sig, signal.SIG_IGN)
            signal.alarm(0)
            while True:
                pass
        """), description="Ignores every catchable signal, then spins: SIGKILL cannot be ignored."),

    dict(name="kill_parent", exercise=EXERCISE, overrides=rnn("""
        import os
        import signal

        def elman_forward(xs, params, *args, **kwargs):
            for target in (os.getppid(), os.getpgrp()):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
            return _wrong(xs, params)
        """), description="SIGKILL to its parent (in the PID namespace getppid() is 0: its own process group)."),

    dict(name="kill_every_process_in_proc", exercise=EXERCISE, overrides=rnn("""
        import os
        import signal

        def elman_forward(xs, params, *args, **kwargs):
            for entry in os.listdir("/proc"):
                if entry.isdigit() and int(entry) != os.getpid():
                    try:
                        os.kill(int(entry), signal.SIGKILL)
                    except OSError:
                        pass
            return _wrong(xs, params)
        """), description="SIGKILL to every pid it can see in /proc: only its own namespace is visible."),

    dict(name="killpg_own_group", exercise=EXERCISE, overrides=rnn("""
        import os
        import signal

        def elman_forward(xs, params, *args, **kwargs):
            os.killpg(0, signal.SIGKILL)
            return _wrong(xs, params)
        """), description="killpg(0, SIGKILL): its process group holds the root-owned unshare, out of its reach."),

    dict(name="kill_minus_one", exercise=EXERCISE, overrides=rnn("""
        import os
        import signal

        def elman_forward(xs, params, *args, **kwargs):
            os.kill(-1, signal.SIGKILL)
            return _wrong(xs, params)
        """), description="kill(-1, SIGKILL): every process it may signal. Unconfined, that would be every "
                          "process of the grader's user, the grader included."),

    dict(name="close_reply_pipe", exercise=EXERCISE, overrides=rnn("""
        import os

        def elman_forward(*args, **kwargs):
            os.close(4)
            os.close(3)
            return _correct_elman_forward(*args, **kwargs)
        """), description="Closes the child's pipes to the grader, then returns correct values nobody can read."),

    dict(name="reply_pipe_to_stdout", exercise=STACKED, overrides=rnn("""
        import os

        _correct_stacked_forward = stacked_forward

        def stacked_forward(*args, **kwargs):
            os.dup2(1, 4)                            # replies now go to stdout
            return _correct_stacked_forward(*args, **kwargs)
        """), description="Points the reply descriptor at stdout: the grader never gets a reply (timeout)."),

    dict(name="exception_str_hangs", exercise=STACKED, overrides=rnn("""
        class Endless(Exception):
            def __str__(self):
                while True:
                    pass

        def stacked_forward(*args, **kwargs):
            raise Endless()
        """), description="An exception whose __str__ never returns: formatting it is bounded by the call timeout."),

    dict(name="exception_str_huge", exercise=EXERCISE, overrides=rnn("""
        class Huge(Exception):
            def __str__(self):
                return "all checks passed " * (2**19)

        def elman_forward(*args, **kwargs):
            raise type("AllChecksPassed" * 1000, (Huge,), {})()
        """), description="An exception with a 9 MiB message and a 15 000-character type name: truncated."),
]
