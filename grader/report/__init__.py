"""Reports of a grading: the student's terminal, and the files of a class grading, declared here.

``SUBMISSION_REPORTS`` (results.json, feedback.md, feedback.html: per student) and
``CLASS_REPORTS`` (gradebook.csv, summary.html: per class) map each file's name to what
renders it from results; a course chooses which of them a grading writes (the setting
``reports``), and ``python -m grader report --from OUT/gradebook.sqlite`` renders them
again from the recorded results, without grading anything.
"""

import json
from collections.abc import Sequence
from html import escape   # (the name html is this package's submodule html)

from .feedback import feedback_block
from .gradescope import gradescope_results
from .html import feedback_html
from .markdown import feedback_markdown
from .spreadsheet import gradebook_csv
from .summary import class_statistics, summary_html
from ..results import SubmissionResult

__all__ = ["feedback_block", "feedback_markdown", "feedback_html", "gradescope_results", "class_statistics",
           "summary_html", "gradebook_csv", "SUBMISSION_REPORTS", "CLASS_REPORTS", "REPORTS", "render_reports",
           "render_class_reports"]

SUBMISSION_REPORTS = {
    "results.json": lambda result, lang: json.dumps(gradescope_results(result, lang), indent=2),
    "feedback.md": feedback_markdown,
    "feedback.html": feedback_html,
}
"""Each student's reports: {file name: render(SubmissionResult, lang) -> text}."""

CLASS_REPORTS = {
    "gradebook.csv": gradebook_csv,
    "summary.html": lambda results, failed: summary_html(results),
}
"""The class's reports: {file name: render([SubmissionResult], {name: why not graded}) -> text}."""

REPORTS = (*SUBMISSION_REPORTS, *CLASS_REPORTS)
"""Every report's file name (what the setting ``reports`` chooses from)."""


def render_reports(result: SubmissionResult, lang: str = "en",
                   names: Sequence[str] = tuple(SUBMISSION_REPORTS)) -> dict[str, str]:
    """{file name: text} of one SubmissionResult's reports (those of names), in lang.

    A report that fails to render (a grader bug) is replaced by a plain one that gives the score
    and the reason: the grade is never lost to a report.
    """
    reports = {}
    for name in (n for n in names if n in SUBMISSION_REPORTS):
        try:
            reports[name] = SUBMISSION_REPORTS[name](result, lang)
        except Exception as exc:  # noqa: BLE001  a grader bug: the plain report says so
            reports[name] = _fallback_report(name, result, f"{type(exc).__name__}: {exc}")
    return reports


def render_class_reports(results: Sequence[SubmissionResult], failed: dict[str, str],
                         names: Sequence[str] = tuple(CLASS_REPORTS)) -> dict[str, str]:
    """{file name: text} of the class's reports (those of names)."""
    return {name: CLASS_REPORTS[name](results, failed) for name in names if name in CLASS_REPORTS}


def _fallback_report(name, result, why):
    """A report that cannot fail: the score and why the full report is missing."""
    text = (f"{result.points:g} / {result.max_points:g} points. The full report could not be made because of a "
            f"grader bug ({why[:500]}); the score is recorded. Please tell the course staff.")
    if name == "results.json":
        return json.dumps({"score": result.points, "output": text, "tests": []}, indent=2)
    if name.endswith(".html"):
        return f"<!DOCTYPE html>\n<meta charset=\"utf-8\"><title>Feedback</title><p>{escape(text)}</p>\n"
    return text + "\n"
