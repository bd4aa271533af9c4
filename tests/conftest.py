"""Hypothesis runs deterministically here and writes no example database."""

from hypothesis import settings

settings.register_profile("deterministic", derandomize=True, database=None, deadline=None,
                          print_blob=False)
settings.load_profile("deterministic")
