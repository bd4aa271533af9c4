"""results.json in Gradescope's autograder format: a score and one test per check.

Every test's tags include the exercise's qualified name ("rnn.elman_forward"),
so that per-exercise totals can be read back from the tests.
"""

from .feedback import exercise_notes, feedback_block

__all__ = ["gradescope_results"]


def gradescope_results(result):
    """The Gradescope results dict of a SubmissionResult (json.dump it to results.json)."""
    tests = []
    for c in result.checks:
        tests.append({
            "name": c.id,
            "score": c.points,
            "max_score": c.max_points,
            "status": "passed" if c.passed else "failed",
            "output": "" if c.passed else feedback_block(c),
            "visibility": "visible",
            "tags": [c.exercise, c.exercise.split(".")[0], c.name],
        })
    notes = [line for e in result.exercises for line in exercise_notes(e)]
    out = {"score": result.points, "tests": tests,
           "output": "\n".join([f"{result.points:g} / {result.max_points:g} points", *notes]),
           "visibility": "visible", "stdout_visibility": "hidden"}
    if result.error:
        out["output"] = f"This submission could not be graded: {result.error}"
    return out
