import numpy as np

from lstm import lstm_forward
from rnn import activation, debug, elman_forward

print("gradients.py loaded")


def linear_rnn(w, xs):
    debug("linear_rnn w =", w, "T =", len(xs))
    a = 0.0
    ys = []
    for x in xs:
        a = w * a + x
        ys.append(a)
    debug("  last y =", ys[-1])
    return np.array(ys, dtype=float)


def linear_rnn_grad(w, xs):
    ys = linear_rnn(w, xs)
    T = len(ys)
    # forward states a_0 = 0, a_1, ..., a_T
    states = [0.0] + list(ys)
    grad = 0.0
    d_a = 1.0                      # d y_T / d a_T
    for t in range(T, 0, -1):
        grad = grad + d_a * states[t - 1]     # a_t = w * a_{t-1} + x_t
        d_a = d_a * w                          # d y_T / d a_{t-1}
    debug("linear_rnn_grad w =", w, "T =", T, "grad =", grad)
    return float(grad)


def elman_backward(xs, params, dys, h0=None):
    xs = np.array(xs, dtype=float)
    dys = np.array(dys, dtype=float)
    debug("elman_backward xs", xs.shape, "dys", dys.shape, "h0 given:", h0 is not None)
    ys, hs = elman_forward(xs, params, h0, "tanh", "linear")
    H = hs.shape[1]
    if h0 is None:
        h_start = np.zeros(H)
    else:
        h_start = np.array(h0, dtype=float)
    dW_xh = np.zeros(params["W_xh"].shape)
    dW_hh = np.zeros(params["W_hh"].shape)
    db_h = np.zeros(params["b_h"].shape)
    dW_hy = np.zeros(params["W_hy"].shape)
    db_y = np.zeros(params["b_y"].shape)
    dh_from_future = np.zeros(H)
    for t in range(xs.shape[0] - 1, -1, -1):
        if t > 0:
            h_before = hs[t - 1]
        else:
            h_before = h_start
        dW_hy += np.outer(dys[t], hs[t])
        db_y += dys[t]
        dh = np.dot(params["W_hy"].T, dys[t]) + dh_from_future
        da = dh * (1 - hs[t] ** 2)
        dW_xh += np.outer(da, xs[t])
        dW_hh += np.outer(da, h_before)
        db_h += da
        dh_from_future = np.dot(params["W_hh"].T, da)
        debug("  t =", t, "da =", da)
    debug("elman_backward |dW_hh| =", np.linalg.norm(dW_hh))
    return {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h, "W_hy": dW_hy, "b_y": db_y, "h0": dh_from_future}


def clip_gradients(grads, max_norm):
    total = 0.0
    for name in grads:
        total += np.sum(np.array(grads[name], dtype=float) ** 2)
    norm = np.sqrt(total)
    debug("clip_gradients norm =", norm, "max_norm =", max_norm)
    clipped = {}
    for name in grads:
        if norm > max_norm:
            clipped[name] = np.array(grads[name], dtype=float) * (max_norm / norm)
        else:
            clipped[name] = np.array(grads[name], dtype=float)
    return clipped


def lstm_backward(xs, params, dhs, h0=None, c0=None):
    xs = np.array(xs, dtype=float)
    dhs = np.array(dhs, dtype=float)
    T, D = xs.shape
    H = params["W_z"].shape[0]
    debug("lstm_backward xs", xs.shape, "dhs", dhs.shape, "H =", H)
    hs, cs = lstm_forward(xs, params, h0, c0)
    h_start = np.zeros(H) if h0 is None else np.array(h0, dtype=float)
    c_start = np.zeros(H) if c0 is None else np.array(c0, dtype=float)
    grads = {}
    for k in ["z", "i", "f", "o"]:
        grads["W_" + k] = np.zeros(params["W_" + k].shape)
        grads["b_" + k] = np.zeros(params["b_" + k].shape)
    dh_next = np.zeros(H)
    dc_next = np.zeros(H)
    for t in range(T - 1, -1, -1):
        h_before = hs[t - 1] if t > 0 else h_start
        c_before = cs[t - 1] if t > 0 else c_start
        v = np.concatenate([xs[t], h_before, c_before])
        z = np.dot(params["W_z"], v) + params["b_z"]
        i = activation("sigmoid", np.dot(params["W_i"], v) + params["b_i"])
        f = activation("sigmoid", np.dot(params["W_f"], v) + params["b_f"])
        o = activation("sigmoid", np.dot(params["W_o"], v) + params["b_o"])
        gz = np.tanh(z)
        tanh_c = np.tanh(cs[t])
        dh = dhs[t] + dh_next
        dc = dc_next + dh * o * (1 - tanh_c ** 2)
        d = {}
        d["z"] = dc * i * (1 - gz ** 2)
        d["i"] = dc * gz * i * (1 - i)
        d["f"] = dc * c_before * f * (1 - f)
        d["o"] = dh * tanh_c * o * (1 - o)
        dv = np.zeros(D + 2 * H)
        for k in ["z", "i", "f", "o"]:
            grads["W_" + k] += np.outer(d[k], v)
            grads["b_" + k] += d[k]
            dv += np.dot(params["W_" + k].T, d[k])
        dh_next = dv[D:D + H]
        dc_next = dc * f + dv[D + H:]
        debug("  t =", t, "dc =", dc)
    grads["h0"] = dh_next
    grads["c0"] = dc_next
    debug("lstm_backward |dc0| =", np.linalg.norm(dc_next))
    return grads
