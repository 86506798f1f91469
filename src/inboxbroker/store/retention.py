"""Retention: what ``inboxbroker purge`` removes once the ``[retention]`` periods have passed.

The clock is passed in, so a test can stand at any date. Months are calendar months (the same day of the
month, clamped to its end), not 30-day blocks, because that is how a policy is written.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.store import schema
from inboxbroker.store.drafts import REPLY_SOURCE
from inboxbroker.store.session import writing

_resume, _attachment, _message, _draft = schema.Resume, schema.Attachment, schema.Message, schema.Draft
_request, _raw = schema.Request, schema.MessageRaw


@dataclass(frozen=True)
class PurgePlan:
    resume_ids: list[int] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=list)
    draft_ids: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"résumés older than the retention period: {len(self.resume_ids)} {_show(self.resume_ids)}",
            f"raw messages to empty: {len(self.message_ids)} {_show(self.message_ids)}",
            f"rejected drafts: {len(self.draft_ids)} {_show(self.draft_ids)}",
        ]


def months_before(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge(
    engine: Engine,
    *,
    now: datetime,
    resume_months: int,
    message_months: int,
    rejected_draft_days: int,
    dry_run: bool = False,
) -> PurgePlan:
    """Find (and unless ``dry_run`` remove) what is due; 0 keeps that kind forever."""
    m = _message.c
    with writing(engine) as conn:
        resumes: list[int] = []
        if resume_months:
            cutoff = months_before(now, resume_months)
            resumes = list(
                conn.execute(sa.select(_resume.c.id).where(_resume.c.created_at < cutoff)).scalars()
            )
        messages: list[int] = []
        if message_months:
            cutoff = months_before(now, message_months)
            arrived = sa.func.coalesce(m.received_at, m.created_at)
            # Mail still waiting to be processed is not purged; an emptied message (size 0) is done already.
            query = sa.select(m.id).where(arrived < cutoff, m.state != "new", m.size > 0)
            messages = list(conn.execute(query).scalars())
        drafts: list[int] = []
        if rejected_draft_days:
            cutoff = now - timedelta(days=rejected_draft_days)
            query = sa.select(_draft.c.id).where(_draft.c.state == "rejected", _draft.c.updated_at < cutoff)
            drafts = list(conn.execute(query).scalars())
        plan = PurgePlan(sorted(resumes), sorted(messages), sorted(drafts))
        if dry_run:
            return plan
        for start in range(0, max(len(resumes), len(messages), len(drafts)), 500):
            chunk = resumes[start : start + 500]
            if chunk:
                files = sa.select(_resume.c.attachment_id).where(_resume.c.id.in_(chunk))
                attachment_ids = [a for a in conn.execute(files).scalars() if a is not None]
                conn.execute(_resume.delete().where(_resume.c.id.in_(chunk)))
                conn.execute(_attachment.delete().where(_attachment.c.id.in_(attachment_ids)))
            chunk = messages[start : start + 500]
            if chunk:
                conn.execute(_raw.delete().where(_raw.c.message_id.in_(chunk)))
                conn.execute(_message.update().where(m.id.in_(chunk)).values(size=0, subject=None))
                # The request's copy of the subject too (and so the search index's, by its triggers).
                conn.execute(_request.update().where(_request.c.message_id.in_(chunk)).values(subject=None))
                # Attachments are copies of the message's bytes: they go with them.
                conn.execute(
                    _attachment.update().where(_attachment.c.message_id.in_(chunk)).values(content=b"")
                )
                _forget_reply_sources(conn, chunk)
                _forget_traced_subjects(conn, chunk)
            chunk = drafts[start : start + 500]
            if chunk:
                conn.execute(_draft.delete().where(_draft.c.id.in_(chunk)))
    return plan


def _forget_reply_sources(conn: Connection, message_ids: list[int]) -> None:
    """The requester's text kept for drafting is a copy of the message's: it goes with it."""
    r = _request.c
    rows = conn.execute(sa.select(r.id, r.extraction).where(r.message_id.in_(message_ids))).all()
    for request_id, extraction in rows:
        if isinstance(extraction, dict) and REPLY_SOURCE in extraction:
            kept = {k: v for k, v in extraction.items() if k != REPLY_SOURCE}
            conn.execute(_request.update().where(r.id == request_id).values(extraction=kept))


# The stages of a message's trace that record its subject line (the forward's and the original's).
_TRACED_SUBJECTS = ("parse", "unwrap")


def _forget_traced_subjects(conn: Connection, message_ids: list[int]) -> None:
    """The subject lines the stages recorded in the message's trace go with the message's own."""
    m = _message.c
    rows = conn.execute(sa.select(m.id, m.trace).where(m.id.in_(message_ids))).all()
    for message_id, trace in rows:
        if not isinstance(trace, dict):
            continue
        kept = dict(trace)
        for stage in _TRACED_SUBJECTS:
            if isinstance(part := trace.get(stage), dict) and part.get("subject") is not None:
                kept[stage] = {**part, "subject": None}
        if kept != trace:
            conn.execute(_message.update().where(m.id == message_id).values(trace=kept))


def _show(ids: list[int]) -> str:
    if not ids:
        return ""
    shown = ", ".join(map(str, ids[:20]))
    return f"(ids {shown}{', …' if len(ids) > 20 else ''})"
