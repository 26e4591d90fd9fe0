"""The reviewed JSON in mappings/ is exactly what the code creates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest_plugins.es.mappings import articles_mapping, comments_mapping

MAPPINGS = Path(__file__).parent.parent / "mappings"


@pytest.mark.parametrize(
    ("name", "build"), [("articles", articles_mapping), ("comments", comments_mapping)]
)
def test_checked_in_mapping_matches_the_code(name: str, build: object) -> None:
    checked_in = json.loads((MAPPINGS / f"{name}.json").read_text())
    assert checked_in == build(), f"run scripts/write-mappings and review mappings/{name}.json"  # type: ignore[operator]
