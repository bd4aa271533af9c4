"""The student's terminal: a progress line while grading, then a table and feedback blocks.

Uses rich: colour and a live progress line on a terminal, plain text otherwise. Student
text is printed without markup and without control characters (``grader.report.safe.plain``).
"""

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from .feedback import exercise_notes, feedback_block
from .safe import plain

__all__ = ["make_console", "check_progress", "batch_progress", "print_result"]


def make_console(stream=None):
    return Console(file=stream, highlight=False, soft_wrap=True)   # long paths and messages stay whole


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


def print_result(console, result):
    """The per-exercise table and a feedback block for every failed check."""
    for w in result.warnings:
        console.print(f"note: {plain(w)}", style="yellow", markup=False)
    if result.error:
        console.print(f"Could not grade {plain(result.name)}: {plain(result.error)}", style="red", markup=False)
    for e in result.exercises:
        if all(c.status == "not_implemented" for c in e.checks):
            console.print(f"[yellow]✗ {e.exercise} — 0/{e.max_points:g} — not implemented yet[/]")
    failed = [c for e in result.exercises if not all(c.status == "not_implemented" for c in e.checks)
              for c in e.checks if not c.passed]
    for c in failed:
        colour = "yellow" if c.status == "not_implemented" else "red"
        text = feedback_block(c)
        head, _, rest = text.partition("\n")
        console.print(f"✗ {plain(head)}", style=f"bold {colour}", markup=False, soft_wrap=True)
        if rest:
            console.print(plain(rest), markup=False, soft_wrap=True)
        console.print()
    for e in result.exercises:
        for line in exercise_notes(e):
            console.print(f"note: {line}", markup=False, soft_wrap=True)
    table = Table(title=Text(f"{plain(result.name)}: {result.points:g} / {result.max_points:g} points"))
    table.add_column("exercise")
    table.add_column("points", justify="right")
    table.add_column("checks passed", justify="right")
    for e in result.exercises:
        n = sum(c.passed for c in e.checks)
        style = "green" if e.passed else "red" if n == 0 else "yellow"
        table.add_row(f"[{style}]{e.exercise}[/]", f"{e.points:g} / {e.max_points:g}", f"{n} / {len(e.checks)}")
    console.print(table)
