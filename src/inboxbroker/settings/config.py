"""Every setting, declared once: frozen dataclasses whose fields carry default and help, and the TOML loader.

The fields drive validation (``config_schema.load_table``), the reference (``settings_reference``) and
the masked view for ``inboxbroker check`` (``masked``); a test keeps ``config.example.toml`` in step.
Secrets are not resolved here: settings only say *where* a secret comes from (``inboxbroker.settings.credentials``
fetches it when connecting), except the explicit ``password`` opt-in.
"""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from inboxbroker.errors import ConfigError
from inboxbroker.settings.answering import CalDavCalendar, DraftingSettings, Interviewer, SchedulingSettings
from inboxbroker.settings.retention import RetentionSettings
from inboxbroker.settings.sending import SendSettings
from inboxbroker.settings.values import (
    WorkingWindow,
    check_action,
    check_command,
    check_credentials,
    check_env_name,
    check_folders,
    check_from_address,
    check_host,
    check_log_level,
    check_store_url,
    check_unique,
    mask_url,
)
from inboxbroker.settings.walker import LoadContext, join, load_table, meta, plain, reference
from inboxbroker.settings.web import WebSettings

log = logging.getLogger(__name__)

__all__ = [
    "CalDavCalendar",
    "DraftingSettings",
    "ImapAccount",
    "Interviewer",
    "LimitSettings",
    "RuntimeSettings",
    "SchedulingSettings",
    "SendSettings",
    "Settings",
    "SmtpSettings",
    "StoreSettings",
    "TriageSettings",
    "WatchSettings",
    "WebSettings",
    "WorkingWindow",
    "find_config_path",
    "load_config",
    "mask_url",
    "masked",
    "parse_config",
    "settings_reference",
    "starter_config",
]

CONFIG_ENV = "INBOXBROKER_CONFIG"
DEFAULT_CONFIG_NAME = "inboxbroker.toml"
MiB = 1024 * 1024

Security = Literal["tls", "starttls", "none"]

_INSECURE = 'also accepts self-signed or mismatched certificates, and is required for security = "none"'
_PASSWORD_ENV = "Name of the environment variable holding the password (not the password itself)."
_PASSWORD_COMMAND = (
    "Command printing the password on stdout (run without a shell, 30 s limit), e.g. pass show …."
)
_PASSWORD = "The password in plain text; only with allow_plaintext_password = true. Prefer password_env."
_ALLOW_PLAIN = "Accept a plain-text password in this file (a warning is logged on every load)."
_OAUTH2 = "Command printing an OAuth 2 access token; logs in with XOAUTH2 instead of a password."


