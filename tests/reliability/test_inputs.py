"""Bad inputs, generated here, in one ``ingest run`` against the live node.

Each bad input gets exactly one line on stderr naming the file and the
reason; the good ones next to it are indexed; the process never crashes
(no traceback, exit 1 for "some inputs failed").

The unreadable file is a real one: mode 000. Root reads every file
through its ``CAP_DAC_OVERRIDE`` / ``CAP_DAC_READ_SEARCH`` capabilities, so
when the tests run as root the command is run under ``setpriv`` with those
two capabilities dropped: still uid 0, but the permission bits now apply to
it as to any user.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import SEEDS
from tests.reliability.helpers import (
    VT_COMMENTS,
    cli_env,
    count,
    run_cli,
    strings,
    summary,
    vt_page,
)

pytestmark = pytest.mark.es

DROP_DAC = ("-dac_override", "-dac_read_search")
HUGE_BYTES = 50 * 1024 * 1024
TAG = re.compile(r"<[A-Za-z/!?]")  # what opens a tag by the HTML tokenizer rules
SCRIPTS = (
    "<script>document.write('INJECTED-SCRIPT')</script>"
    "<style>.INJECTED-STYLE { color: red }</style>"
    "<iframe src='https://evil.example/'>INJECTED-FRAME</iframe>"
    "<noscript>INJECTED-NOSCRIPT</noscript>"
)


def without_read_override() -> tuple[str, ...]:
    """A command prefix under which root is refused unreadable files like anyone else."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a file unreadable to us")
    caps = ",".join(DROP_DAC)
    return ("setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--")


