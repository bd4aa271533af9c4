"""What a submission's child may see is decided in one place (``grader.sandbox.isolation``): the
folders it covers beyond its own rule are the grader's, the reference's, the project's tests, .git
and benchmarks, the folder holding the submission (the other submissions) and the caller's masks.
The child's covering itself is proven through the sandbox in test_deployment and test_hostile."""

import os

import grader
import reference
from grader.sandbox import Sandbox
from grader.sandbox.isolation import hidden_folders

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_the_grader_the_reference_and_the_project_are_hidden_whatever_the_caller_says():
    hidden = hidden_folders()
    assert os.path.dirname(grader.__file__) in hidden and os.path.dirname(reference.__file__) in hidden
    assert {os.path.join(ROOT, "tests"), os.path.join(ROOT, "benchmarks")} <= set(hidden)
    assert ROOT not in hidden   # the project folder itself may hold the Python installation (bound back)


def test_the_other_submissions_and_the_output_folder_are_hidden(tmp_path):
    class_folder, out = tmp_path / "class", tmp_path / "graded"
    hidden = hidden_folders(source=str(class_folder / "alice"), mask=[str(out), str(out) + "/"])
    assert str(class_folder) in hidden and str(out) in hidden and str(class_folder / "alice") not in hidden
    assert len(hidden) == len(set(hidden)) and hidden == sorted(hidden)
    single_file = hidden_folders(source=str(class_folder / "bob.py"))
    assert str(class_folder) in single_file


def test_a_submission_at_the_top_of_the_file_system_does_not_hide_everything():
    assert os.sep not in hidden_folders(source="/homework.py")


def test_the_sandbox_covers_exactly_what_the_policy_names(tmp_path):
    from grader.config import Limits

    alice, out = str(tmp_path / "class" / "alice"), str(tmp_path / "out")
    with Sandbox({}, limits=Limits(), source=alice, mask=[out]) as sandbox:
        assert {str(tmp_path / "class"), out, os.path.dirname(grader.__file__)} <= set(sandbox.mask)
        assert sandbox.mask == hidden_folders(source=alice, mask=[out])
