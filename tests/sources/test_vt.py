"""Tests of the ``vt`` source plugin: text copies, saved pages and claiming.

The golden files are the reviewed spec of what the parser extracts: each
saved page ``tests/fixtures/vt/VT_<YYYY-MM-DD>.html`` has its golden
``.json`` next to it (found by ``ingest_plugins.testing.find_fixtures``,
not listed here), the seed's is ``tests/golden/vt/``. They are compared
through the host pipeline with ``ingest_plugins.testing``; ``pytest
--update-goldens`` rewrites them. The text variants are made at test time
from the seed so they stay in step with it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest_plugins import Article, EncodingReport, InputError, SourceText
from ingest_plugins.parsing.dates import parse_date as parse_date_line
from ingest_plugins.parsing.html import MAX_DEPTH, parse_page
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import Host
from ingest_plugins.sources import aljazeera, vt
from ingest_plugins.sources.vt import html as vt_html
from ingest_plugins.sources.vt import metadata as vt_metadata
from ingest_plugins.sources.vt import site as vt_site
from ingest_plugins.sources.vt.site import parse_byline, text_has_vt_markers
from ingest_plugins.testing import Fixture, assert_golden, check_fixture, find_fixtures
from ingest_plugins.testing import parse_fixture as parse_through_host
from tests.deep_pages import FLATTENED, nested, within_coarse_budget

TESTS = Path(__file__).resolve().parent.parent
SEEDS = TESTS.parent / "seeds"
FIXTURES = TESTS / "fixtures" / "vt"
GOLDEN = TESTS / "golden" / "vt"
"""The seed's golden (``seeds/`` keeps its own file names)."""
SEED = "000_69b621c95946143e"
ALJAZEERA_SEED = "002_cb5603a3dcd24ba0"
PLUGINS = (vt, aljazeera)
"""Every built-in plugin: a fixture must be claimed by its own source only."""
PAGES = find_fixtures(FIXTURES)
HTML_FIXTURES = tuple(page.path.stem for page in PAGES if page.path.suffix == ".html")
TAGDIV_PAGE = "VT_2019-03-14"  # the older tagDiv theme markup
WP_PAGE = "VT_2024-05-20"  # the current WordPress block theme markup

# A comment marker at the start of a seed line: "  1. ", "    • ", "      ◦ ".
MARKER = re.compile(r"^\s*(?:\d+\.|[•◦▪])\s+")


def decoded(raw: str) -> str:
    """What the host's decoder hands the plugins: ``\\n`` line ends, NBSP as space."""
    return raw.replace("\r\n", "\n").replace("\u00a0", " ")


