"""The ``ingest`` commands that need no Elasticsearch: parse and plugins."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest_plugins.cli import Progress, main
from tests.conftest import SEEDS
from tests.plugin_helpers import EXAMPLE_FILE

REQUIRED = {"path", "id", "source", "url", "title", "summary", "body", "authors", "published",
            "languages", "disclaimers", "comments"}  # fmt: skip


def test_parse_prints_one_json_object_per_seed(capsys: pytest.CaptureFixture[str]) -> None:
    paths = sorted(str(p) for p in SEEDS.iterdir())
    assert main(["parse", *paths]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == paths
    assert [r["source"] for r in records] == ["vt", "aljazeera"]
    for record in records:
        assert set(record) >= REQUIRED
        for comment in record["comments"]:
            assert {"id", "parent", "depth", "text", "lang"} <= set(comment)


def test_parse_reports_bad_inputs_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main(["parse", str(SEEDS), str(tmp_path / "blob.bin")]) == 1
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 2
    assert f"{tmp_path / 'blob.bin'}: binary data, not text" in out.err


def test_plugins_json_lists_the_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json"]) == 0
    plugins = {p["name"]: p for p in map(json.loads, capsys.readouterr().out.splitlines())}
    assert {"vt", "aljazeera"} <= set(plugins)
    assert plugins["vt"]["module"] == "ingest_plugins.sources.vt"
    assert plugins["vt"]["hooks"] == ["ingest_sources"]
    assert plugins["vt"]["sources"] == ["vt"]
    assert plugins["vt"]["version"] == "0.1.0"


def test_plugins_lists_a_one_off_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--plugin", str(EXAMPLE_FILE)]) == 0
    out = capsys.readouterr().out
    assert "ingest_example_wire 0.2.0" in out and f"--plugin {EXAMPLE_FILE}" in out


def test_a_plugin_that_fails_to_load_is_named_and_the_rest_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken_source.py"
    broken.write_text("raise RuntimeError('half-installed dependency')\n")
    assert main(["parse", "--plugin", str(broken), str(SEEDS)]) == 0
    out = capsys.readouterr()
    assert "plugin 'broken_source' failed to load" in out.err
    assert "half-installed dependency" in out.err
    assert len(out.out.splitlines()) == 2


def test_strict_stops_on_a_plugin_that_fails_to_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken_source.py"
    broken.write_text("raise RuntimeError('half-installed dependency')\n")
    assert main(["parse", "--strict", "--plugin", str(broken), str(SEEDS)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "'broken_source'" in lines[0] and "half-installed dependency" in lines[0]


def test_console_script_is_installed() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ingest"), "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("ingest ")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    quiet, shown = io.StringIO(), FakeTerminal()
    for stream in (quiet, shown):
        progress = Progress(stream, "parsing", [str(SEEDS)])
        progress.tick()
        progress.tick()
        progress.done()
    assert quiet.getvalue() == ""
    assert "parsing [##############################] 2/2" in shown.getvalue()


def test_parse_with_workers_gives_the_same_output_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(20):
        for seed in SEEDS.iterdir():
            (tmp_path / f"{i:02d}-{seed.name}").write_bytes(seed.read_bytes())
    (tmp_path / "10-empty.txt").write_bytes(b"")
    outputs = []
    for workers in ("1", "2"):
        assert main(["parse", "--workers", workers, str(tmp_path)]) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out
    assert len(outputs[0].out.splitlines()) == 40
    assert outputs[0].err == outputs[1].err
    assert "10-empty.txt: empty input" in outputs[1].err
