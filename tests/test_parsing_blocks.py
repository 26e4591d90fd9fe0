"""Tests of ``ingest_plugins.parsing.blocks``: a page read as text blocks, each
in the zone a plugin's callback names."""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Mapping

import pytest
from lxml import etree

from ingest_plugins.parsing.blocks import (
    BLOCK_TAGS,
    TagsExcept,
    TextBlock,
    Whole,
    ZoneOf,
    text_blocks,
)
from ingest_plugins.parsing.html import Element, class_list, mark_line_breaks, parse_page


def body_of(markup: str) -> Element:
    body = parse_page(f"<html><body>{markup}</body></html>").find("body")
    assert body is not None
    return body


def same_zone(element: Element, zone: str) -> str:
    return zone


def read(
    markup: str,
    zone_of: ZoneOf[str] = same_zone,
    *,
    block_tags: Container[str] = BLOCK_TAGS,
    ends_block: Mapping[str, Callable[[str], bool]] | None = None,
) -> list[tuple[str, str]]:
    """``(zone, text)`` of each block of ``<body>markup</body>``, in the zone ``page``."""
    blocks = text_blocks(
        body_of(markup), zone_of, "page", block_tags=block_tags, ends_block=ends_block
    )
    return [(block.zone, block.text) for block in blocks]


def test_block_elements_end_blocks_and_inline_ones_join_them() -> None:
    markup = (
        "Intro <b>bold</b>\n  text<p>One <a href='#'>link</a>.</p>tail"
        "<div><h2>Head</h2><ul><li>a</li><li>b<br>c</li></ul></div>"
    )
    assert read(markup) == [
        ("page", "Intro bold text"),
        ("page", "One link."),
        ("page", "tail"),
        ("page", "Head"),
        ("page", "a"),
        ("page", "b\nc"),
    ]


def test_blocks_without_text_are_left_out() -> None:
    assert read("<p> </p><div><p></p>\n</div><br><p>x</p>") == [("page", "x")]


def test_zones_come_from_the_callback_and_a_change_ends_a_block() -> None:
    def zone_of(element: Element, zone: str) -> str:
        if element.tag == "article":
            return "body"
        if "share" in class_list(element):
            return "boilerplate"
        return zone

    markup = (
        "<nav>Home</nav><article><p>Text <span class='share'>Share</span> more.</p>"
        "<p>Second.</p></article>After"
    )
    assert read(markup, zone_of) == [
        ("page", "Home"),
        ("body", "Text"),
        ("boilerplate", "Share"),
        ("body", "more."),
        ("body", "Second."),
        ("page", "After"),
    ]


def test_the_root_gets_its_zone_from_the_callback_too() -> None:
    def zone_of(element: Element, zone: str) -> str:
        return "body" if element.tag == "body" else zone

    assert read("<p>x</p>y", zone_of) == [("body", "x"), ("body", "y")]


def test_none_leaves_an_element_out_with_all_it_holds() -> None:
    def zone_of(element: Element, zone: str) -> str | None:
        return None if "hidden" in class_list(element) else zone

    markup = (
        "<p>Before <span class='hidden'>secret <b>x</b></span>after.</p>"
        "<p>Top</p><div class='hidden'><p>gone</p></div><p>Bottom</p>"
        "text <div class='hidden'>gone</div> more"
    )
    assert read(markup, zone_of) == [
        ("page", "Before after."),  # a skipped inline element does not split its block
        ("page", "Top"),
        ("page", "Bottom"),
        ("page", "text"),  # a skipped block element still does
        ("page", "more"),
    ]


def test_whole_takes_the_text_as_it_is_without_looking_inside() -> None:
    def zone_of(element: Element, zone: str) -> str | Whole[str]:
        if element.tag == "p":
            return Whole(zone)
        if element.tag == "a":
            return Whole("links", block=True)
        if "ad" in class_list(element):
            return "ads"
        return zone

    markup = (
        "<p>One <span class='ad'>inner zone</span> <div>inner block</div></p>"
        "<div>Share <a href='#'>Facebook</a> <a href='#'>X</a> end</div>"
    )
    assert read(markup, zone_of) == [
        ("page", "One inner zone"),  # the p's text: nothing inside it counts
        ("page", "inner block"),  # (libxml2 closes the p before a div)
        ("page", "Share"),
        ("links", "Facebook"),
        ("links", "X"),
        ("page", "end"),
    ]


