"""Hand-designed tagger described by tables of constants."""
import numpy as np

VOCAB = ("<unk> arrive leave in Taipei Tokyo Paris on November December 2nd 3rd please I want to").split()
TAGS = ("other", "dest", "depart", "time")
CITIES = ("Taipei", "Tokyo", "Paris")
DATE_WORDS = ("November", "December", "2nd", "3rd")

SAW_ARRIVE, SAW_LEAVE, DEST_UNIT, DEPART_UNIT, TIME_UNIT, OTHER_UNIT = range(6)
N_UNITS = 6
LATCH_INPUT, LATCH_SELF, LATCH_BIAS = 10.0, 4.0, -2.0     # tanh(10 [verb] + 4 s - 2): -1 before, ~+0.95 after
CITY_INPUT, CITY_MEMORY, CITY_BIAS = 4.0, 3.0, -5.0
DATE_INPUT, DATE_BIAS = 4.0, -2.0
OTHER_INPUT, OTHER_BIAS = -4.0, 2.0
# (unit, word, weight) for every input connection
INPUT_WIRING = ([(SAW_ARRIVE, "arrive", LATCH_INPUT), (SAW_LEAVE, "leave", LATCH_INPUT)]
                + [(DEST_UNIT, c, CITY_INPUT) for c in CITIES] + [(DEPART_UNIT, c, CITY_INPUT) for c in CITIES]
                + [(TIME_UNIT, w, DATE_INPUT) for w in DATE_WORDS]
                + [(OTHER_UNIT, w, OTHER_INPUT) for w in CITIES + DATE_WORDS])
RECURRENT_WIRING = [(SAW_ARRIVE, SAW_ARRIVE, LATCH_SELF), (SAW_LEAVE, SAW_LEAVE, LATCH_SELF),
                    (DEST_UNIT, SAW_ARRIVE, CITY_MEMORY), (DEPART_UNIT, SAW_LEAVE, CITY_MEMORY)]
BIASES = {SAW_ARRIVE: LATCH_BIAS, SAW_LEAVE: LATCH_BIAS, DEST_UNIT: CITY_BIAS, DEPART_UNIT: CITY_BIAS,
          TIME_UNIT: DATE_BIAS, OTHER_UNIT: OTHER_BIAS}
READOUT = {"other": OTHER_UNIT, "dest": DEST_UNIT, "depart": DEPART_UNIT, "time": TIME_UNIT}


def word_index(word):
    return VOCAB.index(word)


def tag_index(tag):
    return TAGS.index(tag)


def slot_tagger():
    W_xh = np.zeros((N_UNITS, len(VOCAB)))
    for unit, word, weight in INPUT_WIRING:
        W_xh[unit, word_index(word)] = weight
    W_hh = np.zeros((N_UNITS, N_UNITS))
    for unit, source, weight in RECURRENT_WIRING:
        W_hh[unit, source] = weight
    b_h = np.array([BIASES[u] for u in range(N_UNITS)])
    W_hy = np.zeros((len(TAGS), N_UNITS))
    for tag, unit in READOUT.items():
        W_hy[tag_index(tag), unit] = 1.0
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": np.zeros(len(TAGS))}
