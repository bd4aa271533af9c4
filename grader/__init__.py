"""Property-based grader for the RNN and LSTM exercises of ../shared/curriculum.md."""

__version__ = "0.1.0"
__all__ = ["__version__"]
