"""The ``ingest`` command line; ``ingest --help`` lists the commands.

Exit codes: 0 everything worked; 1 some input failed (each failure is one
line on stderr naming the file and the reason), which includes a PATH with
no input file under it (an empty folder: ``ingest: no input files under
PATH``; when no PATH has any, ``parse`` and ``run`` stop there, before
loading plugins or connecting); 2 usage, connection or plugin-loading
errors that stop the whole command.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .document import Document
from .pipeline import DEFAULT_MAX_BYTES, Failure, Pipeline, iter_inputs
from .plugins import Host, PluginError, load_host
from .redact import log_to_stderr, register, scrub
from .serialize import document_record
from .warc import is_warc

# The Elasticsearch client costs more to import than parsing a page does: only the
# commands that talk to a cluster import it (and ``ingest_plugins.es``), in their body.
if TYPE_CHECKING:
    from elasticsearch import Elasticsearch
    from elasticsearch import SSLError as EsTlsError

    from .deadletter import DeadLetter
    from .es.bulk import PushReport
    from .es.search import ArticleHit, CommentHit

DEFAULT_INDEX = "news"
DEFAULT_DEAD_LETTER = "dead-letter.jsonl"
DEFAULT_RETRY_FOR = 300.0
"""``RetryPolicy.retry_for``, repeated so that ``--help`` needs no Elasticsearch import."""
MAX_BYTES_HELP = f"refuse inputs larger than this (default {DEFAULT_MAX_BYTES // 2**20} MiB)"
DESCRIPTION = "Parse news pages with per-site plugins and index them into Elasticsearch."
EPILOG = """\
exit status:
  0  all good
  1  some input failed, or a PATH has no input files (one line each on stderr)
  2  nothing could be done (connection, credentials, plugin loading with --strict)

