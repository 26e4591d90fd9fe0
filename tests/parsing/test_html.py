"""Tests of ``ingest_plugins.parsing.html`` and ``claims``: markup, head metadata, tree text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ingest_plugins import EncodingReport, SourceText
from ingest_plugins.parsing.claims import page_declares_site, page_names_a_site
from ingest_plugins.parsing.html import (
    BR_MARK,
    MAX_DEPTH,
    PageError,
    canonical_url,
    class_list,
    drop_elements,
    element_text,
    looks_like_html,
    mark_line_breaks,
    markup_text,
    meta_content,
    parse_page,
    read_page,
    spaced_text,
)
from ingest_plugins.parsing.select import select_first, select_one, selector, selectors
from ingest_plugins.parsing.urls import url_in_domains
from tests.deep_pages import FLATTENED, nested, within_coarse_budget


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <!-- saved --> <html lang='en'>", True),
        ("<main><p>One</p><p>Two</p><p>Three</p></main>", True),
        ("<main><p>One</p><p>Two</p></main>", False),
        ("A text copy.\n\n<https://example.org/a>\n", False),
        ("Plain text that mentions </p> once.", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


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


def test_page_cleaning_and_text() -> None:
    page = parse_page(PAGE)
    drop_elements(page)
    mark_line_breaks(page)
    div = select_first(page, selectors("article", "div.entry-content"))
    assert div is not None
    assert element_text(div) == "One bold line\nsecond line"
    serialized = etree.tostring(page, encoding="unicode")
    assert (
        "a comment" not in serialized and "hidden" not in serialized and "frame" not in serialized
    )
    assert class_list(div) == ["Post", "entry-content"]
    assert select_first(page, selectors("article", "aside")) is None


def test_spaced_text_puts_spaces_between_pieces() -> None:
    page = parse_page("<h1>  Title<span>part</span>  two </h1>")
    heading = select_one(page, selector("h1"))
    assert heading is not None
    assert spaced_text(heading) == "Title part two"


@pytest.mark.parametrize("markup", ["", "   \n ", "<!-- only a comment -->"])
def test_parse_page_refuses_no_document(markup: str) -> None:
    with pytest.raises(PageError):
        parse_page(markup)


def depth_of(root: etree._Element) -> int:
    """How deep the tree goes (its root is 1)."""
    return max(sum(1 for _ in element.iterancestors()) + 1 for element in root.iter())


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 3_000, 20_000])  # 3,000: past libxml2's own
def test_markup_deeper_than_the_limit_is_flattened_there(depth: int) -> None:
    inside = "<script>x()</script><p>Deep <b>text</b><br>here.</p>"
    markup = "<body>" + nested("<div class='x'>", "</div>", depth, inside) + "<p>After.</p>"
    with within_coarse_budget():
        page = read_page(markup)
    assert depth_of(page.root) == MAX_DEPTH
    assert page.flattened == 1
    [limit] = [e for e in page.root.iter() if sum(1 for _ in e.iterancestors()) == MAX_DEPTH - 1]
    assert (limit.tag, limit.get("class"), len(limit)) == ("div", "x", 0)
    # In order, blocks and line breaks apart; the script is gone, with its text.
    assert " ".join(str(limit.text).split()) == "Deep text here."
    # One text node: lxml joins adjacent ones again on every read of the text.
    assert limit.xpath("count(text())") == 1
    assert page.root.xpath("string(//body/p)") == "After."
    assert len(page.warnings) == 1 and page.warnings[0].startswith(FLATTENED)
    assert f"{MAX_DEPTH} elements" in page.warnings[0]


def test_every_deep_branch_is_flattened_and_counted() -> None:
    branch = nested("<section>", "</section>", MAX_DEPTH + 10, "<i>a</i>b")
    page = read_page(f"<body>{branch}<p>between</p>{branch}</body>")
    assert page.flattened == 2
    assert "in 2 places" in page.warnings[0]
    assert depth_of(page.root) == MAX_DEPTH


def test_markup_at_the_limit_is_left_as_it_is() -> None:
    # html and body, then the divs: the <b> is the MAX_DEPTH-th element.
    markup = "<body>" + nested("<div>", "</div>", MAX_DEPTH - 3, "<b>at the limit</b>")
    page = read_page(markup)
    assert (page.flattened, page.warnings) == (0, ())
    assert depth_of(page.root) == MAX_DEPTH
    assert page.root.findtext(".//b") == "at the limit"
    assert parse_page(markup).findtext(".//b") == "at the limit"


def test_parse_page_drops_control_characters_lxml_refuses() -> None:
    page = parse_page("<p>a\x01b<br>\x1fc</p>")
    mark_line_breaks(page)  # would raise if a tail kept a control character
    paragraph = select_one(page, selector("p"))
    assert paragraph is not None
    assert element_text(paragraph) == "ab\nc"


def test_meta_content_tries_keys_in_order() -> None:
    page = parse_page(PAGE)
    assert meta_content(page, "og:description", "description") == "OG description"
    assert meta_content(page, "DESCRIPTION") == "Plain description"
    assert meta_content(page, "og:title") is None


def test_canonical_url() -> None:
    page = parse_page(PAGE)
    assert canonical_url(page) == "https://example.org/og"  # a relative canonical link is skipped
    page = parse_page('<link rel="Canonical" href=" https://example.org/c ">')
    assert canonical_url(page) == "https://example.org/c"


def page(markup: str) -> SourceText:
    return SourceText("page.html", markup, EncodingReport("utf-8"), is_html=True)


def _declares_example(markup: str) -> bool:
    return page_declares_site(
        page(markup),
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


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="https://example.com/a">', True),
        ('<meta property="og:url" content="https://example.com/a">', True),
        ('<meta property="og:site_name" content="Somewhere">', True),
        ('<link rel="canonical" href=" ">', False),
        ('<link rel="stylesheet" href="/a.css"><meta name="description" content="x">', False),
    ],
)
def test_page_names_a_site(head: str, expected: bool) -> None:
    assert page_names_a_site(page(f"<html><head>{head}</head><body></body></html>")) is expected


def _markup_text_reference(raw: str) -> str:
    """What markup_text means, without its shortcut for a line that is clean already."""
    raw = re.sub("[\u200b\u200c\u200d\u2060\u00ad\ufeff]", "", raw)
    lines = (" ".join(part.split()) for part in raw.split(BR_MARK))
    return "\n".join(line for line in lines if line)


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(f" \t\n\xa0\u2028\u3000\u200b\u00ad\ufeff{BR_MARK}ab—"),
            st.characters(),
        )
    )
)
def test_markup_text_shortcut_changes_nothing(raw: str) -> None:
    assert markup_text(raw) == _markup_text_reference(raw)


@pytest.mark.parametrize(
    ("raw", "text"),
    [("a b", "a b"), ("a  b", "a b"), (f"a{BR_MARK}b", "a\nb"), (" a", "a"), ("a\u00adb", "ab")],
)
def test_markup_text(raw: str, text: str) -> None:
    assert markup_text(raw) == text


def test_the_fetch_url_claims_a_page_whose_head_names_no_site() -> None:
    bare = "<html><head><title>t</title></head><body><p>x</p></body></html>"
    fetched = SourceText(
        "a.warc.gz#0", bare, EncodingReport("utf-8"), is_html=True, url="https://example.org/a"
    )
    assert _declares_example_source(fetched)
    elsewhere = SourceText(
        "a.warc.gz#9", bare, EncodingReport("utf-8"), is_html=True, url="https://example.com/a"
    )
    assert not _declares_example_source(elsewhere)
    named = bare.replace("<title>", '<link rel="canonical" href="https://other.net/a"><title>')
    other = SourceText(
        "a.warc.gz#5", named, EncodingReport("utf-8"), is_html=True, url="https://example.org/a"
    )
    assert not _declares_example_source(other)  # the page says it is another site's


def _declares_example_source(source: SourceText) -> bool:
    return page_declares_site(
        source,
        is_site_url=lambda url: url_in_domains(url, ("example.org",)),
        is_site_name=lambda name: "example news" in name.lower(),
    )
