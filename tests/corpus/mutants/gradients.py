"""Single-bug submissions of module gradients (format: tests/corpus/__init__.py).

Each ``code`` is a complete student-written replacement of one function, appended
to the correct gradients.py (the later def wins); it may use the module's ``np``,
``activation``, ``elman_forward``, ``lstm_forward`` and ``GATES``.
"""


def _fill(template, **parts):
    """The template with every {NAME} replaced by parts[NAME] (the code's own braces stay as they are)."""
    for name, part in parts.items():
        template = template.replace("{" + name + "}", part)
    return template


# ---------------------------------------------------------------- linear_rnn

_LINEAR = '''
def linear_rnn(w, xs):
    xs = np.asarray(xs, dtype=float)
    a = {START}
    ys = []
    for t in range(len(xs)):
        {STEP}
    return np.array(ys)
'''


def _linear(START="0.0", STEP="a = w * a + xs[t]\n        ys.append(a)"):
    return _fill(_LINEAR, START=START, STEP=STEP)


# ---------------------------------------------------------------- linear_rnn_grad

_GRAD = '''
def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    a_prev = np.concatenate([[0.0], ys[:-1]])
    grad, delta = 0.0, 1.0
    for t in reversed(range(len(ys))):
        {STEP}
    return float(grad)
'''


def _grad(STEP="grad += delta * a_prev[t]\n        delta *= w"):
    return _fill(_GRAD, STEP=STEP)


# ---------------------------------------------------------------- elman_backward

_ELMAN_BACKWARD = '''
def elman_backward(xs, params, dys, h0=None):
    xs, dys = np.asarray(xs, dtype=float), np.asarray(dys, dtype=float)
    W_xh, W_hh, W_hy = params["W_xh"], params["W_hh"], params["W_hy"]
    H = W_hh.shape[0]
    _, hs = elman_forward(xs, params, h0, "tanh", "linear")
    h_prev = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    dh_next = np.zeros(H)
    for t in reversed(range(len(xs))):
        before = hs[t - 1] if t > 0 else h_prev
        dh = {DH}
        da = {DA}
        {ACCUMULATE}
        grads["W_hy"] += np.outer(dys[t], hs[t])
        grads["b_y"] += dys[t]
        dh_next = {BACK}
    grads["h0"] = {H0}
    return grads
'''
_ACCUMULATE = '''grads["W_xh"] += np.outer(da, xs[t])
        grads["W_hh"] += np.outer(da, before)
        grads["b_h"] += da'''


def _elman_backward(DH="W_hy.T @ dys[t] + dh_next", DA="dh * (1 - hs[t] ** 2)", ACCUMULATE=_ACCUMULATE,
                    BACK="W_hh.T @ da", H0="dh_next"):
    return _fill(_ELMAN_BACKWARD, DH=DH, DA=DA, ACCUMULATE=ACCUMULATE, BACK=BACK, H0=H0)


# ---------------------------------------------------------------- clip_gradients

_CLIP = '''
def clip_gradients(grads, max_norm):
    norm = {NORM}
    {BODY}
'''
_GLOBAL_NORM = "np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))"
_SCALE = '''if norm > max_norm:
        return {k: g * (max_norm / norm) for k, g in grads.items()}
    return {k: g.copy() for k, g in grads.items()}'''


def _clip(NORM=_GLOBAL_NORM, BODY=_SCALE):
    return _fill(_CLIP, NORM=NORM, BODY=BODY)


# ---------------------------------------------------------------- lstm_backward

