"""Cases, arguments and return values are trees: dicts, lists and tuples of leaves.

A leaf is anything else: an array, a number, a name, None. This is the one definition
the grader walks them by (copying a case before a call, moving its floats, shrinking
it, comparing it before and after a call). The child keeps its own walker
(``sandbox._child``), since it cannot import the grader.

>>> case = {"xs": np.zeros((2, 1)), "params": {"b": np.ones(1)}, "names": ("tanh", None)}
>>> [path for path, _ in leaves(case)]
[('xs',), ('params', 'b'), ('names', 0), ('names', 1)]
>>> map_leaves(case, lambda v: v.shape if isinstance(v, np.ndarray) else v)
{'xs': (2, 1), 'params': {'b': (1,)}, 'names': ('tanh', None)}
"""

from collections.abc import Callable, Iterator

import numpy as np

__all__ = ["leaves", "map_leaves", "private_copy", "map_floats", "show_path"]


def _is_container(value):
    return isinstance(value, (dict, list, tuple))


def leaves(tree, path: tuple = (), *, whole: Callable[[object], bool] = lambda value: False) -> Iterator[tuple]:
    """(path, leaf) of every leaf of tree, in order; a path is the keys and indices from the root.

    whole(container) True: that container is yielded as one leaf (the shrinker's lists of numbers).
    """
    if _is_container(tree) and not whole(tree):
        items = tree.items() if isinstance(tree, dict) else enumerate(tree)
        for key, value in items:
            yield from leaves(value, path + (key,), whole=whole)
    else:
        yield path, tree


def map_leaves(tree, fn: Callable[[object], object]):
    """A copy of tree, its containers rebuilt (of the same types) and fn(leaf) for every leaf."""
    if isinstance(tree, dict):
        return {k: map_leaves(v, fn) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(map_leaves(v, fn) for v in tree)
    return fn(tree)


def private_copy(tree):
    """A copy of tree whose arrays are copies too, so that whoever is given it cannot change the original."""
    return map_leaves(tree, lambda v: v.copy() if isinstance(v, np.ndarray) else v)


def map_floats(tree, fn: Callable[[np.ndarray], np.ndarray]):
    """A copy of tree with fn applied to every float64 array (and fn(array)'s value to every Python float);
    every other leaf is kept as it is."""
    def leaf(v):
        if isinstance(v, np.ndarray) and v.dtype == np.float64:
            return fn(v)
        return float(fn(np.float64(v))) if isinstance(v, float) else v

    return map_leaves(tree, leaf)


def show_path(path: tuple) -> str:
    """A path as Python reads it: ('params', 'W_hh', 0) -> "['params']['W_hh'][0]"."""
    return "".join(f"[{key!r}]" for key in path)
