"""Reading interviewers' busy calendars: a local .ics file, an https URL, or a CalDAV calendar.

The only importer of the ``caldav`` client. Each source yields iCalendar documents as bytes; expanding them
into busy intervals is the pure ``scheduling.busy``'s job. Sizes are capped and every network read has a
timeout, because a calendar server that hangs must not hold the mailbox's lock for ever.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from inboxbroker.errors import CalendarError, InboxBrokerError

if TYPE_CHECKING:
    from inboxbroker.domain import Interval
    from inboxbroker.settings.answering import CalDavCalendar, Interviewer

log = logging.getLogger(__name__)

MAX_CALENDAR_BYTES = 20 * 1024 * 1024


def read_busy_calendars(interviewer: Interviewer, window: Interval, *, timeout: float) -> list[bytes]:
    """Every iCalendar document that holds this interviewer's busy time (none configured: an empty list)."""
    documents: list[bytes] = []
    if interviewer.busy_ics:
        source = interviewer.busy_ics
        documents.append(_read_url(source, timeout) if source.startswith("https://") else _read_file(source))
    if interviewer.busy_caldav is not None:
        documents.extend(_read_caldav(interviewer.busy_caldav, window, timeout))
    return documents


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CALENDAR_BYTES + 1)
    except OSError as exc:
        raise CalendarError(f"cannot read the busy calendar {path}: {exc.strerror or exc}") from None
    return _capped(data, path)


def _read_url(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "inboxbroker"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_CALENDAR_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CalendarError(f"cannot fetch the busy calendar {_no_query(url)}: {reason}") from None
    return _capped(data, _no_query(url))


def _read_caldav(source: CalDavCalendar, window: Interval, timeout: float) -> list[bytes]:
    from caldav.davclient import DAVClient
    from caldav.lib.error import DAVError

    from inboxbroker.settings.credentials import resolve_secret

    password = resolve_secret(
        source.key_path, env_name=source.password_env, command=source.password_command, plain=source.password
    )
    try:
        with DAVClient(
            url=source.url, username=source.username, password=password, timeout=int(timeout)
        ) as client:
            calendar = client.calendar(url=source.url)
            events = calendar.search(start=window.start, end=window.end, event=True, expand=False)
            documents = [_as_bytes(event.data) for event in events]
    except InboxBrokerError:
        raise
    except (DAVError, OSError, ValueError) as exc:
        raise CalendarError(f"cannot read the CalDAV calendar {_no_query(source.url)}: {exc}") from None
    total = sum(len(d) for d in documents)
    if total > MAX_CALENDAR_BYTES:
        raise CalendarError(f"the CalDAV calendar {_no_query(source.url)} sent {total:,} bytes; too large")
    return documents


def _as_bytes(data: str | bytes | None) -> bytes:
    if data is None:
        return b""
    return data.encode("utf-8") if isinstance(data, str) else data


def _capped(data: bytes, where: str) -> bytes:
    if len(data) > MAX_CALENDAR_BYTES:
        raise CalendarError(
            f"the busy calendar {where} is over {MAX_CALENDAR_BYTES:,} bytes; too large to read"
        )
    return data


def _no_query(url: str) -> str:
    # Calendar links often carry a secret token in the query string; it must not reach a log.
    return url.split("?", 1)[0]
