"""Canonical entities: every mention, alias and title of one real-world entity."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storylens.ingest import read
from storylens.model import Article, Span
from storylens.understand.base import load_pipeline
from storylens.understand.entities import (name_key, named_entities, role_matches, role_of,
                                          same_person)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def entities_of(nlp, text: str) -> dict[str, object]:
    return {e.name: e for e in named_entities(nlp(text))}


def mention_texts(text: str, entity) -> list[str]:
    return [text[m.start:m.end] for m in entity.mentions]


def test_surname_and_titles_join_the_full_name(nlp):
    text = ("Finance Minister Laura Okafor met Prime Minister Daniel Brandt in Lagos on "
            "Monday. Okafor said the talks had gone well. Brandt, the former banker, "
            "did not comment.")
    found = entities_of(nlp, text)
    okafor, brandt = found["Laura Okafor"], found["Daniel Brandt"]
    assert okafor.label == brandt.label == "PERSON"
    assert "Okafor" in mention_texts(text, okafor)
    assert "Finance Minister" in okafor.titles
    assert "Prime Minister" in brandt.titles
    assert "former banker" in brandt.titles
    assert "Okafor" not in found and "Brandt" not in found


def test_role_description_names_the_title_holder(nlp):
    text = ("Harbor Authority spokeswoman Maria Lindqvist said the port would reopen. "
            "Port Director Tom Reyes disagreed. Later the spokeswoman added that crews "
            "were working overnight, while the director stayed silent.")
    found = entities_of(nlp, text)
    assert "the spokeswoman" in found["Maria Lindqvist"].aliases
    assert "the director" in found["Tom Reyes"].aliases
    assert "the director" not in found["Maria Lindqvist"].aliases


def test_a_description_the_tagger_calls_a_proper_noun_names_the_title_holder(nlp):
    text = ("President Dana Whitfield said she had been tested for the flu. During a "
            "Saturday press conference, Whitfield said she was tested on Friday. “I "
            "decided I should based on the briefing yesterday ― people were asking did "
            "I take the test,” the president said, adding her temperature was normal.")
    assert "the president" in entities_of(nlp, text)["Dana Whitfield"].aliases


def test_a_noun_phrase_the_parse_sets_beside_a_name_from_afar_is_no_title(nlp):
    # the parse makes the name an apposition of "photo", not of "the aide"
    text = ("A photo posted by the aide, Marta Kowalczyk, quickly circulated on social "
            "media. It showed the mayor next to her.")
    assert "photo" not in entities_of(nlp, text)["Marta Kowalczyk"].titles


def test_the_subject_of_the_next_verb_is_no_title_of_the_name_before_it(nlp):
    # a source's first mention, which the parse may hang on the name before it
    text = ("The emails went to the ex-wife of former Port Director Tomas Varga, a senior "
            "defense official told the Gazette. The review will take weeks, the official "
            "said.")
    varga = entities_of(nlp, text)["Tomas Varga"]
    assert not any("official" in title for title in varga.titles)
    assert "the official" not in varga.aliases


def test_a_role_noun_or_a_form_of_address_opening_a_name_is_no_part_of_it(nlp):
    text = ("The campaign was pleased. Spokeswoman Ana Vidal said it was no surprise, "
            "CNN's Kaitlan Collins reported. The Rev. Mariann Edgar Budde, the bishop, "
            "was outraged. Bishop Budde said the church was used as a backdrop. "
            "Historian Colin Gordon has revived an old argument. The problem, argues "
            "Gordon, is that small towns compete.")
    found = entities_of(nlp, text)
    assert "Ana Vidal" in found and "Kaitlan Collins" in found and "Colin Gordon" in found
    assert not any(name.startswith(("Spokeswoman", "Bishop", "Historian")) for name in found)


def test_an_opening_participle_is_no_part_of_a_name(nlp):
    # the tagger reads "Praising Obama" as one person
    found = entities_of(nlp, "Praising Obama’s speech, the senator said the bill would pass.")
    assert "Obama" in found and not any(name.startswith("Praising") for name in found)


def test_a_surname_read_as_a_verb_is_the_person_and_a_month_is_not(nlp):
    text = ("Prime Minister Theresa May spoke on Sunday after an attack on a concert in "
            "May. No group has claimed the attack in London. May would not say whether "
            "the attackers had links to a cell.")
    may = entities_of(nlp, text)["Theresa May"]
    mentioned = [text[m.start:m.start + 12] for m in may.mentions]
    assert "May would no" in mentioned
    assert "May. No grou" not in mentioned


def test_a_junior_is_his_own_person(nlp):
    text = ("Senator Paul Ekberg Jr. met voters in Dover on Monday. His father, Paul "
            "Ekberg, a former governor, joined him. Paul Ekberg Jr. said the campaign "
            "would go on.")
    found = entities_of(nlp, text)
    assert "Paul Ekberg Jr." in found and "Paul Ekberg" in found


def test_a_name_in_capitals_takes_the_running_texts_spelling(nlp):
    # The parser takes the dateline's capitals for an organisation; the running text
    # says what the name is and how it is spelt. Short acronyms stay as printed.
    text = ("PORTVALE, March 4 (Reuters) — A fire broke out at a warehouse in the port "
            "of Portvale on Tuesday, NATO said, and the city of Portvale sent help.")
    found = entities_of(nlp, text)
    assert "PORTVALE" not in found
    assert found["Portvale"].label == "GPE"
    assert "PORTVALE" in found["Portvale"].aliases
    assert "NATO" in found


def test_a_name_the_tagger_stops_at_a_hyphen_is_read_whole(nlp):
    text = ("Their leaders, premier Kishida and Korean president Yoon Suk-yeol, became "
            "the first to attend. Yoon said talks would go on.")
    found = entities_of(nlp, text)
    assert "Yoon Suk-yeol" in found and "Yoon Suk" not in found
    assert "Yoon" in found["Yoon Suk-yeol"].aliases


def test_a_role_described_long_before_its_only_holder_is_named_is_not_theirs(nlp):
    text = ("The secretary said nothing on Monday. The port reopened. Ships came in. "
            "Trade resumed. Prices fell. Shops opened. Buses ran. Schools stayed shut. "
            "Secretary of State Helen Ward spoke later.")
    assert not any(alias.lower() == "the secretary"
                   for alias in entities_of(nlp, text)["Helen Ward"].aliases)
    text = "The secretary said nothing on Monday. Secretary of State Helen Ward left early."
    assert "The secretary" in entities_of(nlp, text)["Helen Ward"].aliases


def test_the_governor_is_no_boards_chair(nlp):
    text = ("Then the governor told cities to cut water use by a quarter. When Governor "
            "Tom Avery ordered cuts, farms were spared, said Helen Ward, chair of the "
            "state Water Resources Board.")
    found = entities_of(nlp, text)
    assert "the governor" in found["Tom Avery"].aliases
    assert "the governor" not in found["Helen Ward"].aliases


def test_a_subheads_capitalised_common_noun_is_no_name(nlp):
    text = ("Police said the shooter opened fire.\n\nShooter identified\n\n"
            "Tom Avery was arrested.")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Shooter"), text.index(" identified"),
                              label="PERSON"),
                doc.char_span(text.index("Tom"), text.index(" was"), label="PERSON")]
    assert [e.name for e in named_entities(doc)] == ["Tom Avery"]
    # a name alone over its part of a list is the name in full
    text = "Winners and losers of the debate.\n\nTom Avery\n\nAvery spoke first."
    assert "Tom Avery" in entities_of(nlp, text)


def test_a_subordinate_rank_is_another_role(nlp):
    text = ("Vice President Lena Marsh and Deputy Director Paul Odum met the press on "
            "Monday. The president was abroad, and the director said nothing.")
    found = entities_of(nlp, text)
    assert not {"The president", "the president"} & set(found["Lena Marsh"].aliases)
    assert "the director" not in found["Paul Odum"].aliases


@pytest.mark.parametrize("description, title, strict, expected", [
    ("the president", "Vice President", True, False),
    ("the president", "Vice President", False, False),
    ("the vice president", "Vice President", True, True),
    ("the chief", "Deputy Chief", True, False),
    ("the director", "Port Director", True, True),
    # a title's "X of Y" is a Y X
    ("the secretary", "secretary of defense", True, True),
    ("the defense secretary", "secretary of defense", True, True),
    ("the secretary of state", "secretary of defense", False, False),
])
def test_role_matches_rank(description, title, strict, expected):
    role = lambda text: role_of((w, None) for w in text.split())  # noqa: E731
    assert role_matches(role(description), role(title), strict) is expected


def test_generic_leader_word_needs_the_organisation(nlp):
    text = ("Union Secretary-General Ana Duarte met Prime Minister Kofi Mensah. "
            "The union chief said the deal was close.")
    found = entities_of(nlp, text)
    assert "The union chief" not in found["Kofi Mensah"].aliases


def test_a_partys_leader_is_not_the_prime_minister(nlp):
    text = ("Voters backed the deal, as the Harbour Party leader, Nora Quist, put it. "
            "The prime minister resigned on Friday. The queen was told first.")
    aliases = {a.lower() for a in entities_of(nlp, text)["Nora Quist"].aliases}
    assert not aliases & {"the prime minister", "the queen"}


def test_role_named_only_later_joins_its_one_holder(nlp):
    text = ("Fishing quotas will be cut, the senator said. Senator Ann Lee spoke in "
            "Juneau on Monday.")
    assert "the senator" in entities_of(nlp, text)["Ann Lee"].aliases
    text = ("Fishing quotas will be cut, the senator said. Senator Ann Lee and Senator "
            "Tom Park spoke in Juneau on Monday.")  # either may be meant
    found = entities_of(nlp, text)
    assert "the senator" not in found["Ann Lee"].aliases + found["Tom Park"].aliases


def test_a_name_used_before_any_full_name_is_its_own_person(nlp):
    # The governor is "Governor Alvarez" and "Alvarez" throughout, never in full; his
    # wife is named in full once, later: his mentions are not hers.
    text = ("Governor Alvarez opened the new bridge on Monday. Alvarez said the bridge "
            "would cut travel times by half. Alvarez thanked the workers. His wife, "
            "Rosa Alvarez, cut the ribbon. The governor then left for the capital.")
    found = entities_of(nlp, text)
    assert "Alvarez" in found and "Rosa Alvarez" in found
    assert len(found["Alvarez"].mentions) >= 3
    assert "The governor" in found["Alvarez"].aliases
    assert found["Alvarez"].titles == ("Governor",)


def test_a_title_word_right_before_a_name_is_its_title_when_the_parse_misses_it(nlp):
    # "Mayor Dunmore's State of the City address …" parsed, as it can be after a
    # headline, with "Mayor" the subject and "Dunmore's State" in apposition to it.
    words = ["Mayor", "Dunmore", "'s", "State", "opened", "."]
    doc = Doc(nlp.vocab, words=words, heads=[4, 3, 1, 0, 4, 4],
              deps=["nsubj", "poss", "case", "appos", "ROOT", "punct"],
              pos=["PROPN", "PROPN", "PART", "PROPN", "VERB", "PUNCT"],
              ents=["O", "B-PERSON", "O", "O", "O", "O"])
    assert [e.titles for e in named_entities(doc) if e.name == "Dunmore"] == [("Mayor",)]


def test_acronym_joins_its_long_name(nlp):
    text = ("The World Health Organization issued new guidance on Tuesday. "
            "WHO officials said the rules would apply from March.")
    found = entities_of(nlp, text)
    assert "WHO" in found["World Health Organization"].aliases
    assert "WHO" not in found


def test_possessive_and_article_stripped(nlp):
    text = ("The Coastal Tribune's editor resigned on Friday. A statement from the "
            "Coastal Tribune gave no reason.")
    found = entities_of(nlp, text)
    assert "Coastal Tribune" in found
    assert all(not name.startswith("the ") and not name.endswith("'s") for name in found)


def test_an_opening_conjunction_run_into_a_name_is_no_part_of_it(nlp):
    # the tagger reads "Plus" as a conjunction, the recogniser runs it into the name
    text = "Barack Obama spoke in Denver on Monday. Plus Obama is nominating Tom Avery."
    found = entities_of(nlp, text)
    assert "Plus Obama" not in found
    assert mention_texts(text, found["Barack Obama"]) == ["Barack Obama", "Obama"]


def test_a_digit_led_word_describing_a_noun_names_nothing(nlp):
    found = entities_of(nlp, "The Millbrook library added a workshop with 3D printers. "
                             "The G7 summit opened in Hiroshima.")
    assert "3D" not in found
    assert {"Millbrook", "G7", "Hiroshima"} <= set(found)


@pytest.mark.parametrize("misread", ["FAC", "LOC", "ORG", "PRODUCT"])
def test_a_surname_the_tagger_misreads_joins_the_person(nlp, misread):
    """"Bannon conceded" tagged a facility is still Steve Bannon, so the "he said"
    after it finds him."""
    text = "Steve Bannon spoke on Monday. The field is weak, Bannon conceded."
    doc = nlp(text)
    surname = doc.char_span(text.rindex("Bannon"), text.rindex("Bannon") + len("Bannon"))
    doc.ents = [e for e in doc.ents if e.start != surname.start] + [
        doc.char_span(surname.start_char, surname.end_char, label=misread)]
    found = {e.name: e for e in named_entities(doc)}
    assert "Bannon" not in found
    assert mention_texts(text, found["Steve Bannon"]) == ["Steve Bannon", "Bannon"]


def test_a_full_name_the_tagger_misreads_is_a_person_by_its_role(nlp):
    """"Ana Quiroga, executive director of Harbour Watch," tagged an organisation is
    a person: a director is one; "Tidewell, the shipping giant," stays a company."""
    text = ("“A good day for the port,” declared Ana Quiroga, executive director of "
            "Harbour Watch, a lobby group. Tidewell, the shipping giant, said nothing.")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label="ORG")
                for name in ("Ana Quiroga", "Harbour Watch", "Tidewell")]
    found = {e.name: e.label for e in named_entities(doc)}
    assert found == {"Ana Quiroga": "PERSON", "Harbour Watch": "ORG", "Tidewell": "ORG"}


def test_a_weekday_the_tagger_ran_into_a_name_is_no_part_of_it(nlp):
    """"… and Trump Friday authorized a review", tagged as one person, is Trump."""
    text = "Lawmakers met and Trump Friday authorized a review."
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Trump"), text.index(" authorized"),
                              label="PERSON")]
    found = {e.name: e for e in named_entities(doc)}
    assert list(found) == ["Trump"]
    assert mention_texts(text, found["Trump"]) == ["Trump"]


def test_a_departments_name_run_into_a_name_after_its_title_is_no_part_of_it(nlp):
    """"Secretary of Defense Jim Mattis", tagged "Defense Jim Mattis" (an
    organisation), is Jim Mattis, a person."""
    text = "The nomination, which Secretary of Defense Jim Mattis announced, passed."
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Defense"), text.index(" announced"), label="ORG")]
    found = {e.name: e.label for e in named_entities(doc)}
    assert found == {"Jim Mattis": "PERSON"}


def test_a_bracket_left_open_by_the_tagger_ends_the_name(nlp):
    text = "The Center on Energy Policy (CEP) at Harbour University released a primer."
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Center"), text.index(")"), label="ORG")]
    assert [e.name for e in named_entities(doc)] == ["Center on Energy Policy"]


def test_a_surname_the_tagger_missed_is_its_far_most_named_bearers(nlp):
    text = ("Robert Lindqvist spoke on Monday. Mr. Lindqvist said yes. Robert Lindqvist left "
            "early. Mr. Lindqvist returned. His grandfather Erik Anders Lindqvist founded it. "
            "Lindqvist agreed.")
    last = text.rindex("Lindqvist")
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.start_char != last]
    found = {e.name: e for e in named_entities(doc)}
    assert last in [m.start for m in found["Robert Lindqvist"].mentions]
    # named about as often as the other bearer: nobody's
    text = ("Robert Lindqvist spoke on Monday. His grandfather Erik Anders Lindqvist founded "
            "it. Lindqvist agreed.")
    last = text.rindex("Lindqvist")
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.start_char != last]
    assert not any(m.start == last for e in named_entities(doc) for m in e.mentions)


def test_a_name_opening_a_sentence_parsed_as_its_verb_is_the_person(nlp):
    # "Trump notes at the outset that …": "Trump" parsed as the verb "trump"
    words = ["Donald", "Trump", "spoke", ".", "Trump", "notes", "the", "deal", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, True, True, True, True,
                                              False, False],
              heads=[1, 2, 2, 2, 4, 4, 7, 5, 4],
              deps=["compound", "nsubj", "ROOT", "punct", "ROOT", "dobj", "det", "dobj",
                    "punct"],
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "NOUN", "NOUN", "DET", "NOUN", "PUNCT"],
              sent_starts=[True, False, False, False, True, False, False, False, False])
    doc.ents = [doc.char_span(0, len("Donald Trump"), label="PERSON")]
    [trump] = named_entities(doc)
    assert mention_texts(doc.text, trump) == ["Donald Trump", "Trump"]


def test_a_full_name_the_tagger_missed_joins_its_known_surname(nlp):
    text = "Lindqvist spoke first. Erik Lindqvist, the chief of staff, was asked about it."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, len("Lindqvist"), label="PERSON")]
    [person] = named_entities(doc)
    assert person.name == "Erik Lindqvist"
    assert mention_texts(text, person) == ["Lindqvist", "Erik Lindqvist"]
    # a title before it is no given name
    text = "Lindqvist spoke first. Chairman Lindqvist, the head of staff, was asked about it."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, len("Lindqvist"), label="PERSON")]
    assert [e.name for e in named_entities(doc)] == ["Lindqvist"]
    # nor is a qualifier of a role ("Longtime Trump confidant Roger Stone")
    text = "Lindqvist spoke first. Longtime Lindqvist aide Erik Dahl was asked about it."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, len("Lindqvist"), label="PERSON")]
    assert "Lindqvist" in [e.name for e in named_entities(doc)]
    doc.ents = [doc.char_span(text.index("Longtime"), text.index(" aide"), label="PERSON")]
    assert "Lindqvist" in [e.name for e in named_entities(doc)]


def test_a_title_ending_in_a_preposition_run_into_a_name_is_no_part_of_it(nlp):
    """"Special Agent in Charge Jill Schneider", tagged "Charge Jill Schneider", is
    Jill Schneider."""
    text = "Harbour Police Special Agent in Charge Jill Schneider told reporters."
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Charge"), text.index(" told"), label="PERSON")]
    assert [e.name for e in named_entities(doc)] == ["Jill Schneider"]


def test_a_group_name_used_as_a_place_is_a_place(nlp):
    """The tagger calls a little-known district a group (NORP); before "district" or
    after "the people of" it is a place. Demonyms stay groups."""
    found = entities_of(nlp, "Residents of Portvale's Eastquay district spent the night "
                             "in a sports hall. Kurdish fighters held the Kurdish region.")
    assert found["Eastquay"].label == "GPE"
    assert found["Kurdish"].label == "NORP"


def test_a_building_named_after_a_person_is_no_person(nlp):
    """"Trump Tower" the tagger calls a person is a building; "John Tower", whose
    name opens with a given name, stays a person."""
    found = entities_of(nlp, "Trump Tower was locked down. Senator John Tower of Texas "
                             "said the plan would fail.")
    assert found["Trump Tower"].label == "FAC"
    assert found["John Tower"].label == "PERSON"


@pytest.mark.parametrize("text, relative", [
    ("Governor Lindqvist is heading to the coast on Tuesday. First lady Anna Lindqvist "
     "will accompany Governor Lindqvist on the trip. Lindqvist spoke on Monday.",
     "Anna Lindqvist"),
    ("Senator Dahl spoke on Monday. Erik Dahl, the senator's son, said he would run. "
     "Dahl said he was sure.", "Erik Dahl"),
])
def test_a_surname_named_before_a_relative_comes_in_is_not_the_relatives(nlp, text,
                                                                           relative):
    found = entities_of(nlp, text)
    surname = relative.split()[-1]
    assert surname in found and mention_texts(text, found[relative]) == [relative]


def test_a_word_merely_ending_like_a_kin_word_introduces_no_relative(nlp):
    # "Jackson" ends in "son" but is no son
    text = ("Senator Dahl spoke on Monday. Coach Jackson Erik Dahl, a guard, left. "
            "Dahl said he was sure.")
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Dahl"), text.index(" spoke"), label="PERSON"),
                doc.char_span(text.index("Erik"), text.index(", a guard"), label="PERSON"),
                doc.char_span(text.rindex("Dahl"), text.rindex(" said"), label="PERSON")]
    found = {e.name: e for e in named_entities(doc)}
    assert list(found) == ["Erik Dahl"]


def test_a_relatives_given_name_before_the_full_name_is_the_relative(nlp):
    text = ("Dahl's older brother, Anton, told the court he had been depressed. “We will "
            "never be the same again,” said Anton Dahl, brother of Erik Dahl.")
    found = entities_of(nlp, text)
    assert mention_texts(text, found["Anton Dahl"]) == ["Anton", "Anton Dahl"]


def test_honorific_keeps_two_bearers_of_a_surname_apart(nlp):
    text = ("Senator Tom Avery and his wife, Julia Avery, arrived in Denver. "
            "Mr. Avery spoke first. Then Julia Avery thanked the crowd.")
    found = entities_of(nlp, text)
    assert "Avery" in mention_texts(text, found["Tom Avery"])
    assert "Avery" not in mention_texts(text, found["Julia Avery"])


def test_name_helpers():
    assert name_key("the U.S.’s") == "the us"
    assert same_person(["hillary", "rodham", "clinton"], ["hillary", "clinton"])
    assert not same_person(["john", "smith"], ["jane", "smith"])


@pytest.fixture(scope="module")
def seed_entities(seeds, nlp):
    articles = [a for a in read([str(seeds)]) if isinstance(a, Article)]
    return [(a.text, {e.name: e for e in named_entities(nlp(a.text))}) for a in articles]


def test_seed_people_have_full_names(seed_entities):
    for text, found in seed_entities:
        assert "Jens Stoltenberg" in found
        assert found["Jens Stoltenberg"].label == "PERSON"
        assert "Stoltenberg" not in found  # the surname (tagged ORG or GPE) joined him
        assert "Fumio Kishida" in found and "Kishida" not in found
    assert any("Mao Ning" in found for _, found in seed_entities)


def test_seed_nato_chief_is_stoltenberg(seed_entities):
    aliases = [a.lower() for _, found in seed_entities
               for a in found["Jens Stoltenberg"].aliases]
    assert "the nato chief" in aliases
    assert "the secretary general" in aliases
    first_text, first = seed_entities[0]
    assert "NATO" in first["North Atlantic Treaty Organization"].aliases


@pytest.mark.parametrize("text, description, holder, other", [
    # the salient holder, not one named in passing
    ("President Halvorsen says he has chosen Mira Osei, an official during President "
     "Tom Brandt's administration, to lead the agency. The president announced the pick "
     "on Wednesday.", "The president", "Halvorsen", "Tom Brandt"),
    # of two holders alike, the later one
    ("Sen. Ada Cole said the bill would pass. Sen. Ben Park said it would not. The "
     "senator added that he would vote against it.", "The senator", "Ben Park", "Ada Cole"),
])
def test_a_role_goes_to_its_most_salient_holder(nlp, text, description, holder, other):
    found = entities_of(nlp, text)
    assert description in found[holder].aliases
    assert description not in found[other].aliases


def test_a_predicate_or_a_lesser_rank_names_no_title_holder(nlp):
    text = ("Attorney General Ruth Okafor praised Dan Voss, who was then the deputy "
            "attorney general. Voss also had a stint as the assistant attorney general.")
    found = entities_of(nlp, text)
    assert not {"the deputy attorney general", "the assistant attorney general"} \
        & set(found["Ruth Okafor"].aliases)


def test_a_titled_lone_surname_is_a_person_whatever_the_tagger_says(nlp):
    # the tagger reads this lone surname as an organisation three times in five;
    # "President Trump" settles it
    text = ("President Trump met the mayor on Monday. Critics said the move was good "
            "news for Trump. Aides to Trump agreed, and allies of Trump said the decision "
            "by Trump was final.")
    assert entities_of(nlp, text)["Trump"].label == "PERSON"


def test_a_lone_adjective_opening_an_article_names_nothing(nlp):
    # the tagger calls the opening adjective an organisation; a group's stays
    text = ("Bombastic conservative talk show host Glenn Beck closed a conference on "
            "Saturday. Republican lawmakers cheered.")
    found = entities_of(nlp, text)
    assert "Bombastic" not in found
    assert "Republican" in found


def test_a_time_zone_names_nothing(nlp):
    text = ("At 10:25 p.m. ET, the campaign lifted the embargo, and news outlets began "
            "reporting the statement.\n\nAt 12:11 a.m. ET, Clarke's re-election campaign "
            "put out a statement.")
    assert "ET" not in entities_of(nlp, text)


def test_two_surnames_run_together_are_no_one_persons_name(nlp):
    # a scraper ran two teaser lines together: "… from Obama" + "Clinton is tied …"
    text = ("Hillary Clinton met with her old boss, Barack Obama, on a rainy Monday."
            "\n\nClinton missed a chance "
            "to create some distance from Obama Clinton is tied to much of Obama's "
            "foreign policy. Clinton said she was proud of it.")
    found = entities_of(nlp, text)
    assert "Obama Clinton" not in found
    assert "Clinton" in found["Hillary Clinton"].aliases


def test_a_writers_insertion_in_brackets_is_part_of_the_name(nlp):
    text = "Erdogan freed the pastor, [Andrew] Brunson, last year. Brunson thanked him."
    found = entities_of(nlp, text)
    assert "Andrew Brunson" in found and "Brunson" in found["Andrew Brunson"].aliases
    assert found["Andrew Brunson"].mentions[0] == Span(27, 42)


def test_an_unusual_given_name_the_tagger_left_out_joins_the_name(nlp):
    # "Reality" read as a common noun: the quote's "Reality Winner" gives it away
    text = ("Reality Leigh Winner’s social media footprint shows she is a supporter of "
            "the union. Her mother said \"Reality Winner is a veteran.\" Winner was "
            "arrested on Saturday.")
    found = entities_of(nlp, text)
    assert "Reality Leigh Winner" in found
    assert "Winner" in found["Reality Leigh Winner"].aliases


def test_a_given_name_after_a_title_the_tagger_left_out_joins_the_name(nlp):
    text = "The president spoke of Portvale Mayor Carmen Yulin Vega, who clashed with him."
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index("Yulin"), text.index(","), label="PERSON")]
    assert [e.name for e in named_entities(doc)] == ["Carmen Yulin Vega"]


def test_a_name_does_not_end_with_the_preposition_of_a_phrase_after_it(nlp):
    """The recogniser's span may stop inside "Hakeem Jeffries of New York": the name
    is Hakeem Jeffries, not "Hakeem Jeffries of"."""
    text = ("Democrats spoke in turn. “In America,” said Hakeem Jeffries of New York, “no "
            "one is above the law.”")
    names = [e.name for e in named_entities(nlp(text))]
    assert "Hakeem Jeffries" in names
    assert not any(name.endswith(" of") for name in names)
