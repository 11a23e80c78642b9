"""`edugraph serve`: the back end chosen, checked at start-up, and the app run by uvicorn."""
from __future__ import annotations

import socket

from ..errors import UsageError
from ..project import Project
from .backend import Backend, Embedded, Endpoint, Limits


def backend_for(project: Project, endpoint: str | None, limits: Limits, memory: bool = False) -> Backend:
    """The endpoint, once it has answered a query (QueryError otherwise), or the built dataset in Oxigraph.

    The built dataset is the on-disk store of dist/ (opened in milliseconds),
    or with `memory` the dataset loaded into memory (seconds to start, pages
    that read much of the graph several times faster).
    """
    if endpoint:
        backend = Endpoint(endpoint, limits)
        backend.check()
        return backend
    from ..build import load_store

    return Embedded(load_store(project, memory=memory), limits)


def check_port(host: str, port: int) -> None:
    """UsageError when the address cannot be bound (in use, or not an address of this machine)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise UsageError(f"edugraph serve: cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def run(app, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
