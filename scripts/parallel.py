#!/usr/bin/python3
"""Process a large SQLite table with the whosaid extension on N cores.

The table is partitioned by rowid into N contiguous ranges of equal row count. Each worker
process opens its own connection to the same database file (WAL mode, so readers never wait),
loads the extension and runs its partition entirely inside SQLite:

  1. compute into a private TEMP table (reads only, fully parallel):
       CREATE TEMP TABLE part AS SELECT rowid, extract_quotes(body), extract_entities(body)
       FROM main.docs WHERE rowid BETWEEN lo AND hi
  2. write the partition's results to the output table in ONE transaction:
       BEGIN IMMEDIATE; INSERT INTO main.out SELECT * FROM temp.part; COMMIT

Only step 2 takes the database's single write lock, and it is a plain copy, so N workers
scale with cores. The results are identical for every N (deterministic functions; checked by
--bench).

    cargo build --release
    # process an existing table (body column `body`) into an output table:
    /usr/bin/python3 scripts/parallel.py run DB --table docs --column body --out whosaid_out -j 2
    # build a test database from a JSONL corpus (field "text"), repeated --scale times:
    /usr/bin/python3 scripts/parallel.py make-db /tmp/big.db ../shared/data/polnear/train.jsonl --scale 10
    # measure: the same job on 1 and on N cores, checking identical output:
    /usr/bin/python3 scripts/parallel.py bench /tmp/big.db -j 2

Modes (--mode): `json` (default) writes one row per document: (doc_rowid, quotes, entities) as
JSON; `quotes` writes one row per quotation from the table-valued extract_quotes.
"""

import argparse
import multiprocessing
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_sql  # noqa: E402  (same folder: corpus loading, extension path)


