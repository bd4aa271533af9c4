"""Attacks on time, memory, processes, disk and output: each is stopped or capped, never waited for."""

from . import EXERCISE, FULL, STACKED, rnn

HOSTILE = [
    dict(name="infinite_loop", exercise=STACKED, overrides=rnn("""
        def stacked_forward(*args, **kwargs):
            while True:
                pass
        """), description="Spins in every call: each call is killed at the call time limit (timeout)."),

    dict(name="sleep_forever", exercise=STACKED, overrides=rnn("""
        import time

        def stacked_forward(*args, **kwargs):
            time.sleep(10**6)
        """), description="Sleeps in every call: killed at the call time limit."),

    dict(name="memory_bomb", exercise=STACKED, overrides=rnn("""
        def stacked_forward(*args, **kwargs):
            hog = []
            while True:
                hog.append(b"\\x01" * (64 * 2**20))   # touched pages, not just address space
        """), description="Allocates and touches memory until the address-space limit raises MemoryError."),

    dict(name="memory_bomb_numpy", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        def elman_forward(xs, params, *args, **kwargs):
            big = np.ones((2**16, 2**16))            # 32 GiB
            return big[:len(xs)], big[:len(xs)]
        """), description="Asks numpy for 32 GiB: MemoryError under the address-space limit."),

    dict(name="fork_storm", exercise=STACKED, overrides=rnn("""
        import os

        def stacked_forward(*args, **kwargs):
            while True:                               # every child forks too
                try:
                    os.fork()
                except OSError:
                    pass
        """), description="Classic fork bomb: capped by the process limit of its uid, spins until the call "
                          "times out, and every process dies with the child's PID namespace."),

    dict(name="fork_memory_storm", exercise=EXERCISE, needs_cgroup=True, overrides=rnn("""
        import os
        import select
        import time

        _HOGS = []                                    # [read end of its pipe, what it said]

        def _spawn_hogs(n=4, mib=640):
            # 4 processes of 640 MiB each: every one is far below the per-process
            # address-space limit (2 GiB), together they hold more than the submission's 2 GiB.
            for _ in range(n):
                r, w = os.pipe()
                if os.fork() == 0:
                    try:
                        hog = _np_prelude.full(mib * 2**17, 1.0)   # every page touched
                        os.write(w, b"y")
                        time.sleep(3600)
                    finally:
                        os._exit(0)
                os.close(w)
                _HOGS.append([r, b""])

        _spawn_hogs()                                 # at import: they fill up while rnn.activation is graded

        def _hogs_alive(wait):
            \"\"\"True: every hog holds its memory; False: one was killed; None: undecided yet.

            A hog killed after it said "y" (the kernel kills the largest process of the group when
            the last one fills it up, and it exits a moment later) has said "y" and then closed its
            pipe: read to the end, and once more a moment after all have said "y".\"\"\"
            deadline, settled = time.monotonic() + wait, False
            while True:
                for hog in _HOGS:
                    while hog[1] != b"died" and select.select([hog[0]], [], [], 0)[0]:
                        hog[1] = os.read(hog[0], 1) or b"died"
                if any(hog[1] == b"died" for hog in _HOGS):
                    return False
                if all(hog[1] == b"y" for hog in _HOGS):
                    if settled:
                        return True
                    settled = True
                    time.sleep(0.3)
                    continue
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.02)

        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            alive = _hogs_alive(1.5)
            if alive:                                 # memory was not capped in total
                return _correct_elman_forward(xs, params, h0, hidden, output)
            raise MemoryError("a memory hog was killed" if alive is False else "the hogs are still allocating")
        """), description="Forks 4 processes of 640 MiB each at import: each is under the per-process memory "
                          "limit, together they exceed the submission's 2 GiB. Returns correct values once all "
                          "of them hold their memory: the cap must hold for the submission's processes "
                          "together (the sandbox's cgroup), not per process."),

    dict(name="recursion_bomb", exercise=STACKED, overrides=rnn("""
        import sys

        def stacked_forward(*args, **kwargs):
            sys.setrecursionlimit(10**9)

            def down(n):
                return down(n + 1) + 1

            return down(0)
        """), description="Unbounded Python recursion with the recursion limit lifted: memory or time runs out."),

    dict(name="c_stack_overflow", exercise=EXERCISE, overrides=rnn("""
        import sys

        def elman_forward(*args, **kwargs):
            sys.setrecursionlimit(10**9)
            nested = []
            for _ in range(2 * 10**5):
                nested = [nested]
            return repr(nested)                       # recursion in C: overflows the C stack
        """), description="Overflows the C stack (segmentation fault): the child crashes, the grader does not."),

    dict(name="disk_fill_one_file", exercise=EXERCISE, overrides=rnn("""
        import os

        def elman_forward(*args, **kwargs):
            with open(os.path.join(os.getcwd(), "@MARKER@-fill.bin"), "wb") as f:
                while True:
                    f.write(b"\\x01" * 2**20)
        """), description="One ever-growing file: the file-size limit (SIGXFSZ) stops it."),

    dict(name="disk_fill_everywhere", exercise=EXERCISE, overrides=rnn("""
        import os

        _filled = []

        def elman_forward(*args, **kwargs):
            if _filled:                               # once per process is enough (and much faster)
                raise OSError(f"filled {_filled[0]} files")
            n = 0
            for folder in (os.getcwd(), "/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/crash",
                           os.path.expanduser("~"), "@SUBMISSIONS@", "@OUT@"):
                for k in range(64):
                    try:
                        with open(os.path.join(folder, f"pwned-@NAME@-{k}"), "wb") as f:
                            f.write(b"\\x01" * (15 * 2**20))
                            n += 1
                    except OSError:
                        break
            _filled.append(n)
            raise OSError(f"wrote {n} files of 15 MiB")
        """), description="Files just under the size limit in every writable folder it can guess: only the "
                          "child's private, size-capped tmpfs can be filled, and it vanishes with the child."),

    dict(name="stdout_flood", exercise=STACKED, overrides=rnn("""
        import os

        def stacked_forward(*args, **kwargs):
            block = b"10 passed, 0 failed\\n" * 50000
            while True:
                os.write(1, block)
        """), description="Gigabytes on stdout: drained and counted, only the first KiBs kept; the call times out."),

    dict(name="stderr_flood", exercise=EXERCISE, overrides=rnn("""
        import sys

        _flooded = []

        def elman_forward(xs, params, *args, **kwargs):
            if not _flooded:                          # 512 MiB on the first call of each process
                _flooded.append(True)
                block = "Traceback (most recent call last): all checks passed\\n" * 20000
                for _ in range(512 * 2**20 // len(block)):
                    sys.stderr.write(block)
            return _wrong(xs, params)
        """), description="512 MiB through Python's buffered stderr, then wrong values: drained and counted "
                          "without holding up the call, only the first KiBs kept."),

    dict(name="flood_then_wrong", exercise=EXERCISE, overrides=rnn("""
        import os

        def elman_forward(xs, params, *args, **kwargs):
            os.write(2, b"\\x1b[2J" + os.urandom(1 << 20))   # 1 MiB of binary junk per call
            return _wrong(xs, params)
        """), description="1 MiB of binary output per call, then wrong values: the reports stay small and valid."),

    dict(name="slow_correct", exercise=EXERCISE, max_points=FULL, overrides=rnn("""
        import time

        def elman_forward(*args, **kwargs):
            time.sleep(0.5)
            return _correct_elman_forward(*args, **kwargs)
        """), description="Correct but 0.5 s per call: never more than a correct submission, and the "
                          "submission's time budget bounds how long it holds the grader."),
]
