#!/usr/bin/python3
"""SQL-level benchmark of the real whosaid loadable extension.

Loads a JSONL corpus (one object a line, field "text") into a table, then times, in the same
run and on the same table, SQLite's own lower(body) and every whosaid function:
extract_quotes / extract_entities (scalar JSON and table-valued forms) and speaker_of.
Prints M chars/s (medians over --repeat rounds, one core), the ratio to lower(), the ratio of
each table form to its scalar form, and the time to load the extension. Each round runs every
statement once, and each ratio is the median of the ratios within a round, so that the
machine's changes of speed (a third, from one minute to the next) hit both sides alike.

Two clocks: wall time, and the CPU time of the thread that runs the statement (SQLite runs a
statement on the calling thread, so this is the one core's work). On a quiet machine they
agree; on a shared one, other processes inflate wall time but hardly move CPU time.

The table lives in a temporary file database by default, like a user's archive; --memory puts
it in ":memory:" instead (measured here: the same instructions, but 10-30% more time per
statement, from how SQLite's in-memory pages sit in the heap).

    cargo build --release
    /usr/bin/python3 scripts/bench_sql.py ../shared/data/polnear/train.jsonl
    /usr/bin/python3 scripts/bench_sql.py CORPUS --scale 4 --repeat 7 --json out.json

Why Python: it loads target/release/libwhosaid.so exactly as a user's program would (Debian's
/usr/bin/python3, whose sqlite3 module can load extensions; the pyenv python3 cannot), so the
figures include SQLite's function-call machinery, argument decoding and JSON/row output.
Only the timed SQL runs inside SQLite; Python just starts each statement.
"""

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_EXT = os.path.join(ROOT, "target", "release", "libwhosaid.so")

# The words of a curly- or straight-quoted passage, found without the extension: the
# realistic second argument of speaker_of.
QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{8,200})[”\"]")


def extension_path(path=None, build=True):
    """The loadable extension, built with `cargo build --release` when missing."""
    path = path or os.environ.get("WHOSAID_EXTENSION") or DEFAULT_EXT
    if not os.path.exists(path):
        if not build:
            sys.exit(f"no extension at {path}: run cargo build --release")
        print(f"building {path} (cargo build --release)", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    return path


def connect(db, ext):
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.enable_load_extension(True)
    conn.load_extension(ext)
    conn.enable_load_extension(False)
    return conn


def read_corpus(path, limit=None):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            text = json.loads(line).get("text")
            if isinstance(text, str):
                texts.append(text)
            if limit and len(texts) >= limit:
                break
    if not texts:
        sys.exit(f"{path}: no line with a string field 'text'")
    return texts


def probe(text):
    m = QUOTE_RE.search(text)
    if m:
        return m.group(1)
    mid = len(text) // 2
    return text[mid : mid + 30]


def load_table(conn, texts, scale=1, table="docs"):
    """Creates `table(id INTEGER PRIMARY KEY, body TEXT, probe TEXT)` with the texts
    repeated `scale` times."""
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(f"CREATE TABLE {table}(id INTEGER PRIMARY KEY, body TEXT, probe TEXT)")
    conn.execute("BEGIN")
    rows = [(t, probe(t)) for t in texts]
    for _ in range(scale):
        conn.executemany(f"INSERT INTO {table}(body, probe) VALUES (?, ?)", rows)
    conn.execute("COMMIT")


# name, SQL; every statement reads every row and makes SQLite evaluate the expression.
QUERIES = [
    ("lower(body)", "SELECT count(lower(body)) FROM docs"),
    ("extract_quotes", "SELECT count(extract_quotes(body)) FROM docs"),
    (
        "extract_quotes table",
        "SELECT count(q.quote), count(q.speaker) FROM docs, extract_quotes(docs.body) q",
    ),
    ("extract_entities", "SELECT count(extract_entities(body)) FROM docs"),
    (
        "extract_entities table",
        "SELECT count(e.text), count(e.label) FROM docs, extract_entities(docs.body) e",
    ),
    ("speaker_of", "SELECT count(speaker_of(body, probe)) FROM docs"),
]


def time_once(conn, sql):
    """Wall time and this thread's CPU time of one run of `sql`."""
    wall, cpu = time.perf_counter(), time.thread_time()
    conn.execute(sql).fetchall()
    return time.perf_counter() - wall, time.thread_time() - cpu


def time_rounds(conn, queries, repeat):
    """Times every query once per round, `repeat` rounds: {name: (walls, cpus)}.

    Round-robin, not one query's repeats back to back: this machine's speed shifts by a
    third from one minute to the next, and a shift between two queries' blocks of repeats
    would skew their ratio; within a round the queries run seconds apart.
    """
    runs = {name: ([], []) for name, _ in queries}
    for _ in range(repeat):
        for name, sql in queries:
            wall, cpu = time_once(conn, sql)
            runs[name][0].append(wall)
            runs[name][1].append(cpu)
    return runs


def time_load(ext, repeat=20):
    times = []
    for _ in range(repeat):
        conn = sqlite3.connect(":memory:")
        conn.enable_load_extension(True)
        start = time.perf_counter()
        conn.load_extension(ext)
        times.append(time.perf_counter() - start)
        conn.close()
    return times[0], statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="JSONL file with a 'text' field per line")
    ap.add_argument("--ext", help=f"loadable extension (default {DEFAULT_EXT})")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query; the median is reported")
    ap.add_argument("--scale", type=int, default=1, help="repeat the corpus N times in the table")
    ap.add_argument("--limit", type=int, help="use only the first N documents")
    ap.add_argument("--memory", action="store_true", help='put the table in ":memory:", not a file')
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()

    ext = extension_path(args.ext)
    first_load, median_load = time_load(ext)
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmp:
        db = ":memory:" if args.memory else os.path.join(tmp, "bench.db")
        run(args, ext, db, first_load, median_load)


