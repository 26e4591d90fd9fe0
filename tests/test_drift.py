"""Drift warnings: what a layout change looks like in a parsed article."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ingest_plugins import Article, EncodingReport, InputError, SourceText
from ingest_plugins.drift import PageFacts, extraction_warnings, page_facts
from tests.deep_pages import within_coarse_budget

GOOD = Article(
    title={"en": "Talks resume"},
    body={"en": "First paragraph of the story.\n\nSecond paragraph of the story."},
    published="2024-05-01",
)
LINK = "Oil prices climb as talks stall in the capital"


def facts(prose: int = 200, links: frozenset[str] = frozenset()) -> PageFacts:
    return PageFacts(prose, links)


def test_a_good_article_has_no_warnings() -> None:
    assert extraction_warnings(GOOD, facts()) == ()
    assert extraction_warnings(GOOD, None) == ()


def test_missing_title_and_date() -> None:
    article = Article(body={"en": "Text."})
    assert extraction_warnings(article, None) == ("no title", "no date")


def test_title_repeated_as_a_body_paragraph() -> None:
    article = Article(
        title={"en": "Talks resume"}, body={"en": "Talks  resume\n\nText."}, published="2024"
    )
    assert "title repeated as a body paragraph" in extraction_warnings(article, None)


def test_body_far_shorter_than_the_page() -> None:
    found = extraction_warnings(GOOD, facts(prose=10_000))
    assert found == ("body far shorter than the page's text (1%)",)


def test_a_short_item_on_a_short_page_is_fine() -> None:
    assert extraction_warnings(GOOD, facts(prose=300)) == ()


def test_link_dense_body() -> None:
    article = Article(
        title={"en": "T"}, body={"en": f"{LINK}\n\nOne short line."}, published="2024-05-01"
    )
    found = extraction_warnings(article, facts(links=frozenset({LINK.casefold()})))
    assert found == ("link-dense body (75% of it is link text)",)


def test_page_facts_count_prose_outside_links_and_long_link_texts() -> None:
    markup = (
        "<html><head><title>x</title></head><body><script>var a = 1;</script>"
        f"<p>Visible  words</p><a href='/1'>{LINK}</a><a href='/2'>Short</a></body></html>"
    )
    found = page_facts(SourceText("p.html", markup, EncodingReport("utf-8"), is_html=True))
    assert found == PageFacts(len("Visible words"), frozenset({LINK.casefold()}))


def test_page_facts_leave_out_styles_noscript_and_templates() -> None:
    markup = (
        "<html><body><style>p { color: red }</style><p>Seen</p>"
        "<noscript><p>Turn on scripts</p></noscript><template><p>Card</p></template>"
        "</body></html>"
    )
    found = page_facts(SourceText("p.html", markup, EncodingReport("utf-8"), is_html=True))
    assert found is not None and found.prose_chars == len("Seen")


_NOT_PROSE = {"a", "script", "style", "noscript", "template"}
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _prose_by_walking(root: etree._Element) -> int:
    """``PageFacts.prose_chars`` by its definition, one node at a time."""
    body = root.find("body")
    top = root if body is None else body
    pieces: list[str] = []
    skipped = 0  # how many elements left out are open around the walk
    for event, node in etree.iterwalk(top, events=("start", "end")):
        if event == "start":
            skipped += node.tag in _NOT_PROSE or skipped > 0
            if not skipped and node.text:
                pieces.append(node.text)
        else:
            skipped -= skipped > 0
            if not skipped and node is not top and node.tail:
                pieces.append(node.tail)
    return len(_XML_SPACE.sub(" ", "".join(pieces)).strip(" \t\r\n"))


_MARKUP = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<a href='/x'>", "</a>", "<span>", "</span>", "<script>", "</script>",
         "<div>", "</div>", "<noscript>", "<style>", "<br>", "<!-- note -->", "word", "two words",
         " ", "\n", "\t", "\u00a0", "Übersee", "&amp;"]
    ),
    max_size=40,
)  # fmt: skip


@given(parts=_MARKUP, head=st.booleans())
def test_page_prose_is_the_text_outside_links_scripts_and_styles(
    parts: list[str], head: bool
) -> None:
    markup = ("<html><head><title>x</title></head><body>" if head else "") + "".join(parts)
    source = SourceText("p.html", markup or "x", EncodingReport("utf-8"), is_html=True)
    try:
        root = source.tree
    except InputError:  # no markup to build on
        return
    found = page_facts(source)
    assert found is not None and found.prose_chars == _prose_by_walking(root)


def test_text_copies_have_no_page_facts() -> None:
    assert page_facts(SourceText("a.txt", "x", EncodingReport("utf-8"), is_html=False)) is None


def test_deeply_nested_links_are_read_quickly() -> None:
    markup = "<html><body>" + "<div><a href='/x'>deep link text here " * 20_000 + "</body></html>"
    found = page_facts(SourceText("p.html", markup, EncodingReport("utf-8"), is_html=True))
    assert found is not None and found.link_texts


def test_a_page_of_many_links_is_read_in_linear_time() -> None:
    """200,000 links among 200,000 paragraphs (about 6 MB): comparing every text
    with every link text, as a set difference does, would take minutes."""
    paragraphs = "<p>w <a href='/x'>l</a> w</p>\n" * 200_000
    source = page(paragraphs)
    assert len(source.tree) == 1  # (the parse is not what is timed)
    with within_coarse_budget():
        found = page_facts(source)
    assert found is not None and found.prose_chars == len(" ".join(["w w"] * 200_000))


def page(body: str) -> SourceText:
    return SourceText("p.html", f"<html><body>{body}</body></html>", EncodingReport("utf-8"), True)


def test_a_short_report_on_a_page_of_menus_is_fine() -> None:
    """Menus and teaser lists are links: they are not the prose a body is measured against."""
    menus = "".join(
        f"<li><a href='/s/{n}'>Section number {n} of the site</a></li>" for n in range(300)
    )
    found = page_facts(page(f"<ul>{menus}</ul><p>{GOOD.body['en']}</p>"))
    assert extraction_warnings(GOOD, found) == ()


def test_a_body_missing_most_of_the_prose_is_still_suspect() -> None:
    prose = "<p>A paragraph of the story the parser did not read, long enough.</p>" * 100
    found = page_facts(page(f"<p>{GOOD.body['en']}</p>{prose}"))
    assert extraction_warnings(GOOD, found) == ("body far shorter than the page's text (1%)",)
