"""Story quotes: the same quote across a story's articles, whatever each outlet's cut.

Outlets rarely carry a quote alike: one keeps a sentence, another a clause of it;
one quotes the words, another paraphrases them ("Stoltenberg hailed his plans to
double military spending" / "NATO's chief applauded Japan's plan to double its
defense spending"); one credits the NATO chief, another no one or someone else. So
attributions (`AnnotatedArticle.quotes`) are grouped by what they say, never by who
says it: two different quotes of one speaker stay apart, one quote credited to two
people stays one (with both in `StoryQuote.speakers`).

Two attributions are the same quote when, after the text-reuse measures of Clough
et al. (2002, METER) and Broder's containment (1997):

- the content words of the shorter are (mostly) contained in the longer one, and
  their embeddings are not far apart — a cut or a light rewording; words are
  compared by their first letters
  (truncation stemming, as in McNamee & Mayfield 2004), so "threatening" meets
  "threaten" and "defence" meets "defense"; or
- they share several content words and their MiniLM sentence embeddings
  (`understand.sentence_encoder`) are close — a paraphrase, typically a direct quote
  reported indirectly; or
- one speaker's words in two articles lie in two statements of one fact: the fact
  decision (`compare.align`), which reads whole statements with their names,
  numbers and speakers, has judged the two wordings one claim, which the words
  alone often cannot tell ("called for Seoul to 'step up' its support for Ukraine"
  / "urged South Korea to increase military support to Ukraine").

Content words are weighted by inverse frequency among the story's quotes. The
thresholds were set by reading the cross-outlet pairs they accept and refuse on
BASIL triplets (the same event reported by three outlets): topical resemblance
between two different quotes of one speaker sits just below them. (Between a
paraphrase cosine of 0.55 and 0.60, BASIL holds two pairs, both near 0.58: one quote
cut differently, and two remarks of one commentator; the seeds' "hailed his plans to
double military spending" / "applauded Japan's plan to double its defense spending"
sits there too.)

Matches are joined strongest first, with two constraints against chaining: two
attributions of one article join only when they themselves match, so a chain
through another outlet's long quote never merges an article's distinct quotes; and
two groups join only when their fullest cuts match, so a short cut that fits two
different quotes does not make them one.
Beliefs, stances and acts (`kind == "belief"`: "believes", "voted to", "carved a
path") are not speech and are left out, as are attributions
whose content has fewer than `MIN_QUOTE_WORDS` content words (a fragment such as
"NATO" is no quote to compare), and an attribution nested inside another of the
same article is left to the outer one unless it credits someone else.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..group.features import smoothed_idf, words
from ..model import AnnotatedArticle, Fact, Quote, QuoteCarrier, StoryQuote
from ..understand.entities import name_key, name_words, same_person
from ..understand.quotes.reporting import names_a_medium
from ..understand.sentence_encoder import sentence_encoder
from ..understand.speakers import (DOCUMENT_NOUNS, FIRST_PERSON, GROUP_PRONOUNS,
                                   PERSONAL_PRONOUNS, RELATIVE_PRONOUNS)
from .corroborate import outlet_of

#: How a quote with no source at all is listed.
UNATTRIBUTED = "(unattributed)"
#: Source words that describe no one until resolved.
_PRONOUNS = frozenset({*PERSONAL_PRONOUNS, *GROUP_PRONOUNS, *FIRST_PERSON,
                       *RELATIVE_PRONOUNS, "you", "we", "us", "our"})
#: Sources that stand for no one a reader could name: indefinite pronouns and
#: quantifiers ("few", "nothing", "all of them") and free relatives ("what we know").
_NO_ONE = re.compile(r"(?:nothing|something|everything|anything|no one|nobody|someone|"
                     r"somebody|everyone|everybody|anyone|anybody|few|many|some|all|none|"
                     r"both|each|either|neither|this|that|these|those|it)(?: of \w+)?"
                     r"|what\b.*", re.IGNORECASE)
#: Content words an attribution needs to be compared as a quote.
MIN_QUOTE_WORDS = 3
#: Words for an utterance itself (as `words` gives them): "his comments", "a joint
#: statement" name what was said without telling it.
UTTERANCE_WORDS = frozenset(word for noun in DOCUMENT_NOUNS | {
    "comment", "remark", "question", "word", "claim", "allegation", "accusation",
    "announcement", "answer", "response", "testimony", "interview"} for word in words(noun))
#: Letters a content word is cut to when compared (truncation stemming).
STEM_LETTERS = 5
#: A cut: this share of the shorter quote's stems is in the longer one...
CONTAINMENT = 0.75
#: Words of a quote in quote marks two outlets credit to two people must share to be
#: one quote (in runs of at least `MIN_VERBATIM_RUN` words: `verbatim_alike`): four
#: make stock phrases ("a great day for America" / "a great day for the American
#: people", Pence and a White House spokesman).
MIN_VERBATIM_SHARED = 5
MIN_VERBATIM_RUN = 3
#: ...and at least this many stems are shared, and their embeddings are not far
#: apart (three common words of a long quote are no cut of it).
MIN_SHARED = 2
#: Words of a content embedded for comparison.
EMBEDDED_WORDS = 40
CUT_COSINE = 0.45
#: A paraphrase: at least this cosine of the two contents' embeddings...
PARAPHRASE_COSINE = 0.55
#: ...at least this (weighted) share of the shorter one's stems shared...
PARAPHRASE_CONTAINMENT = 0.5
#: ...the two adding up to this (one may make up for the other, not for both)...
PARAPHRASE_SUM = 1.25
#: ...and at least this many stems shared.
PARAPHRASE_SHARED = 3
#: Share of a content, or of a fact's statement when that is shorter (a clause of the
#: content's sentence), that the two must share for the content to report the fact.
IN_STATEMENT = 0.5
#: The order in which a carrier's kind is preferred as the quote's wording on a tie.
_KIND_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}


@dataclass(frozen=True)
class _Occurrence:
    """One attribution of one article, with what the comparison needs."""

    index: int              # article order, then text order
    article: AnnotatedArticle
    quote: Quote
    speaker: str | None     # story-wide name
    text: str
    stems: frozenset[str]


def stems(text: str) -> frozenset[str]:
    """The truncated content words of `text` (see the module notes)."""
    return frozenset(w[:STEM_LETTERS] for w in words(text))


def _inside(inner: Quote, outer: Quote) -> bool:
    """`inner`'s content lies within `outer`'s, and is not the same span."""
    return (inner.content != outer.content and outer.content.start <= inner.content.start
            and inner.content.end <= outer.content.end)


def says_something(quote: Quote, article_text: str) -> bool:
    """Does an attribution report what was said, not only name it? "Asked about
    Stoltenberg's comments", "issued a joint statement" and "asked about the delay"
    are attributions (PolNeAR annotates them) whose reported contents, a few words
    ending in a word for an utterance (`UTTERANCE_WORDS`) or naming a topic after
    "about" or "on", or a medium ("wrote on social network Twitter"), tell a reader
    nothing; a direct quote always does
    ("No comment"), and so does a clause ("the port would reopen"). What someone
    withheld is not what they said (`withheld`), nor is a belief, stance or act
    (`Quote.kind == "belief"`: "believes", "voted to")."""
    if quote.kind == "direct":
        return True
    if quote.kind == "belief":
        return False
    if withheld(quote, article_text):
        return False
    if names_a_medium(article_text, quote.content.start, quote.content.end):
        return False
    told = words(article_text[quote.content.start:quote.content.end])
    if len(told) >= MIN_QUOTE_WORDS:
        return True
    # a few words naming what was talked about ("Asked about the delay", "spoke on
    # trade") or an utterance ("his comments") tell nothing said
    topic = _TOPIC.search(article_text, max(0, quote.content.start - 12), quote.content.start)
    return bool(told) and told[-1] not in UTTERANCE_WORDS and topic is None


def withheld(quote: Quote, article_text: str) -> bool:
    """Whether an attribution tells what its source did not say: a refusal or a
    negated cue ("he refused to say the words 'radical Islam'", "declined to
    discuss the talks", "did not mention the deal"). PolNeAR annotates these as
    attributions, but their content is not the source's words."""
    if quote.cue is None:
        return False
    cue = article_text[quote.cue.start:quote.cue.end]
    before = article_text[max(0, quote.cue.start - 40):quote.cue.start]
    return bool(_REFUSAL.search(cue) or _NEGATED.search(before))


#: The preposition before a content that names a topic ("asked about", "spoke on").
_TOPIC = re.compile(r"\b(?:about|on|regarding|concerning)\s*$", re.IGNORECASE)

#: A cue of refusal ("has refused"), and the words before a cue that negate it.
_REFUSAL = re.compile(r"(?i)\b(?:refus|declin)")
_NEGATED = re.compile(r"(?i)(?:\bnot(?!\s+only)|n['’]t|\bnever|\brefus\w*\s+to|\bdeclin\w*\s+to)"
                      r"(?:\s+\w+)?\s*$")


def quotes_by_speaker(articles: Sequence[AnnotatedArticle],
                      speakers: Mapping[tuple[str, str], str] | None = None
                      ) -> list[tuple[str, list[tuple[AnnotatedArticle, Quote]]]]:
    """Who said what: every attribution that says something (`says_something`), by
    speaker, the most quoted first (ties in order of first quote).

    A speaker is its story-wide name when `speakers` ((article id, local name) →
    name, as `compare.speakers.unify_speakers` returns) has it, so "the Texas
    governor" of one article and "Rick Perry" of another are one person; a quote
    whose speaker was not resolved is listed under the words the text uses for its
    source, in quote marks ("a senior official"), or as `UNATTRIBUTED` (`speaker_label`).
    """
    speakers = speakers or {}
    by_speaker: dict[str, list[tuple[AnnotatedArticle, Quote]]] = {}
    for annotated in articles:
        for quote in annotated.quotes:
            if says_something(quote, annotated.article.text):
                by_speaker.setdefault(speaker_label(annotated, quote, speakers),
                                      []).append((annotated, quote))
    return sorted(by_speaker.items(), key=lambda item: -len(item[1]))


def names_speaker(query: str, speaker: str) -> bool:
    """Does a name a user typed stand for `speaker` (a story-wide name)? Each of its
    words must be a word of the speaker's name, case, accents and hyphens aside:
    "stoltenberg" and "Jens Stoltenberg" stand for "Jens Stoltenberg", "Anna
    Brenner" does not stand for "Tomasz Brenner". A label `speaker_label` gives a
    source the text leaves unnamed ("“senior members of the Trump administration”")
    names no one."""
    if speaker == UNATTRIBUTED or speaker.startswith("“"):
        return False
    typed = set(name_key(query).split())
    return bool(typed) and typed <= set(name_key(speaker).split())


def speaker_label(annotated: AnnotatedArticle, quote: Quote,
                  speakers: Mapping[tuple[str, str], str]) -> str:
    """Who a reader is told said `quote`: its speaker's story-wide name (`speakers`,
    as `compare.speakers.unify_speakers` returns); for a source the text leaves
    unnamed, its own words in quote marks ("“a senior official”": the quote is
    attributed, to someone the outlet does not name); else `UNATTRIBUTED`."""
    if quote.speaker:
        return speakers.get((annotated.article.id, quote.speaker), quote.speaker)
    words = source_words(annotated, quote)
    return f"“{words}”" if words else UNATTRIBUTED


def source_words(annotated: AnnotatedArticle, quote: Quote) -> str | None:
    """The words a quote's source mention gives when they describe someone ("a
    senior official", "domestic sources"); None without a source, or for a pronoun
    left unresolved ("he", "you", "which", "few", "all of them"), a free relative
    ("what we know") or a figure ("27%" of a poll), which describe no one to a
    reader. An unresolved "they" goes on quoting the group an attribution just
    before described ("Critics say … They also argue …": "Critics"), as the group
    names no one the speaker sieve could resolve it to."""
    if quote.source is None:
        return None
    words = _mention(annotated, quote)
    if words.lower() == "they" and quote.speaker is None:
        return _group_described_before(annotated, quote)
    return _describing(words)


def _mention(annotated: AnnotatedArticle, quote: Quote) -> str:
    return " ".join(annotated.article.text[quote.source.start:quote.source.end].split())


def _describing(words: str) -> str | None:
    """`words` if they describe someone, else None (see `source_words`)."""
    if words.lower() in _PRONOUNS or not any(c.isalpha() for c in words) \
            or _NO_ONE.fullmatch(words):
        return None
    return words


#: Sentences before a "they" in which the group it stands for may be described.
GROUP_REACH = 1


def _group_described_before(annotated: AnnotatedArticle, quote: Quote) -> str | None:
    """The description of the group the attributions just before `quote` credit (a
    run of "they" sources back to it, each within GROUP_REACH sentences of the next);
    None when a named or other speaker comes between."""
    starts = [s.start for s in annotated.sentences]

    def sentence(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    earlier = sorted((q for q in annotated.quotes
                      if q.source is not None and q.source.end <= quote.source.start),
                     key=lambda q: q.source.start)
    here = sentence(quote.source.start)
    for previous in reversed(earlier):
        if here - sentence(previous.source.start) > GROUP_REACH or previous.speaker:
            return None
        words = _mention(annotated, previous)
        if words.lower() != "they":
            return _describing(words) if _is_plural(words) else None
        here = sentence(previous.source.start)
    return None


#: Plural nouns, most of them for people, that do not end in "s".
_PLURALS = frozenset({"people", "police", "men", "women", "children", "staff", "clergy",
                      "media", "data"})
#: Where a description's head ends: "Members of NATO", "officials who spoke".
_AFTER_HEAD = re.compile(r"\s+(?:of|in|at|for|from|with|who|whose|that|close|familiar)\b|,")


def _is_plural(description: str) -> bool:
    """Whether a description's head is a plural, as a "they" needs ("Critics",
    "Members of NATO", "police"; not "the law", "the group")."""
    head = _AFTER_HEAD.split(description, maxsplit=1)[0].split()[-1].lower()
    return head in _PLURALS or head.endswith("s") and not head.endswith(("ss", "'s", "’s"))


def _occurrences(articles: Sequence[AnnotatedArticle],
                 speakers: Mapping[tuple[str, str], str]) -> list[_Occurrence]:
    """Every comparable attribution of the articles, in article then text order."""
    found = []
    for annotated in articles:
        article = annotated.article
        quotes = [q for q in annotated.quotes if q.kind != "belief"]
        for quote in sorted(quotes, key=lambda q: (q.content.start, -q.content.end)):
            text = " ".join(article.text[quote.content.start:quote.content.end].split())
            speaker = speakers.get((article.id, quote.speaker), quote.speaker) \
                if quote.speaker else None
            if len(words(text)) < MIN_QUOTE_WORDS or withheld(quote, article.text) or any(
                    _inside(quote, outer) and (quote.speaker is None
                                               or outer.speaker == quote.speaker)
                    for outer in quotes):
                continue
            found.append(_Occurrence(len(found), annotated, quote, speaker, text, stems(text)))
    return found


def _opening(text: str) -> str:
    """The first EMBEDDED_WORDS words of a content: enough to tell a quote, and the
    encoder's cost grows with length (long multi-paragraph quotes)."""
    return " ".join(text.split()[:EMBEDDED_WORDS])


def match_strength(a: frozenset[str], b: frozenset[str], cosine: float,
                   weight: Mapping[str, float]) -> float:
    """How surely two contents (their stems, their embeddings' cosine) are one quote:
    0 when they are not, else the weighted share of the shorter one's stems the
    other holds (plus the cosine for a paraphrase), so the surest join first.

    Stems are weighted by inverse frequency among the story's quotes, so a name
    every quote mentions ("Japan") counts less than the words of the claim.
    """
    shared = len(a & b)
    if not shared:
        return 0.0
    containment = sum(weight[s] for s in a & b) / min(sum(weight[s] for s in a),
                                                      sum(weight[s] for s in b))
    if containment >= CONTAINMENT and shared >= MIN_SHARED and cosine >= CUT_COSINE:
        return 1.0 + containment
    if (cosine >= PARAPHRASE_COSINE and containment >= PARAPHRASE_CONTAINMENT
            and cosine + containment >= PARAPHRASE_SUM and shared >= PARAPHRASE_SHARED):
        return containment + cosine - 1.0
    return 0.0


def _overlap(a: _Occurrence, b: _Occurrence) -> bool:
    return (a.article is b.article and a.quote.content.start < b.quote.content.end
            and b.quote.content.start < a.quote.content.end)


def _fact_links(occurrences: Sequence[_Occurrence],
                facts: Sequence[Fact]) -> set[tuple[int, int]]:
    """Pairs of occurrences (indexes, lower first) of one speaker in two articles
    whose contents lie in statements of one fact, one of them reported speech: two
    quotes of one claim in different words are two utterances, not two cuts."""
    by_article: dict[str, list[_Occurrence]] = {}
    for o in occurrences:
        if o.speaker:
            by_article.setdefault(o.article.article.id, []).append(o)
    links = set()
    for fact in facts:
        inside = {o.index for statement in fact.statements
                  for o in by_article.get(statement.article_id, ())
                  if min(statement.end, o.quote.content.end)
                  - max(statement.start, o.quote.content.start)
                  >= IN_STATEMENT * min(o.quote.content.end - o.quote.content.start,
                                        statement.end - statement.start)}
        links |= {(i, j) for i in inside for j in inside if i < j
                  and occurrences[i].article is not occurrences[j].article
                  and occurrences[i].speaker == occurrences[j].speaker
                  and "indirect" in (occurrences[i].quote.kind, occurrences[j].quote.kind)}
    return links


def _two_voices(a: _Occurrence, b: _Occurrence, cut: bool) -> bool:
    """Two occurrences credited to two people that are two remarks: two quotations
    whose words do not run in the same order (`verbatim_alike`), or, where one is
    reported speech in part or whole, no cut of the other (`cut`: nearly the same
    words), as paraphrases sharing words ("tighten background checks for gun buyers"
    / "rejected 16,669 gun buyers because a background check …") are two claims when
    two speakers make them. Only one quote can be one the outlets credit to
    different people."""
    if not (a.speaker and b.speaker) or one_speaker(a.speaker, b.speaker):
        return False
    if a.quote.kind == b.quote.kind == "direct":
        return not verbatim_alike(a.text, b.text)
    return not cut


#: A description bringing in someone left unnamed: "a White House spokesman", "two
#: of the people", "several prominent conservatives".
_SOMEONE_ELSE = re.compile(r"(?i)(?:an?|another|one|two|three|four|five|several|some|many"
                           r"|nearly|about|more|most|few|dozens|hundreds|\d[\d,]*)\s")


def _credits_unnamed(a: _Occurrence, b: _Occurrence) -> bool:
    """Whether joining would credit reported speech of someone an outlet brings in
    unnamed to a named speaker, or the other way: a spokesman relaying the governor,
    or an official saying what the president had said, say the same thing in other
    words as the person named. Quoted words alone tell that one outlet names whom
    another left unnamed; "he" or "the ex-congressman", which the speaker sieve left
    unresolved, may stand for the named speaker."""
    named, unnamed = (a, b) if b.speaker is None else (b, a)
    if named.speaker is None or unnamed.speaker is not None \
            or "indirect" not in (a.quote.kind, b.quote.kind):
        return False
    words = source_words(unnamed.article, unnamed.quote)
    return words is not None and _SOMEONE_ELSE.match(words) is not None


def _groups(occurrences: Sequence[_Occurrence],
            links: set[tuple[int, int]]) -> list[list[int]]:
    """Occurrences joined strongest match first, then by `links` (pairs of one fact)
    where the two quotes are not far apart (CUT_COSINE: a content may be the part of
    a statement that the fact's other wording does not tell), honouring the
    cannot-link rule; two groups join on a match only when their fullest cuts match."""
    if len({o.article.article.id for o in occurrences}) < 2:
        # One article: no quote crosses outlets, and each stays its own (sparing
        # the encoder, the cost of most stories in a stream).
        return [[o.index] for o in occurrences]
    frequency = Counter(s for o in occurrences for s in o.stems)
    weight = smoothed_idf(frequency, len(occurrences))
    # Only pairs whose words would match at the highest cosine can match at all:
    # embed just their members (the encoder is most of a brief's cost).
    candidates = [(a, b) for i, a in enumerate(occurrences) for b in occurrences[i + 1:]
                  if not _overlap(a, b) and match_strength(a.stems, b.stems, 1.0, weight) > 0]
    vectors: dict[int, np.ndarray] = {}

    def embed(indexes: Iterable[int]) -> None:
        missing = sorted(set(indexes) - vectors.keys())
        vectors.update(zip(missing, sentence_encoder().encode(
            [_opening(occurrences[i].text) for i in missing])))

    embed(o.index for pair in candidates for o in pair)
    pairs = []
    for a, b in candidates:
        cosine = float(vectors[a.index] @ vectors[b.index])
        strength = match_strength(a.stems, b.stems, cosine, weight)
        if strength > 0:
            pairs.append((-strength, a.index, b.index))
    matched = {(i, j) for _, i, j in pairs}
    cuts = {(i, j) for strength, i, j in pairs if -strength > 1.0}  # not paraphrases
    group_of = {o.index: [o.index] for o in occurrences}

    def fullest(group: list[int]) -> int:
        return max(group, key=lambda k: (len(occurrences[k].stems), -k))

    def join(i: int, j: int, linked: bool) -> None:
        first, second = group_of[i], group_of[j]
        if first is second or any(
                occurrences[x].article is occurrences[y].article
                and (min(x, y), max(x, y)) not in matched for x in first for y in second) \
                or _two_voices(occurrences[i], occurrences[j], (min(i, j), max(i, j)) in cuts) \
                or _credits_unnamed(occurrences[i], occurrences[j]):
            return
        if linked:  # one fact's two wordings: are the two quotes' closest cuts near?
            embed(first + second)
            if max(float(vectors[x] @ vectors[y]) for x in first for y in second) < CUT_COSINE:
                return
        elif tuple(sorted((fullest(first), fullest(second)))) not in matched:
            # Each group is one quote, told by its fullest cut: a short cut that
            # matches two different quotes would chain them (in a story of 30
            # articles, a dozen remarks into one).
            return
        first += second
        for k in second:
            group_of[k] = first

    for _, i, j in sorted(pairs):
        join(i, j, linked=False)
    for i, j in sorted(links):
        join(i, j, linked=True)
    unique = {id(g): sorted(g) for g in group_of.values()}
    return sorted(unique.values(), key=lambda g: g[0])


def _cue_words(occurrence: _Occurrence) -> str | None:
    """The words reporting a quote ("said", "according to"); None for a mark that
    stands for them (the colon of "Trump: suspect is 'a sick man'", a dash)."""
    cue = occurrence.quote.cue
    if cue is None:
        return None
    words = " ".join(occurrence.article.article.text[cue.start:cue.end].split())
    return words if any(c.isalpha() for c in words) else None


def _story_quote(number: int, members: list[_Occurrence]) -> StoryQuote:
    fullest = max(members, key=lambda o: (len(words(o.text)),
                                          -_KIND_ORDER.get(o.quote.kind, 3), -o.index))
    votes = Counter(o.speaker for o in members if o.speaker)
    # Most carriers first; on a tie, the name the first carrier gives.
    first_seen = {o.speaker: o.index for o in reversed(members) if o.speaker}
    ranked = sorted(votes, key=lambda name: (-votes[name], first_seen[name]))
    return StoryQuote(
        id=f"q{number}",
        speaker=ranked[0] if ranked else None,
        text=fullest.text,
        carriers=tuple(QuoteCarrier(o.article.article.id, outlet_of(o.article.article),
                                    o.quote.content.start, o.quote.content.end,
                                    o.quote.kind, o.speaker, _cue_words(o)) for o in members),
        speakers=tuple(ranked))


def story_quotes(articles: Sequence[AnnotatedArticle],
                 speakers: Mapping[tuple[str, str], str],
                 facts: Sequence[Fact] = ()) -> tuple[StoryQuote, ...]:
    """The quotes of a story, each with every article occurrence that carries it.

    Args:
        articles: the story's annotated articles, in story order.
        speakers: (article id, local name) → story-wide name, as
            `compare.speakers.unify_speakers` returns (names missing from it stand
            for themselves).
        facts: the story's facts (`compare.corroborate.build_facts`), whose
            statements join one speaker's wordings of one claim.

    Returns:
        Story quotes with ids "q1", "q2"… in order of first appearance (article
        order, then text order), carriers' outlets named as `corroborate.outlet_of`
        names them, listed by speaker prominence — the speakers with
        the most story quotes first, unattributed quotes last — then by that order.
    """
    occurrences = _occurrences(articles, speakers)
    quotes = [_story_quote(n, [occurrences[i] for i in group])
              for n, group in enumerate(_groups(occurrences, _fact_links(occurrences, facts)),
                                        start=1)]
    prominence = Counter(q.speaker for q in quotes if q.speaker)
    return tuple(sorted(quotes, key=lambda q: (q.speaker is None, -prominence[q.speaker],
                                               q.speaker or "", int(q.id[1:]))))


def disputed_speakers(quote: StoryQuote) -> tuple[str, ...]:
    """The names of a quote's speaker on which outlets disagree, () when they agree.

    Outlets disagree when one credits the quote's own words (in quote marks: a
    reported paraphrase may be another person's like claim) to someone and another
    outlet to someone else, and neither also gives the other's name (in any of its
    carriers: a post quoting the speaker is credited to its author, and the words
    it reports to the speaker in the same article). Carriers of one
    article are never a dispute (a quote nested in another speaker's quote, as in
    "Forbes said the president said …"), nor are two forms of one name ("Tim Murray",
    "Timothy P. Murray"), a person and a group or office named after them ("Romney
    team", "Donald Trump's campaign"), a document ("the prepared text": its author is
    not named), or an outlet that names no one.
    """
    by_outlet: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}  # every speaker an outlet's carriers give
    for carrier in quote.carriers:
        outlet = carrier.outlet or carrier.article_id
        if carrier.speaker:
            named.setdefault(outlet, set()).add(carrier.speaker)
        if carrier.speaker and carrier.kind in ("direct", "mixed") \
                and _answerable(carrier.speaker):
            by_outlet.setdefault(outlet, set()).add(carrier.speaker)
    disputed: set[str] = set()
    for outlet, names in by_outlet.items():
        for other, others in by_outlet.items():
            if outlet < other and not any(one_speaker(a, b) for a in named[outlet]
                                          for b in others) \
                    and not any(one_speaker(a, b) for a in names for b in named[other]):
                disputed |= names | others
    return tuple(name for name in quote.speakers if name in disputed)


def _answerable(speaker: str) -> bool:
    """Whether a speaker's name names someone, not what was said ("the prepared
    text", "Susan Rice's comments")."""
    named = words(speaker)
    return bool(named) and named[-1] not in UTTERANCE_WORDS


def verbatim_alike(first: str, second: str) -> bool:
    """Two quotes nearly word for word: most of the shorter's words run in the same
    order in the longer (runs of `MIN_VERBATIM_RUN` words or more), and enough of
    them to tell a quote from a phrase ("spill the beans"). The same words in
    another order are another remark ("It's going to be a big win for Governor
    Romney" / "For Governor Romney to win …, he's going to have to carry …")."""
    counts = {"same": 0, "omitted": 0, "added": 0, "in runs": 0}
    for op, run in quote_differences(first, second):
        counts[op] += len(run.split())
        if op == "same" and len(run.split()) >= MIN_VERBATIM_RUN:
            counts["in runs"] += len(run.split())
    shorter = counts["same"] + min(counts["omitted"], counts["added"])
    return counts["in runs"] >= MIN_VERBATIM_SHARED and \
        counts["in runs"] >= CONTAINMENT * shorter


def one_speaker(a: str, b: str) -> bool:
    """Two story-wide speaker names for one speaker, or for a person and a group
    named after them: one name holds the other's surname."""
    a_words, b_words = name_words(_POSSESSIVE.sub("", a)), name_words(_POSSESSIVE.sub("", b))
    if not a_words or not b_words:
        return a_words == b_words
    return same_person(a_words, b_words) or b_words[-1] in a_words or a_words[-1] in b_words


_POSSESSIVE = re.compile(r"['’]s\b")


_TOKEN = re.compile(r"\S+")


def _comparable(token: str) -> str:
    return re.sub(r"[^\w%]", "", token.lower())


def quote_differences(reference: str, wording: str) -> list[tuple[str, str]]:
    """A word-level diff of one carrier's `wording` against the story quote's text.

    Returns (op, words) pairs in reading order, op "same", "omitted" (words of the
    reference the wording leaves out) or "added" (words it has that the reference
    does not); a replaced stretch is its omitted words then its added ones. Words
    compare case- and punctuation-blind (difflib's longest matching blocks, Ratcliff
    & Obershelp), and are shown as the reference (or, when added, the wording) has
    them.
    """
    ours, theirs = _TOKEN.findall(reference), _TOKEN.findall(wording)
    matcher = difflib.SequenceMatcher(None, [_comparable(t) for t in ours],
                                      [_comparable(t) for t in theirs], autojunk=False)
    result = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.append(("same", " ".join(ours[i1:i2])))
            continue
        if i2 > i1:
            result.append(("omitted", " ".join(ours[i1:i2])))
        if j2 > j1:
            result.append(("added", " ".join(theirs[j1:j2])))
    return result
