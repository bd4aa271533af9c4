"""The corpora that prove the grader: buggy, correct-but-different and hostile submissions.

- mutants/<module>.py: MUTANTS, a list of dicts, one single-bug submission each:
  name, exercise ("rnn.elman_forward"), caught_by (the check names whose mechanism and
  hint fit the bug: at least one of them must fail), diagnosis ((check, hint key): what
  that check of caught_by tells the student, one of its declared ``diagnoses``, "default"
  or a fault hint), code (appended to the correct module: a later def replaces the
  correct one). ``grade_mutants`` grades them.
- equivalent/<name>/: complete correct submissions written differently; full marks expected.
- hostile/<group>.py: HOSTILE, a list of dicts, one attack each: name, exercise (the
  attacked exercise), overrides ({module: code} appended) and/or files ({file: str|bytes}
  replacing whole files), max_points (what the attacked exercise may still earn, default 0),
  and a description.
"""

import ast
import importlib
import os
import pkgutil
import shutil
import textwrap

from grader import samples

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLES = samples.folder()   # built from the reference (grader.samples)
CORRECT = samples.path("correct")
EQUIVALENT = os.path.join(HERE, "equivalent")


def make_submission(root, name, overrides=None, *, drop=(), files=None, base=CORRECT):
    """A copy of the base submission at root/name.

    - overrides: {module: code} appended to that module (a later def replaces the correct one)
    - drop: modules to delete; files: {file name: str or bytes} written as they are
    """
    path = os.path.join(str(root), name)
    shutil.copytree(base, path, ignore=shutil.ignore_patterns("README.txt", "__pycache__"))
    for module, code in (overrides or {}).items():
        with open(os.path.join(path, f"{module}.py"), "a", encoding="utf-8") as f:
            f.write("\n\n" + textwrap.dedent(code))
    for module in drop:
        os.remove(os.path.join(path, f"{module}.py"))
    for file_name, content in (files or {}).items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(path, file_name), mode) as f:
            f.write(content)
    return path


def _collect(package, attribute):
    entries = []
    folder = os.path.join(HERE, package)
    function = globals().get(package)   # importing corpus.mutants.x binds corpus.mutants to the subpackage
    for info in sorted(pkgutil.iter_modules([folder]), key=lambda i: i.name):
        module = importlib.import_module(f"corpus.{package}.{info.name}")
        entries.extend(getattr(module, attribute))
    if function is not None:
        globals()[package] = function   # ... which would hide the function of that name from later importers
    return entries


def mutants():
    """Every mutant of mutants/*.py."""
    return _collect("mutants", "MUTANTS")


