"""Quotes and entities of a large corpus on many cores or machines, with Dask.

    python -m whosaid.dask IN OUT [--scheduler tcp://HOST:8786] [--workers N]

IN is a JSONL file (one article per line, its text under "text" and an optional "id") or an
SQLite database (``--table``, ``--text-column``, ``--id-column``). This process reads it and
ships the partitions to the workers, so the workers need no access to IN. OUT is
a directory that receives two Parquet datasets, ``quotes/`` and ``entities/``, one row per
quotation or entity with the article id.

Without ``--scheduler`` a LocalCluster of ``--workers`` processes runs on this machine, bound
to 127.0.0.1. The extension travels to the workers with ``Client.upload_file``; the workers
need the ``whosaid`` Python package itself (``pip install`` it on each, as they need Dask).
``--single`` runs the same per-partition function in this process, without Dask: the
reference the distributed run must match.
"""
import argparse
import json
import os
import sqlite3
import sys
import time

import whosaid

QUOTE_COLUMNS = ["article_id", "quote", "start", "end", "kind", "speaker", "speaker_mention",
                 "speaker_start", "speaker_end", "cue"]
ENTITY_COLUMNS = ["article_id", "text", "start", "end", "label", "canonical"]


def _connect():
    """A connection with whosaid loaded: the uploaded copy of the extension on a worker, else
    the installed package's."""
    path = None
    if "distributed" in sys.modules:  # on a worker; never import Dask just to find out
        try:
            candidate = os.path.join(sys.modules["distributed"].get_worker().local_directory,
                                     _extension_name())
            if os.path.exists(candidate):
                path = candidate
        except ValueError:  # not inside a worker
            pass
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(path or whosaid.loadable_path())
    conn.enable_load_extension(False)
    return conn


# The name the extension travels under: not importable as a Python module (a worker imports
# an uploaded ``.so``), and SQLite still derives the entry point sqlite3_whosaid_init from it.
_UPLOAD_NAME = "libwhosaid.sqlite3ext"


def _extension_name():
    return _UPLOAD_NAME


def _upload(client):
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, _UPLOAD_NAME)
        shutil.copyfile(whosaid._extension_file(), copy)
        client.upload_file(copy, load=False)


def _schema(columns):
    import pyarrow as pa

    ints = {"start", "end", "speaker_start", "speaker_end"}
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in columns])


def _table(rows, columns):
    """Rows as an Arrow table: cheap to ship from a worker, unlike a list of tuples."""
    import pyarrow as pa

    data = list(zip(*rows)) if rows else [[] for _ in columns]
    return pa.table([list(col) for col in data], schema=_schema(columns))


def process(records):
    """The per-partition function: [(article_id, text)] → Arrow tables of quotes, entities."""
    conn = _connect()
    quotes, entities = [], []
    for article_id, text in records:
        if text is None:
            continue
        quotes.extend((article_id, *row) for row in conn.execute(
            "select quote, start, \"end\", kind, speaker, speaker_mention, speaker_start, "
            "speaker_end, cue from extract_quotes(?)", (text,)))
        entities.extend((article_id, *row) for row in conn.execute(
            "select text, start, \"end\", label, canonical from extract_entities(?)", (text,)))
    conn.close()
    return _table(quotes, QUOTE_COLUMNS), _table(entities, ENTITY_COLUMNS)


def read_partitions(source, partitions, table="articles", text_column="body", id_column="rowid"):
    """Splits IN into ``partitions`` lists of (article_id, text), by line or by rowid range."""
    if source.endswith(".jsonl") or source.endswith(".json"):
        with open(source, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        records = [(str(d.get("id", i)), d.get("text")) for i, d in enumerate(docs)]
    else:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        records = [(str(i), t) for i, t in conn.execute(
            f'select "{id_column}", "{text_column}" from "{table}" order by rowid')]
        conn.close()
    size = max(1, -(-len(records) // max(1, partitions)))
    return [records[i:i + size] for i in range(0, len(records), size)]


def _write(parts, out):
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.makedirs(out, exist_ok=True)
    counts = []
    for i, (name, columns) in enumerate((("quotes", QUOTE_COLUMNS), ("entities", ENTITY_COLUMNS))):
        table = pa.concat_tables([p[i] for p in parts]) if parts else _table([], columns)
        pq.write_table(table, os.path.join(out, f"{name}.parquet"))
        counts.append(table.num_rows)
    return counts


def run(source, out, scheduler=None, workers=2, partitions=None, single=False, **read):
    """Processes ``source`` into ``out``; returns (quote rows, entity rows, seconds)."""
    partitions = partitions or max(2, 4 * workers)
    parts_in = read_partitions(source, partitions, **read)
    # Timed from the first partition handed out: cluster start-up is reported apart.
    started = time.perf_counter()
    if single:
        parts = [process(p) for p in parts_in]
    else:
        from distributed import Client, LocalCluster

        if scheduler:
            client = Client(scheduler)
            cluster = None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0")
            client = Client(cluster)
        try:
            _upload(client)
            started = time.perf_counter()
            futures = client.map(process, parts_in, pure=False)
            parts = client.gather(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    seconds = time.perf_counter() - started
    n_quotes, n_entities = _write(parts, out)
    return n_quotes, n_entities, seconds


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m whosaid.dask", description=__doc__.split("\n")[0])
    ap.add_argument("source", metavar="IN")
    ap.add_argument("out", metavar="OUT")
    ap.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://HOST:8786")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    ap.add_argument("--partitions", type=int, help="default: 4 per worker")
    ap.add_argument("--single", action="store_true", help="no Dask: one process, same function")
    ap.add_argument("--table", default="articles")
    ap.add_argument("--text-column", default="body")
    ap.add_argument("--id-column", default="rowid")
    a = ap.parse_args(argv)
    n_quotes, n_entities, seconds = run(
        a.source, a.out, a.scheduler, a.workers, a.partitions, a.single,
        table=a.table, text_column=a.text_column, id_column=a.id_column)
    print(f"{n_quotes} quotes, {n_entities} entities in {seconds:.2f} s "
          f"({'single process' if a.single else 'dask'})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
