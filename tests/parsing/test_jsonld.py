"""Tests of ``ingest_plugins.parsing.jsonld``: JSON-LD objects and article metadata."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest_plugins.parsing.html import parse_page
from ingest_plugins.parsing.jsonld import (
    ArticleMetadata,
    article_metadata,
    find_article,
    iter_objects,
    ld_authors,
    ld_references,
    ld_text,
    ld_types,
    ld_url,
    load_json,
    page_objects,
    scripts_in_markup,
)

ARTICLE = {
    "@type": "NewsArticle",
    "headline": "Towns weigh water &amp; jobs",
    "description": "  Residents   fear the mine. ",
    "datePublished": "2023-03-09T14:21:38+00:00",
    "author": [{"@id": "https://example.org/#/person/tr"}, {"@type": "Person", "name": "Leila"}],
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://example.org/a"},
    "url": "https://example.org/other",
}
PERSON = {"@type": "Person", "@id": "https://example.org/#/person/tr", "name": "Tomas Reyes"}


def test_load_json() -> None:
    assert load_json('{"a": 1}') == {"a": 1}
    assert load_json('<!-- {"a": 1} -->') == {"a": 1}
    assert load_json("{not json") is None
    assert load_json("") is None
    assert load_json("[" * 100_000 + "]" * 100_000) is None


DATED = {"@type": "NewsArticle", "datePublished": "2019-11-19T07:09:00Z"}


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "datePublished": "2019-11-19T07:09:00Z",}',
        '{"@type": "NewsArticle",\n "datePublished": "2019-11-19T07:09:00Z", "author": [],}',
        '// <![CDATA[\n{"@type": "NewsArticle", "datePublished": "2019-11-19T07:09:00Z"}\n// ]]>',
        '{"@type": "NewsArticle", // the date\n "datePublished": "2019-11-19T07:09:00Z"}',
        '{"@type": "NewsArticle", "datePublished": "2019-11-19T07:09:00Z"};',
        '{"@type": "NewsArticle", "datePublished": "2019-11-19T07:09:00Z"}}',
    ],
    ids=["trailing comma", "in a list too", "cdata", "comment", "semicolon", "stray brace"],
)
def test_load_json_reads_the_usual_flaws(script: str) -> None:
    found = load_json(script)
    assert isinstance(found, dict) and {k: found[k] for k in DATED} == DATED


def test_load_json_keeps_line_breaks_inside_strings() -> None:
    found = load_json('{"description": "one\ntwo\tthree", "a": [1,],}')
    assert found == {"description": "one\ntwo\tthree", "a": [1]}


def test_load_json_gives_values_one_after_another_as_a_list() -> None:
    assert load_json('{"a": 1}\n{"b": 2}') == [{"a": 1}, {"b": 2}]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[]",:;/ \n<!-abc1\\', max_size=60))
def test_load_json_never_raises(text: str) -> None:
    load_json(text)  # any text: a value or None, never an exception


def test_objects_of_a_graph() -> None:
    data = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, ARTICLE, PERSON]}
    types = [sorted(ld_types(obj)) for obj in iter_objects(data)]
    assert types[:3] == [[], ["WebPage"], ["NewsArticle"]]
    assert ["Person"] in types
    assert find_article(iter_objects(data)) is ARTICLE


def test_objects_of_a_list_and_nested_ones() -> None:
    data = [{"@type": "WebPage", "mainEntity": {"@type": ["Thing", "Article"], "name": "x"}}]
    found = list(iter_objects(data))
    assert [obj.get("@type") for obj in found] == ["WebPage", ["Thing", "Article"]]
    assert find_article(found) == data[0]["mainEntity"]


def test_objects_of_nothing() -> None:
    assert list(iter_objects(None)) == []
    assert list(iter_objects("text")) == []
    assert find_article([{"@type": "WebPage"}]) is None


def test_walks_are_bounded() -> None:
    deep: object = "x"
    for _ in range(50_000):
        deep = [deep]
    assert list(iter_objects(deep)) == []
    assert list(ld_references({"publisher": deep})) == []


def test_text_and_urls() -> None:
    assert ld_text(" Caf&eacute;\u200b  au lait ") == "Café au lait"
    assert ld_text("Lithium\n  towns\r\nweigh\n") == "Lithium towns weigh"
    assert ld_text(["First", "Second"]) == "First"
    assert ld_text({"@id": "x"}) is None
    assert ld_text("   ") is None
    assert ld_url({"@id": "https://example.org/a"}) == "https://example.org/a"
    assert ld_url([{"url": "/relative"}, " https://example.org/b "]) == "https://example.org/b"
    assert ld_url("/relative") is None


def test_authors() -> None:
    assert ld_authors(ARTICLE["author"], [ARTICLE, PERSON]) == ("Tomas Reyes", "Leila")
    assert ld_authors("Jane Roe") == ("Jane Roe",)
    organisation = {"@type": "NewsMediaOrganization", "name": "Example News"}
    assert ld_authors([organisation, {"name": "Jane Roe"}, "Jane Roe"]) == ("Jane Roe",)
    assert ld_authors(None) == ()


def test_references() -> None:
    publisher = {"@type": "Organization", "name": "Example", "logo": {"url": "logo.png"}}
    assert sorted(ld_references([publisher, {"@id": "#org"}])) == ["#org", "Example"]


def test_article_metadata() -> None:
    meta = article_metadata([{"@type": "WebSite", "name": "Example"}, ARTICLE, PERSON])
    assert meta == ArticleMetadata(
        title="Towns weigh water & jobs",
        description="Residents fear the mine.",
        published="2023-03-09T14:21:38+00:00",
        authors=("Tomas Reyes", "Leila"),
        url="https://example.org/a",
    )
    assert article_metadata([{"@type": "Article", "name": "A", "datePublished": "soon"}]) == (
        ArticleMetadata(title="A")
    )
    assert article_metadata([]) == ArticleMetadata()


def test_scripts_of_a_page() -> None:
    page = (
        "<html><head>"
        f'<script type="application/ld+json">{json.dumps({"@graph": [ARTICLE, PERSON]})}</script>'
        '<script type="application/ld+json">{broken</script>'
        "<script>var x = 1;</script>"
        "</head><body></body></html>"
    )
    assert len(list(scripts_in_markup(page))) == 2
    objects = page_objects(parse_page(page))
    assert article_metadata(objects).authors == ("Tomas Reyes", "Leila")


@pytest.mark.parametrize(
    ("fields", "published"),
    [
        ({"datePublished": "19 Nov 2019 07:09 GMT"}, "2019-11-19T07:09:00+00:00"),
        (
            {"datePublished": "2019-11-19T07:09:00Z", "dateModified": "2020-01-01"},
            "2019-11-19T07:09:00Z",
        ),
        ({"dateModified": "2020-01-01"}, "2020-01-01"),
        ({"datePublished": "sometime", "dateModified": "2020-01-01"}, None),
        ({"datePublished": "1 липня 2022"}, "2022-07-01"),
    ],
)
def test_article_dates_prefer_published_and_read_non_iso_forms(
    fields: dict[str, str], published: str | None
) -> None:
    found = article_metadata([{"@type": "NewsArticle", "headline": "H", **fields}])
    assert found.published == published
