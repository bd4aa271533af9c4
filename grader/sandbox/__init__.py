"""Run a submission's code in a separate, confined child process.

``Sandbox`` owns one child per submission: it starts it, sends it the submission's
files, asks it to import modules and call functions, enforces the budgets
(``grader.config.Limits``) and restarts it after a crash. What comes back is decoded
without unpickling. ``StudentImplementation`` (in ``.proxy``) turns the sandbox into an
implementation object that the properties can call.

The package, by concern:

- ``isolation``: how the child is confined on this machine (``sandbox_mode``) and what it
  may see, the one place for that policy; cgroups, namespaces;
- ``process``: starting a child, draining its output, ending it; the prestarted spare;
- ``channel``: ``Sandbox``, the pipelined requests and the per-exercise budgets;
- ``proxy``: the properties' view of a sandbox (planned calls, stand-ins, write-back);
- ``_wire`` (the bytes between grader and child), ``_child`` (the child's own code, run
  by a bare ``python -I``), ``_uid`` (ending a submission's uid without namespaces).
"""

from .channel import Lost, Sandbox, call_payload, call_request, end_all
from .isolation import cgroups_available, isolation_available, isolation_warning, sandbox_mode
from .process import prestart

__all__ = ["Sandbox", "Lost", "call_payload", "call_request", "prestart", "end_all",
           "isolation_available", "isolation_warning", "cgroups_available", "sandbox_mode"]
