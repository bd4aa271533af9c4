"""Slip diagnoses name only slips that are there: a student told "you swapped the return values" or "you did
not pass the activation names on" when they did not is misled, which is worse than no diagnosis.

(a) Every mutant of tests/corpus/mutants whose exercise can be given a slip of the whole function
    (``return_order``, ``activation_ignored``) gets none, unless it is in ALLOWED, whose code has that slip.
    Exercises whose reference takes no activation name and returns no tuple cannot get either (checked
    by test_out_of_scope_exercises_cannot_slip), so their mutants are not graded here.
(b) Submissions written to look like a slip (tests/corpus/adversarial.py) get no slip diagnosis.

Each submission is graded on its own exercise only, as ``python -m grader check`` grades it (shrinking,
the public secret of fresh cases): the diagnosis is made on the shrunk counterexample and confirmed on the
case before shrinking (``grader.diagnose.explain``), and a mutant in ALLOWED must be told its slip.
"""

import ast
import inspect

import pytest

import reference
from corpus import make_submission, mutants
from corpus.adversarial import ADVERSARIAL
from grader.batch import grade_batch
from grader.catalogue import EXERCISES
from grader.config import Settings
from grader.fresh import PUBLIC_SECRET

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

WHOLE_FUNCTION_SLIPS = {"return_order", "activation_ignored"}
SLIPS = WHOLE_FUNCTION_SLIPS | {"dependency_not_implemented"}
ACTIVATION_NAMES = {"linear", "sigmoid", "tanh", "relu"}


def _reference(exercise):
    module, function = exercise.split(".")
    return getattr(getattr(reference, module), function)


def _takes_activation_names(exercise):
    parameters = inspect.signature(_reference(exercise)).parameters.values()
    return any(p.name == "name" or p.default in ACTIVATION_NAMES for p in parameters)


def _returns_tuple(exercise):
    tree = ast.parse(inspect.getsource(_reference(exercise)).strip())
    return any(isinstance(n, ast.Return) and isinstance(n.value, ast.Tuple) for n in ast.walk(tree))


IN_SCOPE = tuple(e for e in EXERCISES if _takes_activation_names(e) or _returns_tuple(e))
TEMPTING = {"bidi_backward_half_first", "bidi_backward_reads_forwards", "bidi_forward_weights_twice",
            "bidi_misaligned_by_one", "elman_output_from_old_state", "elman_stores_state_before_update",
            "forward_concat_x_c_h", "forward_ignores_h0", "jordan_ignores_y0", "elman_no_memory",
            "elman_lecture_hardcoded", "elman_ignores_h0", "jordan_memory_never_updated", "jordan_feeds_hidden"}
"""Mutants that were told a slip they do not have (shrunk cases full of zeros) before slips needed evidence:
with ALLOWED, the ones graded here (the whole in-scope corpus, 43, was checked once: none is told a false slip;
grading all of it on every run costs CI a minute)."""
MUTANTS = [m for m in mutants() if m["exercise"] in IN_SCOPE and m["name"] in TEMPTING | {"stacked_default_activations"}]

ALLOWED = {
    # name: (the slip its code has, why)
    "stacked_default_activations": ("activation_ignored", "calls lstm_forward(hs, layer) without g and h"),
}

ADVERSARIAL_CASES = {
    # name: the slip it may be told, or None (no slip of the whole function is there)
    "elman_ys_never_stored": None,          # zeros that are never written look like relu of -1
    "elman_hs_holds_preactivation": None,   # W_hy shrunk to 0 hides the ys that used tanh
    "lstm_cell_result_unpacked_swapped": "return_order",   # c, h = lstm_cell(...): hs and cs do trade places,
                                                            # and the message names the unpacking as a cause
    "lstm_h0_c0_swapped": None,
    "elman_relu_abs_inline": None,
}
_ADVERSARIAL = {a["name"]: a for a in ADVERSARIAL if a["name"] in ADVERSARIAL_CASES}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{submission name: SubmissionResult}: every in-scope mutant and the adversarial cases, each on its exercise."""
    root = tmp_path_factory.mktemp("diagnoses")
    exercise_of = {}
    for m in MUTANTS:
        path = make_submission(root / "submissions", m["name"], {m["exercise"].split(".")[0]: m["code"]})
        exercise_of[path] = m["exercise"]
    for a in _ADVERSARIAL.values():
        path = make_submission(root / "submissions", a["name"], {a["module"]: a["code"]})
        exercise_of[path] = a["exercise"]
    results = {}

    def done(name, result, error):
        results[name] = result if result is not None else error

    # the secret of ``python -m grader check`` (a batch would draw a course secret: other fresh cases, other
    # shrunk counterexamples, and so other diagnoses from one run to the next)
    grade_batch(paths=list(exercise_of), out=str(root / "out"), jobs=2, check_first=False, on_done=done,
                settings=lambda path: Settings(exercises=(exercise_of[path],), secret=PUBLIC_SECRET))
    return results


def _slips(result, keys):
    assert not isinstance(result, str), f"not graded: {result}"
    return {f"{c.name}: {c.hint_key}": c.message_text().splitlines()[0] for c in result.checks
            if not c.passed and c.hint_key in keys}


def test_names_are_unique_and_known():
    names = [m["name"] for m in mutants()] + [a["name"] for a in ADVERSARIAL]
    assert len(set(names)) == len(names)
    assert set(ALLOWED) <= {m["name"] for m in MUTANTS} and len(MUTANTS) == len(TEMPTING) + len(ALLOWED)
    assert set(ADVERSARIAL_CASES) <= set(_ADVERSARIAL)


def test_out_of_scope_exercises_cannot_slip():
    """return_order needs a returned tuple, activation_ignored an activation-name argument."""
    assert set(IN_SCOPE) == {"rnn.activation", "rnn.elman_forward", "rnn.jordan_forward", "rnn.stacked_forward",
                             "rnn.bidirectional_forward", "lstm.lstm_cell", "lstm.lstm_forward",
                             "lstm.stacked_lstm_forward"}


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m["name"] for m in MUTANTS])
def test_mutant_gets_no_false_slip(graded, mutant):
    slips = _slips(graded[mutant["name"]], WHOLE_FUNCTION_SLIPS)
    if mutant["name"] in ALLOWED:
        slip, _ = ALLOWED[mutant["name"]]
        assert slips and all(key.endswith(": " + slip) for key in slips), slips
    else:
        assert not slips, f"{mutant['name']} has no slip of the whole function, and is told {slips}"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL_CASES))
def test_adversarial_gets_no_false_slip(graded, name):
    result = graded[name]
    assert result.points < result.max_points, f"{name}: its bug went unnoticed"
    slips = _slips(result, SLIPS)
    allowed = ADVERSARIAL_CASES[name]
    assert all(allowed and key.endswith(": " + allowed) for key in slips), \
        f"{name} ({_ADVERSARIAL[name]['why']}) is told {slips}"
