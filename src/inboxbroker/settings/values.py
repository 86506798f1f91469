"""Value checks for single settings: each returns the value normalised or raises ``ValueError``.

The ``ValueError``'s message is the problem text the user sees after the key path, so each one says what
was expected and, where it can, how to fix it. The walker in ``config_schema`` adds the key path.
"""

from __future__ import annotations

import logging
import re
import shlex
import zoneinfo
from dataclasses import dataclass
from datetime import time
from email.headerregistry import HeaderRegistry
from typing import Any
from urllib.parse import urlsplit

from inboxbroker.errors import ConfigError
from inboxbroker.settings.walker import LoadContext, join, show

log = logging.getLogger("inboxbroker.settings.config")

_SECRET_SOURCES = ("password_env", "password_command", "password", "oauth2_token_command")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# RFC 3501 atom: any CHAR except ( ) { SP CTL % * " \ ] — a keyword (flag-keyword) is one atom.
_KEYWORD = re.compile(r"""[^(){ \x00-\x1f\x7f%*"\\\]]+""")
# System flags a user may reasonably set; \Deleted (expunge) and \Draft/\Recent would misuse the mailbox.
_SYSTEM_FLAGS = {"\\seen": "\\Seen", "\\flagged": "\\Flagged", "\\answered": "\\Answered"}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WORKING_HOURS_EXAMPLE = '"Mon-Fri 09:00-17:00"'
_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def check_host(value: str, ctx: LoadContext) -> str:
    if "://" in value:
        netloc = urlsplit(value).hostname or "…"
        raise ValueError(f'expected a host name, not a URL; write "{netloc}" and set port and security')
    if any(c.isspace() for c in value) or "/" in value:
        raise ValueError(f'expected a host name like "mail.example.org", got {show(value)}')
    return value.strip().lower()


def check_env_name(value: str, ctx: LoadContext) -> str:
    # Never echo the value: the usual mistake is pasting the password itself here.
    if not _ENV_NAME.fullmatch(value):
        raise ValueError(
            'expected the name of an environment variable like "INBOXBROKER_IMAP_PASSWORD" '
            "(letters, digits, _); put the password in that variable, not in this file"
        )
    return value


def check_command(value: str, ctx: LoadContext) -> str:
    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise ValueError(f"cannot be split into words ({exc}); check the quotes") from None
    if not words:
        raise ValueError("is empty; give a command that prints the secret")
    return value


def check_action(value: str, ctx: LoadContext) -> str:
    """``none``, ``flag:KEYWORD`` or ``move:FOLDER``: what to do to a message on the server once stored."""
    kind, sep, arg = value.partition(":")
    kind = kind.strip().lower()
    if kind == "none" and not sep:
        return "none"
    if sep and kind == "flag":
        arg = arg.strip()
        if arg.lower() in _SYSTEM_FLAGS:
            return f"flag:{_SYSTEM_FLAGS[arg.lower()]}"
        if arg.startswith("\\"):
            raise ValueError(f"{arg} cannot be set here; use \\Seen, \\Flagged, \\Answered or a keyword")
        if not arg.isascii() or not _KEYWORD.fullmatch(arg):
            raise ValueError(
                f"{show(arg)} is not a valid IMAP keyword; use letters, digits and $_-. "
                'without spaces or ( ) { } % * " \\ ]'
            )
        return f"flag:{arg}"
    if sep and kind == "move":
        if not arg.strip():
            raise ValueError('"move:" needs a folder, like "move:Processed"')
        return f"move:{arg.strip()}"
    raise ValueError(f'expected "none", "flag:KEYWORD" or "move:FOLDER", got {show(value)}')


def check_folders(value: tuple[str, ...], ctx: LoadContext) -> tuple[str, ...]:
    if not value:
        raise ValueError('is empty; list at least one folder, like ["INBOX"]')
    seen: set[str] = set()
    for folder in value:
        if folder in seen:
            raise ValueError(f"lists {show(folder)} twice")
        seen.add(folder)
    return value


def check_topics(value: tuple[str, ...], ctx: LoadContext) -> tuple[str, ...]:
    return tuple(dict.fromkeys(topic.strip() for topic in value))


def check_timezone(value: str, ctx: LoadContext) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f'unknown time zone {show(value)}; use an IANA name like "Europe/Berlin"') from None
    return value


def check_email(value: str, ctx: LoadContext) -> str:
    address = value.strip()
    if not _EMAIL.fullmatch(address):
        raise ValueError(f'expected an email address like "name@example.org", got {show(value)}')
    return address.lower()


def check_from_address(value: str, ctx: LoadContext) -> str:
    """An RFC 5322 mailbox, with or without a display name."""
    header: Any = HeaderRegistry()("From", value)  # an AddressHeader; typeshed says BaseHeader
    addresses = header.addresses
    if header.defects or len(addresses) != 1 or not addresses[0].domain or not addresses[0].username:
        raise ValueError(
            f'expected one address like "Interview Programme <interviews@example.org>", got {show(value)}'
        )
    return str(header)


def check_log_level(value: str, ctx: LoadContext) -> str:
    levels = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
    if value.upper() not in levels:
        raise ValueError(f"expected one of {', '.join(levels)}, got {show(value)}")
    return value.upper()


def mask_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages and ``check``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, hostpart = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{hostpart}").geturl()


