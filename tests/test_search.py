"""Search on both engines: relevance over résumés we wrote, filters, notes, and hostile queries."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from inboxbroker.errors import UsageError
from inboxbroker.store import search_engines
from inboxbroker.store.ledger import Store
from inboxbroker.store.search import SearchFilters
from inboxbroker.store.search_query import QueryError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_search_resumes import RELEVANCE, corpus, load


@pytest.fixture
def store(store_url: str) -> Store:
    store = Store.open(store_url)
    load(store.engine, corpus(300))
    return store


def test_relevance_puts_the_expected_person_first(store: Store) -> None:
    for query, expected in RELEVANCE:
        hits = store.search.search(query, limit=5)
        assert hits and hits[0].email == expected, (query, [h.email for h in hits])
        assert "«" in hits[0].snippet, (query, hits[0].snippet)  # the words are highlighted
    store.close()


def test_prefixes_phrases_boolean_and_accents(store: Store) -> None:
    search = store.search.search
    assert [h.email for h in search("Zürich")] == [h.email for h in search("zurich")] != []
    assert search('"pipelines streaming"') == [] or search('"pipelines streaming"')[0].email != (
        "zoe.brandt@example.org"
    )
    assert all(h.email != "zoe.brandt@example.org" for h in search("kafka NOT zurich", limit=300))
    assert all(h.email != "zoe.brandt@example.org" for h in search("kafka -alpwise", limit=300))
    assert search("typefa*")[0].email == "ravi.lindqvist@example.org"
    broad = search("experience", limit=50)
    assert len(broad) == 50 and all(h.snippet for h in broad)
    store.close()


def test_a_broad_query_ranks_its_newest_matches_and_every_match_of_a_rarer_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_engines, "RANK_AT_MOST", 20)
    search = store.search.search

    def number(email: str) -> int:  # background people are first.last.N@example.org, N their order
        return int(email.split("@")[0].rsplit(".", 1)[1])

    broad = search("experience", limit=10)  # every background résumé says it
    assert len(broad) == 10 and all(number(h.email) >= 280 for h in broad), [h.email for h in broad]
    assert all("«" in h.snippet for h in broad)
    # Ravi is among the first people added, with a word no one else has.
    assert search("experience OR devanagari")[0].email == "ravi.lindqvist@example.org"
    studio = SearchFilters(organization="hollowbrook")
    assert search("experience OR devanagari", studio)[0].email == "ravi.lindqvist@example.org"
    assert all(h.organization == "Hollowbrook Studio" for h in search("experience", studio, limit=50))
    store.close()


def test_snippets_mark_a_match_deep_in_a_long_resume(store: Store) -> None:
    hits = store.search.search("colleagues", limit=20)
    assert len(hits) == 20 and all("«colleagues»" in h.snippet.lower() for h in hits), hits[0].snippet
    store.close()


def test_filters_and_notes(store: Store) -> None:
    kafka = store.search.search("", SearchFilters(skill="kafka"), limit=300)
    assert kafka and all(h.role == "Data Engineer" for h in kafka)
    assert store.search.search("pipelines", SearchFilters(organization="alpwise"))[0].email == (
        "zoe.brandt@example.org"
    )
    assert store.search.search("pipelines", SearchFilters(school="kestrel")) == [] or all(
        h.email != "zoe.brandt@example.org"
        for h in store.search.search("pipelines", SearchFilters(school="kestrel"))
    )
    store.people.note(
        "Kwame.Asante@example.com", "Wonderful listener, knows hospice funding", rating=5, actor="t"
    )
    hit = store.search.search("hospice")[0]
    assert hit.email == "kwame.asante@example.com" and hit.rating == 5
    assert [h.email for h in store.search.search("", SearchFilters(min_rating=4))] == [
        "kwame.asante@example.com"
    ]
    assert store.search.search("", SearchFilters(met=True)) == []
    record = store.people.show("kwame.asante@example.com")
    assert record.notes[0]["rating"] == 5 and record.resumes
    store.close()


HOSTILE = ['"unclosed', "AND AND", "*", "a\x00b", "x" * 10_000, "NOT java", "(python", "python)", "OR", "p*"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_clear_message(store_url: str, query: str) -> None:
    with Store.open(store_url) as store:
        with pytest.raises(QueryError) as info:
            store.search.search(query)
        assert isinstance(info.value, UsageError) and len(str(info.value)) < 200


@pytest.mark.parametrize(
    "query", ["'; DROP TABLE person; --", "' OR 1=1 --", "NEAR(a b)", "person:x", "^start", "a:*", "{a b}: c"]
)
def test_sql_and_engine_syntax_are_just_words(store_url: str, query: str) -> None:
    with Store.open(store_url) as store:
        with contextlib.suppress(QueryError):  # refused with a message is fine too; a traceback is not
            assert store.search.search(query) == []
        assert store.stats()["people"] == 0


def test_a_changed_person_is_found_by_the_new_words(store: Store) -> None:
    import sqlalchemy as sa

    from inboxbroker.store import schema

    p = schema.Person.c
    with store.engine.begin() as conn:
        pid = conn.execute(sa.select(p.id).where(p.email == "zoe.brandt@example.org")).scalar_one()
        conn.execute(schema.Person.update().where(p.id == pid).values(name=sa.text("name")))  # unchanged
        conn.execute(schema.Person.update().where(p.id == pid).values(organization="Quillhaven"))
    assert [h.email for h in store.search.search("quillhaven")] == ["zoe.brandt@example.org"]
    store.close()
