"""The class gradebook: every submission's result in SQLite (``OUT/gradebook.sqlite``), as it completes.

One file, no server. Each result is written in one transaction, so a grading that is
killed (or a machine that stops) leaves every finished submission recorded and none
half-recorded; the same command then grades only what is missing.

A submission is up to date when the gradebook holds it with the same *content hash*
(what was read from disk, see ``grader.load.content_hash``) and the same *settings
hash* (the course settings, and the versions of the grader, Hypothesis and numpy).
Otherwise it is graded again.

Tables:

- ``meta``: the schema version;
- ``settings``: every settings hash used, with the settings and the versions of the grader,
  Hypothesis and numpy (JSON);
- ``submissions``: one row per student: path, hashes, points, error and the whole
  ``SubmissionResult`` as JSON (what reports are rebuilt from);
- ``checks``: one row per student and check: status, points, mechanism, hint, message
  (for queries such as "which checks does the class fail?").
"""

import datetime
import hashlib
import json
import os
import sqlite3

import hypothesis
import numpy as np

from . import __version__, messages
from .errors import UsageError
from .install import code_hash
from .results import SubmissionResult

__all__ = ["Gradebook", "settings_hash", "FILE_NAME"]

FILE_NAME = "gradebook.sqlite"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    hash TEXT PRIMARY KEY,
    grader_version TEXT NOT NULL,
    settings TEXT NOT NULL              -- JSON: {"settings": Settings.to_dict(), "grader", "hypothesis", "numpy": versions}
);
CREATE TABLE IF NOT EXISTS submissions (
    name TEXT PRIMARY KEY,              -- the student id
    path TEXT NOT NULL,                 -- where the submission was read from
    content_hash TEXT NOT NULL,         -- sha256 of what was read: a change means a regrade
    settings_hash TEXT NOT NULL REFERENCES settings(hash),
    grader_version TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    error TEXT NOT NULL,                -- why it could not be graded at all, else ''
    graded_at TEXT NOT NULL,            -- UTC, ISO 8601
    result TEXT NOT NULL                -- JSON of SubmissionResult.to_dict()
);
CREATE TABLE IF NOT EXISTS checks (
    submission TEXT NOT NULL REFERENCES submissions(name) ON DELETE CASCADE,
    check_id TEXT NOT NULL,             -- "rnn.elman_forward::causality"
    exercise TEXT NOT NULL,
    status TEXT NOT NULL,               -- passed, failed, error, crashed, not_implemented, grader_error
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    mechanism TEXT NOT NULL,
    hint TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (submission, check_id)
);
"""


def _grading(settings):
    """What a result depends on besides the submission: the settings and the versions that generate cases."""
    return {"settings": settings.to_dict(), "grader": __version__, "code": code_hash(),
            "hypothesis": hypothesis.__version__, "numpy": np.__version__}


def settings_hash(settings):
    """The sha256 of the settings, of the grader's and the reference's code, and of Hypothesis' and numpy's
    versions.

    A result graded under another hash is out of date: the same versions and settings
    generate the same cases, hence the same verdicts, on every machine.
    """
    return hashlib.sha256(json.dumps(_grading(settings), sort_keys=True).encode()).hexdigest()


class Gradebook:
    """The gradebook at ``path`` (created when missing); use as a context manager.

    Raises UsageError when the file exists but is not a gradebook of this grader.
    """

    def __init__(self, path):
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
            with self._transaction():
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            (version,) = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"gradebook={path}: cannot be used as a gradebook ({exc}); move it away, "
                                  f"or choose another --out") from None
        if version != SCHEMA_VERSION:
            self._db.close()
            raise UsageError(f"gradebook={path}: schema version {version}, this grader writes "
                                  f"{SCHEMA_VERSION}; grade into a new --out folder")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._db.close()

    def _transaction(self):
        return _Transaction(self._db)

    def is_current(self, name, *, content_hash, settings_hash):
        """True when ``name`` is recorded with these hashes (nothing to grade again)."""
        row = self._db.execute("SELECT content_hash, settings_hash FROM submissions WHERE name = ?",
                               (name,)).fetchone()
        return row == (content_hash, settings_hash)

    def record(self, result, *, path, content_hash, settings, settings_hash):
        """Record one SubmissionResult (replacing any earlier one of the same name), in one transaction."""
        checks = [(result.name, c.id, c.exercise, c.status, c.points, c.max_points, messages.mechanism(c.id),
                   messages.hint(c.id, c.hint_key) if c.hint_key else "", messages.describe(c.message))
                  for c in result.checks]   # in English, for queries; the result's JSON keeps the keys
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO settings VALUES (?, ?, ?)",
                             (settings_hash, __version__, json.dumps(_grading(settings), sort_keys=True)))
            self._db.execute("DELETE FROM checks WHERE submission = ?", (result.name,))
            self._db.execute("INSERT OR REPLACE INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (result.name, os.path.abspath(path), content_hash, settings_hash, __version__,
                              result.points, result.max_points, result.error, now,
                              json.dumps(result.to_dict(), sort_keys=True)))
            self._db.executemany("INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", checks)

    def results(self, names=None):
        """The recorded SubmissionResults, by name; only those in ``names`` when given."""
        rows = self._db.execute("SELECT name, result FROM submissions ORDER BY name").fetchall()
        wanted = None if names is None else set(names)
        return [SubmissionResult.from_dict(json.loads(text)) for name, text in rows
                if wanted is None or name in wanted]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception (the connection is in autocommit mode)."""

    def __init__(self, db):
        self._db = db

    def __enter__(self):
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, *rest):
        self._db.execute("ROLLBACK" if kind else "COMMIT")
