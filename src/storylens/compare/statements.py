"""Statements: the units of a story's articles that facts are made of.

A statement is a sentence, or a clause of one when the sentence holds several facts
("The fire destroyed two warehouses; no one was hurt"). Clauses are cut at
semicolons, at a comma followed by a coordinating or contrasting conjunction and
between two infinitives of one verb ("urged Seoul to send aid and to include arms":
two asks, which other outlets may tell one without the other), only when both sides
are long enough to state something on their own, so a list ("ships, cranes and
trucks") stays whole. A sentence without a verb of its own that goes on from the one
before, as the items of a spoken list do ("China is building up its forces. Bullying
its neighbors. And spreading disinformation."), states nothing alone: it is joined
to the statement before it (`continues_previous`). A wire dateline opening a
paragraph ("LISBON, March 4 (Atlas News) — ") is where the story was filed, not a
fact: the lead statement starts after it. Each statement is described by
what alignment compares: its content words, the story-wide names of the entities it
mentions, its numbers and dates, and the speaker when it lies inside a quote.
"""

from __future__ import annotations

import bisect
import functools

import re
from dataclasses import dataclass
from typing import Mapping

from ..group.features import words
from ..ingest.clean import EMBEDDED_POST, past_dateline
from ..model import AnnotatedArticle, Quantity, Span, Statement
from ..understand.quantities import quantity_key
from ..understand.quotes.features import SPEECH_VERBS
from ..understand.quotes.marks import QuoteIndex, Region

#: Where a sentence may be cut into clauses: "; ", ", and|but|while…" or "… and to
#: …" (the conjunction is left out of both clauses: it joins them, it states
#: nothing). Cutting before ", which …" or "by <verb>ing" as well cost ECB+ facts
#: recall (0.156 to 0.149 inside the gold stories) and gained nothing on BASIL.
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas|although|though)\s+"
                           r"|\s+and\s+(?=to\s)")
#: Content words a clause needs to count as a statement of its own.
MIN_CLAUSE_WORDS = 3
#: A lawmaker's party and state closing a name ("Chuck Grassley, R-Iowa,"): the ", and"
#: after it goes on with a list of people ("and Dianne Feinstein, D-Calif."), not a
#: clause.
_PARTY_TAG = re.compile(r"\b[RDI]-[A-Z][A-Za-z.]*$")
#: A sentence opening, after an optional conjunction, with a participle: a phrase
#: with no subject of its own ("Bullying its neighbors", "And spreading …"). One
#: opening with a quote mark or a bracket starts something new: it is not matched.
_PARTICIPLE_OPENING = re.compile(r"\s*(?:(?:and|or|but|nor|plus)\s+)?([a-z]{3,}ing)\b",
                                 re.IGNORECASE)
#: How a sentence outside quotes opens when it adds to the one before.
_CONTINUING_OPENING = re.compile(r"(?:and|or|but|nor|plus|including)\b", re.IGNORECASE)
#: Words in -ing that open a sentence as a preposition or a noun, not as a
#: participle ("During the visit, …", "According to Reuters, …", "Nothing changed.").
_NOT_PARTICIPLES = frozenset({
    "according", "during", "following", "regarding", "concerning", "considering",
    "notwithstanding", "pending", "barring", "nothing", "something", "anything",
    "everything", "morning", "evening", "spring", "string", "ceiling"})
