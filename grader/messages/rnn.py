"""Texts of the checks of module rnn."""

MECHANISMS = {
    # activation
    "rnn.activation::agrees": "An activation maps every entry of v on its own: linear, sigmoid, tanh or relu.",
    "rnn.activation::stable": "sigmoid and tanh saturate smoothly: sigmoid(±1000) is exactly 0 or 1, never NaN, "
                              "and computing it raises no overflow warning.",
    # elman_forward
    "rnn.elman_forward::agrees": "An Elman network feeds its previous hidden layer back in: "
                                 "h_t = hidden(W_xh x_t + W_hh h_{t-1} + b_h), y_t = output(W_hy h_t + b_y).",
    "rnn.elman_forward::initial_state": "The memory starts at h0 when one is given, at zeros otherwise.",
    "rnn.elman_forward::order_matters": "With memory, the order of the inputs matters: the lecture's "
                                        "(1,1),(1,1),(2,2) and (1,1),(2,2),(1,1) give different outputs.",
    "rnn.elman_forward::memoryless_permutes": "Without memory (W_hh = 0) each step is mapped on its own, so "
                                              "permuting the inputs only permutes the outputs.",
    "rnn.elman_forward::causality": "The output at step t depends on x_1..x_t only, never on later inputs.",
    "rnn.elman_forward::parameter_sharing": "An RNN is one network applied T times: running the sequence in "
                                            "two pieces, passing the state on, equals one run.",
    # jordan_forward
    "rnn.jordan_forward::agrees": "A Jordan network feeds its previous *output* back in: "
                                  "h_t = hidden(W_xh x_t + W_yh y_{t-1} + b_h).",
    "rnn.jordan_forward::initial_state": "The output memory starts at y0 when one is given, at zeros otherwise.",
    "rnn.jordan_forward::output_fed_back": "Each step's hidden layer reads the output returned for the step "
                                           "before: h_t = hidden(W_xh x_t + W_yh y_{t-1} + b_h), y_0 = y0.",
    "rnn.jordan_forward::order_matters": "With memory, the order of the inputs matters.",
    "rnn.jordan_forward::causality": "The output at step t depends on x_1..x_t only.",
    "rnn.jordan_forward::parameter_sharing": "Running the sequence in two pieces, passing the last output on "
                                             "as y0, equals one run.",
    # stacked_forward
    "rnn.stacked_forward::agrees": "A deep RNN stacks Elman layers: layer l+1 reads layer l's hidden sequence, "
                                   "each layer has its own memory starting at 0, the head reads the top layer.",
    "rnn.stacked_forward::one_layer_is_elman": "A stack of one layer is exactly an Elman network.",
    "rnn.stacked_forward::layers_compose": "A deep RNN is its first layer followed by the rest of the stack, "
                                           "which reads that layer's hidden sequence and starts from its own "
                                           "zero memory.",
    "rnn.stacked_forward::causality": "Every layer runs forwards in time: y_t depends on x_1..x_t only.",
    # bidirectional_forward
    "rnn.bidirectional_forward::agrees": "A bidirectional RNN concatenates a forward layer's state hf_t and a "
                                         "backward layer's state hb_t (after reading x_T..x_t).",
    "rnn.bidirectional_forward::symmetry": "Reversing the input and swapping the two layers (and the head's "
                                           "halves) gives the reversed output.",
    "rnn.bidirectional_forward::sees_future": "The output at t sees the whole sequence: later inputs reach it "
                                              "through the backward layer.",
}

