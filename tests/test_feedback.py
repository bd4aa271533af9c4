"""What a student sees: one block per root cause, the slips named, their own prints, `check`'s options,
exit statuses and languages.

Each submission here is the correct sample with one slip a student makes (or one module broken);
the assertions are on what is printed, since that is what the student reads.
"""

import io
import os
import subprocess
import sys

import pytest

from corpus import CORRECT, ROOT, SAMPLES, make_submission
from grader.config import Settings
from grader.grade import grade_submission
from grader.report.feedback import feedback_blocks
from grader.report.terminal import make_console, print_result

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)


def _printed(result, lang="en"):
    """What ``check`` prints of a result, as plain text."""
    stream = io.StringIO()
    print_result(make_console(stream), result, lang)
    return stream.getvalue()


def _grade(path, *exercises):
    return grade_submission(path=path, settings=Settings(exercises=exercises) if exercises else None)


def _check(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "grader", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=dict(os.environ, **(env or {})))


# ------------------------------------------------------------------ one cause, one block


def test_a_syntax_error_is_one_block_per_module_it_breaks(tmp_path):
    path = make_submission(tmp_path, "syntax", files={"lstm.py": open(os.path.join(CORRECT, "lstm.py")).read()
                                                      .replace("def lstm_cell(z, z_i, z_f, z_o, c_prev, g=\"tanh\", "
                                                               "h=\"tanh\"):", "def lstm_cell(z, z_i, z_f, z_o, "
                                                               "c_prev, g=\"tanh\", h=\"tanh\")")})
    result = _grade(path, "lstm.lstm_cell", "lstm.lstm_forward", "lstm.stacked_lstm_forward", "gru.gru_forward")
    blocks = feedback_blocks(result)
    assert len(blocks) == 1 and len(blocks[0].checks) == sum(not c.passed for c in result.checks)
    text = _printed(result)
    assert text.count("SyntaxError: expected ':'") == 2   # the import error's line and its traceback, once
    assert text.count("lstm.py — 0/") == 1 and "lstm.lstm_forward (11 checks)" in text
    assert len(text.splitlines()) < 40, text   # it was 1,142 lines for all exercises, the same traceback 49 times


def test_missing_modules_are_one_block_each_and_an_empty_folder_one_error(tmp_path):
    path = make_submission(tmp_path, "only_rnn", drop=("lstm", "gru", "gradients", "slot_filling"))
    result = _grade(path)
    blocks = feedback_blocks(result)
    assert [b.lead.exercise.split(".")[0] for b in blocks] == ["lstm", "gru", "gradients", "slot_filling"]
    text = _printed(result)
    assert text.count("is missing from the submission") == 4 and len(text.splitlines()) < 60, text
    empty = tmp_path / "empty"
    empty.mkdir()
    text = _printed(_grade(str(empty)))
    assert text.count("no Python files") == 1, text


def test_a_function_that_hangs_is_one_block_for_its_exercise(tmp_path):
    path = make_submission(tmp_path, "hangs", {"rnn": """
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            while True:
                pass
        """})
    settings = Settings(exercises=("rnn.elman_forward",), limits={"call_seconds": 1, "exercise_seconds": 4})
    result = grade_submission(path=path, settings=settings)
    blocks = feedback_blocks(result)
    assert len(blocks) == 1 and blocks[0].lead.status == "crashed"
    assert _printed(result).count("did not finish within 1 s") == 1


def test_the_slip_that_explains_the_rest_comes_first(tmp_path):
    path = make_submission(tmp_path, "in_place_h0", {"rnn": """
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            xs = np.asarray(xs, dtype=float)
            h = np.zeros(params["W_hh"].shape[0]) if h0 is None else h0
            hs = []
            for x in xs:
                h[:] = activation(hidden, params["W_xh"] @ x + params["W_hh"] @ h + params["b_h"])
                hs.append(h.copy())
            hs = np.array(hs).reshape(len(xs), -1)
            return activation(output, hs @ params["W_hy"].T + params["b_y"]), hs
        """})
    result = _grade(path, "rnn.elman_forward")
    first = feedback_blocks(result)[0].lead
    assert first.name == "contract" and first.hint_key in ("mutated", "form/read_only"), \
        [(b.lead.id, b.lead.hint_key) for b in feedback_blocks(result)]   # writes into its input: shown first


# ------------------------------------------------------------------ the slips named


