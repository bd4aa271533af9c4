"""Command line: ``python -m grader check [FOLDER]``, ``python -m grader grade SUB... --out DIR``
and ``python -m grader gradescope --out autograder.zip``.

Only parses, calls and prints; the work is in grade.py, batch.py and autograder.py.
"""

import argparse
import os
import signal
import sys

from . import __version__
from .answers import is_kit
from .autograder import build_autograder
from .batch import CSV_NAME, SUMMARY_NAME, grade_batch, report_from
from .cases import FROZEN, cache_folder, cache_note, cases_to_make, freeze, prepare_cases
from .cluster import CA_FILE, CERT_FILE, KEY_FILE, make_certificates
from .config import describe_keys, load_settings, setting
from .errors import InfrastructureError, SubmissionError, UsageError
from .fresh import read_secret
from .gradebook import FILE_NAME
from .install import lock, private_folders
from .load import class_entries, is_class_folder
from .messages import LANGUAGES, ui
from . import messages
from .release import release
from .report.safe import plain
from .report.terminal import batch_progress, check_progress, make_console, print_result
from .sandbox import isolation_warning
from .student import check_submission, select, submission_path

__all__ = ["main"]

_SECONDS_PER_CHECK = 0.2
"""About how long making one check's cases takes (a first run on a machine makes them all: ~15 s)."""


