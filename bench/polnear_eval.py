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

Usage: python bench/polnear_eval.py [SPLIT_DIR] [--limit N] [--weights FILE]
  SPLIT_DIR defaults to ../shared/eval/polnear/dev; FILE (weights written by
  `training/train_attribution.py --output`) to the shipped weights.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED  # noqa: E402

POLNEAR = SHARED / "eval" / "polnear"

#: Characters trimmed from both ends of a span before comparing (the metric of record).
_EDGE = " \t\r\n\"'“”‘’«»„‚.,;:!?()[]—–-…"
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
    """(name, text, gold attributions) of each article of a PolNeAR split directory."""
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


def score_article(text: str, predicted: Sequence[tuple], gold: Sequence[GoldAttribution],
                  threshold: float = 0.5) -> Counts:
    """Counts for one article; `predicted` holds (content, source) ranges.

    Greedy one-to-one matching, highest overlap first (the metric of record).
    """
    pred = [(trim(text, c), s) for c, s in predicted]
    gold_trimmed = [trim(text, g.content) for g in gold]
    pairs = sorted(((iou(p[0], g), i, j) for i, p in enumerate(pred)
                    for j, g in enumerate(gold_trimmed)), reverse=True)
    counts = Counts(predicted=len(pred), gold=len(gold))
    used_p, used_g = set(), set()
    for overlap, i, j in pairs:
        if overlap < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        counts.matched += 1
        counts.exact += pred[i][0] == gold_trimmed[j]
        counts.source += source_agrees(text, pred[i][1], gold[j].source)
    return counts


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

    total, cues = Counts(), Counts()
    for (_, text, gold), quotes in zip(articles, predictions):
        total.add(score_article(text, _quote_ranges(quotes), gold))
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


if __name__ == "__main__":
    main()