def seed_text(name: str = SEED) -> str:
    """The decoded text of a seed file."""
    return decoded((SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def fixture_html(name: str) -> str:
    """The text of an HTML fixture."""
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8")


def make_source(text: str, is_html: bool = False, path: str = "input.txt") -> SourceText:
    """A ``SourceText`` as the host would build it."""
    return SourceText(path=path, text=text, encoding=EncodingReport("utf-8"), is_html=is_html)


def parse_page_text(html: str) -> Article:
    """A saved page's ``Article``, through the HTML parser."""
    return vt.parse_html(make_source(html, is_html=True))


def dump(article: Article) -> str:
    """The golden-file form of an article."""
    return json.dumps(dataclasses.asdict(article), ensure_ascii=False, indent=2, sort_keys=True)


@pytest.fixture(scope="module")
def seed_article() -> Article:
    """The seed parsed through the hook, as the host does it."""
    article = vt.parse(make_source(seed_text()))
    assert article is not None
    return article


# ---------------------------------------------------------------------------
# The seed (a text copy)
# ---------------------------------------------------------------------------


def test_seed_matches_golden() -> None:
    record = parse_through_host(SEEDS / f"{SEED}.txt", PLUGINS)
    assert_golden(record, GOLDEN / f"{SEED}.json")


def test_seed_metadata(seed_article: Article) -> None:
    assert seed_article.source == vt.NAME
    assert seed_article.authors == ("Dave Decamp",)
    assert seed_article.title == {}  # the copy has no title: none is invented
    assert seed_article.summary == {}
    assert seed_article.published is None
    assert seed_article.url is None


def test_seed_comment_tree(seed_article: Article) -> None:
    comments = seed_article.comments
    assert [c.id for c in comments] == ["c1", "c2", "c3", "c4", "c5"]
    assert [c.depth for c in comments] == [1, 0, 1, 1, 1]
    assert [c.parent for c in comments] == [None, None, "c2", "c2", "c2"]
    assert comments[0].text.startswith("Belarus scary enough")  # the orphan reply
    assert all(c.lang == "en" for c in comments)


def test_seed_comment_text(seed_article: Article) -> None:
    by_id = {c.id: c for c in seed_article.comments}
    # A multi-paragraph comment stays one comment; its paragraphs are kept apart.
    assert by_id["c2"].text.startswith("When are Americans going to get it")
    assert by_id["c2"].text.endswith(
        "retaliate in kind.\n\nOn the bright side, nuclear winter will be a great fix "
        "for global warming."
    )
    # Continuation lines of one paragraph are joined with "\n".
    assert by_id["c5"].text.count("\n") == 2
    assert "\n\n" not in by_id["c5"].text
    assert by_id["c1"].text.endswith("thrown in river.")
    for comment in seed_article.comments:
        assert not MARKER.match(comment.text), "the marker is stripped"
        assert "  " not in comment.text


def test_seed_disclaimers(seed_article: Article) -> None:
    first, second = seed_article.disclaimers
    assert first.startswith("We See The World From All Sides and Want YOU To Be Fully Informed\n")
    assert first.endswith("before forming an educated opinion.")
    assert second.startswith("About VT - Policies & Disclosures - Comment Policy\n")
    assert second.endswith("the full responsibility of the article author and NOT VT.")


def test_seed_body_holds_only_the_article(seed_article: Article) -> None:
    body = seed_article.body["en"]
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("Russian President Vladimir Putin said Friday")
    assert paragraphs[-1].endswith("capable of carrying nuclear weapons.")
    assert "have sped up" in paragraphs[0]  # the NBSP-turned double space is collapsed
    for comment in seed_article.comments:
        assert comment.text[:60] not in body
    for disclaimer in seed_article.disclaimers:
        for line in disclaimer.split("\n"):
            assert line not in body
    assert "Comments are closed" not in body
    assert "By Dave Decamp" not in body
    assert seed_article.boilerplate == ("Comments are closed.",)


def _named_parts(article: Article) -> dict[str, list[str]]:
    """Every named text part of an article, by name."""
    return {
        "title": list(article.title.values()),
        "summary": list(article.summary.values()),
        "body": list(article.body.values()),
        "disclaimers": list(article.disclaimers),
        "comments": [c.text for c in article.comments],
        "boilerplate": list(article.boilerplate),
    }


def _is_extracted_metadata(line: str, article: Article) -> bool:
    """True when ``line`` is a byline or date line whose value the article holds."""
    authors = parse_byline(line)
    if authors and set(authors) <= set(article.authors):
        return True
    date = parse_date_line(line)
    return date is not None and date == article.published


def _unaccounted(text: str, article: Article) -> list[tuple[str, list[str]]]:
    """Lines of ``text`` not found in exactly one named part (nor as metadata)."""
    problems = []
    parts = _named_parts(article)
    for raw in text.split("\n"):
        line = " ".join(MARKER.sub("", raw).split())
        if not line:
            continue
        found = [name for name, texts in parts.items() for t in texts if line in t]
        metadata = _is_extracted_metadata(line, article)
        if not ((len(found) == 1 and not metadata) or (metadata and not found)):
            problems.append((line, found))
    return problems


def test_seed_line_accounting(seed_article: Article) -> None:
    text = seed_text()
    assert len([ln for ln in text.split("\n") if ln.strip()]) == 22
    assert _unaccounted(text, seed_article) == []


# ---------------------------------------------------------------------------
# Variants of the seed
# ---------------------------------------------------------------------------


def _seed_lines() -> list[str]:
    return seed_text().split("\n")


def _comment_region() -> tuple[int, int]:
    """Line indices of the seed's first comment line and of ``Comments are closed.``."""
    lines = _seed_lines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("    • Belarus"))
    end = lines.index("Comments are closed.")
    return start, end


def _parse(text: str) -> Article:
    return vt.parse_text(text)


def test_variant_without_comments(seed_article: Article) -> None:
    lines = _seed_lines()
    start, end = _comment_region()
    text = "\n".join(lines[:start] + lines[end:])
    article = _parse(text)
    assert article.comments == ()
    assert article.body == seed_article.body
    assert article.disclaimers == seed_article.disclaimers
    assert article.boilerplate == ("Comments are closed.",)
    assert _unaccounted(text, article) == []


def test_variant_only_numbered_comments(seed_article: Article) -> None:
    number = 0

    def renumber(match: re.Match[str]) -> str:
        nonlocal number
        number += 1
        return f"  {number}. "

    text = re.sub(r"(?m)^(?: {4}• | {2}\d+\. )", renumber, seed_text())
    assert number == 5
    article = _parse(text)
    assert [c.depth for c in article.comments] == [0] * 5
    assert [c.parent for c in article.comments] == [None] * 5
    assert [c.text for c in article.comments] == [c.text for c in seed_article.comments]
    assert article.body == seed_article.body


@pytest.mark.parametrize(
    "reply_line",
    [
        "      ◦ Not for long: the budget hawks are circling.",  # deeper glyph and indentation
        "    ◦ Not for long: the budget hawks are circling.",  # deeper glyph only
        "        • Not for long: the budget hawks are circling.",  # deeper indentation only
    ],
)
def test_variant_deeper_reply(reply_line: str) -> None:
    lines = _seed_lines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("    • Have the biggest")) + 1
    text = "\n".join([*lines[:at], "", reply_line, *lines[at:]])
    article = _parse(text)
    assert [c.depth for c in article.comments] == [1, 0, 1, 2, 1, 1]
    assert [c.parent for c in article.comments] == [None, None, "c2", "c3", "c2", "c2"]
    assert article.comments[3].text == "Not for long: the budget hawks are circling."


