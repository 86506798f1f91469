"""``inboxbroker init``: write a starter config and create (migrate) the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from inboxbroker.errors import UsageError


def initialise(target: Path, *, force: bool, config_path: str | None) -> Iterator[str]:
    from inboxbroker.settings.config import find_config_path, load_config, mask_url, starter_config
    from inboxbroker.store.ledger import Store

    existing = find_config_path(config_path)
    if config_path is None:
        if target.exists() and not force:
            raise UsageError(
                f"{target} already exists; use --force to overwrite it, or --path to write elsewhere"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(starter_config(), encoding="utf-8")
        yield f"Wrote {target}: fill in [imap] and [smtp]; secrets go in environment variables."
        existing = target
    settings = load_config(existing)
    with Store.open(settings.store.url) as store:
        yield f"Database ready ({store.dialect}): {mask_url(settings.store.url)}"
    yield "Next: `inboxbroker check` to test the connections, then `inboxbroker run`."
