"""Facts across outlets: alignment, corroboration by independent origins, conflicts.

The seeds are the founding case (three outlets, one event); short articles written
here pin down the hard rules: wire copies count once, an outlet credited by another
is not a second witness, numbers that differ conflict, wording that differs does not;
nor do rounding, a longer cut of one quote or a nickname (a reader trusts a "disputed"
mark only if they never raise it).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from storylens.compare.align import average_link
from storylens.compare.brief import analyse_story
from storylens.compare.conflicts import _polarity_conflict, values_differ
from storylens.compare.corroborate import build_facts, outlet_of
from storylens.compare.statements import DescribedStatement, clauses, describe
from storylens.group import StoryGrouper
from storylens.ingest import read
from conftest import EXAMPLES
from storylens.model import AnnotatedArticle, Article, Quantity, Span, Statement, Story
from storylens.understand.base import annotate, load_pipeline
from storylens.understand.entities import name_words, same_person


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def analyse(nlp, articles: list[Article]):
    annotated = list(annotate(articles, nlp))
    grouper = StoryGrouper()
    for item in annotated:
        grouper.add(item)
    stories = grouper.stories()
    assert len(stories) == 1, [s.label for s in stories]
    return analyse_story(stories[0], annotated)


@pytest.fixture(scope="module")
def seeds_analysis(seeds, nlp):
    return analyse(nlp, [a for a in read([str(seeds)]) if isinstance(a, Article)])


def statement_texts(analysis, fact) -> list[str]:
    texts = {a.article.id: a.article.text for a in analysis.articles}
    return [texts[s.article_id][s.start:s.end] for s in fact.statements]


def corroborated_fact(analysis, *patterns: str):
    """The corroborated fact one of whose statements matches every pattern."""
    for fact in analysis.facts:
        if fact.status != "single_source" and any(
                all(re.search(p, text) for p in patterns)
                for text in statement_texts(analysis, fact)):
            return fact
    return None


#: The fact decision is set for precision >= 0.90 on held-out BASIL events
#: (compare.align, threshold 0.70); China named as the challenge, told in other
#: words and beside other claims by each outlet (its pairs 0.41-0.65), stays
#: single-source: a known gap, not an invented fact. (The Seoul visit, 0.28-0.30
#: while one outlet told it beside a second ask, "and to include ammunition…",
#: aligns since `statements.clauses` cuts the two asks apart.)
_PARAPHRASE_GAP = pytest.mark.xfail(strict=True, reason="paraphrase below the precise "
                                    "fact threshold (see _PARAPHRASE_GAP)")


@pytest.mark.parametrize("patterns", [
    (r"Kishida", r"\bmet\b|meeting"),                 # the meeting in Tokyo
    (r"2%|two percent", r"GDP"),                      # Japan's plan for 2% of GDP
    (r"South Korea|Seoul", r"Ukraine"),               # the visit and the call for weapons
    pytest.param((r"China", r"challenge|threat|build-up|concern"),  # China, the challenge
                 marks=_PARAPHRASE_GAP),
])
def test_seed_core_is_corroborated_by_independent_outlets(seeds_analysis, patterns):
    fact = corroborated_fact(seeds_analysis, *patterns)
    assert fact is not None, patterns
    outlets = {outlet_of(a.article) for a in seeds_analysis.articles
               if any(a.article.id in origin for origin in fact.origins)}
    assert len(outlets) >= 2


def test_seeds_corroborate_no_claim_with_another(seeds_analysis):
    """Same subject, different claim: China's answer is not Japan's plan, and
    Japan taking security seriously is not Stoltenberg agreeing about China."""
    assert corroborated_fact(seeds_analysis, r"push beyond") is None
    assert corroborated_fact(seeds_analysis, r"takes international security seriously") is None


def test_seeds_invent_no_conflict(seeds_analysis):
    assert seeds_analysis.conflicts == ()
    assert all(f.status != "conflicting" for f in seeds_analysis.facts)


def test_seed_statuses_follow_origins(seeds_analysis):
    for fact in seeds_analysis.facts:
        assert (fact.status == "corroborated") == (len(fact.origins) > 1)
    assert any(f.status == "single_source" for f in seeds_analysis.facts)
    # The summary leads with the corroborated core, each line cited.
    statuses = [line.status for line in seeds_analysis.summary]
    assert statuses[0] == "corroborated"
    assert statuses == sorted(statuses, key=lambda s: s == "single_source")
    assert all(line.citations for line in seeds_analysis.summary)


def _article(outlet: str, text: str, published=dt.date(2025, 3, 5)) -> Article:
    return Article(id=outlet.lower().replace(" ", "-"), text=text, title=text.split(".")[0],
                   outlet=outlet, published=published)


CALDER_POST = ("A fire gutted a grain warehouse at the port of Calder late on Monday. "
               "Twelve workers were taken to hospital with smoke inhalation, the fire "
               "service said. Firefighters from three stations fought the flames for six "
               "hours. The harbour master, Ines Duarte, blamed a faulty conveyor belt.")
BAY_HERALD = ("Fifteen workers were taken to hospital with smoke inhalation after a blaze "
              "at a Calder port grain store, the fire service said on Tuesday. The "
              "warehouse, owned by the cooperative Agrinord, was destroyed. Port operations "
              "are suspended until Thursday, officials said.")
COAST_RADIO = ("Twelve workers were hospitalised with smoke inhalation when fire swept "
               "through a grain warehouse in Calder's port on Monday night, according to "
               "the fire service. Residents reported a column of black smoke across the bay.")


def test_numbers_that_differ_conflict_and_wording_does_not(nlp):
    analysis = analyse(nlp, [_article("Calder Post", CALDER_POST),
                             _article("Bay Herald", BAY_HERALD),
                             _article("Coast Radio", COAST_RADIO)])
    assert analysis.conflicts
    assert {c.kind for c in analysis.conflicts} == {"number"}
    for conflict in analysis.conflicts:
        values = sorted(side.value for side in conflict.sides)
        assert values == ["Fifteen workers", "Twelve workers"]
        disputed = next(f for f in analysis.facts if f.id == conflict.fact_id)
        assert disputed.status == "conflicting"


def _described(article_id: str, start: int, speaker: str | None = None,
               position: int = 0) -> DescribedStatement:
    return DescribedStatement(Statement(article_id, start, start + 10), "text", None,
                              position, frozenset(), frozenset(), frozenset(), frozenset(),
                              frozenset(), speaker)


def test_wire_copies_and_credited_outlets_count_once():
    articles = [_article("Wire Post", "x"), _article("Copy Times", "x"),
                _article("Reuters", "x"), _article("Local Gazette", "x")]
    annotated = [AnnotatedArticle(a) for a in articles]
    story = Story("s1", "label", tuple(a.id for a in articles),
                  origins=(("wire-post", "copy-times"),))
    described = [_described("wire-post", 0), _described("copy-times", 0),
                 _described("local-gazette", 0, speaker="Reuters"), _described("reuters", 0)]
    probabilities = np.ones((4, 4), dtype=np.float32)
    copies_only = build_facts([[0, 1]], described, probabilities, story, annotated)
    assert copies_only[0].status == "single_source"
    assert copies_only[0].origins == (("wire-post", "copy-times"),)
    credited = build_facts([[2, 3]], described, probabilities, story, annotated)
    assert credited[0].status == "single_source"
    everything = build_facts([[0, 1, 2, 3]], described, probabilities, story, annotated)
    assert everything[0].status == "corroborated" and len(everything[0].origins) == 2


def test_average_link_does_not_chain_weak_resemblances():
    probabilities = np.array([[0, .9, .1, 0], [.9, 0, .6, 0], [.1, .6, 0, 0], [0, 0, 0, 0]],
                             dtype=np.float32)
    assert average_link(probabilities, 0.5) == [[0, 1], [2], [3]]
    assert average_link(probabilities, 0.3) == [[0, 1, 2], [3]]


def test_clauses_split_only_where_both_sides_state_something():
    text = ("The fire destroyed two warehouses near the harbour; no one was hurt in the "
            "blaze overnight. Ships, cranes and trucks were moved.")
    first, second = Span(0, text.index(" Ships")), Span(text.index("Ships"), len(text))
    assert [text[s.start:s.end] for s in clauses(text, first)] == [
        "The fire destroyed two warehouses near the harbour",
        "no one was hurt in the blaze overnight."]
    assert [text[s.start:s.end] for s in clauses(text, second)] == [
        "Ships, cranes and trucks were moved."]


def test_the_conjunction_joining_two_clauses_belongs_to_neither():
    text = ("For years the port handled few ships, but last spring the city approved "
            "a new terminal.")
    assert [text[s.start:s.end] for s in clauses(text, Span(0, len(text)))] == [
        "For years the port handled few ships",
        "last spring the city approved a new terminal."]


def test_clauses_cut_two_asks_of_one_verb_apart():
    """A claim other outlets tell alone is cut from a second one the sentence adds;
    "and to" inside a phrase that states one thing leaves it whole."""
    text = ("The envoy urged the council to release the frozen funds and to include food "
            "aid in the package.")
    assert [text[s.start:s.end] for s in clauses(text, Span(0, len(text)))] == [
        "The envoy urged the council to release the frozen funds",
        "to include food aid in the package."]
    text = "Flights to and from Calder resumed and to everyone's relief."
    assert [text[s.start:s.end] for s in clauses(text, Span(0, len(text)))] == [text]


def test_a_later_clause_reads_as_an_excerpt(nlp):
    text = ("The fire destroyed two warehouses near the harbour; no one was hurt in the "
            "blaze overnight.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    assert [s.shown for s in describe(annotated, {})] == [
        "The fire destroyed two warehouses near the harbour",
        "… no one was hurt in the blaze overnight."]


def test_demo_outlets_disagreeing_on_the_injured_count_is_a_conflict(nlp):
    """Our demo corpus: the health service's 14 injured against the city's 12,
    worded differently by different outlets."""
    articles = [a for a in read([str(EXAMPLES / "articles")]) if isinstance(a, Article)]
    fire = [a for a in articles if "Portvale" in a.text]
    analysis = analyse(nlp, fire)
    [conflict] = analysis.conflicts
    assert conflict.kind == "number"
    assert sorted(side.value for side in conflict.sides) == ["12 people", "Fourteen people"]


def _statement(text: str) -> DescribedStatement:
    return DescribedStatement(Statement("a", 0, len(text)), text, None, 0, frozenset(),
                              frozenset(), frozenset(), frozenset(), frozenset(), None)


def _quantity(text: str, value: float, unit: str) -> Quantity:
    return Quantity(0, len(text), text, value, unit)


@pytest.mark.parametrize("negated, affirmed", [
    ("The harbour master did not resign on Friday.", "The harbour master resigned on Friday."),
    ("The council never approved the new quay.", "The council approved the new quay in May."),
])
def test_a_negated_claim_conflicts_with_the_claim(negated, affirmed):
    assert _polarity_conflict(_statement(negated), _statement(affirmed))
    assert _polarity_conflict(_statement(affirmed), _statement(negated))


@pytest.mark.parametrize("longer, shorter", [
    # The negation is in words the other outlet's cut leaves out.
    ("It should not happen that he comes here with a smile on his face.",
     "He comes here with a smile on his face."),
    ("We want the strongest deal possible, and if we don't get it, there should be no "
     "deal at all.", "We want the strongest deal possible."),
    # "No. 2" and "not only" negate nothing.
    ("She was elected to the No. 2 post on the council.",
     "She was elected to the second post on the council."),
])
def test_a_negation_the_other_cut_leaves_out_is_no_conflict(longer, shorter):
    assert _polarity_conflict(_statement(longer), _statement(shorter)) is None


def test_rounding_is_no_disagreement():
    exact = _quantity("$43,885,310", 43_885_310, "USD")
    assert not values_differ(exact, _quantity("$43 million", 43e6, "USD"))
    assert not values_differ(_quantity("$716 billion", 716e9, "USD"),
                             _quantity("$700 billion", 700e9, "USD"))
    assert not values_differ(_quantity("35.72 percent", 0.3572, "percent"),
                             _quantity("35.7 percent", 0.357, "percent"))
    assert values_differ(_quantity("12 people", 12, "people"),
                         _quantity("15 people", 15, "people"))
    assert values_differ(exact, _quantity("$41 million", 41e6, "USD"))
    # A small round number is taken as exact: 40 dead is not 43 dead.
    assert values_differ(_quantity("40 people", 40, "people"),
                         _quantity("43 people", 43, "people"))


@pytest.mark.parametrize("one, other", [
    ("Tim Murray", "Timothy Murray"), ("Dick Durbin", "Richard J. Durbin"),
    ("Mike Thibodeau", "Michael Thibodeau"), ("Vincente Fox", "Vicente Fox"),
    ("Felipe Calderon", "Felipe Calderón"), ("Hilary Clinton", "Hillary Rodham Clinton"),
])
def test_one_person_under_a_short_form_accent_or_slip_of_the_name(one, other):
    assert same_person(name_words(one), name_words(other))


@pytest.mark.parametrize("one, other", [
    ("Jane Smith", "John Smith"), ("Mark Kelly", "Scott Kelly"), ("Marco Rossi", "Mario Rossi"),
])
def test_people_who_share_a_surname_stay_apart(one, other):
    assert not same_person(name_words(one), name_words(other))


PRAISE_GAZETTE = (
    "Lieutenant Governor Timothy Murray praised the new harbour commissioner on "
    "Wednesday. “He is calm, he is careful and he listens to the fishermen of the "
    "bay,” Murray said of the appointee. The commissioner takes office in July.")
PRAISE_WIRE = (
    "Lieutenant Governor Tim Murray praised the new harbour commissioner on Wednesday. "
    "“He is calm, he is careful and he listens to the fishermen of the bay,” Tim Murray "
    "told reporters. The commissioner takes office in July.")


def test_one_quote_credited_to_one_person_under_two_forms_of_his_name(nlp):
    analysis = analyse(nlp, [_article("Harbour Gazette", PRAISE_GAZETTE),
                                _article("Valley Wire", PRAISE_WIRE)])
    [quote] = [q for q in analysis.quotes if "listens to the fishermen" in q.text]
    assert quote.speakers == ("Timothy Murray",)
    assert len(quote.carriers) == 2
    assert analysis.conflicts == ()


WALL_POST = (
    "The storm broke through the harbour wall at Calder on Monday night. “We will "
    "rebuild the harbour wall before the winter storms return,” said Mayor Ines Duarte. "
    "Repairs are expected to cost the town two million euros.")
WALL_RADIO = (
    "The harbour wall at Calder gave way in Monday night's storm. “We will rebuild the "
    "harbour wall before the winter storms return,” said council leader Tomas Berg. "
    "Repairs are expected to cost the town two million euros.")


def test_one_verbatim_quote_credited_to_two_people_is_a_conflict(nlp):
    analysis = analyse(nlp, [_article("Calder Post", WALL_POST),
                                _article("Coast Radio", WALL_RADIO)])
    [conflict] = [c for c in analysis.conflicts if c.kind == "name"]
    assert sorted(side.value for side in conflict.sides) == ["Ines Duarte", "Tomas Berg"]
