"""The synthetic corpus the speed and memory runs parse and index.

``generate(root, n)`` writes ``root/docs/NNN/IIIIII.{txt,html}`` (1,000 files a
folder) and ``root/records.jsonl``: one record per document, in index order,
with its path, source, format and size. Every document is a pure function of
``(seed, index)``, so folders can be written in parallel and any one
document regenerated.

Four kinds in equal shares, each in the markup the parsers handle, so that a
run costs what real inputs cost:

* ``vt-text``: a Veterans Today text copy (title, byline, date, body, the
  two disclaimer blocks, a threaded comment list);
* ``vt-html``: a saved VT page in the tagDiv theme or the WordPress block
  theme (the site has used both), with menus, sidebars, ads, share bars,
  related posts and threaded comments;
* ``aj-text``: an Al Jazeera repost (header line, Ukrainian or Russian
  translation of title and standfirst, URL, body) or a text copy of the page;
* ``aj-html``: a saved Al Jazeera page in the older (``main-article-body``)
  or the current (``wysiwyg--all-content``) layout, with navigation, inline
  CSS and state scripts, ads and related-stories widgets.

Texts are 2–15 KB, pages 20–80 KB (inline CSS and state scripts fill them to
a drawn size). About 5% of the documents are mojibake (UTF-8 read as
windows-1252 and saved again) and 10% of the Al Jazeera ones windows-1251,
so decoding and repair cost what they cost on real inputs.
"""

from __future__ import annotations

import functools
import html
import json
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import prose
from . import words as w
from .prose import Block

KINDS = ("vt-text", "vt-html", "aj-text", "aj-html")
LAYOUTS = {
    "vt-text": ("copy",),
    "vt-html": ("tagdiv", "wp"),
    "aj-text": ("repost", "page-copy"),
    "aj-html": ("older", "current"),
}
ENCODINGS = ("utf-8", "mojibake", "cp1251")
MOJIBAKE_SHARE = 0.05
CP1251_SHARE_AJ = 0.10
HTML_BYTES = (20_000, 80_000)
PER_FOLDER = 1000
SOURCES = {"vt": "vt", "aj": "aljazeera"}
RECORDS = "records.jsonl"

# ---------------------------------------------------------------------------
# The article behind a document
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GenComment:
    """A reader comment: its place in the thread, author, date and text."""

    number: int
    depth: int
    parent: int | None
    author: str
    published: datetime
    paragraphs: tuple[str, ...]


@dataclass
class Story:
    """What one document says, before it is rendered as text or a page."""

    title: str
    standfirst: str
    authors: list[str]
    published: datetime
    section: str
    slug: str
    blocks: list[Block]
    comments: list[GenComment] = field(default_factory=list)
    translation: tuple[str, str, str] | None = None
    """``(lang, title, summary)`` in Ukrainian or Russian (Al Jazeera reposts)."""


def _slug(title: str) -> str:
    """A URL slug from a headline."""
    kept = "".join(ch if ch.isalnum() else " " for ch in title.lower())
    return "-".join(kept.split()[:8])


def _date(rng: random.Random) -> datetime:
    """A publication time between 2015 and 2024."""
    start = datetime(2015, 1, 1, 6, 0)
    return start + timedelta(days=rng.randint(0, 3600), minutes=rng.randint(0, 900))


class _Thread:
    """Builds a comment thread in document order, tracking the open ancestors."""

    def __init__(self, rng: random.Random, published: datetime) -> None:
        self.rng = rng
        self.when = published
        self.comments: list[GenComment] = []
        self._open: list[GenComment] = []

    def add(self, depth: int) -> None:
        """Append a comment at ``depth``, replying to the nearest open shallower one."""
        self.when += timedelta(minutes=self.rng.randint(3, 300))
        while self._open and self._open[-1].depth >= depth:
            self._open.pop()
        parent = self._open[-1].number if self._open else None
        text = tuple(prose.comment_text(self.rng))
        comment = GenComment(
            len(self.comments) + 1, depth, parent, prose.person(self.rng), self.when, text
        )
        self.comments.append(comment)
        self._open.append(comment)


def _comments(rng: random.Random, published: datetime, limit: int) -> list[GenComment]:
    """A comment thread: up to ``limit`` top-level comments with nested replies."""
    thread = _Thread(rng, published)
    for _ in range(rng.randint(0, limit)):
        thread.add(0)
        for _ in range(rng.choice((0, 0, 1, 2))):
            thread.add(1)
            if rng.random() < 0.3:
                thread.add(2)
    return thread.comments


def make_story(rng: random.Random, kind: str) -> Story:
    """The article content of one document of ``kind``."""
    title = prose.headline(rng)
    published = _date(rng)
    html_page = kind.endswith("html")
    blocks = prose.article_blocks(rng, (7, 13) if html_page else (6, 11), lists=html_page)
    story = Story(
        title=title,
        standfirst=prose.sentence(rng),
        authors=[prose.person(rng) for _ in range(rng.choice((1, 1, 1, 2)))],
        published=published,
        section=rng.choice(("news", "economy", "features", "opinions")),
        slug=_slug(title),
        blocks=blocks,
    )
    if kind.startswith("vt"):
        story.comments = _comments(rng, published, 6)
    return story


