"""English: the language every text is written in first (the other catalogues translate it)."""

from . import gradients, gru, lstm, rnn, slot_filling

FAULT_HINTS = {
    "not_implemented": "This function still raises NotImplementedError: write its body.",
    "exception": "Your function raised an exception on this input; the traceback shows where.",
    "bad_return": "Return numpy arrays (or lists numpy can convert) of exactly the stated shapes, "
                  "with finite numbers.",
    "import": "The module could not be imported, so none of its functions could be graded.",
    "fault": "Your code did something a correct solution would not.",
    "crash": "The grader stopped your code: see the reason above.",
    "grader_error": "This is a bug in the grader, not in your code. Please report it to the course staff.",
    "partial": "Some cases are right, not all.",
    "mutated": "Do not write into your inputs (xs, params, states): work on new arrays, e.g. h = h + ... "
               "instead of h += ..., and copy before changing.",
    "default": "Compare your code with the equations in the docstring, one line at a time.",
    "ignores": "Compute the result from the arguments, as the docstring's equations do: an output that "
               "stays the same when an input that matters changes cannot be right.",
    "deterministic": "Return the same result for the same inputs: do not draw random numbers or keep state "
                     "between calls.",
    "aliased_return": "Return a new array: the caller's array itself (v, or a view such as v.reshape(...)) "
                      "changes when the caller changes it. Use np.array(v, dtype=float) or v.copy().",
    "missing_module": "Put a file of this name beside your other modules, holding the functions of its skeleton "
                      "(exercises/), or leave it out if your course does not ask for it yet.",
    "return_order": "Keep the values in the order the docstring's Returns section lists them, in your return "
                    "statement and wherever you unpack what a call returns (a, c = lstm_cell(...), not c, a).",
    "dependency_not_implemented": "Write the function named above first: this one calls it, and it still raises "
                                  "NotImplementedError.",
    "activation_ignored": "Pass the activation names you are given on to every call that applies an activation; "
                          "do not fix them to one name.",
    "kit_undecided": "This kit has the reference's answers for its public cases only. Make the function named "
                     "above pass all its checks: the kit then uses yours to decide this one. The course's "
                     "grading decides it with the reference.",
    "form/read_only": "The input arrays of this call were read-only, as a caller's may be, and your code "
                      "wrote into one. Do not write into your inputs, not even to restore them later: work on "
                      "new arrays (h = h + ..., not h += ...; x = xs.copy() before changing x).",
    "form/python_float": "This argument was a Python float, which the docstring allows: it has no array "
                         "methods or shape. Convert it first: v = np.asarray(v, dtype=float).",
    "not_credited": "Points for this exercise need evidence that the function computes its result: "
                    "fix the checks above first.",
}

CONTRACT_MECHANISM = ("A function returns new arrays of the stated shapes and leaves the arrays it was "
                      "given exactly as they were.")
RESPONDS_MECHANISM = ("A function computes its result from its inputs: the same inputs give the same "
                      "result, and changing an input that matters changes the result.")

NOTES = {
    "stand_in/failed": "{exercises}: graded with a correct `{function}` in place of yours; yours fails its own "
                       "checks",
    "stand_in/not_graded": "{exercises}: graded with a correct `{function}` in place of yours; yours is not "
                           "graded here",
    "public_cases": "Graded by the student kit, on its public cases, with your own functions throughout (a bug "
                    "in one function can also fail the functions that call it). The course's grading adds "
                    "hidden cases, and grades each function on its own.",
}
"""Lines about how an exercise was graded (``ExerciseResult.notes``), by key."""

