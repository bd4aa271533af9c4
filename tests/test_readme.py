"""The README's facts that the code decides stay true: the mutation table's counts, the check count of the
sample session, the first commands (the docs test of the fast tier; settings keys: tests/test_settings.py)."""

import collections
import os
import re

from corpus import mutants
from grader.catalogue import EXERCISES
from grader.properties import CHECKS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_the_mutation_table_counts_the_corpus():
    rows = dict(re.findall(r"^\| `([\w.]+)` \| (\d+) \| \d+ \|", _readme(), flags=re.M))
    counted = collections.Counter(m["exercise"] for m in mutants())
    assert {e: int(n) for e, n in rows.items()} == dict(counted), "regenerate it: python scripts/mutation_table.py"
    total = re.search(r"^\| \*\*all\*\* \| \*\*(\d+)\*\* \|", _readme(), flags=re.M)
    assert total and int(total.group(1)) == sum(counted.values())
    assert list(rows) == [e for e in EXERCISES if e in rows]


def test_the_sample_session_counts_every_check():
    shown = {int(n) for n in re.findall(r"\d+/162 points, \d+/(\d+) checks passed", _readme())}
    assert shown == {len(CHECKS)}
    assert sum(c.points for c in CHECKS) == 162


def test_the_first_lines_install_and_run_the_main_job_then_the_tests():
    block = _readme().split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].startswith("pip install -e '.[test]' && python -m grader grade --samples")
    assert block[1].startswith("python -m pytest ")
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as f:
        assert f.read().rstrip().splitlines()[-1] == "python3 -m pytest"