def ident(name):
    """Quotes an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def select_for(mode, table, column):
    t, c = ident(table), ident(column)
    if mode == "json":
        cols = "doc_rowid INTEGER PRIMARY KEY, quotes TEXT, entities TEXT"
        sql = f"SELECT rowid, extract_quotes({c}), extract_entities({c}) FROM main.{t} WHERE rowid BETWEEN ?1 AND ?2"
    elif mode == "quotes":
        cols = (
            "doc_rowid INTEGER, quote TEXT, start INTEGER, \"end\" INTEGER, kind TEXT, "
            "speaker TEXT, speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT"
        )
        sql = (
            f"SELECT d.rowid, q.quote, q.start, q.\"end\", q.kind, q.speaker, q.speaker_mention, "
            f"q.speaker_start, q.speaker_end, q.cue FROM main.{t} AS d, extract_quotes(d.{c}) AS q "
            f"WHERE d.rowid BETWEEN ?1 AND ?2"
        )
    else:
        raise ValueError(mode)
    return cols, sql


def partitions(conn, table, n):
    """N contiguous rowid ranges [lo, hi] with (nearly) equal row counts."""
    t = ident(table)
    count = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    if count == 0:
        return []
    n = max(1, min(n, count))
    bounds = []
    for k in range(n):
        offset = k * count // n
        lo = conn.execute(f"SELECT rowid FROM {t} ORDER BY rowid LIMIT 1 OFFSET ?", (offset,)).fetchone()[0]
        bounds.append(lo)
    last = conn.execute(f"SELECT max(rowid) FROM {t}").fetchone()[0]
    return [(bounds[k], (bounds[k + 1] - 1) if k + 1 < n else last) for k in range(n)]


def worker(job):
    db, ext, mode, table, column, out, lo, hi = job
    start = time.perf_counter()
    cpu = time.process_time()
    conn = bench_sql.connect(db, ext)
    conn.execute("PRAGMA busy_timeout = 600000")
    # The partition's results stay in memory until they are copied to the output table.
    conn.execute("PRAGMA temp_store = MEMORY")
    # WAL + NORMAL: a crash or power loss may drop the last commits, never corrupt the file;
    # a batch job can simply be re-run.
    conn.execute("PRAGMA synchronous = NORMAL")
    _, sql = select_for(mode, table, column)
    conn.execute(f"CREATE TEMP TABLE part AS {sql}", (lo, hi))
    computed = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(f"INSERT INTO main.{ident(out)} SELECT * FROM temp.part")
    conn.execute("COMMIT")
    rows = conn.execute("SELECT count(*) FROM temp.part").fetchone()[0]
    conn.close()
    return lo, hi, rows, computed - start, time.perf_counter() - computed, time.process_time() - cpu


def run(db, ext, jobs, mode="json", table="docs", column="body", out="whosaid_out", quiet=False):
    ext = bench_sql.extension_path(ext)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    cols, _ = select_for(mode, table, column)
    conn.execute(f"DROP TABLE IF EXISTS {ident(out)}")
    conn.execute(f"CREATE TABLE {ident(out)}({cols})")
    parts = partitions(conn, table, jobs)
    conn.close()
    work = [(db, ext, mode, table, column, out, lo, hi) for lo, hi in parts]
    start = time.perf_counter()
    if jobs == 1:
        done = [worker(w) for w in work]
    else:
        with multiprocessing.get_context("spawn").Pool(len(work)) as pool:
            done = pool.map(worker, work)
    elapsed = time.perf_counter() - start
    if not quiet:
        for lo, hi, rows, compute, write, cpu in done:
            print(f"  rowid {lo}..{hi}: {rows} rows, compute {compute:.2f} s, write {write:.2f} s (wall), CPU {cpu:.2f} s")
    return elapsed


def checksum(db, out):
    conn = sqlite3.connect(db)
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({ident(out)})")]
    row = conn.execute(
        f"SELECT count(*), " + ", ".join(f"total(length({ident(c)}))" for c in cols) + f" FROM {ident(out)}"
    ).fetchone()
    # Plus an order-independent digest of every value.
    digest = 0
    for r in conn.execute(f"SELECT * FROM {ident(out)} ORDER BY 1"):
        digest = (digest * 1_000_003 + hash(r)) & 0xFFFFFFFFFFFF
    conn.close()
    return row, digest


def make_db(db, corpus, scale):
    if os.path.exists(db):
        os.remove(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    bench_sql.load_table(conn, bench_sql.read_corpus(corpus), scale)
    docs, chars = conn.execute("SELECT count(*), sum(length(body)) FROM docs").fetchone()
    conn.close()
    print(f"{db}: {docs} documents, {chars / 1e6:.1f} M chars")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ["run", "bench"]:
        p = sub.add_parser(name)
        p.add_argument("db")
        p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
        p.add_argument("--ext")
        p.add_argument("--mode", choices=["json", "quotes"], default="json")
        p.add_argument("--table", default="docs")
        p.add_argument("--column", default="body")
        p.add_argument("--out", default="whosaid_out")
    sub.choices["bench"].add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("make-db")
    p.add_argument("db")
    p.add_argument("corpus")
    p.add_argument("--scale", type=int, default=10)
    args = ap.parse_args()

    if args.cmd == "make-db":
        make_db(args.db, args.corpus, args.scale)
    elif args.cmd == "run":
        elapsed = run(args.db, args.ext, args.jobs, args.mode, args.table, args.column, args.out)
        print(f"{args.jobs} job(s): {elapsed:.2f} s")
    else:
        conn = sqlite3.connect(args.db)
        chars = conn.execute(f"SELECT sum(length({ident(args.column)})) FROM {ident(args.table)}").fetchone()[0]
        conn.close()
        timings = {}
        sums = {}
        load = os.getloadavg()[0]
        print(f"{chars / 1e6:.1f} M chars, mode {args.mode}, load average before: {load:.2f} on {os.cpu_count()} cores")
        for jobs in sorted({1, args.jobs}):
            runs = []
            for _ in range(args.repeat):
                runs.append(run(args.db, args.ext, jobs, args.mode, args.table, args.column, args.out, quiet=True))
            timings[jobs] = sorted(runs)[len(runs) // 2]
            sums[jobs] = checksum(args.db, args.out)
            print(
                f"{jobs} job(s): median {timings[jobs]:.2f} s over {args.repeat} runs "
                f"({chars / timings[jobs] / 1e6:.1f} M chars/s), output {sums[jobs][0][0]} rows"
            )
        if len(timings) > 1:
            speedup = timings[1] / timings[args.jobs]
            same = sums[1] == sums[args.jobs]
            print(
                f"speedup on {args.jobs} cores: {speedup:.2f}×; identical output: {same}; "
                f"load average after: {os.getloadavg()[0]:.2f}"
            )
            if not same:
                sys.exit("outputs differ between 1 and N jobs")


if __name__ == "__main__":
    main()
