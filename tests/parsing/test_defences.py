"""Tests of ``ingest_plugins.parsing.defences``: each detector on the structures
that leaked into article bodies, and the prose it must leave alone."""

from __future__ import annotations

import pytest

from ingest_plugins.parsing import looks
from ingest_plugins.parsing.blocks import Routed, TextBlock, Whole, text_blocks
from ingest_plugins.parsing.classnames import class_reason
from ingest_plugins.parsing.defences import (
    author_bio_reason,
    boilerplate_reason,
    embed_reason,
    hidden_reason,
    is_bare_id,
    link_block_reason,
    route_boilerplate,
    tag_list_reason,
    widget_reason,
)
from ingest_plugins.parsing.html import MAX_DEPTH, Element, parse_page
from ingest_plugins.parsing.reasons import (
    AD,
    AUTHOR_BIO,
    CAPTION,
    EMBED,
    EMBED_ID,
    HIDDEN,
    LINK_LIST,
    NEWSLETTER,
    REASONS,
    SHARE,
    TAGS,
)
from tests.deep_pages import nested, within_coarse_budget


def elements(markup: str) -> list[Element]:
    """The top-level elements of ``<body>markup</body>``."""
    body = parse_page(f"<html><body>{markup}</body></html>").find("body")
    assert body is not None
    return list(body)


def first(markup: str) -> Element:
    return elements(markup)[0]


def reasons(markup: str) -> list[str | None]:
    """``boilerplate_reason`` of each top-level element of ``markup``."""
    return [boilerplate_reason(element) for element in elements(markup)]


# ---------------------------------------------------------------------------
# Each detector
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        '<div style="display: none;">5847362910001</div>',
        '<div style="DISPLAY:NONE">x</div>',
        '<p style="color: red; visibility: hidden">x</p>',
        "<div hidden>x</div>",
        '<section aria-hidden="true"><p>A copy of the first paragraph</p></section>',
        '<span style="display:none">7731902</span>',  # inline too
    ],
)
def test_hidden_elements(markup: str) -> None:
    assert hidden_reason(first(markup)) == HIDDEN
    assert boilerplate_reason(first(markup)) == HIDDEN


@pytest.mark.parametrize(
    "markup",
    [
        '<div style="display: block">x</div>',
        '<div style="display:inline-block;width:300px">x</div>',
        '<span aria-hidden="true">9 Mar 2023</span>',  # visible, only hidden from screen readers
        '<i aria-hidden="true" class="icon"></i>',
        '<div aria-hidden="false">x</div>',
        '<div data-display="none">x</div>',
    ],
)
def test_shown_elements_are_not_hidden(markup: str) -> None:
    assert hidden_reason(first(markup)) is None


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<div class="article-share-inline"><a>Facebook</a></div>', SHARE),
        ('<div class="a2a_kit a2a_default_style"><a>Telegram</a></div>', SHARE),
        ('<ul id="social-links"><li><a>X</a></li></ul>', SHARE),
        ("<p>Share this article</p>", SHARE),
        ("<p>Share on Facebook:</p>", SHARE),
        ("<p>Поділитися</p>", SHARE),
        ('<div class="newsletter-signup"><p>Get the briefing</p></div>', NEWSLETTER),
        ('<div class="mc4wp-form"><h4>Weekly</h4></div>', NEWSLETTER),
        ("<p>Sign up for our daily newsletter to get the news first.</p>", NEWSLETTER),
        ('<div class="ad-container"><p>Advertisement</p></div>', AD),
        ('<div id="div-gpt-ad-1541-0"></div>', AD),
        ("<p>- Advertisement -</p>", AD),
        ('<ins class="adsbygoogle"></ins>', AD),  # an inline ad slot
    ],
)
def test_widgets(markup: str, reason: str) -> None:
    assert widget_reason(first(markup)) == reason
    assert boilerplate_reason(first(markup)) == reason


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Share prices fell sharply on Monday.</p>",
        "<h2>Facebook</h2>",  # a heading that names a network
        '<p>You can <a class="subscribe-link" href="/n">subscribe here</a> for updates.</p>',
        '<a class="ad-link" href="/shop">a link</a>',  # a link in a sentence is never taken
        '<div class="shared-content"><p>Text</p></div>',
        '<div class="lead"><p>Text</p></div>',
        '<div class="headline-adjacent"><p>Text</p></div>',
    ],
)
def test_no_widget(markup: str) -> None:
    assert widget_reason(first(markup)) is None