HINTS = {
    "rnn.activation::agrees": {
        "sigmoid": "sigmoid(v) = 1 / (1 + exp(-v)), applied to every entry.",
        "relu": "relu(v) = max(v, 0) entrywise: np.maximum, not np.max.",
        "linear": "linear is the identity: return v itself (as a new array).",
        "tanh": "tanh is np.tanh, applied to every entry.",
        "bad_return": "An activation returns one finite value per entry of v, in an array of v's shape: "
                      "np.max(v, 0) reduces v along an axis (relu is np.maximum(v, 0)), and exp of a large v "
                      "overflows.",
    },
    "rnn.activation::stable": {
        "stable": "exp(1000) overflows: take exp only of −|v|, or use np.tanh, which is already stable: "
                  "e = np.exp(-np.abs(v)); np.where(v >= 0, 1 / (1 + e), e / (1 + e)).",
        "warns": "np.exp(-v) overflows for v = −1000 even when the result comes out right (and np.where "
                 "computes both of its branches, so it warns too). Exponentiate −|v| only, which is never "
                 "above 1: e = np.exp(-np.abs(v)); np.where(v >= 0, 1 / (1 + e), e / (1 + e)).",
        "bad_return": "NaN or inf for a large |v|: exp(1000) overflows to inf, and inf / inf is NaN — e.g. tanh "
                      "written as (e^v − e^−v) / (e^v + e^−v). Use np.tanh; for sigmoid take exp only of −|v|.",
    },
    "rnn.elman_forward::agrees": {
        "default": "Check each step's h_t against the equation: the input, the memory W_hh @ h_{t-1} (not "
                   "W_hh.T), the bias, then the activation. Keep a copy of each h_t: appending the same array "
                   "that you later overwrite stores only the last state.",
        "output": "The hidden states are right but the outputs are not: y_t = output(W_hy @ h_t + b_y), "
                  "from this step's new h_t.",
        "aliased": "Every row of hs is the same, the last state: you append one array and then overwrite it in "
                   "place (h[:] = ..., h += ..., out=h). Append a copy (h.copy()) or compute a new h each step.",
    },
    "rnn.elman_forward::initial_state": {
        "default": "The first step must use h0 as h_{t-1}: use h0 when it is given, zeros only when it is None.",
        "stored_h0": "hs[0] is h0 itself: hs[t] is the state *after* step t, h_1 = hidden(W_xh @ x_1 + W_hh @ h0 "
                     "+ b_h). Store h after updating it.",
        "first_step": "The first state depends on h0, but not as h_1 = hidden(W_xh @ x_1 + W_hh @ h0 + b_h): "
                      "check that h0 enters through W_hh @ h0 (not W_hh.T @ h0), once, at the first step.",
        "aliased": "Every row of hs is the same, the last state: you append one array and then overwrite it in "
                   "place (h[:] = ..., h += ..., out=h). Append a copy (h.copy()) or compute a new h each step.",
    },
    "rnn.elman_forward::order_matters": {
        "order": "Your outputs did not change when the inputs were reordered: the memory is ignored. Each step "
                 "must add W_hh @ h_{t-1}, the previous step's hidden layer.",
    },
    "rnn.elman_forward::memoryless_permutes": {
        "step_alignment": "With W_hh = 0, y_t must depend on x_t alone: check that step t reads xs[t] and "
                          "writes ys[t] (no off-by-one, no state from another step).",
    },
    "rnn.elman_forward::causality": {
        "causality": "An output changed when only later inputs changed: step t must not read xs[t+1:] "
                     "(e.g. a reversed loop, or the input projection taken over the wrong axis).",
    },
    "rnn.elman_forward::parameter_sharing": {
        "sharing": "A run continued from the state hs[-1] of a first run differs from one whole run: use the "
                   "same W_xh, W_hh, b_h at every step, and start from h0.",
    },
    "rnn.jordan_forward::agrees": {
        "memory": "The memory of a Jordan network is the previous *output* y_{t-1} (through W_yh), not the "
                  "hidden layer and not the pre-activation.",
        "output": "y_t = output(W_hy @ h_t + b_y): feed back this y_t (after the output activation).",
    },
    "rnn.jordan_forward::initial_state": {
        "default": "The first step must read y0 as y_{t-1}: use it when it is given.",
    },
    "rnn.jordan_forward::output_fed_back": {
        "memory": "h_t must read y_{t-1}, the output your function returns for the step before (after the output "
                  "activation), through W_yh — not h_{t-1}, not the pre-activation W_hy h + b_y, and not a memory "
                  "left unchanged; at the first step it reads y0 (zeros when None).",
    },
    "rnn.jordan_forward::order_matters": {
        "order": "Reordering the inputs did not change the outputs: the previous output is not fed back.",
    },
    "rnn.jordan_forward::causality": {
        "causality": "An output changed when only later inputs changed: step t must not read xs[t+1:].",
    },
    "rnn.jordan_forward::parameter_sharing": {
        "sharing": "Continuing a run from its last output differs from one whole run: use y0 as the first "
                   "y_{t-1} and the same weights at every step.",
    },
    "rnn.stacked_forward::agrees": {
        "layers": "Layer l+1 reads layer l's hidden *sequence* (not xs); every layer's memory starts at zero "
                  "(do not carry the state of one layer into the next); the head reads the top layer.",
    },
    "rnn.stacked_forward::one_layer_is_elman": {
        "one_layer": "With one layer the result must equal elman_forward with that layer and the head: "
                     "reuse elman_forward.",
    },
    "rnn.stacked_forward::layers_compose": {
        "compose": "Running layer 1 alone, then the other layers on its hidden sequence, gave another result than "
                   "the whole stack: in the stack, layer l+1 must read layer l's hidden sequence (not xs), start "
                   "from zeros (not from the last state of the layer below), and the head must read the top "
                   "layer.",
    },
    "rnn.stacked_forward::causality": {
        "causality": "An output changed when only later inputs changed: every layer runs forwards in time.",
    },
    "rnn.bidirectional_forward::agrees": {
        "alignment": "Run the backward layer on xs[::-1], then reverse its states back so hb_t lines up with "
                     "step t; concatenate (hf_t, hb_t), forward half first.",
    },
    "rnn.bidirectional_forward::symmetry": {
        "symmetry": "The mirrored network did not give the mirrored output: the backward layer must read "
                    "x_T..x_1 and its states must be re-reversed before the head reads them.",
    },
    "rnn.bidirectional_forward::sees_future": {
        "future": "y_t did not change when the last input changed: the backward layer must read the sequence "
                  "from the end, so every y_t sees the future, and the head's second half (W_hy[:, H:]) must "
                  "read it: concatenate (hf_t, hb_t), forward half first.",
    },
}
