"""Security: TLS verified by default, credentials never printed, plain text in the index.

The live tests run ``ingest`` in a subprocess, as a user does, with
``--verbose`` wherever it matters: the request log and the traceback are
where a secret would leak first.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.cli import main
from ingest_plugins.es.connection import ConnectionSettings, split_userinfo
from ingest_plugins.plaintext import plain, plain_record
from ingest_plugins.redact import ScrubbingFormatter, forget, register, scrub
from tests.conftest import SEEDS
from tests.es.test_bulk import MOOD_PLUGIN
from tests.reliability.helpers import cli_env, count, run_cli, summary

TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
"""What opens a tag by the HTML tokenizer rules; ``< x`` and ``1<2`` are text."""
WRONG_PASSWORD = "wr0ng P@ss/wörd%"


def leaks(text: str, secret: str, user: str = "elastic") -> list[str]:
    """The printable forms of ``secret`` found in ``text``."""
    forms = {
        "plain": secret,
        "url-encoded": quote(secret, safe=""),
        "basic-auth token": base64.b64encode(f"{user}:{secret}".encode()).decode(),
    }
    return [name for name, form in forms.items() if form in text]


# ---------------------------------------------------------------- pure logic
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no markup at all", "no markup at all"),
        ("a < b and c > d, 1<2", "a < b and c > d, 1<2"),
        ("x<y, a broken </li? tag", "x< y, a broken < /li? tag"),
        ("a <b>bold</b> word", "a bold word"),
        ("<script>alert(1)</script>after", " after"),
        ("<STYLE type=x>p{}</STYLE>after", " after"),
        ("one<br>two<p>three</p>", "one two three "),
        ("<!-- hidden -->shown", " shown"),
        ("<![CDATA[data]]>", " data "),
        ("&lt;script&gt; stays an entity", "&lt;script&gt; stays an entity"),
        ("<iframe src=x>frame text</iframe>", " "),
    ],
)
def test_plain_removes_markup_and_script_content(text: str, expected: str) -> None:
    assert plain(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<scr<b></b>ipt>alert('x')</script>",
        "<<script></script>script>alert('x')<</script>/script>",
        "<script>alert('x')",  # never closed
        "<svg><script>alert('x')</script></svg>",
        "<a href='javascript:alert(1)' onclick=\"alert('x')\">link</a>",
    ],
)
def test_no_tag_survives_tricks(text: str) -> None:
    out = plain(text)
    assert not TAG_OPEN.search(out), out
    assert "onclick" not in out


def test_plain_is_linear_on_hostile_input() -> None:
    for hostile in ("<script>" * 100_000, "<" * 1_000_000, "<a " * 300_000, "<!--" * 200_000):
        started = time.monotonic()
        plain(hostile)
        assert time.monotonic() - started < 3.0, hostile[:10]


def test_plain_record_keeps_identifiers_and_reports_changes() -> None:
    record = {"id": "<b>", "url": "https://x/<b>", "body": {"en": "a <b>b</b>"}, "authors": ["x"]}
    cleaned, changed = plain_record(record)
    assert changed
    assert cleaned == {"id": "<b>", "url": "https://x/<b>", "body": {"en": "a b"}, "authors": ["x"]}
    assert plain_record({"body": {"en": "plain"}}) == ({"body": {"en": "plain"}}, False)


def test_credentials_in_the_url_move_to_basic_auth() -> None:
    assert split_userinfo("https://u:p%40ss@host:9200/x") == ("https://host:9200/x", "u", "p@ss")
    assert split_userinfo("https://host:9200") == ("https://host:9200", None, None)
    settings = ConnectionSettings(url="https://elastic:s3cret@127.0.0.1:9200")
    assert settings.url == "https://127.0.0.1:9200"
    assert (settings.user, settings.password) == ("elastic", "s3cret")
    assert "s3cret" not in repr(settings)


def test_a_non_ascii_password_is_sent_as_utf8_not_a_crash() -> None:
    settings = ConnectionSettings(user="elastic", password="pässwörd")
    client = settings.client()  # the client alone would raise UnicodeEncodeError
    token = base64.b64encode("elastic:pässwörd".encode()).decode()
    assert client._headers["authorization"] == f"Basic {token}"
    client.close()


def test_every_form_of_a_secret_is_scrubbed() -> None:
    api_key = base64.b64encode(b"key-id:key-secret-value").decode()
    settings = ConnectionSettings(user="elastic", password="p@ss word", api_key=api_key)
    forget()
    try:
        register(settings.secrets())
        text = (
            "p@ss word | p%40ss%20word | "
            + base64.b64encode(b"elastic:p@ss word").decode()
            + f" | {api_key} | key-id:key-secret-value | key-secret-value"
        )
        assert scrub(text) == " | ".join(["***"] * 6)
        try:
            raise RuntimeError("login with p@ss word failed")
        except RuntimeError:
            record = logging.LogRecord("x", logging.ERROR, "f", 1, "%s", ("p@ss word",), None)
            record.exc_info = sys.exc_info()
            formatted = ScrubbingFormatter().format(record)
        assert "p@ss word" not in formatted and "***" in formatted
    finally:
        forget()


# ---------------------------------------------------------------- live node
@pytest.mark.es
def test_tls_is_verified_by_default(es_settings: ConnectionSettings, tmp_path: Path) -> None:
    """Without the CA, the node's certificate is refused at once: no retries, no data sent."""
    env = cli_env(es_settings)
    del env["INGEST_ES_CA_CERTS"]
    started = time.monotonic()
    done = run_cli(["run", str(SEEDS), "--index", "unused"], env, timeout=60)
    assert time.monotonic() - started < 20
    assert done.returncode == 2
    assert "TLS failed: the cluster's certificate is not trusted" in done.stderr
    assert "--ca-certs" in done.stderr
    assert not leaks(done.stdout + done.stderr, es_settings.password or "")


