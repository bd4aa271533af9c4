"""The bytes that cross the process boundary between the grader and a child.

Every message is a frame: an 8-byte big-endian length, then the payload.
Grader -> child payloads are pickles (the grader is trusted). Child -> grader
payloads can never run code when read: a JSON header, then numpy ``.npy``
blobs that are loaded with ``allow_pickle=False``::

    [4-byte header length][JSON header][blob 0][blob 1]...
    header = {"blobs": [len0, len1, ...], ...message fields...}

This file is imported by the grader as ``grader.sandbox._wire`` and by the child
as ``_wire`` (the child cannot import the grader package).
"""

import io
import json
import math
import os
import pickle
import struct

import numpy as np

__all__ = ["send_frame", "recv_frame", "encode_reply", "decode_reply", "encode_request",
           "decode_request", "WireError", "MAX_FRAME"]

MAX_FRAME = 64 * 2**20
"""The largest reply the grader reads: 64 MiB."""

_LEN = struct.Struct(">Q")
_HLEN = struct.Struct(">I")


class WireError(Exception):
    """A reply that breaks the protocol (too large, malformed, not a plain numeric array)."""


def send_frame(fd, payload):
    """Write one frame to a file descriptor."""
    data = _LEN.pack(len(payload)) + payload
    view = memoryview(data)
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


def encode_reply(header, arrays=()):
    """Child -> grader: a JSON-able header and plain numeric arrays."""
    blobs = []
    for a in arrays:
        buf = io.BytesIO()
        np.save(buf, a, allow_pickle=False)
        blobs.append(buf.getvalue())
    head = json.dumps({**header, "blobs": [len(b) for b in blobs]}).encode()
    return _HLEN.pack(len(head)) + head + b"".join(blobs)


def _load_npy(blob):
    """A plain array from .npy bytes whose header must describe exactly the bytes that follow.

    The declared shape is checked before numpy allocates anything: a forged header
    claiming terabytes must not make the grader try to allocate them.
    """
    f = io.BytesIO(blob)
    version = np.lib.format.read_magic(f)
    if version not in ((1, 0), (2, 0)):
        raise ValueError(f".npy version {version} is not accepted")
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _, dtype = read_header(f)
    if dtype.hasobject:
        raise ValueError("object arrays are not accepted")
    if math.prod(shape) * dtype.itemsize != len(blob) - f.tell():
        raise ValueError(f"an array of shape {shape} and dtype {dtype} does not match its {len(blob) - f.tell()} bytes")
    f.seek(0)
    return np.load(f, allow_pickle=False)


def decode_reply(payload):
    """Grader side of encode_reply: (header dict, list of np.ndarray). Never unpickles.

    Anything malformed, including JSON nested too deep to parse, is a WireError.
    """
    try:
        (n,) = _HLEN.unpack_from(payload)
        header = json.loads(payload[_HLEN.size:_HLEN.size + n])
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        offset, arrays = _HLEN.size + n, []
        for size in header.get("blobs", []):
            if not isinstance(size, int) or size < 0 or offset + size > len(payload):
                raise ValueError("bad blob length")
            arrays.append(_load_npy(payload[offset:offset + size]))
            offset += size
    except (ValueError, TypeError, struct.error, OSError, EOFError, RecursionError, MemoryError) as exc:
        raise WireError(f"malformed reply from the child: {type(exc).__name__}: {str(exc)[:200]}") from None
    return header, arrays
