"""Single-bug submissions of module lstm (format: tests/corpus/__init__.py)."""

_FORWARD = '''
def lstm_forward(xs, params, h0=None, c0=None, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    T, D = xs.shape
    H = params["b_z"].shape[0]
    h_prev = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    c_prev = np.zeros(H) if c0 is None else np.array(c0, dtype=float)
    hs, cs = [], []
    for t in range(T):
        v = {V}
        z, z_i, z_f, z_o = ({W}[k] @ v + params["b_" + k] for k in "zifo")
        {CELL}
        hs.append({APPEND_H})
        cs.append({APPEND_C})
    return np.array(hs), np.array(cs)
'''
_W = '{k: params["W_" + k] for k in "zifo"}'
_OK = dict(V="np.concatenate([xs[t], h_prev, c_prev])", W=_W,
           CELL="h_prev, c_prev = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h)", APPEND_H="h_prev", APPEND_C="c_prev")


def _forward(**changes):
    return _FORWARD.format(**{**_OK, **changes})


_CELL = '''
def lstm_cell(z, z_i, z_f, z_o, c_prev, g="tanh", h="tanh"):
    s = lambda v: activation("sigmoid", v)
    c = {C}
    a = {A}
    return a, c
'''


def _cell(c="activation(g, z) * s(z_i) + np.asarray(c_prev) * s(z_f)", a="activation(h, c) * s(z_o)"):
    return _CELL.format(C=c, A=a)


def _handmade(w, b):
    return f'''
def handmade_lstm():
    return {{"w": np.array({w}, dtype=float), "b": np.array({b}, dtype=float)}}
'''


_LECTURE_W = "[[1, 0, 0], [0, 100, 0], [0, 100, 0], [0, 0, 100]]"

