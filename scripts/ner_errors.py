#!/usr/bin/env python3
"""Entity error analysis: sorts every disagreement between gold and predicted entities
into a category, so tagger work can aim at the largest one.

Categories (each gold or predicted entity lands in at most one):
  type      same span, other label (counted per gold->pred label pair)
  boundary  overlapping spans that differ (predicted too long / too short / shifted)
  missed    gold entity overlapping no prediction
  spurious  predicted entity overlapping no gold entity

Usage (predictions from ../shared/tools/predict.py entities EXT GOLD OUT):
  /usr/bin/python3 scripts/ner_errors.py GOLD.jsonl PRED.jsonl [--map MAP.json] [--show N]
--show prints up to N examples of each category with a little context.
"""
import argparse
import json
from collections import Counter, defaultdict


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in (json.loads(l) for l in f if l.strip())}


def context(text, s, e, width=40):
    left = text[max(0, s - width):s].replace("\n", " / ")
    right = text[e:e + width].replace("\n", " / ")
    return f"{left}[{text[s:e]}]{right}"


def analyse(gold, pred, label_map):
    counts = Counter()
    examples = defaultdict(list)
    for doc_id, g in gold.items():
        text = g["text"]
        gents = {(e["start"], e["end"], e["label"]) for e in g["entities"]}
        pents = set()
        for e in pred.get(doc_id, {"entities": []})["entities"]:
            lab = label_map.get(e["label"], e["label"]) if label_map else e["label"]
            if lab:
                pents.add((e["start"], e["end"], lab))
        exact = gents & pents
        gleft, pleft = gents - exact, pents - exact
        gspan = {(s, e): l for s, e, l in gleft}
        for s, e, l in sorted(pleft):
            if (s, e) in gspan:
                key = f"type {gspan[(s, e)]}->{l}"
                counts[key] += 1
                examples[key].append(context(text, s, e))
        typed = {(s, e) for s, e, _ in pleft if (s, e) in gspan}
        for s, e, l in sorted(gleft):
            if (s, e) in typed:
                continue
            over = [p for p in pleft if p[0] < e and s < p[1] and (p[0], p[1]) not in typed]
            if not over:
                key = f"missed {l}"
            else:
                p = over[0]
                if p[0] <= s and p[1] >= e:
                    how = "too long"
                elif p[0] >= s and p[1] <= e:
                    how = "too short"
                else:
                    how = "shifted"
                key = f"boundary {l} {how}"
            counts[key] += 1
            examples[key].append(context(text, s, e) + ("" if not over else f"  pred {text[over[0][0]:over[0][1]]!r} {over[0][2]}"))
        for s, e, l in sorted(pleft):
            if (s, e) in typed:
                continue
            if not any(g[0] < e and s < g[1] for g in gleft | exact):
                key = f"spurious {l}"
                counts[key] += 1
                examples[key].append(context(text, s, e))
    return counts, examples


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--map")
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    label_map = json.load(open(a.map, encoding="utf-8")) if a.map else None
    counts, examples = analyse(load(a.gold), load(a.pred), label_map)
    groups = Counter()
    for k, n in counts.items():
        groups[k.split()[0]] += n
    print("by category:", dict(groups.most_common()))
    for k, n in counts.most_common():
        print(f"{n:6d}  {k}")
    if a.show:
        for k, _ in counts.most_common():
            print(f"\n== {k}")
            for ex in examples[k][: a.show]:
                print("   ", ex)


if __name__ == "__main__":
    main()