def run(args, ext, db, first_load, median_load):
    conn = connect(db, ext)
    texts = read_corpus(args.corpus, args.limit)
    load_table(conn, texts, args.scale)
    docs, chars = conn.execute("SELECT count(*), sum(length(body)) FROM docs").fetchone()
    version = conn.execute("SELECT whosaid_version()").fetchone()[0]
    print(
        f"whosaid {version}, SQLite {sqlite3.sqlite_version}, {docs} documents, "
        f"{chars / 1e6:.1f} M chars ({os.path.basename(args.corpus)} ×{args.scale}), "
        f"median of {args.repeat} rounds, one core, {'in memory' if args.memory else 'file database'}"
    )
    print(f"extension load: first {first_load * 1e3:.2f} ms, median {median_load * 1e3:.2f} ms (target < 5 ms)")
    # Warm-up: page the table into the cache and the code into memory.
    conn.execute(QUERIES[0][1]).fetchall()
    conn.execute(QUERIES[1][1]).fetchall()

    results = {}
    for name, (times, cpus) in time_rounds(conn, QUERIES, args.repeat).items():
        median, cpu = statistics.median(times), statistics.median(cpus)
        results[name] = {
            "seconds": median,
            "runs": times,
            "mchars_per_s": chars / median / 1e6,
            "cpu_seconds": cpu,
            "cpu_runs": cpus,
            "cpu_mchars_per_s": chars / cpu / 1e6 if cpu > 0 else None,
        }
    print(f"{'':<24}{'---------- wall ----------':>32}{'--- CPU ---':>12}")
    print(f"{'function':<24}{'median s':>10}{'M chars/s':>11}{'× lower()':>11}{'M chars/s':>12}")
    for name, r in results.items():
        r["ratio_to_lower"] = ratios(results, name, "lower(body)")[0]
        cpu = f"{r['cpu_mchars_per_s']:>12.1f}" if r["cpu_mchars_per_s"] else f"{'-':>12}"
        print(f"{name:<24}{r['seconds']:>10.4f}{r['mchars_per_s']:>11.1f}{r['ratio_to_lower']:>11.2f}{cpu}")
    for fn in ["extract_quotes", "extract_entities"]:
        wall, cpu = ratios(results, f"{fn} table", fn)
        results[f"{fn} table"]["ratio_to_scalar"] = wall
        results[f"{fn} table"]["cpu_ratio_to_scalar"] = cpu
        print(f"{fn}: table form / scalar form = {wall:.2f} wall, {cpu:.2f} CPU (target ≤ 1.10)")
    wall, cpu = ratios(results, "speaker_of", "extract_quotes")
    print(f"speaker_of / extract_quotes = {wall:.2f} wall, {cpu:.2f} CPU (target ≤ 1.00)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    "documents": docs,
                    "chars": chars,
                    "database": "memory" if args.memory else "file",
                    "sqlite": sqlite3.sqlite_version,
                    "load_ms": {"first": first_load * 1e3, "median": median_load * 1e3},
                    "results": results,
                },
                f,
                indent=2,
            )
    conn.close()


def ratios(results, a, b):
    """The median over rounds of a's time over b's in the same round, wall and CPU: each
    ratio compares two runs made seconds apart (see `time_rounds`)."""

    def median_ratio(key):
        pairs = [x / y for x, y in zip(results[a][key], results[b][key]) if y > 0]
        return statistics.median(pairs) if pairs else float("nan")

    return median_ratio("runs"), median_ratio("cpu_runs")


if __name__ == "__main__":
    main()
