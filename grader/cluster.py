"""Grading on a Dask cluster, safely: the course's TLS certificates, and a client that never waits for ever.

A Dask scheduler runs whatever task it is sent, on workers that run student code. Without
authentication, any user who can reach its port can run code on every worker (as root,
when workers run as root for the full sandbox). ``make_certificates`` writes a course's
own certificate authority and one certificate signed by it; the scheduler, the workers
and the grader all present it (mutual TLS), so only those who hold the course's files can
connect. The files are Dask's own TLS options (``--tls-ca-file``, ``--tls-cert``,
``--tls-key``); see the README's Dask section.

Needs the ``dask`` extra (``distributed`` and ``cryptography``).
"""

import datetime
import ipaddress
import os
import socket
import time

from .errors import InfrastructureError, SubmissionError

__all__ = ["make_certificates", "security", "connect", "completed", "CA_FILE", "CERT_FILE", "KEY_FILE", "NO_WORKER_S"]

CA_FILE, CERT_FILE, KEY_FILE = "ca.pem", "course.pem", "course.key"
NO_WORKER_S = 120.0
"""Seconds the grader waits with no live worker (at the start, or when they all died) before it gives up."""


def make_certificates(*, out, hosts=(), days=365):
    """Write a new certificate authority and a course certificate into the folder out; return its path.

    - hosts: names and addresses of the scheduler and workers, put in the certificate (Dask
      checks the authority, not the names; they are there for other tools); localhost always
    - days: how long the certificates are valid
    out/ca.pem is the authority's certificate; out/course.pem and out/course.key (mode 0600)
    are what every party presents. The authority's own key is not kept: no one can sign another.
    Refuses to overwrite existing files.
    """
    x509, hashes, serialization, ec, NameOID = _crypto()
    os.makedirs(out, mode=0o700, exist_ok=True)
    existing = [n for n in (CA_FILE, CERT_FILE, KEY_FILE) if os.path.exists(os.path.join(out, n))]
    if existing:
        raise SubmissionError(f"out={out!r} already holds {', '.join(existing)}: choose an empty folder")
    now = datetime.datetime.now(datetime.timezone.utc)
    valid = dict(not_valid_before=now - datetime.timedelta(minutes=5),
                 not_valid_after=now + datetime.timedelta(days=days))
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rnn-grader course authority")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(valid["not_valid_before"])
          .not_valid_after(valid["not_valid_after"])
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rnn-grader course")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid["not_valid_before"]).not_valid_after(valid["not_valid_after"])
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    _write(os.path.join(out, CA_FILE), ca.public_bytes(pem), 0o644)
    _write(os.path.join(out, CERT_FILE), cert.public_bytes(pem), 0o600)
    _write(os.path.join(out, KEY_FILE), key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()), 0o600)
    return os.path.abspath(out)


def _crypto():
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        raise SubmissionError("making certificates needs the dask extra: pip install -e '.[dask]'") from None
    return x509, hashes, serialization, ec, NameOID


def _write(path, data, mode):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with open(fd, "wb") as f:
        f.write(data)


def security(folder):
    """Dask's Security for a folder made by ``make_certificates``, in any role (the grader's client, a
    scheduler, a worker): mutual TLS, encryption required."""
    from distributed import Security

    paths = {name: os.path.join(folder, name) for name in (CA_FILE, CERT_FILE, KEY_FILE)}
    missing = [p for p in paths.values() if not os.path.isfile(p)]
    if missing:
        raise SubmissionError(f"tls={folder!r}: {', '.join(missing)} not found; make the course's files with "
                              f"python -m grader certificates --out {folder}")
    roles = {f"tls_{role}_{part}": paths[name] for role in ("client", "scheduler", "worker")
             for part, name in (("cert", CERT_FILE), ("key", KEY_FILE))}
    return Security(tls_ca_file=paths[CA_FILE], require_encryption=True, **roles)


def connect(scheduler, *, tls=None, timeout=NO_WORKER_S):
    """A Dask Client of the scheduler at this address, once at least one worker is alive.

    - tls: the folder of the course's certificates (``make_certificates``), or None (an open scheduler:
      only on a machine whose other users are trusted)
    Raises InfrastructureError when the scheduler cannot be reached or no worker joins within timeout.
    """
    try:
        from distributed import Client
    except ImportError:
        raise SubmissionError(f"scheduler={scheduler!r} needs Dask's distributed: pip install -e '.[dask]'") from None
    if tls is None and scheduler.startswith("tls://"):
        raise SubmissionError(f"scheduler={scheduler!r} uses TLS: give the course's certificates with --tls DIR")
    kwargs = {"security": security(tls)} if tls else {}
    if tls and not scheduler.startswith("tls://"):
        scheduler = "tls://" + scheduler.split("://", 1)[-1]
    try:
        client = Client(scheduler, timeout=f"{min(timeout, 30.0)}s", **kwargs)
    except (OSError, TimeoutError, socket.error) as exc:
        raise InfrastructureError(f"the Dask scheduler at {scheduler} cannot be reached ({exc}); is it running, "
                                  f"and with the same certificates?") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError):
        client.close()
        raise InfrastructureError(f"no Dask worker joined the scheduler at {scheduler} within {timeout:g} s: "
                                  f"start workers (see the README's Dask section)") from None
    return client


def completed(client, futures, *, timeout=NO_WORKER_S):
    """Yield the futures as they complete; InfrastructureError when no worker has been alive for timeout
    seconds while some are still pending (every worker died: the scheduler would wait for ever)."""
    from distributed import as_completed

    pending = as_completed(futures)
    alone_since = None
    while not pending.is_empty():
        batch = pending.next_batch(block=False)
        if batch:
            alone_since = None
            yield from batch
            continue
        if client.scheduler_info().get("workers"):
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > timeout:
            raise InfrastructureError(f"every Dask worker has been gone for {timeout:g} s with "
                                      f"{pending.count()} submissions still to grade: start workers, then run "
                                      f"the same command again")
        time.sleep(0.1)
