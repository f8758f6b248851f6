"""An article's clean text as HTML with its annotations marked.

Quotes, their speakers, named entities, quantities and time expressions overlap (a
name inside a quote, a date inside a quantity's sentence), so nesting elements per
annotation would mis-nest. Instead the text is cut at every annotation boundary and
each piece carries the classes of all the annotations covering it: flat markup that
is always well formed. Every piece of text is escaped; only the marks' fixed class
names and the links the caller builds are markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from ..model import AnnotatedArticle, Span

#: Paragraph breaks of the clean text: one blank line or more.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Mark:
    """One annotation to show: a span of the text, its kind (a CSS class), a note
    shown on hover and, for speakers, a link."""

    start: int
    end: int
    kind: str
    note: str = ""
    href: str | None = None


def article_marks(annotated: AnnotatedArticle, *, speaker_name: Callable[[str], str],
                  speaker_href: Callable[[str], str], cited: Span | None = None
                  ) -> list[Mark]:
    """The marks of an article's annotations; `speaker_name` maps a local speaker name
    to the story-wide one, `speaker_href` a story-wide name to its page."""
    text = annotated.article.text
    marks: list[Mark] = []
    for quote in annotated.quotes:
        name = speaker_name(quote.speaker) if quote.speaker else None
        marks.append(Mark(quote.content.start, quote.content.end, "quote",
                          f"{quote.kind} quote" + (f" — {name}" if name else "")))
        if quote.source:
            marks.append(Mark(quote.source.start, quote.source.end, "speaker",
                              f"speaker: {name or text[quote.source.start:quote.source.end]}",
                              speaker_href(name) if name else None))
    for entity in annotated.named_entities:
        marks.extend(Mark(m.start, m.end, "entity", f"{entity.name} ({entity.label})")
                     for m in entity.mentions)
    for quantity in annotated.quantities:
        value = "" if quantity.value is None else f" = {quantity.value:g}"
        marks.append(Mark(quantity.start, quantity.end, "quantity",
                          f"quantity{value}{' ' + quantity.unit if quantity.unit else ''}"))
    for time in annotated.times:
        marks.append(Mark(time.start, time.end, "time",
                          f"time: {time.date.isoformat() if time.date else 'unresolved'}"))
    if cited is not None:
        marks.append(Mark(cited.start, cited.end, "cited", "cited statement"))
    return marks


def paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of `text`."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start:match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """`text` as <p> elements, each cut at the boundaries of the marks inside it."""
    html = []
    cited_anchor = False
    for first, last in paragraphs(text):
        inside = [m for m in marks if m.start < last and m.end > first and m.end > m.start]
        cuts = sorted({first, last} | {max(first, min(last, offset))
                                       for m in inside for offset in (m.start, m.end)})
        pieces = []
        for start, end in zip(cuts, cuts[1:]):
            covering = [m for m in inside if m.start <= start and m.end >= end]
            anchor = not cited_anchor and any(m.kind == "cited" for m in covering)
            cited_anchor |= anchor
            pieces.append(_piece(text[start:end], covering, anchor))
        html.append(Markup("<p>") + Markup("").join(pieces) + Markup("</p>"))
    return Markup("\n").join(html)


def _piece(text: str, covering: Sequence[Mark], anchor: bool) -> Markup:
    if not covering:
        return escape(text)
    classes = " ".join(sorted({m.kind for m in covering}))
    note = "; ".join(dict.fromkeys(m.note for m in covering if m.note))
    href = next((m.href for m in covering if m.href), None)
    tag = "a" if href else "mark"
    attributes = Markup(' class="{}" title="{}"').format(classes, note)
    if href:
        attributes += Markup(' href="{}"').format(href)
    if anchor:
        attributes += Markup(' id="cited"')
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), attributes, text)