@dataclass(frozen=True, kw_only=True)
class ImapAccount:
    """One mailbox to watch: the ``[imap]`` table, or each ``[[imap]]`` entry."""

    name: str = field(
        default="", metadata=meta("Short unique name used in logs and locks.", shown="username@host")
    )
    host: str = field(metadata=meta("IMAP server host name.", check=check_host, example='"imap.example.org"'))
    port: int = field(
        default=993, metadata=meta("IMAP port.", minimum=1, maximum=65535, shown="993 for tls, 143 otherwise")
    )
    security: Security = field(default="tls", metadata=meta("tls (implicit TLS), starttls, or none."))
    insecure: bool = field(default=False, metadata=meta(f"Skip certificate checks; {_INSECURE}."))
    username: str = field(metadata=meta("Login name.", example='"interviews@example.org"'))
    password_env: str | None = field(
        default=None, metadata=meta(_PASSWORD_ENV, check=check_env_name, hide_value=True)
    )
    password_command: str | None = field(default=None, metadata=meta(_PASSWORD_COMMAND, check=check_command))
    password: str | None = field(default=None, repr=False, metadata=meta(_PASSWORD, secret=True))
    allow_plaintext_password: bool = field(default=False, metadata=meta(_ALLOW_PLAIN))
    oauth2_token_command: str | None = field(default=None, metadata=meta(_OAUTH2, check=check_command))
    folders: tuple[str, ...] = field(
        default=("INBOX",), metadata=meta("Folders to read.", check=check_folders, example='["INBOX"]')
    )
    batch_size: int = field(
        default=200, metadata=meta("Messages fetched per round trip.", minimum=1, maximum=5000)
    )
    since_days: int = field(
        default=14,
        metadata=meta("On the first run, only read mail this many days old; 0 reads everything.", minimum=0),
    )
    on_processed: str = field(
        default="flag:$InboxbrokerProcessed",
        metadata=meta(
            'After a message is stored: "none", "flag:KEYWORD" or "move:FOLDER".', check=check_action
        ),
    )
    on_quarantined: str = field(
        default="flag:$InboxbrokerQuarantined",
        metadata=meta('After a message failed: "none", "flag:KEYWORD" or "move:FOLDER".', check=check_action),
    )
    timeout_seconds: float = field(default=60.0, metadata=meta("Network timeout in seconds.", minimum=1))
    ca_file: Path | None = field(
        default=None, metadata=meta("Extra CA bundle (PEM) to trust, e.g. a company CA.")
    )
    # Where this account sits in the file ("imap" or "imap[1]"), so secret errors can name the key to fix.
    key_path: str = field(default="imap", repr=False, compare=False, metadata=meta("", internal=True))

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if "port" not in raw and values["security"] != "tls":
            values["port"] = 143
        check_credentials(values, key, login_required=True)
        if not values["name"]:
            values["name"] = f"{values['username']}@{values['host']}"
        values["key_path"] = key


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """The ``[smtp]`` table: where approved replies are sent."""

    host: str = field(metadata=meta("SMTP server host name.", check=check_host, example='"smtp.example.org"'))
    port: int = field(
        default=587, metadata=meta("SMTP port.", minimum=1, maximum=65535, shown="587, or 465 for tls")
    )
    security: Security = field(default="starttls", metadata=meta("starttls, tls (implicit TLS), or none."))
    insecure: bool = field(default=False, metadata=meta(f"Skip certificate checks; {_INSECURE}."))
    username: str | None = field(
        default=None, metadata=meta("Login name; leave out for a relay without login.")
    )
    password_env: str | None = field(
        default=None, metadata=meta(_PASSWORD_ENV, check=check_env_name, hide_value=True)
    )
    password_command: str | None = field(default=None, metadata=meta(_PASSWORD_COMMAND, check=check_command))
    password: str | None = field(default=None, repr=False, metadata=meta(_PASSWORD, secret=True))
    allow_plaintext_password: bool = field(default=False, metadata=meta(_ALLOW_PLAIN))
    oauth2_token_command: str | None = field(default=None, metadata=meta(_OAUTH2, check=check_command))
    from_: str = field(
        metadata=meta(
            "From address of replies (RFC 5322).",
            key="from",
            check=check_from_address,
            example='"Interview Programme <interviews@example.org>"',
        )
    )
    timeout_seconds: float = field(default=60.0, metadata=meta("Network timeout in seconds.", minimum=1))
    key_path: str = field(default="smtp", repr=False, compare=False, metadata=meta("", internal=True))

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if "port" not in raw and values["security"] == "tls":
            values["port"] = 465
        check_credentials(values, key, login_required=False)
        values["key_path"] = key


@dataclass(frozen=True, kw_only=True)
class StoreSettings:
    """The ``[store]`` table: the ledger database."""

    url: str = field(
        default="sqlite:///var/inboxbroker.sqlite3",
        metadata=meta(
            "Database URL: sqlite:///PATH (relative to this file) or postgresql+psycopg://USER@HOST/DB.",
            check=check_store_url,
            mask=mask_url,
            shown="sqlite:///<runtime.state_dir>/inboxbroker.sqlite3",
        ),
    )
    echo: bool = field(default=False, metadata=meta("Log every SQL statement (debugging only)."))


@dataclass(frozen=True, kw_only=True)
class RuntimeSettings:
    """The ``[runtime]`` table: where state lives and how much is logged."""

    state_dir: Path = field(
        default=Path("var"),
        metadata=meta("Folder for the database and locks; relative to this file's folder."),
    )
    lock_dir: Path = field(
        default=Path("var/locks"),
        metadata=meta("Folder for per-mailbox lock files.", shown="<state_dir>/locks"),
    )
    log_level: str = field(
        default="INFO", metadata=meta("DEBUG, INFO, WARNING or ERROR.", check=check_log_level)
    )
    processes: int = field(
        default=0,
        metadata=meta(
            "Worker processes for parsing, triage and extraction when 400 messages or more are waiting (a "
            "backlog import): 0 uses the machine's cores (at most 4), 1 keeps everything in one process.",
            minimum=0,
            maximum=64,
        ),
    )

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if "lock_dir" not in raw:
            values["lock_dir"] = values["state_dir"] / "locks"