def check_store_url(value: str, ctx: LoadContext) -> str:
    """SQLite (a relative path means the config's folder, not a cron job's cwd) or PostgreSQL."""
    scheme, sep, rest = value.partition("://")
    dialect = scheme.split("+", 1)[0].lower()
    if sep and dialect == "sqlite":
        path, qmark, query = rest.partition("?")
        if not path.startswith("/"):
            raise ValueError(f'expected "sqlite:///PATH" (three slashes), got {show(mask_url(value))}')
        path = path[1:]
        if path in ("", ":memory:") or path.startswith("file:"):
            return value
        return f"{scheme}:///{ctx.path(path)}{qmark}{query}"
    if sep and dialect in ("postgresql", "postgres"):
        if not urlsplit(value).hostname and "host=" not in value:
            raise ValueError(
                f"needs a host, like postgresql+psycopg://USER@HOST/DB, got {show(mask_url(value))}"
            )
        return value
    raise ValueError(
        "expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DB, "
        f"got {show(mask_url(value))}; other databases are not supported"
    )


def check_busy_ics(value: str, ctx: LoadContext) -> str:
    """A local .ics file (made absolute) or an https URL; plain http would expose someone's calendar."""
    scheme = urlsplit(value).scheme.lower()
    if scheme == "https":
        return value
    if scheme in ("http", "webcal"):
        raise ValueError(f"use an https:// URL so the calendar is not sent in clear, got {show(value)}")
    if "://" in value:
        raise ValueError(f"expected a file path or an https:// URL, got {show(value)}")
    return str(ctx.path(value))


@dataclass(frozen=True)
class WorkingWindow:
    """One weekly window: the weekdays it covers (0 = Monday) and local start and end times."""

    weekdays: frozenset[int]
    start: time
    end: time


def parse_working_hours(text: str) -> tuple[WorkingWindow, ...]:
    """``"Mon-Fri 09:00-17:00"``, ``"Mon,Wed 10:00-12:00,13:00-16:00"``, parts joined with ``;``.

    Raises ``ValueError`` whose message says what was expected.
    """
    windows: list[WorkingWindow] = []
    for part in text.split(";"):
        words = part.split()
        if len(words) != 2:
            raise ValueError(_bad_hours(text))
        days = _parse_days(words[0], text)
        for span in words[1].split(","):
            start_text, dash, end_text = span.partition("-")
            if not dash:
                raise ValueError(_bad_hours(text))
            start, end = _parse_time(start_text, text), _parse_time(end_text, text)
            if end <= start:
                raise ValueError(_bad_hours(text, f"{end_text} is not after {start_text}"))
            windows.append(WorkingWindow(days, start, end))
    return tuple(windows)


def _bad_hours(text: str, detail: str = "") -> str:
    return f"expected like {_WORKING_HOURS_EXAMPLE}, got {show(text)}" + (f" ({detail})" if detail else "")


def _parse_days(spec: str, text: str) -> frozenset[int]:
    days: set[int] = set()
    for item in spec.split(","):
        first, dash, last = item.lower().partition("-")
        if first not in _DAYS or (dash and last not in _DAYS):
            raise ValueError(_bad_hours(text))
        start = _DAYS.index(first)
        stop = _DAYS.index(last) if dash else start
        # A range may wrap the week end ("Sat-Mon"), for a rota that runs over a weekend.
        days.update((start + i) % 7 for i in range((stop - start) % 7 + 1))
    return frozenset(days)


def _parse_time(spec: str, text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", spec)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(_bad_hours(text, f"{spec} is not a time of day" if spec else ""))
    return time(int(match[1]), int(match[2]))


def check_working_hours(value: str, ctx: LoadContext) -> str:
    parse_working_hours(value)
    return " ".join(value.split())


def check_credentials(values: dict[str, Any], key: str, *, login_required: bool) -> None:
    """One secret source per login; a plain-text password only on explicit opt-in (DESIGN §4 rule 8)."""
    chosen = [name for name in _SECRET_SOURCES if values[name] is not None]
    if len(chosen) > 1:
        raise ConfigError(
            join(key, chosen[1]),
            f"set only one of {', '.join(_SECRET_SOURCES)} (found {' and '.join(chosen)})",
        )
    if chosen and not values["username"]:
        raise ConfigError(
            join(key, "username"), f'missing; {chosen[0]} needs a user name, add username = "…"'
        )
    if not chosen and login_required:
        raise ConfigError(
            join(key, "password_env"), "missing; set password_env, password_command or oauth2_token_command"
        )
    if values["password"] is not None:
        if not values["allow_plaintext_password"]:
            raise ConfigError(
                join(key, "password"),
                "a password in the config file can be read by anyone who can read the file; "
                "use password_env or password_command, "
                f"or set {join(key, 'allow_plaintext_password')} = true",
            )
        log.warning(
            "%s: a plain-text password is in the config file; prefer password_env", join(key, "password")
        )
    if values["security"] == "none" and not values["insecure"]:
        raise ConfigError(
            join(key, "security"),
            f'"none" sends the password in clear text; set {join(key, "insecure")} = true to allow it',
        )


def check_unique(items: tuple[Any, ...], prefix: str, attr: str, fix: str) -> None:
    """Raise ConfigError at the second item of ``prefix`` whose ``attr`` repeats an earlier one."""
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in first:
            raise ConfigError(
                f"{prefix}[{i}].{attr}", f"{show(value)} is already used by {prefix}[{first[value]}]; {fix}"
            )
        first[value] = i
