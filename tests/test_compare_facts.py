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
from dataclasses import replace

import numpy as np
import pytest

from storylens.compare.align import average_link
from storylens.compare.brief import analyse_story
from storylens.compare.conflicts import (_date_conflict, _elsewhere, _miscredited,
                                         _number_conflict, _toll_of, fact_conflicts)
from storylens.compare.figures import values_differ
from storylens.compare.polarity import opposite_polarity
from storylens.compare.corroborate import (MAX_SIMILAR, POSSIBLE_FLOOR, SIMILAR_FLOOR,
                                           build_facts, byline_key, outlet_of)
from storylens.compare.coverage import outlet_coverage
from storylens.compare.statements import (DescribedStatement, clauses, continues_previous,
                                          describe, is_about_the_report, is_credit_line,
                                          states_something)
from storylens.group import StoryGrouper
from storylens.group.features import words
from storylens.ingest import read
from conftest import EXAMPLES
from storylens.model import (AnnotatedArticle, Article, Fact, Quantity, QuoteCarrier, Span,
                             Statement, Story, StoryQuote, TimeExpression)
from storylens.render.brief import Brief
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
#: (compare.align, threshold 0.70). The Seoul visit, 0.28-0.30 while one outlet told
#: it beside a second ask ("and to include ammunition…"), aligns since
#: `statements.clauses` cuts the two asks apart. China as the threat aligns, by a thin
#: margin (0.705), since Stoltenberg's list of China's doings ("…nuclear weapons.
#: Bullying its neighbors, and threatening Taiwan. …") is one statement
#: (`statements.continues_previous`): another outlet tells China "expanding its
#: military force to threaten and bully its neighbors, especially Taiwan", beside a
#: Russian victory's effects; China named as "an issue to address" by the third
#: stays apart (0.47).
@pytest.mark.parametrize("patterns", [
    (r"Kishida", r"\bmet\b|meeting"),                 # the meeting in Tokyo
    (r"2%|two percent", r"GDP"),                      # Japan's plan for 2% of GDP
    (r"South Korea|Seoul", r"Ukraine"),               # the visit and the call for weapons
    (r"China", r"challenge|threat|build-up|concern"),  # China, the challenge
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


def test_a_live_blogs_note_on_itself_is_no_fact(nlp):
    analysis = analyse(nlp, [
        _article("Calder Post", CALDER_POST + "\n\nWe updated this post through the day on "
                 "Tuesday as the fire service released new figures."),
        _article("Coast Radio", COAST_RADIO)])
    assert not any("We updated this post" in text for fact in analysis.facts
                   for text in statement_texts(analysis, fact))


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
    assert_disputed_rows_cite_both_sides(analysis)


def assert_disputed_rows_cite_both_sides(analysis):
    """A disputed fact's row cites both sides, even when the other side is another
    fact's statement (counts compared across facts); returns those cited as
    disputing it."""
    brief = Brief(analysis)
    disputing = []
    for conflict in analysis.conflicts:
        view = next(v for v in brief.facts if v.fact.id == conflict.fact_id)
        assert {side.statement for side in conflict.sides} <= {
            e.statement for e in view.evidence + view.disputed_by}
        disputing += view.disputed_by
    return disputing


@pytest.mark.parametrize("first, second, conflicting", [
    (("since 2002", dt.date(2002, 1, 1), "year"), ("since 2003", dt.date(2003, 1, 1), "year"),
     True),
    (("on May 4", dt.date(2011, 5, 4), "day"), ("on May 5", dt.date(2011, 5, 5), "day"), True),
    (("in 2011", dt.date(2011, 1, 1), "year"), ("in 2011", dt.date(2011, 1, 1), "year"), False),
    # A day and a month or year are two precisions, not two answers.
    (("on May 4", dt.date(2011, 5, 4), "day"), ("in 2011", dt.date(2011, 1, 1), "year"), False),
    (("in the 1990s", dt.date(1990, 1, 1), "decade"),
     ("in the 2000s", dt.date(2000, 1, 1), "decade"), False),
    # Both say "Friday": resolved against two publication dates, the weeks differ,
    # but the outlets do not.
    (("on Friday", dt.date(2014, 8, 8), "day"), ("on Friday", dt.date(2014, 8, 15), "day"),
     False),
    (("on Friday", dt.date(2014, 8, 8), "day"), ("on Thursday", dt.date(2014, 8, 14), "day"),
     True),
])
def test_dates_of_one_precision_that_differ_conflict(first, second, conflicting):
    assert _dates_conflict(("Fox", "Pelosi has led House Democrats {}.", first),
                           ("Post", "Pelosi has led House Democrats {}.", second)) == conflicting


def _dates_conflict(*sides: tuple[str, str, tuple]) -> bool:
    """Whether `_date_conflict` sees two statements disagree, each side an outlet, a
    text with {} where its time expression stands, and that (text, date, granularity)."""
    def dated(outlet: str, template: str, time: tuple) -> AnnotatedArticle:
        text = template.format(time[0])
        start = text.index(time[0])
        return AnnotatedArticle(_article(outlet, text), times=(
            TimeExpression(start, start + len(time[0]), time[0], time[1], time[2]),))

    articles = {a.article.id: a for a in (dated(*side) for side in sides)}
    a, b = (Statement(article_id, 0, len(annotated.article.text))
            for article_id, annotated in articles.items())
    return bool(_date_conflict(a, b, articles))


def test_a_deadline_is_no_date_to_dispute():
    deadline = ("Hill", "Lawmakers say they have {} to pass a fix.",
                ("until June", dt.date(2018, 6, 1), "month"))
    event = ("Vox", "{}, a judge ordered the programme kept in place.",
             ("In January", dt.date(2018, 1, 1), "month"))
    assert not _dates_conflict(deadline, event)
    assert _dates_conflict(("Hill", "{}, a judge ordered the programme kept in place.",
                            ("In June", dt.date(2018, 6, 1), "month")), event)


def test_the_date_of_a_statement_is_not_the_date_of_what_it_tells():
    said = ("Fox", "In a statement {}, the spokesman said the chief asked for an autopsy.",
            ("Sunday", dt.date(2014, 8, 17), "day"))
    done = ("Post", "The chief said it was being performed {} by an examiner.",
            ("Monday", dt.date(2014, 8, 18), "day"))
    assert not _dates_conflict(said, done)
    assert _dates_conflict(("Fox", "The autopsy was performed {} by an examiner.",
                            ("Sunday", dt.date(2014, 8, 17), "day")), done)


def test_the_date_of_a_temporal_clause_is_not_the_statements():
    floor = ("CNN", "On the Senate floor {}, the leader called the delay a sign of fear.",
             ("Thursday morning", dt.date(2019, 12, 12), "day"))
    clause = ("Newsmax", "The leader called the delay a sign of fear after the speaker "
              "refused to say when she would send the articles {}.",
              ("late Wednesday", dt.date(2019, 12, 18), "day"))
    assert not _dates_conflict(floor, clause)
    # a date right after the conjunction is a bound, not a clause: still compared
    assert _dates_conflict(floor, ("Newsmax", "The leader called the delay a sign of fear "
                                   "{} in a floor speech.",
                                   ("on Wednesday", dt.date(2019, 12, 18), "day")))


def _conflict_kinds(first: str, second: str, speakers=(None, None), verbatim=None,
                    published=(dt.date(2025, 3, 5), dt.date(2025, 3, 5)),
                    figures=((), ())) -> set[str]:
    """The kinds of conflict claimed between two closely aligned statements, the
    whole texts of two outlets' articles (verbatim words, by default, where a speaker
    is given)."""
    verbatim = verbatim or tuple(speaker is not None for speaker in speakers)
    articles = [AnnotatedArticle(_article(outlet, text, day))
                for outlet, text, day in zip(("Fox", "Post"), (first, second), published)]
    described = [replace(_described(a.article.id, 0, speaker),
                         statement=Statement(a.article.id, 0, len(a.article.text)),
                         text=a.article.text, verbatim=quoted, quantities=quantities)
                 for a, speaker, quoted, quantities in zip(articles, speakers, verbatim,
                                                           figures)]
    fact = Fact("f1", first, tuple(d.statement for d in described),
                (("fox",), ("post",)), "corroborated")
    close = np.full((2, 2), 0.95)
    return {c.kind for c in fact_conflicts([fact], described, close, close, articles)}


def test_two_speakers_contradicting_each_other_is_no_conflict_of_outlets():
    denied = "I do not remember the meeting with the mayor."
    affirmed = "I remember the meeting with the mayor."
    assert _conflict_kinds(denied, affirmed) == {"polarity"}
    assert _conflict_kinds(denied, affirmed, speakers=("Ana Ruiz", "Tom Berg")) == set()
    assert _conflict_kinds(denied, affirmed, speakers=("Ana Ruiz", "Ana Ruiz")) == {
        "polarity"}
    # a quote whose speaker is not known may be anyone's
    assert _conflict_kinds(denied, affirmed, speakers=("Ana Ruiz", None),
                           verbatim=(True, True)) == set()


def test_a_state_that_changed_by_a_later_day_is_no_conflict():
    before = "Three other officers involved in the arrest have not been charged."
    after = "The three other officers involved in the arrest were charged on Wednesday."
    days = (dt.date(2025, 3, 2), dt.date(2025, 3, 4))
    assert _conflict_kinds(before, after, published=days) == set()
    assert _conflict_kinds(before, after) == {"polarity"}  # the same day: they disagree
    # a past event denied is a disagreement whatever the day
    assert _conflict_kinds("The three officers were not charged on Monday.",
                           "The three officers were charged on Monday.",
                           published=days) == {"polarity"}


def test_tallies_days_apart_are_no_conflict():
    twelve, fifteen = "Twelve people were injured in the fire.", \
        "Fifteen people were injured in the fire."
    figures = (Quantity(0, 13, "Twelve people", 12, "people"),), \
        (Quantity(0, 14, "Fifteen people", 15, "people"),)
    assert _conflict_kinds(twelve, fifteen, figures=figures) == {"number"}
    later = (dt.date(2025, 3, 5), dt.date(2025, 3, 9))
    assert _conflict_kinds(twelve, fifteen, figures=figures, published=later) == set()
    # undated, both: nothing tells the tallies apart in time
    assert _conflict_kinds(twelve, fifteen, figures=figures,
                           published=(None, None)) == {"number"}


def _described(article_id: str, start: int, speaker: str | None = None,
               position: int = 0) -> DescribedStatement:
    return DescribedStatement(Statement(article_id, start, start + 10), "text", None,
                              position, frozenset(), frozenset(), frozenset(), frozenset(),
                              frozenset(), speaker)


def _wire_story(*outlets: str) -> tuple[list[AnnotatedArticle], Story]:
    """Articles of a story: Wire Post and its copy in Copy Times (one origin), then
    one article of each outlet given."""
    articles = [_article(outlet, "x") for outlet in ("Wire Post", "Copy Times", *outlets)]
    return ([AnnotatedArticle(a) for a in articles],
            Story("s1", "label", tuple(a.id for a in articles),
                  origins=(("wire-post", "copy-times"),)))


def test_wire_copies_and_credited_outlets_count_once():
    annotated, story = _wire_story("Reuters", "Local Gazette")
    described = [_described("wire-post", 0), _described("copy-times", 0),
                 _described("local-gazette", 0, speaker="Reuters"), _described("reuters", 0)]
    probabilities = np.ones((4, 4), dtype=np.float32)
    unscored = np.zeros((4, 4), dtype=np.float32)
    copies_only = build_facts([[0, 1]], described, probabilities, unscored, story, annotated)
    assert copies_only[0].status == "single_source"
    assert copies_only[0].origins == (("wire-post", "copy-times"),)
    credited = build_facts([[2, 3]], described, probabilities, unscored, story,
                           annotated)
    assert credited[0].status == "single_source"
    everything = build_facts([[0, 1, 2, 3]], described, probabilities, unscored, story,
                             annotated)
    assert everything[0].status == "corroborated" and len(everything[0].origins) == 2
    # Crediting the wire text's outlet is crediting its copies' origin.
    crediting_wire = [_described("local-gazette", 0, speaker="Wire Post"),
                      _described("copy-times", 0)]
    [wire] = build_facts([[0, 1]], crediting_wire, probabilities, unscored, story, annotated)
    assert wire.status == "single_source" and len(wire.origins) == 1


def _bylined(outlet: str, author: str | None, article_id: str | None = None
             ) -> AnnotatedArticle:
    return AnnotatedArticle(replace(_article(outlet, "x"), author=author,
                                    id=article_id or outlet.lower().replace(" ", "-")))


def _origin_count(annotated: list[AnnotatedArticle], members: list[str]) -> int:
    """How many origins a fact told by the articles `members` (ids) counts."""
    story = Story("s1", "label", tuple(a.article.id for a in annotated))
    described = [_described(article_id, 0) for article_id in members]
    ones = np.ones((len(members), len(members)), dtype=np.float32)
    [fact] = build_facts([list(range(len(members)))], described, ones, 0 * ones, story,
                         annotated)
    assert fact.status == ("corroborated" if len(fact.origins) > 1 else "single_source")
    return len(fact.origins)


def test_one_reporters_work_under_two_mastheads_counts_once():
    """A live blog one outlet runs under another's masthead, bylined by its
    reporter, is one witness; two papers' staff are two."""
    annotated = [_bylined("Harbour Radio", "Eyder Peralta"),
                 _bylined("Coast Monitor", "By Eyder Peralta and Marie Andrusewicz"),
                 _bylined("Local Gazette", "Staff Writer"),
                 _bylined("Bay Courier", "Staff Writer"),
                 _bylined("Valley Times", "Marie Andrusewicz")]
    assert _origin_count(annotated, ["harbour-radio", "coast-monitor"]) == 1
    assert _origin_count(annotated, ["local-gazette", "bay-courier"]) == 2
    assert _origin_count(annotated, ["harbour-radio", "local-gazette"]) == 2
    # only the byline's first name says whose work it is
    assert _origin_count(annotated, ["coast-monitor", "valley-times"]) == 2
    # the outlets' other reports stay apart: the radio's and the monitor's own are
    # two witnesses, though both outlets carry Peralta's work
    more = annotated + [_bylined("Harbour Radio", "Ann Lee", "radio-2"),
                        _bylined("Coast Monitor", None, "monitor-2")]
    assert _origin_count(more, ["radio-2", "monitor-2"]) == 2


@pytest.mark.parametrize("author, key", [
    ("Eyder Peralta, Marie Andrusewicz", "eyder peralta"),
    ("By Jane Roe and John Doe", "jane roe"),
    ("K.T. McFarland", "k t mcfarland"),
    ("Reuters", "reuters"),  # a wire agency's byline is its work too
    ("Staff", None), ("Editorial Board", None), ("Staff Writer", None),
    ("Admin", None),  # one word, no agency: no one known
    (None, None),
])
def test_whose_work_a_byline_says_an_article_is(author, key):
    assert byline_key(Article(id="a", text="x", author=author)) == key


def test_an_outlet_credited_by_the_short_form_of_its_name_counts_once():
    annotated, story = _wire_story("The Calder Herald", "Harbour Herald", "Local Gazette")
    probabilities = np.ones((3, 3), dtype=np.float32)
    unscored = np.zeros((3, 3), dtype=np.float32)

    def origins(credited: str, outlets=("the-calder-herald", "local-gazette")) -> int:
        described = [_described("local-gazette", 0, speaker=credited),
                     _described("the-calder-herald", 0), _described("wire-post", 0)]
        [fact] = build_facts([[0, 1]], described, probabilities, unscored, story,
                             [a for a in annotated if a.article.id in outlets])
        return len(fact.origins)

    # "the Herald reported …": the story's Herald, when it has one
    assert origins("the Herald") == 1
    assert origins("the Herald", outlets=("the-calder-herald", "harbour-herald",
                                          "local-gazette")) == 2  # which Herald?
    assert origins("The Calder Herald") == 1
    assert origins("the Mirror Herald") == 2  # another paper
    # "the Central Intelligence Agency" is no news outlet: its words are the
    # gazette's report, a second origin
    assert origins("the Central Intelligence Agency") == 2


def test_a_fact_lists_near_misses_of_other_origins_not_counted():
    """Under a fact told by the wire (two copies), the closest statement of each
    other origin that reaches the floor, best first; never a copy of the same wire
    text, never one below the floor, never one of an origin carrying the fact."""
    annotated, story = _wire_story("Local Gazette", "Evening Herald")
    described = [_described("wire-post", 0), _described("copy-times", 0),
                 _described("local-gazette", 0), _described("local-gazette", 20),
                 _described("evening-herald", 0)]
    probabilities = np.zeros((5, 5), dtype=np.float32)
    scored = np.zeros((5, 5), dtype=np.float32)
    for (i, j), p in {(0, 1): 0.95, (0, 2): SIMILAR_FLOOR + 0.01, (1, 3): 0.68,
                      (0, 4): POSSIBLE_FLOOR - 0.01}.items():
        scored[i, j] = scored[j, i] = p
    facts = build_facts([[0, 1], [2, 3], [4]], described, probabilities, scored, story,
                        annotated)
    wire, gazette, herald = ({f.statements[0].article_id: f for f in facts}[a]
                             for a in ("copy-times", "local-gazette", "evening-herald"))
    assert wire.status == "single_source"
    assert [(s.statement, round(s.probability, 2)) for s in wire.similar] == [
        (described[3].statement, 0.68)]  # the gazette's closer statement, once
    assert [s.statement for s in gazette.similar] == [described[1].statement]
    assert herald.similar == ()
    [corroborated] = build_facts([[0, 1, 4]], described, probabilities, scored, story,
                                 annotated)
    assert corroborated.status == "corroborated"
    assert [s.statement for s in corroborated.similar] == [described[3].statement]
    # The gazette may tell the fact in other words: it is not said to leave it out.
    coverage = {c.outlet: c for c in outlet_coverage(annotated, [corroborated])}
    assert coverage["Local Gazette"].omitted == ()
    # Nor does the gazette report alone what the wire came close to telling.
    assert {c.outlet: c for c in outlet_coverage(annotated, [gazette])}[
        "Local Gazette"].unique == ()
    assert {c.outlet: c for c in outlet_coverage(annotated, [herald])}[
        "Evening Herald"].unique == (herald.id,)
    unlike = build_facts([[0, 1, 4]], described, probabilities, scored * 0, story, annotated)
    assert {c.outlet: c for c in outlet_coverage(annotated, unlike)}[
        "Local Gazette"].omitted == (unlike[0].id,)


def test_an_outlet_that_may_tell_a_fact_does_not_leave_it_out():
    """A statement scored between POSSIBLE_FLOOR and SIMILAR_FLOOR is no near miss to
    show, but its outlet is not said to leave the fact out (the fact decision misses
    facts told inside a longer sentence), nor the fact's outlet to report it alone."""
    annotated, story = _wire_story("Local Gazette", "Evening Herald")
    described = [_described("wire-post", 0), _described("local-gazette", 0),
                 _described("evening-herald", 0), _described("evening-herald", 20)]
    probabilities = np.zeros((4, 4), dtype=np.float32)
    scored = np.zeros((4, 4), dtype=np.float32)
    for (i, j), p in {(0, 1): 0.9, (0, 2): POSSIBLE_FLOOR - 0.01,
                      (1, 3): POSSIBLE_FLOOR + 0.01}.items():
        scored[i, j] = scored[j, i] = p
    told, *_ = build_facts([[0, 1], [2], [3]], described, probabilities, scored, story,
                           annotated)
    assert told.similar == () and told.possibly_in == ("evening-herald",)
    assert {c.outlet: c for c in outlet_coverage(annotated, [told])}[
        "Evening Herald"].omitted == ()
    [unlikely] = build_facts([[0, 1]], described[:3], probabilities[:3, :3],
                             scored[:3, :3], story, annotated)
    assert unlikely.possibly_in == ()
    assert {c.outlet: c for c in outlet_coverage(annotated, [unlikely])}[
        "Evening Herald"].omitted == (unlikely.id,)
    # Published the day before every article telling it (a preview), the herald
    # could not report it.
    preview = [replace(a, article=replace(a.article, published=dt.date(2025, 3, 4)))
               if a.article.id == "evening-herald" else a for a in annotated]
    assert {c.outlet: c for c in outlet_coverage(preview, [unlikely])}[
        "Evening Herald"].omitted == ()
    # The herald carries a cut of a quote the fact's statement holds: it tells it.
    statement = unlikely.statements[0]
    quote = StoryQuote("q1", "Ann Lee", "we will rebuild", (
        QuoteCarrier(statement.article_id, None, statement.start, statement.end - 2,
                     "direct", "Ann Lee"),
        QuoteCarrier("evening-herald", "Evening Herald", 40, 60, "direct", "Ann Lee")))
    assert {c.outlet: c for c in outlet_coverage(annotated, [unlikely], [quote])}[
        "Evening Herald"].omitted == ()


def test_near_misses_are_at_most_a_few():
    articles = [_article(f"Outlet {n} News", "x") for n in range(6)]
    annotated = [AnnotatedArticle(a) for a in articles]
    story = Story("s1", "label", tuple(a.id for a in articles))
    described = [_described(a.id, 0) for a in articles]
    scored = np.full((6, 6), 0.65, dtype=np.float32)
    np.fill_diagonal(scored, 0.0)
    scored[0, 1:] = scored[1:, 0] = [0.61, 0.69, 0.62, 0.68, 0.63]
    [fact, *_] = build_facts([[0], [1], [2], [3], [4], [5]], described, scored * 0, scored,
                             story, annotated)
    assert len(fact.similar) == MAX_SIMILAR == 3
    assert [s.probability for s in fact.similar] == sorted(
        (s.probability for s in fact.similar), reverse=True)
    assert round(fact.similar[0].probability, 2) == 0.69


def test_average_link_does_not_chain_weak_resemblances():
    probabilities = np.array([[0, .9, .1, 0], [.9, 0, .6, 0], [.1, .6, 0, 0], [0, 0, 0, 0]],
                             dtype=np.float32)
    assert average_link(probabilities, 0.5) == [[0, 1], [2], [3]]
    assert average_link(probabilities, 0.3) == [[0, 1, 2], [3]]


@pytest.mark.parametrize("text, names, stated", [
    ("Brooklyn, New York; and Dallas.", ("Brooklyn", "New York", "Dallas"), False),
    ("— Amanda Lind, Calder Herald", ("Amanda Lind", "Calder Herald"), False),
    ("Dorn was African American.", ("Dorn", "African American"), True),
    ("Ruiz fired Berg.", ("Ruiz", "Berg"), True),
])
def test_a_list_of_names_states_nothing(text, names, stated):
    statement = replace(_described("a", 0), text=text, words=frozenset(words(text)),
                        names=frozenset(names))
    assert states_something(statement) == stated


@pytest.mark.parametrize("text, credit", [
    ("Herald writer Ola Berg in Northport contributed to this report.", True),
    ("— Ida Vale (@idavale) June 1, 2017", True),
    ("Ida J. Vale (@idavale) June 3, 2017", True),  # its dash lost in scraping
    ("Vale posted on June 1, 2017 that the deal was dead.", False),
])
def test_credit_lines_and_post_signatures_are_no_statements(text, credit):
    assert is_credit_line(text) == credit


@pytest.mark.parametrize("text, about", [
    ("We updated this post through the day on Tuesday.", True),
    ("Our colleagues at Harbour Radio have also resumed their live blogging this morning.",
     True),
    ("ET, April 17: We're tracking Wednesday's developments here.", True),
    ("This story has been updated with the mayor's comments.", True),
    ("ANA LEE: This is Harbour Now!, harbournow.org, The Coast Report.", True),
    ("This is a disaster for harbour.org, its founder said.", False),
    ("“We are tracking a second storm,” the forecaster said.", False),
    ("Our crews reached the harbour on Monday, the mayor said.", False),
    ("“We are saddened,” the mayor said in a Facebook post.", False),
    ("“Listen to what we say,” Vale told the Harbour Post.", False),
])
def test_a_live_blogs_notes_on_itself_are_no_statements(text, about):
    assert is_about_the_report(text) == about

def test_clauses_split_only_where_both_sides_state_something():
    text = ("The fire destroyed two warehouses near the harbour; no one was hurt in the "
            "blaze overnight. Ships, cranes and trucks were moved.")
    first, second = Span(0, text.index(" Ships")), Span(text.index("Ships"), len(text))
    assert [text[s.start:s.end] for s in clauses(text, first)] == [
        "The fire destroyed two warehouses near the harbour",
        "no one was hurt in the blaze overnight."]
    assert [text[s.start:s.end] for s in clauses(text, second)] == [
        "Ships, cranes and trucks were moved."]


def test_lawmakers_listed_with_party_and_state_are_no_clauses():
    text = ("In a letter to committee chairman Tom Berg, R-Iowa, and ranking member Ana "
            "Lund, D-Calif., the harbour board denied the claims.")
    assert [text[s.start:s.end] for s in clauses(text, Span(0, len(text)))] == [text]


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


def test_a_wire_dateline_is_no_part_of_the_lead_statement(nlp):
    """Where the story was filed is the outlet's byline, not a fact: the lead statement
    starts after it and reads as a whole sentence, not an excerpt."""
    text = ("LISBON, March 4 (Atlas News) — A fire destroyed two warehouses near the "
            "harbour on Tuesday, officials said.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    [lead] = describe(annotated, {})
    assert lead.text.startswith("A fire destroyed") and not lead.continues
    assert "lisbon" not in lead.words


def test_a_later_clause_reads_as_an_excerpt(nlp):
    text = ("The fire destroyed two warehouses near the harbour; no one was hurt in the "
            "blaze overnight.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    assert [s.shown for s in describe(annotated, {})] == [
        "The fire destroyed two warehouses near the harbour",
        "… no one was hurt in the blaze overnight."]


def test_a_statement_read_alone_names_who_he_is(nlp):
    """A summary line or a timeline entry is read away from the sentence that names the
    speaker: "he" or "she" saying something gets the story-wide name in brackets (not
    "it" or "they", too often no one), the compared text stays the article's own."""
    text = ("The blaze started shortly after 6 p.m. on Tuesday, fire chief Tomasz Brenner "
            "said. He said firefighters had kept the flames away from the chemical "
            "hall. Corvane Logistics said it was cooperating. It estimated the damage at "
            "40 million euros. Residents went home on Wednesday, he said.")
    article = Article(id="a", text=text, published=dt.date(2025, 3, 5))
    [annotated] = annotate([article], nlp)
    shown = [s.shown for s in describe(annotated, {("a", "Tomasz Brenner"): "Tomasz Brenner"})]
    assert "He [Tomasz Brenner] said firefighters had kept the flames away from the " \
           "chemical hall." in shown
    assert "It estimated the damage at 40 million euros." in shown
    described = describe(annotated, {})
    assert all("[" not in s.text for s in described)
    assert [e.text for e in analyse(nlp, [article]).timeline] == [
        "The blaze started shortly after 6 p.m. on Tuesday, fire chief Tomasz Brenner said.",
        "Residents went home on Wednesday, he [Tomasz Brenner] said."]


def test_a_quotation_read_alone_names_its_speaker(nlp):
    """A sentence of someone's quotation that does not name them (the paragraph of
    quotation that goes on after the tag) gets their name in brackets; a sentence
    that names its speaker and the writer's own sentences get none."""
    text = ("“We will rebuild the pier,” Mayor Ana Torres said on Monday. Council members "
            "applauded.\n\n“It will take a year. The council has the money.”\n\n"
            "The pier was destroyed by the storm in March.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    assert [s.shown for s in describe(annotated, {})] == [
        "“We will rebuild the pier,” Mayor Ana Torres said on Monday.",
        "Council members applauded.",
        "“It will take a year.” [Ana Torres]",
        "“The council has the money.” [Ana Torres]",
        "The pier was destroyed by the storm in March."]


def test_a_statement_cut_from_a_quotation_keeps_its_quote_marks(nlp):
    """A quotation running over sentences leaves each sentence alone with one mark
    or none: read alone, it gets the marks it stands inside; a stray mark that
    closes nothing adds none."""
    text = ("The mayor opened the new harbour on Monday. “We kept every promise. The "
            "cranes are here. Two new berths are ready,” the mayor said. Crews worked "
            "for 14 months, the council said.\n\nThe 3\" pipes were replaced last year.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    shown = [s.shown for s in describe(annotated, {})]
    assert "“We kept every promise.”" in shown
    assert "“The cranes are here.”" in shown
    assert "“Two new berths are ready,” the mayor said." in shown
    assert "Crews worked for 14 months, the council said." in shown
    assert "The 3\" pipes were replaced last year." in shown


def test_a_verbless_sentence_joins_the_statement_it_goes_on_from(nlp):
    """The items of a spoken list and a phrase adding to the sentence before are no
    statements of their own; a participle or preposition opening a clause with a
    verb ("Speaking …, the mayor said", "According to …") is one, and so is a phrase
    after a paragraph break."""
    text = ("The council approved the harbour plan on Monday. “We are rebuilding the old "
            "port. Including two new cranes. And dredging the channel for larger ships,” "
            "the mayor said. Speaking at the town hall, the mayor said work would begin in "
            "May. According to the council, the plan costs 40 million euros. Twelve "
            "residents objected. Including the owners of the boatyard.\n\n"
            "Trying to calm residents, officials held a meeting.")
    [annotated] = annotate([Article(id="a", text=text)], nlp)
    assert [s.shown for s in describe(annotated, {})] == [
        "The council approved the harbour plan on Monday.",
        "“We are rebuilding the old port. Including two new cranes. And dredging the "
        "channel for larger ships,” the mayor said.",
        "Speaking at the town hall, the mayor said work would begin in May.",
        "According to the council, the plan costs 40 million euros.",
        "Twelve residents objected. Including the owners of the boatyard.",
        "Trying to calm residents, officials held a meeting."]
    # a name in -ing opens a sentence of its own, not a participle phrase
    text = ("“China is building up its forces. Beijing warning its neighbours every day. "
            "Trying to control critical infrastructure,” the minister said.")
    [annotated] = annotate([Article(id="b", text=text)], nlp)
    assert [s.shown for s in describe(annotated, {})] == [
        "“China is building up its forces.”",
        "“Beijing warning its neighbours every day. Trying to control critical "
        "infrastructure,” the minister said."]


def test_seeds_one_call_reported_in_two_wordings_is_one_quote(seeds_analysis):
    # "called for Seoul to 'step up' its support for Ukraine" [1] and "urged South
    # Korea to increase military support to Ukraine" [3] share few words; the fact
    # decision made them one fact, and so they are one quote of Stoltenberg's. His two
    # different quotes of Japan's 2% plan ([1], [2]: one fact) stay two utterances.
    texts = {a.article.id: a.article.text for a in seeds_analysis.articles}
    def carried(quote):
        return [texts[c.article_id][c.start:c.end] for c in quote.carriers]
    [seoul] = [q for q in seeds_analysis.quotes
               if any("increase military support" in t for t in carried(q))]
    assert seoul.speaker == "Jens Stoltenberg"
    assert any("step up" in t for t in carried(seoul))
    assert len({c.article_id for c in seoul.carriers}) == 2
    benchmark = [q for q in seeds_analysis.quotes if any("NATO benchmark" in t for t in carried(q))
                 and q.carriers[0].kind == "direct"]
    assert len(benchmark) == 2 and all(len({c.article_id for c in q.carriers}) == 1
                                       for q in benchmark)


def test_seeds_spoken_list_items_are_no_facts_of_their_own(seeds_analysis):
    """Stoltenberg's list of China's doings ("Bullying its neighbors, and threatening
    Taiwan. Trying to control critical infrastructure.") is cited with the sentence
    it goes on from, not as facts of one outlet each."""
    fragments = {(a.article.id, a.sentences[k].start) for a in seeds_analysis.articles
                 for k in range(len(a.sentences)) if continues_previous(a, k)}
    assert len(fragments) >= 3
    starts = {(s.article_id, s.start) for fact in seeds_analysis.facts
              for s in fact.statements}
    assert not fragments & starts
    assert any(re.search(r"nuclear weapons\. Bullying its neighbors", text)
               for fact in seeds_analysis.facts
               for text in statement_texts(seeds_analysis, fact))


def test_demo_outlets_disagreeing_on_the_injured_count_is_a_conflict(nlp):
    """Our demo corpus: the health service's 14 injured against the city's 12,
    worded differently by different outlets."""
    articles = [a for a in read([str(EXAMPLES / "articles")]) if isinstance(a, Article)]
    fire = [a for a in articles if "Portvale" in a.text]
    analysis = analyse(nlp, fire)
    [conflict] = analysis.conflicts
    assert conflict.kind == "number"
    assert sorted(side.value for side in conflict.sides) == ["12 people", "Fourteen people"]
    [disputing] = assert_disputed_rows_cite_both_sides(analysis)
    assert disputing.statement in {side.statement for side in conflict.sides}


def test_a_count_of_a_named_night_is_no_other_tally_of_the_night_before(nlp):
    """Two outlets on a Wednesday: one counts the officers hurt on Tuesday night
    without naming the night, the other those hurt on Wednesday night. Two nights,
    two tallies, no disagreement; a count of the same night named by both is one."""
    courier = ("Protesters threw rocks at police in Portvale on Wednesday night, injuring "
               "four officers, after a man was shot dead by a patrol on the harbour road. "
               "The mayor called for calm and the governor sent troopers.")
    overnight = ("Sixteen officers were injured when crowds hurled rocks at riot police in "
                 "Portvale, the police chief told reporters. Shops on the seafront were "
                 "looted and a bus was set on fire.")
    named = overnight.replace("injured when", "injured on Wednesday night when")
    for text, conflicts in ((overnight, 0), (named, 1)):
        analysis = analyse(nlp, [_article("Herald", text), _article("Courier", courier)])
        assert len(analysis.conflicts) == conflicts, text


@pytest.mark.parametrize("text, count, toll", [
    ("A fire broke out, injuring 12 people and forcing 300 to leave.", "12 people", {"injur"}),
    ("Fourteen people were injured in the fire.", "Fourteen people", {"injur"}),
    ("Police arrested 40 protesters overnight.", "40 protesters", {"arres"}),
    # counts of other things than a toll, and parts of a toll
    ("In Ohio she held just three events.", "three events", set()),
    ("The blast wounded 840 people, including 225 children.", "225 children", set()),
    ("Nine villagers killed since the envoys arrived.", "Nine villagers", set()),
])
def test_counts_compared_across_facts_are_tolls(text, count, toll):
    start = text.index(count)
    quantity = Quantity(start, start + len(count), count, 1, "people")
    assert _toll_of(text, Statement("a", 0, len(text)), quantity) == toll


def test_counts_of_two_places_are_not_compared():
    baltimore = "Protests in Baltimore stayed calm; over two dozen people were arrested."
    denver = "In Denver, police arrested 11 people for assault and robbery."
    arrested = replace(_described("a", 0), places=frozenset())
    in_denver = replace(_described("b", 0), places=frozenset({"Denver"}))
    # a place the other article never names: counts of two places
    assert _elsewhere(arrested, in_denver, baltimore, denver)
    # a place the other article names: one place, told once without it
    assert not _elsewhere(arrested, in_denver, baltimore + " Denver marched too.", denver)
    in_baltimore = replace(in_denver, places=frozenset({"Baltimore"}))
    assert _elsewhere(in_baltimore, in_denver, baltimore, denver)
    assert not _elsewhere(in_baltimore, in_baltimore, baltimore, baltimore)
    # a place shared (the country acting), one the other article never names
    raid = "The U.S. raid on the airbase killed six people, the army said."
    mosul = "The U.S. has bombed for years and killed over 200 people in Mosul."
    us_raid = replace(in_denver, places=frozenset({"U.S."}))
    us_in_mosul = replace(in_denver, places=frozenset({"U.S.", "Mosul"}))
    assert _elsewhere(us_raid, us_in_mosul, raid, mosul)


def _quantity(text: str, value: float, unit: str) -> Quantity:
    return Quantity(0, len(text), text, value, unit)


@pytest.mark.parametrize("negated, affirmed", [
    ("The harbour master did not resign on Friday.", "The harbour master resigned on Friday."),
    ("The council does not want to renew the leases.", "The council wants to renew the leases."),
    ("The council never approved the new quay.", "The council approved the new quay in May."),
    ("No one spied on the Trump campaign.", "“My campaign was spied on,” Trump said."),
])
def test_a_negated_claim_conflicts_with_the_claim(negated, affirmed):
    assert opposite_polarity(negated, affirmed)
    assert opposite_polarity(affirmed, negated)


@pytest.mark.parametrize("longer, shorter", [
    # The negation is in words the other outlet's cut leaves out.
    ("It should not happen that he comes here with a smile on his face.",
     "He comes here with a smile on his face."),
    ("We want the strongest deal possible, and if we don't get it, there should be no "
     "deal at all.", "We want the strongest deal possible."),
    # "No. 2" and "not only" negate nothing.
    ("She was elected to the No. 2 post on the council.",
     "She was elected to the second post on the council."),
    # Both negate, in other words.
    ("Republicans cannot lose more than two votes on the bill.",
     "Republicans can lose no more than two votes on the bill."),
    ("He warned against getting too worked up about the latest polling.",
     "Don't get too worked up about the latest polling."),
    # The negating statement affirms it too: it tells both sides.
    ("Shortly after word that Vale would not testify, the mayor said he would love for "
     "Vale to testify before a fair panel.", "The mayor said he would love to have Vale "
     "testify."),
    # A negation set off by commas reaches nothing beyond them.
    ("Then any mayor who comes after me, not just me, will find the harbour unworkable.",
     "Then any mayor who comes after me ... will find the harbour unworkable."),
    # "None of" counts part of a whole, as "three of" does.
    ("None of the bullets entered from the back.",
     "Only three of the bullets entered his body."),
    # "not just" adds; it denies nothing.
    ("Voters will cast ballots not just in the mayoral race.",
     "Voters are casting ballots in the mayoral race and the council races."),
    # The negation is of another clause than the words before its comma.
    ("“We tried their plans, they didn't work.", "“We know our plans work.”"),
    # What is not wanted is what follows the want: renewing, not letting expire.
    ("But the council doesn't want to renew the leases, even for a few months.",
     "The mayor and the council want to let the leases expire."),
    # A negation reaches the word after it, not one a clause further on.
    ("He did not say if it would amount to the $5 million sought by the mayor.",
     "The mayor sought to press the council to agree to his request for $5 million."),
    # "Not ... for two weeks", "not ... until": a delay, not a denial.
    ("But she declined to comment, saying the full report was not expected for about "
     "two weeks.", "The full report is expected in two weeks."),
    ("The ferry will not sail until the storm passes.", "The ferry will sail on Friday."),
    # A sentence's opening negation denies its predicate, not its subject's name.
    ("Neither Council proposal won the 7 votes needed to pass.",
     "If that bill fails, councillors will vote on a short-term measure."),
    # Avoiding what is not so is a double negative.
    ("Its members avoid speaking in a manner and using language that is not conducive "
     "to civil discourse.", "He reminded them to use language conducive to civil discourse."),
])
def test_a_negation_the_other_cut_leaves_out_is_no_conflict(longer, shorter):
    assert opposite_polarity(longer, shorter) is None


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
    # Others besides the one named: "Stevens and three other Americans" are four,
    # and "two other states" than this one are "the two remaining states"
    others = _quantity("three other Americans", 3, "Americans")
    assert not values_differ(others, _quantity("four Americans", 4, "Americans"))
    assert not values_differ(others, _quantity("three Americans", 3, "Americans"))
    assert values_differ(others, _quantity("two Americans", 2, "Americans"))
    # a count with a name joined to it may leave that one out
    powers = _quantity("five world powers", 5, "powers")
    assert not values_differ(powers, _quantity("six world powers", 6, "powers"),
                             "The United States and ")
    assert values_differ(powers, _quantity("six world powers", 6, "powers"), "The ")
    # a running tally is a bound from below
    raised = _quantity("$3.2 million", 3.2e6, "USD")
    assert not values_differ(raised, _quantity("$2.5 million", 2.5e6, "USD"), "raised ", "",
                             " online & counting!")
    assert values_differ(raised, _quantity("$2.5 million", 2.5e6, "USD"), "raised ", "",
                         " online by noon.")
    # A small round number is taken as exact: 40 dead is not 43 dead.
    assert values_differ(_quantity("40 people", 40, "people"),
                         _quantity("43 people", 43, "people"))



def test_figures_of_statements_naming_nothing_alike_are_no_conflict():
    def spent(text: str, names: set[str], value: float) -> DescribedStatement:
        figure = text[text.index("$"):text.index("million") + len("million")]
        return replace(_described("a", 0), text=text, names=frozenset(names),
                       quantities=(Quantity(0, len(figure), figure, value, "USD"),))

    rubio = spent("Rubio and allies have spent $9.4 million on ads.", {"Marco Rubio"}, 9.4e6)
    all_ = spent("The candidates had spent $30 million on ads, Kantar Media said.",
                 {"Kantar Media"}, 30e6)
    also_rubio = spent("Rubio and allies have spent $12 million on ads.", {"Marco Rubio"}, 12e6)
    assert _number_conflict(rubio, all_) is None
    assert _number_conflict(rubio, also_rubio) == ("$9.4 million", "$12 million")

def test_one_named_member_is_no_count_against_a_tally():
    """"One Democrat, Rep. Jeff Van Drew, announced …" says who, not how many."""
    def counted(text: str, figure: str, value: float) -> DescribedStatement:
        start = 2000 + text.index(figure)  # quantities index the article's text
        return replace(_described("a", 0), text=text, quantities=(
            Quantity(start, start + len(figure), figure, value, "democrat"),))

    named = counted("One Democrat, Rep. Ana Ruiz of Ohio, said she would vote against it.",
                    "One Democrat", 1)
    tally = counted("Two Democrats, Ana Ruiz and Tom Bell, voted against it.",
                    "Two Democrats", 2)
    assert _number_conflict(named, tally) is None
    described = counted("One Democrat, freshman Rep. Ana Ruiz, said she would vote no.",
                        "One Democrat", 1)
    assert _number_conflict(described, tally) is None
    one_vote = counted("One Democrat, a first-term member, voted against it.",
                       "One Democrat", 1)
    assert _number_conflict(one_vote, tally) == ("One Democrat", "Two Democrats")


@pytest.mark.parametrize("before_one, one, before_other, other, differ", [
    ("More than ", 30, "police said ", 32, False),   # 32 is more than 30
    ("More than ", 30, "police said ", 28, True),
    ("at least ", 12, "", 15, False),
    ("nearly ", 20, "", 23, True),                   # nearly 20 is under 20
    ("nearly ", 20, "", 19, False),
    ("about ", 100, "", 108, False),
    ("fewer than ", 10, "as many as ", 12, False),   # both allow 9 and fewer
    ("fewer than ", 10, "", 12, True),
])
def test_bounds_and_estimates_agree_with_the_values_they_allow(before_one, one,
                                                                before_other, other, differ):
    assert values_differ(_quantity(f"{one} people", one, "people"),
                         _quantity(f"{other} people", other, "people"),
                         before_one, before_other) == differ


@pytest.mark.parametrize("one, other", [
    ("Tim Murray", "Timothy Murray"), ("Dick Durbin", "Richard J. Durbin"),
    ("Mike Thibodeau", "Michael Thibodeau"), ("Vincente Fox", "Vicente Fox"),
    ("Felipe Calderon", "Felipe Calderón"), ("Hilary Clinton", "Hillary Rodham Clinton"),
    ("Bernie Sanders", "Bernard Sanders"),
])
def test_one_person_under_a_short_form_accent_or_slip_of_the_name(one, other):
    assert same_person(name_words(one), name_words(other))


@pytest.mark.parametrize("one, other", [
    ("Jane Smith", "John Smith"), ("Mark Kelly", "Scott Kelly"), ("Marco Rossi", "Mario Rossi"),
    ("Ivana Trump", "Ivanka Trump"),
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


def test_a_post_in_its_authors_words_is_no_second_claimant():
    """A quote in marks credited to two people is a conflict; a post, its author's
    own words with no marks, that repeats the quote is not."""
    quoted = "“We will rebuild the harbour wall before the winter storms return,” she said."
    posted = "We will rebuild the harbour wall before the winter storms return, she told us."
    texts = {"a": quoted, "b": quoted, "c": posted}
    people = {"Ines Duarte", "Tomas Berg", "Ana Reyes"}

    def carrier(article: str, speaker: str) -> QuoteCarrier:
        return QuoteCarrier(article, f"outlet {article}", 0, texts[article].index(",") + 2,
                            "direct", speaker)

    assert _miscredited(carrier("a", "Ines Duarte"), carrier("b", "Tomas Berg"), texts, people)
    assert not _miscredited(carrier("a", "Ines Duarte"), carrier("c", "Ana Reyes"), texts,
                            people)


def test_the_same_words_in_another_order_are_another_quote():
    texts = {"a": "“For Mayor Lee to win the east side, she's going to have to carry the "
                  "port wards by a huge margin,” he said.",
             "b": "“It's going to be a big win for Mayor Lee,” he said."}
    carriers = [QuoteCarrier(article, f"outlet {article}", 0, text.index("” he") + 1,
                             "direct", speaker)
                for (article, text), speaker in zip(texts.items(), ("Ann Roe", "Bo Diaz"))]
    assert not _miscredited(*carriers, texts, {"Ann Roe", "Bo Diaz"})


def test_a_headline_in_a_lead_is_no_summary_claim(nlp):
    """A lead paragraph with no sentence end is a headline or a link to another
    story: the summary quotes the outlet's claims, not its page furniture."""
    text = ("Governor says troopers will take over security in Portvale\n\n"
            "Troopers took over security in Portvale on Tuesday after two nights of "
            "protests over the harbour fire, the governor said. The mayor welcomed "
            "them and asked residents to stay home.")
    analysis = analyse(nlp, [_article("Herald", text)])
    lines = [line.text for line in analysis.summary]
    assert not any(line.startswith("Governor says") for line in lines)
    assert any(line.startswith("Troopers took over security") for line in lines)


def test_a_subhead_or_link_in_the_prose_is_no_fact_but_a_list_item_is(nlp):
    """A short paragraph with no sentence end amid the prose is a subhead or a link
    to another story: the brief reports the outlet's claims, not its page furniture
    (a link's "12 officers hurt" would dispute the article's own count). Items of a
    list introduced by a colon are what the list states, and the deck heading an
    article is its claim."""
    text = ("Troopers called in as Portvale protests go on\n\n"
            "Troopers took over security in Portvale on Tuesday after two nights of "
            "protests over the harbour fire, the governor said. Four officers were hurt.\n\n"
            "Protests erupt in Portvale after harbour fire; 12 officers hurt\n\n"
            "The mayor welcomed the troopers and asked residents to stay home.\n\n"
            "The council voted on three measures:\n\n"
            "A curfew from midnight until dawn across the harbour district\n\n"
            "Free bus rides for families moved out of damaged homes")
    facts = [fact.text for fact in analyse(nlp, [_article("Herald", text)]).facts]
    assert not any(text.startswith("Protests erupt") for text in facts)
    for kept in ("Troopers called in", "A curfew from midnight", "Free bus rides"):
        assert any(text.startswith(kept) for text in facts), kept


def test_a_lead_sentence_cut_into_clauses_is_one_summary_claim(nlp):
    herald = _article("Herald", (
        "Four years ago, the mayor ran as a novice -- both in the primary against two "
        "council members, and in the general election against a sitting judge. The "
        "harbour reopened on Monday after a month of repairs."))
    lines = [line.text for line in analyse(nlp, [herald]).summary]
    assert lines[0].startswith("Four years ago, the mayor ran as a novice")
    assert not any("sitting judge" in line for line in lines[1:])
    assert any(line.startswith("The harbour reopened") for line in lines)


def test_a_headline_repeated_in_the_text_is_no_fact(nlp):
    """A page's updated headline, or another story's, in title case and with no
    sentence end, or with every word capitalised: it announces what the article
    tells, and is no fact of its own."""
    text = ("Live Blog: Harbour Siege Ends With Two Dead, Eight Suspects Arrested\n\n"
            "The Port Is Going To Reopen After All. What Does That Mean?\n\n"
            "Police ended the siege of a harbour warehouse in Portvale on Wednesday. Two "
            "people died and eight suspects were arrested, the prosecutor said.\n\n"
            "Did Anyone Expect Such Swift Arrests?\n\n"
            "The warehouse had been empty for a year, its owner said.")
    analysis = analyse(nlp, [_article("Herald", text)])
    assert not any(fact.text.startswith(("Live Blog", "Did Anyone", "The Port", "What Does"))
                   for fact in analysis.facts)
    assert any(fact.text.startswith("Police ended the siege") for fact in analysis.facts)


def test_the_summary_core_leads_with_what_outlets_lead_with(nlp):
    """A fact two outlets open with comes before a detail three tell further down:
    each origin counts by how early it tells the fact (the inverted pyramid)."""
    detail = "Ferries to Lusk Island will keep to their winter timetable, the port said."
    calder = ["A fire destroyed the Agrinord grain warehouse at the port of Calder on "
              "Monday night.", "The blaze started in a conveyor shed shortly after ten.",
              "Neighbours said the smoke could be seen from the motorway.",
              "The harbour master praised the fire crews.",
              "Grain prices at the regional exchange rose slightly on Tuesday.",
              "The warehouse was built in 1962.", "It had been renovated twice.",
              "Local schools stayed open.", detail]
    bay = ["Fire tore through the Agrinord grain store in Calder's port late on Monday, "
           "destroying it.", "Investigators from the regional police were on site by dawn.",
           "The cooperative's chairman called the loss a heavy blow.",
           "About forty people work at the site.",
           "Some of them gathered at the gates on Tuesday morning.",
           "A union representative asked for a meeting with the owners.",
           "The town council will meet on Friday.",
           "Residents were told to keep windows shut.", detail]
    coast = ["The mayor of Calder visited the docks on Tuesday.",
             "Traffic on the coast road was diverted for several hours.",
             "Insurance assessors are expected later this week.",
             "A nearby bakery gave coffee to the firefighters.",
             "The fishing fleet left port as usual before dawn.",
             "Customs officers moved their office to the ferry terminal.",
             "Two cranes were damaged by the heat.", "The cause is not yet known.", detail]
    analysis = analyse(nlp, [_article("Calder Post", " ".join(calder)),
                             _article("Bay Herald", " ".join(bay)),
                             _article("Coast Wire", " ".join(coast))])
    core = [(line.text, len(line.citations)) for line in analysis.summary
            if line.status == "corroborated"]
    assert core == [(calder[0], 2), (detail, 3)]
