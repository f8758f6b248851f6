"""Story quotes: one quote across outlets whatever their cut, wording or attribution."""

from __future__ import annotations

import pytest

from storylens.compare.quotes import (UNATTRIBUTED, disputed_speakers, names_speaker,
                                      quote_differences, quotes_by_speaker, says_something,
                                      source_words, story_quotes, verbatim_alike, withheld)
from storylens.compare.speakers import unify_speakers
from storylens.ingest import read
from storylens.model import AnnotatedArticle, Article, Quote, QuoteCarrier, Span, StoryQuote
from storylens.understand.base import annotate, load_pipeline

RIVER_POST = Article("a", (
    "Ana Torres, the mayor of Millbrook, visited the flooded district on Monday.\n\n"
    "“We will rebuild every school before winter, and no family will be left without "
    "shelter,” Torres said at the town hall.\n\n"
    "“The river has flooded this town for the last time,” Torres said."), outlet="River Post")
VALLEY_NEWS = Article("b", (
    "The mayor of Millbrook, Ana Torres, toured the district on Monday.\n\n"
    "Torres promised that “no family will be left without shelter.”\n\n"
    "“Our budget for repairs is already stretched thin,” Torres said."), outlet="Valley News")
STATE_WIRE = Article("c", (
    "Millbrook began clearing mud on Monday.\n\n"
    "Governor Mark Ellis said no family would be left without shelter."), outlet="State Wire")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def flood(nlp):
    articles = list(annotate([RIVER_POST, VALLEY_NEWS, STATE_WIRE], nlp))
    return articles, story_quotes(articles, unify_speakers(articles))


def quote_holding(quotes, words: str):
    [found] = [q for q in quotes if words in q.text]
    return found


def test_cut_and_reported_wordings_are_one_quote_with_the_fullest_text(flood):
    _, quotes = flood
    shelter = quote_holding(quotes, "left without shelter")
    assert shelter.text.startswith("“We will rebuild every school before winter")
    assert [c.article_id for c in shelter.carriers] == ["a", "b", "c"]
    assert {c.kind for c in shelter.carriers} == {"direct", "mixed", "indirect"}
    assert [c.outlet for c in shelter.carriers] == ["River Post", "Valley News", "State Wire"]
    # the words reporting it in each
    assert [c.cue for c in shelter.carriers] == ["said", "promised", "said"]
    text = {a.id: a.text for a in (RIVER_POST, VALLEY_NEWS, STATE_WIRE)}
    assert "no family would be left" in text["c"][shelter.carriers[2].start:shelter.carriers[2].end]


def test_a_quote_credited_to_two_people_shows_both(flood):
    _, quotes = flood
    shelter = quote_holding(quotes, "left without shelter")
    assert "Torres" in shelter.speaker  # two outlets of three credit the mayor
    assert len(shelter.speakers) == 2 and "Mark Ellis" in shelter.speakers


def test_a_paraphrase_credited_to_someone_else_is_no_dispute(flood):
    # The governor's like promise, reported in other words, is not the mayor's quote
    # credited to him.
    _, quotes = flood
    assert disputed_speakers(quote_holding(quotes, "left without shelter")) == ()


def test_paraphrases_sharing_words_are_two_claims_of_two_speakers(nlp):
    """The police's figure and the governor's proposal both speak of background checks
    on gun buyers with mental health problems: reported in words of the outlets, by
    two speakers, they are two claims, not one quote credited to two people."""
    police = Article("b", (
        "The state police published new figures on Monday.\n\nThe state police reported "
        "that they had rejected 1,669 potential gun buyers because a background check found "
        "a mental health adjudication, about 1.4% of the background checks they ran."),
        outlet="Valley News")
    governor = Article("c", (
        "Governor Mark Ellis spoke on Monday.\n\nEllis urged lawmakers to expand background "
        "checks for potential gun buyers, especially ones with mental health problems."),
        outlet="State Wire")
    articles = list(annotate([police, governor], nlp))
    quotes = story_quotes(articles, unify_speakers(articles))
    figure = quote_holding(quotes, "1,669")
    assert [c.article_id for c in figure.carriers] == ["b"]
    assert figure.speakers == ("state police",)
    proposal = quote_holding(quotes, "to expand background checks")
    assert proposal.speakers == ("Mark Ellis",)


