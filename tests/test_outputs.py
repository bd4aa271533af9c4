"""A class folder is assembled from what students upload: names, files and printed text are the
attacker's. Every student is graded, under a safe folder; nothing reaches the instructor's terminal,
the Markdown, the CSV or the HTML unescaped; nothing the child sends is amplified; a report that
fails never costs a grade; results are regraded exactly when what they depend on changed."""

import csv
import doctest
import json
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import zipfile

import numpy as np
import pytest

import grader.batch
import grader.report.safe
from corpus import CORRECT, make_submission
from grader.batch import folder_names, grade_batch
from grader.report import render_reports
from grader.config import Settings
from grader.load import is_class_folder
from grader.errors import UsageError

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEW = ("rnn.activation", "rnn.elman_forward")
COURSE = f"exercises = {list(FEW)}\n"
FULL = sum(points for _, points, _ in Settings(exercises=FEW).checks())
ESC = "\x1b[2K\r\x1b[32m"
MARKDOWN = "```\n</pre><img src=x onerror=alert(1)> [click](javascript:alert(2))\n```"


def test_the_safe_renderers_doctests():
    for module in (grader.report.safe, grader.batch):
        assert doctest.testmod(module).failed == 0


def test_folder_names_are_safe_unique_and_stable():
    ids = ["alice", "Alice", "ALICE", "../../etc", "a/b", "bob\nsmith", "gradebook.csv", "Summary.html",
           "course.secret", "gradebook.sqlite-wal", ".hidden", "x" * 300, "Ünïcödé", "학생", "", " ", "W_hh"]
    names = folder_names(ids)
    assert len({n.lower() for n in names.values()}) == len(ids)              # unique, whatever the case rules
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", n) for n in names.values()), names
    assert names == folder_names(list(reversed(ids)))                        # stable: not the order
    assert names["W_hh"] == "W_hh" and folder_names(["alice", "bob"]) == {"alice": "alice", "bob": "bob"}


def _zip_with_escapes(path):
    with zipfile.ZipFile(path, "w") as archive:
        for name in os.listdir(CORRECT):
            if name.endswith(".py"):
                archive.write(os.path.join(CORRECT, name), f"dave{ESC}/{name}")
        archive.writestr(f"dave{ESC}/notes{ESC}.txt", "x")


def _hostile_class(root):
    """Every kind of hostile entry of issue 12 beside honest students."""
    make_submission(root, "alice")
    make_submission(root, "Alice")                                            # differs only by case
    make_submission(root, "gradebook.csv")                                    # named like an output
    make_submission(root, '=HYPERLINK("evil.example";"click")')              # a formula as an id
    make_submission(root, f"eve {ESC}Ünïcode")                                # spaces, escapes, unicode
    make_submission(root, "mallory", {"rnn": f'''
print({ESC!r} + "mallory: 162/162 points" + {MARKDOWN!r})
def elman_forward(*args, **kwargs):
    raise ValueError({ESC!r} + {MARKDOWN!r})
'''})
    _zip_with_escapes(root / "dave.zip")
    notebook = {"nbformat": 4, "nbformat_minor": 5, "cells": [],
                "metadata": {"kernelspec": {"language": f"{ESC}ruby{MARKDOWN}", "name": ESC,
                                               "display_name": f"{ESC}{MARKDOWN}"}}}
    (root / "nora.ipynb").write_text(json.dumps(notebook))                    # escapes in notebook metadata
    shutil.copy(os.path.join(CORRECT, "rnn.py"), root / "rnn.py")              # a stray student file
    (root / "graded_before").mkdir()                                          # an earlier output folder
    (root / "graded_before" / "gradebook.sqlite").write_bytes(b"")
    return sorted(p.name for p in root.iterdir() if p.name != "graded_before")


def _outside_fences(markdown):
    """The Markdown text that is not inside a fenced code block."""
    out, fence = [], None
    for line in markdown.split("\n"):
        marker = re.match(r"(`{3,})", line)
        if fence is None and marker:
            fence = marker.group(1)
        elif fence is not None and line == fence:
            fence = None
        elif fence is None:
            out.append(line)
    return "\n".join(out)


