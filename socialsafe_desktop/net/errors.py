"""The one error every network feature raises: a kind to act on and a sentence to show."""

from __future__ import annotations


class NetError(Exception):
    """A request that did not work. `message` is one plain sentence for the person.

    kind is one of: blocked, unparseable, http, timeout, network, offline, tls, config,
    too_large, rate_limited, upstream, browser_only, cancelled, unexpected.
    """

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind!r}, {self.message!r})"
