"""Four units and a readout that adds them up.

    arr  = tanh(5 [arrive] + 2 arr_prev)     0 before "arrive", ~0.96 after (tanh(2a) = a)
    lv   = tanh(5 [leave]  + 2 lv_prev)
    city = tanh(4 [city] - 2)                ~+0.96 on a city, ~-0.96 elsewhere
    date = tanh(4 [month, day] - 2)
    y = (0.9, city + arr, city + lv, 2 date)     other, dest, depart, time
"""
import numpy as np

VOCAB = "<unk> arrive leave in Taipei Tokyo Paris on November December 2nd 3rd please I want to".split()


def _column(words):
    return np.isin(VOCAB, words).astype(float)


def slot_tagger():
    W_xh = np.array([5 * _column(["arrive"]), 5 * _column(["leave"]),
                     4 * _column(["Taipei", "Tokyo", "Paris"]), 4 * _column(["November", "December", "2nd", "3rd"])])
    W_hh = np.diag([2.0, 2.0, 0.0, 0.0])
    b_h = np.array([0.0, 0.0, -2.0, -2.0])
    W_hy = np.array([[0, 0, 0, 0], [1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 2]], dtype=float)
    b_y = np.array([0.9, 0.0, 0.0, 0.0])
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": b_y}
