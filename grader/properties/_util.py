"""Small helpers shared by the properties."""

import numpy as np

__all__ = ["call", "private_copy"]


def call(fn, case, *names):
    """fn(**the case's entries named): a property passes exactly the curriculum's arguments."""
    return fn(**{n: case[n] for n in names})


def private_copy(obj):
    """A deep copy of a case's arrays, so the reference sees untouched inputs."""
    if isinstance(obj, dict):
        return {k: private_copy(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(private_copy(v) for v in obj)
    return obj.copy() if isinstance(obj, np.ndarray) else obj
