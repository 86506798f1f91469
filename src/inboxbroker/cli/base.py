"""What every command shares: the error-to-exit-code wrapper, the lazily loaded context, JSON Lines output."""

from __future__ import annotations

import functools
import getpass
import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from inboxbroker.errors import InboxBrokerError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn our exceptions into ``Error: …`` and the exit codes of DESIGN.md §5."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InboxBrokerError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


class Context:
    """Lazily loaded settings and store, shared by the subcommands of one invocation."""

    def __init__(self, config_path: str | None, verbose: int) -> None:
        self.config_path = config_path
        self.verbose = verbose
        self.actor: str | None = None  # `drafts --as NAME`: who acts, recorded in the audit
        self._settings: Any = None

    @property
    def settings(self) -> Any:
        if self._settings is None:
            from inboxbroker.settings.config import find_config_path, load_config

            self._settings = load_config(find_config_path(self.config_path))
            if not self.verbose:  # -v on the command line wins over the file
                logging.getLogger().setLevel(self._settings.runtime.log_level.upper())
        return self._settings

    def open_store(self) -> Any:
        from inboxbroker.store.ledger import Store

        store = Store.open(self.settings.store.url)
        store.use_state_dir(self.settings.runtime.state_dir)
        return store


pass_ctx = click.make_pass_decorator(Context)

# On a group (``drafts --as NAME approve``) and on each command that acts (``drafts approve --as NAME``): both
# orders are typed, and the command's wins.
AS_OPTION = click.option(
    "--as", "actor", default=None, metavar="NAME", help="Who acts (default: your login name)."
)


def acting_user(ctx: Context, actor: str | None = None) -> str:
    """Who acts, for the audit: the command's ``--as``, the group's, else the login name."""
    return actor or ctx.actor or login_name()


def login_name() -> str:
    """Who acts when no ``--as NAME`` says: the login name, recorded in the audit."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers: say so rather than guess one
        raise UsageError("cannot tell who you are: pass --as NAME") from None


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))
