"""The time budget of one input: past it, that input fails with one line, the run goes on.

A plugin that never returns stands for whatever makes one input slow. The
budget is small here so the tests end soon; the normal inputs take
milliseconds of it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from pathlib import Path

import pytest

from ingest_plugins import Article, Document, Source, SourceText
from ingest_plugins.budget import DEFAULT_PARSE_BUDGET, BudgetExceeded, time_budget
from ingest_plugins.cli import build_parser, main
from ingest_plugins.parallel import HostSettings, process_parallel
from ingest_plugins.pipeline import Failure, Pipeline
from ingest_plugins.plugins import Host
from tests.plugin_helpers import sources_plugin

BUDGET = 2.0


def _quick(text: SourceText) -> Article:
    return Article(title={"en": "Quick"}, body={"en": "A quick article about the budget."})


def _stuck(text: SourceText) -> Article:
    while True:  # a plugin that never returns
        time.sleep(0.01)


def _stuck_catching_everything(text: SourceText) -> Article:
    with contextlib.suppress(Exception):  # (what a careless plugin does: no use here)
        _stuck(text)
    return _quick(text)


def _host() -> Host:
    host = Host()
    sources = (
        Source("quick", claim=lambda t: t.text.startswith("QUICK"), parse=_quick),
        Source("stuck", claim=lambda t: t.text.startswith("STUCK"), parse=_stuck),
        Source(
            "careless",
            claim=lambda t: t.text.startswith("CARELESS"),
            parse=_stuck_catching_everything,
        ),
    )
    host.register(sources_plugin(*sources), "budget_test", "code")
    return host


def _inputs(folder: Path) -> list[str]:
    for name, text in (("a.txt", "QUICK one"), ("b.txt", "STUCK"), ("c.txt", "CARELESS")):
        (folder / name).write_text(text + "\n\nSome words of text.\n")
    (folder / "d.txt").write_text("QUICK two\n\nSome words of text.\n")
    return [str(folder)]


def _by_name(results: list[Document | Failure]) -> dict[str, Document | Failure]:
    return {Path(r.path).name: r for r in results}


def test_an_input_over_budget_fails_alone(tmp_path: Path) -> None:
    pipeline = Pipeline(_host(), parse_budget=BUDGET)
    results = _by_name(list(pipeline.process(_inputs(tmp_path))))
    assert isinstance(results["a.txt"], Document) and isinstance(results["d.txt"], Document)
    for name in ("b.txt", "c.txt"):
        failure = results[name]
        assert isinstance(failure, Failure)
        assert str(failure) == (
            f"{tmp_path / name}: given up: parsing took longer than the time budget "
            f"of {BUDGET:g} s per input"
        )
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


_STUCK_PLUGIN = """
import time
from ingest_plugins import Article, Source, hookimpl

def parse(text):
    if text.text.startswith("STUCK"):
        while True:
            time.sleep(0.01)
    return Article(title={"en": "Quick"}, body={"en": "A quick article."})

@hookimpl
def ingest_sources():
    return [Source("budget", claim=lambda t: True, parse=parse)]
"""


def _stuck_plugin_and_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """A plugin file whose parse never returns on inputs starting STUCK, and three inputs."""
    plugin = tmp_path / "budget_plugin.py"
    plugin.write_text(_STUCK_PLUGIN)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name, text in (("a.txt", "QUICK"), ("b.txt", "STUCK"), ("c.txt", "QUICK")):
        (inputs / name).write_text(text + "\n\nSome words of text.\n")
    return plugin, inputs


def test_workers_give_up_on_an_input_over_budget(tmp_path: Path) -> None:
    plugin, inputs = _stuck_plugin_and_inputs(tmp_path)
    settings = HostSettings(extra=(str(plugin),), disable=("vt", "aljazeera"), parse_budget=BUDGET)
    results = _by_name(list(process_parallel([str(inputs)], 2, settings)))
    assert isinstance(results["a.txt"], Document) and isinstance(results["c.txt"], Document)
    failure = results["b.txt"]
    assert isinstance(failure, Failure)
    assert f"time budget of {BUDGET:g} s" in failure.reason


@pytest.mark.parametrize("workers", ["1", "2"])
def test_parse_budget_flag(
    tmp_path: Path, workers: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin, inputs = _stuck_plugin_and_inputs(tmp_path)
    plugin_args = ["--plugin", str(plugin), "--disable", "vt", "--disable", "aljazeera"]
    args = ["parse", str(inputs), *plugin_args, "--workers", workers, "--parse-budget", "1.5"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2  # a.txt and c.txt
    assert err.splitlines()[0] == (
        f"ingest: {inputs / 'b.txt'}: given up: parsing took longer than the time budget "
        "of 1.5 s per input"
    )


def test_parse_budget_flag_values(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    assert parser.parse_args(["parse", "x"]).parse_budget == DEFAULT_PARSE_BUDGET
    assert parser.parse_args(["run", "x", "--parse-budget", "0"]).parse_budget is None
    assert parser.parse_args(["run", "x", "--parse-budget", "2.5"]).parse_budget == 2.5
    with pytest.raises(SystemExit) as refused:
        parser.parse_args(["parse", "x", "--parse-budget", "-1"])
    assert refused.value.code == 2
    assert "--parse-budget: must be 0 (no limit) or more, not -1" in capsys.readouterr().err


def test_no_budget_and_other_threads_run_unbounded() -> None:
    with time_budget(None):
        time.sleep(0.05)
    seen: list[object] = []

    def in_a_thread() -> None:
        with time_budget(0.01):
            time.sleep(0.05)  # no alarm outside the main thread
        seen.append(signal.getitimer(signal.ITIMER_REAL))

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert seen == [(0.0, 0.0)]


def test_the_budget_raises_in_the_running_code() -> None:
    with pytest.raises(BudgetExceeded) as exceeded, time_budget(0.05):
        while True:
            time.sleep(0.01)
    assert exceeded.value.seconds == 0.05
    assert not isinstance(exceeded.value, Exception)
