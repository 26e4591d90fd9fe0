"""Tests of ``ingest_plugins.parsing.html`` and ``claims``: markup, head metadata, soup text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ingest_plugins.parsing.claims import page_declares_site
from ingest_plugins.parsing.html import (
    canonical_url,
    class_list,
    drop_comments,
    drop_elements,
    element_text,
    head_tags,
    looks_like_html,
    mark_line_breaks,
    meta_content,
    select_first,
)
from ingest_plugins.parsing.urls import url_in_domains


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <!-- saved --> <html lang='en'>", True),
        ("<main><p>One</p><p>Two</p></main>", True),
        ("A text copy.\n\n<https://example.org/a>\n", False),
        ("Plain text that mentions </p> once.", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_head_tags() -> None:
    head = (
        "<link rel='canonical' href='https://example.org/a?x=1&amp;y=2'>"
        '<META PROPERTY="og:site_name" content="Example &amp; Co">'
    )
    assert list(head_tags(head)) == [
        {"rel": "canonical", "href": "https://example.org/a?x=1&y=2"},
        {"property": "og:site_name", "content": "Example & Co"},
    ]


PAGE = """<html><head>
<title>Title</title>
<meta name="description" content="Plain description">
<meta property="og:description" content="  OG   description ">
<meta property="og:url" content="https://example.org/og">
<link rel="canonical" href="/relative">
</head><body>
<!-- a comment -->
<div class="Post  entry-content"><p>One <b>bold</b>
   line<br>second   line</p><script>var hidden = 1;</script>
<iframe>frame</iframe></div>
</body></html>"""


def test_soup_cleaning_and_text() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    drop_elements(soup)
    drop_comments(soup)
    mark_line_breaks(soup)
    div = select_first(soup, ("article", "div.entry-content"))
    assert div is not None
    assert element_text(div) == "One bold line\nsecond line"
    assert "comment" not in str(soup) and "hidden" not in str(soup)
    assert class_list(div) == ["Post", "entry-content"]
    assert select_first(soup, ("article", "aside")) is None


def test_meta_content_tries_keys_in_order() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    assert meta_content(soup, "og:description", "description") == "OG description"
    assert meta_content(soup, "DESCRIPTION") == "Plain description"
    assert meta_content(soup, "og:title") is None


def test_canonical_url() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    assert canonical_url(soup) == "https://example.org/og"  # a relative canonical link is skipped
    soup = BeautifulSoup('<link rel="Canonical" href=" https://example.org/c ">', "lxml")
    assert canonical_url(soup) == "https://example.org/c"


def _declares_example(markup: str) -> bool:
    return page_declares_site(
        markup,
        is_site_url=lambda url: url_in_domains(url, ("example.org",)),
        is_site_name=lambda name: "example news" in name.lower(),
    )


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="https://www.example.org/a">',
        '<meta property="og:url" content="//example.org/a">',
        '<meta property="og:site_name" content="Example News">',
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"publisher": {"@id": "https://example.org/#org"}}]}</script>',
        '<script type="application/ld+json">[{"@type": "WebSite", "name": "Example News"}]'
        "</script>",
    ],
)
def test_page_declares_site(head: str) -> None:
    assert _declares_example(f"<html><head>{head}</head><body></body></html>")


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="https://example.com/example.org">',
        '<link rel="alternate" href="https://example.org/a">',
        '<script type="application/ld+json">{"publisher": {"name": "Other"}}</script>',
        '<script type="application/ld+json">{"about": "Example News"</script>',
    ],
)
def test_page_does_not_declare_site(head: str) -> None:
    assert not _declares_example(f"<html><head>{head}</head><body>Example News</body></html>")
