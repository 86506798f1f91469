"""Search speed: index time, database size and query latency with snippets, SQLite and PostgreSQL.

The corpus is ``scripts/make_search_resumes.py`` (3–6 KB résumés of our own text): 10,000 people by default,
100,000 with ``--full`` (``python -m bench.search --full``). Queries of one to three terms, *selective* (a few
matches) and *broad* (1,000+), each timed with its top-20 snippets. The baseline, in the same run and the
same file: a plain FTS5 table over the same columns queried with ``bm25()`` and ``snippet()`` in one
statement, which computes a snippet for every match before sorting. Goal (issue 12): p95 under 10 ms
selective and 25 ms broad on SQLite; PostgreSQL within 2x of SQLite.

Both databases are built first and then the three are timed in turns, query by query, so that a busy
machine slows each of them alike and the ratios stay fair.

``figures(quick)`` (``python -m bench``): p95 over all ten queries, SQLite against the plain FTS5 query and
PostgreSQL against SQLite (goal ≤ 2x), at 100,000 résumés, or a few thousand with ``--quick``. PostgreSQL must
be reachable there (``make services``): without it the benchmark fails rather than drop a figure.
"""

from __future__ import annotations

import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_search_resumes import iter_corpus, load

from bench.figures import Figure
from inboxbroker.store.ledger import Store
from inboxbroker.store.search_query import parse, to_fts5

DEFAULT, FULL, QUICK, REPEAT, QUICK_REPEAT = 10_000, 100_000, 5_000, 15, 10
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_DATABASE = "inboxbroker_bench_search"
SELECTIVE = ["typeface", "zurich kafka", "paediatric oncology nurse", "forens* fraud", "Kovalenko Amara"]
BROAD = ["excel", "booking flow", "mentored junior colleagues", "experience", "data engineer"]
KINDS = {"selective": SELECTIVE, "broad": BROAD}
GOAL = {"selective": 10.0, "broad": 25.0}  # SQLite p95, ms
COLUMNS = "person, work, fields, topics, notes, resume"
OURS, PLAIN, PG = "SQLite, ours", "SQLite, plain bm25()+snippet()", "PostgreSQL, ours"

Search = Callable[[str], object]
Latency = dict[str, tuple[float, float]]  # kind (and "all") → (p50, p95) in ms


def _percentiles(ms: list[float]) -> tuple[float, float]:
    every = sorted(ms)
    return statistics.median(every), every[int(len(every) * 0.95) - 1]


def _times(
    runs: dict[str, Search], queries: list[str], repeat: int = REPEAT
) -> dict[str, tuple[list[float], dict[str, float]]]:
    """Per run: every sample (ms) and each query's median, every run timed in turn on each query."""
    for run in runs.values():
        for query in queries:
            run(query)  # the first run of a statement reads its pages and plans it
    samples: dict[str, dict[str, list[float]]] = {name: {q: [] for q in queries} for name in runs}
    for _ in range(repeat):
        for query in queries:
            for name, run in runs.items():
                started = time.perf_counter()
                run(query)
                samples[name][query].append((time.perf_counter() - started) * 1000)
    result = {}
    for name, per_query in samples.items():
        every = [ms for mine in per_query.values() for ms in mine]
        result[name] = (every, {query: statistics.median(mine) for query, mine in per_query.items()})
    return result


def _report(runs: dict[str, Search], repeat: int = REPEAT) -> dict[str, Latency]:
    result: dict[str, Latency] = {name: {} for name in runs}
    together: dict[str, list[float]] = {name: [] for name in runs}
    for kind, queries in KINDS.items():
        for name, (every, medians) in _times(runs, queries, repeat).items():
            result[name][kind] = p50, p95 = _percentiles(every)
            together[name] += every
            each = ", ".join(f"{q} {ms:.1f}" for q, ms in medians.items())
            print(
                f"  {name:31} {kind:9}  p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   (medians: {each})", flush=True
            )
    for name, every in together.items():
        result[name]["all"] = _percentiles(every)
    return result


