"""The commands that look after plugins and the index: ``plugins``, ``new-plugin``,
``mappings`` and ``reindex``."""

from __future__ import annotations

import argparse
import json

from . import connect
from .options import EXIT_FATAL, EXIT_INPUT_FAILED, EXIT_OK
from .output import error, note


def cmd_plugins(args: argparse.Namespace) -> int:
    host = connect.host(args)
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
    from ..scaffold import ScaffoldError, create_plugin

    try:
        made = create_plugin(args.name, args.dir)
    except ScaffoldError as err:
        error(f"new-plugin: {err}")
        return EXIT_FATAL
    print(f"wrote {made.root}/ (plugin and source {made.name!r}, fixture {made.fixture.name})")
    print(f"next: pip install -e {made.root} && ingest plugins && pytest {made.root}")
    return EXIT_OK


def cmd_mappings(args: argparse.Namespace) -> int:
    from ..es.analysis import probe
    from ..es.indices import alias_state, template_body
    from ..es.mappings import comments_index, index_bodies

    host = connect.host(args)
    client = connect.client(args)
    available = probe(client)
    bodies = index_bodies(host, available)
    if args.action == "template":
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
    states = [alias_state(client, a) for a in (args.index, comments_index(args.index))]
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
    from ..es.indices import ensure_current

    host = connect.host(args)
    client = connect.client(args)
    connect.check_cluster(client)
    moved: list[str] = []

    def log(message: str) -> None:
        moved.append(message)
        note(message)

    ensure_current(client, args.index, host, log=log, force=args.force)
    if not moved:
        note(f"{args.index}: mapping is current; nothing to do (use --force to rebuild)")
    return EXIT_OK
