"""``inboxbroker init``: write a starter config and create (migrate) the database."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

from inboxbroker.errors import UsageError


def initialise(target: Path, *, force: bool, config_path: str | None) -> Iterator[str]:
    from inboxbroker.settings.config import find_config_path, load_config, mask_url, starter_config
    from inboxbroker.store.ledger import Store

    existing = find_config_path(config_path)
    shown = Path(config_path) if config_path is not None else existing  # as the user would type it
    if config_path is None:
        if target.exists() and not force:
            raise UsageError(
                f"{target} already exists; use --force to overwrite it, or --path to write elsewhere"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(starter_config(), encoding="utf-8")
        yield f"Wrote {target}: fill in [imap] and [smtp]; secrets go in environment variables."
        existing = shown = target
    settings = load_config(existing)
    with Store.open(settings.store.url) as store:
        yield f"Database ready ({store.dialect}): {mask_url(settings.store.url)}"
    command = "inboxbroker" + _config_option(existing, shown)
    yield f"Next: `{command} check` to test the connections, then `{command} run`."


def _config_option(used: Path | None, shown: Path | None) -> str:
    """`` --config PATH`` when a command without it would not find the config just used, else nothing."""
    from inboxbroker.settings.config import find_config_path

    found = find_config_path(None)  # $INBOXBROKER_CONFIG, else ./inboxbroker.toml
    if used is None or shown is None or (found is not None and found.resolve() == used.resolve()):
        return ""
    return f" --config {shlex.quote(str(shown))}"
