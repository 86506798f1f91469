"""Settings for answering requests: who interviews (``[[interviewers]]``), how slots are found
(``[scheduling]``) and how replies are drafted (``[drafting]``).

Declared like every other setting (frozen dataclasses whose fields carry help and checks); ``config.py``
puts them into ``Settings``.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from inboxbroker.errors import ConfigError
from inboxbroker.settings.values import (
    WorkingWindow,
    check_busy_ics,
    check_command,
    check_email,
    check_env_name,
    check_from_address,
    check_timezone,
    check_topics,
    check_working_hours,
    parse_working_hours,
)
from inboxbroker.settings.walker import LoadContext, join, meta, show

_SECRETS = ("password_env", "password_command", "password")


def _is_loopback(host: str | None) -> bool:
    if host in ("localhost", None):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_caldav_url(value: str, ctx: LoadContext) -> str:
    """https, or plain http to this machine only (a test server, a local proxy): a calendar is personal."""
    parts = urlsplit(value)
    if parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname)):
        return value
    raise ValueError(f"expected an https:// calendar URL (http only to 127.0.0.1), got {show(value)}")


def check_https_url(value: str, ctx: LoadContext) -> str:
    if urlsplit(value).scheme != "https" or not urlsplit(value).hostname:
        raise ValueError(f"expected an https:// link, got {show(value)}")
    return value


def check_careers_address(value: str, ctx: LoadContext) -> str:
    """An email address or an https page where applications go."""
    if value.startswith("https://"):
        return check_https_url(value, ctx)
    return check_email(value, ctx)


@dataclass(frozen=True, kw_only=True)
class CalDavCalendar:
    """``[interviewers.busy_caldav]``: a CalDAV calendar whose events count as busy time."""

    url: str = field(
        metadata=meta(
            "The calendar's URL (https; http only to 127.0.0.1).",
            check=check_caldav_url,
            example='"https://cal.example.org/dav/rachel/work/"',
        )
    )
    username: str | None = field(default=None, metadata=meta("Login name, when the server asks for one."))
    password_env: str | None = field(
        default=None,
        metadata=meta(
            "Name of the environment variable holding the password.", check=check_env_name, hide_value=True
        ),
    )
    password_command: str | None = field(
        default=None, metadata=meta("Command printing the password on stdout.", check=check_command)
    )
    password: str | None = field(
        default=None,
        repr=False,
        metadata=meta("The password in plain text; only with allow_plaintext_password = true.", secret=True),
    )
    allow_plaintext_password: bool = field(
        default=False, metadata=meta("Accept a plain-text password in this file.")
    )
    key_path: str = field(default="", repr=False, compare=False, metadata=meta("", internal=True))

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        chosen = [name for name in _SECRETS if values[name] is not None]
        if len(chosen) > 1:
            raise ConfigError(join(key, chosen[1]), f"set only one of {', '.join(_SECRETS)}")
        if chosen and not values["username"]:
            raise ConfigError(
                join(key, "username"), f'missing; {chosen[0]} needs a user name, add username = "…"'
            )
        if values["password"] is not None and not values["allow_plaintext_password"]:
            raise ConfigError(
                join(key, "password"),
                "a password in the config file can be read by anyone who can read the file; use password_env "
                f"or password_command, or set {join(key, 'allow_plaintext_password')} = true",
            )
        values["key_path"] = key


@dataclass(frozen=True, kw_only=True)
class Interviewer:
    """One ``[[interviewers]]`` entry: someone who takes informational interviews."""

    name: str = field(metadata=meta("Full name, as used in replies.", example='"Rachel Kim"'))
    email: str = field(metadata=meta("Email address.", check=check_email, example='"rachel.kim@example.org"'))
    topics: tuple[str, ...] = field(
        default=(), metadata=meta("Topics they talk about; used to match requests.", check=check_topics)
    )
    timezone: str = field(
        metadata=meta(
            "IANA time zone of their working hours.", check=check_timezone, example='"America/Los_Angeles"'
        )
    )
    working_hours: str = field(
        default="Mon-Fri 09:00-17:00",
        metadata=meta(
            'Weekly hours, e.g. "Mon-Fri 09:00-17:00" or "Mon,Wed 10:00-12:00".', check=check_working_hours
        ),
    )
    capacity_per_month: int = field(default=4, metadata=meta("Most interviews offered per month.", minimum=0))
    busy_ics: str | None = field(
        default=None,
        metadata=meta(
            "Busy calendar: an .ics path (relative to this file) or an https URL.", check=check_busy_ics
        ),
    )
    busy_caldav: CalDavCalendar | None = field(
        default=None, metadata=meta("A CalDAV calendar whose events are busy time, as a sub-table.")
    )
    location: str | None = field(
        default=None, metadata=meta("Where in-person conversations happen; put into invites.")
    )
    video_link: str | None = field(
        default=None,
        metadata=meta("Their standing video-call link (https); put into invites.", check=check_https_url),
    )

    @property
    def windows(self) -> tuple[WorkingWindow, ...]:
        """``working_hours`` parsed (already validated by the loader)."""
        return parse_working_hours(self.working_hours)


@dataclass(frozen=True, kw_only=True)
class SchedulingSettings:
    """The ``[scheduling]`` table: how free slots are found in interviewers' calendars."""

    default_minutes: int = field(
        default=30, metadata=meta("Length of a conversation when the request names none.", minimum=5)
    )
    min_minutes: int = field(
        default=15, metadata=meta("Shortest length offered, whatever was asked.", minimum=5)
    )
    max_minutes: int = field(
        default=60, metadata=meta("Longest length offered, whatever was asked.", minimum=5)
    )
    buffer_minutes: int = field(
        default=15, metadata=meta("Kept free before and after every busy time and meeting.", minimum=0)
    )
    notice_hours: int = field(default=24, metadata=meta("Earliest slot offered, from now.", minimum=0))
    horizon_days: int = field(
        default=14, metadata=meta("Latest slot offered, from now.", minimum=1, maximum=90)
    )
    slots: int = field(default=3, metadata=meta("Slots offered in a proposal.", minimum=1, maximum=5))
    step_minutes: int = field(
        default=30, metadata=meta("Slots start on multiples of this, in the interviewer's zone.", minimum=5)
    )
    calendar_timeout_seconds: float = field(
        default=10.0, metadata=meta("Time allowed to fetch one busy calendar.", minimum=1)
    )

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if not values["min_minutes"] <= values["default_minutes"] <= values["max_minutes"]:
            raise ConfigError(
                join(key, "default_minutes"),
                f"must lie between min_minutes ({values['min_minutes']}) and max_minutes ({values['max_minutes']})",
            )


