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


def test_toolkit_reference_is_up_to_date() -> None:
    from scripts.write_toolkit_docs import DOC as TOOLKIT
    from scripts.write_toolkit_docs import render

    assert TOOLKIT.read_text() == render(), "run: python -m scripts.write_toolkit_docs"


def test_the_walkthrough_plugin_works_as_the_page_says(tmp_path: Path) -> None:
    """The walkthrough's code blocks, run as one module on the page it names."""
    from ingest_plugins.pipeline import Pipeline
    from ingest_plugins.plugins import Host, import_plugin

    section = DOC.split("\n## Walkthrough: a plugin for a new site\n", 1)[1].split("\n## ", 1)[0]
    code = "\n\n".join(re.findall(r"```python\n(.*?)```", section, flags=re.S))
    assert 60 <= len(code.splitlines()) <= 140, "the walkthrough should stay about 100 lines"
    module_file = tmp_path / "dnipro_ledger.py"
    module_file.write_text(code)
    host = Host()
    host.register(import_plugin(str(module_file)), "dnipro_ledger")
    page = Path(__file__).parent / "fixtures" / "walkthrough" / "DniproLedger_2024-03-05.html"
    document = Pipeline(host).parse_file(str(page))
    article = document.article
    assert article.source == "dnipro_ledger"
    assert article.title == {"uk": "Міст через Дніпро відкриють до літа"}
    assert list(article.body) == ["uk"] and len(article.body["uk"].split("\n\n")) == 3
    assert "Читайте також" not in article.body["uk"]
    assert any("Читайте також" in b for b in article.boilerplate)
    assert any("Telegram" in b for b in article.boilerplate)
    assert article.disclaimers == (
        "Редакція може не поділяти думку авторів коментарів і не відповідає за їхній зміст.",
    )
    assert article.authors == ("Олена Коваль",)
    assert article.published == "2024-03-05T09:30:00+02:00"
    assert article.url == "https://dniproledger.example/news/2024/03/05/mist-cherez-dnipro"
    assert [(c.id, c.parent, c.depth, c.author) for c in article.comments] == [
        ("comment-101", None, 0, "Іван"),
        ("comment-102", "comment-101", 1, "Марія"),
        ("comment-103", None, 0, "Петро"),
    ]
    assert all(c.lang == "uk" for c in article.comments)
    assert document.warnings == ()
