"""The student's terminal: a progress line while grading, then a table and feedback blocks.

Uses rich: colour and a live progress line on a terminal, plain text otherwise. Student
text is printed without markup and without control characters (``grader.report.safe.plain``).
"""

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from .. import messages
from ..messages import ui
from .feedback import feedback_block, feedback_blocks, not_implemented, submission_notes
from .safe import plain

__all__ = ["make_console", "check_progress", "batch_progress", "print_result"]


def make_console(stream=None):
    """A console writing to stream (default stdout): long paths and messages stay whole; inside a notebook
    kernel it still writes text to the stream (a notebook shows the HTML report instead)."""
    return Console(file=stream, highlight=False, soft_wrap=True, force_jupyter=False)


def check_progress(console, total):
    """A progress line over `total` checks; returns (progress context, callback(CheckResult))."""
    progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task("", total=total)

    def advance(result):
        progress.update(task, advance=1, description=result.id)

    return progress, advance


def batch_progress(console):
    """A progress bar over a class: done/total, failures, ETA.

    Returns (progress context, start(total), done(name, result, error)); each completed
    submission is also printed as one line (the only output when not on a terminal).
    """
    progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[failures]} could not be graded"), TimeElapsedColumn(),
                        TextColumn("ETA"), TimeRemainingColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task("", total=None, failures=0)
    failures = 0

    def start(total):
        progress.update(task, total=total)

    def done(name, result, error):
        nonlocal failures
        failures += bool(error or result.error)
        progress.update(task, advance=1, failures=failures)
        line = result.summary() if result else f"{name}: not graded, grader error: {error}"
        progress.console.print(plain(line), markup=False, soft_wrap=True)

    return progress, start, done


def print_result(console, result, lang="en"):
    """A block per root cause of the failures, the notes, then a line per exercise (✓ passed, ✗ with its
    points) and the total."""
    for w in result.warnings:
        console.print(ui("report/note", lang, text=plain(w)), style="yellow", markup=False)
    if result.error:
        console.print(ui("report/could_not_grade", lang, name=plain(result.name), error=plain(result.error)),
                      style="red", markup=False)
    for block in feedback_blocks(result) if not result.error else ():
        colour = "yellow" if block.lead.hint_key == "not_credited" else "red"
        head, _, rest = feedback_block(block.lead, lang, block.also, block.brief).partition("\n")
        console.print(f"✗ {plain(head)}", style=f"bold {colour}", markup=False, soft_wrap=True)
        if rest:
            console.print(plain(rest), markup=False, soft_wrap=True)
        console.print()
    for line in submission_notes(result, lang):
        console.print(ui("report/note", lang, text=line), markup=False, soft_wrap=True)
    undone = not_implemented(result)
    for e in result.exercises:
        points = {"points": f"{e.points:g}", "max_points": f"{e.max_points:g}", "exercise": e.exercise}
        if e.passed:
            console.print(ui("passed/line", lang, **points), style="green", markup=False)
        elif e in undone:
            console.print(ui("not_implemented/line", lang, **points), style="yellow", markup=False)
        else:
            console.print(ui("failed/line", lang, passed=sum(c.passed for c in e.checks), checks=len(e.checks),
                             **points), style="red", markup=False)
    if undone:
        console.print("  " + messages.hint(undone[0].checks[0].id, "not_implemented", lang), markup=False)
    console.print(ui("table/title", lang, name=plain(result.name), points=f"{result.points:g}",
                     max_points=f"{result.max_points:g}"), style="bold", markup=False)
