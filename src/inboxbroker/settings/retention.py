"""Settings for how long personal data is kept: the ``[retention]`` table, applied by ``inboxbroker purge``.

Declared like every other setting (frozen dataclasses whose fields carry help and checks); ``config.py``
puts it into ``Settings``. Zero keeps forever, the default: deleting is the coordinator's decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inboxbroker.settings.walker import meta


@dataclass(frozen=True, kw_only=True)
class RetentionSettings:
    """The ``[retention]`` table: what `inboxbroker purge` removes, and after how long (0 = keep)."""

    resume_months: int = field(
        default=0,
        metadata=meta(
            "Delete résumés (and their attachment) this many months after they arrived.", minimum=0
        ),
    )
    message_months: int = field(
        default=0,
        metadata=meta(
            "Empty raw messages this many months after they arrived; the request stays, its bytes go.",
            minimum=0,
        ),
    )
    rejected_draft_days: int = field(
        default=0, metadata=meta("Delete rejected drafts this many days after they were rejected.", minimum=0)
    )