#: Words that make a clause finite (auxiliaries, copulas, modals): the parse is not
#: stored, and a verbless phrase holds none of them.
_FINITE_WORDS = frozenset({
    "am", "is", "are", "was", "were", "has", "have", "had", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must"})
_CONTRACTED_FINITE = re.compile(r"\w(?:n['’]t|['’](?:re|ve|ll|d|m))\b", re.IGNORECASE)
#: A comma and the word after it, unless that word is a conjunction or a participle
#: going on with the phrase ("Bullying its neighbors, and threatening Taiwan"): what
#: follows may be the clause a participle opens ("Speaking in Tokyo, he said …").
_COMMA_THEN_CLAUSE = re.compile(
    r",\s*[\"'“‘”’]*(?!(?:and|or|but|nor|plus)\b|[a-z]+ing\b)\w", re.IGNORECASE)
#: A credit line: who reported or helped with the article ("The Associated Press
#: contributed to this report.", "Additional reporting by …", "Editing by …"). It
#: tells nothing about the story, yet outlets print it alike, so it would pass for a
#: corroborated fact.
_CREDIT_LINE = re.compile(
    r"^\W*(?:(?:with\s+)?(?:additional\s+)?reporting\s+by|(?:writing|editing)\s+by)\b"
    r"|\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b",
    re.IGNORECASE)
#: A post's signature standing alone ("— Ann Lee (@annlee) June 1, 2017"), or with
#: its dash lost in scraping ("Donald J. Trump (@realDonaldTrump) June 3, 2017": two
#: posts' dates had been a date conflict).
_POST_SIGNATURE = re.compile(r"\W*" + EMBEDDED_POST.pattern)
_UNDASHED_SIGNATURE = re.compile(
    r"\W*(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*\s*\(@\w{1,30}\)\s+"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}\s*$")
#: A sentence about the report itself rather than the story ("We updated this post
#: through the day on Tuesday.", "Our colleagues at WBUR have resumed their live
#: blogging this morning.", "We're tracking Wednesday's developments here."): a live
#: blog's running notes, no event.
_ABOUT_THE_REPORT = re.compile(
    r"\b(?:we|our|we['’](?:re|ve|ll))\b[^.!?]{0,80}?\b(?:(?:this|our|running|separate) "
    r"(?:\w+ )?(?-i:post)(?![-\w])|(?:live[- ])?blogg(?:ed|ing)|live blog|live updates)"
    r"|\b(?:this|the) (?:post|story|article|page|blog) (?:has been |was |will be |is being )?"
    r"updated\b|\b(?:developments|updates) here\b|^\W*(?:check back|refresh)\b"
    # a broadcast naming itself: "This is Harbour Now!, harbournow.org, …"
    r"|\b(?:this is|here on) (?-i:[A-Z])[^.!?,]{0,40}[!.]?, [\w-]+\.(?:org|com|net)\b",
    re.IGNORECASE)
#: Entity labels whose names identify who and where a statement is about.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT",
                          "PRODUCT", "WORK_OF_ART", "LAW"})
#: Entity labels of places.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class DescribedStatement:
    """A statement with what alignment compares about it.

    `position` is the index of its sentence in the article (0 is the lead);
    `names` are story-wide entity names (`places` those of them that are places),
    `numbers` normalised quantity keys (`quantities` the quantities themselves),
    `dates`
    ISO dates cut to their granularity, `speaker` the story-wide name of the speaker
    when the statement lies inside a quote; `continues` is true for a clause after
    the first of its sentence (shown after an ellipsis: it is an excerpt);
    `verbatim` is true when it lies inside a direct quote (the speaker's own words);
    `wording` is its text as readers see it alone (`named_wording`).
    """

    statement: Statement
    text: str
    outlet: str | None
    position: int
    words: frozenset[str]
    names: frozenset[str]
    places: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]
    speaker: str | None
    continues: bool = False
    verbatim: bool = False
    quantities: tuple[Quantity, ...] = ()
    wording: str | None = None

    @property
    def shown(self) -> str:
        """The wording readers see: a later clause marked as cut from its sentence."""
        wording = self.wording or self.text
        return f"… {wording}" if self.continues else wording


#: Source mentions that say who spoke only with the sentences before them: "he" and
#: "she", whose speakers are resolved well (BASIL: 0.94 of quotes by people); "it"
#: and "they" are too often no one or someone else ("it's hard to believe").
_PRONOUN_SOURCES = frozenset({"he", "she"})
#: How a sentence ends: a mark, perhaps closed by a quote mark or bracket.
SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")
_OPENING_MARKS = "“\"„«"
_CLOSING_MARKS = "”\"»"


