"""Framing signals: whom each outlet lets speak, what it leads with, which words it picks.

Framing is "selecting some aspects of a perceived reality and making them more
salient" (Entman, 1993). Three of its plainest traces are measurable without
judging the reporting:

- voices — the share of an outlet's quotes each speaker gets (source selection);
- lead — the fact an outlet states first (news puts what it deems most important
  at the top: the inverted pyramid);
- word choice — different words for the same thing ("military" / "defence"
  spending, "killed" / "died", "the regime" / "the government"), the lexical
  framing of Recasens et al. (2013, "Linguistic models for analyzing and detecting
  biased language").

Word choices are found two ways, both conservative, as a false choice is worse than
a missed one:

1. within a fact, where outlets word one event side by side: a word-level diff of
   two outlets' aligned statements (difflib) keeps a replaced stretch of one or two
   content words flanked by identical words on both sides — the same slot filled
   differently. Names, numbers and dates (any spaCy entity), words inside direct
   quotes (the speaker's, not the outlet's), stop words, mere inflection ("plan" /
   "plans") and neutral reporting verbs ("said" / "told") are not choices;
2. the descriptions outlets give one story-wide entity ("the regime" for another's
   "the government"), reported only when one outlet's holds a label known to be
   loaded (`LOADED_LABELS`) and another outlet's does not: most differing
   descriptions ("the NATO chief" / "the secretary general") are mere variation.

Articles without an outlet are counted as their own voice, as everywhere in compare
(`corroborate.outlet_of`: the web site, file or id), never merged with one another.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from ..disjoint import DisjointSets
from ..group.features import normalise_word
from ..model import (AnnotatedArticle, Fact, OutletFraming, QuoteCarrier, Statement,
                     StoryQuote, WordChoice)
from ..understand.quotes.features import SPEECH_VERBS
from .corroborate import outlet_of
from .quotes import STEM_LETTERS, source_words

#: The voice of quotes whose speaker is neither resolved nor named in the text.
UNATTRIBUTED = "unattributed"
#: Longest replaced stretch, in words, that counts as one word choice.
MAX_CHOICE_WORDS = 2
#: Words of context shown on each side of a choice's slot in its `concept`.
CONTEXT_WORDS = 3
#: Labels for people, groups and governments that carry a judgement (after the
#: loaded terms news style guides warn about: "regime", "militants", "terrorists").
LOADED_LABELS = frozenset({
    "regime", "junta", "dictator", "dictatorship", "strongman", "autocrat", "tyrant",
    "militant", "militants", "terrorist", "terrorists", "insurgent", "insurgents",
    "rebel", "rebels", "separatist", "separatists", "extremist", "extremists",
    "jihadist", "jihadists", "radical", "radicals", "thug", "thugs", "mob", "rioter",
    "rioters", "looter", "looters", "warlord", "warlords", "occupier", "occupiers",
    "invader", "invaders", "puppet", "cronies", "propagandist", "propagandists"})

#: Words that turn a slot's meaning around (conflicts, not choices, report those).
_NEGATIONS = frozenset({"not", "no", "never", "without", "nor"})
#: Particles that make a phrasal verb mean something else than its verb.
_PARTICLES = frozenset({"down", "up", "off", "out", "back", "away", "over"})
_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)


# -- voices and leads ---------------------------------------------------------------------

def _voice(carrier: QuoteCarrier, annotated: AnnotatedArticle) -> str:
    """Whom a carrier credits: its story-wide speaker, else the words of a source
    the text leaves unnamed (`compare.quotes.source_words`)."""
    if carrier.speaker:
        return carrier.speaker
    quote = next((q for q in annotated.quotes
                  if (q.content.start, q.content.end) == (carrier.start, carrier.end)), None)
    return (source_words(annotated, quote) if quote else None) or UNATTRIBUTED


def _lead(outlet_articles: list[str], statements: Mapping[str, list[tuple[int, str]]]
          ) -> str | None:
    """The fact stated earliest in the outlet's first article that states any."""
    for article_id in outlet_articles:
        if statements.get(article_id):
            return min(statements[article_id])[1]
    return None