def test_variant_depth_two_reply_without_its_parent() -> None:
    """A ◦ reply right under a numbered comment has no depth-1 parent: it is an orphan."""
    lines = _seed_lines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("    On the bright side")) + 1
    text = "\n".join([*lines[:at], "", "      ◦ A reply to a reply we cannot see.", *lines[at:]])
    article = _parse(text)
    orphan = article.comments[2]
    assert (orphan.depth, orphan.parent) == (2, None)
    assert article.comments[3].parent == "c2"


def test_variant_title_and_date(seed_article: Article) -> None:
    title = "Putin Says Western Sanctions Speed Up Russia-Belarus Union"
    text = f"{title}\n\nBy Dave Decamp\nJuly 2, 2022\n" + seed_text().split("\n", 1)[1]
    article = _parse(text)
    assert article.title == {"en": title}
    assert article.published == "2022-07-02"
    assert article.authors == ("Dave Decamp",)
    assert article.body == seed_article.body
    assert article.comments == seed_article.comments
    assert _unaccounted(text, article) == []


def test_variant_date_line_without_title(seed_article: Article) -> None:
    text = "Saturday, July 2, 2022\n" + seed_text()
    article = _parse(text)
    assert article.published == "2022-07-02"
    assert article.title == {}
    assert article.body == seed_article.body


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Dave Decamp, Senior Editor", ("Dave Decamp",)),
        ("By Gordon Duff, Senior Editor", ("Gordon Duff",)),
        ("By Dave Decamp and Jane Roe", ("Dave Decamp", "Jane Roe")),
        ("by Dave Decamp & Jane Roe, Contributing Writers", ("Dave Decamp", "Jane Roe")),
        ("By Dave Decamp | Antiwar.com", ("Dave Decamp",)),
        # the form of a real VT article (2017), a piece written for another outlet
        (
            "By Gordon Duff and Gene Khrushchev for New Eastern Outlook",
            ("Gordon Duff", "Gene Khrushchev"),
        ),
    ],
)
def test_variant_byline(byline: str, authors: tuple[str, ...], seed_article: Article) -> None:
    text = byline + "\n" + seed_text().split("\n", 1)[1]
    article = _parse(text)
    assert article.authors == authors
    assert article.body == seed_article.body
    assert _unaccounted(text, article) == []


def test_sentence_starting_with_by_is_no_byline() -> None:
    assert parse_byline("By the end of the week the treaty was signed.") == ()
    assert parse_byline("By 2030, Russia and Belarus") == ()


def test_variant_disclaimer_heading_apart_from_its_paragraph(seed_article: Article) -> None:
    text = (
        seed_text()
        .replace("Fully Informed\nIn fact", "Fully Informed\n\nIn fact")
        .replace("Comment Policy\nDue to", "Comment Policy\n\nDue to")
    )
    article = _parse(text)
    assert article.disclaimers == seed_article.disclaimers
    assert article.body == seed_article.body


