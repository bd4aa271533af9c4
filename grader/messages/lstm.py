"""Texts of the checks of module lstm."""

MECHANISMS = {
    # lstm_cell
    "lstm.lstm_cell::agrees": "A memory cell stores c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f) and lets out "
                              "a = h(c) ⊙ σ(z_o), entry by entry.",
    "lstm.lstm_cell::forget_gate": "Saturated gates are switches: forget gate 0 drops the old memory, forget "
                                   "gate 1 with input gate 0 keeps it unchanged, output gate 0 lets nothing "
                                   "out, output gate 1 lets out h(c).",
    "lstm.lstm_cell::elementwise": "Every product in a cell is elementwise: cell k only sees entry k, so a call "
                                   "on arrays equals one call per entry.",
    # handmade_lstm
    "lstm.handmade_lstm::lecture_examples": "The lecture's hand-built LSTM outputs about 0, 0, 0, 7, 0 and "
                                            "0 0 0 0 0 7 0 0 6 on its two example sequences.",
    "lstm.handmade_lstm::follows_rule": "On any sequence the hand-built cell follows the rule: x2 = 1 adds x1 "
                                        "to memory, x2 = -1 resets it to 0, x3 = 1 outputs the memory, "
                                        "otherwise the output is 0.",
    # lstm_forward
    "lstm.lstm_forward::agrees": "An LSTM layer computes z, z_i, z_f, z_o from v_t = concat(x_t, h_{t-1}, "
                                 "c_{t-1}) and runs its H memory cells on them at every step.",
    "lstm.lstm_forward::initial_state": "The output and the memory start at h0 and c0 when they are given, "
                                        "at zeros otherwise.",
    "lstm.lstm_forward::causality": "The output at step t depends on x_1..x_t only, never on later inputs.",
    "lstm.lstm_forward::parameter_sharing": "An LSTM layer is one network applied T times: running the sequence "
                                            "in two pieces, passing h and c on, equals one run.",
    "lstm.lstm_forward::order_matters": "With memory, the order of the inputs matters: swapping x_1 and x_2 "
                                        "changes the output at step 2.",
    "lstm.lstm_forward::forget_gate": "With every forget gate open and every input gate closed the memory keeps "
                                      "c0 for ever; with every output gate closed the layer outputs 0.",
    "lstm.lstm_forward::cells_permute": "The H cells are interchangeable: renumbering them (rows of every W and "
                                        "b, the h and c columns, h0, c0) only renumbers the columns of hs and cs.",
    "lstm.lstm_forward::cell_uses_own_row": "Cell k only uses row k of each transform: without weights between "
                                            "cells, each cell behaves like a layer of one cell.",
    "lstm.lstm_forward::reductions": "Zero h and c columns give the lecture's simplest LSTM (reading x only); "
                                     "zero c columns give the common LSTM reading concat(x_t, h_{t-1}).",
    # stacked_lstm_forward
    "lstm.stacked_lstm_forward::agrees": "A multi-layer LSTM stacks layers: layer l+1 reads layer l's outputs "
                                         "hs, every layer's h and c start at 0, the top layer's hs is returned.",
    "lstm.stacked_lstm_forward::one_layer": "A stack of one layer is exactly that layer: lstm_forward's hs.",
    "lstm.stacked_lstm_forward::layers_compose": "A multi-layer LSTM is its first layer followed by the rest of "
                                                 "the stack, which reads that layer's hs and starts from its own "
                                                 "zero h and c.",
    "lstm.stacked_lstm_forward::causality": "Every layer runs forwards in time: the output at t depends on "
                                            "x_1..x_t only.",
}

