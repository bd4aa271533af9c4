"""Hypothesis runs deterministically here and writes no example database; the grader's
case cache goes to a temporary folder, so the tests neither read nor leave anything in ~."""

import os
import tempfile

from hypothesis import settings

os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="rnn-grader-test-cache-")

settings.register_profile("deterministic", derandomize=True, database=None, deadline=None,
                          print_blob=False)
settings.load_profile("deterministic")
