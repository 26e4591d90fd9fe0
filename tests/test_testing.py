"""``ingest_plugins.testing``: fixture names, discovery, goldens and ``--update-goldens``."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest_plugins import InputError
from ingest_plugins.plugins import Host, PluginError
from ingest_plugins.sources import aljazeera, vt
from ingest_plugins.testing import (
    Fixture,
    FixtureError,
    assert_golden,
    check_fixture,
    find_fixtures,
    fixture_name,
    golden_diff,
    golden_path,
    parse_fixture,
    plugin_host,
    read_fixture,
    render_golden,
    update_requested,
)
from tests.plugin_helpers import WIRE_TEXT, example_module

pytest_plugins = ["pytester"]

FIXTURES = Path(__file__).parent / "fixtures"
VT_PAGE = FIXTURES / "vt" / "VT_2024-05-20.html"


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "site", "day", "label"),
    [
        ("VT_2019-03-14.html", "VT", "2019-03-14", None),
        ("AlJazeera_2023-03-09.htm", "AlJazeera", "2023-03-09", None),
        ("DemoSite2_2024-01-15_comments.txt", "DemoSite2", "2024-01-15", "comments"),
        ("VT_2024-05-20_page-2.html", "VT", "2024-05-20", "page-2"),
    ],
)
def test_read_fixture(name: str, site: str, day: str, label: str | None) -> None:
    fixture = read_fixture(Path("some/folder") / name)
    assert (fixture.site, fixture.date, fixture.label) == (site, day, label)
    assert fixture.golden == Path("some/folder") / (name.rsplit(".", 1)[0] + ".json")
    assert str(fixture) == fixture.name == name


@pytest.mark.parametrize(
    "name",
    [
        "vt_2019-03-14.html",  # the site is CamelCase
        "VT-2019-03-14.html",
        "VT_2019-3-14.html",
        "VT_2019-02-30.html",  # no such day
        "VT_2019-03-14_Comments.html",  # the label is lower case
        "VT_category_2019-03-14.html",  # the label comes after the date
        "VT_2019-03-14.json",
        "VT_2019-03-14.pdf",
        "tagdiv_2019.html",
    ],
)
def test_misnamed_fixtures_are_refused(name: str) -> None:
    with pytest.raises(FixtureError, match=r"VT_2019-03-14|not a date|a fixture ends in"):
        read_fixture(name)


def test_fixture_name() -> None:
    assert fixture_name("VT", "2019-03-14") == "VT_2019-03-14.html"
    assert fixture_name("DemoSite", "2024-01-15", ".txt", "wire") == "DemoSite_2024-01-15_wire.txt"
    with pytest.raises(FixtureError):
        fixture_name("demo site", "2024-01-15")
    assert golden_path("a/VT_2019-03-14.html") == Path("a/VT_2019-03-14.json")


# ---------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------


def test_find_fixtures_lists_fixtures_sorted_and_ignores_other_files(tmp_path: Path) -> None:
    for name in ("VT_2024-05-20.html", "AlJazeera_2018-10-14.html", "VT_2019-03-14.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "VT_2024-05-20.json").write_text("{}")
    (tmp_path / "README.md").write_text("notes")
    (tmp_path / ".VT_draft.html").write_text("hidden")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "misnamed.html").write_text("not looked at: subfolders are not walked")
    found = find_fixtures(tmp_path)
    assert [f.name for f in found] == [
        "AlJazeera_2018-10-14.html",
        "VT_2019-03-14.txt",
        "VT_2024-05-20.html",
    ]
    assert all(isinstance(f, Fixture) for f in found)


def test_find_fixtures_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "old_name_2019.html").write_text("x")
    (tmp_path / "VT_2019-03-14.html").write_text("x")
    (tmp_path / "VT_2019-03-14.txt").write_text("x")
    (tmp_path / "tagdiv_2019.json").write_text("{}")  # its page was renamed
    with pytest.raises(FixtureError) as raised:
        find_fixtures(tmp_path)
    message = str(raised.value)
    assert "old_name_2019.html: a fixture is named <Site>_<YYYY-MM-DD>" in message
    assert "VT_2019-03-14.html and VT_2019-03-14.txt would share the golden" in message
    assert "tagdiv_2019.json: a golden without a fixture" in message
    assert "\n" not in message


def test_find_fixtures_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="no such fixture folder"):
        find_fixtures(tmp_path / "nowhere")


def test_the_built_in_fixtures_follow_the_convention() -> None:
    found = {
        folder.name: find_fixtures(folder) for folder in (FIXTURES / "vt", FIXTURES / "aljazeera")
    }
    assert [f.name for f in found["vt"]] == [
        "VT_2019-03-14.html",
        "VT_2020-08-03_leaks.html",
        "VT_2024-05-20.html",
    ]
    assert [f.name for f in found["aljazeera"]] == [
        "AlJazeera_2018-10-14.html",
        "AlJazeera_2018-11-02_leaks.html",
        "AlJazeera_2023-03-09.html",
        "AlJazeera_2024-02-12_leaks.html",
    ]
    for fixture in [*found["vt"], *found["aljazeera"]]:
        golden = json.loads(fixture.golden.read_text(encoding="utf-8"))
        assert golden["published"].startswith(fixture.date)  # the page's own date


# ---------------------------------------------------------------------------
# Parsing through the host
# ---------------------------------------------------------------------------


def test_parse_fixture_runs_the_host_pipeline() -> None:
    record = parse_fixture(VT_PAGE, [vt, aljazeera])
    assert record["source"] == "vt"
    assert record["authors"] == ["Alex Rivera", "Sam Okafor"]  # lists, as in JSON
    assert set(record) == {
        "authors",
        "body",
        "boilerplate",
        "comments",
        "disclaimers",
        "published",
        "source",
        "summary",
        "title",
        "url",
    }
    assert record == json.loads(golden_path(VT_PAGE).read_text(encoding="utf-8"))


def test_parse_fixture_with_installed_plugin_names() -> None:
    assert parse_fixture(VT_PAGE, "vt") == parse_fixture(VT_PAGE, vt)
    with pytest.raises(PluginError, match="no installed plugin named 'no_such_plugin'"):
        plugin_host(["vt", "no_such_plugin"])


def test_parse_fixture_routes_like_the_host() -> None:
    with pytest.raises(InputError, match="no plugin claimed this input"):
        parse_fixture(VT_PAGE, [aljazeera])
    host = plugin_host([vt])
    assert isinstance(host, Host) and plugin_host(host) is host


def test_enrichment_is_recorded_under_extra(tmp_path: Path) -> None:
    page = tmp_path / "ExampleWire_2024-05-01.txt"
    page.write_text(WIRE_TEXT)
    record = parse_fixture(page, example_module())
    assert record["source"] == "example_wire"
    assert record["extra"] == {"word_count": 6}


# ---------------------------------------------------------------------------
# Goldens
# ---------------------------------------------------------------------------

RECORD = {"title": {"uk": "Київ"}, "body": {"en": "One.\n\nTwo."}, "authors": ["A"]}


def test_render_golden_is_stable_and_reviewable() -> None:
    assert render_golden(RECORD) == (
        '{\n  "authors": [\n    "A"\n  ],\n  "body": {\n    "en": "One.\\n\\nTwo."\n  },\n'
        '  "title": {\n    "uk": "Київ"\n  }\n}\n'
    )


def test_missing_golden_fails_and_says_how_to_write_it(tmp_path: Path) -> None:
    golden = tmp_path / "VT_2024-05-20.json"
    with pytest.raises(AssertionError, match=r"no golden file .*--update-goldens"):
        assert_golden(RECORD, golden, update=False)
    assert not golden.exists()
    assert_golden(RECORD, golden, update=True)
    assert golden.read_text(encoding="utf-8") == render_golden(RECORD)
    assert_golden(RECORD, golden, update=False)


def test_a_difference_is_shown_field_by_field_and_as_a_diff(tmp_path: Path) -> None:
    golden = tmp_path / "VT_2024-05-20.json"
    golden.write_text(render_golden(RECORD), encoding="utf-8")
    changed = {**RECORD, "body": {"en": "One.\n\nTwo!"}, "authors": ["A", "B"], "url": "u"}
    with pytest.raises(AssertionError) as raised:
        assert_golden(changed, golden, update=False)
    message = str(raised.value)
    assert "differs from the golden" in message
    assert 'body.en: differs at character 9: golden "One.\\n\\nTwo.", output "One.\\n\\nTwo!"' in (
        message
    )
    assert "authors: 1 item(s) in the golden, 2 in the output" in message
    assert 'url: in the output, not in the golden: "u"' in message
    assert '-    "en": "One.\\n\\nTwo."' in message and '+    "en": "One.\\n\\nTwo!"' in message
    assert "--- VT_2024-05-20.json" in message and "+++ parser output" in message
    assert golden.read_text(encoding="utf-8") == render_golden(RECORD)  # not touched


def test_golden_diff_points_into_long_texts() -> None:
    text = "word " * 500
    diff = golden_diff({"body": text}, {"body": text[:1200] + "WORD" + text[1204:]})
    assert "body: differs at character 1200" in diff
    assert "…" in diff
    assert all(len(line) < 300 for line in diff.splitlines())
    assert golden_diff(RECORD, json.loads(json.dumps(RECORD))) == ""


def test_a_matching_golden_is_never_rewritten(tmp_path: Path) -> None:
    golden = tmp_path / "VT_2019-03-14.json"
    # Another layout, no final newline: the same JSON value, so it matches as it is.
    golden.write_text(json.dumps(RECORD, ensure_ascii=True), encoding="utf-8")
    before = golden.read_bytes()
    assert_golden(RECORD, golden, update=True)
    assert golden.read_bytes() == before


def test_a_broken_golden_fails_and_is_rewritten_on_update(tmp_path: Path) -> None:
    golden = tmp_path / "VT_2019-03-14.json"
    golden.write_text("{not json", encoding="utf-8")
    with pytest.raises(AssertionError, match="is not JSON"):
        assert_golden(RECORD, golden, update=False)
    assert_golden(RECORD, golden, update=True)
    assert json.loads(golden.read_text(encoding="utf-8")) == RECORD


def test_check_fixture_compares_with_the_golden_next_to_the_fixture(tmp_path: Path) -> None:
    page = tmp_path / VT_PAGE.name
    page.write_bytes(VT_PAGE.read_bytes())
    with pytest.raises(AssertionError, match="no golden file"):
        check_fixture(page, [vt], update=False)
    check_fixture(read_fixture(page), [vt], update=True)
    assert page.with_suffix(".json").read_text(encoding="utf-8") == render_golden(
        json.loads(golden_path(VT_PAGE).read_text(encoding="utf-8"))
    )


# ---------------------------------------------------------------------------
# The pytest plugin
# ---------------------------------------------------------------------------


def test_the_pytest_plugin_is_registered_by_entry_point() -> None:
    # Every distribution, as pytest looks: a stale ``*.egg-info`` in the work tree
    # (on sys.path in this run) must not hide the installed one.
    declared = {
        (dist.metadata["Name"], ep.name, ep.value)
        for dist in importlib.metadata.distributions()
        for ep in dist.entry_points
        if ep.group == "pytest11"
    }
    assert ("ingest-plugins", "ingest_plugins", "ingest_plugins.testing") in declared


def test_update_goldens_is_off_by_default() -> None:
    assert update_requested() is False


GOLDEN_TEST = """
from pathlib import Path

