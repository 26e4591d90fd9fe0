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

This module is also a pytest plugin (registered through the ``pytest11``
entry point of ingest-plugins, so it is active wherever ingest-plugins is
installed): it adds ``--update-goldens``. It imports nothing heavy until a
function that needs the pipeline is called.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import pytest

    from .document import Document
    from .plugins import Host

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

FIXTURE_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt")
"""Suffixes of fixture files: saved pages and text copies. Other files are ignored."""

GOLDEN_SUFFIX = ".json"
"""The suffix of a golden file (same stem as its fixture, same folder)."""

FIXTURE_NAME = re.compile(
    r"(?P<site>[A-Z][A-Za-z0-9]*)"
    r"_(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:_(?P<label>[a-z0-9]+(?:-[a-z0-9]+)*))?"
)
"""The stem of a fixture's file name: ``<Site>_<YYYY-MM-DD>`` with an optional ``_<label>``."""

UPDATE_OPTION = "--update-goldens"
"""The pytest option that makes ``assert_golden`` write goldens instead of failing."""

DIFF_LINE_LIMIT = 240
"""Lines of the unified diff in a failure message are cut at this many characters."""

MAX_LISTED_DIFFERENCES = 12
"""A failure message names at most this many differing fields."""

Plugins: TypeAlias = "Host | ModuleType | str | Iterable[ModuleType | str]"
"""What the functions here accept as "the plugins": a ready ``Host``, or plugin
modules and names of installed (entry-point) plugins, one or several."""


class FixtureError(ValueError):
    """A fixture folder breaks the naming convention (the message lists every problem)."""


@dataclass(frozen=True)
class Fixture:
    """One fixture file and what its name says."""

    path: Path
    site: str
    """``VT``, ``AlJazeera``: the ``<Site>`` part of the name."""
    date: str
    """The ``YYYY-MM-DD`` part of the name: the page's own publication date."""
    label: str | None = None
    """The optional ``_<label>`` part, for two fixtures of one site and day."""

    @property
    def golden(self) -> Path:
        """The golden file of this fixture (it may not exist yet)."""
        return golden_path(self.path)

    @property
    def name(self) -> str:
        """The fixture's file name, e.g. ``VT_2019-03-14.html`` (a good pytest id)."""
        return self.path.name

    def __str__(self) -> str:
        return self.name


def fixture_name(
    site: str, day: str | date, suffix: str = ".html", label: str | None = None
) -> str:
    """The file name of a fixture: ``fixture_name("VT", "2019-03-14")`` is ``VT_2019-03-14.html``.

    Raises ``FixtureError`` when the parts do not make a valid name.
    """
    day = day.isoformat() if isinstance(day, date) else day
    name = f"{site}_{day}" + (f"_{label}" if label else "") + suffix
    read_fixture(Path(name))
    return name


def read_fixture(path: str | Path) -> Fixture:
    """The ``Fixture`` of ``path``, from its name; ``FixtureError`` when the name is not one."""
    path = Path(path)
    if path.suffix not in FIXTURE_SUFFIXES:
        raise FixtureError(
            f"{path.name}: a fixture ends in {', '.join(FIXTURE_SUFFIXES)}, not {path.suffix!r}"
        )
    match = FIXTURE_NAME.fullmatch(path.stem)
    if match is None:
        raise FixtureError(
            f"{path.name}: a fixture is named <Site>_<YYYY-MM-DD>[_<label>]{path.suffix} "
            "(Site in CamelCase letters and digits, label in lower case), e.g. "
            f"VT_2019-03-14{path.suffix}"
        )
    try:
        date.fromisoformat(match["date"])
    except ValueError:
        raise FixtureError(f"{path.name}: {match['date']} is not a date") from None
    return Fixture(path, match["site"], match["date"], match["label"])


def golden_path(fixture: str | Path) -> Path:
    """The golden of a fixture: the same path with the suffix ``.json``."""
    return Path(fixture).with_suffix(GOLDEN_SUFFIX)


