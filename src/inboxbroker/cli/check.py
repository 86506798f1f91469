"""``inboxbroker check``: try every connection the config names and say what is wrong and how to fix it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inboxbroker.errors import InboxBrokerError

if TYPE_CHECKING:
    from inboxbroker.settings.config import ImapAccount, Settings


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
            "imap", False, "no [imap] account configured", "add an [imap] section (config.example.toml)"
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
    for person in settings.interviewers:
        if person.busy_ics and "://" not in person.busy_ics:
            exists = Path(person.busy_ics).is_file()
            yield CheckResult(
                f"calendar {person.name}",
                exists,
                person.busy_ics + ("" if exists else " does not exist"),
                "fix interviewers.busy_ics or export the calendar there",
            )


def _check_store(settings: Settings) -> str:
    from inboxbroker.store.ledger import Store

    with Store.open(settings.store.url) as store:
        stats = store.stats()
        return f"{store.dialect}, migrated, {stats['messages']} messages in the ledger"


def _check_imap(account: ImapAccount) -> str:
    from inboxbroker.runtime.runner import open_mailbox

    with open_mailbox(account) as box:
        found = []
        for folder in account.folders:
            status = box.select(folder)
            found.append(f"{folder} ({status.exists} messages)")
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
