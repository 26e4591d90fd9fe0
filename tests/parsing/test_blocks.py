"""Tests of ``ingest_plugins.parsing.blocks``: a page read as text blocks, each
in the zone a plugin's callback names."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping

import pytest
from lxml import etree

from ingest_plugins.parsing.blocks import (
    BLOCK_TAGS,
    Recorded,
    Routed,
    TagsExcept,
    TextBlock,
    Whole,
    ZoneOf,
    recording,
    text_blocks,
)
from ingest_plugins.parsing.html import Element, class_list, mark_line_breaks, parse_page
from tests.deep_pages import nested, within_coarse_budget


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
def test_deep_nesting_reads_to_the_end(open_tag: str, close_tag: str) -> None:
    """20,000 nested elements, each opening a zone or not (flattened at ``MAX_DEPTH``
    when parsed): walked without recursion, the text in order."""

    def zone_of(element: Element, zone: str) -> str:
        return "ads" if "ad" in class_list(element) else zone

    body = body_of("<p>First.</p>" + nested(open_tag, close_tag, 20_000, "Deep.") + "Last.")
    with within_coarse_budget():
        blocks = text_blocks(body, zone_of, "page")
    texts = [b.text for b in blocks]
    assert texts == (
        ["First.", "Deep.", "Last."] if open_tag != "<span>" else ["First.", "Deep.Last."]
    )


# ---------------------------------------------------------------------------
# Reasons, elements taken apart, recording
# ---------------------------------------------------------------------------


def reasoned(markup: str, zone_of: ZoneOf[str]) -> list[tuple[str, str, str | None]]:
    return [(b.zone, b.text, b.reason) for b in text_blocks(body_of(markup), zone_of, "page")]


def test_routed_walks_an_element_and_its_blocks_carry_the_reason() -> None:
    def zone_of(element: Element, zone: str) -> str | Routed[str]:
        if "related" in class_list(element):
            return Routed("chrome", "link list")
        if "ad" in class_list(element):
            return "ads"
        return zone

    markup = (
        "<p>Body.</p><div class='related'><h3>More:</h3><ul><li>One</li><li>Two</li></ul>"
        "<div class='ad'>Ad</div></div><p>After.</p>"
    )
    assert reasoned(markup, zone_of) == [
        ("page", "Body.", None),
        ("chrome", "More:", "link list"),  # inherited by what is inside, in its zone
        ("chrome", "One", "link list"),
        ("chrome", "Two", "link list"),
        ("ads", "Ad", None),  # another zone opened inside: no reason
        ("page", "After.", None),
    ]


def test_another_reason_in_the_same_zone_ends_a_block() -> None:
    def zone_of(element: Element, zone: str) -> str | Routed[str] | Whole[str]:
        if element.tag == "span":
            return Whole("chrome", reason="share widget")
        if element.tag == "section":
            return Routed("chrome", "tags")
        return zone

    assert reasoned("<section>Tags: <span>Share</span> x</section>", zone_of) == [
        ("chrome", "Tags:", "tags"),
        ("chrome", "Share", "share widget"),
        ("chrome", "x", "tags"),
    ]


def test_whole_apart_takes_an_element_out_of_its_sentence() -> None:
    def zone_of(element: Element, zone: str) -> str | Whole[str]:
        if "hidden" in class_list(element):
            return Whole("boilerplate", reason="hidden", apart=True)
        return zone

    markup = (
        "<p>Officials said <span class='hidden'>7731902</span>the levee held.</p>"
        "<p>Before</p><div class='hidden'>123456</div><p>After</p>"
        "text <div class='hidden'>id</div> more"
    )
    assert reasoned(markup, zone_of) == [
        ("boilerplate", "7731902", "hidden"),  # a block of its own, first...
        ("page", "Officials said the levee held.", None),  # ...and the sentence is whole
        ("page", "Before", None),
        ("boilerplate", "123456", "hidden"),
        ("page", "After", None),
        ("page", "text", None),  # a block element taken apart still separates
        ("boilerplate", "id", "hidden"),
        ("page", "more", None),
    ]


def test_text_blocks_are_plain_tuples_with_a_reason() -> None:
    assert TextBlock("a", "page") == TextBlock("a", "page", None)
    assert TextBlock("a", "page", "hidden").reason == "hidden"


def test_nothing_is_recorded_without_a_recording() -> None:
    with recording() as recorder:
        pass
    text_blocks(body_of("<p>x</p>"), same_zone, "page")
    assert recorder.entries == [] and recorder.walks == 0


def test_a_recording_keeps_every_block_and_every_element_left_out() -> None:
    def zone_of(element: Element, zone: str) -> str | Routed[str] | None:
        if element.tag == "nav":
            return None
        if element.tag == "article":
            return "body"
        if "share" in class_list(element):
            return Routed("boilerplate", "share widget")
        return zone

    markup = (
        "<nav><a href='/'>Home</a></nav><article class='story'>"
        "<p>First <b>paragraph</b>.</p><div class='share'>Share</div></article>"
    )
    with recording() as recorder:
        blocks = text_blocks(body_of(markup), zone_of, "page")
        text_blocks(body_of("<p>second walk</p>"), same_zone, "page")
    assert [(b.text, b.zone, b.reason) for b in blocks] == [
        ("First paragraph.", "body", None),
        ("Share", "boilerplate", "share widget"),
    ]
    entries = [(e.text, e.zone, e.reason, e.path, e.walk) for e in recorder.entries]
    assert entries == [
        ("Home", None, None, "nav", 0),  # left out: zone None, its whole text
        ("First paragraph.", "body", None, "article.story > p", 0),
        ("Share", "boilerplate", "share widget", "article.story > div.share", 0),
        ("second walk", "page", None, "p", 1),
    ]
    assert recorder.walks == 2
    assert all(isinstance(entry, Recorded) for entry in recorder.entries)
    assert recorder.entries[1].element.tag == "p"


def test_recording_does_not_change_the_blocks() -> None:
    markup = "<div>intro<p>One <a href='#'>link</a></p>tail<ul><li>a</li></ul></div>"
    plain = text_blocks(body_of(markup), same_zone, "page")
    with recording() as recorder:
        recorded = text_blocks(body_of(markup), same_zone, "page")
    assert recorded == plain
    assert [e.text for e in recorder.entries] == [b.text for b in plain]
    assert [e.path for e in recorder.entries] == ["div", "div > p", "div", "div > ul > li"]
