# Hand-built Elman tagger with two latches, one per verb (H = 5).
import numpy as np

WORDS = "<unk> arrive leave in Taipei Tokyo Paris on November December 2nd 3rd please I want to".split()
LABELS = ["other", "dest", "depart", "time"]


def slot_tagger():
    # hidden units: 0 saw-arrive, 1 saw-leave, 2 city-after-arrive, 3 city-after-leave, 4 date word
    ix = {w: n for n, w in enumerate(WORDS)}
    W_xh = np.zeros((5, 16))
    W_hh = np.zeros((5, 5))
    b_h = np.array([-2.0, -2.0, -5.0, -5.0, -2.0])
    W_xh[0, ix["arrive"]] = 10.0         # latch: tanh(10 [arrive] + 4 h0 - 2) stays near +1 once set
    W_xh[1, ix["leave"]] = 10.0
    W_hh[0, 0] = W_hh[1, 1] = 4.0
    for city in ("Taipei", "Tokyo", "Paris"):
        W_xh[2, ix[city]] = W_xh[3, ix[city]] = 4.0
    W_hh[2, 0] = W_hh[3, 1] = 3.0        # ... a city lights unit 2 only if the arrive latch is on
    for w in ("November", "December", "2nd", "3rd"):
        W_xh[4, ix[w]] = 4.0
    W_hy = np.zeros((4, 5))
    W_hy[1, 2] = W_hy[2, 3] = W_hy[3, 4] = 1.0    # "other" stays at 0 and wins when all are off
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": np.zeros(4)}