_LSTM_BACKWARD = '''
def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs, dhs = np.asarray(xs, dtype=float), np.asarray(dhs, dtype=float)
    T, D = xs.shape
    H = params["b_z"].shape[0]
    hs, cs = lstm_forward(xs, params, h0, c0)
    h_prev = np.zeros(H) if h0 is None else np.asarray(h0, dtype=float)
    c_prev = np.zeros(H) if c0 is None else np.asarray(c0, dtype=float)
    sig = lambda v: activation("sigmoid", v)
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    dh_next, dc_next = np.zeros(H), np.zeros(H)
    for t in reversed(range(T)):
        hp = hs[t - 1] if t > 0 else h_prev
        cp = cs[t - 1] if t > 0 else c_prev
        v = np.concatenate([xs[t], hp, cp])
        z = params["W_z"] @ v + params["b_z"]
        i = sig(params["W_i"] @ v + params["b_i"])
        f = sig(params["W_f"] @ v + params["b_f"])
        o = sig(params["W_o"] @ v + params["b_o"])
        g = np.tanh(z)
        tc = np.tanh(cs[t])
        dh = {DH}
        dc = {DC}
        dz = {
            "z": dc * i * (1 - g ** 2),
            "i": {DZ_I},
            "f": {DZ_F},
            "o": {DZ_O},
        }
        dv = np.zeros(D + 2 * H)
        for k in "zifo":
            grads["W_" + k] += np.outer(dz[k], v)
            grads["b_" + k] += dz[k]
            dv += params["W_" + k].T @ dz[k]
        dh_next = dv[D:D + H]
        dc_next = {DC_PREV}
    grads["h0"] = {H0}
    grads["c0"] = {C0}
    return grads
'''


def _lstm_backward(DH="dhs[t] + dh_next", DC="dc_next + dh * o * (1 - tc ** 2)", DZ_I="dc * g * i * (1 - i)",
                   DZ_F="dc * cp * f * (1 - f)", DZ_O="dh * tc * o * (1 - o)", DC_PREV="dc * f + dv[D + H:]",
                   H0="dh_next", C0="dc_next"):
    return _fill(_LSTM_BACKWARD, DH=DH, DC=DC, DZ_I=DZ_I, DZ_F=DZ_F, DZ_O=DZ_O, DC_PREV=DC_PREV, H0=H0, C0=C0)


