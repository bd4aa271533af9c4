"""The bytes that cross the process boundary between the grader and a child.

Every message is a frame: an 8-byte big-endian length, then the payload.
Grader -> child payloads are pickles (the grader is trusted). Child -> grader
payloads can never run code when read: a JSON header, then the raw bytes of
plain numeric arrays, rebuilt with ``np.frombuffer`` from a dtype on an allow
list and a shape whose size must match the bytes::

    [4-byte header length][JSON header][bytes of array 0][bytes of array 1]...
    header = {"arrays": [[dtype, shape], ...], ...message fields...}

This file is imported by the grader as ``grader.sandbox._wire`` and by the child
as ``_wire`` (the child cannot import the grader package).
"""

import json
import math
import os
import pickle
import struct

import numpy as np

__all__ = ["frame", "send_frame", "recv_frame", "encode_reply", "decode_reply", "encode_request",
           "decode_request", "decode_tree", "WireError", "MAX_FRAME", "MAX_HEADER"]

MAX_FRAME = 64 * 2**20
"""The largest reply the grader reads: 64 MiB."""
MAX_HEADER = 2**20
"""A reply's JSON header (structure, error texts) is small; only arrays may make a reply large."""

_LEN = struct.Struct(">Q")
_HLEN = struct.Struct(">I")


class WireError(Exception):
    """A reply that breaks the protocol (too large, malformed, not a plain numeric array)."""


def frame(payload):
    """The bytes of one frame: the payload's length, then the payload."""
    return _LEN.pack(len(payload)) + payload


def send_frame(fd, payload):
    """Write one frame to a (blocking) file descriptor."""
    view = memoryview(frame(payload))
    while view:
        n = os.write(fd, view)
        view = view[n:]


def recv_frame(read_exactly):
    """Read one frame with ``read_exactly(n) -> bytes``; raise WireError if it is too large."""
    (n,) = _LEN.unpack(read_exactly(_LEN.size))
    if n > MAX_FRAME:
        raise WireError(f"reply of {n} bytes exceeds the {MAX_FRAME}-byte limit")
    return read_exactly(n)


def encode_request(message):
    """Grader -> child."""
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def decode_request(payload):
    """Child side of encode_request."""
    return pickle.loads(payload)


DTYPES = frozenset(np.dtype(t).str for t in ("f8", "f4", "f2", "i8", "i4", "i2", "i1", "u8", "u4", "u2",
                                                 "u1", "b1"))
"""The only dtypes a reply may carry."""


def encode_reply(header, arrays=()):
    """Child -> grader: a JSON-able header and plain numeric arrays."""
    head = json.dumps({**header, "arrays": [[a.dtype.str, list(a.shape)] for a in arrays]}).encode()
    return _HLEN.pack(len(head)) + head + b"".join(a.tobytes(order="C") for a in arrays)


def decode_tree(tree, arrays, depth=0):
    """A value from its JSON tree, whose arrays are carried apart (a reply's, or a case file's).

    Leaves are None, booleans, numbers and strings; {"a": i} is arrays[i], {"s": i} its
    scalar, {"b": i} its bytes; {"l": [...]} a list, {"t": [...]} a tuple, {"d": [[key,
    value], ...]} a dict (keys are trees too), {"j": x} the plain JSON value x. Anything
    else, an index out of range or nesting deeper than 64, is a WireError.
    """
    if tree is None or isinstance(tree, (bool, int, float, str)):
        return tree
    if depth > 64 or not isinstance(tree, dict) or len(tree) != 1:
        raise WireError("malformed value tree")
    (kind, item), = tree.items()
    if kind in ("a", "s", "b"):
        if not isinstance(item, int) or isinstance(item, bool) or not 0 <= item < len(arrays):
            raise WireError("malformed value tree: no such array")
        array = arrays[item]
        return array if kind == "a" else array[()] if kind == "s" else array.tobytes()
    if kind in ("l", "t") and isinstance(item, list):
        items = [decode_tree(v, arrays, depth + 1) for v in item]
        return items if kind == "l" else tuple(items)
    if kind == "d" and isinstance(item, list) and all(isinstance(p, list) and len(p) == 2 for p in item):
        try:
            return {decode_tree(k, arrays, depth + 1): decode_tree(v, arrays, depth + 1) for k, v in item}
        except TypeError:   # an unhashable key
            raise WireError("malformed value tree: a key that is not a plain value") from None
    if kind == "j":
        return item
    raise WireError(f"malformed value tree: {kind!r}")


def decode_reply(payload):
    """Grader side of encode_reply: (header dict, list of np.ndarray). Never unpickles.

    Anything malformed, including JSON nested too deep to parse, is a WireError.
    """
    try:
        (n,) = _HLEN.unpack_from(payload)
        if n > MAX_HEADER:
            raise ValueError(f"a header of {n} bytes exceeds the {MAX_HEADER}-byte limit")
        header = json.loads(payload[_HLEN.size:_HLEN.size + n].decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        offset, arrays = _HLEN.size + n, []
        for dtype, shape in header.get("arrays", []):
            if dtype not in DTYPES or not isinstance(shape, list) or \
                    not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
                raise ValueError(f"an array of dtype {dtype!r} and shape {shape!r} is not accepted")
            count = math.prod(shape)   # Python ints: a forged huge shape cannot overflow
            size = count * np.dtype(dtype).itemsize
            if offset + size > len(payload):
                raise ValueError(f"an array of shape {shape} needs {size} bytes; the reply is shorter")
            arrays.append(np.frombuffer(payload, dtype, count, offset).reshape(shape).copy())
            offset += size
    except (ValueError, TypeError, struct.error, OverflowError, RecursionError, MemoryError) as exc:
        raise WireError(f"malformed reply from the child: {type(exc).__name__}: {str(exc)[:200]}") from None
    return header, arrays
