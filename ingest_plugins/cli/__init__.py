"""The ``ingest`` command line; ``ingest --help`` lists the commands.

One module per command family (``parse``, ``run``, ``query``, ``manage``), the
grammar in ``options``, what goes to stderr in ``output``, plugins and the
cluster in ``connect``.

Exit codes: 0 everything worked; 1 some input failed (each failure is one
line on stderr naming the file and the reason), which includes a PATH with
no input file under it (an empty folder: ``ingest: no input files under
PATH``; when no PATH has any, ``parse`` and ``run`` stop there, before
loading plugins or connecting); 2 usage, connection or plugin-loading
errors that stop the whole command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from ..plugins import PluginError
from .connect import es_failure, fatal
from .manage import cmd_mappings, cmd_new_plugin, cmd_plugins, cmd_reindex
from .options import DEFAULT_INDEX, DEFAULT_RETRY_FOR, EXIT_FATAL, build_parser
from .output import Progress, Suspects, error
from .parse import cmd_parse
from .query import cmd_related, cmd_search
from .run import cmd_run

__all__ = ["DEFAULT_INDEX", "DEFAULT_RETRY_FOR", "Progress", "Suspects", "build_parser", "main"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
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
        fatal(args, f"plugin error: {err}")
    except KeyboardInterrupt:
        error("interrupted")
    except Exception as err:
        message = es_failure(err)
        if message is None:
            raise
        fatal(args, message)
    return EXIT_FATAL