@dataclass(frozen=True, kw_only=True)
class DraftingSettings:
    """The ``[drafting]`` table: how replies are written (nothing is sent without a person approving it)."""

    enabled: bool = field(default=True, metadata=meta("Draft replies to requests (needs [[interviewers]])."))
    from_: str | None = field(
        default=None,
        metadata=meta(
            "From address of drafts (RFC 5322); defaults to [smtp] from.",
            key="from",
            check=check_from_address,
            example='"Interview Programme <interviews@example.org>"',
        ),
    )
    templates_dir: Path | None = field(
        default=None, metadata=meta("Your own copies of the reply templates; the shipped ones otherwise.")
    )
    cc_forwarder: bool = field(default=True, metadata=meta("Copy the manager who forwarded a request."))
    notify_forwarder: bool = field(
        default=False, metadata=meta("Also draft a short note to that manager saying who will host.")
    )
    careers_address: str | None = field(
        default=None,
        metadata=meta(
            "Where job applications are redirected: an email address or an https page.",
            check=check_careers_address,
            example='"careers@example.org"',
        ),
    )
    programme_name: str | None = field(
        default=None, metadata=meta("How replies name the programme; defaults to the From display name.")
    )
    coordinator_name: str | None = field(
        default=None,
        metadata=meta("The name that signs replies above the programme's; none: the programme signs."),
    )
