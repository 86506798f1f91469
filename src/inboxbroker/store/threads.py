"""Our own conversations as the thread matcher needs them: the Message-IDs of drafts we sent, and who was in them."""

from __future__ import annotations

from email.utils import getaddresses

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.mail.threads import KnownThread, ThreadIndex, normalise_subject
from inboxbroker.store import schema

_draft = schema.table_of(schema.Draft)
_request = schema.table_of(schema.Request)
_person = schema.table_of(schema.Person)

# A draft that has left, or may have left (a crash mid-send), can be replied to.
REPLIABLE = ("sending", "sent")


def load_thread_index(conn: Connection) -> ThreadIndex:
    requester = _person.alias("requester")
    forwarder = _person.alias("forwarder")
    query = (
        sa.select(
            _draft.c.request_id,
            _draft.c.message_id_header,
            _draft.c.subject,
            _draft.c.to_addrs,
            _draft.c.cc_addrs,
            requester.c.email.label("requester"),
            forwarder.c.email.label("forwarder"),
        )
        .join(_request, _request.c.id == _draft.c.request_id)
        .outerjoin(requester, requester.c.id == _request.c.requester_id)
        .outerjoin(forwarder, forwarder.c.id == _request.c.forwarded_by_id)
        .where(_draft.c.state.in_(REPLIABLE))
    )
    message_ids: dict[str, int] = {}
    threads: list[KnownThread] = []
    for row in conn.execute(query):
        message_ids[row.message_id_header] = row.request_id
        addresses = [*(row.to_addrs or []), *(row.cc_addrs or [])]
        people = {email.lower() for _, email in getaddresses(addresses) if email}
        people |= {e for e in (row.requester, row.forwarder) if e}
        threads.append(KnownThread(row.request_id, normalise_subject(row.subject or ""), frozenset(people)))
    return ThreadIndex(message_ids=message_ids, threads=tuple(threads))
