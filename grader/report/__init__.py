"""Reports of a grading: the student's terminal, feedback.md and Gradescope's results.json."""

from .feedback import feedback_block
from .gradescope import gradescope_results
from .markdown import feedback_markdown

__all__ = ["feedback_block", "feedback_markdown", "gradescope_results"]
