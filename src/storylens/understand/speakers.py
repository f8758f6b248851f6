"""Speakers: the canonical name behind each quote's source mention.

An attribution's source is whatever the text says: a name ("Stoltenberg"), a
pronoun ("he added"), a role ("the NATO chief", "the senator"), an organisation or
a document ("the Chinese foreign ministry", "the joint statement"), or nothing at
all in a continuation paragraph. This module turns it into the canonical name of
the entity it denotes, using the article's `NamedEntity`s and the parsed `Doc`.

Pronouns are resolved in the manner of the Stanford sieve's pronoun pass (Lee et
al., 2013): agreement first (gender from honorifics, gendered role nouns and the
person's own pronouns in the article), then salience: a subject earlier in the
same sentence, then the speaker of the preceding quote (news prose keeps a quoted
speaker in focus: O'Keefe et al., 2012, "A sequence labelling approach to quote
attribution"), then the most recent subject within a short window. No one the
pronoun's own clause names is its antecedent (binding theory's principle C: "He
went on to call Nadler a liar"), and a document just named speaks for its author
("On Page 4 of Mueller's report, he writes"). An "it" holding the place of a clause
("it seems unlikely that …") names nobody. A source with nothing in reach stays
None: no guess across a clear gap.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..model import NamedEntity, Quote, Span
from .entities import (CALENDAR_WORDS, GENERIC_LEADERS, HONORIFICS, LEADING_ROLES,
                       PERSON_ROLE_NOUNS, TITLE_WORDS, genders_agree, given_name_gender,
                       honorific_gender, is_title_noun, name_key, title_gender)
from .quantities import singular
from .quotes.features import (SPEECH_VERBS, in_dateline, is_addressed, joint_speakers,
                              mention_range)
from .quotes.marks import QuoteIndex

#: Third-person singular pronouns and the gender they carry.
PERSONAL_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                     "she": "f", "her": "f", "hers": "f", "herself": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "it", "its", "their"})
FIRST_PERSON = frozenset({"i", "me", "my"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
#: Nouns for a member of a party, which news style uses for someone just named ("the
#: California Democrat", "the Texas Republican").
PARTY_MEMBERS = frozenset({"democrat", "republican"})
#: A party's adjective holding a stance ("Democratic calls for impeachment", "GOP
#: arguments"): its members speak.
PARTY_ADJECTIVES = {"democratic": "Democrats", "republican": "Republicans",
                    "gop": "Republicans"}

#: Heads of noun phrases that name an organisation able to "say" something
#: ("the ministry said").
INSTITUTION_NOUNS = frozenset({
    "government", "administration", "ministry", "department", "agency", "office",
    "committee", "council", "commission", "court", "campaign", "party", "police",
    "military", "army", "navy", "embassy", "company", "firm", "board", "parliament",
    "congress", "senate", "cabinet", "union", "alliance", "organization",
    "organisation", "coalition", "bank", "university", "institute", "foundation",
    "network", "newspaper", "authority", "authorities", "regime", "panel", "group",
    "movement", "house", "team", "staff", "service", "services", "hospital", "bureau",
    "regulator", "watchdog", "association", "federation", "corporation", "tribunal"})

#: Words for any organisation: "the company" is the one just named.
GENERIC_ORGANISATIONS = frozenset({"company", "firm", "group", "organization",
                                   "organisation", "business", "operator"})

#: Words for a body of members ("the alliance said"): they refer back to an
#: organisation whose name or acronym says it has members (`MEMBER_BODIES`).
ALLIANCE_NOUNS = frozenset({"alliance", "bloc", "coalition"})
#: Words in the names of such bodies, and the acronyms news names them by.
MEMBER_BODIES = frozenset({
    "treaty", "alliance", "union", "association", "pact", "coalition", "league", "bloc",
    "community", "nations", "nato", "eu", "asean", "opec", "brics", "mercosur", "aukus",
    "g7", "g20", "gcc"})

#: Documents, which speak for whoever issued them.
DOCUMENT_NOUNS = frozenset({
    "statement", "report", "document", "letter", "study", "survey", "poll", "memo",
    "communique", "declaration", "resolution", "filing", "lawsuit", "suit", "complaint",
    "ruling", "indictment", "analysis", "review", "audit", "ad", "advertisement",
    "tweet", "post", "video", "release", "op-ed", "editorial", "book", "speech",
    "remarks", "text", "transcript", "words", "comments", "comment", "remark",
    "testimony", "message", "response", "answer"})

#: Nouns news uses for a person it does not name ("the source said").
ANONYMOUS_NOUNS = frozenset({"source", "official", "aide", "person", "insider",
                             "witness", "spokesman", "spokeswoman", "spokesperson"})

#: How far back an antecedent may be, in sentences with narration (a quotation
#: running over several sentences counts as one).
WINDOW = 3

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Where a pronoun in a person's clause shows that person's gender: a subject ("Lee
#: said he agreed") or a possessive ("Merkel cited her talks with Trump").
_PRONOUN_EVIDENCE = _SUBJECTS | {"poss"}
#: Entity types of what a title is of ("Ambassador to the European Union").
_PLACE_OR_BODY = frozenset({"ORG", "GPE", "NORP", "LOC"})
#: Head nouns of a source that names no one: anonymous, or a role held by no one named.
_UNNAMED_NOUNS = ANONYMOUS_NOUNS | PERSON_ROLE_NOUNS
#: Head nouns of a description naming whoever leads something ("the NATO chief").
_LEADING_WORDS = GENERIC_LEADERS | {role for role in LEADING_ROLES if " " not in role}


class _Article:
    """The parsed article with its entity index, shared by the resolution steps."""

    def __init__(self, doc: Doc, entities: Sequence[NamedEntity],
                 quotes: Sequence[Quote]) -> None:
        self.doc = doc
        # What "according to X" attributes is still the writer's narration, its
        # subjects narrated ("Clinton criticized …, according to The Hill. '…,' she
        # said."): only other attributions' contents are someone's report.
        self.contents = [q.content for q in quotes if self.according_cue(q) is None
                         and not self._addressee_taken(q)]
        self.entities = entities
        self.owner: dict[int, int] = {}  # token index -> entity index
        text = doc.text
        for n, entity in enumerate(entities):
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for token in span or ():
                    # a dateline's agency filed the story: it is no one's antecedent
                    if not in_dateline(token, text):
                        self.owner.setdefault(token.i, n)
        self.marks = QuoteIndex(text)
        self.sentence_of = self._narrative_sentences()
        self.genders = _genders(self)

    def _narrative_sentences(self) -> dict[int, int]:
        """Token index -> index of its sentence, counting only sentences with some
        narration: the sentences inside a long quotation are one step, not many."""
        index, counted = {}, 0
        for sentence in self.doc.sents:
            for token in sentence:
                index[token.i] = counted
            counted += any(not t.is_punct and not t.is_space and not self.is_quoted(t)
                           for t in sentence)
        return index

    def token_at(self, offset: int) -> Token:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span else self.doc[-1]

    def _addressee_taken(self, quote: Quote) -> bool:
        """A content that is who was asked, before a passive asking ("Trump | was
        asked by a reporter if …"): the extractor's slip, no one's report, so the
        addressee stays a narrated subject for "he said" after it."""
        if quote.cue is None or quote.content.end > quote.cue.start:
            return False
        return is_addressed(self.token_at(quote.cue.start))

    def according_cue(self, quote: Quote) -> Token | None:
        """The "according" of an "according to X" attribution's cue, else None."""
        if quote.cue is None:
            return None
        cue = self.token_at(quote.cue.start)
        return cue if cue.lower_ == "according" else None

    def sentence(self, offset: int) -> int:
        return self.sentence_of[self.token_at(offset).i]

    def is_quoted(self, token: Token) -> bool:
        """Whether `token` is inside quotation marks (someone else's words)."""
        return self.marks.containing(token.idx) is not None

    def is_reported(self, token: Token) -> bool:
        """Whether `token` is inside some attribution's content (quoted or not)."""
        return any(c.start <= token.idx < c.end for c in self.contents)

    def is_person(self, n: int) -> bool:
        return self.entities[n].label == "PERSON"


def _mentions_in(article: _Article, tokens: Iterable[Token]) -> list[int]:
    return [article.owner[t.i] for t in tokens if t.i in article.owner]


def _genders(article: _Article) -> dict[int, str]:
    """Each person's gender as the article shows it, by majority of the evidence.

    Evidence: an honorific before a mention ("Ms. Mao"), a gendered noun in a
    title or description ("spokeswoman"), and the person's own pronouns: subject
    and possessive pronouns in the clause the person is the subject of
    ("Stoltenberg said he agreed", "Merkel cited her talks with Trump") when no one
    else is named before them there, and, when no one else is named in it at all,
    the subject pronoun opening the next sentence (Ge et al., 1998, "A statistical
    approach to anaphora resolution", gather gender from such pronoun
    co-occurrence). Where the article shows none of these, a given name nearly all
    women's or all men's ("Christine", "Brett").
    """
    votes: dict[int, Counter] = defaultdict(Counter)
    doc = article.doc
    for token in doc[1:]:
        n = article.owner.get(token.i)
        if n is not None and token.i - 1 not in article.owner:
            gender = honorific_gender(doc[token.i - 1])
            if gender:
                votes[n][gender] += 3
    for n, entity in enumerate(article.entities):
        for phrase in (*entity.titles, *entity.aliases):
            gender = title_gender(phrase)
            if gender:
                votes[n][gender] += 3
    for token in doc:
        n = article.owner.get(token.i)
        if n is None or not article.is_person(n) or token.dep_ not in _SUBJECTS \
                or article.is_quoted(token):
            continue
        clause = list(token.head.subtree)
        # someone else named before a pronoun of the clause may be whom it means
        others = [t.i for t in clause if article.owner.get(t.i, n) != n
                  and article.is_person(article.owner[t.i])]
        following = [t for t in clause if t.i > token.i
                     and not any(other < t.i for other in others)]
        sentence = token.sent
        if sentence.root == token.head and sentence.end < len(doc) and not others \
                and "\n" not in doc[sentence.end - 1:sentence.end + 1].text:
            # the next sentence of the same paragraph: one after a break may open
            # with someone else's pronoun (a pasted statement ends on "Hillary
            # Clinton wants …"; "(Yes, he actually wrote …)" is the writer's aside)
            following += [t for t in doc[sentence.end].sent if t.dep_ in _SUBJECTS
                          and t.head.dep_ == "ROOT"][:1]
        for pronoun in following:
            gender = PERSONAL_PRONOUNS.get(pronoun.lower_)
            if gender and pronoun.dep_ in _PRONOUN_EVIDENCE and not article.is_quoted(pronoun):
                votes[n][gender] += 1
    genders = {n: max(v, key=v.get) for n, v in votes.items()
               if len(v) == 1 or v.most_common(2)[0][1] > v.most_common(2)[1][1]}
    # the given name only where the article shows nothing: Lindsey Graham's "he"
    # outweighs a name mostly women bear
    for n, entity in enumerate(article.entities):
        if n not in votes and article.is_person(n) and (gender := given_name_gender(entity.name)):
            genders[n] = gender
    return genders


def _agrees(article: _Article, n: int, gender: str | None) -> bool:
    return article.is_person(n) and genders_agree(article.genders.get(n), gender)


def _head_entity(article: _Article, root: Token) -> int | None:
    """The entity a phrase headed by `root` names: its own, or its apposition's
    ("Hillary Clinton's campaign manager Robby Mook" is Mook, not Clinton), the
    person an apposition names before a group word the root is ("Another Florida
    Republican, Rep. Ileana Ros-Lehtinen,")."""
    own = article.owner.get(root.i)
    for child in root.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i in article.owner \
                and child.i > root.i:
            named = article.owner[child.i]
            if own is None or (child.dep_ == "appos"
                               and article.entities[own].label != "PERSON"
                               and article.entities[named].label == "PERSON"):
                return named
    return own


def _writes_in_own_document(owner: Token, pronoun: Token) -> bool:
    """Whether `owner` possesses a document the pronoun's verb is placed in ("On
    Page 4 of Mueller's report, he writes …", "In Lee's memo, she argues …"): the
    one writing there is its author, whoever was talked about before."""
    document, verb = owner.head, pronoun.head
    if owner.dep_ != "poss" or _noun_word(document) not in DOCUMENT_NOUNS:
        return False
    path = []
    for ancestor in document.ancestors:
        if ancestor == verb:
            return any(t.dep_ == "prep" and t.lower_ in ("in", "on") for t in path)
        path.append(ancestor)
    return False


def _document_just_named(article: _Article, pronoun: Token,
                         antecedents: Sequence[tuple[Token, int]]) -> int | None:
    """The person whose statement (speech, tweet…) the sentence before a "he said"
    ends on, the words then quoted being that statement ("Cruz was first to voice
    this opinion, but it was McConnell's statement that carried the most
    consequence. '…,' he said."); None when someone else is named after it (a
    reaction: "Lee's tweet angered Ruiz. '…,' he said.") or when the statement is
    named in what someone said ("Mathur said Ivanka Trump's statement didn't
    clarify the matter. '…,' she said"). `antecedents` are the pronoun's
    (`_antecedents`), reaching at least the sentence before it."""
    if pronoun.head.lower_ not in SPEECH_VERBS:
        return None
    here = article.sentence_of[pronoun.i]
    before = [(t, n) for t, n in antecedents
              if article.sentence_of[t.i] == here - 1 and article.is_person(n)]
    owners = [(t, n) for t, n in before if t.dep_ == "poss"
              and _noun_word(t.head) in DOCUMENT_NOUNS and not article.is_reported(t)]
    if len(owners) != 1 or any(t.i > owners[0][0].head.i for t, _ in before):
        return None
    return owners[0][1]


def _antecedents(article: _Article, before: Token, first_sentence: int
                 ) -> list[tuple[Token, int]]:
    """Entity mentions (head token, entity) from `first_sentence` up to `before`,
    latest first, leaving out names inside quotation marks (someone's words) and
    names that only modify a noun ("the Obama administration", "Trump supporters"):
    no one a pronoun goes on talking about."""
    found = []
    for token in reversed(article.doc[:before.i]):
        if article.sentence_of[token.i] < first_sentence:
            break
        n = article.owner.get(token.i)
        if n is None or article.is_quoted(token):
            continue
        if token.head.i in article.owner and article.owner[token.head.i] == n \
                and token.head.i != token.i:
            continue  # not the head of its mention
        if token.dep_ == "compound" and token.head.pos_ == "NOUN" \
                and token.head.i not in article.owner:
            continue  # a name modifying a noun ("former Obama administration staffers")
        found.append((token, n))
    return found


def _in_modifier(token: Token) -> bool:
    """Whether a word lies in a clause modifying another: relative, adverbial,
    adnominal or governed by a preposition ("Biden did another thing Obama did not",
    "when Obama spoke", "raised half of what Clinton did")."""
    return any(t.dep_ in ("relcl", "acl", "advcl", "pcomp") for t in [token, *token.ancestors])


def _in_noun_phrase(token: Token) -> bool:
    """Whether a name is the object of a preposition modifying a noun ("the portrait
    of Romney as out of touch"): someone talked about, not brought into the story."""
    return token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN")


def _is_subject(token: Token) -> bool:
    """A clause subject, also through an apposition or a conjunction of subjects,
    or the name of a subject title the parse hung under the title's preposition."""
    while token.dep_ in ("appos", "conj", "compound"):
        token = token.head
    if _named_after_title(token):
        token = token.head.head
    return token.dep_ in _SUBJECTS


def _named_after_title(token: Token) -> bool:
    """A name the parse made the object of its own title's preposition: in "US
    Ambassador to the European Union Gordon Sondland was directed …", "Sondland" is
    the object of "to" under the subject "Ambassador", the union a compound of the
    name. Only with such a name before it: in "the attorney for John Smith" the
    name is whom the title serves."""
    preposition = token.head
    return (token.dep_ == "pobj" and preposition.dep_ == "prep"
            and preposition.lower_ in ("to", "of", "for", "at")
            and preposition.head.lower_.rstrip(".") in TITLE_WORDS
            and any(c.dep_ == "compound" and c.ent_type_ in _PLACE_OR_BODY
                    for c in token.lefts))


def _unnamed_source(article: _Article, quote: Quote) -> bool:
    """Whether a quote's source is a person the article does not name: "a source",
    "one aide", "the official", or a role it gives no one ("The former secretary of
    defense, now the scouts' top official, called the ban …")."""
    if quote.source is None or quote.speaker is not None:
        return False
    span = article.doc.char_span(quote.source.start, quote.source.end,
                                 alignment_mode="expand")
    if span is None or span.root.tag_ != "NN":
        return False
    root = span.root
    return root.lower_ in _UNNAMED_NOUNS or any(
        c.lower_ in ("a", "an", "one", "another") for c in root.children)


#: Cues of asking: whom they address answers next.
_QUESTION_CUES = frozenset({"asked", "asks", "ask", "questioned", "pressed", "quizzed"})
#: Dependencies that open a clause of its own under a verb.
_OTHER_CLAUSES = frozenset({"ccomp", "conj", "advcl", "relcl", "acl", "parataxis", "csubj"})


def _resolve_personal(article: _Article, pronoun: Token, gender: str | None,
                      previous: Quote | None) -> str | None:
    """The person a "he"/"she" source (`gender` None: an epithet such as "the
    California Democrat", of either gender) refers to, by the sieve of the module doc:
    a subject earlier in the sentence; the previous quote's speaker unless someone
    else has become the subject since; the latest subject in reach (whom a narrated
    pronoun subject since refers to, when that subject sits in a modifying or reported
    clause); a person just mentioned; the latest person known to have that gender a
    little further back; else the one person a little further back."""
    here = article.sentence_of[pronoun.i]
    # whom the pronoun's own clause names is someone else ("He went on to call Nadler
    # a liar": not Nadler; Chomsky's principle C), though not in what it reports, which
    # news words in its own way ("He notes that … there was an issue with Trump's
    # microphone": Trump), nor in another clause ("He pushed the birther theory … and
    # as recently as 2017 Walsh was claiming …")
    bound = {article.owner[t.i] for t in pronoun.head.subtree
             if t.i > pronoun.i and t.i in article.owner and t.pos_ == "PROPN"
             and not article.is_quoted(t) and not any(
                 a.dep_ in _OTHER_CLAUSES for a in [t, *t.ancestors]
                 if a.i != pronoun.head.i and pronoun.head in a.ancestors)}
    if pronoun.head.dep_ == "parataxis":
        # nor is the subject of the clause a tag interrupts ("The governor, she
        # argued, “either did not tell the truth …”": not the governor), unless a
        # subordinate clause the tag interrupts lies between ("Taylor informed
        # lawmakers … because, he said, he wasn't aware of it")
        bound |= {article.owner[t.i] for c in pronoun.head.head.children
                  if c.dep_ in ("nsubj", "nsubjpass", "npadvmod") and c.i < pronoun.i
                  and not any(w.pos_ == "SCONJ" or w.dep_ == "mark"
                              for w in article.doc[c.i:pronoun.i])
                  for t in c.subtree if t.i in article.owner}
    antecedents = _antecedents(article, pronoun, here - 2 * WINDOW)
    candidates = [(t, n) for t, n in antecedents
                  if _agrees(article, n, gender) and n not in bound]
    subjects = [(t, n) for t, n in candidates if _is_subject(t)
                and here - article.sentence_of[t.i] <= WINDOW]
    # Narrated subjects outrank those inside reported content ("X argued that Y
    # was…"), and a clause's own subjects those of clauses modifying it ("Biden did
    # what Obama did not. He …"), latest first within each.
    subjects.sort(key=lambda pair: (article.is_reported(pair[0]), _in_modifier(pair[0])))
    same_sentence = [n for t, n in subjects if article.sentence_of[t.i] == here]
    if same_sentence:
        return article.entities[same_sentence[0]].name
    authors = {n for t, n in candidates if article.sentence_of[t.i] == here
               and _writes_in_own_document(t, pronoun)}
    if len(authors) == 1:
        return article.entities[authors.pop()].name
    owner = _document_just_named(article, pronoun, antecedents)
    if owner is not None and _agrees(article, owner, gender):
        return article.entities[owner].name
    gap = here - article.sentence(max(_ends(previous))) if previous else WINDOW + 1
    if gap <= WINDOW:
        said_end = max(_ends(previous))
        # a subject inside what the previous speaker said ("X said there's … or that
        # the judge exposed himself") does not take the focus from the speaker
        cue = article.token_at(previous.cue.start) if previous.cue is not None else None
        later = [n for t, n in subjects if t.idx >= said_end
                 and (cue is None or cue not in t.ancestors)]
        # A person brought in by the sentence just before ("That did not satisfy
        # Justice Ruiz. '…,' he said.") takes over from the previous speaker, unless
        # a pronoun kept the previous one in focus since ("He met Ruiz.").
        since = article.doc[article.token_at(said_end - 1).i + 1:pronoun.i]
        newcomers = {n for t, n in candidates if t.idx >= said_end
                     and here - article.sentence_of[t.i] == 1 and article.is_person(n)
                     and article.entities[n].name != previous.speaker
                     and not _in_noun_phrase(t)
                     # not whom the previous tag told ("…,” Weinberg told Salon.),
                     # though whom it asked answers ("…?” he asked Chikaonda.)
                     and (cue is None or cue not in t.ancestors
                          or cue.lower_ in _QUESTION_CUES)}
        if not later and len(newcomers) == 1 and not any(
                t.lower_ in PERSONAL_PRONOUNS and not article.is_quoted(t)
                and genders_agree(PERSONAL_PRONOUNS[t.lower_], gender)
                for t in since):
            return article.entities[newcomers.pop()].name
        # narration coordinated with the tag brings its subject in ("the governor
        # ordered the casinos to close, and Mr. Jennings had no choice …")
        narrated = cue is not None and any(
            t.idx >= said_end and _coordinated_with(t, cue) for t, _ in subjects)
        if not later and gap <= 1 and _unnamed_source(article, previous) and not narrated:
            return None  # "a source said …" then "he added": still the unnamed source
        speaker = next((n for n, e in enumerate(article.entities)
                        if e.name == previous.speaker), None)
        if (speaker is not None and _agrees(article, speaker, gender) and speaker not in bound
                and all(n == speaker for n in later)):
            return previous.speaker
        if (speaker is None or not article.is_person(speaker)) and not later and gap <= 1 \
                and _untagged_name(article, previous):
            return previous.speaker  # "Amash told the House …. “…,” he said."
    before = [(t, n) for t, n in candidates if here - article.sentence_of[t.i] == 1
              and article.is_person(n)]
    if subjects and len({n for _, n in before}) == 1 and not any(
            _is_subject(t) and (t.lower_ in PERSONAL_PRONOUNS or article.owner.get(t.i)
                                is not None and article.is_person(article.owner[t.i]))
            for t in before[0][0].sent):
        # the one person the sentence just before brings in, when neither a person
        # nor a pronoun is its subject ("… security gaffes by Romney. He offended the
        # British"), as Hobbs's search of the previous sentence finds
        return article.entities[before[0][1]].name
    if subjects:
        latest = subjects[0][0]
        if article.is_reported(latest) or _in_modifier(latest):
            # a pronoun subject of the main clause since keeps its own referent in
            # focus ("He also liked a cartoon that suggested that Scalise should be
            # fired. On March 22, he posted …": whom "He" is, not Scalise)
            focus = _pronoun_subject_since(article, latest, pronoun, gender)
            name = _resolve_personal(article, focus, gender, None) if focus else None
            if name is not None and all(article.entities[n].name != name for n in bound):
                return name
        return article.entities[subjects[0][1]].name
    # someone a noun phrase talks about ("a caricature of Bernie Sanders") only after
    # those the text brings in, as a relative clause does ("drew the ire of Justice
    # Antonin Scalia, who said he was whipsawed")
    candidates.sort(key=lambda pair: _in_noun_phrase(pair[0])
                    and not _before_relative(article.doc, pair[0]))
    near = [n for t, n in candidates if here - article.sentence_of[t.i] <= 1]
    known = [n for t, n in candidates if article.genders.get(n) == gender]
    if near or known:
        return article.entities[(near or known)[0]].name
    # the one person in reach, whose gender the article never showed
    people = {n for _, n in candidates if article.is_person(n)}
    return article.entities[people.pop()].name if len(people) == 1 else None


def _before_relative(doc: Doc, token: Token) -> bool:
    """Whether a relative clause about the person opens right after `token` ("Justice
    Antonin Scalia who said …", "Scalia, whose …")."""
    following = [t.lower_ for t in doc[token.i + 1:token.i + 3]]
    if following[:1] == [","]:
        following = following[1:]
    return following[:1] in (["who"], ["whose"])


def _coordinated_with(token: Token, verb: Token) -> bool:
    """Whether `token` lies in a clause coordinated with `verb`, narration of its own
    ("the governor ordered the casinos to close, and Mr. Jennings had no choice …"),
    not in what the verb reports."""
    return any(a.dep_ == "conj" and a.head.i == verb.i for a in [token, *token.ancestors])


def _pronoun_subject_since(article: _Article, since: Token, pronoun: Token,
                           gender: str | None) -> Token | None:
    """The latest narrated pronoun of `gender` subject of a main clause, from the
    sentence of `since` to just before `pronoun`, if any."""
    stretch = article.doc[article.doc[since.i].sent.start:pronoun.i]
    return next((t for t in reversed(stretch) if t.lower_ in PERSONAL_PRONOUNS
                 and PERSONAL_PRONOUNS[t.lower_] == gender and _is_subject(t)
                 and not article.is_quoted(t) and not article.is_reported(t)
                 and not _in_modifier(t)), None)


def _resolve_group(article: _Article, pronoun: Token, previous: Quote | None
                   ) -> str | None:
    """The organisation or group a "they"/"it" source refers to: the previous
    quote's non-person speaker, else the nearest fitting subject in reach (plural
    for "they", singular for "it"), which may name nobody ("officials")."""
    here = article.sentence_of[pronoun.i]
    if previous is not None and previous.speaker is not None \
            and here - article.sentence(max(_ends(previous))) <= WINDOW:
        speaker = next((e for e in article.entities if e.name == previous.speaker), None)
        if speaker is None or speaker.label != "PERSON":
            return previous.speaker
    plural = pronoun.lower_ in ("they", "them", "their")
    for token in reversed(article.doc[:pronoun.i]):
        if article.sentence_of[token.i] < here - 1:
            break
        if not _is_subject(token) or article.is_quoted(token) or token.pos_ == "PRON":
            continue
        n = article.owner.get(token.i)
        if n is not None and article.is_person(n):
            continue
        if n is not None or token.tag_ in (("NNS", "NNPS") if plural else ("NN", "NNP")):
            return _phrase_speaker(article, token)
    return None


#: Adjectives that stress or date a phrase rather than name anything: "his own
#: administration", "a new Gallup poll", "the latest survey".
_PASSING_ADJECTIVES = frozenset({"own", "new", "latest", "recent"})


def _phrase_name(token: Token, without: Token | None = None) -> str:
    """A noun phrase's name: its modifiers and head, without determiners and what
    qualifies them ("yet another indictment" is "indictment"), adverbs or clauses
    (nor the phrase `without` heads, when given), and without the possessive
    pronoun and the "own" stressing it ("his own administration" is
    "administration"), nor "new" or "latest" ("a new Gallup poll" is "Gallup
    poll", one name however recent an outlet calls it)."""
    left_out = {t.i for t in without.subtree} if without is not None else set()
    left_out |= {t.i for child in token.children if child.dep_ in ("det", "predet")
                 for t in child.subtree}
    kept = [t for t in token.subtree if t.i <= token.i and not t.is_space
            and t.i not in left_out
            and (t.dep_ not in ("det", "predet", "punct", "advmod") or _joins_words(t))
            and t.tag_ != "PRP$" and not (t.tag_ == "POS" and t.head == token)
            and not (t.lower_ in _PASSING_ADJECTIVES and t.dep_ == "amod")]
    indexes = {t.i for t in kept}  # a hyphen goes with a word left out
    kept = [t for t in kept if t.text != "-" or {t.i - 1, t.i + 1} <= indexes]
    # words written together stay together ("re-election", "Turkey's"), and a
    # possessive inside the phrase keeps its mark ("Turkey's elected government"),
    # spelt one way whichever apostrophe the outlet types
    return "".join((t.text.replace("’", "'") if t.tag_ == "POS" else t.text) + (
        " " if t.whitespace_ or k + 1 == len(kept) or kept[k + 1].i != t.i + 1 else "")
        for k, t in enumerate(kept)).strip()


def _joins_words(token: Token) -> bool:
    """A hyphen written between two words with no space ("state-run")."""
    return token.text == "-" and not token.whitespace_ and 0 < token.i < len(token.doc) - 1 \
        and not token.doc[token.i - 1].whitespace_


def _proper_name(article: _Article, root: Token) -> str:
    """A name spaCy did not tag ("WALLACE:"): the entity whose name ends with it
    (titles before it aside: "Judge Kavanaugh" is Brett Kavanaugh), else its own
    compound proper nouns without a title before them, after a proper possessor
    ("the U.S. Attorney's Office"), with the proper nouns coordinated inside them
    ("US Immigration and Customs Enforcement")."""
    words = []
    for left in root.lefts:
        if left.pos_ == "PROPN" and left.dep_ in ("compound", "flat", "nmod"):
            part = list(left.subtree)
            words += part if all(t.pos_ in ("PROPN", "CCONJ") for t in part) else [left]
    text = " ".join(t.text for t in [*words, root])
    possessor = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if possessor is not None:
        return f"{_phrase_name(possessor)}'s {text}"
    while words and is_title_noun(words[0]):
        words = words[1:]
    name = " ".join(t.text for t in [*words, root])
    # a name spaCy missed is without its title ("Governor Ana Ruiz" is Ana Ruiz, as a
    # tagged name would be); a body keeps its words ("Justice Department")
    return _person_ending_with(article, name) or (
        text if root.lower_ in INSTITUTION_NOUNS else name)


def _person_ending_with(article: _Article, words: str) -> str | None:
    """The one person of the article whose name ends with `words`, else None."""
    key = name_key(words).split()
    matches = {e.name for e in article.entities if e.label == "PERSON"
               and name_key(e.name).split()[-len(key):] == key}
    return matches.pop() if len(matches) == 1 else None


def _capitalised_common_noun(article: _Article, root: Token) -> bool:
    """A word opening a sentence that the tagger took for a name though the article
    names no one so ("Research suggests …", "Conclusion: …", "Reluctance to …"): a
    single word, no entity's, that the article writes nowhere else capitalised
    inside a sentence, and either in lower case elsewhere or only this once, and
    not the subject of a verb of saying ("Levinger said", a surname the recogniser
    missed)."""
    if root.i != root.sent.start or any(t.pos_ == "PROPN" for t in root.lefts) \
            or (root.dep_ == "nsubj" and root.head.lower_ in SPEECH_VERBS):
        return False
    word = root.text
    if any(word in e.name.split() for e in article.entities):
        return False
    others = [t for t in article.doc if t.lower_ == root.lower_ and t.i != root.i]
    if any(t.text == word and t.i != t.sent.start for t in others):
        return False
    return not others or any(t.is_lower for t in others)


def _has_proper_modifier(article: _Article, root: Token) -> bool:
    """Whether a noun phrase carries a name ("Republican lawmakers", "Nebraska
    officials"), sentence-initial capitals aside."""
    return any(t.i in article.owner or t.pos_ == "PROPN"
               or (t.text[:1].isupper() and t.i > t.sent.start)
               for t in root.subtree if t.i < root.i)


def _noun_word(root: Token) -> str:
    """A noun as written, lower-cased, with the words hyphens join to it ("op-ed",
    which the tokenizer splits into "op", "-", "ed")."""
    start = root.i
    while start >= 2 and root.doc[start - 1].text == "-" \
            and not root.doc[start - 1].whitespace_ and not root.doc[start - 2].whitespace_:
        start -= 2
    return root.doc[start:root.i + 1].text.lower()


def _phrase_speaker(article: _Article, root: Token, previous: Quote | None = None
                    ) -> str | None:
    """The name of a non-pronoun source phrase headed by `root`.

    An entity mention gives the entity. A document one author issued speaks for
    that author ("Trump said in a statement … the statement said"). Otherwise an
    institution or document ("the foreign ministry", "the joint statement") or a
    group carrying a name ("Republican lawmakers") is its own name, a bare head
    taking the fuller phrase used earlier ("the statement" after "a joint
    statement"), and "his campaign" is the campaign of whoever "his" is. A person
    left undescribed by name ("a source", "the official") names nobody, nor does a
    group or campaign a singular indefinite phrase brings in ("a presidential
    campaign", "another group of protesters"; "a group of freshmen Democrats" are
    freshmen Democrats), where "a new Pew Research Center survey" or "a federal
    appeals court" is one a reader can look up.
    """
    n = _head_entity(article, root)
    if n is not None:
        entity = article.entities[n]
        # an office named after its holder keeps the holder: "the State Attorney's
        # Office for the District", tagged "Office for the District"
        holder = next((c for c in root.children if c.dep_ == "poss" and is_title_noun(c)
                       and c.i not in article.owner), None)
        if holder is not None and entity.label != "PERSON":
            return f"{_phrase_name(holder)}'s {entity.name}"
        return entity.name
    if root.pos_ == "PROPN" and not is_title_noun(root):
        return None if _capitalised_common_noun(article, root) else _proper_name(article, root)
    if root.pos_ not in ("NOUN", "PROPN"):  # "the president", "the President": nouns
        return None
    noun = _noun_word(root)
    if noun in DOCUMENT_NOUNS:
        authors = _authors(article, root)
        if len(authors) == 1:
            return article.entities[authors.pop()].name
    if noun not in INSTITUTION_NOUNS | DOCUMENT_NOUNS and not (
            root.tag_ == "NNS" and _has_proper_modifier(article, root)):
        return None
    if noun in GENERIC_ORGANISATIONS | {"campaign"} and root.tag_ != "NNS" \
            and _indefinite(root):
        # "a presidential campaign", "another group of protesters": no body named;
        # "a group of freshmen Democrats" is freshmen Democrats
        members = [o for p in root.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj" and o.tag_ in ("NNPS", "NNS")
                   and (o.pos_ == "PROPN" or _has_proper_modifier(article, o))]
        return _phrase_name(members[0]) if members else None
    possessor = next((c for c in root.children if c.dep_ == "poss"), None)
    if possessor is not None:
        owner = _owner_name(article, possessor, previous)
        if owner:
            return f"{owner}'s {_phrase_name(root, without=possessor)}"
        if possessor.pos_ == "PRON":
            return None
    name = _phrase_name(root)
    if len(name.split()) == 1:
        return _bare_head_name(article, root)
    return name


def _owner_name(article: _Article, possessor: Token, previous: Quote | None
                ) -> str | None:
    """Whose institution or document a possessive names: "his campaign" is the
    campaign of whoever "his" is; "Prime Minister Fumio Kishida's government" is
    Fumio Kishida's, under the name the article gives him."""
    if possessor.pos_ == "PRON":
        return _pronoun_speaker(article, possessor, previous)
    n = _head_entity(article, possessor)
    return article.entities[n].name if n is not None else None


#: Determiners that introduce someone not named before.
_INDEFINITE = frozenset({"a", "an", "another", "some"})


def _indefinite(root: Token) -> bool:
    """A noun phrase introducing someone new ("another group of protesters", "a
    presidential campaign")."""
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in root.children)


