"""Tests of ``ingest_plugins.parsing.bylines``: byline lines to author names."""

from __future__ import annotations

import pytest

from ingest_plugins.parsing.bylines import is_person_name, parse_author_names, parse_byline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Dave Decamp", ("Dave Decamp",)),
        ("by Samira Haddad", ("Samira Haddad",)),
        ("By: Samira Haddad", ("Samira Haddad",)),
        ("By Gordon Duff, Senior Editor", ("Gordon Duff",)),
        ("By Jim W. Dean, Managing Editor", ("Jim W. Dean",)),
        ("By Dave Decamp and Jane Roe", ("Dave Decamp", "Jane Roe")),
        ("by Dave Decamp & Jane Roe, Contributing Writers", ("Dave Decamp", "Jane Roe")),
        ("By Dave Decamp, Jane Roe", ("Dave Decamp", "Jane Roe")),
        ("By Dave Decamp | Antiwar.com", ("Dave Decamp",)),
        ("By Dave Decamp - Reuters", ("Dave Decamp",)),
        ("By Ali Harb in Washington", ("Ali Harb",)),
        ("Written by: Samira Haddad in Kyiv", ("Samira Haddad",)),
        ("Reported by Samira Haddad", ("Samira Haddad",)),
        ("Posted by Dave Decamp", ("Dave Decamp",)),
        ("…by  Jonas E. Alexis", ("Jonas E. Alexis",)),  # a real VT post of 2013
        ("— By Dave Decamp", ("Dave Decamp",)),
        ("By Hamza Mohamed al-Tahhan", ("Hamza Mohamed al-Tahhan",)),
        ("By Ludwig van Beethoven", ("Ludwig van Beethoven",)),
        # An agency joined by "and" is dropped, not taken for prose (real AJ bylines).
        ("By Ali Harb and Reuters", ("Ali Harb",)),
        ("By Dave Decamp and AFP", ("Dave Decamp",)),
        ("By Dave Decamp and news agencies", ("Dave Decamp",)),
        ("By Dave Decamp and the Associated Press", ("Dave Decamp",)),
        ("By Dave Decamp, Jane Roe and AFP", ("Dave Decamp", "Jane Roe")),
        ("By Dave Decamp and Jane Roe for New Eastern Outlook", ("Dave Decamp", "Jane Roe")),
        ("By Samira Haddad for Reuters", ("Samira Haddad",)),
    ],
)
def test_bylines(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week the treaty was signed.",
        "By the end of the year, prices had doubled.",
        "By February, the troops had left Kyiv",  # one word is no name
        "By 2030, Russia and Belarus",
        "By Friday Night, Ukrainian forces had left",  # prose after the comma
        "By Friday and Saturday the talks had ended",  # no name before "and"
        "By Dave Decamp and the troops that had left",  # prose after "and"
        "By the time for Action came",  # "for" after no name
        "Dave Decamp",  # no "By"
        "By",
        "",
    ],
)
def test_prose_is_no_byline(line: str) -> None:
    assert parse_byline(line) == ()


def test_affiliations_name_the_site() -> None:
    line = "By Dave Decamp, Veterans Today"
    assert parse_byline(line) == ("Dave Decamp", "Veterans Today")  # two capitalised words
    assert parse_byline(line, affiliations=("veterans today",)) == ("Dave Decamp",)
    assert parse_byline("By Ali Harb, AL JAZEERA", affiliations=("al jazeera",)) == ("Ali Harb",)


def test_author_names_without_by() -> None:
    assert parse_author_names("Tomas Reyes and Leila Mansour") == ("Tomas Reyes", "Leila Mansour")
    assert parse_author_names("Jane Holloway, Staff Writer") == ("Jane Holloway",)
    assert parse_author_names("Residents fear the mine") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dave Decamp", True),
        ("J.R. Smith", True),
        ("Jean de la Fontaine", True),
        ("Dave", False),
        ("dave decamp", False),
        ("Antiwar.com Staff", False),
        ("One Two Three Four Five Six Seven", False),
    ],
)
def test_is_person_name(text: str, expected: bool) -> None:
    assert is_person_name(text) is expected
