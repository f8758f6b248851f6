"""Quantities: numbers with their unit, normalised so statements can be compared.

Two outlets that write "2% of GDP" and "two percent of GDP" state the same figure;
storylens can only see that if both come out as value 0.02, unit "percent of GDP".
So every number is reduced to a float in base units with a unit name:

- percentages ("2%", "two percent", "2 per cent") -> 0.02, unit "percent", or
  "percent of GDP" when the text says so; "percentage points" keep their own unit;
- money ("€40 million", "40 million euros", "$1.2bn") -> 40e6 with the ISO 4217
  code as unit ("$" alone is taken as USD);
- counts and measures ("12 people", "about 300 residents", "800 tonnes") -> the
  counted noun, lower-cased and singular, as unit; hedges ("about", "nearly") are
  left out and do not change the value;
- number words ("Fourteen", "a dozen", "two thirds"); fractions are proportions and
  share the unit "percent" ("half" == "50%" == 0.5);
- multipliers ("double", "halve", "three times as many", "twofold") -> unit "times";
- ranges ("between 10 and 12", "10-12%", "10 to 12") -> `value`..`upper`; "up to
  300" has no bottom: value None, upper 300;
- vague plurals ("hundreds of people", "dozens", "tens of thousands") -> value None
  with their unit: the text gives an order of magnitude, not a figure.

A target year ("2% of GDP by 2027", "by fiscal year 2027", "in 2027") that follows
the figure closely in its sentence, before the next figure, is kept as `year`.

Years, dates, clock times, ordinals, phone numbers, scores, list numbers and
identifiers ("Boeing 737", "COVID-19", "Route 66", "No. 10") are not quantities,
nor are number words used as pronouns ("one of them", "the two of them").

The method, in the manner of rule-based extractors such as Grobid-quantities' or
textacy's: precompiled patterns for number cores, run only around digits and
number words (`scan`), anchored patterns for what stands around each core, and the
spaCy parse already made (entity labels to rule out dates, times and names; the
dependency of a number on its noun for the counted unit). No extra model pass.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from ..model import Quantity
from . import scan

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {**{w: i for i, w in enumerate(_UNITS)},
                **{w: 10 * (i + 2) for i, w in enumerate(_TENS)}}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12}
#: "k", "m", "b" are scales only after a currency sign ("$40m"; "40 m" is metres).
_ABBREVIATED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9,
                       "bln": 1e9, "tn": 1e12, "trn": 1e12}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4,
                 "quarters": 4, "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5,
                 "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8,
                 "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_MULTIPLIER_VERBS = {"double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0,
                     "halve": 0.5}

#: Currency signs and codes written before the amount.
_SYMBOLS = {"$": "USD", "us$": "USD", "u.s.$": "USD", "c$": "CAD", "ca$": "CAD",
            "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
            "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
            "₽": "RUB", "₺": "TRY", "₪": "ILS", "₴": "UAH", "rs": "INR", "rs.": "INR"}
_CODES = ("USD EUR GBP JPY CNY RMB CHF CAD AUD NZD INR KRW RUB UAH HKD SEK NOK DKK PLN "
          "BRL MXN ZAR TRY ILS SGD").split()
#: Currency names written after the amount; (code, factor to the main unit).
_CURRENCY_WORDS = {"dollar": ("USD", 1.0), "euro": ("EUR", 1.0), "pound": ("GBP", 1.0),
                   "sterling": ("GBP", 1.0), "yen": ("JPY", 1.0), "yuan": ("CNY", 1.0),
                   "renminbi": ("CNY", 1.0), "won": ("KRW", 1.0), "rupee": ("INR", 1.0),
                   "ruble": ("RUB", 1.0), "rouble": ("RUB", 1.0), "franc": ("CHF", 1.0),
                   "hryvnia": ("UAH", 1.0), "shekel": ("ILS", 1.0), "peso": ("MXN", 1.0),
                   "cent": ("USD", 0.01), "pence": ("GBP", 0.01)}
_DOLLAR_COUNTRIES = {"us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD",
                     "australian": "AUD", "hong kong": "HKD", "new zealand": "NZD",
                     "singapore": "SGD", "taiwan": "TWD"}
#: Currency names that are also ordinary words: money only inside a MONEY entity.
_AMBIGUOUS_CURRENCY = {"pound", "won"}
#: Every currency code a quantity's unit may be.
CURRENCY_UNITS = frozenset({*_SYMBOLS.values(), *_CODES, *_DOLLAR_COUNTRIES.values(),
                            *(code for code, _ in _CURRENCY_WORDS.values())})


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first so none shadows a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORD = _alternation([*_WORD_VALUES, *_SCALES, "dozen"])
#: "1,200", and "30, 000" as ECB+-style tokenised text writes it.
_DIGITS = r"\d{1,3}(?:,\s?\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CORE = re.compile(rf"""
    (?:(?<![^\W\d_])(?P<symbol>{_alternation(_SYMBOLS)}|(?:{'|'.join(_CODES)})\b)\s?)?
    (?:
      (?P<digits>{_DIGITS})
      (?:[\s-]*(?P<scale>{_alternation(_SCALES)})s?\b
        |\s?(?P<abbr>(?(symbol)(?:{_alternation(_ABBREVIATED_SCALES)})|(?:bn|mn|mln|bln|tn|trn)))\b)?
    | \b(?P<vague>(?:dozens|hundreds|thousands|millions|billions|tens)
        (?:\s+of\s+(?:thousands|millions|billions))?
        |(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million|billion))\b
    | \b(?P<fraction>(?:a|an|one|{_alternation(_UNITS[1:11])})[\s-]+
        (?:{_alternation(_DENOMINATORS)})|half)\b
    | \b(?P<words>(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?
        (?:{_NUMBER_WORD})(?:(?:\s+|-)(?:{_NUMBER_WORD}))*)(?:\b|(?=fold\b))
    )""", re.IGNORECASE | re.VERBOSE)

_PERCENT = re.compile(r"""\s*(?:(?P<points>percentage[\s-]+points?)\b|(?P<basis>basis\s+points?)\b
    |(?P<percent>%|per\s*cent\b|pct\b))""", re.IGNORECASE | re.VERBOSE)
_OF_GDP = re.compile(r"""\s+of\s+(?:(?:the|its|their|his|her|our|[A-Z][\w.]*(?:'s|’s))\s+)?
    (?:GDP|gross\s+domestic\s+product|economic\s+output)\b""", re.VERBOSE)
_CURRENCY_AFTER = re.compile(rf"""\s*(?:(?P<country>{_alternation(_DOLLAR_COUNTRIES)})\s+)?
    (?P<name>{_alternation(_CURRENCY_WORDS)})(?:e?s)?(?:\s+sterling)?\b
    |\s*(?P<code>{'|'.join(_CODES)})\b""", re.IGNORECASE | re.VERBOSE)
_MULTIPLIER_AFTER = re.compile(r"""[\s-]?fold\b|\s+times\s+(?=as|more|higher|larger
    |bigger|greater|faster|the|that|what|over)""", re.IGNORECASE | re.VERBOSE)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to\b|and\b)\s*", re.IGNORECASE)
_BEFORE_RANGE = re.compile(r"(?:\b(?P<word>between|from)|\b(?P<upto>up\s+to|as\s+many\s+as"
                           r"|at\s+most|no\s+more\s+than))\s+$", re.IGNORECASE)
_ONLY_SCALES = re.compile(rf"(?:{_alternation(_SCALES)})(?:[\s-]+(?:{_alternation(_SCALES)}))*",
                          re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|no|any|every|which|on)\s+$",
                                re.IGNORECASE)
_BEFORE_ID = re.compile(r"(?:\bno\.|\bnumber|#)\s*$", re.IGNORECASE)
_GLUED_BEFORE = re.compile(r"(?:[\w.:/@)]|\w-|\d\s:\s?)$")
_GLUED_AFTER = re.compile(r"(?!fold\b)[^\W\d_]|\s?[:/]\s?\d|\s?(?:[ap]\.\s?m\.|[ap]m\b)"
                          r"|-?something\b|\([a-z]\)",
                          re.IGNORECASE)
_LIST_MARKER_AFTER = re.compile(r"[.)]\s")
#: A day of the month next to its month ("Feb . 2", "4 March"), missed as a DATE.
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March"
          r"|April|June|July|August|September|October|November|December")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\s*\.?\s*$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b")
#: Phone numbers: "(202) 555-0199", "202-555-0199", and "555-0199" unless it reads
#: as a round range ("500-1000").
_HYPHENATED_DIGIT = re.compile(r"\s?[-–]\s?\d")
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]*\d{3}\s*[-.]\s*\d{4}\b|\b\d{3}-\d(?!\d00\b)\d{3}\b")
_TARGET_YEAR = re.compile(r"""\b(?:by|in|until|till|through|before|for)\s+
    (?:the\s+end\s+of\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s*)?
    (?P<year>(?:19|20)\d\d)\b(?!\s*%)""", re.IGNORECASE | re.VERBOSE)
#: How far after a figure its target year may stand ("2% of GDP in defence in 2027").
_TARGET_REACH = 60
_LEADING_YEAR = re.compile(r"\s*(?:By|In)\s+(?P<year>(?:19|20)\d\d)\s*,")
_DATE_WORD = re.compile(r"""\b(?:days?|weeks?|months?|years?|decades?|centur|ago|yesterday
    |today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun
    |jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|quarter|fiscal|fy|old)
    |\b(?:1[89]|20)\d\d\b|\d0s\b""", re.IGNORECASE | re.VERBOSE)

#: Every number core holds a digit or one of these words (see `scan`).
_TRIGGERS = scan.word_ids([*_WORD_VALUES, *_SCALES, *(f"{w}s" for w in _SCALES), "dozen",
                           "dozens", "tens", *_DENOMINATORS,
                           *(f"{w}fold" for w in _UNITS[2:11])])
_MULTIPLIER_FORMS = {form: factor for verb, factor in _MULTIPLIER_VERBS.items()
                     for form in (verb, verb + "s", verb + "d", verb[:-1] + "ing")}
_MULTIPLIER_IDS = scan.word_ids(_MULTIPLIER_FORMS)

#: Entity labels whose numbers are parts of names or clock times, not amounts.
#: (ORDINAL is not among them: the number patterns never match an ordinal, and the
#: small model labels "3bn" ORDINAL.)
_NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                "WORK_OF_ART", "LAW", "LANGUAGE", "TIME"}
_IRREGULAR_PLURALS = {"people": "people", "children": "child", "men": "man",
                      "women": "woman", "feet": "foot", "teeth": "tooth",
                      "police": "police", "staff": "staff", "personnel": "personnel",
                      "species": "species", "series": "series", "news": "news",
                      "aircraft": "aircraft", "sheep": "sheep", "data": "data"}


def _word_value(text: str) -> float:
    """The value of number words: "forty-two" 42, "a dozen" 12, "two hundred" 200."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
    return total + current


def _valid_words(text: str) -> int:
    """How many leading words of a run of number words make one number: all of
    "twenty-one hundred", one of "one two" (two numbers side by side)."""
    words = re.split(r"([\s-]+)", text.lower())[::2]
    for i in range(1, len(words)):
        previous, word = words[i - 1], words[i]
        joins = (word in _SCALES or word == "dozen"
                 or (previous in _TENS and _WORD_VALUES.get(word, 10) < 10)
                 or (previous in _SCALES and word not in _SCALES))
        if not joins:
            return i
    return len(words)


def _fraction_value(text: str) -> float:
    """The value of a spelled fraction: "two thirds" 2/3, "a quarter" 0.25."""
    *numerator, denominator = re.split(r"[\s-]+", text.lower())
    top = _WORD_VALUES.get(numerator[0], 1) if numerator else 1
    return top / _DENOMINATORS[denominator]


def _core_value(match: re.Match) -> tuple[float | None, float]:
    """(value, scale) of a number core; value None for vague plurals."""
    if match["digits"]:
        scale = (_SCALES[match["scale"].lower()] if match["scale"] else
                 _ABBREVIATED_SCALES[match["abbr"].lower()] if match["abbr"] else 1.0)
        return float(re.sub(r"[,\s]", "", match["digits"])) * scale, scale
    if match["fraction"]:
        return _fraction_value(match["fraction"]), 1.0
    if match["words"]:
        return _word_value(match["words"]), 1.0
    return None, 1.0


def _scaled(value: float | None, factor: float) -> float | None:
    """`value` * `factor` to 12 significant digits: 94 percent is 0.94, not
    0.9400000000000001, so equal statements compare equal."""
    return None if value is None else float(f"{value * factor:.12g}")


#: Units a fraction can be a part of as an amount ("a quarter of a mile", "half an
#: hour"), where a fraction of anything else is a share ("half of the voters").
_MEASURES = frozenset({
    "mile", "kilometer", "kilometre", "meter", "metre", "foot", "inch", "yard", "acre",
    "pound", "ounce", "ton", "tonne", "gallon", "liter", "litre", "cup", "second",
    "minute", "hour", "day", "week", "month", "year", "decade", "century", "dollar",
    "cent", "point"})
_FRACTION_OF_MEASURE = re.compile(r"\s+(?:of\s+)?(?:a|an)\s+(?P<unit>[a-z]+)\b")
_PLURAL_AFTER = re.compile(rf"\s+(?P<noun>[a-z]+s|{'|'.join(_IRREGULAR_PLURALS)})\b")


def singular(noun: str) -> str:
    """A plural noun made singular by the regular English rules ("lemma-ish")."""
    noun = noun.lower()
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes", "zes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 2:
        return noun[:-1]
    return noun


class _Scanner:
    """The quantities of one parsed document (one pass over its text)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.ent_of_char = {}
        for ent in doc.ents:
            for i in range(ent.start_char, ent.end_char):
                self.ent_of_char[i] = ent
        self.windows = scan.windows(doc, self.text, _TRIGGERS, before=10, after=12)
        self.phones = [m.span() for m in scan.finditer(_PHONE, self.text, self.windows)]
        table = doc.to_array([IDX, SENT_START]) if len(doc) else np.zeros((0, 2), int)
        self.sentence_starts = table[table[:, 1] == 1, 0].tolist() or [0]
        self.sentence_ends = self.sentence_starts[1:] + [len(self.text)]

    # -- what stands around a number core ---------------------------------------

    def _whole_number(self, match: re.Match) -> re.Match:
        """`match` cut after its first number when it runs two together ("one two")."""
        if not match["words"]:
            return match
        words = re.split(r"[\s-]+", match["words"])
        keep = _valid_words(match["words"])
        if keep == len(words):
            return match
        end = match.start("words")
        for word in words[:keep]:
            end = self.text.index(word, end) + len(word)
        return _CORE.match(self.text, match.start(), end)

    def _glued(self, start: int, end: int) -> bool:
        """True if the core is part of a word, id, score, clock time or slash date
        ("COVID-19", "5G", "2nd", "1990s", "3-2", "4 : 59", "9/11", "20-something",
        "501(c)4"), or numbers a list item ("1. A voter file")."""
        before = self.text[max(0, start - 4):start]
        after = self.text[end:end + 12]
        line_start = self.text.rfind("\n", 0, start) + 1
        list_marker = (not self.text[line_start:start].strip()
                       and _LIST_MARKER_AFTER.match(after) is not None)
        return bool(_GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after) or list_marker)

    def _entity_rules_out(self, start: int, end: int, marked: bool) -> bool:
        """True if spaCy's entities say an unmarked number is part of a date, a
        clock time or a name ("a 15-year-old", "Apollo 11")."""
        ent = self.ent_of_char.get(start)
        if ent is None or marked:
            return False
        if ent.label_ in _NAME_LABELS:
            return True
        return ent.label_ == "DATE" and bool(_DATE_WORD.search(ent.text))

    def _token_before_is_name(self, start: int, end: int) -> bool:
        """True for "Route 66", "Boeing 737": a number hanging on the name before it."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        head = span[-1].head
        return head.pos_ == "PROPN" and head.i < span.start

    def _counted(self, start: int, end: int) -> tuple[str | None, int]:
        """The noun a number counts ("12 people" -> "people") and where it ends.

        The number's last token (climbing "1.2" -> "million") modifies the noun
        (nummod/compound/quantmod), or a vague plural takes an "of" phrase
        ("hundreds of people").
        """
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None, end
        token = span[-1]
        while token.head.i != token.i and token.head.like_num and token.head.i < span.end + 2:
            token = token.head
        head = token.head
        if (token.dep_ in ("nummod", "compound", "quantmod", "amod") and head.i > token.i
                and head.pos_ in ("NOUN", "PROPN") and head.i - token.i <= 4):
            return singular(head.text), max(end, head.idx + len(head))
        if token.pos_ == "NOUN" or token.lower_ in ("dozens", "hundreds", "thousands"):
            for child in token.rights:
                if child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                        noun = objects[0]
                        return singular(noun.text), noun.idx + len(noun)
        return None, end

    def _target_year(self, end: int, limit: int) -> int | None:
        """The year a figure is set for: "by 2027" shortly after it in its sentence
        (before `limit`, where the next figure starts), or a sentence opened by
        "By 2027,"."""
        i = bisect.bisect_right(self.sentence_ends, end - 1)
        if i >= len(self.sentence_ends):
            return None
        found = _TARGET_YEAR.search(self.text, end, min(limit, self.sentence_ends[i],
                                                         end + _TARGET_REACH))
        if found:
            return int(found["year"])
        opening = _LEADING_YEAR.match(self.text, self.sentence_starts[i], end)
        return int(opening["year"]) if opening else None

    # -- putting a quantity together --------------------------------------------

    def _unit_after(self, match: re.Match, end: int) -> tuple[str | None, float, int]:
        """(unit, factor, end) once the marker after a core is read: a percent sign,
        a currency name or code, a multiplier, or the currency sign before it."""
        percent = _PERCENT.match(self.text, end)
        if percent:
            if percent["basis"] or percent["points"]:
                return ("percentage points", 0.0001 if percent["basis"] else 0.01,
                        percent.end())
            of_gdp = _OF_GDP.match(self.text, percent.end())
            if of_gdp:
                return "percent of GDP", 0.01, of_gdp.end()
            return "percent", 0.01, percent.end()
        currency = None if match["symbol"] else _CURRENCY_AFTER.match(self.text, end)
        if currency and currency["code"]:
            return currency["code"].upper(), 1.0, currency.end()
        if currency:
            name = currency["name"].lower()
            ent = self.ent_of_char.get(currency.start("name"))
            if name not in _AMBIGUOUS_CURRENCY or (ent is not None and ent.label_ == "MONEY"):
                code, factor = _CURRENCY_WORDS[name]
                if name == "dollar" and currency["country"]:
                    code = _DOLLAR_COUNTRIES[currency["country"].lower()]
                return code, factor, currency.end()
        multiplier = _MULTIPLIER_AFTER.match(self.text, end)
        if multiplier:
            times_end = multiplier.end() if "fold" in multiplier[0].lower() else end + 6
            return "times", 1.0, times_end
        if match["symbol"]:
            symbol = match["symbol"].lower()
            return _SYMBOLS.get(symbol, symbol.upper()), 1.0, end
        return None, 1.0, end

    def _is_identifier(self, match: re.Match) -> bool:
        """Phone numbers, days of a month, zero-padded or long codes and "No. 5"."""
        start, end = match.span()
        if any(a <= start < b for a, b in self.phones):
            return True
        if (_BEFORE_ID.search(self.text, max(0, start - 8), start)
                or _MONTH_BEFORE.search(self.text, max(0, start - 12), start)
                or _MONTH_AFTER.match(self.text, end)):
            return True
        digits = match["digits"]
        if not digits or match["symbol"] or match["scale"] or match["abbr"]:
            return False
        plain = digits.isdigit()  # no separators, no decimals
        return plain and ((len(digits) > 1 and digits[0] == "0") or len(digits) >= 7)

    def _year_like(self, match: re.Match, unit: str | None) -> bool:
        """A bare four-digit number that reads as a year: all but those counting a
        plural noun ("2000 people", not "the 2022 election")."""
        digits = match["digits"] or ""
        if not (digits.isdigit() and len(digits) == 4 and 1000 <= int(digits) <= 2100):
            return False
        span = self.doc.char_span(*match.span(), alignment_mode="expand")
        token = span[-1] if span is not None else None
        # "2000 people" counts; "2016 Democratic candidates" names their year.
        counts_plural = (token is not None and token.dep_ == "nummod"
                         and token.head.tag_ == "NNS" and token.i + 1 < len(self.doc)
                         and not self.doc[token.i + 1].is_title)
        return unit is None or not counts_plural

    def _pronoun_like(self, match: re.Match, unit: str | None, start: int) -> bool:
        """Number words used as pronouns: "one of them", "one another", "the two of
        them", "on one hand" (after a determiner, or "one" counting nothing)."""
        words = (match["words"] or "").lower()
        if not words:
            return False
        after_determiner = _DETERMINER_BEFORE.search(self.text, max(0, start - 8), start)
        if words == "one" and unit in (None, "another"):  # "one another"
            return True
        return bool(
            after_determiner and (unit is None or words == "one"))

    def _fraction_in_context(self, match: re.Match) -> bool:
        """A fraction word is a proportion only as "half of", "a third the", "by half"."""
        after = self.text[match.end():match.end() + 6].lower()
        before = self.text[max(0, match.start() - 4):match.start()].lower()
        return bool(re.match(r"\s+(?:of|the|a|an|its|their|his|her)\b", after)
                    or before.endswith("by "))

    def quantities(self) -> list[Quantity]:
        found: list[Quantity] = []
        cores = [self._whole_number(m) for m in scan.finditer(_CORE, self.text, self.windows)]
        cores = [m for m in cores if not self._glued(*m.span())]
        consumed = -1
        for match in cores:
            start, end = match.span()
            if start < consumed:
                continue
            quantity = self._quantity(match)
            if quantity is not None:
                found.append(quantity)
                consumed = quantity.end
        found.extend(self._multiplier_verbs())
        found.sort(key=lambda q: q.start)
        limits = [q.start for q in found[1:]] + [len(self.text)]
        return [dataclasses.replace(q, year=self._target_year(q.end, limit))
                for q, limit in zip(found, limits)]

    def _quantity(self, match: re.Match) -> Quantity | None:
        """The quantity a number core starts, or None if it is not one."""
        start, end = match.span()
        if match["fraction"] and not self._fraction_in_context(match):
            return None
        if match["words"] and _ONLY_SCALES.fullmatch(match["words"]):
            return None  # "million-dollar", "Million Dollar Mermaid": no figure
        if self._is_identifier(match):
            return None
        value, scale = _core_value(match)
        upper = None
        before = _BEFORE_RANGE.search(self.text, max(0, start - 16), start)
        last = match
        if before and before["upto"]:
            value, upper, start = None, value, before.start()
        elif (second := self._range_end(match, before)) is not None:
            upper, second_scale = _core_value(second)
            if scale == 1.0 and value * second_scale < upper:
                value *= second_scale  # "between 10 and 12 million": both in millions
            start = before.start() if before and before["word"] else start
            last = second
        elif _HYPHENATED_DIGIT.match(self.text, end):
            return None  # "3-2", "1-800": a score or a code, not an amount
        unit, factor, end = self._unit_after(last, last.end())
        if unit is None and last is not match and match["symbol"]:
            unit, factor, end = self._unit_after(match, last.end())  # "$10-12"
        marked = unit is not None or bool(match["scale"] or match["abbr"] or match["fraction"])
        if self._entity_rules_out(match.start(), match.end(), marked):
            return None
        if unit is None:
            if self._token_before_is_name(match.start(), match.end()):
                return None
            unit, end = self._counted(match.start(), end)
            if self._year_like(match, unit):
                return None
            if self._pronoun_like(match, unit, start):
                return None
            if match["fraction"]:
                measured = _FRACTION_OF_MEASURE.match(self.text, match.end())
                if measured and measured["unit"] == "dozen":
                    # "half a dozen people": six of them
                    value, end = value * 12, measured.end()
                    counted = _PLURAL_AFTER.match(self.text, end)
                    unit, end = (singular(counted["noun"]), counted.end()) if counted \
                        else (None, end)
                elif measured and singular(measured["unit"]) in _MEASURES:
                    # "a quarter of a mile", "half an hour": a length, not a share
                    unit, end = singular(measured["unit"]), measured.end()
                else:
                    unit = "percent"
        return Quantity(start=start, end=end, text=self.text[start:end],
                        value=_scaled(value, factor), unit=unit, upper=_scaled(upper, factor))

    def _range_end(self, match: re.Match, before: re.Match | None) -> re.Match | None:
        """The second number of "between 10 and 12", "10-12%", "10 to 12", if any."""
        if not match["digits"] and not match["words"]:
            return None
        if _PERCENT.match(self.text, match.end()) or _CURRENCY_AFTER.match(self.text, match.end()):
            return None  # "rose 5% to 7%": two figures, not a range
        join = _RANGE_JOIN.match(self.text, match.end())
        if not join:
            return None
        word = join[0].strip().lower()
        opener = before["word"].lower() if before and before["word"] else None
        if (word == "and") != (opener == "between") or opener == "from":
            return None
        second = _CORE.match(self.text, join.end())
        if second is None or not (second["digits"] or second["words"]) or (
                second["words"] and _ONLY_SCALES.fullmatch(second["words"])):
            return None
        low, _ = _core_value(match)
        high, _ = _core_value(second)
        if low is None or high is None or high <= low and not second["scale"]:
            return None
        return second

    def _multiplier_verbs(self) -> list[Quantity]:
        """"double its spending", "halved": a verb that multiplies (unit "times")."""
        found = []
        for i in scan.trigger_tokens(self.doc, _MULTIPLIER_IDS).tolist():
            token = self.doc[i]
            if token.pos_ == "VERB":
                found.append(Quantity(token.idx, token.idx + len(token), token.text,
                                      _MULTIPLIER_FORMS[token.lower_], "times"))
        return found


def extract_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every quantity of `doc`, in text order, with unit and normalised value.

    Rule-based over the spaCy parse (see the module docstring for the conventions).
    """
    return tuple(_Scanner(doc).quantities())


def unit_key(unit: str | None, year: int | None) -> str:
    """What a quantity measures, with its target year: "percent of GDP by 2027"."""
    return " ".join(part for part in (unit, f"by {year}" if year else None) if part)


def is_count(unit: str | None) -> bool:
    """Does `unit` count things ("people", "seats") rather than measure money, a share
    or a multiple? Counts are what outlets report differently of one event."""
    return bool(unit) and unit not in CURRENCY_UNITS and unit != "times" and not \
        unit.startswith(("percent", "percentage"))


def quantity_key(value: float, unit: str | None, year: int | None = None) -> str:
    """A quantity as other stages compare it: "0.02 percent of GDP by 2027"."""
    return f"{value:g} {unit_key(unit, year)}".rstrip()
