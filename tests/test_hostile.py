"""The hostile corpus (tests/corpus/hostile): every attack gains nothing and harms nothing.

Every attack and a correct control submission are graded in one batch, the way CI
grades (as root, with namespaces), each on its attacked exercise plus a control
exercise (rnn.activation, graded first). Then, for every attack: the attacked
exercise earns nothing beyond its may_pass checks and max_points, and every other
graded exercise keeps full points; the control gets full marks; the batch ends in
bounded time; nothing was written, changed or deleted outside the children's private
folders (the submissions, the output folder and its siblings, shared temporary
folders, the repository); no process of a submission is left; nothing reached the
network; the reports are well formed and quote, never obey, what a submission printed.

Shared folders (/tmp, /var/tmp, /dev/shm, /run/lock, /, the repository) may change
under other programs while the batch runs (other tests, other people's edits), so
there the check is: no new entry is owned by a sandbox uid or named like an attack's
file, no source contains what an attack writes, nothing was removed from exercises/,
and world-writable canary files planted before the batch are untouched. The folders
this test owns (the submissions, the output folder and its siblings) are compared
exactly.

Unconfined (not root, no unshare) these attacks would do real damage, so the test
is skipped there.
"""

import json
import os
import shutil
import signal
import socket
import threading
import time

import pytest

from grader.batch import grade_batch
from grader.config import Settings
from grader.sandbox import cgroups_available, isolation_available

from corpus import ROOT, hostile, make_submission
from corpus.hostile import CONTRACT_ONLY, MARKER

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not isolation_available(),
    reason="the hostile corpus needs the root sandbox (namespaces, separate uid); unconfined it would "
           "kill processes and write and delete files for real")]

ONLY = {n for n in os.environ.get("HOSTILE_ONLY", "").split(",") if n}
ATTACKS = [a for a in hostile() if not ONLY or a["name"] in ONLY]
"""Every attack; HOSTILE_ONLY=name,name grades only those (when working on one)."""
CONTROL = "control"
CONTROL_EXERCISE = "rnn.activation"
LIMITS = {"call_seconds": 2, "exercise_seconds": 20}
BATCH_BOUND_S = 600
"""Generous: about 100 attacks, a third of them waiting out call time limits, graded two at a time.
Unloaded, the batch takes about two minutes on two cores; a hang would never end."""
DAEMON_WAIT_S = 5
"""Planted daemons write 3 s after they start; wait longer than that before looking."""
SANDBOX_UIDS = range(61000, 65000)
SHARED = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/", ROOT)
"""Folders others write to as well; the first four are world-writable and get a canary."""
CANARY = f"{MARKER}-canary-"
SIGNATURES = ("pwned", MARKER, "results.json", "feedback.md", "gradebook", "sitecustomize", "conftest")
WATCHED_FILES = ("grader/run.py", "grader/__init__.py", "grader/sandbox/_child.py", "reference/rnn.py",
                 "tests/conftest.py")
"""Sources the tamper attack appends to; none may ever contain what it writes."""


def _placeholders(text, context):
    if isinstance(text, bytes):
        return text
    for key, value in context.items():
        text = text.replace(key, value)
    return text


def _stat(path):
    st = os.lstat(path)
    return st.st_size, st.st_mtime_ns, st.st_uid, st.st_mode


def _tree(folder):
    """{path relative to folder: (size, mtime, uid, mode)} of everything below folder."""
    found = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(parent, name)
            try:
                found[os.path.relpath(path, folder)] = _stat(path)
            except OSError:
                pass
    return found


def _listing(folder):
    """{name: (size, mtime, uid, mode)} of a folder's entries."""
    found = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        try:
            found[name] = _stat(os.path.join(folder, name))
        except OSError:
            pass
    return found


def _tampered(path):
    """True if the file holds what an attack writes (its marker words), or belongs to a sandbox uid."""
    try:
        with open(path, "rb") as f:
            text = f.read()
        return b"pwned" in text or MARKER.encode() in text or os.stat(path).st_uid in SANDBOX_UIDS
    except OSError:
        return False


def _proc(pid):
    """(real uid, state, ppid, command line + name) of a process, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        return (int(status["Uid"].split()[0]), status["State"].split()[0], int(status["PPid"]),
                cmdline + " " + status["Name"].strip())
    except (OSError, KeyError, ValueError, IndexError):
        return None


def _processes():
    return {int(p): info for p in os.listdir("/proc") if p.isdigit() and (info := _proc(p))}


class _UidWatcher(threading.Thread):
    """Records the uids of sandbox processes descended from this test while the batch runs.

    Afterwards, a live process with one of these uids is a process of ours that
    outlived its submission (every process a submission starts runs as its uid), and
    so is one with MARKER in its command line under a uid that is no sandbox's (it
    would have escaped its uid). Sandboxes of other programs running on the machine at
    the same time, other runs of this test included, are not ours and are ignored.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.uids, self.done = set(), threading.Event()

    def run(self):
        me = os.getpid()
        while not self.done.wait(0.05):
            procs = _processes()
            for pid, (uid, _, _, _) in procs.items():
                if uid in SANDBOX_UIDS and uid not in self.uids:
                    seen, p = set(), pid
                    while p in procs and p not in seen and p != me:
                        seen.add(p)
                        p = procs[p][2]
                    if p == me:
                        self.uids.add(uid)