# ---------------------------------------------------------------------------
# Shared chrome: inline CSS and state scripts (pools made once per seed)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Chrome:
    """Pools of site chrome that pages take slices of."""

    css_rules: tuple[str, ...]
    teasers: tuple[str, ...]
    headlines: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def chrome_pools(seed: int) -> Chrome:
    """CSS rules, JSON teaser objects and headlines for the site chrome."""
    rng = random.Random(f"chrome:{seed}")
    rules = []
    for n in range(900):
        props = "; ".join(
            f"{rng.choice(w.CSS_PROPERTIES)}: {rng.choice(w.CSS_VALUES)}"
            for _ in range(rng.randint(2, 6))
        )
        name = f".{rng.choice(w.NOUNS)}-{rng.choice(w.ADJECTIVES)}__{n}"
        rules.append(f"{name} {{ {props} }}")
    headlines = tuple(prose.headline(rng) for _ in range(400))
    teasers = []
    for n, line in enumerate(headlines):
        teaser = {
            "__typename": "Post",
            "id": str(1_000_000 + n),
            "title": line,
            "link": f"/news/{2015 + n % 9}/{n % 12 + 1}/{n % 28 + 1}/{_slug(line)}",
            "image": {"src": f"/wp-content/uploads/{2015 + n % 9}/{n % 12 + 1:02d}/img-{n}.jpg"},
            "tags": [rng.choice(w.NOUNS) for _ in range(3)],
        }
        teasers.append(json.dumps(teaser, separators=(",", ":")))
    return Chrome(tuple(rules), tuple(teasers), headlines)


def _take(pool: Sequence[str], rng: random.Random, budget: int, sep: str) -> str:
    """Consecutive items of ``pool`` (wrapping) from a random start, about ``budget`` chars."""
    out: list[str] = []
    size = 0
    at = rng.randrange(len(pool))
    while size < budget:
        item = pool[at % len(pool)]
        out.append(item)
        size += len(item) + len(sep)
        at += 1
    return sep.join(out)


def _fill(rng: random.Random, seed: int, budget: int) -> tuple[str, str]:
    """Inline CSS and a JSON state array sharing ``budget`` characters."""
    pools = chrome_pools(seed)
    budget = max(budget, 800)
    css_share = rng.uniform(0.3, 0.7)
    css = _take(pools.css_rules, rng, int(budget * css_share), "\n")
    state = "[" + _take(pools.teasers, rng, int(budget * (1 - css_share)), ",") + "]"
    return css, state


def _links(rng: random.Random, seed: int, count: int, prefix: str) -> str:
    """``count`` list items linking to other stories."""
    heads = chrome_pools(seed).headlines
    items = []
    for _ in range(count):
        line = rng.choice(heads)
        items.append(f'<li><a href="{prefix}/{_slug(line)}/">{_t(line)}</a></li>')
    return "".join(items)


def _menu(rng: random.Random, count: int, prefix: str) -> str:
    """A navigation menu of ``count`` single-word section links."""
    names = rng.sample(w.NOUNS, k=min(count, len(w.NOUNS)))
    return "".join(f'<li><a href="{prefix}/{n}/">{n.title()}</a></li>' for n in names)


# ---------------------------------------------------------------------------
# Markup helpers
# ---------------------------------------------------------------------------


def _t(text: str) -> str:
    """Escape text for an HTML text node."""
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    """Escape text for an HTML attribute value."""
    return html.escape(text, quote=True)


def _inline(rng: random.Random, text: str) -> str:
    """A paragraph's markup: escaped, ``<br>`` for line breaks, a link or bold run now and then."""
    lines = []
    for line in text.split("\n"):
        tokens = [_t(token) for token in line.split(" ")]
        if len(tokens) > 6 and rng.random() < 0.35:
            start = rng.randrange(len(tokens) - 4)
            end = start + rng.randint(2, 4)
            if rng.random() < 0.6:
                open_tag = f'<a href="/news/{rng.randint(2015, 2024)}/{rng.randint(1, 12)}/x">'
                close_tag = "</a>"
            else:
                open_tag, close_tag = "<strong>", "</strong>"
            tokens[start] = open_tag + tokens[start]
            tokens[end - 1] = tokens[end - 1] + close_tag
        lines.append(" ".join(tokens))
    return "<br>\n".join(lines)


