"""results.json in Gradescope's autograder format: a score and one test per check.

Every test's tags include the exercise's qualified name ("rnn.elman_forward"),
so that per-exercise totals can be read back from the tests. Texts are Markdown
(``output_format``): a summary table per exercise at the top, and each failed
check's feedback as a fenced block, so that what a submission printed or raised
is shown as it is, never rendered.
"""

from ..messages import ui
from .feedback import feedback_block, feedback_blocks, not_implemented, status_word, submission_notes
from .markdown import exercise_table
from .safe import fenced

__all__ = ["gradescope_results"]


def gradescope_results(result, lang="en"):
    """The Gradescope results dict of a SubmissionResult (json.dump it to results.json).

    Each failed check's test shows the block of its cause; a check that fails for a cause shown on
    another check says so in one line (Gradescope lists every test on its own).
    """
    outputs = {}
    for block in feedback_blocks(result):
        outputs[block.lead.id] = fenced(feedback_block(block.lead, lang, block.also, block.brief))
        for c in block.also:
            outputs[c.id] = fenced(ui("block/see_above", lang, check=block.lead.id,
                                      status=status_word(c.status, lang)))
    for e in not_implemented(result):
        for c in e.checks:
            outputs[c.id] = fenced(feedback_block(c, lang))
    tests = []
    for c in result.checks:
        tests.append({
            "name": c.id,
            "score": c.points,
            "max_score": c.max_points,
            "status": "passed" if c.passed else "failed",
            "output": "" if c.passed else outputs.get(c.id, ""),
            "output_format": "md",
            "visibility": "visible",
            "tags": [c.exercise, c.exercise.split(".")[0], c.name],
        })
    out = {"score": result.points, "tests": tests, "output": _summary(result, lang), "output_format": "md",
           "test_output_format": "md", "visibility": "visible", "stdout_visibility": "hidden"}
    if result.error:
        out["output"] = ui("report/not_graded", lang) + "\n\n" + fenced(result.error)
    return out


def _summary(result, lang):
    """The top of the page: the score, a row per exercise, and the notes on how it was graded."""
    points = ui("report/points_line", lang, points=f"{result.points:g}", max_points=f"{result.max_points:g}")
    lines = [f"**{points}**", "", *exercise_table(result, lang)]
    notes = submission_notes(result, lang)
    lines += [""] + [f"- {note}" for note in notes] if notes else []
    if result.warnings:   # about the upload's own files, whose names are the student's: shown as written
        lines += ["", fenced("\n".join(result.warnings))]
    return "\n".join(lines)
