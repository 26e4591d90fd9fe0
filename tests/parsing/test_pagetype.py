"""The page-type gate: listing pages are told from articles, with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_plugins import EncodingReport, SourceText
from ingest_plugins.errors import InputError
from ingest_plugins.parsing.pagetype import page_kind
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import load_host

TESTS = Path(__file__).resolve().parent.parent
LISTINGS = TESTS / "fixtures" / "listings"


def page(markup: str) -> SourceText:
    return SourceText("page.html", markup, EncodingReport("utf-8"), is_html=True)


def cards(count: int) -> str:
    return "".join(
        f'<article class="card"><h3><a href="/s/{i}">Story number {i}</a></h3>'
        f'<p class="excerpt">{"A short teaser. " * 14}</p></article>'
        for i in range(count)
    )


PROSE = "<p>" + "Officials said the talks would continue next week in the capital. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("name", "kind", "reason"),
    [
        ("AlJazeera_section_2019-11-19.html", "section", "14 teaser cards, JSON-LD CollectionPage"),
        ("VT_category_2021-03-10.html", "section", "10 teaser cards, JSON-LD CollectionPage"),
        ("VT_home_2018-03-19.html", "home", "12 teaser cards, no article text"),
    ],
)
def test_listing_fixtures(name: str, kind: str, reason: str) -> None:
    found = page_kind(page((LISTINGS / name).read_text()))
    assert (found.kind, found.reason) == (kind, reason)


def test_listing_pages_fail_with_one_line_naming_the_reason() -> None:
    pipeline = Pipeline(load_host(env={}))
    expected = {
        "AlJazeera_section_2019-11-19.html": "14 teaser cards, JSON-LD CollectionPage",
        "VT_category_2021-03-10.html": "10 teaser cards, JSON-LD CollectionPage",
        "VT_home_2018-03-19.html": "12 teaser cards, no article text",
    }
    for name, reason in expected.items():
        path = str(LISTINGS / name)
        with pytest.raises(InputError) as err:
            pipeline.parse_file(path)
        kind = "home" if "home" in name else "section"
        assert str(err.value) == f"{path}: not an article ({kind} page: {reason})"


@pytest.mark.parametrize(
    ("markup", "kind"),
    [
        (f"<html><body><h1>News</h1>{cards(12)}</body></html>", "section"),
        (
            '<html><head><link rel="canonical" href="https://x.org/"></head>'
            f"<body>{cards(12)}</body></html>",
            "home",
        ),
        (
            '<html><head><link rel="canonical" href="https://x.org/tag/oil/"></head>'
            f"<body>{cards(9)}</body></html>",
            "tag",
        ),
        (
            '<html><head><script type="application/ld+json">{"@type": "SearchResultsPage"}'
            "</script></head><body></body></html>",
            "search",
        ),
        (
            '<html><head><script type="application/ld+json">{"@type": "WebSite", "name": "X"}'
            "</script></head><body>{cards(3)}</body></html>",
            "home",
        ),
        (  # og:type article on the site's root: a home page all the same
            '<html><head><meta property="og:type" content="article">'
            '<link rel="canonical" href="https://x.org/"></head>'
            f"<body>{cards(12)}</body></html>",
            "home",
        ),
    ],
)
def test_listing_kinds(markup: str, kind: str) -> None:
    assert page_kind(page(markup)).kind == kind


@pytest.mark.parametrize(
    "markup",
    [
        # An article with a big "more stories" block: prose decides.
        f"<html><body><h1>Talks</h1>{PROSE}{PROSE}{cards(20)}</body></html>",
        # JSON-LD article nested in a WebPage, many teasers: the article object decides.
        '<html><head><script type="application/ld+json">{"@type": "WebPage", "mainEntity":'
        f' {{"@type": "NewsArticle", "headline": "H"}}}}</script></head><body>{cards(30)}'
        "</body></html>",
        # og:type article decides.
        f'<html><head><meta property="og:type" content="article"></head><body>{cards(30)}'
        "</body></html>",
        # Nothing either way: left to the parser.
        "<html><body><h1>Short</h1><p>One line.</p></body></html>",
    ],
)
def test_articles_pass(markup: str) -> None:
    assert page_kind(page(markup)).is_article


def test_collection_page_listing_articles_is_still_a_listing() -> None:
    markup = (
        '<html><head><script type="application/ld+json">{"@type": "CollectionPage",'
        ' "hasPart": [{"@type": "NewsArticle", "headline": "A"}]}</script></head>'
        "<body></body></html>"
    )
    assert page_kind(page(markup)).kind == "section"


def test_text_copies_are_articles() -> None:
    text = SourceText("a.txt", "Title\n\nBody.", EncodingReport("utf-8"), is_html=False)
    assert page_kind(text).is_article


def test_deeply_nested_headings_are_judged_quickly() -> None:
    markup = "<html><body>" + "<h2><a href='/x'>deep " * 5000 + "</body></html>"
    assert page_kind(page(markup)).kind in ("article", "section")
