"""Loading submissions of every kind: a folder, a single .py, a .zip, a Jupyter notebook;
and every bad input as a clear per-student SubmissionError, with nothing written to disk."""

import glob
import json
import os
import random
import stat
import subprocess
import sys
import zipfile

import nbformat
import pytest

from grader.messages import describe
from nbformat import v4

from grader._archive import MAX_ARCHIVE, MAX_MEMBERS
from grader.config import Settings
from grader.errors import SubmissionError
from grader.grade import grade_submission
from grader.load import MAX_FILE, MODULES, SINGLE, load_submission, submission_name

from corpus import CORRECT

SOME = Settings(exercises=("rnn.activation", "lstm.lstm_cell"))


def _correct_single_file():
    """Every correct module in one file, in file-name order: gradients.py (which starts with
    ``from lstm import GATES, lstm_forward``) comes before lstm.py and rnn.py define them."""
    parts = []
    for path in sorted(glob.glob(os.path.join(CORRECT, "*.py"))):
        with open(path, encoding="utf-8") as f:
            parts.append(f.read())
    return "\n\n".join(parts)


def _write(path, content):
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def _zip(path, members, *, compression=zipfile.ZIP_DEFLATED):
    """A zip at path of members: {name or ZipInfo: str or bytes}, or a list of such pairs."""
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in items:
            if isinstance(name, zipfile.ZipInfo):
                name.compress_type = compression
            archive.writestr(name, data)
    return str(path)


def _notebook(path, cells, **metadata):
    notebook = v4.new_notebook(cells=[v4.new_code_cell(c) if isinstance(c, str) else c for c in cells],
                               metadata=metadata)
    return _write(path, nbformat.writes(notebook))


def _correct_notebook():
    """The correct modules as notebook cells, among the usual demo cells and IPython syntax."""
    cells = [v4.new_markdown_cell("# RNN homework"),
             "%matplotlib inline\n%load_ext autoreload\n!pip install numpy\nimport numpy as np"]
    for path in sorted(glob.glob(os.path.join(CORRECT, "*.py"))):
        with open(path, encoding="utf-8") as f:
            cells.append(f.read())
    cells += ["xs = np.ones((3, 2))\nprint(activation('tanh', xs))\nactivation?",
              "import not_installed_plotting_library as plt\nplt.plot([1, 2])",
              "%%time\nfor i in range(3):\n    print(elman_forward(xs, {}))",
              "%%bash\necho this is not Python",
              "def half_written(:\n",
              "while True:\n    pass   # a training run the grader must not start"]
    return cells


def _run_in_folder(tmp_path, files, code):
    """Write the loaded files into a fresh folder and run code there (like the sandbox's child)."""
    folder = tmp_path / "child"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=60)


def _listing(*folders):
    return {f: sorted(os.listdir(f)) for f in folders}


def _full_marks(result):
    assert not result.error, result.error
    assert [e.exercise for e in result.exercises] == list(SOME.exercises)
    for exercise in result.exercises:
        assert exercise.points == exercise.max_points > 0, \
            [(c.id, c.status, c.message_text()) for c in exercise.checks if not c.passed]


# ------------------------------------------------------------------ folders


def test_folder_keeps_its_rules(tmp_path):
    folder = tmp_path / "alice"
    _write(folder / "rnn.py", "def activation(name, v):\n    return v\n")
    _write(folder / "helper.py", "X = 1\n")
    _write(folder / "data.txt", "notes")
    _write(folder / ".hidden.py", "secret")
    _write(folder / "lstm.py", b"#" * (MAX_FILE + 1))
    os.symlink("/etc/passwd", folder / "gru.py")
    (folder / "sub").mkdir()
    _write(folder / "sub" / "gradients.py", "x = 1\n")
    sub = load_submission(str(folder))
    assert (sub.name, sub.kind) == ("alice", "folder")
    assert sorted(sub.files) == ["data.txt", "helper.py", "rnn.py"]
    assert "larger than" in describe(sub.missing["lstm"])
    assert set(sub.missing) == {"lstm", "gru", "gradients", "slot_filling"}
    assert "missing" in describe(sub.missing["gru"])