WHAT = {
    "text": "{text}",
    "partial": "{percent}% right",
    "not_credited/gate": "not credited: {function} fails its responds check (its output does not follow its "
                         "inputs), so none of its checks earns points",
    "not_credited/no_evidence": "not credited: {function} passes no check that shows it computes its result, "
                                "and this check alone does not show it",
    # comparisons (grader.properties.compare), in the manner of numpy's assert_allclose
    "compare/shape": "{what}: shape {received} received, {expected} expected",
    "compare/not_close": "{what} not equal within tolerance ({tolerance})",
    "compare/mismatched": "Mismatched elements: {bad} / {size} ({share}%)",
    "compare/first_difference": "First difference at {at}: expected {expected}, received {received}",
    "compare/max_absolute": "Max absolute difference: {value}",
    "compare/max_relative": "Max relative difference: {value}",
    "compare/equal": "{what}: the two values are equal ({value}), but they should differ",
    "contract/mutated": "{function} modified its input {where}: it was {old}, after the call it is {new}",
    "relations/later_ignored": "{what}[{t}:] did not change when xs[{t}:] changed: the outputs ignore the inputs "
                               "they are computed from",
    "relations/not_deterministic": "{function} returned different values for the same inputs, called twice",
    "relations/unchanged": "{function} returned the same values after {names} changed, although the result "
                           "depends on {names}",
    # the hand-built LSTM
    "handmade/not_close": "outputs a_t {where} not equal within tolerance ({tolerance})",
    "handmade/mismatched": "Mismatched steps: {bad} / {size}",
    "handmade/first_difference": "First difference at step t={t}, x = {x}: expected {expected}, received {received}",
    "handmade/memory": "Memory c_t of your cell up to that step: {memory}",
    "handmade/weights": "Your weights: w = {w}, b = {b}",
    # gradients
    "gradients/impulse_zero": "d y_T / d w for the impulse is 0 at T={T}, w={w}: it should be (T-1)·w^(T-2), "
                              "never exactly 0",
    "gradients/not_vanishing": "‖grads['h0']‖ = {size_0} is not orders of magnitude below ‖dL/dh_T‖ = "
                               "‖W_hyᵀ dy_T‖ = {size_T}: with ‖W_hh‖ ≤ 0.8 and tanh' ≤ 1, each step back shrinks "
                               "the gradient by 0.8 at least, to below 0.8^{T} ≈ {bound} of it at h0 (this check "
                               "requires ≤ {ratio}).",
    "gradients/transposed": "grads[{key}] is the transpose of the expected gradient.",
    "gradients/h0_not_transposed": "grads['h0'] equals W_hh @ da_1, not W_hhᵀ @ da_1.",
    "gradients/h0_is_da": "grads['h0'] equals da_1, the gradient at the first pre-activation.",
    "gradients/last_step_only": "grads[{key}] holds only the last step's own term: the loss sits at step t={t}, "
                                "but it must flow back through all {T} steps.",
    "gradients/states_zero": "grads['h0'] and grads['c0'] are 0: the loss at step t={t} never reached the first "
                             "step.",
    "gradients/one_step": "grads[{key}] equals the contribution of step t={t} alone; the {T} steps' "
                          "contributions must be added up.",
    "gradients/own_terms": "grads[{key}] sums only each step's own term: the contribution of step t also holds "
                           "the gradient that reaches h_t from the later steps.",
    "clip/above": "the global norm of the clipped gradients is {norm}, above max_norm = {max_norm} (the norm "
                  "before clipping: {before})",
    "clip/below": "the global norm of the clipped gradients is {norm}, below max_norm = {max_norm}: clipping a "
                  "norm of {before} scales it to max_norm exactly",
    "clip/scale": "every array was scaled by s = {s}: clipping must shrink, 0 < s <= 1 (norm {norm}, max_norm "
                  "{max_norm})",
    "clip/best_factor": "(The best common factor s = {s} does not explain every array.)",
    "clip/not_above": "(The global norm {norm} is not above max_norm = {max_norm}.)",
    # the slot tagger
    "tagger/not_dict": "slot_tagger() returned a {type}, not a dict of arrays",
    "tagger/missing": "slot_tagger() returned no {keys} (its keys: {returned})",
    "tagger/not_numeric": "slot_tagger()'s parameters are not numeric arrays: {error}",
    "tagger/misfit": "slot_tagger()'s parameters do not fit together:",
    "tagger/shape": "  {key} has shape {shape}, expected {expected}",
    "tagger/too_big": "slot_tagger() uses H = {H} hidden units; at most {most} are allowed",
    "tagger/not_finite": "slot_tagger()'s {keys} contain NaN or inf",
    "tagger/cities_wrong": "{wrong} of {total} cities tagged wrong:",
    "tagger/city": "  '{verb} {city}': {city} tagged {received}, expected {expected}",
    "tagger/sentences_wrong": "{wrong} of {total} sentences have a word tagged wrong, for example:",
    "tagger/sentence": "  {words}\n    expected: {expected}\n    yours:    {received}",
    # the submission's files
    "load/missing_module": "{module}.py is missing from the submission",
    "load/no_function": "{origin} defines none of {module}'s functions ({functions}){remark}",
    # calls into the student's code
    "proxy/import_failed": "{module}.py failed to import: {error}",
    "proxy/import_stopped": "{module}.py could not be imported:",
    "proxy/raised": "{function} raised {type}: {message}",
    "proxy/not_implemented_dependency": "{function} calls {dependency}, which is not implemented yet: write "
                                        "{dependency} first (or compute without it)",
    "returned/in": "{function} returned a value that does not fit the docstring:",
    "returned/not_numeric": "{where}: not a plain numeric array (dtype {dtype})",
    "returned/not_array": "{where}: cannot be converted to a numeric array ({error})",
    "returned/not_number": "{where}: has dtype {dtype}, not a number type",
    "returned/ndim": "{where}: has {ndim} dimensions, expected {expected}",
    "returned/shape": "{where}: has shape {shape}, expected {expected}",
    "returned/scalar_as_array": "a single number is asked for, and you returned an array of shape {shape}",
    "returned/extra_axis": "the numbers are all there, but shape {shape} has axes of length 1 that {expected} has "
                           "not: a column vector or a list of (1, n) rows? np.reshape or np.squeeze it",
    "returned/transposed_shape": "shape {shape} is {expected} transposed: rows and columns the other way round?",
    "returned/not_finite": "{where}: contains {value} at index {index} (NaN or inf): an overflow or a division "
                           "by zero?",
    "returned/tuple": "{where}: expected a tuple of {n} values",
    "returned/not_tuple": "{where}: expected a tuple of {n} values, got a {type}",
    "returned/tuple_of": "{where}: expected a tuple of {n} values, got {got}",
    "returned/swapped_shapes": "{where}: the values have the shapes {shapes}, and the docstring asks for "
                               "{expected}, in this order: are two of them swapped?",
    "returned/swapped": "{function} returned ({returned}) where the docstring asks for ({order}): the values are "
                        "in each other's places (in the return statement, or where they are unpacked from a call)",
    "returned/dict": "{where}: expected a dict with the keys {keys}; its keys: {returned}",
    "returned/not_dict": "{where}: expected a dict, got a {type}",
    "returned/missing_keys": "{where}: the keys {missing} are missing; the dict returned has the keys {returned}",
    "returned/not_understood": "{where}: the reply was not understood",
    "returned/activation_ignored": "{function} returns exactly what it should for {argument}=\"{used}\", but it "
                                   "was given {argument}=\"{given}\"",
    "returned/warned": "{function} warned: {warning}",
    "returned/same_object": "{function} returned an array it was given (or a view of it), not a new array",
    # the child was stopped
    "stopped/timeout": "{what} did not finish within {seconds} s: stopped (timeout)",
    "stopped/budget": "{what} was stopped: the time limit of one exercise ({seconds} s) is used up",
    "stopped/budget_used": "the time limit of one exercise ({seconds} s) is used up",
    "stopped/output": "{what} printed more than {mib} MiB, the output limit of one exercise: stopped",
    "stopped/ended": "{what} ended the process: {how}",
    "stopped/not_started": "{what} did not start within {seconds} s: stopped (timeout)",
    "stopped/protocol": "{what}: malformed reply ({error})",
    "kit/undecided": "this check needs the reference's value of {function} on values your code computed, which "
                     "this kit does not have",
}
"""What went wrong, one line per key (``grader.messages.say``); values are filled in at rendering."""

