"""The story brief as a reader sees it, shared by the Markdown and HTML renderers.

A `StoryAnalysis` speaks in ids and offsets; a reader needs numbered sources, facts
with short labels (F1, F2…), every cited statement with the words it came from and
the paragraph around them, quotes grouped by speaker with each outlet's cut compared
to the fullest one. `Brief` computes that view once, so citation numbers and fact
labels are the same in every format.
"""

from __future__ import annotations

import datetime as dt
import re
import itertools
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..compare.corroborate import outlet_of
from ..compare.quotes import (UNATTRIBUTED, disputed_speakers, quote_differences,
                              speaker_label)
from ..model import (Article, Fact, QuoteCarrier, Statement, StoryAnalysis, StoryQuote,
                     TimelineEntry)

#: Words of paragraph shown on each side of a cited statement.
CONTEXT_WORDS = 45
#: What a reader is told about a fact's status.
STATUS_LABELS = {"corroborated": "corroborated", "single_source": "single source",
                 "conflicting": "conflicting"}
#: Summary groups, in reading order: the corroborated core first.
SUMMARY_GROUPS = (("corroborated", "Corroborated"), ("conflicting", "Disputed"),
                  ("single_source", "Single-source claims"))
#: URL schemes an article link may use; anything else (javascript:, data:) is no link.
LINK_SCHEMES = frozenset({"http", "https"})
#: Words of an unchanged stretch kept on each side of a change, in a cut's diff.
DIFF_CONTEXT_WORDS = 4
#: A diff is shown when at least this share of a cut's words match the fullest
#: wording and it has at most DIFF_MAX_CHANGES changed stretches; otherwise the cut
#: is a rewording, shown whole (a diff of a paraphrase is noise).
DIFF_MIN_SAME = 0.5
DIFF_MAX_CHANGES = 3
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_OPENING_MARKS, _CLOSING_MARKS = "\"“‘'«", "\"”’'»"
_DOUBLE_OPENING = "\"“«"
#: A closing double mark (with the comma or stop before it), the words outside the
#: quote and the next opening mark.
_TAG_BETWEEN_QUOTES = re.compile(r"[,.]?[”\"»]\s*[^“”\"«»]*?\s*[“\"«]")


def clip(text: str, width: int) -> str:
    """`text` on one line, cut at a word boundary to at most `width` characters + "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0] or text[:width - 1]
    return cut.rstrip(" ,;:.") + "…"


def around(text: str, phrase: str, width: int | None = None) -> tuple[str, str, str]:
    """`text` on one line split around the first `phrase` in it (before, phrase,
    after), and with `width` cut to about that many characters around it, a third
    of them before unless less is left after: the words that date a timeline
    entry, shown in their context even where the sentence runs long. Without the
    phrase in it, the text (clipped) comes whole as `before`."""
    text = " ".join(text.split())
    at = text.find(phrase) if phrase else -1
    if at < 0:
        return (clip(text, width) if width else text), "", ""
    before, after = text[:at], text[at + len(phrase):]
    if width is None or len(text) <= width:
        return before, phrase, after
    room = max(width - len(phrase), 0)
    before_room = max(room // 3, room - len(after))
    if len(before) > before_room:
        cut = len(before) - before_room
        kept = before[cut:]
        if before[cut - 1] != " ":  # whole words only
            kept = kept.split(" ", 1)[1] if " " in kept else ""
        before = "…" + kept
    rest = max(room - len(before), 2)
    if len(after) > rest:
        space = " " if after.startswith(" ") else ""
        after = space + clip(after, rest - len(space))
    return before, phrase, after


def bare_quote(text: str) -> str:
    """A quote's words without the enclosing quote marks and trailing comma its span
    may hold ("“We held that wall,”" -> "We held that wall"), for showing in marks of
    our own; marks of a quote inside it ('a partner "for peace"') stay. In a span
    quoted whole in double marks, what stands between a closing and an opening mark
    is the speaker tag ("“…,” said Ann Lee, a teacher. “…”"): it becomes an ellipsis,
    as the speaker's words are shown without it."""
    text = " ".join(text.split()).rstrip(" ,")
    if len(text) > 1 and text[0] in _OPENING_MARKS and text[-1] in _CLOSING_MARKS:
        inner = text[1:-1]
        if text[0] in _DOUBLE_OPENING:
            inner = _TAG_BETWEEN_QUOTES.sub(" … ", inner)
        text = inner.strip().rstrip(" ,")
    return text


