"""Tagger with an explicit "other" detector.

Units: m = tanh(3 [arrive] - 3 [leave] + 3 m_prev)  (the verb, kept at +-0.995)
       c = tanh(6 [city] - 3),  d = tanh(6 [date word] - 3),  o = tanh(3 - 6 [city] - 6 [date word])
Scores: other = o,  dest = c + m - 1,  depart = c - m - 1,  time = d.
"""
import numpy as np

VOCAB = "<unk> arrive leave in Taipei Tokyo Paris on November December 2nd 3rd please I want to".split()
CITY = {"Taipei", "Tokyo", "Paris"}
DATE = {"November", "December", "2nd", "3rd"}


def slot_tagger():
    verb = np.array([3.0 if w == "arrive" else -3.0 if w == "leave" else 0.0 for w in VOCAB])
    city = np.array([6.0 if w in CITY else 0.0 for w in VOCAB])
    date = np.array([6.0 if w in DATE else 0.0 for w in VOCAB])
    W_xh = np.vstack([verb, city, date, -city - date])
    W_hh = np.zeros((4, 4))
    W_hh[0, 0] = 3.0
    b_h = np.array([0.0, -3.0, -3.0, 3.0])
    #                 m    c    d    o
    W_hy = np.array([[0.0, 0.0, 0.0, 1.0],     # other
                     [1.0, 1.0, 0.0, 0.0],     # dest
                     [-1.0, 1.0, 0.0, 0.0],    # depart
                     [0.0, 0.0, 1.0, 0.0]])    # time
    b_y = np.array([0.0, -1.0, -1.0, 0.0])
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": b_y}
