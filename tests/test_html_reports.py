"""feedback.html and summary.html: self-contained, escaped, with the feedback text, plots when matplotlib
is there (a note when it is not), and the class numbers right."""

import base64
import copy
import html
import importlib.util
import re
import sys

import pytest

from grader.config import Settings
from grader.grade import failed_submission, grade_submission
from grader.report import class_statistics, feedback_block, feedback_html, summary_html
from grader.report.feedback import feedback_blocks
from grader.report.html import NO_PLOTS, series_plot, series_problem
from grader.results import Counterexample

from corpus import CORRECT, SAMPLES

SETTINGS = Settings(exercises=("rnn.elman_forward", "lstm.lstm_cell"))
PNG = "data:image/png;base64,"
HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


@pytest.fixture(scope="module")
def graded():
    """The no_memory and correct samples graded, and a submission that could not be graded."""
    no_memory = grade_submission(path=f"{SAMPLES}/no_memory", settings=SETTINGS)
    correct = grade_submission(path=CORRECT, settings=SETTINGS)
    broken = failed_submission("mallory <b>", "submission=mallory: not a folder & <nothing> to read", SETTINGS)
    return no_memory, correct, broken


@pytest.fixture
def no_matplotlib(monkeypatch):
    """matplotlib (and every submodule already imported) made unimportable."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")] + ["matplotlib"]:
        monkeypatch.setitem(sys.modules, name, None)


def _anchor(check_id):
    """The id a check's feedback has in the page (the table's links point to it)."""
    return "check-" + re.sub(r"[^A-Za-z0-9_.-]", "-", check_id)


def _section(page, check_id):
    """The <section> of one failed check."""
    match = re.search(rf'<section class="check [^"]*" id="{re.escape(_anchor(check_id))}">(.*?)</section>', page, re.S)
    assert match, f"no section for {check_id}"
    return match.group(1)


def _self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert "http" not in page.lower()
    assert "<script" not in page.lower() and "url(" not in page.lower()
    for src in re.findall(r'src="([^"]*)"', page):
        assert src.startswith(PNG)
        assert base64.b64decode(src[len(PNG):]).startswith(b"\x89PNG\r\n\x1a\n")


def _forward_failures(result):
    """The failed checks that lead a root cause's block and have a series to plot (a block's other checks
    are named in it, with no section or plot of their own)."""
    leads = [b.lead for b in feedback_blocks(result)]
    return [c for c in leads if c.counterexample is not None and c.counterexample.series]


def test_feedback_page_holds_score_table_and_every_failed_checks_feedback(graded):
    no_memory, _, _ = graded
    page = feedback_html(no_memory)
    _self_contained(page)
    assert html.escape(f"{no_memory.points:g} / {no_memory.max_points:g}") in page
    for e in no_memory.exercises:
        row = re.search(rf"<tr><td><code>{re.escape(e.exercise)}</code></td>(.*?)</tr>", page, re.S).group(1)
        assert f"{e.points:g} / {e.max_points:g}" in row
        assert f"{sum(c.passed for c in e.checks)} / {len(e.checks)}" in row
    failed = [c for c in no_memory.checks if not c.passed]
    assert {c.id for c in failed} >= {"rnn.elman_forward::agrees", "rnn.elman_forward::order_matters"}
    blocks = feedback_blocks(no_memory)
    assert sorted(c.id for b in blocks for c in b.checks) == sorted(c.id for c in failed)   # each failure shown
    for b in blocks:
        section = _section(page, b.lead.id)
        for line in feedback_block(b.lead, "en", b.also, b.brief).splitlines()[1:]:
            assert html.escape(line.strip()) in section, line
        assert b.brief or html.escape(b.lead.mechanism_text()) in section
        assert html.escape(b.lead.hint_text()) in section
        assert all(f'id="{_anchor(c.id)}"' in page for c in b.also)   # the table's links reach the block
    assert "Every check passed" not in page


def test_failed_forward_pass_gets_a_plot(graded):
    pytest.importorskip("matplotlib")
    no_memory, _, _ = graded
    page = feedback_html(no_memory)
    forward = _forward_failures(no_memory)
    assert any(c.id == "rnn.elman_forward::agrees" for c in forward)
    for c in forward:
        assert f'<img src="{PNG}' in _section(page, c.id)
    assert "<img" not in _section(page, "rnn.elman_forward::order_matters")   # no series: no plot
    assert page.count("<img") == len(forward)
    assert NO_PLOTS not in page


def test_without_matplotlib_the_page_has_a_note_instead_of_plots(graded, no_matplotlib):
    no_memory, _, _ = graded
    page = feedback_html(no_memory)
    _self_contained(page)
    assert "<img" not in page
    for c in _forward_failures(no_memory):
        assert html.escape(NO_PLOTS) in _section(page, c.id)
    assert html.escape(no_memory.checks[0].mechanism_text()) in page or no_memory.checks[0].passed
    summary = summary_html(list(graded))
    assert "<img" not in summary and html.escape(NO_PLOTS) in summary


def test_correct_submission_and_ungradable_one(graded):
    _, correct, broken = graded
    page = feedback_html(correct)
    _self_contained(page)
    assert "Every check passed" in page and "What to fix" not in page
    page = feedback_html(broken)
    _self_contained(page)
    assert html.escape(broken.error) in page and broken.error not in page
    assert "<b>" not in page


def test_everything_from_the_submission_is_escaped(graded):
    result = copy.deepcopy(graded[0])
    result.name = "<script>alert(1)</script>"
    check = next(c for c in result.checks if not c.passed)
    check.message = [["text", {"text": 'values <b>differ</b> & "quote"'}]]
    result.warnings = ["<i>weak sandbox</i>"]
    page = feedback_html(result)
    _self_contained(page)
    for raw in (result.name, check.message_text(), result.warnings[0]):
        assert raw not in page and html.escape(raw) in page


def test_series_plot_survives_odd_received_values():
    pytest.importorskip("matplotlib")
    expected = [[0.0, 1.0], [1.0, 2.0], [2.0, 3.0]]
    nan = Counterexample(call=[], where="ys[1, 0]", series={"expected": expected,
                                                             "received": [[0, 1], [float("nan"), 2], [1e308 * 10, 3]]})
    assert "NaN" in series_problem(nan) and series_plot(nan, what="ys").startswith(PNG)
    short = Counterexample(call=[], where="hs[0, 0]", series={"expected": expected, "received": [[0.0], [1.0]]})
    assert "shape" in series_problem(short) and series_plot(short, what="hs").startswith(PNG)
    junk = Counterexample(call=[], where="hs[0, 0]", series={"expected": expected, "received": [["a", None]]})
    assert "not a table" in series_problem(junk) and series_plot(junk, what="hs").startswith(PNG)
    assert series_plot(Counterexample(call=[], series={"expected": "x", "received": []})) is None


def test_class_statistics(graded):
    no_memory, correct, broken = graded
    stats = class_statistics([no_memory, correct, broken])
    assert (stats["students"], stats["graded"]) == (3, 2)
    assert stats["ungraded"] == [{"name": broken.name, "error": broken.error}]
    assert stats["mean"] == pytest.approx((no_memory.points + correct.points) / 2)
    assert stats["median"] == pytest.approx((no_memory.points + correct.points) / 2)
    assert correct.points == correct.max_points and 0 < no_memory.points < no_memory.max_points
    share = 100 * no_memory.points / no_memory.max_points
    counts = [b["count"] for b in stats["histogram"]]
    assert len(counts) == 10 and sum(counts) == 2 and counts[9] == 1
    assert counts[int(share // 10)] == 1
    failed = {c.id for c in no_memory.checks if not c.passed}
    rows = {row["id"]: row for row in stats["checks"]}
    assert set(rows) == {c.id for c in correct.checks}
    for check_id, row in rows.items():
        assert row["graded"] == 2
        assert (row["not_passed"], row["failure_rate"]) == ((1, 0.5) if check_id in failed else (0, 0.0))
    assert [row["id"] for row in stats["checks"][:len(failed)]] == sorted(failed)
    assert {row["id"] for row in stats["struggles"]} == failed
    hints = [c.hint_text() for c in no_memory.checks if not c.passed]
    top = stats["most_common_hint"]
    assert top["count"] == max(hints.count(h) for h in hints) and top["hint"] in hints
    assert sum(h["count"] for h in stats["hints"]) == len(hints)
    empty = class_statistics([])
    assert empty["students"] == 0 and empty["mean"] is None and empty["most_common_hint"] is None


def test_summary_page(graded):
    no_memory, correct, broken = graded
    page = summary_html([no_memory, correct, broken])
    _self_contained(page)
    stats = class_statistics([no_memory, correct, broken])
    for b in stats["histogram"]:
        label = html.escape(f"{b['low']:g}–{b['high']:g}%")
        row = re.search(rf"<tr><td>{re.escape(label)}</td><td class=\"num\">(\d+)</td>", page)
        assert row and int(row.group(1)) == b["count"]
    failed = {c.id for c in no_memory.checks if not c.passed}
    table = re.search(r'<table class="failures">(.*?)</table>', page, re.S).group(1)
    for c in correct.checks:
        row = re.search(rf"<tr><td><code>{re.escape(html.escape(c.id))}</code></td>(.*?)</tr>", table).group(1)
        assert ("1 / 2" in row and "50%" in row) if c.id in failed else ("0 / 2" in row and "0%" in row)
    for check_id in failed:
        assert html.escape(next(c.mechanism_text() for c in no_memory.checks if c.id == check_id)) in page
    top = stats["most_common_hint"]
    assert html.escape(top["hint"]) in page and f"<strong>{top['count']}</strong>" in page
    ungraded = re.search(r'<ul class="ungraded">(.*?)</ul>', page, re.S).group(1)
    assert html.escape(broken.name) in ungraded and html.escape(broken.error) in ungraded
    assert broken.name not in page
    if HAVE_MATPLOTLIB:
        assert page.count(f'<img src="{PNG}') == 2      # the histogram and the most-failed checks
    assert summary_html([]).startswith("<!DOCTYPE html>")
