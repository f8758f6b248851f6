"""Attribution extraction: quote-mark pairing, each attribution shape, the seeds."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from storylens.ingest import read
from storylens.model import QUOTE_KINDS, Article
from storylens.understand import load_pipeline
from storylens.understand.base import annotate_doc
from storylens.understand.quotes import block_quotes, consensus, extract_quotes, reporting
from storylens.understand.quotes.features import (Candidate, Sentences,
                                                  content_candidates, joint_speakers,
                                                  source_range)
from storylens.understand.quotes.linear import LinearModel
from storylens.understand.quotes.marks import QuoteIndex, quote_regions


#: A vocabulary with English word attributes ("Asked".lower_), for hand-built parses.
ENGLISH = spacy.blank("en")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def regions(text: str) -> list[str]:
    return [text[start:end] for start, end in quote_regions(text)]


def attributions(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """(content, source, kind) of every attribution found in `text`."""
    doc = nlp(text)
    found = []
    for quote in extract_quotes(doc):
        assert quote.kind in QUOTE_KINDS and quote.speaker is None
        assert 0 <= quote.content.start < quote.content.end <= len(text)
        source = text[quote.source.start:quote.source.end] if quote.source else None
        found.append((text[quote.content.start:quote.content.end], source, quote.kind))
    return found


def source_of(found, words: str) -> str | None:
    """The source of the tightest attribution whose content holds `words`."""
    holders = sorted((len(content), source) for content, source, _ in found
                     if words in content)
    assert holders, f"no attribution holds {words!r}: {found}"
    return holders[0][1]


# --- quote marks --------------------------------------------------------------------

def test_curly_and_straight_marks_pair():
    assert regions('He said "yes, we can," and left.') == ['"yes, we can,"']
    assert regions("A “one,” he said. “Two.”") == ["“one,”", "“Two.”"]
    assert regions("''I don't,'' he said.") == ["''I don't,''"]
    # a quote closed with two single marks, as some copy does
    assert regions("“We rebuild,’’ Lee said. ‘‘Now.’’") == ["“We rebuild,’’", "‘‘Now.’’"]


def test_quote_running_over_paragraphs_is_one_region():
    text = "“First paragraph, no closing mark.\n\n“Second paragraph,” she said."
    assert regions(text) == [text[:text.index(" she")]]


def test_nested_quote_folds_into_the_outer_one():
    assert regions("“Your plan says ‘a serious concern.’ We agree.”") == [
        "“Your plan says ‘a serious concern.’ We agree.”"]


def test_apostrophes_are_not_quote_marks():
    assert regions("It’s the party’s view, and Don’t Tread was its motto.") == []
    assert regions("Voters say it’s ‘in their heads.’ Really.") == ["‘in their heads.’"]


def test_unbalanced_marks_degrade_to_the_paragraph_edge():
    assert regions("He said “this never closes.\nNext line.") == ["“this never closes."]
    assert regions("no opener here,” she said.") == ["no opener here,”"]


def test_a_mark_curled_the_wrong_way_is_read_by_its_place():
    assert regions("“That was not a good friendship,“ Lee said. He left.") == [
        "“That was not a good friendship,“"]
    assert regions("He called it ”a farce” and left.") == ["”a farce”"]


def test_plural_possessive_apostrophe_opens_no_quote():
    assert regions("The editorial boards’ disdain for him is plain.") == []
    assert regions("The workers’ union said ‘no deal.’") == ["‘no deal.’"]


# --- the learned decisions ----------------------------------------------------------

def test_dense_weights_are_learned_and_survive_the_json_round_trip():
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [-1.0, 0.0], [-0.8, 0.2]] * 5)
    examples = [(["shared"], int(v[0] > 0)) for v in vectors]
    model = LinearModel.train(examples, vectors=vectors, steps=200, min_count=1)
    assert model.score(["shared"], vectors[0]) > model.score(["shared"], vectors[2])
    loaded = LinearModel.from_json(model.to_json())
    assert loaded.score(["shared"], vectors[0]) == pytest.approx(
        model.score(["shared"], vectors[0]), abs=1e-2)
    assert LinearModel({"shared": 1.0}).score(["shared"], vectors[0]) == 1.0


def test_ranking_weighs_only_what_tells_rivals_apart():
    # each group: one right candidate among three; "shared" is on all of them
    groups, examples = [], []
    for _ in range(10):
        groups.append(len(examples))
        examples += [(["shared", "good"], 1), (["shared", "bad"], 0),
                     (["shared", "worse"], 0)]
    ranker = LinearModel.train(examples, groups=groups, steps=200, min_count=1)
    pointwise = LinearModel.train(examples, steps=200, min_count=1)
    assert ranker.score(["good"]) > ranker.score(["bad"])
    assert ranker.score(["good"]) > ranker.score(["worse"])
    assert abs(ranker.weights.get("shared", 0.0)) < 1e-3  # no rival lacks it
    assert pointwise.weights["shared"] < -0.1  # a per-candidate loss still weighs it


def candidate(start: int, end: int) -> Candidate:
    return Candidate(start, end, [])


def test_consensus_takes_the_span_two_likely_rivals_agree_on():
    alone, clause, longer = candidate(0, 10), candidate(20, 40), candidate(20, 44)
    # the top-scored span is less likely than the two that overlap each other
    chosen, chance = consensus([alone, clause, longer], [1.0, 0.9, 0.9])
    assert chosen in (clause, longer) and 0.6 < chance < 0.7
    # a clear favourite stands
    assert consensus([alone, clause, longer], [5.0, 0.9, 0.9])[0] is alone
    # both rivals overlap the top one: no reason to move from it
    assert consensus([candidate(20, 42), clause, longer], [1.0, 0.9, 0.9])[0].end == 42


@pytest.mark.parametrize("text, cue, core", [
    ("Senator Lee acknowledged the reality of climate change, which makes him an "
     "outlier in his party.", "acknowledged", "the reality of climate change"),
    ("The governor said he would order a review of the budget and warned against new "
     "taxes.", "said", "he would order a review of the budget"),
    ("Police said that Crutcher had his hands in the air, contradicting the earlier "
     "claim.", "said", "that Crutcher had his hands in the air"),
])
def test_content_candidates_stop_before_an_addition(nlp, text, cue, core):
    doc = nlp(text)
    token = next(t for t in doc if t.text == cue)
    spans = {text[c.start:c.end]
             for c in content_candidates(token, QuoteIndex(text), Sentences(doc))}
    assert core in spans
    assert any(len(span) > len(core) + 10 and span.startswith(core) for span in spans)


@pytest.mark.parametrize("text, cue, content", [
    # the cue's arguments without the adjunct that follows them
    ("Clinton attacked her opponent as a fraud during the first debate on Monday.",
     "attacked", "her opponent as a fraud"),
    # what a stance named by the cue's object or adjective is about
    ("Graham has been critical of Trump since the primaries.", "been", "Trump"),
    ("Younger voters have expressed misgivings about Mrs. Clinton.", "expressed",
     "Mrs. Clinton"),
    # the clause around a parenthetical tag, without the addition set off after it
    ("The latest test, North Korea said, was its biggest yet, although it may take "
     "days to tell how strong it was.", "said",
     "The latest test, North Korea said, was its biggest yet"),
])
def test_content_candidates_of_stances_and_adjuncts(nlp, text, cue, content):
    doc = nlp(text)
    token = next(t for t in doc if t.text == cue)
    assert content in {text[c.start:c.end] for c in
                       content_candidates(token, QuoteIndex(text), Sentences(doc))}


def test_span_edges_carry_the_parser_token_vectors(nlp):
    doc = nlp("The mayor said the bridge would reopen in May.")
    start, end = doc[3].idx, doc[8].idx + len(doc[8])  # "the bridge ... May"
    vector = Sentences(doc).edge_vector(start, end)
    tensor = doc.tensor
    assert vector.dtype == tensor.dtype
    assert np.allclose(vector, np.concatenate((tensor[3], tensor[8], tensor[2],
                                               tensor[9], tensor[3:9].mean(axis=0))),
                       rtol=1e-5, atol=1e-6)
    doc.tensor = np.empty((0, 0), dtype="float32")  # as a DocBin-restored doc
    assert Sentences(doc).edge_vector(start, end) is None
    assert any("reopen" in doc.text[q.content.start:q.content.end]
               for q in extract_quotes(doc))  # the strings alone still decide


# --- attribution shapes -------------------------------------------------------------

def test_direct_quote_with_trailing_tag(nlp):
    found = attributions(nlp, '"We will win this election," the senator said on Monday.')
    assert [(c, s, k) for c, s, k in found if "win" in c] == [
        ('"We will win this election,"', "the senator", "direct")]


def test_indirect_speech_with_that_clause(nlp):
    found = attributions(nlp, "The finance minister said that taxes would rise next year.")
    content, source, kind = next(a for a in found if "taxes" in a[0])
    assert source == "The finance minister" and kind == "indirect"
    assert content.endswith("taxes would rise next year")


def test_paraphrase_holding_a_partial_quote_is_mixed(nlp):
    found = attributions(nlp, 'The mayor said the plan was "a disaster for the city".')
    assert [(s, k) for c, s, k in found if "disaster" in c] == [("The mayor", "mixed")]


def test_attributed_belief(nlp):
    found = attributions(nlp, "Most economists believe the recession will end soon.")
    assert [(s, k) for c, s, k in found if "recession" in c] == [
        ("Most economists", "belief")]


@pytest.mark.parametrize("text, words, kind", [
    # words reported, whatever the verb's inflection or its tone
    ("The governor argues that the tax cut will pay for itself.", "tax cut", "indirect"),
    ("Critics lambasted the ruling as a gift to polluters.", "gift to polluters",
     "indirect"),
    ("The senator made clear that she would oppose the nomination.", "oppose",
     "indirect"),
    ("The agency issued a warning that the river would flood by Friday.", "flood",
     "indirect"),
    # a belief, a stance or an act of the subject, not words it said
    ("The governor believes that the tax cut will pay for itself.", "tax cut", "belief"),
    ("Over eight years Obama carved a forceful but controversial path as president.",
     "forceful", "belief"),
    ("The senator voted to repeal the law that expanded health coverage.", "repeal",
     "belief"),
    ("The senator opposed calls for a higher minimum wage.", "minimum wage", "belief"),
    ("For Mrs. Clinton, it became clear on Tuesday night that her political career had "
     "likely ended with a dramatic thud.", "political career", "belief"),
])
def test_kind_tells_reported_words_from_beliefs_and_acts(nlp, text, words, kind):
    assert [k for c, _, k in attributions(nlp, text) if words in c] == [kind]


@pytest.mark.parametrize("forms, lexeme", [
    ("argue argues argued arguing", "argu"), ("deny denies denied denying", "deni"),
    ("admit admits admitted admitting", "admit"), ("say says saying said", "say"),
    ("tell tells told", "tel"), ("stress stresses stressed stressing", "stres"),
    ("find finds finding findings found", "find"), ("warn warning warnings", "warn"),
    ("press pressed presses", "pres"),
])
def test_inflections_share_a_lexeme(forms, lexeme):
    assert {reporting.lexeme(form) for form in forms.split()} == {lexeme}


@pytest.mark.parametrize("text", [
    "The port authority's director on Monday praised the city's plan to dredge the harbour.",
    "The port authority's director Monday said the city would dredge the harbour.",
])
def test_time_of_speaking_is_not_part_of_the_source(nlp, text):
    assert source_of(attributions(nlp, text), "dredge") == "The port authority's director"


def test_according_to_names_the_source(nlp):
    found = attributions(nlp, "Exports fell by a third last year, according to the "
                              "trade ministry.")
    assert source_of(found, "Exports fell") == "the trade ministry"


@pytest.mark.parametrize("text, words, source", [
    # a participle cue hangs on a preposition: the speaker is the verb's subject
    ("The mayor refused to discuss the budget, aside from saying that taxes would "
     "not rise.", "taxes would not rise", "The mayor"),
    # a participle cue describing a noun: the noun is the source (PolNeAR's reading)
    ("Protesters carried a sign saying that the mayor must resign.", "mayor must resign",
     "a sign"),
    # a conjunct the parse hangs on the reported clause belongs to the speaker's verb
    ("Ann Lee said that the plant would close in May and warned that hundreds of jobs "
     "would go.", "hundreds of jobs", "Ann Lee"),
    ("The minister said the army would withdraw by Friday and suggested that talks "
     "could resume.", "talks could resume", "The minister"),
    ("Vogel said it \"shouldn't take forever\" for Calder to deliver formal "
     "notice that it wants to leave the Harbour League but made clear that the "
     "matter was in Calder's hands.", "matter was in Calder", "Vogel"),
    # a time the parse takes for the subject, the speaker its apposition
    ("Many lawmakers held back.\n\nLate Monday, an influential group of freshmen "
     "Democrats who served in the navy before winning office said Vale's actions cut to "
     "the core of the port's defenses.", "actions cut to the core",
     "an influential group of freshmen Democrats who served in the navy before winning "
     "office"),
    ("At 10:25 p.m. ET, the campaign lifted the embargo, and news outlets began "
     "reporting the statement.\n\nAt 12:11 a.m. ET, Clarke's re-election campaign put out "
     "a statement, accusing Hollis of taking a political swipe during the crisis.",
     "Hollis of taking", "Clarke's re-election campaign"),
    # a closer typed as an opener must not cut the tag from its subject
    ("Millis told reporters that aides could not \u201dget close to him.\u201d",
     "get close", "Millis"),
    # two people speaking together are one source
    ("Mayor Ines Duarte and council leader Tomas Berg said the wall would be rebuilt.",
     "wall would be rebuilt", "Mayor Ines Duarte and council leader Tomas Berg"),
    # an aside between the speaker and the cue, which the parse tears apart
    ("At that March 2 event, which can be found here on You Tube, Blumenthal, "
     "advocating for troops returning from war, clearly says, \"We have learned "
     "something very important since the days that I served in Vietnam.\"",
     "We have learned", "Blumenthal"),
    # the verb the parse hangs on the last noun of a relative clause set off before it
    ("Nevada Sen. Dana Lee, who leads the Greens’ 2026 campaign efforts, scolded Trump "
     "on Twitter for failing to directly call out the “greed” as “corruption” and "
     "“theft.”", "for failing", "Nevada Sen. Dana Lee"),
])
def test_source_read_off_the_parse(nlp, text, words, source):
    assert source_of(attributions(nlp, text), words) == source


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]):
    """A doc holding a given parse: the misparses these rules are for, fixed."""
    pos = {"NNP": "PROPN", "NN": "NOUN", "PRP": "PRON", "DT": "DET", "VBD": "VERB",
           "WRB": "ADV", "IN": "SCONJ", ",": "PUNCT", ".": "PUNCT", "``": "PUNCT",
           "''": "PUNCT", "NNS": "NOUN", "MD": "AUX", "VB": "VERB", "VBN": "VERB", "CC": "CCONJ",
           "JJ": "ADJ", "VBG": "VERB"}
    spaces = [w != "“" and nxt not in (",", ".", "”", "")
              for w, nxt in zip(words, words[1:] + [""])]
    return Doc(ENGLISH.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags,
               pos=[pos[t] for t in tags])


def test_speakers_named_together_need_a_conjunction():
    # "Lee and Park said": two speakers; a parse that makes the affiliation after a
    # name its conjunct ("Professor Ian Vale of the School said") names one
    together = parsed(["Lee", "and", "Park", "said", "."], [3, 0, 0, 3, 3],
                      ["nsubj", "cc", "conj", "ROOT", "punct"], ["NNP", "CC", "NNP", "VBD", "."])
    assert [t.text for t in joint_speakers(together[0])] == ["Park"]
    listed = parsed(["Lee", ",", "Park", "and", "Cole", "said", "."], [5, 0, 0, 2, 2, 5, 5],
                    ["nsubj", "punct", "conj", "cc", "conj", "ROOT", "punct"],
                    ["NNP", ",", "NNP", "CC", "NNP", "VBD", "."])
    assert [t.text for t in joint_speakers(listed[0])] == ["Park"]
    affiliated = parsed(["Ian", "Vale", "of", "the", "School", "said", "."],
                        [1, 5, 1, 4, 1, 5, 5],
                        ["compound", "nsubj", "prep", "det", "conj", "ROOT", "punct"],
                        ["NNP", "NNP", "IN", "DT", "NNP", "VBD", "."])
    assert joint_speakers(affiliated[1]) == []


def test_of_several_subjects_the_nearest_speaks():
    # a heading run into the sentence becomes a second subject of "said"
    doc = parsed(["THE", "BORROWING", "When", "he", "wrote", ",", "Mr.", "Lee", "said",
                  "that", "he", "left", "."],
                 [1, 8, 4, 4, 8, 8, 7, 8, 8, 11, 11, 8, 8],
                 ["det", "nsubj", "advmod", "nsubj", "advcl", "punct", "compound", "nsubj",
                  "ROOT", "mark", "nsubj", "ccomp", "punct"],
                 ["DT", "NN", "WRB", "PRP", "VBD", ",", "NNP", "NNP", "VBD", "IN", "PRP",
                  "VBD", "."])
    start, end = source_range(doc[8], QuoteIndex(doc.text))
    assert doc.text[start:end] == "Mr. Lee"


def test_speaker_after_a_tag_parsed_as_its_object():
    doc = parsed(["“", "We", "lost", ",", "”", "recalled", "Mr.", "Lee", "."],
                 [2, 2, 5, 2, 5, 5, 7, 5, 5],
                 ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound", "dobj",
                  "punct"],
                 ["``", "PRP", "VBD", ",", "''", "VBD", "NNP", "NNP", "."])
    start, end = source_range(doc[5], QuoteIndex(doc.text))
    assert doc.text[start:end] == "Mr. Lee"


def test_speaker_after_a_tag_closing_its_unquoted_clause():
    doc = parsed(["Rates", "will", "rise", ",", "warned", "the", "bank", "."],
                 [2, 2, 4, 4, 4, 6, 4, 4],
                 ["nsubj", "aux", "ccomp", "punct", "ROOT", "det", "dobj", "punct"],
                 ["NNS", "MD", "VB", ",", "VBD", "DT", "NN", "."])
    start, end = source_range(doc[4], QuoteIndex(doc.text))
    assert doc.text[start:end] == "the bank"
    # without the comma the object is what the verb acts on, not who speaks
    doc = parsed(["They", "left", "and", "warned", "the", "bank", "."],
                 [1, 1, 1, 1, 5, 3, 1],
                 ["nsubj", "ROOT", "cc", "conj", "det", "dobj", "punct"],
                 ["PRP", "VBD", "CC", "VBD", "DT", "NN", "."])
    start, end = source_range(doc[3], QuoteIndex(doc.text))
    assert doc.text[start:end] == "They"


def test_speaker_after_the_tag_is_not_its_content(nlp):
    found = attributions(nlp, "Global trade is at risk, warned the secretary general. "
                              "Union Secretary-General Peter Hansen spoke in Geneva.")
    assert ("Global trade is at risk", "the secretary general", "indirect") in found
    assert all(content.strip(".") != source for content, source, _ in found)


def test_speaker_before_a_subjectless_tag_is_not_its_content(nlp):
    """The parse makes "Corvane Logistics, fire chief Tomasz Brenner" one phrase, so
    "said" has no subject: what it reports still ends before the speaker's role."""
    found = attributions(nlp, "The blaze started shortly after 6 p.m. in a storage "
                              "building operated by Corvane Logistics, fire chief Tomasz "
                              "Brenner said.")
    assert found == [("The blaze started shortly after 6 p.m. in a storage building "
                      "operated by Corvane Logistics", "Tomasz Brenner", "indirect")]


