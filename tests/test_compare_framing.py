"""Framing signals: voices and leads per outlet, and outlets' differing word choices."""

from __future__ import annotations

import pytest

from storylens.compare.framing import UNATTRIBUTED, outlet_framing, word_choices
from storylens.compare.quotes import story_quotes
from storylens.compare.speakers import unify_speakers
from storylens.ingest import read
from storylens.model import (AnnotatedArticle, Article, Fact, NamedEntity, Quote, QuoteCarrier,
                             Span, Statement, StoryQuote)
from storylens.understand.base import annotate, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def fact(fact_id: str, *statements: tuple[Article, str]) -> Fact:
    """A fact whose statements are the given sentences of the given articles."""
    found = []
    for article, sentence in statements:
        start = article.text.index(sentence)
        found.append(Statement(article.id, start, start + len(sentence)))
    return Fact(fact_id, statements[0][1], tuple(found), (), "corroborated")


# -- voices and leads ----------------------------------------------------------------------

def carrier(article: Article, words: str, speaker: str | None) -> QuoteCarrier:
    start = article.text.index(words)
    return QuoteCarrier(article.id, article.outlet, start, start + len(words), "direct", speaker)


def test_voices_are_shares_of_an_outlets_quotes_largest_first():
    text = "“One,” she said. “Two,” she said. “Three,” he said. “Four,” sources said. “Five.”"
    post = Article("p", text, outlet="Harbour Post")
    annotated = AnnotatedArticle(post, quotes=(
        Quote(Span(text.index("“Four"), text.index("“Four") + 7), "direct",
              source=Span(text.index("sources"), text.index("sources") + 7)),))
    quotes = [StoryQuote("q1", "Ana Torres", "", (carrier(post, "“One,”", "Ana Torres"),
                                                   carrier(post, "“Two,”", "Ana Torres"))),
              StoryQuote("q2", "Mark Ellis", "", (carrier(post, "“Three,”", "Mark Ellis"),)),
              StoryQuote("q3", None, "", (carrier(post, "“Four,”", None),)),
              StoryQuote("q4", None, "", (carrier(post, "“Five.”", None),))]
    [framing] = outlet_framing([annotated], quotes, [])
    assert framing.outlet == "Harbour Post"
    assert framing.voices == (("Ana Torres", 0.4), ("Mark Ellis", 0.2), ("sources", 0.2),
                              (UNATTRIBUTED, 0.2))
    assert framing.lead is None


def test_a_pronoun_left_unresolved_or_a_figure_is_no_voice():
    """"he" or "which" nobody was found for, or the "27%" of a poll, describe no one:
    such quotes count as unattributed, not under the words "he" or "27%"."""
    text = ("“One,” he said. 27% said they backed it. “Three,” a senior aide said. The "
            "pact, which forbids the use of force, stands.")
    post = Article("p", text, outlet="Harbour Post")

    def attributed(content: str, source: str) -> Quote:
        start, at = text.index(content), text.index(source)
        return Quote(Span(start, start + len(content)), "direct",
                     source=Span(at, at + len(source)))

    annotated = AnnotatedArticle(post, quotes=(
        attributed("“One,”", "he"), attributed("they backed it", "27%"),
        attributed("“Three,”", "a senior aide"), attributed("the use of force", "which")))
    quotes = [StoryQuote(f"q{n}", None, "", (carrier(post, words, None),))
              for n, words in enumerate(("“One,”", "they backed it", "“Three,”",
                                         "the use of force"))]
    [framing] = outlet_framing([annotated], quotes, [])
    assert framing.voices == ((UNATTRIBUTED, pytest.approx(3 / 4)),
                              ("a senior aide", pytest.approx(1 / 4)))


def test_lead_is_the_fact_an_outlet_states_first():
    first = Article("x", "The dam held. Three villages were evacuated.", outlet="Post")
    second = Article("y", "Three villages were evacuated overnight. The dam held.",
                     outlet="Herald")
    facts = [fact("f1", (first, "The dam held."), (second, "The dam held.")),
             fact("f2", (first, "Three villages were evacuated."),
                  (second, "Three villages were evacuated overnight."))]
    framing = outlet_framing([AnnotatedArticle(first), AnnotatedArticle(second)], [], facts)
    assert [(f.outlet, f.lead) for f in framing] == [("Post", "f1"), ("Herald", "f2")]


def test_articles_without_outlet_are_each_their_own_voice():
    framing = outlet_framing([AnnotatedArticle(Article("x", "A.")),
                              AnnotatedArticle(Article("y", "B."))], [], [])
    assert [f.outlet for f in framing] == ["article x", "article y"]


# -- word choices --------------------------------------------------------------------------

POST = Article("p", "Twelve people were killed in the blast at the port on Monday. "
                    "The ministry plans to rebuild the terminal by June.", outlet="Harbour Post")