def _bare_head_name(article: _Article, root: Token) -> str | None:
    """The name of a bare "the statement", "that committee": the fuller phrase with
    that head used before ("a joint statement"), else the latest organisation
    whose name ends with it ("the House Ethics Committee"), a strict head match as
    in Lee et al. (2013), or for "the company"-like words the organisation named
    just before, for "the alliance"-like words the body of members named just before
    ("the North Atlantic Treaty Organization", "NATO"); None otherwise, as "the
    alliance" after a committee names nothing a reader could look up."""
    earlier = [t for t in article.doc[:root.i] if t.lower_ == root.lower_
               and t.pos_ == "NOUN" and not article.is_quoted(t)]
    fuller = [name for name in map(_phrase_name, earlier) if len(name.split()) > 1]
    if fuller:
        return max(fuller, key=lambda text: len(text.split()))
    here = article.sentence_of[root.i]
    for token in reversed(article.doc[:root.i]):
        n = article.owner.get(token.i)
        if n is None or article.is_person(n):
            continue
        entity = article.entities[n]
        recent = entity.label == "ORG" and here - article.sentence_of[token.i] <= WINDOW
        if name_key(entity.name).split()[-1] == root.lower_ or recent and (
                root.lower_ in GENERIC_ORGANISATIONS
                or root.lower_ in ALLIANCE_NOUNS and _has_members(entity)):
            return entity.name
    return None