`ingest COMMAND --help` shows the options of a command."""
EXIT_OK, EXIT_INPUT_FAILED, EXIT_FATAL = 0, 1, 2


class Progress:
    """A progress bar on stderr, only when stderr is a terminal.

    The total comes from a quick walk of the inputs (names only, nothing
    read), so it costs nothing when output goes to a file or a pipe. A web
    archive holds an unknown number of inputs: with one among them, only the
    count and the rate are shown.
    """

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str, paths: Sequence[str]) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.label = label
        self.total, self.archives = 0, False
        for item in iter_inputs(paths) if self.enabled else ():
            self.total += 1
            self.archives = self.archives or (isinstance(item, str) and is_warc(item))
        self.count = 0
        self.started = self.shown = time.monotonic()

    def tick(self) -> None:
        self.count += 1
        now = time.monotonic()
        if not self.enabled or (now - self.shown < 0.1 and self.count < self.total):
            return
        self.shown = now
        rate = self.count / max(time.monotonic() - self.started, 1e-6)
        if self.archives:
            self.stream.write(f"\r{self.label} {self.count} ({rate:.0f}/s)")
            self.stream.flush()
            return
        filled = self.WIDTH * self.count // max(self.total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.count}/{self.total} ({rate:.0f}/s)")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _error(message: str) -> None:
    print(f"ingest: {message}", file=sys.stderr)


_note = _error  # things worth knowing that are not failures go to the same place


# ------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    plugin_opts = argparse.ArgumentParser(add_help=False)
    group = plugin_opts.add_argument_group("plugins")
    group.add_argument(
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE_OR_PATH",
        help="load a plugin module (dotted name or .py file); repeatable",
    )
    group.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="do not load the plugin NAME; repeatable",
    )
    group.add_argument("--strict", action="store_true", help="fail when any plugin fails to load")

    es_opts = argparse.ArgumentParser(add_help=False)
    conn = es_opts.add_argument_group("Elasticsearch connection (flags override INGEST_ES_*)")
    conn.add_argument("--es-url", help="cluster URL (INGEST_ES_URL)")
    conn.add_argument("--es-user", help="basic-auth user (INGEST_ES_USER)")
    conn.add_argument(
        "--es-password-env",
        metavar="VAR",
        help="read the password from this variable (default INGEST_ES_PASSWORD)",
    )
    conn.add_argument("--ca-certs", help="CA bundle to verify TLS (INGEST_ES_CA_CERTS)")
    conn.add_argument(
        "--insecure",
        action="store_true",
        help="do not verify TLS certificates (warns; never the default)",
    )
    conn.add_argument(
        "--index",
        default=os.environ.get("INGEST_INDEX", DEFAULT_INDEX),
        help=f"articles index; comments go to INDEX-comments (default {DEFAULT_INDEX})",
    )

    parser = argparse.ArgumentParser(
        prog="ingest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        parents=[plugin_opts, es_opts],
        help="parse inputs and index them with their comments",
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    run.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        help=MAX_BYTES_HELP,
    )
    run.add_argument("--chunk-size", type=int, default=500, help="bulk request size in actions")
    run.add_argument(
        "--force",
        action="store_true",
        help="parse and index every input, even those indexed already with the same bytes "
        "and plugin version (skipped by default, counted as 'unchanged')",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="parser processes (default: one per core)",
    )
    run.add_argument(
        "--engine",
        choices=["local", "spark"],
        default="local",
        help="local: parse in --workers processes here (default); spark: parse and push in "
        "Apache Spark tasks (needs the spark extra; see docs/scale.md)",
    )
    run.add_argument(
        "--spark-master",
        metavar="URL",
        help="with --engine spark: the Spark master (default local[*]; spark://HOST:7077, yarn, "
        "k8s://https://HOST...)",
    )
    run.add_argument(
        "--dead-letter",
        default=DEFAULT_DEAD_LETTER,
        metavar="FILE",
        help="JSON Lines file for documents Elasticsearch refuses; written only when one is "
        f"(default ./{DEFAULT_DEAD_LETTER})",
    )
    run.add_argument(
        "--retry-for",
        type=float,
        default=DEFAULT_RETRY_FOR,
        metavar="SECONDS",
        help="keep retrying while the cluster is down or pushing back, for up to this long "
        f"without progress (default {DEFAULT_RETRY_FOR:.0f})",
    )
    run.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log every request and retry, and tracebacks (secrets are masked)",
    )

    parse = sub.add_parser(
        "parse", parents=[plugin_opts], help="parse inputs and print JSON Lines (no Elasticsearch)"
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    parse.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES", help=MAX_BYTES_HELP
    )
    parse.add_argument("--workers", type=int, default=1, help="parser processes (default 1)")
    parse.add_argument(
        "--explain",
        action="store_true",
        help="instead of JSON, show block by block where each piece of the page went (title, "
        "summary, body, boilerplate with its reason, comments, disclaimers, dropped); "
        "in this process",
    )

    search = sub.add_parser("search", parents=[es_opts], help="query the index")
    search.add_argument("query", help="the words to look for (in every language unless --lang)")
    search.add_argument("--lang", help="search only this language's fields (en, uk, ru...)")
    search.add_argument("--source", help="only articles of this source (vt, aljazeera...)")
    search.add_argument("--since", help="published on or after this date (YYYY-MM-DD)")
    search.add_argument("--until", help="published on or before this date (YYYY-MM-DD)")
    search.add_argument("--comments", action="store_true", help="search comments instead")
    search.add_argument("--size", type=int, default=10, help="at most this many hits (default 10)")
    search.add_argument("--json", action="store_true", help="JSON Lines output")

    related = sub.add_parser(
        "related",
        parents=[es_opts],
        help="other versions of a document's story, then related coverage",
    )
    related.add_argument("id", help="the document id (the `id` field of parse or search output)")
    related.add_argument(
        "--size", type=int, default=10, help="at most this many related (default 10)"
    )
    related.add_argument("--json", action="store_true", help="JSON Lines output")

    mappings = sub.add_parser(
        "mappings", parents=[plugin_opts, es_opts], help="show the index layout and analysis"
    )
    mappings.add_argument(
        "action",
        choices=["show", "template"],
        help="show: what the index uses now; "
        "template: the index templates generated for this cluster (JSON, for curl)",
    )
    mappings.add_argument(
        "--json", action="store_true", help="one compact JSON object per line instead of text"
    )

    reindex = sub.add_parser(
        "reindex",
        parents=[plugin_opts, es_opts],
        help="move the index to a new version if its generated mapping changed",
    )
    reindex.add_argument("--force", action="store_true", help="build a new version anyway")

    plugins = sub.add_parser("plugins", parents=[plugin_opts], help="list loaded plugins")
    plugins.add_argument("--json", action="store_true", help="JSON Lines, one object per plugin")

    new_plugin = sub.add_parser(
        "new-plugin", help="write a new plugin package (source, fixture, golden test) to start from"
    )
    new_plugin.add_argument(
        "name",
        metavar="NAME",
        help="plugin, package and source name: lower-case letters, digits and '_' (e.g. my_site)",
    )
    new_plugin.add_argument(
        "--dir",
        default=".",
        metavar="DIR",
        help="write the package to DIR/NAME (created; never overwritten; default: .)",
    )
    return _list_commands(parser, sub)


def _list_commands(
    parser: argparse.ArgumentParser, sub: argparse._SubParsersAction[argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    """List every subcommand with its ``help`` in the description, so it cannot go stale.

    The list replaces argparse's own (under "positional arguments"), which would repeat it.
    """
    summaries = {action.dest: action.help or "" for action in sub._choices_actions}
    width = max(map(len, sub.choices))
    lines = [f"  {name:<{width}}  {summaries.get(name, '')}".rstrip() for name in sub.choices]
    for name, command in sub.choices.items():
        command.description = command.description or summaries.get(name)
    parser.description = f"{parser.description}\n\ncommands:\n" + "\n".join(lines)
    parser.usage = parser.format_usage().removeprefix("usage: ").strip()
    sub.help = argparse.SUPPRESS
    return parser


# ------------------------------------------------------------------ helpers
def _host(args: argparse.Namespace) -> Host:
    host = load_host(extra=args.plugin, disable=args.disable, strict=args.strict)
    for name, reason in sorted(host.failures.items()):
        _error(f"plugin {name!r} failed to load: {reason}")
    for warning in host.warnings:
        _note(f"warning: {warning}")
    return host


class Suspects:
    """Documents whose extraction looks off (``Document.warnings``), reported at the end.

    Only the first ``SHOWN`` paths are kept, so a long run's memory stays flat.
    """

    SHOWN = 20

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def watch(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        for item in items:
            if isinstance(item, Document) and item.warnings:
                self.count += 1
                if len(self.first) < self.SHOWN:
                    self.first.append(f"{item.path} ({'; '.join(item.warnings)})")
            yield item

    def report(self) -> None:
        if not self.count:
            return
        _note(f"{self.count} document(s) look suspect (layout change?):")
        for line in self.first:
            _note(f"  {line}")
        if self.count > len(self.first):
            _note(f"  ... and {self.count - len(self.first)} more (see their warnings field)")


def _documents(
    args: argparse.Namespace,
    host: Host,
    skip: Callable[[str], bool] | None = None,
    on_note: Callable[[str], None] = _note,
) -> Iterator[Document | Failure]:
    """Parsed inputs in input order: in this process, or in ``--workers`` processes.

    ``on_note`` gets one line per web archive: its records read and skipped."""
    if args.workers > 1:
        from .parallel import HostSettings, process_parallel  # multiprocessing: only if used

        settings = HostSettings(tuple(args.plugin), tuple(args.disable), args.max_bytes)
        return process_parallel(args.paths, args.workers, settings, skip, on_note)
    return Pipeline(host, max_bytes=args.max_bytes).process(args.paths, skip, on_note)


def _client(args: argparse.Namespace) -> Elasticsearch:
    from .es.connection import ConnectionSettings

    password = os.environ.get(args.es_password_env) if args.es_password_env else None
    settings = ConnectionSettings.from_env(
        url=args.es_url,
        user=args.es_user,
        password=password,
        ca_certs=args.ca_certs,
        insecure=args.insecure or None,
    )
    register(settings.secrets())
    if not settings.insecure:
        return settings.client()
    _note(
        "warning: TLS certificate verification is off (--insecure): anyone on the path can "
        "read the credentials and the data; give the CA with --ca-certs instead"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said once above, in the command's own words
        return settings.client()


def _check_cluster(client: Elasticsearch) -> None:
    """One bounded request up front, so an unreachable cluster fails fast and clearly."""
    client.options(request_timeout=10, max_retries=0).cluster.health()


# ------------------------------------------------------------------ commands
def _empty_paths(paths: Sequence[str]) -> list[str]:
    """The PATHs with no input file under them (empty folders), said in one line on stderr.

    Cheap: the walk of each PATH stops at its first file (names only, nothing read). A
    PATH that yields a failure (missing, unreadable) is not listed: its failure says why.
    """
    empty = [path for path in dict.fromkeys(paths) if next(iter_inputs([path]), None) is None]
    if empty:
        _error(f"no input files under {', '.join(empty)}")
    return empty


def cmd_parse(args: argparse.Namespace) -> int:
    empty = _empty_paths(args.paths)
    if set(empty) == set(args.paths):
        return EXIT_INPUT_FAILED
    host = _host(args)
    failed = len(empty)
    if args.explain:
        from .explain import explain_inputs

        failed += explain_inputs(
            host,
            args.paths,
            max_bytes=args.max_bytes,
            out=sys.stdout,
            on_failure=_error,
            on_note=_note,
        )
        return EXIT_INPUT_FAILED if failed else EXIT_OK
    progress = Progress(sys.stderr, "parsing", args.paths)
    suspects = Suspects()

    def on_note(message: str) -> None:
        progress.done()
        _note(message)

    for item in suspects.watch(_documents(args, host, on_note=on_note)):
        progress.tick()
        if isinstance(item, Failure):
            failed += 1
            progress.done()
            _error(str(item))
        else:
            print(json.dumps(document_record(item), ensure_ascii=False))
    progress.done()
    suspects.report()
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    if args.engine == "spark":
        from .spark import INSTALL_HINT, pyspark_missing

        if pyspark_missing():
            _error(INSTALL_HINT)
            return EXIT_FATAL
    empty = _empty_paths(args.paths)
    if set(empty) == set(args.paths):
        return EXIT_INPUT_FAILED  # nothing to index: no need for plugins or a cluster
    if args.verbose:
        log_to_stderr([("elastic_transport", logging.INFO), ("ingest_plugins", logging.DEBUG)])
    from .deadletter import DeadLetter
    from .es.bulk import push, refresh
    from .es.indices import ensure_current
    from .es.retry import RetryPolicy
    from .incremental import Identities, UnchangedInputs, indexed_inputs
    from .pipeline import parser_name

    host = _host(args)
    client = _client(args)
    started = time.monotonic()
    since = datetime.now(UTC).isoformat(timespec="milliseconds")  # stories: what is sent after
    _check_cluster(client)
    ensure_current(client, args.index, host, log=_note)
    unchanged = None
    if not args.force:
        parsers = {name: parser_name(s) for name, s in host.sources.items()}
        unchanged = UnchangedInputs(indexed_inputs(client, args.index), parsers)
    identities = Identities()
    progress = Progress(sys.stderr, "indexing", args.paths)
    policy = RetryPolicy(retry_for=args.retry_for)

    def on_failure(failure: Failure) -> None:
        progress.done()
        _error(scrub(str(failure)))

    def on_note(message: str) -> None:
        progress.done()
        _note(scrub(message))

    suspects = Suspects()
    with DeadLetter(args.dead_letter) as dead_letter:
        if args.engine == "spark":
            from .spark.driver import SparkRunError, push_on_spark

            try:
                report = push_on_spark(
                    args, host, unchanged, identities, suspects, dead_letter, on_failure, on_note
                )
            except SparkRunError as err:
                _error(str(err))
                return EXIT_FATAL
        else:
            report = push(
                client,
                identities.watch(suspects.watch(_documents(args, host, unchanged, on_note))),
                args.index,
                on_failure=on_failure,
                on_input=progress.tick,
                chunk_size=args.chunk_size,
                policy=policy,
                dead_letter=dead_letter,
                on_note=on_note,
            )
    progress.done()
    refresh_failed = None if report.stopped else refresh(client, args.index, policy, on_note)
    if refresh_failed is None and report.stopped is None:
        _link_stories(client, args.index, since)
    for line in identities.collisions:
        _note(line)
    report.documents -= min(identities.repeats, report.documents)  # what the index holds
    skipped = unchanged.count if unchanged else 0
    report.inputs += skipped
    _run_summary(report, dead_letter, args.index, time.monotonic() - started, skipped)
    suspects.report()
    if refresh_failed is not None:
        _note(
            f"the final refresh failed: {scrub(refresh_failed)}. Every "
            "document counted above was indexed; they become searchable at the cluster's "
            "next refresh."
        )
    if report.stopped is not None:
        _error(
            f"gave up: Elasticsearch made {scrub(report.stopped)}. Inputs not counted above "
            "were not indexed: run the same command again to finish (nothing is duplicated)."
        )
        return EXIT_FATAL
    return EXIT_INPUT_FAILED if report.failures or empty else EXIT_OK


def _link_stories(client: Elasticsearch, index: str, since: str) -> None:
    """Join near-duplicates sent by this run into one story (``es/stories.py``)."""
    from elasticsearch import ApiError, TransportError

    from .es.stories import LinkError, link_stories

    try:
        links = link_stories(client, index, since)
    except (ApiError, TransportError, LinkError) as err:
        _note(
            f"linking near-duplicates into stories failed: {scrub(str(err))}. Every document "
            "is indexed; `ingest run --force` on the same inputs links them."
        )
        return
    if links.stories:
        _note(
            f"found {links.pairs} near-duplicate pair(s); joined {links.stories} story(ies), "
            f"{links.updated} document(s) updated"
        )


def _run_summary(
    report: PushReport, dead_letter: DeadLetter, index: str, seconds: float, unchanged: int
) -> None:
    """The summary line of ``ingest run``, and notes on retries, dead letters, stale comments."""
    if report.throttled or report.resent:
        _note(
            f"retried {report.throttled} item(s) the cluster pushed back on (429/5xx) and "
            f"{report.resent} request(s) that failed (unreachable, timeout or 429/5xx); "
            f"waited {report.waited:.1f} s in backoff"
        )
    if report.stale_comments:
        _note(f"removed {report.stale_comments} comment(s) their re-parsed article no longer has")
    if report.markup_removed:
        _note(f"removed markup left in the text of {report.markup_removed} document(s)")
    if dead_letter.count:
        _note(f"{dead_letter.count} refused document(s) written to {dead_letter.path}")
    print(
        f"inputs: {report.inputs}  documents: {report.documents}  comments: {report.comments}  "
        f"failures: {report.failures}  rejected: {report.rejected}  seconds: {seconds:.1f}  "
        f"index: {index}  unchanged: {unchanged}",
        file=sys.stderr,
    )


def cmd_search(args: argparse.Namespace) -> int:
    from .es.analysis import normalize_query
    from .es.search import search_articles, search_comments

    client = _client(args)
    hits: Sequence[ArticleHit | CommentHit]
    query = normalize_query(args.query)
    if args.comments:
        hits = search_comments(client, args.index, query, args.lang, args.source, args.size)
    else:
        hits = search_articles(
            client,
            args.index,
            query,
            args.lang,
            args.source,
            args.since,
            args.until,
            args.size,
        )
    for hit in hits:
        if args.json:
            print(json.dumps(hit.record(), ensure_ascii=False))
        else:
            print(_render_hit(hit))
    if not args.json:
        print(f"{len(hits)} hit(s)", file=sys.stderr)
    return EXIT_OK


def cmd_related(args: argparse.Namespace) -> int:
    from .es.related import UnknownDocument, find_related

    client = _client(args)
    try:
        found = find_related(client, args.index, args.id, args.size)
    except UnknownDocument as err:
        _error(str(err))
        return EXIT_INPUT_FAILED
    for item in found:
        if args.json:
            print(json.dumps(item.record(), ensure_ascii=False))
        else:
            title = next(iter(item.title.values()), "(no title)") if item.title else "(no title)"
            score = f"{item.score:6.2f}" if item.score is not None else "     -"
            print(f"{score}  {item.why:<12}  {item.id}  [{item.source}] {_clean(title)}")
    if not args.json:
        print(f"{len(found)} related", file=sys.stderr)
    return EXIT_OK


def _clean(text: str) -> str:
    """Terminal-safe: no control characters (escape sequences) from indexed text."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _render_hit(hit: ArticleHit | CommentHit) -> str:
    from .es.search import CommentHit

    snippets = "\n".join(f"    … {_clean(h)} …" for h in hit.highlights[:3])
    if isinstance(hit, CommentHit):
        head = f"{hit.score:6.2f}  comment {hit.id}  (article {hit.article_id})"
    else:
        title = next(iter(hit.title.values()), "(no title)") if hit.title else "(no title)"
        where = hit.url or hit.path or hit.id
        head = f"{hit.score:6.2f}  [{hit.source}] {_clean(title)}\n        {where}"
    return head + ("\n" + snippets if snippets else "")


