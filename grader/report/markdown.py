"""feedback.md: what the student sees, per exercise, with a block per failed check.

Everything the submission controls (its name, what it printed or raised, its file names)
is inside a code span or block that nothing inside can close (``grader.report.safe``).
"""

from .. import messages
from ..messages import ui
from .feedback import feedback_block, feedback_blocks, not_implemented, submission_notes
from .safe import code_span, fenced

__all__ = ["feedback_markdown", "exercise_table"]


def feedback_markdown(result, lang="en"):
    """The Markdown feedback of a SubmissionResult."""
    out = [f"# {ui('report/feedback_for', lang, name=code_span(result.name))}", "",
           f"**{ui('report/score', lang, points=f'{result.points:g}', max_points=f'{result.max_points:g}')}**", ""]
    if result.error:
        out += [ui("report/not_graded", lang), "", fenced(result.error), ""]
    out += exercise_table(result, lang)
    notes = submission_notes(result, lang)
    if notes:
        out += [""] + [f"- {line}" for line in notes]
    undone = not_implemented(result)
    blocks = feedback_blocks(result)
    if (blocks or undone) and not result.error:
        out += ["", f"## {ui('report/what_to_fix', lang)}", ""]
        if undone:
            out += [ui("not_implemented/line", lang, exercise=e.exercise, max_points=f"{e.max_points:g}").lstrip("✗ ")
                    + "  " for e in undone]
            out += [messages.hint(undone[0].checks[0].id, "not_implemented", lang), ""]
        for block in blocks:
            text = feedback_block(block.lead, lang, block.also, block.brief)
            out += [f"### `{block.lead.id}`", "", fenced(text), ""]
    elif not result.error:
        out += ["", ui("report/all_passed", lang)]
    if result.warnings:
        out += ["", ui("report/graded_notes", lang), "", fenced("\n".join(result.warnings))]
    return "\n".join(out).rstrip() + "\n"


def exercise_table(result, lang="en"):
    """The Markdown table of points per exercise (feedback.md and Gradescope's summary)."""
    rows = [f"| {ui('table/exercise', lang)} | {ui('table/points', lang)} | {ui('table/checks_passed', lang)} |",
            "|---|---:|---:|"]
    for e in result.exercises:
        n = sum(c.passed for c in e.checks)
        rows.append(f"| `{e.exercise}` | {e.points:g} / {e.max_points:g} | {n} / {len(e.checks)} |")
    return rows
