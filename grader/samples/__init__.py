"""The bundled sample submissions, built from the reference rather than copied.

``correct`` is the reference as a student folder (its modules import each other as
``from rnn import ...``, as students' do); each typical bug (``BUGS``) is the correct
one with one change. ``folder()`` writes them all, once per process, into a private
temporary folder (removed at exit): the preflight grades ``path("correct")``, and
``grade --samples`` grades them all. A student kit has no reference and no samples.
"""

import atexit
import os
import re
import shutil
import tempfile
from dataclasses import dataclass

from ..catalogue import MODULES
from ..errors import GraderBug, InfrastructureError

__all__ = ["NAMES", "BUGS", "Bug", "files", "folder", "path"]


@dataclass(frozen=True)
class Bug:
    """A typical bug: in module, the reference's text ``right`` written as ``wrong``; what it is."""

    module: str
    right: str
    wrong: str
    about: str


BUGS = {
    "no_memory": Bug("rnn", "h = activation(hidden, xw[t] + W_hh @ h)", "h = activation(hidden, xw[t])",
                     "the Elman network ignores its memory (W_hh @ h_{t-1} left out)"),
    "forget_inverted": Bug("lstm", 'np.asarray(c_prev) * activation("sigmoid", z_f)',
                           'np.asarray(c_prev) * (1 - activation("sigmoid", z_f))',
                           "the forget gate is inverted (1 - sigmoid), so 1 forgets and 0 keeps"),
    "clip_per_array": Bug(
        "gradients",
        "    norm = np.sqrt(sum(np.sum(np.square(g)) for g in grads.values()))\n"
        "    scale = max_norm / norm if norm > max_norm else 1.0\n"
        "    return {k: np.asarray(g) * scale for k, g in grads.items()}\n",
        "    clipped = {}\n"
        "    for k, g in grads.items():\n"
        "        norm = np.sqrt(np.sum(np.square(g)))\n"
        "        clipped[k] = g * (max_norm / norm) if norm > max_norm else np.array(g)\n"
        "    return clipped\n",
        "every gradient array is clipped on its own instead of by the global norm"),
}
NAMES = ("correct", *BUGS)


def files(name):
    """{file name: text} of the sample ``name``: the reference's modules (one changed for a bug) and a README."""
    import reference

    source = os.path.dirname(os.path.abspath(reference.__file__))
    out = {}
    for module in MODULES:
        with open(os.path.join(source, f"{module}.py"), encoding="utf-8") as f:
            out[f"{module}.py"] = re.sub(r"^from \.(\w+) import", r"from \1 import", f.read(), flags=re.M)
    about = "A correct submission: the reference, as a student folder."
    if name != "correct":
        bug = BUGS[name]
        text = out[f"{bug.module}.py"]
        if text.count(bug.right) != 1:   # the reference changed under the bug: say so, do not guess
            raise GraderBug(f"sample {name}: {bug.module}.py no longer holds its line once: {bug.right!r}")
        out[f"{bug.module}.py"] = text.replace(bug.right, bug.wrong)
        about = f"Typical bug: {bug.about}."
    out["README.txt"] = about + "\n"
    return out


_FOLDER = []


def folder():
    """A folder holding every sample (a folder each, named by NAMES), written on first use in this process."""
    if not _FOLDER:
        try:
            root = tempfile.mkdtemp(prefix="rnn-grader-samples-")
            atexit.register(shutil.rmtree, root, ignore_errors=True)
            for name in NAMES:
                os.makedirs(os.path.join(root, name))
                for file_name, text in files(name).items():
                    with open(os.path.join(root, name, file_name), "w", encoding="utf-8") as f:
                        f.write(text)
        except OSError as exc:   # the machine's fault (a full or read-only temporary folder): no grade at all
            raise InfrastructureError(f"the bundled samples cannot be written into the temporary folder "
                                      f"({exc}); set TMPDIR to a writable folder") from None
        _FOLDER.append(root)
    return _FOLDER[0]


def path(name):
    """The folder of the sample ``name`` (one of NAMES)."""
    if name not in NAMES:
        raise KeyError(f"no sample {name!r}; the samples are {', '.join(NAMES)}")
    return os.path.join(folder(), name)