def _body_html(
    rng: random.Random, blocks: Sequence[Block], inserts: dict[int, str], heading: str = "h2"
) -> str:
    """Body blocks as markup; ``inserts[i]`` (chrome) goes before block ``i``."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        out.append(inserts.get(index, ""))
        block = blocks[index]
        if block.kind == "li":
            items = []
            while index < len(blocks) and blocks[index].kind == "li":
                items.append(f"<li>{_inline(rng, blocks[index].text)}</li>")
                index += 1
            out.append("<ul>" + "".join(items) + "</ul>")
            continue
        if block.kind == "h":
            out.append(f"<{heading}>{_t(block.text)}</{heading}>")
        elif block.kind == "quote":
            out.append(f"<blockquote><p>{_inline(rng, block.text)}</p></blockquote>")
        else:
            out.append(f"<p>{_inline(rng, block.text)}</p>")
        index += 1
    return "\n".join(part for part in out if part)


def _insert_points(rng: random.Random, blocks: Sequence[Block], count: int) -> list[int]:
    """Distinct block indexes (not inside a list) where chrome may be inserted."""
    allowed = [
        i
        for i in range(2, len(blocks))
        if not (blocks[i].kind == "li" and blocks[i - 1].kind == "li")
    ]
    return sorted(rng.sample(allowed, k=min(count, len(allowed))))


# ---------------------------------------------------------------------------
# Veterans Today
# ---------------------------------------------------------------------------

VT_DISCLAIMERS = (
    (
        "We See the World From All Sides",
        "Misleading reports spread quickly, so before settling on a view we ask readers to "
        "seek corroboration from non-VT sources and to form an educated opinion of their own.",
    ),
    (
        "About VT – Policies & Disclosures – Comment Policy",
        "Pieces here come from independent international writers, and VT cannot guarantee "
        "that every claim in them holds. Opinions expressed are not necessarily the views "
        "of VT, its advertisers or partners. Some content may be satirical in nature.",
    ),
)


def _vt_date(when: datetime) -> str:
    """``March 14, 2019``."""
    return f"{when:%B} {when.day}, {when.year}"


def render_vt_text(rng: random.Random, story: Story) -> str:
    """A VT page copied as text: header, body, disclaimers, comments, chrome."""
    lines = [story.title]
    if rng.random() < 0.3:
        lines.append(story.standfirst)
    lines += [f"By {' and '.join(story.authors)}", _vt_date(story.published), ""]
    for block in story.blocks:
        lines += [block.text, ""]
    lines.append("")
    for heading, text in VT_DISCLAIMERS:
        lines += [heading, text, ""]
    lines.append("")
    top = 0
    for comment in story.comments:
        if comment.depth == 0:
            top += 1
            marker, indent = f"{top}.", 2
        else:
            marker, indent = "•◦▪"[comment.depth - 1], 2 + 2 * comment.depth
        first, *rest = comment.paragraphs
        lines.append(" " * indent + f"{marker} {first}")
        for text in rest:
            lines += ["", " " * (indent + 2) + text]
        lines.append("")
    lines.append("Comments are closed." if story.comments else "Leave a Reply")
    return "\n".join(lines) + "\n"


def _vt_comment_tagdiv(comment: GenComment, children: str) -> str:
    body = "".join(f"<p>{_t(p)}</p>" for p in comment.paragraphs)
    stamp = comment.published.isoformat() + "+00:00"
    shown = f"{_vt_date(comment.published)} At {comment.published:%-I:%M %p}".replace("AM", "am")
    item = (
        f'<li class="comment depth-{comment.depth + 1}" id="li-comment-{9000 + comment.number}">'
        f"<article><footer><cite>{_t(comment.author)}</cite>"
        f'<a class="comment-link" href="#li-comment-{9000 + comment.number}">'
        f'<time datetime="{stamp}">{shown.replace("PM", "pm")}</time></a></footer>'
        f'<div class="comment-content" id="comment-{9000 + comment.number}">{body}</div>'
        f'<div class="comment-meta"><a rel="nofollow" class="comment-reply-link" '
        f'href="#comment-{9000 + comment.number}">Reply</a></div></article>'
    )
    return item + (f'<ul class="children">{children}</ul>' if children else "") + "</li>"


def _vt_comment_wp(comment: GenComment, children: str) -> str:
    body = "".join(f"<p>{_t(p)}</p>" for p in comment.paragraphs)
    stamp = comment.published.isoformat() + "-04:00"
    cid = 5000 + comment.number
    item = (
        f'<li id="comment-{cid}" class="comment depth-{comment.depth + 1}">'
        f'<article id="div-comment-{cid}" class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">{_t(comment.author)}</b> '
        f'<span class="says">says:</span></div><div class="comment-metadata">'
        f'<a href="#comment-{cid}"><time datetime="{stamp}">{_vt_date(comment.published)}</time>'
        f'</a></div></footer><div class="comment-content">{body}</div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="#comment-{cid}">Reply</a></div></article>'
    )
    return item + (f'<ol class="children">{children}</ol>' if children else "") + "</li>"


def _comment_tree(comments: Sequence[GenComment], render: Any) -> str:
    """Nested comment markup: each comment with its replies inside it."""
    kids: dict[int | None, list[GenComment]] = {}
    for comment in comments:
        kids.setdefault(comment.parent, []).append(comment)

    def subtree(parent: int | None) -> str:
        return "".join(render(c, subtree(c.number)) for c in kids.get(parent, []))

    return subtree(None)


def _vt_disclaimer_html(layout: str) -> str:
    if layout == "tagdiv":
        inner = "".join(f"<h4>{_t(h)}</h4><p>{_t(p)}</p>" for h, p in VT_DISCLAIMERS)
        return f'<div class="vt-disclaimer">{inner}</div>'
    inner = "".join(f"<p><strong>{_t(h)}</strong><br>\n{_t(p)}</p>" for h, p in VT_DISCLAIMERS)
    return f'<div class="vt-disclosures">{inner}</div>'


def render_vt_html(rng: random.Random, story: Story, layout: str, seed: int, charset: str) -> str:
    """A saved VT page in the tagDiv or WordPress block theme markup."""
    url = f"https://www.veteranstoday.com/{story.published:%Y/%m/%d}/{story.slug}/"
    target = rng.randint(*HTML_BYTES)
    points = _insert_points(rng, story.blocks, 2)
    if layout == "tagdiv":
        ad = (
            '<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">'
            '- Advertisement -</span><script async src="https://pagead2.example/ads.js"></script>'
            '<ins class="adsbygoogle" style="display:block"></ins></div>'
        )
    else:
        ad = (
            '<div class="code-block code-block-2"><div class="ad-label">Advertisement</div>'
            '<ins class="adsbygoogle"></ins><script>(adsbygoogle=window.adsbygoogle||[])'
            ".push({});</script></div>"
        )
    inserts = {p: ad for p in points[:1]}
    if len(points) > 1:
        inserts[points[1]] = (
            '<figure class="wp-block-embed"><iframe src="https://www.youtube.com/embed/x">'
            "</iframe></figure>"
        )
    body = _body_html(rng, story.blocks, inserts, "h3" if layout == "tagdiv" else "h2")
    build = _vt_tagdiv if layout == "tagdiv" else _vt_wp
    head, page = build(rng, story, url, body, seed)
    head = f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="{charset}">\n{head}'
    css, state = _fill(rng, seed, target - len(head) - len(page) - 120)
    tail = f"<style>\n{css}\n</style>\n<script>var tdPosts = {state};</script>\n</head>\n"
    return head + tail + page


def _vt_tagdiv(rng: random.Random, story: Story, url: str, body: str, seed: int) -> tuple[str, str]:
    author = story.authors[0]
    sub = f'<p class="td-post-sub-title">{_t(story.standfirst)}</p>' if rng.random() < 0.4 else ""
    head = (
        f"<title>{_t(story.title)} | Veterans Today</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f'<link rel="canonical" href="{url}">\n'
        '<meta property="og:type" content="article">\n<meta property="og:title" '
        f'content="{_a(story.title)}">\n'
        '<meta property="og:site_name" content="Veterans Today">\n'
        '<script type="text/javascript">var tdBlocksArray = [];</script>\n'
    )
    comments = _comment_tree(story.comments, _vt_comment_tagdiv)
    page = (
        '<body class="post-template-default single single-post td-standard-pack">\n'
        '<div id="td-outer-wrap" class="td-theme-wrap">\n'
        '<div class="td-header-wrap td-header-style-1"><div class="td-header-menu-wrap-full">'
        f'<nav id="td-header-menu" role="navigation"><ul id="menu-main" class="sf-menu">'
        f"{_menu(rng, rng.randint(20, 60), 'https://www.veteranstoday.com/category')}</ul></nav>"
        "</div></div>\n"
        '<div class="td-main-content-wrap td-container-wrap"><div class="td-container">'
        '<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main">'
        '<div class="td-ss-main-content">\n'
        '<article class="post type-post status-publish format-standard">\n'
        '<div class="td-post-header"><ul class="td-category"><li class="entry-category">'
        f'<a href="/category/{story.section}/">{story.section.title()}</a></li></ul>'
        f'<header class="td-post-title"><h1 class="entry-title">{_t(story.title)}</h1>{sub}'
        '<div class="td-module-meta-info"><div class="td-post-author-name">'
        f'<div class="td-author-by">By</div> <a href="/author/x/">{_t(author)}</a>'
        '<div class="td-author-line"> - </div></div><span class="td-post-date">'
        '<time class="entry-date updated td-module-date" '
        f'datetime="{story.published.isoformat()}+00:00">'
        f"{_vt_date(story.published)}</time></span>"
        f'<div class="td-post-comments"><a href="#comments">{len(story.comments)}</a></div>'
        "</div></header></div>\n"
        '<div class="td-post-sharing-top"><div class="td-post-sharing">'
        '<a class="td-social-sharing-button td-social-facebook" href="#"><div '
        'class="td-social-but-text">Facebook</div></a>'
        '<a class="td-social-sharing-button td-social-twitter" href="#"><div '
        'class="td-social-but-text">Twitter</div></a>'
        "</div></div>\n"
        '<div class="td-post-content tagdiv-type">\n'
        '<div class="td-post-featured-image"><figure><img width="696" height="392" src="/img.jpg" '
        'alt=""></figure></div>\n'
        f"{body}\n{_vt_disclaimer_html('tagdiv')}\n</div>\n"
        '<footer><div class="td-post-source-tags"><ul class="td-tags"><li><span>TAGS</span></li>'
        f'<li><a href="/tag/{rng.choice(w.NOUNS)}/">{rng.choice(w.NOUNS).title()}</a></li></ul>'
        "</div></footer>\n"
        "</article>\n"
        '<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title">'
        '<a href="#">RELATED ARTICLES</a></h4><div class="td_block_inner"><ul>'
        f"{_links(rng, seed, rng.randint(3, 9), '/2020/01/01')}</ul></div></div>\n"
        '<div class="comments" id="comments"><div class="td-comments-title-wrap">'
        f'<h4 class="block-title"><span>{len(story.comments)} COMMENTS</span></h4></div>'
        f'<ol class="comment-list">{comments}</ol>'
        f'<p class="no-comments">Comments are closed.</p></div>\n'
        "</div></div>\n"
        '<div class="td-pb-span4 td-main-sidebar" role="complementary"><aside class="widget">'
        '<h4 class="block-title"><span>Most Popular</span></h4>'
        f"<ul>{_links(rng, seed, rng.randint(5, 25), '/2021/02/02')}</ul>"
        "</aside></div></div></div></div>\n"
        '<div class="td-footer-wrapper"><div class="td-sub-footer-copy">&copy; Veterans '
        "Today.</div>"
        f'<ul class="menu">{_menu(rng, rng.randint(10, 30), "/page")}</ul></div>\n'
        "</div>\n<script>var td_viewport_interval_list = {};</script>\n</body>\n</html>\n"
    )
    return head, page


def _vt_wp(rng: random.Random, story: Story, url: str, body: str, seed: int) -> tuple[str, str]:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": story.title,
                "datePublished": story.published.isoformat() + "-04:00",
                "author": [{"@type": "Person", "name": a} for a in story.authors],
                "publisher": {"@id": "https://www.veteranstoday.com/#organization"},
                "mainEntityOfPage": {"@id": url},
            },
            {
                "@type": "Organization",
                "@id": "https://www.veteranstoday.com/#organization",
                "name": "Veterans Today",
            },
        ],
    }
    sub = f'<p class="entry-subtitle">{_t(story.standfirst)}</p>' if rng.random() < 0.5 else ""
    byline = " and ".join(
        f'<span class="author vcard"><a class="url fn n" href="/author/x/">{_t(a)}</a></span>'
        for a in story.authors
    )
    head = (
        f"<title>{_t(story.title)} - Veterans Today</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta property="og:title" content="{_a(story.title)}">\n'
        '<meta property="og:site_name" content="Veterans Today | Military Foreign Affairs '
        'Policy">\n'
        f'<script type="application/ld+json">{_a_json(ld)}</script>\n'
    )
    comments = _comment_tree(story.comments, _vt_comment_wp)
    page = (
        '<body class="wp-singular post-template-default single single-post">\n'
        '<div id="page" class="site"><header id="masthead" class="site-header">'
        '<div class="site-branding"><p class="site-title"><a href="/">Veterans Today</a></p></div>'
        f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
        f"{_menu(rng, rng.randint(20, 60), '/category')}</ul></nav></header>\n"
        '<div id="content" class="site-content"><main id="primary" class="site-main">\n'
        '<article class="post type-post status-publish format-standard hentry">\n'
        '<header class="entry-header"><span class="cat-links">'
        f'<a href="/category/{story.section}/" rel="category tag">{story.section.title()}</a>'
        "</span>"
        f'<h1 class="entry-title">{_t(story.title)}</h1>{sub}<div class="entry-meta">'
        f'<span class="byline">By {byline}</span> <span class="posted-on">'
        f'<time class="entry-date published" datetime="{story.published.isoformat()}-04:00">'
        f"{_vt_date(story.published)}</time></span></div></header>\n"
        f'<div class="entry-content">\n{body}\n'
        '<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social">'
        '<h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>'
        '<li class="share-telegram"><a class="share-telegram sd-button" href="#">'
        "<span>Telegram</span></a></li>"
        '<li class="share-x"><a class="share-x sd-button" href="#"><span>X</span></a></li>'
        "</ul></div></div></div>\n"
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
        f"<em>Related</em></h3><ul>{_links(rng, seed, 3, '/2022/03/03')}</ul></div>\n</div>\n"
        f"{_vt_disclaimer_html('wp')}\n"
        '<footer class="entry-footer"><span class="tags-links">Tags: '
        f'<a href="/tag/a/" rel="tag">{rng.choice(w.NOUNS).title()}</a></span></footer>\n'
        "</article>\n"
        '<div id="comments" class="comments-area">'
        f'<h2 class="comments-title">{len(story.comments)} thoughts on “{_t(story.title)}”</h2>'
        f'<ol class="comment-list">{comments}</ol>'
        '<div id="respond" class="comment-respond"><h3 class="comment-reply-title">Leave a '
        "Reply</h3>"
        '<form action="/wp-comments-post.php" method="post" class="comment-form">'
        '<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form>'
        "</div>"
        "</div>\n</main>\n"
        '<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">'
        '<h2 class="widget-title">Recent Posts</h2>'
        f"<ul>{_links(rng, seed, rng.randint(5, 25), '/2023/04/04')}</ul>"
        "</section></aside></div>\n"
        '<footer id="colophon" class="site-footer"><div class="site-info">&copy; Veterans '
        "Today.</div>"
        f'<ul class="menu">{_menu(rng, rng.randint(10, 30), "/page")}</ul></footer>\n'
        '</div>\n<script src="/wp-content/plugins/jetpack/related-posts.min.js">'
        "</script>\n</body>\n</html>\n"
    )
    return head, page


def _a_json(value: Any) -> str:
    """JSON for a ``<script>`` element (no ``</`` inside)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