def _has_members(entity: NamedEntity) -> bool:
    """Whether an organisation's name or an alias says it is a body of members."""
    return any(MEMBER_BODIES.intersection(name_key(name).split())
               for name in (entity.name, *entity.aliases))


def _issuers(document: Token) -> list[Token]:
    """Who a mention of a document says issued it: "X's statement", "a statement
    from X", "a letter by X"."""
    return [c for c in document.children if c.dep_ == "poss"] + [
        o for c in document.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
        for o in c.children if o.dep_ == "pobj"]


def _authors(article: _Article, document: Token) -> set[int]:
    """The entities that issued the document `document` names, read off every
    earlier mention of it: "X said in a statement", "X issued a statement",
    "X's statement", "a statement from X"."""
    authors: set[int] = set()
    for token in article.doc[:document.i + 1]:
        if token.lower_ != document.lower_ or article.is_quoted(token):
            continue
        related = _issuers(token)
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
            related += [c for c in verb.children if c.dep_ in _SUBJECTS]
        for head in related:
            for member in (head, *head.conjuncts):
                n = _head_entity(article, member)
                if n is not None:
                    authors.add(n)
    return authors


def _ends(quote: Quote) -> list[int]:
    return [s.end for s in (quote.content, quote.cue, quote.source) if s is not None]