HERALD = Article("h", "Twelve people died in the blast at the port on Monday. "
                      "The ministry planned to rebuild the terminal by July.", outlet="Herald")
WIRE = Article("w", "Fourteen people were killed in the blast at the port, Reuters said. "
                    "The ministry plans to rebuild the terminal by June, Reuters told.",
               outlet="Wire")


@pytest.fixture(scope="module")
def blast(nlp):
    articles = list(annotate([POST, HERALD, WIRE], nlp))
    facts = [fact("f1", (POST, "Twelve people were killed in the blast at the port on Monday."),
                  (HERALD, "Twelve people died in the blast at the port on Monday."),
                  (WIRE, "Fourteen people were killed in the blast at the port, Reuters said.")),
             fact("f2", (POST, "The ministry plans to rebuild the terminal by June."),
                  (HERALD, "The ministry planned to rebuild the terminal by July."),
                  (WIRE, "The ministry plans to rebuild the terminal by June, Reuters told."))]
    return articles, facts


def test_a_word_substituted_in_aligned_statements_is_a_choice(blast):
    articles, facts = blast
    [choice] = word_choices(articles, facts, unify_speakers(articles))
    assert set(choice.words) == {("Harbour Post", "killed"), ("Herald", "died"),
                                 ("Wire", "killed")}
    assert "people" in choice.concept and "blast" in choice.concept


def test_inflection_numbers_names_and_one_outlet_are_no_choice(blast):
    articles, facts = blast
    # f2 differs only by "plans"/"planned" and a month; f1 also by a number.
    assert word_choices(articles, facts[1:], unify_speakers(articles)) == ()
    same_outlet = [AnnotatedArticle(POST), AnnotatedArticle(
        Article("h", HERALD.text, outlet="Harbour Post"))]
    assert word_choices(same_outlet, facts[:1], {}) == ()


def described(article_id: str, outlet: str, *aliases: str) -> AnnotatedArticle:
    return AnnotatedArticle(Article(article_id, "", outlet=outlet), named_entities=(
        NamedEntity("Syrian Arab Republic", "GPE", aliases=aliases),))


def test_a_loaded_label_for_one_entity_is_a_choice():
    articles = [described("a", "Post", "the regime"),
                described("b", "Herald", "the government", "The government")]
    [choice] = word_choices(articles, [], unify_speakers(articles))
    assert choice.concept == "Syrian Arab Republic"
    # an outlet's description once, however capitalised
    assert set(choice.words) == {("Post", "the regime"), ("Herald", "the government")}
    neutral = [described("a", "Post", "the NATO chief"),
               described("b", "Herald", "the secretary general")]
    assert word_choices(neutral, [], unify_speakers(neutral)) == ()


# -- the seeds ----------------------------------------------------------------------------

def test_seed_voices_give_mao_ning_a_share_of_one_outlet_only(seeds, nlp):
    articles = list(annotate([a for a in read([str(seeds)]) if isinstance(a, Article)], nlp))
    quotes = story_quotes(articles, unify_speakers(articles))
    framing = outlet_framing(articles, quotes, [])
    assert len(framing) == 3
    for outlet in framing:
        assert outlet.voices[0][0] == "Jens Stoltenberg"  # every report is his visit
        assert sum(share for _, share in outlet.voices) == pytest.approx(1.0)
    assert sum(any(name == "Mao Ning" for name, _ in f.voices) for f in framing) == 1


def test_words_inside_direct_quotes_are_the_speakers_not_a_choice(nlp):
    post = Article("p", "“Twelve people were killed in the blast at the port,” the mayor said.",
                   outlet="Harbour Post")
    herald = Article("h", "“Twelve people died in the blast at the port,” the mayor said.",
                     outlet="Herald")
    articles = list(annotate([post, herald], nlp))
    assert [[q.kind for q in a.quotes] for a in articles] == [["direct"], ["direct"]]
    aligned = fact("f1", (post, post.text), (herald, herald.text))
    assert word_choices(articles, [aligned], unify_speakers(articles)) == ()


def test_a_negated_slot_is_a_conflict_not_a_word_choice():
    post = Article("p", "The council approved the budget on Monday.", outlet="Post")
    herald = Article("h", "The council didn't approve the budget on Monday.", outlet="Herald")
    wire = Article("w", "The council passed the budget on Monday.", outlet="Wire")
    articles = [AnnotatedArticle(a) for a in (post, herald, wire)]
    negated = fact("f1", (post, post.text), (herald, herald.text))
    assert word_choices(articles, [negated], {}) == ()
    [choice] = word_choices(articles, [fact("f2", (post, post.text), (wire, wire.text))], {})
    assert set(choice.words) == {("Post", "approved"), ("Wire", "passed")}
