"""Grade a class: many submissions in parallel, recorded in a resumable gradebook.

``grade_batch`` grades every submission that the gradebook (``OUT/gradebook.sqlite``)
does not hold up to date, each in a worker process of its own (``jobs``) or on a Dask
cluster (``scheduler``); each worker in turn runs the student's code in a sandbox
child. Workers return the result and its rendered reports; this process alone writes
files and the gradebook, as each submission completes:

    OUT/<folder>/results.json    Gradescope's format (<folder>: ``folder_names`` of the student ids)
    OUT/<folder>/feedback.md     what the student sees
    OUT/<folder>/feedback.html   the same, with plots of the counterexamples
    OUT/gradebook.sqlite       every result (see grader.gradebook)
    OUT/gradebook.csv          one row per student: a column per exercise, total, error
    OUT/course.secret          the course secret of fresh cases (made on the first run; keep it)
    OUT/summary.html           the class summary

Stopped half-way (Ctrl-C, SIGTERM, or killed), the same call grades only what is missing (or
changed); a stopped batch ends its workers and their children first.
"""

import ctypes
import hashlib
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import as_completed as local_as_completed
from dataclasses import dataclass, field, replace

from .cluster import NO_WORKER_S, completed, connect
from .catalogue import EXERCISES
from .config import Settings
from .errors import InfrastructureError, UsageError
from .fresh import course_secret
from .grade import failed_submission, grade_submission
from .gradebook import FILE_NAME, Gradebook, settings_hash
from .load import content_hash, submission_name
from .preflight import preflight
from .report import CLASS_REPORTS, REPORTS, render_class_reports, render_reports
from .sandbox import end_all

__all__ = ["grade_batch", "BatchResult", "report_from", "write_reports", "folder_name", "folder_names",
           "CSV_NAME", "SUMMARY_NAME"]

CSV_NAME = "gradebook.csv"
SUMMARY_NAME = "summary.html"


@dataclass
class BatchResult:
    """What one ``grade_batch`` call did.

    - results: the SubmissionResult of every submission of the batch (graded now or before), by name
    - graded: names graded by this call; skipped: names already up to date in the gradebook
    - failed: {name: why} for submissions the grader could not grade (its own fault: nothing
      recorded, so the next run tries again)
    """

    results: list = field(default_factory=list)
    graded: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    failed: dict = field(default_factory=dict)

    def summary(self):
        text = (f"{len(self.results)} submissions in the gradebook: {len(self.graded)} graded now, "
                f"{len(self.skipped)} already up to date")
        return text + (f", {len(self.failed)} not graded (grader errors)" if self.failed else "")


def report_from(*, gradebook: str, out: str | None = None, lang: str = "en", reports: Sequence[str] = REPORTS) -> int:
    """Render the reports of every result recorded in a gradebook again, without grading: each student's
    into its folder of ``out`` (default: the gradebook's folder), the class's beside them. Returns how many
    results there were. UsageError when the file is not a gradebook of this grader."""
    if not os.path.isfile(gradebook):
        raise UsageError(f"--from {gradebook}: no such file; give the gradebook.sqlite of a graded folder")
    out = out or os.path.dirname(os.path.abspath(gradebook))
    with Gradebook(gradebook) as book:
        results = book.results()
    folders = folder_names([r.name for r in results])
    for result in results:
        write_reports(render_reports(result, lang, reports), os.path.join(out, folders[result.name]))
    write_reports(render_class_reports(results, {}, reports), out)
    return len(results)


def write_reports(reports, folder):
    """Write each {file name: text} into folder, atomically (a reader never sees half a file)."""
    os.makedirs(folder, exist_ok=True)
    for name, text in reports.items():
        _write_atomic(os.path.join(folder, name), text)


def _write_atomic(path, text):
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


_ONE_AT_A_TIME = threading.Lock()
"""A worker process grades one submission at a time, however many threads it runs tasks on (a Dask
worker started without ``--nthreads 1``): what grading holds is the process's (its sandbox uid,
whose processes all end with a submission; the oracle cache; Hypothesis)."""


