#!/usr/bin/env python3
"""How the entity tagger does on names it never saw in training.

    /usr/bin/python3 scripts/ner_unseen.py TRAIN.jsonl GOLD.jsonl PRED.jsonl [--map MAP.json]

A gold entity is *unseen* when none of its words (split on white space, case-folded)
occurs inside any gold entity of TRAIN; a predicted entity likewise. Recall counts the
unseen gold entities predicted with exact span and label; precision counts the unseen
predicted entities that are exactly a gold one. The split between seen and unseen names
is a proxy for the test split, whose names are mostly new: a model that memorises word
identities does well on seen names and no better on unseen ones.

Prints the overall typed F1 (all entities, as the shared scorer counts them), then the
unseen subset's typed and untyped precision, recall and F1, and its typed F1 per label.
Files are document JSONL as for the shared scorer (code point offsets).
"""
import argparse
import json
from collections import Counter


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in map(json.loads, filter(str.strip, f))}


def words(text):
    return text.casefold().split()


def entities(doc, text, label_map):
    out = set()
    for e in doc.get("entities", []):
        lab = e["label"]
        if label_map is not None:
            lab = label_map.get(lab)
            if lab is None:
                continue
        out.add((e["start"], e["end"], lab))
    return out


def prf(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train")
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--map", help="JSON file: predicted label -> gold label (or null)")
    a = ap.parse_args()
    label_map = json.load(open(a.map, encoding="utf-8")) if a.map else None
    seen = set()
    for d in load(a.train).values():
        for e in d["entities"]:
            seen.update(words(d["text"][e["start"]:e["end"]]))
    gold, pred = load(a.gold), load(a.pred)
    c = Counter()
    for doc_id, g in gold.items():
        text = g["text"]
        gents = entities(g, text, None)
        pents = entities(pred.get(doc_id, {}), text, label_map)
        new = lambda e: not any(w in seen for w in words(text[e[0]:e[1]]))
        for kind, ents in (("gold", gents), ("pred", pents), ("tp", gents & pents)):
            for e in ents:
                # Every name, then the unseen ones ("u" + kind); overall and per label.
                for key in (kind, "u" + kind) if new(e) else (kind,):
                    c[key] += 1
                    c[key, e[2]] += 1
        gspans = {(s, e) for s, e, _ in gents}
        for e in pents:
            if new(e) and (e[0], e[1]) in gspans:
                c["uutp"] += 1
    labels = ["PER", "ORG", "LOC", "MISC"]
    f = lambda k, l=None: prf(*(c[(x + k, l) if l else x + k] for x in ("tp", "pred", "gold")))
    print("all     typed F1 %.2f  " % f("")[2]
          + " ".join("%s %.2f" % (l, f("", l)[2]) for l in labels))
    p, r, f1 = prf(c["utp"], c["upred"], c["ugold"])
    print(f"unseen  typed P {p:.2f} R {r:.2f} F1 {f1:.2f}  (gold {c['ugold']}, pred {c['upred']})  "
          + " ".join("%s %.2f" % (l, prf(c["utp", l], c["upred", l], c["ugold", l])[2])
                     for l in labels))
    p, r, f1 = prf(c["uutp"], c["upred"], c["ugold"])
    print(f"unseen  untyped P {p:.2f} R {r:.2f} F1 {f1:.2f}")


if __name__ == "__main__":
    main()
