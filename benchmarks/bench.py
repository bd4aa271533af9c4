"""Grading speed and memory on this machine: prints the figures of issue 6.

    python benchmarks/bench.py [--runs 5] [--class-size 100]

1. one correct submission graded end to end (`python -m grader check`), median of runs
2. one submission with bugs in five exercises (shrinking included), median of runs
3. a class of generated submissions (half correct, half buggy) with --jobs 1 and --jobs 2, and
   the share of the machine's cores busy meanwhile (a submission's grader and its sandboxed
   child run at the same time, so --jobs 1 already keeps more than one core busy)
4. the floor: one process that imports numpy and the submission and calls each function
   once on each input the grader uses, with no Hypothesis and no process boundary; the
   overhead is the median ratio of `check` to the floor, each pair run back to back
5. peak memory (largest process) of `grade --jobs 2` for a class of 20 and for a class of the full
   size made of those same 20 submissions again and again (so that only the class size differs);
   then for the full class of different submissions (which also shows what their content costs)

Every figure is a whole-process wall time measured with time.perf_counter around
subprocess.run; the grader's case cache is warmed once first, as it is for a student
who runs `check` again.
"""

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from corpus import CORRECT, make_submission, mutants  # noqa: E402

FIVE_BUGS = ("rnn.elman_forward", "lstm.lstm_cell", "gru.gru_forward", "gradients.clip_gradients",
             "gradients.elman_backward")


def _timed(cmd, **kwargs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs)
    return time.perf_counter() - start


def _cpu_ticks():
    """(busy, total) jiffies of the whole machine (Linux /proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def _timed_busy(cmd):
    """Wall seconds of cmd, and the share of the machine's cores busy meanwhile (None if unknown).

    A submission's grading process and its sandboxed child work at the same time, so
    even --jobs 1 keeps more than one core busy: this is what bounds the speed-up of --jobs 2.
    """
    before = _cpu_ticks()
    seconds = _timed(cmd)
    after = _cpu_ticks()
    if before is None or after is None or after[1] == before[1]:
        return seconds, None
    return seconds, (after[0] - before[0]) / (after[1] - before[1])


def _median(cmd, runs):
    _timed(cmd)  # warm-up: fills the case cache and the page cache
    times = [_timed(cmd) for _ in range(runs)]
    return statistics.median(times), min(times), max(times)


def _buggy(root, name, exercises):
    """A submission with one mutant in each of the given exercises."""
    chosen = {}
    for m in mutants():
        if m["exercise"] in exercises and m["exercise"] not in chosen:
            chosen[m["exercise"]] = m
    overrides = {}
    for exercise, m in chosen.items():
        module = exercise.split(".")[0]
        overrides[module] = overrides.get(module, "") + "\n\n" + m["code"]
    return make_submission(root, name, overrides)


def _class(root, size, cycle=None, name=None):
    """size submissions: even ones correct, odd ones with one mutant each.

    cycle: only the first cycle submissions differ; the rest repeat them in turn.
    """
    pool = mutants()
    folder = os.path.join(root, name or f"class{size}")
    os.makedirs(folder)
    paths = []
    for n in range(size):
        k = n % cycle if cycle else n
        if k % 2 == 0:
            paths.append(make_submission(folder, f"s{n:03d}"))
        else:
            m = pool[(k // 2) % len(pool)]
            paths.append(make_submission(folder, f"s{n:03d}", {m["exercise"].split(".")[0]: m["code"]}))
    return paths


def _graded(out, paths):
    """How many of paths got a results.json in out."""
    return sum(os.path.exists(os.path.join(out, os.path.basename(p), "results.json")) for p in paths)


_RECORD = """
import pickle, sys
import reference
from grader.properties import CHECKS
from grader.cases import replay_cases
from grader.tree import private_copy

calls = []

class Recorder:
    def __init__(self, module):
        self.module = module
    def __getattr__(self, name):
        real = getattr(getattr(reference, self.module), name)
        def record(*args, **kwargs):
            calls.append((self.module, name, private_copy(args), private_copy(kwargs)))
            return real(*args, **kwargs)
        return record

class Impl:
    pass

