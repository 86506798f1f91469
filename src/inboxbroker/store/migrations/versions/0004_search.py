"""Search, notes and erasure: a per-person search index on both dialects, person notes, tombstones.

``resume.keywords`` is the résumé's fields (skills, schools, degrees, employers, titles) as plain text, written
with the row: FTS5 cannot read a view that calls ``json_tree``, and one text column serves both dialects.

SQLite: ``search_fts`` is an external-content FTS5 table over the view ``search_source`` (one row per
person: name, work, résumé fields, request topics, notes, résumé text), so no text is stored twice. External
content needs the *old* values to remove a row, hence the BEFORE triggers (which read the view while it
still shows the old state) paired with AFTER triggers that index the new state. It replaces ``resume_fts``.

PostgreSQL: ``search_doc`` holds one weighted tsvector per person (A name/address/phone/organisation/role,
B résumé fields, C topics and notes, D résumé text) under a GIN index without a pending list
(``fastupdate = off``), refreshed by one trigger function.
Accents are folded by ``ib_fold`` (NFKD, then no combining marks), because the ``unaccent`` extension needs a
superuser.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
COLUMNS = ("person", "work", "fields", "topics", "notes", "resume")
# Per column, in COLUMNS order: a match in a name counts ten times one in the body of a résumé.
BM25_WEIGHTS = "10.0, 6.0, 5.0, 3.0, 3.0, 1.0"
# Table → (the person it belongs to, the columns whose change alters that person's document).
SOURCES = {
    "person": ("id", "name, email, phone, organization, role"),
    "resume": ("person_id", "person_id, text, keywords"),
    "request": ("requester_id", "requester_id, topic"),
    "person_note": ("person_id", "person_id, text"),
}

SQLITE_VIEW = """
CREATE VIEW search_source AS SELECT
  p.id AS id,
  trim(coalesce(p.name, '') || ' ' || p.email || ' ' || coalesce(p.phone, '')) AS person,
  trim(coalesce(p.organization, '') || ' ' || coalesce(p.role, '')) AS work,
  (SELECT group_concat(r.keywords, ' ') FROM resume r WHERE r.person_id = p.id) AS fields,
  (SELECT group_concat(q.topic, ' ') FROM request q WHERE q.requester_id = p.id) AS topics,
  (SELECT group_concat(n.text, ' ') FROM person_note n WHERE n.person_id = p.id) AS notes,
  (SELECT group_concat(r.text, ' ') FROM resume r WHERE r.person_id = p.id) AS resume
FROM person p
"""


# What ``search_query.fold`` strips after NFKD: the combining marks (U+0300–036F and the rarer blocks).
COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"


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


def sqlite_search() -> list[str]:
    cols = ", ".join(COLUMNS)
    statements = [
        SQLITE_VIEW,
        f"CREATE VIRTUAL TABLE search_fts USING fts5({cols}, content='search_source', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
        f"INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25({BM25_WEIGHTS})')",
    ]
    for table, (key, changes) in SOURCES.items():
        old, new = f"old.{key}", f"new.{key}"
        moved = f" AND {new} IS NOT {old}"
        # UPDATE OF fires whenever a column is SET, even to its own value (the pipeline re-sets a known
        # sender's name on every message): re-indexing a whole person is only worth it for a real change.
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in changes.split(", "))
        statements += [
            f"CREATE TRIGGER search_{table}_bi BEFORE INSERT ON {table} BEGIN {_sqlite_doc('delete', new)} END",
            f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {_sqlite_doc('insert', new)} END",
            f"CREATE TRIGGER search_{table}_bu BEFORE UPDATE OF {changes} ON {table} WHEN {changed} BEGIN "
            f"{_sqlite_doc('delete', old)} {_sqlite_doc('delete', new, moved)} END",
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {changes} ON {table} WHEN {changed} BEGIN "
            f"{_sqlite_doc('insert', old, moved)} {_sqlite_doc('insert', new)} END",
            f"CREATE TRIGGER search_{table}_bd BEFORE DELETE ON {table} BEGIN {_sqlite_doc('delete', old)} END",
            f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {_sqlite_doc('insert', old)} END",
        ]
    statements.append("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    return statements


PG_DOCUMENT = """
  setweight(to_tsvector('english', ib_fold(concat_ws(' ', p.name, p.email, p.phone, p.organization, p.role))), 'A')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       (SELECT string_agg(r.keywords, ' ') FROM resume r WHERE r.person_id = p.id), ''))), 'B')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       (SELECT string_agg(q.topic, ' ') FROM request q WHERE q.requester_id = p.id), '') || ' ' || coalesce(
       (SELECT string_agg(n.text, ' ') FROM person_note n WHERE n.person_id = p.id), ''))), 'C')
  || setweight(to_tsvector('english', ib_fold(coalesce(
       (SELECT string_agg(r.text, ' ') FROM resume r WHERE r.person_id = p.id), ''))), 'D')
