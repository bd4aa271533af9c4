"""Grading a class: a folder mixing every input kind, good and bad, in one command; the
gradebook resumes after a kill with results identical to an uninterrupted run; the same
work runs on a Dask cluster."""

import csv
import hashlib
import json
import os
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import zipfile

import nbformat
import pytest

from grader.batch import grade_batch
from grader.config import Settings
from grader.gradebook import Gradebook

from corpus import CORRECT, SAMPLES

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = ("rnn", "lstm", "gru", "gradients", "slot_filling")
FEW = ("rnn.activation", "rnn.elman_forward", "lstm.lstm_cell")    # quick settings for the slow tests


def _sources(folder=CORRECT):
    return {m: open(os.path.join(folder, f"{m}.py"), encoding="utf-8").read() for m in MODULES}


def _single_file(folder=CORRECT):
    """All modules in one file (the cross-module imports are harmless: the grader drops them)."""
    return "\n\n".join(_sources(folder).values())


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)


def _notebook(path, folder=CORRECT):
    cells = [nbformat.v4.new_markdown_cell("# My RNN homework"),
             nbformat.v4.new_code_cell("%matplotlib inline\n!pip install numpy\nimport numpy as np")]
    cells += [nbformat.v4.new_code_cell(source) for source in _sources(folder).values()]
    cells.append(nbformat.v4.new_code_cell("elman_forward  # trying it out"))
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))