SLIPS = {
    "values_swapped": ({"rnn": """
        _right_elman = elman_forward
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            ys, hs = _right_elman(xs, params, h0, hidden, output)
            return hs, ys
        """}, "rnn.elman_forward", "return_order", "returned (hs, ys) where the docstring asks for (ys, hs)"),
    "cell_swapped": ({"lstm": """
        _right_cell = lstm_cell
        def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
            a, c = _right_cell(z, z_i, z_f, z_o, c_prev, g, h)
            return c, a
        """}, "lstm.lstm_cell", "return_order", "returned (c, a) where the docstring asks for (a, c)"),
    "names_not_passed": ({"lstm": """
        def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
            hs = np.asarray(xs)
            for layer in layers:
                hs, _ = lstm_forward(hs, layer)
            return hs
        """}, "lstm.stacked_lstm_forward", "activation_ignored", 'what it should for g="tanh", but it was given g='),
    "keys_renamed": ({"gradients": """
        _right_backward = elman_backward
        def elman_backward(xs, params, dys, h0=None):
            return {"d" + k: v for k, v in _right_backward(xs, params, dys, h0).items()}
        """}, "gradients.elman_backward", "bad_return", "the keys W_xh, W_hh, b_h, W_hy, b_y, h0 are missing; the "
                                                       "dict returned has the keys dW_xh, dW_hh"),
    "scalar_as_array": ({"gradients": """
        _right_grad = linear_rnn_grad
        def linear_rnn_grad(w, xs):
            return np.array([_right_grad(w, xs)])
        """}, "gradients.linear_rnn_grad", "bad_return", "a single number is asked for, and you returned an array "
                                                        "of shape (1,)"),
    "helper_not_written": ({"gru": """
        def _gate(W, b, v):
            raise NotImplementedError("write me")
        def gru_forward(xs, params, h0=None):
            return _gate(params["W_u"], params["b_u"], xs)
        """}, "gru.gru_forward", "dependency_not_implemented", "gru_forward calls _gate, which is not implemented yet"),
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_typical_slip_is_named_in_the_first_block_of_its_exercise(tmp_path, slip):
    overrides, exercise, hint_key, words = SLIPS[slip]
    result = _grade(make_submission(tmp_path, slip, overrides), exercise)
    first = feedback_blocks(result)[0]
    assert first.lead.hint_key == hint_key, [(b.lead.id, b.lead.hint_key, b.lead.message_text()) for b in
                                             feedback_blocks(result)]
    assert words in first.lead.message_text(), first.lead.message_text()
    assert result.exercise(exercise).points < result.exercise(exercise).max_points


def test_the_slot_tagger_shows_sentences_it_tags_wrong(tmp_path):
    path = make_submission(tmp_path, "tagger", files={"slot_filling.py": open(os.path.join(
        CORRECT, "slot_filling.py")).read().replace("= 3.0, 4.0, -4.0", "= 3.0, 4.0, 4.0")})
    result = _grade(path, "slot_filling.slot_tagger")
    grammar = next(c for c in result.checks if c.name == "tags_grammar")
    text = grammar.message_text()
    assert "sentences have a word tagged wrong" in text and "expected: other depart" in text, text
    assert 0 < grammar.points < grammar.max_points


def test_a_saturated_gate_block_shows_the_call_that_failed_not_the_case(tmp_path):
    path = os.path.join(SAMPLES, "forget_inverted")   # c = g(z)σ(z_i) + c_prev(1 − σ(z_f))
    gate = next(c for c in _grade(path, "lstm.lstm_cell").checks if c.name == "forget_gate")
    assert gate.status == "failed" and gate.hint_key == "forget_closed"
    call = gate.counterexample.call
    assert any(line.startswith("z_f = -50") for line in call), call        # the saturated gate, as called
    assert any(line.startswith("c_prev, second call = ") for line in call), call


@pytest.mark.parametrize("name, check, form, shown", [
    ("activation_float_has_no_copy", "rnn.activation::agrees", "python_float", "v = 0.0"),
    ("elman_writes_into_xs_and_restores", "rnn.elman_forward::contract", "read_only", "xs = "),
])
def test_an_input_form_the_docstring_allows_is_named_when_code_mishandles_it(tmp_path, name, check, form, shown):
    from corpus import mutants

    mutant = next(m for m in mutants() if m["name"] == name)
    path = make_submission(tmp_path, name, {mutant["exercise"].split(".")[0]: mutant["code"]})
    failed = next(c for c in _grade(path, mutant["exercise"]).checks if c.id == check)
    assert (failed.status, failed.hint_key) == ("error", f"form/{form}"), failed
    assert any(line.startswith(shown) for line in failed.counterexample.call), failed.counterexample.call


# ------------------------------------------------------------------ the student's own output


def test_what_the_failing_call_printed_and_warned_is_in_its_block(tmp_path):
    path = make_submission(tmp_path, "prints", {"rnn": """
        import warnings
        _right_elman = elman_forward
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            ys, hs = _right_elman(xs, params, h0, hidden, output)
            print("DEBUG: T =", len(ys))
            warnings.warn("my own warning")
            return ys * 0.5, hs
        """})
    result = _grade(path, "rnn.elman_forward")
    block = next(b for b in feedback_blocks(result) if b.lead.name == "agrees")
    text = _printed(result)
    assert block.lead.heard and "DEBUG: T = " in block.lead.heard[-1]["printed"]
    assert "rnn.elman_forward printed:" in text and "UserWarning: my own warning" in text


def test_a_sigmoid_that_warns_loses_the_stability_check_and_a_copy_is_asked_for(tmp_path):
    path = make_submission(tmp_path, "naive", {"rnn": """
        def activation(name, v):
            v = np.asarray(v, dtype=float)
            if name == "sigmoid":
                return 1.0 / (1.0 + np.exp(-v))
            return {"linear": lambda: v, "tanh": lambda: np.tanh(v), "relu": lambda: np.maximum(v, 0)}[name]()
        """})
    result = _grade(path, "rnn.activation")
    checks = {c.name: c for c in result.checks}
    assert checks["stable"].hint_key == "warns" and "overflow" in checks["stable"].message_text()
    assert "np.exp(-np.abs(v))" in checks["stable"].hint_text()
    assert checks["contract"].hint_key == "aliased_return" and checks["agrees"].passed


# ------------------------------------------------------------------ check's options and exit statuses


def test_check_lists_selects_and_exits_by_what_happened(tmp_path):
    listed = _check("--list")
    assert listed.returncode == 0 and "rnn.elman_forward — 14 points" in listed.stdout
    assert "  causality" in listed.stdout
    one = _check(CORRECT, "--exercise", "activation", "--exercise", "gru")
    assert one.returncode == 0, one.stdout + one.stderr
    assert "✓ rnn.activation — 6/6" in one.stdout and "✓ gru.gru_forward — 12/12" in one.stdout
    assert "elman" not in one.stdout
    failing = _check(os.path.join(SAMPLES, "no_memory"), "--exercise", "elman_forward")
    assert failing.returncode == 1 and "✗ rnn.elman_forward::" in failing.stdout
    unknown = _check(CORRECT, "--exercise", "elman")
    assert unknown.returncode == 2 and "elman_forward" in unknown.stdout
    assert _check(CORRECT, "--lang", "fr").returncode == 2


def test_a_grader_error_in_check_exits_3_and_a_first_run_says_it_builds_cases(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = _check(CORRECT, "--exercise", "activation", env=env)
    assert first.returncode == 0 and first.stdout.startswith("First run on this machine"), first.stdout
    again = _check(CORRECT, "--exercise", "activation", env=env)
    assert again.returncode == 0 and "First run" not in again.stdout
    course = tmp_path / "course.toml"
    course.write_text("[limits]\nmemory_mib = 40\n")   # a child that cannot even start numpy: the grader's fault
    broken = _check(CORRECT, "--exercise", "activation", "--config", str(course), env=env)
    assert broken.returncode == 3 and "grader error" in broken.stdout, broken.stdout + broken.stderr


# ------------------------------------------------------------------ languages


def test_feedback_in_traditional_chinese_from_the_same_result(tmp_path):
    result = _grade(os.path.join(SAMPLES, "no_memory"), "rnn.elman_forward")
    english, chinese = _printed(result, "en"), _printed(result, "zh-TW")
    assert "Hint:" in english and "Hint:" not in chinese
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in chinese) > 100
    toml = tmp_path / "course.toml"
    toml.write_text('language = "zh-TW"\nexercises = ["rnn.elman_forward"]\n')
    done = _check(os.path.join(SAMPLES, "no_memory"), "--config", str(toml))
    assert done.returncode == 1 and sum("\u4e00" <= ch <= "\u9fff" for ch in done.stdout) > 100
    toml.write_text('language = "klingon"\n')
    assert _check(CORRECT, "--config", str(toml)).returncode == 2


# ------------------------------------------------------------------ in the student's own terms


def test_a_traceback_names_the_file_cell_and_line_as_submitted(tmp_path):
    import zipfile

    import nbformat

    broken = 'def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):\n    x = 1\n    raise ValueError("mine")\n'
    with open(os.path.join(CORRECT, "rnn.py"), encoding="utf-8") as f:
        correct = f.read()
    cells = [nbformat.v4.new_markdown_cell("# homework"), nbformat.v4.new_code_cell(correct),
             nbformat.v4.new_code_cell("print('trying')"), nbformat.v4.new_code_cell(broken)]
    notebook = tmp_path / "alice.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(notebook))
    folder = tmp_path / "bob"
    folder.mkdir()
    (folder / "rnn.py").write_text(correct + "\n\n" + broken)
    archive = tmp_path / "carol.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("hw/rnn.py", correct + "\n\n" + broken)   # a folder holding everything: unwrapped
    line = len((correct + "\n\n").splitlines()) + 3
    for path, where in [(notebook, 'File "alice.ipynb", cell 4, line 3, in elman_forward'),
                        (folder, f'File "bob/rnn.py", line {line}, in elman_forward'),
                        (archive, f'File "carol.zip:hw/rnn.py", line {line}, in elman_forward')]:
        result = _grade(str(path), "rnn.elman_forward")
        tracebacks = {c.traceback for c in result.checks if c.traceback}
        assert tracebacks and all(where in t for t in tracebacks), (path, tracebacks)
        assert "/tmp/" not in _printed(result)