@pytest.mark.parametrize(
    ("markup", "index"),
    [
        ('<div class="author-box-wrap"><p>Jane writes.</p></div>', 0),
        ('<section class="article-author-bio"><h2>x</h2><p>y</p></section>', 0),
        ('<div id="about-author"><p>Jane writes.</p></div>', 0),
        ('<div class="bio"><p>Jane writes.</p></div>', 0),
        ('<div itemscope itemtype="https://schema.org/Person"><p>Jane</p></div>', 0),
        ("<h4>About the author</h4><p>Karim Aziz is a correspondent.</p>", 0),
        ("<h4>About the author</h4><p>Karim Aziz is a correspondent.</p>", 1),
        ("<p><strong>Про автора:</strong></p><p>Олена пише про війну.</p>", 1),
        ("<div><h3>About the author</h3><p>Karim Aziz is a correspondent.</p></div>", 0),
    ],
)
def test_author_bios(markup: str, index: int) -> None:
    element = elements(markup)[index]
    assert author_bio_reason(element) == AUTHOR_BIO
    assert boilerplate_reason(element) == AUTHOR_BIO


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="article-author"><p>By Jane Doe</p></div>',  # a byline is metadata
        '<span class="author-name">Jane Doe</span>',
        "<h2>About the project</h2>",
        "<p>The author of the report, Jane Doe, said the data was incomplete.</p>",
    ],
)
def test_no_author_bio(markup: str) -> None:
    assert author_bio_reason(first(markup)) is None


UK_TAGS = "<ul><li><a href='/a'>Київ</a></li><li><a href='/b'>Енергетика</a></li></ul>"


@pytest.mark.parametrize(
    ("markup", "index"),
    [
        ('<ul class="td-tags"><li><a href="/tag/a/">A</a></li></ul>', 0),
        ('<div class="article-tags"><ul><li><a href="/where/asia/">Asia</a></li></ul></div>', 0),
        ('<p><a href="/x" rel="tag">Housing</a> · <a href="/y" rel="tag">Veterans</a></p>', 0),
        (
            '<ul><li><a href="/topics/regions/asia.html">Asia</a></li>'
            '<li><a href="/topics/subjects/fishing.html">Fishing</a></li></ul>',
            0,
        ),
        ('<p>Topics: <a href="/asia">Asia</a>, <a href="/floods">Floods</a></p>', 0),
        (f"<p>Теги:</p>{UK_TAGS}", 0),
        (f"<p>Теги:</p>{UK_TAGS}", 1),
        (
            "<div><p>Tags</p><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></div>",
            0,
        ),
    ],
)
def test_tag_lists(markup: str, index: int) -> None:
    element = elements(markup)[index]
    assert tag_list_reason(element) == TAGS
    assert boilerplate_reason(element) == TAGS


@pytest.mark.parametrize(
    "markup",
    [
        '<h2 class="topic-heading">Rebuilding the harbour</h2>',  # a heading stays
        '<p>The minister visited <a href="/topics/regions/asia.html">Asia</a> last week, meeting'
        " fishermen, officials and the port authority to discuss the repairs.</p>",
        "<p>Topics discussed included wages, housing and the cost of fuel.</p>",
    ],
)
def test_no_tag_list(markup: str) -> None:
    assert tag_list_reason(first(markup)) is None


@pytest.mark.parametrize(
    ("markup", "index"),
    [
        # A list of headlines, each a link.
        (
            "<ul><li><a href='/a'>Copper prices slide</a></li>"
            "<li><a href='/b'>Drought</a></li></ul>",
            0,
        ),
        # "More:" label, then the list: both are the link list.
        ("<p><strong>More:</strong></p><ul><li><a href='/a'>One story</a></li></ul>", 0),
        ("<p><strong>More:</strong></p><ul><li><a href='/a'>One story</a></li></ul>", 1),
        ("<h3>Related</h3><ul><li><a href='/a'>One</a> (video)</li></ul>", 1),
        ("<h3>Recommended</h3><p><a href='/a'>One story of the day</a></p>", 0),
        # A label and a link in one paragraph.
        ("<p>Read more: <a href='/a'>Copper prices slide as demand cools</a></p>", 0),
        ("<p><b>READ MORE:</b> <a href='/a'>Copper prices slide as demand cools</a></p>", 0),
        ("<p><a href='/a'>Read more: Copper prices slide as demand cools, say traders.</a></p>", 0),
        ("<p>Read also: <a href='/a'>A</a> | <a href='/b'>B</a></p>", 0),
        ("<p>Читайте також: <a href='/a'>Новина дня про щось важливе</a></p>", 0),
        ("<p>Читайте также: <a href='/a'>Новость дня о чём-то важном</a></p>", 0),
        # Nothing but links: two or more, or one headline.
        ("<p><a href='/a'>First story</a> <a href='/b'>Second story</a></p>", 0),
        ("<p><a href='/a'>Watch: the fight for water in the high desert</a></p>", 0),
        # A box headed by a label.
        (
            "<div><h3>More:</h3><ul><li><a href='/a'>Dams under pressure</a></li>"
            "<li><a href='/b'>Living with floods</a></li></ul></div>",
            0,
        ),
    ],
)
def test_link_blocks(markup: str, index: int) -> None:
    element = elements(markup)[index]
    assert link_block_reason(element) == LINK_LIST
    assert boilerplate_reason(element) == LINK_LIST


