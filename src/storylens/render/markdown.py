"""The Markdown report: what a reader sees in the terminal or pastes into notes."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

from ..model import AnnotatedArticle, Story

#: Entity labels worth listing to a reader: who, which organisation, where.
_READER_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Places",
                  "LOC": "Places", "NORP": "Groups", "EVENT": "Events"}


def _cell(value: object) -> str:
    text = "—" if value in (None, "") else " ".join(str(value).split())
    return text.replace("|", "\\|")


def _entity_index(articles: list[AnnotatedArticle]) -> dict[str, Counter]:
    """Per reader label, each entity with the number of articles naming it."""
    index: dict[str, Counter] = defaultdict(Counter)
    for annotated in articles:
        named = {(_READER_LABELS[e.label], " ".join(e.text.split()))
                 for e in annotated.entities if e.label in _READER_LABELS}
        for heading, name in named:
            index[heading][name] += 1
    return index


def _lede(text: str) -> str:
    """The article's first paragraph, as one line."""
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def _words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _quote_table(articles: list[AnnotatedArticle]) -> list[str]:
    """Who said what: every quote, grouped by speaker, most-quoted speaker first.

    A quote whose speaker could not be resolved is listed under the words the text
    uses for the source ("a senior official"), or as unattributed.
    """
    by_speaker: dict[str, list[tuple[AnnotatedArticle, object]]] = defaultdict(list)
    for annotated in articles:
        text = annotated.article.text
        for quote in annotated.quotes:
            if quote.speaker:
                speaker = quote.speaker
            elif quote.source:
                speaker = f"“{' '.join(text[quote.source.start:quote.source.end].split())}”"
            else:
                speaker = "(unattributed)"
            by_speaker[speaker].append((annotated, quote))
    if not by_speaker:
        return []
    lines = ["", "## Who said what", "",
             "| Speaker | Outlet | Kind | What was said |", "|---|---|---|---|"]
    for speaker, quotes in sorted(by_speaker.items(), key=lambda item: -len(item[1])):
        for annotated, quote in quotes:
            said = annotated.article.text[quote.content.start:quote.content.end]
            lines.append(f"| {_cell(speaker)} | {_cell(annotated.article.outlet)} "
                         f"| {quote.kind} | {_cell(_words(said, 40))} |")
    return lines


def story_span(story: Story) -> str:
    """"2025-03-04 – 2025-03-05", one date when they agree, "—" without dates."""
    first, last = story.first_published, story.last_published
    if first is None:
        return "—"
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def _stories_section(stories: Sequence[Story], articles: list[AnnotatedArticle]) -> list[str]:
    """Each story with its articles; copies of one text marked as one origin."""
    if not stories:
        return []
    by_id = {a.article.id: a.article for a in articles}
    lines = ["", "## Stories", ""]
    for story in stories:
        origin_of = {member: n for n, origin in enumerate(story.origins, 1)
                     for member in origin}
        lines += [f"### {_cell(story.label)}", "",
                  f"`{story.id}` · {len(story.article_ids)} article(s) · "
                  f"{len(story.outlets)} outlet(s) · {story_span(story)}"
                  + (f" · {len(story.origins)} wire text(s) copied" if story.origins else ""),
                  ""]
        for article_id in story.article_ids:
            article = by_id.get(article_id)
            if article is None:
                continue
            copy = (f" — copy of one text (origin {origin_of[article_id]})"
                    if article_id in origin_of else "")
            lines.append(f"- {_cell(article.published)} · {_cell(article.outlet)} · "
                         f"{_cell(article.title)}{copy}")
        lines.append("")
    return lines[:-1]


def render_markdown(articles: Iterable[AnnotatedArticle], stories: Sequence[Story] = ()) -> str:
    articles = list(articles)
    outlets = {a.article.outlet for a in articles if a.article.outlet}
    lines = ["# storylens report", "",
             f"{len(articles)} article(s) from {len(outlets)} named outlet(s).", "",
             "## Articles", "",
             "| Published | Outlet | Title | Author | Sentences | Entities |",
             "|---|---|---|---|--:|--:|"]
    for annotated in articles:
        a = annotated.article
        lines.append(f"| {_cell(a.published)} | {_cell(a.outlet)} | {_cell(a.title)} "
                     f"| {_cell(a.author)} | {len(annotated.sentences)} "
                     f"| {len(annotated.entities)} |")
    lines += _stories_section(stories, articles)
    lines += _quote_table(articles)
    index = _entity_index(articles)
    if index:
        lines += ["", "## Who and what is named", "",
                  "Each name with the number of articles that mention it.", ""]
        for heading in dict.fromkeys(_READER_LABELS.values()):
            if index.get(heading):
                names = ", ".join(f"{name} ({count})"
                                  for name, count in index[heading].most_common(15))
                lines.append(f"- **{heading}:** {names}")
    for annotated in articles:
        a = annotated.article
        heading = a.title or _words(_lede(a.text), 12)
        lines += ["", f"## {_cell(heading)}", "",
                  f"*{_cell(a.outlet)} · {_cell(a.author)} · {_cell(a.published)}*"
                  + (f" · <{a.url}>" if a.url else ""), "",
                  f"`{a.id}` from `{a.location}`", "",
                  f"> {_lede(a.text)}"]
    return "\n".join(lines).rstrip() + "\n"
