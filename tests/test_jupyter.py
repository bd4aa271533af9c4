"""``from grader import check; check()`` in a real notebook kernel (nbclient + ipykernel), and in Python."""

import os

import nbformat
import pytest

from corpus import CORRECT, SAMPLES
from grader.errors import UsageError
from grader.jupyter import Report, check

pytestmark = pytest.mark.slow   # grades through the sandbox: the full tier (python -m pytest)

nbclient = pytest.importorskip("nbclient")


def _cell_outputs(cell):
    """(html, text) of what a cell displayed."""
    html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    text = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    return html, text


def test_a_notebook_checks_its_own_functions_and_shows_the_html_report(tmp_path):
    with open(os.path.join(CORRECT, "rnn.py"), encoding="utf-8") as f:
        correct_rnn = f.read()
    wrong_elman = correct_rnn.replace("W_hh @ h)", "0 * h)")   # no memory: a bug in elman_forward only
    assert wrong_elman != correct_rnn
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# My RNN homework"),
        nbformat.v4.new_code_cell("import numpy as np\n%matplotlib inline"),
        nbformat.v4.new_code_cell(wrong_elman),
        nbformat.v4.new_code_cell("activation('relu', np.array([-1.0, 2.0]))   # trying it out"),
        nbformat.v4.new_code_cell("from grader import check\nreport = check(exercise=['activation', "
                                  "'elman_forward'])\nreport"),
        nbformat.v4.new_code_cell("print(report.points, report.max_points)"),
        nbformat.v4.new_code_cell(correct_rnn),                            # fixed, then checked again
        nbformat.v4.new_code_cell("check(exercise='elman_forward').points"),
    ])
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    html, _ = _cell_outputs(notebook.cells[4])
    assert html.startswith("<!DOCTYPE html>") and "Score: 13 / 20" in html, html[:2000]
    assert "rnn.elman_forward::order_matters" in html and "Mechanism" in html
    _, printed = _cell_outputs(notebook.cells[5])
    assert printed.split() == ["13.0", "20.0"]
    _, points = _cell_outputs(notebook.cells[7])
    assert points.strip() == "14.0"


def test_check_outside_a_notebook_grades_a_path_and_prints_as_the_terminal_does():
    report = check(os.path.join(SAMPLES, "no_memory"), exercise="elman_forward")
    assert isinstance(report, Report) and report.points < report.max_points == 14
    assert "✗ rnn.elman_forward::" in str(report) and "no_memory: 7 / 14 points" in str(report)
    assert report._repr_html_().startswith("<!DOCTYPE html>")
    with pytest.raises(UsageError, match="not an exercise here"):
        check(CORRECT, exercise="elman")
