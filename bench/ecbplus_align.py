"""Statement alignment against ECB+ event coreference, inside the stories found.

The ECB+ dev documents go through the normal path (JSON Lines -> ingest -> stored
annotations), are grouped into stories by the incremental clusterer with no number
given, and each story's statements are aligned into facts by `compare.align`. The
annotated sentences of `ecbplus_events_dev.jsonl` are then located in the clean
texts; a candidate pair (two annotated sentences of different documents of one
topic) is predicted aligned when the two sentences fall in one story and a statement
of each lies in one fact. Gold: the two sentences share an event chain. Metric:
pairwise precision/recall/F1 over all candidate pairs (see ../shared/eval/README.md).
Also printed: the pair model's own decision before facts are formed. The shipped
pair model was trained on these dev topics, so these figures are in-sample (the
cross-validated ones come from training/train_alignment.py); the fact decision on
top of it was trained on BASIL labels (bench/basil_facts.py), not on ECB+, whose
chains link topic-level event coreference rather than one claim: it lowers the
recall measured here by design.

Also printed, beside the metric of record: the same scores over the candidate pairs
whose two sentences are located, and how many sentences not located open as a
sentence of another document does. The events file gives some documents another's
id and topic (its "2_1ecb", filed under the Oscars topic, holds sentences of the
pirate attack that ecbplus_dev.jsonl files as "12_1ecb", in another version of the
text): their sentences can be found in no document of their id, so the pairs they
make with the rest of their real event count as misses for any system.

With `--gold-stories` the statements are aligned inside the gold events (ECB+
`subtopic`) instead of the stories found: what alignment would score with perfect
clustering, the part of the gap that clustering leaves.

Usage: python bench/ecbplus_align.py [--store FILE] [--thresholds 0.4,0.5,0.6]
                                     [--gold-stories]
  --store keeps the ingested documents between runs (ingesting takes minutes).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from common import SHARED
from eval_corpora import ecbplus_records

from storylens.compare.align import (decide_facts, embed_with_tokens, lexical_similarities,
                                     pair_probabilities, token_similarities)
from storylens.compare.speakers import unify_speakers
from storylens.compare.statements import DescribedStatement, describe
from storylens.engines.local import ingest_into
from storylens.group import StoryGrouper
from storylens.store import Store

EVENTS_DEV = SHARED / "eval" / "ecbplus" / "ecbplus_events_dev.jsonl"


@dataclass(frozen=True)
class EventSentence:
    """One annotated ECB+ sentence: its document, topic and event chains."""

    key: tuple[str, int]  # (article id, sent_id)
    topic: int
    events: frozenset[str]


@functools.lru_cache(maxsize=1)  # read by `prepare` and again by `filed_elsewhere`
def event_sentences(path: Path = EVENTS_DEV) -> dict[str, list[tuple[EventSentence, str]]]:
    """Per article id, its annotated sentences with their token texts."""
    by_article = defaultdict(list)
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        article_id = f"ecb-{doc['id']}"
        for sentence in doc["sentences"]:
            by_article[article_id].append((EventSentence(
                (article_id, sentence["sent_id"]), doc["topic"],
                frozenset(sentence["events"])), sentence["text"]))
    return by_article


def locate(text: str, tokens: str) -> tuple[int, int] | None:
    """Where a sentence given as space-joined tokens lies in a clean text.

    Spacing differs (ECB+ tokens are space-joined), so both are compared without
    whitespace and the match is mapped back to offsets of the clean text.
    """
    squeezed_positions = [k for k, c in enumerate(text) if not c.isspace()]
    squeezed = "".join(text[k] for k in squeezed_positions)
    needle = re.sub(r"\s+", "", tokens)
    found = squeezed.find(needle)
    if found < 0 or not needle:
        return None
    return squeezed_positions[found], squeezed_positions[found + len(needle) - 1] + 1


def filed_elsewhere(annotated: dict, sentences: list[EventSentence],
                    located: dict) -> int:
    """How many event sentences not located in their document's text open as a
    sentence of another document does (their first 40 characters, spaces aside): the
    events file gives some documents another's id (its "2_1ecb" holds sentences of the
    pirate attack that ecbplus_dev.jsonl files as "12_1ecb", in another version)."""
    texts = {i: re.sub(r"\s+", "", a.article.text) for i, a in annotated.items()}
    tokens = {s.key: t for items in event_sentences().values() for s, t in items}
    return sum(1 for s in sentences if s.key not in located
               and any(re.sub(r"\s+", "", tokens[s.key])[:40] in text
                       for i, text in texts.items() if i != s.key[0]))


def candidate_pairs(sentences: list[EventSentence]):
    """Pairs of annotated sentences of different documents of one topic, with gold."""
    by_topic = defaultdict(list)
    for sentence in sentences:
        by_topic[sentence.topic].append(sentence)
    for members in by_topic.values():
        for a, b in combinations(members, 2):
            if a.key[0] != b.key[0]:
                yield a, b, bool(a.events & b.events)


def ingested(records: list[dict], store_path: Path) -> dict:
    """Per record id, its annotated article: the records go through the normal path
    (JSON Lines -> ingest -> store) into `store_path` when it does not exist yet."""
    if not store_path.exists():
        corpus = store_path.with_suffix(".jsonl")
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Store(store_path) as store:
            ingest_into(store, [str(corpus)])
    with Store(store_path) as store:
        return {a.article.id: a for a in store.annotated([r["id"] for r in records])}


def prepare(store_path: Path, gold_stories: bool = False):
    """Annotated ECB+ documents, their stories (found by the clusterer, or the gold
    events), located event sentences."""
    records, gold = ecbplus_records()
    annotated = ingested(records, store_path)
    if gold_stories:
        story_of = {r["id"]: gold[r["id"]] for r in records}
    else:
        grouper = StoryGrouper()
        for r in records:
            grouper.add(annotated[r["id"]])
        story_of = {r["id"]: grouper.story_of(r["id"]) for r in records}
    located: dict[tuple[str, int], tuple[int, int]] = {}
    sentences = []
    for article_id, items in event_sentences().items():
        for sentence, tokens in items:
            sentences.append(sentence)
            place = locate(annotated[article_id].article.text, tokens)
            if place:
                located[sentence.key] = place
    return annotated, story_of, sentences, located


def story_statements(annotated, story_of) -> dict[str, tuple[list[DescribedStatement],
                                                             object, object]]:
    """Per predicted story, its described statements, their embeddings and the token
    alignment of their candidate pairs (`compare.align.token_similarities`; the
    word-piece states themselves are not kept: they would fill gigabytes)."""
    members = defaultdict(list)
    for article_id, story_id in story_of.items():
        members[story_id].append(annotated[article_id])
    result = {}
    for story_id, articles in members.items():
        speakers = unify_speakers(articles)
        described = [s for a in articles for s in describe(a, speakers)]
        embeddings, pieces = embed_with_tokens(described)
        result[story_id] = (described, embeddings, token_similarities(
            described, embeddings, lexical_similarities(described), pieces))
    return result


def statements_of_sentences(described: list[DescribedStatement], located):
    """Per located event sentence, the indices of the statements inside it."""
    inside = defaultdict(list)
    by_article = defaultdict(list)
    for key, (start, end) in located.items():
        by_article[key[0]].append((key, start, end))
    for index, statement in enumerate(described):
        s = statement.statement
        for key, start, end in by_article.get(s.article_id, ()):
            if s.start < end and start < s.end:
                inside[key].append(index)
    return inside


def score(predicted: set, pairs) -> tuple[float, float, float, int]:
    true_positive = predicted_count = gold_count = 0
    for a, b, gold in pairs:
        guess = frozenset((a.key, b.key)) in predicted
        true_positive += guess and gold
        predicted_count += guess
        gold_count += gold
    precision = true_positive / predicted_count if predicted_count else 0.0
    recall = true_positive / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, gold_count


def story_probabilities(statements, located, model=None) -> dict[str, object]:
    """Per story holding located event sentences, its statements' pair probabilities."""
    return {story_id: pair_probabilities(described, embeddings, model, tokens=tokens)
            for story_id, (described, embeddings, tokens) in statements.items()
            if statements_of_sentences(described, located)}