def test_speaker_after_a_tag_parsed_as_a_conjunct():
    # "warned" joined to "rise" as its conjunct: the subject of "rise" is no speaker
    doc = parsed(["Rates", "will", "rise", ",", "warned", "the", "bank", "."],
                 [2, 2, 2, 2, 2, 6, 4, 2],
                 ["nsubj", "aux", "ROOT", "punct", "conj", "det", "dobj", "punct"],
                 ["NNS", "MD", "VB", ",", "VBD", "DT", "NN", "."])
    start, end = source_range(doc[4], QuoteIndex(doc.text))
    assert doc.text[start:end] == "the bank"
    # a bare object is what the verb acts on ("…, cited derogatory comments.")
    doc = parsed(["Rates", "will", "rise", ",", "cited", "comments", "."],
                 [2, 2, 2, 2, 2, 4, 2],
                 ["nsubj", "aux", "ROOT", "punct", "conj", "dobj", "punct"],
                 ["NNS", "MD", "VB", ",", "VBD", "NNS", "."])
    start, end = source_range(doc[4], QuoteIndex(doc.text))
    assert doc.text[start:end] == "Rates"


@pytest.mark.parametrize("tag", ["VBN", "VBD"])  # the tagger may call it a past tense
def test_who_was_asked_is_not_the_source_of_the_question(nlp, tag):
    """"Asked about the plan, Lee said …": a clause with no subject of its own is a
    passive asking, whichever tag the participle gets; Lee was asked, the asker is
    unnamed."""
    doc = parsed(["Asked", "about", "the", "plan", ",", "Lee", "said", "it", "failed", "."],
                 [6, 0, 3, 1, 6, 6, 6, 8, 6, 6],
                 ["advcl", "prep", "det", "pobj", "punct", "nsubj", "ROOT", "nsubj",
                  "ccomp", "punct"],
                 [tag, "IN", "DT", "NN", ",", "NNP", "VBD", "PRP", "VBD", "."])
    assert source_range(doc[0], QuoteIndex(doc.text)) is None
    start, end = source_range(doc[6], QuoteIndex(doc.text))
    assert doc.text[start:end] == "Lee"
    found = attributions(nlp, "Torres was asked by a reporter whether the pier would reopen.")
    assert source_of(found, "whether the pier would reopen") == "a reporter"


