"""The bundled samples are built from the reference: the correct one is the reference as a student folder,
each bug one change of it; a machine that cannot write them is a grader error, not a verdict."""

import os

import pytest

import reference
from grader import samples
from grader.errors import GraderBug, InfrastructureError


def test_each_sample_is_the_reference_with_its_one_change():
    with open(os.path.join(os.path.dirname(reference.__file__), "lstm.py"), encoding="utf-8") as f:
        lstm = f.read()
    correct = samples.files("correct")
    assert correct["lstm.py"] == lstm.replace("from .rnn import", "from rnn import")
    for name, bug in samples.BUGS.items():
        changed = {f for f, text in samples.files(name).items() if text != correct[f]}
        assert changed == {f"{bug.module}.py", "README.txt"}, name
        assert bug.wrong in samples.files(name)[f"{bug.module}.py"]
    assert sorted(os.listdir(samples.folder())) == sorted(samples.NAMES)


def test_a_bug_whose_line_left_the_reference_is_a_grader_bug(monkeypatch):
    monkeypatch.setitem(samples.BUGS, "gone", samples.Bug("rnn", "no such line", "x", "gone"))
    with pytest.raises(GraderBug, match="no longer holds"):
        samples.files("gone")


def test_samples_that_cannot_be_written_are_a_grader_error(monkeypatch):
    def full(**_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(samples, "_FOLDER", [])
    monkeypatch.setattr(samples.tempfile, "mkdtemp", full)
    with pytest.raises(InfrastructureError, match="cannot be written"):
        samples.path("correct")
