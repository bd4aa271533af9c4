"""Texts of the checks of module slot_filling."""

MECHANISMS = {
    "slot_filling.slot_tagger::tags_grammar": "An Elman network tags every word of a travel request: the share "
                                              "of the grammar's 240 sentences tagged entirely right.",
    "slot_filling.slot_tagger::context": "The same city is dest after \"arrive\" and depart after \"leave\": only "
                                         "a network with memory can tell them apart.",
}

HINTS = {
    "slot_filling.slot_tagger::tags_grammar": {
        "shapes": "Return {W_xh (H, 16), W_hh (H, H), b_h (H,), W_hy (4, H), b_y (4,)} with the same H "
                  "everywhere, 1 <= H <= 64, all finite: one column of W_xh per vocabulary word, one row of W_hy "
                  "per tag (other, dest, depart, time).",
        "partial": "Some sentences are tagged wrong. Run elman_forward(one_hot(words), params) on the grammar's "
                   "sentences and compare argmax(y_t) with the tags; a hidden unit must remember the verb "
                   "(arrive/leave) through \"I want to\", \"in\" until the city comes.",
    },
    "slot_filling.slot_tagger::context": {
        "shapes": "Return {W_xh (H, 16), W_hh (H, H), b_h (H,), W_hy (4, H), b_y (4,)} with the same H "
                  "everywhere, 1 <= H <= 64, all finite.",
        "memory": "A city gets the same tag after \"arrive\" and after \"leave\": your network does not remember "
                  "the verb. Give a hidden unit a recurrent weight (W_hh) that latches +1 after arrive and −1 "
                  "after leave, and let the dest/depart outputs read it.",
        "context": "The city's tag depends on the verb, but wrongly: after \"arrive\" the city is dest (row 1 of "
                   "W_hy), after \"leave\" it is depart (row 2).",
        "cities": "Some cities are tagged right after both verbs and others are not: the memory works, but every "
                  "city (Taipei, Tokyo, Paris) needs the same weights — its own column of W_xh feeding the dest "
                  "and depart units.",
    },
}