def _untagged_name(article: _Article, quote: Quote) -> bool:
    """Whether `quote`'s source is a proper name the entity recogniser missed
    ("Amash told the House …"): a capitalised proper noun that no entity owns."""
    if quote.source is None:
        return False
    span = article.doc.char_span(quote.source.start, quote.source.end,
                                 alignment_mode="expand")
    return span is not None and all(t.pos_ == "PROPN" and t.text[:1].isupper()
                                    and t.i not in article.owner for t in span)


def _pronoun_speaker(article: _Article, pronoun: Token, previous: Quote | None
                     ) -> str | None:
    """Whom a third-person pronoun refers to ("he", "their"), None for others."""
    word = pronoun.lower_
    if word in PERSONAL_PRONOUNS:
        return _resolve_personal(article, pronoun, PERSONAL_PRONOUNS[word], previous)
    if word in GROUP_PRONOUNS and not _extraposed(pronoun):
        return _resolve_group(article, pronoun, previous)
    return None


#: Verbs and adjectives that take a clause as their real subject, moved after them
#: with "it" holding its place ("it seems unlikely that …", "it is clear that …").
_RAISING_VERBS = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})
_PROPOSITION_ADJECTIVES = frozenset({
    "clear", "unclear", "likely", "unlikely", "apparent", "possible", "impossible",
    "probable", "true", "obvious", "evident", "nice", "important", "doubtful", "hard",
    "difficult", "easy", "fair", "safe", "striking", "remarkable", "notable"})


