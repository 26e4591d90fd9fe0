"""The command line's grammar: every command, its flags and their defaults.

Nothing here imports the Elasticsearch client or loads plugins, so
``ingest --help`` and a mistyped flag answer at once.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from .. import __version__
from ..budget import DEFAULT_PARSE_BUDGET
from ..pipeline import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

DEFAULT_INDEX = "news"
DEFAULT_DEAD_LETTER = "dead-letter.jsonl"
DEFAULT_RETRY_FOR = 300.0
"""``RetryPolicy.retry_for``, repeated so that ``--help`` needs no Elasticsearch import."""
EXIT_OK, EXIT_INPUT_FAILED, EXIT_FATAL = 0, 1, 2
DESCRIPTION = "Parse news pages with per-site plugins and index them into Elasticsearch."
EPILOG = """\
exit status:
  0  all good
  1  some input failed, or a PATH has no input files (one line each on stderr)
  2  nothing could be done (connection, credentials, plugin loading with --strict)

`ingest COMMAND --help` shows the options of a command."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    plugins, es = _plugin_options(), _es_options()
    _add_run(sub, plugins, es)
    _add_parse(sub, plugins)
    _add_queries(sub, es)
    _add_management(sub, plugins, es)
    return _list_commands(parser, sub)


def _plugin_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("plugins")
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
    return options


def _es_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    conn = options.add_argument_group("Elasticsearch connection (flags override INGEST_ES_*)")
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
    return options


def _add_input_limits(command: argparse.ArgumentParser) -> None:
    """``PATH...`` and the per-input limits ``run`` and ``parse`` share."""
    command.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    command.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        help=f"refuse inputs larger than this (default {DEFAULT_MAX_BYTES // 2**20} MiB)",
    )
    command.add_argument(
        "--parse-budget",
        type=_budget,
        default=DEFAULT_PARSE_BUDGET,
        metavar="SECONDS",
        help="fail an input whose parse takes longer than this; the others go on "
        f"(default {DEFAULT_PARSE_BUDGET:.0f}; 0: no limit)",
    )


def _budget(value: str) -> float | None:
    seconds = float(value)
    if seconds < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {value}")
    return seconds or None


def _add_run(
    sub: Subparsers, plugins: argparse.ArgumentParser, es: argparse.ArgumentParser
) -> None:
    run = sub.add_parser(
        "run",
        parents=[plugins, es],
        help="parse inputs and index them with their comments",
    )
    _add_input_limits(run)
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


def _add_parse(sub: Subparsers, plugins: argparse.ArgumentParser) -> None:
    parse = sub.add_parser(
        "parse", parents=[plugins], help="parse inputs and print JSON Lines (no Elasticsearch)"
    )
    _add_input_limits(parse)
    parse.add_argument("--workers", type=int, default=1, help="parser processes (default 1)")
    parse.add_argument(
        "--explain",
        action="store_true",
        help="instead of JSON, show block by block where each piece of the page went (title, "
        "summary, body, boilerplate with its reason, comments, disclaimers, dropped); "
        "in this process",
    )


def _add_queries(sub: Subparsers, es: argparse.ArgumentParser) -> None:
    search = sub.add_parser("search", parents=[es], help="query the index")
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
        parents=[es],
        help="other versions of a document's story, then related coverage",
    )
    related.add_argument("id", help="the document id (the `id` field of parse or search output)")
    related.add_argument(
        "--size", type=int, default=10, help="at most this many related (default 10)"
    )
    related.add_argument("--json", action="store_true", help="JSON Lines output")


def _add_management(
    sub: Subparsers, plugins: argparse.ArgumentParser, es: argparse.ArgumentParser
) -> None:
    mappings = sub.add_parser(
        "mappings", parents=[plugins, es], help="show the index layout and analysis"
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
        parents=[plugins, es],
        help="move the index to a new version if its generated mapping changed",
    )
    reindex.add_argument("--force", action="store_true", help="build a new version anyway")

    listing = sub.add_parser("plugins", parents=[plugins], help="list loaded plugins")
    listing.add_argument("--json", action="store_true", help="JSON Lines, one object per plugin")

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


def _list_commands(parser: argparse.ArgumentParser, sub: Subparsers) -> argparse.ArgumentParser:
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
