"""The data model: the one vocabulary every stage speaks.

Stages are functions from one of these types to the next (see DESIGN.md):
ingest yields `Article`, understand turns it into `AnnotatedArticle`. The types are
small frozen dataclasses so they can cross process boundaries (pickling) and be
compared in tests. Every character offset anywhere refers to `Article.text`, the
clean text produced once at ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Article:
    """One news article as ingested: clean text plus what is known about it.

    `location` is where it was read from (a file path, `path:line` for JSON Lines,
    or a URL); `extras` keeps input fields storylens has no slot for (tags, topic…).
    Unknown metadata is None: nothing is guessed.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    location: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be ingested, and why, in one line."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of an article's clean text."""

    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A named-entity mention with its label (spaCy's OntoNotes labels)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Quote:
    """An attribution: who (source) said or believes what (content), by which cue.

    `kind` is one of QUOTE_KINDS: "direct" (the content is in quote marks),
    "indirect" (reported speech or writing: a cue of communication, see
    `understand.quotes.reporting`), "mixed" (a paraphrase holding a partial quote) or
    "belief" (what else PolNeAR annotates: an attributed belief, intention or stance,
    or an act of the source's).
    `source` is the mention in the text ("he", "the NATO chief", "Stoltenberg"),
    None when the speaker is not named in the article's words; `speaker` is the
    canonical name it resolves to (a person, organisation or document), or None;
    a person's words an outlet carried ("Cruz said …, according to The Hill") are
    the person's, the outlet their source mention.
    """

    content: Span
    kind: str
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None


QUOTE_KINDS = ("direct", "indirect", "mixed", "belief")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, normalised: "2%" and "two percent" both have value 0.02.

    `unit` names what is counted or measured ("percent", "EUR", "tonnes", "people",
    "percent of GDP"…) or is None for a bare number; `upper` is the top of a range
    ("between 10 and 12") whose bottom is `value`; `year` is the year a target is set
    for ("2% of GDP by 2027").
    """

    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    upper: float | None = None
    year: int | None = None


#: Granularities of a resolved time expression, finest first.
GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade")


@dataclass(frozen=True)
class TimeExpression:
    """A time expression resolved against the article's publication date.

    `date` is the first day of the period it names, at `granularity` ("day",
    "month", "year"…); None when it cannot be resolved (no publication date for a
    relative expression), never a guess from today's date.
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    granularity: str | None


@dataclass(frozen=True)
class NamedEntity:
    """One real-world entity of an article with every mention of it.

    `name` is its canonical (longest proper) name, `aliases` the other names and
    descriptions the article uses for it ("Stoltenberg", "the NATO chief"), `titles`
    its roles ("NATO Secretary-General"). `mentions` index the clean text.
    """

    name: str
    label: str
    mentions: tuple[Span, ...] = ()
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its per-article annotations (the output of understand)."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    named_entities: tuple[NamedEntity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()


def article_id(*, url: str | None, title: str | None, text: str) -> str:
    """A stable id for an article that came without one.

    The URL identifies a web article when there is one; otherwise the title and clean
    text do, so the same file ingested twice (or from two paths) gets the same id.
    """
    key = url.strip() if url else f"{title or ''}\n{' '.join(text.split())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Copy:
    """One article reproducing another's text (syndicated wire copy, a republication).

    `containment` is the share of the copy's text found in the original, `coverage`
    the share of the original's text the copy carries (a trimmed copy: containment
    near 1, coverage lower). Estimated over word shingles, so light edits lower both.
    """

    article_id: str
    original_id: str
    containment: float
    coverage: float


@dataclass(frozen=True)
class Story:
    """Articles reporting one real-world event, as grouped across outlets.

    `label` is a headline-like name (the title of its most central article);
    `article_ids` in the order they joined; `origins` the groups of two or more of
    them that are copies of one text (original first): one origin is one source, not
    several. `first_published`/`last_published` span its dated articles (None when
    none has a date); `outlets` are its articles' outlets, sorted, without repeats.
    """

    id: str
    label: str
    article_ids: tuple[str, ...]
    origins: tuple[tuple[str, ...], ...] = ()
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    outlets: tuple[str, ...] = ()


# --- compare: what a story's articles say, fact by fact -------------------------------

#: How well a fact stands: reported by two or more independent origins, by one, or
#: reported with values (numbers, dates, places, names, polarity) that disagree.
FACT_STATUSES = ("corroborated", "single_source", "conflicting")

#: What two aligned statements can disagree on.
CONFLICT_KINDS = ("number", "date", "place", "name", "polarity")


@dataclass(frozen=True)
class Statement:
    """One article's wording of a fact: a sentence, or the clause of it holding the fact.

    `start`/`end` index that article's clean text, so every statement can be cited
    back to the words it came from.
    """

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class SimilarStatement:
    """A statement of another origin that resembles a fact but is not counted for it: the fact decision scored the pair below its threshold, or
    matched the statement better elsewhere. Never a corroboration.

    `probability` is the fact decision's probability that the two tell one fact.
    """

    statement: Statement
    probability: float


@dataclass(frozen=True)
class Fact:
    """One thing a story's articles report, with every statement that reports it.

    `text` is the wording of its most central statement. `origins` are the
    independent origins carrying it, each the article ids of one origin (copies of
    one wire text are one origin; an outlet repeating another outlet's report is
    counted with that outlet). `status` is one of FACT_STATUSES. `similar` are the
    statements of origins not carrying it that came closest to telling it (near
    misses, most probable first), shown and not counted. `possibly_in` are the ids
    of the articles of those origins that may tell it (near misses and weaker
    resemblances): no outlet of theirs is said to leave the fact out.
    """

    id: str
    text: str
    statements: tuple[Statement, ...]
    origins: tuple[tuple[str, ...], ...]
    status: str
    similar: tuple[SimilarStatement, ...] = ()
    possibly_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConflictSide:
    """One side of a conflict: a statement and the value it gives ("12 people")."""

    statement: Statement
    value: str


@dataclass(frozen=True)
class Conflict:
    """Aligned statements of one fact that disagree on a value of kind CONFLICT_KINDS."""

    fact_id: str
    kind: str
    sides: tuple[ConflictSide, ...]


@dataclass(frozen=True)
class OutletCoverage:
    """What one outlet reports of a story: fact ids it carries, alone, and leaves out.

    `omitted` are facts most of the other outlets report and this one does not.
    """

    outlet: str
    article_ids: tuple[str, ...]
    facts: tuple[str, ...]
    unique: tuple[str, ...]
    omitted: tuple[str, ...]


@dataclass(frozen=True)
class QuoteCarrier:
    """One article carrying a story quote: its content span there and whom it credits.

    `speaker` is the story-wide name this article's attribution resolves to (None
    when unresolved); `kind` as in `Quote.kind`; `cue` the words of the attribution
    that report it ("said", "touted", "according to"), None when it has none.
    """

    article_id: str
    outlet: str | None
    start: int
    end: int
    kind: str
    speaker: str | None
    cue: str | None = None


@dataclass(frozen=True)
class StoryQuote:
    """The same quote across a story's articles, in whatever cuts or wordings.

    `text` is its fullest wording; `speaker` the story-wide name most carriers give;
    `speakers` every distinct name carriers give (more than one: outlets disagree on
    who said it).
    """

    id: str
    speaker: str | None
    text: str
    carriers: tuple[QuoteCarrier, ...]
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordChoice:
    """Different outlets' words for the same thing ("invasion" / "operation")."""

    concept: str
    words: tuple[tuple[str, str], ...]  # (outlet, the word it uses)


@dataclass(frozen=True)
class OutletFraming:
    """Signals of how one outlet frames a story.

    `voices` are (speaker, share of the outlet's quotes), largest first; `lead` is
    the fact id its earliest-placed statement reports (what it leads with), or None.
    """

    outlet: str
    voices: tuple[tuple[str, float], ...]
    lead: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event of the story, with the statements that date it.

    `expression` is the time expression that dates it, as the first statement
    writes it ("last week"): a sentence may hold several, each dating an event of
    its own ("charged on Thursday … for a killing last week").
    """

    date: dt.date
    granularity: str
    text: str
    statements: tuple[Statement, ...]
    fact_id: str | None = None
    expression: str = ""


@dataclass(frozen=True)
class SummaryLine:
    """One sentence of the cited summary: a fact's wording, its status and citations."""

    fact_id: str
    text: str
    status: str
    citations: tuple[Statement, ...]


@dataclass(frozen=True)
class StoryAnalysis:
    """Everything compare says about one story (the brief renders it).

    `speakers` maps (article id, local speaker or entity name) to the story-wide
    name, so any renderer can show one name per person.
    """

    story: Story
    articles: tuple[AnnotatedArticle, ...]
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    coverage: tuple[OutletCoverage, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    framing: tuple[OutletFraming, ...] = ()
    word_choices: tuple[WordChoice, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummaryLine, ...] = ()
    speakers: Mapping[tuple[str, str], str] = field(default_factory=dict, compare=False)