def _extraposed(pronoun: Token) -> bool:
    """Whether "it" only holds the place of a clause that follows ("Now it seems
    unlikely that the suspicions will go away", "It is clear that …"): it names
    nobody, whatever was named before."""
    if pronoun.lower_ != "it" or pronoun.dep_ != "nsubj":
        return False
    verb = pronoun.head
    if not any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children):
        return False
    return verb.lower_ in _RAISING_VERBS or any(
        c.dep_ in ("acomp", "oprd") and c.lower_ in _PROPOSITION_ADJECTIVES
        for c in verb.children)


def _enclosing(quotes: Sequence[Quote], token: Token) -> Quote | None:
    """The quote whose content holds `token` ("'I said it,' he recalled")."""
    return next((q for q in quotes if q.content.start <= token.idx < q.content.end
                 and q.speaker is not None), None)


def _source_speaker(article: _Article, source: Span, previous: Quote | None,
                    resolved: Sequence[Quote]) -> str | None:
    span = article.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if len(span) == 1 and root.lower_.rstrip(".") in HONORIFICS:
        # "Mr. Soon has acknowledged": the parse took the surname for an adverb
        surname = root.nbor() if root.i + 1 < len(root.doc) else None
        if surname is None or not surname.is_title:
            return None
        return _person_ending_with(article, surname.text)
    if root.text in CALENDAR_WORDS:
        # a time the parse took for the subject: the name before it speaks ("The
        # State Dept Friday confirmed", "Trump Monday released"), else no one ("as
        # late as February was calling the risk minuscule")
        names = [t for t in root.lefts if t.pos_ == "PROPN" and t.dep_ == "compound"]
        if not names:
            return None
        span = article.doc[span.start:names[-1].i + 1]
    if joint := joint_speakers(span.root):
        return _joint_name(article, [span.root, *joint], previous, resolved)
    named = next((c for c in span.root.children if c.dep_ == "appos" and c.i > span.root.i),
                 None)
    if span.root.tag_ in ("NNS", "NNPS") and named is not None and (
            joint := joint_speakers(named)):
        # "Brookings Institution scholars Benjamin Wittes and Susan Hennessey"
        return _joint_name(article, [named, *joint], previous, resolved)
    return _span_speaker(article, span, previous, resolved)


