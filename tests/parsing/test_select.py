"""Tests of ``ingest_plugins.parsing.select``: lxml's compiled CSS selectors and
the searches with them, which always read the tree as it is now."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml.cssselect import CSSSelector

from ingest_plugins.parsing.html import MAX_DEPTH, Element, parse_page
from ingest_plugins.parsing.select import (
    matches,
    select,
    select_first,
    select_one,
    selector,
    selectors,
)
from tests.deep_pages import nested, within_coarse_budget

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.rglob("*.html"))


def tags(elements: list[Element]) -> list[str]:
    return [f"{e.tag}{'#' + e.get('id', '') if e.get('id') else ''}" for e in elements]


def by_id(page: Element, name: str) -> Element:
    found = page.find(f".//*[@id='{name}']")
    assert found is not None
    return found


def test_a_selector_is_lxmls_css_selector() -> None:
    compiled = selector("div > p, .a")
    assert isinstance(compiled, CSSSelector)
    page = parse_page("<div><p id='x'>a</p></div><span class='a' id='y'>b</span>")
    assert compiled(page) == select(page, compiled)
    assert tags(select(page, compiled)) == ["p#x", "span#y"]


def test_moved_element_no_longer_matches() -> None:
    """The stale-match case: a ``p`` moved out of its ``div`` is judged where it is now."""
    page = parse_page("<body><div><p id='p'>x</p></div><section id='s'></section></body>")
    paragraph, section = by_id(page, "p"), by_id(page, "s")
    child_of_div, child_of_section = selector("div > p"), selector("section > p")
    assert matches(paragraph, child_of_div) and not matches(paragraph, child_of_section)
    assert select(page, child_of_div) == [paragraph]
    section.append(paragraph)
    assert not matches(paragraph, child_of_div)
    assert matches(paragraph, child_of_section)
    assert select(page, child_of_div) == [] and select_one(page, child_of_div) is None
    assert select(page, child_of_section) == [paragraph]


def test_changed_attributes_are_seen_at_once() -> None:
    page = parse_page("<p id='p' class='a'>x</p>")
    paragraph, compiled = by_id(page, "p"), selector("p.a")
    assert matches(paragraph, compiled)
    paragraph.set("class", "b")
    assert not matches(paragraph, compiled) and select_one(page, compiled) is None


def test_a_removed_subtree_is_judged_on_its_own() -> None:
    page = parse_page("<div class='a'><section id='s'><p id='p'>x</p></section></div>")
    section, paragraph = by_id(page, "s"), by_id(page, "p")
    assert matches(paragraph, selector(".a p"))
    parent = section.getparent()
    assert parent is not None
    parent.remove(section)
    assert not matches(paragraph, selector(".a p"))
    assert matches(paragraph, selector("section > p"))


def test_search_covers_the_root_and_what_is_inside_it() -> None:
    page = parse_page("<div class='a' id='d'><p class='a' id='p'>x</p></div><p class='a'>y</p>")
    div = by_id(page, "d")
    assert tags(select(div, selector(".a"))) == ["div#d", "p#p"]
    assert select_one(div, selector("p")) is by_id(page, "p")
    # Combinators count ancestors from the root of the search down.
    assert tags(select(div, selector("div p"))) == ["p#p"]
    assert select(by_id(page, "p"), selector("div p")) == []
    assert matches(by_id(page, "p"), selector("div p"))  # where it stands in the page


def test_select_first_tries_the_selectors_best_first() -> None:
    page = parse_page("<p class='late'>a</p><h1 class='title'>b</h1><h1>c</h1>")
    found = select_first(page, selectors("h1.title", "p.late"))
    assert found is not None and found.text == "b"  # not the p, which comes first
    found = select_first(page, selectors("h2", ".late, h1"))
    assert found is not None and found.text == "a"  # first in document order of its group
    assert select_first(page, selectors("h2", "h3")) is None
    assert select_first(page, ()) is None


def test_names_are_matched_as_html_and_class_names_exactly() -> None:
    page = parse_page(
        "<div><span aria-hidden='true' id='a'>x</span><span ID=X class='Big  b\tc'>y</span>"
        "<p class='a\u00a0b'>z</p></div>"
    )
    assert tags(select(page, selector("SPAN[ARIA-HIDDEN=true]"))) == ["span#a"]
    assert tags(select(page, selector("#X"))) == ["span#X"]
    assert tags(select(page, selector(".b.c"))) == ["span#X"]  # tabs and runs of spaces split
    assert select(page, selector(".big")) == []  # class names keep their case
    assert select(page, selector(".a")) == []  # a no-break space is part of a name
    assert len(select(page, selector(".a\u00a0b"))) == 1


@pytest.mark.parametrize(
    "css",
    [
        "p.x, .x p, p",  # the simple alternative covers the chain
        ".comment-author .fn, .fn, cite, .comment-author",
        "h1.entry-title, article h1, h1",
        "li:first-child, ul li",
        "p + p, div > p.x",
        "[rel~=author], a[href^='/']",
        "[class~='x y'], .z",  # a value with white space matches nothing
        ":not(.x) > p",
    ],
)
def test_select_one_is_the_first_of_select(css: str) -> None:
    page = parse_page(
        "<article><h1>t</h1><ul><li class='fn'>a</li><li><p class='x'>b</p><p>c</p></li></ul>"
        "<div><p class='x'>d</p><cite>e</cite><a rel='me author' href='/x'>f</a></div>"
        "<span class='comment-author'><b class='fn'>g</b></span><p class='z'>h</p></article>"
    )
    compiled = selector(css)
    for root in page.iter():
        assert select_one(root, compiled) is next(iter(select(root, compiled)), None), root


PLUGIN_SELECTORS = [
    ".td-post-author-name, .tdb-author-name, .byline, .entry-author, .post-author, "
    ".author-name, [rel=author]",
    ".comment-author .fn, .fn, cite, .comment-author",
    "h1.entry-title, h1.tdb-title-text, h1.post-title, article h1, h1",
    ".td-post-date, .posted-on, .entry-date, .post-date, time[datetime]",
    "ol.comment-list, ul.comment-list, ol.commentlist, ul.commentlist",
    "header.article-header h1",
    ".date-simple span[aria-hidden=true]",
    "main#main-content-area",
    ".tdb_single_content .tdb-block-inner",
    ".article-heading-author-name a[rel~=author]",
    "div p a",
    "*",
]


def same_as_full_search(compiled: CSSSelector, page: Element) -> None:
    """``select_one`` and ``matches`` agree with a full search from the top."""
    elements = list(page.iter())
    everywhere = set(select(page, compiled))
    assert [matches(e, compiled) for e in elements] == [e in everywhere for e in elements]
    for root in elements[::7]:
        assert select_one(root, compiled) is next(iter(select(root, compiled)), None)


@pytest.mark.parametrize("page_path", FIXTURE_PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("css", PLUGIN_SELECTORS)
def test_fixture_pages(page_path: Path, css: str) -> None:
    same_as_full_search(selector(css), parse_page(page_path.read_text(encoding="utf-8")))


TAGS = ("div", "p", "span", "a", "h1")
CLASSES = ("a", "b", "fn", "a-b")


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    children = draw(st.lists(st.sampled_from(TAGS), max_size=0 if depth > 3 else 3))
    out = []
    for tag in children:
        classes = draw(st.lists(st.sampled_from(CLASSES), max_size=2))
        spaces = draw(st.sampled_from([" ", "  ", "\t", "\n "]))
        attrs = f" class='{spaces.join(classes)}'" if classes else ""
        if draw(st.booleans()):
            attrs += f" rel='{draw(st.sampled_from(['author', 'x author', 'x']))}'"
        out.append(f"<{tag}{attrs}>t{draw(markup(depth + 1))}</{tag}>")
    return "".join(out)


COMPOUND = st.builds(
    lambda tag, classes, extra: (tag + "".join(f".{c}" for c in classes) + extra) or "*",
    st.sampled_from(["", "*", *TAGS]),
    st.lists(st.sampled_from(CLASSES), max_size=2),
    st.sampled_from(["", "[rel]", "[rel=author]", "[rel~=author]", ":first-child", ":not(.a)"]),
)
COMBINED = st.lists(
    st.tuples(COMPOUND, st.sampled_from([" ", " > ", " + ", " ~ "])), min_size=1, max_size=3
).map(lambda parts: "".join(c + j for c, j in parts[:-1]) + parts[-1][0])
GROUP = st.lists(COMBINED, min_size=1, max_size=4).map(", ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GROUP, markup())
def test_random_selectors_on_random_pages(css: str, body: str) -> None:
    same_as_full_search(selector(css), parse_page(f"<html><body>{body}</body></html>"))


def test_deep_nesting_is_searched() -> None:
    """20,000 nested spans, flattened at ``MAX_DEPTH`` when parsed: every search
    finds the spans left, in document order."""
    page = parse_page(
        "<body><div class='a'>" + nested("<span>", "</span>", 20_000, "x") + "</div></body>"
    )
    spans = list(page.iter("span"))
    innermost = spans[-1]
    assert len(spans) == MAX_DEPTH - 3  # below html, body and the div
    with within_coarse_budget():
        assert select(page, selector(".a span")) == spans
        assert select_one(page, selector("div.b span, .a span")) is spans[0]
        assert matches(innermost, selector(".a span")) and matches(innermost, selector("span"))
