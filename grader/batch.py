"""Grade many submissions, in parallel, writing results.json and feedback.md for each.

Each submission is graded in a worker process of its own (``--jobs``), which
in turn runs the submission's code in its sandbox child.
"""

import json
import os
from concurrent.futures import ProcessPoolExecutor

from .config import Settings
from .errors import SubmissionError
from .grade import grade_submission
from .report import feedback_markdown, gradescope_results

__all__ = ["grade_batch", "write_reports"]


def write_reports(result, folder):
    """Write results.json (Gradescope) and feedback.md into folder, atomically."""
    os.makedirs(folder, exist_ok=True)
    for name, text in (("results.json", json.dumps(gradescope_results(result), indent=2)),
                       ("feedback.md", feedback_markdown(result))):
        tmp = os.path.join(folder, f".{name}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, os.path.join(folder, name))


def _grade_one(path, out, settings):
    result = grade_submission(path=path, settings=settings, mask=[out])
    write_reports(result, os.path.join(out, result.name))
    return result.summary(), result.points, result.max_points


def grade_batch(*, paths, out, settings=None, jobs=1, on_done=None):
    """Grade every submission folder in paths into out/<name>/; return [(summary, points, max)].

    Raises SubmissionError before grading anything if two submissions share a name.
    """
    settings = settings or Settings()
    names = [os.path.basename(os.path.abspath(p).rstrip(os.sep)) for p in paths]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SubmissionError(f"several submissions are named {dupes}: their results would overwrite "
                              f"each other in {out}; rename the folders")
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    summaries = []
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_grade_one, p, out, settings) for p in paths]
        for future in futures:
            summaries.append(future.result())
            if on_done:
                on_done(summaries[-1])
    return summaries
