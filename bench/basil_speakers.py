"""Speaker resolution on BASIL: does each annotated quote get its named speaker?

BASIL (Fan et al., EMNLP 2019) marks quotes inside 210 articles (70 events, each
told by the New York Times, Fox News and the Huffington Post) with a normalised
speaker (`Donald_Trump`), or `other_*` when the speaker is unnamed. This runs the
real pipeline (`load_pipeline` + `annotate_doc`) on every article and, for each
quote with a named speaker, reports:

- found: a predicted quote's content span overlaps the annotated span;
- correct (on the found ones): the predicted quote's `speaker` is that speaker;
- story-accuracy: the same, after `compare.speakers.unify_speakers` gave the
  speaker its story-wide name across the event's three articles and
  `resolve_story_roles` gave a role description left unresolved in its article
  the one person of the event holding that role.

Matching rule for "correct": names compare word by word after lower-casing and
stripping accents and punctuation, each gold word a prefix of the predicted word
(BASIL truncates "Felipe_Calder" at the accent). A predicted full name may carry
middle names or initials the gold lacks ("Donald J. Trump" for `Donald_Trump`:
same first and last word). A canonical name that is the gold surname alone
("Trump") counts only when it is unambiguous: no other gold speaker of the same
event has that surname. Anything else, a None speaker included, is wrong.

Quotes are reported in two classes as well: person speakers and group speakers
(BASIL also names collectives: `Tea_Party`, `Obama_campaign`, `Democratic_Lawmakers`,
often for a quote the text gives to one named member). A gold speaker is a person
when spaCy reads the name alone as one PERSON entity ("Donald Trump said."), or when
an article of the event has a PERSON entity whose name matches it.

Usage:
    python bench/basil_speakers.py [--errors N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from common import SHARED
from storylens.compare.speakers import resolve_story_roles, unify_speakers
from storylens.model import Article, Quote, Span
from storylens.understand.base import annotate_doc, load_pipeline

BASIL = SHARED / "eval" / "basil"


@dataclass(frozen=True)
class GoldQuote:
    article: str
    outlet: str
    event: str
    start: int
    end: int
    speaker: str


def _words(name: str) -> list[str]:
    """Lower-case ASCII words of a name ("Donald_Trump" -> ["donald", "trump"])."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_name.lower().replace("_", " "))


def speaker_matches(predicted: str | None, gold: str, surnames: dict[str, int]) -> bool:
    """The matching rule of the module docstring; `surnames` counts the gold
    speakers of the event per surname."""
    if predicted is None:
        return False
    have, want = _words(predicted), _words(gold)
    if len(have) == len(want) and all(h.startswith(w) for h, w in zip(have, want)):
        return True
    if len(have) > len(want) > 1 and have[0] == want[0] and have[-1].startswith(want[-1]):
        return True
    return (len(have) == 1 and len(want) > 1 and have[0].startswith(want[-1])
            and surnames.get(want[-1], 0) == 1)


