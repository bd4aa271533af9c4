"""Texts of the checks of module gradients."""

MECHANISMS = {
    # linear_rnn
    "gradients.linear_rnn::agrees": "The simplest RNN keeps one number in memory: a_t = w·a_{t-1} + x_t, "
                                    "y_t = a_t, starting from a_0 = 0.",
    "gradients.linear_rnn::impulse": "Feed in 1, 0, 0, …: the memory is multiplied by w at every step, so "
                                     "y_t = w^(t-1), and y_1000 = w^999 (1, ≈ 20 751, ≈ 4.4e-5 or 0 for "
                                     "w = 1, 1.01, 0.99, 0.01).",
    "gradients.linear_rnn::superposition": "The network is linear in its input: f(a + b) = f(a) + f(b) and "
                                           "f(c·a) = c·f(a).",
    # linear_rnn_grad
    "gradients.linear_rnn_grad::impulse": "For the impulse, d y_T / d w = (T−1)·w^(T−2): a tiny change of w "
                                          "explodes or vanishes with T.",
    "gradients.linear_rnn_grad::finite_differences": "For any input, the gradient from backpropagation through "
                                                     "time equals the slope of y_T measured by finite differences.",
    "gradients.linear_rnn_grad::growth": "Each extra step multiplies the impulse gradient by T/(T−1)·w: it "
                                         "explodes for w > 1 and vanishes for w < 1.",
    # elman_backward
    "gradients.elman_backward::finite_differences": "Backpropagation through time gives the gradient of "
                                                    "L = Σ_t dys_t · y_t for every weight and for h0: each one "
                                                    "equals the slope measured by finite differences.",
    "gradients.elman_backward::one_step": "One step's local derivatives: da = (W_hyᵀ dy) ⊙ (1 − h²), "
                                          "dW_xh = da xᵀ, dW_hh = da h0ᵀ, db_h = da, dh0 = W_hhᵀ da.",
    "gradients.elman_backward::through_time": "A loss at the last step reaches every earlier step: the gradient "
                                              "flows back through dh_{t-1} = W_hhᵀ da_t.",
    "gradients.elman_backward::shared_weight_sum": "One weight serves every step, so its gradient is the sum "
                                                   "of its contributions from every step.",
    "gradients.elman_backward::h0_gradient": "The initial memory h0 gets a gradient too: dh0 = W_hhᵀ da_1.",
    "gradients.elman_backward::vanishing_gradient": "With small recurrent weights the gradient vanishes: after "
                                                    "30 steps back, dL/dh0 is orders of magnitude below dL/dh_T.",
    # clip_gradients
    "gradients.clip_gradients::agrees": "Global-norm clipping: if the L2 norm of all arrays together exceeds "
                                        "max_norm, every array is scaled by max_norm / norm.",
    "gradients.clip_gradients::norm_bound": "After clipping, the global norm of all arrays together is max_norm: "
                                            "gradients above the threshold are scaled down to it, not further.",
    "gradients.clip_gradients::direction_kept": "Clipping keeps the gradient's direction: every array is scaled "
                                                "by the same factor s, 0 < s ≤ 1.",
    "gradients.clip_gradients::below_threshold": "Gradients whose global norm is at most max_norm are returned "
                                                 "unchanged.",
    # lstm_backward
    "gradients.lstm_backward::finite_differences": "Backpropagation through time for the LSTM gives the gradient "
                                                   "of L = Σ_t dhs_t · h_t for every weight, h0 and c0: each one "
                                                   "equals the slope measured by finite differences.",
    "gradients.lstm_backward::one_step": "One LSTM step's local derivatives through the output gate, the memory "
                                         "c, the cell input and the input and forget gates.",
    "gradients.lstm_backward::through_time": "A loss at the last step reaches every earlier step, through both "
                                             "h_{t-1} and the memory c_{t-1}.",
    "gradients.lstm_backward::h0_c0_gradient": "The initial output h0 and the initial memory c0 get gradients too.",
    "gradients.lstm_backward::memory_keeps_gradient": "With the forget gate open and the input gate closed the "
                                                      "memory is carried unchanged, and so is its gradient: after "
                                                      "200 steps dL/dc0 is still dL/dc_T.",
}

