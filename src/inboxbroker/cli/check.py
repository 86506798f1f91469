"""``inboxbroker check``: try every connection the config names and say what is wrong and how to fix it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inboxbroker.errors import InboxBrokerError
from inboxbroker.wording import plural

if TYPE_CHECKING:
    from inboxbroker.settings.config import ImapAccount, Interviewer, Settings


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # works, but should be fixed: shown with its fix, does not fail the check

    def render(self) -> str:
        mark = "FAIL" if not self.ok else "warn" if self.warning else "ok  "
        text = f"[{mark}] {self.name}: {self.detail}"
        if self.fix and (not self.ok or self.warning):
            text += f"\n       fix: {self.fix}"
        return text


def _attempt(name: str, fix: str, action: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, action())
    except InboxBrokerError as exc:
        return CheckResult(name, False, str(exc), fix)
    except Exception as exc:  # a check reports every failure, it never crashes
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}", fix)


def run_checks(settings: Settings) -> Iterator[CheckResult]:
    from inboxbroker.settings.config import exposed_secrets, masked

    where = str(settings.source_path) if settings.source_path else "no config file (defaults)"
    yield CheckResult("config", True, f"{where}\n{json.dumps(masked(settings), indent=2, default=str)}")
    exposed = exposed_secrets(settings)
    if exposed is not None:
        yield CheckResult("config file", True, exposed[0], exposed[1], warning=True)
    yield _attempt(
        "database", "check store.url; for SQLite the folder must be writable", lambda: _check_store(settings)
    )
    if not settings.imap:
        yield CheckResult(
            "imap",
            False,
            "no [imap] account configured",
            "add an [imap] section (`inboxbroker init --path FILE` writes a commented example)",
        )
    for account in settings.imap:
        yield _attempt(
            f"imap {account.name}",
            "check imap.host/port/security and the password source (password_env or password_command)",
            lambda account=account: _check_imap(account),  # type: ignore[misc]
        )
    if settings.smtp is not None:
        yield _attempt(
            "smtp",
            "check smtp.host/port/security and the password source",
            lambda: _check_smtp(settings),
        )
    yield from _check_answering(settings)


def _check_answering(settings: Settings) -> Iterator[CheckResult]:
    """Drafting: whether it will run, the templates compile, and every busy calendar reads and parses."""
    from inboxbroker.runtime.drafting import drafting_off_reason, templates_folder

    off = drafting_off_reason(settings)
    if off is not None:
        yield CheckResult(
            "drafting",
            True,
            f"off: {off}",
            "see [drafting] in the config `inboxbroker init` writes",
            warning=True,
        )
        return
    yield _attempt(
        "templates",
        "fix the template named above, or remove drafting.templates_dir to use the shipped ones",
        lambda: _check_templates(templates_folder(settings)),
    )
    for person in settings.interviewers:
        if person.busy_ics or person.busy_caldav:
            yield _attempt(
                f"calendar {person.name}",
                "fix interviewers.busy_ics / busy_caldav (a path, an https URL, or a CalDAV calendar)",
                lambda person=person: _check_calendar(settings, person),  # type: ignore[misc]
            )


def _check_templates(folder: Path) -> str:
    from inboxbroker.drafting.render import TemplateSet

    return f"{len(TemplateSet(folder).names)} templates in {folder} compile"


def _check_calendar(settings: Settings, person: Interviewer) -> str:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from inboxbroker.domain import Interval
    from inboxbroker.scheduling.busy import busy_from_ics
    from inboxbroker.sources.calendars import read_busy_calendars

    now = datetime.now(UTC)
    window = Interval(now, now + timedelta(days=settings.scheduling.horizon_days))
    documents = read_busy_calendars(person, window, timeout=settings.scheduling.calendar_timeout_seconds)
    busy = [
        b for d in documents for b in busy_from_ics(d, window.start, window.end, ZoneInfo(person.timezone))
    ]
    return f"{len(busy)} busy periods in the next {settings.scheduling.horizon_days} days"


def _check_store(settings: Settings) -> str:
    from inboxbroker.store.ledger import Store

    with Store.open(settings.store.url) as store:
        stats = store.stats()
        return f"{store.dialect}, migrated, {plural(stats['messages'], 'message')} in the ledger"


def _check_imap(account: ImapAccount) -> str:
    from inboxbroker.runtime.runner import open_mailbox

    with open_mailbox(account) as box:
        found = []
        for folder in account.folders:
            status = box.select(folder)
            found.append(f"{folder} ({plural(status.exists, 'message')})")
        caps = box.capabilities
        missing = [c for c in ("IDLE", "MOVE", "UIDPLUS") if c not in caps]
        extra = f"; server lacks {', '.join(missing)} (handled, but slower)" if missing else ""
        return "logged in; " + ", ".join(found) + extra


def _check_smtp(settings: Settings) -> str:
    from inboxbroker.outbox.smtp import check_connection
    from inboxbroker.settings.credentials import smtp_oauth2_token, smtp_password

    smtp = settings.smtp
    assert smtp is not None
    token = smtp_oauth2_token(smtp) if smtp.oauth2_token_command else None
    password = None if token else smtp_password(smtp)
    return check_connection(smtp, password, token)
