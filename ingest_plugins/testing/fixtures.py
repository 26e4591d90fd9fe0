"""Fixture files and their goldens: the naming convention, read and checked.

A fixture is ``<Site>_<YYYY-MM-DD>[_<label>]`` with a page or text suffix;
its golden is the same path with ``.json`` (see the package docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = [
    "FIXTURE_NAME",
    "FIXTURE_SUFFIXES",
    "GOLDEN_SUFFIX",
    "Fixture",
    "FixtureError",
    "find_fixtures",
    "fixture_name",
    "golden_path",
    "read_fixture",
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