@pytest.mark.parametrize("modifier, tag, dep, source", [
    ("public", "JJ", "amod", "public"),      # an adjective naming a group holds it
    ("union", "NN", "compound", "union"),    # so does a noun before it
    ("fierce", "JJ", "amod", None),          # a mere description holds nothing
])
def test_noun_cue_source_is_its_holder_not_the_subject_of_its_verb(modifier, tag, dep,
                                                                    source):
    # "anger" is the object of "fuelled": the rising costs hold no anger
    doc = parsed(["Rising", "costs", "fuelled", modifier, "anger", "over", "tolls", "."],
                 [1, 2, 2, 4, 2, 4, 5, 2],
                 ["amod", "nsubj", "ROOT", dep, "dobj", "prep", "pobj", "punct"],
                 ["VBG", "NNS", "VBD", tag, "NN", "IN", "NNS", "."])
    found = source_range(doc[4], QuoteIndex(doc.text))
    assert (doc.text[found[0]:found[1]] if found else None) == source


@pytest.mark.parametrize("text, words, source", [
    ("Rising fuel prices have prompted Danish calls for a new tax on airlines.",
     "a new tax on airlines", "Danish"),
    ("The scandal drew sharp union criticism of the council.", "the council", "union"),
    # a light verb's subject holds the stance its object names
    ("The senator voiced support for the bill.", "the bill", "The senator"),
])
def test_stance_noun_sources(nlp, text, words, source):
    assert source_of(attributions(nlp, text), words) == source