def test_whole_keeps_line_breaks_once_they_are_marked() -> None:
    def whole(element: Element, zone: str) -> str | Whole[str]:
        return Whole(zone) if element.tag == "p" else zone

    body = body_of("<p>a<br>b</p>")
    assert text_blocks(body, whole, "page") == [TextBlock("ab", "page")]
    mark_line_breaks(body)
    assert text_blocks(body, whole, "page") == [TextBlock("a\nb", "page")]


def test_whole_uses_the_text_the_callback_read() -> None:
    def zone_of(element: Element, zone: str) -> str | Whole[str]:
        if element.tag == "aside":
            return Whole("gap", text="stands for the aside")
        return zone

    assert read("<aside>long sidebar</aside><p>x</p>", zone_of) == [
        ("gap", "stands for the aside"),
        ("page", "x"),
    ]


def test_block_tags_can_be_chosen() -> None:
    markup = "<p>a <label>b</label> c</p><x-card>d</x-card>e"
    assert read(markup) == [("page", "a b c"), ("page", "de")]  # unknown tags are inline
    assert read(markup, block_tags=BLOCK_TAGS | {"label"}) == [
        ("page", "a"),
        ("page", "b"),
        ("page", "c"),
        ("page", "de"),
    ]
    every_tag_but_inline = TagsExcept({"b", "span"})
    assert "x-card" in every_tag_but_inline and "span" not in every_tag_but_inline
    assert read(markup, block_tags=every_tag_but_inline) == [
        ("page", "a"),
        ("page", "b"),
        ("page", "c"),
        ("page", "d"),
        ("page", "e"),
    ]


def test_ends_block_cuts_a_label_from_the_item_after_it() -> None:
    def zone_of(element: Element, zone: str) -> str:
        return "widget" if "share" in class_list(element) else zone

    markup = (
        "<div class='share'>Share <span>Facebook</span> <span>X</span></div>"
        "<p>Share <span>this</span></p>"
    )
    cuts = {"widget": lambda pending: pending.strip() == "Share"}
    assert read(markup, zone_of, ends_block=cuts) == [
        ("widget", "Share"),
        ("widget", "Facebook X"),
        ("page", "Share this"),  # only in the zones named
    ]


def test_markup_comments_and_processing_instructions_have_no_text() -> None:
    root = etree.fromstring("<div>a<!-- note -->b<?pi x?>c<p>d</p></div>")
    assert text_blocks(root, same_zone, "page") == [
        TextBlock("abc", "page"),
        TextBlock("d", "page"),
    ]


def test_zones_of_any_type() -> None:
    def zone_of(element: Element, zone: int) -> int:
        return zone + 1 if element.tag == "section" else zone

    blocks = text_blocks(body_of("a<section>b<section>c</section></section>"), zone_of, 0)
    assert [(b.zone, b.text) for b in blocks] == [(0, "a"), (1, "b"), (2, "c")]


@pytest.mark.parametrize(
    ("open_tag", "close_tag"),
    [("<div>", "</div>"), ("<span>", "</span>"), ("<div class='ad'>", "</div>")],
)
def test_deep_nesting_reads_fast(open_tag: str, close_tag: str) -> None:
    """20,000 nested elements, each opening a zone or not: no recursion, no
    quadratic work (lxml freeing each element's object looks up its ancestors)."""

    def zone_of(element: Element, zone: str) -> str:
        return "ads" if "ad" in class_list(element) else zone

    depth = 20_000
    body = body_of("<p>First.</p>" + open_tag * depth + "Deep." + close_tag * depth + "Last.")
    started = time.perf_counter()
    blocks = text_blocks(body, zone_of, "page")
    assert time.perf_counter() - started < 1
    texts = [b.text for b in blocks]
    assert texts == (
        ["First.", "Deep.", "Last."] if open_tag != "<span>" else ["First.", "Deep.Last."]
    )
