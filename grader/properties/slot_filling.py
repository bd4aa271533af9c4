"""Properties of the slot tagger (module slot_filling), the lecture's motivating task.

The student returns Elman parameters; the grader runs them in-process with the
reference's forward pass (``ref.slot_filling.tag``) on every sentence of the
grammar. Both checks run once (strategy=None) and call ``slot_tagger()`` once.
"""

import numpy as np

from ..catalogue import check
from ..errors import Mismatch

VOCAB_SIZE, N_TAGS, MAX_HIDDEN = 16, 4, 64
CITIES = ("Taipei", "Tokyo", "Paris")
VERB_TAGS = (("arrive", "dest"), ("leave", "depart"))
"""The city is the destination after "arrive", the departure after "leave"."""


def _validated(params):
    """The tagger's parameters as float64 arrays, after checking keys, shapes, H and finiteness."""
    if not isinstance(params, dict):
        raise Mismatch(f"slot_tagger() returned a {type(params).__name__}, not a dict of arrays",
                       hint="shapes", what="params")
    missing = [k for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y") if k not in params]
    if missing:
        raise Mismatch(f"slot_tagger() returned no {', '.join(missing)}", hint="shapes", what="params")
    try:
        p = {k: np.asarray(params[k], dtype=np.float64) for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")}
    except (TypeError, ValueError) as exc:
        raise Mismatch(f"slot_tagger()'s parameters are not numeric arrays: {exc}", hint="shapes",
                       what="params") from None
    H = p["W_hh"].shape[0] if p["W_hh"].ndim == 2 else -1
    shapes = {"W_xh": (H, VOCAB_SIZE), "W_hh": (H, H), "b_h": (H,), "W_hy": (N_TAGS, H), "b_y": (N_TAGS,)}
    wrong = [f"{k} {p[k].shape} (expected {want})" for k, want in shapes.items() if p[k].shape != want]
    if H < 1 or wrong:
        raise Mismatch("slot_tagger()'s parameters do not fit together: "
                       + (", ".join(wrong) if wrong else f"W_hh has shape {p['W_hh'].shape}"),
                       hint="shapes", what="params")
    if H > MAX_HIDDEN:
        raise Mismatch(f"slot_tagger() uses H = {H} hidden units; at most {MAX_HIDDEN} are allowed",
                       hint="shapes", what="params")
    bad = [k for k, v in p.items() if not np.all(np.isfinite(v))]
    if bad:
        raise Mismatch(f"slot_tagger()'s {', '.join(bad)} contain NaN or inf", hint="shapes", what="params")
    return p


@check("slot_filling.slot_tagger", "tags_grammar", points=4)
def tagger_tags_grammar(impl, case, ref):
    """The share of the grammar's 240 sentences whose every word is tagged right (partial credit)."""
    params = _validated(impl.slot_filling.slot_tagger())
    data = ref.slot_filling.sentences()
    right = sum(ref.slot_filling.tag(params, words) == tuple(tags) for words, tags in data)
    return right / len(data)


@check("slot_filling.slot_tagger", "context", points=2)
def tagger_context(impl, case, ref):
    """The same city is dest after "arrive" and depart after "leave": only memory tells them apart."""
    params = _validated(impl.slot_filling.slot_tagger())
    wrong, memoryless, right_cities = [], False, []
    for city in CITIES:
        given = {}
        for verb, expected in VERB_TAGS:
            given[verb] = ref.slot_filling.tag(params, (verb, city))[1]
            if given[verb] != expected:
                wrong.append(f"'{verb} {city}': {city} tagged {given[verb]}, expected {expected}")
        memoryless |= given["arrive"] == given["leave"]
        if all(given[verb] == expected for verb, expected in VERB_TAGS):
            right_cities.append(city)
    if wrong:
        hint = "cities" if right_cities else "memory" if memoryless else "context"
        raise Mismatch(f"{len(wrong)} of {2 * len(CITIES)} cities tagged wrong:\n  " + "\n  ".join(wrong),
                       hint=hint, what="tags")