def safe_link(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: never a script link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


def date_label(date: dt.date, granularity: str | None) -> str:
    """A resolved date shown at its granularity: "2023-01-31", "2023-01", "2023 Q1"…"""
    if granularity == "year":
        return str(date.year)
    if granularity == "decade":
        return f"{date.year}s"
    if granularity == "quarter":
        return f"{date.year} Q{(date.month - 1) // 3 + 1}"
    if granularity in ("month", "season"):
        return date.strftime("%Y-%m")
    if granularity == "week":
        return f"week of {date.isoformat()}"
    return date.isoformat()


def first_words(text: str, count: int) -> str:
    """The first `count` words of `text` on one line, "…" when cut; a leading space
    is kept, so the piece still joins the words before it as the text had them."""
    words = text.split()
    if not words:
        return ""
    return (" " if text[0].isspace() else "") + " ".join(words[:count]) \
        + (" …" if len(words) > count else "")


def last_words(text: str, count: int) -> str:
    """The last `count` words of `text` on one line, "…" first when cut; a trailing
    space is kept."""
    words = text.split()
    if not words:
        return ""
    return ("… " if len(words) > count else "") + " ".join(words[-count:]) \
        + (" " if text[-1].isspace() else "")


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the statement's paragraph before and after it, cut to CONTEXT_WORDS
    words on each side."""
    para_start = max((m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)), default=0)
    after_break = _PARAGRAPH_BREAK.search(text, end)
    para_end = after_break.start() if after_break else len(text)
    return (last_words(text[para_start:start], CONTEXT_WORDS),
            first_words(text[end:para_end], CONTEXT_WORDS))


@dataclass(frozen=True)
class Source:
    """An article of the story with the number citations give it ([1], [2]…)."""

    number: int
    article: Article

    @property
    def outlet(self) -> str:
        """The outlet as compare counts it (an article without one is its own)."""
        return outlet_of(self.article)

    @property
    def name(self) -> str:
        """The outlet as a reader is shown it: "source 2" when it is not known."""
        return self.article.outlet or f"source {self.number}"

    @property
    def link(self) -> str | None:
        return safe_link(self.article.url)


def outlets_phrase(articles: Iterable[Article]) -> str:
    """How many outlets tell a story, with the sources no outlet is known for said
    apart ("2 outlets and 1 unnamed source"): compare counts each of those as its own
    origin (`outlet_of`), but a reader should not take them for named outlets."""
    articles = list(articles)
    named = len({a.outlet for a in articles if a.outlet})
    unnamed = len({outlet_of(a) for a in articles if not a.outlet})
    parts = ([f"{named} outlet{'s' if named != 1 else ''}"] if named else []) + (
        [f"{unnamed} unnamed source{'s' if unnamed != 1 else ''}"] if unnamed else [])
    return " and ".join(parts) or "no outlet"


@dataclass(frozen=True)
class Evidence:
    """A cited statement: its words and the rest of its paragraph on either side.

    `number` is unique within the brief (the anchor of its place in the sources
    appendix); `source.number` is what the citation shows.
    """

    number: int
    source: Source
    statement: Statement
    before: str
    text: str
    after: str
    href: str | None = None  # where a citation leads, when not to the sources appendix


def by_source(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The first evidence of each source, by source number: one citation per source."""
    first: dict[int, Evidence] = {}
    for item in evidence:
        first.setdefault(item.source.number, item)
    return [first[n] for n in sorted(first)]


@dataclass(frozen=True)
class FactView:
    """A fact with its label (F1…), the outlets reporting it and its cited statements.

    `similar` are its near misses (`Fact.similar`), each cited with the fact
    decision's probability: shown as resemblances, never as corroboration.
    `disputed_by` cites the statements of other facts that a conflict sets against
    this one (counts compared across facts), so a disputed fact never shows only
    its own side.
    """

    label: str
    fact: Fact
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    similar: tuple[tuple[Evidence, float], ...] = ()
    disputed_by: tuple[Evidence, ...] = ()

    @property
    def status(self) -> str:
        return self.fact.status

    @property
    def origin_note(self) -> str:
        """"1 origin in 2 outlets" when copies or credits make the origins fewer than
        the outlets citing the fact (two wire copies read as two citations, yet they
        are one witness), "1 origin in 2 articles of Fox News" when an outlet's own
        articles do (a single-source fact cited twice would read as corroborated),
        else ""."""
        origins = len(self.fact.origins)
        counted = f"{origins} origin{'s' if origins != 1 else ''}"
        if len(self.outlets) > origins:
            return f"{counted} in {len(self.outlets)} outlets"
        articles = len({item.source.number for item in self.evidence})
        if articles <= origins:
            return ""
        return f"{counted} in {articles} articles" + (
            f" of {self.outlets[0]}" if len(self.outlets) == 1 else "")

    @property
    def status_label(self) -> str:
        """The status in words, with the `origin_note` when there is one."""
        label = STATUS_LABELS.get(self.status, self.status)
        return f"{label}: {self.origin_note}" if self.origin_note else label


@dataclass(frozen=True)
class Cut:
    """One outlet's wording of a story quote, compared with the fullest wording.

    `differences` are `compare.quotes.quote_differences` pairs (op "same", "omitted"
    or "added", words); empty when the wording is the fullest one or `reworded`
    (too little of it matches for a diff to help).
    """

    evidence: Evidence
    kind: str
    speaker: str | None
    differences: tuple[tuple[str, str], ...]
    reworded: bool = False
    cue: str | None = None

    @property
    def differs(self) -> bool:
        return any(op != "same" for op, _ in self.differences)


@dataclass(frozen=True)
class QuoteView:
    """A story quote with each carrier's cut."""

    quote: StoryQuote
    cuts: tuple[Cut, ...]

    @property
    def disputed_speakers(self) -> tuple[str, ...]:
        """The names outlets disagree on as the quote's speaker (`disputed_speakers`)."""
        return disputed_speakers(self.quote)

    @property
    def cue(self) -> str | None:
        """The words reporting the quote where it is told in its fullest wording
        ("said", "touted"), else in any cut: reported speech is shown under them, so
        a reader tells "touted his plan" from "said that" at a glance."""
        wording = bare_quote(self.quote.text)
        cues = [cut.cue for cut in self.cuts
                if cut.cue and bare_quote(cut.evidence.text) == wording]
        return next(iter(cues), None) or next((cut.cue for cut in self.cuts if cut.cue), None)

    @property
    def verbatim(self) -> bool:
        """Whether the quote's wording is a direct quote, to be shown in quote marks;
        reported speech never is (marks would claim the speaker's own words)."""
        wording = bare_quote(self.quote.text)
        return any(cut.kind == "direct" and bare_quote(cut.evidence.text) == wording
                   for cut in self.cuts)


def _compact_same(words: str, first: bool, last: bool) -> str:
    """An unchanged stretch of a diff cut to the words next to the changes around it."""
    tokens = words.split()
    keep = DIFF_CONTEXT_WORDS
    if len(tokens) <= 2 * keep + 1:
        return words
    head = [] if first else tokens[:keep]
    tail = [] if last else tokens[-keep:]
    return " ".join(head + ["…"] + tail)


def _cut(evidence: Evidence, carrier: QuoteCarrier, reference: str) -> Cut:
    """A carrier's cut with its word diff against the fullest wording, long unchanged
    stretches shortened; no diff when they agree or the cut is a rewording."""
    kind, speaker, cue = carrier.kind, carrier.speaker, carrier.cue
    diff = quote_differences(bare_quote(reference), bare_quote(evidence.text))
    if all(op == "same" for op, _ in diff):
        return Cut(evidence, kind, speaker, (), cue=cue)
    counts = {op: sum(len(words.split()) for o, words in diff if o == op)
              for op in ("same", "added")}
    changes = sum(op != "same" and (n == 0 or diff[n - 1][0] == "same")
                  for n, (op, _) in enumerate(diff))
    if (counts["same"] < DIFF_MIN_SAME * (counts["same"] + counts["added"])
            or changes > DIFF_MAX_CHANGES):
        return Cut(evidence, kind, speaker, (), reworded=True, cue=cue)
    last = len(diff) - 1
    return Cut(evidence, kind, speaker,
               tuple((op, _compact_same(words, n == 0, n == last) if op == "same" else words)
                     for n, (op, words) in enumerate(diff)), cue=cue)


class Brief:
    """The reader's view of one StoryAnalysis (see the module docstring)."""

    def __init__(self, analysis: StoryAnalysis,
                 statement_href: Callable[[Statement], str] | None = None):
        self.analysis = analysis
        self.statement_href = statement_href
        self.story = analysis.story
        by_id = {a.article.id: a.article for a in analysis.articles}
        order = [i for i in analysis.story.article_ids if i in by_id]
        order += [i for i in by_id if i not in order]
        self.sources = [Source(n, by_id[i]) for n, i in enumerate(order, 1)]
        self.source_of = {s.article.id: s for s in self.sources}
        self._outlet_names = {s.outlet: s.name for s in self.sources}
        self.fact_label = {f.id: f"F{n}" for n, f in enumerate(analysis.facts, 1)}
        self._evidence: dict[Statement, Evidence] = {}
        # Numbered in reading order: the summary's citations come first.
        self.summary = [(title, [(line, self.cite(line.citations)) for line in analysis.summary
                                 if line.status == status])
                        for status, title in SUMMARY_GROUPS]
        self.summary = [(title, lines) for title, lines in self.summary if lines]
        opposed = defaultdict(list)  # fact id -> conflict sides from other facts
        for conflict in analysis.conflicts:
            opposed[conflict.fact_id] += [side.statement for side in conflict.sides]
        self.facts = [FactView(self.fact_label[f.id], f, self._outlets(f.statements),
                               self.cite(f.statements),
                               tuple((evidence, s.probability) for s in f.similar
                                     for evidence in self.cite([s.statement])),
                               self.cite([s for s in opposed[f.id]
                                          if s not in f.statements]))
                      for f in analysis.facts]
        self.conflicts = [(c, [(side, evidence) for side in c.sides
                               for evidence in self.cite([side.statement])])
                          for c in analysis.conflicts]
        self.quotes = self._quotes_by_speaker(analysis.quotes)
        self.timeline = [(entry, self.cite(entry.statements))
                         for entry in sorted(analysis.timeline, key=lambda e: e.date)]
        self._fact_views = {view.fact.id: view for view in self.facts}

    @cached_property
    def sections(self) -> dict[str, tuple[str, str]]:
        """The sections with something to show, in reading order: anchor key ->
        (heading, short name for the table of contents)."""
        a = self.analysis
        shown = {"summary": ("Summary", "Summary", self.summary),
                 "facts": ("Facts", "Facts", self.facts),
                 "matrix": ("Facts × outlets", "Matrix", a.coverage and self.facts),
                 "conflicts": ("Conflicts", "Conflicts", self.conflicts),
                 "quotes": ("Quotes by speaker", "Quotes", self.quotes),
                 "coverage": ("Coverage by outlet", "Coverage", a.coverage),
                 "framing": ("Framing", "Framing", a.framing or a.word_choices),
                 "timeline": ("Timeline", "Timeline", self.timeline),
                 "sources": ("Sources in context", "Sources", self.sources)}
        return {key: (heading, short) for key, (heading, short, content) in shown.items()
                if content}

    # --- citations ---------------------------------------------------------------------

    def cite(self, statements: Iterable[Statement]) -> tuple[Evidence, ...]:
        """The evidence of each statement whose article is in the story, numbered on
        first citation."""
        cited = []
        for statement in statements:
            if statement not in self._evidence:
                source = self.source_of.get(statement.article_id)
                if source is None:
                    continue
                text = source.article.text
                before, after = _context(text, statement.start, statement.end)
                self._evidence[statement] = Evidence(
                    len(self._evidence) + 1, source, statement, before,
                    " ".join(text[statement.start:statement.end].split()), after,
                    self.statement_href(statement) if self.statement_href else None)
            cited.append(self._evidence[statement])
        return tuple(cited)

    def facts_citing(self, evidence: Evidence) -> list[FactView]:
        """The facts a statement is cited for, so its place in the sources leads back."""
        return [view for view in self.facts if evidence in view.evidence]

    def evidence_by_source(self) -> list[tuple[Source, list[Evidence]]]:
        """Every source with its cited statements in text order (the appendix)."""
        by_source: dict[int, list[Evidence]] = defaultdict(list)
        for evidence in self._evidence.values():
            by_source[evidence.source.number].append(evidence)
        return [(s, sorted(by_source[s.number], key=lambda e: e.statement.start))
                for s in self.sources]

    def timeline_by_date(self) -> list[tuple[str, list[tuple[TimelineEntry,
                                                              tuple[Evidence, ...]]]]]:
        """The timeline's entries under their dates, each date shown once."""
        return [(label, list(entries)) for label, entries in itertools.groupby(
            self.timeline, key=lambda item: date_label(item[0].date, item[0].granularity))]

    # --- facts and outlets ---------------------------------------------------------------

    @property
    def outlets(self) -> list[str]:
        """The story's outlets: as the coverage lists them, else as its articles do."""
        if self.analysis.coverage:
            return [c.outlet for c in self.analysis.coverage]
        return list(dict.fromkeys(s.outlet for s in self.sources))

    @property
    def outlet_count(self) -> str:
        """How many outlets tell the story (see `outlets_phrase`)."""
        return outlets_phrase(s.article for s in self.sources)

    def outlet_name(self, outlet: str) -> str:
        """An outlet as compare names it, as a reader is shown it (see `Source.name`)."""
        return self._outlet_names.get(outlet, outlet)

    def _outlets(self, statements: Iterable[Statement]) -> tuple[str, ...]:
        """The outlets of the statements' articles, in source order."""
        sources = sorted({self.source_of[s.article_id] for s in statements
                          if s.article_id in self.source_of}, key=lambda s: s.number)
        return tuple(dict.fromkeys(s.name for s in sources))

    def matrix(self) -> list[tuple[FactView, list[bool]]]:
        """Each fact with, per outlet of `outlets`, whether the outlet reports it."""
        reported = {c.outlet: set(c.facts) for c in self.analysis.coverage}
        return [(view, [view.fact.id in reported.get(outlet, ()) for outlet in self.outlets])
                for view in self.facts]

    def fact_labels(self, fact_ids: Iterable[str]) -> list[str]:
        return [self.fact_label[i] for i in fact_ids if i in self.fact_label]

    def fact_view(self, fact_id: str | None) -> FactView | None:
        return self._fact_views.get(fact_id)

    # --- quotes --------------------------------------------------------------------------

    def _quotes_by_speaker(self, quotes: Iterable[StoryQuote]
                           ) -> list[tuple[str, list[QuoteView]]]:
        """Story quotes grouped by speaker, in compare's order (most prominent first)."""
        by_speaker: dict[str, list[QuoteView]] = defaultdict(list)
        for quote in quotes:
            cuts = [_cut(evidence, carrier, quote.text)
                    for carrier in quote.carriers
                    for evidence in self.cite([Statement(carrier.article_id, carrier.start,
                                                         carrier.end)])]
            speaker = quote.speaker or self._unnamed_source(quote)
            by_speaker[speaker].append(QuoteView(quote, tuple(cuts)))
        return list(by_speaker.items())

    def _unnamed_source(self, quote: StoryQuote) -> str:
        """A quote no outlet credits to a named speaker: listed under the words an
        outlet gives its source ("“domestic sources”"), unattributed only when no
        outlet gives one (`compare.quotes.speaker_label`)."""
        labels = [speaker_label(*self._attributions[key], {}) for key in
                  ((c.article_id, c.start, c.end) for c in quote.carriers)
                  if key in self._attributions]
        return next((label for label in labels if label != UNATTRIBUTED), UNATTRIBUTED)

    @cached_property
    def _attributions(self) -> dict[tuple[str, int, int], tuple]:
        """(article id, content start, end) -> (annotated article, quote), built once."""
        return {(a.article.id, q.content.start, q.content.end): (a, q)
                for a in self.analysis.articles for q in a.quotes}
