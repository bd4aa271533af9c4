"""feedback.html: a student's feedback as one self-contained web page, with plots.

The page holds the score, a table per exercise and, for each failed check, the same
text as every other report (``feedback_block``). A failed forward pass whose
counterexample carries a ``series`` also gets a plot of the student's output against
the reference over time: one colour per output unit, expected solid, received dashed.

Self-contained: inline CSS, plots as base64 PNG data URIs, no script, nothing fetched.
Every text that comes from the submission or the grader is escaped (``html.escape``).
matplotlib is optional (``pip install 'rnn-grader[reports]'``): without it the page is
written all the same, with a note where a plot would be. It is imported lazily and
only through its object-oriented API (``Figure`` + the Agg canvas), so rendering
touches neither pyplot's global state nor the process's backend.
"""

import base64
import gc
import html
import io
import math
import re
import textwrap

from .. import messages
from ..messages import ui
from .feedback import feedback_block, feedback_blocks, not_implemented, status_word, submission_notes

__all__ = ["feedback_html", "plots_available", "NO_PLOTS"]

NO_PLOTS = ("Plots are not shown: matplotlib is not installed on the machine that made this page "
            "(pip install 'rnn-grader[reports]').")

_CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
        --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff;
       font: 15px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
            font-size: .86rem; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem;
      margin: 0; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; }