impl = Impl()
for m in ("rnn", "lstm", "gru", "gradients", "slot_filling"):
    setattr(impl, m, Recorder(m))
for check in CHECKS:
    for case in (replay_cases(check, check.examples, reference) if check.strategy is not None else [{}]):
        check.prop(impl, private_copy(case), reference)
with open(sys.argv[1], "wb") as f:
    pickle.dump(calls, f)
"""

_FLOOR = """
import pickle, sys, importlib
import numpy
sys.path.insert(0, sys.argv[2])
with open(sys.argv[1], "rb") as f:
    calls = pickle.load(f)
modules = {m: importlib.import_module(m) for m in ("rnn", "lstm", "gru", "gradients", "slot_filling")}
for module, name, args, kwargs in calls:
    getattr(modules[module], name)(*args, **kwargs)
"""


def _peak_mib(cmd):
    """Peak resident memory of the largest process cmd started (its own or a descendant)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--class-size", type=int, default=100)
    args = parser.parse_args()
    grader = [sys.executable, "-m", "grader"]
    work = tempfile.mkdtemp(prefix="grader-bench-")
    try:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        correct = _median(grader + ["check", CORRECT], args.runs)
        print(f"1. one correct submission, check:       median {correct[0]:.2f} s  (min {correct[1]:.2f}, max {correct[2]:.2f})")
        buggy_path = _buggy(work, "five_bugs", FIVE_BUGS)
        buggy = _median(grader + ["check", buggy_path], args.runs)
        print(f"2. bugs in five exercises, check:       median {buggy[0]:.2f} s  (min {buggy[1]:.2f}, max {buggy[2]:.2f})")

        paths = _class(work, args.class_size)
        times = {}
        for jobs in (1, 2):
            out = os.path.join(work, f"out-jobs{jobs}")
            times[jobs], busy = _timed_busy(grader + ["grade", *paths, "--out", out, "--jobs", str(jobs)])
            graded = _graded(out, paths)
            note = "" if graded == len(paths) else f"  (only {graded} of {len(paths)} graded!)"
            cores = f"; {100 * busy:.0f}% of the {os.cpu_count()} cores busy" if busy is not None else ""
            print(f"3. class of {len(paths)}, --jobs {jobs}:            {times[jobs]:.1f} s "
                  f"({times[jobs] / len(paths):.2f} s per submission{cores}){note}")
        print(f"   speed-up of --jobs 2 over --jobs 1:    {times[1] / times[2]:.2f}x")

        calls = os.path.join(work, "calls.pickle")
        subprocess.run([sys.executable, "-c", _RECORD, calls], check=True, cwd=ROOT)
        floor_cmd, check_cmd = [sys.executable, "-c", _FLOOR, calls, CORRECT], grader + ["check", CORRECT]
        _timed(floor_cmd)
        floors, ratios = [], []
        for _ in range(args.runs):   # in pairs, so that the machine's drift cancels out of the ratio
            floors.append(_timed(floor_cmd))
            ratios.append(_timed(check_cmd) / floors[-1])
        with open(calls, "rb") as f:
            n_calls = len(pickle.load(f))
        print(f"4. floor ({n_calls} calls, one process):   median {statistics.median(floors):.2f} s; "
              f"grading overhead {statistics.median(ratios):.1f}x the floor "
              f"(check / floor run in pairs: min {min(ratios):.1f}x, max {max(ratios):.1f}x)")

        small = paths[:20]
        repeated = _class(work, len(paths), cycle=20, name="repeated")
        m20 = _peak_mib(grader + ["grade", *small, "--out", os.path.join(work, "m20"), "--jobs", "2"])
        mrep = _peak_mib(grader + ["grade", *repeated, "--out", os.path.join(work, "mrep"), "--jobs", "2"])
        mall = _peak_mib(grader + ["grade", *paths, "--out", os.path.join(work, "mall"), "--jobs", "2"])
        print(f"5. peak memory (largest process):       class of 20: {m20:.0f} MiB; "
              f"the same 20 as a class of {len(repeated)}: {mrep:.0f} MiB ({100 * (mrep / m20 - 1):+.0f}%); "
              f"class of {len(paths)} different: {mall:.0f} MiB ({100 * (mall / m20 - 1):+.0f}%)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