def named_wording(annotated: AnnotatedArticle, span: Span,
                  speakers: Mapping[tuple[str, str], str]) -> str:
    """The words of `span` (whitespace made single) with each "he" or "she" that is
    the source of a verb of saying followed by its speaker's story-wide name in
    brackets, as an editor marks an insertion ("He [Tomasz Brenner] said firefighters
    …"), the marks of a quotation it starts or ends inside (“Two very big words,”
    Trump said: the quotation opened a sentence earlier), and the speaker of a
    quotation it lies in naming no one ("“We will rebuild.” [Ana Torres]"). A summary
    line or a
    timeline entry is read away from the sentences around it. `speakers` maps
    (article id, local name) to the story-wide name, as
    `compare.speakers.unify_speakers` returns it.
    """
    text, article_id = annotated.article.text, annotated.article.id
    names = {q.source.end: speakers.get((article_id, q.speaker), q.speaker)
             for q in annotated.quotes
             if q.source is not None and q.speaker and q.cue is not None
             and span.start <= q.source.start and q.source.end <= span.end
             and text[q.source.start:q.source.end].lower() in _PRONOUN_SOURCES
             and text[q.cue.start:q.cue.end].lower() in SPEECH_VERBS}
    pieces, last = [], span.start
    for end in sorted(names):
        pieces += [text[last:end], f" [{names[end]}]"]
        last = end
    pieces.append(text[last:span.end])
    wording = " ".join("".join(pieces).split())
    opened, closed = _quotation(text, span.start), _quotation(text, span.end - 1)
    if opened is not None:
        wording = text[opened.start] + wording
    if closed is not None:
        wording += text[closed.end - 1]
    speaker = _untagged_speaker(annotated, span)
    if speaker is not None:
        wording += f" [{speakers.get((article_id, speaker), speaker)}]"
    return wording


def _untagged_speaker(annotated: AnnotatedArticle, span: Span) -> str | None:
    """The speaker of the direct quotation `span` lies wholly inside when the span
    names no one itself: a quotation's later sentence, a transcript's turn ("We'll be
    talking about gun laws as time goes by." is the president's)."""
    quote = next((q for q in annotated.quotes if q.kind == "direct" and q.speaker
                  and q.content.start - 1 <= span.start and span.end <= q.content.end + 1),
                 None)
    if quote is None or any(q.source is not None and span.start <= q.source.start < span.end
                            for q in annotated.quotes):
        return None
    return quote.speaker


@functools.lru_cache(maxsize=16)
def _quote_index(text: str) -> QuoteIndex:
    return QuoteIndex(text)


def _quotation(text: str, offset: int) -> Region | None:
    """The quotation `offset` lies inside (not on one of its marks), if it is opened
    and closed by double quote marks: a region a stray mark left open runs to its
    paragraph's end, and tells nothing."""
    region = _quote_index(text).containing(offset)
    return region if region is not None and text[region.start] in _OPENING_MARKS \
        and text[region.end - 1] in _CLOSING_MARKS else None


def _has_finite_word(text: str) -> bool:
    """Does `text` hold an auxiliary, copula or modal (`_FINITE_WORDS`)?"""
    return bool(_FINITE_WORDS & set(re.findall(r"[a-z]+", text.lower())))


def unnamed_words(statement: DescribedStatement) -> frozenset[str]:
    """Its content words that are no word of a name it mentions."""
    names = {word for name in statement.names for word in words(name)}
    return statement.words - names


#: Words a headline with a full stop has at least (a name alone has fewer: "Senate
#: Majority Leader Mitch McConnell.").
TITLE_CASE_WORDS = 6
#: How a statement ends, a question or an exclamation aside.
_STATEMENT_END = re.compile(r"[.…:][\"'”’)\]]*\s*$")


def is_headline(text: str) -> bool:
    """Is `text` a headline: three words of four letters or more, every such word
    capitalised, and no full stop at its end ("Live Blog: Siege In Paris Ends With At
    Least 2 Dead, 8 Suspects Arrested", "Did Someone Say This Was A Foreign Policy
    Debate?") or every word capitalised? Pages repeat their headline, updated, and
    others' in the text; they announce what the article tells, and as facts of
    their own they would corroborate it."""
    long_words = re.findall(r"[^\W\d_]{4,}", text)
    if len(long_words) < 3 or not all(word[0].isupper() for word in long_words):
        return False
    if not _STATEMENT_END.search(text):
        return True
    # With a full stop, a headline capitalises its short words too ("The FBI Is
    # Going To Investigate Kavanaugh After All."), where a sentence of names leaves
    # "and", "of", "in" in lower case ("Peter King, Steve LaTourette and Scott Rigell.").
    words = [word for word in text.split() if word[0].isalpha()]
    return (len(words) >= TITLE_CASE_WORDS and not text.isupper()
            and all(word[0].isupper() for word in words))


#: Words of a paragraph with no sentence end that is page furniture; a longer one is
#: prose the scraper cut short.
MAX_UNFINISHED_WORDS = 20