def find_fixtures(folder: str | Path) -> list[Fixture]:
    """Every fixture in ``folder`` (not its subfolders), sorted by file name.

    Files whose suffix is not a fixture's or a golden's, and hidden files,
    are ignored. Raises ``FixtureError``, listing every problem, when the
    folder does not exist, a fixture is misnamed, two fixtures share a
    golden, or a golden has no fixture (left behind by a rename). A fixture
    without a golden is fine here: its test fails (or, with
    ``--update-goldens``, writes the golden).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FixtureError(f"{folder}: no such fixture folder")
    problems: list[str] = []
    fixtures: list[Fixture] = []
    goldens: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix == GOLDEN_SUFFIX:
            goldens.append(path)
        elif path.suffix in FIXTURE_SUFFIXES:
            try:
                fixtures.append(read_fixture(path))
            except FixtureError as err:
                problems.append(str(err))
    stems: dict[str, str] = {}
    for fixture in fixtures:
        stem = fixture.path.stem
        if stem in stems:
            problems.append(
                f"{stems[stem]} and {fixture.name} would share the golden {stem}{GOLDEN_SUFFIX}"
            )
        stems.setdefault(stem, fixture.name)
    problems += [
        f"{golden.name}: a golden without a fixture (renamed or deleted?)"
        for golden in goldens
        if golden.stem not in stems
    ]
    if problems:
        raise FixtureError(f"{folder}: " + "; ".join(problems))
    return fixtures


# ---------------------------------------------------------------------------
# Parsing a fixture through the host
# ---------------------------------------------------------------------------


def plugin_host(plugins: Plugins) -> Host:
    """A host with exactly ``plugins`` loaded, as ``ingest`` would load them.

    ``plugins`` is a ``Host`` (returned as it is), or plugin modules and
    names of installed plugins (entry points of the ``ingest_plugins``
    group), one or several. A module is registered under the last part of
    its name (``ingest_plugins.sources.vt`` as ``vt``). Environment
    settings (``INGEST_PLUGINS``, ``INGEST_DISABLE_PLUGINS``) play no part.
    A plugin that fails to load raises ``PluginError``.
    """
    from .plugins import ALLOW_ENV, Host, PluginError, load_host

    if isinstance(plugins, Host):
        return plugins
    items = [plugins] if isinstance(plugins, ModuleType | str) else list(plugins)
    names = [item for item in items if isinstance(item, str)]
    host = load_host(env={ALLOW_ENV: ",".join(names)}, strict=True) if names else Host()
    missing = sorted(set(names) - set(host.infos))
    if missing:
        raise PluginError(f"no installed plugin named {', '.join(map(repr, missing))}")
    for item in items:
        if isinstance(item, ModuleType):
            host.register(item, item.__name__.rsplit(".", 1)[-1], provider=__name__)
    return host


def article_record(document: Document) -> dict[str, Any]:
    """The golden record of a parsed document: ``dataclasses.asdict`` of its
    ``Article`` as JSON values (tuples become lists), plus ``"extra"`` with the
    fields of ``ingest_enrich`` hooks when any plugin added some."""
    record = dataclasses.asdict(document.article)
    if document.extra:
        record["extra"] = dict(document.extra)
    value: dict[str, Any] = json.loads(json.dumps(record, ensure_ascii=False))
    return value


def parse_fixture(path: str | Path, plugins: Plugins) -> dict[str, Any]:
    """The record (``article_record``) of the fixture at ``path``, parsed by the host's
    pipeline with ``plugins``: decoded and repaired, routed to the one source that
    claims it, parsed and checked, exactly as ``ingest`` does (``Pipeline.parse_bytes``).

    Raises ``InputError`` when the pipeline refuses the input (no source claims
    it, two do, the parser fails or returns a bad ``Article``).
    """
    from .pipeline import Pipeline

    path = Path(path)
    document = Pipeline(plugin_host(plugins)).parse_bytes(path.read_bytes(), str(path))
    return article_record(document)


# ---------------------------------------------------------------------------
# Comparing with goldens
# ---------------------------------------------------------------------------


def render_golden(record: Any) -> str:
    """The text of a golden file: sorted keys, indent 2, no ASCII escapes, final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _short(value: Any, at: int = 0, width: int = 60) -> str:
    """``value`` as JSON, cut to about ``width`` characters around position ``at``."""
    if isinstance(value, str) and len(value) > width:
        start = max(0, at - width // 3)
        piece = value[start : start + width]
        text = json.dumps(piece, ensure_ascii=False)
        return ("…" if start else "") + text + ("…" if start + width < len(value) else "")
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def _differences(expected: Any, actual: Any, where: str = "") -> Iterator[str]:
    """One line per differing leaf of two JSON values, naming its path."""
    here = where or "the record"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(expected.keys() | actual.keys()):
            sub = f"{where}.{key}" if where else key
            if key not in actual:
                yield f"{sub}: in the golden, missing from the output"
            elif key not in expected:
                yield f"{sub}: in the output, not in the golden: {_short(actual[key])}"
            else:
                yield from _differences(expected[key], actual[key], sub)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield f"{here}: {len(expected)} item(s) in the golden, {len(actual)} in the output"
        for index, (old, new) in enumerate(zip(expected, actual, strict=False)):
            yield from _differences(old, new, f"{where}[{index}]")
    elif isinstance(expected, str) and isinstance(actual, str):
        if expected != actual:
            at = next(
                (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                min(len(expected), len(actual)),
            )
            yield (
                f"{here}: differs at character {at}: golden {_short(expected, at)}, "
                f"output {_short(actual, at)}"
            )
    elif render_golden(expected) != render_golden(actual):
        yield f"{here}: golden {_short(expected)}, output {_short(actual)}"


def golden_diff(expected: Any, actual: Any, name: str = "golden") -> str:
    """A readable account of how ``actual`` differs from the golden value ``expected``:
    the differing fields by path (``body.en``, ``comments[2].text``) with the spot
    where a text changes, then a unified diff of the two golden texts (long lines cut).
    ``""`` when they are equal."""
    differences = list(_differences(expected, actual))
    if not differences:
        return ""
    lines = [f"  {line}" for line in differences[:MAX_LISTED_DIFFERENCES]]
    if len(differences) > MAX_LISTED_DIFFERENCES:
        lines.append(f"  … and {len(differences) - MAX_LISTED_DIFFERENCES} more")
    diff = difflib.unified_diff(
        render_golden(expected).splitlines(),
        render_golden(actual).splitlines(),
        fromfile=name,
        tofile="parser output",
        lineterm="",
        n=1,
    )
    for line in diff:
        cut = len(line) > DIFF_LINE_LIMIT
        lines.append(line[:DIFF_LINE_LIMIT] + (" …" if cut else ""))
    return "\n".join(lines)


@dataclass
class _Session:
    """What one pytest run asked for, and which goldens it wrote."""

    update: bool = False
    written: list[Path] = field(default_factory=list)


_SESSIONS: list[_Session] = []
"""The pytest runs in progress, innermost last (``pytester`` nests them)."""


def update_requested() -> bool:
    """True when the running pytest was given ``--update-goldens``."""
    return bool(_SESSIONS) and _SESSIONS[-1].update


def _write(golden: Path, record: Any, by_option: bool) -> None:
    """Write ``golden``; list it in the run's summary when ``--update-goldens`` asked."""
    golden.parent.mkdir(parents=True, exist_ok=True)
    golden.write_text(render_golden(record), encoding="utf-8")
    if by_option and _SESSIONS:
        _SESSIONS[-1].written.append(golden)


def assert_golden(record: Any, golden: str | Path, *, update: bool | None = None) -> None:
    """Check that ``record`` equals (as JSON) the value of the golden file ``golden``.

    On a difference, raises ``AssertionError`` with ``golden_diff``'s account
    and how to update. With ``update`` (default: whether pytest was given
    ``--update-goldens``), writes the golden instead, in ``render_golden``'s
    format; a golden whose value already matches is never rewritten.
    """
    __tracebackhide__ = True
    golden = Path(golden)
    by_option = update is None
    update = update_requested() if update is None else update
    actual = json.loads(json.dumps(record, ensure_ascii=False))
    hint = f"run pytest {UPDATE_OPTION} to write the parser's output, then review the diff"
    if not golden.exists():
        if update:
            _write(golden, actual, by_option)
            return
        raise AssertionError(f"no golden file {golden}: {hint}")
    text = golden.read_text(encoding="utf-8")
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as err:
        if update:
            _write(golden, actual, by_option)
            return
        raise AssertionError(f"golden file {golden} is not JSON ({err}): {hint}") from None
    if render_golden(expected) == render_golden(actual):
        return
    if update:
        _write(golden, actual, by_option)
        return
    raise AssertionError(
        f"the parser's output differs from the golden {golden}:\n"
        f"{golden_diff(expected, actual, golden.name)}\n({hint})"
    )


def check_fixture(
    fixture: Fixture | str | Path, plugins: Plugins, *, update: bool | None = None
) -> None:
    """``parse_fixture`` then ``assert_golden`` against the fixture's golden."""
    __tracebackhide__ = True
    path = fixture.path if isinstance(fixture, Fixture) else Path(fixture)
    assert_golden(parse_fixture(path, plugins), golden_path(path), update=update)


# ---------------------------------------------------------------------------
# The pytest plugin (entry point ``pytest11``: ``ingest_plugins``)
# ---------------------------------------------------------------------------


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
