"""The feedback block of one failed check, as plain text: the one rendering every report uses."""

from .. import messages

__all__ = ["feedback_block", "exercise_notes", "STATUS_WORDS"]

STATUS_WORDS = {
    "passed": "passed", "failed": "property violated", "error": "your code raised or returned an invalid value",
    "crashed": "stopped", "not_implemented": "not implemented yet", "grader_error": "grader error (not your fault)",
}


def _indent(text, prefix="    "):
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def feedback_block(check):
    """What a student needs to fix one failed check (a CheckResult), as plain text lines."""
    lines = [f"{check.id} — {check.points:g}/{check.max_points:g} — {STATUS_WORDS.get(check.status, check.status)}"]
    if check.status == "not_implemented":
        lines.append(f"  {check.hint}")
        return "\n".join(lines)
    if check.mechanism:
        lines.append(f"  Mechanism: {check.mechanism}")
    if check.message:
        lines += ["  What happened:", _indent(check.message)]
    cx = check.counterexample
    if cx is not None:
        sizes = f" ({cx.sizes})" if cx.sizes else ""
        lines += [f"  Smallest input that shows it{sizes}:", _indent("\n".join(cx.call))]
        if cx.expected:
            lines += ["  Expected:", _indent(cx.expected)]
        if cx.received:
            lines += ["  Received:", _indent(cx.received)]
    if check.traceback:
        lines += ["  Your code's traceback:", _indent(check.traceback.rstrip())]
    if check.output:
        lines += ["  Your code printed:", _indent(check.output.rstrip()[-1500:])]
    if check.hint:
        lines.append(f"  Hint: {check.hint}")
    return "\n".join(lines)


def exercise_notes(exercise):
    """One line per note of an ExerciseResult, e.g. which of the student's functions were stood in for."""
    return [messages.note(f"stand_in/{n['own']}", exercise=exercise.exercise, function=n["stand_in"].split(".")[-1])
            for n in exercise.notes if "stand_in" in n]
