"""The properties of every mechanism, each written once as a function of an implementation.

A property takes ``(impl, case, ref)``: the implementation under test, a generated case,
and the trusted reference; it raises ``Mismatch`` when the mechanism is wrong. The
decorator ``grader.catalogue.check`` marks it; ``CHECKS`` is every check, collected
from the modules below (nothing registers itself on import), and this module holds
them to their texts: every check has its mechanism in every language's catalogue, and the
hints of the diagnoses it declares (``Check.diagnoses``), no more and no fewer.
"""

from ..catalogue import collect
from ..messages import LANGUAGES
from . import contract, gradients, gru, lstm, rnn, slot_filling

__all__ = ["CHECKS", "missing_texts"]

CHECKS = collect(rnn, lstm, gru, gradients, slot_filling, contract)
"""Every check, grouped by exercise in curriculum order (the shared responds and contract checks last)."""


def missing_texts(checks):
    """What the message catalogues lack for checks, as (check id, what, language) triples: a mechanism,
    a declared diagnosis's hint; and (check id, hint key, "en") for a hint no check declares."""
    missing = []
    for c in checks:
        for lang, texts in LANGUAGES.items():
            if (c.name if c.name in ("contract", "responds") else c.id) not in texts.MECHANISMS:
                missing.append((c.id, "mechanism", lang))
            missing += [(c.id, f"hint {key!r}", lang) for key in c.diagnoses if key not in texts.HINTS.get(c.id, {})]
        missing += [(c.id, f"a diagnosis {key!r} in its declaration", "en")
                    for key in LANGUAGES["en"].HINTS.get(c.id, {}) if key != "default" and key not in c.diagnoses]
    return missing


assert not missing_texts(CHECKS), f"grader/messages and the checks disagree: {missing_texts(CHECKS)}"
