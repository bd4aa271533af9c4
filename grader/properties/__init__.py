"""The properties of every mechanism, each written once as a function of an implementation.

A property takes ``(impl, case, ref)``: the implementation under test, a generated case,
and the trusted reference; it raises ``Mismatch`` when the mechanism is wrong. The
decorator ``grader.catalogue.check`` marks it; ``CHECKS`` is every check, collected
from the modules below (nothing registers itself on import), and this module holds
them to their texts: every check has its mechanism in every language's catalogue.
"""

from ..catalogue import collect
from ..messages import LANGUAGES
from . import contract, gradients, gru, lstm, rnn, slot_filling

__all__ = ["CHECKS"]

CHECKS = collect(rnn, lstm, gru, gradients, slot_filling, contract)
"""Every check, grouped by exercise in curriculum order (the shared responds and contract checks last)."""

_missing = [(c.id, lang) for c in CHECKS for lang, texts in LANGUAGES.items()
            if (c.name if c.name in ("contract", "responds") else c.id) not in texts.MECHANISMS]
assert not _missing, f"checks without their mechanism's text in grader/messages: {_missing}"
