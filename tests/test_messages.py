"""The message catalogues: every language holds English's keys and placeholders, and every key the grader uses
has English text."""

import ast
import re
import string
from pathlib import Path

import pytest

from grader import messages
from grader.messages import en

GRADER = Path(messages.__file__).resolve().parents[1]
TRANSLATIONS = sorted(lang for lang in messages.LANGUAGES if lang != "en")
FLAT_SECTIONS = ("UI", "WHAT", "MECHANISMS", "FAULT_HINTS", "NOTES")


def _placeholders(text):
    """The {placeholders} of a text, as (name, conversion) pairs, or the error that parsing it raised."""
    try:
        return {(name, conversion) for _, name, _, conversion in string.Formatter().parse(text)
                if name is not None}
    except ValueError as exc:
        return f"unparsable: {exc}"


def _entries(catalogue, section):
    """{key: text} of a section; HINTS is flattened to {"check_id / failure_key": text}."""
    table = getattr(catalogue, section)
    if section != "HINTS":
        return dict(table)
    return {f"{check} / {key}": text for check, hints in table.items() for key, text in hints.items()}


def _problems(lang, section):
    catalogue = messages.LANGUAGES[lang]
    theirs = _entries(catalogue, section)
    problems = []
    for key, source in _entries(en, section).items():
        if key not in theirs:
            problems.append(f"{key}: missing")
            continue
        text = theirs[key]
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{key}: empty")
            continue
        if _placeholders(text) != _placeholders(source):
            problems.append(f"{key}: placeholders {_placeholders(text)} instead of English's {_placeholders(source)}")
    return problems


@pytest.mark.parametrize("section", (*FLAT_SECTIONS, "HINTS"))
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_has_every_english_key_with_its_placeholders(lang, section):
    problems = _problems(lang, section)
    assert not problems, f"{lang} {section}:\n" + "\n".join(problems)


@pytest.mark.parametrize("section", (*FLAT_SECTIONS, "HINTS"))
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_has_no_key_english_lacks(lang, section):
    stale = set(_entries(messages.LANGUAGES[lang], section)) - set(_entries(en, section))
    assert not stale, f"{lang} {section} has keys English does not (renamed or removed?): {sorted(stale)}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_defines_every_section(lang):
    catalogue = messages.LANGUAGES[lang]
    for section in messages.SECTIONS:
        assert isinstance(getattr(catalogue, section, None), dict), f"{lang} lacks the dict {section}"
    assert all(isinstance(hints, dict) for hints in catalogue.HINTS.values())


# ---------------------------------------------------------------- keys the grader's source uses


def _sources():
    return sorted(p for p in GRADER.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_say_key_has_english_text():
    used = {}
    for path in _sources():
        for key in re.findall(r'say\("([a-z_/]+)"', path.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(str(path.relative_to(GRADER.parent)))
    child = GRADER / "sandbox" / "_child.py"
    for key in re.findall(r'_BadValue\("([a-z_/]+)"', child.read_text(encoding="utf-8")):
        used.setdefault(key, set()).add(str(child.relative_to(GRADER.parent)))
    assert used, "no say() call found: has the grader's layout changed?"
    missing = {key: sorted(where) for key, where in used.items() if key not in en.WHAT}
    assert not missing, f"say() keys without English text in en.WHAT: {missing}"


def _literal_strings(node):
    """The string constants a hint expression can evaluate to ("x", "x" if c else "y", hint or "x")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literal_strings(node.body)
        yield from _literal_strings(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literal_strings(value)


def _hint_keys(path):
    """{hint key: line} of the literal hint keys in a properties module: hint="x" arguments and defaults,
    mismatch.hint = "x" and hint = "x" assignments."""
    keys = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        values = []
        if isinstance(node, ast.keyword) and node.arg == "hint":
            values.append(node.value)
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Attribute) and t.attr == "hint" or isinstance(t, ast.Name) and t.id == "hint"
                   for t in node.targets):
                values.append(node.value)
        elif isinstance(node, ast.arguments):
            args = node.posonlyargs + node.args
            for arg, default in zip(args[len(args) - len(node.defaults):], node.defaults):
                if arg.arg == "hint":
                    values.append(default)
            for arg, default in zip(node.kwonlyargs, node.kw_defaults):
                if arg.arg == "hint" and default is not None:
                    values.append(default)
        for value in values:
            for key in _literal_strings(value):
                keys.setdefault(key, getattr(value, "lineno", 0))
    return keys


def _checks_of(module):
    """The check ids a properties module's hint keys may belong to: its own checks, or any check for a helper
    module (contract, relations, compare) that serves every exercise."""
    own = [check for check in en.HINTS if check.startswith(module + ".")]
    return own or list(en.HINTS)


def test_every_hint_key_raised_by_properties_has_text():
    modules = sorted((GRADER / "properties").glob("*.py"))
    assert modules
    missing = []
    found = 0
    for path in modules:
        checks = _checks_of(path.stem)
        for key, line in sorted(_hint_keys(path).items()):
            found += 1
            expected = {en.FAULT_HINTS.get(key)} | {en.HINTS[check].get(key) for check in checks}
            expected.discard(None)
            texts = {messages.hint(check, key) for check in checks} | {messages.hint("?", key)}
            if not expected & texts:
                missing.append(f"{path.name}:{line}: hint key {key!r}")
    assert found, "no hint key found: has the properties' layout changed?"
    assert not missing, "hint keys without text in HINTS or FAULT_HINTS:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_rendering_a_translated_text_fills_its_placeholders(lang):
    line = messages.describe(messages.say("compare/shape", what="ys", received=(2, 3), expected=(3, 2)), lang)
    assert "ys" in line and "(2, 3)" in line and "(3, 2)" in line and "{" not in line
    assert messages.ui("passed/line", lang, exercise="rnn", points=3, max_points=4).startswith("✓")
