"""Publication dates from what inputs carry, and only when they are certain.

A bare year or month is not a publication date: dateutil would fill the rest from
today or a default, which invents a date. Such values are refused instead.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

from dateutil import parser as dateutil_parser

#: Two different defaults: a field dateutil had to fill differs between the two.
_DEFAULTS = (dt.datetime(1900, 1, 1), dt.datetime(1904, 2, 2))


def certain_date(text: str) -> dt.date | None:
    """The date in free text ("Posted on February 2, 2023") if day, month and year
    are all stated, else None."""
    if not re.search(r"\d", text):
        return None
    try:
        with warnings.catch_warnings():
            # "EST", "ET"…: the time zone does not change the date we keep.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            first, second = (dateutil_parser.parse(text, default=d, fuzzy=True)
                             for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return first.date() if first.date() == second.date() else None


def parse_published(value: Any) -> dt.date | None:
    """A publication date from a date, datetime, ISO string or free text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])  # the common case, unambiguous
    except ValueError:
        return certain_date(text)
