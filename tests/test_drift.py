"""Drift warnings: what a layout change looks like in a parsed article."""

from __future__ import annotations

from ingest_plugins import Article, EncodingReport, SourceText
from ingest_plugins.drift import PageFacts, extraction_warnings, page_facts

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


def test_text_copies_have_no_page_facts() -> None:
    assert page_facts(SourceText("a.txt", "x", EncodingReport("utf-8"), is_html=False)) is None


def test_deeply_nested_links_are_read_quickly() -> None:
    markup = "<html><body>" + "<div><a href='/x'>deep link text here " * 20_000 + "</body></html>"
    found = page_facts(SourceText("p.html", markup, EncodingReport("utf-8"), is_html=True))
    assert found is not None and found.link_texts


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
