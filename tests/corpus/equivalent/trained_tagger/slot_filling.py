"""Slot filling: the tagger is learned, not designed.

slot_tagger() enumerates the whole grammar, then trains an Elman network with
softmax cross-entropy by plain stochastic gradient descent, using elman_backward
for the gradients. Everything is seeded (np.random.default_rng(0)), so the same
weights come out every time; training stops once every sentence is right (after at least MIN_EPOCHS passes).
"""
import itertools

import numpy as np

from gradients import clip_gradients, elman_backward
from rnn import elman_forward

VOCAB = "<unk> arrive leave in Taipei Tokyo Paris on November December 2nd 3rd please I want to".split()
TAGS = ["other", "dest", "depart", "time"]
HIDDEN = 16
LEARNING_RATE = 0.1
MIN_EPOCHS = 3          # a few passes past the first all-right one, for a safer margin
MAX_EPOCHS = 60


def grammar():
    """All (words, tag indices) of [I want to] (arrive|leave) [in] CITY [on MONTH DAY] [please]."""
    dates = [()] + [("on", m, d) for m in ("November", "December") for d in ("2nd", "3rd")]
    data = []
    for polite, verb, into, city, date, please in itertools.product(
            [(), ("I", "want", "to")], ["arrive", "leave"], [(), ("in",)], ["Taipei", "Tokyo", "Paris"], dates,
            [(), ("please",)]):
        words = polite + (verb,) + into + (city,) + date + please
        tags = []
        for w in words:
            if w in ("Taipei", "Tokyo", "Paris"):
                tags.append(1 if verb == "arrive" else 2)
            elif w in ("November", "December", "2nd", "3rd"):
                tags.append(3)
            else:
                tags.append(0)
        data.append((words, np.array(tags)))
    return data


def encode(words):
    xs = np.zeros((len(words), len(VOCAB)))
    xs[np.arange(len(words)), [VOCAB.index(w) for w in words]] = 1.0
    return xs


def softmax(ys):
    e = np.exp(ys - ys.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def all_right(params, data):
    return all(np.array_equal(elman_forward(xs, params)[0].argmax(axis=1), tags) for xs, tags in data)


def train(seed=0):
    rng = np.random.default_rng(seed)
    data = [(encode(words), tags) for words, tags in grammar()]
    D, K = len(VOCAB), len(TAGS)
    params = {"W_xh": rng.normal(0.0, 0.5, (HIDDEN, D)),
              "W_hh": rng.normal(0.0, 0.5 / np.sqrt(HIDDEN), (HIDDEN, HIDDEN)),
              "b_h": np.zeros(HIDDEN),
              "W_hy": rng.normal(0.0, 0.5 / np.sqrt(HIDDEN), (K, HIDDEN)),
              "b_y": np.zeros(K)}
    for epoch in range(MAX_EPOCHS):
        for n in rng.permutation(len(data)):
            xs, tags = data[n]
            ys, _ = elman_forward(xs, params)
            dys = softmax(ys)
            dys[np.arange(len(tags)), tags] -= 1.0          # d(cross-entropy)/d y
            grads = clip_gradients(elman_backward(xs, params, dys), 5.0)
            for k in params:
                params[k] -= LEARNING_RATE * grads[k]
        if epoch + 1 >= MIN_EPOCHS and all_right(params, data):
            break
    return params


_trained = None


def slot_tagger():
    global _trained
    if _trained is None:
        _trained = train()
    return {k: v.copy() for k, v in _trained.items()}
