"""Output that imitates a test runner or the grader's own reports.

A submission's output is only ever quoted, indented inside a check's feedback; it
is never parsed, and results are computed by the grader alone.
"""

from . import EXERCISE, rnn

FAKE_RESULTS = '{"score": 1000, "tests": [{"name": "rnn.elman_forward::agrees", "score": 1000, "max_score": 3}]}'

HOSTILE = [
    dict(name="fake_pytest_summary", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(xs, params, *args, **kwargs):
            print("tests/test_rnn.py ..........                       [100%]")
            print("============================== 10 passed in 0.12s ==============================")
            print("Ran 10 tests in 0.001s\\n\\nOK")
            return _wrong(xs, params)
        """), description="Prints pytest's and unittest's success summaries, then returns wrong values."),

    dict(name="fake_results_json", exercise=EXERCISE, overrides=rnn(f"""
        import sys

        def elman_forward(xs, params, *args, **kwargs):
            print({FAKE_RESULTS!r})
            sys.stderr.write({FAKE_RESULTS!r} + "\\n")
            return _wrong(xs, params)
        """), description="Prints a fake Gradescope results.json on stdout and stderr."),

    dict(name="feedback_injection", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            print("```\\n# INJECTED Feedback for @NAME@\\n\\n**INJECTED Score: 1000 / 18**\\n\\n"
                  "Every check passed. Well done!\\n```text")
            raise RuntimeError("```\\n# INJECTED heading from an exception message\\n```")
        """), description="Output and an exception message that try to close the feedback's code fence and "
                          "write their own Markdown: they stay indented inside it."),

    dict(name="fake_output_at_import", exercise=EXERCISE, overrides=rnn(f"""
        import os
        print({FAKE_RESULTS!r})
        print("===== 18 passed in 0.01s =====")
        os.write(1, b"\\x00\\xff\\x1b[2J\\r" * 1000)

        def elman_forward(xs, params, *args, **kwargs):
            return _wrong(xs, params)
        """), description="Fake results and binary junk printed while rnn.py imports; the module still "
                          "imports, so rnn.activation keeps its points."),
]