def test_variant_reworded_disclaimers(seed_article: Article) -> None:
    text = (
        seed_text()
        .replace(
            "We See The World From All Sides and Want YOU To Be Fully Informed",
            "We see the world from ALL sides, and want you to be fully informed!",
        )
        .replace(
            "About VT - Policies & Disclosures - Comment Policy",
            "About VT: Policies and Disclosures",
        )
    )
    article = _parse(text)
    assert len(article.disclaimers) == 2
    assert article.disclaimers[0].startswith("We see the world from ALL sides")
    assert article.body == seed_article.body


def test_variant_chrome_between_disclaimers_and_comments(seed_article: Article) -> None:
    start, _ = _comment_region()
    lines = _seed_lines()
    text = "\n".join([*lines[:start], "5 COMMENTS", "", "Leave a Reply", "", *lines[start:]])
    article = _parse(text)
    assert article.boilerplate == ("5 COMMENTS", "Leave a Reply", "Comments are closed.")
    assert article.comments == seed_article.comments
    assert article.body == seed_article.body


def test_text_without_body_is_an_input_error() -> None:
    lines = _seed_lines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("We See The World"))
    disclaimers_only = "\n".join(lines[start : start + 5])
    assert disclaimers_only.endswith("article author and NOT VT.")
    with pytest.raises(InputError, match="no article body"):
        vt.parse_text(disclaimers_only)
    with pytest.raises(InputError, match="no article body"):
        vt.parse(make_source("", path="empty.txt"))


# ---------------------------------------------------------------------------
# Saved pages (HTML fixtures)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", PAGES, ids=str)
def test_fixture_matches_golden(fixture: Fixture) -> None:
    check_fixture(fixture, PLUGINS)


def test_fixtures_are_found() -> None:
    assert {TAGDIV_PAGE, WP_PAGE} <= set(HTML_FIXTURES)
    assert all(page.site == "VT" and page.golden.is_file() for page in PAGES)


@pytest.mark.parametrize("name", HTML_FIXTURES)
def test_html_keeps_markup_and_scripts_out(name: str) -> None:
    text = dump(parse_page_text(fixture_html(name)))
    for leak in ("<", "adsbygoogle", "td_ajax_url", "--wp--preset", "youtube", "tracking pixel"):
        assert leak not in text
    assert "Watch the council meeting" not in text  # iframe fallback text
    assert "Your email address" not in text  # the comment form


@pytest.mark.parametrize("name", HTML_FIXTURES)
def test_html_separates_body_comments_and_chrome(name: str) -> None:
    article = parse_page_text(fixture_html(name))
    body = article.body["en"]
    assert len(article.disclaimers) == 2
    assert article.disclaimers[0].startswith("We See The World From")
    assert "\nIn fact, intentional disinformation" in article.disclaimers[0]
    assert "non-VT sources" not in body
    assert "Advertisement" not in body
    assert any("Advertisement" in b for b in article.boilerplate)
    for comment in article.comments:
        assert comment.text and comment.text not in body
        assert comment.author and comment.published
    for chrome in ("Facebook", "Telegram", "Share this:", "RELATED ARTICLES", "Related"):
        assert chrome not in body.split("\n")


def _parse_unskimmed(html: str, monkeypatch: pytest.MonkeyPatch) -> Article:
    """``parse_html`` with every site subtree walked (no ``_SiteSkim`` shortcut)."""
    with monkeypatch.context() as patch:
        patch.setattr(vt_html._SiteSkim, "zone_of", lambda self, tag, zone: zone)
        return parse_page_text(html)