class Graded:
    """What the batch did: paths, results, timing, and the world before and after."""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    g = Graded()
    base = tmp_path_factory.mktemp("hostile")
    g.base, g.subs, g.out = str(base), str(base / "submissions"), str(base / "out")
    os.makedirs(g.subs)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    shared_canaries = [os.path.join(d, f"{CANARY}{os.getpid()}") for d in SHARED[:4] if os.path.isdir(d)]
    canaries = shared_canaries + [os.path.join(g.base, "canary"), os.path.join(g.subs, "canary")]
    for path in canaries:
        with open(path, "w") as f:
            f.write("canary\n")
        os.chmod(path, 0o666)                       # anyone could change it, if they could reach it
    try:
        context = {"@SUBMISSIONS@": g.subs, "@OUT@": g.out, "@REPO@": ROOT,
                   "@PORT@": str(listener.getsockname()[1]), "@MARKER@": MARKER}
        paths = [make_submission(g.subs, CONTROL)]
        g.exercises = {CONTROL: (ATTACKS[0]["exercise"], CONTROL_EXERCISE)}
        for attack in ATTACKS:
            context["@NAME@"] = attack["name"]
            paths.append(make_submission(
                g.subs, attack["name"],
                {m: _placeholders(c, context) for m, c in attack.get("overrides", {}).items()},
                drop=attack.get("drop", ()),
                files={n: _placeholders(c, context) for n, c in attack.get("files", {}).items()}))
            g.exercises[attack["name"]] = (attack["exercise"], CONTROL_EXERCISE)
        settings = {name: Settings(exercises=exercises, limits=LIMITS, shrink=False)   # the same verdicts, sooner
                    for name, exercises in g.exercises.items()}
        settings_of = lambda path: settings[os.path.basename(path)]  # noqa: E731

        g.before_tree = _tree(g.base)
        g.before_shared = {d: _listing(d) for d in SHARED}
        g.before_exercises = _tree(os.path.join(ROOT, "exercises"))
        g.canaries = {p: _stat(p) for p in canaries}

        watcher = _UidWatcher()
        watcher.start()
        start = time.monotonic()
        g.batch = grade_batch(paths=paths, out=g.out, settings=settings_of, jobs=2)
        g.elapsed = time.monotonic() - start
        watcher.done.set()
        watcher.join()
        g.uids = watcher.uids

        time.sleep(DAEMON_WAIT_S)
        g.after_tree = _tree(g.base)
        g.after_shared = {d: _listing(d) for d in SHARED}
        g.after_exercises = _tree(os.path.join(ROOT, "exercises"))
        g.tampered = [f for f in WATCHED_FILES if _tampered(os.path.join(ROOT, f))]
        g.tampered += [os.path.join("exercises", f) for f in g.after_exercises
                       if _tampered(os.path.join(ROOT, "exercises", f))]
        g.after_canaries = {p: (_stat(p) if os.path.exists(p) else None) for p in canaries}
        g.leftovers = {pid: (uid, state, ppid, cmd) for pid, (uid, state, ppid, cmd) in _processes().items()
                       if state != "Z" and (uid in g.uids or (MARKER in cmd and uid not in SANDBOX_UIDS))}
        g.connections = []
        while True:
            try:
                conn, peer = listener.accept()
                g.connections.append(peer)
                conn.close()
            except (BlockingIOError, OSError):
                break
        yield g
    finally:
        listener.close()
        for pid in getattr(g, "leftovers", {}):      # do not leave a failed run's processes behind
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for path in canaries:
            try:
                os.remove(path)
            except OSError:
                pass
        for folder, listing in getattr(g, "after_shared", {}).items():   # what a failed run planted
            for name, (_, _, uid, _) in listing.items():
                if name in g.before_shared[folder] or name.startswith(CANARY):
                    continue
                if uid in g.uids or "pwned" in name or MARKER in name:
                    path = os.path.join(folder, name)
                    shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)


def _results(g, name):
    with open(os.path.join(g.out, name, "results.json"), encoding="utf-8") as f:
        return json.load(f)


def _by_exercise(results):
    """{exercise: (points, max points)} from a Gradescope results.json (first tag = exercise)."""
    totals = {}
    for test in results["tests"]:
        points, most = totals.get(test["tags"][0], (0.0, 0.0))
        totals[test["tags"][0]] = (points + test["score"], most + test["max_score"])
    return totals


