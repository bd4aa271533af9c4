"""Small helpers of the properties alone: their own activations, and how they call a function."""

import numpy as np

__all__ = ["sigmoid", "ACTIVATIONS", "call", "last_call"]


def sigmoid(v):
    """σ(v) = 1 / (1 + e^-v), without overflow: the properties' own, independent of the reference's."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(v, dtype=float)))


ACTIVATIONS = {"linear": lambda v: np.asarray(v, dtype=float), "sigmoid": sigmoid, "tanh": np.tanh,
               "relu": lambda v: np.maximum(v, 0.0)}
"""The curriculum's activations, written out for the properties' independent oracles."""


def call(fn, case, *names):
    """fn(**the case's entries named): a property passes exactly the curriculum's arguments."""
    return fn(**{n: case[n] for n in names})


def last_call(impl):
    """What the implementation's last call warned and whether it returned an input's memory:
    {"warned": [...], "shares": bool} (the sandbox's ``heard``; nothing for the in-process reference)."""
    heard = getattr(impl, "heard", None)
    return heard[-1] if heard else {"warned": [], "shares": False}
