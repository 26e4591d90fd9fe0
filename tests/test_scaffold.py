"""``ingest new-plugin``: the generated package installs, registers and passes its tests."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ingest_plugins import InputError, scaffold
from ingest_plugins.cli import main
from ingest_plugins.testing import find_fixtures, parse_fixture, plugin_host, render_golden

TIMEOUT = 300


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` offline, with no plugin selection from the caller's environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("INGEST_PLUGINS", "INGEST_DISABLE_PLUGINS", "PYTEST_ADDOPTS")
    }
    env |= {"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONNOUSERSITE": "1"}
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


def make_venv(path: Path) -> Path:
    """A venv that sees this interpreter's packages; its Python.

    ``--system-site-packages`` shows the base interpreter's packages. When the
    tests run in a venv themselves, ingest-plugins, pip and setuptools are in
    that venv's site folders instead: a ``.pth`` file adds them after the new
    venv's own, so what gets installed there comes first.
    """
    command = [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", path]
    subprocess.run([str(part) for part in command], check=True, timeout=TIMEOUT)
    python = path / "bin" / "python"
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = Path(run(python, "-c", code, cwd=path).stdout.strip())
    parents = [d for d in site.getsitepackages() if Path(d).is_dir()]
    lines = "".join(f"import site; site.addsitedir({d!r})\n" for d in parents)
    (purelib / "_ingest_tests_parent_site.pth").write_text(lines, encoding="utf-8")
    return python


def test_generated_plugin_installs_lists_and_passes_its_tests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-plugin", "demo_site", "--dir", str(tmp_path / "plugins")]) == 0
    package = tmp_path / "plugins" / "demo_site"
    assert "wrote" in capsys.readouterr().out

    python = make_venv(tmp_path / "venv")
    run(
        python,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        package,
        cwd=tmp_path,
    )

    listed = run(python, "-m", "ingest_plugins.cli", "plugins", "--json", cwd=tmp_path)
    plugins = {info["name"]: info for info in map(json.loads, listed.stdout.splitlines())}
    assert plugins["demo_site"]["sources"] == ["demo_site"]
    assert plugins["demo_site"]["module"] == "demo_site"
    assert plugins["demo_site"]["provider"].startswith("entry point of ingest-demo-site 0.1.0")
    assert {"vt", "aljazeera"} <= set(plugins)  # the built-ins still load beside it

    tested = run(python, "-m", "pytest", "-p", "no:cacheprovider", package, cwd=tmp_path)
    assert "3 passed" in tested.stdout

    # Installed with the other plugins, the sample page is routed to its own source only.
    fixture = find_fixtures(package / "tests" / "fixtures")[0]
    code = (
        "from ingest_plugins.testing import parse_fixture\n"
        f"print(parse_fixture({str(fixture.path)!r}, ['demo_site', 'vt', 'aljazeera'])['source'])"
    )
    assert run(python, "-c", code, cwd=tmp_path).stdout.strip() == "demo_site"


def test_generated_files(tmp_path: Path) -> None:
    made = scaffold.create_plugin("demo_site", tmp_path)
    root = tmp_path / "demo_site"
    assert made.root == root and made.site == "DemoSite"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) == [
        "README.md",
        "demo_site/__init__.py",
        "pyproject.toml",
        "tests/fixtures/DemoSite_2024-01-15.html",
        "tests/fixtures/DemoSite_2024-01-15.json",
        "tests/test_demo_site.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "ingest-demo-site"
    assert project["project"]["entry-points"]["ingest_plugins"] == {"demo_site": "demo_site"}
    assert any(dep.startswith("ingest-plugins") for dep in project["project"]["dependencies"])
    [fixture] = find_fixtures(root / "tests" / "fixtures")
    assert (fixture.site, fixture.date, fixture.golden) == ("DemoSite", "2024-01-15", made.golden)
    golden = json.loads(made.golden.read_text(encoding="utf-8"))
    assert made.golden.read_text(encoding="utf-8") == render_golden(golden)
    assert golden["source"] == "demo_site"
    assert golden["title"] == {"en": "Harbour ferry returns after winter repairs"}
    assert golden["authors"] == ["Ada Lindqvist"]
    assert golden["published"] == "2024-01-15T08:30:00+00:00"
    assert golden["url"] == "https://demo-site.example/news/2024-01-15/harbour-ferry-returns"
    assert golden["body"]["en"].count("\n\n") == 2 and "Share this" not in golden["body"]["en"]
    # The built-in sources do not claim the sample page.
    with pytest.raises(InputError, match="no plugin claimed"):
        parse_fixture(fixture.path, plugin_host(["vt", "aljazeera"]))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Demo", "invalid plugin name 'Demo'"),
        ("my-site", "invalid plugin name 'my-site'"),
        ("1site", "invalid plugin name '1site'"),
        ("_site", "invalid plugin name '_site'"),
        ("my.site", "invalid plugin name 'my.site'"),
        ("", "invalid plugin name ''"),
        ("a" * 65, "invalid plugin name"),
        ("class", "Python keyword"),
        ("json", "standard library"),
        ("vt", "a plugin named 'vt' is already installed"),
        ("pytest", "already importable"),
    ],
)
def test_new_plugin_refuses_a_bad_name(
    name: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-plugin", name, "--dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("ingest: new-plugin: ") and reason in captured.err
    assert captured.err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["folder", "file", "symlink"])
def test_new_plugin_never_overwrites(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "demo_site"
    if kind == "folder":
        target.mkdir()
        (target / "pyproject.toml").write_text("mine")
    elif kind == "file":
        target.write_text("mine")
    else:
        target.symlink_to(tmp_path / "missing")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert main(["new-plugin", "demo_site", "--dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"ingest: new-plugin: {target} already exists: not overwriting it\n"
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    if kind == "folder":
        assert (target / "pyproject.toml").read_text() == "mine"


def test_a_failure_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("golden failed")

    monkeypatch.setattr(scaffold, "_write_golden", broken)
    with pytest.raises(RuntimeError):
        scaffold.create_plugin("demo_site", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_new_plugin_through_python_m(tmp_path: Path) -> None:
    done = run(
        sys.executable, "-m", "ingest_plugins.cli", "new-plugin", "demo_site", "--dir", "out",
        cwd=tmp_path,
    )  # fmt: skip
    assert "pip install -e out/demo_site" in done.stdout
    assert (tmp_path / "out" / "demo_site" / "pyproject.toml").is_file()


@pytest.mark.parametrize(
    ("name", "expected"), [("demo_site", "DemoSite"), ("news24", "News24"), ("a_b_c", "ABC")]
)
def test_site_name(name: str, expected: str) -> None:
    assert scaffold.site_name(name) == expected
