"""Search: a request's subject line is searchable with its topic.

The extracted topic is often missing ("Coffee chat about data science?" names it only in the subject), so a
coordinator's search for the words of a subject found nobody. Each request keeps the subject of the requester's
own message (the original's, not a forward's "Fwd: …"), and the search document's topics column holds both.
Existing requests take their message's subject; the index is rebuilt once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ("person", "work", "fields", "topics", "notes", "resume")
TOPICS = {
    "0005": "(SELECT group_concat(q.topic, ' ') FROM request q WHERE q.requester_id = p.id)",
    "0006": "(SELECT group_concat(trim(coalesce(q.topic, '') || ' ' || coalesce(q.subject, '')), ' ') "
    "FROM request q WHERE q.requester_id = p.id)",
}
PG_TOPICS = {
    "0005": "(SELECT string_agg(q.topic, ' ') FROM request q WHERE q.requester_id = p.id)",
    "0006": "(SELECT string_agg(concat_ws(' ', q.topic, q.subject), ' ') FROM request q "
    "WHERE q.requester_id = p.id)",
}
REQUEST_CHANGES = {"0005": "requester_id, topic", "0006": "requester_id, topic, subject"}


def _sqlite_view(version: str) -> str:
    return f"""
CREATE VIEW search_source AS SELECT
  p.id AS id,
  trim(coalesce(p.name, '') || ' ' || p.email || ' ' || coalesce(p.phone, '')) AS person,
  trim(coalesce(p.organization, '') || ' ' || coalesce(p.role, '')) AS work,
  (SELECT group_concat(r.keywords, ' ') FROM resume r WHERE r.person_id = p.id) AS fields,
  {TOPICS[version]} AS topics,
  (SELECT group_concat(n.text, ' ') FROM person_note n WHERE n.person_id = p.id) AS notes,
  (SELECT group_concat(r.text, ' ') FROM resume r WHERE r.person_id = p.id) AS resume
FROM person p
"""


def _sqlite_doc(action: str, key: str, where: str = "") -> str:
    cols = ", ".join(COLUMNS)
    if action == "delete":
        return (
            f"INSERT INTO search_fts(search_fts, rowid, {cols}) "
            f"SELECT 'delete', id, {cols} FROM search_source WHERE id = {key}{where};"
        )
    return (
        f"INSERT INTO search_fts(rowid, {cols}) SELECT id, {cols} FROM search_source WHERE id = {key}{where};"
    )


def _sqlite_update_triggers(version: str) -> list[str]:
    """The request table's UPDATE triggers of migration 0004, watching the columns of ``version``."""
    changes = REQUEST_CHANGES[version]
    old, new = "old.requester_id", "new.requester_id"
    moved = f" AND {new} IS NOT {old}"
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in changes.split(", "))
    return [
        f"CREATE TRIGGER search_request_bu BEFORE UPDATE OF {changes} ON request WHEN {changed} BEGIN "
        f"{_sqlite_doc('delete', old)} {_sqlite_doc('delete', new, moved)} END",
        f"CREATE TRIGGER search_request_au AFTER UPDATE OF {changes} ON request WHEN {changed} BEGIN "
        f"{_sqlite_doc('insert', old, moved)} {_sqlite_doc('insert', new)} END",
    ]


def _pg_document(version: str) -> str:
    return f"""
  setweight(to_tsvector('english', ib_fold(concat_ws(' ', p.name, p.email, p.phone, p.organization, p.role))), 'A')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       (SELECT string_agg(r.keywords, ' ') FROM resume r WHERE r.person_id = p.id), ''))), 'B')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       {PG_TOPICS[version]}, '') || ' ' || coalesce(
       (SELECT string_agg(n.text, ' ') FROM person_note n WHERE n.person_id = p.id), ''))), 'C')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       (SELECT string_agg(r.text, ' ') FROM resume r WHERE r.person_id = p.id), ''))), 'D')
"""


def _switch_search(version: str) -> None:
    """Point the index at ``version``'s document and rebuild it (both dialects)."""
    if op.get_bind().dialect.name == "sqlite":
        # The old view must answer the deletes of the old rows: a rebuild recomputes every row from the view.
        op.execute("DROP TRIGGER search_request_bu")
        op.execute("DROP TRIGGER search_request_au")
        op.execute("DROP VIEW search_source")
        op.execute(_sqlite_view(version))
        for statement in _sqlite_update_triggers(version):
            op.execute(statement)
        op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        return
    changes = REQUEST_CHANGES[version]
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in changes.split(", "))
    op.execute(
        "CREATE OR REPLACE FUNCTION ib_search_refresh(pid integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM search_doc WHERE person_id = pid; "
        f"INSERT INTO search_doc (person_id, document) SELECT p.id, {_pg_document(version)} "
        "FROM person p WHERE p.id = pid; END $$"
    )
    op.execute("DROP TRIGGER search_request_update ON request")
    op.execute(
        f"CREATE TRIGGER search_request_update AFTER UPDATE OF {changes} ON request "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION ib_search_trigger('requester_id')"
    )
    op.execute("DELETE FROM search_doc")
    op.execute(
        f"INSERT INTO search_doc (person_id, document) SELECT p.id, {_pg_document(version)} FROM person p"
    )


def upgrade() -> None:
    with op.batch_alter_table("request", recreate="never") as batch:
        batch.add_column(sa.Column("subject", sa.Text(), nullable=True))
    # Before the triggers watch the column: the rebuild below indexes these once.
    op.execute(
        "UPDATE request SET subject = (SELECT m.subject FROM message m WHERE m.id = request.message_id)"
    )
    _switch_search("0006")


def downgrade() -> None:
    _switch_search("0005")  # first: the view and triggers name the column
    with op.batch_alter_table("request", recreate="never") as batch:
        batch.drop_column("subject")