def test_clause_misread_as_a_noun_subject_is_no_source():
    # "report" tagged a noun, its "As" clause made the subject of "made"
    doc = parsed(["As", "reporters", "report", "from", "Denver", ",", "the", "mayor", "made",
                  "comments", "."],
                 [2, 2, 8, 2, 3, 8, 7, 8, 8, 8, 8],
                 ["mark", "nsubj", "nsubj", "prep", "pobj", "punct", "det", "appos",
                  "ROOT", "dobj", "punct"],
                 ["IN", "NNS", "NN", "IN", "NNP", ",", "DT", "NN", "VBD", "NNS", "."])
    assert source_range(doc[8], QuoteIndex(doc.text)) is None


def test_speaker_tag_inside_the_quote(nlp):
    text = '"We are ready," he said. "We have always been ready for this."'
    found = attributions(nlp, text)
    assert source_of(found, "We are ready") == "he"
    assert source_of(found, "always been ready") == "he"
    assert {kind for content, _, kind in found if "ready" in content} == {"direct"}


def test_quote_signed_with_a_dash_after_it(nlp):
    text = ("Readers told us what they thought of the debate.\n\n"
            "“He never answered a single question about jobs.” ― Maria Lopez Garcia\n\n"
            "“The most unprepared candidate I have seen.”\u00a0— Tom Reed")
    found = attributions(nlp, text)
    assert source_of(found, "single question") == "Maria Lopez Garcia"
    assert source_of(found, "unprepared candidate") == "Tom Reed"
    assert {kind for content, _, kind in found if "candidate" in content} == {"direct"}