def callers(exercise, base=CORRECT):
    """The curriculum functions of the base submission that call ``exercise`` ("module.function"),
    directly or through helpers, read from its source: the only exercises a bug in it could reach."""
    calls = {}   # "module.function" of every top-level def -> the "module.function"s it names
    for name in sorted(os.listdir(base)):
        if not name.endswith(".py"):
            continue
        module = name[:-3]
        with open(os.path.join(base, name), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        imported = {alias.asname or alias.name: f"{node.module}.{alias.name}"
                    for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names}
        defs = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                named = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                named |= {f"{n.value.id}.{n.attr}" for n in ast.walk(node)
                          if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
                calls[f"{module}.{node.name}"] = {imported.get(n) or (f"{module}.{n}" if n in defs else n)
                                                  for n in named}
    reached, frontier = set(), {exercise}
    while frontier:
        frontier = {f for f, named in calls.items() if named & frontier} - reached
        reached |= frontier
    return reached


def confined(mutant):
    """True when the mutant's code binds no top-level name but its own function (one ``def`` of it).

    Its bug can then reach another exercise only through calls to that function, and wherever
    another exercise is graded those calls are answered by a correct stand-in: grading its
    callers repeats what grading them for one mutant of its exercise proves.
    """
    function = mutant["exercise"].split(".")[1]
    body = ast.parse(textwrap.dedent(mutant["code"])).body
    return len(body) == 1 and isinstance(body[0], ast.FunctionDef) and body[0].name == function


def graded_with_callers(entries):
    """The names of the mutants graded on their callers too: the first of each exercise, and every one
    that is not ``confined``."""
    seen, names = set(), set()
    for m in entries:
        if m["exercise"] not in seen or not confined(m):
            names.add(m["name"])
        seen.add(m["exercise"])
    return names


def grade_mutants(root, entries=None, *, jobs=2, shrink=False):
    """Grade every mutant (default: all of mutants/) on its exercise, and those of ``graded_with_callers``
    on every exercise that calls it too (``callers``: the only ones its bug could reach);
    {name: MutantVerdict}.

    The submissions are written below root/submissions, the reports below root/out; one
    batch (grade_batch, ``jobs`` workers, each mutant's own Settings). shrink=False reports each
    failed check's first failing case unshrunk: the same checks fail and the same points
    are lost as with shrinking, in a fraction of the time.
    """
    from grader.batch import grade_batch
    from grader.config import Settings
    from grader.gradebook import Gradebook

    entries = mutants() if entries is None else entries
    subs, out = os.path.join(str(root), "submissions"), os.path.join(str(root), "out")
    from grader.catalogue import EXERCISES

    wide = graded_with_callers(entries)
    mutant_of = {make_submission(subs, m["name"], {m["exercise"].split(".")[0]: m["code"]}): m for m in entries}

    def settings(path):
        exercise = mutant_of[path]["exercise"]
        reached = (callers(exercise) if mutant_of[path]["name"] in wide else set()) | {exercise}
        return Settings(exercises=tuple(e for e in EXERCISES if e in reached), shrink=shrink)

    grade_batch(paths=list(mutant_of), out=out, settings=settings, jobs=jobs)
    with Gradebook(os.path.join(out, "gradebook.sqlite")) as book:
        results = {r.name: r for r in book.results()}
    return {m["name"]: MutantVerdict(m, results[m["name"]]) for m in entries}


class MutantVerdict:
    """What grading did to one mutant (from its SubmissionResult): its exercise's checks (every check
    graded: ``graded``), what failed and the diagnosis (hint key) each failed check gave, and the points
    it lost on other exercises' checks (``lost_elsewhere``: {check id: points})."""

    def __init__(self, mutant, result):
        own = [c for c in result.checks if c.exercise == mutant["exercise"]]
        self.mutant, self.checks, self.graded = mutant, own, result.checks
        self.lost_elsewhere = {c.id: c.max_points - c.points for c in result.checks
                               if c.exercise != mutant["exercise"] and c.points < c.max_points}
        self.points = sum(c.points for c in own)
        self.max_points = sum(c.max_points for c in own)
        self.failed = [c.name for c in own if c.points < c.max_points]
        self.caught_by = [c for c in self.failed if c in mutant["caught_by"]]
        self.diagnoses = {c.name: c.hint_key for c in own if not c.passed}
        """{check name: hint key} of every check that did not pass."""

    @property
    def caught(self):
        """The exercise lost points and a check whose mechanism fits the bug failed."""
        return self.points < self.max_points and bool(self.caught_by)

    def output(self, check):
        """What a failed check said ("" when it passed)."""
        found = next((c for c in self.checks if c.name == check and not c.passed), None)
        return f"{found.id}: {found.status}, hint {found.hint_key!r}\n{found.message_text()}" if found else ""


def hostile():
    """Every attack of hostile/*.py."""
    return _collect("hostile", "HOSTILE")


def equivalent():
    """The folders of equivalent/."""
    return sorted(os.path.join(EQUIVALENT, d) for d in os.listdir(EQUIVALENT)
                  if os.path.isdir(os.path.join(EQUIVALENT, d)) and not d.startswith(("_", ".")))
