"""The story's timeline: its dated events, in order, each with the sentences dating it.

Every resolved time expression of every article (`understand.timex`) dates the
sentence it stands in: that sentence — or, when it is long, the clause holding the
expression (`compare.statements.clauses`) — is the event. In the manner of
TimeML-style timeline construction across documents (the SemEval-2015 TimeLine
task, Minard et al. 2015) the same event dated by several articles is one entry:
entries of one date that report the same fact, or whose wordings share most
content words, are merged with all their statements.

An article without a publication date cannot resolve "on Tuesday"; it borrows its
story's anchor: its relative expressions are resolved again against the story's
`first_published` (`timex.resolve_times`), as the reports of one story are
normally published within days of each other.

Not every expression dates an event, and those are skipped:

- a bound rather than a date ("since the 1940s", "until 2025", "by 2027",
  "before Tuesday"): the event did not happen then;
- "today", "yesterday" and the like inside a direct quote: they count from the
  day the speaker spoke, which the article does not give (the publication is
  often a day later), and are as often rhetoric ("Today, the global order is
  under threat");
- "today" set against "tomorrow" or "yesterday" in one sentence ("what happens in
  Europe today could happen in Asia tomorrow"): now against then, not two days;
- a line with little but the date, or the publication date on a line that is no
  sentence (a dateline, "Updated February 2, 2023 10:15 GMT"): it adds no event
  to the day the story is published.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping, Sequence

from ..group.features import words
from ..model import (GRANULARITIES, AnnotatedArticle, Fact, Span, Statement, Story,
                     TimeExpression, TimelineEntry)
from ..understand.timex import resolve_times
from .statements import clauses, is_about_the_report, is_credit_line, named_wording

#: Words before an expression that make it a bound, not the date of the event.
_BOUND = re.compile(r"(?i:\b(since|until|till|by|before|after|through)\s+(?:the\s+)?)$")
_BOUND_START = re.compile(r"(?i:(since|until|till|by|before|after|through)\b)")
#: A year naming a law or pact ("the 1807 Insurrection Act", "the 2015 Paris climate
#: agreement") or a contest ("interference in the 2016 election", "his 2016 campaign"):
#: when it was made or held, not when what the sentence tells happened (one story on
#: the Mueller report had put 27 sentences on 2016 for "the 2016 election").
_NAMING_YEAR = re.compile(r"(?i:\s+(?:[\w-]+\s+){0,3}?(?:act|law|ban|treaty|accords?|"
                          r"agreement|amendment|convention|statute|charter|pact|deal|"
                          r"elections?|campaigns?|race|primary|primaries|cycle|census)\b)")
#: Where a long clause may be cut into phrases.
_PHRASE_BREAK = re.compile(r",\s+|\s+[—–-]+\s+|—|:\s+")
#: Expressions counted from the moment of speaking ("today", "yesterday").
_DEICTIC = re.compile(r"(?i:(?:the\s+day\s+(?:before|after)\s+)?"
                      r"(?:today|tomorrow|yesterday|tonight)|this\s+(?:morning|afternoon|evening))$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
#: Content words an event needs besides its date (a dateline has none).
MIN_EVENT_WORDS = 2
#: A sentence longer than this (in words) is cut to the clause holding the date.
LONG_SENTENCE_WORDS = 35
#: Share of the shorter event's content words the other holds to be the same event.
SAME_EVENT_SHARE = 0.6


def _times(annotated: AnnotatedArticle, story: Story) -> tuple[TimeExpression, ...]:
    """The article's expressions, resolved against the story's anchor when undated."""
    article = annotated.article
    if article.published is None and story.first_published is not None:
        return resolve_times(article.text, annotated.times, story.first_published)
    return annotated.times


def _word_count(text: str, span: Span) -> int:
    return len(text[span.start:span.end].split())


def _event_span(text: str, sentence: Span, time: TimeExpression) -> Span:
    """The sentence, or when it is long the clause holding `time`, and when that is
    long still the phrases around `time` between commas, dashes or colons, taken
    while they fit in `LONG_SENTENCE_WORDS` (the nearest on the left first: the
    subject of the event usually stands before its date)."""
    if _word_count(text, sentence) <= LONG_SENTENCE_WORDS:
        return sentence
    clause = next((c for c in clauses(text, sentence) if c.start <= time.start < c.end),
                  sentence)
    if _word_count(text, clause) <= LONG_SENTENCE_WORDS:
        return clause
    cuts = [clause.start, *(m.end() for m in _PHRASE_BREAK.finditer(text, clause.start, clause.end)
                            if not m.start() < time.end or m.end() <= time.start),
            clause.end]
    pieces = [Span(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]
    first = last = next(k for k, p in enumerate(pieces) if p.start <= time.start < p.end)
    while True:
        for k in (first - 1, last + 1):
            if 0 <= k < len(pieces) and _word_count(text, Span(
                    pieces[min(first, k)].start, pieces[max(last, k)].end)) <= LONG_SENTENCE_WORDS:
                first, last = min(first, k), max(last, k)
                break
        else:
            break
    end = pieces[last].end
    return Span(pieces[first].start, pieces[first].start + len(
        text[pieces[first].start:end].rstrip(" \n,;:—–-")))


def bound_word(text: str, time: TimeExpression, start: int = 0) -> str | None:
    """The word making `time` a bound of a span rather than an event's date ("since
    2021", "until June", "by the 1990s"), lower-cased, else None; `start` is where
    the words before it may be looked for (its sentence's start). Timex keeps
    "since", "until" and "by" in the expression, hence both places."""
    found = _BOUND.search(text[max(start, time.start - 20):time.start]) or \
        _BOUND_START.match(time.text)
    return found.group(1).lower() if found else None


#: A comparison with a time, up to the time expression: "fewer ships than we did in
#: 1916", "greater than it was four years ago", "smaller than at any time since":
#: the time is a yardstick, not when something happened.
_COMPARED_TIME = re.compile(
    r"\bthan\s+(?:(?:we|it|you|he|she|they|i|there)\s+\w+\b|at\s+any\s+(?:time|point)\b"
    r"|ever\b|in\b|during\b|before\b)[^,;.]*$", re.IGNORECASE)


def _dates_an_event(annotated: AnnotatedArticle, span: Span, time: TimeExpression) -> bool:
    """False for a bound ("since 2021"), a year naming a law or a contest ("the 1807
    Insurrection Act", "the 2016 election"), a comparison's yardstick ("fewer ships
    than in 1916"), a quoted "today", a line holding little but the date, a dateline
    (the publication date on a line that is no sentence), a credit line (an embedded
    post's signature, "Ana Lee (@analee) June 1, 2017", dates the post the lines
    above it tell) or a live blog's note on itself ("We updated this post through
    the day on Tuesday.")."""
    text = annotated.article.text
    if bound_word(text, time, span.start) or is_credit_line(text[span.start:span.end]) \
            or is_about_the_report(text[span.start:span.end]):
        return False
    if time.granularity == "year" and time.text.isdigit() \
            and _NAMING_YEAR.match(text, time.end, span.end):
        return False
    if _DEICTIC.match(time.text) and any(
            q.kind == "direct" and q.content.start <= time.start < q.content.end
            for q in annotated.quotes):
        return False
    if _DEICTIC.match(time.text) and _rhetorical_days(annotated, span):
        return False
    if _COMPARED_TIME.search(text, span.start, time.start):
        return False
    if time.date == annotated.article.published and not _SENTENCE_END.search(
            text[span.start:span.end]):
        return False
    rest = text[span.start:time.start] + " " + text[time.end:span.end]
    return len(words(rest)) >= MIN_EVENT_WORDS


def _rhetorical_days(annotated: AnnotatedArticle, span: Span) -> bool:
    """Whether `span` sets two different deictic days against each other ("today" and
    "tomorrow"), which speaks of now and the future rather than of dates."""
    days = {t.text.lower() for t in annotated.times
            if span.start <= t.start < span.end and _DEICTIC.match(t.text)}
    return len(days) > 1


def _fact_of(statement: Statement, time: TimeExpression, facts: Sequence[Fact]) -> str | None:
    """The fact whose statement holds the expression, else one overlapping the event."""
    overlapping = [(s, f.id) for f in facts for s in f.statements
                   if s.article_id == statement.article_id
                   and s.start < statement.end and statement.start < s.end]
    holding = [fact_id for s, fact_id in overlapping if s.start <= time.start < s.end]
    return (holding or [fact_id for _, fact_id in overlapping] or [None])[0]


def _same_event(a: TimelineEntry, a_words: frozenset[str], b: TimelineEntry,
                b_words: frozenset[str]) -> bool:
    """One date, and one fact or most content words of the shorter wording shared."""
    if (a.date, a.granularity) != (b.date, b.granularity):
        return False
    if a.fact_id is not None and a.fact_id == b.fact_id:
        return True
    return bool(a_words and b_words) and \
        len(a_words & b_words) >= SAME_EVENT_SHARE * min(len(a_words), len(b_words))


def timeline(story: Story, articles: Sequence[AnnotatedArticle], facts: Sequence[Fact],
             speakers: Mapping[tuple[str, str], str] | None = None
             ) -> tuple[TimelineEntry, ...]:
    """The story's dated events, earliest first (see the module notes).

    Args:
        story: the story, for the anchor of undated articles (`first_published`).
        articles: its annotated articles, in story order.
        facts: its facts, so an event reporting one carries its id.
        speakers: (article id, local name) → story-wide name
            (`compare.speakers.unify_speakers`), to name who "he" is in an entry;
            without it each article's own names stand.

    Returns:
        One entry per date and event: the first article's wording as `text`,
        every statement dating it, the fact it reports when there is one; sorted
        by date, the coarser period first on one date, then by first appearance.
    """
    speakers = speakers or {}
    entries: list[TimelineEntry] = []
    for annotated in articles:
        text = annotated.article.text
        for time in _times(annotated, story):
            if time.date is None or time.granularity is None:
                continue
            sentence = next((s for s in annotated.sentences if s.start <= time.start < s.end), None)
            if sentence is None:
                continue
            span = _event_span(text, sentence, time)
            if not _dates_an_event(annotated, span, time):
                continue
            statement = Statement(annotated.article.id, span.start, span.end)
            entries.append(TimelineEntry(time.date, time.granularity,
                                         named_wording(annotated, span, speakers),
                                         (statement,), _fact_of(statement, time, facts),
                                         expression=time.text))
    return tuple(sorted(_merged(entries), key=lambda e: (
        e.date, -GRANULARITIES.index(e.granularity) if e.granularity in GRANULARITIES else 0)))


def _merged(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Entries of one event joined: statements together, the first wording kept."""
    merged: list[tuple[TimelineEntry, frozenset[str]]] = []
    for entry in entries:
        entry_words = frozenset(words(entry.text))
        k = next((k for k, (kept, kept_words) in enumerate(merged)
                  if _same_event(kept, kept_words, entry, entry_words)), None)
        if k is None:
            merged.append((entry, entry_words))
            continue
        kept, kept_words = merged[k]
        statements = kept.statements + tuple(s for s in entry.statements
                                             if s not in kept.statements)
        merged[k] = (replace(kept, statements=statements,
                             fact_id=kept.fact_id or entry.fact_id), kept_words)
    return [entry for entry, _ in merged]
