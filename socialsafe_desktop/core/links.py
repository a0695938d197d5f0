"""Which links SocialSafe will ever open, or print as a link: one rule for every opener.

http and https with a host, a valid port, no user name or password part (it makes
"https://bank.example@evil.example/" look like the bank), and no spaces or control characters
(browsers quietly drop some of them, which is how "java\\nscript:" tricks work).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

MAX_URL = 4000
# Spaces, control characters and the C1 controls: one compiled search is many times quicker than
# a loop over the characters, and the deletion directory checks thousands of addresses.
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_openable_url(url: object) -> bool:
    if not isinstance(url, str) or not url or len(url) > MAX_URL:
        return False
    if _UNSAFE_IN_URL.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host) and "@" not in parts.netloc


def is_loopback_host(host: str) -> bool:
    """This machine itself: the only place plain http (or a key over it) is acceptable."""
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_private_transport(url: str) -> bool:
    """Whether something private (a search with the person's name, an API key) may travel to
    `url`: https anywhere, plain http only to this machine."""
    if not is_openable_url(url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() == "https" or is_loopback_host(parts.hostname or "")