def _parser():
    p = argparse.ArgumentParser(prog="python -m grader", description="Grade RNN/LSTM exercises.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="grade one folder and show feedback (students)")
    c.add_argument("folder", nargs="?",
                   help="your submission: a folder, a .py file, a notebook or a zip (default: exercises, or this "
                        "folder when it holds rnn.py, lstm.py, ...)")
    c.add_argument("--config", help="course settings (TOML)")
    c.add_argument("--exercise", action="append", metavar="NAME",
                   help="check only this exercise (elman_forward, rnn.elman_forward, or a module: rnn); repeatable")
    c.add_argument("--list", action="store_true", help="list the exercises and their checks, then stop")
    c.add_argument("--lang", choices=setting("language").allowed(), help="the language of the feedback (default: the course "
                                                             "settings' language, else en)")
    g = sub.add_parser("grade", help="grade submissions into an output folder (instructors)")
    g.add_argument("submissions", nargs="*",
                   help="submissions (a folder like exercises/, a .py, a .zip or a .ipynb each), or class "
                        "folders: a folder holding none of rnn.py, lstm.py, ... holds one submission per "
                        "entry, named by the student id")
    g.add_argument("--samples", action="store_true", help="also grade the bundled sample submissions")
    g.add_argument("--out", required=True,
                   help=f"output folder: OUT/<name>/results.json, feedback.md, feedback.html; OUT/{FILE_NAME}, "
                        f"OUT/{CSV_NAME}, OUT/{SUMMARY_NAME}")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once (default: the number of cores)")
    g.add_argument("--config", help="course settings (TOML)")
    g.add_argument("--secret", metavar="FILE",
                   help="the course secret of fresh cases (default: OUT/course.secret, made on the first run)")
    g.add_argument("--regrade", action="store_true",
                   help="grade everything again (default: only what the gradebook lacks or what changed)")
    g.add_argument("--scheduler", metavar="tls://HOST:PORT",
                   help="grade on this Dask distributed cluster (pip install -e '.[dask]')")
    g.add_argument("--tls", metavar="DIR",
                   help="the course's certificates for the Dask cluster (python -m grader certificates)")
    kind = g.add_mutually_exclusive_group()
    kind.add_argument("--single", action="store_true",
                      help="every path given is one submission, never a class folder")
    kind.add_argument("--class", dest="whole_class", action="store_true",
                      help="every folder given is a class folder: each of its entries is a student")
    w = sub.add_parser("prepare", help="make every check's cases now and keep them in the case cache "
                                       "(e.g. when building an image), so that grading starts at once")
    w.add_argument("--config", help="course settings (TOML): the checks and example counts to prepare")
    w.add_argument("--freeze", action="store_true",
                   help="make them into the grader's own folder instead (grader/frozen/, shipped in a wheel built "
                        "after it): every machine then grades with the default settings without making cases")
    w.add_argument("--lock", action="store_true",
                   help="also make every copy of this grader and the reference (and their source folder) "
                        "readable by their owner only, for a sandbox without namespaces (e.g. Gradescope)")
    t = sub.add_parser("certificates", help="make a course's TLS certificates for a Dask cluster")
    t.add_argument("--out", required=True, help="an empty folder for ca.pem, course.pem and course.key")
    t.add_argument("--host", action="append", default=[],
                   help="a name or address of the scheduler or a worker (repeatable)")
    t.add_argument("--days", type=int, default=365, help="how long they are valid (default: 365)")
    a = sub.add_parser("gradescope", help="build a Gradescope autograder zip running this grader")
    a.add_argument("--out", default="autograder.zip", help="the zip to write (default: autograder.zip)")
    a.add_argument("--config", help="course settings (TOML) to ship in the zip and grade with")
    a.add_argument("--secret", metavar="FILE",
                   help="the course secret to ship (e.g. graded/course.secret); default: a new one")
    o = sub.add_parser("report", help="render every report again from a gradebook, without grading")
    o.add_argument("--from", dest="source", required=True, metavar="GRADEBOOK",
                   help="the gradebook.sqlite of a graded folder")
    o.add_argument("--out", help="where to write them (default: the gradebook's folder)")
    o.add_argument("--config", help="course settings (TOML): the language and the reports to write")
    o.add_argument("--lang", choices=setting("language").allowed(), help="the language (default: the settings')")
    sub.add_parser("settings", help="describe every key of a course's settings file (TOML): type, default, "
                                    "what is allowed")
    r = sub.add_parser("release", help="write the student kit: skeletons, handout and a checker without the "
                                       "reference, grading on the public cases")
    r.add_argument("--out", required=True, help="a folder that does not exist yet or is empty")
    return p


def _list(console, settings, lang):
    """Every exercise with its points, and each check with its points and mechanism."""
    by_exercise = {}
    for check, points, _ in settings.checks():
        by_exercise.setdefault(check.exercise, []).append((check, points))
    for exercise, checks in by_exercise.items():
        total = sum(p for _, p in checks)
        console.print(f"{exercise} — {total:g} {ui('table/points', lang)}", style="bold", markup=False)
        for check, points in checks:
            console.print(f"  {check.name:<22} {points:>4g}  {messages.mechanism(check.id, lang)}", markup=False,
                          soft_wrap=True)
    return 0


def _check(args, console):
    settings = load_settings(args.config)
    lang = args.lang or settings.language
    if args.exercise:
        settings = select(settings, args.exercise)
    if args.list:
        return _list(console, settings, lang)
    path = submission_path(args.folder)
    _notes(console, cache_note())
    to_make = cases_to_make(settings)
    if to_make:
        console.print(ui("check/first_run", lang, seconds=max(1, round(to_make * _SECONDS_PER_CHECK))),
                      style="yellow", markup=False)
    progress, advance = check_progress(console, len(settings.checks()))
    with progress:
        result = check_submission(path=path, settings=settings, on_check=advance)
    print_result(console, result, lang)
    return 0 if result.points == result.max_points and not result.error else 1


def _grade(args, console):
    paths = []
    for path in args.submissions:
        if not os.path.lexists(path):
            _error(console, f"submission={path!r} does not exist")
            return 2
        if args.single or not (args.whole_class or is_class_folder(path)):
            paths.append(path)
            continue
        if os.path.realpath(path) == os.path.realpath(args.out):
            _error(console, f"--out={args.out!r} is the class folder itself: give an output folder of its own")
            return 2
        entries, left_out = class_entries(path, exclude=[args.out])
        paths += entries
        _notes(console, *(f"{plain(p)}: {why}" for p, why in left_out.items()))
    if args.samples:
        from . import samples   # built from the reference (not in a student kit)

        paths += [samples.path(name) for name in samples.NAMES]
    if not paths:
        _error(console, "no submissions to grade; name submissions or class folders, "
                      "or pass --samples")
        return 2
    if args.tls and not args.scheduler:
        _error(console, "--tls is for a Dask cluster: give its --scheduler tls://HOST:PORT too")
        return 2
    if args.jobs < 1:
        _error(console, f"--jobs={args.jobs}: expected a positive number of processes")
        return 2
    settings = load_settings(args.config)
    if args.secret:
        settings.secret = read_secret(args.secret)
    _notes(console, isolation_warning(), cache_note())
    progress, start, done = batch_progress(console)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with progress:
            batch = grade_batch(paths=paths, out=args.out, settings=settings, jobs=args.jobs,
                                regrade=args.regrade, scheduler=args.scheduler, tls=args.tls, on_start=start,
                                on_done=done)
    except KeyboardInterrupt:
        console.print(f"stopped: what was graded is in {args.out}; run the same command again to go on",
                      style="yellow", markup=False)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    console.print(plain(batch.summary()), markup=False)
    console.print(f"results in {args.out}: {CSV_NAME}, {SUMMARY_NAME}, {FILE_NAME}, "
                  f"and <student>/feedback.html each", markup=False)
    if batch.failed:
        console.print("some submissions could not be graded because of a grader error; "
                      "run the same command again to retry them", style="red", markup=False)
        return 1
    return 0


def _prepare(args, console):
    settings = load_settings(args.config)
    if args.freeze:
        count = freeze(settings)
        console.print(f"the cases of {count} checks are frozen in {FROZEN}", markup=False)
    else:
        _notes(console, cache_note())
        count = prepare_cases(settings)
        console.print(f"the cases of {count} checks are ready in {cache_folder() or 'memory only'}", markup=False)
    if args.lock:
        folders = private_folders()
        lock(folders)
        console.print(f"readable by their owner only: {', '.join(folders)}", markup=False)
    return 0


def _certificates(args, console):
    folder = make_certificates(out=args.out, hosts=args.host, days=args.days)
    console.print(f"wrote {CA_FILE}, {CERT_FILE} and {KEY_FILE} in {folder}: copy the folder to the scheduler "
                  f"and every worker (only they and you may read it), and see the README's Dask section",
                  markup=False)
    return 0


def _error(console, text):
    """A usage error or a submission that cannot be read, on the instructor's terminal: plain text (paths
    and file names may be a student's)."""
    console.print(f"error: {plain(text)}", style="red", markup=False)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _notes(console, *notes):
    """Notes on where and how the grader runs, for whoever runs it (never in a student's feedback)."""
    for note in notes:
        if note:
            console.print(note, style="yellow", markup=False)


def _gradescope(args, console):
    path = build_autograder(out=args.out, config=args.config, secret=args.secret)
    console.print(f"wrote {path}: upload it as the autograder of a Gradescope programming assignment",
                  markup=False)
    return 0


def _report(args, console):
    settings = load_settings(args.config)
    count = report_from(gradebook=args.source, out=args.out, lang=args.lang or settings.language,
                        reports=settings.reports)
    console.print(f"rendered the reports of {count} submissions again in "
                  f"{args.out or os.path.dirname(os.path.abspath(args.source))}: {', '.join(settings.reports)}",
                  markup=False)
    return 0


def _settings(args, console):
    for line in describe_keys():
        console.print(line, markup=False)
    return 0


def _release(args, console):
    wheel = release(out=args.out, on_step=lambda text: console.print(text + " ...", markup=False))
    console.print(f"wrote the student kit in {args.out}: exercises/, handout.md, README.md and "
                  f"{os.path.basename(wheel)} (pip install it: python -m grader check)", markup=False)
    return 0


_KIT_COMMANDS = ("check", "settings")
"""What a student kit can do: it has no reference to grade a class, freeze cases or build an autograder with."""


def main(argv=None):
    for stream in (sys.stdout, sys.stderr):   # a console that cannot show a character gets '?', not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    console = make_console()
    try:
        if args.command not in _KIT_COMMANDS and is_kit():
            raise UsageError("\n".join(ui("kit/only", lang, commands=", ".join(_KIT_COMMANDS), command=args.command)
                                        for lang in LANGUAGES))
        return {"check": _check, "grade": _grade, "prepare": _prepare, "certificates": _certificates,
                "gradescope": _gradescope, "release": _release, "settings": _settings,
                "report": _report}[args.command](args, console)
    except (SubmissionError, UsageError) as exc:
        _error(console, str(exc))
        return 2
    except InfrastructureError as exc:
        console.print(f"grader error (not a verdict on any submission; nothing was recorded): {plain(exc.message)}",
                      style="red", markup=False)
        return 3 if args.command == "check" else 1


if __name__ == "__main__":
    sys.exit(main())
