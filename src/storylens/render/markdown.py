"""The Markdown report: what a reader sees in the terminal or pastes into notes.

With story analyses, each story gets a brief: a cited summary, facts with their
status and outlets, a facts × outlets matrix, conflicts side by side, quotes by
speaker with the outlets carrying each cut, per-outlet coverage, framing and a
timeline. Citations [1][2] number the story's articles, listed under "Sources".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

from ..compare.quotes import quotes_by_speaker
from ..model import AnnotatedArticle, Article, Story, StoryAnalysis, TimelineEntry
from .brief import (Brief, Cut, Evidence, around, bare_quote, by_source, clip,
                    date_label, outlets_phrase)

#: Entity labels worth listing to a reader: who, which organisation, where.
_READER_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Places",
                  "LOC": "Places", "NORP": "Groups", "EVENT": "Events"}


def _cell(value: object) -> str:
    text = "—" if value in (None, "") else " ".join(str(value).split())
    return text.replace("|", "\\|")


def _entity_index(articles: list[AnnotatedArticle],
                  story_names: dict[tuple[str, str], str]) -> dict[str, Counter]:
    """Per reader label, each entity with the number of articles naming it, by its
    canonical name and label (a surname spaCy tagged as a place in one sentence is
    still the person); an article of a story counts under the story-wide name
    (`story_names`, as `compare.speakers.unify_speakers` gives it), so one outlet's
    "NATO" and another's "North Atlantic Treaty Organization" are one line. Names of
    equal count keep the order of first mention (a set's order would change from
    run to run). A name goes under the one heading most of its articles give it (the
    first among equals): the tagger may call a district a group in one report and a
    place in another."""
    headings: dict[str, Counter] = defaultdict(Counter)
    articles_naming: Counter = Counter()
    for annotated in articles:
        article_id = annotated.article.id
        named = dict.fromkeys(
            (_READER_LABELS[e.label],
             " ".join(story_names.get((article_id, e.name), e.name).split()))
            for e in annotated.named_entities if e.label in _READER_LABELS)
        for heading, name in named:
            headings[name][heading] += 1
        articles_naming.update({name for _, name in named})
    index: dict[str, Counter] = defaultdict(Counter)
    for name, votes in headings.items():
        index[votes.most_common(1)[0][0]][name] = articles_naming[name]
    return index


def _lede(text: str) -> str:
    """The article's first paragraph, as one line."""
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def _heading(article: Article) -> str:
    """The article's title, else the first words of its lede."""
    return article.title or _words(_lede(article.text), 12)


def _words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _quote_table(articles: Sequence[AnnotatedArticle],
                 speakers: dict[tuple[str, str], str]) -> list[str]:
    """Who said what (`compare.quotes.quotes_by_speaker`), one row per quote: the
    same words of one speaker in several articles (a wire story and its copies, one
    outlet's updates) are one row naming every outlet that carried them."""
    by_speaker = quotes_by_speaker(articles, speakers)
    if not by_speaker:
        return []
    lines = ["", "## Who said what", "",
             "| Speaker | Outlet | Kind | What was said |", "|---|---|---|---|"]
    for speaker, quotes in by_speaker:
        carriers: dict[tuple[str, str], dict[str, None]] = {}
        for annotated, quote in quotes:
            said = annotated.article.text[quote.content.start:quote.content.end]
            shown = (quote.kind, quoted_words(said, quote.kind))
            carriers.setdefault(shown, {})[annotated.article.outlet or ""] = None
        for (kind, said), outlets in carriers.items():
            lines.append(f"| {_cell(speaker)} | {_cell(', '.join(o for o in outlets if o))} "
                         f"| {kind} | {_cell(said)} |")
    return lines


def quoted_words(said: str, kind: str, count: int = 40) -> str:
    """An attribution's content as a table shows it: a direct quote's words in marks,
    without a speaker tag inside them; at most `count` words."""
    if kind == "direct":
        said = f"“{bare_quote(said)}”"
    return _words(said, count)


def story_span(story: Story) -> str:
    """"2025-03-04 – 2025-03-05", one date when they agree, "—" without dates."""
    first, last = story.first_published, story.last_published
    if first is None:
        return "—"
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def _articles_from(articles: Sequence[Article]) -> str:
    """"5 articles from 3 outlets and 1 unnamed source"."""
    return (f"{len(articles)} article{'s' if len(articles) != 1 else ''} from "
            f"{outlets_phrase(articles)}")


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
                  f"`{story.id}` · {_articles_from([by_id[i] for i in story.article_ids if i in by_id])}"
                  f" · {story_span(story)}"
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


#: Widest text cell of a brief table, so a row fits a terminal; the timeline's three
#: columns leave its events more, so the words dating one keep their context.
TEXT_WIDTH = 60
TIMELINE_WIDTH = 90


