"""Single-bug submissions of module slot_filling (format: tests/corpus/__init__.py).

Each ``code`` is a complete student-written slot_tagger, appended to the correct
slot_filling.py (the later def wins); it may use the module's ``np``, ``VOCAB``,
``CITIES``, ``MONTHS`` and ``DAYS``. Most are the hand design of the notes (a unit
that latches the verb, a dest and a depart unit that read it when a city comes, a
time unit) with one thing wrong.
"""

_DESIGN = '''
def slot_tagger():
    MEM, DEST, DEPART, TIME = range(4)
    col = {w: k for k, w in enumerate({ORDER})}
    W_xh = np.zeros((4, 16))
    W_xh[MEM, col["arrive"]], W_xh[MEM, col["leave"]] = 3.0, -3.0
    for city in {CITIES}:
        W_xh[DEST, col[city]] = W_xh[DEPART, col[city]] = 4.0
    for word in MONTHS + DAYS:
        W_xh[TIME, col[word]] = 5.0
    W_hh = np.zeros((4, 4))
    W_hh[MEM, MEM] = {LATCH}
    W_hh[DEST, MEM], W_hh[DEPART, MEM] = 4.0, -4.0
    b_h = np.array([0.0, -6.0, -6.0, -2.5])
    W_hy = np.zeros((4, 4))
    W_hy[{DEST_ROW}, DEST] = W_hy[{DEPART_ROW}, DEPART] = W_hy[3, TIME] = 1.0
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": b_h, "W_hy": W_hy, "b_y": np.zeros(4)}
'''


def _design(ORDER="VOCAB", CITIES="CITIES", LATCH="3.0", DEST_ROW="1", DEPART_ROW="2"):
    code = _DESIGN
    for name, part in dict(ORDER=ORDER, CITIES=CITIES, LATCH=LATCH, DEST_ROW=DEST_ROW,
                           DEPART_ROW=DEPART_ROW).items():
        code = code.replace("{" + name + "}", part)
    return code


MUTANTS = [
    dict(name="tagger_without_memory", exercise="slot_filling.slot_tagger", caught_by=["context"],
         diagnosis=("context", "memory"),
         code='''
def slot_tagger():
    # a word's tag is read off the word itself: cities are destinations, dates are times
    H = 4
    col = {w: k for k, w in enumerate(VOCAB)}
    W_xh = np.zeros((H, 16))
    for city in CITIES:
        W_xh[1, col[city]] = 5.0
    for word in MONTHS + DAYS:
        W_xh[3, col[word]] = 5.0
    W_hy = np.eye(4)
    W_hy[0, 0] = 0.0
    return {"W_xh": W_xh, "W_hh": np.zeros((H, H)), "b_h": np.full(H, -2.5), "W_hy": W_hy,
            "b_y": np.zeros(4)}
'''),
    dict(name="tagger_taipei_only", exercise="slot_filling.slot_tagger", caught_by=["context", "tags_grammar"],
         diagnosis=("context", "cities"),
         code=_design(CITIES='("Taipei",)')),
    dict(name="tagger_dest_depart_swapped", exercise="slot_filling.slot_tagger", caught_by=["context"],
         diagnosis=("context", "context"),
         code=_design(DEST_ROW="2", DEPART_ROW="1")),
    dict(name="tagger_memory_lasts_one_step", exercise="slot_filling.slot_tagger", caught_by=["tags_grammar"],
         diagnosis=("tags_grammar", "partial"),
         code=_design(LATCH="0.0")),
    dict(name="tagger_sorted_vocabulary", exercise="slot_filling.slot_tagger",
         caught_by=["tags_grammar", "context"], diagnosis=("context", "memory"), code=_design(ORDER="sorted(VOCAB)")),
    dict(name="tagger_no_unk_column", exercise="slot_filling.slot_tagger", caught_by=["tags_grammar", "context"],
         diagnosis=("tags_grammar", "shapes"),
         code=_design().replace("W_xh = np.zeros((4, 16))",
                                "W_xh = np.zeros((4, 15))")),   # one column per word of the grammar: <unk> forgotten
]