def test_an_unnamed_sources_reported_speech_is_not_credited_to_a_named_one(nlp):
    """A port spokesman and the governor both say the harbour reopens on Thursday:
    the spokesman's words are not the governor's, however alike."""
    port = Article("b", (
        "The port was closed on Monday.\n\nA spokesman for the port authority said that "
        "the harbour would reopen to cargo ships on Thursday once the repairs were done."),
        outlet="Valley News")
    governor = Article("c", (
        "Repairs began on Monday.\n\nGovernor Mark Ellis said that the harbour would "
        "reopen to cargo ships on Thursday."), outlet="State Wire")
    articles = list(annotate([port, governor], nlp))
    quotes = story_quotes(articles, unify_speakers(articles))
    assert sorted((q.speaker or "", [c.article_id for c in q.carriers]) for q in quotes) == [
        ("", ["b"]), ("Mark Ellis", ["c"])]


def test_two_quotations_of_the_same_words_in_another_order_are_two_quotes(nlp):
    roe = Article("a", (
        "Ann Roe runs the mayor's campaign.\n\n“For Mayor Lee to win the east side, "
        "she's going to have to carry the port wards by a huge margin,” said Ann Roe, a "
        "campaign adviser."), outlet="River Post")
    diaz = Article("b", (
        "Bo Diaz runs the rival campaign.\n\n“It's going to be a big win for Mayor "
        "Lee,” said Bo Diaz, the rival campaign's political director."), outlet="Valley News")
    articles = list(annotate([roe, diaz], nlp))
    quotes = story_quotes(articles, unify_speakers(articles))
    assert sorted(q.speakers for q in quotes) == [("Ann Roe",), ("Bo Diaz",)]
    assert not any(disputed_speakers(q) for q in quotes)


@pytest.mark.parametrize("first, second, alike", [
    # a stock phrase two people use is no quote credited to both
    ("“a great day for Portvale.”", "“While it is a relief for the mayor, it is also a "
     "great day for the people of Portvale,”", False),
    ("“We will rebuild every pier.”", "“We will rebuild every pier before winter,”", True),
    ("“Every pier will be rebuilt by us.”", "“We will rebuild every pier,”", False),
])
def test_quotes_alike_word_for_word(first, second, alike):
    assert verbatim_alike(first, second) is alike


def test_outlets_crediting_one_quote_to_two_people_disagree():
    quote = carried(("a", "Post", "Ann Lee"), ("b", "Times", "Tom Ray"),
                    ("c", "Wire", "Ann Lee"))
    assert disputed_speakers(quote) == ("Ann Lee", "Tom Ray")


def carried(*carriers: tuple[str, str, str | None]) -> StoryQuote:
    """A story quote carried by (article, outlet, speaker) triples."""
    speakers = tuple(dict.fromkeys(s for _, _, s in carriers if s))
    return StoryQuote("q1", speakers[0] if speakers else None, "“…”", tuple(
        QuoteCarrier(article, outlet, 0, 5, "direct", speaker)
        for article, outlet, speaker in carriers), speakers)


@pytest.mark.parametrize("carriers", [
    # One article: a quote nested in another speaker's quote.
    [("a", "Post", "Randy Forbes"), ("a", "Post", "Barack Obama")],
    # Two forms of one name.
    [("a", "Post", "Tim Murray"), ("b", "Times", "Timothy P. Murray")],
    # An outlet that names no one, and one that also names the other's speaker.
    [("a", "Post", "Ann Lee"), ("b", "Times", None),
     ("c", "Wire", "Ann Lee"), ("c", "Wire", "Tom Ray")],
])
def test_no_dispute_without_two_outlets_naming_different_people(carriers):
    assert disputed_speakers(carried(*carriers)) == ()


