"""``ingest new-plugin NAME``: a new, installable plugin package to start from.

``create_plugin`` writes ``DIR/NAME/``::

    pyproject.toml                  PEP 621; entry point NAME in the ``ingest_plugins`` group
    README.md
    NAME/__init__.py                the ``ingest_sources`` hook, one ``Source``: claim and parse
    tests/fixtures/<Site>_<YYYY-MM-DD>.html   a sample page, named as
                                              ``ingest_plugins.testing`` expects
    tests/fixtures/<Site>_<YYYY-MM-DD>.json   its golden, made by the generated parser
    tests/test_NAME.py              the golden test (``ingest_plugins.testing``) and a claim test

The source claims a saved page by the site's domain or name in the page's
head or JSON-LD (``parsing.claims.page_declares_site``) and a text copy by
a marker (the domain) in its text; it parses both with the toolkit. The
site's domain is a placeholder (``NAME.example``) for the author to replace.
An existing ``DIR/NAME`` is never touched.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import keyword
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PACKAGE_NAME",
    "SAMPLE_DATE",
    "Scaffold",
    "ScaffoldError",
    "check_name",
    "create_plugin",
    "site_name",
]

PACKAGE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
"""A plugin name ``new-plugin`` accepts: a plugin name (``plugins.VALID_NAME``)
that is also a Python package name: lower-case letters, digits and ``_``."""

SAMPLE_DATE = "2024-01-15"
"""The publication date of the sample page (and so the date in its file name)."""


class ScaffoldError(Exception):
    """The plugin cannot be created; the message is one line saying why."""


@dataclass(frozen=True)
class Scaffold:
    """What ``create_plugin`` wrote."""

    root: Path
    """``DIR/NAME``: the package's project folder (holds ``pyproject.toml``)."""
    name: str
    """The plugin, package, entry-point and source name."""
    site: str
    """The ``<Site>`` of fixture names, e.g. ``DemoSite`` for ``demo_site``."""
    fixture: Path
    """The sample fixture page."""
    golden: Path
    """Its golden JSON file."""


def check_name(name: str) -> None:
    """Raise ``ScaffoldError`` unless ``name`` can name a new plugin package.

    It must match ``PACKAGE_NAME``, not be a Python keyword, and not be the
    name of an importable module (the standard library's included) nor of an
    installed ``ingest_plugins`` entry point: the new package would hide it,
    or the host would refuse two plugins of one name.
    """
    from .plugins import ENTRY_POINT_GROUP

    if not PACKAGE_NAME.match(name):
        raise ScaffoldError(
            f"invalid plugin name {name!r}: use a Python package name of lower-case letters, "
            "digits and '_', starting with a letter (e.g. my_site)"
        )
    if keyword.iskeyword(name):
        raise ScaffoldError(f"invalid plugin name {name!r}: it is a Python keyword")
    if name in sys.stdlib_module_names:
        raise ScaffoldError(f"invalid plugin name {name!r}: the standard library has that module")
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry_point.name == name:
            dist = entry_point.dist.name if entry_point.dist else "an installed package"
            raise ScaffoldError(f"a plugin named {name!r} is already installed (from {dist})")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin is not None:  # a namespace folder does not count
        raise ScaffoldError(f"a module named {name!r} is already importable ({spec.origin})")


def site_name(name: str) -> str:
    """The CamelCase ``<Site>`` of fixture names for ``name``: ``demo_site`` → ``DemoSite``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def create_plugin(name: str, directory: str | Path) -> Scaffold:
    """Write a new plugin package ``name`` into ``directory/name`` and return what was written.

    ``directory`` is created when missing. Raises ``ScaffoldError`` for a bad
    name (``check_name``) or when ``directory/name`` already exists; on any
    failure after that, nothing is left behind.
    """
    check_name(name)
    directory = Path(directory)
    root = directory / name
    try:
        directory.mkdir(parents=True, exist_ok=True)
        root.mkdir()
    except FileExistsError:
        raise ScaffoldError(f"{root} already exists: not overwriting it") from None
    except OSError as err:
        raise ScaffoldError(f"cannot create {root}: {err.strerror or err}") from None
    try:
        return _write(name, root)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _write(name: str, root: Path) -> Scaffold:
    from . import __version__
    from .testing import GOLDEN_SUFFIX, fixture_name

    site = site_name(name)
    words = [part for part in name.split("_") if part]
    values = {
        "@NAME@": name,
        "@DIST@": "ingest-" + "-".join(words),
        "@TITLE@": " ".join(word.capitalize() for word in words),
        "@SITE_KEY@": " ".join(words),
        "@DOMAIN@": "-".join(words) + ".example",
        "@DATE@": SAMPLE_DATE,
        "@VERSION@": __version__,
    }
    fixture = root / "tests" / "fixtures" / fixture_name(site, SAMPLE_DATE)
    files = {
        root / "pyproject.toml": PYPROJECT,
        root / "README.md": README,
        root / name / "__init__.py": PLUGIN,
        root / "tests" / f"test_{name}.py": TEST,
        fixture: FIXTURE,
    }
    for path, template in files.items():
        text = template
        for key, value in values.items():
            text = text.replace(key, value)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    golden = fixture.with_suffix(GOLDEN_SUFFIX)
    _write_golden(name, root / name / "__init__.py", fixture, golden)
    return Scaffold(root=root, name=name, site=site, fixture=fixture, golden=golden)


def _write_golden(name: str, module_file: Path, fixture: Path, golden: Path) -> None:
    """The sample's golden: the generated parser's output, through the host pipeline."""
    from .plugins import Host
    from .testing import parse_fixture, render_golden

    module_name = f"_ingest_new_plugin_{name}"
    spec = importlib.util.spec_from_file_location(module_name, module_file)
    if spec is None or spec.loader is None:
        raise ScaffoldError(f"cannot import the generated {module_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
        host = Host()
        host.register(module, name, provider="ingest new-plugin")
        golden.write_text(render_golden(parse_fixture(fixture, host)), encoding="utf-8")
    finally:
        del sys.modules[module_name]


# ---------------------------------------------------------------------------
# Templates (@NAME@ and the like are replaced; nothing else is)
# ---------------------------------------------------------------------------

PYPROJECT = """\
[build-system]
requires = ["setuptools>=70.1"]
build-backend = "setuptools.build_meta"

