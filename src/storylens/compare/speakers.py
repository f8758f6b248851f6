"""Story-wide speaker names: one name per real speaker across a story's articles.

Each article names its entities on its own (`understand.entities`): one outlet's
"Stoltenberg" is another's "Jens Stoltenberg", one's "NATO" another's "North
Atlantic Treaty Organization". Comparing who said what across outlets needs one
name per speaker. This is cross-document coreference of named entities restricted
to name evidence, in the spirit of Bagga & Baldwin (1998, "Entity-based
cross-document coreferencing") with the string rules of the per-article sieve (Lee
et al., 2013): full person names that share first and last word, and any "Jr.",
are one person (also where one outlet misspelt the surname); a surname (or double
surname; or a first name, where no full name ends with it) alone joins the one full
name it fits, or the one the story names far most often, or the one holding the
title its own article gives it ("President Trump" where the story names Donald
Trump, President, and Ivanka Trump), and stays apart when two fit alike ("Smith"
with "John Smith" and "Jane Smith"); other names merge when a name, name-like alias
or acronym of one article is a name or alias in another.

A role description one article leaves unresolved ("the secretary general said" in
an article that never names him) takes the one person another article gives that
role as a title ("NATO Secretary-General Jens Stoltenberg"): `resolve_story_roles`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Hashable, Iterable, Mapping, Sequence

from ..model import AnnotatedArticle
from ..understand.entities import (Role, acronyms, generation, genders_agree, is_surname,
                                   name_key, name_words, one_edit_apart, role_matches,
                                   role_of, same_person, title_gender)
from ..understand.speakers import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, INSTITUTION_NOUNS

#: Heads of descriptions that name no person holding a role: someone the text
#: leaves unnamed on purpose ("the official said": a named official in another
#: article is not them; a spokesperson is a post someone holds), an organisation
#: or a document ("the letter").
_NOT_ROLES = (ANONYMOUS_NOUNS - {"spokesman", "spokeswoman", "spokesperson"}
              | INSTITUTION_NOUNS | DOCUMENT_NOUNS)


#: How many times as often as every other person it fits the story must name a person
#: for a one-word name to stand for them (`_dominant`), or hold a bare title for a
#: description to (`_bare_title_holder`).
DOMINANCE = 3


@dataclass
class _Speaker:
    """The local names merged so far as one story-wide speaker."""

    person: bool
    names: Counter = field(default_factory=Counter)  # local name -> articles using it
    keys: set[str] = field(default_factory=set)      # name keys of names and aliases
    acronyms: set[str] = field(default_factory=set)  # of its multi-word names
    titles: list[Role] = field(default_factory=list)  # the roles articles give it

    @property
    def name(self) -> str:
        """A full name rather than a single word, the one most articles use ("Donald
        Trump" over one tweet's signature "Donald J. Trump"), the fullest among equals,
        dateline capitals last."""
        return max(self.names, key=lambda n: (len(name_words(n)) > 1, not n.isupper(),
                                              self.names[n], len(name_words(n)), n))

    @property
    def full_words(self) -> list[list[str]]:
        return [w for w in map(name_words, self.names) if not is_surname(w)]


def _is_name(alias: str) -> bool:
    """A name rather than a description ("Stoltenberg", not "the NATO chief")."""
    return all(word[:1].isupper() or not word[:1].isalpha() for word in alias.split())


def _local_names(article: AnnotatedArticle
                 ) -> Iterable[tuple[str, bool, set[str], list[Role]]]:
    """(local name, is a person, name keys, title roles) for each entity and quoted
    speaker."""
    seen = set()
    for entity in article.named_entities:
        seen.add(entity.name)
        keys = {name_key(entity.name)} | {name_key(a) for a in entity.aliases if _is_name(a)}
        if entity.label != "PERSON":
            keys |= {_singular(key) for key in keys if len(key.split()) >= 3}
        titles = [role_of((word, None) for word in title.split()) for title in entity.titles]
        # a name starts with a capital: "pro-Obama" is no person the parser found
        yield entity.name, entity.label == "PERSON" and entity.name[:1].isupper(), keys, titles
    for quote in article.quotes:
        if quote.speaker and quote.speaker not in seen:
            seen.add(quote.speaker)
            yield quote.speaker, False, {name_key(quote.speaker)} | _owned_keys(quote.speaker), []


_OWNED = re.compile(r"['’]s\s+")


def _owned_keys(name: str) -> set[str]:
    """The keys of an owned body's name without the possessive, whole and with the
    owner's surname alone: "Mitt Romney's campaign" is "the Romney campaign" and
    "Obama's campaign" "the Obama campaign" (none for a name with no owner)."""
    match = _OWNED.search(name)
    if match is None:
        return set()
    owner, owned = name[:match.start()], name[match.end():]
    return {name_key(f"{owner} {owned}"), name_key(f"{owner.split()[-1]} {owned}")}


def _singular(key: str) -> str:
    """A long name's key with its words' plural "s" dropped: "Centers for Disease
    Control" and "Center for Disease Control" are one agency however an outlet spells
    it (a name of three words or more: "United States" stays)."""
    return " ".join(word[:-1] if len(word) > 3 and word.endswith("s")
                    and not word.endswith("ss") else word for word in key.split())


def _abbreviates(name: str, speaker: _Speaker) -> bool:
    """An all-capitals one-word name ("NATO") spelling one of the speaker's names."""
    return name.replace(".", "").isupper() and name_key(name) in speaker.acronyms


#: Letters a surname needs for one slip of the keys in it to leave it recognisable.
MIN_MISSPELT_SURNAME = 6


def _misspelt(a: list[str], b: list[str]) -> bool:
    """Two full names (as `name_words`) of one person an outlet misspelt: the same
    given name and long surnames one slip apart ("David Axelord" / "David
    Axelrod")."""
    return (len(a) > 1 and len(b) > 1 and a[0] == b[0] and a[-1] != b[-1]
            and min(len(a[-1]), len(b[-1])) >= MIN_MISSPELT_SURNAME
            and one_edit_apart(a[-1], b[-1]))


def _respelt_surname(short: list[str], speaker: _Speaker) -> bool:
    """A long one-word surname one slip from the surname of the speaker's full name
    ("Zelenskiy", Volodymyr Zelensky: transliterations and typos differ by outlet)."""
    return len(short) == 1 and len(short[0]) >= MIN_MISSPELT_SURNAME and any(
        one_edit_apart(short[0], full[-1]) for full in speaker.full_words)


def _shortened(name: str, speaker: _Speaker) -> bool:
    """An organisation's name cut to its last words ("Post-Dispatch", the St. Louis
    Post-Dispatch; "Constitution", the U.S. Constitution), unless they end with a
    common noun for an institution ("House" is not the White House, "Department"
    not every department) or a plural ("Democrats" are more than the House
    Democrats), nor a name in capitals, nor the last of speakers named together
    ("Democrats and Republicans"). Words are the name's own: "Tehran" is not the
    end of "anti-Tehran"."""
    words = name.lower().removeprefix("the ").split()
    if not words or words[-1] in INSTITUTION_NOUNS or words[-1].endswith("s"):
        return False
    longer = [other.lower().split() for other in speaker.names if not other.isupper()]
    return any(len(other) > len(words) and other[-len(words):] == words
               and "and" not in other for other in longer)


def _fitting(short: list[str], speakers: Iterable[_Speaker]) -> list[_Speaker]:
    """The people a surname alone fits: those whose full name ends with it ("Van
    Drew", Jeff Van Drew); when none does, a one-word name fits those whose full name
    starts with it ("Hillary"). News names people by their surnames: "Trump" is
    Donald Trump, not a "Trump Tower" the tagger took for a person."""
    people = [s for s in speakers if s.person]
    return [s for s in people if any(len(full) > len(short) and full[-len(short):] == short
                                     for full in s.full_words)] or \
        [s for s in people if len(short) == 1
         and any(full[0] == short[0] for full in s.full_words)]


def _dominant(fitting: list[_Speaker]) -> _Speaker | None:
    """The person a one-word name stands for among those it fits: the only one, or
    the one the story's articles name DOMINANCE times as often as all the others
    together ("Trump" in a story of Donald J. Trump that names Ivanka Trump once);
    None when it is ambiguous. An article that uses the short name alone
    never gave the full one: it counts on readers knowing whom the story is about."""
    if len(fitting) == 1:
        return fitting[0]
    counts = sorted(((sum(s.names.values()), k) for k, s in enumerate(fitting)), reverse=True)
    if counts and counts[0][0] >= DOMINANCE * sum(n for n, _ in counts[1:]):
        return fitting[counts[0][1]]
    return None


def _titled(fitting: list[_Speaker], titles: list[Role]) -> _Speaker | None:
    """The one person among those a one-word name fits who holds a title its own
    article gives it ("President Trump": Donald Trump, whom other articles call
    President, not Ivanka Trump); None for none or several."""
    holders = [s for s in fitting if any(
        role_matches(mine, theirs, strict=True) or role_matches(theirs, mine, strict=True)
        for mine in titles for theirs in s.titles)]
    return holders[0] if len(holders) == 1 else None


def unify_speakers(articles: Sequence[AnnotatedArticle]) -> dict[tuple[str, str], str]:
    """One story-wide name for each (article id, local canonical name).

    Args:
        articles: the annotated articles of one story.

    Returns:
        A mapping from (article id, local name) — every `NamedEntity.name` and
        every `Quote.speaker` of each article — to the name the story uses for
        that speaker: the fullest form any article gives.

    Notes:
        Persons first, full names before short ones: full names with the same
        first and last word and the same "Jr."-like suffix merge, as do names of
        different articles with the same given name and a long surname one slip
        of the keys apart (`_misspelt`); then a surname alone (`is_surname`: "Van
        Drew" too; in another article, also a long one spelt one slip apart,
        "Zelenskiy"), a two-word name that ends a longer one (a double surname,
        "Blasey Ford") or a one-word name joins the single person it fits (surname
        or first name), or among several the one the story names far most often
        (`_dominant`) or the one holding a title its own article gives it
        (`_titled`), and stays its own speaker otherwise.
        Other entities and speakers merge when their names, name-like aliases or
        acronyms share a key (`understand.entities.name_key`; a long name's also
        without its plurals, `_singular`), and a name that is the last words of
        one organisation's longer name joins it (`_shortened`).
    """
    local = [(article.article.id, name, person, keys, titles)
             for article in articles for name, person, keys, titles in _local_names(article)]
    naming = {}  # local name -> the articles using it
    for article_id, name, *_ in local:
        naming.setdefault(name, set()).add(article_id)
    speakers: list[_Speaker] = []
    owner: dict[tuple[str, str], _Speaker] = {}
    order = sorted(local, key=lambda item: (not item[2], -len(name_words(item[1]))))
    for article_id, name, person, keys, titles in order:
        words = name_words(name)
        if person and not is_surname(words):
            # a misspelling only across articles: one article naming both has two people
            target = next((s for s in speakers if s.person and any(
                (same_person(words, name_words(other)) or (
                    _misspelt(words, name_words(other)) and article_id not in naming[other]))
                and generation(other) == generation(name) for other in s.names)), None)
            if target is None and len(words) == 2:  # a double surname: "Blasey Ford"
                target = _dominant(_fitting(words, speakers))
        elif person:
            fitting = _fitting(words, speakers) or [
                s for s in speakers if s.person and _respelt_surname(words, s)
                and not any(article_id in naming[other] for other in s.names)]
            target = _dominant(fitting) or _titled(fitting, titles) or next(
                (s for s in speakers if s.person and not s.full_words
                 and name_key(name) in s.keys), None)
        else:  # spaCy may call a person's surname an ORG: any shared key merges, and
            # a surname no other speaker holds joins the one person it stands for
            target = next((s for s in speakers if s.keys & keys
                           or (not s.person and _abbreviates(name, s))), None) or (
                _dominant(_fitting(words, speakers))
                if len(words) == 1 and name[:1].isupper() and not name.isupper() else None)
            if target is None:  # the one organisation whose name it shortens
                shortening = [s for s in speakers if not s.person
                              and _shortened(name, s)]
                target = shortening[0] if len(shortening) == 1 else None
        if target is None:
            target = _Speaker(person)
            speakers.append(target)
        target.names[name] += 1
        target.keys |= keys
        target.titles += titles
        if not person:
            target.acronyms |= acronyms(name_key(name).split())
        owner[(article_id, name)] = target
    return {key: speaker.name for key, speaker in owner.items()}


def _role_in(article: AnnotatedArticle, phrase: str,
             names: Mapping[tuple[str, str], str]) -> Role:
    """The role a title or description of `article` states, its entities known by
    their story-wide names: a run of words spelling one of the article's entity
    names or aliases is that entity ("NATO" in "NATO's chief")."""
    words = phrase.split()
    keys = [name_key(word) for word in words]
    entity_of: list[tuple[Hashable, str] | None] = [None] * len(words)
    for entity in article.named_entities:
        identity = (names.get((article.article.id, entity.name), entity.name), entity.label)
        for form in (entity.name, *entity.aliases):
            form_keys = [name_key(word) for word in form.split()]
            for i in range(len(words) - len(form_keys) + 1):
                if keys[i:i + len(form_keys)] == form_keys:
                    entity_of[i:i + len(form_keys)] = [identity] * len(form_keys)
    return role_of(zip(words, entity_of))


def _is_definite_description(phrase: str) -> bool:
    """"the secretary general", "NATO's chief": a definite description, not a name
    nor "a source"."""
    words = phrase.split()
    return len(words) > 1 and (words[0].lower() == "the" or words[0].endswith(("'s", "’s")))


def _introduced_unnamed(text: str, phrase: str, before: int) -> bool:
    """Whether the article brings in someone unnamed with the description's head
    noun before it ("A spokeswoman for Perdue released a statement … “…,” the
    spokeswoman said"): the description is theirs, not another article's holder."""
    head = phrase.split()[-1]
    return re.search(rf"\b(?:an?|another|one)\s+(?:[\w.'’-]+\s+){{0,3}}{re.escape(head)}\b",
                     text[:before], re.IGNORECASE) is not None


def _bare_title_holder(description: Role,
                       fitting: Sequence[tuple[str, str, Role]]) -> str | None:
    """Among several people a description fits, the one holding its bare title ("the
    president": "President Trump") in DOMINANCE times as many articles as the other
    bare holders together; None when there is no such person. A title naming more
    ("council president", "president of the Family Leader") is another office,
    whose holder a story names in passing; a description naming more ("Turkey's
    president") is no bare one."""
    if description.entities:
        return None
    articles = Counter(name for _, name in {
        (holder_article, name) for holder_article, name, title in fitting
        if title.words == description.words and not title.entities})
    ranked = articles.most_common()
    if ranked and ranked[0][1] >= DOMINANCE * sum(n for _, n in ranked[1:]):
        return ranked[0][0]
    return None


def resolve_story_roles(articles: Sequence[AnnotatedArticle],
                        names: Mapping[tuple[str, str], str]) -> tuple[AnnotatedArticle, ...]:
    """The articles with each quote whose source is a role description its own
    article left unresolved given to the one person of the story holding that role.

    Args:
        articles: the annotated articles of one story.
        names: (article id, local name) -> story-wide name, as `unify_speakers`
            returns.

    Returns:
        The same articles, such quotes with `speaker` the holder's story-wide name.

    Notes:
        Cross-document extension of the role pass of `understand.entities`: a
        definite description matches a person's title strictly (`role_matches`:
        "the secretary general" fits "NATO Secretary-General", "the NATO chief"
        too), and their genders agree ("the spokeswoman" is no "Kremlin
        spokesman"). It is left alone when its own article has a holder of the
        role (that article's resolution stands, ambiguous or not) or brings in an
        unnamed one ("a spokeswoman for Perdue"), when two persons of the story hold
        it, and when it describes someone left unnamed on purpose ("the official"),
        an organisation or a document.
    """
    holders = [(article.article.id, names.get((article.article.id, entity.name), entity.name),
                _role_in(article, title, names), title_gender(title))
               for article in articles for entity in article.named_entities
               if entity.label == "PERSON" for title in entity.titles]
    resolved = []
    for article in articles:
        quotes = list(article.quotes)
        for k, quote in enumerate(quotes):
            if quote.speaker is not None or quote.source is None:
                continue
            phrase = " ".join(article.article.text[quote.source.start:quote.source.end].split())
            if not _is_definite_description(phrase):
                continue
            description = _role_in(article, phrase, names)
            if not description.words or description.words[-1] in _NOT_ROLES \
                    or any(label == "PERSON" for _, label in description.entities) \
                    or _introduced_unnamed(article.article.text, phrase, quote.source.start):
                continue
            gender = title_gender(phrase)
            fitting = [(holder_article, name, title)
                       for holder_article, name, title, holder_gender in holders
                       if role_matches(description, title, strict=True)
                       and genders_agree(gender, holder_gender)]
            people = {name for _, name, _ in fitting}
            holder = people.pop() if len(people) == 1 else _bare_title_holder(
                description, fitting)
            if holder is not None and all(holder_article != article.article.id
                                          for holder_article, _, _ in fitting):
                quotes[k] = replace(quote, speaker=holder)
        resolved.append(replace(article, quotes=tuple(quotes)))
    return tuple(resolved)