MUTANTS = [
    # lstm_cell
    dict(name="cell_forget_inverted", exercise="lstm.lstm_cell", caught_by=["agrees", "forget_gate"],
         diagnosis=("agrees", "forget_inverted"),
         code=_cell(c="activation(g, z) * s(z_i) + np.asarray(c_prev) * (1 - s(z_f))")),
    dict(name="cell_gate_inside_activation", exercise="lstm.lstm_cell", caught_by=["agrees", "forget_gate"],
         diagnosis=("agrees", "gate_inside"),
         code=_cell(c="activation(g, z * s(z_i)) + np.asarray(c_prev) * s(z_f)")),
    dict(name="cell_g_h_swapped", exercise="lstm.lstm_cell", caught_by=["agrees", "forget_gate"],
         diagnosis=("agrees", "activation_ignored"),
         code=_cell(c="activation(h, z) * s(z_i) + np.asarray(c_prev) * s(z_f)", a="activation(g, c) * s(z_o)")),
    dict(name="cell_output_from_old_memory", exercise="lstm.lstm_cell", caught_by=["agrees", "forget_gate"],
         diagnosis=("agrees", "old_memory"),
         code=_cell(a="activation(h, np.asarray(c_prev, dtype=float)) * s(z_o)")),
    dict(name="cell_sums_over_cells", exercise="lstm.lstm_cell", caught_by=["agrees", "elementwise"],
         diagnosis=("elementwise", "elementwise"),
         code=_cell(c="activation(g, z) * s(z_i) + np.sum(np.asarray(c_prev) * s(z_f))")),
    dict(name="cell_output_gate_without_sigmoid", exercise="lstm.lstm_cell", caught_by=["agrees", "forget_gate"],
         diagnosis=("forget_gate", "output_closed"),
         code=_cell(a="activation(h, c) * z_o")),
    # handmade_lstm
    dict(name="handmade_unsaturated", exercise="lstm.handmade_lstm", caught_by=["lecture_examples", "follows_rule"],
         diagnosis=("lecture_examples", "output_closed"),
         code=_handmade("[[1, 0, 0], [0, 10, 0], [0, 10, 0], [0, 0, 10]]", "[0, -1, 1, -1]")),
    dict(name="handmade_input_gate_reads_x3", exercise="lstm.handmade_lstm",
         caught_by=["lecture_examples", "follows_rule"], diagnosis=("lecture_examples", "add"),
         code=_handmade("[[1, 0, 0], [0, 0, 100], [0, 100, 0], [0, 0, 100]]", "[0, -10, 10, -10]")),
    dict(name="handmade_output_clears_memory", exercise="lstm.handmade_lstm",
         caught_by=["lecture_examples", "follows_rule"], diagnosis=("lecture_examples", "keep"),
         code=_handmade("[[1, 0, 0], [0, 100, 0], [0, 100, -100], [0, 0, 100]]", "[0, -10, 10, -10]")),
    dict(name="handmade_forget_gate_reads_x1", exercise="lstm.handmade_lstm", caught_by=["follows_rule"],
         diagnosis=("follows_rule", "keep"),
         code=_handmade("[[1, 0, 0], [0, 100, 0], [3, 100, 0], [0, 0, 100]]", "[0, -10, 10, -10]")),
    dict(name="handmade_never_resets", exercise="lstm.handmade_lstm", caught_by=["lecture_examples", "follows_rule"],
         diagnosis=("lecture_examples", "reset"),
         code=_handmade("[[1, 0, 0], [0, 100, 0], [0, 0, 0], [0, 0, 100]]", "[0, -10, 10, -10]")),
    dict(name="handmade_output_gate_weight_10", exercise="lstm.handmade_lstm",
         caught_by=["lecture_examples", "follows_rule"], diagnosis=("lecture_examples", "output_open"),
         code=_handmade("[[1, 0, 0], [0, 100, 0], [0, 100, 0], [0, 0, 10]]", "[0, -10, 10, -10]")),
    # lstm_forward
    dict(name="forward_concat_x_c_h", exercise="lstm.lstm_forward", caught_by=["agrees", "reductions"],
         diagnosis=("reductions", "common"),
         code=_forward(V="np.concatenate([xs[t], c_prev, h_prev])")),
    dict(name="forward_W_i_for_forget_gate", exercise="lstm.lstm_forward", caught_by=["agrees", "reductions"],
         diagnosis=("reductions", "simplest"),
         code=_forward(W='{**{k: params["W_" + k] for k in "zio"}, "f": params["W_i"]}')),
    dict(name="forward_ignores_h0", exercise="lstm.lstm_forward",
         caught_by=["agrees", "initial_state", "parameter_sharing"], diagnosis=("initial_state", "h0"),
         code=_forward(V="np.concatenate([xs[t], h_prev if t else np.zeros(H), c_prev])")),
    dict(name="forward_ignores_c0", exercise="lstm.lstm_forward",
         caught_by=["agrees", "initial_state", "parameter_sharing", "forget_gate"], diagnosis=("initial_state", "c0"),
         code=_forward(V="np.concatenate([xs[t], h_prev, c_prev if t else np.zeros(H)])",
                       CELL="h_prev, c_prev = lstm_cell(z, z_i, z_f, z_o, c_prev if t else np.zeros(H), g, h)")),
    dict(name="forward_state_not_passed", exercise="lstm.lstm_forward",
         caught_by=["agrees", "order_matters", "parameter_sharing", "reductions"], diagnosis=("order_matters", "order"),
         code=_forward(CELL="hh, cc = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h)", APPEND_H="hh", APPEND_C="cc")),
    dict(name="forward_aliased_states", exercise="lstm.lstm_forward",
         caught_by=["agrees", "parameter_sharing", "reductions"], diagnosis=("agrees", "memory"),
         code=_forward(CELL="hh, cc = lstm_cell(z, z_i, z_f, z_o, c_prev, g, h); h_prev[:] = hh; c_prev[:] = cc")),
    dict(name="forward_forget_gate_inverted", exercise="lstm.lstm_forward", caught_by=["agrees", "forget_gate"],
         diagnosis=("forget_gate", "keep"),
         code=_forward(CELL="h_prev, c_prev = lstm_cell(z, z_i, -z_f, z_o, c_prev, g, h)")),
    dict(name="forward_inner_product_gate", exercise="lstm.lstm_forward", caught_by=["agrees", "cell_uses_own_row"],
         diagnosis=("cell_uses_own_row", "own_row"),
         code=_forward(CELL="c_prev = activation(g, z) * activation('sigmoid', z_i) + c_prev @ activation('sigmoid', z_f); "
                            "h_prev = activation(h, c_prev) * activation('sigmoid', z_o)")),
    dict(name="forward_first_cell_memory", exercise="lstm.lstm_forward",
         caught_by=["agrees", "cells_permute", "cell_uses_own_row"], diagnosis=("cells_permute", "permute"),
         code=_forward(CELL="h_prev, c_prev = lstm_cell(z, z_i, z_f, z_o, np.full(H, c_prev[0]), g, h)")),
    dict(name="forward_reversed_time", exercise="lstm.lstm_forward", caught_by=["agrees", "causality"],
         diagnosis=("causality", "causality"),
         code=_forward(V="np.concatenate([xs[T - 1 - t], h_prev, c_prev])") +
              "\n_lf = lstm_forward\n\ndef lstm_forward(xs, params, h0=None, c0=None, g='tanh', h='tanh'):\n"
              "    hs, cs = _lf(xs, params, h0, c0, g, h)\n    return hs[::-1].copy(), cs[::-1].copy()\n"),
    dict(name="forward_output_gate_uses_b_f", exercise="lstm.lstm_forward",
         caught_by=["agrees", "forget_gate", "reductions"], diagnosis=("forget_gate", "output_closed"),
         code=_forward(CELL='z_o = params["W_o"] @ v + params["b_f"]   # b_f, not b_o: a line copied '
                            'and not quite edited\n        ' + _OK["CELL"])),
    # stacked_lstm_forward
    dict(name="stacked_returns_cs", exercise="lstm.stacked_lstm_forward", caught_by=["agrees", "one_layer"],
         diagnosis=("agrees", "returns_cs"),
         code='''
def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    below = np.asarray(xs)
    for n, layer in enumerate(layers):
        hs, cs = lstm_forward(below, layer, g=g, h=h)
        below = cs if n == len(layers) - 1 else hs
    return below
'''),
    dict(name="stacked_carries_state", exercise="lstm.stacked_lstm_forward", caught_by=["agrees", "causality"],
         diagnosis=("causality", "causality"),
         code='''
def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    below, h0, c0 = np.asarray(xs), None, None
    for layer in layers:
        if h0 is not None and len(h0) != layer["b_z"].shape[0]:
            h0 = c0 = None
        below, cs = lstm_forward(below, layer, h0, c0, g, h)
        h0, c0 = below[-1], cs[-1]
    return below
'''),
    dict(name="stacked_layers_read_x", exercise="lstm.stacked_lstm_forward",
         caught_by=["agrees", "layers_compose"], diagnosis=("layers_compose", "compose"),
         code='''
def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    xs = np.asarray(xs, dtype=float)
    hs = xs
    for layer in layers:
        hs, _ = lstm_forward(xs, layer, g=g, h=h)
    return hs
'''),
    dict(name="stacked_default_activations", exercise="lstm.stacked_lstm_forward", caught_by=["agrees", "one_layer"],
         diagnosis=("agrees", "activation_ignored"),
         code='''
def stacked_lstm_forward(xs, layers, g="tanh", h="tanh"):
    hs = np.asarray(xs, dtype=float)
    for layer in layers:
        hs, _ = lstm_forward(hs, layer)
    return hs
'''),
]