def _span_speaker(article: _Article, span: DocSpan, previous: Quote | None,
                  resolved: Sequence[Quote]) -> str | None:
    """The name a source phrase of one speaker gives (see the module notes)."""
    root = span.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ in ("relcl", "acl"):
        root = root.head.head  # "Smith, who said": the relative clause's noun
        if root.dep_ == "appos":  # "Rep. Lee, a close ally of the mayor who said"
            root = root.head
    if root.lower_ in FIRST_PERSON:
        quote = _enclosing(resolved, root)
        return quote.speaker if quote else None
    if len(span) == 1 and root.dep_ in ("amod", "compound") and root.text[:1].isupper() \
            and root.lower_ in PARTY_ADJECTIVES:
        return PARTY_ADJECTIVES[root.lower_]
    if root.lower_ in PARTY_MEMBERS and any(c.lower_ == "the" for c in root.children):
        # "…,” the California Democrat said": an epithet for someone just named, read
        # as "she" would be, of either gender
        return _resolve_personal(article, root, None, previous)
    if root.pos_ == "PRON":
        quoting = _enclosing(resolved, root)
        if quoting is None or quoting.kind != "direct":
            return _pronoun_speaker(article, root, previous)
        # "he" in a speaker's own words is someone else ("AMY GOODMAN: … Earlier
        # this year, he said …")
        name = _pronoun_speaker(article, root, None if previous is quoting else previous)
        return None if name == quoting.speaker else name
    titled = _titled_person(article, span)
    if titled is not None:
        return article.entities[titled].name
    mentioned = [n for n in _mentions_in(article, span) if article.is_person(n)]
    if mentioned and any(t.tag_ in ("VBD", "VBZ", "VBP") and not _in_relative_clause(t, span)
                         for t in span):
        # a clause the parse took for a noun phrase ("Republican flag-bearer Donald
        # Trump opposed gun control measures", "measures" its head): the person in it;
        # not one in a relative clause ("the lawsuit from Nebraska, where Governor
        # Reyes is in office,")
        return article.entities[mentioned[-1]].name
    name = _phrase_speaker(article, root, previous)
    if name is None and mentioned and root.pos_ != "NOUN":
        return article.entities[mentioned[-1]].name
    if name is None and _is_leading_role(root):
        return _named_after(article, root)
    return name


