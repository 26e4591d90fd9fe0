"""Test helpers: load the example third-party plugin and fake installed distributions."""

from __future__ import annotations

import importlib
import sys
import textwrap
import types
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from ingest_plugins import Source, hookimpl

EXAMPLE_DIR = Path(__file__).parent / "example_plugin"
EXAMPLE_FILE = EXAMPLE_DIR / "ingest_example_wire.py"

WIRE_TEXT = "EXAMPLE WIRE\nTreaty signed\n2024-05-01\n\nTwo nations signed a treaty today.\n"


def example_module() -> ModuleType:
    if str(EXAMPLE_DIR) not in sys.path:
        sys.path.insert(0, str(EXAMPLE_DIR))
    return importlib.import_module("ingest_example_wire")


def fake_distribution(root: Path, name: str, version: str, entry_points: dict[str, str]) -> Path:
    """A ``*.dist-info`` folder, as pip would install, declaring ``ingest_plugins`` entry points.

    Put ``root`` on ``sys.path`` and ``importlib.metadata`` finds it like any
    installed package: this is the real discovery mechanism, not a mock.
    """
    info = root / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    lines = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(textwrap.dedent(f"[ingest_plugins]\n{lines}\n"))
    return info


def sources_plugin(*sources: Source, name: str = "test_sources") -> ModuleType:
    """A plugin module whose ``ingest_sources`` returns ``sources``."""
    module = types.ModuleType(name)

    @hookimpl
    def ingest_sources() -> Sequence[Source]:
        return sources

    module.ingest_sources = ingest_sources  # type: ignore[attr-defined]
    return module
