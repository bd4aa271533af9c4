"""Texts of the checks of module gru."""

MECHANISMS = {
    "gru.gru_forward::agrees": "A GRU mixes its old state with a candidate: "
                               "h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t, "
                               "n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h).",
    "gru.gru_forward::update_gate": "The update gate chooses: u = 1 keeps the old state unchanged, u = 0 replaces "
                                    "it by the candidate n_t.",
    "gru.gru_forward::reset_gate": "The reset gate scales the old state inside the candidate: r = 0 makes the "
                                   "candidate forget h_{t-1}, r = 1 gives it all of h_{t-1}.",
    "gru.gru_forward::causality": "The state at step t depends on x_1..x_t only, never on later inputs.",
    "gru.gru_forward::parameter_sharing": "A GRU is one network applied T times: running the sequence in two "
                                          "pieces, passing the state on, equals one run.",
}

HINTS = {
    "gru.gru_forward::agrees": {
        "default": "Check each step against the equations: r_t and u_t read concat(x_t, h_{t-1}); the candidate "
                   "reads concat(x_t, r_t ⊙ h_{t-1}) (reset before W_h); h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t "
                   "(u = 1 keeps); start from h0; store a copy of each h_t.",
    },
    "gru.gru_forward::update_gate": {
        "keep": "With every update gate at 1 the state must stay h0: h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t. "
                "You may have the flipped convention h_t = (1 − u_t) ⊙ h_{t-1} + u_t ⊙ n_t (this course's "
                "convention is u = 1 keeps), or not start from h0.",
        "stays": "With every update gate at 0 the state must become the candidate n_t, but yours stayed h0 at "
                 "every step: is h_t computed but not carried to the next step (which still reads the old "
                 "h_{t-1}), or not stored in hs?",
        "candidate": "With every update gate at 0 the state must be the candidate "
                     "n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h), with r_t = σ(W_r @ concat(x_t, h_{t-1}) "
                     "+ b_r): reset h_{t-1} before W_h (not r_t ⊙ (W_h @ h_{t-1})), use tanh, and W_h/b_h "
                     "(not W_r or W_u); h_{t-1} is the previous step's state, h0 at the first step.",
    },
    "gru.gru_forward::reset_gate": {
        "reset_zero": "With every reset gate at 0 the candidate must ignore h_{t-1}: it reads concat(x_t, "
                      "r_t ⊙ h_{t-1}). Is the reset gate missing, or inverted (1 − r_t)? r multiplies h_{t-1} "
                      "only, never x_t.",
        "reset_one": "With every reset gate at 1 the candidate must read all of h_{t-1}: "
                     "tanh(W_h @ concat(x_t, h_{t-1}) + b_h). Is the reset gate inverted (1 − r_t), or applied "
                     "to x_t too? h_{t-1} is the previous step's state, h0 at the first step.",
        "after_matmul": "The reset gate must scale h_{t-1} before the matrix: W_h @ concat(x_t, r_t ⊙ h_{t-1}), "
                        "not r_t ⊙ (W_h[:, D:] @ h_{t-1}); the two differ when r differs between units.",
        "flipped": "With every update gate at 0 your state stayed as it was instead of becoming the candidate: "
                   "h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t (u = 1 keeps), not (1 − u_t) ⊙ h_{t-1} + u_t ⊙ n_t; "
                   "or h_t is computed but not carried to the next step, nor stored in hs.",
    },
    "gru.gru_forward::causality": {
        "causality": "A state changed when only later inputs changed: step t must not read xs[t+1:] (e.g. a "
                     "reversed loop, or the input projection taken over the wrong axis).",
    },
    "gru.gru_forward::parameter_sharing": {
        "sharing": "A run continued from the state hs[-1] of a first run differs from one whole run: start from h0 "
                   "and use the same W_r, W_u, W_h and biases at every step.",
    },
}