def test_a_post_reporting_the_speaker_is_no_dispute():
    # One outlet carries the words as a post (its author's, "direct") and as what the
    # post reports the speaker said ("indirect"): it credits the speaker too.
    quote = carried(("a", "Post", "Ann Lee"), ("b", "Blog", "Dan Osei"))
    reported = QuoteCarrier("b", "Blog", 0, 5, "indirect", "Ann Lee")
    quote = StoryQuote(quote.id, quote.speaker, quote.text, (*quote.carriers, reported),
                       quote.speakers)
    assert disputed_speakers(quote) == ()


def test_different_quotes_of_one_speaker_stay_apart(flood):
    _, quotes = flood
    river = quote_holding(quotes, "river has flooded")
    budget = quote_holding(quotes, "budget for repairs")
    assert river is not budget
    assert len(river.carriers) == len(budget.carriers) == 1
    assert "Torres" in river.speaker and "Torres" in budget.speaker


def test_ids_follow_first_appearance_and_the_order_speaker_prominence(flood):
    articles, quotes = flood
    assert sorted(q.id for q in quotes) == ["q1", "q2", "q3"]
    assert quote_holding(quotes, "left without shelter").id == "q1"
    assert [q.id for q in quotes] == ["q1", "q2", "q3"]  # all the mayor's, by position
    assert story_quotes(articles, unify_speakers(articles)) == quotes  # deterministic


def test_beliefs_acts_and_fragments_are_not_quotes(nlp):
    [article] = annotate([Article("d", (
        "The ministry wants to finish the bridge by spring.\n\n"
        "Over eight years the minister carved a forceful but controversial path through "
        "the cabinet.\n\n"
        "Asked about the delay, the contractor said nothing.\n\n"
        "“The bridge will open in April,” said Lena Park, the transport minister.")),
    ], nlp)
    quotes = story_quotes([article], unify_speakers([article]))
    assert [q.text for q in quotes] == ["“The bridge will open in April,”"]
    # nor are they in the table of who said what, nor is the topic of a question
    assert [(speaker, quote.kind) for speaker, said in quotes_by_speaker([article])
            for _, quote in said] == [("Lena Park", "direct")]


@pytest.mark.parametrize("text, content, said", [
    # a store annotated before media were left out of contents still holds them
    ("Ana Ruiz wrote on social network Twitter.", "social network Twitter", False),
    ("Ana Ruiz said on television that the port would reopen.", "television", False),
    ("Ana Ruiz said the port would reopen on Friday.", "the port would reopen on Friday",
     True),
])
def test_the_medium_something_was_said_on_says_nothing(text, content, said):
    start = text.index(content)
    quote = Quote(Span(start, start + len(content)), "indirect", source=Span(0, 8))
    assert says_something(quote, text) is said


def test_they_goes_on_quoting_the_group_described_just_before(nlp):
    """A group the text names no one in ("Investigators") goes on speaking as "they";
    a named speaker between ends the run, and a singular is no "they"."""
    [article] = annotate([Article("g", (
        "Investigators revealed on Thursday that the gunman had bought the rifle "
        "legally. They also said that he had been expelled from the school last year. "
        "They added that his mother had warned the police.\n\n"
        "Lena Park, the transport minister, said the school would reopen in May. They "
        "said the buses would run again on Monday.\n\n"
        "A spokesman for the council said the harbour would close. They said the ferries "
        "would stop."))], nlp)
    labels = {quote.content.start: speaker for speaker, said in quotes_by_speaker([article])
              for _, quote in said}
    text = article.article.text
    assert [labels[text.index(words)] for words in (
        "that the gunman", "that he had been expelled", "that his mother",
        "the buses would run", "the ferries would")] == ["“Investigators”"] * 3 + [
        UNATTRIBUTED] * 2


def test_word_differences_of_a_cut():
    assert quote_differences("We will rebuild every school before winter",
                             "we will rebuild schools before winter.") == [
        ("same", "We will rebuild"), ("omitted", "every school"), ("added", "schools"),
        ("same", "before winter")]
    assert quote_differences("no family will be left", "No family will be left") == [
        ("same", "no family will be left")]
    assert quote_differences("a b c", "b") == [("omitted", "a"), ("same", "b"),
                                                ("omitted", "c")]