# ---------------------------------------------------------------------------
# Al Jazeera
# ---------------------------------------------------------------------------


def _aj_url(story: Story, layout: str) -> str:
    when = story.published
    if layout == "older":
        return f"https://www.aljazeera.com/{story.section}/{when:%Y/%m}/{story.slug}-{when:%y%m%d%H%M%S}.html"
    return f"https://www.aljazeera.com/{story.section}/{when.year}/{when.month}/{when.day}/{story.slug}"


def _aj_day(when: datetime) -> str:
    """``9 Mar 2023``."""
    return f"{when.day} {when:%b %Y}"


def _related_text(rng: random.Random, seed: int) -> list[str]:
    """The ``Recommended Stories`` widget as a page copy shows it."""
    heads = rng.sample(chrome_pools(seed).headlines, k=rng.randint(2, 4))
    lines = ["Recommended Stories", "", f"list of {len(heads)} items"]
    for n, line in enumerate(heads, start=1):
        lines += [f"list {n} of {len(heads)}", line]
    return [*lines, "end of list"]


def render_aj_text(rng: random.Random, story: Story, layout: str, seed: int) -> str:
    """An Al Jazeera repost (header, translation, URL) or a text copy of the page."""
    url = _aj_url(story, "current")
    paras: list[list[str]] = []
    if layout == "repost":
        when = story.published
        header = rng.choice(
            (f"Al Jazeera.- {when:%d.%m.%Y}", f"AL JAZEERA, {when.day} {when:%B %Y}", "Al Jazeera")
        )
        paras += [[header], [story.title]]
        if story.translation:
            _, title_tr, summary_tr = story.translation
            paras += [[title_tr], [summary_tr]]
        paras += [[f"<{url}>" if rng.random() < 0.6 else url], [story.standfirst]]
    else:
        paras += [[story.title], [story.standfirst], [f"By {' and '.join(story.authors)}"]]
        paras += [[f"Published On {_aj_day(story.published)}"], ["Share"], ["Save"]]
    chrome_at = set(_insert_points(rng, story.blocks, 2 if layout == "page-copy" else 0))
    for index, block in enumerate(story.blocks):
        if index in chrome_at:
            paras.append(["Advertisement"] if rng.random() < 0.5 else _related_text(rng, seed))
        paras.append(block.text.split("\n"))
    if layout == "page-copy" or rng.random() < 0.5:
        paras.append(["Source: Al Jazeera and news agencies"])
    if layout == "page-copy":
        paras.append(["Follow Al Jazeera English:"])
    return "\n\n" + "\n\n".join("\n".join(lines) for lines in paras) + "\n"


