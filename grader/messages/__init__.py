"""Every word a student reads, by key, in a catalogue per language, so that a course can translate it.

Results hold keys and values, never sentences (``CheckResult.hint_key``, ``CheckResult.message``);
reports turn them into text in the language asked for, as late as possible. A catalogue is a
module with six dicts, each of {key: text with {placeholders}}:

- UI: the words of the reports themselves (headings, table columns, status words)
- WHAT: what went wrong, one line each (``say("compare/shape", what="ys", ...)``)
- MECHANISMS: each check's mechanism in one sentence, by check id
- HINTS: per check id, hints keyed by what went wrong (a property names the key when it fails)
- FAULT_HINTS: hints for faults any check can meet (an exception, a timeout, ...)
- NOTES: lines about how an exercise was graded

English (``en``) is complete; a key another catalogue lacks falls back to English, and
``tests/test_messages.py`` holds every catalogue to English's keys and placeholders.
"""

import string

from . import en, zh_TW

__all__ = ["LANGUAGES", "FAULTS", "say", "literal", "describe", "ui", "mechanism", "hint", "note"]

LANGUAGES = {"en": en, "zh-TW": zh_TW}
"""The catalogues, by the language tag a setting or ``--lang`` names."""

SECTIONS = ("UI", "WHAT", "MECHANISMS", "HINTS", "FAULT_HINTS", "NOTES")

FAULTS = frozenset(en.FAULT_HINTS)
"""The hint keys of faults any check can meet (an exception, a timeout, an aliased return, ...)."""


def _lookup(section, key, lang):
    """The text of key in the section of lang's catalogue, else English's, else None."""
    for catalogue in (LANGUAGES.get(lang, en), en):
        text = getattr(catalogue, section).get(key)
        if text:
            return text
    return None


class _Kept(dict):
    """Values for str.format_map: a placeholder without a value stays as it is written."""

    def __missing__(self, name):
        return "{" + name + "}"


def _fill(text, values):
    return string.Formatter().vformat(text, (), _Kept(values))


def say(key, /, **values):
    """A message of one line: the WHAT key and its values (each turned to str now, for JSON)."""
    return [[key, {k: str(v) for k, v in values.items()}]]


def literal(text):
    """A message of one line that is shown as it is in every language (e.g. the student's exception text)."""
    return say("text", text=text)


def describe(message, lang="en"):
    """The text of a message (a list of [key, values] lines, or a str kept from before keys)."""
    if isinstance(message, str):
        return message
    lines = []
    for key, values in message or ():
        text = _lookup("WHAT", key, lang)
        lines.append(_fill(text, values) if text is not None else " ".join([key, *values.values()]))
    return "\n".join(lines)


def ui(key, lang="en", /, **values):
    """A word or line of the reports (``UI``)."""
    return _fill(_lookup("UI", key, lang) or key, values)


def mechanism(check_id, lang="en"):
    """The mechanism sentence of a check ("" if none is written)."""
    for generic in ("contract", "responds"):
        if check_id.endswith("::" + generic):
            return _lookup("MECHANISMS", generic, lang)
    return _lookup("MECHANISMS", check_id, lang) or ""


def hint(check_id, key, lang="en"):
    """The hint for a check and a failure key, falling back to the check's default, then the generic one."""
    for catalogue in (LANGUAGES.get(lang, en), en):
        own = catalogue.HINTS.get(check_id, {})
        text = own.get(key) or catalogue.FAULT_HINTS.get(key)
        if text:
            return text
    return hint(check_id, "default", lang) if key != "default" else _lookup("FAULT_HINTS", "default", lang)


def note(key, lang="en", /, **values):
    """The text of a note (``NOTES``), its {placeholders} filled from values."""
    return _fill(_lookup("NOTES", key, lang), values)