MUTANTS = [
    # ------------------------------------------------------------ linear_rnn
    dict(name="linear_hardcoded_impulse", exercise="gradients.linear_rnn", caught_by=["superposition"],
         diagnosis=("superposition", "ignores_input"),
         code='''
def linear_rnn(w, xs):
    # the lecture: 1, 0, 0, ... gives w^(t-1)
    return w ** np.arange(len(xs), dtype=float)
'''),
    dict(name="linear_memory_starts_at_1", exercise="gradients.linear_rnn",
         caught_by=["impulse", "superposition"], diagnosis=("impulse", "initial_state"), code=_linear(START="1.0")),
    dict(name="linear_outputs_previous_state", exercise="gradients.linear_rnn", caught_by=["impulse"],
         diagnosis=("impulse", "off_by_one"),
         code=_linear(STEP="ys.append(a)\n        a = w * a + xs[t]")),
    dict(name="linear_extra_factor_w", exercise="gradients.linear_rnn", caught_by=["impulse"],
         diagnosis=("impulse", "input_weighted"),
         code=_linear(STEP="a = w * (a + xs[t])\n        ys.append(a)")),
    dict(name="linear_weights_the_input", exercise="gradients.linear_rnn", caught_by=["impulse"],
         diagnosis=("impulse", "input_weighted"),
         code=_linear(STEP="a = a + w * xs[t]\n        ys.append(a)")),
    dict(name="linear_tanh_unit", exercise="gradients.linear_rnn", caught_by=["superposition"],
         diagnosis=("superposition", "linear"),
         code=_linear(STEP="a = np.tanh(w * a + xs[t])\n        ys.append(a)")),
    # ------------------------------------------------------------ linear_rnn_grad
    dict(name="grad_closed_form", exercise="gradients.linear_rnn_grad", caught_by=["finite_differences"],
         diagnosis=("finite_differences", "closed_form"),
         code='''
def linear_rnn_grad(w, xs):
    T = len(xs)
    if T == 1:
        return 0.0
    return float((T - 1) * w ** (T - 2))
'''),
    dict(name="grad_wrong_sign", exercise="gradients.linear_rnn_grad", caught_by=["impulse", "finite_differences"],
         diagnosis=("impulse", "sign"),
         code=_grad(STEP="grad -= delta * a_prev[t]\n        delta *= w")),
    dict(name="grad_delta_not_propagated", exercise="gradients.linear_rnn_grad",
         caught_by=["impulse", "finite_differences", "growth"], diagnosis=("finite_differences", "bptt"),
         code=_grad(STEP="grad += delta * a_prev[t]")),
    dict(name="grad_last_step_only", exercise="gradients.linear_rnn_grad", caught_by=["impulse", "growth"],
         diagnosis=("impulse", "single_step"),
         code='''
def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    # y_T = w * a_{T-1} + x_T, so dy_T/dw = a_{T-1}
    return float(ys[-2]) if len(ys) > 1 else 0.0
'''),
    dict(name="grad_uses_new_state", exercise="gradients.linear_rnn_grad",
         caught_by=["impulse", "finite_differences"], diagnosis=("impulse", "off_by_one"),
         code=_grad(STEP="grad += delta * ys[t]\n        delta *= w")),
    dict(name="grad_of_every_output", exercise="gradients.linear_rnn_grad", caught_by=["finite_differences"],
         diagnosis=("finite_differences", "bptt"),
         code='''
def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    a_prev = np.concatenate([[0.0], ys[:-1]])
    grad, delta = 0.0, 0.0
    for t in reversed(range(len(ys))):
        delta = delta * w + 1.0          # dL/da_t for L = sum of all y_t
        grad += delta * a_prev[t]
    return float(grad)
'''),
    # ------------------------------------------------------------ elman_backward
    dict(name="eb_no_gradient_from_later_steps", exercise="gradients.elman_backward",
         caught_by=["through_time", "shared_weight_sum"], diagnosis=("through_time", "truncated"),
         code=_elman_backward(DH="W_hy.T @ dys[t]")),
    dict(name="eb_missing_tanh_derivative", exercise="gradients.elman_backward", caught_by=["one_step"],
         diagnosis=("one_step", "tanh_derivative"),
         code=_elman_backward(DA="dh")),
    dict(name="eb_tanh_derivative_of_preactivation", exercise="gradients.elman_backward", caught_by=["one_step"],
         diagnosis=("one_step", "tanh_derivative"),
         code=_elman_backward(DA="dh * (1 - (W_xh @ xs[t] + W_hh @ before + params['b_h']) ** 2)")),
    dict(name="eb_shared_weights_overwritten", exercise="gradients.elman_backward",
         caught_by=["shared_weight_sum"], diagnosis=("shared_weight_sum", "overwritten"),
         code=_elman_backward(ACCUMULATE='''grads["W_xh"] = np.outer(da, xs[t])
        grads["W_hh"] = np.outer(da, before)
        grads["b_h"] = da''')),
    dict(name="eb_zero_h0_gradient", exercise="gradients.elman_backward",
         caught_by=["h0_gradient", "finite_differences"], diagnosis=("h0_gradient", "zero"),
         code=_elman_backward(H0="np.zeros(H)")),
    dict(name="eb_W_hh_not_transposed", exercise="gradients.elman_backward",
         caught_by=["h0_gradient", "one_step"], diagnosis=("one_step", "transpose"),
         code=_elman_backward(BACK="W_hh @ da")),
    dict(name="eb_W_hh_gradient_uses_h_t", exercise="gradients.elman_backward",
         caught_by=["finite_differences", "one_step"], diagnosis=("finite_differences", "recurrent"),
         code=_elman_backward(ACCUMULATE=_ACCUMULATE.replace("np.outer(da, before)", "np.outer(da, hs[t])"))),
    dict(name="eb_W_hy_gradient_uses_h_prev", exercise="gradients.elman_backward",
         caught_by=["finite_differences", "one_step"], diagnosis=("finite_differences", "output"),
         code=_elman_backward().replace("np.outer(dys[t], hs[t])", "np.outer(dys[t], before)")),
    dict(name="eb_h0_gradient_not_transposed", exercise="gradients.elman_backward",
         caught_by=["h0_gradient", "one_step", "finite_differences"], diagnosis=("h0_gradient", "transpose"),
         # the loop goes back through W_hh.T; dh0 = W_hh^T da_1 is written out again after it, without .T
         code=_elman_backward(H0="W_hh @ da")),
    dict(name="eb_h0_gradient_is_da", exercise="gradients.elman_backward",
         caught_by=["h0_gradient", "one_step", "finite_differences"], diagnosis=("h0_gradient", "missing_W_hh"),
         # "the gradient that leaves the first step": da_1, not yet taken back through W_hh
         code=_elman_backward(H0="da")),
    dict(name="eb_dh_next_accumulated", exercise="gradients.elman_backward",
         caught_by=["vanishing_gradient", "through_time", "finite_differences"],
         diagnosis=("vanishing_gradient", "not_vanishing"),
         # += like the shared weights: dh_next keeps every later step's term instead of being replaced
         code=_elman_backward().replace("dh_next = W_hh.T @ da", "dh_next += W_hh.T @ da")),
    # ------------------------------------------------------------ clip_gradients
    dict(name="clip_per_array", exercise="gradients.clip_gradients", caught_by=["norm_bound", "direction_kept"],
         diagnosis=("norm_bound", "per_array"),
         code='''
def clip_gradients(grads, max_norm):
    out = {}
    for k, g in grads.items():
        norm = np.linalg.norm(g)
        out[k] = g * (max_norm / norm) if norm > max_norm else g.copy()
    return out
'''),
    dict(name="clip_elementwise", exercise="gradients.clip_gradients", caught_by=["norm_bound", "direction_kept"],
         diagnosis=("norm_bound", "elementwise"),
         code='''
def clip_gradients(grads, max_norm):
    # "a gradient above 15 becomes 15"
    return {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}
'''),
    dict(name="clip_rescales_below_threshold", exercise="gradients.clip_gradients", caught_by=["below_threshold"],
         diagnosis=("below_threshold", "always"),
         code=_clip(BODY="return {k: g * (max_norm / norm) for k, g in grads.items()}")),
    dict(name="clip_ratio_inverted", exercise="gradients.clip_gradients", caught_by=["norm_bound", "direction_kept"],
         diagnosis=("norm_bound", "norm"),
         code=_clip(BODY=_SCALE.replace("max_norm / norm", "norm / max_norm"))),
    dict(name="clip_in_place", exercise="gradients.clip_gradients", caught_by=["contract"],
         diagnosis=("contract", "aliased_return"),
         code=_clip(BODY='''if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return grads''')),
    dict(name="clip_norm_without_sqrt", exercise="gradients.clip_gradients", caught_by=["norm_bound"],
         diagnosis=("norm_bound", "no_sqrt"),
         code=_clip(NORM="sum(np.sum(g ** 2) for g in grads.values())")),
    dict(name="clip_sum_of_array_norms", exercise="gradients.clip_gradients",
         caught_by=["norm_bound", "below_threshold"], diagnosis=("norm_bound", "too_small"),
         code=_clip(NORM="sum(np.linalg.norm(g) for g in grads.values())")),
    dict(name="clip_scaled_loop_variable", exercise="gradients.clip_gradients", caught_by=["norm_bound"],
         diagnosis=("norm_bound", "not_clipped"),
         # rebinding the loop variable g leaves the dict's arrays as they were
         code=_clip(BODY='''out = {k: g.copy() for k, g in grads.items()}
    if norm > max_norm:
        for g in out.values():
            g = g * (max_norm / norm)
    return out''')),
    dict(name="clip_flat_not_reshaped", exercise="gradients.clip_gradients",
         caught_by=["norm_bound", "direction_kept", "below_threshold", "agrees"],
         diagnosis=("norm_bound", "bad_return"),
         # the arrays are cut back out of the flat vector without .reshape(g.shape): the matrices come back flat
         code='''
def clip_gradients(grads, max_norm):
    flat = np.concatenate([g.ravel() for g in grads.values()])
    norm = np.linalg.norm(flat)
    if norm > max_norm:
        flat = flat * (max_norm / norm)
    out, start = {}, 0
    for k, g in grads.items():
        out[k] = flat[start:start + g.size]
        start += g.size
    return out
'''),
    dict(name="clip_scaled_inside_norm_loop", exercise="gradients.clip_gradients",
         caught_by=["direction_kept", "norm_bound"], diagnosis=("direction_kept", "direction"),
         # the scaling is indented one level too deep: each array is scaled by the norm of the arrays seen so far
         code='''
def clip_gradients(grads, max_norm):
    total, out = 0.0, {}
    for k, g in grads.items():
        total += np.sum(g ** 2)
        norm = np.sqrt(total)
        out[k] = g * (max_norm / norm) if norm > max_norm else g.copy()
    return out
'''),
    # ------------------------------------------------------------ lstm_backward
    dict(name="lb_memory_path_dropped", exercise="gradients.lstm_backward",
         caught_by=["memory_keeps_gradient", "through_time"], diagnosis=("memory_keeps_gradient", "dropped"),
         code=_lstm_backward(DC_PREV="dv[D + H:]")),
    dict(name="lb_memory_path_through_input_gate", exercise="gradients.lstm_backward",
         caught_by=["memory_keeps_gradient", "through_time"], diagnosis=("memory_keeps_gradient", "dropped"),
         code=_lstm_backward(DC_PREV="dc * i + dv[D + H:]")),
    dict(name="lb_missing_tanh_c_derivative", exercise="gradients.lstm_backward", caught_by=["one_step"],
         diagnosis=("one_step", "cell_input"),
         code=_lstm_backward(DC="dc_next + dh * o")),
    dict(name="lb_forget_gate_reads_new_memory", exercise="gradients.lstm_backward", caught_by=["one_step"],
         diagnosis=("one_step", "forget_gate"),
         code=_lstm_backward(DZ_F="dc * cs[t] * f * (1 - f)")),
    dict(name="lb_output_gate_reads_old_memory", exercise="gradients.lstm_backward", caught_by=["one_step"],
         diagnosis=("one_step", "output_gate"),
         code=_lstm_backward(DZ_O="dh * np.tanh(cp) * o * (1 - o)")),
    dict(name="lb_zero_initial_state_gradients", exercise="gradients.lstm_backward",
         caught_by=["h0_c0_gradient", "through_time"], diagnosis=("h0_c0_gradient", "zero"),
         code=_lstm_backward(H0="np.zeros(H)", C0="np.zeros(H)")),
    dict(name="lb_no_gradient_through_h", exercise="gradients.lstm_backward",
         caught_by=["through_time"], diagnosis=("through_time", "through_time"), code=_lstm_backward(DH="dhs[t]")),
    dict(name="lb_input_gate_times_preactivation", exercise="gradients.lstm_backward",
         caught_by=["one_step", "finite_differences"], diagnosis=("one_step", "input_gate"),
         code=_lstm_backward(DZ_I="dc * z * i * (1 - i)")),
    dict(name="lb_input_gate_misses_memory_path", exercise="gradients.lstm_backward",
         caught_by=["finite_differences", "through_time"], diagnosis=("finite_differences", "input_gate"),
         # chained from h_t through this step's memory only: dc_next, the memory's gradient from later
         # steps, is left out
         code=_lstm_backward(DZ_I="dh * o * (1 - tc ** 2) * g * i * (1 - i)")),
    dict(name="lb_forget_gate_reads_wrapped_memory", exercise="gradients.lstm_backward",
         caught_by=["finite_differences", "one_step"], diagnosis=("finite_differences", "forget_gate"),
         # c_{t-1} written as cs[t - 1]: at t = 0 that is cs[-1], the LAST memory, not c0
         code=_lstm_backward(DZ_F="dc * cs[t - 1] * f * (1 - f)")),
    dict(name="lb_h0_gradient_one_step_late", exercise="gradients.lstm_backward",
         caught_by=["h0_c0_gradient", "finite_differences", "one_step"], diagnosis=("finite_differences", "h0"),
         # dh after the loop is the gradient at h_1; dh0 is the h part of dv_1 (dh_next)
         code=_lstm_backward(H0="dh")),
    dict(name="lb_c0_gradient_one_step_late", exercise="gradients.lstm_backward",
         caught_by=["h0_c0_gradient", "finite_differences", "one_step"], diagnosis=("finite_differences", "c0"),
         # dc after the loop is the gradient at c_1; dc0 = dc_1 * f_1 + the c part of dv_1 (dc_next)
         code=_lstm_backward(C0="dc")),
]