@pytest.mark.parametrize("name", HTML_FIXTURES)
def test_html_site_skim_changes_nothing(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    html = fixture_html(name)
    assert parse_page_text(html) == _parse_unskimmed(html, monkeypatch)


_SIDEBAR_HEADING = "We See The World From ALL Sides and Want YOU To Be Fully Informed"
_SIDEBAR_PARAGRAPH = (
    "In fact, intentional disinformation is a disgraceful scourge in media today. "
    "Please seek corroboration from other non-VT sources before forming an educated opinion."
)


def _sidebar_page(between: str) -> str:
    return (
        "<html><head><title>x</title></head><body><div class='sidebar'>"
        f"<h4>{_SIDEBAR_HEADING}</h4>{between}<p>{_SIDEBAR_PARAGRAPH}</p></div>"
        "<article><h1 class='entry-title'>T</h1>"
        "<div class='entry-content'><p>Body text here.</p></div></article></body></html>"
    )


@pytest.mark.parametrize(
    ("between", "disclaimers"),
    [
        # A skimmed navigation block still stands between heading and paragraph.
        (
            "<nav><ul><li>Home</li><li>Sports</li></ul></nav>",
            (_SIDEBAR_HEADING, _SIDEBAR_PARAGRAPH),
        ),
        # An element without text is no block: the two are read together.
        ("<div><span></span></div>", (f"{_SIDEBAR_HEADING}\n{_SIDEBAR_PARAGRAPH}",)),
        ("", (f"{_SIDEBAR_HEADING}\n{_SIDEBAR_PARAGRAPH}",)),
    ],
)
def test_html_site_skim_keeps_disclaimer_neighbours(
    between: str, disclaimers: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _sidebar_page(between)
    article = parse_page_text(page)
    assert article.disclaimers == disclaimers
    assert article == _parse_unskimmed(page, monkeypatch)
    assert article.body == {"en": "Body text here."}


@pytest.mark.parametrize(
    "site_text",
    [
        "Iran talks stall\n12 Comments",  # a teaser card's comment count
        "Home Politics Comments Contact About Us",  # a menu
        "VT Radio \u00b7 Policies \u00b7 All sides of the world",  # probe words, no phrase
    ],
)
def test_site_text_without_a_disclaimer_phrase_is_skimmed(site_text: str) -> None:
    assert not vt_site.may_hold_disclaimer(site_text)


@pytest.mark.parametrize(
    "site_text",
    ["Comment Policy", "see the world\n  from ALL sides", "About\u200b VT", "Views of VT & others"],
)
def test_site_text_with_a_disclaimer_phrase_is_walked(site_text: str) -> None:
    assert vt_site.may_hold_disclaimer(site_text)


_PHRASE_BITS = st.sampled_from(
    [
        *(w for p in vt_site._DISCLAIMER_PHRASES for w in p.split()),
        " ", "\n", "\t", "  ", "&", "\u2019", "\u200b", "VT", "Comments", "x",
    ]
)  # fmt: skip


@settings(max_examples=300)
@given(
    parts=st.lists(st.one_of(_PHRASE_BITS, st.text(max_size=5)), max_size=40),
    cut=st.tuples(st.integers(0, 400), st.integers(0, 400)),
    upper=st.booleans(),
)
def test_no_piece_of_a_skimmed_text_is_a_disclaimer_or_heading(
    parts: list[str], cut: tuple[int, int], upper: bool
) -> None:
    """A text ``may_hold_disclaimer`` rules out has no piece with a phrase: the
    skim never hides a disclaimer, a disclaimer heading or part of either."""
    text = " ".join(parts).upper() if upper else "".join(parts)
    if vt_site.may_hold_disclaimer(text):
        return
    piece = text[min(cut) : max(cut)]
    assert vt_site._disclaimer_hits(piece) == (0, 0)
    assert all(vt_site._disclaimer_hits(line) == (0, 0) for line in piece.split("\n"))


def _comment(number: int, text: str) -> str:
    return (
        f"<li class='comment' id='comment-{number}'><div class='comment-body'>"
        "<div class='comment-author vcard'><b class='fn'>Joe</b></div>"
        "<div class='comment-metadata'><time datetime='2024-05-20T10:00:00'>May 20</time></div>"
        f"<p>{text}</p></div></li>"
    )


def test_html_a_comment_shown_twice_is_one_comment_of_a_whole_document() -> None:
    """A page repeating a comment (a "top comments" box, then the thread) is no
    bad Article: the repeat is left out, and the document keeps its body."""
    page = (
        "<html><head><title>x</title>"
        '<link rel="canonical" href="https://www.veteranstoday.com/2024/05/20/x/">'
        "</head><body><article><h1 class='entry-title'>T</h1>"
        "<div class='entry-content'><p>Body text here.</p></div></article>"
        f"<ol class='comment-list'>{_comment(9, 'Top comment.')}</ol>"
        f"<ol class='comment-list'>{_comment(8, 'First.')}{_comment(9, 'Top comment.')}</ol>"
        "</body></html>"
    )
    host = Host()
    host.register(vt, vt.NAME)
    article = Pipeline(host).parse_bytes(page.encode(), "in/repeat.html").article
    assert article.body == {"en": "Body text here."}
    assert [(c.id, c.text) for c in article.comments] == [("9", "Top comment."), ("8", "First.")]


def test_html_deep_site_nesting_is_flattened_and_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 nested site divs around a probe word: flattened where the page is
    parsed, then read like any page, skimmed or not."""
    site = nested("<div>", "</div>", 20_000, "VT comment policy")
    page = (
        f"<html><head><title>x</title></head><body>{site}"
        "<article><h1 class='entry-title'>T</h1>"
        "<div class='entry-content'><p>Body text here.</p></div></article></body></html>"
    )
    source = make_source(page, is_html=True)
    with within_coarse_budget():
        article = vt.parse_html(source)
    assert article.body == {"en": "Body text here."}
    assert source.parse_warnings[0].startswith(FLATTENED)
    assert article == _parse_unskimmed(page, monkeypatch)


def test_html_deep_page_through_the_host_is_a_document_that_says_so() -> None:
    body = nested("<div>", "</div>", 20_000, "<p>Body text here.</p>")
    page = (
        "<html><head><title>x</title>"
        '<link rel="canonical" href="https://www.veteranstoday.com/2024/05/20/deep/">'
        "</head><body><article><h1 class='entry-title'>Deep</h1>"
        f"<div class='entry-content'>{body}</div></article></body></html>"
    )
    host = Host()
    host.register(vt, vt.NAME)
    with within_coarse_budget():
        document = Pipeline(host).parse_bytes(page.encode(), "in/deep.html")
    assert document.article.body == {"en": "Body text here."}
    assert document.warnings[0].startswith(FLATTENED)


def test_html_nested_content_candidates_give_the_outermost() -> None:
    inner = nested("<div class='td-post-content'>", "</div>", 100, "<p>Body text here.</p>")
    page = (
        "<html><head><title>x</title></head><body><article><h1 class='entry-title'>T</h1>"
        f"{inner}</article></body></html>"
    )
    content = vt_metadata.find_content(parse_page(page))
    assert content.getparent().tag == "article"  # type: ignore[union-attr]
    assert parse_page_text(page).body == {"en": "Body text here."}


def test_html_date_after_thousands_of_nested_dates_in_the_content() -> None:
    """The first date outside the content is the page's, however many are inside it."""
    dates = nested("<time datetime='2020-01-01'>", "</time>", 3000, "x")
    page = (
        "<html><head><title>x</title></head><body><article><h1 class='entry-title'>T</h1>"
        f"<div class='td-post-content'><p>Body text here.</p>{dates}</div>"
        "<time datetime='2024-03-05T10:00:00Z'>5 March 2024</time></article></body></html>"
    )
    with within_coarse_budget():
        article = parse_page_text(page)
    assert article.published == "2024-03-05T10:00:00Z"


def test_html_tagdiv_page() -> None:
    article = parse_page_text(fixture_html(TAGDIV_PAGE))
    assert article.title == {"en": "Town Council Approves Veterans Clinic in Former Post Office"}
    assert article.authors == ("Jane Holloway",)
    assert article.published == "2019-03-14T09:30:00+00:00"
    assert article.url == (
        "https://www.veteranstoday.com/2019/03/14/town-council-approves-veterans-clinic/"
    )
    assert article.summary == {}  # og:description only repeats the first paragraph
    comments = article.comments
    assert [c.id for c in comments] == ["98001", "98002", "98004", "98003"]
    assert [c.depth for c in comments] == [0, 1, 2, 0]
    assert [c.parent for c in comments] == [None, "98001", "98002", None]
    assert comments[0].text == (
        "About time. My father drove ninety minutes each way for his appointments "
        "until he was 84.\n\nGood work by the council."
    )
    assert comments[3].text.endswith("too?\nAsking for my neighbour.")
    assert "Pingback: Rural clinics roundup – Example Blog" in article.boilerplate
    assert article.boilerplate[-1] == "Comments are closed."
    assert "Opening hours will be:\nMonday to Friday, 8 a.m. to 5 p.m." in article.body["en"]


def test_html_current_page() -> None:
    article = parse_page_text(fixture_html(WP_PAGE))
    assert article.title == {"en": "Drone Makers Court Pentagon as Budget Talks Resume"}
    assert article.summary == {
        "en": "Smaller firms say procurement rules still favour the largest contractors."
    }
    assert article.authors == ("Alex Rivera", "Sam Okafor")  # one of them by JSON-LD @id
    assert article.published == "2024-05-20T14:05:00-04:00"
    comments = article.comments
    assert [c.id for c in comments] == ["5501", "5502", "5503", "5504", "5505"]
    assert [c.depth for c in comments] == [1, 0, 1, 2, 1]
    assert [c.parent for c in comments] == [None, None, "5502", "5503", "5502"]
    assert [c.author for c in comments] == [
        "Hal",
        "Nadia K.",
        "Alex Rivera",
        "Nadia K.",
        "Old Sarge",
    ]
    assert "Sidebar" not in dump(article) and "Recent Posts" not in dump(article)


def test_html_without_content_is_an_input_error() -> None:
    page = "<html><head><title>x</title></head><body><p>hello</p></body></html>"
    with pytest.raises(InputError):
        parse_page_text("<html><head></head><body></body></html>")
    with pytest.raises(InputError):
        parse_page_text(page.replace("<p>hello</p>", "<div class='entry-content'></div>"))


def test_html_deep_nesting_does_not_crash() -> None:
    """Nesting far deeper than Python's recursion limit: the page is flattened at
    ``MAX_DEPTH`` when it is parsed, the text kept; the comment thread keeps its
    structure down to there."""
    deep = nested("<div>", "</div>", 5000, "<script>alert(1)</script><p>Deep <b>text</b>.</p>")
    levels = 1050
    thread = (
        "<ol class='comment-list'>"
        + nested(
            "<li class='comment'><div class='comment-content'>Yes.</div><ul class='children'>",
            "</ul></li>",
            levels,
        )
        + "</ol>"
    )
    publisher = "[" * 900 + '"x"' + "]" * 900
    page = (
        f'<html><head><script type="application/ld+json">{{"publisher": {publisher}}}</script>'
        f"</head><body><article><div class='entry-content'>{deep}</div></article>{thread}"
        "</body></html>"
    )
    assert not vt.claims(make_source(page, is_html=True))
    source = make_source(page, is_html=True)
    with within_coarse_budget():
        article = vt.parse_html(source)
    assert article.body == {"en": "Deep text."}
    # html, body, ol: then two elements a level; the comments below MAX_DEPTH are flattened.
    structured = (MAX_DEPTH - 3) // 2
    comments = [c for c in article.comments if c.text == "Yes."]
    assert len(comments) == structured
    assert [(c.depth, c.parent) for c in comments[-2:]] == [
        (structured - 2, f"c{structured - 2}"),
        (structured - 1, f"c{structured - 1}"),
    ]
    assert source.parse_warnings[0].startswith(FLATTENED)


# ---------------------------------------------------------------------------
# Claiming
# ---------------------------------------------------------------------------


def test_claims_vt_inputs() -> None:
    assert vt.claims(make_source(seed_text()))
    for name in HTML_FIXTURES:
        assert vt.claims(make_source(fixture_html(name), is_html=True))


RANDOM_ENGLISH = (
    "The committee met on Thursday to discuss the new budget. Members agreed that the "
    "veterans' programs deserve more money today, and the chairman said a vote would follow.\n\n"
    "  1. A numbered point in an ordinary document.\n    • And a bullet under it.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        seed_text(ALJAZEERA_SEED),
        RANDOM_ENGLISH,
        "",
        "Veterans Today",  # one marker alone is not enough
    ],
)
def test_does_not_claim_other_text(text: str) -> None:
    assert not vt.claims(make_source(text))


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><link rel="canonical" href="https://www.aljazeera.com/news/x">'
        '<meta property="og:site_name" content="Al Jazeera"></head>'
        '<body><p>See <a href="https://www.veteranstoday.com/x">this</a>.</p></body></html>',
        '<!DOCTYPE html><html><head><link rel="canonical" '
        'href="https://example.org/veteranstoday.com"></head><body></body></html>',
        '<html><head><script type="application/ld+json">{"publisher": {"name": "Example"}}'
        "</script></head><body><article>Veterans Today is quoted here.</article></body></html>",
    ],
)
def test_does_not_claim_other_pages(page: str) -> None:
    assert not vt.claims(make_source(page, is_html=True))


