"""Time expressions, resolved against the publication date.

A timeline across outlets needs dates, not words: "on Tuesday" in a report
published Thursday 2 Feb 2023 and "January 31st" in another are the same day. Each
expression is resolved to the first day of the period it names plus a granularity
(model.GRANULARITIES):

- absolute dates resolve on their own: "4 March 2025", "February 2, 2023" (day),
  "March 2025" (month), "in 2027", "since 2021", "fiscal year 2027" / "FY2027"
  (year: a fiscal year is kept as its calendar year, as outlets do not say when it
  starts), "the 1990s" (decade), "Q3 2022" (quarter), "spring 2024" (season);
- deictic and relative ones need the publication date: "yesterday", "last week"
  (Monday of that week), "last month", "late last year" (year: early/mid/late do
  not narrow it), "two years ago", "this spring" (season: meteorological,
  northern-hemisphere, March/June/September/December);
- a weekday, a month or a day without its year ("on Tuesday", "last June",
  "March 4") is the occurrence the sentence's tense points to: the most recent one
  on or before publication for the past tense (and for bare weekdays, as news
  reports what happened), the next one from publication for the future ("will meet
  on Tuesday", "is meeting on Tuesday"), the nearest one otherwise; "last"/"next"
  pick the previous/next occurrence strictly before/after the publication date;
- "a day earlier", "the day before", "the next day", "a week later" count from
  the anchor: the latest day-granular expression before it in the article (the
  event just told), or the publication date when there is none; "the next year",
  "a month earlier" count from the latest expression of any granularity.

Without a publication date every relative expression keeps its granularity and a
date of None: nothing is resolved against today.

The method is that of rule-based taggers such as HeidelTime and SUTime: one
precompiled pattern over the text for the expressions, then normalisation rules
per kind; the tense comes from spaCy's parse already made (the governing verb's
tag and auxiliaries), and spaCy's DATE entities add bare years the patterns miss
("the 2022 election").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc

from ..model import TimeExpression
from . import scan
from .entities import WEEKDAYS
from .quotes.features import SPEECH_VERBS

#: The time after its publication date within which a story's past-tense day without a
#: year is taken as written in an update, in the publication year (`_day_of_year`).
UPDATE_WINDOW = dt.timedelta(days=31)
#: Kinds of expression that state a day outright.
_STATED_DAYS = frozenset({"iso", "mdy", "dmy", "md", "dm"})
_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())}, Sept=9)
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}
_COUNTS = {w: i for i, w in enumerate("zero one two three four five six seven eight "
                                       "nine ten eleven twelve".split())}
_COUNTS.update(a=1, an=1)
_SHIFTS = {"last": -1, "previous": -1, "this": 0, "next": 1}
_DEICTIC = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
            "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
            "the day after tomorrow": 2}


def _month(group: str) -> str:
    names = "|".join(sorted(_MONTHS, key=len, reverse=True))
    # An abbreviation's stop only before the day ("Feb. 2", "Feb . 2"), never a
    # sentence's full stop.
    # not the first part of a hyphenated name ("from Mar-a-Lago")
    return rf"(?P<{group}>{names})\b(?!-)(?:\s?\.(?=\s*\d))?"


def _year(group: str) -> str:
    return rf"(?P<{group}>(?:1[6-9]|20)\d\d)\b"


def _day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?\b"


_WEEKDAY = "|".join(WEEKDAYS)
#: "Tuesday, January 31st": a weekday before a date belongs to the expression.
_ON_WEEKDAY = rf"(?:(?:{_WEEKDAY}),?\s+(?:the\s+)?)?"
#: Words before a month name that make it a time ("in May", not "May I").
_MONTH_CUE = (r"(?i:last|this|next|in|since|until|till|by|from|through|during|of|on"
              r"|before|after|early|late|mid|end\s+of|beginning\s+of)")
_YEAR_CUE = (r"(?i:in|since|by|until|till|through|from|to|before|after|during|of|early"
             r"|late|mid|around|between|and|the\s+year|the\s+end\s+of|the\s+start\s+of)")
_NUMBER = "|".join(sorted(_COUNTS, key=len, reverse=True))
_UNIT = r"(?:day|week|month|year|decade)"

_PATTERNS = {
    "iso": r"\b(?P<iso_y>\d{4})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b",
    "mdy": rf"{_ON_WEEKDAY}{_month('mdy_m')}\s*{_day('mdy_d')}\s*,?\s*{_year('mdy_y')}",
    "dmy": rf"{_ON_WEEKDAY}{_day('dmy_d')}\s+(?:of\s+)?{_month('dmy_m')}\s*,?\s*{_year('dmy_y')}",
    "mry": rf"{_month('mry_m')}\s+(?:of\s+)?(?P<mry_rel>(?i:last|this|next))\s+(?i:year)\b",
    "my": rf"{_month('my_m')}\s*,?\s+(?:of\s+)?{_year('my_y')}",
    "md": rf"{_ON_WEEKDAY}(?:(?P<md_rel>(?i:last|this|next|this\s+coming|this\s+past))\s+)?"
          rf"{_month('md_m')}\s*{_day('md_d')}(?!\d|\s*%)",
    "dm": rf"{_ON_WEEKDAY}(?:the\s+)?{_day('dm_d')}\s+(?:of\s+)?{_month('dm_m')}",
    "sy": rf"(?i:(?:the\s+)?(?P<sy_s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?){_year('sy_y')}",
    "fy": r"\b(?i:(?:fiscal|financial)\s+(?:year\s+)?)(?P<fy_y>(?:19|20)\d\d)\b"
          r"|\bFY\s?-?(?P<fy_y2>(?:19|20)?\d\d)\b",
    "q": rf"\b(?i:(?:the\s+)?(?P<q_n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
         rf"(?:\s+of\s+(?:(?P<q_rel>(?i:last|this|next))\s+(?i:year)|{_year('q_y')}))?"
         rf"|\bQ(?P<q_n2>[1-4])\b(?:\s*{_year('q_y2')})?",
    "rm": rf"\b(?P<rm_rel>{_MONTH_CUE})[\s-]+(?:(?i:early|late|mid)[\s-]+)?(?:the\s+month\s+of\s+)?"
          rf"{_month('rm_m')}(?!\s*\.?\s*\d|\s*,\s*(?:1[6-9]|20)\d\d\b"
          r"|\s+(?:of\s+)?(?i:last|this|next)\s+(?i:year))",
    "wd": rf"\b(?:(?P<wd_rel>(?i:last|this|next|this\s+coming|this\s+past))\s+)?"
          rf"(?P<wd_day>{_WEEKDAY})\b(?:\s+(?i:morning|afternoon|evening|night))?",
    "deictic": r"(?i:\b(?P<deictic_phrase>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
               r"|yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening))\b)",
    "anchor": r"(?i:\b(?P<anchor_phrase>(?:a|one|the)\s+(?P<anchor_u1>day|week|month|year)\s+"
              r"(?P<anchor_dir1>earlier|later|(?:before|after)(?!\s+\w))"
              r"|the\s+(?P<anchor_dir2>previous|next|following)\s+"
              r"(?P<anchor_u2>day|week|month|year))\b)"
              r"(?!\s+(?:the|a|an|his|her|its|their|he|she|they|it|we|I|[A-Z]\w*)\b)",
    # The unit in lower case: "This Week" is a programme's name.
    "ru": rf"\b(?i:(?:(?:early|late|mid|earlier|later)[\s-]+)?(?P<ru_rel>last|this|next))\s+"
          rf"(?P<ru_unit>week|month|quarter|year|decade)\b",
    "sr": r"(?i:\b(?:(?P<sr_rel>last|this|next|this\s+past|this\s+coming)|in\s+the|during\s+the)"
          r"\s+(?:(?:early|late|mid)[\s-]+)?(?P<sr_s>spring|summer|autumn|fall|winter)\b)"
          r"(?!\s+of\b)",
    "ago": rf"(?i:\b(?P<ago_n>\d+|{_NUMBER})\s+(?P<ago_u>{_UNIT})s?\s+ago\b)",
    "decade": r"(?i:\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?)"
              r"(?:(?P<dec_c>1[6-9]|20)(?P<dec_d>\d)0s\b|['’](?P<dec_s>\d)0s\b)",
    "yr": rf"\b{_YEAR_CUE}[\s-]+{_year('yr_y')}(?!\s*(?:%|percent|per\s+cent|,\d|\.\d))",
}
_TIMEX = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<{kind}>{p})" for kind, p in _PATTERNS.items())
                    + ")")
#: Every expression holds a digit or one of these words (see `scan`).
_TRIGGERS = scan.word_ids([*_MONTHS, *(f"{m}." for m in _MONTHS if len(m) < 5), *WEEKDAYS,
                           *_SEASONS, *(w for w in _DEICTIC if " " not in w), "ago", "last", "this", "next", "previous",
                           "following", "earlier", "later", "before", "after", "quarter",
                           "fiscal", "financial", "fy"])
#: Prepositions in front of a year or month are signals, not part of the expression;
#: "since", "until", "by" change its meaning and stay.
_DROPPED_PREFIX = re.compile(r"(?i:in|on|at|during|of|from|to|and|between|around|the\s+year"
                             r"|the\s+end\s+of|the\s+start\s+of)\s+")
_BARE_YEAR = re.compile(r"(?:the\s+)?((?:1[6-9]|20)\d\d)")
_FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo"}
#: Participles whose passive puts what they name ahead of them: "was expected on
#: Friday" (the pipeline has no lemmatizer).
_PLANNED = frozenset({"expected", "scheduled", "slated", "planned", "set"})
#: Verbs whose object is a measure put in place for days to come: "declared a national
#: mourning period from Saturday to Monday" (a Friday's report) names days ahead of
#: the declaring, which was a day or two ago.
_DECREEING = frozenset({"declared", "announced", "ordered", "proclaimed", "imposed",
                        "extended", "called"})
#: Modals that may look ahead or back: "would reopen on Thursday" from a saying,
#: "could begin debate on Saturday", "could not be reached on Monday".
_POSSIBLE_AUX = {"would", "could", "might", "may", "can", "should", "must"}


# -- calendar arithmetic ---------------------------------------------------------

def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _pick(periods: list[tuple[dt.date, dt.date]], published: dt.date, mode: str
          ) -> dt.date | None:
    """The start of the period among `periods` (sorted [start, end) pairs) that
    `mode` points to from `published`: "last" (over before it), "next" (starting
    after it), "past" (started on or before it), "future" (not over by it), or
    "nearest" (containing it, else the closest)."""
    rules = {"last": lambda p: p[1] <= published, "next": lambda p: p[0] > published,
             "past": lambda p: p[0] <= published, "future": lambda p: p[1] > published}
    if mode in rules:
        chosen = [p for p in periods if rules[mode](p)]
        return (chosen[-1] if mode in ("last", "past") else chosen[0])[0] if chosen else None

    def distance(period):
        start, end = period
        return 0 if start <= published < end else min(abs((start - published).days),
                                                      abs((end - published).days))
    return min(periods, key=distance)[0]


def _yearly(published: dt.date, make) -> list[tuple[dt.date, dt.date]]:
    """The periods `make(year)` around the publication year (invalid ones dropped)."""
    periods = []
    for year in range(published.year - 1, published.year + 2):
        try:
            periods.append(make(year))
        except ValueError:  # 29 February of a common year
            continue
    return periods


# -- tense ----------------------------------------------------------------------

def _tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "future", "nearest" or None: the tense of the verb the span is an
    adverbial of.

    The span's root must hang on a verb directly ("met Tuesday"), through a
    preposition ("met on Tuesday") or through the noun it modifies ("plans a
    Saturday vote", "by the Thursday hearing", a gerund with a determiner tagged a
    verb); a noun phrase with no verb says nothing of tense. What is set
    "for" a weekday lies ahead ("has scheduled a vote for Friday"; "results for
    the third quarter" are not planned). "will"/"shall" auxiliaries, present
    progressives ("is meeting") and to-infinitives completing a present ("plans to
    host", "is set to meet") look ahead, and a gerund completing a verb has its tense
    ("could begin hearing evidence Wednesday"); a past-tense verb or a perfect looks
    back, a perfect infinitive too ("is believed to have detonated a vest Wednesday"). An
    infinitive after a past verb looks ahead from the past ("had been expected to
    visit on Saturday", "pledged to meet again on Monday"): "nearest". A simple
    present looks ahead too, unless its verb is one of saying. A future seen from
    the past ("said the port would reopen on Thursday") is "nearest": it looks ahead
    from the saying, which may be a day or two before publication; so are other
    modals ("could begin debate on Saturday", "could not be reached Monday") and
    what was planned ("the vote was expected on Friday").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root.head
    named_event = False  # the span owns a noun's event ("Wednesday's shooting")
    if verb.pos_ == "ADP":
        if verb.lower_ == "for" and span.root.text in WEEKDAYS and all(
                t.i in range(span.start, span.end) or t.pos_ == "DET"
                for t in doc[verb.i + 1:span.root.i]):
            # "scheduled a vote for Friday": what is planned for it (not "a plea
            # for calm Monday", where the day is the plea's)
            return "future"
        verb = verb.head
        while verb.pos_ == "ADP" and verb.dep_ == "prep":  # "from Saturday to Monday"
            verb = verb.head
        if verb.pos_ == "NOUN" and verb.dep_ == "dobj" and verb.head.lower_ in _DECREEING:
            return "nearest"  # "declared a mourning period from Saturday to Monday"
    if (verb.pos_ in ("NOUN", "PROPN") or verb.tag_ == "VBG" and any(
            c.dep_ == "det" for c in verb.children)) and verb.i not in range(span.start, span.end) \
            and span.root.dep_ in ("compound", "poss", "nmod", "npadvmod", "amod"):
        # "plans a Saturday vote", "is moving toward a Friday vote": the verb the
        # noun hangs on tells when (one noun up only: "Sunday's election results
        # show" is no future of Sunday's)
        verb = verb.head.head if verb.head.pos_ == "ADP" else verb.head
        named_event = span.root.dep_ == "poss"
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj") and verb.head.pos_ == "ADP" \
            and _auxiliaries(verb.head.head) & (_FUTURE_AUX | {"would"}):
        # a gerund after a preposition has no tense of its own; a modal of the verb
        # it hangs on looks ahead for it ("would reopen to shipping on Thursday"),
        # where a past or present one need not ("is under fire for telling ABC on
        # Wednesday")
        verb = verb.head.head
    while (verb.tag_ == "VBG" and verb.dep_ == "xcomp" or verb.tag_ == "VB"
           and verb.dep_ == "conj") and not _auxiliaries(verb):
        # a gerund completing a verb, or a bare verb coordinated with one, has its
        # tense ("could begin hearing evidence Wednesday", "expected to review it
        # Wednesday and then get copies on Thursday")
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i in range(span.start, span.end):
        return None
    auxiliaries = _auxiliaries(verb)
    if auxiliaries & _FUTURE_AUX:
        return "future"
    if auxiliaries & _POSSIBLE_AUX and not auxiliaries & {"have", "'ve"}:
        # "would" outside reported words is a plan's future ("if it passes, a final
        # vote would occur on Tuesday")
        return "future" if auxiliaries & {"would"} and verb.dep_ == "ROOT" else "nearest"
    if "to" in auxiliaries and verb.dep_ == "xcomp" and "have" not in auxiliaries:
        # "is believed to have detonated": done; "had been expected to visit on
        # Saturday": ahead of the expecting, which was a day or two ago
        return "future" if _looks_ahead(verb.head) else "nearest"
    if verb.tag_ == "VBG" and auxiliaries & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if verb.lower_ in _PLANNED and verb.tag_ == "VBN":
        return "nearest"  # "the vote was expected on Friday": ahead of the expecting
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        return "past"  # "the proclamation issued in September": done
    if verb.tag_ == "VBD" or auxiliaries & {"has", "have", "had", "was", "were", "did"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and not auxiliaries and verb.lower_ not in SPEECH_VERBS:
        # News tells what happened in the past tense; a present names what is
        # scheduled ("the court hears arguments Wednesday", "a period that begins
        # Sunday"). Not a verb of saying: "says Tuesday" is a headline's past. An
        # event named by its day is as often a past one told in the present
        # ("Wednesday's mass shooting … comes after a year of turmoil"): the nearest.
        return "nearest" if named_event else "future"
    return None


def _auxiliaries(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _looks_ahead(verb) -> bool:
    """True for a verb in the present or future that a to-infinitive completes:
    "plans to host", "is set to meet", "will try to pass" (not "agreed to meet")."""
    auxiliaries = _auxiliaries(verb)
    return bool(verb.tag_ in ("VBZ", "VBP") or auxiliaries & _FUTURE_AUX
                or auxiliaries & {"is", "are", "am", "'s", "'re"})


def _mode(relation: str | None, tense: str | None, default: str) -> str:
    """How to pick an occurrence: from "last"/"next"/"this" when stated, else tense."""
    relation = (relation or "").lower().split()
    if relation[-1:] == ["past"] or relation[:1] == ["last"]:
        return "last"
    if relation[:1] == ["next"] or relation[-1:] == ["coming"]:
        return "next"
    if relation[:1] == ["this"]:
        return "nearest"
    return tense or default


# -- resolution -----------------------------------------------------------------

class _Resolver:
    """Resolves the expressions of one document, in text order (anchors carry over).

    Without a parsed `doc` the tense is unknown and each kind's default applies.
    """

    def __init__(self, doc: Doc | None, published: dt.date | None):
        self.doc = doc
        self.published = published
        # The latest day and the latest date of any granularity mentioned, for "a
        # day earlier" and "the next year".
        self.day = self.date = published
        # When the story was last updated, as far as the text shows: the latest day
        # it tells as past that falls after its publication date. Weekdays after it
        # count from it ("On August 17, Holder announced …; on Monday, …").
        self.updated = published

    def resolve(self, m: re.Match) -> tuple[dt.date | None, str] | None:
        """(date, granularity) of one match, or None if it names no valid date."""
        kind = m.lastgroup
        if kind == "deictic" and (m[0].isupper() or m[0][0].isupper() and _NAME_BEFORE.search(
                m.string, max(0, m.start() - 4), m.start())):
            return None  # "USA TODAY", "USA Today", NBC's "Today" show: names
        if kind == "wd" and (_NAMED_DAY.search(m.string, max(0, m.start() - 12), m.start())
                             or _NAMED_NIGHT.fullmatch(m[0])
                             and _CAPITALISED_NEXT.match(m.string, m.end())):
            # "Easter Sunday", "Super Tuesday": days of the calendar; "Saturday Night
            # Massacre", "Monday Night Football": names
            return None
        try:
            date, granularity = getattr(self, "_" + kind)(m)
        except ValueError:  # "February 30", month 13
            return None
        if date is not None:
            self.date = date
            if granularity == "day":
                self.day = date
                if kind in _STATED_DAYS and self.published is not None \
                        and self.updated < date <= self.published + UPDATE_WINDOW \
                        and self._tense(m) == "past" and not self._names_a_thing(m):
                    self.updated = date
        return date, granularity

    def _tense(self, m: re.Match) -> str | None:
        return _tense(self.doc, *m.span()) if self.doc is not None else None

    def _names_a_thing(self, m: re.Match) -> bool:
        """Whether the expression modifies a noun ("confronted an Oct. 17 deadline"):
        the day of what the noun names, not a day the story tells as gone by."""
        if self.doc is None:
            return False
        span = self.doc.char_span(*m.span(), alignment_mode="expand")
        return span is not None and span.root.dep_ in ("compound", "amod", "nmod") \
            and span.root.head.pos_ in ("NOUN", "PROPN")

    # absolute
    def _iso(self, m):
        return dt.date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])), "day"

    def _mdy(self, m):
        return dt.date(int(m["mdy_y"]), _MONTHS[m["mdy_m"]], int(m["mdy_d"])), "day"

    def _dmy(self, m):
        return dt.date(int(m["dmy_y"]), _MONTHS[m["dmy_m"]], int(m["dmy_d"])), "day"

    def _my(self, m):
        return dt.date(int(m["my_y"]), _MONTHS[m["my_m"]], 1), "month"

    def _sy(self, m):
        season = _SEASONS[m["sy_s"].lower()]
        return dt.date(int(m["sy_y"]), season, 1), "season"

    def _fy(self, m):
        year = m["fy_y"] or m["fy_y2"]
        if len(year) == 2:  # "FY27" is 2027, "FY99" 1999
            year = ("20" if int(year) <= 50 else "19") + year
        return dt.date(int(year), 1, 1), "year"

    def _yr(self, m):
        return dt.date(int(m["yr_y"]), 1, 1), "year"

    def _decade(self, m):
        if m["dec_c"]:
            return dt.date(int(m["dec_c"] + m["dec_d"] + "0"), 1, 1), "decade"
        digit = int(m["dec_s"])
        # "the '90s": the decade of the 1900s unless it is one this century has seen.
        current = (self.published or dt.date(2000, 1, 1)).year
        year = 2000 + 10 * digit if 2000 + 10 * digit <= current else 1900 + 10 * digit
        return dt.date(year, 1, 1), "decade"

    # a year that may be missing
    def _q(self, m):
        number = _QUARTERS[m["q_n"].lower()] if m["q_n"] else int(m["q_n2"])
        year = m["q_y"] or m["q_y2"]
        if year:
            return dt.date(int(year), 3 * number - 2, 1), "quarter"
        if self.published is None:
            return None, "quarter"
        if m["q_rel"]:
            year = self.published.year + _SHIFTS[m["q_rel"].lower()]
            return dt.date(year, 3 * number - 2, 1), "quarter"
        periods = _yearly(self.published, lambda y: (dt.date(y, 3 * number - 2, 1),
                                                     _add_months(dt.date(y, 3 * number - 2, 1), 3)))
        return _pick(periods, self.published, _mode(None, self._tense(m), "nearest")), "quarter"

    def _mry(self, m):
        month = _MONTHS[m["mry_m"]]
        if self.published is None:
            return None, "month"
        return dt.date(self.published.year + _SHIFTS[m["mry_rel"].lower()], month, 1), "month"

    def _md(self, m):
        return self._day_of_year(m, _MONTHS[m["md_m"]], int(m["md_d"]), m["md_rel"])

    def _dm(self, m):
        return self._day_of_year(m, _MONTHS[m["dm_m"]], int(m["dm_d"]))

    def _day_of_year(self, m, month: int, day: int, relation: str | None = None):
        dt.date(2000, month, day)  # refuses "March 32" whatever the year
        if self.published is None:
            return None, "day"
        until = _DAY_RANGE_END.match(m.string, m.end())
        if until:  # "from November 30 to December 3, 2018": the range's year
            end_month = _MONTHS[until["drange_m"]] if until["drange_m"] else month
            return dt.date(_opening_year(month, end_month, until["drange_y"]), month, day), "day"
        periods = _yearly(self.published, lambda y: (dt.date(y, month, day),
                                                     dt.date(y, month, day) + dt.timedelta(1)))
        mode = _mode(relation, self._tense(m), "nearest")
        if _SINCE.search(m.string, max(0, m.start() - 7), m.start()) or _ATTACKS.match(
                m.string, m.end()) or _ATTACKS_OF.search(m.string, max(0, m.start() - 12),
                                                         m.start()):
            # "since Sept. 11", "the Sept. 11 attacks", "the attacks of …": over, and no
            # day the story was updated on
            return _pick(periods, self.published, "last"), "day"
        # "Friday, August 15": the year in which that day is a Friday, even past the
        # publication date (a story updated after it was first dated).
        weekday = next((n for n, name in enumerate(WEEKDAYS) if m.group(0).startswith(name)),
                       None)
        fitting = [p for p in periods if p[0].weekday() == weekday]
        if fitting:
            return _pick(fitting, self.published, mode) or \
                _pick(fitting, self.published, "nearest"), "day"
        # A day told as past yet a few days after the publication date was added as
        # the story was updated ("On August 17, Holder announced …" in a story dated
        # 11 August): that year's, not the year before (a date that far back would
        # carry its year).
        this_year = dt.date(self.published.year, month, day)
        if mode in ("past", "last") and \
                self.published < this_year <= self.published + UPDATE_WINDOW:
            return this_year, "day"
        return _pick(periods, self.published, mode), "day"

    def _rm(self, m):
        month = _MONTHS[m["rm_m"]]
        if self.published is None:
            return None, "month"
        periods = _yearly(self.published, lambda y: (dt.date(y, month, 1),
                                                     _add_months(dt.date(y, month, 1), 1)))
        relation = m["rm_rel"] if m["rm_rel"].lower() in ("last", "this", "next") else None
        until = _RANGE_END.match(m.string, m.end())
        if until:  # "from March to August 2016": the range's year
            year = _opening_year(month, _MONTHS[until["range_m"]], until["range_y"])
            return dt.date(year, month, 1), "month"
        mode = _mode(relation, self._tense(m), "nearest")
        if relation and relation.lower() == "this":
            return dt.date(self.published.year, month, 1), "month"
        return _pick(periods, self.published, mode), "month"

    def _sr(self, m):
        month = _SEASONS[m["sr_s"].lower()]
        if self.published is None:
            return None, "season"
        periods = _yearly(self.published, lambda y: (dt.date(y, month, 1),
                                                     _add_months(dt.date(y, month, 1), 3)))
        return _pick(periods, self.published, _mode(m["sr_rel"], self._tense(m), "nearest")), "season"

    def _wd(self, m):
        if self.published is None:
            return None, "day"
        weekday = WEEKDAYS.index(m["wd_day"])
        if (m["wd_rel"] or "").lower() == "this":
            return _monday(self.updated) + dt.timedelta(weekday), "day"
        if self.day is not None and _WEEKDAY_RANGE_END.search(
                m.string, max(0, m.start() - 16), m.start()):
            # "from Saturday to Monday": a range ends on or after it begins
            return self.day + dt.timedelta((weekday - self.day.weekday()) % 7), "day"
        days = [self.updated + dt.timedelta(i) for i in range(-14, 15)]
        periods = [(d, d + dt.timedelta(1)) for d in days if d.weekday() == weekday]
        # News reports what happened: a bare weekday is the last one, unless the
        # sentence looks ahead.
        return _pick(periods, self.updated, _mode(m["wd_rel"], self._tense(m), "past")), "day"

    # relative to the publication date or the anchor
    def _deictic(self, m):
        if self.published is None:
            return None, "day"
        phrase = " ".join(m["deictic_phrase"].lower().split())
        return self.published + dt.timedelta(_DEICTIC[phrase]), "day"

    def _anchor(self, m):
        unit = (m["anchor_u1"] or m["anchor_u2"]).lower()
        direction = (m["anchor_dir1"] or m["anchor_dir2"]).lower()
        sign = -1 if direction in ("earlier", "before", "previous") else 1
        if unit in ("day", "week"):  # counted from a day: "a week later" is a day
            if self.day is None:
                return None, "day"
            return self.day + dt.timedelta(sign * (7 if unit == "week" else 1)), "day"
        if self.date is None:
            return None, unit
        return _shifted(self.date, unit, sign), unit

    def _ru(self, m):
        unit, shift = m["ru_unit"].lower(), _SHIFTS[m["ru_rel"].lower()]
        if self.published is None:
            return None, unit
        return _shifted(self.published, unit, shift), unit

    def _ago(self, m):
        count = m["ago_n"].lower()
        count = int(count) if count.isdigit() else _COUNTS[count]
        unit = m["ago_u"].lower()
        if self.published is None:
            return None, unit
        return _shifted(self.published, unit, -count), unit


def _opening_year(month: int, closing_month: int, closing_year: str) -> int:
    """The year of a range's opening month given the year that closes it: the same,
    or the one before when the range runs over New Year ("December through February
    2017")."""
    return int(closing_year) - (month > closing_month)


def _shifted(published: dt.date, unit: str, shift: int) -> dt.date:
    """The first day of the `unit` (day, week…) `shift` units from `published`'s."""
    if unit == "day":
        return published + dt.timedelta(shift)
    if unit == "week":
        return _monday(published) + dt.timedelta(7 * shift)
    if unit == "month":
        return _add_months(published, shift)
    if unit == "quarter":
        return _add_months(_quarter_start(published), 3 * shift)
    if unit == "year":
        return dt.date(published.year + shift, 1, 1)
    return dt.date(published.year // 10 * 10 + 10 * shift, 1, 1)  # decade


def _trimmed_start(text: str, start: int, end: int) -> int:
    """The start of the expression once a leading signal preposition is dropped."""
    prefix = _DROPPED_PREFIX.match(text, start, end)
    return prefix.end() if prefix else start


def _years_from_entities(doc: Doc, taken: list[tuple[int, int]]) -> list[TimeExpression]:
    """Bare years spaCy labels DATE that no pattern caught ("the 2022 election")."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        bare = _BARE_YEAR.fullmatch(ent.text)
        if bare:
            start = ent.start_char + bare.start(1)
            found.append(TimeExpression(start, ent.end_char, bare[1],
                                        dt.date(int(bare[1]), 1, 1), "year"))
    return found


#: The end of a range of days that gives its year ("from November 30 to December 3, 2018").
_DAY_RANGE_END = re.compile(rf"\s*(?:to|through|until|-|–)\s+(?:{_month('drange_m')}\s*)?"
                            rf"{_day('drange_d')}\s*,\s*{_year('drange_y')}")

#: Words that put a month's day in the past: "since" before it; an attack it names
#: ("the Sept. 11 attacks", "the Sept. 11 terrorist attack", "the attacks of Sept. 11").
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_ATTACKS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|massacre|shooting)\b",
                      re.IGNORECASE)
_ATTACKS_OF = re.compile(r"\b(?:attacks?|bombings?)\s+(?:of|on)\s+$", re.IGNORECASE)

#: A weekday closing a range of weekdays ("from Saturday to Monday", "Monday-Friday").
_WEEKDAY_RANGE_END = re.compile(rf"(?:{_WEEKDAY})\s*(?:(?:to|through|until|till)\s+|[-–]\s*)$")
#: The end of a range of months that gives its year ("from March to August 2016").
_RANGE_END = re.compile(rf"\s*(?:to|through|until|till|and|-|–)\s+(?:(?:early|late|mid)[\s-]+)?"
                        rf"{_month('range_m')}\s*,?\s+{_year('range_y')}")

#: Words that make a weekday after them a day of the calendar, not of the week
#: around publication ("Easter Sunday", "Super Tuesday", "Black Friday"), or a
#: programme's name ("Fox News Sunday").
_NAMED_DAY = re.compile(r"\b(?:Easter|Palm|Super|Black|Good|Ash|Cyber|Bloody|Holy|Maundy|"
                        r"Shrove|Giving|Orthodox|News)\s$")

#: A weekday with its part of the day capitalised, which before another capitalised
#: word is a name (`_CAPITALISED_NEXT`).
_NAMED_NIGHT = re.compile(rf"(?:{_WEEKDAY})\s+(?:Morning|Afternoon|Evening|Night)")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")

#: What precedes a capitalised "Today" inside a sentence, which makes it a name: a
#: word and a space, and maybe an opening quote ("USA Today", NBC's "Today").
_NAME_BEFORE = re.compile(r"[^\W\d_]\s[\"“]?$")

#: What sets a weekday in apposition to the date before it: "July 1, a Thursday".
_APPOSED = re.compile(r",\s+an?\s+")


def extract_times(doc: Doc, published: dt.date | None) -> tuple[TimeExpression, ...]:
    """Every time expression of `doc`, in text order, resolved against `published`.

    Rule-based (HeidelTime-style patterns and normalisation; see the module
    docstring for the conventions). Relative expressions get date None when
    `published` is None.
    """
    text = doc.text
    resolver = _Resolver(doc, published)
    found = []
    for match in scan.finditer(_TIMEX, text, scan.windows(doc, text, _TRIGGERS, before=25, after=30)):
        if match.lastgroup == "wd" and found and _APPOSED.fullmatch(
                text, found[-1].end, match.start()):
            continue  # "On July 1, a Thursday,": the weekday of the date before
        resolved = resolver.resolve(match)
        if resolved is None:
            continue
        start = _trimmed_start(text, *match.span())
        found.append(TimeExpression(start, match.end(), text[start:match.end()], *resolved))
    found.extend(_years_from_entities(doc, [(t.start, t.end) for t in found]))
    return tuple(sorted(found, key=lambda t: t.start))


def _match_at(text: str, time: TimeExpression) -> re.Match | None:
    """The pattern match an extracted expression came from (its dropped leading
    preposition, if any, included), or None for a year found by spaCy alone."""
    for start in range(time.start, max(0, time.start - 20) - 1, -1):
        match = _TIMEX.match(text, start)
        if (match and match.end() == time.end
                and _trimmed_start(text, *match.span()) == time.start):
            return match
    return None


def resolve_times(text: str, times: Sequence[TimeExpression], published: dt.date,
                  doc: Doc | None = None) -> tuple[TimeExpression, ...]:
    """The expressions `times` of `text` (as `extract_times` found them) resolved
    again against `published`, in text order.

    For an article without a publication date, once a date to anchor it is known
    (its story's first one, say): relative expressions get dates as
    `extract_times` would have given them, absolute ones keep theirs and still
    anchor "a day earlier". Without `doc` the tense is unknown, so each kind
    falls back to its default (a bare weekday is the last one, a day without its
    year the nearest).
    """
    resolver = _Resolver(doc, published)
    resolved = []
    for time in sorted(times, key=lambda t: t.start):
        match = _match_at(text, time)
        result = resolver.resolve(match) if match else None
        resolved.append(replace(time, date=result[0], granularity=result[1])
                        if result else time)
    return tuple(resolved)
