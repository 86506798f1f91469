"""Search speed: index time, database size and query latency with snippets, SQLite and PostgreSQL.

The corpus is ``scripts/make_search_resumes.py`` (3–6 KB résumés of our own text): 10,000 people by default,
100,000 with ``--full`` (``python -m bench.search --full``). Queries of one to three terms, *selective* (a few
matches) and *broad* (1,000+), each timed with its top-20 snippets. The baseline, in the same run and the
same file: a plain FTS5 table over the same columns queried with ``bm25()`` and ``snippet()`` in one
statement, which computes a snippet for every match before sorting. Goal (issue 12): p95 under 10 ms
selective and 25 ms broad on SQLite; PostgreSQL within 2x of SQLite.
"""

from __future__ import annotations

import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_search_resumes import iter_corpus, load

from inboxbroker.store.ledger import Store
from inboxbroker.store.search_query import parse, to_fts5

QUICK, FULL, REPEAT = 10_000, 100_000, 15
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SELECTIVE = ["typeface", "zurich kafka", "paediatric oncology nurse", "forens* fraud", "Kovalenko Amara"]
BROAD = ["excel", "booking flow", "mentored junior colleagues", "experience", "data engineer"]
KINDS = {"selective": SELECTIVE, "broad": BROAD}
GOAL = {"selective": 10.0, "broad": 25.0}  # SQLite p95, ms
COLUMNS = "person, work, fields, topics, notes, resume"

Latency = dict[str, tuple[float, float]]  # kind → (p50, p95) in ms


def _times(run: Callable[[str], object], queries: list[str]) -> tuple[float, float, dict[str, float]]:
    for query in queries:
        run(query)  # the first run of a statement reads its pages and plans it
    per_query: dict[str, list[float]] = {query: [] for query in queries}
    for _ in range(REPEAT):
        for query in queries:
            started = time.perf_counter()
            run(query)
            per_query[query].append((time.perf_counter() - started) * 1000)
    samples = sorted(ms for mine in per_query.values() for ms in mine)
    medians = {query: statistics.median(mine) for query, mine in per_query.items()}
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], medians


def _report(name: str, run: Callable[[str], object]) -> Latency:
    result = {}
    for kind, queries in KINDS.items():
        p50, p95, per_query = _times(run, queries)
        result[kind] = (p50, p95)
        medians = ", ".join(f"{q} {ms:.1f}" for q, ms in per_query.items())
        print(
            f"  {name:30} {kind:9}  p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   (medians: {medians})", flush=True
        )
    return result


def bench_sqlite(n: int, folder: Path) -> dict[str, Latency]:
    path = folder / "search.sqlite3"
    with Store.open(f"sqlite:///{path}") as store:
        started = time.perf_counter()
        load(store.engine, iter_corpus(n))
        store.search.compact()
        took = time.perf_counter() - started
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(
            f"SQLite: indexed {n} résumés in {took:.1f} s ({n / took:.0f}/s); file {path.stat().st_size / 1e6:.0f} MB"
        )
        count = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
        print(
            "  matches:",
            {q: raw.execute(count, (to_fts5(parse(q)),)).fetchone()[0] for q in SELECTIVE + BROAD},
        )
        ours = _report("ours (rank, then 20 snippets)", lambda q: store.search.search(q, limit=20))
        started = time.perf_counter()
        raw.execute(
            f"CREATE VIRTUAL TABLE plain USING fts5({COLUMNS}, tokenize='porter unicode61 remove_diacritics 2')"
        )
        raw.execute(f"INSERT INTO plain(rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM search_source")
        raw.commit()
        print(f"  (the baseline's own FTS5 table over the same text: {time.perf_counter() - started:.1f} s)")

        def plain(query: str) -> object:
            return raw.execute(
                "SELECT rowid, bm25(plain, 10.0, 6.0, 5.0, 3.0, 3.0, 1.0) AS score, "
                "snippet(plain, -1, '[', ']', '…', 24) FROM plain WHERE plain MATCH ? ORDER BY score LIMIT 20",
                (to_fts5(parse(query)),),
            ).fetchall()

        baseline = _report("plain bm25()+snippet()", plain)
        raw.close()
    return {"ours": ours, "plain": baseline}


def bench_postgresql(n: int) -> Latency | None:
    try:
        admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS inboxbroker_bench_search WITH (FORCE)")
            conn.exec_driver_sql("CREATE DATABASE inboxbroker_bench_search")
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL: not reachable ({exc.orig}); skipped")
        return None
    url = PG_ADMIN.rsplit("/", 1)[0] + "/inboxbroker_bench_search"
    try:
        with Store.open(url) as store:
            started = time.perf_counter()
            load(store.engine, iter_corpus(n))
            took = time.perf_counter() - started
            with (
                store.engine.begin() as conn
            ):  # committed: ANALYZE in a rolled-back transaction keeps nothing
                conn.exec_driver_sql("ANALYZE")  # what autovacuum does soon after a load this size
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
            print(
                f"PostgreSQL: indexed {n} résumés in {took:.1f} s ({n / took:.0f}/s); database {size / 1e6:.0f} MB"
            )
            return _report("ours (ts_rank, 20 headlines)", lambda q: store.search.search(q, limit=20))
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS inboxbroker_bench_search WITH (FORCE)")
        admin.dispose()


def main(argv: list[str] | None = None) -> None:
    n = FULL if "--full" in (argv if argv is not None else sys.argv[1:]) else QUICK
    with tempfile.TemporaryDirectory() as folder:
        lite = bench_sqlite(n, Path(folder))
    pg = bench_postgresql(n)
    print(f"Summary over {n} résumés (p50 / p95, ms):")
    for kind in KINDS:
        (o50, o95), (b50, b95) = lite["ours"][kind], lite["plain"][kind]
        met = "met" if o95 < GOAL[kind] else "MISSED"
        line = (
            f"  {kind:9} SQLite {o50:.2f} / {o95:.2f} = {o50 / b50:.2f}x / {o95 / b95:.2f}x the plain query's "
            f"{b50:.2f} / {b95:.2f} (goal p95 < {GOAL[kind]:.0f}: {met})"
        )
        if pg is not None:
            p50, p95 = pg[kind]
            met = "met" if p95 <= 2 * o95 else "MISSED"
            line += f"; PostgreSQL {p50:.2f} / {p95:.2f} = {p50 / o50:.1f}x / {p95 / o95:.1f}x SQLite (goal p95 ≤ 2x: {met})"
        print(line)
    print(
        f"  peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
