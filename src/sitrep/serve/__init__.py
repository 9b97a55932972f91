"""sitrep's web server: the JSON API under /api/v1 and the dashboard pages.

>>> from sitrep.store import Store                       # doctest: +SKIP
>>> from sitrep.serve import create_app, serve           # doctest: +SKIP
>>> serve(Store("sitrep.db"), port=8000)                 # doctest: +SKIP
"""

from __future__ import annotations

import ipaddress

from sitrep.serve.app import ServeSettings, create_app
from sitrep.store.db import Store

__all__ = ["ServeSettings", "create_app", "is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    settings: ServeSettings | None = None,
) -> None:
    """Run the server with uvicorn until interrupted.

    Reads stay open only on a loopback address: bound to anything else, the server asks for a
    token (or a logged-in session) for reads too, unless ``settings`` says otherwise.
    """
    import uvicorn

    if settings is None:
        settings = ServeSettings(read_requires_token=not is_loopback(host))
    uvicorn.run(create_app(store, settings=settings), host=host, port=port, log_level="info")
