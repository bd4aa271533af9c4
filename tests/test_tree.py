"""The one walker over cases, arguments and returned values (grader.tree): what a leaf is, and the copies."""

import doctest

import numpy as np

import grader.tree
from grader.tree import leaves, map_floats, map_leaves, private_copy, show_path


def _case():
    return {"xs": np.arange(4.0).reshape(2, 2), "params": {"W": np.ones((1, 2)), "names": ["tanh", "linear"]},
            "pair": (np.zeros(1), None), "n": 3, "w": 0.5, "ids": np.array([1, 2])}


def test_the_module_examples_run():
    assert doctest.testmod(grader.tree, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def test_every_leaf_in_order_with_its_path():
    paths = [path for path, _ in leaves(_case())]
    assert paths == [("xs",), ("params", "W"), ("params", "names", 0), ("params", "names", 1), ("pair", 0),
                     ("pair", 1), ("n",), ("w",), ("ids",)]
    whole = [path for path, _ in leaves(_case(), whole=lambda v: isinstance(v, list))]
    assert ("params", "names") in whole and ("params", "names", 0) not in whole
    assert list(leaves(np.ones(2)))[0][0] == () and show_path(("params", "W", 0)) == "['params']['W'][0]"


def test_a_private_copy_shares_no_array_and_keeps_the_container_types():
    case = _case()
    copy = private_copy(case)
    copy["xs"][0, 0] = 99.0
    copy["pair"][0][0] = 7.0
    assert case["xs"][0, 0] == 0.0 and case["pair"][0][0] == 0.0
    assert type(copy["pair"]) is tuple and type(copy["params"]["names"]) is list
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(leaves(private_copy(_case())), leaves(_case()))
               if isinstance(a, np.ndarray))


def test_map_floats_moves_float_arrays_and_python_floats_only():
    moved = map_floats(_case(), lambda a: a + 1)
    assert moved["xs"][0, 0] == 1.0 and moved["w"] == 1.5 and type(moved["w"]) is float
    assert moved["n"] == 3 and moved["ids"].tolist() == [1, 2] and moved["params"]["names"] == ["tanh", "linear"]


def test_map_leaves_rebuilds_containers_and_keeps_what_fn_keeps():
    case = _case()
    same = map_leaves(case, lambda v: v)
    assert same is not case and same["params"] is not case["params"] and same["xs"] is case["xs"]