def test_a_dash_inside_the_sentence_signs_nothing(nlp):
    found = attributions(nlp, "The plan is “bold” - Critics disagree, and so do we.")
    assert all(source != "Critics" or "bold" not in content
               for content, source, _ in found)


def test_untagged_continuation_paragraph_keeps_the_speaker(nlp):
    text = ('"The talks went well," the spokeswoman said at a briefing.\n\n'
            '"On the other hand, much remains to be done before the summit."')
    assert source_of(attributions(nlp, text), "much remains") == "the spokeswoman"


def test_quote_over_several_sentences(nlp):
    text = ('"Prices are rising. Wages are not. Families feel it every day," '
            'Ms. Lopez said.')
    found = attributions(nlp, text)
    content = next(c for c, s, _ in found if s == "Ms. Lopez")
    assert content.startswith('"Prices') and content.endswith('day,"')


def test_editorial_insertion_stays_inside_the_quote(nlp):
    text = ('"I am glad that the city is planning (a new budget) to reach the target '
            'this year," she said.')
    found = attributions(nlp, text)
    assert source_of(found, "(a new budget)") == "she"
    assert len([a for a in found if "budget" in a[0]]) == 1


def test_block_statement_after_stating_that(nlp):
    text = ("The company issued a statement on Friday stating that both plants would "
            "close by the end of the year.")
    assert source_of(attributions(nlp, text), "plants would close") is not None


def test_block_quote_after_a_colon_is_the_whole_paragraph(nlp):
    text = ("After the talks the two leaders issued a joint statement, which said:\n\n"
            "The world is at a turning point. This war is not only a European crisis "
            "but a challenge to the world order.\n\nThe leaders then left for Osaka.")
    found = attributions(nlp, text)
    block = next(a for a in found if a[0].startswith("The world"))
    assert block[0].endswith("world order.") and block[1] == "which"
    assert not any("Osaka" in content for content, _, _ in found)