def outlet_framing(articles: Sequence[AnnotatedArticle], story_quotes: Sequence[StoryQuote],
                   facts: Sequence[Fact]) -> tuple[OutletFraming, ...]:
    """Per outlet, in order of first article: its voices and the fact it leads with.

    Args:
        articles: the story's annotated articles, in story order.
        story_quotes: the story's quotes (`compare.quotes.story_quotes`); each
            carrier in an outlet's article is one of its quotes.
        facts: the story's facts; `lead` is the one whose statement starts first.

    Returns:
        `voices` as (speaker, share) pairs, largest share first (then by name);
        a quote with no resolved speaker counts under its source's words ("domestic
        sources"), or `UNATTRIBUTED` when the text names none.
    """
    by_id = {a.article.id: a for a in articles}
    outlets: dict[str, list[str]] = defaultdict(list)
    for annotated in articles:
        outlets[outlet_of(annotated.article)].append(annotated.article.id)
    voices: dict[str, Counter] = defaultdict(Counter)
    for quote in story_quotes:
        for carrier in quote.carriers:
            annotated = by_id.get(carrier.article_id)
            if annotated is not None:
                voices[outlet_of(annotated.article)][_voice(carrier, annotated)] += 1
    statements: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for fact in facts:
        for statement in fact.statements:
            statements[statement.article_id].append((statement.start, fact.id))
    framing = []
    for outlet, article_ids in outlets.items():
        counts = voices[outlet]
        total = sum(counts.values())
        shares = sorted(((name, n / total) for name, n in counts.items()),
                        key=lambda item: (-item[1], item[0]))
        framing.append(OutletFraming(outlet, tuple(shares), _lead(article_ids, statements)))
    return tuple(framing)


# -- word choices ------------------------------------------------------------------------

def _taken_spans(annotated: AnnotatedArticle) -> tuple[list[int], list[int]]:
    """The article's character stretches whose words are never the outlet's choice
    (spaCy entities and direct quotes), merged and sorted as (starts, ends) for
    bisection."""
    spans = sorted([(e.start, e.end) for e in annotated.entities] + [
        (q.content.start, q.content.end) for q in annotated.quotes if q.kind == "direct"])
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _tokens(annotated: AnnotatedArticle, statement: Statement,
            taken: tuple[list[int], list[int]]) -> list[tuple[str, bool]]:
    """The statement's words, each with whether it may be a choice: a content word
    outside every `taken` stretch (`_taken_spans`) and not capitalised mid-text."""
    starts, ends = taken
    tokens = []
    for match in _TOKEN.finditer(annotated.article.text, statement.start, statement.end):
        word = match.group()
        # The last taken stretch starting before the word's end overlaps it if it
        # ends after the word's start (stretches are merged, so no other can).
        before = bisect.bisect_left(starts, match.end()) - 1
        free = (word.isalpha() and normalise_word(word) is not None
                and not (word[:1].isupper() and tokens)
                and not (before >= 0 and ends[before] > match.start()))
        tokens.append((word, free))
    return tokens


_INFLECTIONS = frozenset({"", "s", "es", "ies", "d", "ed", "ied", "ing", "e", "y", "er", "est"})


def same_lemma(a: str, b: str) -> bool:
    """Two forms of one word ("plans" / "planned", "carry" / "carried", "die" /
    "died"): past their common beginning both are inflectional endings (a doubled
    consonant allowed). Without a lemmatizer in the pipeline, this is the check."""
    a, b = a.lower(), b.lower()
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    if common < 3:
        return False
    rests = [w[common:] for w in (a, b)]
    rests = [r[1:] if r[:1] == a[common - 1] and r[1:] in _INFLECTIONS else r for r in rests]
    return all(r in _INFLECTIONS for r in rests)


def _same_words(ours: list[str], theirs: list[str]) -> bool:
    """The two stretches are one wording up to inflection and spelling ("defence")."""
    return len(ours) == len(theirs) and all(
        same_lemma(x, y) or x.lower()[:STEM_LETTERS] == y.lower()[:STEM_LETTERS]
        for x, y in zip(ours, theirs))


def _has_content(tokens: list[tuple[str, bool]], start: int, end: int) -> bool:
    return any(normalise_word(word) for word, _ in tokens[start:end])


def _substitutions(a: list[tuple[str, bool]], b: list[tuple[str, bool]]
                   ) -> list[tuple[str, str, str]]:
    """(word of a, word of b, context) for each slot the two wordings fill differently."""
    lower_a, lower_b = [w.lower() for w, _ in a], [w.lower() for w, _ in b]
    opcodes = difflib.SequenceMatcher(None, lower_a, lower_b, autojunk=False).get_opcodes()
    found = []
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op != "replace" or not 0 < k < len(opcodes) - 1 or not (
                _has_content(a, *opcodes[k - 1][1:3]) and _has_content(a, *opcodes[k + 1][1:3])):
            continue  # a slot needs identical words, not just "the … of", on both sides
        if max(i2 - i1, j2 - j1) > MAX_CHOICE_WORDS or (i2 - i1) + (j2 - j1) > MAX_CHOICE_WORDS + 1:
            continue  # one word for one or two: "invasion" / "military operation"
        ours = [w for w, free in a[i1:i2] if free]
        theirs = [w for w, free in b[j1:j2] if free]
        if (len(ours) != len([w for w in a[i1:i2] if normalise_word(w[0])])
                or len(theirs) != len([w for w in b[j1:j2] if normalise_word(w[0])])):
            continue  # a name, number or date in the slot: not a word choice
        if not ours or not theirs or _same_words(ours, theirs):
            continue
        # "said" vs "told" is no choice (but "said" vs "claimed" is)
        if {w.lower() for w in ours + theirs} <= SPEECH_VERBS:
            continue
        if any(w in _NEGATIONS or w in _PARTICLES or w.endswith(("n't", "n’t"))
               for w in lower_a[i1:i2] + lower_b[j1:j2]):
            continue  # "did not win" / "lost": a polarity conflict, not a choice;
            # "turned down" / "accepted": a phrasal verb is not its verb
        before = " ".join(w for w, _ in a[max(0, i1 - CONTEXT_WORDS):i1])
        after = " ".join(w for w, _ in a[i2:i2 + CONTEXT_WORDS])
        found.append((" ".join(ours), " ".join(theirs), f"{before} … {after}"))
    return found


