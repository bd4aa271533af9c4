"""Reports of a grading: the student's terminal, feedback.md, feedback.html, Gradescope's results.json,
and the class summary (summary.html)."""

from .feedback import feedback_block
from .gradescope import gradescope_results
from .html import feedback_html
from .markdown import feedback_markdown
from .summary import class_statistics, summary_html

__all__ = ["feedback_block", "feedback_markdown", "feedback_html", "gradescope_results", "class_statistics",
           "summary_html"]
