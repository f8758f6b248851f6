"""Pronoun speakers on PolNeAR gold sources, for judging by hand.

PolNeAR (dev) marks each attribution's source mention but gives no speaker name,
so resolution of "he"/"she" sources cannot be scored automatically. This resolves
every gold attribution of the dev articles with `speakers.resolve_speakers` (gold
content, cue and source spans; our entities) and prints a random sample of the
he/she sources with their resolved name and the text before them, to be read and
counted by a person.

Usage:
    python bench/polnear_pronouns.py [--sample 30] [--seed 0]
"""

from __future__ import annotations

import argparse
import random

from common import SHARED
from polnear_eval import read_split
from storylens.model import Quote, Span
from storylens.understand.base import load_pipeline
from storylens.understand.entities import named_entities
from storylens.understand.speakers import resolve_speakers

DEV = SHARED / "eval" / "polnear" / "dev"


def _quote(text: str, gold) -> Quote:
    kind = "direct" if text[gold.content[0]] in "\"“" else "indirect"
    return Quote(Span(*gold.content), kind, cue=Span(*gold.cue) if gold.cue else None,
                 source=Span(*gold.source) if gold.source else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    nlp = load_pipeline()
    cases = []
    for name, text, gold in read_split(DEV):
        doc = nlp(text)
        for quote in resolve_speakers(doc, [_quote(text, g) for g in gold],
                                      named_entities(doc)):
            source = quote.source
            if source and text[source.start:source.end].lower() in ("he", "she"):
                cases.append((name, text, quote))
    print(f"{len(cases)} he/she gold sources in {DEV}")
    for name, text, quote in random.Random(args.seed).sample(cases, args.sample):
        before = text[max(0, quote.source.start - 300):quote.source.end + 15]
        print(f"### {name} -> {quote.speaker!r}\n    …{' '.join(before.split())}\n")


if __name__ == "__main__":
    main()
