"""Search speed: index time, database size and query latency with snippets, SQLite and PostgreSQL.

The corpus is ``scripts/make_search_resumes.py`` (3–6 KB résumés of our own text): 10,000 people by default,
100,000 with ``--full`` (``python -m bench.search --full``). Queries of one to three terms, *selective* (a few
matches) and *broad* (1,000+), each timed with its top-20 snippets. The baseline, in the same run and the
same file: a plain FTS5 table over the same columns queried with ``bm25()`` and ``snippet()`` in one
statement, which computes a snippet for every match before sorting. Goal (issue 12): p95 under 10 ms
selective and 25 ms broad on SQLite; PostgreSQL within 2x of SQLite.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_search_resumes import corpus, load

from inboxbroker.store.ledger import Store

QUICK, FULL, REPEAT = 10_000, 100_000, 15
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SELECTIVE = ["typeface", "zurich kafka", "paediatric oncology nurse", "forens* fraud", "Kovalenko Amara"]
BROAD = ["excel", "booking flow", "mentored junior colleagues", "experience", "data engineer"]
COLUMNS = "person, work, fields, topics, notes, resume"


def _times(run: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    samples = []
    for _ in range(REPEAT):
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def _report(name: str, run: Callable[[str], object]) -> dict[str, tuple[float, float]]:
    result = {"selective": _times(run, SELECTIVE), "broad": _times(run, BROAD)}
    for kind, (p50, p95) in result.items():
        print(f"  {name:28} {kind:9}  p50 {p50:7.2f} ms   p95 {p95:7.2f} ms", flush=True)
    return result


def bench_sqlite(n: int, folder: Path) -> dict[str, dict[str, tuple[float, float]]]:
    path = folder / "search.sqlite3"
    with Store.open(f"sqlite:///{path}") as store:
        started = time.perf_counter()
        load(store.engine, corpus(n))
        store.search.compact()
        took = time.perf_counter() - started
        with store.engine.connect() as conn:
            conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        print(
            f"SQLite: indexed {n} résumés in {took:.1f} s ({n / took:.0f}/s); file {path.stat().st_size / 1e6:.0f} MB"
        )
        print("  matches per query:", {q: len(store.search.search(q, limit=500)) for q in SELECTIVE + BROAD})
        ours = _report("ours (rank, then 20 snippets)", lambda q: store.search.search(q, limit=20))
        with store.engine.begin() as conn:  # the baseline's own index, over the same text
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE plain USING fts5({COLUMNS}, "
                "tokenize='porter unicode61 remove_diacritics 2')"
            )
            conn.exec_driver_sql(
                f"INSERT INTO plain(rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM search_source"
            )
        from inboxbroker.store.search_query import parse, to_fts5

        raw = sqlite_connection(path)

        def plain(query: str) -> object:
            return raw.execute(
                "SELECT rowid, bm25(plain, 10.0, 6.0, 5.0, 3.0, 3.0, 1.0) AS score, "
                "snippet(plain, -1, '[', ']', '…', 24) FROM plain WHERE plain MATCH ? ORDER BY score LIMIT 20",
                (to_fts5(parse(query)),),
            ).fetchall()

        baseline = _report("plain bm25()+snippet()", plain)
    return {"ours": ours, "plain": baseline}


def sqlite_connection(path: Path):  # type: ignore[no-untyped-def]
    import sqlite3

    return sqlite3.connect(path)


def bench_postgresql(n: int) -> dict[str, tuple[float, float]] | None:
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
            load(store.engine, corpus(n))
            took = time.perf_counter() - started
            with store.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
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
    for kind in ("selective", "broad"):
        ours, plain = lite["ours"][kind][1], lite["plain"][kind][1]
        line = f"{kind}: SQLite p95 {ours:.2f} ms = {ours / plain:.2f}x the plain query's {plain:.2f} ms"
        if pg is not None:
            line += f"; PostgreSQL p95 {pg[kind][1]:.2f} ms = {pg[kind][1] / ours:.1f}x SQLite"
        print(line)


if __name__ == "__main__":
    main()