def load_basil() -> tuple[list[Article], list[GoldQuote]]:
    """BASIL articles (paragraphs joined by blank lines) and their named quotes,
    each annotated span moved to article offsets."""
    if not BASIL.is_dir():
        raise SystemExit(f"{BASIL}: not found (../shared/eval must be beside the project)")
    articles, gold = [], []
    for path in sorted((BASIL / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        sentence_starts, paragraphs, offset = [], [], 0
        for paragraph in record["body-paragraphs"]:
            start = offset
            for sentence in paragraph:
                sentence_starts.append((start, sentence))
                start += len(sentence) + 1
            paragraphs.append(" ".join(paragraph))
            offset += len(paragraphs[-1]) + 2  # paragraphs are joined by "\n\n"
        text = "\n\n".join(paragraphs)
        article_id = path.stem
        articles.append(Article(id=article_id, text=text, title=record.get("title"),
                                outlet=record.get("source"),
                                published=dt.date.fromisoformat(record["date"])
                                if record.get("date") else None))
        annotation = BASIL / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if not annotation.exists():
            continue
        for span in json.loads(annotation.read_text(encoding="utf-8"))[
                "phrase-level-annotations"]:
            if span.get("quote") != "yes" or span["speaker"].startswith("other"):
                continue
            start, sentence = sentence_starts[int(span["id"][1:])]
            begin, end = start + span["start"], start + span["end"]
            if text[begin:end] != sentence[span["start"]:span["end"]]:
                raise SystemExit(f"{path}: offsets of {span['id']} do not line up")
            gold.append(GoldQuote(article_id, record.get("source", "?"),
                                  record["triplet-uuid"], begin, end, span["speaker"]))
    return articles, gold


def _person_speakers(nlp, gold: list[GoldQuote], annotated: dict) -> set[tuple[str, str]]:
    """(event, gold speaker) pairs whose speaker is a person (module docstring)."""
    persons = set()
    for event, speaker in {(g.event, g.speaker) for g in gold}:
        entities = nlp(speaker.replace("_", " ") + " said.").ents
        in_articles = any(e.label == "PERSON" and speaker_matches(e.name, speaker, {})
                          for g in gold if g.event == event
                          for e in annotated[g.article].named_entities)
        if in_articles or (len(entities) == 1 and entities[0].label_ == "PERSON"
                           and entities[0].text == speaker.replace("_", " ")):
            persons.add((event, speaker))
    return persons


def _overlap(quote: Quote, gold: GoldQuote) -> int:
    return min(quote.content.end, gold.end) - max(quote.content.start, gold.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0, help="print N wrong speakers")
    args = parser.parse_args()
    articles, gold = load_basil()
    nlp = load_pipeline()
    began = time.perf_counter()
    annotated = {}
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True,
                                 batch_size=16):
        annotated[article.id] = annotate_doc(doc, article)
    seconds = time.perf_counter() - began
    surnames: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for event, speaker in {(g.event, g.speaker) for g in gold}:
        words = _words(speaker)
        surnames[event][words[-1]] += 1
    people = _person_speakers(nlp, gold, annotated)
    story_names: dict[tuple[str, str], str] = {}
    story_speakers: dict[tuple[str, Span], str | None] = {}  # (article id, content) -> speaker
    for event in {g.event for g in gold}:
        members = [a for a in annotated.values() if a.article.id.startswith(event)]
        names = unify_speakers(members)
        story_names.update(names)
        for article in resolve_story_roles(members, names):
            story_speakers.update(((article.article.id, q.content), q.speaker)
                                  for q in article.quotes)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors = []
    for g in gold:
        quotes = [q for q in annotated[g.article].quotes if _overlap(q, g) > 0]
        best = max(quotes, key=lambda q: _overlap(q, g), default=None)
        correct = best is not None and speaker_matches(best.speaker, g.speaker,
                                                      surnames[g.event])
        story_speaker = story_speakers[(g.article, best.content)] if best else None
        story_name = story_names.get((g.article, story_speaker), story_speaker) \
            if story_speaker else None
        story_correct = speaker_matches(story_name, g.speaker, surnames[g.event])
        kind = "persons" if (g.event, g.speaker) in people else "groups"
        for key in ("all", kind, g.outlet.lower()):
            counts = tally[key]
            counts[0] += 1
            counts[1] += best is not None
            counts[2] += correct
            counts[3] += story_correct
        if best is not None and not correct:
            text = annotated[g.article].article.text
            source = text[best.source.start:best.source.end] if best.source else None
            errors.append((g, best.speaker, source, text[g.start:g.end]))
    print(f"BASIL: {len(articles)} articles, {len(gold)} quotes with a named speaker, "
          f"annotated in {seconds:.0f} s")
    print(f"{'subset':8} {'quotes':>6} {'found':>6} {'found-rate':>10} {'correct':>8} "
          f"{'accuracy':>8} {'story-accuracy':>14}")
    for key in ["all", "persons", "groups",
                *sorted(k for k in tally if k not in ("all", "persons", "groups"))]:
        total, found, correct, story_correct = tally[key]
        print(f"{key:8} {total:6d} {found:6d} {found / total:10.3f} {correct:8d} "
              f"{(correct / found if found else 0):8.3f} "
              f"{(story_correct / found if found else 0):14.3f}")
    for g, speaker, source, quote in errors[:args.errors]:
        print(f"- {g.article} gold={g.speaker} predicted={speaker!r} source={source!r}: "
              f"{quote[:90]!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
