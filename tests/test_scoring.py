"""What a score means: budgets per exercise, fresh cases per submission, the credit policy.

- A slow, a hanging and a flooding function each cost their own exercise only, and a
  function that timed out fails its remaining checks at once (no second wait).
- Fresh cases (``grader.fresh``) differ between submissions and between secrets, are the
  same for the same submission and secret, and keep the structure of the cases they move.
- The credit policy (``grader.score``) takes points away only as documented.
"""

import json
import time

import numpy as np
import pytest

import reference
from corpus import make_submission
from grader.batch import grade_batch
from grader.properties import CHECKS
from grader.config import Settings
from grader.fresh import SECRET_NAME, fresh_cases, submission_key
from grader.grade import grade_submission
from grader.results import CheckResult
from grader.score import credit

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

LIMITS = {"call_seconds": 2, "exercise_seconds": 8, "output_mib": 1}

SLOW_HANGING_FLOODING = {
    "rnn": '''
_elman_forward_correct = elman_forward

def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    import time
    time.sleep(0.5)
    return _elman_forward_correct(xs, params, h0, hidden, output)

def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    while True:
        pass
''',
    "gru": '''
_gru_forward_correct = gru_forward

def gru_forward(xs, params, h0=None):
    print("x" * (4 << 20))
    return _gru_forward_correct(xs, params, h0)
'''}


def test_a_slow_a_hanging_and_a_flooding_function_cost_only_their_own_exercises(tmp_path):
    path = make_submission(tmp_path, "s", SLOW_HANGING_FLOODING)
    start = time.monotonic()
    result = grade_submission(path=path, settings=Settings(limits=LIMITS, shrink=False))
    seconds = time.monotonic() - start
    lost = {e.exercise: e.max_points - e.points for e in result.exercises if e.points < e.max_points}
    assert set(lost) == {"rnn.elman_forward", "rnn.jordan_forward", "gru.gru_forward"}, lost
    elman, jordan, gru = (result.exercise(e) for e in ("rnn.elman_forward", "rnn.jordan_forward",
                                                         "gru.gru_forward"))
    assert any("time limit of one exercise" in c.message_text() for c in elman.checks), [c.message_text() for c in elman.checks]
    hung = [c for c in jordan.checks if c.status == "crashed"]
    assert hung and all("did not finish within 2 s" in c.message_text() for c in hung), [c.message_text() for c in hung]
    assert any("printed more than 1 MiB" in c.message_text() for c in gru.checks), [c.message_text() for c in gru.checks]
    # elman_backward and slot_tagger call elman_forward: a correct one stood in, and they say so
    assert result.exercise("gradients.elman_backward").notes == [{"stand_in": "rnn.elman_forward", "own": "failed"}]
    # one wait per budget: 8 s for the slow exercise, 2 s for the hanging function, little for the rest
    assert seconds < 8 + 2 + 40, f"grading took {seconds:.0f} s"


def _check(check_id):
    return next(c for c in CHECKS if c.id == check_id)


@pytest.mark.parametrize("check_id", ["rnn.elman_forward::agrees", "rnn.elman_forward::causality",
                                      "lstm.lstm_cell::forget_gate", "gradients.elman_backward::finite_differences"])
def test_fresh_cases_depend_on_the_submission_and_the_secret_only(check_id):
    from grader.cases import replay

    check = _check(check_id)
    cases, plan = replay(check, check.examples, reference)
    alice, bob = (submission_key(b"s" * 32, {"rnn.py": code}) for code in (b"alice", b"bob"))
    other_course = submission_key(b"t" * 32, {"rnn.py": b"alice"})
    a1, a2, b, c = (fresh_cases(check, cases, plan, key, 3, reference, {})[0]
                    for key in (alice, alice, bob, other_course))
    assert len(a1) == len(cases)
    assert sum(_encoded([x]) != _encoded([y]) for x, y in zip(a1, cases)) == 3, \
        f"{check_id}: not 3 fresh cases in place of generated ones"
    assert _encoded(a1) == _encoded(a2)
    assert _encoded(a1) != _encoded(b) and _encoded(a1) != _encoded(c)


def _encoded(cases):
    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return np.asarray(v).tolist() if isinstance(v, np.ndarray) else v
    return json.dumps(plain(cases), sort_keys=True, default=str)


def test_fresh_cases_keep_the_structure_of_a_case():
    check = _check("rnn.elman_forward::causality")
    from grader.cases import replay

    cases, plan = replay(check, check.examples, reference)
    fresh, _ = fresh_cases(check, cases, plan, b"k" * 32, 3, reference, {})
    assert _encoded(fresh) != _encoded(cases)
    for case in fresh:
        t = case["t"]
        assert np.array_equal(case["xs"][:t + 1], case["xs_changed"][:t + 1])   # the shared prefix


def test_a_regrade_is_identical_and_the_secret_is_kept(tmp_path):
    path = make_submission(tmp_path / "class", "bob", {"rnn": '''
_elman_forward_correct = elman_forward

def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    ys, hs = _elman_forward_correct(xs, params, h0, hidden, output)
    return ys * 1.01, hs
'''})
    out = tmp_path / "out"
    settings = Settings(exercises=("rnn.elman_forward", "gru.gru_forward"))
    grade_batch(paths=[path], out=str(out), settings=settings)
    first = (out / "bob" / "results.json").read_bytes()
    secret = (out / SECRET_NAME).read_bytes()
    grade_batch(paths=[path], out=str(out), settings=settings, regrade=True)
    assert (out / "bob" / "results.json").read_bytes() == first
    assert (out / SECRET_NAME).read_bytes() == secret and len(secret) == 32
    (out / SECRET_NAME).unlink()
    from grader.errors import UsageError
    with pytest.raises(UsageError, match="course.secret is missing"):
        grade_batch(paths=[path], out=str(out), settings=settings)