def cmd_plugins(args: argparse.Namespace) -> int:
    host = _host(args)
    infos = [host.infos[name] for name in host.names()]
    if args.json:
        for info in infos:
            print(
                json.dumps(
                    {
                        "name": info.name,
                        "version": info.version,
                        "module": info.module,
                        "provider": info.provider,
                        "hooks": list(info.hooks),
                        "sources": list(info.sources),
                    }
                )
            )
    else:
        for info in infos:
            print(f"{info.name} {info.version or '-'}  {info.module}  [{', '.join(info.hooks)}]")
            print(f"    from {info.provider}")
            if info.sources:
                print(f"    sources: {', '.join(info.sources)}")
    return EXIT_INPUT_FAILED if host.failures else EXIT_OK


def cmd_new_plugin(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, create_plugin

    try:
        made = create_plugin(args.name, args.dir)
    except ScaffoldError as err:
        _error(f"new-plugin: {err}")
        return EXIT_FATAL
    print(f"wrote {made.root}/ (plugin and source {made.name!r}, fixture {made.fixture.name})")
    print(f"next: pip install -e {made.root} && ingest plugins && pytest {made.root}")
    return EXIT_OK


def cmd_mappings(args: argparse.Namespace) -> int:
    from .es.analysis import probe
    from .es.indices import alias_state, template_body
    from .es.mappings import comments_index, index_bodies

    host = _host(args)
    client = _client(args)
    if args.action == "template":
        bodies = index_bodies(host, probe(client))
        for alias, body in (
            (args.index, bodies["articles"]),
            (comments_index(args.index), bodies["comments"]),
        ):
            print(
                json.dumps(
                    {"name": alias, "body": template_body(alias, body)},
                    ensure_ascii=False,
                    indent=None if args.json else 2,
                )
            )
        return EXIT_OK
    available = probe(client)
    states = [alias_state(client, a) for a in (args.index, comments_index(args.index))]
    bodies = index_bodies(host, available)
    generated = [bodies[kind]["mappings"]["_meta"]["mapping_hash"] for kind in bodies]
    current = [s.mapping_hash == h for s, h in zip(states, generated, strict=True)]
    if args.json:
        print(
            json.dumps(
                {
                    "cluster_offers": {
                        **available.meta(),
                        "modules": list(available.modules),
                        "why": available.describe(),
                    },
                    "aliases": [
                        {"alias": s.alias, "index": s.index, "meta": s.meta, "current": c}
                        for s, c in zip(states, current, strict=True)
                    ],
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    print(
        f"cluster offers: english={available.english} ukrainian={available.ukrainian} "
        f"char_filters={available.char_filters}"
    )
    for part, why in available.describe().items():
        print(f"  {part}: {why}")
    print(f"modules: {', '.join(available.modules) or '(unknown)'}")
    for state, is_current in zip(states, current, strict=True):
        if state.index is None:
            print(f"{state.alias}: does not exist yet (created by the first `ingest run`)")
            continue
        analysis = state.meta.get("analysis", {})
        print(
            f"{state.alias} -> {state.index}  mapping {state.meta.get('ingest_mapping_version')}"
            f" ({state.mapping_hash})  english={analysis.get('english')} "
            f"ukrainian={analysis.get('ukrainian')} char_filters={analysis.get('char_filters')}"
        )
        if not is_current:
            print("  not the mapping generated for this cluster now: `ingest reindex` moves it")
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    from .es.indices import ensure_current

    host = _host(args)
    client = _client(args)
    _check_cluster(client)
    moved: list[str] = []

    def log(message: str) -> None:
        moved.append(message)
        _note(message)

    ensure_current(client, args.index, host, log=log, force=args.force)
    if not moved:
        _note(f"{args.index}: mapping is current; nothing to do (use --force to rebuild)")
    return EXIT_OK


COMMANDS = {
    "run": cmd_run,
    "parse": cmd_parse,
    "search": cmd_search,
    "related": cmd_related,
    "plugins": cmd_plugins,
    "mappings": cmd_mappings,
    "reindex": cmd_reindex,
    "new-plugin": cmd_new_plugin,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PluginError as err:
        _fatal(args, f"plugin error: {err}")
    except KeyboardInterrupt:
        _error("interrupted")
    except Exception as err:
        message = _es_failure(err)
        if message is None:
            raise
        _fatal(args, message)
    return EXIT_FATAL


def _es_failure(err: Exception) -> str | None:
    """The one-line reason for an Elasticsearch error that stops a command, else ``None``.

    Only when the client was imported: a command that never talks to a cluster
    cannot raise its errors, and must not pay for importing it to find that out.
    """
    if "elasticsearch" not in sys.modules:
        return None
    from elasticsearch import ApiError, AuthenticationException
    from elasticsearch import ConnectionError as EsConnectionError
    from elasticsearch import ConnectionTimeout as EsConnectionTimeout
    from elasticsearch import SSLError as EsTlsError

    from .es.retry import ClusterUnavailable

    if isinstance(err, AuthenticationException):
        return "Elasticsearch refused the credentials (check INGEST_ES_USER / password / API key)"
    if isinstance(err, EsTlsError):
        return f"TLS failed: {_tls_reason(err)}"
    if isinstance(err, EsConnectionError | EsConnectionTimeout):
        return f"cannot reach Elasticsearch: {type(err).__name__}: {err.message}"
    if isinstance(err, ClusterUnavailable):
        return f"gave up: Elasticsearch made {err}"
    if isinstance(err, ApiError):
        return f"Elasticsearch error: {err.meta.status} {err.error}"
    return None


def _fatal(args: argparse.Namespace, message: str) -> None:
    """One scrubbed line on stderr; with ``--verbose``, the scrubbed traceback first."""
    if getattr(args, "verbose", False):
        sys.stderr.write(scrub(traceback.format_exc()))
    _error(scrub(message))


def _tls_reason(err: EsTlsError) -> str:
    """Why TLS failed, with what to do about an untrusted certificate."""
    from .es.retry import certificate_problem

    if certificate_problem(err):
        return (
            "the cluster's certificate is not trusted; give its CA with --ca-certs or "
            "INGEST_ES_CA_CERTS (or, not recommended, --insecure)"
        )
    return f"{type(err).__name__}: {err.message}"


if __name__ == "__main__":
    sys.exit(main())
