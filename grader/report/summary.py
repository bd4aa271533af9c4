"""summary.html: how a whole class did, for the course staff, as one self-contained page.

``class_statistics`` computes the numbers from a list of SubmissionResult;
``summary_html`` lays them out with plots (a score histogram and the most-failed
checks), embedded like those of ``feedback_html`` and optional in the same way.

Scores, the histogram and failure rates count only the submissions that could be
graded; those that could not (``result.error``) are counted and listed on their own,
since their zero says nothing about what the class understood. A check that is not
implemented yet counts as not passed in the failure rates, but not among the
mechanisms the class struggles with nor among the hints given: that it is unwritten
says nothing about the mechanism.
"""

import statistics
from collections import Counter

from .. import messages
from .html import esc, img, new_figure, page, percent, png_data_uri, NO_PLOTS

__all__ = ["class_statistics", "summary_html", "HISTOGRAM_BINS", "TOP_CHECKS"]

HISTOGRAM_BINS = 10          # bins of the score histogram, over 0-100% of the maximum
TOP_CHECKS = 15              # checks in the bar plot of the most-failed checks
TOP_STRUGGLES = 10           # mechanisms listed under "what the class struggles with"
_WRONG = ("failed", "error", "crashed")
_STATUSES = ("failed", "error", "crashed", "not_implemented", "grader_error")