@pytest.mark.parametrize(
    "head",
    [
        "<link href='https://veteranstoday.com/a/' rel='canonical'>",
        "<link href='https://www.veteranstodayarchives.com/2009/03/02/a/' rel='canonical'>",
        '<meta content="Veterans Today" property="og:site_name">',
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"publisher": {"@id": "https://www.veteranstoday.com/#organization"}}]}</script>',
    ],
)
def test_claims_pages_by_each_signal(head: str) -> None:
    page = f"<html><head>{head}</head><body><p>Text.</p></body></html>"
    assert vt.claims(make_source(page, is_html=True))


_DISCLAIMER_TEXT = (
    "<p>DISCLAIMER: the views of VT are not those of the authors; VT cannot guarantee "
    "anything we publish from non-VT sources.</p>"
)


def test_claims_a_headless_page_by_its_disclaimer_markers() -> None:
    page = f"<html><head><title>x</title></head><body>{_DISCLAIMER_TEXT}</body></html>"
    assert vt.claims(make_source(page, is_html=True))


def test_markers_do_not_claim_a_page_that_names_another_site() -> None:
    page = (
        '<html><head><link rel="canonical" href="https://example.org/a"></head>'
        f"<body>{_DISCLAIMER_TEXT}</body></html>"
    )
    assert not vt.claims(make_source(page, is_html=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About  VT\n\nThe views of\tvt are the authors'.", True),
        ("About\nVT and the views\nof VT", False),  # a phrase never spans lines
        ("VETERANS\u200b TODAY . . . veteranstoday.com", True),
        ("Veterans Today", False),
    ],
)
def test_text_markers_are_found_line_by_line(text: str, expected: bool) -> None:
    assert text_has_vt_markers(text) is expected


