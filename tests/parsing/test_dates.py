"""Tests of ``ingest_plugins.parsing.dates``: date lines to ISO values."""

from __future__ import annotations

import pytest

from ingest_plugins.parsing.dates import (
    DateLine,
    month_number,
    normalize_iso,
    parse_date,
    parse_date_line,
    same_day,
)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("01.07.2022", "2022-07-01"),
        ("1/7/2022", "2022-07-01"),
        ("July 2, 2022", "2022-07-02"),
        ("Jul 2nd 2022", "2022-07-02"),
        ("Sept. 3, 2022", "2022-09-03"),
        ("1 Jul 2022", "2022-07-01"),
        ("1st July, 2022", "2022-07-01"),
        ("2022-07-01", "2022-07-01"),
        ("2022-07-01T14:21:38+00:00", "2022-07-01T14:21:38+00:00"),
        ("2022-07-01T14:21:38Z", "2022-07-01T14:21:38Z"),
        ("Saturday, July 2, 2022", "2022-07-02"),
        ("Sat., 2 Jul 2022", "2022-07-02"),
        ("Published On 1 Jul 2022", "2022-07-01"),
        ("Posted on July 2, 2022", "2022-07-02"),
        ("  July\u00a02,\u200b 2022  ", "2022-07-02"),
    ],
)
def test_publication_dates(line: str, value: str) -> None:
    assert parse_date_line(line) == DateLine(value, updated=False)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("July 2, 2022 at 10:15 am", "2022-07-02T10:15:00"),
        ("2 July 2022 at 12:05 am", "2022-07-02T00:05:00"),
        ("July 2, 2022, 10:15 pm", "2022-07-02T22:15:00"),
        ("1 Jul 2022 14:21", "2022-07-01T14:21:00"),
        ("1 Jul 2022 14:21 GMT", "2022-07-01T14:21:00+00:00"),
        ("01.07.2022, 14:21 (UTC)", "2022-07-01T14:21:00+00:00"),
    ],
)
def test_clock_times(line: str, value: str) -> None:
    found = parse_date_line(line)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "line",
    [
        "Updated: 2 Jul 2022",
        "Updated 2 Jul 2022",
        "Last updated July 2, 2022",
        "Updated 2022-07-02",
    ],
)
def test_update_dates_are_marked(line: str) -> None:
    found = parse_date_line(line)
    assert found is not None and found.updated
    assert found.value.startswith("2022-07-02")
    assert parse_date(line) == found.value


@pytest.mark.parametrize(
    "line",
    [
        "31.02.2022",  # no 31 February
        "29 Feb 2022",
        "2022-02-30",
        "2022-13-01T10:00:00",
        "Foo 2, 2022",  # no such month
        "July 2, 2022 13:00 pm",  # 13 pm
        "July 2, 2022 24:30",
        "It happened on 1 Jul 2022",  # not the whole line
        "Today, July 2, 2022",  # "Today" is no weekday
        "",
        "13:45",
    ],
)
def test_no_date(line: str) -> None:
    assert parse_date_line(line) is None
    assert parse_date(line) is None


def test_month_number() -> None:
    assert month_number("July") == 7
    assert month_number("sept.") == 9
    assert month_number("may") == 5
    assert month_number("Juni") is None


def test_normalize_iso() -> None:
    assert normalize_iso(" 2022-07-01 ") == "2022-07-01"
    assert normalize_iso("2022-07-01T14:21:38+00:00") == "2022-07-01T14:21:38+00:00"
    assert normalize_iso("2022-07-32") is None
    assert normalize_iso("yesterday") is None
    assert normalize_iso("") is None


def test_same_day() -> None:
    assert same_day("2022-07-01", "2022-07-01T14:21:38+00:00")
    assert not same_day("2022-07-01", "2022-07-02")


@pytest.mark.parametrize(
    ("line", "value", "updated"),
    [
        ("1 липня 2022 р.", "2022-07-01", False),
        ("01 лип. 2022", "2022-07-01", False),
        ("30 червня 2022 року", "2022-06-30", False),
        ("1 июля 2022 года", "2022-07-01", False),
        ("1 июля 2022 г.", "2022-07-01", False),
        ("12 дек 2021", "2021-12-12", False),
        ("Опубліковано: 19 листопада 2019, 07:09", "2019-11-19T07:09:00", False),
        ("Пятница, 1 июля 2022", "2022-07-01", False),
        ("Оновлено 2 грудня 2024 14:00", "2024-12-02T14:00:00", True),
        ("Обновлено: 3 марта 2023", "2023-03-03", True),
    ],
)
def test_ukrainian_and_russian_month_names(line: str, value: str, updated: bool) -> None:
    assert parse_date_line(line) == DateLine(value, updated)


@pytest.mark.parametrize("line", ["31 лютого 2022", "1 липнев 2022", "Київ 2022", "1 мая"])
def test_cyrillic_lines_that_are_no_date(line: str) -> None:
    assert parse_date_line(line) is None
