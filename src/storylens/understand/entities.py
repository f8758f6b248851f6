"""Canonical named entities of one article: every mention, alias and title of each.

spaCy's NER gives mentions ("NATO Secretary-General Jens Stoltenberg", later
"Stoltenberg", "the NATO chief"); a reader needs entities. This module groups the
mentions of one article into entities with a multi-pass sieve in the manner of the
Stanford deterministic coreference system (Lee et al., 2013, "Deterministic
coreference resolution based on entity-centric, precision-ranked rules"), restricted
to the name passes that need no second model: exact string match, then person-name
match (a surname or first name to the full name, the most recent antecedent first),
then acronyms ("North Atlantic Treaty Organization" = "NATO"), and last definite
role descriptions ("the NATO chief", "the spokeswoman") matched against the titles
the article gives its people: pre-nominal titles ("Prime Minister Fumio Kishida")
and appositions ("Wang Yi, the foreign minister,"). Everything is read off the one
parsed `Doc`: its entities and dependency parse.

spaCy's labels are votes, not facts: a surname alone is often tagged ORG or GPE
("Stoltenberg said") and an outlet sometimes PERSON, so an entity's label is the
label of its fullest name, else the majority of its mentions.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Hashable, Iterable, Iterator

from nicknames import NickNamer
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..model import NamedEntity, Span

#: spaCy (OntoNotes) labels that name something; numbers and dates do not.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT",
                         "PRODUCT", "WORK_OF_ART", "LAW"})

#: Labels the tagger gives a person's name when it misreads it ("Bannon conceded"
#: tagged a facility, "Cole added" a product): a lone name with one of them may be a
#: person's.
PERSON_MISREAD_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT"})

#: Honorifics and the gender they mark (None: any). They are not titles.
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mister": "m",
              "sir": "m", "dame": "f", "lord": "m", "lady": "f", "dr": None,
              "prof": None, "rev": None}

#: Nouns that carry a gender ("spokeswoman", "his wife, Heidi").
FEMALE_NOUNS = frozenset({"wife", "mother", "daughter", "sister", "queen", "princess",
                          "actress", "girl", "lady", "grandmother", "widow", "aunt",
                          "niece", "duchess", "empress", "woman", "first lady"})
MALE_NOUNS = frozenset({"husband", "father", "son", "brother", "king", "prince", "actor",
                        "boy", "grandfather", "widower", "uncle", "nephew", "duke",
                        "emperor", "man"})
#: Forms of address before a name that are no title of office ("Father Reese").
ADDRESS_TITLES = frozenset({"father", "sister", "brother", "mother", "pastor", "rabbi",
                            "imam", "bishop", "cardinal", "leader", "chief", "coach",
                            "captain", "officer", "sergeant", "detective", "colonel",
                            "commissioner", "professor", "doctor", "dean", "director"})
#: Titles in -man, which are capitalised before a name ("Congressman Al Green").
MALE_TITLES = frozenset({"chairman", "congressman", "councilman", "assemblyman", "alderman",
                         "spokesman", "committeeman", "selectman", "anchorman",
                         "businessman", "statesman", "policeman", "fireman", "newsman",
                         "frontman", "clergyman", "countryman"})

#: Words for a part of a town or country, which a proper noun before them names.
PLACE_PART_NOUNS = frozenset({"district", "neighbourhood", "neighborhood", "suburb",
                              "borough", "county", "province", "township", "village",
                              "quarter", "parish", "municipality", "prefecture"})
#: Words for the people living somewhere ("the residents of Eastquay").
RESIDENT_NOUNS = frozenset({"people", "residents", "inhabitants", "citizens", "villagers",
                            "townspeople"})

#: Abbreviated titles in their full form, so "the senator" finds "Sen. Ted Cruz".
TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor",
                       "gen": "general", "lt": "lieutenant", "col": "colonel",
                       "maj": "major", "capt": "captain", "sgt": "sergeant",
                       "adm": "admiral", "pres": "president", "atty": "attorney",
                       "cmdr": "commander", "amb": "ambassador", "sec": "secretary",
                       "supt": "superintendent", "insp": "inspector"}

#: The days of the week, Monday first (as `datetime.date.weekday` counts them).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Words naming a day or month of the calendar ("Fridays" too): times, no one's name.
CALENDAR_WORDS = frozenset({*WEEKDAYS, *(f"{day}s" for day in WEEKDAYS), *(
    month for month in calendar.month_name if month)})

#: Title words spaCy sometimes leaves inside a PERSON span ("President Obama").
TITLE_WORDS = frozenset({"president", "senator", "governor", "representative",
                         "congressman", "congresswoman", "secretary", "minister",
                         "chancellor", "premier", "pope", "king", "queen", "prince",
                         "princess", "judge", "justice", "mayor", "general",
                         "ambassador", "speaker", "chairman", "chairwoman", "sheriff",
                         "former", "vice", "prime", "attorney", *TITLE_ABBREVIATIONS})

#: Role nouns that name a title in other words ("the congressman" is "Rep. X").
ROLE_SYNONYMS = {"congressman": "representative", "congresswoman": "representative",
                 "congressperson": "representative",
                 "premier": "prime minister", "spokesman": "spokesperson",
                 "spokeswoman": "spokesperson"}

#: Headline words for "the leader of": "the NATO chief" is whoever leads NATO.
GENERIC_LEADERS = frozenset({"chief", "head", "leader", "boss", "chair"})

#: Head nouns of a description of a person by role ("the former secretary of defense").
PERSON_ROLE_NOUNS = TITLE_WORDS - {"former", "vice", "prime"} | GENERIC_LEADERS | {
    "lawmaker", "candidate", "nominee", "director", "executive", "commissioner",
    "prosecutor", "lawyer"}

#: Roles that lead an organisation or country, which a generic leader word may name.
LEADING_ROLES = frozenset({"president", "prime minister", "premier", "chancellor",
                           "secretary general", "director general", "director",
                           "chairman", "chairwoman", "chair", "chief executive",
                           "ceo", "king", "queen", "governor", "mayor", "leader",
                           "head", "chief", "commander", "emir", "pope"})

#: Time zones news gives with clock times ("10:25 p.m. ET"), which the tagger may
#: take for a name.
TIME_ZONES = frozenset({"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT",
                        "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST"})

#: Leading roles of a state or a city, which a party's or a body's "leader" or "chief"
#: does not hold.
STATE_LEADERS = frozenset({"president", "prime minister", "premier", "chancellor", "king",
                           "queen", "emir", "pope", "mayor", "governor"})

#: Qualifiers that do not change a role ("the former president" is "President X").
ROLE_QUALIFIERS = frozenset({"former", "then", "current", "new", "outgoing", "incoming",
                             "top", "senior", "longtime", "veteran", "acting", "interim",
                             "embattled", "late"})

#: Ranks that make a role another one: "the president" is not Vice President Joe
#: Biden, nor is "the director" a Deputy Director.
SUBORDINATE_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant",
                               "under", "sub"})

#: Words that end a person's name without being the surname ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Words skipped when spelling an acronym ("Federal Bureau of Investigation" = FBI).
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DETERMINERS = frozenset({"the", "a", "an"})
#: Tags of a finite verb: the subject's own verb, right after a noun phrase.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@functools.lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """A comparison key for names: case, accents, periods, hyphens and apostrophes
    ignored (outlets print "Calderón" and "Calderon")."""
    text = _POSSESSIVE.sub("", text.strip())
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    text = re.sub(r"[.’']", "", text.lower())
    return " ".join(re.split(r"[\s\-‐–]+", text)).strip()


def name_words(name: str) -> list[str]:
    """The comparison words of a person's name, without "Jr."-like suffixes."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


