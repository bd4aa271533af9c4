"""Properties of the slot tagger (module slot_filling), the lecture's motivating task.

The student returns Elman parameters; the grader runs them in-process with the
reference's Elman forward pass on every sentence of the grammar (``_tag``: what
``reference.slot_filling.tag`` computes, from the calls a student kit can answer). Both checks run once (strategy=None) and call ``slot_tagger()`` once.
"""

import numpy as np

from ..catalogue import check
from ..errors import Mismatch, Share
from ..messages import say

VOCAB_SIZE, N_TAGS, MAX_HIDDEN = 16, 4, 64
SENTENCES_SHOWN = 3
"""Sentences tagged wrong that the feedback shows (the shortest)."""
CITIES = ("Taipei", "Tokyo", "Paris")
VERB_TAGS = (("arrive", "dest"), ("leave", "depart"))
"""The city is the destination after "arrive", the departure after "leave"."""


def _validated(params):
    """The tagger's parameters as float64 arrays, after checking keys, shapes, H and finiteness."""
    if not isinstance(params, dict):
        raise Mismatch(say("tagger/not_dict", type=type(params).__name__),
                       hint="shapes", what="params")
    missing = [k for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y") if k not in params]
    if missing:
        raise Mismatch(say("tagger/missing", keys=", ".join(missing), returned=", ".join(map(str, params)) or "-"),
                       hint="shapes", what="params")
    try:
        p = {k: np.asarray(params[k], dtype=np.float64) for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")}
    except (TypeError, ValueError) as exc:
        raise Mismatch(say("tagger/not_numeric", error=exc), hint="shapes",
                       what="params") from None
    H = p["W_hh"].shape[0] if p["W_hh"].ndim == 2 else -1
    shapes = {"W_xh": (H, VOCAB_SIZE), "W_hh": (H, H), "b_h": (H,), "W_hy": (N_TAGS, H), "b_y": (N_TAGS,)}
    wrong = [(k, want if H >= 1 else "(H, H)") for k, want in shapes.items() if p[k].shape != want]
    if wrong:   # (H < 1: W_hh is not square, so it is wrong)
        message = say("tagger/misfit")
        for k, want in wrong:
            message += say("tagger/shape", key=k, shape=p[k].shape, expected=want)
        raise Mismatch(message, hint="shapes", what="params")
    if H > MAX_HIDDEN:
        raise Mismatch(say("tagger/too_big", H=H, most=MAX_HIDDEN),
                       hint="shapes", what="params")
    bad = [k for k, v in p.items() if not np.all(np.isfinite(v))]
    if bad:
        raise Mismatch(say("tagger/not_finite", keys=", ".join(bad)), hint="shapes", what="params")
    return p


def _tag(ref, params, words):
    """The tags the tagger gives a sentence: argmax of y_t of the Elman forward pass, tanh hidden, linear output."""
    ys, _ = ref.rnn.elman_forward(ref.slot_filling.one_hot(words), params, hidden="tanh", output="linear")
    return tuple(ref.slot_filling.TAGS[k] for k in np.argmax(ys, axis=1))


@check("slot_filling.slot_tagger", "tags_grammar", points=4, diagnoses=("partial", "shapes"))
def tagger_tags_grammar(impl, case, ref):
    """The share of the grammar's 240 sentences whose every word is tagged right (partial credit)."""
    params = _validated(impl.slot_filling.slot_tagger())
    data = ref.slot_filling.sentences()
    wrong = [(words, tags, got) for words, tags in data
             for got in [_tag(ref, params, words)] if got != tuple(tags)]
    shown = sorted(wrong, key=lambda w: (len(w[0]), w[0]))[:SENTENCES_SHOWN]
    message = say("tagger/sentences_wrong", wrong=len(wrong), total=len(data)) if wrong else []
    for words, tags, got in shown:
        message += say("tagger/sentence", words=" ".join(words), expected=" ".join(tags), received=" ".join(got))
    return Share(1 - len(wrong) / len(data), message)


@check("slot_filling.slot_tagger", "context", points=2, diagnoses=("cities", "context", "memory", "shapes"))
def tagger_context(impl, case, ref):
    """The same city is dest after "arrive" and depart after "leave": only memory tells them apart."""
    params = _validated(impl.slot_filling.slot_tagger())
    wrong, memoryless, right_cities = [], False, []
    for city in CITIES:
        given = {}
        for verb, expected in VERB_TAGS:
            given[verb] = _tag(ref, params, (verb, city))[1]
            if given[verb] != expected:
                wrong += say("tagger/city", verb=verb, city=city, received=given[verb], expected=expected)
        memoryless |= given["arrive"] == given["leave"]
        if all(given[verb] == expected for verb, expected in VERB_TAGS):
            right_cities.append(city)
    if wrong:
        hint = "cities" if right_cities else "memory" if memoryless else "context"
        raise Mismatch(say("tagger/cities_wrong", wrong=len(wrong), total=2 * len(CITIES)) + wrong,
                       hint=hint, what="tags")