def _in_relative_clause(token: Token, span: DocSpan) -> bool:
    """Whether `token` lies in a relative clause that `span` holds."""
    return any(t.dep_ == "relcl" and span.start <= t.i < span.end
               for t in (token, *token.ancestors))


def _joint_name(article: _Article, heads: Sequence[Token], previous: Quote | None,
                resolved: Sequence[Quote]) -> str | None:
    """The speakers of a coordinated source ("Stoltenberg and Kishida"), each
    resolved as a source of its own and named together in text order ("Jens
    Stoltenberg and Fumio Kishida"); None unless every one of them names somebody."""
    names = []
    for head in heads:
        # the head with its modifiers, without the conjuncts hung on it
        name = _span_speaker(article, article.doc[head.left_edge.i:head.i + 1], previous,
                             resolved)
        if name is None:
            return None
        names.append(name)
    return joint_name(list(dict.fromkeys(names)))


def joint_name(names: Sequence[str]) -> str:
    """People speaking together named as one speaker: "A and B", "A, B and C"
    (`voices` reads it back)."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def voices(speaker: str) -> frozenset[str]:
    """The people a speaker's name stands for: one, or each of a `joint_name`
    ("Jens Stoltenberg and Fumio Kishida" is two)."""
    return frozenset(re.split(r",\s+|\s+and\s+", speaker))


def _titled_person(article: _Article, span: DocSpan) -> int | None:
    """The person named last in a source phrase the parser headed by an
    organisation's name: in "the Coalition for Safer Streets President Dana Lee"
    the name follows its title, the organisation is the title's, so the phrase
    names the person (the parse made the name the object of "for"). A title the
    tagger read as an adjective ("representative") is a title all the same."""
    root = span.root
    head = article.owner.get(root.i)
    if head is None:  # a name the recogniser missed, perhaps tagged a common noun
        # ("Nation of Islam representative B.J. Murphy", "Nation" its head)
        by_organisation = root.pos_ == "PROPN" or (
            root.pos_ == "NOUN" and not root.is_lower and root.lower_ not in PERSON_ROLE_NOUNS)
    else:
        by_organisation = not article.is_person(head)
    last = article.owner.get(span[-1].i)
    if not by_organisation or last is None or not article.is_person(last):
        return None
    first = span[-1].i
    while first > span.start and article.owner.get(first - 1) == last:
        first -= 1
    title = article.doc[first - 1]
    return last if first > span.start and title.i not in article.owner and (
        title.pos_ in ("NOUN", "PROPN") or title.lower_ in PERSON_ROLE_NOUNS) else None


def _is_leading_role(root: Token) -> bool:
    """A definite description by a leading role: "the NATO chief", "NATO's chief",
    "the president" (not "a minister": an indefinite one is anybody)."""
    return root.pos_ == "NOUN" and root.lower_ in _LEADING_WORDS and any(
        (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and c.pos_ != "PRON")
        for c in root.children)


def _named_after(article: _Article, root: Token) -> str | None:
    """The person a role description names before any person is named: news leads
    often give the role first and the name in a following sentence ("NATO's chief
    on Wednesday applauded … Speaking in Tokyo, Jens Stoltenberg said"). It is the
    first person who is a clause subject outside quotation marks within
    `WINDOW` sentences after it, of the description's gender if it has one."""
    if any(article.is_person(n) for n in _mentions_in(article, article.doc[:root.i])):
        return None  # a person is named before: no lead, and no guess forward
    here = article.sentence_of[root.i]
    gender = title_gender(root.text)
    for token in article.doc[root.i + 1:]:
        if article.sentence_of[token.i] - here > WINDOW:
            break
        n = article.owner.get(token.i)
        if n is not None and article.is_person(n) and _is_subject(token) \
                and not article.is_quoted(token) and (gender is None or _agrees(article, n, gender)):
            return article.entities[n].name
    return None


def _continues(article: _Article, quote: Quote, previous: Quote | None) -> bool:
    """Whether a source-less quote goes on from `previous`: a quotation opening at
    most one sentence after the one where the previous attribution ends."""
    if previous is None or previous.speaker is None or quote.kind not in ("direct", "mixed"):
        return False
    gap = article.sentence(quote.content.start) - article.sentence(max(_ends(previous)))
    return 0 <= gap <= 1


def _tagged_speaker(article: _Article, quote: Quote, previous: Quote | None,
                    resolved: Sequence[Quote]) -> str | None:
    """The person whose speech tag an "according to" attribution carries ("“…,” Cruz
    said, according to The Hill"; "According to The Hill, Cruz said …"), or None.

    Notes:
        PolNeAR makes the outlet or document the source of such an attribution and
        the tag part of its content (30 of the 31 such tags in its train split), so
        the source mention stays the outlet's; but the words are the tag subject's,
        the outlet only carried them (BASIL credits the person).
    """
    cue = article.according_cue(quote)
    if cue is None or cue.head.lower_ not in SPEECH_VERBS or (
            quote.kind == "indirect" and _is_witness(article, quote.source)):
        return None
    verb = cue.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    name = _source_speaker(article, Span(*mention_range(subject)), previous, resolved)
    return name if any(e.name == name and e.label == "PERSON"
                       for e in article.entities) else None


def _is_witness(article: _Article, source: Span) -> bool:
    """Whether an "according to" source is a person or people ("two officials
    briefed on the conversation", "Lee"): what they recount in their own words
    ("Comey told lawmakers he had asked for more, according to two officials") is
    their account, where an outlet only carries what it reports."""
    span = article.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    n = article.owner.get(root.i)
    return (n is not None and article.is_person(n)) or \
        singular(_noun_word(root)) in _UNNAMED_NOUNS


#: A document's own verb of saying just before the words it holds ("… that said, “").
_DOCUMENT_SAYING = re.compile(r"\b(?:that|which)\s+(?:said|says|read|reads|stated|states)"
                              r"\W*$", re.IGNORECASE)


def _cited_author(article: _Article, quote: Quote) -> str | None:
    """Whose document's words a citer quotes ("Luján cited a tweet from Trump after
    the shooting that said, “…”", "Lee read Park's letter, which said …"): the
    document's author, named by "from"/"by" right after it or a possessive, when the
    words follow the document's own verb of saying; the citer only passes them on.
    Read off the surface as much as the parse, which hangs such tails anywhere."""
    if quote.cue is None or not _DOCUMENT_SAYING.search(
            article.marks.text, quote.cue.end, quote.content.start):
        return None
    doc = article.doc
    cue = article.token_at(quote.cue.start)
    for document in cue.children:
        if document.dep_ != "dobj" or _noun_word(document) not in DOCUMENT_NOUNS:
            continue
        authors = _issuers(document)
        if document.i + 2 < len(doc) and doc[document.i + 1].lower_ in ("from", "by"):
            authors.append(doc[document.i + 2])  # the parse may hang "from X" elsewhere
        named = {n for n in (article.owner.get(t.i) for t in authors) if n is not None}
        if len(named) == 1:
            return article.entities[named.pop()].name
    return None


#: Verbs that tag a speaker going on with what they were saying.
GOING_ON = frozenset({"continued", "continues", "added", "adds", "went"})


def _epithet_going_on(article: _Article, quote: Quote, previous: Quote | None
                      ) -> str | None:
    """The previous speaker, for a role description the article gives no one that
    tags their words going on ("“I'm not ashamed …,” says Perry. “As president, I'll
    …,” the Texas governor continues."): news varies the tag, the speaker stays."""
    if previous is None or previous.speaker is None or quote.cue is None or \
            article.sentence(quote.content.start) - article.sentence(max(_ends(previous))) > 2:
        return None
    cue = article.token_at(quote.cue.start)
    root = article.doc.char_span(quote.source.start, quote.source.end,
                                 alignment_mode="expand").root
    return previous.speaker if cue.lower_ in GOING_ON and root.pos_ in ("NOUN", "PROPN") \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in root.children) else None


