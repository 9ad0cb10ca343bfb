#!/usr/bin/python3
"""Error analysis for whosaid's quotation pipeline on a PolNeAR-style JSONL split.

Runs the extension's extract_quotes() over every document, matches predictions with gold the
way ../shared/tools/score_quotes.py does (trimmed spans, overlap >= 0.5 of the longer span,
greedy one-to-one), then lists, counted by category and with context:

  * misses        gold quotations with no matching prediction
  * false quotes  predictions matching no gold quotation
  * wrong speaker matched quotations whose predicted speaker span misses the gold one

Usage (Debian python3: the pyenv one cannot load extensions), after `cargo build --release`:

  /usr/bin/python3 scripts/quote_errors.py ../shared/data/polnear/train.jsonl
  /usr/bin/python3 scripts/quote_errors.py TRAIN.jsonl --only speaker --category pred_none --limit 30

Options: --ext PATH (default target/release/libwhosaid), --limit N examples per category
(default 5), --only misses|false|speaker, --category NAME (show only that category).
Tune rules on train, then check dev with the shared scorer; never run this on a holdout split.
"""
import argparse
import json
import re
import sqlite3
import sys
from collections import Counter, defaultdict

TRIM = set(" \t\r\n\u00a0\"'“”‘’„‟«»‹›`´″,.;:!?-–—…()[]")
CUE_WORDS = re.compile(r"\b(said|says|told|tells|added|wrote|according to|asked|tweeted|called)\b", re.I)


def trim(text, s, e):
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def match(gold, pred, text, thr=0.5):
    gt = [trim(text, g["start"], g["end"]) for g in gold]
    pt = [trim(text, p["start"], p["end"]) for p in pred]
    cands = []
    for gi, (gs, ge) in enumerate(gt):
        for pi, (ps, pe) in enumerate(pt):
            ov = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps)
            if ov > 0 and longer > 0 and ov / longer >= thr:
                cands.append((ov / longer, gi, pi))
    cands.sort(reverse=True)
    gd, pd, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in gd or pi in pd:
            continue
        gd.add(gi)
        pd.add(pi)
        pairs.append((gi, pi))
    return pairs


def context(text, s, e, width=110):
    lo, hi = max(0, s - width), min(len(text), e + width)
    inner = text[s:e]
    if len(inner) > 160:
        inner = inner[:70] + " … " + inner[-70:]
    return (text[lo:s] + "⟦" + inner + "⟧" + text[e:hi]).replace("\n", " ¶ ")


def words(s):
    return len(s.split())


def title_like(s):
    ws = [w.strip("\"'“”‘’,.;:!?()") for w in s.split()]
    ws = [w for w in ws if w]
    small = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "&"}
    return 0 < len(ws) <= 8 and all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in ws)


def miss_category(text, g, preds):
    s, e = g["start"], g["end"]
    inner = text[s:e]
    overl = [p for p in preds if min(e, p["end"]) - max(s, p["start"]) > 0]
    if overl:
        return "span_mismatch"
    if g.get("unclosed"):
        return "unclosed_paragraph"
    if inner.startswith("''"):
        return "double_apostrophe_marks"
    if title_like(inner):
        return "title_like_dropped"
    if words(inner) <= 3:
        return "short_" + g.get("type", "?")
    return "long_" + g.get("type", "?")


def false_category(text, p, doc):
    s, e = p["start"], p["end"]
    inner = text[s:e]
    for a in doc.get("attributions", []):
        for cs in a.get("content_spans", []):
            if isinstance(cs, (list, tuple)) and len(cs) == 2 and cs[0] <= s and e <= cs[1]:
                return "inside_" + str(a.get("quote_type", "attr")) + "_attribution"
    if title_like(inner):
        return "title_like"
    if p.get("speaker_mention") is None:
        return "no_speaker_" + ("short" if words(inner) <= 3 else "long")
    return "with_speaker_" + ("short" if words(inner) <= 3 else "long")


