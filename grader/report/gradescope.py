"""results.json in Gradescope's autograder format: a score and one test per check.

Every test's tags include the exercise's qualified name ("rnn.elman_forward"),
so that per-exercise totals can be read back from the tests. Texts are Markdown
(``output_format``): a summary table per exercise at the top, and each failed
check's feedback as a fenced block, so that what a submission printed or raised
is shown as it is, never rendered.
"""

from .feedback import exercise_notes, feedback_block
from .safe import fenced

__all__ = ["gradescope_results"]


def gradescope_results(result):
    """The Gradescope results dict of a SubmissionResult (json.dump it to results.json)."""
    tests = []
    for c in result.checks:
        tests.append({
            "name": c.id,
            "score": c.points,
            "max_score": c.max_points,
            "status": "passed" if c.passed else "failed",
            "output": "" if c.passed else fenced(feedback_block(c)),
            "output_format": "md",
            "visibility": "visible",
            "tags": [c.exercise, c.exercise.split(".")[0], c.name],
        })
    out = {"score": result.points, "tests": tests, "output": _summary(result), "output_format": "md",
           "test_output_format": "md", "visibility": "visible", "stdout_visibility": "hidden"}
    if result.error:
        out["output"] = "This submission could not be graded:\n\n" + fenced(result.error)
    return out


def _summary(result):
    """The top of the page: the score, a row per exercise, and the notes on how it was graded."""
    lines = [f"**{result.points:g} / {result.max_points:g} points**", "",
             "| exercise | points | checks passed |", "|---|---:|---:|"]
    for e in result.exercises:
        passed = sum(c.passed for c in e.checks)
        lines.append(f"| `{e.exercise}` | {e.points:g} / {e.max_points:g} | {passed} / {len(e.checks)} |")
    notes = [line for e in result.exercises for line in exercise_notes(e)]
    lines += [""] + [f"- {note}" for note in notes] if notes else []
    if result.warnings:   # about the upload's own files, whose names are the student's: shown as written
        lines += ["", fenced("\n".join(result.warnings))]
    return "\n".join(lines)