def test_a_hostile_class_grades_every_student_and_injects_nothing(tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    students = _hostile_class(klass)
    with pytest.raises(UsageError, match=r"ambiguous: it holds rnn\.py like one submission, and .* like a "
                                              r"class of submissions\. Pass --single .* or --class"):
        is_class_folder(str(klass))
    config = tmp_path / "course.toml"
    config.write_text(COURSE)
    out = tmp_path / "out"
    secret = tmp_path / "course.secret"
    secret.write_bytes(bytes(range(32)))   # one course: the same fresh cases in every gradebook below
    command = [sys.executable, "-m", "grader", "grade", str(klass), "--config", str(config), "--jobs", "2",
               "--secret", str(secret), "--out", str(out)]
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "--class" in refused.stdout and not out.exists()
    done = subprocess.run(command + ["--class"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "\x1b" not in done.stdout and "\r" not in done.stdout
    assert "graded_before: written by the grader" in done.stdout
    assert not re.search(r"mallory: 162/162|dave\S*: 162/162", done.stdout.replace(f"{FULL:g}/{FULL:g}", ""))
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    ids = [row[0] for row in rows[1:]]
    assert len(ids) == len(students) == len(set(ids))
    assert all(not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row
               if cell and not re.fullmatch(r"[\d.]+", cell))
    assert "'=HYPERLINK(\"evil.example\";\"click\")" in ids and not any("\x1b" in i for i in ids)
    folders = {p.name for p in out.iterdir() if p.is_dir()}
    assert len(folders) == len(students)
    assert all((out / f / "feedback.md").is_file() for f in folders)
    for folder in folders:
        feedback = (out / folder / "feedback.md").read_text(encoding="utf-8")
        visible = _outside_fences(feedback)
        assert "<img" not in visible and "javascript:" not in visible and "\x1b" not in visible, folder
        assert "onerror" not in (out / folder / "feedback.html").read_text(encoding="utf-8").replace(
            "onerror=alert(1)&gt;", "")
    mallory = json.loads((out / "mallory" / "results.json").read_text(encoding="utf-8"))
    assert 0 < mallory["score"] < FULL
    scores = {row[0]: row[-3] for row in rows[1:]}
    honest = [i for i in ids if i not in ("mallory", "nora")]
    _killed_and_resumed_is_identical(command[:-2] + ["--class"], out, tmp_path / "resumed")
    errors = {row[0]: row[-1] for row in rows[1:]}
    assert float(scores["nora"]) == 0 and "a notebook in" in errors["nora"] and "\x1b" not in errors["nora"]
    assert all(float(scores[i]) == FULL for i in honest), scores


def _killed_and_resumed_is_identical(command, whole, resumed):
    """The command (without --out) killed after two submissions are recorded, then run again, leaves the
    gradebook that the whole run left in ``whole``."""
    from test_class_grading import _gradebook_rows, kill_once_recorded
    command = command + ["--out", str(resumed)]
    book = resumed / "gradebook.sqlite"
    kill_once_recorded(command, book, 2)
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout[-2000:]
    assert _gradebook_rows(str(book)) == _gradebook_rows(str(whole / "gradebook.sqlite"))


# ------------------------------------------------------------ nothing the child sends is amplified

HUGE_ERROR = """
import __main__
def _huge(exc, workdir):   # as large as a reply's header may be (grader.sandbox._wire.MAX_HEADER)
    return {"ok": False, "error": {"type": "T" * 2**16, "message": "M" * 700_000, "traceback": "B" * 200_000}}
__main__._error_header = _huge     # a subverted child: its replies are whatever it wants
def elman_forward(*args, **kwargs):
    raise ValueError("x")
"""

HUGE_ARRAYS = """
import numpy as np
def elman_forward(*args, **kwargs):   # as large as a reply may be (grader.sandbox._wire.MAX_FRAME)
    return np.zeros((3_900_000, 1)), np.zeros((3_900_000, 1))
"""


MEASURE = """
import json, resource, sys
from grader.report import render_reports
from grader.config import load_settings
from grader.grade import grade_submission
settings = load_settings(sys.argv[1])
out = {}
for path in sys.argv[2:]:
    reports = render_reports(grade_submission(path=path, settings=settings))
    out[path] = {"bytes": sum(len(t.encode()) for t in reports.values()), "feedback": reports["feedback.md"]}
print(json.dumps({"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "reports": out}))
"""


def test_the_largest_message_the_channel_allows_is_capped_by_the_grader(tmp_path):
    """The grader process (not the child, whose memory has its own limit) stays small, and so do the reports."""
    klass = tmp_path / "class"
    make_submission(klass, "flood", {"rnn": HUGE_ERROR})
    make_submission(klass, "flood_arrays", {"rnn": HUGE_ARRAYS})
    config = tmp_path / "course.toml"
    config.write_text(COURSE + "[limits]\nexercise_seconds = 3\n")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(config), str(klass / "flood"), str(klass / "flood_arrays")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.splitlines()[-1])
    assert measured["peak_mib"] < 300, measured["peak_mib"]
    reports = measured["reports"]
    assert all(r["bytes"] < 2 * 2**20 for r in reports.values()), {p: r["bytes"] for p, r in reports.items()}
    assert "more characters not shown" in reports[str(klass / "flood")]["feedback"]


# ------------------------------------------------------------ a report that fails never costs a grade

def test_a_report_that_fails_is_replaced_and_the_grade_is_kept(tmp_path, monkeypatch):
    from grader.grade import grade_submission
    result = grade_submission(path=CORRECT, settings=Settings(exercises=("rnn.activation",)))

    def broken(*_):
        raise OverflowError("cannot draw 1.7e308")

    monkeypatch.setitem(grader.report.SUBMISSION_REPORTS, "feedback.html", broken)
    reports = render_reports(result)
    assert "feedback.html" in reports and "OverflowError" in reports["feedback.html"]
    assert f"{result.points:g} / {result.max_points:g} points" in reports["feedback.html"]
    assert json.loads(reports["results.json"])["score"] == result.points      # the others are whole


def test_outputs_near_the_float_limit_are_graded_and_reported(tmp_path):
    klass = tmp_path / "class"
    make_submission(klass, "huge", {"rnn": '''
import numpy as np
def elman_forward(xs, h0, W_xh, W_hh, b_h, W_hy, b_y, activation_name="tanh"):
    T = len(xs)
    return np.full((T, len(b_y)), 1.7e308), np.full((T, len(b_h)), -1.7e308)
'''})
    batch = grade_batch(paths=[str(klass / "huge")], out=str(tmp_path / "out"), settings=Settings(exercises=FEW))
    assert batch.graded == ["huge"] and not batch.failed
    assert (tmp_path / "out" / "huge" / "feedback.html").stat().st_size > 0


# ------------------------------------------------------------ regraded exactly when needed

def test_a_change_to_the_grader_or_the_reference_code_changes_the_settings_hash(tmp_path):
    for package in ("grader", "reference"):
        shutil.copytree(os.path.join(ROOT, package), tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    code = ("from grader.gradebook import settings_hash; from grader.config import Settings; "
            "print(settings_hash(Settings()))")

    def current():
        return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                              check=True).stdout.strip()

    first = current()
    assert current() == first
    with open(tmp_path / "reference" / "rnn.py", "a") as f:
        f.write("\n# a fix\n")
    second = current()
    with open(tmp_path / "grader" / "score.py", "a") as f:
        f.write("\n# another fix\n")
    assert len({first, second, current()}) == 3


# ------------------------------------------------------------ no kernel state shared between submissions

_SYSCALLS = {"x86_64": (248, 250), "aarch64": (217, 219)}.get(platform.machine())

LEAVE_KEY = '''
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
ADD_KEY = {add}
libc.syscall(ctypes.c_long(ADD_KEY), b"user", b"rnn-grader-leak", b"the answers", ctypes.c_size_t(11),
             ctypes.c_long(-4))       # the uid's user keyring
libc.syscall(ctypes.c_long(ADD_KEY), b"user", b"rnn-grader-leak", b"the answers", ctypes.c_size_t(11),
             ctypes.c_long(-3))       # the session keyring
'''

READ_KEY = '''
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
KEYCTL, SEARCH, READ = {keyctl}, 10, 11
found = []
for ring in (-4, -5, -3):
    key = libc.syscall(ctypes.c_long(KEYCTL), ctypes.c_long(SEARCH), ctypes.c_long(ring), b"user",
                       b"rnn-grader-leak", ctypes.c_long(0))
    if key > 0:
        buffer = ctypes.create_string_buffer(64)
        n = libc.syscall(ctypes.c_long(KEYCTL), ctypes.c_long(READ), ctypes.c_long(key), buffer, ctypes.c_long(64))
        found.append(buffer.raw[:max(n, 0)].decode())
def activation(v, name):
    raise RuntimeError(f"keys found: {{found}}")
'''


@pytest.mark.skipif(_SYSCALLS is None, reason="keyctl numbers known for x86_64 and aarch64 only")
def test_a_submission_cannot_leave_kernel_keys_for_the_next_one(tmp_path):
    add, keyctl = _SYSCALLS
    klass = tmp_path / "class"
    make_submission(klass, "a_writer", {"rnn": LEAVE_KEY.format(add=add)})
    make_submission(klass, "b_reader", {"rnn": READ_KEY.format(keyctl=keyctl)})
    batch = grade_batch(paths=[str(klass / "a_writer"), str(klass / "b_reader")], out=str(tmp_path / "out"),
                        settings=Settings(exercises=("rnn.activation",)), jobs=1)   # one worker: one uid
    reader = next(r for r in batch.results if r.name == "b_reader")
    messages = " ".join(c.message_text() for c in reader.checks)
    assert "keys found: []" in messages and "the answers" not in messages


# ------------------------------------------------------------ the child never reads an answer ahead

def _leaves(tree):
    if isinstance(tree, np.ndarray):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _leaves(value)
    elif isinstance(tree, (list, tuple)):
        for value in tree:
            yield from _leaves(value)


_CASES = 12
"""Cases of each check looked at (the first ones: the smallest, where coincidences are likeliest)."""


def test_a_planned_call_whose_arguments_hold_an_earlier_answer_is_never_sent_ahead_of_it():
    """Oracle: the bytes of an argument (of two values or more, not in the case itself) appear among the
    bytes of what the reference returned to an earlier call of the same case. Every such call must be
    marked as depending on the answers."""
    import reference
    from grader.cases import replay
    from grader.properties import CHECKS
    from grader.sandbox._wire import decode_request
    shown = 0
    for check in CHECKS:
        if check.strategy is None:
            continue
        cases, plan = replay(check, check.examples, reference)
        for case, calls in list(zip(cases, plan))[:_CASES]:
            answers = b""
            given = b"".join(np.asarray(a, dtype=float).tobytes() for a in _leaves(case))
            for planned in calls:
                args, kwargs = decode_request(planned.payload)
                leaves = [a for a in _leaves([args, kwargs]) if np.unique(a).size >= 2]   # not a coincidence
                if any(a.tobytes() in answers and a.tobytes() not in given for a in leaves):
                    shown += 1
                    assert planned.depends, f"{check.id}: {planned.module}.{planned.function}"
                value = getattr(getattr(reference, planned.module), planned.function)(*args, **kwargs)
                answers += b"".join(np.asarray(a, dtype=float).tobytes() for a in _leaves([value]))
                answers += b"".join(np.float64(v).tobytes() for v in ([value] if np.isscalar(value) else []))
    assert shown > 0   # the catalogue has such calls: the oracle is not vacuous


class _RecordingSandbox:
    """Stands in for a Sandbox: answers every call with the reference's value and records the order in
    which requests are sent and replies read."""

    def __init__(self):
        self.events, self.tickets, self.curriculum, self.on_callback = [], {}, {}, None

    def submit(self, message, what, *, encoded=False):
        request = pickle.loads(message)
        ticket = len(self.tickets) + 1
        self.tickets[ticket] = request
        self.events.append(("send", ticket, request["payload"]))
        return ticket

    def collect(self, ticket):
        import reference
        request = self.tickets[ticket]
        self.events.append(("read", ticket, request["payload"]))
        args, kwargs = pickle.loads(request["payload"])
        value = getattr(getattr(reference, request["module"]), request["function"])(*args, **kwargs)
        return _reply(value)

    def call(self, module, function, args, kwargs, spec, *, payload=None):
        ticket = self.submit(pickle.dumps({"module": module, "function": function, "payload": payload}), "")
        return self.collect(ticket)

    def discard(self, ticket):
        pass

    def import_module(self, module):
        return None

    def set_substitutes(self, keys):
        pass


def _reply(value):
    arrays = []

    def tree(v):
        if isinstance(v, tuple):
            return [tree(x) for x in v]
        if isinstance(v, dict):
            return {k: tree(x) for k, x in v.items()}
        arrays.append(np.asarray(v, dtype=float))
        return len(arrays) - 1
    return {"ok": True, "value": tree(value)}, arrays


def test_the_proxy_sends_a_dependent_call_only_after_the_answers_it_shows_are_read():
    import reference
    from grader.cases import replay
    from grader.properties import CHECKS
    from grader.sandbox.proxy import StudentImplementation
    checked = 0
    for check in CHECKS:
        if check.strategy is None:
            continue
        cases, plan = replay(check, check.examples, reference)
        if not any(p.depends and n for calls in plan for n, p in enumerate(calls)):
            continue
        cases, plan = cases[:_CASES], plan[:_CASES]
        sandbox = _RecordingSandbox()
        impl = StudentImplementation(sandbox, reference)
        impl.prefetch(plan)
        for index, case in enumerate(cases):
            impl.begin_case(index)
            check.prop(impl, case, reference)
        impl.end_prefetch()
        read = set()
        for kind, ticket, payload in sandbox.events:
            if kind == "read":
                read.add(ticket)
                continue
            case_calls = next(calls for calls in plan if any(p.payload == payload for p in calls))
            planned = next(p for p in case_calls if p.payload == payload)
            earlier = case_calls[:case_calls.index(planned)]
            if planned.depends and earlier:
                sent_earlier = [t for k, t, pl in sandbox.events if k == "send" and t < ticket
                                and any(p.payload == pl for p in earlier)]
                assert all(t in read for t in sent_earlier), check.id
        checked += 1
    assert checked > 0
