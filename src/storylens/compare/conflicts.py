"""Conflicts: statements of one fact, from different origins, that disagree.

A conflict is claimed only where the difference is more than wording. Two
statements of one fact conflict when they are closely aligned (high pair probability
and much shared wording, so they truly tell the same thing) and

- number: each gives exactly one quantity of the same unit (and target year), and
  the values differ by more than rounding ("12 people" / "15 people"; "$43 million"
  is no conflict with "$43,885,310": the rounder figure is only good to a million),
  in articles published on the same day (a tally a day later may have moved on),
  naming the same day for what they count if any ("four officers were injured
  Wednesday night" is no other tally of the night before, told by an article of
  Wednesday naming no day), unless each names someone or something and none alike
  (figures of two things);
- date: each gives exactly one date, of the same precision (a day, a month or a
  year: "since 2002" / "since 2003"; a day and its year never conflict), in other
  words (two outlets' "Friday" resolved to different weeks disagree only on when
  their articles are dated), both dating what happened or both when it was said
  ("in a statement Sunday" against "performed Monday" is two moments), and the
  dates differ;
- polarity: one of them negates what the other affirms: a negation ("did not",
  "never", "denied") between two words the other statement has side by side, with
  no negation ("the minister did not resign" / "the minister resigned"). A negation
  of something the other does not say ("it should not happen that he comes" / "he
  comes") is the one outlet's longer cut, not a disagreement, nor are the words of
  two speakers, or of a speaker not named ("I don't remember," he said / "I
  remember …," she said);
- name: outlets credit the same verbatim quote to different people (from the story
  quotes): both carry it in quote marks, nearly word for word, and the two names
  are not one speaker's (`quotes.one_speaker`, the test the brief's "outlets
  disagree on who said it" uses: neither name holds the other's surname). A
  paraphrase that two people both voiced, or one outlet quoting a speaker quoting
  another, is not.

Counts are also compared across facts, as outlets that disagree on a count often
word the rest differently ("injuring 12 people" / "Fourteen people were injured,
according to the health service"): two statements of different origins, similar in
meaning, each giving one count of the same thing (`quantities.is_count`: people,
not money or shares, of which one event has many) as the same toll, a word right
beside it naming who was killed, injured, arrested… ("injur…"; `TOLL_STEMS`),
conflict when the values differ, of the same moment as above, unless
the statements name places and none of them alike (counts of New York and of the
US), or one names a place the other article never names, or a count is part of a
toll ("including 225 children", "9 killed since Wednesday"). Other counts alike in
wording are mostly counts of two
things ("held three events" / "held four campaign events", of two candidates; "has
845 delegates" / "needs 1,237 delegates"): on 2,000 AllSides articles, each one
claimed before this rule was such a pair.

Places are not compared: without a gazetteer "Tokyo" and "Japan" would look like a
disagreement, and an invented conflict costs a reader's trust more than a missed one.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Sequence

import numpy as np

from ..group.features import words
from ..model import (AnnotatedArticle, Conflict, ConflictSide, Fact,
                     QuoteCarrier, Statement, StoryQuote)
from ..understand.quantities import is_count
from ..understand.quotes.features import SPEECH_VERBS
from .align import closely_aligned, same_voice
from .figures import by_unit, disagreeing_figures, values_differ
from .polarity import opposite_polarity
from .quotes import one_speaker, stems, verbatim_alike
from .statements import DescribedStatement
from .timeline import bound_word

#: How similar in meaning two statements of different facts must be for their
#: counts to be compared.
MIN_COUNT_COSINE = 0.5
#: Content words either side of a count that say what it counts: the nearest.
COUNT_CONTEXT_WORDS = 1
#: Stems (`quotes.stems`) of the words that make a count an event's toll: the
#: counts outlets give differently of one event (the killed, the injured, the
#: arrested). Other counts in two statements alike in meaning are mostly counts of
#: two things ("held three events" / "held four campaign events", by two
#: candidates; "has 845 delegates" / "needs 1,237 delegates").
TOLL_STEMS = frozenset({
    "kille", "dead", "died", "death", "dies", "injur", "hurt", "wound", "missi",
    "arres", "detai", "evacu", "displ", "hospi", "rescu", "victi", "casua", "fatal",
    "slain", "infec", "sicke"})
#: A count of part of a toll: "including 225 children", "9 killed since the
#: delegation arrived".
_PARTIAL_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s*$", re.IGNORECASE)
_PARTIAL_AFTER = re.compile(r"^(?:\W*\w+){0,3}?\W+since\b", re.IGNORECASE)
#: Days apart two articles' figures may be and still count one moment: a toll or a
#: tally reported on another day may have moved on ("113 Palestinians killed" on
#: one day, "more than 130" the next; "83,652 cases" in February, "3.3 million" in
#: July), which is news, not a disagreement.
MAX_COUNT_DAYS = 0
#: Date precisions compared; a season, a quarter or a decade is too loose a name for
#: two outlets to be said to disagree on it.
COMPARED_GRANULARITIES = frozenset({"day", "month", "year"})


def _number_conflict(a: DescribedStatement, b: DescribedStatement) -> tuple[str, str] | None:
    # Two statements naming no one and nothing alike give figures of two things
    # ("Rubio and allies have spent $9.4 million" / "the candidates had spent at
    # least $30 million, according to Kantar Media").
    if a.names and b.names and not a.names & b.names:
        return None
    return disagreeing_figures(a.text, a.quantities, b.text, b.quantities)


def one_voice(a: DescribedStatement, b: DescribedStatement) -> bool:
    """Do the statements speak with one voice: the outlets' own words, or the words
    of one known speaker? A quote of someone unnamed may be anyone's ("I don't
    remember," he said / "I remember …," she said)."""
    if not (a.verbatim or b.verbatim):
        return True
    return bool(a.speaker and b.speaker) and same_voice(a, b)