PROSE_WITH_LINKS = [
    # Ordinary prose with one or two inline links: always body.
    "<p>Ukraine's president said on Monday that <a href='/x'>talks</a> would resume in "
    "<a href='/y'>Istanbul</a> next week, after a pause of two months.</p>",
    "<p>The company says it will <a href='/r'>recycle most of the water</a> it uses.</p>",
    "<p>Read the <a href='/r'>full report on the detention of journalists in the region</a>.</p>",
    "<p>More than 40 people were killed, <a href='/o'>officials said</a>.</p>",
    "<p>Read more about the <a href='/s'>storm warning system</a> that gave the city time.</p>",
    "<p>Related costs rose by a third, according to <a href='/f'>the finance ministry</a>.</p>",
    "<p>Forecasters expect more rain, and the <a href='/s'>storm season</a> is not over.</p>",
    "<p><a href='/p'>President Volodymyr Zelenskyy</a> said the talks had achieved little and"
    " that the war would go on until the last soldier had left the country's territory.</p>",
    "<p>Читайте уважно: <a href='/a'>звіт</a> містить багато цифр, які варто перевірити.</p>",
    # Points of a list, one of them a link.
    "<ul><li>The permit covers 30 years.</li><li><a href='/r'>The review</a> is due in June."
    "</li></ul>",
    "<ul><li><a href='/r'>The environmental review</a></li><li>A plain point</li></ul>",
    # Headings, captions, short lines.
    "<h2>Jobs now, water later</h2>",
    "<h2>More</h2><p>The ministry published more figures on Tuesday.</p>",
    "<p>2023</p>",
    "<p>1,200 jobs</p>",
    "<p>Call 0800 123 456 for help.</p>",
    "<blockquote><p>“We heard from a veteran who skipped checkups,” she said.</p></blockquote>",
]


@pytest.mark.parametrize("markup", PROSE_WITH_LINKS)
def test_prose_with_a_link_stays_body(markup: str) -> None:
    for element in elements(markup):
        for inner in element.iter():
            assert boilerplate_reason(inner) is None, (inner.tag, markup)


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<blockquote class="twitter-tweet"><p>Harbour closed.</p></blockquote>', EMBED),
        ('<blockquote class="instagram-media"><p>View this post</p></blockquote>', EMBED),
        ('<figure class="wp-block-embed is-type-video"><div>x</div></figure>', EMBED),
        ('<div data-oembed-url="https://x"><p>x</p></div>', EMBED),
        # AJ 2019: a player and its title link in a table, in a box naming the embed
        (
            '<div data-embed-type="Brightcove"><table><tr><td><a>T</a></td></tr></table></div>',
            EMBED,
        ),
        ("<p>6312345678901</p>", EMBED_ID),
        ("<div>8a3f5c2e-9b1d-4e7a-b6c0-2d4f8e1a9c37</div>", EMBED_ID),
        ("<p>video-1234567</p>", EMBED_ID),
        ("<p><span>5847362910001</span></p>", EMBED_ID),
    ],
)
def test_embeds(markup: str, reason: str) -> None:
    assert embed_reason(first(markup)) == reason
    assert boilerplate_reason(first(markup)) == reason


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("5847362910001", True),
        ("#123456", True),
        ("8a3f5c2e-9b1d-4e7a-b6c0-2d4f8e1a9c37", True),
        ("5d8f0a1c7e2b4f6a9d3c", True),
        ("yt_1234567, yt_7654321", True),
        ("2023", False),
        ("12345", False),
        ("1,200", False),
        ("0800 123 456", False),
        ("deadbeefdeadbeef", False),  # hex without a digit is a word
        ("Page 123456 of the report", False),
        ("", False),
    ],
)
def test_bare_ids(text: str, bare: bool) -> None:
    assert is_bare_id(text) is bare


@pytest.mark.parametrize(
    "markup",
    [
        "<figcaption>Evaporation ponds on the edge of the salt flat</figcaption>",
        '<p class="wp-caption-text">The old post office will house the clinic.</p>',
        '<div class="wp-caption aligncenter"><img src="x.jpg"><p>The clinic</p></div>',
        '<div class="article-featured-media-credit">Mohammed Salem/Reuters</div>',
        '<span class="photo-credit">AP</span>',
    ],
)
def test_captions_and_credits(markup: str) -> None:
    element = first(markup)
    assert boilerplate_reason(element) == (CAPTION if element.tag != "span" else None)
    if element.get("class"):
        assert class_reason(element.get("class"), None) == CAPTION


