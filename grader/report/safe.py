"""Student text, made safe for the medium it is shown in.

Everything a submission controls (its name, file names, what it prints, its error
messages, notebook metadata) may carry payloads aimed at whoever reads the reports:
terminal escape sequences that rewrite a line, Markdown that closes a code block and
injects a link or an image, a spreadsheet formula. Each medium gets one function here,
and every renderer passes student text through it:

- ``plain``: for a terminal (and any plain text): control characters and bidirectional
  overrides removed, line breaks and tabs kept;
- ``fenced`` and ``code_span``: for Markdown: a code block or span that nothing inside can close;
- ``csv_cell``: for a spreadsheet: a cell that no spreadsheet evaluates (OWASP's CSV injection rule);
- HTML is escaped by ``html.escape`` where it is built (``grader.report.html``).
"""

import re

__all__ = ["plain", "fenced", "code_span", "csv_cell"]

_CONTROL = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]"                         # CSI sequences, whole
                      "|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?"             # OSC (titles, hyperlinks), whole
                      "|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text):
    """text without terminal control sequences, other control characters or bidirectional overrides
    (line breaks and tabs kept). A carriage return would let a line overwrite itself: it is removed too.

    >>> plain("dave: 0/162\\x1b[2K\\rdave: 162/162")
    'dave: 0/162dave: 162/162'
    """
    return _CONTROL.sub("", str(text))


def fenced(text, info="text"):
    """text as a Markdown code block whose fence no run of backticks inside it can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def code_span(text):
    """text (one line) as a Markdown code span that nothing inside can close.

    >>> code_span("a`b")
    '``a`b``'
    """
    text = " ".join(plain(text).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text):
    """A CSV cell that spreadsheets show as text: control characters removed, then one starting with
    = + - @ or a tab gets a leading apostrophe (OWASP).

    >>> csv_cell('=HYPERLINK("http://x", "y")')
    '\\'=HYPERLINK("http://x", "y")'
    """
    text = plain(text)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA) else text