def speaker_category(text, g, p):
    gs, ge = g.get("speaker_start"), g.get("speaker_end")
    ps, pe = p.get("speaker_start"), p.get("speaker_end")
    if ps is None:
        return "pred_none"
    qs = g["start"]
    gm = text[gs:ge].strip().lower()
    pm = text[ps:pe].strip().lower()
    if gm in {"he", "she", "they", "i", "we", "it"} and pm not in {"he", "she", "they", "i", "we", "it"}:
        return "gold_pronoun_pred_other"
    # was the gold speaker in the same paragraph as the quotation?
    gap = text[min(ge, qs):max(gs, qs)]
    where = "gold_same_para" if "\n" not in gap else "gold_other_para"
    side = "pred_before_gold" if pe <= gs else "pred_after_gold"
    return f"{where}:{side}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split")
    ap.add_argument("--ext", default="target/release/libwhosaid")
    ap.add_argument("--limit", type=int, default=5)
    ap.add_argument("--only", choices=["misses", "false", "speaker"])
    ap.add_argument("--category")
    a = ap.parse_args()
    if "holdout" in a.split:
        sys.exit("refusing to analyse a holdout split")

    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(a.ext[:-3] if a.ext.endswith(".so") else a.ext)

    cats = {"misses": defaultdict(list), "false": defaultdict(list), "speaker": defaultdict(list)}
    n_gold = n_pred = n_match = 0
    for line in open(a.split, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        text = doc["text"]
        raw = db.execute("select extract_quotes(?)", (text,)).fetchone()[0]
        preds = json.loads(raw) if raw else []
        gold = doc.get("quotes", [])
        pairs = match(gold, preds, text)
        n_gold += len(gold)
        n_pred += len(preds)
        n_match += len(pairs)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in mg:
                c = miss_category(text, g, preds)
                cats["misses"][c].append(f"[{doc['id']}] {context(text, g['start'], g['end'])}")
        for pi, p in enumerate(preds):
            if pi not in mp:
                c = false_category(text, p, doc)
                cats["false"][c].append(
                    f"[{doc['id']}] spk={p.get('speaker_mention')!r} cue={p.get('cue')!r} "
                    f"{context(text, p['start'], p['end'])}")
        for gi, pi in pairs:
            g, p = gold[gi], preds[pi]
            if g.get("speaker_start") is None:
                continue
            ps, pe = p.get("speaker_start"), p.get("speaker_end")
            ok = ps is not None and min(g["speaker_end"], pe) - max(g["speaker_start"], ps) > 0
            if not ok:
                c = speaker_category(text, g, p)
                lo = min(g["start"], g["speaker_start"], ps if ps is not None else g["start"])
                hi = max(g["end"], g["speaker_end"], pe if pe is not None else g["end"])
                ctx = text[max(0, lo - 60):min(len(text), hi + 60)].replace("\n", " ¶ ")
                if len(ctx) > 700:
                    ctx = ctx[:340] + " … " + ctx[-340:]
                cats["speaker"][c].append(
                    f"[{doc['id']}] gold={g.get('speaker')!r} pred={p.get('speaker_mention')!r} "
                    f"cue={p.get('cue')!r} quote={text[g['start']:g['end']][:60]!r}\n      {ctx}")

    print(f"gold={n_gold} pred={n_pred} matched={n_match}")
    for kind in ("misses", "false", "speaker"):
        if a.only and a.only != kind:
            continue
        total = sum(len(v) for v in cats[kind].values())
        print(f"\n==== {kind}: {total} ====")
        for c, items in sorted(cats[kind].items(), key=lambda kv: -len(kv[1])):
            print(f"  {c:<40} {len(items)}")
        for c, items in sorted(cats[kind].items(), key=lambda kv: -len(kv[1])):
            if a.category and a.category != c:
                continue
            print(f"\n-- {kind} / {c} ({len(items)}) --")
            for x in items[: a.limit]:
                print("   ", x)


if __name__ == "__main__":
    main()
