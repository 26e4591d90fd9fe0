"""Create the indices a run writes to, or add new plugin fields to them."""

from __future__ import annotations

from elasticsearch import BadRequestError, Elasticsearch

from ..plugins import Host
from .mappings import comments_index, index_bodies


def ensure_indices(client: Elasticsearch, index: str, host: Host) -> None:
    """Create ``index`` and ``<index>-comments`` if missing; else add new fields."""
    bodies = index_bodies(host)
    for name, body in ((index, bodies["articles"]), (comments_index(index), bodies["comments"])):
        if client.indices.exists(index=name):
            client.indices.put_mapping(index=name, properties=body["mappings"]["properties"])
        else:
            try:
                client.indices.create(index=name, **body)
            except BadRequestError as err:
                if err.error != "resource_already_exists_exception":  # a parallel run made it
                    raise
    client.cluster.health(index=f"{index},{comments_index(index)}", wait_for_status="yellow")