table.histogram { width: auto; min-width: 22rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
.score { font-size: 1.15rem; margin: .25rem 0 .5rem; }
.meter { height: .6rem; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 999px;
         overflow: hidden; max-width: 24rem; }
.meter > div { height: 100%; background: var(--pass); }
.badge { display: inline-block; font-size: .78rem; font-weight: 600; padding: .05rem .5rem;
         border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.badge.passed { color: var(--pass); }
.badge.failed, .badge.error, .badge.crashed { color: var(--fail); }
.badge.not_implemented, .badge.grader_error, .badge.partial { color: var(--warn); }
.check { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px;
         padding: .9rem 1rem; margin: 0 0 1rem; }
.check.not_implemented, .check.grader_error { border-left-color: var(--warn); }
.check h3 code { font-size: .95rem; }
.points { color: var(--muted); font-weight: normal; }
figure { margin: .9rem 0 0; }
figure img { display: block; width: 42rem; max-width: 100%; height: auto; border: 1px solid var(--line);
             border-radius: 6px; }
figcaption { color: var(--muted); font-size: .85rem; margin-top: .3rem; }
.box { border-radius: 6px; padding: .6rem .9rem; margin: .75rem 0; }
.box.error { background: #ffebe9; border: 1px solid #ff818266; }
.box.note { background: #fff8c5; border: 1px solid #d4a72c66; }
.box.ok { background: #dafbe1; border: 1px solid #4ac26b66; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8.5rem; }
.card .value { font-size: 1.4rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: .85rem; }
.rate { display: inline-block; height: .55rem; background: var(--fail); border-radius: 2px;
        vertical-align: middle; }
.rate.count { background: #2f81f7; }
ul.tight { margin: .25rem 0; padding-left: 1.25rem; }
blockquote { margin: .5rem 0; padding: .4rem .9rem; border-left: 4px solid var(--line); color: var(--fg);
             background: var(--bg-soft); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
"""


def esc(text):
    """Any value as HTML text, escaped (quotes included, so it is safe in attributes too)."""
    return html.escape(str(text), quote=True)


def page(title, body):
    """A whole HTML document around ``body`` (already HTML), with the shared inline CSS."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n</body>\n</html>\n")


def plots_available():
    """True when matplotlib can be imported (the ``reports`` extra)."""
    return new_figure(1, 1) is not None


def new_figure(width, height):
    """A matplotlib Figure with an Agg canvas (no pyplot, no global backend), or None without matplotlib."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return None
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_data_uri(figure, *, dpi=150):
    """The figure as a ``data:image/png;base64,...`` URI."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def img(uri, alt):
    return f'<img src="{esc(uri)}" alt="{esc(alt)}">'


def percent(points, max_points):
    return 100.0 * points / max_points if max_points else 0.0


def _matrix(values):
    """values as a (T, units) list of rows of floats (non-finite as nan), or None when they are not a table."""
    if isinstance(values, (int, float)):
        values = [[values]]
    if not isinstance(values, (list, tuple)) or not values:
        return None
    rows = [row if isinstance(row, (list, tuple)) else [row] for row in values]
    out = []
    for row in rows:
        try:
            numbers = [float(v) for v in row]
        except (TypeError, ValueError):
            return None
        out.append([v if math.isfinite(v) else math.nan for v in numbers])
    return out


def _first_step(where):
    """The time step of "hs[1, 0]" (the first difference), or None."""
    match = re.search(r"\[(\d+)", where or "")
    return int(match.group(1)) if match else None


def series_plot(counterexample, *, what="output"):
    """A data URI of the expected-vs-received plot of a counterexample's series, or None.

    None when matplotlib is missing or the series cannot be drawn (see ``series_problem``), also
    when matplotlib fails on the values (finite but near the float limit overflow its scaling):
    a plot is an extra, never a reason to lose a report.
    """
    try:
        return _series_plot(counterexample, what)
    except (ArithmeticError, ValueError, RuntimeError, OverflowError):
        return None


def _series_plot(counterexample, what):
    expected = _matrix((counterexample.series or {}).get("expected"))
    received = _matrix((counterexample.series or {}).get("received"))
    if expected is None:
        return None
    figure = new_figure(6.4, 2.8)
    if figure is None:
        return None
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    ax = figure.add_subplot()
    colours = [f"C{k % 10}" for k in range(max(len(r) for r in expected + (received or [[]])))]
    units = len(colours)
    steps = max(len(expected), len(received or []))
    dots = steps <= 20
    width = 2 if units <= 4 else 1.3
    for k in range(units):
        column = [(t, row[k]) for t, row in enumerate(expected) if k < len(row)]
        if column:
            ax.plot(*zip(*column), color=colours[k], linestyle="-", marker="o" if dots else None, markersize=5,
                    linewidth=width, alpha=0.9)
        column = [(t, row[k]) for t, row in enumerate(received or []) if k < len(row)]
        if column:
            ax.plot(*zip(*column), color=colours[k], linestyle="--", marker="x" if dots else None, markersize=7,
                    linewidth=width)
    first = _first_step(counterexample.where)
    handles = [Line2D([], [], color="0.25", linestyle="-", marker="o", markersize=5, label="expected"),
               Line2D([], [], color="0.25", linestyle="--", marker="x", markersize=7, label="received (yours)")]
    if first is not None and first < steps:
        ax.axvline(first, color="0.55", linestyle=":", linewidth=1.2, zorder=0)
        handles.append(Line2D([], [], color="0.55", linestyle=":", label=f"first difference (t={first})"))
    if 1 < units <= 10:
        handles += [Line2D([], [], color=colours[k], linewidth=3, label=f"unit {k}") for k in range(units)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8, handlelength=3)
    if steps <= 20:
        ax.set_xticks(range(steps))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(-0.4, steps - 0.6)
    ax.set_xlabel("time step t")
    ax.set_ylabel(what)
    ax.set_title(f"{what} over time: expected (solid) vs received (dashed)", fontsize=10)
    ax.grid(True, color="0.9", linewidth=0.8)
    ax.margins(y=0.15)
    return png_data_uri(figure)


def series_problem(counterexample):
    """Why (part of) a series is not drawn, in words, or ""."""
    series = counterexample.series or {}
    received = _matrix(series.get("received"))
    if received is None:
        return "Your output could not be drawn: it is not a table of numbers (one row per time step)."
    if any(math.isnan(v) for row in received for v in row):
        return "Your output has NaN or infinite values; they are left out of the plot."
    expected = _matrix(series.get("expected"))
    if expected is not None and (len(received) != len(expected)
                                 or any(len(a) != len(b) for a, b in zip(received, expected))):
        return "Your output does not have the expected shape; it is drawn as far as it goes."
    return ""


def _value_name(counterexample):
    what = (counterexample.where or "").split("[")[0].strip()
    return what.split(" ")[0] if what else "output"


def _badge(status, lang):
    return f'<span class="badge {esc(status)}">{esc(status_word(status, lang))}</span>'


def _anchor(check_id):
    return "check-" + re.sub(r"[^A-Za-z0-9_.-]", "-", check_id)


def _check_section(block, plots, lang):
    """One root cause: its feedback block (the heading is the block's first line) and its plot."""
    check = block.lead
    rest = textwrap.dedent(feedback_block(check, lang, block.also, block.brief).partition("\n")[2])
    anchors = "".join(f'<a id="{esc(_anchor(c.id))}"></a>' for c in block.also)
    out = [f'<section class="check {esc(check.status)}" id="{esc(_anchor(check.id))}">{anchors}',
           f'<h3><code>{esc(check.id)}</code> {_badge(check.status, lang)} '
           f'<span class="points">{esc(f"{check.points:g} / {check.max_points:g} points")}</span></h3>']
    if rest:
        out.append(f"<pre>{esc(rest)}</pre>")
    cx = check.counterexample
    if cx is not None and cx.series:
        what = _value_name(cx)
        uri = series_plot(cx, what=what) if plots else None
        problem = series_problem(cx)
        if uri:
            caption = (f"{what} on the smallest input above: the reference's values (solid) and yours (dashed), "
                       f"one colour per unit, over the time steps t.")
            out.append(f"<figure>{img(uri, f'{what} over time, expected vs received')}"
                       f"<figcaption>{esc(caption + (' ' + problem if problem else ''))}</figcaption></figure>")
        else:
            why = NO_PLOTS if not plots else "This output could not be plotted. " + problem
            out.append(f'<p class="box note">{esc(why.strip())}</p>')
    out.append("</section>")
    return "\n".join(out)


def _exercise_rows(result, lang):
    rows = []
    for e in result.exercises:
        n = sum(c.passed for c in e.checks)
        if e.passed:
            state = _badge("passed", lang)
        elif all(c.status == "not_implemented" for c in e.checks):
            state = _badge("not_implemented", lang)
        else:
            links = ", ".join(f'<a href="#{esc(_anchor(c.id))}">{esc(c.name)}</a>'
                              for c in e.checks if not c.passed)
            state = links if not result.error else '<span class="muted">not graded</span>'
        rows.append(f"<tr><td><code>{esc(e.exercise)}</code></td>"
                    f'<td class="num">{esc(f"{e.points:g} / {e.max_points:g}")}</td>'
                    f'<td class="num">{n} / {len(e.checks)}</td><td>{state}</td></tr>')
    return rows


def feedback_html(result, lang="en"):
    """The feedback of a SubmissionResult as a self-contained HTML page (a str)."""
    share = percent(result.points, result.max_points)
    points = ui("report/score", lang, points=f"{result.points:g}", max_points=f"{result.max_points:g}")
    body = [f"<h1>{esc(ui('report/feedback_for', lang, name=result.name))}</h1>",
            f'<p class="score"><strong>{esc(points)}</strong> '
            f'<span class="muted">({share:.0f}%)</span></p>',
            f'<div class="meter" role="img" aria-label="{share:.0f}%"><div style="width:{share:.1f}%"></div></div>']
    if result.error:
        body.append(f'<p class="box error">{esc(ui("report/not_graded", lang))} {esc(result.error)}</p>')
    for w in result.warnings:
        body.append(f'<p class="box note">{esc(ui("report/note", lang, text=w))}</p>')
    heads = "".join(f'<th{" class=num" if k != "table/exercise" else ""}>{esc(ui(k, lang))}</th>'
                    for k in ("table/exercise", "table/points", "table/checks_passed"))
    body += ["<h2>" + esc(ui("report/exercises", lang)) + "</h2>",
             f"<table><thead><tr>{heads}<th>{esc(ui('report/to_fix', lang))}</th></tr></thead><tbody>",
             *_exercise_rows(result, lang), "</tbody></table>"]
    body += [f'<p class="box note">{esc(line)}</p>' for line in submission_notes(result, lang)]
    blocks, undone = feedback_blocks(result), not_implemented(result)
    if (blocks or undone) and not result.error:
        if blocks:
            plots = plots_available()
            body.append(f"<h2>{esc(ui('report/what_to_fix', lang))}</h2>")
            body += [_check_section(b, plots, lang) for b in blocks]
            if plots:
                gc.collect()   # matplotlib figures are webs of cycles: free them now, or memory grows per student
        if undone:
            hint = messages.hint(undone[0].checks[0].id, "not_implemented", lang)
            names = ", ".join(f"<code>{esc(e.exercise)}</code>" for e in undone)
            body += [f"<h2>{esc(status_word('not_implemented', lang))}</h2>",
                     f"<p>{names} — {esc(hint)}</p>"]
    elif not result.error:
        body.append(f'<p class="box ok">{esc(ui("report/all_passed", lang))}</p>')
    if result.grader_version:
        body.append(f"<footer>rnn-grader {esc(result.grader_version)}</footer>")
    return page(ui("report/feedback_for", lang, name=result.name), "\n".join(body))
