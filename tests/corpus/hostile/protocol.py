"""Forged replies: the student's code writes its own frames to the reply pipe (fd 4).

The grader reads JSON and plain .npy only, bounded in size and depth, and validates
every value; a forged reply is no better than a returned value, and a malformed one
ends the check (protocol error) without harming the grader.
"""

from . import EXERCISE, rnn

FORGE = '''
import io
import json
import os
import pickle
import struct
import sys
import threading

import numpy as np

REPLY_FD = 4
WIRE = sys.modules["_wire"]                   # the child's own encoder: valid replies in any wire format


def _write_all(data):
    while data:
        data = data[os.write(REPLY_FD, data):]


def _frame(payload):
    _write_all(struct.pack(">Q", len(payload)) + payload)


def _raw_reply(header, declared, blobs=()):
    """A reply whose arrays are declared as (dtype, shape) pairs and as .npy blob lengths alike."""
    head = json.dumps({**header, "arrays": declared, "blobs": [len(b) for b in blobs]}).encode()
    return struct.pack(">I", len(head)) + head + b"".join(blobs)


def _npy(array, allow_pickle=False):
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=allow_pickle)
    return buf.getvalue()


def _npy_header_only(shape, descr="<f8"):
    text = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (descr, tuple(shape))
    text += " " * (63 - (10 + len(text)) % 64) + "\\n"
    return b"\\x93NUMPY\\x01\\x00" + struct.pack("<H", len(text)) + text.encode()


class Evil:
    def __reduce__(self):
        return (open, ("/tmp/pwned-@NAME@-unpickled", "w"))
'''


def forged(body):
    """An elman_forward that forges a reply with ``body`` (which sets ``payload``) and then ends the child."""
    return rnn(helpers=FORGE, code="""
        def elman_forward(xs, params, h0=None, hidden="tanh", output="linear"):
            ys, hs = _wrong(xs, params)
        """ + body + """
            _frame(payload)
            os._exit(0)
        """)


HOSTILE = [
    dict(name="forged_pickle_reply", exercise=EXERCISE, overrides=forged("""
            payload = pickle.dumps({"ok": True, "value": Evil()})
        """), description="A pickle instead of a reply: unpickling it in the grader would create a file."),

    dict(name="forged_object_array", exercise=EXERCISE, overrides=forged("""
            evil = np.empty(1, object)
            evil[0] = Evil()
            payload = _raw_reply({"ok": True, "value": [0, 1]}, [["|O", [1]], ["|O", [1]]],
                                 [_npy(evil, allow_pickle=True)] * 2)
        """), description="A well-formed reply whose arrays are object arrays holding pickled objects: "
                          "refused by dtype, never unpickled."),

    dict(name="forged_deep_json", exercise=EXERCISE, overrides=forged("""
            head = b"[" * 500000 + b"]" * 500000
            payload = struct.pack(">I", len(head)) + head
        """), description="A header nested 500 000 deep: the JSON parser's recursion must not escape as a "
                          "grader error."),

    dict(name="forged_huge_array", exercise=EXERCISE, overrides=forged("""
            payload = _raw_reply({"ok": True, "value": [0, 1]},
                                 [["<f8", [2**40]], ["<f8", [2**32, 2**32]]],
                                 [_npy_header_only((2**40,)), _npy_header_only((2**32, 2**32))])
        """), description="Arrays declared as 8 TiB, and with a shape whose size overflows 64 bits, with no "
                          "data: the size is checked against the bytes received before anything is "
                          "allocated."),

    dict(name="forged_huge_frame", exercise=EXERCISE, overrides=rnn(helpers=FORGE, code="""
        def elman_forward(*args, **kwargs):
            _write_all(struct.pack(">Q", 2**62) + b"{" * 4096)
            os._exit(0)
        """), description="A frame that announces 4 EiB: refused by its length."),

    dict(name="forged_mutation_paths", exercise=EXERCISE, overrides=forged("""
            H = params["W_hh"].shape[0]
            mutated = [[["__class__"], 0], [[0, 0], 0], [[1, "params"], 2], [[1, "params", "W_hh"], 3],
                       [[], 0], ["ab", 0], [[0, 99999], 0], [None, None], 5, [[1, "params", "b_h"], 4],
                       [[1, "params", "b_y", 0, 0, 0], 0], [[1, "output"], 0], [[0, 0, "x"], 99]]
            payload = WIRE.encode_reply({"ok": True, "value": [0, 1], "mutated": mutated},
                                        [ys, hs, np.zeros(3), np.zeros((H, H)), np.zeros(H, np.int8)])
        """), description="A valid reply of wrong values whose write-back list names nonsense paths, wrong "
                          "types and out-of-range arrays: ignored entry by entry."),

    dict(name="forged_reply_desync", exercise=EXERCISE, overrides=rnn(helpers=FORGE, code="""
        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            _frame(WIRE.encode_reply({"ok": True, "value": [0, 1], "mutated": []}, [ys, hs]))
            return _wrong(xs[::-1], params)          # its real reply answers the next call
        """), description="Writes an extra reply before its real one, so every later reply answers the "
                          "previous call: replies out of step are no better than wrong ones."),

    dict(name="reply_spam_thread", exercise=EXERCISE, overrides=rnn(helpers=FORGE, code="""
        _threads = []

        def _spam():
            while True:
                try:
                    _write_all(os.urandom(4096))
                except OSError:
                    return

        def elman_forward(xs, params, *args, **kwargs):
            if not _threads:
                _threads.append(threading.Thread(target=_spam, daemon=True))
                _threads[0].start()
            return _wrong(xs, params)
        """), description="A thread that keeps writing random bytes into the reply pipe."),
]