def _cites(evidence: Iterable[Evidence]) -> str:
    """"[1][3]": the sources of the evidence, each once, in order."""
    return "".join(f"[{e.source.number}]" for e in by_source(evidence))


def _brief_summary(brief: Brief) -> list[str]:
    lines = []
    for title, entries in brief.summary:
        lines += ["", f"**{title}**", ""]
        lines += [f"- {' '.join(line.text.split())} {_cites(evidence)}"
                  + (f" *({brief.fact_view(line.fact_id).status_label})*"
                     if line.status != "corroborated" else "")
                  for line, evidence in entries]
    return ["", "### Summary", *lines] if lines else []


def _brief_facts(brief: Brief) -> list[str]:
    if not brief.facts:
        return []
    lines = ["", "### Facts", "", "| Fact | Status | Outlets | What is reported |",
             "|---|---|---|---|"]
    lines += [f"| {view.label} | {view.status_label} "
              f"| {_cell(', '.join(view.outlets))} "
              f"| {_cell(clip(view.fact.text, TEXT_WIDTH))} {_cites(view.evidence)}"
              + (f" · disputed by {_cites(view.disputed_by)}" if view.disputed_by else "")
              + " |" for view in brief.facts]
    near = [view for view in brief.facts if view.similar]
    if near:
        lines += ["", "**Similar, not counted** (statements of other outlets closest to "
                  "a fact: the fact decision scored them below its bar or matched them "
                  "better to another statement, so they are no corroboration)", ""]
        lines += [f"- {view.label}: similar in [{evidence.source.number}], not counted "
                  f"(fact probability {probability:.2f}): {clip(evidence.text, TEXT_WIDTH)}"
                  for view in near for evidence, probability in view.similar]
    if brief.analysis.coverage:
        outlets = brief.outlets
        lines += ["", "**Facts × outlets**", "",
                  "| Fact | " + " | ".join(_cell(clip(brief.outlet_name(o), 16))
                                         for o in outlets) + " |",
                  "|---|" + ":-:|" * len(outlets)]
        lines += [f"| {view.label} {_cell(clip(view.fact.text, 36))} | "
                  + " | ".join("✓" if mark else " " for mark in marks) + " |"
                  for view, marks in brief.matrix()]
    return lines


def _brief_conflicts(brief: Brief) -> list[str]:
    lines = []
    for conflict, sides in brief.conflicts:
        label = brief.fact_label.get(conflict.fact_id, conflict.fact_id)
        lines += ["", f"**{label} · {conflict.kind}**", "",
                  "| Source | Value | Says |", "|---|---|---|"]
        lines += [f"| [{e.source.number}] {_cell(e.source.name)} | {_cell(side.value)} "
                  f"| {_cell(clip(e.text, TEXT_WIDTH))} |" for side, e in sides]
    return ["", "### Conflicts", *lines] if lines else []


def _cut_note(cut: Cut) -> str:
    """How an outlet's cut differs from the fullest wording: "−“words” +“words”"."""
    if cut.reworded:
        return " (reworded)"
    marks = [("−" if op == "omitted" else "+") + f"“{clip(words, 30)}”"
             for op, words in cut.differences if op != "same"]
    return f" ({' '.join(marks)})" if marks else ""


def _carrier(cut: Cut, earlier: Sequence[Cut]) -> str:
    """The source of a cut; "again" when an earlier cut is the same source's (an
    article telling the quote twice, in its lede and in its body)."""
    source = cut.evidence.source
    if any(other.evidence.source == source for other in earlier):
        return f"again [{source.number}]"
    return f"{_cell(source.name)} [{source.number}]"


def _brief_quotes(brief: Brief) -> list[str]:
    lines = []
    for speaker, quotes in brief.quotes:
        lines += ["", f"**{_cell(speaker)}**", ""]
        for view in quotes:
            carriers = ", ".join(f"{_carrier(cut, view.cuts[:n])}{_cut_note(cut)}"
                                 for n, cut in enumerate(view.cuts))
            said = _cell(clip(bare_quote(view.quote.text), TEXT_WIDTH))
            said = f"“{said}”" if view.verbatim else f"({_cell(view.cue or 'reported')}) {said}"
            lines.append(f"- {said} — {carriers}")
            if view.disputed_speakers:
                lines.append(f"  - outlets disagree on who said it: "
                             f"{', '.join(view.disputed_speakers)}")
    return ["", "### Quotes by speaker", *lines] if lines else []