from ingest_plugins.testing import assert_golden, update_requested

def test_record():
    assert_golden({"title": {"en": "New"}}, Path(__file__).parent / "Site_2024-01-01.json")
"""


def test_update_goldens_option(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_golden=GOLDEN_TEST)
    golden = pytester.path / "Site_2024-01-01.json"
    golden.write_text('{"title": {"en": "Old"}}\n', encoding="utf-8")

    failed = pytester.runpytest("-p", "no:cacheprovider")
    failed.assert_outcomes(failed=1)
    failed.stdout.fnmatch_lines(["*title.en: differs at character 0*", "*--update-goldens*"])

    updated = pytester.runpytest("-p", "no:cacheprovider", "--update-goldens")
    updated.assert_outcomes(passed=1)
    updated.stdout.fnmatch_lines(
        ["ingest-plugins: --update-goldens*", "*wrote 1 golden file(s)*", "*Site_2024-01-01.json"]
    )
    assert golden.read_text(encoding="utf-8") == render_golden({"title": {"en": "New"}})

    again = pytester.runpytest("-p", "no:cacheprovider")
    again.assert_outcomes(passed=1)
    assert "golden file(s)" not in again.stdout.str()
    assert update_requested() is False  # the inner runs did not leak their setting


def test_importing_the_plugin_stays_light() -> None:
    heavy = ("ingest_plugins.pipeline", "lxml", "ftfy", "charset_normalizer", "elasticsearch")
    code = (
        "import sys, ingest_plugins.testing\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
