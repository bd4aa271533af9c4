"""gradebook.csv: a row per student, a column per exercise, safe to open in any spreadsheet."""

import csv
import io

from .safe import csv_cell

__all__ = ["gradebook_csv"]


def gradebook_csv(results, failed):
    """student, a column per exercise (points), total, max_points, error; the student's id and the error as
    cells no spreadsheet evaluates (``grader.report.safe.csv_cell``); failed: {name: why} not graded."""
    exercises = list(dict.fromkeys(e.exercise for r in results for e in r.exercises))
    rows = [["student", *exercises, "total", "max_points", "error"]]
    for r in results:
        points = {e.exercise: f"{e.points:g}" for e in r.exercises}
        rows.append([csv_cell(r.name), *(points.get(e, "") for e in exercises), f"{r.points:g}",
                     f"{r.max_points:g}", csv_cell(r.error)])
    rows += [[csv_cell(name), *([""] * len(exercises)), "", "", csv_cell(f"not graded (grader error, run again): {why}")]
             for name, why in sorted(failed.items())]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue()
