"""The ``ingest`` commands that need no Elasticsearch: parse and plugins."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ingest_plugins.cli import DEFAULT_RETRY_FOR, Progress, build_parser, main
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


def test_a_step_with_nothing_to_count_shows_a_status_until_done() -> None:
    quiet, shown = io.StringIO(), FakeTerminal()
    for stream in (quiet, shown):
        progress = Progress(stream, "indexing", [str(SEEDS)])
        progress.status("linking near-duplicate stories...")
        progress.done()
    assert quiet.getvalue() == ""
    assert shown.getvalue() == "\r\033[Klinking near-duplicate stories...\r\033[K"


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


# ------------------------------------------------------------------ startup: no client import
PROBE = """
import sys
from ingest_plugins.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
heavy = [m for m in sys.modules if m.split(".")[0] in ("elasticsearch", "elastic_transport")
         or m.startswith("ingest_plugins.es") or m == "concurrent.futures.process"]
print("heavy:" + ",".join(sorted(heavy)), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize(
    "args",
    [["parse", str(next(iter(sorted(SEEDS.iterdir()))))], ["plugins"], ["--help"]],
    ids=["parse", "plugins", "help"],
)
def test_commands_without_elasticsearch_never_import_its_client(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "heavy:", done.stderr
    assert done.stdout


def test_the_retry_default_in_the_help_is_the_policy_default() -> None:
    from ingest_plugins.es.retry import RetryPolicy

    assert RetryPolicy().retry_for == DEFAULT_RETRY_FOR


# ------------------------------------------------------------------ help
def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_description_lists_every_command_with_its_summary() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    commands = _commands(parser)
    assert {"run", "parse", "search", "plugins", "mappings", "reindex"} <= set(commands)
    for name, command in commands.items():
        assert command.description, f"{name} has no one-line summary"
        line = re.search(rf"^  {re.escape(name)} +(.+)$", help_text, flags=re.M)
        assert line, f"`ingest --help` does not list {name}"
        assert line.group(1) == command.description
    assert "exit status:" in help_text


def test_every_argument_of_every_command_has_help() -> None:
    parser = build_parser()
    for prog, command in [("ingest", parser), *_commands(parser).items()]:
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, (
                f"{prog}: {action.option_strings or action.dest} has no help"
            )


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert "usage: ingest" in capsys.readouterr().out


# ------------------------------------------------------------------ no input files
@pytest.mark.parametrize("command", ["parse", "run"])
def test_a_path_without_input_files_is_one_line_and_exit_1(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("INGEST_ES_URL", "https://127.0.0.1:9")  # never contacted
    empty, hidden = tmp_path / "empty", tmp_path / "only-hidden"
    empty.mkdir()
    (hidden / "sub").mkdir(parents=True)
    (hidden / ".notes.txt").write_text("dot files are skipped")
    assert main([command, str(empty), str(hidden)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"ingest: no input files under {empty}, {hidden}"]


def test_an_empty_folder_next_to_inputs_is_named_and_the_rest_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path), str(SEEDS)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert captured.err.splitlines()[0] == f"ingest: no input files under {tmp_path}"
    assert "no input files" not in "".join(captured.err.splitlines()[1:])


def test_a_missing_path_is_a_failure_not_an_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"ingest: {tmp_path / 'missing'}: no such file or directory"]


# ------------------------------------------------------------------ plugin loading
@pytest.mark.parametrize("command", [["parse", str(SEEDS)], ["plugins"]], ids=["parse", "plugins"])
def test_strict_with_a_broken_plugin_is_one_line_and_exit_2(
    command: list[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("raise ImportError('no module named lxml_extra')\n")
    ingest = str(Path(sys.executable).parent / "ingest")
    args = [ingest, command[0], "--strict", "--plugin", str(broken), *command[1:]]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("ingest: plugin error: plugin 'broken' failed to load")
    assert "no module named lxml_extra" in done.stderr


def test_unknown_plugin_names_are_warned_about_and_nothing_stops(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INGEST_PLUGINS", "vt,aljazeera,typo")
    monkeypatch.setenv("INGEST_DISABLE_PLUGINS", "nosuch")
    assert main(["parse", "--disable", "gone", str(SEEDS)]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert captured.err.splitlines()[:3] == [
        "ingest: warning: INGEST_PLUGINS names 'typo', but no such plugin is installed",
        "ingest: warning: --disable/INGEST_DISABLE_PLUGINS names 'gone', but no such plugin "
        "is installed",
        "ingest: warning: --disable/INGEST_DISABLE_PLUGINS names 'nosuch', but no such plugin "
        "is installed",
    ]


def test_plugins_warns_about_an_unknown_disable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json", "--disable", "nosuch"]) == 0
    captured = capsys.readouterr()
    assert "ingest: warning: --disable/INGEST_DISABLE_PLUGINS names 'nosuch'" in captured.err
    assert {"vt", "aljazeera"} <= {json.loads(line)["name"] for line in captured.out.splitlines()}


def test_parse_ends_by_listing_suspect_documents(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [
        "ingest: 1 document(s) look suspect (layout change?):",
        f"ingest:   {SEEDS / '000_69b621c95946143e.txt'} (no title; no date)",
    ]
