"""Settings for the coordinators' review web page: the ``[web]`` table.

Declared like every other setting; ``config.py`` puts it into ``Settings``. The key that signs session
cookies is never in the file: it comes from an environment variable named here, or else from a file that
``inboxbroker serve`` generates once in ``runtime.state_dir`` (readable by its owner only), so restarting
the server does not log everyone out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inboxbroker.settings.values import check_env_name, check_host
from inboxbroker.settings.walker import meta


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    """The ``[web]`` table: ``inboxbroker serve``."""

    host: str = field(
        default="127.0.0.1",
        metadata=meta(
            "Address to listen on; the default answers this machine only. Put a TLS proxy in front of it.",
            check=check_host,
        ),
    )
    port: int = field(default=8080, metadata=meta("Port to listen on.", minimum=1, maximum=65535))
    behind_tls: bool = field(
        default=False,
        metadata=meta("Set when a reverse proxy serves the page over HTTPS: cookies are then marked Secure."),
    )
    secret_key_env: str | None = field(
        default=None,
        metadata=meta(
            "Name of the environment variable holding the key that signs session cookies; "
            "without it a key is generated once into <state_dir>/web-secret-key.",
            check=check_env_name,
            hide_value=True,
            example='"INBOXBROKER_WEB_SECRET"',
        ),
    )
    session_hours: float = field(
        default=12.0,
        metadata=meta("How long a log-in lasts, in hours.", minimum=0.1, maximum=24 * 31),
    )
    threads: int = field(default=4, metadata=meta("Requests served at once.", minimum=1, maximum=64))