@contextmanager
def sqlite_searches(n: int, folder: Path) -> Iterator[dict[str, Search]]:
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
        matches = {q: raw.execute(count, (to_fts5(parse(q)),)).fetchone()[0] for q in SELECTIVE + BROAD}
        print("  matches:", matches)
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

        try:
            yield {OURS: lambda q: store.search.search(q, limit=20), PLAIN: plain}
        finally:
            raw.close()


@contextmanager
def postgresql_search(n: int) -> Iterator[Search | None]:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.exec_driver_sql(f"CREATE DATABASE {PG_DATABASE}")
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL: not reachable ({exc.orig}); skipped")
        yield None
        return
    try:
        with Store.open(PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DATABASE) as store:
            started = time.perf_counter()
            load(store.engine, iter_corpus(n))
            took = time.perf_counter() - started
            # What autovacuum does soon after a load this size; left to it, it would run during the queries.
            settled = time.perf_counter()
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
            print(
                f"PostgreSQL: indexed {n} résumés in {took:.1f} s ({n / took:.0f}/s), then VACUUM ANALYZE "
                f"{time.perf_counter() - settled:.1f} s; database {size / 1e6:.0f} MB"
            )
            yield lambda q: store.search.search(q, limit=20)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.dispose()


def measure(n: int, repeat: int = REPEAT, *, need_postgresql: bool = False) -> dict[str, Latency]:
    """Build both databases over ``n`` résumés and time the queries on each, in turns."""
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        runs = stack.enter_context(sqlite_searches(n, Path(folder)))
        pg = stack.enter_context(postgresql_search(n))
        if pg is not None:
            runs[PG] = pg
        elif need_postgresql:
            raise RuntimeError(f"PostgreSQL is not reachable at {PG_ADMIN} (make services)")
        print(f"Latency with the top 20 snippets, each query {repeat} times, the three in turns:")
        return _report(runs, repeat)


def figures(quick: bool) -> dict[str, Figure]:
    n, repeat = (QUICK, QUICK_REPEAT) if quick else (FULL, REPEAT)
    result = measure(n, repeat, need_postgresql=True)
    _summary(n, result)
    queries = f"{n:,} résumés, {len(SELECTIVE) + len(BROAD)} queries x {repeat}, top 20 with snippets"
    ours = ", ".join(f"{kind} p95 {result[OURS][kind][1]:.1f} ms (goal < {GOAL[kind]:.0f})" for kind in KINDS)
    return {
        "search_p95_ms_sqlite": Figure(
            result[OURS]["all"][1], result[PLAIN]["all"][1], "ms", "plain FTS5 bm25()+snippet()",
            note=f"{queries}; {ours}",
        ),
        "search_p95_ms_postgres": Figure(
            result[PG]["all"][1], result[OURS]["all"][1], "ms", "SQLite, ours", goal=2.0, note=queries
        ),
    }  # fmt: skip


def _summary(n: int, result: dict[str, Latency]) -> None:
    print(f"Summary over {n} résumés (p50 / p95, ms):")
    for kind in KINDS:
        (o50, o95), (b50, b95) = result[OURS][kind], result[PLAIN][kind]
        met = "met" if o95 < GOAL[kind] else "MISSED"
        line = (
            f"  {kind:9} SQLite {o50:.2f} / {o95:.2f} = {o50 / b50:.2f}x / {o95 / b95:.2f}x the plain query's "
            f"{b50:.2f} / {b95:.2f} (goal p95 < {GOAL[kind]:.0f}: {met})"
        )
        if PG in result:
            p50, p95 = result[PG][kind]
            met = "met" if p95 <= 2 * o95 else "MISSED"
            line += f"; PostgreSQL {p50:.2f} / {p95:.2f} = {p50 / o50:.1f}x / {p95 / o95:.1f}x SQLite (goal p95 ≤ 2x: {met})"
        print(line)


def main(argv: list[str] | None = None) -> None:
    n = FULL if "--full" in (argv if argv is not None else sys.argv[1:]) else DEFAULT
    _summary(n, measure(n))
    print(
        f"  peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
