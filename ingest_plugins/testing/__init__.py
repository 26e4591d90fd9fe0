"""Golden-file tests for source plugins: one reviewed JSON file per fixture page.

A plugin's tests keep real pages of its site as *fixtures* and, for each,
the *golden* JSON of what the parser must extract from it. A test parses
every fixture through the real host pipeline (decode, route among the
given plugins, parse, ``check_article``) and compares the result with its
golden; ``pytest --update-goldens`` rewrites the goldens instead of
failing, so a parser change is reviewed as a diff of the goldens.

Convention (fixtures are named like fundus names its test pages)::

    tests/fixtures/<source>/<Site>_<YYYY-MM-DD>.html    a saved page
    tests/fixtures/<source>/<Site>_<YYYY-MM-DD>.json    its golden, next to it

* ``<Site>`` is the site's name in CamelCase, letters and digits only
  (``VT``, ``AlJazeera``, ``DemoSite``);
* ``<YYYY-MM-DD>`` is the date the page itself says it was published;
* a fixture is a saved page (``.html``, ``.htm``) or a text copy (``.txt``);
* when one site has two fixtures of the same day, add a lower-case label:
  ``VT_2024-05-20_comments.html``;
* the golden is the fixture's path with the suffix ``.json``: one golden per
  fixture, so two fixtures may not share a stem (``X.html`` and ``X.txt``).

``find_fixtures`` lists a folder's fixtures (no hand-written lists) and
refuses misnamed fixtures and goldens without a fixture, so a renamed page
cannot leave a stale golden behind.

The golden format is ``json.dumps(record, ensure_ascii=False, indent=2,
sort_keys=True)`` plus a final newline, where the record is
``dataclasses.asdict`` of the checked ``Article`` (``article_record``): the
path, the id and the encoding report are left out, so moving a fixture
never changes its golden. Goldens are compared as JSON values, so a
golden written by hand in another layout (or without the final newline)
still matches, and ``--update-goldens`` only rewrites goldens whose value
differs.

A test module::

    from pathlib import Path

    import pytest

    import my_site
    from ingest_plugins.testing import Fixture, check_fixture, find_fixtures

    FIXTURES = Path(__file__).parent / "fixtures"


    @pytest.mark.parametrize("fixture", find_fixtures(FIXTURES), ids=str)
    def test_fixture_matches_golden(fixture: Fixture) -> None:
        check_fixture(fixture, [my_site])

This package is also a pytest plugin (registered through the ``pytest11``
entry point of ingest-plugins, so it is active wherever ingest-plugins is
installed): it adds ``--update-goldens``. It imports nothing heavy until a
function that needs the pipeline is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fixtures import (
    FIXTURE_NAME,
    FIXTURE_SUFFIXES,
    GOLDEN_SUFFIX,
    Fixture,
    FixtureError,
    find_fixtures,
    fixture_name,
    golden_path,
    read_fixture,
)
from .goldens import (
    _SESSIONS,
    UPDATE_OPTION,
    _Session,
    assert_golden,
    golden_diff,
    render_golden,
    update_requested,
)
from .parse import Plugins, article_record, check_fixture, parse_fixture, plugin_host

if TYPE_CHECKING:
    import pytest

__all__ = [
    "FIXTURE_NAME",
    "FIXTURE_SUFFIXES",
    "GOLDEN_SUFFIX",
    "UPDATE_OPTION",
    "Fixture",
    "FixtureError",
    "Plugins",
    "article_record",
    "assert_golden",
    "check_fixture",
    "find_fixtures",
    "fixture_name",
    "golden_diff",
    "golden_path",
    "parse_fixture",
    "plugin_host",
    "read_fixture",
    "render_golden",
    "update_requested",
]


# The pytest plugin (entry point ``pytest11``: ``ingest_plugins``)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-goldens`` to pytest."""
    group = parser.getgroup("ingest-plugins", "ingest-plugins golden files")
    group.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        dest="update_goldens",
        help="write golden JSON files that are missing or differ from the parser's output "
        "(ingest_plugins.testing.assert_golden) instead of failing; review the diff after",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Remember whether this run updates goldens."""
    _SESSIONS.append(_Session(update=bool(config.getoption("update_goldens", False))))


def pytest_unconfigure(config: pytest.Config) -> None:
    """Forget this run (an outer ``pytester`` run gets its own setting back)."""
    if _SESSIONS:
        _SESSIONS.pop()


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say so in the header when goldens are being rewritten."""
    if not update_requested():
        return None
    return f"ingest-plugins: {UPDATE_OPTION}: goldens that differ are rewritten"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the golden files this run wrote."""
    if not _SESSIONS or not _SESSIONS[-1].written:
        return
    written = _SESSIONS[-1].written
    terminalreporter.write_sep("-", f"ingest-plugins: wrote {len(written)} golden file(s)")
    for path in written:
        terminalreporter.write_line(str(path))