def test_folder_with_one_python_file_is_a_single_file(tmp_path):
    _write(tmp_path / "dave" / "homework.py", _correct_single_file())
    sub = load_submission(str(tmp_path / "dave"))
    assert (sub.name, sub.missing) == ("dave", {})
    assert SINGLE in sub.files and all(f"{m}.py" in sub.files for m in MODULES)


def test_empty_folder_has_no_python_files(tmp_path):
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "readme_only" / "README.txt", "hello")
    for name in ("empty", "readme_only"):
        with pytest.raises(SubmissionError, match="no Python files"):
            load_submission(str(tmp_path / name))


def test_folder_of_several_unrelated_python_files_is_refused(tmp_path):
    _write(tmp_path / "eve" / "part1.py", "x = 1\n")
    _write(tmp_path / "eve" / "part2.py", "y = 2\n")
    with pytest.raises(SubmissionError, match="several Python files.*part1.py, part2.py"):
        load_submission(str(tmp_path / "eve"))


# ------------------------------------------------------------------ a single .py file


def test_single_file_becomes_five_importable_modules(tmp_path):
    path = _write(tmp_path / "carol.py", _correct_single_file())
    sub = load_submission(path)
    assert (sub.name, sub.kind, sub.missing) == ("carol", "py", {})
    assert sorted(sub.files) == sorted([SINGLE] + [f"{m}.py" for m in MODULES])
    source = sub.files[SINGLE].decode()
    original = _correct_single_file()
    assert len(source.split("\n")) == len(original.split("\n"))   # line numbers are the student's
    assert "\nfrom lstm import GATES" not in source and "\n# (grader) from lstm import GATES" in source
    done = _run_in_folder(tmp_path, sub.files, "import gradients, gru, lstm, rnn, slot_filling\n"
                          "from lstm import GATES\n"
                          "print(rnn.activation('sigmoid', 0.0), GATES, gradients.lstm_forward.__name__,"
                          " 'activation' in dir(gru))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0.5 ('z', 'i', 'f', 'o') lstm_forward True"


def test_single_file_imports_of_its_own_modules_work_in_any_form(tmp_path):
    code = (
        "from rnn import activation            # before the definition: removed\n"
        "import rnn                             # a module object: names looked up lazily\n"
        "import numpy as np\n"
        "\n"
        "def activation(name, v):\n"
        "    return np.tanh(v)\n"
        "\n"
        "from rnn import activation as act, elman_forward   # aliased: kept, after the definition\n"
        "\n"
        "def elman_forward(xs, params, h0=None, hidden='tanh', output='linear'):\n"
        "    from lstm import GATES          # inside a function: runs at call time\n"
        "    return act('tanh', xs), rnn.activation('tanh', xs), GATES\n"
        "\n"
        "GATES = ('z', 'i', 'f', 'o')\n"
        "get_ipython().run_line_magic('matplotlib', 'inline')\n"
        "if get_ipython() is not None:\n"
        "    print('in IPython')\n"
    )
    sub = load_submission(_write(tmp_path / "frank.py", code))
    source = sub.files[SINGLE].decode()
    assert "\nfrom rnn import activation as act   # aliased" in source
    assert not [line for line in source.split("\n") if "get_ipython" in line and not line.startswith("# (grader)")]
    assert set(sub.missing) == {"lstm", "gru", "gradients", "slot_filling"}   # GATES is no function
    assert "defines none of gru's functions (gru_forward)" in describe(sub.missing["gru"])
    done = _run_in_folder(tmp_path, sub.files, "import rnn, lstm\na, b, gates = rnn.elman_forward(0.0, {})\n"
                          "print(float(a), float(b), gates)\n"
                          "try:\n    lstm.lstm_cell\nexcept AttributeError as e:\n    print(e)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["0.0 0.0 ('z', 'i', 'f', 'o')", "frank.py defines no 'lstm_cell'"]


def test_single_file_errors_are_import_errors_of_every_module(tmp_path):
    sub = load_submission(_write(tmp_path / "gina.py", "def activation(name, v):\n    return v\n1 / 0\n"))
    done = _run_in_folder(tmp_path, sub.files, "import lstm")
    assert done.returncode != 0 and "ZeroDivisionError" in done.stderr and SINGLE in done.stderr


def test_single_file_with_a_syntax_error_is_left_as_it_is(tmp_path):
    sub = load_submission(_write(tmp_path / "hal.py", "def activation(:\n"))
    assert sub.files[SINGLE] == b"def activation(:\n" and sub.missing == {}


def test_single_file_future_imports_are_moved_to_the_top(tmp_path):
    code = "def activation(name, v) -> Later:\n    return v\nfrom __future__ import annotations\n"
    sub = load_submission(_write(tmp_path / "ivy.py", code))
    source = sub.files[SINGLE].decode()
    assert source.startswith("from __future__ import annotations\n")
    done = _run_in_folder(tmp_path, sub.files, "import rnn; print(rnn.activation('x', 3))")
    assert done.returncode == 0 and done.stdout.strip() == "3", done.stderr


def test_single_py_file_graded_end_to_end(tmp_path):
    path = _write(tmp_path / "carol.py", _correct_single_file())
    result = grade_submission(path=path, settings=SOME)
    assert result.name == "carol"
    _full_marks(result)


# ------------------------------------------------------------------ .zip archives


def test_zip_of_a_folder_nested_one_level(tmp_path):
    members = {f"alice/{os.path.basename(p)}": open(p, "rb").read()
               for p in glob.glob(os.path.join(CORRECT, "*.py"))}
    members.update({"__MACOSX/alice/._rnn.py": b"\x00\x05\x16\x07junk", "alice/.DS_Store": b"junk",
                    "alice/__pycache__/rnn.cpython-311.pyc": b"junk", "alice/tests/test_rnn.py": b"x = 1\n",
                    "alice/old.zip": b"PK junk", "alice/notes.txt": b"notes"})
    path = _zip(tmp_path / "alice.zip", members)
    sub = load_submission(path)
    assert (sub.name, sub.kind, sub.missing) == ("alice", "zip", {})
    assert sorted(sub.files) == sorted([f"{m}.py" for m in MODULES] + ["notes.txt"])
    assert any("nested archive" in n for n in sub.notes) and any("subfolders" in n for n in sub.notes)
    assert sub.origins["rnn.py"] == ("alice.zip:alice/rnn.py", None)   # as submitted, folder included


def test_zip_of_a_single_file_and_of_a_notebook(tmp_path):
    sub = load_submission(_zip(tmp_path / "bea.zip", {"solution.py": _correct_single_file()}))
    assert (sub.name, sub.missing) == ("bea", {}) and SINGLE in sub.files
    notebook = _notebook(tmp_path / "nb.ipynb", _correct_notebook())
    sub = load_submission(_zip(tmp_path / "cid.zip", {"cid/homework.ipynb": open(notebook, "rb").read()}))
    assert (sub.name, sub.kind, sub.missing) == ("cid", "zip", {}) and SINGLE in sub.files
    assert sub.origins[SINGLE][0] == "cid.zip:cid/homework.ipynb"


def test_zip_graded_end_to_end(tmp_path):
    members = {f"alice/{os.path.basename(p)}": open(p, "rb").read()
               for p in glob.glob(os.path.join(CORRECT, "*.py"))}
    _full_marks(grade_submission(path=_zip(tmp_path / "alice.zip", members), settings=SOME))
    _full_marks(grade_submission(path=_zip(tmp_path / "bea.zip", {"all.py": _correct_single_file()}),
                                 settings=SOME))


def _patched(data, offsets_from):
    """The archive's bytes with every local and central header's flag bit 0 (encrypted) set."""
    data = bytearray(data)
    for signature, offset in offsets_from:
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    return bytes(data)


def _bad_zip(tmp_path, case):
    """(path, words the error must contain) of one kind of bad archive."""
    def good():
        return open(_zip(tmp_path / "good.zip", {"rnn.py": "x = 1\n" * 100}), "rb").read()

    def corrupt_member():
        data = bytearray(good())
        data[data.find(b"PK\x03\x04") + 30 + len("rnn.py") + 5] ^= 0xFF   # inside the compressed data
        return _write(tmp_path / "s.zip", bytes(data)), "cannot be read"

    def bomb_total():   # each member compresses only ~8 times, but 9 MiB in all
        digits = random.Random(0).randbytes(3 * 2**20).translate(bytes(48 + (b & 1) for b in range(256)))
        return _zip(tmp_path / "s.zip", {f"m{i}.py": b"# %d\n" % i + digits for i in range(3)}), "once uncompressed"

    def member(name, mode):
        info = zipfile.ZipInfo(name)
        info.external_attr = mode << 16
        return info

    def encrypted():
        data = open(_zip(tmp_path / "plain.zip", {"rnn.py": "x = 1\n"}), "rb").read()
        return _write(tmp_path / "s.zip", _patched(data, [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)])), "encrypted"

    cases = {
        "not_a_zip": lambda: (_write(tmp_path / "s.zip", b"this is not a zip archive at all"), "not a readable zip"),
        "truncated": lambda: (_write(tmp_path / "s.zip", good()[:len(good()) // 2]), "not a readable zip"),
        "corrupt_member": corrupt_member,
        "bomb_ratio": lambda: (_zip(tmp_path / "s.zip", {"rnn.py": b"\0" * (6 * 2**20)}), "zip bomb"),
        "bomb_total": bomb_total,
        "too_many_members": lambda: (_zip(tmp_path / "s.zip", {f"f{i}.txt": "" for i in range(MAX_MEMBERS + 1)}),
                                     "members, more than"),
        "dotdot": lambda: (_zip(tmp_path / "s.zip", [("rnn.py", "x = 1\n"), ("../../evil.py", "x = 1\n")]),
                           "outside the archive"),
        "dotdot_backslash": lambda: (_zip(tmp_path / "s.zip", {"alice\\..\\..\\evil.py": "x = 1\n"}),
                                     "outside the archive"),
        "absolute": lambda: (_zip(tmp_path / "s.zip", {"/tmp/evil.py": "x = 1\n"}), "outside the archive"),
        "drive": lambda: (_zip(tmp_path / "s.zip", {"C:/evil.py": "x = 1\n"}), "outside the archive"),
        "symlink": lambda: (_zip(tmp_path / "s.zip", [(member("rnn.py", stat.S_IFLNK | 0o777), "/etc/passwd")]),
                            "symbolic link"),
        "special": lambda: (_zip(tmp_path / "s.zip", [(member("rnn.py", stat.S_IFIFO | 0o644), "")]),
                            "not a regular file"),
        "encrypted": encrypted,
        "duplicate": lambda: (_zip(tmp_path / "s.zip", [("rnn.py", "x = 1\n"), ("./rnn.py", "x = 2\n")]),
                              "two members"),
        "huge_archive": lambda: (_write(tmp_path / "s.zip", b"\0" * (MAX_ARCHIVE + 1)), "larger than"),
        "nested_zip_only": lambda: (_zip(tmp_path / "s.zip", {"inner.zip": good()}),
                                    "nested archive inner.zip was not"),
        "empty_zip": lambda: (_zip(tmp_path / "s.zip", {}), "no Python files"),
        "no_python": lambda: (_zip(tmp_path / "s.zip", {"alice/report.pdf": b"%PDF"}), "no Python files"),
    }
    return cases[case]()


BAD_ZIPS = ["not_a_zip", "truncated", "corrupt_member", "bomb_ratio", "bomb_total", "too_many_members", "dotdot",
            "dotdot_backslash", "absolute", "drive", "symlink", "special", "encrypted", "duplicate", "huge_archive",
            "nested_zip_only", "empty_zip", "no_python"]


@pytest.mark.parametrize("case", BAD_ZIPS)
def test_bad_zip_is_a_clear_submission_error_and_writes_nothing(tmp_path, case):
    path, words = _bad_zip(tmp_path, case)
    before = _listing(tmp_path, os.getcwd())
    with pytest.raises(SubmissionError, match=words) as error:
        load_submission(path)
    assert os.path.basename(path) in str(error.value)
    assert _listing(tmp_path, os.getcwd()) == before


def test_zip_bomb_really_is_one(tmp_path):
    path = _zip(tmp_path / "bomb.zip", {"rnn.py": b"\0" * (6 * 2**20)})
    assert os.path.getsize(path) < 10 * 2**10   # 6 MiB of zeros in a few KiB


def test_oversize_module_in_a_zip_is_missing_not_fatal(tmp_path):
    path = _zip(tmp_path / "big.zip", {"rnn.py": "x = 1\n", "lstm.py": random.Random(1).randbytes(MAX_FILE + 10)})
    sub = load_submission(path)
    assert "rnn.py" in sub.files and "larger than" in describe(sub.missing["lstm"])


# ------------------------------------------------------------------ notebooks


def test_notebook_keeps_definitions_and_drops_ipython_and_demo_code(tmp_path):
    sub = load_submission(_notebook(tmp_path / "bob.ipynb", _correct_notebook()))
    assert (sub.name, sub.kind, sub.missing) == ("bob", "ipynb", {})
    assert any("%%bash" in n for n in sub.notes) and any("does not parse" in n for n in sub.notes)
    source = sub.files[SINGLE].decode()
    live = "\n".join(line for line in source.split("\n") if not line.lstrip().startswith("#"))
    for gone in ("%", "!pip", "activation?", "print(", "not_installed_plotting_library", "while True",
                 "echo", "half_written"):
        assert gone not in live, gone
    assert "import numpy as np" in live and "def lstm_cell(" in live and "GATES = (" in live
    done = _run_in_folder(tmp_path, sub.files, "import gradients, slot_filling, rnn\n"
                          "print(rnn.activation('relu', -1.0))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0.0"


def test_notebook_cell_magics(tmp_path):
    cells = ["%%writefile rnn.py\nimport numpy as np\ndef activation(name, v):\n    return np.asarray(v)\n",
             "%%capture\nLIMIT = 3\n",
             "%%writefile notes.txt\nthis is text\n",
             "%%html\n<b>hi</b>",
             "def elman_forward(xs, params, h0=None, hidden='tanh', output='linear'):\n"
             "    !echo shell inside a function\n"
             "    return xs * LIMIT\n"]
    sub = load_submission(_notebook(tmp_path / "nb.ipynb", cells))
    assert sorted(n.split(":")[1].strip() for n in sub.notes) == ["a %%html cell", "a %%writefile cell"]
    done = _run_in_folder(tmp_path, sub.files, "import rnn; print(rnn.activation('x', 2), rnn.elman_forward(2, {}))")
    assert done.returncode == 0 and done.stdout.strip() == "2 6", done.stderr


def test_notebook_dependencies_of_functions_are_kept(tmp_path):
    cells = ["import numpy as np\nimport json\nrng = np.random.default_rng(0)\nWORDS = json.loads('[\"a\"]')\n"
             "unused = np.ones(10**9)",
             "def activation(name, v):\n    xs = rng.random()\n    return np.asarray(v) + 0 * xs + len(WORDS) - 1"
             " + len(VOCAB) - 2",
             "VOCAB = {}\nfor i, w in enumerate('ab'):\n    VOCAB[w] = i\nfor i in range(10**12):\n    pass",
             "xs = undefined_name + 1\n",
             "@undefined_decorator\ndef elman_forward(xs, params):\n    return xs\n"]
    sub = load_submission(_notebook(tmp_path / "deps.ipynb", cells))
    live = [line for line in sub.files[SINGLE].decode().split("\n") if line and not line.startswith("#")]
    assert "rng = np.random.default_rng(0)" in live and "import json" in live and "    VOCAB[w] = i" in live
    assert "for i in range(10**12):" not in live
    assert not any("unused" in line or "undefined" in line for line in live)
    done = _run_in_folder(tmp_path, sub.files, "import rnn; print(rnn.activation('x', 5))")
    assert done.returncode == 0 and done.stdout.strip() == "5.0", done.stderr


def test_notebook_graded_end_to_end(tmp_path):
    path = _notebook(tmp_path / "bob.ipynb", _correct_notebook())
    result = grade_submission(path=path, settings=SOME)
    assert result.name == "bob"
    _full_marks(result)


def test_folder_with_only_a_notebook_is_a_notebook(tmp_path):
    _notebook(tmp_path / "kim" / "hw.ipynb", _correct_notebook())
    sub = load_submission(str(tmp_path / "kim"))
    assert (sub.name, sub.missing) == ("kim", {}) and SINGLE in sub.files and "hw.ipynb" not in sub.files


def test_notebook_outputs_are_not_validated_and_old_formats_are_read(tmp_path):
    notebook = json.loads(nbformat.writes(v4.new_notebook(cells=[v4.new_code_cell("def activation(name, v):\n"
                                                                                  "    return v\n")])))
    notebook["cells"][0]["outputs"] = [{"output_type": "made_up_by_an_extension", "data": 3}]
    path = _write(tmp_path / "odd.ipynb", json.dumps(notebook))
    assert "def activation(" in load_submission(path).files[SINGLE].decode()
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"metadata": {}, "cells": [
        {"cell_type": "code", "language": "python", "input": "def activation(name, v):\n    return v\n",
         "outputs": [], "metadata": {}}]}]}
    path = _write(tmp_path / "old.ipynb", json.dumps(v3))
    assert "def activation(" in load_submission(path).files[SINGLE].decode()


def _bad_notebooks(tmp_path):
    valid = nbformat.writes(v4.new_notebook(cells=[v4.new_code_cell("x = 1")]))
    return {
        "invalid_json": (_write(tmp_path / "a.ipynb", '{"cells": [ oops'), "not valid JSON"),
        "not_utf8": (_write(tmp_path / "b.ipynb", b'{"cells": "\xff\xfe"}'), "not UTF-8"),
        "json_list": (_write(tmp_path / "c.ipynb", "[1, 2, 3]"), "not a valid Jupyter notebook"),
        "missing_keys": (_write(tmp_path / "d.ipynb", '{"nbformat": 4, "nbformat_minor": 5, "cells": '
                                '[{"cell_type": "code", "source": "x = 1"}]}'), "not a valid Jupyter notebook"),
        "bad_cell": (_write(tmp_path / "e.ipynb", valid.replace('"cell_type": "code"', '"cell_type": 7')),
                     "not a valid Jupyter notebook"),
        "no_code": (_notebook(tmp_path / "f.ipynb", [v4.new_markdown_cell("only words")]), "no code cells"),
        "r_kernel": (_notebook(tmp_path / "g.ipynb", ["x <- 1"], kernelspec={"name": "ir", "language": "R",
                                                                          "display_name": "R"}),
                     "only Python notebooks"),
        "deep_json": (_write(tmp_path / "h.ipynb", "[" * 100000 + "]" * 100000), "not a valid Jupyter notebook"),
    }


@pytest.mark.parametrize("case", ["invalid_json", "not_utf8", "json_list", "missing_keys", "bad_cell", "no_code",
                                  "r_kernel", "deep_json"])
def test_bad_notebook_is_a_clear_submission_error(tmp_path, case):
    path, words = _bad_notebooks(tmp_path)[case]
    with pytest.raises(SubmissionError, match=words) as error:
        load_submission(path)
    assert os.path.basename(path) in str(error.value)


# ------------------------------------------------------------------ other inputs


@pytest.mark.parametrize("file_name, content", [("alice.txt", "def activation(): pass"), ("bob.pdf", b"%PDF-1.4"),
                                                ("carol", "x = 1"), ("dave.tar.gz", b"\x1f\x8b")])
def test_other_kinds_of_file_name_the_accepted_kinds(tmp_path, file_name, content):
    path = _write(tmp_path / file_name, content)
    with pytest.raises(SubmissionError, match=r"accepted: a folder of \.py files, a single \.py file, a \.zip "
                                              r"archive or a Jupyter notebook \(\.ipynb\)"):
        load_submission(path)


def test_missing_path_and_non_regular_file(tmp_path):
    with pytest.raises(SubmissionError, match="no such file"):
        load_submission(str(tmp_path / "ghost.zip"))
    os.mkfifo(tmp_path / "pipe.py")
    with pytest.raises(SubmissionError, match="not a regular file"):
        load_submission(str(tmp_path / "pipe.py"))
    _write(tmp_path / "huge.py", b"#" * (MAX_FILE + 1))
    with pytest.raises(SubmissionError, match="larger than 1 MiB"):
        load_submission(str(tmp_path / "huge.py"))


def test_submission_names_are_student_ids(tmp_path):
    (tmp_path / "zed").mkdir()
    assert [submission_name(str(tmp_path / n)) for n in ("alice.zip", "bob.ipynb", "carol.py", "CAROL.PY",
                                                            "zed", "zed/", "notes.txt")] == \
        ["alice", "bob", "carol", "CAROL", "zed", "zed", "notes.txt"]


@pytest.mark.parametrize("case", ["bomb_ratio", "dotdot", "not_a_zip"])
def test_grade_submission_reports_a_load_error_per_student(tmp_path, case):
    path, words = _bad_zip(tmp_path, case)
    result = grade_submission(path=path, settings=SOME)
    assert words in result.error
    assert result.points == 0 and {c.status for c in result.checks} == {"error"}
    assert all(words in c.message_text() for c in result.checks)


def test_grade_submission_reports_a_bad_notebook_and_an_empty_folder_per_student(tmp_path):
    (tmp_path / "empty").mkdir()
    for path, words in ((_write(tmp_path / "x.ipynb", "{oops"), "not valid JSON"),
                        (str(tmp_path / "empty"), "no Python files"),
                        (_write(tmp_path / "y.pdf", b"%PDF"), "accepted")):
        result = grade_submission(path=path, settings=SOME)
        assert words in result.error and result.points == 0


def _copy_correct(folder):
    for path in glob.glob(os.path.join(CORRECT, "*.py")):
        _write(os.path.join(folder, os.path.basename(path)), open(path, "rb").read())


def test_a_cloned_repository_is_graded_from_the_folder_that_holds_the_modules(tmp_path):
    repo = tmp_path / "alice"
    _write(repo / "README.md", b"# my homework")
    _write(repo / "setup.py", b"from setuptools import setup\n")
    _write(repo / ".git" / "HEAD", b"ref: refs/heads/main\n")
    _copy_correct(repo / "exercises")
    submission = load_submission(str(repo))
    assert submission.kind == "folder" and not submission.missing and "setup.py" not in submission.files
    assert submission.files["rnn.py"] == open(os.path.join(CORRECT, "rnn.py"), "rb").read()
    assert any("exercises/" in note for note in submission.notes)
    assert grade_submission(path=str(repo), settings=SOME).points == sum(p for _, p, _ in SOME.checks())


def test_module_files_in_two_folders_are_refused_naming_both(tmp_path):
    _copy_correct(tmp_path / "bob" / "mine")
    _copy_correct(tmp_path / "bob" / "starter")
    with pytest.raises(SubmissionError, match=r"several folders \(mine/, starter/\)"):
        load_submission(str(tmp_path / "bob"))


def test_a_folder_holding_only_a_zip_is_that_zip(tmp_path):
    with zipfile.ZipFile(tmp_path / "upload.zip", "w") as archive:
        for path in glob.glob(os.path.join(CORRECT, "*.py")):
            archive.write(path, "carol/" + os.path.basename(path))
    _write(tmp_path / "carol" / "upload.zip", (tmp_path / "upload.zip").read_bytes())
    submission = load_submission(str(tmp_path / "carol"))
    assert submission.kind == "zip" and submission.name == "carol" and not submission.missing


def test_what_is_graded_decides_the_content_hash(tmp_path):
    from grader.load import content_hash
    for wrapped in (tmp_path / "dave" / "dave", tmp_path / "erin" / "repo" / "exercises"):
        _copy_correct(wrapped)
        root = str(wrapped.parent if wrapped.name == "dave" else wrapped.parent.parent)
        before = content_hash(root)
        _write(wrapped / "rnn.py", b"# changed\n")
        assert content_hash(root) != before