HINTS = {
    "lstm.lstm_cell::agrees": {
        "forget_inverted": "Your cell forgets when the forget gate is open: the old memory is kept with weight "
                           "σ(z_f), not 1 − σ(z_f) (despite its name, forget gate 1 = keep).",
        "gate_inside": "The input gate multiplies the activated input: g(z) ⊙ σ(z_i), not g(z ⊙ σ(z_i)).",
        "old_memory": "The output must read the new memory: a = h(c) ⊙ σ(z_o) with this step's c, not c_prev.",
        "memory": "The new memory c is wrong: c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f), with g on z (not h), "
                  "σ(z_i) on the input and σ(z_f) on c_prev (not the other way round), every product elementwise.",
        "output": "The memory c is right but the output a is not: a = h(c) ⊙ σ(z_o), with h (not g) applied "
                  "to this step's c and the output gate σ(z_o).",
    },
    "lstm.lstm_cell::forget_gate": {
        "forget_closed": "With the forget gate closed (σ(z_f) ≈ 0) the new memory must not depend on c_prev: "
                         "multiply c_prev by σ(z_f), not by 1 − σ(z_f), and by no other gate.",
        "keep": "With the forget gate open and the input gate closed the memory must stay c_prev: keep c_prev "
                "with weight σ(z_f) (forget gate 1 = keep), entry by entry, and let z in only through σ(z_i), "
                "as g(z) ⊙ σ(z_i).",
        "output_closed": "With the output gate closed (σ(z_o) ≈ 0) the output must be 0: a = h(c) ⊙ σ(z_o), "
                         "with σ(z_o), not 1 − σ(z_o) and not z_o itself.",
        "output_open": "With the output gate open the output must be h(c) of the new memory c you return: "
                       "apply h (not g) to this step's c, not to c_prev.",
    },
    "lstm.lstm_cell::elementwise": {
        "elementwise": "An array call differs from calling your cell on each entry: every product must be "
                       "elementwise (* or np.multiply), not an inner product (@, np.dot), and nothing may be "
                       "summed over the cells (no np.sum, no reduction over an axis).",
    },
    "lstm.handmade_lstm::lecture_examples": {
        "add": "x2 = 1 must add x1 to the memory: let z read x1 (z = x1), and open both the input and the forget "
               "gate when x2 = 1 (e.g. z_i = 100·x2 − 10, z_f = 100·x2 + 10).",
        "reset": "x2 = -1 must reset the memory to 0: close the forget gate when x2 = -1 (its pre-activation far "
                 "below 0, e.g. z_f = 100·x2 + 10) and keep the input gate closed then.",
        "keep": "When x2 = 0 the memory must stay as it is: the forget gate open (z_f well above 0) and the input "
                "gate closed (z_i well below 0); they must read x2, not x1 or x3. Outputting the memory (x3 = 1) "
                "must not change it.",
        "output_closed": "When x3 = 0 the output must be 0: the output gate's pre-activation must be far below 0, "
                         "e.g. z_o = 100·x3 − 10 (it must read x3).",
        "output_open": "When x3 = 1 the whole memory must come out: the output gate's pre-activation must be far "
                       "above 0 then, e.g. z_o = 100·x3 − 10.",
    },
    "lstm.handmade_lstm::follows_rule": {
        "add": "x2 = 1 did not add x1 to the memory: z must be x1 (row [1, 0, 0], bias 0) and both the input and "
               "the forget gate must be saturated open when x2 = 1 (pre-activations ≥ 10 or so). Weights that "
               "only work on the lecture's sequences (positive x1) are not enough.",
        "reset": "x2 = -1 did not reset the memory to 0: the forget gate must be saturated closed when x2 = -1 "
                 "(pre-activation ≤ -10, e.g. 100·x2 + 10) and the input gate closed too.",
        "keep": "The memory changed on a step with x2 = 0: the input gate must be saturated closed and the forget "
                "gate saturated open then (e.g. ±10 or more, like 100·x2 − 10 and 100·x2 + 10), reading x2 "
                "only (not x1 or x3). Gates like 10·x2 − 1 leak: σ(−1) ≈ 0.27, not 0.",
        "output_closed": "The output was not 0 on a step with x3 = 0: the output gate must be saturated closed "
                         "then (pre-activation ≤ -10, e.g. 100·x3 − 10), reading x3 only.",
        "output_open": "The memory is right but it did not come out on a step with x3 = 1: the output gate must be "
                       "saturated open then (pre-activation ≥ 10 or so, e.g. 100·x3 − 10).",
    },
    "lstm.lstm_forward::agrees": {
        "memory": "The memories cs go wrong: take v_t = concat(x_t, h_{t-1}, c_{t-1}) in that order, with the "
                  "previous step's c_{t-1} (not the new c_t) as the peephole; use W_z, W_i, W_f, W_o each for "
                  "its own gate; start from c0 and h0; store a copy of each step's c (appending one array that "
                  "is later updated in place stores only the last state).",
        "output": "The memories are right but the outputs are not: h_t = h(c_t) ⊙ σ(z_o) with this step's c_t "
                  "and h (not g); z_o = W_o @ v_t + b_o reads the same v_t = concat(x_t, h_{t-1}, c_{t-1}) as "
                  "the other gates (the previous memory c_{t-1}, not c_t; h before c); store a copy of each h_t.",
    },
    "lstm.lstm_forward::initial_state": {
        "h0": "Your first step ignores h0: use it as h_{t-1} in v_1 = concat(x_1, h0, c0) when it is given.",
        "c0": "Your first step ignores c0: it is both the old memory kept by the forget gate and the c part of "
              "v_1 = concat(x_1, h0, c0).",
        "default": "The first step must read h0 and c0 as h_{t-1} and c_{t-1} when they are given, zeros only "
                   "when they are None.",
    },
    "lstm.lstm_forward::causality": {
        "causality": "An output changed when only later inputs changed: step t must not read xs[t+1:] (e.g. a "
                     "reversed loop, or the input projection taken over the wrong axis).",
    },
    "lstm.lstm_forward::parameter_sharing": {
        "sharing": "A run continued from the state (hs[-1], cs[-1]) of a first run differs from one whole run: "
                   "pass both h and c from step to step, start from h0 and c0, and use the same W_* and b_* at "
                   "every step.",
    },
    "lstm.lstm_forward::order_matters": {
        "order": "Reordering the inputs did not change the outputs: the state is not carried over. Each step must "
                 "read the previous step's h_{t-1} and c_{t-1}, and keep c_{t-1} ⊙ σ(z_f) in the new memory.",
    },
    "lstm.lstm_forward::forget_gate": {
        "keep": "With the forget gates open (b_f = 50) and the input gates closed (b_i = -50) the memory must stay "
                "c0: keep c_{t-1} ⊙ σ(z_f) (1 = keep, not 1 − σ), use W_f/b_f for the forget gate and W_i/b_i "
                "for the input gate, and start from c0.",
        "output_closed": "With the output gates closed (b_o = -50) every h_t must be 0: h_t = h(c_t) ⊙ σ(z_o), "
                         "with W_o/b_o for z_o.",
    },
    "lstm.lstm_forward::cells_permute": {
        "permute": "Renumbering the cells changed more than the column order: cell k must use row k of each W "
                   "and b, entry k of h_{t-1} and c_{t-1}, and nothing fixed to a position (no c_prev[0], no "
                   "reversed or transposed block).",
    },
    "lstm.lstm_forward::cell_uses_own_row": {
        "own_row": "Cells influence each other where they should not: every gate product is elementwise (*), "
                   "not an inner product (@ or np.dot between gate vectors), and nothing is summed over the cells.",
    },
    "lstm.lstm_forward::reductions": {
        "simplest": "Even reading x alone (h and c columns zero) the layer is wrong: z = W_z @ v + b_z, "
                    "z_i = W_i @ v + b_i, z_f = W_f @ v + b_f, z_o = W_o @ v + b_o, each matrix for its own gate; "
                    "c_t = g(z) ⊙ σ(z_i) + c_{t-1} ⊙ σ(z_f) with c_0 = c0; h_t = h(c_t) ⊙ σ(z_o); a copy of "
                    "each state stored.",
        "common": "With zero c columns the result is wrong although x alone works: the columns after x_t are "
                  "h_{t-1} first (the next H), then c_{t-1} (the last H): v_t = concat(x_t, h_{t-1}, c_{t-1}), "
                  "with h_{t-1} the previous output h(c) ⊙ σ(z_o) (h0 at the first step); each gate uses its "
                  "own matrix (W_f, not W_i, for the forget gate) over all D + 2H columns.",
    },
    "lstm.stacked_lstm_forward::agrees": {
        "layers": "Layer l+1 reads layer l's output sequence hs (not xs); every layer's h and c start at zero "
                  "(do not carry the state of one layer into the next); each layer uses its own params.",
        "returns_cs": "You returned the top layer's memories cs: return its outputs hs.",
    },
    "lstm.stacked_lstm_forward::one_layer": {
        "one_layer": "With one layer the result must equal lstm_forward's hs for that layer (not its cs): "
                     "reuse lstm_forward.",
    },
    "lstm.stacked_lstm_forward::layers_compose": {
        "compose": "Running layer 1 alone, then the other layers on its hs, gave another result than the whole "
                   "stack: in the stack, layer l+1 must read layer l's hs (not xs, not cs) and start from zero h "
                   "and c (not from the last state of the layer below).",
    },
    "lstm.stacked_lstm_forward::causality": {
        "causality": "An output changed when only later inputs changed: every layer runs forwards in time, and "
                     "every layer starts from zeros, not from the final h and c of the layer below (which have "
                     "seen the whole sequence).",
    },
}
