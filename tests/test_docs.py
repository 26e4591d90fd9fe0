"""docs/plugins.md documents every hook, with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from ingest_plugins import hookspecs

DOC = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text()


def hook_names() -> list[str]:
    return sorted(
        name
        for name, fn in vars(hookspecs).items()
        if name.startswith("ingest_") and inspect.isfunction(fn)
    )


def test_every_hook_has_a_section_and_every_section_is_a_hook() -> None:
    documented = sorted(re.findall(r"^### (ingest_\w+)$", DOC, flags=re.M))
    assert documented == hook_names()


def test_documented_signatures_match_the_hookspecs() -> None:
    for name in hook_names():
        signature = str(inspect.signature(getattr(hookspecs, name))).replace("'", "")
        assert f"{name}{signature}" in DOC, f"docs/plugins.md: signature of {name} is out of date"


def test_every_hook_section_has_an_example() -> None:
    for name in hook_names():
        section = DOC.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        assert "@hookimpl" in section and f"def {name}(" in section


def _section(title: str) -> str:
    return DOC.split(f"\n### {title}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def test_every_field_of_the_boundary_values_is_documented() -> None:
    import dataclasses
    from functools import cached_property

    import ingest_plugins as api

    for cls in (
        api.SourceText,
        api.Source,
        api.Article,
        api.Comment,
        api.Document,
        api.EncodingReport,
    ):
        rows = set(re.findall(r"^\| `(\w+)` \|", _section(cls.__name__), flags=re.M))
        names = {f.name for f in dataclasses.fields(cls)}
        names |= {n for n, v in vars(cls).items() if isinstance(v, cached_property)}
        assert rows == names, f"docs/plugins.md, {cls.__name__}: documented {rows}, has {names}"
