"""The story timeline: dated events across articles, merged, anchored, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.compare.timeline import timeline
from storylens.ingest import read
from storylens.model import Article, Fact, Statement, Story
from storylens.understand.base import annotate, load_pipeline
from storylens.understand.timex import extract_times, resolve_times

TIMES = Article("a", (
    "Posted on March 7, 2024\n\n"
    "Last updated March 7, 2024 10:15 GMT by the news desk\n\n"
    "The ferry Aurora sank off the coast of Kerrin on Tuesday, officials said.\n\n"
    "Fuel prices on the island have risen since 2021.\n\n"
    "The port will reopen next Monday."), outlet="Island Times", published=dt.date(2024, 3, 7))
RADIO = Article("b", (
    "A ferry sank off the coast of Kerrin on Tuesday, killing three people.\n\n"
    "A day earlier, the coast guard had warned of high waves."), outlet="Coast Radio")
STORY = Story("s", "Ferry sinks", ("a", "b"), first_published=dt.date(2024, 3, 7),
              last_published=dt.date(2024, 3, 7))


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def ferry(nlp):
    return list(annotate([TIMES, RADIO], nlp))


def statement(article: Article, words: str) -> Statement:
    start = article.text.index(words)
    return Statement(article.id, start, start + len(words))


def test_resolving_again_gives_what_extraction_gives(nlp):
    doc = nlp(TIMES.text + " A day later, divers found the wreck. It sank last week.")
    published = dt.date(2024, 3, 7)
    undated = extract_times(doc, None)
    assert any(t.date is None for t in undated)
    assert resolve_times(doc.text, undated, published, doc) == extract_times(doc, published)


def test_undated_article_borrows_the_story_anchor(ferry):
    entries = timeline(STORY, ferry, [])
    warned = [e for e in entries if "coast guard had warned" in e.text]
    assert [(e.date, e.granularity) for e in warned] == [(dt.date(2024, 3, 4), "day")]


def test_one_event_in_two_articles_is_one_entry(ferry):
    sinking = [e for e in timeline(STORY, ferry, []) if "sank" in e.text]
    assert len(sinking) == 1
    assert sinking[0].date == dt.date(2024, 3, 5)
    assert sinking[0].text.startswith("The ferry Aurora sank")  # the first article's
    assert {s.article_id for s in sinking[0].statements} == {"a", "b"}


def test_entries_carry_their_fact_and_come_in_date_order(ferry):
    fact = Fact("f1", "The ferry sank.", (
        statement(TIMES, "The ferry Aurora sank off the coast of Kerrin on Tuesday"),
        statement(RADIO, "A ferry sank off the coast of Kerrin on Tuesday")), (), "corroborated")
    entries = timeline(STORY, ferry, [fact])
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert [e.fact_id for e in entries if "sank" in e.text] == ["f1"]
    assert [e.date for e in entries] == [dt.date(2024, 3, 4), dt.date(2024, 3, 5),
                                         dt.date(2024, 3, 11)]


def test_datelines_and_bounds_date_no_event(ferry):
    texts = [e.text for e in timeline(STORY, ferry, [])]
    assert not any("Posted" in t or "updated" in t for t in texts)  # datelines
    assert not any("since 2021" in t for t in texts)  # a bound, not the rise's date


def test_a_year_naming_a_law_or_a_contest_dates_no_event(nlp):
    article = Article("c", (
        "The governor threatened to invoke the 1807 Harbour Act to close the port.\n\n"
        "The inquiry into meddling in the 2016 harbour election will report soon.\n\n"
        "The port was first closed in 1807 during a blockade."), outlet="Island Times",
        published=dt.date(2024, 3, 7))
    story = Story("s2", "Port", ("c",), first_published=dt.date(2024, 3, 7),
                  last_published=dt.date(2024, 3, 7))
    texts = [e.text for e in timeline(story, list(annotate([article], nlp)), [])]
    assert not any("threatened" in t or "inquiry" in t for t in texts)
    assert any("first closed" in t for t in texts)


def test_long_sentence_is_cut_around_its_date(nlp):
    text = ("Apart from the storm, the report listed a number of concerns, including worn "
            "hulls, missing life jackets near the harbour, crews working double shifts, "
            "and an unprecedented number of engine failures last year, as well as the "
            "lack of any inspection by the island's maritime authority since the ferry "
            "company changed owners.")
    article = Article("c", text, published=dt.date(2024, 3, 7))
    [entry] = timeline(STORY, list(annotate([article], nlp)), [])
    assert entry.date == dt.date(2023, 1, 1)
    assert "engine failures last year" in entry.text
    assert len(entry.text.split()) <= 35 < len(text.split())
    [cited] = entry.statements
    assert text[cited.start:cited.end] == entry.text


def test_each_event_of_a_sentence_keeps_the_words_that_date_it(nlp):
    """A sentence dating two events lists under each date the words that date it:
    the charge on Thursday, the killing last week."""
    text = ("In Portvale on Thursday, prosecutors charged a guard with manslaughter for "
            "killing a dock worker on the harbour road last week.")
    [annotated] = annotate([Article("t", text, published=dt.date(2024, 3, 7))], nlp)
    entries = timeline(STORY, [annotated], [])
    assert [(e.date, e.granularity, e.expression) for e in entries] == [
        (dt.date(2024, 2, 26), "week", "last week"),
        (dt.date(2024, 3, 7), "day", "Thursday")]


def test_seed_timeline_holds_the_tokyo_meeting(seeds, nlp):
    articles = list(annotate([a for a in read([str(seeds)]) if isinstance(a, Article)], nlp))
    dated = [a.article.published for a in articles if a.article.published]
    story = Story("s", "NATO chief in Tokyo", tuple(a.article.id for a in articles),
                  first_published=min(dated), last_published=max(dated))
    entries = timeline(story, articles, [])
    meeting = [e for e in entries if e.date == dt.date(2023, 1, 31)]
    assert any("Tokyo" in e.text for e in meeting)
    # Two of the three reports are undated: their "on Tuesday" needs the story's anchor.
    assert len({s.article_id for e in meeting for s in e.statements}) == 3
    assert dt.date(2023, 1, 30) in {e.date for e in entries}  # Seoul, the day before
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_a_quoted_today_dates_no_event(nlp):
    article = Article("q", "“Today, the order that served us so well is under threat,” the "
                           "minister said.\n\nThe talks ended today without a deal.",
                      published=dt.date(2024, 3, 7))
    [annotated] = annotate([article], nlp)
    assert [q.kind for q in annotated.quotes][:1] == ["direct"]
    entries = timeline(STORY, [annotated], [])
    assert [(e.date, e.text) for e in entries] == [
        (dt.date(2024, 3, 7), "The talks ended today without a deal.")]


def test_today_set_against_tomorrow_dates_no_event(nlp):
    article = Article("r", "What is happening in the north today could happen in the south "
                           "tomorrow.\n\nThe council voted today to close the bridge.",
                      published=dt.date(2024, 3, 7))
    [annotated] = annotate([article], nlp)
    entries = timeline(STORY, [annotated], [])
    assert [(e.date, e.text) for e in entries] == [
        (dt.date(2024, 3, 7), "The council voted today to close the bridge.")]


@pytest.mark.parametrize("text, published, event", [
    # a time a comparison measures by
    ("The navy has fewer ships than it did in 1916, the admiral said.\n\n"
     "More than 40 ships were sold in 2011 to cut costs.", dt.date(2012, 10, 22),
     "More than 40 ships were sold in 2011 to cut costs."),
    # a live blog's note on itself
    ("The pier burned down on Monday, the mayor said.\n\n"
     "We updated this post through the day on Tuesday.", dt.date(2024, 3, 6),
     "The pier burned down on Monday, the mayor said."),
])
def test_only_the_event_is_dated(nlp, text, published, event):
    article = Article("y", text, published=published)
    entries = timeline(STORY, list(annotate([article], nlp)), [])
    assert [e.text for e in entries] == [event]


def test_a_posts_signature_dates_no_event(nlp):
    """An embedded post's signature line dates the post, which the lines above tell;
    alone it reads as an event with no words."""
    article = Article("z", "We will rebuild the pier this year.\n\n"
                           "Ana Torres (@anatorres) March 5, 2024\n\n"
                           "The pier burned down on Monday, the mayor said.",
                      published=dt.date(2024, 3, 7))
    entries = timeline(STORY, list(annotate([article], nlp)), [])
    assert not any("@anatorres" in e.text for e in entries)
    assert any(e.text.startswith("The pier burned down") for e in entries)
