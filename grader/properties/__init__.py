"""The properties of every mechanism, each written once as a function of an implementation.

Importing this package registers every check in ``grader.catalogue``. A property
takes ``(impl, case, ref)``: the implementation under test, a generated case, and
the trusted reference; it raises ``Mismatch`` when the mechanism is wrong.
"""

from . import contract, gradients, gru, lstm, rnn, slot_filling  # noqa: F401

__all__ = []