def _grade_one(path, name, settings, mask, error):
    """In a worker: grade one submission (or record why it cannot be) and render its reports.

    Returns (result, reports), or (None, why) when the grader failed (an infrastructure fault
    or a grader bug in some check): that is no grade, and nothing is recorded.
    """
    if error:
        result = failed_submission(name, error, settings)
    else:
        try:
            with _ONE_AT_A_TIME:
                result = grade_submission(path=path, settings=settings, mask=mask)
        except InfrastructureError as exc:
            return None, exc.message
        if result.grader_error:
            return None, f"grader bug in {result.grader_error}"
        result.name = name
    return result, render_reports(result, settings.language, settings.reports)


def _preflights(settings):
    """The fewest Settings whose preflights cover every one of settings: those that differ only in their
    exercises (and points) share one, on all of their exercises (a correct submission that passes
    every check of them passes every check of each)."""
    groups = {}
    for own in settings:
        key = settings_hash(replace(own, exercises=(), points={}))
        groups.setdefault(key, (own, set()))[1].update(own.exercises)
    return [replace(own, exercises=tuple(e for e in EXERCISES if e in exercises), points={})
            for own, exercises in groups.values()]


def _confirmed(checks):
    """[] once every preflight of checks has passed (waiting for them); InfrastructureError if one failed."""
    for check in checks:
        if check.result() is not None:
            raise InfrastructureError(check.result())
    return []


def _preflight(settings):
    """In a worker: None if a correct submission gets full marks with settings, else why not."""
    try:
        with _ONE_AT_A_TIME:
            preflight(settings=settings)
    except InfrastructureError as exc:
        return exc.message
    return None


def grade_batch(*, paths, out, settings=None, jobs=1, regrade=False, scheduler=None, on_start=None,
                on_done=None, check_first=True, tls=None, no_worker_s=NO_WORKER_S):
    """Grade the submissions at ``paths`` into the folder ``out``; return a BatchResult.

    - settings: Settings for every submission, or a function of a submission's path that
      returns its Settings (e.g. to grade each one on different exercises)
    - jobs: submissions graded at once on this machine (ignored with a scheduler)
    - regrade: grade everything again, even what the gradebook holds up to date
    - scheduler: address of a Dask distributed scheduler ("tls://host:8786") to grade on
      instead of local processes; needs the ``dask`` extra, and workers that see ``paths``
    - tls: the folder of the course's certificates for the scheduler (``grader.cluster``)
    - no_worker_s: seconds without a live Dask worker before InfrastructureError
    - on_start(total): called once with the number of submissions to grade now
    - on_done(name, result_or_None, error): called as each completes (result None on a grader error)
    - check_first: before grading anything, grade the bundled correct sample with each distinct
      Settings on the same workers (``grader.preflight``); raises InfrastructureError, with nothing
      graded, unless it gets full marks
    Submissions are named by ``grader.load.submission_name``; when several share a name,
    each of them is recorded under it with an error saying so.
    """
    settings = settings or Settings()
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    graded_before = os.path.exists(os.path.join(out, FILE_NAME))
    batch = BatchResult()
    by_name = {}
    for path in paths:
        by_name.setdefault(submission_name(path), []).append(path)
    folders = folder_names(by_name)
    with Gradebook(os.path.join(out, FILE_NAME)) as gradebook:
        given = not callable(settings) and settings.secret is not None
        secret = None if given else course_secret(out, graded_before=graded_before)
        settings_of = _with_secret(settings if callable(settings) else (lambda path: settings), secret)
        work = []
        for name, found in sorted(by_name.items()):
            path, error = found[0], ""
            if len(found) > 1:
                error = (f"several submissions are named {name!r} ({', '.join(os.path.basename(p) for p in found)}); "
                         f"the student id must be unique: keep one of them")
            own = settings_of(path)
            key = dict(content_hash="\n".join(content_hash(p) for p in found), settings_hash=settings_hash(own))
            if not regrade and gradebook.is_current(name, **key):
                batch.skipped.append(name)
            else:
                work.append((name, path, own, error, key))
        if on_start:
            on_start(len(work))
        with _executor(scheduler, jobs, tls, no_worker_s) as (submit, as_completed):
            # The preflight runs first, beside the first submissions; nothing is recorded until it passed.
            checks = [submit(_preflight, own) for own in _preflights([own for _, _, own, _, _ in work])] \
                if check_first else []
            futures = {submit(_grade_one, path, name, own, [out], error): (name, path, own, key)
                       for name, path, own, error, key in work}
            for future in as_completed(futures):
                checks = _confirmed(checks)
                name, path, own, key = futures.pop(future)   # let the result go once recorded: flat memory
                try:
                    result, reports = future.result()
                except Exception as exc:  # a grader bug or a lost worker: record nothing, retry next run
                    result, reports = None, f"{type(exc).__name__}: {exc}"
                if result is None:
                    batch.failed[name] = reports
                    if on_done:
                        on_done(name, None, batch.failed[name])
                    continue
                write_reports(reports, os.path.join(out, folders[name]))
                gradebook.record(result, path=path, settings=own, **key)
                batch.graded.append(name)
                if on_done:
                    on_done(name, result, "")
            _confirmed(checks)
        batch.results = gradebook.results(names=by_name)
    write_reports(render_class_reports(batch.results, batch.failed, getattr(settings, "reports", CLASS_REPORTS)), out)
    return batch


_PORTABLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_OUTPUT_STEMS = ("gradebook.", "summary.", "course.")


def folder_name(name, *, hashed=False):
    """The folder of a student's reports in the output folder, from the student id.

    The id itself when it is a portable name (letters, digits, '.', '_', '-', at most 64
    characters, not hidden, not a name of the grader's own files) and not ``hashed``;
    otherwise its portable part, then '-' and 8 hex digits of its sha256, so that no two ids
    share a folder. ``folder_names`` hashes the ids of a class that differ only by case (one
    folder on a case-insensitive file system). The id itself stays in the gradebook and the CSV.

    >>> folder_name("alice"), folder_name("W_hh"), folder_name("../x\\ny"), folder_name("gradebook.csv")
    ('alice', 'W_hh', 'x_y-80074beb', 'gradebook.csv-db3707d1')
    """
    if _PORTABLE.fullmatch(name) and not name.lower().startswith(_OUTPUT_STEMS) and not hashed:
        return name
    ascii_part = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_part).strip("._-")[:48] or "student"
    return f"{stem}-{hashlib.sha256(name.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


def folder_names(names):
    """{student id: folder} for the ids of one class (``folder_name``; ids differing only by case hashed)."""
    folded = {}
    for name in names:
        folded.setdefault(folder_name(name).lower(), []).append(name)
    return {name: folder_name(name, hashed=len(group) > 1) for group in folded.values() for name in group}


def _with_secret(settings_of, secret):
    """settings_of, giving every submission's Settings the course secret (when they have none)."""
    def of(path):
        own = settings_of(path)
        return own if own.secret is not None or secret is None else replace(own, secret=secret)
    return of


class _executor:
    """(submit, as_completed) of local worker processes, or of a Dask cluster's workers."""

    def __init__(self, scheduler, jobs, tls=None, no_worker_s=NO_WORKER_S):
        self.scheduler, self.jobs, self.tls, self.no_worker_s = scheduler, max(1, jobs), tls, no_worker_s

    def __enter__(self):
        if self.scheduler:
            self._pool = connect(self.scheduler, tls=self.tls, timeout=self.no_worker_s)
            return ((lambda fn, *args: self._pool.submit(fn, *args, pure=False)),
                    lambda futures: completed(self._pool, futures, timeout=self.no_worker_s))
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_started)
        return self._pool.submit, local_as_completed

    def __exit__(self, kind, *exc):
        if self.scheduler:
            self._pool.close()
            return
        if kind is not None and issubclass(kind, KeyboardInterrupt):   # stopped: end the workers now
            for worker in list(getattr(self._pool, "_processes", {}).values()):
                worker.terminate()
        self._pool.shutdown(cancel_futures=True)


def _worker_started():
    """In each local worker: the main process alone answers Ctrl-C; on SIGTERM (from the main process
    when it is stopped, or from the kernel when the main process dies) the worker ends its sandbox's
    child and exits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _unwind)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass   # not Linux: the main process still ends its workers when it is stopped
    if os.getppid() == 1:   # the main process died before the line above
        _unwind(signal.SIGTERM, None)


_PR_SET_PDEATHSIG = 1


def _unwind(signum, frame):
    end_all()
    os._exit(128 + signum)
