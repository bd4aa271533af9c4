"""The docstrings students read agree with the grading: every ``>>>`` example in exercises/ runs
and shows its output when the names are bound to the reference implementation.

The examples are collected from the skeletons' functions (exercises/*.py) and run with the
globals of the matching reference module, so ``np`` and every function name resolve to the
reference's. Every public function of the skeletons must have at least one example.
"""

import doctest
import importlib.util
import inspect
import os
import sys

import pytest

import reference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXERCISES = os.path.join(ROOT, "exercises")
MODULES = ("rnn", "lstm", "gru", "gradients", "slot_filling")
OPTIONS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS

NO_EXAMPLE = {}
"""Public skeleton functions exempt from having an example, as module -> {function: reason}.
None today: every function has one."""


def _load_skeletons():
    """The exercises/ modules, imported under private names.

    The skeletons import each other by bare name (``from rnn import activation``): exercises/
    goes on sys.path for the import only, and the bare names in sys.modules are put back as
    they were, so no other test sees the skeletons as ``rnn`` or ``lstm``.
    """
    saved = {m: sys.modules.get(m) for m in MODULES}
    sys.path.insert(0, EXERCISES)
    try:
        loaded = {}
        for m in MODULES:
            spec = importlib.util.spec_from_file_location(f"_skeleton_{m}", os.path.join(EXERCISES, f"{m}.py"))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            loaded[m] = module
        return loaded
    finally:
        sys.path.remove(EXERCISES)
        for m, old in saved.items():
            if old is None:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = old


SKELETONS = _load_skeletons()


def _public_functions(module):
    """The functions the skeleton module defines itself (not imported ones), private ones aside."""
    return {name: obj for name, obj in vars(module).items()
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_")}


def _examples(module_name):
    """Every docstring example of the skeleton module's public functions, as {function: DocTest},
    with globals a copy of the reference module's namespace."""
    globs = vars(getattr(reference, module_name)).copy()
    finder = doctest.DocTestFinder(parser=doctest.DocTestParser(), recurse=False, exclude_empty=True)
    module, tests = SKELETONS[module_name], {}
    for name, function in _public_functions(module).items():
        for test in finder.find(function, f"{module_name}.{name}", module=module, globs=globs):
            if test.examples:
                tests[name] = test
    return tests


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_run_against_the_reference(module_name):
    tests = _examples(module_name)
    assert tests, f"exercises/{module_name}.py has no docstring examples"
    failures = []
    for name, test in tests.items():
        out = []
        runner = doctest.DocTestRunner(verbose=False, optionflags=OPTIONS)
        result = runner.run(test, out=out.append, clear_globs=True)
        if result.failed:
            failures.append("".join(out))
    assert not failures, (f"{len(failures)} docstring(s) of exercises/{module_name}.py do not run or "
                          f"do not show the reference's output:\n" + "\n".join(failures))


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_function_has_an_example(module_name):
    functions = _public_functions(SKELETONS[module_name])
    assert functions, f"exercises/{module_name}.py defines no functions"
    have = set(_examples(module_name))
    exempt = set(NO_EXAMPLE.get(module_name, {}))
    missing = sorted(set(functions) - have - exempt)
    assert not missing, f"exercises/{module_name}.py: no >>> example in the docstring of {missing}"


@pytest.mark.parametrize("module_name", MODULES)
def test_every_skeleton_function_exists_in_the_reference(module_name):
    """The examples run against reference.<module>: each skeleton function must be there to be bound."""
    ref = getattr(reference, module_name)
    missing = sorted(name for name in _public_functions(SKELETONS[module_name]) if not hasattr(ref, name))
    assert not missing, f"reference/{module_name}.py lacks {missing}"
