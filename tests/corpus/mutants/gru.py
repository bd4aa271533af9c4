"""Single-bug submissions of module gru (format: tests/corpus/__init__.py)."""

_GRU = '''
def gru_forward(xs, params, h0=None):
    xs = np.asarray(xs, dtype=float)
    T, D = xs.shape
    W_r, W_u, W_h = params["W_r"], params["W_u"], params["W_h"]
    H = W_r.shape[0]
    s = lambda v: activation("sigmoid", v)
    h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    hs = []
    for t in range(T):
        x = xs[t]
        r = s(W_r @ np.concatenate([x, h]) + params["b_r"])
        u = s(W_u @ np.concatenate([x, h]) + params["b_u"])
        n = {N}
        h = {H}
        hs.append(h)
    return np.array(hs)
'''
_N = 'np.tanh(W_h @ np.concatenate([x, r * h]) + params["b_h"])'
_H = "u * h + (1 - u) * n"


def _gru(N=_N, H=_H):
    return _GRU.format(N=N, H=H)


MUTANTS = [
    dict(name="gru_flipped_update", exercise="gru.gru_forward", caught_by=["agrees", "update_gate"],
         diagnosis=("update_gate", "keep"),
         code=_gru(H="(1 - u) * h + u * n")),
    dict(name="gru_reset_after_matmul", exercise="gru.gru_forward", caught_by=["agrees", "update_gate", "reset_gate"],
         diagnosis=("reset_gate", "after_matmul"),
         code=_gru(N='np.tanh(W_h[:, :D] @ x + r * (W_h[:, D:] @ h) + params["b_h"])')),
    dict(name="gru_no_reset", exercise="gru.gru_forward", caught_by=["agrees", "update_gate", "reset_gate"],
         diagnosis=("reset_gate", "reset_zero"),
         code=_gru(N='np.tanh(W_h @ np.concatenate([x, h]) + params["b_h"])')),
    dict(name="gru_reset_inverted", exercise="gru.gru_forward", caught_by=["agrees", "update_gate", "reset_gate"],
         diagnosis=("reset_gate", "reset_zero"),
         code=_gru(N='np.tanh(W_h @ np.concatenate([x, (1 - r) * h]) + params["b_h"])')),
    dict(name="gru_ignores_h0", exercise="gru.gru_forward", caught_by=["agrees", "update_gate", "parameter_sharing"],
         diagnosis=("update_gate", "keep"),
         code=_gru().replace("h = np.zeros(H) if h0 is None else np.array(h0, dtype=float)", "h = np.zeros(H)")),
    dict(name="gru_reversed_time", exercise="gru.gru_forward", caught_by=["agrees", "causality"],
         diagnosis=("causality", "causality"),
         code=_gru().replace("x = xs[t]", "x = xs[T - 1 - t]")),
    dict(name="gru_new_state_never_carried", exercise="gru.gru_forward",
         caught_by=["agrees", "update_gate", "reset_gate"], diagnosis=("update_gate", "stays"),
         code=_gru().replace("h = u * h", "h_t = u * h")),   # h_t is computed, but h (h0) is kept and stored
]