def test_source_through_the_host() -> None:
    host = Host()
    host.register(vt, vt.NAME)
    source = make_source(seed_text())
    routed = Pipeline(host).route(source)
    assert routed.source.name == vt.NAME and routed.plugin == vt.NAME
    article = routed.source.parse(source)
    assert isinstance(article, Article) and len(article.comments) == 5


# ---------------------------------------------------------------------------
# Robustness: only InputError may escape
# ---------------------------------------------------------------------------


def _parse_or_input_error(source: SourceText) -> None:
    try:
        article = vt.parse(source)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(article, Article) and article.body


ROBUST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROBUST
@given(text=st.text(), is_html=st.booleans())
def test_random_text_raises_only_input_error(text: str, is_html: bool) -> None:
    _parse_or_input_error(make_source(text, is_html=is_html))


_MARKUP_BITS = st.sampled_from(
    [
        "<div class='entry-content'>", "</div>", "<p>", "</p>", "<br>", "<ol class='comment-list'>",
        "<li class='comment depth-2' id='comment-1'>", "<li class='comment'>", "</li>",
        "<ul class='children'>", "</ul>", "<script>x<1</script>", "<time datetime='bad'>",
        "<h1 class='entry-title'>", "</h1>", "<article>", "<!-- c -->", "&amp;", "&#0;",
        "<script type='application/ld+json'>{\"author\": [[[]]]}</script>", "text ",
    ]
)  # fmt: skip


