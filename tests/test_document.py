"""SourceText's shared page views: parsed once, on first use, the same for every plugin."""

from __future__ import annotations

import pytest

from ingest_plugins import EncodingReport, InputError, SourceText
from ingest_plugins.parsing.html import MAX_DEPTH
from tests.deep_pages import FLATTENED, nested, within_coarse_budget

PAGE = """<html><head>
<link rel="canonical" href="https://example.org/a">
<meta property="og:site_name" content="Example &amp; Co">
<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "H"}]}</script>
</head><body><p>Hello <b>world</b></p></body></html>"""


def page(text: str = PAGE, is_html: bool = True) -> SourceText:
    return SourceText("in/page.html", text, EncodingReport("utf-8"), is_html=is_html)


def test_tree_is_parsed_once_and_shared() -> None:
    source = page()
    tree = source.tree
    assert source.tree is tree
    bold = tree.find(".//b")
    assert bold is not None and bold.text == "world"
    bold.text = "changed"  # what one reader does to the tree, the next one sees
    assert source.tree.findtext(".//b") == "changed"
    assert {"@type": "NewsArticle", "headline": "H"} in source.jsonld


def test_a_page_within_the_depth_limit_has_no_parse_warnings() -> None:
    source = page()
    assert source.parse_warnings == ()  # nothing parsed yet
    assert source.tree is not None
    assert source.parse_warnings == ()


def test_a_deep_page_is_flattened_and_says_so() -> None:
    deep = nested("<div>", "</div>", 20_000, "<p>Deep <b>text</b>.</p>")
    source = page(f"<html><body>{deep}<p>After.</p></body></html>")
    with within_coarse_budget():
        tree = source.tree
    assert " ".join(tree.xpath("string(//body)").split()) == "Deep text. After."
    [warning] = source.parse_warnings
    assert warning.startswith(FLATTENED) and f"{MAX_DEPTH} elements" in warning


def test_head_lists_link_and_meta_tags_in_order() -> None:
    source = page(
        "<html><head><link rel='canonical' href='https://example.org/a?x=1&amp;y=2'>"
        '<META PROPERTY="og:site_name" content="Example &amp; Co">'
        '<!-- <meta name="commented" content="out"> -->'
        "</head><body><p>Text.</p></body></html>"
    )
    assert source.head == (
        {"rel": "canonical", "href": "https://example.org/a?x=1&y=2"},
        {"property": "og:site_name", "content": "Example & Co"},
    )


def test_text_copies_have_no_page_views() -> None:
    source = page("Just a line of text.", is_html=False)
    assert source.head == () and source.jsonld == ()


def test_no_markup_is_an_input_error_naming_the_path() -> None:
    with pytest.raises(InputError) as err:
        _ = page("   ").tree
    assert err.value.path == "in/page.html"


def test_soup_is_beautifulsoup_over_the_same_markup() -> None:
    soup = page().soup
    assert type(soup).__name__ == "BeautifulSoup"
    assert soup.find("b").get_text() == "world"  # type: ignore[union-attr]
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/a"  # type: ignore[index]


def test_source_text_stays_frozen() -> None:
    source = page()
    with pytest.raises(AttributeError):
        source.text = "changed"  # type: ignore[misc]


def test_the_host_hands_the_tree_the_input_bytes_only_while_they_are_the_text() -> None:
    from dataclasses import replace

    from ingest_plugins.decode import read_source

    raw = PAGE.encode("utf-8")
    source = read_source(raw, "in/page.html")
    assert source.utf8 is not None and source.utf8[1] is raw  # strict UTF-8, left alone
    assert source.tree.findtext(".//b") == "world"
    other = replace(source, text=PAGE.replace("world", "planet"))
    assert other.utf8 == source.utf8  # carried along by replace, but not used:
    assert other.tree.findtext(".//b") == "planet"


def test_repaired_input_is_parsed_from_its_repaired_text() -> None:
    from ingest_plugins.decode import read_source

    source = read_source(PAGE.replace("\n", "\r\n").encode("utf-8"), "in/page.html")
    assert "newlines" in source.encoding.fixes
    assert source.utf8 is None
    assert source.tree.findtext(".//b") == "world"