UI = {
    "status/passed": "passed",
    "status/failed": "property violated",
    "status/error": "your code raised or returned an invalid value",
    "status/crashed": "stopped",
    "status/not_implemented": "not implemented yet",
    "status/grader_error": "grader error (not your fault)",
    "status/undecided": "not decided by this kit",
    "block/mechanism": "Mechanism: {text}",
    "block/what_happened": "What happened:",
    "block/smallest_input": "Smallest input that shows it{sizes}:",
    "block/expected": "Expected:",
    "block/received": "Received:",
    "block/traceback": "Your code's traceback:",
    "block/printed": "Your code printed before it was stopped:",
    "block/heard": "{call} printed:",
    "block/warned": "{call} warned:",
    "block/hint": "Hint: {text}",
    "block/also": "The same cause fails {checks} too.",
    "block/costs": "Costs the checks: {checks}",
    "block/module_head": "{module}.py — 0/{points} — {n} checks could not run",
    "block/exercise_checks": "{exercise} ({n} checks)",
    "block/see_above": "{check}: {status}; fix the block above first",
    "not_implemented/line": "✗ {exercise} — 0/{max_points} — not implemented yet",
    "passed/line": "✓ {exercise} — {points}/{max_points}",
    "failed/line": "✗ {exercise} — {points}/{max_points} — {passed} of {checks} checks passed",
    "table/title": "{name}: {points} / {max_points} points",
    "table/exercise": "exercise",
    "table/points": "points",
    "table/checks_passed": "checks passed",
    "report/feedback_for": "Feedback for {name}",
    "report/score": "Score: {points} / {max_points}",
    "report/not_graded": "This submission could not be graded:",
    "report/what_to_fix": "What to fix",
    "report/all_passed": "Every check passed. Well done!",
    "report/graded_notes": "Notes on what was graded:",
    "report/could_not_grade": "Could not grade {name}: {error}",
    "report/note": "note: {text}",
    "report/points_line": "{points} / {max_points} points",
    "report/exercises": "Exercises",
    "report/to_fix": "to fix",
    "check/first_run": "First run on this machine: building the grading cases once (about {seconds} s); later "
                       "runs take a second or two.",
    "kit/only": "this is the student kit: it runs {commands} only ({command} needs the course's grader)",
    "kit/readme": (
        "# The RNN and LSTM exercises: your kit\n\n"
        "```bash\n"
        "pip install {wheel}      # once: installs the checker (python -m grader, rnn-grader)\n"
        "python -m grader check   # in this folder: grades exercises/ and tells you what to fix\n"
        "```\n\n"
        "- `handout.md`: every exercise, its arguments, shapes and equations, and the lecture's examples.\n"
        "- `exercises/`: the skeletons. Write each function's body; keep the names and signatures.\n"
        "- `python -m grader check --exercise elman_forward` checks one function; `--list` lists every check; "
        "`--lang zh-TW` gives the feedback in Traditional Chinese. In a notebook: "
        "`from grader import check; check()`.\n\n"
        "The checker runs the same checks as the course's grading on their public cases. The course's grading "
        "also runs hidden cases, different for every submission: code that is right passes them, code fitted to "
        "the public cases does not.\n"),
}
"""The words of the reports themselves."""

MECHANISMS = {"contract": CONTRACT_MECHANISM, "responds": RESPONDS_MECHANISM}
"""Each check's mechanism in one sentence, by check id; "contract" and "responds": every function's."""
HINTS = {}
for _module in (rnn, lstm, gru, gradients, slot_filling):
    MECHANISMS.update(_module.MECHANISMS)
    HINTS.update(_module.HINTS)