def aligned_pairs(statements, probabilities, located, threshold: float) -> set:
    """Event-sentence pairs predicted aligned as the brief aligns them: a statement of
    each in one fact (`compare.align.align`: the pairs the pair model accepts at
    `threshold`, the shipped fact decision, reciprocal best matches, average link)."""
    predicted = set()
    for story_id, story_probabilities in probabilities.items():
        described, embeddings, tokens = statements[story_id]
        inside = statements_of_sentences(described, located)
        fact_of = {}
        groups = decide_facts(story_probabilities, described, embeddings,
                              lexical_similarities(described), tokens,
                              pair_threshold=threshold).groups
        for fact, group in enumerate(groups):
            for index in group:
                fact_of[index] = fact
        for a, b in combinations(inside, 2):
            if a[0] != b[0] and {fact_of[i] for i in inside[a]} & {fact_of[i] for i in inside[b]}:
                predicted.add(frozenset((a, b)))
    return predicted


def pairwise_aligned(statements, probabilities, located, threshold: float) -> set:
    """Event-sentence pairs whose best statement pair reaches the threshold: the pair
    model's own decision, before facts are formed (a sentence may then align with
    several sentences of one article, as an ECB+ sentence may share several events)."""
    predicted = set()
    for story_id, story_probabilities in probabilities.items():
        inside = statements_of_sentences(statements[story_id][0], located)
        for a, b in combinations(inside, 2):
            if a[0] != b[0] and max(story_probabilities[i, j] for i in inside[a]
                                    for j in inside[b]) >= threshold:
                predicted.add(frozenset((a, b)))
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="keep the ingested documents here")
    parser.add_argument("--gold-stories", action="store_true",
                        help="align inside the gold events instead of the stories found")
    parser.add_argument("--thresholds", default=None,
                        help="comma-separated decision thresholds (default: the shipped one)")
    args = parser.parse_args()
    from storylens.compare.align import alignment_model

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        store_path = args.store or Path(folder) / "ecbplus.db"
        annotated, story_of, sentences, located = prepare(store_path, args.gold_stories)
        stories = "gold" if args.gold_stories else "found"
        pairs = list(candidate_pairs(sentences))
        print(f"{len(annotated)} documents, {len(set(story_of.values()))} stories {stories}, "
              f"{len(located)}/{len(sentences)} event sentences located, "
              f"{len(pairs)} candidate pairs ({time.perf_counter() - started:.0f} s)")
        elsewhere = filed_elsewhere(annotated, sentences, located)
        located_pairs = [p for p in pairs if p[0].key in located and p[1].key in located]
        print(f"of the {len(sentences) - len(located)} not located, {elsewhere} are sentences "
              f"opening as a sentence of another document does (the events file files them "
              f"under an id and topic not theirs); scored also: the {len(located_pairs):,} "
              f"candidate pairs whose two sentences are located")
        same_story = {frozenset((a.key, b.key)) for a, b, _ in pairs
                      if story_of[a.key[0]] == story_of[b.key[0]]}
        # Only located sentences can be aligned: the second baseline is the most the
        # alignment can reach in these stories with no discrimination inside them.
        for name, chosen in (("every pair", same_story),
                             ("every located pair", {p for p in same_story
                                                     if all(k in located for k in p)})):
            precision, recall, f1, _ = score(chosen, pairs)
            print(f"baseline, {name} inside one {stories} story: P {precision:.3f} "
                  f"R {recall:.3f} F1 {f1:.3f}")
        started = time.perf_counter()
        statements = story_statements(annotated, story_of)
        print(f"statements described and encoded in {time.perf_counter() - started:.0f} s")
    thresholds = ([float(t) for t in args.thresholds.split(",")] if args.thresholds
                  else [alignment_model()[1]])
    probabilities = story_probabilities(statements, located)
    for threshold in thresholds:
        started = time.perf_counter()
        for name, decide in (("facts (as in the brief)", aligned_pairs),
                             ("pair model alone", pairwise_aligned)):
            precision, recall, f1, gold = score(
                decide(statements, probabilities, located, threshold), pairs)
            print(f"threshold {threshold:.2f}, {name}: P {precision:.3f} R {recall:.3f} "
                  f"F1 {f1:.3f} ({gold} aligned pairs; {time.perf_counter() - started:.0f} s)")
            precision, recall, f1, gold = score(
                decide(statements, probabilities, located, threshold), located_pairs)
            print(f"    located pairs only: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
                  f"({gold} aligned pairs)")


if __name__ == "__main__":
    main()