"""


def postgresql_search() -> list[str]:
    statements = [
        # NFKD then drop the combining marks, as fold() does; ASCII text (most of it) is returned as it is.
        # (``translate`` over a table of accented letters cost 3 ms per 4 KB résumé; this costs 0.2 ms.)
        "CREATE FUNCTION ib_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        "SELECT CASE WHEN value IS NULL THEN '' WHEN octet_length(value) = length(value) THEN value "
        f"ELSE regexp_replace(normalize(value, NFKD), '{COMBINING}', '', 'g') END $$",
        "CREATE TABLE search_doc (person_id integer PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE, "
        "document tsvector NOT NULL)",
        # fastupdate off: a GIN index otherwise queues new entries in a pending list that every search reads
        # through, emptied only by a vacuum or at 4 MB; with a few résumés a day that lasts weeks (1,400 queued
        # people made a one-word search 1 ms slower). Each write pays instead: loading took a fifth to a third longer.
        "CREATE INDEX ix_search_doc ON search_doc USING gin (document) WITH (fastupdate = off)",
        "CREATE FUNCTION ib_search_refresh(pid integer) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM search_doc WHERE person_id = pid; "
        f"INSERT INTO search_doc (person_id, document) SELECT p.id, {PG_DOCUMENT} FROM person p WHERE p.id = pid; "
        "END $$",
        # One trigger function for every source table: the argument names the column holding the person.
        "CREATE FUNCTION ib_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE before_id integer; after_id integer; BEGIN "
        "IF TG_OP <> 'INSERT' THEN before_id := (to_jsonb(OLD) ->> TG_ARGV[0])::integer; END IF; "
        "IF TG_OP <> 'DELETE' THEN after_id := (to_jsonb(NEW) ->> TG_ARGV[0])::integer; END IF; "
        "IF before_id IS NOT NULL AND before_id IS DISTINCT FROM after_id THEN "
        "PERFORM ib_search_refresh(before_id); END IF; "
        "IF after_id IS NOT NULL THEN PERFORM ib_search_refresh(after_id); END IF; "
        "RETURN NULL; END $$",
    ]
    for table, (key, changes) in SOURCES.items():
        # A deleted person's document goes with them (ON DELETE CASCADE); the rest refresh their person's.
        deletes = "" if table == "person" else " OR DELETE"
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in changes.split(", "))
        statements += [
            f"CREATE TRIGGER search_{table} AFTER INSERT{deletes} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION ib_search_trigger('{key}')",
            # Only a real change: UPDATE OF fires for a column SET to its own value too.
            f"CREATE TRIGGER search_{table}_update AFTER UPDATE OF {changes} ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION ib_search_trigger('{key}')",
        ]
    statements.append(
        f"INSERT INTO search_doc (person_id, document) SELECT p.id, {PG_DOCUMENT} FROM person p"
    )
    return statements


def upgrade() -> None:
    op.create_table(
        "person_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR (rating >= 1 AND rating <= 5)", name=op.f("ck_person_note_rating")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_note_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_note")),
    )
    op.create_index(op.f("ix_person_note_person_id"), "person_note", ["person_id"])
    op.create_table(
        "tombstone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("kind IN ('address', 'message')", name=op.f("ck_tombstone_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstone")),
        sa.UniqueConstraint("digest", name=op.f("uq_tombstone_digest")),
    )
    op.add_column("resume", sa.Column("keywords", sa.Text(), nullable=True))
    _fill_keywords()
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS resume_fts_{name}")
        op.execute("DROP TABLE IF EXISTS resume_fts")
        statements = sqlite_search()
    else:
        op.execute("DROP INDEX IF EXISTS ix_resume_text_fts")
        statements = postgresql_search()
    for statement in statements:
        op.execute(statement)


def resume_keywords(fields: object) -> str:
    """The searchable words of a résumé's parsed fields (``store.outcomes`` writes the same)."""
    if not isinstance(fields, dict):
        return ""
    words = [str(s) for s in fields.get("skills") or ()]
    for entry in [*(fields.get("education") or ()), *(fields.get("experience") or ())]:
        if isinstance(entry, dict):
            words += [str(v) for v in entry.values() if v not in (None, "")]
    return " ".join(words)


def _fill_keywords() -> None:
    resume = sa.table(
        "resume", sa.column("id", sa.Integer), sa.column("fields", sa.JSON), sa.column("keywords")
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(resume.c.id, resume.c.fields)).all():
        words = resume_keywords(row.fields)
        bind.execute(resume.update().where(resume.c.id == row.id).values(keywords=words))


def downgrade() -> None:
    raise NotImplementedError("inboxbroker migrates forward only; restore a backup to go back")