def test_a_list_after_a_colon_is_no_quote(nlp):
    text = ("The warehouse held:\n\nTwo tonnes of fertiliser. Forty drums of "
            "solvent.\n\nNone of it was insured.")
    assert attributions(nlp, text) == []


def test_reported_words_run_on_over_an_ellipsis(nlp):
    text = ("The ministers issued a joint statement, stating that the world is at a "
            "turning point ... This war is not just a European crisis, but a challenge "
            "to the world order. The ministers left on Friday.")
    content = next(c for c, _, _ in attributions(nlp, text) if "turning point" in c)
    assert content.endswith("to the world order.")


def test_an_ellipsis_stops_at_an_attribution_of_its_own(nlp):
    text = "The mayor said the budget was tight ... Critics said it was fine."
    found = attributions(nlp, text)
    assert next(c for c, _, _ in found if "tight" in c).startswith("the budget")
    assert not any("tight" in c and "fine" in c for c, _, _ in found)


def test_a_date_in_apposition_does_not_cut_the_content(nlp):
    """"a Tuesday, January 31st, meeting": the commas set off the date, not a clause
    the writer added, so the pledge runs on to the meeting."""
    text = ("The two ministers have pledged to strengthen ties after a Tuesday, "
            "January 31st, meeting in Lisbon. Talks resume in May.")
    content = next(c for c, _, _ in attributions(nlp, text) if "strengthen" in c)
    assert content.rstrip(".").endswith("meeting in Lisbon")


def test_unbalanced_marks_never_drop_the_article(nlp):
    text = ('The governor said "this will never close and the sentence goes on.\n\n'
            'Another paragraph said” nothing. "Stray.')
    found = attributions(nlp, text)
    assert any("never close" in content for content, _, _ in found)


def test_empty_or_unparsed_text_has_no_attribution(nlp):
    assert attributions(nlp, "") == []
    assert extract_quotes(nlp.make_doc('"Hello," she said.')) == ()


def test_no_attribution_in_plain_narrative(nlp):
    assert attributions(nlp, "The bridge opened in 1932. It is painted red.") == []


def test_a_colon_with_no_name_before_it_attributes_nothing(nlp):
    # a web page's "Updated:" before the lead (BASIL): the lead is nobody's quote
    found = attributions(nlp, "Updated: Rick Santorum on Sunday tried to clarify his "
                              "comment that President Obama subscribed to a “phony "
                              "theology,” saying he was referring not to the president’s "
                              "faith but to his view of man’s relationship to the world.")
    assert all(not content.startswith("Rick Santorum") for content, _, _ in found)


@pytest.mark.parametrize("text, not_a_source", [
    ("All of this said, the order shows amateurism. There seems to have been no guidance "
     "from the port authority.", "There"),
    ("Vale has criticized some of the police response to the protests in Calder, while at "
     "the same time advocating enforcement against people rioting and looting.",
     "the same time"),
])
def test_an_expletive_or_a_time_is_no_source(nlp, text, not_a_source):
    assert all(source != not_a_source for _, source, _ in attributions(nlp, text))


def test_who_a_passive_report_is_about_is_no_source_but_who_is_quoted_is(nlp):
    found = attributions(nlp, "Earlier on Thursday, Tom Vale was reported to have "
                              "confessed to carrying out the shooting, one of the worst "
                              "massacres in the city's history. Marsh was quoted as "
                              "saying he would rebuild the pier.")
    assert source_of(found, "confessed to carrying out the shooting") is None
    assert source_of(found, "he would rebuild the pier") == "Marsh"
    # "'s" for "has", the verb active with its object
    found = attributions(nlp, "He thinks the port is in part to blame! He's urged us to "
                              "embrace the new quay.")
    assert source_of(found, "to embrace the new quay") == "He"


def test_a_headings_label_before_a_colon_is_no_speaker(nlp):
    # a listicle's headings: "Loser: Tom Vale" says nothing; "Aide: “…”" does
    text = ("But this is a move that lets the port win.\n\nLoser: Tom Vale\n\nVale, no "
            "doubt, is unhappy.\n\nLoser: the 194 other towns that signed the pact\n\n"
            "The pact is not dead.\n\nAide: “Fake news”")
    found = attributions(nlp, text)
    assert not any(content.startswith(("Tom Vale", "the 194")) for content, _, _ in found)
    assert any("Fake news" in content for content, _, _ in found)


# --- the seeds ------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_quotes(nlp, seeds):
    """{seed file prefix: (clean text, attributions)}."""
    result = {}
    for article in read([str(seeds)]):
        assert isinstance(article, Article)
        name = article.location.rsplit("/", 1)[-1][:3]
        result[name] = (article.text, attributions(nlp, article.text))
    return result


@pytest.mark.parametrize("name, words, sources", [
    ("000", "I strongly welcome these strategies", {"Stoltenberg"}),
    ("000", "Your strategy recognizes", {"Stoltenberg"}),
    ("000", "On the specific issue of military support", {"Stoltenberg"}),
    ("002", "even more", {"Jens Stoltenberg"}),
    ("002", "I am glad that Japan is planning (a military budget)", {"he"}),
    ("002", "This demonstrates that Japan", {"Stoltenberg"}),
    ("002", "totally underestimated Ukraine", {"Stoltenberg"}),
    ("002", "the global order that has served us", {"Stoltenberg"}),
    ("002", "Japan can count on NATO", {"he"}),
    ("002", "NATO should seriously consider", {"Chinese foreign ministry spokeswoman Mao Ning"}),
    ("002", "On one hand", {"she"}),
    ("002", "On the other hand", {"she"}),
    ("004", "devastating effects on the South China Sea", {"Stoltenberg"}),
    ("004", "Global defense cooperation is needed", {"the secretary general"}),
    ("004", "treats neighboring countries as partners", {"the Chinese foreign ministry"}),
    ("004", "the most tense security environment since World War II", {"they"}),
    ("004", "This war is not just a European crisis", {"Stoltenberg and Kishida"}),
    ("004", "could happen in East Asia tomorrow", {"Stoltenberg"}),
])
def test_seed_quotes_have_their_source_mention(seed_quotes, name, words, sources):
    _, found = seed_quotes[name]
    assert source_of(found, words) in sources