def bad_inputs(folder: Path) -> dict[str, str]:
    """Write the bad inputs; return {path: the reason expected on its line}."""
    folder.mkdir()
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> Path:
        path = folder / name
        path.write_bytes(data)
        expect[str(path)] = reason
        return path

    put("empty.txt", b"", "empty input")
    put(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n" + os.urandom(4096),
        "binary data, not text (PNG image signature)",
    )
    put("noise.bin", bytes(range(256)) * 64, "binary data, not text (NUL bytes)")
    with (folder / "huge.txt").open("wb") as handle:  # a log file fed by mistake
        line = b"2024-05-01 12:00:00 INFO nothing to see here, just a very long log\n"
        handle.write(line * (HUGE_BYTES // len(line) + 1))
    expect[str(folder / "huge.txt")] = "too large: 52.4 MB (limit 21 MB, see --max-bytes)"
    put("memo.txt", b"Minutes of the garden club meeting.\n", "no plugin claimed this input")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to("../loop")
    expect[str(folder / "loop" / "again")] = "symlink loop: this folder was already visited"
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    for name in ("ping.txt", "pong.txt"):
        expect[str(folder / name)] = "broken symbolic link (or a symlink loop)"
    locked = put("locked.txt", (SEEDS / "000_69b621c95946143e.txt").read_bytes(), "")
    locked.chmod(0o000)
    expect[str(locked)] = "cannot read file: Permission denied"
    return expect


def good_inputs(folder: Path) -> dict[str, str]:
    """Hostile but valid inputs that must be indexed; return {path: what it tests}."""
    folder.mkdir()
    seed_vt = (SEEDS / "000_69b621c95946143e.txt").read_bytes()
    seed_aj = (SEEDS / "002_cb5603a3dcd24ba0.txt").read_bytes()
    nested = "<div>" * 5000 + "<p>Deeply nested paragraph.</p>" + "</div>" * 5000
    unclosed = "<div><span>" * 5000
    pages = {
        "truncated.txt": seed_aj + " Кінець".encode()[:-1],  # cut inside the last letter
        "tags.txt": seed_vt.replace(b"By Dave Decamp", SCRIPTS.encode() + b"By <b>Dave</b> Decamp"),
        "controls.txt": seed_vt.replace(b"Putin", b"Pu\x1b[31mtin\x07\x08\x0b\x7f", 3),
        "dates.txt": seed_aj.replace(b"01.07.2022", b"31.02.2022").replace(
            b"russia-belarus-unification-ukraine-war", b"another-story"  # its own id
        ),
        "dates.html": vt_page(1)
        .replace("2024-05-20T14:05:00-04:00", "2024-13-45T99:99:00")
        .replace("2024-05-20T18:05:00+00:00", "0000-00-00")
        .encode(),
        "nested.html": vt_page(2).replace("<p>Small drone", nested + "<p>Small drone").encode(),
        "unclosed.html": vt_page(3).replace("<p>The companies", unclosed + "<p>The companies")
        .encode(),
        "scripts.html": vt_page(4).replace("<p>Small drone", SCRIPTS + "<p>Small drone")
        .replace("<p>Thanks, that helps.", SCRIPTS + "<p>Thanks, <b>that</b> helps.")
        .encode(),
    }  # fmt: skip
    for name, data in pages.items():
        (folder / name).write_bytes(data)
    return {str(folder / name): name for name in pages}


def test_each_bad_input_is_named_once_and_the_others_are_indexed(
    es: Elasticsearch, es_settings: ConnectionSettings, index_name: str, tmp_path: Path
) -> None:
    prefix = without_read_override()
    bad = bad_inputs(tmp_path / "bad")
    good = good_inputs(tmp_path / "good")
    args = ["run", str(tmp_path / "bad"), str(tmp_path / "good"), "--index", index_name]
    args += ["--dead-letter", str(tmp_path / "dead-letter.jsonl")]
    done = run_cli(args, cli_env(es_settings), timeout=180, prefix=prefix)

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for path, reason in bad.items():
        named = [line for line in lines if line.startswith(f"ingest: {path}: ")]
        assert len(named) == 1, (path, named)
        assert named[0].startswith(f"ingest: {path}: {reason}"), named
    failures = [line for line in lines if not line.startswith("ingest:   ")]  # not the suspects
    for path in good:
        assert not [line for line in failures if path in line], path
    numbers = summary(done.stderr)
    assert numbers["documents"] == len(good)
    assert numbers["failures"] == len(bad)
    assert numbers["inputs"] == len(bad) + len(good)
    assert count(es, index_name) == len(good)
    # The vt pages keep their five comments, whatever was wrapped around them.
    assert count(es, f"{index_name}-comments") >= 4 * VT_COMMENTS


def test_hostile_markup_and_bytes_never_reach_an_indexed_field(
    es: Elasticsearch, es_settings: ConnectionSettings, index_name: str, tmp_path: Path
) -> None:
    good = good_inputs(tmp_path / "good")
    done = run_cli(["run", str(tmp_path / "good"), "--index", index_name], cli_env(es_settings))
    assert done.returncode == 0, done.stderr
    # tags.txt is a text input: the parser leaves its literal markup, the index guard removes it.
    assert "removed markup left in the text of 1 document(s)" in done.stderr
    es.indices.refresh(index=f"{index_name},{index_name}-comments")
    hits = es.search(index=f"{index_name},{index_name}-comments", size=500)["hits"]["hits"]
    assert len(hits) >= len(good)
    for hit in hits:
        for text in strings(hit["_source"]):
            assert "INJECTED" not in text, (hit["_id"], text)
            assert not TAG.search(text), (hit["_id"], text)
            assert not any(ch in text for ch in "\x07\x08\x0b\x1b\x7f"), (hit["_id"], text)
    by_name = {good[h["_source"]["path"]]: h["_source"] for h in hits if "path" in h["_source"]}
    assert by_name["dates.txt"]["published"] is None
    assert by_name["dates.html"]["published"] is None
    assert "Кінець" not in by_name["truncated.txt"]["body"].get("uk", "")
    assert "truncated-utf8" in by_name["truncated.txt"]["encoding"]["fixes"]
    assert "Deeply nested paragraph." in by_name["nested.html"]["body"]["en"]
