"""feedback.md: what the student sees, per exercise, with a block per failed check.

Everything the submission controls (its name, what it printed or raised, its file names)
is inside a code span or block that nothing inside can close (``grader.report.safe``).
"""

from .feedback import exercise_notes, feedback_block
from .safe import code_span, fenced

__all__ = ["feedback_markdown"]


def feedback_markdown(result):
    """The Markdown feedback of a SubmissionResult."""
    out = [f"# Feedback for {code_span(result.name)}", "",
           f"**Score: {result.points:g} / {result.max_points:g}**", ""]
    if result.error:
        out += ["This submission could not be graded:", "", fenced(result.error), ""]
    out += ["| exercise | points | checks passed |", "|---|---:|---:|"]
    for e in result.exercises:
        n = sum(c.passed for c in e.checks)
        out.append(f"| `{e.exercise}` | {e.points:g} / {e.max_points:g} | {n} / {len(e.checks)} |")
    notes = [line for e in result.exercises for line in exercise_notes(e)]
    if notes:
        out += [""] + [f"- {line}" for line in notes]
    failed = [c for c in result.checks if not c.passed]
    if failed and not result.error:
        out += ["", "## What to fix", ""]
        for c in failed:
            out += [f"### `{c.id}`", "", fenced(feedback_block(c)), ""]
    elif not result.error:
        out += ["", "Every check passed. Well done!"]
    if result.warnings:
        out += ["", "Notes on what was graded:", "", fenced("\n".join(result.warnings))]
    return "\n".join(out).rstrip() + "\n"
