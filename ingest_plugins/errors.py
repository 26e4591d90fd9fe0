"""The one error a bad input may raise.

Everything that is wrong with an *input* (empty, binary, unclaimed,
unparseable) is an ``InputError``; the host reports it as one line naming
the file and goes on with the other inputs. Any other exception from a
plugin is a bug in that plugin and is reported with the plugin's name.
"""

from __future__ import annotations


class InputError(Exception):
    """An input cannot be turned into a document. ``str(err)`` is the reason."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason
