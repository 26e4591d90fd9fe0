#!/usr/bin/env python3
"""Build the Elasticsearch analysis plugin zips of ``scripts/analysis-plugin`` (Maven), cached.

    scripts/build-analysis-plugin --es-version 9.5.4 --filter-only   # prints the zip's path

Two zips come out of one build, both for one exact Elasticsearch version:

* ``ingest-test-analysis``: the analyzers ``english`` and ``ukrainian`` and the
  char filter ``mapping``, stand-ins on the test node for ``analysis-common``
  and the official ``analysis-ukrainian`` plugin (never install it next to them);
* ``ingest-uk-lemma``: only the token filter ``ingest_uk_lemma``, for any cluster.

Zips are kept under ``<cache>/<version>-<key>/``, where the key hashes the
Maven project (pom and sources) and the version, so Maven runs only when one
of them changed. ``scripts/local_es.py`` builds them here and installs them
into the test node (``sync_plugins``). Standard library only, like local_es.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent / "analysis-plugin"
TEST_NODE_PLUGIN = "ingest-test-analysis"
FILTER_PLUGIN = "ingest-uk-lemma"
PLUGINS = (TEST_NODE_PLUGIN, FILTER_PLUGIN)
PROFILES = {"9": "es9", "8": "es8"}  # Maven profile per Elasticsearch major
DESCRIPTOR = "stable-plugin-descriptor.properties"


class PluginBuildError(Exception):
    """The plugin could not be built; the message says why (with Maven's output)."""


def bare_from_env() -> bool:
    """``INGEST_ES_BARE=1`` asks for a test node without the plugins."""
    return os.environ.get("INGEST_ES_BARE", "") == "1"


def cache_dir(base: Path) -> Path:
    """Where built zips are kept: beside local-es's downloaded distributions."""
    return base / "downloads" / "analysis-plugin"


def source_key(es_version: str, project: Path = PROJECT) -> str:
    """A hash of the Elasticsearch version, the pom and every file under ``src/``."""
    digest = hashlib.sha256(f"es={es_version}\0".encode())
    files = [project / "pom.xml", *sorted((project / "src").rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(project).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def profile_for(es_version: str) -> str:
    """The Maven profile of ``es_version``'s major, or a clear error for an unknown major."""
    profile = PROFILES.get(es_version.split(".")[0])
    if not profile:
        raise PluginBuildError(
            f"no build profile for Elasticsearch {es_version}: the plugin builds for 9.x and 8.x"
        )
    return profile


def build(es_version: str, java_home: str, cache: Path, project: Path = PROJECT) -> dict[str, Path]:
    """Plugin name → zip for ``es_version``, built with ``mvn -q package`` unless cached.

    ``java_home`` runs Maven (9.x needs a JDK 21+). Older builds of the same
    version in ``cache`` are removed; the zips are readable by every user.
    """
    key = source_key(es_version, project)
    final = cache / f"{es_version}-{key}"
    zips = {name: final / f"{name}-{es_version}.zip" for name in PLUGINS}
    if all(path.exists() for path in zips.values()):
        return zips
    profile = profile_for(es_version)
    mvn = shutil.which("mvn")
    if not mvn:
        raise PluginBuildError("Maven (mvn) is needed to build it: apt-get install maven")
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=cache))
    try:
        cmd = [
            mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(project / "pom.xml"), "-P", profile,
            f"-Des.version={es_version}", f"-Dplugin.version.suffix=+{key}",
            f"-Dplugin.build.dir={work / 'target'}", "package",
        ]  # fmt: skip
        done = subprocess.run(
            cmd, capture_output=True, text=True, env={**os.environ, "JAVA_HOME": java_home}
        )
        built = {name: work / "target" / path.name for name, path in zips.items()}
        if done.returncode != 0 or not all(path.exists() for path in built.values()):
            raise PluginBuildError(
                f"mvn package ({profile}, Elasticsearch {es_version}, JDK {java_home}) "
                f"failed with exit {done.returncode}:\n{maven_tail(done.stdout + done.stderr)}"
            )
        staged = work / "zips"
        staged.mkdir()
        for name, path in built.items():
            path.rename(staged / zips[name].name)
        staged.chmod(0o755)
        for old in cache.glob(f"{es_version}-*"):
            shutil.rmtree(old, ignore_errors=True)
        try:
            staged.rename(final)
        except OSError:  # another build of the same key finished first
            if not all(path.exists() for path in zips.values()):
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return zips


MAVEN_NOISE = re.compile(r"^(WARNING: |\[ERROR\] *$|\[ERROR\] (To see|Re-run|For more)|\[Help)")


def maven_tail(output: str, lines: int = 25) -> str:
    """The end of Maven's output without colour codes, the JDK's warnings about Maven itself
    and Maven's advice on how to re-run it."""
    plain = (re.sub(r"\x1b\[[0-9;]*m", "", line) for line in output.splitlines())
    kept = [line for line in plain if line.strip() and not MAVEN_NOISE.match(line)]
    return "\n".join(kept[-lines:]) or "(Maven printed nothing)"


def installed_version(home: Path, name: str) -> str | None:
    """The ``version`` in an installed plugin's descriptor, None when it is not installed."""
    descriptor = home / "plugins" / name / DESCRIPTOR
    try:
        text = descriptor.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    return ""


def sync_plugins(
    home: Path, wanted: dict[str, Path], key: str, tool: Callable[[list[str]], None]
) -> None:
    """Make ``home/plugins`` hold exactly ``wanted`` of this project's plugins, as built now.

    A plugin of ours that is unwanted or from other sources (its version lacks
    ``+key``) is removed, a wanted one that is missing is installed; other
    plugins are left alone. ``tool`` runs ``bin/elasticsearch-plugin`` with
    the arguments given.
    """
    for name in PLUGINS:
        version = installed_version(home, name)
        if version is not None and (name not in wanted or not version.endswith(f"+{key}")):
            tool(["remove", name])
            version = None
        if name in wanted and version is None:
            tool(["install", "--batch", wanted[name].as_uri()])


def provide(
    home: Path,
    version: str,
    base: Path,
    java_home: str,
    key: str,
    tool: Callable[[list[str]], None],
) -> None:
    """Give the node at ``home`` both plugins built from source ``key``; none if ``key`` is ""."""
    wanted = build(version, java_home, cache_dir(base)) if key else {}
    sync_plugins(home, wanted, key, tool)


def java_home_for(es_version: str) -> str:
    """``JAVA_HOME`` when it is new enough for ``es_version``, else one found like local-es does."""
    import local_es  # the sibling script, needed by this command only

    minimum = local_es.MIN_JAVA.get(es_version.split(".")[0], 21)
    env_home = os.environ.get("JAVA_HOME")
    if env_home and (local_es.java_major(Path(env_home)) or 0) >= minimum:
        return env_home
    return str(local_es.find_java(minimum))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build-analysis-plugin",
        description="Build the analysis plugin zips for one Elasticsearch version; print paths.",
    )
    parser.add_argument("--es-version", required=True,
                        help="the cluster's exact X.Y.Z (9 or 8: the pinned newest)")  # fmt: skip
    parser.add_argument("--filter-only", action="store_true",
                        help=f"only {FILTER_PLUGIN} (the ingest_uk_lemma filter)")  # fmt: skip
    parser.add_argument("--out", type=Path, help="copy the zips into this folder")
    args = parser.parse_args(argv)
    import local_es

    version = local_es.resolve_version(args.es_version)
    try:
        zips = build(version, java_home_for(version), cache_dir(local_es.base_dir()))
    except (PluginBuildError, local_es.LocalEsError) as err:
        print(f"build-analysis-plugin: {err}", file=sys.stderr)
        return 1
    names = [FILTER_PLUGIN] if args.filter_only else list(PLUGINS)
    for name in names:
        path = zips[name]
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            path = Path(shutil.copy2(path, args.out / path.name))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