def test_a_dateline_is_never_part_of_what_was_said(nlp):
    text = ("LISBON, March 4 (Atlas News) — A fire broke out at a warehouse in the port "
            "on Tuesday, injuring 12 people, local officials said.")
    content = next(c for c, _, _ in attributions(nlp, text) if "fire broke out" in c)
    assert content.startswith("A fire broke out")


def test_a_dateline_or_a_date_is_never_the_source(nlp):
    """The parse makes a wire dateline the subject of the lead's verb; the name just
    before a cue may be a weekday. Neither speaks."""
    found = attributions(nlp, "WASHINGTON — E-mails released by the White House on "
                              "Wednesday revealed a fierce internal dispute over the "
                              "talking points.")
    assert source_of(found, "fierce internal dispute") not in ("WASHINGTON", "Wednesday")
    found = attributions(nlp, "LIVINGSTON, N.J. — Gov. Chris Christie declared an uphill "
                              "candidacy for president on Tuesday.")
    assert source_of(found, "uphill candidacy") == "Gov. Chris Christie"
    found = attributions(nlp, "WASHINGTON said the talks had stalled, according to Beijing.")
    assert source_of(found, "the talks had stalled") in ("WASHINGTON", "Beijing")


def test_a_name_the_parser_reads_as_a_modal_is_the_source(nlp):
    # "May said" parsed as a modal before a verb: no modal takes a past tense
    text = ("Prime Minister Theresa May met the queen on Friday.\n\nNoting the talks "
            "that begin in ten days, May said the new government will work to fulfil the "
            "will of voters.\n\nMay also promised that her government would keep the "
            "nation safe.")
    found = attributions(nlp, text)
    assert source_of(found, "the new government will work") == "May"
    assert source_of(found, "her government would keep") == "May"


def test_a_post_signed_with_a_handle_is_the_signers(nlp):
    text = ("Business leaders reacted within the hour. Here is what the chief executive "
            "of the shipyard had to say:\n\nSad to see the harbour deal go. The climate "
            "is changing and we must lead. — Ida Vale (@idavale) June 1, 2017\n\n"
            "The union said nothing.")
    found = attributions(nlp, text)
    assert ("Sad to see the harbour deal go. The climate is changing and we must lead.",
            "Ida Vale", "direct") in found
    assert not any("(@idavale)" in content for content, _, _ in found)


def test_a_post_quoting_someone_keeps_its_own_attribution(nlp):
    text = ("The hearing drew a crowd.\n\nVale: \"I have seen the letter, and I hope it "
            "is made public.\" (via @HarbourTV) — Dan Osei (@danosei) June 8, 2017\n\n"
            "The union said nothing.")
    sources = {source for content, source, _ in attributions(nlp, text)
               if "I have seen the letter" in content}
    assert sources == {"Vale", "Dan Osei"}


def test_a_text_message_introduced_by_a_colon_is_the_senders(nlp):
    # The paragraph a colon tag introduces is the tag's, not a continuation of the
    # reply quoted before it.
    text = ("Half an hour later, Osei replied:\n\n\"Call me\"\n\n"
            "Eight days later, Vale again texted Osei with her concerns:\n\n"
            "\"As I said on the phone, I think it is crazy to hold the cranes back.\"")
    doc = nlp(text)
    sentences = Sentences(doc)
    found = {text[q.content.start:q.content.end][:12]: text[q.source.start:q.source.end]
             for q in block_quotes(doc, QuoteIndex(text), sentences)}
    assert found["\"As I said o"] == "Vale"


def turns(nlp, text: str) -> list[tuple[str, str | None]]:
    """(content, speaker) of every attribution of `text` once speakers are resolved."""
    annotated = annotate_doc(nlp(text), Article(id="t", text=text))
    return [(text[q.content.start:q.content.end], q.speaker) for q in annotated.quotes]


TRANSCRIPT = (
    "LENA MARKS, HOST:\n\nWelcome to Harbour Hour. Today we talk about the ferry "
    "strike with Tomas Berg, who leads the crews’ union.\n\n"
    "TOMAS BERG: Thank you for having me. The crews have not been paid overtime since "
    "March.\n\n"
    "We asked the company three times to meet us. It refused every time.\n\n"
    "MARKS: What happens on Monday if the talks fail?\n\n"
    "BERG: Then the ferries stay in port. I spoke to the harbour master, Piet Vos, on "
    "Friday. Later he told the council that the pier was unsafe.\n\n"
    "(SOUNDBITE OF ARCHIVED RECORDING)\n\n"
    "The harbour was quiet on Sunday.\n\n"
    "MARKS: Thank you for joining us.\n\n"
    "Berg later told the council that the strike would go on.")