def closes_unfinished_paragraph(text: str, start: int, end: int) -> bool:
    """Does the statement at `start`–`end` of `text` close its paragraph (or a line
    of it) with no sentence end: a headline, a deck, a subhead, a caption or a link?"""
    return (text[end:].lstrip(" ")[:1] in ("", "\n")
            and not SENTENCE_END.search(text[start:end]))


def is_inline_furniture(text: str, start: int, end: int) -> bool:
    """Is the statement at `start`–`end` of `text` a short paragraph with no sentence
    end standing in the prose: a subhead or a link to another story ("Protests erupt
    in Portvale after police shoot man; 12 officers hurt", which would dispute the
    article's own count)? The headline and deck heading the article state its claim;
    the items of a list, whose paragraphs follow one ending with a colon, what the
    list introduces."""
    if not closes_unfinished_paragraph(text, start, end):
        return False
    opening = _paragraph_start(text, start)
    if len(text[opening:end].split()) > MAX_UNFINISHED_WORDS:
        return False
    while opening > 0:  # back over a list's earlier items to what introduces them
        before = text[:opening].rstrip()
        if before.endswith(":"):
            return False
        if SENTENCE_END.search(before):
            return True
        opening = _paragraph_start(before, len(before))
    return False


def _paragraph_start(text: str, position: int) -> int:
    index = text.rfind("\n\n", 0, position)
    return index + 2 if index >= 0 else 0


def states_something(statement: DescribedStatement) -> bool:
    """Does it say something of the names it holds: a word besides them, or a verb
    such as "is" ("Dorn was African American.")? A list of names or a name with its
    title ("Brooklyn, New York; and Dallas.", "Cornyn, the Senate's No. 2
    Republican", "— Amanda Mull, Atlantic") states nothing."""
    return bool(unnamed_words(statement)) or _has_finite_word(statement.text)


def is_credit_line(text: str) -> bool:
    """Does `text` credit someone rather than state anything: the article's
    reporters, or the author of a post it quotes ("— Ann Lee (@annlee) June 1,
    2017", the post's words being theirs)?"""
    return bool(_CREDIT_LINE.search(text) or _POST_SIGNATURE.match(text)
                or _UNDASHED_SIGNATURE.match(text))


def is_about_the_report(text: str) -> bool:
    """Does `text` speak of the report itself, a live blog's running notes ("We
    updated this post through the day on Tuesday."), a broadcast naming itself,
    rather than of the story?"""
    return bool(_ABOUT_THE_REPORT.search(text))


def clauses(text: str, sentence: Span) -> list[Span]:
    """The sentence cut into clauses that each state something (see module notes)."""
    body = text[sentence.start:sentence.end]
    opening = past_dateline(text, sentence.start) - sentence.start  # a dateline states nothing
    breaks = [(0, opening)]  # (where a clause before it ends, where the next one starts)
    for match in _CLAUSE_BREAK.finditer(body, opening):
        if (len(words(body[breaks[-1][1]:match.start()])) >= MIN_CLAUSE_WORDS
                and len(words(body[match.end():])) >= MIN_CLAUSE_WORDS
                and not _PARTY_TAG.search(body, 0, match.start())):
            breaks.append((match.start(), match.end()))
    breaks.append((len(body), len(body)))
    spans = []
    for (_, first), (last, _) in zip(breaks, breaks[1:]):
        piece = body[first:last].rstrip(" ;,")
        start = sentence.start + first
        spans.append(Span(start, start + len(piece)))
    return spans


