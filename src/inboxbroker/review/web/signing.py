"""The key that signs session cookies: from the environment, or generated once and kept in the state folder.

A key made fresh at every start would log everyone out on each restart, and one written in the config file
would sit next to everything else a backup copies; a file of its own, readable by its owner only, is neither.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from inboxbroker.errors import ConfigError
from inboxbroker.settings.config import Settings

KEY_FILE = "web-secret-key"
MIN_KEY_CHARS = 32


def session_key(settings: Settings, env: dict[str, str] | None = None) -> str:
    environ = os.environ if env is None else env
    name = settings.web.secret_key_env
    if name:
        value = environ.get(name, "")
        if len(value) < MIN_KEY_CHARS:
            state = "is not set" if not value else f"is shorter than {MIN_KEY_CHARS} characters"
            raise ConfigError(
                "web.secret_key_env",
                f"${name} {state}; put a long random value in it (python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')",
            )
        return value
    return _key_file(settings.runtime.state_dir / KEY_FILE)


def _key_file(path: Path) -> str:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        # O_EXCL: two servers starting at once both end up with the key that was written first.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < MIN_KEY_CHARS or path.stat().st_mode & 0o077:
        raise ConfigError(
            "web.secret_key_env",
            f"{path} is too short or readable by others; delete it and a new key is made at the next start",
        )
    return key
