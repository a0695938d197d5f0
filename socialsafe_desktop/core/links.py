"""Which links SocialSafe will ever open or print as a link: http and https with a host."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_openable_url(url: object) -> bool:
    if not isinstance(url, str) or not url or len(url) > 4000:
        return False
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in url):
        return False  # spaces and control characters hide what a link really points to
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_loopback_host(host: str) -> bool:
    """This machine itself: the only place plain http (or a key over it) is acceptable."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
