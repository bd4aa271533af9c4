"""Exceptions that mean 'skip this test' or 'discard this example' to a test runner.

In-process, pytest would skip the check and Hypothesis would discard the example;
across the process boundary only an exception's type name and message travel, so
each is just an exception raised by the student's code.
"""

from . import EXERCISE, rnn

HOSTILE = [
    dict(name="unittest_skip", exercise=EXERCISE, overrides=rnn("""
        import unittest

        def elman_forward(*args, **kwargs):
            raise unittest.SkipTest("not applicable")
        """), description="raise unittest.SkipTest."),

    dict(name="pytest_skip", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            import _pytest.outcomes                  # importable or not: either way an exception
            _pytest.outcomes.skip("not applicable", allow_module_level=True)
        """), description="pytest's skip through _pytest.outcomes (raises Skipped, a BaseException)."),

    dict(name="class_named_skipped", exercise=EXERCISE, overrides=rnn("""
        class Skipped(BaseException):
            __module__ = "_pytest.outcomes"

        class OutcomeException(BaseException):
            __module__ = "_pytest.outcomes"

        _n = [0]

        def elman_forward(*args, **kwargs):
            _n[0] += 1
            raise (Skipped if _n[0] % 2 else OutcomeException)("skip")
        """), description="Home-made exception classes named like pytest's, in pytest's module name."),

    dict(name="hypothesis_reject", exercise=EXERCISE, overrides=rnn("""
        import sys

        def elman_forward(*args, **kwargs):
            sys.meta_path[:] = [f for f in sys.meta_path if "Blocker" not in type(f).__name__]
            from hypothesis import reject
            reject()
        """), description="Hypothesis' reject() (discard this example), after removing the import blocker."),

    dict(name="fake_hypothesis_exceptions", exercise=EXERCISE, overrides=rnn("""
        _n = [0]
        _names = ("UnsatisfiedAssumption", "Flaky", "StopTest", "Frozen", "DeadlineExceeded", "Abort",
                  "GraderBug", "Mismatch", "HypothesisException")

        def elman_forward(*args, **kwargs):
            _n[0] += 1
            name = _names[_n[0] % len(_names)]
            raise type(name, (BaseException,), {"__module__": "hypothesis.errors"})("skip this example")
        """), description="Exceptions named after Hypothesis' control-flow exceptions and the grader's own."),

    dict(name="exotic_base_exceptions", exercise=EXERCISE, overrides=rnn("""
        _n = [0]

        def elman_forward(*args, **kwargs):
            _n[0] += 1
            raise (StopIteration, GeneratorExit, SystemExit, KeyboardInterrupt, MemoryError,
                   RecursionError, NotImplementedError)[_n[0] % 7]()
        """), description="StopIteration, GeneratorExit, SystemExit and friends in turn."),
]