def _result(check_id, passed, points=2.0):
    exercise, name = check_id.split("::")
    return CheckResult(id=check_id, exercise=exercise, name=name, points=points if passed else 0.0,
                       max_points=points, status="passed" if passed else "failed")


def test_credit_policy():
    checks = [c for c in CHECKS if c.exercise == "rnn.elman_forward"]
    ids = [c.id for c in checks]
    everything = [_result(i, True) for i in ids]
    assert credit(results=everything, checks=checks) == everything
    gate_failed = [_result(i, not i.endswith("::responds")) for i in ids]
    assert sum(r.points for r in credit(results=gate_failed, checks=checks)) == 0
    only_weak = [_result(i, i.endswith(("::contract", "::order_matters", "::responds"))) for i in ids]
    assert sum(r.points for r in credit(results=only_weak, checks=checks)) == 0
    one_bug = [_result(i, not i.endswith("::agrees")) for i in ids]
    kept = credit(results=one_bug, checks=checks)
    assert kept == one_bug and sum(r.points for r in kept) > 0


ELMAN_THROUGH_AN_UNWRITTEN_JORDAN = {"rnn": '''
def jordan_forward(xs, params, y0=None, hidden="tanh", output="linear"):
    raise NotImplementedError

def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
    H = params["W_hh"].shape[0]                  # Jordan with an identity output layer is Elman
    p = {"W_xh": params["W_xh"], "W_yh": params["W_hh"], "b_h": params["b_h"], "W_hy": np.eye(H),
         "b_y": np.zeros(H)}
    _, hs = jordan_forward(xs, p, h0, hidden, "linear")
    return activation(output, hs @ params["W_hy"].T + params["b_y"]), hs
'''}


def test_a_later_function_is_never_stood_in_for(tmp_path):
    """elman_forward written as a call to jordan_forward (graded after it, and not written) earns nothing:
    only the functions an exercise builds on are answered by the grader."""
    path = make_submission(tmp_path, "s", ELMAN_THROUGH_AN_UNWRITTEN_JORDAN)
    result = grade_submission(path=path, settings=Settings(exercises=("rnn.elman_forward", "rnn.jordan_forward"),
                                                           shrink=False))
    elman = result.exercise("rnn.elman_forward")
    assert elman.points == 0 and elman.notes == [], (elman.points, elman.notes)


def test_only_the_time_spent_waiting_for_the_child_uses_up_an_exercise_budget(tmp_path):
    """The grader's own work between calls (here: sleeping) is never charged to the student."""
    from grader.config import Limits
    from grader.sandbox import Sandbox

    files = {"m.py": b"def f(x):\n    return x\n"}
    with Sandbox(files, limits=Limits(call_seconds=2, exercise_seconds=1.5)) as sandbox:
        sandbox.begin_exercise()
        for _ in range(3):
            assert sandbox.import_module("m") is None
            header, arrays = sandbox.call("m", "f", (np.ones(2),), {}, ("array",))
            assert header.get("ok") and np.array_equal(arrays[0], np.ones(2))
            time.sleep(0.8)                      # 2.4 s of the grader's time in all, over the 1.5 s budget


def test_causality_needs_the_later_outputs_to_respond_to_the_later_inputs():
    """A constant is causal; the relation counts only when the outputs after t follow the inputs after t."""
    from grader.errors import Mismatch
    from grader.properties.relations import causality

    xs = np.arange(6.0).reshape(3, 2)
    case = {"xs": xs, "t": 0, "xs_changed": np.vstack([xs[:1], xs[1:] + 1.0])}
    running_sum = lambda m, xs: np.cumsum(xs, axis=0)                      # noqa: E731  causal, responds
    constant = lambda m, xs: running_sum(m, xs) if m == "ref" else np.ones_like(xs)  # noqa: E731
    looks_ahead = lambda m, xs: running_sum(m, xs) if m == "ref" else np.cumsum(xs[::-1], axis=0)  # noqa: E731
    causality(running_sum, "impl", "ref", case, "ys")
    with pytest.raises(Mismatch) as ignores:
        causality(constant, "impl", "ref", case, "ys")
    assert ignores.value.hint == "ignores"
    with pytest.raises(Mismatch) as future:
        causality(looks_ahead, "impl", "ref", case, "ys")
    assert future.value.hint == "causality"


def test_a_check_calls_only_its_own_exercise_function():
    """Each check calls the student's function of its own exercise and no other: a bug elsewhere cannot
    cost it points (a check that needs another function's value asks the reference)."""
    from grader.cases import replay

    strays = {}
    for check in CHECKS:
        if check.strategy is None:
            continue
        _, plan = replay(check, check.examples, reference)
        called = {f"{p.module}.{p.function}" for calls in plan for p in calls}
        if called - {check.exercise}:
            strays[check.id] = sorted(called - {check.exercise})
    assert not strays, strays
