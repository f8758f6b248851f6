"""Export the given names whose bearers are nearly all of one gender, for speaker
resolution (`storylens.understand.entities.given_name_gender`).

A pronoun goes to a person whose gender agrees with it; an article often shows a
person's gender only by the given name ("Brett Kavanaugh", never "Mr. Kavanaugh",
"his" only where another man is named too), and a "she" had gone to him. The
figures come from nomquamgender (Van Buskirk, Clauset & Larremore, 2023, "An open-
source cultural consensus approach to name-based gender classification", ICWSM;
MIT licence): for each name, how many bearers its sources counted and the share of
them who are women. Kept: names counted at least `MIN_COUNT` times with a share
at most `MAX_UNCERTAINTY` from 0 or 1 (the package's own default cut), alphabetic
once accents are dropped (as `name_key` compares names), and not an honorific or a
title word ("Judge" is a given name in the data, nearly all men's). Speaker
resolution reads a given name only where the article itself shows nothing of the
person's gender. Run once at build time; storylens never reads nomquamgender at run
time:

    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg
    unzip -o /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl -d /tmp/nqg
    python training/export_given_names.py /tmp/nqg/nomquamgender/name_data.json

It writes `src/storylens/understand/given_names.json.gz`: the names by gender and the
data's source and licence.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from storylens.understand.entities import GIVEN_NAMES_FILE, HONORIFICS, TITLE_WORDS, name_key

MIN_COUNT = 500
MAX_UNCERTAINTY = 0.1

SOURCE = ("nomquamgender 0.1.4 (https://github.com/ianvanbuskirk/nomquamgender), "
          "name_data.json: names counted at least %d times, share of women at most "
          "%.2f or at least %.2f" % (MIN_COUNT, MAX_UNCERTAINTY, 1 - MAX_UNCERTAINTY))
LICENCE = "MIT License, Copyright (c) 2022 Ian Van Buskirk"


def gendered_names(data: dict[str, list]) -> dict[str, list[str]]:
    """The names of `data` (name -> [sources, count, share of women, …]) that are
    nearly all one gender's, as {"f": [...], "m": [...]}, sorted."""
    not_names = set(HONORIFICS) | TITLE_WORDS  # abbreviated titles too ("sen")
    genders: dict[str, set[str]] = {}
    for name, (_sources, count, share, *_rest) in data.items():
        name = name_key(name)
        if count < MIN_COUNT or not name.isalpha() or name in not_names \
                or MAX_UNCERTAINTY < share < 1 - MAX_UNCERTAINTY:
            continue
        genders.setdefault(name, set()).add("f" if share >= 1 - MAX_UNCERTAINTY else "m")
    # spellings that meet once accents are dropped must agree
    return {gender: sorted(n for n, g in genders.items() if g == {gender})
            for gender in ("f", "m")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    args = parser.parse_args()
    names = gendered_names(json.loads(args.name_data.read_text(encoding="utf-8")))
    payload = {"source": SOURCE, "licence": LICENCE, **names}
    data = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    # no timestamp in the header: a rerun on the same data writes the same bytes
    with gzip.GzipFile(GIVEN_NAMES_FILE, "wb", mtime=0) as out:
        out.write(data)
    print(f"{len(names['f'])} women's and {len(names['m'])} men's names -> {GIVEN_NAMES_FILE}")


if __name__ == "__main__":
    main()