[project]
name = "@DIST@"
version = "0.1.0"
description = "ingest plugin: articles of @TITLE@ (@DOMAIN@)"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["ingest-plugins>=@VERSION@"]

[project.optional-dependencies]
test = ["pytest>=8"]

# How ingest finds the plugin: the `ingest_plugins` entry-point group.
[project.entry-points.ingest_plugins]
@NAME@ = "@NAME@"

[tool.setuptools]
packages = ["@NAME@"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

README = """\
# @DIST@

An [ingest](https://pypi.org/project/ingest-plugins/) plugin for @TITLE@: the
source `@NAME@` claims the site's saved pages and text copies and parses
them into articles.

```bash
pip install -e .          # registers the entry point
ingest plugins            # lists @NAME@ and its source
pytest                    # the golden test passes
```

Replace the sample page `tests/fixtures/*_@DATE@.html` with real pages of
the site, named `<Site>_<YYYY-MM-DD>.html` (or `.txt` for a text copy) by
the date each page says it was published; set `DOMAINS`, `SITE_NAMES` and
`TEXT_MARKER` in `@NAME@/__init__.py` and adapt the parser; then run
`pytest --update-goldens`, review the diff of the golden `.json` files
next to the pages, and commit them.
"""

PLUGIN = '''\
"""The ``@NAME@`` ingest plugin: @TITLE@ articles, as saved pages or text copies.

Generated by ``ingest new-plugin``. Replace the site's signals below
(``DOMAINS``, ``SITE_NAMES``, ``TEXT_MARKER``) with what its pages really
carry, the sample fixture in ``tests/fixtures/`` with real pages, and the
parser with what those pages need; then run ``pytest --update-goldens``
and review the golden diff.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest_plugins import Article, InputError, Source, SourceText, hookimpl
from ingest_plugins.parsing.claims import page_declares_site
from ingest_plugins.parsing.dates import parse_date
from ingest_plugins.parsing.html import (
    Element,
    canonical_url,
    element_text,
    meta_content,
)
from ingest_plugins.parsing.jsonld import article_metadata
from ingest_plugins.parsing.languages import lang_slot
from ingest_plugins.parsing.lines import split_lines
from ingest_plugins.parsing.urls import parse_url_line, url_in_domains

__version__ = "0.1.0"

NAME = "@NAME@"
"""The source name, written into every ``Article``."""
DOMAINS = ("@DOMAIN@",)
"""The site's domains, in lower case (a domain covers its subdomains)."""
SITE_NAMES = ("@SITE_KEY@",)
"""The site's names as its pages write them (``og:site_name``, JSON-LD publisher),
in lower case with single spaces."""
TEXT_MARKER = "@DOMAIN@"
"""A text copy is the site's when its text holds this (any case)."""

BODY_CLASS = "article-body"
"""The class of the element that holds the article's paragraphs."""


def is_site_url(url: str) -> bool:
    """True for a URL on one of ``DOMAINS``."""
    return url_in_domains(url, DOMAINS)


def is_site_name(name: str) -> bool:
    """True for one of ``SITE_NAMES``, whatever the case and spacing."""
    return " ".join(name.split()).casefold() in SITE_NAMES


def claims(source: SourceText) -> bool:
    """True when ``source`` is a page (its head or JSON-LD names the site)
    or a text copy (its text holds ``TEXT_MARKER``) of the site."""
    if source.is_html:
        return page_declares_site(
            source, is_site_url=is_site_url, is_site_name=is_site_name
        )
    return TEXT_MARKER in source.text.casefold()


def parse(source: SourceText) -> Article:
    """The ``Article`` of a claimed input: a saved page or a text copy."""
    return parse_html(source) if source.is_html else parse_text(source.text)


def parse_html(source: SourceText) -> Article:
    """A saved page: JSON-LD metadata (else the head's), the ``.article-body`` text."""
    tree = source.tree
    meta = article_metadata(list(source.jsonld))
    heading = next(tree.iter("h1"), None)
    title = meta.title or (element_text(heading) if heading is not None else "")
    body = "\\n\\n".join(p for p in map(element_text, body_paragraphs(tree)) if p)
    if not body:
        raise InputError(f"no article text: the page has no .{BODY_CLASS} paragraphs")
    summary = meta.description or meta_content(tree, "og:description")
    return Article(
        title=lang_slot(title or meta_content(tree, "og:title") or ""),
        summary=lang_slot(summary or ""),
        body=lang_slot(body),
        url=meta.url or canonical_url(tree),
        authors=meta.authors,
        published=meta.published,
    )


def body_paragraphs(tree: Element) -> list[Element]:
    """The ``<p>`` elements inside the first element of class ``BODY_CLASS``."""
    for element in tree.iter():
        if BODY_CLASS in str(element.get("class") or "").split():
            return list(element.iter("p"))
    return []


def parse_text(text: str) -> Article:
    """A text copy: the title on the first line, a URL line and a date line
    anywhere, the rest paragraphs separated by blank lines."""
    title = ""
    url: str | None = None
    published: str | None = None
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*split_lines(text), ""]:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
        elif not title:
            title = line
        elif url is None and (found := parse_url_line(line)):
            url = found
        elif published is None and (day := parse_date(line)):
            published = day
        else:
            current.append(line)
    if not paragraphs:
        raise InputError("no article text after the title line")
    return Article(
        title=lang_slot(title),
        body=lang_slot("\\n\\n".join(paragraphs)),
        url=url,
        published=published,
    )


@hookimpl
def ingest_sources() -> Sequence[Source]:
    """One source, ``@NAME@``."""
    return [Source(name=NAME, claim=claims, parse=parse)]
'''

TEST = '''\
"""Tests of the ``@NAME@`` plugin.

Every fixture in ``tests/fixtures/`` (``<Site>_<YYYY-MM-DD>.html``, or
``.txt`` for a text copy) is parsed through the ingest pipeline and
compared with its golden ``.json`` next to it. After changing the parser,
run ``pytest --update-goldens`` and review the golden diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_plugins.decode import read_source
from ingest_plugins.testing import Fixture, check_fixture, find_fixtures

import @NAME@

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://@DOMAIN@/news/@DATE@/harbour-ferry-returns"
TEXT_COPY = f"""Harbour ferry returns after winter repairs
<{URL}>
@DATE@

The ferry to the islands sails again from Monday.

Tickets are on sale at the harbour office.
""".encode()


@pytest.mark.parametrize("fixture", find_fixtures(FIXTURES), ids=str)
def test_fixture_matches_golden(fixture: Fixture) -> None:
    check_fixture(fixture, [@NAME@])


def test_claims_a_text_copy_by_its_marker() -> None:
    assert @NAME@.claims(read_source(TEXT_COPY, "copy.txt"))
    other = b"Another site\\n\\nThe council met on Tuesday.\\n"
    assert not @NAME@.claims(read_source(other, "other.txt"))


def test_parses_a_text_copy() -> None:
    article = @NAME@.parse(read_source(TEXT_COPY, "copy.txt"))
    assert article.title == {"en": "Harbour ferry returns after winter repairs"}
    assert article.url == URL
    assert article.published == "@DATE@"
    assert list(article.body) == ["en"]
    assert article.body["en"].count("\\n\\n") == 1
'''

FIXTURE = """\
<!DOCTYPE html>
<!-- A sample page written by `ingest new-plugin`: replace it with real pages of the site. -->
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour ferry returns after winter repairs | @TITLE@</title>
<link rel="canonical" href="https://@DOMAIN@/news/@DATE@/harbour-ferry-returns">
<meta property="og:site_name" content="@TITLE@">
<meta property="og:title" content="Harbour ferry returns after winter repairs">
<meta property="og:description"
  content="The island ferry sails again after three months in dry dock.">
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "NewsArticle",
  "headline": "Harbour ferry returns after winter repairs",
  "description": "The island ferry sails again after three months in dry dock.",
  "datePublished": "@DATE@T08:30:00+00:00",
  "author": {"@type": "Person", "name": "Ada Lindqvist"},
  "publisher": {"@type": "Organization", "name": "@TITLE@", "url": "https://@DOMAIN@/"},
  "mainEntityOfPage": "https://@DOMAIN@/news/@DATE@/harbour-ferry-returns"
}
</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main>
<article>
<h1>Harbour ferry returns after winter repairs</h1>
<p class="byline">By Ada Lindqvist</p>
<div class="article-body">
<p>The island ferry returned to service on Monday morning after three months in dry dock,
where engineers replaced both engines and repainted the hull.</p>
<p>About forty passengers made the first crossing. &ldquo;We missed it more than we
expected,&rdquo; said one commuter, who had been taking the longer road route since October.</p>
<p>The operator said timetables would stay as they were before the repairs.</p>
</div>
<aside class="share">Share this article</aside>
</article>
</main>
<footer>&copy; @TITLE@</footer>
</body>
</html>
"""
