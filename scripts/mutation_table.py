"""Grade the mutation corpus (tests/corpus/mutants) and print a Markdown table of what caught it.

    python scripts/mutation_table.py [--jobs N] [--shrink]

Every mutant is graded exactly as tests/test_mutants.py does (``corpus.grade_mutants``); the
table counts its own exercise's checks. Per exercise the table gives the number of mutants, how many
were caught (the exercise lost points and a check whose mechanism and hint fit the bug
failed), and every check that failed with the number of mutants it failed on. Below the
table: the mutants that no check other than ``agrees`` caught with a fitting hint.
"""

import argparse
import os
import sys
import tempfile
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "tests")]

from corpus import grade_mutants  # noqa: E402
from grader.catalogue import EXERCISES  # noqa: E402
from grader.properties import CHECKS  # noqa: E402


def table(verdicts):
    """The Markdown table (a list of lines) of {name: MutantVerdict}."""
    order = {c.id: n for n, c in enumerate(CHECKS)}
    lines = ["| exercise | mutants | caught | caught by |", "|---|---:|---:|---|"]
    totals = [0, 0]
    for exercise in EXERCISES:
        group = [v for v in verdicts.values() if v.mutant["exercise"] == exercise]
        if not group:
            continue
        failed = Counter(check for v in group for check in v.failed)
        checks = sorted(failed, key=lambda c: (-failed[c], order.get(f"{exercise}::{c}", 0)))
        caught = sum(v.caught for v in group)
        totals[0] += len(group)
        totals[1] += caught
        lines.append(f"| `{exercise}` | {len(group)} | {caught} | "
                     + ", ".join(f"{c} ×{failed[c]}" for c in checks) + " |")
    lines.append(f"| **all** | **{totals[0]}** | **{totals[1]}** | |")
    return lines


def agrees_only(verdicts):
    """The mutants that only ``agrees`` caught with a fitting hint (no specific mechanism check)."""
    return sorted(name for name, v in verdicts.items() if v.caught_by and set(v.caught_by) <= {"agrees"})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2)")
    parser.add_argument("--shrink", action="store_true",
                        help="shrink counterexamples as a normal run does (same verdicts, much slower)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutation-table-") as tmp:
        verdicts = grade_mutants(tmp, jobs=args.jobs, shrink=args.shrink)
    print("\n".join(table(verdicts)))
    only = agrees_only(verdicts)
    print(f"\nCaught with a fitting hint by `agrees` alone: {', '.join(only) if only else 'none'}.")
    missed = sorted(name for name, v in verdicts.items() if not v.caught)
    if missed:
        print(f"\n**Not caught**: {', '.join(missed)}.")
    print(f"\n{len(verdicts)} mutants graded in {time.monotonic() - start:.0f} s.", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
