"""``check()`` from Python: in a Jupyter or Colab notebook, in IPython, or in a script.

    from grader import check
    check()                      # in a notebook: the functions defined in this notebook
    check("exercises")           # a folder, a .py file, a notebook or a zip
    check(exercise="elman_forward", lang="zh-TW")

Grading is the same as ``python -m grader check`` (the same sandbox, checks and settings).
The value returned is a ``Report``: a notebook shows it as the HTML feedback page (plots
included when matplotlib is installed), a terminal as the text ``check`` prints.

In a notebook kernel, with no path, the notebook's own cells as they were run (IPython's
input history) are graded as a notebook: its definitions, in cell order (``grader._notebook``),
so a function redefined in a later cell is graded as it was last written.
"""

import io
import os
import tempfile

from .config import load_settings
from .report.html import feedback_html
from .report.terminal import make_console, print_result
from .student import check_submission, select, submission_path

__all__ = ["check", "Report"]


class Report:
    """A graded submission as a notebook shows it (``_repr_html_``) and a terminal prints it (``str``).

    - result: the SubmissionResult; points, max_points: its score
    """

    def __init__(self, result, lang="en"):
        self.result, self.lang = result, lang
        self.points, self.max_points = result.points, result.max_points

    def _repr_html_(self):
        return feedback_html(self.result, self.lang)

    def __str__(self):
        stream = io.StringIO()
        print_result(make_console(stream), self.result, self.lang)
        return stream.getvalue()

    __repr__ = __str__


def check(path=None, *, exercise=(), lang=None, config=None):
    """Grade a submission and return its Report.

    - path: a folder, a .py file, a notebook or a zip; None: in a notebook kernel, the notebook's own
      cells; elsewhere exercises/ (or this folder when it holds rnn.py, ...)
    - exercise: a name or names to check only ("elman_forward", "rnn.elman_forward", "rnn")
    - lang: the feedback's language ("en", "zh-TW"; default: the course settings')
    - config: the course settings (a TOML file)
    """
    settings = load_settings(config)
    if exercise:
        settings = select(settings, [exercise] if isinstance(exercise, str) else list(exercise))
    cells = _notebook_cells() if path is None else None
    with tempfile.TemporaryDirectory(prefix="rnn-grader-notebook-") as folder:
        if cells is not None:
            path = os.path.join(folder, "notebook.ipynb")
            _write_notebook(cells, path)
        result = check_submission(path=submission_path(path), settings=settings)
    return Report(result, lang or settings.language)


def _notebook_cells():
    """The sources of the cells run so far in this IPython kernel, or None outside a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):   # IPython in a terminal: grade the files, not the history
        return None
    return [source for source in shell.history_manager.input_hist_raw if source.strip()]


def _write_notebook(cells, path):
    """A notebook file holding cells as code cells (read back by the loader like any submitted notebook)."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(notebook, path)
