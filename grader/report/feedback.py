"""What every report shows of a submission's failures: one block per root cause, as plain text.

``feedback_blocks`` decides what is shown and in which order, once for all reports:

- an exercise whose every check still raises NotImplementedError is one line, not a block;
- one cause, one block: checks that fail for the same reason (a module that does not import, a
  function that timed out or crashed, the same exception or the same wrong value) are one block,
  shown on the first of them, with the others named on one line;
- within an exercise the most specific diagnosis comes first (a check that names the mechanism
  that broke), the generic ones after it (an exception, a wrong shape, the shared contract), and a
  check that is only "not credited" because of another is one line.

``feedback_block`` renders one block in a language (``grader.messages``).
"""

from dataclasses import dataclass, field

from .. import messages
from ..messages import describe, ui

__all__ = ["Block", "feedback_blocks", "feedback_block", "submission_notes", "not_implemented", "status_word"]

_GENERIC_HINTS = {"default", "exception", "bad_return", "fault", "partial", "ignores", "deterministic",
                  "crash", "import", "missing_module"}
"""Hint keys that say something went wrong without naming the mechanism."""
_GENERIC_CHECKS = {"contract", "responds"}
_MODULE_HINTS = {"import", "missing_module"}
"""Hint keys of a module that could not be imported: one block for the module, whatever it costs."""
_ROOT_CAUSES = {"return_order", "activation_ignored", "dependency_not_implemented", "mutated", "form/read_only"}
"""Hint keys that name a slip of the whole function: every check of its exercise failing with it is one block."""
_HEARD_SHOWN = 1500
"""Characters of one call's printed output shown in a block (the end is kept: the last prints lead to the failure)."""


@dataclass
class Block:
    """One root cause: the check it is shown on (lead) and the other checks it fails (also)."""

    lead: object
    also: list = field(default_factory=list)
    brief: bool = False
    """A block of the shared checks (contract, responds) after another block of the same exercise: shown
    without the mechanism every exercise shares."""

    @property
    def checks(self):
        return [self.lead, *self.also]


def status_word(status, lang="en"):
    return ui(f"status/{status}", lang)


def not_implemented(result):
    """The exercises whose every check still raises NotImplementedError (shown as one line each)."""
    return [e for e in result.exercises if e.checks and all(c.status == "not_implemented" for c in e.checks)]


def _cause(check):
    """What makes two failures one cause: a module's import, a stopped function, the same exception raised at
    the same line, the same kind of invalid value, a slip of the whole function, or the same fault shown."""
    if check.hint_key in _MODULE_HINTS:
        return ("import", repr(check.message))
    if check.status == "crashed":
        return ("crashed", check.exercise, repr(check.message))
    if check.hint_key == "not_credited":
        return ("not_credited", check.id)   # one line each, after the block of the check that costs it
    if check.hint_key in _ROOT_CAUSES:
        return (check.exercise, check.hint_key)
    first = check.message[0] if check.message and isinstance(check.message, list) else ["", {}]
    if check.hint_key == "exception":
        where = [line for line in check.traceback.splitlines() if line.lstrip().startswith("File ")][-1:]
        return (check.exercise, "exception", first[1].get("type"), tuple(where))
    if check.hint_key == "bad_return":
        return (check.exercise, "bad_return", tuple(key for key, _ in check.message))
    return (check.exercise, check.status, check.hint_key, repr(check.message), check.traceback)


def _rank(check):
    """Within an exercise: a slip of the whole function first (it explains the rest), then named mechanisms,
    then generic faults, then the shared contract, then checks only not credited."""
    return (check.hint_key == "not_credited", check.hint_key not in _ROOT_CAUSES,
            check.name in _GENERIC_CHECKS, check.hint_key in _GENERIC_HINTS)


def feedback_blocks(result):
    """The blocks of a SubmissionResult's failed checks, in the order shown (exercises in curriculum order)."""
    undone = {e.exercise for e in not_implemented(result)}
    failed = [c for e in result.exercises if e.exercise not in undone
              for c in sorted(e.checks, key=_rank) if not c.passed]
    blocks, by_cause = [], {}
    for check in failed:
        cause = _cause(check)
        if cause in by_cause:
            by_cause[cause].also.append(check)
        else:
            after = any(b.lead.exercise == check.exercise for b in blocks)
            by_cause[cause] = Block(check, brief=check.name in _GENERIC_CHECKS and after)
            blocks.append(by_cause[cause])
    return blocks