@pytest.mark.parametrize(
    "markup",
    [
        "<p>The program needs landlords willing to rent to tenants with poor credit.</p>",
        '<figure class="wp-block-table"><table><tr><td>2019</td></tr></table></figure>',
    ],
)
def test_no_caption(markup: str) -> None:
    assert boilerplate_reason(first(markup)) is None


# ---------------------------------------------------------------------------
# The zone callback's answer
# ---------------------------------------------------------------------------


def test_every_reason_is_listed() -> None:
    assert set(REASONS) == {
        HIDDEN, LINK_LIST, AUTHOR_BIO, TAGS, SHARE, NEWSLETTER, AD, EMBED, EMBED_ID, CAPTION
    }  # fmt: skip
    assert len(REASONS) == len(set(REASONS))


def test_route_boilerplate_walks_blocks_and_takes_inline_elements_apart() -> None:
    block = first("<div hidden><p>x</p></div>")
    assert route_boilerplate(block, "chrome") == Routed("chrome", HIDDEN)
    inline = first("<span style='display:none'>123</span>")
    assert route_boilerplate(inline, "chrome") == Whole("chrome", reason=HIDDEN, apart=True)
    assert route_boilerplate(first("<p>Plain prose.</p>"), "chrome") is None


def walk(markup: str) -> list[TextBlock[str]]:
    """The blocks of ``<article>markup</article>`` with the defences in a one-line callback."""
    article = first(f"<article>{markup}</article>")

    def zone_of(element: Element, zone: str) -> str | Routed[str] | Whole[str] | None:
        if element is article:
            return "body"
        if zone == "body" and (routed := route_boilerplate(element, "boilerplate")):
            return routed
        return zone

    return text_blocks(article, zone_of, "site")


def test_a_zone_callback_keeps_each_leak_with_its_reason() -> None:
    blocks = walk(
        "<p>First paragraph with a <a href='/l'>link</a>.</p>"
        "<div style='display:none'>5847362910001</div>"
        "<p>Officials said <span style='display: none'>7731902</span>the levee held.</p>"
        "<p><strong>More:</strong></p>"
        "<ul><li><a href='/a'>Dams under pressure</a></li><li><a href='/b'>Floods</a></li></ul>"
        "<p>Last paragraph.</p>"
        "<h4>About the author</h4><p>Karim Aziz is a correspondent.</p>"
        "<ul><li><a href='/tag/asia/'>Asia</a></li><li><a href='/tag/floods/'>Floods</a></li></ul>"
    )
    assert [(b.zone, b.text, b.reason) for b in blocks] == [
        ("body", "First paragraph with a link.", None),
        ("boilerplate", "5847362910001", HIDDEN),
        ("boilerplate", "7731902", HIDDEN),  # taken out of the sentence...
        ("body", "Officials said the levee held.", None),  # ...which stays one block
        ("boilerplate", "More:", LINK_LIST),
        ("boilerplate", "Dams under pressure", LINK_LIST),  # one block per item
        ("boilerplate", "Floods", LINK_LIST),
        ("body", "Last paragraph.", None),
        ("boilerplate", "About the author", AUTHOR_BIO),
        ("boilerplate", "Karim Aziz is a correspondent.", AUTHOR_BIO),
        ("boilerplate", "Asia", TAGS),
        ("boilerplate", "Floods", TAGS),
    ]


def test_prose_paragraphs_stay_body_in_a_walk() -> None:
    blocks = walk("".join(PROSE_WITH_LINKS))
    assert {block.zone for block in blocks} == {"body"}


# ---------------------------------------------------------------------------
# Bounded work
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_tag", "close_tag"),
    [
        ("<div>", "</div>"),
        ("<ul><li>", "</li></ul>"),
        ("<section><h3>More:</h3>", "</section>"),
        ("<div><p>Tags</p>", "</div>"),
        ("<span>", "</span>"),
        ("<blockquote>", "</blockquote>"),
    ],
)
def test_asking_about_every_element_of_a_deep_page(open_tag: str, close_tag: str) -> None:
    """20,000 levels, flattened at ``MAX_DEPTH`` when parsed: every element there
    is asked, the deepest ones too, and the work stays bounded."""
    markup = nested(open_tag, close_tag, 20_000, "<p>Deep text <a href='/x'>link</a>.</p>")
    page = parse_page(f"<html><body><article>{markup}</article></body></html>")
    elements = list(page.iter())
    with within_coarse_budget():
        found = [boilerplate_reason(element) for element in elements]
    assert len(found) == len(elements) >= MAX_DEPTH


def test_a_large_list_is_read_only_up_to_the_limit() -> None:
    items = "".join(f"<li><a href='/{i}'>Story number {i}</a></li>" for i in range(5_000))
    element = first(f"<ul>{items}</ul>")
    assert link_block_reason(element) is None  # too big to be a widget
    assert looks.MAX_NODES < 5_000
