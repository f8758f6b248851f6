"""What an article says about its event, as weighted sparse features.

Two reports of one event share its participants, its place, its numbers and its
words; two events of the same kind (two earthquakes) share the words but not the
who, where, when and how many. So an article is described by:

- content words of its headline and lead (weighted up: news states the event first)
  and of its body, with sublinear term frequency (Salton & Buckley, 1988); the
  headline's words also on their own, as headlines name the event most tersely;
- its named entities, by kind: people, places, organisations, other names (events,
  groups, laws…), whole names and the family names of people, so "Tara Reid" and
  "Reid" meet; and, on their own, the names the headline mentions (the protagonist:
  the player arrested this time, not the team);
- its numbers (quantities when understand found them, else spaCy's numeric
  entities) and the absolute dates it mentions (years, months).

Feature names carry a kind prefix (`KINDS`) so the kinds never collide and the
clusterer can compare each kind on its own (a shared place, a different person);
weights are the clusterer's inverse-document-frequency-free part (it applies IDF
itself, incrementally).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import Hashable, Mapping, TypeVar

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import AnnotatedArticle
from ..understand.quantities import quantity_key

K = TypeVar("K", bound=Hashable)

#: spaCy (OntoNotes) labels of entities that identify an event's who and where.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT",
                         "PRODUCT", "WORK_OF_ART", "LAW"})
#: The prefix of a name's feature key by its label: people, places, organisations;
#: other names (NORP, EVENT, PRODUCT, WORK_OF_ART, LAW) share "e".
NAME_KINDS = {"PERSON": "p", "GPE": "g", "LOC": "g", "FAC": "g", "ORG": "o"}
#: Every feature kind: body words, headline words, people, places, organisations,
#: other names, numbers, dates, names in the headline.
KINDS = ("w", "h", "p", "g", "o", "e", "n", "t", "m")
#: spaCy labels of numeric entities; used when understand gave no quantities.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})

#: Relative weight of each kind of feature against one body word.
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
NAME_WEIGHT = 2.0
NUMBER_WEIGHT = 1.0
DATE_WEIGHT = 1.0
#: Characters of clean text that count as the lead.
LEAD_CHARS = 600

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_NUMBER_WORDS = re.compile(r"\d+(?:[.,]\d+)*")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_TOKEN = re.compile(r"\w+", re.UNICODE)


@functools.lru_cache(maxsize=1 << 17)  # word frequencies are Zipfian: most are repeats
def normalise_word(word: str) -> str | None:
    """A content word in a comparable form, or None for stop words and noise.

    Lower-cased, possessive dropped, and a crude plural strip ("fires" -> "fire",
    "injuries" -> "injury"), enough for matching across outlets without a lemmatizer.
    """
    word = _POSSESSIVE.sub("", word.lower()).replace("’", "'")
    if len(word) < 3 or word in STOP_WORDS or "'" in word:
        return None
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The normalised content words of `text`, in order."""
    return [w for w in map(normalise_word, _WORD.findall(text)) if w]


def smoothed_idf(frequency: Mapping[K, int], documents: int) -> dict[K, float]:
    """Inverse document frequency of each key, smoothed as scikit-learn's
    TfidfVectorizer smooths it: log((1 + documents) / (1 + n)) + 1, so a key every
    document holds still weighs 1."""
    return {key: math.log((1 + documents) / (1 + n)) + 1 for key, n in frequency.items()}


def name_keys(text: str, label: str) -> list[str]:
    """Feature keys of one entity name, prefixed by its kind (`NAME_KINDS`): the whole
    name and, for a person, the surname."""
    name = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(text.split()))).lower()
    if not name or not any(c.isalpha() for c in name):
        return []
    kind = NAME_KINDS.get(label, "e")
    keys = [f"{kind}:{name}"]
    parts = name.split()
    if label == "PERSON" and len(parts) > 1:
        keys.append(f"p:{parts[-1]}")
    return keys


def headline_names(names: Counter, title: str) -> Counter:
    """The names the headline mentions, as "m:" keys: the event's protagonists.

    Two events of one kind often involve the same cast (the same team, the same
    champion) but are told by who is new in them (the player arrested this time, this
    fight's challenger), and the headline names that one.
    """
    title = f" {_tokens(title)} "
    return Counter({f"m:{key.split(':', 1)[1]}": 1 for key in names
                    if f" {_tokens(key.split(':', 1)[1])} " in title})


def _tokens(text: str) -> str:
    """Lower-cased words and numbers joined by single spaces, for phrase matching."""
    return " ".join(_TOKEN.findall(text.lower()))


def number_key(text: str) -> str | None:
    """A numeric entity's key: its digits ("$ 160 million" -> "n:160"), or None."""
    digits = _NUMBER_WORDS.findall(text)
    return f"n:{digits[0].replace(',', '')}" if digits else None


def _sublinear(counts: Counter, weight: float) -> dict[str, float]:
    return {key: weight * (1.0 + math.log(n)) for key, n in counts.items()}


def article_features(annotated: AnnotatedArticle) -> dict[str, float]:
    """The weighted features of one article (before IDF)."""
    article = annotated.article
    features: Counter[str] = Counter()

    def add(weighted: dict[str, float]) -> None:
        for key, value in weighted.items():
            features[key] += value

    headline = Counter(words(article.title or ""))
    add(_sublinear(Counter({f"w:{w}": n for w, n in headline.items()}), HEADLINE_WEIGHT))
    add(_sublinear(Counter({f"h:{w}": n for w, n in headline.items()}), HEADLINE_WEIGHT))
    add(_sublinear(Counter(f"w:{w}" for w in words(article.text[:LEAD_CHARS])), LEAD_WEIGHT))
    add(_sublinear(Counter(f"w:{w}" for w in words(article.text)), BODY_WEIGHT))

    names: Counter[str] = Counter()
    for entity in annotated.named_entities:
        if entity.label in NAME_LABELS:
            for alias in (entity.name, *entity.aliases):
                names.update(name_keys(alias, entity.label))
    if not names:
        for entity in annotated.entities:
            if entity.label in NAME_LABELS:
                names.update(name_keys(entity.text, entity.label))
    add(_sublinear(names, NAME_WEIGHT))
    add(_sublinear(headline_names(names, article.title or ""), NAME_WEIGHT))

    if annotated.quantities:
        numbers = Counter(f"n:{quantity_key(q.value, q.unit)}" for q in annotated.quantities
                          if q.value is not None)
    else:
        numbers = Counter(key for e in annotated.entities if e.label in NUMBER_LABELS
                          if (key := number_key(e.text)))
    add(_sublinear(numbers, NUMBER_WEIGHT))

    dates = Counter(f"t:{t.date.isoformat()[:7]}" if t.granularity in ("day", "week", "month")
                    else f"t:{t.date.year}"
                    for t in annotated.times if t.date is not None)
    add(_sublinear(dates, DATE_WEIGHT))
    return dict(features)

