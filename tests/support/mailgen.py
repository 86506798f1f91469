"""Small RFC 5322 messages for tests and benchmarks, written by us, unique by a sequence number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

FIRST_NAMES = ["Ana", "Bilal", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas"]
LAST_NAMES = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Varga",
    "Silva",
    "Novak",
    "Haddad",
    "Kowalski",
    "Reyes",
]


def request_message(n: int, *, when: datetime | None = None, padding: int = 0) -> bytes:
    """A short informational-interview request, distinct for each ``n``."""
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    when = when or datetime(2026, 11, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=n)
    body = (
        f"Hello,\n\nMy name is {first} {last} and I am finishing a master's degree in data engineering.\n"
        f"Would you have 20 minutes for an informational interview about your analytics team?\n"
        f"I am free next Tuesday afternoon or Thursday morning.\n\nThank you,\n{first} {last}\n"
        f"(request number {n})\n"
    )
    body += "x" * padding
    return (
        f"From: {first} {last} <{first.lower()}.{last.lower()}{n}@example.net>\r\n"
        f"To: interviews@example.org\r\n"
        f"Subject: Informational interview request #{n}\r\n"
        f"Date: {format_datetime(when)}\r\n"
        f"Message-ID: <req-{n}@example.net>\r\n"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n"
        f"\r\n" + body.replace("\n", "\r\n")
    ).encode()