def _histogram(percents):
    width = 100 / HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for p in percents:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(p // width)))] += 1
    return [{"low": round(k * width, 6), "high": round((k + 1) * width, 6), "count": n}
            for k, n in enumerate(counts)]


def class_statistics(results):
    """The numbers of a class summary, from a list of SubmissionResult, as a dict:

    - students: submissions given; graded: those that could be graded
    - ungraded: [{"name", "error"}] of those that could not, by name
    - scores: [{"name", "points", "max_points", "percent"}] of the graded ones, by name
    - mean, median (points) and mean_percent, median_percent; None when nothing was graded
    - histogram: [{"low", "high", "count"}], HISTOGRAM_BINS bins of the score in percent of
      the maximum (each bin holds low <= percent < high; the last one includes 100)
    - checks: per check id, {"id", "exercise", "mechanism", "graded", "passed", "not_passed",
      "failure_rate" (not_passed / graded), "wrong" (failed, error or crashed), and a count per
      status of _STATUSES}, most-failed first (then by id)
    - struggles: the checks most often got wrong (the "wrong" count, > 0), with their mechanism
      sentence, most first, at most TOP_STRUGGLES
    - hints: [{"hint", "count", "checks"}] the hints given for wrong checks, most given first;
      most_common_hint: the first of them, or None
    """
    results = list(results)
    graded = [r for r in results if not r.error]
    scores = sorted(({"name": r.name, "points": r.points, "max_points": r.max_points,
                      "percent": round(percent(r.points, r.max_points), 6)} for r in graded),
                    key=lambda s: s["name"])
    points = [s["points"] for s in scores]
    percents = [s["percent"] for s in scores]

    checks = {}
    hints = Counter()
    hint_checks = {}
    for r in graded:
        for c in r.checks:
            row = checks.setdefault(c.id, {"id": c.id, "exercise": c.exercise, "mechanism": messages.mechanism(c.id),
                                           "graded": 0, "passed": 0, "not_passed": 0, "wrong": 0,
                                           **{s: 0 for s in _STATUSES}})
            row["graded"] += 1
            if c.passed:
                row["passed"] += 1
                continue
            row["not_passed"] += 1
            row[c.status] = row.get(c.status, 0) + 1
            if c.status in _WRONG:
                row["wrong"] += 1
                if c.hint_key:
                    hint = messages.hint(c.id, c.hint_key)   # the instructor's summary is in English
                    hints[hint] += 1
                    hint_checks.setdefault(hint, set()).add(c.id)
    for row in checks.values():
        row["failure_rate"] = round(row["not_passed"] / row["graded"], 6) if row["graded"] else 0.0
    rows = sorted(checks.values(), key=lambda row: (-row["failure_rate"], -row["not_passed"], row["id"]))
    struggles = sorted((row for row in rows if row["wrong"]),
                       key=lambda row: (-row["wrong"] / row["graded"], -row["wrong"], row["id"]))[:TOP_STRUGGLES]
    hint_rows = [{"hint": h, "count": n, "checks": sorted(hint_checks[h])}
                 for h, n in sorted(hints.items(), key=lambda item: (-item[1], item[0]))]
    return {
        "students": len(results),
        "graded": len(graded),
        "ungraded": sorted(({"name": r.name, "error": r.error} for r in results if r.error),
                           key=lambda u: u["name"]),
        "scores": scores,
        "max_points": max((s["max_points"] for s in scores), default=0.0),
        "mean": round(statistics.fmean(points), 6) if points else None,
        "median": round(statistics.median(points), 6) if points else None,
        "mean_percent": round(statistics.fmean(percents), 6) if percents else None,
        "median_percent": round(statistics.median(percents), 6) if percents else None,
        "histogram": _histogram(percents),
        "checks": rows,
        "struggles": struggles,
        "hints": hint_rows,
        "most_common_hint": hint_rows[0] if hint_rows else None,
    }


def _bin_label(b):
    return f"{b['low']:g}–{b['high']:g}%"


def _light_frame(ax, *, grid):
    """Faint grid lines along one axis, behind the bars; no top or right spine."""
    ax.grid(True, axis=grid, color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _histogram_plot(stats):
    figure = new_figure(6.4, 2.8)
    if figure is None:
        return None
    from matplotlib.ticker import MaxNLocator

    ax = figure.add_subplot()
    bins = stats["histogram"]
    ax.bar([b["low"] for b in bins], [b["count"] for b in bins], width=[b["high"] - b["low"] for b in bins],
           align="edge", color="#2f81f7", edgecolor="white", linewidth=1.5)
    for b in bins:
        if b["count"]:
            ax.annotate(str(b["count"]), ((b["low"] + b["high"]) / 2, b["count"]), ha="center", va="bottom",
                        xytext=(0, 2), textcoords="offset points", fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xticks([b["low"] for b in bins] + [100])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(1, max(b["count"] for b in bins)) * 1.15)
    ax.set_xlabel("score (% of the maximum)")
    ax.set_ylabel("submissions")
    ax.set_title(f"Scores of the {stats['graded']} graded submissions", fontsize=10)
    _light_frame(ax, grid="y")
    return png_data_uri(figure)


def _failures_plot(stats):
    top = [row for row in stats["checks"] if row["not_passed"]][:TOP_CHECKS]
    figure = new_figure(7.2, 0.8 + 0.32 * max(1, len(top)))
    if figure is None or not top:
        return None
    ax = figure.add_subplot()
    labels = [row["id"] for row in top]
    wrong = [100 * row["wrong"] / row["graded"] for row in top]
    other = [100 * (row["not_passed"] - row["wrong"]) / row["graded"] for row in top]
    positions = range(len(top))
    ax.barh(positions, wrong, color="#cf222e", label="wrong (failed, error, crashed)")
    ax.barh(positions, other, left=wrong, color="#d4a72c", label="not implemented, grader error")
    for y, row in zip(positions, top):
        ax.annotate(f"{100 * row['failure_rate']:.0f}% ({row['not_passed']}/{row['graded']})",
                    (100 * row["failure_rate"], y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7)
    ax.set_yticks(list(positions), labels, fontsize=8, fontfamily="monospace")
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("submissions that did not pass (%)")
    ax.set_title(f"The {len(top)} most-failed checks", fontsize=10)
    _light_frame(ax, grid="x")
    if any(other):
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    return png_data_uri(figure)


def _card(value, label):
    return f'<div class="card"><div class="value">{esc(value)}</div><div class="label">{esc(label)}</div></div>'


def _figure(uri, alt, fallback):
    if uri:
        return f"<figure>{img(uri, alt)}</figure>"
    return f'<p class="box note">{esc(fallback)}</p>'


def summary_html(results):
    """The class summary of a list of SubmissionResult as a self-contained HTML page (a str)."""
    stats = class_statistics(results)
    plots = new_figure(1, 1) is not None
    fmt = lambda v: "–" if v is None else f"{v:.4g}"  # noqa: E731
    max_points = f" / {stats['max_points']:g}" if stats["max_points"] else ""
    body = ["<h1>Class summary</h1>",
            '<div class="cards">',
            _card(stats["students"], "submissions"),
            _card(stats["graded"], "graded"),
            _card(len(stats["ungraded"]), "could not be graded"),
            _card(fmt(stats["mean"]) + max_points, "mean score"),
            _card(fmt(stats["median"]) + max_points, "median score"),
            _card("–" if stats["mean_percent"] is None else f"{stats['mean_percent']:.0f}%", "mean, % of max"),
            "</div>"]

    body.append("<h2>Scores</h2>")
    if stats["graded"]:
        body.append(_figure(_histogram_plot(stats) if plots else None, "histogram of the scores", NO_PLOTS))
        body += ['<table class="histogram"><thead><tr><th>score</th><th class="num">submissions</th><th></th>'
                 "</tr></thead><tbody>"]
        most = max(b["count"] for b in stats["histogram"]) or 1
        for b in stats["histogram"]:
            bar = f'<span class="rate count" style="width:{8 * b["count"] / most:.2f}rem"></span>'
            body.append(f'<tr><td>{esc(_bin_label(b))}</td><td class="num">{b["count"]}</td><td>{bar}</td></tr>')
        body.append("</tbody></table>")
    else:
        body.append("<p>No submission could be graded.</p>")

    body.append("<h2>What the class struggles with</h2>")
    if stats["struggles"]:
        body.append("<p class=\"muted\">The checks most often got wrong (failed, raised or crashed; not counting "
                    "unimplemented functions), with the mechanism each one tests.</p>")
        body.append("<ol>")
        for row in stats["struggles"]:
            body.append(f"<li><code>{esc(row['id'])}</code> — wrong in <strong>{row['wrong']} of {row['graded']}"
                        f"</strong> ({100 * row['wrong'] / row['graded']:.0f}%)"
                        f"<blockquote>{esc(row['mechanism'] or 'no mechanism sentence for this check')}"
                        "</blockquote></li>")
        body.append("</ol>")
    else:
        body.append("<p>No check was got wrong by any graded submission.</p>")

    body.append("<h2>Hints given</h2>")
    top = stats["most_common_hint"]
    if top:
        body.append(f"<p>The most common hint, given <strong>{top['count']}</strong> "
                    f"time{'s' if top['count'] != 1 else ''} "
                    f"(on {', '.join(f'<code>{esc(c)}</code>' for c in top['checks'])}):</p>"
                    f'<blockquote class="top-hint">{esc(top["hint"])}</blockquote>')
        if len(stats["hints"]) > 1:
            body.append('<table><thead><tr><th class="num">given</th><th>hint</th></tr></thead><tbody>')
            body += [f'<tr><td class="num">{h["count"]}</td><td>{esc(h["hint"])}</td></tr>'
                     for h in stats["hints"][:10]]
            body.append("</tbody></table>")
    else:
        body.append("<p>No hint was given.</p>")

    body.append("<h2>Failure rate per check</h2>")
    if any(row["not_passed"] for row in stats["checks"]):
        body.append(_figure(_failures_plot(stats) if plots else None, "the most-failed checks", NO_PLOTS))
    if stats["checks"]:
        body.append('<table class="failures"><thead><tr><th>check</th><th class="num">not passed</th>'
                    '<th class="num">rate</th><th class="num">failed</th><th class="num">error</th>'
                    '<th class="num">crashed</th><th class="num">not impl.</th></tr></thead><tbody>')
        for row in stats["checks"]:
            body.append(f'<tr><td><code>{esc(row["id"])}</code></td>'
                        f'<td class="num">{row["not_passed"]} / {row["graded"]}</td>'
                        f'<td class="num">{100 * row["failure_rate"]:.0f}%</td>'
                        f'<td class="num">{row["failed"]}</td><td class="num">{row["error"]}</td>'
                        f'<td class="num">{row["crashed"]}</td><td class="num">{row["not_implemented"]}</td></tr>')
        body.append("</tbody></table>")

    body.append("<h2>Could not be graded</h2>")
    if stats["ungraded"]:
        body.append('<ul class="ungraded">')
        body += [f"<li><strong>{esc(u['name'])}</strong>: {esc(u['error'])}</li>" for u in stats["ungraded"]]
        body.append("</ul>")
    else:
        body.append("<p>Every submission could be graded.</p>")

    if stats["scores"]:
        body += ["<h2>Submissions</h2>",
                 '<table class="scores"><thead><tr><th>submission</th><th class="num">points</th>'
                 '<th class="num">%</th></tr></thead><tbody>']
        body += [f'<tr><td>{esc(s["name"])}</td><td class="num">{s["points"]:g} / {s["max_points"]:g}</td>'
                 f'<td class="num">{s["percent"]:.0f}%</td></tr>' for s in stats["scores"]]
        body.append("</tbody></table>")
    return page("Class summary", "\n".join(body))