#: A negated state told in the present ("have not been charged", "is not under
#: investigation"): true when written, and it may change by a later day's article
#: ("were also charged"), which is news, not a disagreement.
_PRESENT_STATE = re.compile(r"\b(?:has|have|is|are|am|remains?)\s+(?:not|never|yet\s+to)\b"
                            r"|\b(?:hasn|haven|isn|aren)['’]t\b", re.IGNORECASE)


def _same_moment(a: Statement, b: Statement, articles) -> bool:
    """Do the two statements' figures count one moment? Their articles were
    published close enough in time (see MAX_COUNT_DAYS; undated articles give no
    moment to tell apart, so two of them are compared; one dated and one not are
    not, as nothing says which tally the undated one gave), and the days they name
    for what they count agree: a figure of "Wednesday night" is none an article of
    Wednesday telling no day could have given (it counted the night before)."""
    first = articles[a.article_id].article.published
    second = articles[b.article_id].article.published
    if first is None or second is None:
        return first is None and second is None
    if abs((first - second).days) > MAX_COUNT_DAYS:
        return False
    days_a, days_b = _event_days(a, articles), _event_days(b, articles)
    if days_a and days_b:
        return bool(days_a & days_b)
    if days_a or days_b:
        dated, undated_published = (days_a, second) if days_a else (days_b, first)
        return undated_published > max(dated)
    return True


def _event_days(statement: Statement, articles) -> set:
    """The days a statement names for what happened, not for when it was said."""
    annotated = articles[statement.article_id]
    return {t.date for t in annotated.times
            if t.date is not None and t.granularity == "day"
            and statement.start <= t.start and t.end <= statement.end
            and not _dates_a_report(annotated.article.text, t)}


_WORD = re.compile(r"[A-Za-z]+")
#: Words that make a date the date of a statement ("said Sunday", "in a statement
#: Sunday", "told reporters on Monday"), not of the event the statement tells.
_REPORT_WORDS = SPEECH_VERBS | {"statement", "interview", "conference", "briefing",
                                "announced", "announcement", "tweeted", "tweet"}


def _dates_a_report(text: str, time) -> bool:
    """Whether a time expression dates a statement rather than an event: a word of
    saying among the two words on either side of it ("said it was performed Monday"
    dates the performing)."""
    around = _WORD.findall(text[max(0, time.start - 40):time.start])[-2:] + \
        _WORD.findall(text[time.end:time.end + 40])[:2]
    return any(word.lower() in _REPORT_WORDS for word in around)


