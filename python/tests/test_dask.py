"""The Dask runner on a two-worker LocalCluster agrees row for row with a single process.
Needs dask[distributed], pandas and pyarrow (skipped without them)."""
import json
import os
import sqlite3
import tempfile
import unittest

try:
    import distributed  # noqa: F401
    import pandas as pd
    import pyarrow  # noqa: F401
except ImportError:
    pd = None

import whosaid.dask as wd

SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "sql", "samples")


def corpus():
    texts = []
    for name in sorted(os.listdir(SAMPLES)):
        with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
            texts.append(f.read())
    return [{"id": f"doc-{i}", "text": texts[i % len(texts)]} for i in range(24)]


def table(path):
    frame = pd.read_parquet(path)
    return sorted(map(tuple, frame.astype(str).values.tolist()))


@unittest.skipIf(pd is None, "dask, pandas or pyarrow is not installed")
class DaskTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.jsonl = os.path.join(self.tmp, "in.jsonl")
        with open(self.jsonl, "w", encoding="utf-8") as f:
            for doc in corpus():
                f.write(json.dumps(doc) + "\n")

    def test_two_workers_match_one_process(self):
        single = wd.run(self.jsonl, os.path.join(self.tmp, "single"), single=True, partitions=5)
        dask = wd.run(self.jsonl, os.path.join(self.tmp, "dask"), workers=2, partitions=5)
        self.assertEqual(single[:2], dask[:2])
        self.assertGreater(single[0], 24)
        for name in ("quotes.parquet", "entities.parquet"):
            self.assertEqual(table(os.path.join(self.tmp, "single", name)),
                             table(os.path.join(self.tmp, "dask", name)))
        quotes = pd.read_parquet(os.path.join(self.tmp, "dask", "quotes.parquet"))
        self.assertEqual(list(quotes.columns), wd.QUOTE_COLUMNS)
        self.assertEqual(quotes["article_id"].nunique(), 24)

    def test_sqlite_input(self):
        db = os.path.join(self.tmp, "in.db")
        conn = sqlite3.connect(db)
        conn.execute("create table articles(id integer primary key, body text)")
        conn.executemany("insert into articles(body) values (?)", [(d["text"],) for d in corpus()])
        conn.commit()
        conn.close()
        from_db = wd.run(db, os.path.join(self.tmp, "db"), single=True, id_column="id")
        from_jsonl = wd.run(self.jsonl, os.path.join(self.tmp, "j"), single=True)
        self.assertEqual(from_db[:2], from_jsonl[:2])


if __name__ == "__main__":
    unittest.main()