@pytest.fixture(scope="module")
def seed_quotes(seeds, nlp):
    articles = list(annotate([a for a in read([str(seeds)]) if isinstance(a, Article)], nlp))
    return articles, story_quotes(articles, unify_speakers(articles))


def test_seed_stoltenberg_quote_carried_by_two_outlets(seed_quotes):
    articles, quotes = seed_quotes
    text = {a.article.id: a.article.text for a in articles}
    [doubling] = [q for q in quotes if any(
        "double" in text[c.article_id][c.start:c.end] for c in q.carriers)]
    assert doubling.speaker == "Jens Stoltenberg"
    assert len({c.article_id for c in doubling.carriers}) == 2
    wordings = [text[c.article_id][c.start:c.end] for c in doubling.carriers]
    assert any("military spending" in w for w in wordings)
    assert any("defense spending" in w for w in wordings)


def test_seed_mao_ning_quotes_under_her_name(seed_quotes):
    _, quotes = seed_quotes
    for words in ("On one hand, NATO claims", "On the other hand, it continues",
                  "NATO should seriously consider"):
        quote = quote_holding(quotes, words)
        assert quote.speaker == "Mao Ning" and quote.speakers == ("Mao Ning",)
    assert not any("Mao Ning" in q.speakers for q in quotes
                   if "Stoltenberg" in (q.speaker or ""))


@pytest.mark.parametrize("sentence, cue, expected", [
    ("He refused to say the words “radical Islam” in his remarks.", "refused", True),
    ("The minister declined to discuss the talks.", "declined", True),
    ("She did not mention the deal.", "mention", True),
    ("He wouldn't say whether the plant would close.", "say", True),
    ("He not only said the plant would close but also named the date.", "said", False),
    ("The mayor said the plant would close.", "said", False),
])
def test_what_a_source_withheld_is_not_what_it_said(sentence, cue, expected):
    at = sentence.index(cue)
    content = sentence.index(" ", at + len(cue)) + 1
    quote = Quote(Span(content, len(sentence) - 1), "indirect", cue=Span(at, at + len(cue)))
    assert withheld(quote, sentence) is expected


@pytest.mark.parametrize("typed, speaker, named", [
    ("stoltenberg", "Jens Stoltenberg", True),
    ("Jens Stoltenberg", "Jens Stoltenberg", True),
    ("calderon", "Felipe Calderón", True),
    ("Anna Brenner", "Tomasz Brenner", False),
    ("Stolten", "Jens Stoltenberg", False),
    ("", "Jens Stoltenberg", False),
    ("trump", "“senior members of the Trump administration”", False),
    ("unattributed", UNATTRIBUTED, False),
])
def test_a_typed_name_stands_for_a_speaker_by_whole_words(typed, speaker, named):
    assert names_speaker(typed, speaker) is named


@pytest.mark.parametrize("source, words", [
    ("a senior official", "a senior official"), ("Few", None), ("All of them", None),
    ("what we know", None), ("nothing", None), ("he", None), ("27%", None),
    ("No one", None), ("everybody", None)])
def test_the_words_of_an_unresolved_source_describe_someone_or_nothing(source, words):
    text = f"{source} said the pier would close."
    quote = Quote(Span(len(source) + 6, len(text) - 1), "indirect",
                  source=Span(0, len(source)))
    assert source_words(AnnotatedArticle(Article("t", text)), quote) == words


def test_a_colon_or_dash_standing_for_the_verb_is_no_reporting_word():
    """"Torres: district will be rebuilt by spring" reports her words with a colon;
    the brief shows no "(:)" before them."""
    text = "Torres: district will be rebuilt by spring\n\nTorres said crews start today."
    colon, content = text.index(":"), text.index("district")
    annotated = AnnotatedArticle(Article("t", text, outlet="Harbour Post"), quotes=(
        Quote(Span(content, text.index("\n")), "indirect", cue=Span(colon, colon + 1),
              source=Span(0, 6), speaker="Ana Torres"),))
    [quote] = story_quotes([annotated], {})
    assert [c.cue for c in quote.carriers] == [None]
