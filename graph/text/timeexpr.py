"""Resolve the time expressions of news text ("on Friday", "last month") against a publication date.

An expression resolves to an interval of days, [earliest, latest]; a known day has
earliest == latest. The words are always kept beside the interval, so a reader can check them.

Conventions (documented in data/README.md):
- "on Friday", "Friday": the latest Friday on or before the publication day;
  "last Friday": the latest Friday strictly before it.
- "last month": the previous calendar month; "at the end of last month": its last ten days;
  "at the start of last month": its first ten days; "earlier this month": the 1st to the day before.
- "N days ago" is exact; "N weeks ago" is +/- 3 days; "N months ago" +/- 15 days; "N years ago"
  +/- 6 months (people round such figures).
- "April 26", "26 April", "April 26, 2019", "2019-04-26": a day; without a year, the latest such day
  on or before the publication day.
- "last year", "in 2015", "last summer" (June to August), "in the middle of 2015" (May to August).
- "last week": Monday to Sunday of the week before; "this week" / "earlier this week": its
  Monday to the publication day / the day before; "overnight", "last night": the day before
  and the publication day.
- "early April", "mid-April", "late April" (also after "since"; "the start of", "the middle of",
  "the end of April" alike): the 1st to the 10th, the 11th to the 20th, the 21st to the month's
  end. "Sept." is September.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TimeExpressionError", "TimeInterval", "resolve"]


class TimeExpressionError(ValueError):
    """The expression is not one of the forms this module understands."""


@dataclass(frozen=True)
class TimeInterval:
    """A time expression as written and the days it can denote."""

    expression: str
    earliest: date
    latest: date

    @property
    def day(self) -> date | None:
        """The day, when the expression names exactly one."""
        return self.earliest if self.earliest == self.latest else None

    def __contains__(self, day: date) -> bool:
        return self.earliest <= day <= self.latest


WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
AGO_SLACK = {"day": 0, "week": 3, "month": 15, "year": 183}
LEADING_WORDS = re.compile(r"^(?:on|in|at|during|since|from|by)\s+", re.IGNORECASE)


def resolve(expression: str, published: date) -> TimeInterval:
    """Resolve ``expression`` against the ``published`` date.

    >>> resolve("On Friday", date(2019, 7, 6)).day
    datetime.date(2019, 7, 5)
    >>> resolve("last month", date(2019, 7, 6)).earliest
    datetime.date(2019, 6, 1)
    """
    words = " ".join(expression.replace(",", " , ").split()).strip(" ,.").lower()
    words = words.replace(" ,", ",")
    while LEADING_WORDS.match(words):
        words = LEADING_WORDS.sub("", words, count=1)
    # "late on Saturday", "early on Monday", "Sunday morning": the day
    words = re.sub(r"^(?:late|early)\s+on\s+", "", words)
    words = re.sub(rf"^((?:last\s+)?(?:{_WEEKDAY}))\s+(?:morning|afternoon|evening|night)$", r"\1",
                   words)
    for pattern, handler in _FORMS:
        match = pattern.fullmatch(words)
        if match:
            earliest, latest = handler(match, published)
            return TimeInterval(expression, earliest, latest)
    raise TimeExpressionError(
        f"cannot resolve the time expression {expression!r}: use a day (2019-07-05, 'April 26'), "
        "a weekday ('on Friday', 'last Thursday'), 'last month', 'at the end of last month', "
        "'N days/weeks/months/years ago', 'last year', 'last summer', 'in the middle of 2015', "
        "or give the date explicitly"
    )


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _previous_month(published: date) -> tuple[int, int]:
    if published.month == 1:
        return published.year - 1, 12
    return published.year, published.month - 1


def _iso(match: re.Match[str], published: date) -> tuple[date, date]:
    try:
        day = date.fromisoformat(match[0])
    except ValueError as error:
        raise TimeExpressionError(f"{match[0]!r} is not a valid day: {error}") from None
    return day, day


def _today(match: re.Match[str], published: date) -> tuple[date, date]:
    day = published - timedelta(days=1 if match[0] == "yesterday" else 0)
    return day, day


def _weekday(match: re.Match[str], published: date) -> tuple[date, date]:
    wanted = WEEKDAYS[match["weekday"]]
    back = (published.weekday() - wanted) % 7
    if match["last"] and back == 0:
        back = 7
    day = published - timedelta(days=back)
    return day, day


def _month_day(match: re.Match[str], published: date) -> tuple[date, date]:
    month = MONTHS[match["month"]]
    number = int(match["day"])
    years = [int(match["year"])] if match["year"] else [published.year, published.year - 1]
    for year in years:
        try:
            day = date(year, month, number)
        except ValueError as error:
            raise TimeExpressionError(f"{match[0]!r} is not a valid day: {error}") from None
        if match["year"] or day <= published:
            return day, day
    raise AssertionError("unreachable: last year's day is always before publication")


def _month_name(match: re.Match[str], published: date) -> tuple[date, date]:
    month = MONTHS[match["month"]]
    year = int(match["year"]) if match["year"] else published.year
    if not match["year"] and month > published.month:
        year -= 1
    return _month_span(year, month)


def _part_of_month(match: re.Match[str], published: date) -> tuple[date, date]:
    first, last = _month_name(match, published)
    part = match["part"] or match["part2"]
    if part in ("early", "start", "beginning"):
        return first, first + timedelta(days=9)
    if part in ("late", "end"):
        return first + timedelta(days=20), last
    return first + timedelta(days=10), first + timedelta(days=19)


def _last_month(match: re.Match[str], published: date) -> tuple[date, date]:
    first, last = _month_span(*_previous_month(published))
    part = match["part"]
    if part == "end":
        return last - timedelta(days=9), last
    if part in ("start", "beginning"):
        return first, first + timedelta(days=9)
    if part == "middle":
        return first + timedelta(days=10), last - timedelta(days=10)
    return first, last


def _this_month(match: re.Match[str], published: date) -> tuple[date, date]:
    first = published.replace(day=1)
    if match["earlier"]:
        if published.day == 1:
            raise TimeExpressionError(f"{match[0]!r} names no day: the article was "
                                      "published on the 1st of the month")
        return first, published - timedelta(days=1)
    return first, published


def _week(match: re.Match[str], published: date) -> tuple[date, date]:
    monday = published - timedelta(days=published.weekday())
    if match["last"]:
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if match["earlier"]:
        if monday == published:
            raise TimeExpressionError(f"{match[0]!r} names no day: the article was "
                                      "published on a Monday")
        return monday, published - timedelta(days=1)
    return monday, published


def _overnight(match: re.Match[str], published: date) -> tuple[date, date]:
    return published - timedelta(days=1), published


def _ago(match: re.Match[str], published: date) -> tuple[date, date]:
    raw = match["count"]
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = match["unit"]
    if unit == "day":
        centre = published - timedelta(days=count)
    elif unit == "week":
        centre = published - timedelta(weeks=count)
    elif unit == "month":
        month_index = published.year * 12 + published.month - 1 - count
        year, month = divmod(month_index, 12)
        centre = date(year, month + 1, min(published.day, calendar.monthrange(year, month + 1)[1]))
    else:
        centre = published.replace(year=published.year - count, day=min(published.day, 28))
    slack = timedelta(days=AGO_SLACK[unit])
    return centre - slack, min(centre + slack, published)


def _year(match: re.Match[str], published: date) -> tuple[date, date]:
    year = published.year - 1 if match["last"] else int(match["year"])
    part = match["part"]
    if part in ("middle", "mid"):
        return date(year, 5, 1), date(year, 8, 31)
    if part in ("start", "beginning"):
        return date(year, 1, 1), date(year, 3, 31)
    if part == "end":
        return date(year, 10, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def _last_summer(match: re.Match[str], published: date) -> tuple[date, date]:
    year = published.year if published.month > 8 else published.year - 1
    return date(year, 6, 1), date(year, 8, 31)


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_NUMBER = r"\d+|" + "|".join(NUMBER_WORDS)
_PART = r"(?:(?:the\s+)?(?P<part>end|start|beginning|middle)\s+of\s+)?"
_FORMS = [
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _iso),
    (re.compile(r"today|yesterday"), _today),
    (re.compile(rf"(?P<last>last\s+)?(?P<weekday>{_WEEKDAY})"), _weekday),
    (re.compile(rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"),
     _month_day),
    (re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?"),
     _month_day),
    (re.compile(rf"(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?"), _month_name),
    (re.compile(rf"(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]+|"
                rf"(?P<part2>start|beginning|end|middle)\s+of\s+)(?P<month>{_MONTH})\.?"
                rf"(?:\s+(?P<year>\d{{4}}))?"), _part_of_month),
    (re.compile(rf"{_PART}last\s+month"), _last_month),
    (re.compile(r"(?P<earlier>earlier\s+)?this\s+month"), _this_month),
    (re.compile(r"(?P<last>last\s+week)|(?P<earlier>earlier\s+)?this\s+week"), _week),
    (re.compile(r"overnight|last\s+night|during\s+the\s+night"), _overnight),
    (re.compile(rf"(?P<count>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago"), _ago),
    (re.compile(rf"{_PART}(?:(?P<last>last\s+year)|(?P<year>\d{{4}}))"), _year),
    (re.compile(r"(?P<part>mid)-(?P<year>\d{4})(?P<last>)"), _year),
    (re.compile(r"last\s+summer"), _last_summer),
]