#: Particles a surname may begin with ("Van Drew", "de Blasio", "Le Pen"): after
#: one, two words may be a surname alone, not a given name and a surname.
SURNAME_PARTICLES = frozenset({"van", "von", "de", "del", "della", "der", "di", "da",
                               "du", "dos", "das", "le"})


def is_surname(words: list[str]) -> bool:
    """Whether a person's name (as `name_words`) is a surname alone: one word, or a
    particle and a word ("Van Drew")."""
    return len(words) == 1 or len(words) == 2 and words[0] in SURNAME_PARTICLES


def generation(name: str) -> tuple[str, ...]:
    """The "Jr."-like suffixes `name_words` leaves out: "Donald Trump Jr." is not
    Donald Trump."""
    words = name_key(name).split()
    return tuple(words[len(name_words(name)):])


def one_edit_apart(a: str, b: str) -> bool:
    """One letter inserted, dropped, changed or two swapped ("Vincente"/"Vicente")."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (a[start + 1:] == b[start + 1:] or a[start + 1:] == b[start:]
            or a[start:] == b[start + 1:]
            or (a[start:start + 2] == b[start:start + 2][::-1]
                and a[start + 2:] == b[start + 2:]))


@functools.cache
def _nicknames() -> NickNamer:
    """Short forms of given names and the names they stand for ("Dick" is Richard,
    "Ted" Edward or Theodore, "Bernie" Bernard): the `nicknames` package's
    hand-curated table."""
    return NickNamer()


def same_given_name(a: str, b: str) -> bool:
    """Two given names (lower case) of one person: equal, a short form and its full
    name ("Tim"/"Timothy", "Dick"/"Richard", "Jerry"/"Jerrold"), or one slip of the
    keys apart in names long enough for a slip to stay recognisable ("Hilary"/"Hillary").

    Only ever asked of two people who share a surname in one story, where two
    different people with near-identical given names are rare.
    """
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True
    # a pet form on the name's stem: "Jerry"/"Jerrold", "Kathy"/"Kathleen"
    stem = short[:-2] if short.endswith("ie") else short[:-1] if short.endswith("y") else ""
    if len(stem) >= 3 and long_.startswith(stem) and len(long_) > len(short):
        return True
    if b in _nicknames().canonicals_of(a) or a in _nicknames().canonicals_of(b):
        return True
    return len(short) >= 6 and one_edit_apart(a, b)


def same_person(a: list[str], b: list[str]) -> bool:
    """Two full names (as `name_words`) of one person: the same surname and given
    names that `same_given_name` takes for one ("Hillary Rodham Clinton" = "Hillary
    Clinton", "Tim Murray" = "Timothy Murray"; "Jane Smith" != "John Smith")."""
    return (len(a) > 1 and len(b) > 1 and a[-1] == b[-1]
            and same_given_name(a[0], b[0]))


def _word(text: str) -> str:
    """A word's comparison form, abbreviated titles spelled out."""
    word = text.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)


def honorific_gender(token: Token) -> str | None:
    """"m" or "f" when `token` is a gendered honorific ("Mr.", "Ms."), else None."""
    return HONORIFICS.get(token.lower_.rstrip("."))


def title_gender(title: str) -> str | None:
    """"f" or "m" when a title or description is gendered ("spokeswoman", "wife").
    A capitalised word in -man is a title only when it is one of `MALE_TITLES`:
    "German Chancellor" and "Friedman's lawyer" say nothing of anyone's gender."""
    for written in re.split(r"[\s\-‐]+", title):
        word = written.lower()
        if word in FEMALE_NOUNS or word.endswith("woman"):
            return "f"
        if word in MALE_NOUNS or word in MALE_TITLES or (
                word.endswith("man") and len(word) > 5 and written.islower()):
            return "m"
    return None


#: Given names nearly all of whose bearers are of one gender
#: (training/export_given_names.py).
GIVEN_NAMES_FILE = Path(__file__).with_name("given_names.json.gz")


@functools.cache
def _given_name_genders() -> dict[str, str]:
    with gzip.open(GIVEN_NAMES_FILE, "rt", encoding="utf-8") as data:
        names = json.load(data)
    return {name: gender for gender in ("f", "m") for name in names[gender]}


def given_name_gender(name: str) -> str | None:
    """"f" or "m" when a person's full name opens with a given name nearly all of
    whose bearers are women or men ("Brett Kavanaugh": "m"), else None: a surname
    alone ("Ford" is also a man's given name) says nothing, nor a name in lower case
    (a transcript's "michael barbaro" is no name the recogniser vouches for)."""
    words = name_words(name)
    if is_surname(words) or not name[:1].isupper():
        return None
    return _given_name_genders().get(words[0])


def _is_given_name(token: Token) -> bool:
    """A capitalised word nearly all of whose bearers as a given name are women or men."""
    return token.text[:1].isupper() and bool(name_words(token.text)) and \
        name_words(token.text)[0] in _given_name_genders()


@dataclass
class _Mention:
    """One name in the text, trimmed of determiners, possessives and titles."""

    start: int  # token indexes [start, end)
    end: int
    text: str
    label: str
    char_start: int
    char_end: int
    gender: str | None = None  # from an honorific before it ("Mr. Cruz")
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    # an honorific or a title shows a person, whatever the tag
    person_sign: bool = False

    @property
    def words(self) -> list[str]:
        return name_key(self.text).split()

    @functools.cached_property  # read for every pair of mentions the sieve compares
    def name_words(self) -> list[str]:
        return name_words(self.text)

    @functools.cached_property
    def shouted(self) -> bool:
        """Printed in capitals though it is no acronym-like single short word."""
        return self.text.isupper() and (len(self.text) > 5 or " " in self.text)


