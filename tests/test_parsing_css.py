"""Tests of ``ingest_plugins.parsing.css``: the one-pass matcher finds what
cssselect's XPath finds, and selectors it does not handle still work."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest_plugins.parsing.css import Compound, Selector, XPathSelector
from ingest_plugins.parsing.html import Element, parse_page
from tests.call_counter import record_calls

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.rglob("*.html"))


def test_selector_searches_descendants_and_matches_itself() -> None:
    page = parse_page("<div class='a'><p class='a'>x</p><span><p class='a b'>y</p></span></div>")
    outer = Selector("div.a").first(page)
    assert outer is not None
    inner = Selector(".a")
    assert [el.tag for el in inner.all(outer)] == ["p", "p"]  # not the div itself
    assert inner.matches(outer) and not Selector("p").matches(outer)
    assert (
        Selector("span p.b").first(page) is not None and Selector("div > p.b").first(page) is None
    )
    assert Selector("h1, .b").all(page)[0].text == "y"


def test_selector_with_combinators_matches_the_element_itself() -> None:
    page = parse_page("<div><span><p id='in'>x</p></span><p id='out'>y</p></div>")
    inside, outside = Selector("#in").first(page), Selector("#out").first(page)
    span, div = Selector("span").first(page), Selector("div").first(page)
    assert inside is not None and outside is not None and span is not None and div is not None
    selector = Selector("span p, div > span")
    assert selector.matches(inside) and selector.matches(span)
    assert not selector.matches(outside) and not selector.matches(div)


@pytest.mark.parametrize("css", ["div > p", "p:first-child", "[class^=com]", "p + p", "div > p, p"])
def test_selectors_beyond_the_one_pass_matcher_use_xpath(css: str) -> None:
    page = parse_page("<div><p class='comment'>a</p><p>b</p></div><p>c</p>")
    selector = Selector(css)
    assert not selector._matcher and not selector._search_in_python
    expected = XPathSelector(css)
    assert selector.all(page) == expected.all(page)
    assert [selector.matches(e) for e in page.iter()] == [expected.matches(e) for e in page.iter()]


@pytest.mark.parametrize("css", [".a, .b", "h1.x", "#main", "[rel=author]", "time[datetime]"])
def test_simple_selectors_and_descendant_chains_use_the_matcher(css: str) -> None:
    assert Selector(css)._matcher and Selector(f"div {css}")._matcher


SEARCHED_IN_PYTHON = [".a, .b", ".a p", "p, .a", "h1, .b .c", "div p.x"]
SEARCHED_BY_XPATH = [".a", "h1", "p.b", "div .a", "[rel=author]", "div > p, p"]


@pytest.mark.parametrize(
    ("css", "in_python"),
    [(css, True) for css in SEARCHED_IN_PYTHON] + [(css, False) for css in SEARCHED_BY_XPATH],
)
def test_searches_walk_in_python_for_groups_and_tagged_subjects(css: str, in_python: bool) -> None:
    """Where it was measured faster; a single compound is one XPath walk."""
    assert Selector(css)._search_in_python is in_python


def test_class_names_split_on_xml_white_space_only() -> None:
    """As XPath's ``normalize-space``: a no-break space is part of a name."""
    page = parse_page("<p class='a\u00a0b'>x</p><p class='c\td'>y</p>")
    assert Selector(".a").all(page) == [] == XPathSelector(".a").all(page)
    assert [p.text for p in Selector(".a\u00a0b").all(page)] == ["x"]
    assert [p.text for p in Selector(".d").all(page)] == ["y"]


def test_nearest_ancestor_is_tried_first_in_a_chain() -> None:
    """``.a .b .c`` with ``.b`` twice, only the outer ``.b`` inside ``.a``."""
    page = parse_page(
        "<div class='b'><div class='a'><div class='b'><p class='c'>in</p></div></div>"
        "<p class='c'>out</p></div>"
    )
    assert [p.text for p in Selector(".a .b .c").all(page)] == ["in"]
    assert [p.text for p in Selector(".b .c").all(page)] == ["in", "out"]


