"""The top people for a query and their snippets, on SQLite FTS5 and on PostgreSQL tsvector.

Both engines rank the same people. A query matching at most ``RANK_AT_MOST`` people has every match ranked;
above that, its ``RANK_AT_MOST`` newest matches are ranked (the highest person ids: the people added last),
plus every match of a rarer word of the query (one in at most ``RANK_AT_MOST`` people), so
``experience OR devanagari`` still finds the one old résumé that says Devanagari. Why: ranking is paid per
match (FTS5's ``bm25()`` about 2.5 µs; PostgreSQL's ``@@`` and ``ts_rank`` about 9), so ranking every match
of a word in every résumé took about 30 ms over 10,000 résumés and 300 ms over 100,000. Near the top such
scores are close: bm25 gives a word in half the documents or more no weight at all (FTS5 clamps its IDF to
1e-6), and over 100,000 résumés the 20th best of the newest 2,000 "python" matches scored within 0.5% of
the 20th best of all 8,147. What is lost: an older person who fits a broad query best is left out by it
(over 100,000, "data engineer" no longer shows the planted one, added first); a rarer word finds them.

Snippets are made for the shown rows only, after ranking. PostgreSQL's ``ts_headline`` parses and stems all
the text it is given (about 2 µs a word), so it gets ``WINDOW`` characters from just before the first word
that may match instead of the whole résumé: 20 whole résumés cost 9 ms, 20 windows about 1.5.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.store import schema
from inboxbroker.store.search_query import And, Node, Or, Term, has_or, positive_terms, to_fts5, to_tsquery

RANK_AT_MOST = 2_000
MARK_START, MARK_END = "\x02", "\x03"  # around matches in a snippet; never in stored text
# Per FTS5 column (person, work, fields, topics, notes, résumé), as migration 0004 sets the table's rank.
SQLITE_WEIGHTS = "10.0, 6.0, 5.0, 3.0, 3.0, 1.0"
# PostgreSQL ts_rank weights for D (résumé text), C (topics, notes), B (résumé fields), A (name, work).
PG_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
WINDOW, WINDOW_BEFORE = 200, 40
_HEADLINE = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=24, MinWords=8, MaxFragments=2, '
    'FragmentDelimiter=" … "'
)
# What fold() strips after NFKD, as ib_fold does in the database (migration 0004).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LEXEME = re.compile(r"'([^']+)'")

Ranked = list[tuple[int, float]]


def rare_terms(conn: Connection, node: Node, count: sa.Executable) -> list[Term]:
    """The query's words found in at most ``RANK_AT_MOST`` people, whose every match is ranked.

    Only an OR can hold one: every word of a plain AND matches at least as many people as the query does.
    """
    if not has_or(node):
        return []
    return [
        t
        for t in positive_terms(node)
        if conn.execute(count, {"t": _render(conn, t), "over": RANK_AT_MOST + 1}).scalar_one() <= RANK_AT_MOST
    ]


def _render(conn: Connection, node: Node) -> str:
    return to_fts5(node) if conn.dialect.name == "sqlite" else to_tsquery(node)


def _any_of(node: Node, terms: list[Term]) -> Node:
    return And((node, terms[0] if len(terms) == 1 else Or(tuple(terms))))


# SQLite ----------------------------------------------------------------------------------------------------

_T = schema.SEARCH_FTS_TABLE
_FTS = sa.table(_T)
_ROWID: Any = sa.literal_column(f"{_T}.rowid")
_MATCH = sa.text(f"{_T} MATCH :q")
_CUT: Any = sa.bindparam("cut")


def sqlite_top(
    conn: Connection, node: Node, people: sa.Select[Any] | None, limit: int
) -> tuple[Ranked, dict[int, str]]:
    q = to_fts5(node)
    cut = conn.execute(_sqlite_cutoff(people), {"q": q, "last": RANK_AT_MOST - 1}).scalar()
    rare = rare_terms(conn, node, _SQLITE_COUNT) if cut is not None else []
    params: dict[str, Any] = {"q": q, "n": limit, "cut": cut}
    if rare:
        params["rare"] = to_fts5(_any_of(node, rare))
    rows = conn.execute(_sqlite_rank(people, cut is not None, bool(rare)), params).all()
    ranked = [(int(r[0]), -float(r[1])) for r in rows]
    if not ranked:
        return [], {}
    snippets = conn.execute(_SQLITE_SNIPPETS, {"q": q, "ids": [pid for pid, _ in ranked]})
    return ranked, {int(r[0]): r[1] or "" for r in snippets}


def _sqlite_cutoff(people: sa.Select[Any] | None) -> sa.Select[Any]:
    """The ``RANK_AT_MOST``-th newest match, if there are that many (FTS5 walks its rowids backwards)."""
    if people is None:
        return _SQLITE_CUTOFF
    return _SQLITE_CUTOFF.where(_ROWID.in_(people))


def _sqlite_rank(people: sa.Select[Any] | None, capped: bool, rare: bool) -> Any:
    if people is None:
        return _sqlite_rank_unfiltered(capped, rare)
    return _sqlite_rank_statement(people, capped, rare)


@cache
def _sqlite_rank_unfiltered(capped: bool, rare: bool) -> Any:
    return _sqlite_rank_statement(None, capped, rare)


def _sqlite_rank_statement(people: sa.Select[Any] | None, capped: bool, rare: bool) -> Any:
    # bm25() in the select list with ORDER BY … LIMIT keeps the best ``n`` as it goes; ORDER BY rank would
    # have FTS5 sort every match in a sorter of its own first (12 ms more for 10,000 matches).
    score: Any = sa.literal_column(f"bm25({_T}, {SQLITE_WEIGHTS})")
    arm = sa.select(_ROWID.label("id"), score.label("score")).select_from(_FTS).where(_MATCH)
    if people is not None:
        arm = arm.where(_ROWID.in_(people))
    best: Any = arm
    if capped:
        best = arm.where(_ROWID >= _CUT)
        if rare:
            rare_ids = sa.select(_ROWID).select_from(_FTS).where(sa.text(f"{_T} MATCH :rare")).correlate(None)
            best = sa.union_all(best, arm.where(_ROWID < _CUT, _ROWID.in_(rare_ids)))
    return best.order_by(sa.text("score")).limit(sa.bindparam("n"))


_SQLITE_CUTOFF = (
    sa.select(_ROWID)
    .select_from(_FTS)
    .where(_MATCH)
    .order_by(_ROWID.desc())
    .limit(1)
    .offset(sa.bindparam("last"))
)
_SQLITE_COUNT = sa.select(sa.func.count()).select_from(
    sa.select(sa.literal_column("1"))
    .select_from(_FTS)
    .where(sa.text(f"{_T} MATCH :t"))
    .limit(sa.bindparam("over"))
    .subquery()
)
# Each shown row found again by rowid in the same MATCH (a seek per row), so snippet() runs for those only.
_SQLITE_SNIPPETS = (
    sa.select(_ROWID, sa.literal_column(f"snippet({_T}, -1, char(2), char(3), '…', 24)"))
    .select_from(_FTS)
    .where(_MATCH, _ROWID.in_(sa.bindparam("ids", expanding=True)))
)


# PostgreSQL ------------------------------------------------------------------------------------------------

_DOC = sa.table(schema.SEARCH_DOC_TABLE, sa.column("person_id"), sa.column("document")).alias("d")


def _tsquery(name: str) -> Any:
    return sa.func.to_tsquery(sa.literal_column("'english'"), sa.bindparam(name))


def pg_top(
    conn: Connection, node: Node, people: sa.Select[Any] | None, limit: int
) -> tuple[Ranked, dict[int, str]]:
    q = to_tsquery(node)
    conn.exec_driver_sql(_PG_PLANNER)
    rare = rare_terms(conn, node, _PG_COUNT)
    params: dict[str, Any] = {"q": q, "n": limit, "most": RANK_AT_MOST}
    if rare:
        params["rare"] = to_tsquery(_any_of(node, rare))
    rows = conn.execute(_pg_rank(people, bool(rare)), params).all()
    if not rows:
        return [], {}
    stems = _stems(rows[0].stems)
    windows = [_window(row.text or "", stems) for row in rows]
    headlines = conn.execute(_PG_HEADLINES, {"q": q, "windows": windows}).scalars()
    return [(int(r.person_id), float(r.score)) for r in rows], {
        int(r.person_id): h or "" for r, h in zip(rows, headlines, strict=True)
    }


def _pg_rank(people: sa.Select[Any] | None, rare: bool) -> Any:
    return _pg_rank_unfiltered(rare) if people is None else _pg_rank_statement(people, rare)


@cache
def _pg_rank_unfiltered(rare: bool) -> Any:
    return _pg_rank_statement(None, rare)


def _pg_rank_statement(people: sa.Select[Any] | None, rare: bool) -> Any:
    """The top ``n`` with each one's text to make a snippet of and the query's words as stems."""
    d = _DOC.c
    matches = sa.select(d.person_id, d.document).where(d.document.op("@@")(_tsquery("q")))
    if people is not None:
        matches = matches.where(d.person_id.in_(people))
    # A number in the SQL, not a parameter, so that a generic plan of a prepared statement is sized for it.
    most = sa.bindparam("most", type_=sa.Integer, literal_execute=True)
    newest = matches.order_by(d.person_id.desc()).limit(most).cte("newest")
    ranked: Any = sa.select(newest)
    if rare:
        older = matches.where(
            d.document.op("@@")(_tsquery("rare")),
            d.person_id < sa.select(sa.func.min(newest.c.person_id)).scalar_subquery(),
        )
        ranked = sa.union_all(ranked, older)
    candidates = ranked.subquery("c")
    # ts_rank, not ts_rank_cd: the cover density of a three-word query took 80 ms against 37 over ~10,000
    # matches, and still 46–52 against 23 over the 2,000 ranked now; the relevance cases rank the same.
    score = sa.func.ts_rank(
        sa.literal_column(f"'{PG_WEIGHTS}'"), candidates.c.document, _tsquery("q"), sa.literal_column("1")
    )
    top = (
        sa.select(candidates.c.person_id, score.label("score"))
        .order_by(sa.desc("score"), candidates.c.person_id.desc())
        .limit(sa.bindparam("n"))
        .subquery("top")
    )
    p = schema.Person.alias("p")
    return (
        sa.select(
            top.c.person_id,
            top.c.score,
            sa.literal_column(_PG_TEXT).label("text"),
            sa.func.querytree(_tsquery("q")).label("stems"),
        )
        .select_from(top.join(p, p.c.id == top.c.person_id))
        .order_by(top.c.score.desc(), top.c.person_id.desc())
    )


# For this read transaction only. The planner prices ``document @@ query`` as one cheap operator, but it
# reads a 2 KB tsvector per row: a query matching a fifth of 10,000 people was run as a sequential scan of
# all of them (27 ms) instead of the GIN index. A prepared statement (psycopg prepares one after five runs)
# would get a generic plan sized for an unknown query, wrong for a word in two résumés or in every one; a
# custom plan costs about 0.4 ms of planning. The newest matches are sorted with their tsvectors, so
# that the ranking reads no row twice: 14,000 of them spilled to disk in the default 4 MB (101 ms, not 57).
_PG_PLANNER = "SET LOCAL enable_seqscan = off; SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL work_mem = '32MB'"
_PG_TEXT = (
    "concat_ws(' ', p.name, p.organization, p.role, "
    "(SELECT string_agg(n.text, ' ') FROM person_note n WHERE n.person_id = p.id), "
    "(SELECT string_agg(concat_ws(' ', r.topic, r.subject), ' ') FROM request r WHERE r.requester_id = p.id), "
    "(SELECT string_agg(s.keywords || ' ' || s.text, ' ') FROM resume s WHERE s.person_id = p.id))"
)
_PG_COUNT = sa.text(
    f"SELECT count(*) FROM (SELECT 1 FROM {schema.SEARCH_DOC_TABLE} "
    "WHERE document @@ to_tsquery('english', :t) LIMIT :over) m"
)
_PG_HEADLINES = sa.text(
    f"SELECT ts_headline('english', w, to_tsquery('english', :q), '{_HEADLINE}') "
    "FROM unnest(CAST(:windows AS text[])) WITH ORDINALITY AS t(w, i) ORDER BY i"
)


def _stems(querytree: str | None) -> re.Pattern[str] | None:
    """A pattern for where a word of the query may start, from the lexemes PostgreSQL stemmed it to.

    A stem is not always a prefix of the word ("happy" → "happi"), so one letter less of a longer one is.
    """
    stems = {s[:-1] if len(s) > 4 else s for s in _LEXEME.findall(querytree or "")}
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(stems))) + ")", re.IGNORECASE)


def _window(text: str, stems: re.Pattern[str] | None) -> str:
    """About ``WINDOW`` characters of whole words from just before the first word that may match.

    Accents are folded as the index folds them, so that "zurich" is marked in "Zürich" (shown as Zurich).
    """
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    found = stems.search(text) if stems else None
    start = 0
    if found is not None and found.start() > WINDOW_BEFORE:
        start = found.start() - WINDOW_BEFORE
        start = text.find(" ", start, found.start()) + 1 or start
    end = start + WINDOW
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return text[start:end]