@dataclass(frozen=True, kw_only=True)
class WatchSettings:
    """The ``[watch]`` table: the ``inboxbroker watch`` daemon."""

    idle_seconds: int = field(
        default=1740,
        metadata=meta(
            "Renew IMAP IDLE after this long; servers may drop it after 30 minutes.", minimum=1, maximum=1740
        ),
    )
    poll_seconds: int = field(
        default=300, metadata=meta("Re-poll every folder this often, IDLE or not.", minimum=1)
    )
    backoff_initial_seconds: float = field(
        default=1.0, metadata=meta("First wait before reconnecting after a failure.", minimum=0.1)
    )
    backoff_max_seconds: float = field(
        default=300.0, metadata=meta("Longest wait between reconnection attempts.", minimum=1)
    )

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if values["backoff_max_seconds"] < values["backoff_initial_seconds"]:
            raise ConfigError(
                join(key, "backoff_max_seconds"),
                f"must be at least backoff_initial_seconds ({values['backoff_initial_seconds']:g})",
            )


@dataclass(frozen=True, kw_only=True)
class TriageSettings:
    """The ``[triage]`` table: the classifier."""

    threshold: float = field(
        default=0.7,
        metadata=meta("Below this probability a request goes to needs_triage.", minimum=0, maximum=1),
    )
    possible_request: float = field(
        default=0.3,
        metadata=meta(
            "Mail labelled other whose probability of being a request is at least this goes to needs_triage "
            "too (0 turns it off).",
            minimum=0,
            maximum=1,
        ),
    )
    model_dir: Path | None = field(
        default=None,
        metadata=meta(
            "A model folder written by `inboxbroker train --out DIR`, used instead of the shipped one.",
            former_key="model_path",
        ),
    )