def make_class(root):
    """A class folder: {student id: what its row must say} beside the entries themselves."""
    root.mkdir()
    os.symlink(CORRECT, root / "folder_ok")                                   # a folder like exercises/
    os.symlink(os.path.join(SAMPLES, "no_memory"), root / "folder_bug")
    (root / "single_ok.py").write_text(_single_file())                         # one .py file
    _zip(root / "zip_ok.zip", {f"zip_ok/{m}.py": s for m, s in _sources().items()})   # zip of a folder
    _zip(root / "zip_single.zip", {"homework.py": _single_file(os.path.join(SAMPLES, "forget_inverted"))})
    _notebook(root / "notebook_ok.ipynb")                                      # a notebook
    (root / "zip_broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (root / "notebook_broken.ipynb").write_text('{"cells": [')
    (root / "empty").mkdir()
    (root / "essay.docx").write_bytes(b"\xd0\xcf\x11\xe0 not a submission")
    _zip(root / "zip_traversal.zip", {"../../escaped.py": "print('out')\n", "rnn.py": _sources()["rnn"]})
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")                         # not a student
    return {"folder_ok": "full", "folder_bug": "partial", "single_ok": "full", "zip_ok": "full",
            "zip_single": "partial", "notebook_ok": "full", "zip_broken": "error", "notebook_broken": "error",
            "empty": "error", "essay.docx": "error", "zip_traversal": "error"}


def _tree(folder):
    """{relative path: sha256} of every file below folder (symlinks not followed)."""
    out = {}
    for dirpath, _, files in os.walk(folder):
        for f in files:
            path = os.path.join(dirpath, f)
            out[os.path.relpath(path, folder)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return out


def _grade_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "grader", "grade", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, **kwargs)


def _rows(out):
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


def test_a_class_of_every_input_kind_grades_in_one_command(tmp_path):
    expected = make_class(tmp_path / "class")
    before = _tree(tmp_path / "class")
    out = tmp_path / "out"
    config = tmp_path / "course.toml"   # an exercise of each module: the kinds of input are the point
    config.write_text('exercises = ["rnn.elman_forward", "lstm.lstm_cell", "gru.gru_forward", '
                      '"gradients.clip_gradients", "slot_filling.slot_tagger"]\n')
    done = _grade_cli(tmp_path / "class", "--out", out, "--jobs", "2", "--config", config, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr

    rows = _rows(out)
    assert set(rows) == set(expected)
    for name, verdict in expected.items():
        row = rows[name]
        total, max_points = float(row["total"]), float(row["max_points"])
        if verdict == "full":
            assert (total, row["error"]) == (max_points, ""), (name, row)
        elif verdict == "partial":
            assert 0 < total < max_points and row["error"] == "", (name, row)
        else:
            assert total == 0 and row["error"], (name, row)
    assert "rnn.elman_forward" in rows["folder_ok"] and float(rows["folder_bug"]["rnn.elman_forward"]) < 14
    assert "not valid JSON" in rows["notebook_broken"]["error"]
    assert "zip" in rows["zip_broken"]["error"].lower()
    assert "docx" in rows["essay.docx"]["error"]
    assert ".." in rows["zip_traversal"]["error"] or "outside" in rows["zip_traversal"]["error"]

    for name in expected:
        assert {"results.json", "feedback.md", "feedback.html"} <= set(os.listdir(out / name)), name
        assert json.loads((out / name / "results.json").read_text())["score"] == float(rows[name]["total"])
    assert "<img" in (out / "folder_bug" / "feedback.html").read_text()     # the counterexample, plotted
    summary = (out / "summary.html").read_text()
    assert "<img" in summary and "Class summary" in summary

    assert _tree(tmp_path / "class") == before                              # the class folder untouched
    assert sorted(os.listdir(tmp_path)) == ["class", "course.toml", "out"]  # nothing written beside
    assert not os.path.exists(tmp_path / "escaped.py")
    with Gradebook(str(out / "gradebook.sqlite")) as book:
        assert {r.name for r in book.results()} == set(expected)


def _gradebook_rows(path):
    """What a gradebook holds, minus the time of grading: submissions and checks, as sorted rows."""
    db = sqlite3.connect(path)
    subs = db.execute("SELECT name, content_hash, settings_hash, grader_version, points, max_points, error, "
                      "result FROM submissions ORDER BY name").fetchall()
    checks = db.execute("SELECT * FROM checks ORDER BY submission, check_id").fetchall()
    db.close()
    return subs, checks


def kill_once_recorded(command, book, count):
    """Run the grade command and SIGKILL it (its whole session) once the gradebook holds count submissions."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    recorded, deadline = 0, time.monotonic() + 300
    while recorded < count and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            recorded = sqlite3.connect(book).execute("SELECT count(*) FROM submissions").fetchone()[0]
        except sqlite3.Error:
            pass
    assert proc.poll() is None, "grading finished before it could be killed; make the class larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _small_class(root, n):
    """n submissions: correct and buggy folders, alternating."""
    root.mkdir()
    for k in range(n):
        sample = ("correct", "no_memory", "forget_inverted", "clip_per_array")[k % 4]
        os.symlink(os.path.join(SAMPLES, sample), root / f"student{k:02d}")
    return root


def test_killed_half_way_the_same_command_completes_the_gradebook_identically(tmp_path):
    klass = _small_class(tmp_path / "class", 8)
    config = tmp_path / "course.toml"
    config.write_text(f"exercises = {list(FEW)}\n")
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    secret = tmp_path / "course.secret"
    secret.write_bytes(bytes(range(32)))   # one course: the same fresh cases in both gradebooks
    args = [klass, "--jobs", "1", "--config", config, "--secret", secret]

    assert _grade_cli(*args, "--out", whole, timeout=600).returncode == 0

    book = resumed / "gradebook.sqlite"
    kill_once_recorded([sys.executable, "-m", "grader", "grade", *map(str, args), "--out", str(resumed)], book, 3)
    time.sleep(0.5)
    first = {name for name, *_ in _gradebook_rows(book)[0]}
    assert 3 <= len(first) < 8

    again = _grade_cli(*args, "--out", resumed, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{8 - len(first)} graded now, {len(first)} already up to date" in again.stdout
    assert _gradebook_rows(book) == _gradebook_rows(whole / "gradebook.sqlite")
    for k in range(8):
        for report in ("results.json", "feedback.md"):
            assert (resumed / f"student{k:02d}" / report).read_text() == (whole / f"student{k:02d}" / report).read_text()
    assert (resumed / "gradebook.csv").read_text() == (whole / "gradebook.csv").read_text()


def test_changed_submissions_and_settings_are_regraded_and_regrade_forces_all(tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "ann.py").write_text(_single_file())
    (klass / "ben.py").write_text(_single_file(os.path.join(SAMPLES, "no_memory")))
    paths, out = [str(klass / "ann.py"), str(klass / "ben.py")], str(tmp_path / "out")
    few = Settings(exercises=FEW)

    assert sorted(grade_batch(paths=paths, out=out, settings=few).graded) == ["ann", "ben"]
    assert grade_batch(paths=paths, out=out, settings=few).skipped == ["ann", "ben"]
    (klass / "ben.py").write_text(_single_file())                                   # ben fixes his bug
    fixed = grade_batch(paths=paths, out=out, settings=few)
    assert (fixed.graded, fixed.skipped) == (["ben"], ["ann"])
    assert {r.name: r.points == r.max_points for r in fixed.results} == {"ann": True, "ben": True}
    assert sorted(grade_batch(paths=paths, out=out, settings=Settings(exercises=FEW[:2])).graded) == ["ann", "ben"]
    assert sorted(grade_batch(paths=paths, out=out, settings=Settings(exercises=FEW[:2]), regrade=True).graded) \
        == ["ann", "ben"]


def test_two_submissions_with_one_student_id_get_an_error_not_an_aborted_batch(tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "ann.py").write_text(_single_file())
    _zip(klass / "ann.zip", {"ann.py": _single_file()})
    (klass / "cat.py").write_text(_single_file())
    batch = grade_batch(paths=sorted(map(str, klass.iterdir())), out=str(tmp_path / "out"),
                        settings=Settings(exercises=FEW[:1]))
    by_name = {r.name: r for r in batch.results}
    assert set(by_name) == {"ann", "cat"}
    assert "several submissions are named 'ann'" in by_name["ann"].error and by_name["ann"].points == 0
    assert by_name["cat"].points == by_name["cat"].max_points


def test_reports_are_chosen_in_the_settings_and_rendered_again_from_the_gradebook(tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    (klass / "ann.py").write_text(_single_file())
    (klass / "ben.py").write_text(_single_file(os.path.join(SAMPLES, "no_memory")))
    out = tmp_path / "out"
    chosen = ("feedback.md", "gradebook.csv")
    grade_batch(paths=sorted(map(str, klass.iterdir())), out=str(out),
                settings=Settings(exercises=FEW[:2], reports=chosen))
    written = sorted(p.name for p in out.rglob("*") if p.is_file() and p.suffix in (".md", ".csv", ".html", ".json"))
    assert written == ["feedback.md", "feedback.md", "gradebook.csv"]
    english, table = (out / "ben" / "feedback.md").read_text(), (out / "gradebook.csv").read_text()
    (out / "ben" / "feedback.md").unlink()

    done = subprocess.run([sys.executable, "-m", "grader", "report", "--from", str(out / "gradebook.sqlite"),
                           "--lang", "zh-TW"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("results.json", "feedback.md", "feedback.html"):
        assert (out / "ann" / name).exists() and (out / "ben" / name).exists()
    assert (out / "summary.html").exists() and (out / "gradebook.csv").read_text() == table
    chinese = (out / "ben" / "feedback.md").read_text()
    assert chinese != english and "違反性質" in chinese        # the same result, in the language asked for
    from grader.batch import report_from
    assert report_from(gradebook=str(out / "gradebook.sqlite"), lang="en") == 2
    assert (out / "ben" / "feedback.md").read_text() == english
    done = subprocess.run([sys.executable, "-m", "grader", "report", "--from", str(tmp_path / "none.sqlite")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no such file" in done.stdout


def test_a_file_that_is_not_a_gradebook_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "gradebook.sqlite").write_text("my notes, not a database")
    done = _grade_cli(CORRECT, "--out", out, timeout=120)
    assert done.returncode == 2
    assert "gradebook.sqlite" in done.stdout and "cannot be used as a gradebook" in done.stdout
    assert (out / "gradebook.sqlite").read_text() == "my notes, not a database"


def test_a_dask_cluster_with_the_course_certificates_grades_the_same_class_into_the_same_gradebook(tmp_path):
    distributed = pytest.importorskip("distributed")
    from grader.cluster import make_certificates, security
    klass = _small_class(tmp_path / "class", 4)
    paths = sorted(str(p) for p in klass.iterdir())
    settings = Settings(exercises=FEW, secret=bytes(range(32)))
    local = grade_batch(paths=paths, out=str(tmp_path / "local"), settings=settings, jobs=2)
    tls = make_certificates(out=str(tmp_path / "tls"))
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in (tmp_path / "tls").iterdir()} == \
        {"ca.pem": "0o644", "course.pem": "0o600", "course.key": "0o600"}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  protocol="tls", security=security(tls), dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tls://")
        plain = cluster.scheduler_address.replace("tls://", "tcp://")
        with pytest.raises((OSError, TimeoutError)):   # no TLS: not let in
            distributed.Client(plain, timeout="1s")
        anonymous = ssl.create_default_context(cafile=os.path.join(tls, "ca.pem"))
        anonymous.check_hostname = False
        host, port = cluster.scheduler_address[len("tls://"):].rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            with pytest.raises(OSError):   # TLS without a certificate of the course: refused (ssl.SSLError)
                with anonymous.wrap_socket(sock) as channel:
                    channel.sendall(b"x")
                    channel.recv(1)
        other = make_certificates(out=str(tmp_path / "other"))
        with pytest.raises((OSError, TimeoutError)):   # another course's certificate: not let in either
            distributed.Client(cluster.scheduler_address, timeout="1s", security=security(other))
        remote = grade_batch(paths=paths, out=str(tmp_path / "dask"), settings=settings,
                             scheduler=cluster.scheduler_address, tls=tls)
        assert sorted(remote.graded) == [os.path.basename(p) for p in paths] and not remote.failed
        again = grade_batch(paths=paths, out=str(tmp_path / "dask"), settings=settings,
                            scheduler=cluster.scheduler_address, tls=tls)
        assert again.graded == [] and len(again.skipped) == 4
    assert [r.to_dict() for r in remote.results] == [r.to_dict() for r in local.results]
    assert _gradebook_rows(str(tmp_path / "dask" / "gradebook.sqlite"))[1] == \
        _gradebook_rows(str(tmp_path / "local" / "gradebook.sqlite"))[1]


def test_a_worker_with_several_threads_grades_one_submission_at_a_time(monkeypatch):
    """A Dask worker started without --nthreads 1 runs tasks on several threads of one process; that
    process's sandbox uid (whose processes all end with a submission) must not serve two at once."""
    import threading
    from grader import batch
    running, most = [], []

    def grade_submission(**kwargs):
        running.append(1)
        most.append(len(running))
        time.sleep(0.2)
        running.pop()
        raise batch.InfrastructureError("stop here")

    monkeypatch.setattr(batch, "grade_submission", grade_submission)
    threads = [threading.Thread(target=batch._grade_one, args=(CORRECT, f"s{i}", Settings(), [], ""))
               for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == [1, 1, 1]


def test_a_dask_cluster_without_a_live_worker_is_a_clear_grader_error_not_a_wait(tmp_path):
    distributed = pytest.importorskip("distributed")
    from grader.errors import InfrastructureError
    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as cluster:
        start = time.monotonic()
        with pytest.raises(InfrastructureError, match=r"no Dask worker joined the scheduler at .* within 2 s"):
            grade_batch(paths=[CORRECT], out=str(tmp_path), settings=Settings(exercises=FEW),
                        scheduler=cluster.scheduler_address, no_worker_s=2)
        assert time.monotonic() - start < 30
    assert not (tmp_path / "correct").exists()