def _aj_ld(story: Story, url: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.standfirst,
        "datePublished": story.published.isoformat() + "+00:00",
        "author": [{"@type": "Person", "name": a} for a in story.authors],
        "publisher": {"@type": "Organization", "name": "Al Jazeera"},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    return _a_json(ld)


def _more_on(rng: random.Random, seed: int) -> str:
    heads = rng.sample(chrome_pools(seed).headlines, k=rng.randint(2, 4))
    n = len(heads)
    items = "".join(
        f'<li><span class="screen-reader-text">list {i} of {n}</span><article '
        'class="more-on__item">'
        f'<a href="/news/{_slug(h)}"><span>{_t(h)}</span></a></article></li>'
        for i, h in enumerate(heads, start=1)
    )
    return (
        '<div class="more-on"><h2 class="more-on__heading">Recommended Stories</h2>'
        f'<span class="screen-reader-text">list of {n} items</span>'
        f'<ul class="more-on__list">{items}</ul><span class="screen-reader-text">end of '
        "list</span></div>"
    )


def _caption(rng: random.Random) -> str:
    agency = rng.choice(("Reuters", "AP Photo", "AFP", "EPA", f"{prose.person(rng)}/Al Jazeera"))
    return f"{prose.headline(rng)} [{agency}]"


def render_aj_html(rng: random.Random, story: Story, layout: str, seed: int, charset: str) -> str:
    """A saved Al Jazeera page in the older or the current layout."""
    url = _aj_url(story, layout)
    target = rng.randint(*HTML_BYTES)
    points = _insert_points(rng, story.blocks, 4 if layout == "current" else 2)
    if layout == "current":
        chrome = [
            _more_on(rng, seed),
            '<div class="container--ads container--ads-leaderboard-atf"><div class="ads ads--mpu">'
            '<span class="ads__label">Advertisement</span></div></div>',
            '<figure class="wp-block-image"><img src="/img.jpg" alt="">'
            f"<figcaption>{_t(_caption(rng))}</figcaption></figure>",
            '<div class="sib-newsletter-form"><h3>Sign up for Al Jazeera</h3><p>Weekly '
            "Newsletter</p>"
            '<form action="/subscribe"><input type="email"><button '
            'type="submit">Subscribe</button></form>'
            "<p>By signing up, you agree to our Privacy Policy</p></div>",
        ]
    else:
        chrome = [
            '<div class="ad-container"><div class="ads"><p>Advertisement</p>'
            "<script>googletag.cmd.push(function(){});</script></div></div>",
            '<iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe>',
        ]
    inserts = dict(zip(points, rng.sample(chrome, k=len(chrome)), strict=False))
    body = _body_html(rng, story.blocks, inserts)
    page = (
        _aj_current(rng, story, url, body, seed)
        if layout == "current"
        else _aj_older(rng, story, url, body, seed)
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{_t(story.title)} | {story.section.title()} | Al Jazeera</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta name="description" content="{_a(story.standfirst)}">\n'
        '<meta property="og:site_name" content="Al Jazeera">\n'
        f'<meta property="og:title" content="{_a(story.title)}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<script type="application/ld+json">{_aj_ld(story, url)}</script>\n'
    )
    css, state = _fill(rng, seed, target - len(head) - len(page) - 80)
    head += (
        f"<style>\n{css}\n</style>\n<script>window.__APOLLO_STATE__={state};</script>\n</head>\n"
    )
    return head + page


def _aj_current(rng: random.Random, story: Story, url: str, body: str, seed: int) -> str:
    authors = " and ".join(
        '<span class="article-author-name-item"><a class="author-link" '
        f'href="/author/x">{_t(a)}</a></span>'
        for a in story.authors
    )
    day = _aj_day(story.published)
    aside = (
        '<aside class="article-trending"><h2>Most Read</h2>'
        f"<ol>{_links(rng, seed, 5, '/news')}</ol></aside>"
        if rng.random() < 0.5
        else ""
    )
    return (
        '<body>\n<div id="root"><div class="site-header"><a class="site-logo" href="/">Al '
        "Jazeera</a>"
        '<nav class="site-header__navigation" aria-label="Primary navigation"><ul>'
        f"{_menu(rng, rng.randint(20, 70), '')}</ul></nav></div>\n"
        '<main id="main-content-area" class="container--full-width">\n'
        f'<header class="article-header"><div class="topics"><a href="/{story.section}/">'
        f"{story.section.title()}</a></div><h1>{_t(story.title)}</h1>"
        f'<p class="article__subhead"><em>{_t(story.standfirst)}</em></p></header>\n'
        '<figure class="article-featured-image"><div class="responsive-image"><img src="/f.jpg" '
        'alt=""></div>'
        f"<figcaption>{_t(_caption(rng))}</figcaption></figure>\n"
        '<div class="article-info-block"><div class="article-author"><div '
        f'class="article-author-name">{authors}'
        '</div></div><div class="article-dates"><div class="date-simple">'
        f'<span class="screen-reader-text">Published On {day}</span><span '
        f'aria-hidden="true">{day}</span>'
        '</div></div><div class="article-share"><ul class="sharing-buttons">'
        '<li><button aria-label="Share on facebook">facebook</button></li>'
        '<li><button aria-label="Share on twitter">twitter</button></li></ul>'
        '<span class="screen-reader-text">Click here to share on social media</span></div></div>\n'
        f'<div class="wysiwyg wysiwyg--all-content" aria-live="polite">\n{body}\n</div>\n'
        '<div class="article-source">Source: Al Jazeera and news agencies</div>\n'
        f'<p class="follow-prompt">Follow Al Jazeera English:</p>\n{aside}</main>\n'
        f'<footer class="site-footer"><ul>{_menu(rng, rng.randint(8, 30), "/about")}</ul>'
        "<p>© Al Jazeera Media Network</p></footer>\n</div>\n</body>\n</html>\n"
    )


def _aj_older(rng: random.Random, story: Story, url: str, body: str, seed: int) -> str:
    author = story.authors[0]
    return (
        '<body class="article-page">\n<header class="site-header"><nav class="main-navigation"><ul>'
        f"{_menu(rng, rng.randint(20, 70), '/topics')}</ul></nav></header>\n"
        '<div id="article-page" class="container"><div class="row">'
        '<div class="col-sm-8 main-article-section">\n'
        '<div class="article-heading"><ul class="breadcrumbs"><li>'
        f'<a href="/topics/{story.section}.html">{story.section.title()}</a></li></ul>'
        f'<h1 class="post-title">{_t(story.title)}</h1>'
        f'<p class="article-heading-des">{_t(story.standfirst)}</p>'
        '<div class="article-heading-author"><div class="article-heading-author-name">by '
        f'<a rel="author" href="/profile/x.html">{_t(author)}</a></div>'
        f'<div class="article-duration"><time datetime="{story.published.isoformat()}Z">'
        f"{_aj_day(story.published)}</time></div></div></div>\n"
        '<div class="article-share-inline"><span>Share</span><a class="share-facebook" '
        'href="#">Facebook</a>'
        '<a class="share-twitter" href="#">Twitter</a></div>\n'
        '<figure class="main-article-media"><img src="/m.jpg" alt="">'
        f'<figcaption class="main-article-caption">{_t(_caption(rng))}</figcaption></figure>\n'
        '<div class="main-article-body" id="main-article-block"><div class="article-p-wrapper">\n'
        f"{body}\n</div>"
        '<div class="article-body-artSource"><span>SOURCE:</span> <span>Al Jazeera News</span>'
        "</div>"
        "</div></div>\n"
        '<div class="col-sm-4 sidebar"><aside class="most-read"><h3>Most Read</h3>'
        f"<ol>{_links(rng, seed, rng.randint(5, 20), '/news')}</ol></aside></div></div></div>\n"
        f'<footer class="site-footer"><ul>{_menu(rng, rng.randint(8, 30), "/about")}</ul>'
        "<p>© Al Jazeera Media Network</p></footer>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

_SLOPPY_1252 = {
    byte: bytes([byte]).decode("cp1252", errors="replace") for byte in range(0x80, 0xA0)
}
_MOJIBAKE_TABLE = str.maketrans(
    {chr(b): (c if c != "\ufffd" else chr(b)) for b, c in _SLOPPY_1252.items()}
)


def mojibake(text: str) -> str:
    """UTF-8 bytes of ``text`` read as windows-1252 (undefined bytes kept as C1 controls)."""
    return text.encode("utf-8").decode("latin-1").translate(_MOJIBAKE_TABLE)


def encode(text: str, encoding: str) -> bytes:
    """The bytes of a document saved with ``encoding`` (``mojibake`` is saved as UTF-8)."""
    if encoding == "cp1251":
        return text.encode("cp1251")
    if encoding == "mojibake":
        return mojibake(text).encode("utf-8")
    return text.encode("utf-8")


# ---------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """One generated input: its kind, its bytes and how many comments it carries."""

    kind: str
    data: bytes
    comments: int

    @property
    def source(self) -> str:
        """The plugin that must claim it (``vt`` or ``aljazeera``)."""
        return SOURCES[self.kind.split("-")[0]]

    @property
    def format(self) -> str:
        """``text`` or ``html``, as ``Document.format`` reports it."""
        return "html" if self.kind.endswith("html") else "text"


def _choose(
    rng: random.Random, kind: str | None, layout: str | None, encoding: str | None
) -> tuple[str, str, str]:
    """Kind, layout and encoding of a document (random where not given)."""
    kind = kind or rng.choice(KINDS)
    layout = layout or rng.choice(LAYOUTS[kind])
    if encoding is None:
        roll = rng.random()
        if roll < MOJIBAKE_SHARE:
            encoding = "mojibake"
        elif kind.startswith("aj") and roll < MOJIBAKE_SHARE + CP1251_SHARE_AJ:
            encoding = "cp1251"
        else:
            encoding = "utf-8"
    return kind, layout, encoding


def make_document(
    seed: int,
    index: int,
    kind: str | None = None,
    layout: str | None = None,
    encoding: str | None = None,
) -> Generated:
    """Document ``index`` of the corpus ``seed``; ``kind``, ``layout``, ``encoding`` force one."""
    rng = random.Random(f"{seed}:{index}")
    kind, layout, encoding = _choose(rng, kind, layout, encoding)
    story = make_story(rng, kind)
    charset = "windows-1251" if encoding == "cp1251" else "utf-8"
    if kind == "vt-text":
        text = render_vt_text(rng, story)
    elif kind == "vt-html":
        text = render_vt_html(rng, story, layout, seed, charset)
    elif kind == "aj-text":
        if layout == "repost" and (encoding == "cp1251" or rng.random() < 0.7):
            lang = rng.choice(("uk", "uk", "ru"))
            story.translation = (
                lang,
                prose.cyrillic_text(rng, lang, rng.randint(6, 12), full_stop=False),
                prose.cyrillic_text(rng, lang, rng.randint(40, 90), full_stop=True),
            )
        text = render_aj_text(rng, story, layout, seed)
    else:
        text = render_aj_html(rng, story, layout, seed, charset)
    return Generated(kind, encode(text, encoding), len(story.comments))


# ---------------------------------------------------------------------------
# A corpus on disk
# ---------------------------------------------------------------------------


def _write_folder(job: tuple[str, int, int, int]) -> list[dict[str, Any]]:
    """Write the documents ``[start, stop)``; return their records."""
    root, seed, start, stop = job
    records = []
    for index in range(start, stop):
        doc = make_document(seed, index)
        suffix = ".html" if doc.format == "html" else ".txt"
        path = f"docs/{index // PER_FOLDER:03d}/{index:06d}{suffix}"
        Path(root, path).parent.mkdir(parents=True, exist_ok=True)
        Path(root, path).write_bytes(doc.data)
        records.append(
            {"path": path, "source": doc.source, "format": doc.format, "bytes": len(doc.data)}
        )
    return records


def generate(root: Path, n: int, seed: int = 1, workers: int = 1) -> list[dict[str, Any]]:
    """Write ``n`` documents and their records under ``root`` (``workers`` processes)."""
    jobs = [
        (str(root), seed, start, min(start + PER_FOLDER, n)) for start in range(0, n, PER_FOLDER)
    ]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(min(workers, len(jobs))) as pool:
            folders = list(pool.map(_write_folder, jobs))
    else:
        folders = [_write_folder(job) for job in jobs]
    records = [record for folder in folders for record in folder]
    root.mkdir(parents=True, exist_ok=True)
    with (root / RECORDS).open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(record) + "\n" for record in records)
    return records


def read_records(root: Path) -> list[dict[str, Any]]:
    """The records of a corpus written by ``generate``, in index order."""
    with (root / RECORDS).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]
