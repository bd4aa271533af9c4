"""Questions to the grader: the child asks for correct values it is not entitled to.

A stand-in (``grader/sandbox/_child.py``) asks the grader for a correct value of a
curriculum function the graded one builds on, and only while that function's own
code fails its checks. Calling the child's question function directly, the student
asks instead for the function being graded, for a later one, or for one outside the
curriculum: the grader refuses, and the function has only its own (wrong) code.
"""

from . import EXERCISE, rnn

ASK = '''
import sys

_ask = sys.modules["__main__"]._callback         # the child's own question to the grader


def _asked(module, function, *args):
    try:
        return _ask(module, function, args, {})
    except Exception:                            # refused: fall back on wrong values
        return None
'''


def asking(module, function, args):
    """An elman_forward that returns what the grader answers for module.function(*args), if anything."""
    return rnn(helpers=ASK, code=f"""
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            answer = _asked({module!r}, {function!r}, {args})
            return answer if isinstance(answer, tuple) and len(answer) == 2 else _wrong(xs, params)
        """)


HOSTILE = [
    dict(name="ask_for_itself", exercise=EXERCISE,
         overrides=asking("rnn", "elman_forward", "xs, params, h0, hidden, output"),
         description="Asks the grader for elman_forward itself, the function being graded."),
    dict(name="ask_for_a_later_function", exercise=EXERCISE, overrides=rnn(helpers=ASK, code="""
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            H = params["W_hh"].shape[0]          # Jordan with an identity output layer is Elman
            p = {"W_xh": params["W_xh"], "W_yh": params["W_hh"], "b_h": params["b_h"], "W_hy": np.eye(H),
                 "b_y": np.zeros(H)}
            answer = _asked("rnn", "jordan_forward", xs, p, h0, hidden, "linear")
            if answer is None:
                return _wrong(xs, params)
            return activation(output, answer[1] @ params["W_hy"].T + params["b_y"]), answer[1]
        """), description="Asks for jordan_forward (graded later): with an identity output layer it computes "
                          "elman_forward's hidden layer."),
    dict(name="ask_outside_the_curriculum", exercise=EXERCISE,
         overrides=asking("os", "system", '"touch /tmp/pwned-stand-in"'),
         description="Asks the grader to run os.system."),
]