def test_batch_finishes_in_bounded_time(graded):
    assert graded.elapsed < BATCH_BOUND_S, f"the batch took {graded.elapsed:.0f} s"
    assert len(graded.batch.results) == len(ATTACKS) + 1 and not graded.batch.failed
    print(f"\nhostile batch: {len(ATTACKS)} attacks + control graded in {graded.elapsed:.1f} s")


def test_control_gets_full_marks(graded):
    totals = _by_exercise(_results(graded, CONTROL))
    assert set(totals) == set(graded.exercises[CONTROL])
    for exercise, (points, most) in totals.items():
        assert points == pytest.approx(most) and most > 0, exercise


@pytest.mark.parametrize("attack", ATTACKS, ids=[a["name"] for a in ATTACKS])
def test_attack_gains_nothing(graded, attack):
    results = _results(graded, attack["name"])
    totals = _by_exercise(results)
    attacked = (attack["exercise"],) + tuple(attack.get("also_attacked", ()))
    assert set(totals) == set(graded.exercises[attack["name"]]), totals
    cap, may_pass = attack.get("max_points", 0), attack.get("may_pass", CONTRACT_ONLY)
    for exercise in attacked:
        points, most = totals[exercise]
        earned = {t["tags"][2]: t["score"] for t in results["tests"] if t["tags"][0] == exercise and t["score"]}
        beyond = sum(score for check, score in earned.items() if check not in may_pass)
        assert most > 0
        if beyond > cap + 1e-9 and attack.get("needs_cgroup") and not cgroups_available():
            pytest.xfail("no cgroup can be made here, so memory is capped per process only")
        assert beyond <= cap + 1e-9, f"{exercise} earned {earned} of {most} (may pass {may_pass}, cap {cap})"
    for exercise, (points, most) in totals.items():
        if exercise not in attacked:
            assert points == pytest.approx(most), f"{exercise}, not attacked, lost points: {results['tests']}"


def test_reports_are_well_formed_and_quote_output(graded):
    for name in [CONTROL] + [a["name"] for a in ATTACKS]:
        folder = os.path.join(graded.out, name)
        assert sorted(os.listdir(folder)) == ["feedback.html", "feedback.md", "results.json"], name
        assert os.path.getsize(os.path.join(folder, "feedback.html")) < 4 * 2**20, name
        assert os.path.getsize(os.path.join(folder, "results.json")) < 2**20, name
        results = _results(graded, name)
        assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"])), name
        assert all(0 <= t["score"] <= t["max_score"] for t in results["tests"]), name
        with open(os.path.join(folder, "feedback.md"), encoding="utf-8") as f:
            feedback = f.read()
        assert len(feedback) < 2**20, name
        assert feedback.startswith(f"# Feedback for `{name}`\n"), name
        # what a submission printed or raised is quoted, indented inside a fenced block
        for line in feedback.splitlines():
            assert "INJECTED" not in line or line.startswith("    "), (name, line)
        assert sum(line.startswith("```") for line in feedback.splitlines()) % 2 == 0, name


def test_nothing_written_outside_the_sandbox(graded):
    g = graded
    expected_new = {"out"} | {os.path.join("out", n) for n in g.exercises}
    expected_new |= {os.path.join("out", n, f) for n in g.exercises
                     for f in ("results.json", "feedback.md", "feedback.html")}
    expected_new |= {os.path.join("out", f) for f in ("gradebook.sqlite", "gradebook.csv", "summary.html",
                                                      "course.secret")}
    added = set(g.after_tree) - set(g.before_tree)
    removed = set(g.before_tree) - set(g.after_tree)
    changed = {p for p in set(g.before_tree) & set(g.after_tree)
               if g.before_tree[p] != g.after_tree[p]}
    assert added == expected_new, f"unexpected files around the submissions: {sorted(added - expected_new)}"
    assert not removed, f"deleted: {sorted(removed)}"
    assert not changed, f"changed: {sorted(changed)}"

    problems = []
    for folder in SHARED:
        before, after = g.before_shared[folder], g.after_shared[folder]
        for name in set(after) - set(before):
            if name.startswith(CANARY):                  # another run of this test, at the same time
                continue
            if after[name][2] in SANDBOX_UIDS or any(s in name for s in SIGNATURES):
                problems.append(os.path.join(folder, name))
        for name in set(before) & set(after):
            if after[name][2] in SANDBOX_UIDS and before[name][2] not in SANDBOX_UIDS:
                problems.append(os.path.join(folder, name))
    assert not problems, f"written by submissions: {problems}"
    assert g.after_canaries == g.canaries, "a canary was changed or deleted"
    assert set(g.before_exercises) <= set(g.after_exercises), "files were deleted from exercises/"
    assert not g.tampered, f"sources tampered with: {g.tampered}"


def test_no_process_left_behind(graded):
    assert graded.uids, "the watcher saw no sandbox process: is the sandbox running as its own uid?"
    assert not graded.leftovers, f"processes outlived their submissions: {graded.leftovers}"


def test_nothing_reached_the_network(graded):
    assert not graded.connections, f"connections from submissions: {graded.connections}"