def _fact_choices(fact: Fact, by_id: Mapping[str, AnnotatedArticle],
                  taken: Mapping[str, tuple[list[int], list[int]]]) -> list[WordChoice]:
    """The word choices between the outlets' statements of one fact.

    Substitutions sharing a word fill one slot ("killed"/"died" and "died"/"perished"
    are one choice of three words), joined as disjoint sets of words.
    """
    statements = [s for s in fact.statements if s.article_id in by_id]
    if len({outlet_of(by_id[s.article_id].article) for s in statements}) < 2:
        return []  # most facts: nothing to compare, and tokens are the costly part
    worded = [(outlet_of(by_id[s.article_id].article),
               _tokens(by_id[s.article_id], s, taken[s.article_id])) for s in statements]
    words: DisjointSets[str] = DisjointSets()
    found = []
    for n, (outlet_a, tokens_a) in enumerate(worded):
        for outlet_b, tokens_b in worded[n + 1:]:
            if outlet_a != outlet_b:
                for ours, theirs, context in _substitutions(tokens_a, tokens_b):
                    words.union(ours.lower(), theirs.lower())
                    found.append((outlet_a, ours, outlet_b, theirs, context))
    slots: dict[str, tuple[str, set[tuple[str, str]]]] = {}
    for outlet_a, ours, outlet_b, theirs, context in found:
        _, users = slots.setdefault(words.find(ours.lower()), (context, set()))
        users |= {(outlet_a, ours), (outlet_b, theirs)}
    return [WordChoice(context, tuple(sorted(users)))
            for context, users in slots.values() if _is_choice(users)]


def _is_choice(users: set[tuple[str, str]]) -> bool:
    """Two or more outlets and two or more words."""
    return (len({outlet for outlet, _ in users}) > 1
            and len({word.lower() for _, word in users}) > 1)


def _description_choices(articles: Sequence[AnnotatedArticle],
                         speakers: Mapping[tuple[str, str], str]) -> list[WordChoice]:
    """Descriptions of one story-wide entity that differ across outlets, one loaded."""
    # an outlet's description once however it is capitalised ("the president", "The
    # President" opening a sentence)
    described: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for annotated in articles:
        outlet = outlet_of(annotated.article)
        for entity in annotated.named_entities:
            name = speakers.get((annotated.article.id, entity.name), entity.name)
            for alias in entity.aliases:
                if alias[:1].islower() or alias.lower().startswith("the "):
                    alias = " ".join(alias.split())
                    described[name].setdefault((outlet, alias.lower()), alias)
    choices = []
    for name, written in described.items():
        users = {(outlet, alias) for (outlet, _), alias in written.items()}
        loaded = {outlet for outlet, alias in users
                  if LOADED_LABELS & set(re.findall(r"\w+", alias.lower()))}
        if loaded and {outlet for outlet, _ in users} - loaded and _is_choice(users):
            choices.append(WordChoice(name, tuple(sorted(users))))
    return choices


def word_choices(articles: Sequence[AnnotatedArticle], facts: Sequence[Fact],
                 speakers: Mapping[tuple[str, str], str]) -> tuple[WordChoice, ...]:
    """Different words outlets use for the same thing (see the module notes).

    Args:
        articles: the story's annotated articles.
        facts: the story's facts; their statements are the aligned wordings.
        speakers: (article id, local name) → story-wide name
            (`compare.speakers.unify_speakers`), to join entity descriptions.

    Returns:
        Word choices, those found in facts first (in fact order), each with the
        (outlet, words) pairs of every outlet using one of the words there; choices
        with the same words are given once.
    """
    by_id = {a.article.id: a for a in articles}
    taken = {article_id: _taken_spans(a) for article_id, a in by_id.items()}
    choices, seen = [], set()
    for choice in [c for f in facts for c in _fact_choices(f, by_id, taken)] + \
            _description_choices(articles, speakers):
        key = frozenset(word.lower() for _, word in choice.words)
        if key not in seen:
            seen.add(key)
            choices.append(choice)
    return tuple(choices)