def test_ancestors_count_only_inside_the_searched_element() -> None:
    page = parse_page("<div class='a'><section><p>x</p></section></div>")
    section = Selector("section").first(page)
    div = Selector("div.a").first(page)
    assert section is not None and div is not None
    assert Selector(".a p").all(section) == []  # .a is outside the search
    assert len(Selector(".a p").all(div.getparent())) == 1  # type: ignore[arg-type]
    assert Selector(".a p").matches(section[0])  # matches() looks at the whole page


ATTRIBUTE_PAGE = (
    "<div><span aria-hidden='true' id='a b'>x</span><span ID=X data-x=''>y</span>"
    "<p class='A'>z</p></div>"
)


ATTRIBUTE_SELECTORS = [
    '[aria-hidden="true"]',
    "[aria-hidden='true']",
    "[ARIA-HIDDEN=true]",
    '[id="a b"]',
    "#X",
    "[data-x]",
    '[data-x=""]',
    "SPAN",
    "DIV SPAN",
    ".A",
    ".a",
]


@pytest.mark.parametrize("css", ATTRIBUTE_SELECTORS)
def test_quoted_values_and_upper_case_names_as_xpath(css: str) -> None:
    """Values are compared exactly; tag and attribute names are lowercase."""
    page = parse_page(ATTRIBUTE_PAGE)
    assert Selector(css)._matcher
    _same_as_xpath(css, page)


def _same_as_xpath(css: str, page: Element) -> None:
    selector, expected = Selector(css), XPathSelector(css)
    elements = list(page.iter(tag=None))
    for root in [page, *elements[::7]]:
        assert selector.all(root) == expected.all(root), (css, root)
        assert selector.first(root) is next(iter(expected.all(root)), None)
        assert list(selector.iter(root)) == selector.all(root)
    assert [selector.matches(e) for e in elements] == [expected.matches(e) for e in elements]


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
    "div p a",
    "*",
]


@pytest.mark.parametrize("page_path", FIXTURE_PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("css", PLUGIN_SELECTORS)
def test_fixture_pages_give_what_xpath_gives(page_path: Path, css: str) -> None:
    _same_as_xpath(css, parse_page(page_path.read_text(encoding="utf-8")))


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
            attrs += f" rel='{draw(st.sampled_from(['author', 'x']))}'"
        if draw(st.booleans()):
            attrs += " id='m'"
        out.append(f"<{tag}{attrs}>t{draw(markup(depth + 1))}</{tag}>")
    return "".join(out)


COMPOUND = st.builds(
    lambda tag, classes, attr: tag + "".join(f".{c}" for c in classes) + attr,
    st.sampled_from(["", "*", *TAGS]),
    st.lists(st.sampled_from(CLASSES), max_size=2),
    st.sampled_from(["", "[rel]", "[rel=author]", "#m", "[id=m]"]),
).map(lambda css: css or "*")
CSS = st.lists(
    st.lists(COMPOUND, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3
).map(", ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CSS, markup())
def test_random_selectors_on_random_pages_give_what_xpath_gives(css: str, body: str) -> None:
    _same_as_xpath(css, parse_page(f"<html><body>{body}</body></html>"))


def test_deep_nesting_looks_at_each_ancestor_once_per_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the memo, every span would walk up through all the spans
    above it: 2,000 nested spans cost 2 million tests (20,000 took 28 s)."""
    depth = 2000
    page = parse_page("<body><div>" + "<span>" * depth + "x" + "</span>" * depth + "</div></body>")
    tests = record_calls(monkeypatch, Compound, "matches")
    assert Selector("div.a span").all(page) == []
    assert len(Selector("div span, p").all(page)) == depth
    assert len(tests) < 10 * depth


def test_iter_tests_no_element_after_the_one_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    page = parse_page("<body>" + "<p class='x'>a</p>" * 500 + "<p class='hit'>b</p></body>")
    selector = Selector(".hit, p.none")
    assert selector._search_in_python
    tests = record_calls(monkeypatch, selector, "_test")
    found = selector.iter(page)
    assert next(found).get("class") == "hit"
    assert len(tests) == 502  # body, the 500 paragraphs, then the hit
    assert next(found, None) is None
    first = record_calls(monkeypatch, selector, "_test")
    assert selector.first(parse_page("<body><p class='hit'>b</p><p>c</p></body>")) is not None
    assert len(first) == 2  # body, then the hit: the paragraph after it is never tested