_OUTER = ("Each weight's gradient is an outer product of the gradient at its output and the input it read at "
          "that step: dW_xh += da_t x_tᵀ, dW_hh += da_t h_{t-1}ᵀ (the previous state, h0 at the first step).")
_CLIP_BAD_RETURN = ("Return a dict of finite arrays, each of its input's shape. NaN or inf usually comes from "
                    "dividing by the global norm when it is 0 (all-zero gradients): scale only when norm > "
                    "max_norm.")
_LSTM_DC = "dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o_t ⊙ (1 − tanh²(c_t)) (plus the peephole columns' W_cᵀ dz)"

HINTS = {
    "gradients.linear_rnn::agrees": {
        "default": "Loop over time: a = w * a + xs[t], store a as ys[t]; start from a = 0.",
    },
    "gradients.linear_rnn::impulse": {
        "input_weighted": "Every output equals w: you multiply the input by w (a_t = w·x_t + a_{t-1}). The weight "
                          "w belongs to the memory: a_t = w·a_{t-1} + x_t.",
        "off_by_one": "Your outputs are shifted by one power of w: y_1 must be x_1 = 1 (w^0), y_t = w^(t-1). Store "
                      "a_t right after updating it, and do not multiply by w once more (or once less).",
        "initial_state": "y_1 should be 1 but is 1 + w: the memory must start at a_0 = 0, not 1.",
        "impulse": "For the impulse 1, 0, 0, … the memory is only multiplied by w: y_t = w^(t-1). Check the update "
                   "a_t = w·a_{t-1} + x_t and that ys[t] stores a_t; compute in float64 so that w^999 keeps its "
                   "digits.",
    },
    "gradients.linear_rnn::superposition": {
        "ignores_input": "Your outputs do not change when the input changes: compute the recurrence from xs, do "
                         "not return a formula for the impulse (such as w**t).",
        "initial_state": "An all-zero input must give all-zero outputs: start from a_0 = 0 and add nothing but "
                         "w·a_{t-1} + x_t.",
        "linear": "The network is linear: no activation, no constant, nothing that is not proportional to xs. "
                  "a_t = w·a_{t-1} + x_t and y_t = a_t.",
    },
    "gradients.linear_rnn_grad::impulse": {
        "off_by_one": "You get T·w^(T-1), not (T-1)·w^(T-2): the term of step t is δ_t·a_{t-1}, with the memory "
                      "*before* the step (a_0 = 0 at the first step), not a_t.",
        "single_step": "You get w^(T-2), one term only: ∂y_T/∂w is the SUM over the steps, Σ_t δ_t·a_{t-1}, "
                       "with δ_T = 1 and δ_{t-1} = w·δ_t.",
        "impulse": "Walk back from the last step: δ_T = 1, add δ_t·a_{t-1} to the gradient, then δ_{t-1} = w·δ_t. "
                   "For the impulse this gives (T-1)·w^(T-2).",
        "sign": "Your gradient has the right size but the wrong sign: ∂y_T/∂w = +Σ_t δ_t·a_{t-1}, so add the "
                "terms (grad += δ_t·a_{t-1}). The minus sign belongs to the descent step w ← w − η·grad, not to "
                "the gradient.",
    },
    "gradients.linear_rnn_grad::finite_differences": {
        "closed_form": "You return (T-1)·w^(T-2) whatever the input: that formula holds only for the impulse. "
                       "Backpropagate through time: run linear_rnn, then Σ_t δ_t·a_{t-1} with δ_{t-1} = w·δ_t.",
        "bptt": "Backpropagate through time on the actual states: run linear_rnn to get a_1..a_T, then add "
                "δ_t·a_{t-1} (a_0 = 0) walking back with δ_T = 1, δ_{t-1} = w·δ_t. Only y_T counts, not every y_t.",
        "sign": "Your gradient has the right size but the wrong sign: ∂y_T/∂w = +Σ_t δ_t·a_{t-1}, so add the "
                "terms (grad += δ_t·a_{t-1}). The minus sign belongs to the descent step w ← w − η·grad, not to "
                "the gradient.",
    },
    "gradients.linear_rnn_grad::growth": {
        "single_step": "One more step only multiplies your gradient by w: it keeps a single step's term. The "
                       "gradient sums the terms of all steps, Σ_t δ_t·a_{t-1}, giving (T-1)·w^(T-2).",
        "growth": "For the impulse the gradient must be (T-1)·w^(T-2), so grad(T+1)/grad(T) = T/(T-1)·w. Check the "
                  "sum over steps and that δ is multiplied by w once per step back.",
    },
    "gradients.elman_backward::finite_differences": {
        "output": "The output layer is linear: dW_hy = Σ_t dys_t h_tᵀ and db_y = Σ_t dys_t, with h_t the hidden "
                  "state of the same step.",
        "hidden": "Check the hidden layer's chain: dh_t = W_hyᵀ dys_t + W_hhᵀ da_{t+1}, then da_t = dh_t ⊙ "
                  "(1 − h_t²) (tanh'), db_h = Σ_t da_t, dW_xh = Σ_t da_t x_tᵀ. The one_step, through_time and "
                  "shared_weight_sum checks narrow it down.",
        "recurrent": "dW_hh = Σ_t da_t h_{t-1}ᵀ: the state *before* step t (h0 at the first step), not h_t.",
        "h0": "dh0 = W_hhᵀ da_1: what flows out of the first step, through W_hh transposed.",
        "zero_h0": "grads['h0'] is zero: the initial memory gets a gradient too, dh0 = W_hhᵀ da_1 — return the "
                   "dh_prev that your backward loop leaves after the first step.",
    },
    "gradients.elman_backward::one_step": {
        "tanh_derivative": "The gradient through tanh is wrong: da = dh ⊙ (1 − h²), with h = tanh(a) the hidden "
                           "state itself (not 1 − a², not missing, not the sigmoid's h(1 − h)).",
        "transpose": "A transpose is missing or extra: dW_xh = da xᵀ has shape (H, D) (np.outer(da, x)); the "
                     "gradient going back to h0 uses W_hh.T @ da, not W_hh @ da.",
        "zero_h0": "grads['h0'] is zero: dh0 = W_hhᵀ da, the gradient that leaves the first step.",
        "local": _OUTER + " With one step: db_h = da, dW_xh = da xᵀ, dW_hh = da h0ᵀ, dh0 = W_hhᵀ da.",
    },
    "gradients.elman_backward::through_time": {
        "truncated": "Backpropagation stops after one step: the gradient at h_{t-1} is W_hhᵀ da_t from the next "
                     "step PLUS W_hyᵀ dys_{t-1} from its own output. Carry dh_next through the backward loop "
                     "(walking t = T-1 down to 0) and add it before multiplying by (1 − h²).",
        "zero_h0": "grads['h0'] is zero: the gradient that leaves the first step, W_hhᵀ da_1, is dh0.",
        "through_time": "Walk back from the last step: dh_t = W_hyᵀ dys_t + W_hhᵀ da_{t+1}, da_t = dh_t ⊙ "
                        "(1 − h_t²). If one_step fails too, fix the local derivatives first.",
    },
    "gradients.elman_backward::shared_weight_sum": {
        "overwritten": "A shared weight's gradient is overwritten at every step (dW = ... inside the loop) so only "
                       "one step's contribution is left: accumulate it, dW += ..., starting from zeros.",
        "truncated": "Each step's contribution must include the gradient arriving from later steps through "
                     "W_hhᵀ: add dh_next to W_hyᵀ dys_t before multiplying by (1 − h_t²).",
        "sum": "dW_xh = Σ_t da_t x_tᵀ, dW_hh = Σ_t da_t h_{t-1}ᵀ, db_h = Σ_t da_t: every step adds its own term, "
               "with da_t the full gradient at step t's pre-activation. If one_step fails too, fix it first.",
    },
    "gradients.elman_backward::h0_gradient": {
        "zero": "grads['h0'] is zero: the initial memory gets a gradient too, dh0 = W_hhᵀ da_1 — the dh_prev "
                "your backward loop leaves after the first step.",
        "transpose": "dh0 = W_hh.T @ da_1, not W_hh @ da_1: going back through a weight uses its transpose.",
        "missing_W_hh": "dh0 is da_1 itself: h0 reaches the first step through W_hh, so dh0 = W_hhᵀ da_1.",
        "h0": "dh0 = W_hhᵀ da_1, where da_1 is the full gradient at the first step's pre-activation (including "
              "everything that flowed back from later steps), times (1 − h_1²).",
    },
    "gradients.elman_backward::vanishing_gradient": {
        "not_vanishing": "Your gradient does not shrink going back in time: each step back must multiply by "
                         "W_hhᵀ and by tanh' = 1 − h², dh_{t-1} = W_hhᵀ (dh_t ⊙ (1 − h_t²)) (+ that step's own "
                         "output term), so with a small W_hh it vanishes.",
    },
    "gradients.clip_gradients::agrees": {
        "default": "norm = sqrt of the sum of squares of ALL arrays together; if norm > max_norm multiply every "
                   "array by max_norm / norm, otherwise return them unchanged.",
        "bad_return": _CLIP_BAD_RETURN,
    },
    "gradients.clip_gradients::norm_bound": {
        "not_clipped": "The gradients came back unchanged although their global norm exceeds max_norm: scale "
                       "every array by max_norm / norm.",
        "elementwise": "You cap each value at ±max_norm (the lecture's spoken rule): this exercise clips the global "
                       "norm instead, scaling every array by max_norm / norm, where norm covers all arrays together.",
        "per_array": "You clip each array by its own norm: the norm is global, sqrt(Σ over all arrays of Σ g²), "
                     "and one common factor max_norm / norm scales every array.",
        "norm": "After clipping, the global norm must be max_norm: scale by max_norm / norm (not norm / "
                "max_norm), with norm the global L2 norm of all arrays together.",
        "too_small": "The gradients were shrunk too far: after clipping their global norm must be max_norm "
                     "exactly. Scale by max_norm / norm with norm = sqrt(Σ over all arrays of Σ g²) — the square "
                     "root of the sum of squares, not the sum itself.",
        "no_sqrt": "You scale by max_norm / Σ g²: the norm is the square root of the sum of squares, "
                   "norm = sqrt(Σ over all arrays of Σ g²), and the factor is max_norm / norm.",
        "bad_return": _CLIP_BAD_RETURN,
    },
    "gradients.clip_gradients::direction_kept": {
        "per_array": "Each array was scaled by its own factor: compute ONE global norm over all arrays together "
                     "and scale every array by the same max_norm / norm, so that the direction is kept.",
        "elementwise": "You cap values at ±max_norm, which changes the gradient's direction: scale every array by "
                       "the same factor max_norm / global norm instead.",
        "direction": "The arrays are not all multiplied by one common factor: compute the global norm over all "
                     "arrays, then multiply every array (every entry) by the same max_norm / norm.",
        "scale": "Clipping only ever shrinks: the factor is max_norm / norm (below 1) and is applied only when the "
                 "global norm exceeds max_norm; otherwise the arrays come back unchanged.",
        "bad_return": _CLIP_BAD_RETURN,
    },
    "gradients.clip_gradients::below_threshold": {
        "always": "You rescale to max_norm even when the global norm is below it: scale only if norm > max_norm.",
        "unchanged": "When the global norm is at most max_norm, return every array unchanged (same values, same "
                     "shapes).",
        "bad_return": _CLIP_BAD_RETURN,
    },
    "gradients.lstm_backward::finite_differences": {
        "output_gate": "dz_o = dh_t ⊙ tanh(c_t) ⊙ o(1 − o), with dh_t = dhs_t + the gradient arriving from step "
                       "t+1 through h_t.",
        "cell_input": f"dz = dc ⊙ i ⊙ (1 − tanh²(z)), with {_LSTM_DC}.",
        "input_gate": f"dz_i = dc ⊙ tanh(z) ⊙ i(1 − i), with {_LSTM_DC}.",
        "forget_gate": f"dz_f = dc ⊙ c_{{t-1}} ⊙ f(1 − f): the forget gate multiplies the previous memory; {_LSTM_DC}.",
        "h0": "dh0 is the h part of dv_1 = Σ_k W_kᵀ dz_k at the first step (the columns D..D+H of each W_k).",
        "c0": "dc0 = dc_1 ⊙ f_1 + the c part of dv_1 (the peephole columns D+H.. of each W_k): the memory's "
              "gradient flows back through the forget gate.",
        "zero": "The gradient of the initial state is zero: return the dh_prev and dc_prev that your backward "
                "loop leaves after the first step (dc0 = dc_1 ⊙ f_1 + peephole part, dh0 = h part of dv_1).",
    },
    "gradients.lstm_backward::one_step": {
        "output_gate": "dz_o = dh ⊙ tanh(c) ⊙ o(1 − o): the output gate sees tanh of the NEW memory c.",
        "cell_input": "First dc = dh ⊙ o ⊙ (1 − tanh²(c)) (do not forget tanh'), then dz = dc ⊙ i ⊙ (1 − tanh²(z)).",
        "input_gate": "dz_i = dc ⊙ tanh(z) ⊙ i(1 − i), with dc = dh ⊙ o ⊙ (1 − tanh²(c)).",
        "forget_gate": "dz_f = dc ⊙ c_prev ⊙ f(1 − f): the previous memory (c0 here) times the sigmoid's "
                       "derivative.",
        "h0": "dh0 is the h part of dv = Σ_k W_kᵀ dz_k (columns D..D+H): v = concat(x, h_prev, c_prev).",
        "c0": "dc0 = dc ⊙ f + the c part of dv = Σ_k W_kᵀ dz_k (columns D+H..).",
        "zero": "The gradients of h0 and c0 are zero: dh0 is the h part of dv, dc0 = dc ⊙ f + the c part of dv.",
    },
    "gradients.lstm_backward::through_time": {
        "truncated": "Nothing reaches the first step: carry two gradients back through time, dh_{t-1} = dhs_{t-1} "
                     "+ (h part of dv_t) and dc_{t-1} = dc_t ⊙ f_t + (c part of dv_t), and return them as "
                     "grads['h0'] and grads['c0'].",
        "through_time": f"Carry both gradients back: dh_{{t-1}} = dhs_{{t-1}} + (h part of Σ_k W_kᵀ dz_k) and "
                        f"{_LSTM_DC}. If one_step fails too, fix the local derivatives first.",
    },
    "gradients.lstm_backward::h0_c0_gradient": {
        "zero": "The gradients of h0 and c0 are zero: return the dh_prev and dc_prev your backward loop leaves "
                "after the first step.",
        "h0": "dh0 is the h part (columns D..D+H) of Σ_k W_kᵀ dz_k at the first step.",
        "c0": "dc0 = dc_1 ⊙ f_1 + the c part (columns D+H..) of Σ_k W_kᵀ dz_k at the first step, where dc_1 "
              "already holds everything that flowed back from later steps.",
    },
    "gradients.lstm_backward::memory_keeps_gradient": {
        "dropped": "dL/dc0 vanished after 200 steps: the memory's gradient must flow back through the forget "
                   "gate, dc_{t-1} = dc_t ⊙ f_t (+ peephole part) — not through i or o, and not dropped.",
        "memory": "With f = 1 and i = 0, dL/dc0 = dL/dc_T = dhs_T ⊙ o_T ⊙ (1 − tanh²(c_T)): check the memory's "
                  "gradient dc = dc_next + dh ⊙ o ⊙ (1 − tanh²(c)) and that dc_{t-1} = dc ⊙ f.",
    },
}