@dataclass(frozen=True, kw_only=True)
class LimitSettings:
    """The ``[limits]`` table: caps that keep hostile mail from exhausting the machine (DESIGN §4 rule 7)."""

    max_message_bytes: int = field(
        default=50 * MiB, metadata=meta("Larger messages are quarantined unread.", minimum=1024)
    )
    max_attachment_bytes: int = field(
        default=20 * MiB, metadata=meta("Larger attachments are kept but not parsed.", minimum=1024)
    )
    max_resume_pages: int = field(default=50, metadata=meta("Pages of a résumé read for text.", minimum=1))
    extract_timeout_seconds: float = field(
        default=20.0, metadata=meta("Time allowed to extract one attachment's text.", minimum=1)
    )
    max_attempts: int = field(
        default=3,
        metadata=meta(
            "A message whose processing was cut short (a crash, a kill) this many times is quarantined.",
            minimum=1,
        ),
    )

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if values["max_attachment_bytes"] > values["max_message_bytes"]:
            raise ConfigError(
                join(key, "max_attachment_bytes"),
                f"must not exceed max_message_bytes ({values['max_message_bytes']})",
            )


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The whole configuration; ``load_config`` builds it, nothing changes it."""

    imap: tuple[ImapAccount, ...] = field(
        default=(), metadata=meta("IMAP accounts: [imap] for one, [[imap]] for several.", one_or_many=True)
    )
    smtp: SmtpSettings | None = field(
        default=None, metadata=meta("Outgoing mail; without it nothing is sent.")
    )
    store: StoreSettings = field(default_factory=StoreSettings, metadata=meta("The ledger database."))
    runtime: RuntimeSettings = field(
        default_factory=RuntimeSettings, metadata=meta("State folder and logging.")
    )
    watch: WatchSettings = field(default_factory=WatchSettings, metadata=meta("The watch daemon."))
    triage: TriageSettings = field(default_factory=TriageSettings, metadata=meta("The classifier."))
    limits: LimitSettings = field(default_factory=LimitSettings, metadata=meta("Resource caps."))
    interviewers: tuple[Interviewer, ...] = field(default=(), metadata=meta("People who take interviews."))
    scheduling: SchedulingSettings = field(
        default_factory=SchedulingSettings, metadata=meta("Finding free slots.")
    )
    drafting: DraftingSettings = field(default_factory=DraftingSettings, metadata=meta("Drafting replies."))
    send: SendSettings = field(default_factory=SendSettings, metadata=meta("Sending approved drafts."))
    web: WebSettings = field(default_factory=WebSettings, metadata=meta("The review web page."))
    retention: RetentionSettings = field(
        default_factory=RetentionSettings, metadata=meta("How long personal data is kept.")
    )
    source_path: Path | None = field(default=None, metadata=meta("", internal=True))

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        check_unique(values["imap"], "imap", "name", "give each account its own name")
        check_unique(values["interviewers"], "interviewers", "email", "list each interviewer once")
        if values["send"].auto and values["smtp"] is None:
            raise ConfigError("send.auto", "is true, but there is no [smtp] table to send through; add one")
        sent_account = values["send"].sent_account
        if sent_account is not None and sent_account not in {a.name for a in values["imap"]}:
            names = ", ".join(a.name for a in values["imap"]) or "none is configured"
            raise ConfigError("send.sent_account", f"no [imap] account is named {sent_account!r} ({names})")
        if "url" not in (raw.get("store") or {}):
            # The default database follows state_dir, so moving state moves everything.
            url = f"sqlite:///{values['runtime'].state_dir / 'inboxbroker.sqlite3'}"
            values["store"] = replace(values["store"], url=url)


def find_config_path(cli_path: str | None, env: Mapping[str, str] = os.environ) -> Path | None:
    """``--config``, else ``$INBOXBROKER_CONFIG``, else ``./inboxbroker.toml`` if it exists, else None.

    An explicitly named file is returned even when missing, so ``init`` can create it and ``load_config``
    can say it is missing rather than silently running on defaults.
    """
    explicit = cli_path or env.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser().absolute()
    local = Path.cwd() / DEFAULT_CONFIG_NAME
    return local if local.is_file() else None


def load_config(path: Path | None, env: Mapping[str, str] = os.environ) -> Settings:
    """Read and validate the config file; ``None`` means all defaults (embedded SQLite under ./var, no IMAP).

    Raises ``ConfigError`` for a missing or unreadable file, invalid TOML (with its line) or a bad setting.
    """
    if path is None:
        return parse_config({}, Path.cwd(), env=env)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("", f"{path}: no such file; create it with `inboxbroker init`") from None
    except OSError as exc:
        raise ConfigError("", f"{path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError("", f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{path}: invalid TOML: {exc}") from None
    path = path.absolute()
    settings = replace(parse_config(data, path.parent, env=env), source_path=path)
    exposed = exposed_secrets(settings)
    if exposed is not None:
        log.warning("%s; fix: %s", *exposed)
    return settings


def plaintext_secret_keys(settings: Settings) -> list[str]:
    """The keys whose secret sits in the config file itself (never the secrets)."""
    keys = [f"{a.key_path}.password" for a in settings.imap if a.password]
    if settings.smtp is not None and settings.smtp.password:
        keys.append("smtp.password")
    if urlsplit(settings.store.url).password:
        keys.append("store.url")
    return keys


def exposed_secrets(settings: Settings) -> tuple[str, str] | None:
    """(what is wrong, the fix) when the config file holds a secret and group or others can read it."""
    path = settings.source_path
    keys = plaintext_secret_keys(settings)
    if path is None or not keys:
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None  # it was just read; gone since is not ours to report here
    who = [name for name, bit in (("group", stat.S_IRGRP), ("others", stat.S_IROTH)) if mode & bit]
    if not who:
        return None
    return (
        f"{path} holds a password in plain text ({', '.join(keys)}) and can be read by "
        f"{' and '.join(who)} (mode {mode:04o})",
        f"chmod 600 {path}",
    )


def parse_config(data: dict[str, Any], base_dir: Path, *, env: Mapping[str, str] = os.environ) -> Settings:
    """Validate an already-parsed TOML document; relative paths resolve against ``base_dir``."""
    return load_table(Settings, data, "", LoadContext(base_dir=base_dir.absolute(), env=env))


def masked(settings: Settings) -> dict[str, Any]:
    """The resolved settings as plain JSON-ready values, every password and token shown as ``***``."""
    view: dict[str, Any] = plain(settings)
    view["source_path"] = str(settings.source_path) if settings.source_path else None
    return view


def settings_reference() -> list[tuple[str, str, object]]:
    """(key path, help, default) for every setting, in declaration order; ``[[…]]`` entries share a path."""
    return reference(Settings)


def starter_config() -> str:
    """The commented config ``inboxbroker init`` writes (the same text as config.example.toml)."""
    return resources.files("inboxbroker").joinpath("data/config.example.toml").read_text(encoding="utf-8")
