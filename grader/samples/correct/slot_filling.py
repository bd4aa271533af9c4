"""Slot filling, the lecture's motivating task: tag each word of a travel request.

The same city is the destination after "arrive" and the departure after "leave":
a network without memory cannot tell them apart, an Elman network can.
"""

import itertools

import numpy as np

from rnn import elman_forward

__all__ = ["VOCAB", "TAGS", "sentences", "one_hot", "tag", "slot_tagger"]

VOCAB = ("<unk> arrive leave in Taipei Tokyo Paris on November December "
         "2nd 3rd please I want to").split()
"""The 16 words, in one-hot index order."""

TAGS = ("other", "dest", "depart", "time")
"""The 4 tags, in output index order."""

CITIES = ("Taipei", "Tokyo", "Paris")
MONTHS = ("November", "December")
DAYS = ("2nd", "3rd")


def sentences():
    """Every sentence of the grammar with its tags, as (words, tags) pairs of tuples.

    [I want to] (arrive|leave) [in] CITY [on MONTH DAY] [please]: 240 sentences.
    """
    dates = [()] + [("on", m, d) for m, d in itertools.product(MONTHS, DAYS)]
    out = []
    for polite, verb, into, city, date, please in itertools.product(
            [(), ("I", "want", "to")], ("arrive", "leave"), [(), ("in",)],
            CITIES, dates, [(), ("please",)]):
        words = polite + (verb,) + into + (city,) + date + please
        city_tag = "dest" if verb == "arrive" else "depart"
        tags = tuple(city_tag if w in CITIES else "time" if w in MONTHS + DAYS else "other"
                     for w in words)
        out.append((words, tags))
    return out


def one_hot(words):
    """The (T, 16) one-hot encoding of a sentence; unknown words map to <unk>."""
    xs = np.zeros((len(words), len(VOCAB)))
    for t, w in enumerate(words):
        xs[t, VOCAB.index(w) if w in VOCAB else 0] = 1.0
    return xs


def tag(params, words):
    """The tags an Elman tagger gives a sentence: argmax of y_t, tanh hidden, linear output."""
    ys, _ = elman_forward(one_hot(words), params, hidden="tanh", output="linear")
    return tuple(TAGS[k] for k in np.argmax(ys, axis=1))


def slot_tagger():
    """Hand-designed Elman parameters (H = 4) that tag every sentence of the grammar.

    Hidden units, read from h_{t-1} and the one-hot x_t:
        mem    = tanh(3·[arrive] − 3·[leave] + 3·mem_prev)     latches +1 / −1 and keeps it
        dest   = tanh(4·[city] + 4·mem_prev − 6)                a city after "arrive"
        depart = tanh(4·[city] − 4·mem_prev − 6)                a city after "leave"
        time   = tanh(5·[month or day] − 2.5)                   a date word
    The outputs read dest, depart and time directly; "other" is the default at 0.

    Returns {W_xh (4, 16), W_hh (4, 4), b_h (4,), W_hy (4, 4), b_y (4,)}.
    """
    MEM, DEST, DEPART, TIME = range(4)
    col = {w: k for k, w in enumerate(VOCAB)}
    W_xh = np.zeros((4, len(VOCAB)))
    W_xh[MEM, col["arrive"]], W_xh[MEM, col["leave"]] = 3.0, -3.0
    for city in CITIES:
        W_xh[DEST, col[city]] = W_xh[DEPART, col[city]] = 4.0
    for w in MONTHS + DAYS:
        W_xh[TIME, col[w]] = 5.0
    W_hh = np.zeros((4, 4))
    W_hh[MEM, MEM], W_hh[DEST, MEM], W_hh[DEPART, MEM] = 3.0, 4.0, -4.0
    b_h = np.array([0.0, -6.0, -6.0, -2.5])
    W_hy = np.zeros((4, 4))                          # rows: other, dest, depart, time
    W_hy[1, DEST] = W_hy[2, DEPART] = W_hy[3, TIME] = 1.0
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": np.zeros(4)}
