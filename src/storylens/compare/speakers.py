"""Story-wide speaker names: one name per real speaker across a story's articles.

Each article names its entities on its own (`understand.entities`): one outlet's
"Stoltenberg" is another's "Jens Stoltenberg", one's "NATO" another's "North
Atlantic Treaty Organization". Comparing who said what across outlets needs one
name per speaker. This is cross-document coreference of named entities restricted
to name evidence, in the spirit of Bagga & Baldwin (1998, "Entity-based
cross-document coreferencing") with the string rules of the per-article sieve (Lee
et al., 2013): full person names that share first and last word are one person;
a surname (or first name) alone joins the one full name it fits, and stays apart
when two fit ("Smith" with "John Smith" and "Jane Smith"); other names merge when
a name, name-like alias or acronym of one article is a name or alias in another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..model import AnnotatedArticle
from ..understand.entities import acronyms, name_key, name_words, same_person


@dataclass
class _Speaker:
    """The local names merged so far as one story-wide speaker."""

    person: bool
    names: Counter = field(default_factory=Counter)  # local name -> articles using it
    keys: set[str] = field(default_factory=set)      # name keys of names and aliases
    acronyms: set[str] = field(default_factory=set)  # of its multi-word names

    @property
    def name(self) -> str:
        """The fullest name, the most used among equals, dateline capitals last."""
        return max(self.names, key=lambda n: (len(name_words(n)), not n.isupper(),
                                              self.names[n], n))

    @property
    def full_words(self) -> list[list[str]]:
        return [w for w in map(name_words, self.names) if len(w) > 1]


def _is_name(alias: str) -> bool:
    """A name rather than a description ("Stoltenberg", not "the NATO chief")."""
    return all(word[:1].isupper() or not word[:1].isalpha() for word in alias.split())


def _local_names(article: AnnotatedArticle) -> Iterable[tuple[str, bool, set[str]]]:
    """(local name, is a person, name keys) for each entity and quoted speaker."""
    seen = set()
    for entity in article.named_entities:
        seen.add(entity.name)
        keys = {name_key(entity.name)} | {name_key(a) for a in entity.aliases if _is_name(a)}
        yield entity.name, entity.label == "PERSON", keys
    for quote in article.quotes:
        if quote.speaker and quote.speaker not in seen:
            seen.add(quote.speaker)
            yield quote.speaker, False, {name_key(quote.speaker)}


def _abbreviates(name: str, speaker: _Speaker) -> bool:
    """An all-capitals one-word name ("NATO") spelling one of the speaker's names."""
    return name.replace(".", "").isupper() and name_key(name) in speaker.acronyms


def _fits(short: list[str], speaker: _Speaker) -> bool:
    """A one-word name fits a person whose full name ends (or starts) with it."""
    return any(full[-1] == short[0] or full[0] == short[0] for full in speaker.full_words)


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
        first and last word merge; then a one-word person name joins the single
        person it fits (surname or first name) and stays its own speaker when it
        fits none or several. Other entities and speakers merge when their names,
        name-like aliases or acronyms share a key (`understand.entities.name_key`).
    """
    local = [(article.article.id, name, person, keys)
             for article in articles for name, person, keys in _local_names(article)]
    speakers: list[_Speaker] = []
    owner: dict[tuple[str, str], _Speaker] = {}
    order = sorted(local, key=lambda item: (not item[2], -len(name_words(item[1]))))
    for article_id, name, person, keys in order:
        words = name_words(name)
        if person and len(words) > 1:
            target = next((s for s in speakers if s.person and any(
                same_person(words, full) for full in s.full_words)), None)
        elif person:
            fitting = [s for s in speakers if s.person and _fits(words, s)]
            target = fitting[0] if len(fitting) == 1 else next(
                (s for s in speakers if s.person and not s.full_words
                 and name_key(name) in s.keys), None)
        else:  # spaCy may call a person's surname an ORG: any shared key merges
            target = next((s for s in speakers if s.keys & keys
                           or (not s.person and _abbreviates(name, s))), None)
        if target is None:
            target = _Speaker(person)
            speakers.append(target)
        target.names[name] += 1
        target.keys |= keys
        if not person:
            target.acronyms |= acronyms(name_key(name).split())
        owner[(article_id, name)] = target
    return {key: speaker.name for key, speaker in owner.items()}