def _indent(text, prefix="    "):
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _names(checks, lead, lang):
    """The checks named as short as they can be read: by name within lead's exercise, by exercise and count
    outside it ("lstm.lstm_forward (11 checks)")."""
    whole = lead.hint_key in _MODULE_HINTS   # a module's block: every exercise by its count, the lead's too
    own = [] if whole else [c.name for c in checks if c.exercise == lead.exercise]
    others = {lead.exercise: 1} if whole else {}
    for c in checks:
        if c.exercise != lead.exercise or whole:
            others[c.exercise] = others.get(c.exercise, 0) + 1
    return ", ".join(own + [ui("block/exercise_checks", lang, exercise=e, n=n) for e, n in others.items()])


def feedback_block(check, lang="en", also=(), brief=False):
    """What a student needs to fix one failed check (a CheckResult), as plain text lines.

    also: the other checks that fail for the same cause (named on one line, not repeated);
    brief: without the mechanism (a generic block after a more specific one).
    """
    head = f"{check.id} — {check.points:g}/{check.max_points:g} — {status_word(check.status, lang)}"
    if check.hint_key in _MODULE_HINTS and also:   # the block of a module: what it costs, not the first check
        head = ui("block/module_head", lang, module=check.exercise.split(".")[0],
                  points=f"{sum(c.max_points for c in (check, *also)):g}", n=1 + len(also))
    lines = [head]
    hint = messages.hint(check.id, check.hint_key, lang) if check.hint_key else ""
    if check.status == "not_implemented":
        return "\n".join(lines + [f"  {hint}"])
    if check.hint_key == "not_credited":
        return "\n".join(lines + [f"  {describe(check.message, lang)}"])
    if also:
        lines.append("  " + ui("block/costs" if check.hint_key in _MODULE_HINTS or check.status == "crashed"
                               else "block/also", lang, checks=_names(also, check, lang)))
    mechanism = messages.mechanism(check.id, lang)
    if mechanism and not brief and check.hint_key not in (*_MODULE_HINTS, "crash"):
        lines.append("  " + ui("block/mechanism", lang, text=mechanism))
    if check.message:
        lines += ["  " + ui("block/what_happened", lang), _indent(describe(check.message, lang))]
    cx = check.counterexample
    if cx is not None and check.hint_key not in _MODULE_HINTS:
        sizes = f" ({cx.sizes})" if cx.sizes else ""
        lines += ["  " + ui("block/smallest_input", lang, sizes=sizes), _indent("\n".join(cx.call))]
        if cx.expected:
            lines += ["  " + ui("block/expected", lang), _indent(cx.expected)]
        if cx.received:
            lines += ["  " + ui("block/received", lang), _indent(cx.received)]
    if check.traceback:
        lines += ["  " + ui("block/traceback", lang), _indent(check.traceback.rstrip())]
    for heard in check.heard:
        if heard["printed"].strip():
            lines += ["  " + ui("block/heard", lang, call=heard["call"]),
                      _indent(heard["printed"].rstrip()[-_HEARD_SHOWN:])]
        if heard["warned"]:
            lines += ["  " + ui("block/warned", lang, call=heard["call"]), _indent("\n".join(heard["warned"]))]
    if check.output:
        lines += ["  " + ui("block/printed", lang), _indent(check.output.rstrip()[-_HEARD_SHOWN:])]
    if hint:
        lines.append("  " + ui("block/hint", lang, text=hint))
    return "\n".join(lines)


def submission_notes(result, lang="en"):
    """One line per function stood in for (``ExerciseResult.notes``), naming every exercise graded with it."""
    graded_with = {}
    for e in result.exercises:
        for n in e.notes:
            if "stand_in" in n:
                graded_with.setdefault((n["stand_in"].split(".")[-1], n["own"]), []).append(e.exercise)
    return [messages.note("public_cases", lang)] * result.public_only + [
        messages.note(f"stand_in/{own}", lang, exercises=", ".join(exercises), function=function)
        for (function, own), exercises in graded_with.items()]