def _brief_coverage(brief: Brief) -> list[str]:
    coverage = brief.analysis.coverage
    if not coverage:
        return []
    lines = ["", "### Coverage by outlet", "",
             "| Outlet | Facts | Alone reports | Leaves out |", "|---|--:|---|---|"]
    lines += [f"| {_cell(brief.outlet_name(c.outlet))} | {len(c.facts)} "
              f"| {_cell(', '.join(brief.fact_labels(c.unique)))} "
              f"| {_cell(', '.join(brief.fact_labels(c.omitted)))} |" for c in coverage]
    return lines


def _brief_framing(brief: Brief) -> list[str]:
    analysis = brief.analysis
    if not (analysis.framing or analysis.word_choices):
        return []
    lines = ["", "### Framing"]
    if analysis.framing:
        lines += ["", "| Outlet | Voices quoted | Leads with |", "|---|---|---|"]
        for framing in analysis.framing:
            voices = ", ".join(f"{name} {share:.0%}" for name, share in framing.voices[:4])
            lead = brief.fact_view(framing.lead)
            leads = f"{lead.label} {clip(lead.fact.text, 48)}" if lead else None
            lines.append(f"| {_cell(brief.outlet_name(framing.outlet))} | {_cell(voices)} "
                         f"| {_cell(leads)} |")
    if analysis.word_choices:
        lines += ["", "Words for the same thing:", ""]
        lines += [f"- {_cell(w.concept)}: "
                  + "; ".join(f"{brief.outlet_name(outlet)} “{word}”"
                              for outlet, word in w.words)
                  for w in analysis.word_choices]
    return lines


def _dated(entry: TimelineEntry) -> str:
    """An entry's event in a table cell, the words dating it in bold."""
    before, expression, after = around(entry.text, entry.expression, TIMELINE_WIDTH)
    return _cell(f"{before}**{expression}**{after}" if expression else before)


def _brief_timeline(brief: Brief) -> list[str]:
    if not brief.timeline:
        return []
    lines = ["", "### Timeline", "", "| Date | Event | Sources |", "|---|---|---|"]
    for label, entries in brief.timeline_by_date():
        lines += [f"| {label if n == 0 else ''} "
                  f"| {_dated(entry)} "
                  f"| {_cites(evidence)}"
                  + (f" {brief.fact_label[entry.fact_id]}" if entry.fact_id in brief.fact_label
                     else "") + " |"
                  for n, (entry, evidence) in enumerate(entries)]
    return lines


def brief_markdown(analysis: StoryAnalysis) -> list[str]:
    """The brief of one analysed story, as Markdown lines."""
    brief = Brief(analysis)
    lines = ["", f"## Brief: {_cell(analysis.story.label)}", "", "Sources:", ""]
    lines += [f"- [{s.number}] {_cell(s.name)} — {_cell(_heading(s.article))}"
              + (f" ({s.article.published.isoformat()})" if s.article.published else "")
              for s in brief.sources]
    for section in (_brief_summary, _brief_facts, _brief_conflicts, _brief_quotes,
                    _brief_coverage, _brief_framing, _brief_timeline):
        lines += section(brief)
    return lines


def render_markdown(articles: Iterable[AnnotatedArticle], stories: Sequence[Story] = (),
                    analyses: Iterable[StoryAnalysis] = ()) -> str:
    articles = list(articles)
    lines = ["# storylens report", "",
             f"{_articles_from([a.article for a in articles])}.", "",
             "## Articles", "",
             "| Published | Outlet | Title | Author | Sentences | Entities |",
             "|---|---|---|---|--:|--:|"]
    for annotated in articles:
        a = annotated.article
        lines.append(f"| {_cell(a.published)} | {_cell(a.outlet)} | {_cell(a.title)} "
                     f"| {_cell(a.author)} | {len(annotated.sentences)} "
                     f"| {len(annotated.entities)} |")
    lines += _stories_section(stories, articles)
    # A story's articles as its brief read them: roles resolved story-wide ("the
    # Texas governor" is Rick Perry), speakers by their story-wide names.
    in_story: dict[str, AnnotatedArticle] = {}
    speakers: dict[tuple[str, str], str] = {}
    for analysis in analyses:
        lines += brief_markdown(analysis)
        in_story.update((a.article.id, a) for a in analysis.articles)
        speakers.update(analysis.speakers)
    lines += _quote_table([in_story.get(a.article.id, a) for a in articles], speakers)
    index = _entity_index(articles, speakers)
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
        heading = _heading(a)
        lines += ["", f"## {_cell(heading)}", "",
                  f"*{_cell(a.outlet)} · {_cell(a.author)} · {_cell(a.published)}*"
                  + (f" · <{a.url}>" if a.url else ""), "",
                  f"`{a.id}` from `{a.location}`", "",
                  f"> {_lede(a.text)}"]
    return "\n".join(lines).rstrip() + "\n"
