"""Command line: ``python -m grader check [FOLDER]`` and ``python -m grader grade SUB... --out DIR``.

Only parses, calls and prints; the work is in grade.py and batch.py.
"""

import argparse
import os
import sys

from . import __version__
from .batch import grade_batch
from .config import load_settings
from .errors import SubmissionError
from .grade import grade_submission
from .report.terminal import check_progress, make_console, print_result

__all__ = ["main"]

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")


def _parser():
    p = argparse.ArgumentParser(prog="python -m grader", description="Grade RNN/LSTM exercises.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="grade one folder and show feedback (students)")
    c.add_argument("folder", nargs="?", default="exercises", help="submission folder (default: exercises)")
    c.add_argument("--config", help="course settings (TOML)")
    g = sub.add_parser("grade", help="grade submissions into an output folder (instructors)")
    g.add_argument("submissions", nargs="*", help="submission folders")
    g.add_argument("--samples", action="store_true", help="also grade the bundled sample submissions")
    g.add_argument("--out", required=True, help="output folder: OUT/<name>/results.json and feedback.md")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    g.add_argument("--config", help="course settings (TOML)")
    return p


def _check(args, console):
    if not os.path.isdir(args.folder):
        console.print(f"[red]error:[/] folder={args.folder!r} does not exist; give the folder holding "
                      f"your rnn.py, lstm.py, ... (e.g. python -m grader check exercises)")
        return 2
    settings = load_settings(args.config)
    progress, advance = check_progress(console, len(settings.checks()))
    with progress:
        result = grade_submission(path=args.folder, settings=settings, on_check=advance)
    print_result(console, result)
    return 0 if result.points == result.max_points and not result.error else 1


def _grade(args, console):
    paths = list(args.submissions)
    if args.samples:
        paths += [os.path.join(SAMPLES, d) for d in sorted(os.listdir(SAMPLES))]
    if not paths:
        console.print("[red]error:[/] no submissions given; name submission folders or pass --samples")
        return 2
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        console.print(f"[red]error:[/] these submissions do not exist: {missing}")
        return 2
    if args.jobs < 1:
        console.print(f"[red]error:[/] --jobs={args.jobs}: expected a positive number of processes")
        return 2
    settings = load_settings(args.config)
    summaries = grade_batch(paths=paths, out=args.out, settings=settings, jobs=args.jobs,
                            on_done=lambda s: console.print(s[0], markup=False))
    console.print(f"graded {len(summaries)} submissions into {args.out}")
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    console = make_console()
    try:
        return {"check": _check, "grade": _grade}[args.command](args, console)
    except SubmissionError as exc:
        console.print(f"[red]error:[/] {exc}", markup=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
