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
An existing ``DIR/NAME`` is never touched. The files are written from the
templates in ``scaffold_templates/``, where ``@NAME@``, ``@DOMAIN@`` and the
like are replaced (nothing else is).
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

TEMPLATES = Path(__file__).parent / "scaffold_templates"


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
        root / "pyproject.toml": "pyproject.toml",
        root / "README.md": "README.md",
        root / name / "__init__.py": "plugin.py",
        root / "tests" / f"test_{name}.py": "test_plugin.py",
        fixture: "fixture.html",
    }
    for path, template in files.items():
        text = (TEMPLATES / f"{template}.tmpl").read_text(encoding="utf-8")
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
