"""Hypothesis runs deterministically here and writes no example database; the grader's
case cache goes to a temporary folder, so the tests neither read nor leave anything in ~."""

import atexit
import os
import shutil
import tempfile

from hypothesis import settings

_CACHE = tempfile.mkdtemp(prefix="rnn-grader-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

settings.register_profile("deterministic", derandomize=True, database=None, deadline=None,
                          print_blob=False)
settings.load_profile("deterministic")
