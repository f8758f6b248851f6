"""Attribution extraction scored against PolNeAR, the metric of record.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution of 1,008
US election articles as BRAT standoff: `T` lines are `Source|Cue|Content` spans,
`E` lines tie them into one attribution. This script reads a split directory
(`text/<name>.txt`, `attributions/<name>_<annotator>.ann`; the first annotator in
sorted order is the gold one), runs `storylens.understand.quotes.extract_quotes` on
each article parsed by the standard pipeline, and prints:

- content precision / recall / F1: a predicted content span matches a gold one when
  the intersection over union of their character spans is >= 0.5, both trimmed of
  quote marks, spaces and edge punctuation; pairs are matched greedily one to one,
  best overlap first;
- exact-span F1: the same with identical trimmed spans;
- source F1: matched pairs whose predicted source span overlaps the gold source span
  or shares a capitalised name with it, over predicted and gold attributions;
- cue precision / recall / F1 (a diagnostic, not of record): predicted cues (of
  attributions that have one) matched one to one to gold cues they overlap;
- the speed of `extract_quotes` alone (parsing excluded), in sentences per second.

A discontinuous BRAT span (`start end;start end`) counts as the range covering its
fragments, as `Quote.content` is one range.

With --source-errors, the matched pairs whose source is wrong are counted by kind
(`source_error`): none predicted or a wrong one, and the construction.

Usage: python bench/polnear_eval.py [SPLIT_DIR] [--limit N] [--weights FILE]
  [--source-errors]
  SPLIT_DIR defaults to ../shared/eval/polnear/dev; FILE (weights written by
  `training/train_attribution.py --output`) to the shipped weights.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED  # noqa: E402

POLNEAR = SHARED / "eval" / "polnear"

#: Characters trimmed from both ends of a span before comparing (the metric of record).
_EDGE = " \t\r\n\"'“”‘’«»„‚.,;:!?()[]—–-…"
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"})
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*")


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: character ranges (start, end) of its parts."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None


def _brat_range(offsets: str) -> tuple[int, int]:
    """The range covering a BRAT span's fragments ("3 9;12 20" -> (3, 20))."""
    numbers = [int(n) for part in offsets.split(";") for n in part.split()]
    return min(numbers), max(numbers)


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one BRAT .ann file (`E` events with a content span)."""
    spans: dict[str, tuple[int, int]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _brat_range(offsets)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    gold = []
    for args in events:
        if not any(k.startswith("Attribution") for k in args) or "Content" not in args:
            continue
        part = {role: spans.get(args.get(role, "")) for role in ("Content", "Cue", "Source")}
        if part["Content"]:
            gold.append(GoldAttribution(part["Content"], part["Cue"], part["Source"]))
    return gold


def read_split(split: Path) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold attributions) of each article of a PolNeAR split directory;
    SystemExit naming the directory when it holds no annotated article (a missing
    ../shared would otherwise score, or train on, nothing)."""
    annotations: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(name, ann)  # first annotator in sorted order
    articles = []
    for text_path in sorted((split / "text").glob("*.txt")):
        ann = annotations.get(text_path.stem)
        if ann is not None:
            articles.append((text_path.stem, text_path.read_text(encoding="utf-8"),
                             read_ann(ann)))
    if not articles:
        raise SystemExit(f"{split}: no PolNeAR articles (text/*.txt with "
                         f"attributions/*.ann) found")
    return articles


def trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """`span` without quote marks, spaces and punctuation at its edges."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _names(text: str, span: tuple[int, int] | None) -> set[str]:
    return set(_CAPITALISED.findall(text[span[0]:span[1]])) if span else set()


def source_agrees(text: str, predicted, gold) -> bool:
    """Whether a predicted source span overlaps the gold one or shares a name with it."""
    if predicted is None or gold is None:
        return False
    if predicted[0] < gold[1] and gold[0] < predicted[1]:
        return True
    return bool(_names(text, predicted) & _names(text, gold))


@dataclass
class Counts:
    """Match counts over a set of articles."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0
    source: int = 0

    def add(self, other: "Counts") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def f1(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def matches(text: str, contents: Sequence[tuple[int, int]],
            gold: Sequence[GoldAttribution], threshold: float = 0.5
            ) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs of matching contents: greedy one-to-one
    matching, highest overlap first (the metric of record)."""
    pred = [trim(text, c) for c in contents]
    gold_trimmed = [trim(text, g.content) for g in gold]
    pairs = sorted(((iou(p, g), i, j) for i, p in enumerate(pred)
                    for j, g in enumerate(gold_trimmed)), reverse=True)
    used_p, used_g, matched = set(), set(), []
    for overlap, i, j in pairs:
        if overlap < threshold:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def score_article(text: str, predicted: Sequence[tuple], gold: Sequence[GoldAttribution],
                  threshold: float = 0.5) -> Counts:
    """Counts for one article; `predicted` holds (content, source) ranges."""
    counts = Counts(predicted=len(predicted), gold=len(gold))
    for i, j in matches(text, [c for c, _ in predicted], gold, threshold):
        counts.matched += 1
        counts.exact += trim(text, predicted[i][0]) == trim(text, gold[j].content)
        counts.source += source_agrees(text, predicted[i][1], gold[j].source)
    return counts


def source_error(text: str, quote, gold: GoldAttribution) -> str:
    """The kind of source error of a content-matched pair, told from the gold layout:
    "none" or "wrong" (what was predicted), then the construction."""
    outcome = "none" if quote.source is None else "wrong"
    source, cue = gold.source, gold.cue
    if source is None:
        return "gold has no source"
    if cue is None:
        return f"{outcome}: gold has no cue"
    if quote.cue is None or not (quote.cue.start < cue[1] and cue[0] < quote.cue.end):
        return f"{outcome}: another cue chosen"
    between = text[source[1]:cue[0]]
    if text[cue[0]:cue[1]].lower().startswith("according"):
        construction = "according to X"
    elif re.search(r"\bby\s*$", text[max(0, source[0] - 4):source[0]], re.I):
        construction = "passive (by X)"
    elif source[0] >= cue[1]:
        construction = "source after the cue"
    elif text[source[0]:source[1]].lower() in _PRONOUNS:
        construction = "pronoun source"
    elif re.search(r",\s*(who|which)\b", between):
        construction = "relative clause (X, who ...)"
    elif re.search(r"\band\b", between):
        construction = "conjoined verb (X ... and said)"
    elif len(between) > 40:
        construction = "source far before the cue"
    else:
        construction = "other"
    return f"{outcome}: {construction}"


def cue_counts(predicted: Sequence[tuple[int, int]], gold: Sequence[GoldAttribution]
               ) -> Counts:
    """Cue spans matched one to one when they overlap, in text order."""
    gold_cues = sorted({g.cue for g in gold if g.cue})
    counts, used = Counts(predicted=len(predicted), gold=len(gold_cues)), set()
    for start, end in sorted(predicted):
        hit = next((j for j, (s, e) in enumerate(gold_cues)
                    if j not in used and start < e and s < end), None)
        if hit is not None:
            used.add(hit)
            counts.matched += 1
    return counts


def _quote_ranges(quotes: Iterable) -> list[tuple]:
    return [((q.content.start, q.content.end),
             (q.source.start, q.source.end) if q.source else None) for q in quotes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", nargs="?", type=Path, default=POLNEAR / "dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--weights", type=Path, default=None,
                        help="attribution weights other than the shipped ones")
    parser.add_argument("--source-errors", action="store_true",
                        help="also count the source errors of matched pairs by kind")
    args = parser.parse_args()
    if not (args.split / "text").is_dir():
        raise SystemExit(f"{args.split}: not a PolNeAR split (no text/ directory)")

    from storylens.understand import load_pipeline
    from storylens.understand.quotes import Extractor, extract_quotes

    articles = read_split(args.split)[:args.limit]
    nlp = load_pipeline()
    docs = list(nlp.pipe(text for _, text, _ in articles))
    if args.weights is not None:
        extract_quotes = Extractor.from_file(args.weights).extract
    extract_quotes(nlp(""))  # loads the weights outside the timing
    started = time.perf_counter()
    predictions = [extract_quotes(doc) for doc in docs]
    seconds = time.perf_counter() - started

    total, cues, errors = Counts(), Counts(), Counter()
    for (_, text, gold), quotes in zip(articles, predictions):
        ranges = _quote_ranges(quotes)
        total.add(score_article(text, ranges, gold))
        if args.source_errors:
            errors.update(source_error(text, quotes[i], gold[j])
                          for i, j in matches(text, [c for c, _ in ranges], gold)
                          if not source_agrees(text, ranges[i][1], gold[j].source))
        cues.add(cue_counts([(q.cue.start, q.cue.end) for q in quotes if q.cue], gold))
    sentences = sum(1 for doc in docs for _ in doc.sents)
    p, r, f = total.f1(total.matched)
    print(f"{args.split}: {len(articles)} articles, {total.gold} gold attributions, "
          f"{total.predicted} predicted")
    print(f"content  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (IoU >= 0.5)")
    print(f"exact    F1 {total.f1(total.exact)[2]:.3f}")
    print(f"source   F1 {total.f1(total.source)[2]:.3f}")
    print("cue      P {:.3f}  R {:.3f}  F1 {:.3f}  (overlap; diagnostic)".format(
        *cues.f1(cues.matched)))
    print(f"speed    {sentences / seconds:,.0f} sentences/s of extract_quotes alone "
          f"({sentences} sentences in {seconds:.2f} s, parsing excluded)")
    if args.source_errors:
        print(f"source errors of matched pairs: {sum(errors.values())} "
              f"of {total.matched}")
        for kind, count in errors.most_common():
            print(f"  {count:5d}  {kind}")


if __name__ == "__main__":
    main()
