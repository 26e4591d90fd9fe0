"""``python -m ingest_plugins.cli``: the ``ingest`` command."""

import sys

from . import main

sys.exit(main())