@dataclass
class _Cluster:
    """Mentions grouped so far as one entity, with the titles found for them."""

    mentions: list[_Mention] = field(default_factory=list)
    roles: list[tuple[int, int, str]] = field(default_factory=list)
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges

    @property
    def cased(self) -> list[_Mention]:
        """The mentions in the article's own case: a name also printed in capitals
        (the dateline's "PORTVALE", a shouted headline) is spelt and tagged as the
        running text has it; the parser often takes a capitalised dateline for an
        organisation."""
        return [m for m in self.mentions if not m.shouted] or self.mentions

    @property
    def fullest(self) -> _Mention:
        """The mention with the most words (the earliest among equals), in the
        article's own case."""
        return max(self.cased, key=lambda m: (len(m.name_words), -m.start))

    def gender(self, doc: Doc) -> str | None:
        """The gender its honorifics and titles show, None when unknown or mixed."""
        genders = {m.gender for m in self.mentions} | {
            title_gender(doc[s:e].text) for m in self.mentions for s, e in m.titles}
        genders.discard(None)
        return genders.pop() if len(genders) == 1 else None

    @property
    def label(self) -> str:
        """A person's when a mention shows one (`_shows_a_person`: the tagger calls
        a lone surname an organisation or a product about as often as a person, and
        sometimes a full name: "Nathaly Arriola, executive director of …"); else the
        fullest name's label when it has several words, else the majority of its
        mentions."""
        fullest = self.fullest
        shown = any(m.person_sign for m in self.cased)
        if len(fullest.name_words) > 1:
            return "PERSON" if shown and fullest.label in PERSON_MISREAD_LABELS \
                else fullest.label
        if shown:
            return "PERSON"
        votes = Counter(m.label for m in self.cased)
        return max(votes, key=lambda label: (votes[label], label == "PERSON"))

    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Token bounds of a name without determiners, titles, possessives, punctuation,
    a closing preposition or conjunction, and, for a person, a closing weekday
    ("Trump Friday authorized …"), a sentence's opening conjunction or adverb that
    the tagger ran into the name ("Plus Obama is nominating …"), a role noun opening
    a sentence ("Spokeswoman Jen Psaki said …", "Historian Colin Gordon has …"), a
    sentence's opening participle ("Defying Trump's pledge …") or a
    form of address the tagger took in ("Bishop Budde" is Budde, whom another
    sentence calls Mariann Edgar Budde)."""
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct
                           or (label == "PERSON" and end - start > 1
                               and (_word(doc[start].text)
                                    in TITLE_WORDS | ROLE_SYNONYMS.keys() | ADDRESS_TITLES
                                    | ROLE_QUALIFIERS
                                    or doc[start].lower_.rstrip(".") in HONORIFICS
                                    or doc[start].pos_ in ("CCONJ", "SCONJ", "ADV")
                                    or _opens_before_given_name(doc, start, end)
                                    or _opening_participle(doc, start)))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].is_space
                           # "Hakeem Jeffries of" before "New York": the span's edge
                           # cut a phrase, not a name; "Trump Friday authorized": a
                           # time, not a name
                           or doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")
                           or (label == "PERSON" and end - start > 1
                               and doc[end - 1].text in WEEKDAYS)):
        end -= 1
    if start > 1 and doc[start - 1].lower_ in ("of", "in") and (
            _word(doc[start - 2].text) in TITLE_WORDS or doc[start - 2].text[:1].isupper()):
        # "Secretary of Defense Jim Mattis", "Special Agent in Charge Jill Schneider":
        # the title's end ran into the name
        given = next((t.i for t in doc[start:end - 1] if _is_given_name(t)), start)
        start = given if not _is_given_name(doc[start]) else start
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:end]):
        end = opened[-1]  # "the Center on Global Energy Policy (CGEP) at …"
    possessives = [t.i for t in doc[start:end] if t.tag_ == "POS"]
    if possessives and label == "PERSON":  # "Mitt Romney's Medicare": the person
        end = possessives[0]
    elif possessives:  # "Trump's Twitter" names Twitter
        start = possessives[-1] + 1
    return start, end


#: The endings of nouns for what people do ("historian", "activist", "lawyer",
#: "professor", "attendant", "nominee", "actress").
_AGENT_NOUN = re.compile(r"[A-Z][a-z]+(?:ian|ist|yst|er|or|ant|ent|ee|ess)")


def _opens_before_given_name(doc: Doc, start: int, end: int) -> bool:
    """Is the first word of a name of three words or more a noun for what people do,
    opening a sentence, that is no given name, before one that is ("Historian Colin
    Gordon")? Then it is the person's role, capitalised as a sentence's first word
    ("Deval Patrick Names …", a headline, keeps its unlisted given name)."""
    genders = _given_name_genders()
    return end - start > 2 and doc[start].is_sent_start \
        and _AGENT_NOUN.fullmatch(doc[start].text) is not None \
        and doc[start].lower_ not in genders and doc[start + 1].lower_ in genders


def _opening_participle(doc: Doc, start: int) -> bool:
    """Is the first word of a name a sentence's opening participle, capitalised as
    the first word, that is no given name ("Defying Trump's pledge …", "Praising
    Obama's speech …", tagged as one person)?"""
    word = doc[start]
    return word.is_sent_start and word.lower_.endswith("ing") and len(word) > 5 \
        and not _is_given_name(word)


#: Words of a subhead at most ("Shooter identified", "What comes next").
SUBHEAD_WORDS = 5


def _is_headline(sentence: DocSpan) -> bool:
    """A title-case paragraph of its own ("Obama Says Museum Tells…") or a subhead
    (a few words with no full stop, one in lower case: "Shooter identified"), where
    capitals mark no names."""
    doc = sentence.doc
    alone = ((sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws)
             and (sentence.end == len(doc) or "\n" in sentence[-1].text_with_ws
                  or "\n" in doc[sentence.end].text))
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    # a subhead has a word in lower case: a name alone ("John Kasich" over his part
    # of a list) is that name in full
    subhead = len([t for t in sentence if t.is_alpha]) <= SUBHEAD_WORDS \
        and not any(t.is_punct for t in sentence) and any(t.is_lower for t in sentence)
    return alone and (subhead or len(words) >= 3 and all(t.text[:1].isupper() for t in words))


def _hyphenated_end(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name the tagger stopped at a hyphen inside its last word
    ("Yoon Suk-yeol" tagged "Yoon Suk"). Only for names of two words or more, and not
    when the hyphenated word modifies a noun after it ("a Joe Biden-era policy")."""
    while (end - start >= 2 and end + 2 <= len(doc) and doc[end].text == "-"
           and not doc[end - 1].whitespace_ and not doc[end].whitespace_
           and doc[end + 1].is_alpha and doc[end + 1].ent_iob_ != "B"
           and (end + 2 == len(doc) or doc[end + 2].pos_ not in ("NOUN", "PROPN", "ADJ"))):
        end += 2
    return end


def _mention(doc: Doc, start: int, end: int, label: str, common: frozenset[str],
             headline: frozenset[int]) -> _Mention | None:
    if label == "PERSON":
        end = _hyphenated_end(doc, start, end)
    start, end = _trim(doc, start, end, label)
    if start < end and start in headline:
        # In a headline, a word the article elsewhere writes in lower case is no name.
        while start < end and doc[start].lower_ in common:
            start += 1
        while end > start and doc[end - 1].lower_ in common:
            end -= 1
    if start >= end or _names_nothing(doc, start, end, label):
        return None
    if label == "NORP" and _names_a_place(doc, start, end):
        label = "GPE"
    elif label == "PERSON" and _names_a_building(doc, start, end):
        label = "FAC"
    written = _POSSESSIVE.sub("", doc[start:end].text)
    if not any(ch.isalpha() for ch in written) or "\n" in written:
        return None
    char_start = doc[start].idx
    # a writer's insertion in brackets is part of the name ("[Andrew] Brunson")
    text = " ".join(written.replace("[", "").replace("]", "").split())
    return _Mention(start, end, text, label, char_start, char_start + len(written))


def _names_nothing(doc: Doc, start: int, end: int, label: str) -> bool:
    """A lone word starting with a digit that describes a noun ("3D printers",
    "4K screens"), a lone adjective that is no group's ("Bombastic talk show host
    Glenn Beck" opening an article), or a time zone ("At 12:11 a.m. ET, the
    campaign …"): the tagger calls it an organisation or a person, but it names
    nothing. A digit-led name used as a noun ("3M fell", "the G7 summit") and a
    group's adjective ("Republican lawmakers") stay."""
    if end - start != 1:
        return False
    word = doc[start]
    return (word.text[0].isdigit() and word.dep_ == "amod") or (
        word.tag_ == "JJ" and label != "NORP") or word.text in TIME_ZONES


#: Last words of the names of buildings and places people's names are given to
#: ("Trump Tower", "Kennedy Center", "Reagan National Airport").
BUILDING_WORDS = frozenset({
    "tower", "towers", "hotel", "building", "center", "centre", "plaza", "hall",
    "airport", "stadium", "arena", "memorial", "bridge", "tunnel", "library",
    "museum", "hospital", "mall", "garden", "gardens", "square", "park", "boulevard",
    "avenue", "street", "highway", "dam", "resort", "casino", "estate", "lodge"})


def _names_a_building(doc: Doc, start: int, end: int) -> bool:
    """A name the tagger calls a person that ends with a word for a building or a
    place and opens with no given name ("Trump Tower"; "John Tower", "Frank Church"
    stay people)."""
    return end - start > 1 and doc[end - 1].lower_ in BUILDING_WORDS \
        and not _is_given_name(doc[start])


def _names_a_place(doc: Doc, start: int, end: int) -> bool:
    """A name the tagger calls a group (NORP) that the sentence uses as a place: one
    proper noun before a word for a part of a town or country ("the Eastquay
    district") or after "the people of" ("the people of Eastquay"). Demonyms are
    adjectives or plurals there ("the Kurdish region", "the people of Americans" is
    no English), and "Islamic State" is no district."""
    if end - start != 1 or doc[start].tag_ != "NNP":
        return False
    token = doc[start]
    if token.dep_ == "compound":
        return token.head.lower_ in PLACE_PART_NOUNS
    return (token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.lower_ in RESIDENT_NOUNS)


def _headline_tokens(doc: Doc) -> frozenset[int]:
    return frozenset(t.i for s in doc.sents if _is_headline(s) for t in s)


def _name_mentions(doc: Doc, headline: frozenset[int]) -> list[_Mention]:
    common = frozenset(t.text for t in doc if t.is_lower)
    mentions = [m for m in (_mention(doc, e.start, e.end, e.label_, common, headline)
                            for e in doc.ents if e.label_ in NAME_LABELS) if m is not None]
    body = {name_key(m.text) for m in mentions if m.start not in headline}
    mentions = [_headline_trimmed(doc, m, body) if m.start in headline else m
                for m in mentions]
    text = doc.text  # Doc.text joins every token anew on each access
    mentions = [_with_given_name(doc, text, m) for m in mentions]
    for mention in mentions:
        if mention.start and mention.label in PERSON_MISREAD_LABELS:
            mention.gender = honorific_gender(doc[mention.start - 1])
            mention.titles = _titles(doc, mention)
            mention.person_sign = _shows_a_person(doc, mention)
    return mentions


def _with_given_name(doc: Doc, text: str, mention: _Mention) -> _Mention:
    """A person's name with the given name the tagger left out, a capitalised word
    right before it that the article elsewhere writes before the surname ("Reality
    Leigh Winner", tagged "Leigh Winner", where a quote says "Reality Winner":
    unusual given names are read as common nouns) or a given name right after a
    title ("Mayor Carmen Yulin Cruz", tagged "Yulin Cruz"). `text` is the doc's
    text."""
    if mention.label != "PERSON" or not mention.start or mention.end - mention.start < 2:
        return mention
    before = doc[mention.start - 1]
    # a title ends a phrase of its own ("Minority Leader", "Jesuit Father") or is a
    # form of address ("Father Reese", "Coach Lee"); a given name is neither
    if not (before.is_alpha and before.is_title and before.pos_ in ("NOUN", "PROPN", "ADJ")) \
            or before.ent_type_ or any(before.children) \
            or _word(before.text) in TITLE_WORDS | ADDRESS_TITLES \
            or before.lower_.rstrip(".") in HONORIFICS:
        return mention
    short = f"{before.text} {doc[mention.end - 1].text}"
    after_title = mention.start > 1 and _is_given_name(before) \
        and _word(doc[mention.start - 2].text) in TITLE_WORDS  # "Mayor Carmen Yulin Cruz"
    if not after_title and re.search(rf"\b{re.escape(short)}\b", text) is None:
        return mention
    start = mention.start - 1
    return replace(mention, start=start, char_start=doc[start].idx,
                   text=f"{before.text}{before.whitespace_}{mention.text}")


def _shows_a_person(doc: Doc, mention: _Mention) -> bool:
    """Whether a mention is a person's by more than the tagger's word: an honorific
    ("Mr. Comey", "Dr. Fauci"), a title ending in a title word ("President Trump",
    "Trump, the president,"; "tech giant Google" is no person) or headed by a
    person's role ("Nathaly Arriola, executive director of Need to Impeach,"), or a
    title of a department run into the name ("Secretary of Defense Jim Mattis").
    A role that owns the name ("the State Attorney's Office for the District") is
    no sign: the name is the role holder's office, not a person."""
    return doc[mention.start - 1].lower_.rstrip(".") in HONORIFICS or _title_of_before(
        doc, mention.start) is not None or any(
        _word(doc[end - 1].text) in TITLE_WORDS
        or _root(doc, start, end).lower_ in PERSON_ROLE_NOUNS
        for start, end in mention.titles if doc[end - 1].tag_ != "POS")


def _title_of_before(doc: Doc, start: int) -> int | None:
    """Where a title word and "of" before capitalised words right before `start`
    begin ("Secretary of Homeland Security Kirstjen Nielsen"), else None."""
    for k in range(start - 2, max(start - 6, 0) - 1, -1):
        if doc[k].lower_ == "of":
            return k - 1 if k > 0 and _word(doc[k - 1].text) in TITLE_WORDS and all(
                t.text[:1].isupper() for t in doc[k + 1:start]) else None
    return None


def _without_run_together(mentions: list[_Mention]) -> list[_Mention]:
    """The mentions without two surnames the tagger read as one person's name where
    a scraper ran two lines together ("… some distance from Obama" + "Clinton is
    tied to …" as "Obama Clinton"): a two-word name whose both words end the full
    names of two other people in the article."""
    full = [m.name_words for m in mentions if m.label == "PERSON" and len(m.name_words) > 1]

    def run_together(mention: _Mention) -> bool:
        words = mention.name_words
        return (mention.label == "PERSON" and len(words) == 2 and words[0] != words[1]
                and all(any(name[-1] == word and name != words for name in full)
                        for word in words))

    return [m for m in mentions if not run_together(m)]


def _headline_trimmed(doc: Doc, mention: _Mention, body: set[str]) -> _Mention:
    """A headline mention cut to the longest name the body uses at its start or
    end ("Obama Says" -> "Obama"), since headline capitals run names into words."""
    if name_key(mention.text) in body:
        return mention
    for size in range(mention.end - mention.start - 1, 0, -1):
        for start in (mention.start, mention.end - size):
            part = doc[start:start + size]
            if name_key(part.text) in body:
                return _Mention(start, start + size, part.text, mention.label,
                                part.start_char, part.end_char)
    return mention


def _root(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it (the last as fallback)."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "punct",
                               "case"})


def _premodifies(token: Token, end: int) -> bool:
    """Whether `token` is part of a noun phrase premodifying the tokens up to `end`."""
    if token.is_space or token.dep_ not in _PREMODIFIER_DEPS:
        return False
    if token.dep_ == "case":  # the "'s" of a possessor ("Hillary Clinton's aide")
        return token.head.i == token.i - 1
    if token.dep_ == "punct" and token.text not in ("-", "‐"):
        return False
    return token.i < token.head.i < end


def _prenominal_title(doc: Doc, mention: _Mention) -> tuple[int, int] | None:
    """"Prime Minister" of "Japanese Prime Minister Fumio Kishida" (token range).

    The title is the run of modifiers left of the name whose heads lie further
    right, inside the title or the name (compounds, adjectives, possessors with
    their "'s"): a noun phrase premodifying the name, as dependency parses give it.
    """
    i = mention.start - 1
    while i >= 0 and _premodifies(doc[i], mention.end):
        i -= 1
    if i == mention.start - 1:
        # The parse missed it ("President Trump's State of the Union …" read with
        # "President" as the subject): capitalised title words right before the
        # name are its title all the same.
        while i >= 0 and doc[i].text[:1].isupper() and _word(doc[i].text) in TITLE_WORDS:
            i -= 1
    if i == mention.start - 1:  # "Secretary of State John Kerry", "State" tagged ORG
        i = (_title_of_before(doc, mention.start) or mention.start) - 1
    start = i + 1
    while start < mention.start and (honorific_gender(doc[start]) is not None
                                     or doc[start].lower_.rstrip(".") in HONORIFICS):
        start += 1
    end = mention.start
    while end > start and (doc[end - 1].lower_.rstrip(".") in HONORIFICS):
        end -= 1
    # A title word the tagger ran into the name ("President Trump" as one PERSON)
    # is a title all the same.
    if start < end and any(t.pos_ in ("NOUN", "PROPN")
                           and (not t.ent_type_ or _word(t.text) in TITLE_WORDS)
                           for t in doc[start:end]):
        return start, end
    return None


def _appositive_title(doc: Doc, mention: _Mention) -> tuple[int, int] | None:
    """"the foreign minister" of "Wang Yi, the foreign minister," or the reverse order.

    The apposition's noun phrase up to its first comma, without its determiner;
    a person's title is a singular noun ("its neighbors, especially Taiwan" is not)
    and, before the name, stands right before its comma ("An image posted by the
    official, Fabio Wajngarten", parsed as the image's apposition, is no title).
    """
    root = _root(doc, mention.start, mention.end)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < mention.start:
        phrase = [t for t in root.head.subtree if t.i < root.i and t.i not in
                  range(mention.start, mention.end)]
        stop = next((t.i for t in phrase if t.text == "," or t.dep_ in ("relcl", "acl")),
                    mention.start - 1)
        if stop != mention.start - 1:
            return None
    else:
        phrase = next(([t for t in child.subtree] for child in root.children
                       if child.dep_ == "appos" and child.pos_ == "NOUN"
                       and child.i >= mention.end), [])
    tokens: list[Token] = []
    for token in phrase:
        if token.text == "," or token.dep_ in ("relcl", "acl"):
            break
        tokens.append(token)
    if tokens and tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].tag_ in FINITE_TAGS:
        return None  # the subject of the verb after it ("David Petraeus, a senior
        # defense official told POLITICO"), which the parse hung on the name
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if (tokens and len(tokens) <= 10 and tokens[0].tag_ != "PRP$"
            and _root(doc, tokens[0].i, tokens[-1].i + 1).tag_ == "NN"):
        return tokens[0].i, tokens[-1].i + 1
    return None


def _titles(doc: Doc, mention: _Mention) -> list[tuple[int, int]]:
    titles = (_prenominal_title(doc, mention), _appositive_title(doc, mention))
    return [t for t in titles if t is not None]


#: How many times more often than any other bearer a person must be named for a
#: surname the tagger missed to be theirs.
DOMINANT_BEARER = 3


def _untagged_repeats(doc: Doc, clusters: list[_Cluster]) -> None:
    """Pass 5: one-word names where spaCy tagged nothing.

    The statistical tagger misses names it tags elsewhere in the same article
    ("Akin, however, continued" after "Rep. Todd Akin"; "WHO officials" after "the
    World Health Organization"): a capitalised proper noun, or a capitalised subject
    the tagger read as a verb ("May would not say"), standing alone whose text is a
    person's known name or surname joins that person (not a date: "in May"), and a
    word in capitals that spells an organisation's acronym joins the organisation.
    """
    tagged = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    known: dict[str, _Cluster | None] = {}
    bearers: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.label == "PERSON":
            for mention in cluster.mentions:
                known.setdefault(" ".join(mention.name_words), cluster)
            bearers.setdefault(cluster.fullest.name_words[-1], []).append(cluster)
        else:
            for acronym in acronyms(cluster.fullest.words):
                known.setdefault(acronym.upper(), cluster)
    for surname, people in bearers.items():
        # a surname two people bear is the one the article names far more often
        # ("Robert Unanue", 11 times, and his grandfather once), else nobody's
        people.sort(key=lambda c: len(c.mentions), reverse=True)
        known[surname] = people[0] if len(people) == 1 or len(people[0].mentions) >= \
            DOMINANT_BEARER * len(people[1].mentions) else None
    for token in doc:
        if token.i in tagged or not token.is_alpha or token.ent_type_ in ("DATE", "TIME"):
            continue  # "a concert in May" is no Theresa May
        if token.is_upper and len(token) > 1:
            cluster = known.get(token.text)
        # a subject the tagger read as a verb is a name too ("May would not say"), as
        # is a sentence's first word parsed as its verb ("Trump notes at the outset
        # that …", "trump" the verb)
        elif (token.pos_ == "PROPN" or token.dep_ in ("nsubj", "nsubjpass")
              or token.dep_ == "ROOT" and token.is_sent_start) \
                and token.is_title and not any(
                t.pos_ == "PROPN" for t in (doc[token.i - 1] if token.i else token,
                                            doc[min(token.i + 1, len(doc) - 1)])
                if t.i != token.i):
            cluster = known.get(name_key(token.text))
        elif token.pos_ == "PROPN" and token.is_title and token.i \
                and _given_name_before(doc, token) and doc[token.i - 1].i not in tagged:
            # a full name the tagger missed whose surname is known ("Reince Priebus,
            # the White House chief of staff, was asked …")
            cluster = known.get(name_key(token.text))
            if cluster is not None and cluster.label == "PERSON" \
                    and len(cluster.fullest.name_words) == 1:  # no given name known yet
                given = doc[token.i - 1]
                cluster.mentions.append(_Mention(given.i, token.i + 1,
                                                 doc[given.i:token.i + 1].text, "PERSON",
                                                 given.idx, token.idx + len(token.text)))
            continue
        else:
            continue
        if cluster is not None:
            cluster.mentions.append(_Mention(token.i, token.i + 1, token.text,
                                             cluster.fullest.label, token.idx,
                                             token.idx + len(token.text)))


def _given_name_before(doc: Doc, token: Token) -> bool:
    """Whether the word before `token` is a capitalised proper noun modifying it
    that opens the name (nothing proper before it): "Reince" of "Reince Priebus"."""
    given = doc[token.i - 1]
    return given.pos_ == "PROPN" and given.is_title and given.head.i == token.i \
        and given.dep_ in ("compound", "flat") and not is_title_noun(given) \
        and _word(given.text) not in TITLE_WORDS | ROLE_SYNONYMS.keys() | ADDRESS_TITLES \
        | ROLE_QUALIFIERS and given.lower_.rstrip(".") not in HONORIFICS and (
            given.i == 0 or doc[given.i - 1].pos_ != "PROPN")


def _exact_clusters(mentions: list[_Mention]) -> list[_Cluster]:
    """Pass 1: mentions with the same name key (and "Jr."-like suffix) are one
    entity."""
    by_key: dict[tuple, _Cluster] = {}
    for mention in mentions:
        key = (*mention.name_words, *generation(mention.text))
        by_key.setdefault(key, _Cluster()).mentions.append(mention)
    return list(by_key.values())


def _is_full_person(cluster: _Cluster) -> bool:
    fullest = cluster.fullest
    return fullest.label == "PERSON" and len(fullest.name_words) > 1


def _part_of_name(short: _Mention, full: list[str]) -> bool:
    """`short` names the person `full`: the surname(s), or the first name alone
    when spaCy calls it a person ("Jordan" the country is not "Jordan Smith")."""
    words = short.name_words
    n = len(words)
    return n < len(full) and (full[-n:] == words or (
        n == 1 and short.label == "PERSON" and full[0] == words[0]))


def _person_passes(doc: Doc, clusters: list[_Cluster], headline: frozenset[int]
                   ) -> list[_Cluster]:
    """Pass 2: full person names merge; shorter names join a full name.

    A surname or first name goes to a full name it agrees with in gender ("Mr.
    Cruz" is not "Heidi Cruz, his wife"); among several, to the one the article
    introduced first, as news names its main actor first and later bearers of the
    surname by full or first name ("Trump" after "Donald Trump" and "Melania Trump").
    A name the body uses twice or more before any full name it could be part of
    names someone the article never introduces in full, a person too well known to
    need it ("President Trump" throughout, "first lady Melania Trump" once): it stays
    its own, and so do its later uses of the same name; so does a surname named
    before a full name that comes in as someone's relative (`_named_before_kin`). A
    headline's or a dek's one short name before the full name ("During a visit to
    Seoul, Stoltenberg …") is the usual way in, not such a person. `headline` holds
    the headlines' tokens.
    """
    full: list[_Cluster] = []
    rest: list[_Cluster] = []
    for cluster in clusters:
        target = next((f for f in full if _is_full_person(cluster)
                       and same_person(f.fullest.name_words, cluster.fullest.name_words)
                       and generation(f.fullest.text) == generation(cluster.fullest.text)),
                      None)
        if target is not None:
            target.mentions.extend(cluster.mentions)
        elif _is_full_person(cluster):
            full.append(cluster)
        else:
            rest.append(cluster)
    leftover: list[_Cluster] = []
    for cluster in rest:
        stays = _Cluster()
        body = sorted(m.start for m in cluster.mentions if m.start not in headline)
        for mention in cluster.mentions:
            candidates = [f for f in full if mention.label in PERSON_MISREAD_LABELS
                          and _part_of_name(mention, f.fullest.name_words)
                          and genders_agree(f.gender(doc), mention.gender)]
            target = min(candidates, key=_Cluster.first, default=None)
            if target is not None and (len(body) > 1 and body[1] < target.first()
                                       or _named_before_kin(cluster, target, doc, headline)):
                target = None  # named twice before the full name came, or before a
                # relative's: someone else
            (target or stays).mentions.append(mention)
        if stays.mentions:
            leftover.append(stays)
    return full + leftover


#: Words that introduce a person as someone's relative, who shares their surname
#: ("first lady Melania Trump", "Heidi Cruz, his wife,").
KIN_WORDS = frozenset({"wife", "husband", "widow", "widower", "spouse", "daughter", "son",
                       "stepdaughter", "stepson", "brother", "sister", "mother", "father",
                       "granddaughter", "grandson", "grandmother", "grandfather", "niece",
                       "nephew", "first lady"})


def _introduced_as_kin(doc: Doc, mention: _Mention) -> bool:
    """Whether a full name is introduced as someone's relative: a kin word just
    before it ("first lady Melania Trump", "his wife Heidi") or in an apposition
    right after it ("Ivanka Trump, the president's daughter,")."""
    before = [t.lower_ for t in doc[max(mention.start - 2, 0):mention.start]]
    after = []
    if mention.end < len(doc) and doc[mention.end].text == ",":
        for token in doc[mention.end + 1:mention.end + 7]:
            if token.is_punct:
                break
            after.append(token.lower_)
    return bool(KIN_WORDS & {*before[-1:], " ".join(before), *after, " ".join(after[-2:])})


def _named_before_kin(short: _Cluster, full: _Cluster, doc: Doc,
                      headline: frozenset[int]) -> bool:
    """Whether the body names `short` before `full` comes in as someone's relative
    ("President Trump is heading to Puerto Rico … First lady Melania Trump will
    accompany President Trump"): the relative is the later bearer of the surname."""
    first = min((m for m in full.mentions if len(m.name_words) > 1), key=lambda m: m.start)
    surname = short.fullest.name_words  # the surname they share, not the relative's
    # given name ("Scott's older brother, Anthony, … Anthony Scott, brother of …")
    return first.name_words[-len(surname):] == surname and _introduced_as_kin(doc, first) \
        and any(m.start < full.first() and m.start not in headline for m in short.mentions)


def genders_agree(a: str | None, b: str | None) -> bool:
    """Two genders agree unless both are known and differ."""
    return a is None or b is None or a == b


#: Salience factors of a mention (Lappin & Leass, 1994): its sentence's recency, and
#: emphasis for a subject, a direct object, a mention that heads its noun phrase (not
#: a possessor or modifier inside another: "President Bush's administration") and one
#: outside an adverbial prepositional phrase ("during President Bush's tenure").
_RECENCY, _SUBJECT, _OBJECT, _HEAD_NOUN, _NON_ADVERBIAL = 100, 80, 50, 80, 50


def _salience(doc: Doc, mention: _Mention) -> int:
    """A mention's Lappin & Leass salience in its own sentence."""
    root = _root(doc, mention.start, mention.end)
    score = _RECENCY
    if root.dep_ in ("nsubj", "nsubjpass"):
        score += _SUBJECT
    elif root.dep_ == "dobj":
        score += _OBJECT
    if root.dep_ not in ("poss", "compound", "nmod", "amod", "appos"):
        score += _HEAD_NOUN
    if not any(t.dep_ == "pobj" for t in [root, *root.ancestors]):
        score += _NON_ADVERBIAL
    return score


def _most_salient(doc: Doc, clusters: list[_Cluster], position: int,
                  starts: list[int]) -> _Cluster | None:
    """The cluster most salient at token `position`, its mentions before it weighed
    by Lappin & Leass's factors, halved for each sentence back (so the latest
    mentioned wins among mentions alike: "Sen. Cole said … Sen. Park said … the
    senator added" is Park's, while "President Trump says he has chosen Wray, an
    official during President Bush's administration. The president wrote …" is
    Trump's). With no mention before it, the only cluster, all named after it: of
    two introduced later, either may be meant. `starts` are the doc's sentence starts."""
    here = bisect.bisect_right(starts, position)
    scores = []
    for n, cluster in enumerate(clusters):
        score = 0.0
        for mention in cluster.mentions:
            if mention.start < position:
                back = here - bisect.bisect_right(starts, mention.start)
                score += _salience(doc, mention) / 2 ** back
        if score:
            scores.append((score, max(m.start for m in cluster.mentions
                                      if m.start < position), n))
    if scores:
        return clusters[max(scores)[2]]
    return clusters[0] if len(clusters) == 1 else None


def acronyms(words: list[str]) -> set[str]:
    """Acronyms a multi-word name may go by, with and without its small words."""
    if len(words) < 2:
        return set()
    content = [w for w in words if w not in ACRONYM_STOPWORDS]
    return {"".join(w[0] for w in content), "".join(w[0] for w in words if w != "the")}


def _acronym_pass(clusters: list[_Cluster]) -> list[_Cluster]:
    """Pass 3: an all-capitals short name joins the long name it abbreviates."""
    merged: list[_Cluster] = []
    long_names = {acronym: cluster for cluster in clusters
                  if cluster.label != "PERSON"
                  for acronym in acronyms(cluster.fullest.words)}
    for cluster in clusters:
        short = cluster.fullest
        letters = "".join(short.words)
        target = long_names.get(letters)
        if (target is not None and target is not cluster and short.label != "PERSON"
                and len(short.name_words) == 1 and short.text.replace(".", "").isupper()):
            target.mentions.extend(cluster.mentions)
        else:
            merged.append(cluster)
    return merged


# --- definite role descriptions ("the NATO chief") ---------------------------------

@dataclass(frozen=True)
class Role:
    """A title or description: the entities it names and its role words."""

    entities: frozenset[tuple[Hashable, str]]  # entities named inside it, with labels
    words: tuple[str, ...]  # the rest, lower case, hyphens split ("secretary", "general")
    former: bool = False  # a role held before ("former Vice President")


def role_of(words: Iterable[tuple[str, tuple[Hashable, str] | None]]) -> Role:
    """The role a title or description states from its words, each with the
    entity (identity, label) it is part of or None: entities apart, and the
    other words spelled out ("Sen." -> senator, "spokeswoman" -> spokesperson)
    without determiners, qualifiers, possessive marks and punctuation."""
    entities: set[tuple[Hashable, str]] = set()
    role: list[str] = []
    former = False
    for text, entity in words:
        word = _word(text)
        former = former or word == "former"
        if entity is not None:
            entities.add(entity)
        elif _POSSESSIVE.fullmatch(word) is None and any(c.isalnum() for c in word) \
                and word not in _DETERMINERS | ROLE_QUALIFIERS:
            word = ROLE_SYNONYMS.get(word, word)
            role.extend(w for w in re.split(r"[\s\-‐]", word) if w)
    if entities and role and role[-1] == "of":  # "Secretary of State", "head of NATO":
        role.pop()  # the body it is of is among the entities
    return Role(frozenset(entities), tuple(role), former)


def _role(tokens: Iterable[Token], owner: dict[int, int], labels: list[str]) -> Role:
    """The role a title or description of the parsed article states."""
    return role_of((t.text, (owner[t.i], labels[owner[t.i]]) if t.i in owner else None)
                   for t in tokens)


def _leading_role(role: Role) -> int:
    """How many final words of the role name a leading one ("secretary general":
    2, "union president": 1), 0 when it is not one."""
    text = " ".join(role.words)
    return max((len(lead.split()) for lead in LEADING_ROLES
                if text == lead or text.endswith(" " + lead)), default=0)


def _entities_agree(description: Role, title: Role) -> bool:
    """The description names no entity the title contradicts: each of its entities
    is in the title, or the title names none of that kind ("the Texas governor"
    fits "Gov. Rick Perry"; "the Chinese spokeswoman" is not a French one)."""
    return all(entity in title.entities
               or all(kind != entity[1] for _, kind in title.entities)
               for entity in description.entities)


def role_matches(description: Role, title: Role, strict: bool) -> bool:
    """Whether a definite description can name the holder of `title`.

    Strictly, its role words end the title's ("the spokeswoman", "the foreign
    ministry spokeswoman"), or one side is a generic leader word and the other a
    leading role ("the NATO chief" for "NATO Secretary-General", "the secretary
    general" for "NATO chief"; a state's, only of the body the title names: "the
    prime minister" is no "Ukip leader"). Loosely, the two
    share their head noun ("the liberal icon justice" for "Justice"). A title's
    "secretary of defense" reads as "defense secretary". A former holder is
    described as one ("the former vice president" is not Vice President Pence).
    """
    if not description.words or not title.words or not _entities_agree(description, title) \
            or description.former != title.former:
        return False
    if "of" in title.words:  # a title's "secretary of defense" is a defense secretary
        of = title.words.index("of")
        title = replace(title, words=title.words[of + 1:] + title.words[:of])
    if not strict:
        # a rank the title lacks makes the description another role ("the deputy
        # attorney general" is not "Attorney General Jeff Sessions")
        return (description.words[-1] == title.words[-1] and not _subordinate(title, 1)
                and SUBORDINATE_RANKS.isdisjoint(set(description.words) - set(title.words)))
    n = len(description.words)
    if title.words[-n:] == description.words:
        return not _subordinate(title, n)
    if description.words[-1] in GENERIC_LEADERS:
        role, modifiers = _leading_role(title), description.words[:-1]
    elif title.words[-1] in GENERIC_LEADERS:
        role = _leading_role(description)
        modifiers = description.words[:len(description.words) - role]
        if " ".join(description.words[-role:]) in STATE_LEADERS \
                and not title.entities <= description.entities:
            return False  # "the prime minister" is no "Ukip leader"
    else:
        return False
    # "the NATO chief" leads what it names: NATO must be in the title itself.
    return (role > 0 and description.entities <= title.entities
            and set(modifiers) <= set(title.words)
            and not _subordinate(title, role if title.words[-1] not in GENERIC_LEADERS else 1))


def _subordinate(title: Role, n: int) -> bool:
    """Whether the title's last `n` words follow a rank that makes them another
    role (`SUBORDINATE_RANKS`: "Vice President")."""
    return len(title.words) > n and title.words[-n - 1] in SUBORDINATE_RANKS


def _predicative(token: Token) -> bool:
    """Whether a noun phrase is predicated of another: a copula's complement ("who
    was then the deputy attorney general") or what "as" makes of someone ("a stint
    as the assistant attorney general")."""
    return token.dep_ in ("attr", "oprd") or (
        token.dep_ == "pobj" and token.head.lower_ == "as")


def is_title_noun(token: Token) -> bool:
    """A proper noun the tagger made of a common one: lower case ("the president
    said"), or a title some outlets capitalise ("the President urged")."""
    return token.pos_ == "PROPN" and (token.is_lower or token.lower_ in TITLE_WORDS)


def _descriptions(doc: Doc, owner: dict[int, int]) -> Iterator[tuple[int, int, Token]]:
    """Definite noun phrases that may describe a person: "the (NATO) chief",
    "NATO's chief", "the head of NATO" (token range and head noun)."""
    for token in doc:
        if not (token.pos_ == "NOUN" or is_title_noun(token)) \
                or token.i in owner or token.dep_ == "compound":
            continue
        determiners = [c for c in token.children
                       if (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss"]
        if not determiners or determiners[0].lower_ in ("his", "her", "their", "its"):
            continue
        if _predicative(token):
            continue  # says what someone is, names no one
        start = min(t.i for t in determiners[0].subtree)
        end = token.i + 1
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [o for o in (of[0].children if of else []) if o.dep_ == "pobj"]
        if objects and objects[0].i in owner:
            end = max(t.i for t in objects[0].subtree) + 1
        yield start, end, token


def _role_pass(doc: Doc, clusters: list[_Cluster]) -> None:
    """Pass 4: definite role descriptions join the person holding that role.

    Strict matches first, loose ones only when there is no strict one; with
    several holders the one most salient before the description wins; a
    description before any holder (a lead giving the role first, the name later)
    joins the one holder named after it, and stays unlinked between two, as do
    descriptions that fit nobody.
    """
    owner = {i: n for n, c in enumerate(clusters) for m in c.mentions
             for i in range(m.start, m.end)}
    labels = [c.label for c in clusters]
    holders = [(n, _role(doc[s:e], owner, labels)) for n, c in enumerate(clusters)
               if c.label == "PERSON" for s, e in c.titles]
    if not holders:
        return
    in_titles = {i for c in clusters for s, e in c.titles for i in range(s, e)}
    starts = [sentence.start for sentence in doc.sents]
    for start, end, head in _descriptions(doc, owner):
        if head.i in in_titles:
            continue  # the title itself, not a later description
        after = [t for t in doc[head.i + 1:end] if t.i in owner]  # "head of NATO"
        description = _role([*doc[start:head.i + 1], *after], owner, labels)
        for strict in (True, False):
            candidates = {n for n, title in holders
                          if role_matches(description, title, strict)}
            if not candidates:
                continue
            target = _most_salient(doc, [clusters[n] for n in sorted(candidates)], start,
                                   starts)
            if target is not None and _introduced_soon_after(target, start, starts):
                span = doc[start:end]
                target.roles.append((span.start_char, span.end_char, span.text))
            break  # an ambiguous strict match is not settled by a loose one


#: Sentences within which a holder named only after a description of their role must
#: come for the description to be theirs: a lead's "the NATO chief said …" names him
#: in the next sentences, while a role described pages before a holder is named is
#: another holder's ("The secretary didn't care" about Hagel, twelve sentences before
#: "Secretary of State John Kerry"; "Then the governor told cities …", four sentences
#: before "Governor Jerry Brown", is his).
ROLE_LOOKAHEAD = 6


def _introduced_soon_after(cluster: _Cluster, position: int, starts: list[int]) -> bool:
    """Whether `cluster` is named before token `position` or within `ROLE_LOOKAHEAD`
    sentences after it (`starts`: the doc's sentence starts)."""
    first = cluster.first()
    return first < position or bisect.bisect_right(starts, first) \
        - bisect.bisect_right(starts, position) <= ROLE_LOOKAHEAD


def _entity(doc: Doc, cluster: _Cluster) -> NamedEntity:
    name = cluster.fullest.text
    spans = sorted({Span(m.char_start, m.char_end) for m in cluster.mentions}
                   | {Span(s, e) for s, e, _ in cluster.roles}, key=lambda s: s.start)
    aliases = dict.fromkeys(m.text for m in sorted(cluster.mentions, key=lambda m: m.start)
                            if m.text != name)
    aliases.update(dict.fromkeys(text for _, _, text in cluster.roles))
    titles = dict.fromkeys(doc[s:e].text for s, e in sorted(cluster.titles))
    return NamedEntity(name=name, label=cluster.label, mentions=tuple(spans),
                       aliases=tuple(aliases), titles=tuple(titles))


def named_entities(doc: Doc) -> tuple[NamedEntity, ...]:
    """The canonical entities of a parsed article, in order of first mention.

    Args:
        doc: the article parsed by the storylens pipeline (NER and parser).

    Returns:
        One `NamedEntity` per real-world entity: `name` is its fullest proper name,
        `mentions` every span naming or describing it, `aliases` its other names
        and definite descriptions, `titles` the roles the article gives it.

    Notes:
        A precision-first multi-pass sieve after Lee et al. (2013): exact match,
        person names (surname or first name to the nearest full name), acronyms,
        then definite role descriptions against the titles the article states.
        Pronouns are left to `speakers`, which resolves only quote sources.
    """
    headline = _headline_tokens(doc)
    clusters = _acronym_pass(_person_passes(
        doc, _exact_clusters(_without_run_together(_name_mentions(doc, headline))),
        headline))
    for cluster in clusters:
        if cluster.label == "PERSON":
            cluster.titles.extend(title for mention in cluster.mentions
                                  for title in mention.titles)
    _role_pass(doc, clusters)
    _untagged_repeats(doc, clusters)
    entities = sorted(clusters, key=_Cluster.first)
    return tuple(_entity(doc, cluster) for cluster in entities)
