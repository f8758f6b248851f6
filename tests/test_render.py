"""The renderers: the JSON contract's annotation records and the Markdown quote table."""

from __future__ import annotations

import datetime as dt
import json

from storylens.compare.speakers import unify_speakers
from storylens.model import (AnnotatedArticle, Article, Entity, NamedEntity, Quantity, Quote,
                             Span, Story, StoryAnalysis, TimeExpression)
from storylens.render.json import render_json
from storylens.render.markdown import render_markdown

TEXT = ('"We held that wall," Brenner said. He added that the port would reopen. '
        'Officials expect 2% growth on Tuesday. "No comment," one worker said.')


def annotated() -> AnnotatedArticle:
    said = TEXT.index("said")
    added = TEXT.index("added")
    return AnnotatedArticle(
        Article(id="a", text=TEXT, outlet="Harbour Daily", published=dt.date(2025, 3, 5)),
        quotes=(
            Quote(Span(1, 18), "direct", cue=Span(said, said + 4), source=Span(21, 28),
                  speaker="Tomasz Brenner"),
            Quote(Span(added + 6, TEXT.index(" Officials") - 1), "indirect",
                  cue=Span(added, added + 5), source=Span(added - 3, added - 1),
                  speaker="Tomasz Brenner"),
            Quote(Span(TEXT.index("No comment"), TEXT.index(",\" one")), "direct",
                  source=Span(TEXT.index("one worker"), TEXT.index(" said.", 100)))),
        quantities=(Quantity(TEXT.index("2%"), TEXT.index("2%") + 2, "2%", 0.02, "percent"),),
        times=(TimeExpression(TEXT.index("Tuesday"), TEXT.index("Tuesday") + 7, "Tuesday",
                              dt.date(2025, 3, 4), "day"),))


def test_json_quotes_carry_text_cue_and_speaker():
    [record] = json.loads(render_json([annotated()]))["articles"]
    first, second, third = record["quotes"]
    assert first["text"] == "We held that wall"
    assert first["kind"] == "direct"
    assert first["cue"] == {"start": 29, "end": 33, "text": "said"}
    assert first["speaker"] == {"start": 21, "end": 28, "text": "Brenner",
                                "name": "Tomasz Brenner"}
    assert second["speaker"]["text"] == "He"
    assert third["cue"] == {"start": None, "end": None, "text": None}
    assert third["speaker"]["name"] is None and third["speaker"]["text"] == "one worker"
    assert record["quantities"] == [{"start": TEXT.index("2%"), "end": TEXT.index("2%") + 2,
                                     "text": "2%", "value": 0.02, "unit": "percent",
                                     "upper": None, "year": None}]
    assert record["times"][0]["date"] == "2025-03-04"
    assert record["times"][0]["granularity"] == "day"


def test_markdown_lists_quotes_by_speaker():
    report = render_markdown([annotated()])
    table = report[report.index("## Who said what"):]
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert rows[0].startswith("| Tomasz Brenner | Harbour Daily | direct | “We held that wall”")
    assert rows[1].startswith("| Tomasz Brenner | Harbour Daily | indirect | that the port")
    assert rows[2].startswith("| “one worker” | Harbour Daily | direct | “No comment”")


def test_markdown_names_each_entity_once_by_its_canonical_name():
    brenner = [Span(21, 28), Span(TEXT.index("He added"), TEXT.index("He added") + 2)]
    article = AnnotatedArticle(
        Article(id="a", text=TEXT),
        entities=(Entity(21, 28, "Brenner", "GPE"),),  # spaCy's vote for this mention
        named_entities=(NamedEntity("Tomasz Brenner", "PERSON", tuple(brenner)),))
    report = render_markdown([article])
    assert "- **People:** Tomasz Brenner (1)" in report
    assert "Places" not in report


def test_markdown_names_an_entity_of_a_story_once_whatever_each_outlet_calls_it():
    long_form = Article(id="a", text="The North Atlantic Treaty Organization (NATO) met.")
    short_form = Article(id="b", text="NATO met.")
    articles = [
        AnnotatedArticle(long_form, named_entities=(NamedEntity(
            "North Atlantic Treaty Organization", "ORG", (Span(4, 38),), aliases=("NATO",)),)),
        AnnotatedArticle(short_form, named_entities=(NamedEntity("NATO", "ORG", (Span(0, 4),)),))]
    story = Story("s1", "NATO met", ("a", "b"))
    analysis = StoryAnalysis(story, tuple(articles), speakers=unify_speakers(articles))
    report = render_markdown(articles, [story], [analysis])
    assert "- **Organisations:** North Atlantic Treaty Organization (2)" in report
    assert "NATO (1)" not in report


def test_who_said_what_leaves_out_contents_that_only_name_an_utterance():
    """"Asked about Brenner's comments" is an attribution with nothing to show; a
    short reported clause and a short direct quote are kept."""
    text = "Asked about Brenner's comments, the mayor said the port would reopen."
    comments = text.index("Brenner's")
    clause = text.index("the port")
    article = AnnotatedArticle(Article(id="b", text=text, outlet="Bay Herald"), quotes=(
        Quote(Span(comments, comments + len("Brenner's comments")), "indirect",
              cue=Span(0, 5)),
        Quote(Span(clause, len(text) - 1), "indirect", speaker="Ada Lind")))
    table = render_markdown([article, annotated()])
    table = table[table.index("## Who said what"):]
    table = table[:table.index("\n## ")]
    assert "Brenner's comments" not in table
    assert "| Ada Lind | Bay Herald | indirect | the port would reopen |" in table
    assert "No comment" in table


def test_who_said_what_shows_the_same_words_once_with_every_outlet_carrying_them():
    text = "The mayor said the port would reopen."
    clause = Span(text.index("the port"), len(text) - 1)

    def carried(article_id: str, outlet: str) -> AnnotatedArticle:
        return AnnotatedArticle(Article(id=article_id, text=text, outlet=outlet), quotes=(
            Quote(clause, "indirect", speaker="Ada Lind"),))

    table = render_markdown([carried("a", "Wire"), carried("b", "Bay Herald"),
                             carried("c", "Wire")])
    table = table[table.index("## Who said what"):]
    rows = [line for line in table.splitlines() if line.startswith("| Ada Lind")]
    assert rows == ["| Ada Lind | Wire, Bay Herald | indirect | the port would reopen |"]
