"""Settings for sending approved drafts: the ``[send]`` table.

Declared like every other setting (frozen dataclasses whose fields carry help and checks); ``config.py``
puts it into ``Settings``. Where mail goes out is ``[smtp]``; this table says when, how often it is retried,
and where the copy of a sent reply is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inboxbroker.errors import ConfigError
from inboxbroker.settings.walker import LoadContext, join, meta


@dataclass(frozen=True, kw_only=True)
class SendSettings:
    """The ``[send]`` table: sending approved drafts (``inboxbroker send``, or after every batch)."""

    auto: bool = field(
        default=False,
        metadata=meta("Also send approved drafts at the end of every `run` and `watch` batch."),
    )
    tries: int = field(
        default=3,
        metadata=meta(
            "Attempts per draft within one send when the server puts it off (4xx, a dropped connection).",
            minimum=1,
            maximum=10,
        ),
    )
    retry_wait_seconds: float = field(
        default=2.0,
        metadata=meta(
            "Wait before the second attempt within one send; doubles for each further one.", minimum=0
        ),
    )
    retry_after_minutes: float = field(
        default=5.0,
        metadata=meta(
            "After a send's tries all failed, the draft waits this long for a later send; doubles each time.",
            minimum=0,
        ),
    )
    retry_max_minutes: float = field(default=360.0, metadata=meta("The longest such wait.", minimum=0))
    sent_folder: str | None = field(
        default=None,
        metadata=meta(
            "IMAP folder that keeps a copy of every sent reply; by default the one the server marks \\Sent.",
            example='"Sent"',
        ),
    )
    sent_account: str | None = field(
        default=None,
        metadata=meta(
            "The [imap] account (its name) whose Sent folder is used; by default the first.",
            example='"interviews"',
        ),
    )

    @classmethod
    def _finish(cls, values: dict[str, Any], raw: dict[str, Any], key: str, ctx: LoadContext) -> None:
        if values["retry_max_minutes"] < values["retry_after_minutes"]:
            raise ConfigError(
                join(key, "retry_max_minutes"),
                f"must be at least retry_after_minutes ({values['retry_after_minutes']:g})",
            )