def _entity_name(article: _Article, name: str) -> str:
    """The canonical name of the person called `name` in the article, else `name`
    (also where the parser took a name written in lower case for the person's)."""
    key = name_key(name)
    return next((e.name for e in article.entities if e.label == "PERSON"
                 and e.name != e.name.lower()
                 and key in {name_key(e.name), *map(name_key, e.aliases)}), name)


def resolve_speakers(doc: Doc, quotes: Iterable[Quote],
                     named_entities: Sequence[NamedEntity]) -> tuple[Quote, ...]:
    """The quotes of one article with `speaker` set to a canonical name.

    Args:
        doc: the parsed article.
        quotes: its attributions, as `quotes.extract_quotes` finds them (a
            transcript's turns come with the speaker their label names, kept).
        named_entities: its canonical entities (`entities.named_entities`).

    Returns:
        The same quotes in text order, each with `speaker` the canonical name of
        the entity its source denotes (a person, organisation, group or document),
        or None when the source names nobody or lies out of reach.

    Notes:
        Names go to their entity; pronouns follow the Stanford sieve's agreement
        and salience order (Lee et al., 2013) with the preceding quote's speaker
        preferred, as news attribution favours (O'Keefe et al., 2012); a quote
        with no source continues the previous speaker's quotation when it opens
        at most one sentence after that attribution. A person's words an outlet
        carried ("Cruz said …, according to The Hill") are the person's
        (`_tagged_speaker`), though the outlet is the source mention.
    """
    ordered = sorted(quotes, key=lambda q: (q.content.start, q.content.end))
    if not ordered:
        return ()
    article = _Article(doc, named_entities, ordered)
    resolved: list[Quote] = []
    previous: Quote | None = None
    for quote in ordered:
        if quote.speaker is not None:  # a transcript's label named the speaker
            speaker = _entity_name(article, quote.speaker)
        elif quote.source is not None:
            speaker = _tagged_speaker(article, quote, previous, resolved) or \
                _cited_author(article, quote) or \
                _source_speaker(article, quote.source, previous, resolved) or \
                _epithet_going_on(article, quote, previous)
        elif _continues(article, quote, previous):
            speaker = previous.speaker
        else:
            speaker = None
        quote = replace(quote, speaker=speaker)
        resolved.append(quote)
        if speaker is not None or quote.source is not None:
            previous = quote
    return tuple(resolved)
