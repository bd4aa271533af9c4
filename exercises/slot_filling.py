"""Slot filling, the lecture's motivating task: tag every word of a travel request.
Words are one-hot over VOCAB (D = 16, in this order): <unk> arrive leave in Taipei Tokyo Paris
on November December 2nd 3rd please I want to. Tags are TAGS (K = 4, output order): other dest
depart time. Check your work with `python -m grader check exercises/` (or your own folder).
"""

import numpy as np

from gradients import elman_backward  # only if you train your tagger
from rnn import elman_forward

VOCAB = ["<unk>", "arrive", "leave", "in", "Taipei", "Tokyo", "Paris", "on",
         "November", "December", "2nd", "3rd", "please", "I", "want", "to"]
"""The 16 words, in one-hot index order: word VOCAB[d] is the unit vector e_d."""

TAGS = ["other", "dest", "depart", "time"]
"""The 4 tags, in output index order: the tag of word t is TAGS[argmax(y_t)]."""


def slot_tagger():
    """Build Elman parameters that tag every word of a travel request.

    Sentences follow the grammar
        [I want to] (arrive|leave) [in] CITY [on MONTH DAY] [please]
    with CITY in {Taipei, Tokyo, Paris}, MONTH in {November, December} and
    DAY in {2nd, 3rd}. The city is "dest" after "arrive" and "depart" after
    "leave"; month and day are "time"; every other word is "other". The same
    word (Taipei) needs a different tag in a different context: a network
    without memory cannot do it, but the Elman memory can carry "arrive" or
    "leave" forward to the city. Design the weights by hand, or train them
    (with your own elman_backward).

    The network reads T one-hot words of D = 16 inputs, has H <= 64 hidden units and K = 4 outputs.

        h_t = tanh(W_xh @ x_t + W_hh @ h_{t-1} + b_h)      h_0 = 0
        y_t = W_hy @ h_t + b_y                             tag_t = TAGS[argmax(y_t)]

    Inputs:
    - none

    Returns:
    - params: dict with W_xh (H, 16), W_hh (H, H), b_h (H,), W_hy (4, H), b_y (4,),
      any H <= 64; it is used with elman_forward(xs, params, hidden="tanh",
      output="linear") on one-hot xs (T, 16) in VOCAB order

    It is graded on all 240 sentences of the grammar. A sentence counts only if
    every one of its words gets the right tag (there is no credit per word), and
    the points of that check scale linearly with the share of such sentences:
    180 of 240 right earns 3/4 of its points, 0 right earns nothing. A second
    check gives its points only if, for each city, "arrive CITY" tags the city
    dest and "leave CITY" tags it depart. By default the two checks are worth 4
    and 2 points.
    It must return quickly (within a few seconds, the time limit of one check):
    if you train, keep the training short, or train once and write the weights down.

    Hint: reuse elman_forward (to test) and elman_backward (to train) from your
    own modules. By hand, a few hidden units are enough: one that remembers
    arrive (+1) versus leave (-1) through W_hh, and one unit per tag that fires
    on the right word.

    Example:
    >>> params = slot_tagger()
    >>> xs = np.eye(16)[[VOCAB.index(w) for w in "arrive Taipei on November 2nd".split()]]
    >>> ys, _ = elman_forward(xs, params, hidden="tanh", output="linear")
    >>> [TAGS[k] for k in ys.argmax(axis=1)]
    ['other', 'dest', 'other', 'time', 'time']
    """
    raise NotImplementedError("slot_filling.slot_tagger: not implemented yet")
