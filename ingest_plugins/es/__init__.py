"""Everything that talks to Elasticsearch: connection, index templates, bulk push, search."""
