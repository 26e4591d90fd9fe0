"""Date lines: a line that is only a date, read into an ISO 8601 value.

Known forms (each may follow ``Published``/``Posted on``/``Updated:``/
``Last updated`` and a weekday such as ``Saturday,`` or ``Sat.``, and may
be followed by a clock time such as ``at 10:15 am`` or ``, 14:21 GMT``):

* ``01.07.2022``, ``1/7/2022``: day, month, year;
* ``1 Jul 2022``, ``1st July, 2022``;
* ``July 1, 2022``, ``Jul 1st 2022``;
* Ukrainian and Russian day-month-year, as reposts carry them:
  ``1 липня 2022 р.``, ``01 лип. 2022``, ``1 июля 2022 года``, ``1 июля 2022 г.``
  (month names in the genitive, nominative or abbreviated; prefixes such as
  ``Опубліковано``/``Опубликовано``/``Оновлено``/``Обновлено`` and weekdays too);
* ``2022-07-01`` or an ISO 8601 datetime ``2022-07-01T14:21:38+00:00``.

Impossible dates (``31.02.2022``) and times (``25:00``) are no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .lines import clean_line

__all__ = [
    "MONTHS",
    "UK_RU_MONTHS",
    "DateLine",
    "month_number",
    "normalize_iso",
    "parse_date",
    "parse_date_line",
    "same_day",
]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
"""English month names and abbreviations (lower case) to month numbers."""

UK_RU_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("січня", "січень", "січ", "января", "январь", "янв"),
            ("лютого", "лютий", "лют", "февраля", "февраль", "фев", "февр"),
            ("березня", "березень", "бер", "марта", "март", "мар"),
            ("квітня", "квітень", "квіт", "кві", "апреля", "апрель", "апр"),
            ("травня", "травень", "трав", "тра", "мая", "май"),
            ("червня", "червень", "черв", "чер", "июня", "июнь", "июн"),
            ("липня", "липень", "лип", "июля", "июль", "июл"),
            ("серпня", "серпень", "серп", "сер", "августа", "август", "авг"),
            ("вересня", "вересень", "вер", "сентября", "сентябрь", "сен", "сент"),
            ("жовтня", "жовтень", "жовт", "жов", "октября", "октябрь", "окт"),
            ("листопада", "листопад", "лист", "лис", "ноября", "ноябрь", "ноя", "нояб"),
            ("грудня", "грудень", "груд", "гру", "декабря", "декабрь", "дек"),
        ),
        start=1,
    )
    for name in names
}
"""Ukrainian and Russian month names (genitive, nominative, abbreviated) to numbers."""

# What may precede a date on its own line: "Published On", "Posted on", "Updated:",
# "Last update" (group "update": an update date, not the publication), then a weekday.
_PREFIX = (
    r"(?:(?:published|posted|опубліковано|опубликовано|(?P<update>(?:last\s+)?updated?"
    r"|оновлено|обновлено))(?:\s+on)?\s*:?\s+)?"
    r"(?:(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|понеділок|вівторок|середа|четвер|п[ʼ'’]ятниця|субота|неділя"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\.?,?\s+)?"
)
# An optional clock time after a date: ", 14:21", "at 2:21 pm", "14:21 GMT".
_CLOCK = (
    r"(?:\s*,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:\(?(?P<utc>GMT|UTC|Z)\)?)?)?"
)
# "01.07.2022", "1/7/2022": day, month, year.
_DOTTED_RE = re.compile(
    _PREFIX + r"(?P<day>\d{1,2})[./](?P<month_num>\d{1,2})[./](?P<year>\d{4})" + _CLOCK, re.I
)
# "1 Jul 2022", "1st July, 2022", "1 липня 2022 р.", "1 июля 2022 года".
_DMY_RE = re.compile(
    _PREFIX
    + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[^\W\d_]{3,10})\.?,?\s+(?P<year>\d{4})"
    + r"(?:\s*(?:р\.|г\.|року|года|рік|год))?"
    + _CLOCK,
    re.I,
)
# "July 1, 2022", "Jul 1st 2022".
_MDY_RE = re.compile(
    _PREFIX
    + r"(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    + _CLOCK,
    re.I,
)
# "2022-07-01" or an ISO 8601 datetime "2022-07-01T14:21:38+00:00" (checked by normalize_iso).
_ISO_RE = re.compile(_PREFIX + r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?)", re.I)


@dataclass(frozen=True)
class DateLine:
    """A line that is only a date: its ISO value and whether it is an update date."""

    value: str
    """``2022-07-01`` or a datetime such as ``2022-07-01T14:21:00``."""
    updated: bool = False
    """True for ``Updated …``/``Last updated …`` lines (not the publication date)."""


def month_number(name: str) -> int | None:
    """The number (1–12) of an English, Ukrainian or Russian month name or
    abbreviation (see ``MONTHS``, ``UK_RU_MONTHS``), else ``None``."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or UK_RU_MONTHS.get(key)


def normalize_iso(value: str) -> str | None:
    """Return ``value`` (stripped) if it is a valid ISO 8601 date or datetime, else ``None``."""
    value = value.strip()
    try:
        if len(value) == len("2022-07-01"):
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def parse_date_line(line: str) -> DateLine | None:
    """Read a line that is nothing but a date (see the module doc); ``None`` otherwise."""
    text = clean_line(line)
    iso = _ISO_RE.fullmatch(text)
    if iso:
        value = normalize_iso(iso.group("iso"))
        return DateLine(value, bool(iso.group("update"))) if value else None
    match = _DOTTED_RE.fullmatch(text) or _DMY_RE.fullmatch(text) or _MDY_RE.fullmatch(text)
    if not match:
        return None
    groups = match.groupdict()
    numeric = groups.get("month_num")
    month = int(numeric) if numeric else month_number(groups.get("month") or "")
    try:
        day = date(int(groups["year"]), month or 0, int(groups["day"]))
    except ValueError:
        return None
    value = _with_clock(day, groups) if groups["hour"] else day.isoformat()
    return DateLine(value, bool(groups["update"])) if value else None


def parse_date(line: str) -> str | None:
    """The ISO value of a date line (update dates included), else ``None``."""
    found = parse_date_line(line)
    return found.value if found else None


def _with_clock(day: date, groups: dict[str, str | None]) -> str | None:
    """Combine ``day`` with the clock time a date regex matched (UTC when marked so)."""
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = groups["ampm"]
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    zone = timezone(timedelta(0)) if groups["utc"] else None
    try:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).isoformat()
    except ValueError:
        return None


def same_day(first: str, second: str) -> bool:
    """True when two ISO values name the same calendar day."""
    return first[:10] == second[:10]