def continues_previous(annotated: AnnotatedArticle, index: int) -> bool:
    """Is sentence `index` a phrase without a verb of its own going on from the
    sentence before ("Including with new capabilities.", "Trying to control critical
    infrastructure.")?

    The store keeps no parse, so a light rule stands for "no finite verb": the
    sentence opens (after an optional conjunction) with a participle, holds no
    auxiliary, copula or modal, and no comma after which a clause may start. Only its
    words inside a quote it lies in are read (the speaker's words, not the attribution
    after them: "…in Ukraine," Stoltenberg said). It goes on from the sentence before
    when both stand in one paragraph and either one quote holds both (a speaker's list
    going on) or, outside quotes, it opens with a conjunction or "including". A
    gerund that is the subject of a verb the rule cannot see ("Changing minds takes
    time.") passes the first test, so outside quotes one paragraph is not enough (of
    17,286 AllSides sentences, the 9 the rule joined on that alone were such
    subjects, headings and a byline, none going on from the sentence before).
    """
    if index == 0:
        return False
    text = annotated.article.text
    previous, sentence = annotated.sentences[index - 1], annotated.sentences[index]
    if "\n" in text[previous.end:sentence.start]:
        return False
    quotes = [q.content for q in annotated.quotes
              if q.content.start < sentence.end and sentence.start < q.content.end]
    if quotes:
        if not any(q.start < previous.end and previous.start < q.end for q in quotes):
            return False
    elif not _CONTINUING_OPENING.match(text, sentence.start):
        return False
    start, end = sentence.start, sentence.end
    if quotes:
        start = max(start, min(q.start for q in quotes))
        end = min(end, max(q.end for q in quotes))
    phrase = text[start:end]
    opening = _PARTICIPLE_OPENING.match(phrase)
    return bool(opening and opening.group(1).lower() not in _NOT_PARTICIPLES
                and not any(e.start <= start + opening.start(1) < e.end  # "Beijing …"
                            for e in annotated.entities)
                and not _has_finite_word(phrase)
                and not _CONTRACTED_FINITE.search(phrase)
                and not _COMMA_THEN_CLAUSE.search(phrase))


class _Positioned:
    """Annotations sorted by start offset, to take those inside a span by bisection
    (a long article has thousands of mentions and hundreds of clauses)."""

    def __init__(self, items: list[tuple[int, int, object]]):
        self.items = sorted(items, key=lambda item: item[:2])
        self.starts = [start for start, _, _ in self.items]

    def within(self, span: Span) -> list:
        """The payloads of the items lying wholly inside `span`."""
        first = bisect.bisect_left(self.starts, span.start)
        last = bisect.bisect_left(self.starts, span.end)
        return [payload for _, end, payload in self.items[first:last] if end <= span.end]


def _date_key(date, granularity: str | None) -> str:
    if granularity == "day":
        return date.isoformat()
    if granularity in ("week", "month"):
        return date.isoformat()[:7]
    return str(date.year)


def describe(annotated: AnnotatedArticle,
             speakers: Mapping[tuple[str, str], str]) -> list[DescribedStatement]:
    """Every statement of one article, in text order, with what alignment compares.

    Args:
        annotated: the article with its annotations.
        speakers: (article id, local name) → story-wide name, as
            `compare.speakers.unify_speakers` returns; local names missing from it
            stand for themselves.
    """
    article = annotated.article
    text = article.text

    def story_name(local: str) -> str:
        return speakers.get((article.id, local), local)

    mentions = _Positioned([(m.start, m.end, (story_name(e.name), e.label in _PLACE_LABELS))
                            for e in annotated.named_entities if e.label in _NAME_LABELS
                            for m in e.mentions])
    quantities = _Positioned([(q.start, q.end, q) for q in annotated.quantities
                              if q.value is not None])
    dates = _Positioned([(t.start, t.end, _date_key(t.date, t.granularity))
                         for t in annotated.times if t.date is not None])
    units: list[tuple[int, Span, bool]] = []  # (sentence index, span, continues)
    for position, sentence in enumerate(annotated.sentences):
        spans = clauses(text, sentence)
        if units and continues_previous(annotated, position):
            first, span, continues = units[-1]
            units[-1] = (first, Span(span.start, spans[-1].end), continues)
        else:
            units += [(position, span, k > 0) for k, span in enumerate(spans)]
    described = []
    for position, span, continues in units:
        quote = next((q for q in annotated.quotes
                      if q.content.start < span.end and span.start < q.content.end), None)
        named = mentions.within(span)
        within = quantities.within(span)
        described.append(DescribedStatement(
            statement=Statement(article.id, span.start, span.end),
            text=" ".join(text[span.start:span.end].split()),
            outlet=article.outlet,
            position=position,
            words=frozenset(words(text[span.start:span.end])),
            names=frozenset(name for name, _ in named),
            places=frozenset(name for name, place in named if place),
            numbers=frozenset(quantity_key(q.value, q.unit, q.year) for q in within),
            dates=frozenset(dates.within(span)),
            speaker=story_name(quote.speaker) if quote and quote.speaker else None,
            continues=continues,
            verbatim=bool(quote) and quote.kind == "direct",
            quantities=tuple(within),
            wording=named_wording(annotated, span, speakers)))
    return described
