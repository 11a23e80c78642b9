"""The errors a user can cause: every one is shown as one line and exits 2.

This module sits below every other edugraph module, so library code raises
these without importing the command line; `cli.main` is the one place that
turns them into a message and an exit code.
"""
from __future__ import annotations


class EdugraphError(Exception):
    """An expected failure caused by input or arguments: one line for the user, exit 2."""


class UsageError(EdugraphError):
    """A bad argument or option."""


class InputError(EdugraphError):
    """A source file cannot be read; the message names the file and line."""


class ProjectNotFound(EdugraphError):
    """No edugraph checkout (a folder with ontology/edugraph.ttl) was found."""


class QueryError(EdugraphError):
    """A query cannot run: unknown name, bad or missing parameter, syntax error, unreachable endpoint."""