def test_each_paragraph_of_a_transcript_turn_is_its_labelled_speakers(nlp):
    found = dict(turns(nlp, TRANSCRIPT))
    # a label on a line of its own opens the paragraph after it; the host, whom the
    # prose never names, is named by the labels of a transcript another label's
    # speaker, named in the prose, shows it to be
    assert found["Welcome to Harbour Hour. Today we talk about the ferry strike with "
                 "Tomas Berg, who leads the crews’ union."] == "Lena Marks"
    assert found["Thank you for having me. The crews have not been paid overtime since "
                 "March."] == "Tomas Berg"
    # a turn's later paragraphs go on with its speaker; a surname alone is the
    # speaker labelled in full before
    assert found["We asked the company three times to meet us. It refused every time."] \
        == "Tomas Berg"
    assert found["What happens on Monday if the talks fail?"] == "Lena Marks"
    assert found["Then the ferries stay in port. I spoke to the harbour master, Piet Vos, "
                 "on Friday. Later he told the council that the pier was unsafe."] \
        == "Tomas Berg"
    assert found["Thank you for joining us."] == "Lena Marks"
    # a stage direction ends the turn, and so does the writer's paragraph naming a
    # speaker by surname alone: what follows is no speaker's words
    assert not any("quiet on Sunday" in content for content in found)
    assert "Berg later told the council that the strike would go on." not in found


def test_a_pronoun_in_a_speakers_own_turn_is_someone_else(nlp):
    assert ("that the pier was unsafe", "Piet Vos") in turns(nlp, TRANSCRIPT)


def test_initials_label_the_people_the_text_names(nlp):
    text = ("Jo Reyes spoke with the economist Dana Whitfield about the harbour's budget.\n\n"
            "JR: Why did the budget fail?\n\n"
            "DW: Because ferry revenue fell by a third.\n\n"
            "JR: Can the city make it up?\n\n"
            "DW: Only with a new levy, and the council will not vote for one.")
    found = dict(turns(nlp, text))
    assert found["Because ferry revenue fell by a third."] == "Dana Whitfield"
    assert found["Can the city make it up?"] == "Jo Reyes"


def test_labels_that_name_no_one_are_no_speakers(nlp):
    """A fact check's verdicts and a lone excerpt among commentary: the label that
    names a person holds its own paragraph, and nothing after it."""
    text = ("Mayor Ana Rivera spoke about the ferry budget on Tuesday.\n\n"
            "RIVERA: The ferries have never cost the city more than they do now.\n\n"
            "THE FACTS: Ferry costs were higher in 2015, when fuel prices peaked.\n\n"
            "The city's own accounts show a fall in costs since then.\n\n"
            "CLAIM: The ferries lose money on every crossing.")
    found = turns(nlp, text)
    assert ("The ferries have never cost the city more than they do now.", "Ana Rivera") \
        in found
    assert not any(content.startswith(("Ferry costs were higher", "The city's own accounts",
                                       "The ferries lose money")) and speaker is not None
                   for content, speaker in found)


def test_a_podcasts_named_clip_is_its_speakers_and_an_unnamed_one_no_ones(nlp):
    text = ("So what did the mayor say after the vote?\n\n"
            "archived recording (mayor ana rivera) We will keep the ferries running, "
            "whatever it costs. archived recording 2 Crews walked out again tonight.\n\n"
            "Mayor Ana Rivera said so the morning after the council vote.\n\n"
            "archived recording (tomas berg) The crews will not go back.")
    found = turns(nlp, text)
    assert ("We will keep the ferries running, whatever it costs.", "Ana Rivera") in found
    # a name the text never writes in capitals is shown in them
    assert ("The crews will not go back.", "Tomas Berg") in found
    assert not any(content.startswith("Crews walked out") and speaker is not None
                   for content, speaker in found)


def test_a_quote_after_a_clause_and_a_colon_is_the_clauses_subjects(nlp):
    """The word before the colon speaks only when it alone introduces the quote
    ("Trump: …"); after a clause, its subject does, not its last noun."""
    text = ("The party faces a long argument over the next two years.\n\nSenator Ruiz made "
            "it clear she will only go so far to please the activists who want big fights "
            "with Governor Lee: “There will be no government shutdown, no default on the "
            "state's debt.” She also noted that the council would meet.")
    assert ("“There will be no government shutdown, no default on the state's debt.”",
            "Senator Ruiz", "direct") in attributions(nlp, text)
    assert ("“We will win big.”", "Trump", "direct") in attributions(
        nlp, "Trump: “We will win big.”")


def test_a_curly_apostrophe_parses_as_a_straight_one(nlp):
    """The tagger and parser learnt from straight apostrophes: a curly one in a
    possessive had made the participle after it a second verb of the sentence, and
    the content stopped at the possessive."""
    curly = ("Mayor Ana Ruiz spoke against the mutiny now seeking to overthrow Norway’s "
             "elected Labour government.")
    straight = curly.replace("’", "'")
    assert [(t.dep_, t.head.i) for t in nlp(curly)] == \
        [(t.dep_, t.head.i) for t in nlp(straight)]
    assert nlp(curly).text == curly  # the text stays as written
    contents = [content for content, _, _ in attributions(nlp, curly)]
    assert not any(content.endswith("Norway’s") for content in contents)


def test_the_medium_words_were_said_on_is_not_what_was_said(nlp):
    text = ("Harbour workers said the plan was late.\n\n“Mr. Mayor - we must call the flood "
            "by its name,” Republican U.S. Senator Ivo Berg wrote on social network Twitter.")
    assert not any(content.endswith(("Twitter", "Twitter.")) for content, _, _ in
                   attributions(nlp, text))
