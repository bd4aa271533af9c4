"""Property-based grader for the RNN and LSTM exercises of a lecture on recurrent networks.

``from grader import check; check()`` grades from a notebook or a script (``grader.jupyter``);
``python -m grader`` is the command line (``grader.cli``).
"""

__version__ = "0.1.0"
__all__ = ["__version__", "check"]


def __getattr__(name):
    """``check``, imported when first asked for (``import grader`` stays light for the sandbox and workers)."""
    if name == "check":
        from .jupyter import check
        return check
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