@pytest.mark.es
def test_insecure_must_be_asked_for_and_warns(
    es_settings: ConnectionSettings, index_name: str
) -> None:
    env = cli_env(es_settings)
    del env["INGEST_ES_CA_CERTS"]
    done = run_cli(["run", str(SEEDS), "--index", index_name, "--insecure"], env)
    assert done.returncode == 0, done.stderr
    assert "warning: TLS certificate verification is off (--insecure)" in done.stderr
    assert done.stderr.count("TLS certificate verification is off") == 1


@pytest.mark.es
def test_a_wrong_password_never_shows_even_in_verbose_traces(
    es_settings: ConnectionSettings,
) -> None:
    env = cli_env(es_settings, INGEST_ES_PASSWORD=WRONG_PASSWORD)
    done = run_cli(["run", str(SEEDS), "--index", "unused", "--verbose"], env, timeout=60)
    output = done.stdout + done.stderr
    assert done.returncode == 2
    assert "refused the credentials" in done.stderr
    assert "Traceback" in done.stderr  # --verbose printed the trace...
    assert "elastic_transport" in done.stderr  # ...and the request log
    assert leaks(output, WRONG_PASSWORD) == []


@pytest.mark.es
def test_a_bad_api_key_never_shows_even_in_verbose_traces(
    es_settings: ConnectionSettings,
) -> None:
    key = base64.b64encode(b"bogus-key-id:bogus-key-secret-0123").decode()
    env = cli_env(es_settings, INGEST_ES_API_KEY=key)
    done = run_cli(["run", str(SEEDS), "--index", "unused", "--verbose"], env, timeout=60)
    output = done.stdout + done.stderr
    assert done.returncode == 2
    assert "refused the credentials" in done.stderr
    assert key not in output and "bogus-key-secret-0123" not in output


@pytest.mark.es
def test_credentials_in_the_url_work_and_never_show(
    es: Elasticsearch, es_settings: ConnectionSettings, index_name: str, tmp_path: Path
) -> None:
    """Password in the URL, a verbose run with a refused document: no output carries it."""
    password = es_settings.password or ""
    url = es_settings.url.replace("https://", f"https://elastic:{quote(password, safe='')}@")
    env = cli_env(es_settings, INGEST_ES_URL=url)
    del env["INGEST_ES_PASSWORD"], env["INGEST_ES_USER"]
    plugin = tmp_path / "mood.py"
    plugin.write_text(MOOD_PLUGIN)
    letters = tmp_path / "dead-letter.jsonl"
    args = ["run", str(SEEDS), "--index", index_name, "--plugin", str(plugin), "--verbose"]
    done = run_cli([*args, "--dead-letter", str(letters)], env)
    assert done.returncode == 1, done.stderr
    assert summary(done.stderr)["rejected"] == 1
    assert count(es, index_name) == 1
    everything = done.stdout + done.stderr + letters.read_text()
    assert "elastic_transport" in done.stderr
    assert leaks(everything, password) == []


@pytest.mark.es
@pytest.mark.usefixtures("es_settings")
def test_search_prints_highlights_safely(
    es: Elasticsearch,
    es_settings: ConnectionSettings,
    index_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another writer put escape sequences and markup in the index: the terminal is safe."""
    for name, value in cli_env(es_settings).items():
        if name.startswith("INGEST_"):
            monkeypatch.setenv(name, value)
    assert main(["run", str(SEEDS), "--index", index_name]) == 0
    hostile = "Sanctions \x1b[2J\x1b]0;owned\x07 <script>alert(1)</script> sanctions"
    es.index(
        index=index_name,
        id="hostile",
        document={"id": "hostile", "source": "other", "title": {"en": hostile}},
        refresh=True,
    )
    capsys.readouterr()
    assert main(["search", "sanctions", "--index", index_name]) == 0
    out = capsys.readouterr().out
    assert "[[Sanctions]]" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert main(["search", "sanctions", "--index", index_name, "--json"]) == 0
    for line in capsys.readouterr().out.splitlines():
        assert not any(ch in line for ch in "\x1b\x07\x9b")
        json.loads(line)