@ROBUST
@given(parts=st.lists(st.one_of(_MARKUP_BITS, st.text(max_size=10)), max_size=60))
def test_random_markup_raises_only_input_error(parts: list[str]) -> None:
    _parse_or_input_error(make_source("<html><body>" + "".join(parts), is_html=True))


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed with lines deleted, duplicated, re-indented or replaced."""
    lines = seed_text().split("\n")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = " " * draw(st.integers(1, 12)) + lines[at]
        elif action == "dedent":
            lines[at] = lines[at].lstrip()
        else:
            lines.insert(at, draw(st.text(alphabet=" •◦▪1.\tabcBy,\u00a0\u200b-", max_size=20)))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@ROBUST
@given(text=mutated_seed())
def test_mutated_seed_raises_only_input_error(text: str) -> None:
    _parse_or_input_error(make_source(text))


@pytest.mark.parametrize(
    ("attributes", "chrome"),
    [
        ("", False),
        ("class=''", False),
        ("class='entry-content'", False),
        ("class='sharedaddy sd-sharing-enabled'", True),
        ("class='td-a-rec td-a-rec-id-content_bottom'", True),
        ("id='ads-top'", True),
        ("class='post' id='jp-relatedposts'", True),
        ("class='adsbygoogle-like'", True),
        ("class='roads'", False),  # "ads" only as a whole token or at a dash
    ],
)
def test_chrome_containers_by_class_or_id(attributes: str, chrome: bool) -> None:
    page = parse_page(f"<html><body><div {attributes}>x</div></body></html>")
    div = page.find(".//div")
    assert div is not None
    assert vt_html._is_chrome_container(div) is chrome
    assert vt_html._is_chrome_container(div) is chrome  # remembered per class and id