#: A conjunction opening a temporal clause, and what may close the clause before a
#: date: a clause's date dates the clause's event ("McConnell accused Pelosi … after
#: she threw uncertainty into the process late Wednesday"), not the statement's.
_TEMPORAL_CONJUNCTION = re.compile(r"\b(?:after|before|when|while|until|once)\s+(?=\S)",
                                   re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")


def _in_temporal_clause(text: str, statement: Statement, time) -> bool:
    """Whether `time` lies in a temporal clause of the statement, two words or more
    after its conjunction ("after she threw … late Wednesday"; "after Wednesday's
    vote" is a bound, `bound_word`'s)."""
    openers = list(_TEMPORAL_CONJUNCTION.finditer(text, statement.start, time.start))
    if not openers:
        return False
    between = text[openers[-1].end():time.start]
    return len(between.split()) >= 2 and not _CLAUSE_BREAK.search(between)


def _words_of(text: str) -> list[str]:
    return text.lower().split()


def _date_conflict(a, b, articles) -> tuple[str, str] | None:
    def dated(statement: Statement):
        return [t for t in articles[statement.article_id].times
                if t.date is not None and t.granularity in COMPARED_GRANULARITIES
                and statement.start <= t.start and t.end <= statement.end]

    first, second = dated(a), dated(b)
    if (len(first) == 1 and len(second) == 1
            and first[0].granularity == second[0].granularity
            and first[0].date != second[0].date
            # a deadline and an event's date are no two answers to one question;
            # "since 2002" and "since 2003" are
            and bound_word(articles[a.article_id].article.text, first[0])
            == bound_word(articles[b.article_id].article.text, second[0])
            # when a statement was made is not when what it tells happened
            and _dates_a_report(articles[a.article_id].article.text, first[0])
            == _dates_a_report(articles[b.article_id].article.text, second[0])
            # nor is the date of what a clause says came before or after it
            and not _in_temporal_clause(articles[a.article_id].article.text, a, first[0])
            and not _in_temporal_clause(articles[b.article_id].article.text, b, second[0])
            # the same words ("Friday", "tonight"): the outlets agree, and only the
            # dates their articles give them to resolve against differ
            and _words_of(first[0].text) != _words_of(second[0].text)):
        return (f"{first[0].text} ({first[0].date.isoformat()})",
                f"{second[0].text} ({second[0].date.isoformat()})")
    return None


def fact_conflicts(facts: Sequence[Fact], described: Sequence[DescribedStatement],
                   probabilities: np.ndarray, lexical: np.ndarray,
                   articles: Sequence[AnnotatedArticle]) -> list[Conflict]:
    """Number, date and polarity conflicts between closely aligned statements."""
    index_of = {s.statement: k for k, s in enumerate(described)}
    by_id = {a.article.id: a for a in articles}
    conflicts = []
    for fact in facts:
        if len(fact.origins) < 2:
            continue
        origin_of = {article_id: n for n, origin in enumerate(fact.origins)
                     for article_id in origin}
        found: dict[str, list[tuple[Statement, str]]] = {}
        for a, b in combinations(fact.statements, 2):
            i, j = index_of[a], index_of[b]
            if origin_of[a.article_id] == origin_of[b.article_id] \
                    or not closely_aligned(probabilities[i, j], lexical[i, j]):
                continue
            for kind, values in (
                    ("number", _same_moment(a, b, by_id)
                     and _number_conflict(described[i], described[j])),
                    ("date", _date_conflict(a, b, by_id)),
                    ("polarity", one_voice(described[i], described[j])
                     and (_same_moment(a, b, by_id) or not (
                         _PRESENT_STATE.search(described[i].text)
                         or _PRESENT_STATE.search(described[j].text)))
                     and opposite_polarity(described[i].text, described[j].text))):
                if values and kind not in found:
                    found[kind] = [(a, values[0]), (b, values[1])]
        conflicts += [Conflict(fact.id, kind, tuple(ConflictSide(s, v) for s, v in sides))
                      for kind, sides in found.items()]
    return conflicts


#: Marks that open a quotation.
_OPENING_MARKS = frozenset("\"“‘'«")


def _miscredited(x: QuoteCarrier, y: QuoteCarrier, texts: dict[str, str],
                 people: set[str]) -> bool:
    """Two outlets crediting one verbatim quote, in quote marks in both, to two
    different named people (a post signed by its author holds the author's words,
    which may well report someone else's: "Comey admits that he asked a friend …")."""
    first, second = texts[x.article_id][x.start:x.end], texts[y.article_id][y.start:y.end]
    return (x.outlet != y.outlet and x.kind == y.kind == "direct"
            and first[:1] in _OPENING_MARKS and second[:1] in _OPENING_MARKS
            and x.speaker in people and y.speaker in people
            and not one_speaker(x.speaker, y.speaker)
            and verbatim_alike(first, second))


def speaker_conflicts(facts: Sequence[Fact], quotes: Sequence[StoryQuote],
                      articles: Sequence[AnnotatedArticle]) -> list[Conflict]:
    """Verbatim quotes that outlets credit to different speakers (see the module
    notes), tied to the fact holding them."""
    texts = {a.article.id: a.article.text for a in articles}
    # A quote one outlet gives a person and another the person's party or office is
    # no disagreement about who spoke.
    people = {e.name for a in articles for e in a.named_entities if e.label == "PERSON"}
    conflicts = []
    for quote in quotes:
        if len(quote.speakers) < 2:
            continue
        credited = [c for c in quote.carriers if c.speaker]
        pair = next(((x, y) for x, y in combinations(credited, 2)
                     if x.speaker != y.speaker and _miscredited(x, y, texts, people)), None)
        if pair is None:
            continue
        fact = next((f for f in facts for s in f.statements for c in pair
                     if s.article_id == c.article_id and s.start < c.end and c.start < s.end),
                    None)
        if fact is not None:
            conflicts.append(Conflict(fact.id, "name", tuple(
                ConflictSide(Statement(c.article_id, c.start, c.end), c.speaker)
                for c in pair)))
    return conflicts


def _toll_of(text: str, statement: Statement, quantity) -> frozenset[str]:
    """What toll a count gives: the toll stems (`TOLL_STEMS`) among the words right
    around it in its statement; none when it counts only part of one."""
    preceding = text[statement.start:quantity.start]
    following = text[quantity.end:statement.end]
    if _PARTIAL_BEFORE.search(preceding) or _PARTIAL_AFTER.match(following):
        return frozenset()
    before = words(preceding)[-COUNT_CONTEXT_WORDS:]
    after = words(following)[:COUNT_CONTEXT_WORDS]
    return (stems(" ".join(before + after)) - stems(quantity.text)) & TOLL_STEMS


def _elsewhere(a: DescribedStatement, b: DescribedStatement, text_a: str, text_b: str
               ) -> bool:
    """May the statements count in two places? Both name places, none of them
    shared ("150,000 cases" in New York, "364,000" in the US), or one names a place
    the other's article (`text_a`, `text_b`) never names ("Denver police arrested 11
    people" against a Baltimore report's "over two dozen people were arrested"; "the
    U.S. … killed over 200 people in Mosul" against "the U.S. attack killed six
    people" in Syria)."""
    if a.places and b.places and not a.places & b.places:
        return True
    return any(place not in text_b for place in a.places) or \
        any(place not in text_a for place in b.places)


def count_conflicts(facts: Sequence[Fact], described: Sequence[DescribedStatement],
                    cosines: np.ndarray, articles: Sequence[AnnotatedArticle],
                    found: Sequence[Conflict] = ()) -> list[Conflict]:
    """Counts that differ between statements of different facts (see module notes).

    `found` are conflicts already claimed, so a disputed fact is reported once.
    """
    fact_of = {s: f for f in facts for s in f.statements}
    origin_of = {(f.id, a): n for f in facts for n, origin in enumerate(f.origins)
                 for a in origin}
    by_id = {a.article.id: a for a in articles}
    counted = []
    for index, item in enumerate(described):
        statement = item.statement
        for unit, quantities in by_unit(item.quantities).items():
            if len(quantities) == 1 and statement in fact_of and is_count(quantities[0].unit):
                context = _toll_of(by_id[statement.article_id].article.text,
                                   statement, quantities[0])
                counted.append((index, statement, unit, quantities[0], context))
    disputed = {c.fact_id for c in found if c.kind == "number"}
    conflicts = []
    for (i, a, unit_a, first, context_a), (j, b, unit_b, second, context_b) in combinations(
            counted, 2):
        fact_a, fact_b = fact_of[a], fact_of[b]
        if (unit_a != unit_b or fact_a.id == fact_b.id or fact_a.id in disputed
                or a.article_id == b.article_id or not context_a & context_b
                or cosines[i, j] < MIN_COUNT_COSINE or not _same_moment(a, b, by_id)
                or _elsewhere(described[i], described[j], by_id[a.article_id].article.text,
                              by_id[b.article_id].article.text)):
            continue
        if (fact_a.id, a.article_id) in origin_of and origin_of[(fact_a.id, a.article_id)] \
                == origin_of.get((fact_a.id, b.article_id)):
            continue
        text_a = by_id[a.article_id].article.text
        text_b = by_id[b.article_id].article.text
        if values_differ(first, second, text_a[max(0, first.start - 30):first.start],
                         text_b[max(0, second.start - 30):second.start],
                         text_a[first.end:first.end + 30], text_b[second.end:second.end + 30]):
            disputed.add(fact_a.id)
            conflicts.append(Conflict(fact_a.id, "number", (ConflictSide(a, first.text),
                                                            ConflictSide(b, second.text))))
    return conflicts
