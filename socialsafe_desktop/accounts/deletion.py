"""The deletion directory: for a service's domain, where its accounts are deleted and how hard
that is. Derived from JustDeleteMe (MIT, see resources/accounts/NOTICE.md) by
tools/build_account_data.py.

A lookup takes a host name or an address. The longest listed domain that the host is, or is a
subdomain of, wins: "gist.github.com" finds an entry for "gist.github.com" before one for
"github.com", and "www.example.org" finds "example.org"; "notexample.org" never finds
"example.org". A bad entry is skipped with one sentence in `problems`, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..core.demo import resources_dir

# The record is core's (the report shows it too); this module reads the directory into it.
from ..core.forgotten_accounts import DIFFICULTIES, DeletionInfo
from ..core.i18n import _
from ..core.links import is_openable_url
from ..core.text import has_unsafe_chars, one_line
from .sites import AccountDataError, read_json_file

_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}")
_EMAIL = re.compile(r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+\.[^@\s<>\"',;:]+")
MAX_NAME = 100


class _Invalid(ValueError):
    """One entry cannot be used; the message finishes "skipped because ..."."""


def parse_service(entry: Any) -> DeletionInfo:
    if not isinstance(entry, dict):
        raise _Invalid("it is not a table of fields")
    name = entry.get("name")
    if not isinstance(name, str) or has_unsafe_chars(name) or not one_line(name) or len(name) > MAX_NAME:
        raise _Invalid("'name' is missing, too long or has control characters")
    difficulty = entry.get("difficulty")
    if difficulty not in DIFFICULTIES:
        raise _Invalid(f"'difficulty' is not one of {', '.join(DIFFICULTIES)}")
    domains = entry.get("domains")
    if not isinstance(domains, list) or not domains:
        raise _Invalid("it lists no domains")
    for domain in domains:
        if not isinstance(domain, str) or not _DOMAIN.fullmatch(domain):
            raise _Invalid("a domain is not a lower-case host name")
    url = entry.get("url")
    if url is not None and not is_openable_url(url):
        raise _Invalid("'url' is not a web address that can be opened")
    email = entry.get("email")
    if email is not None and (not isinstance(email, str) or not _EMAIL.fullmatch(email)):
        raise _Invalid("'email' is not an email address")
    return DeletionInfo(name=one_line(name), difficulty=difficulty, domains=tuple(domains), url=url, email=email)


class DeletionDirectory:
    def __init__(self, services: tuple[DeletionInfo, ...] = (), problems: tuple[str, ...] = (),
                 source: Mapping[str, Any] | None = None) -> None:
        self.services = services
        self.problems = problems
        self.source = dict(source or {})
        self._by_domain: dict[str, DeletionInfo] = {}
        for service in services:
            for domain in service.domains:
                self._by_domain.setdefault(domain, service)  # two services, one domain: the first listed

    def __len__(self) -> int:
        return len(self.services)

    def lookup(self, host_or_url: str) -> DeletionInfo | None:
        """The service for a host name or an address; None when the directory does not know it."""
        host = _host_of(host_or_url)
        if not host:
            return None
        labels = host.split(".")
        for start in range(len(labels) - 1):  # longest first; a bare top-level domain never matches
            found = self._by_domain.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


def deletion_for(directory: DeletionDirectory, category: str, address: str | None) -> DeletionInfo | None:
    """How to close an account found at `address` on a site of `category`. None for the
    "archived" category: those addresses belong to an archive keeping copies of other sites,
    and the archive's own deletion page would send the person to the wrong service."""
    if not address or category == "archived":
        return None
    return directory.lookup(address)


_BARE_HOST = re.compile(r"([A-Za-z0-9.-]+)(?::\d{1,5})?")


def _host_of(value: str) -> str:
    """The host of an http(s) address, or a bare host name (with or without a port)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if "://" in text:
        try:
            parts = urlsplit(text)
            host = parts.hostname if parts.scheme.lower() in ("http", "https") else None
        except ValueError:
            return ""
    else:
        bare = _BARE_HOST.fullmatch(text)
        host = bare.group(1) if bare else None
    return (host or "").rstrip(".").lower()


def default_deletion_path() -> Path:
    return resources_dir() / "accounts" / "deletion.json"


def load_deletion_directory(path: Path | None = None) -> DeletionDirectory:
    """The directory from `path` (default: the app's). AccountDataError when the file cannot be
    used at all; a bad entry is skipped with a sentence in `problems`."""
    path = Path(path) if path is not None else default_deletion_path()
    return parse_deletion_directory(read_json_file(path, _("deletion directory")), origin=path.name)


def parse_deletion_directory(data: Any, *, origin: str = "deletion.json") -> DeletionDirectory:
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise AccountDataError(_("The deletion directory ({origin}) cannot be used: it has no list of services.").format(
            origin=origin))
    services, problems = [], []
    for number, entry in enumerate(data["services"], 1):
        try:
            services.append(parse_service(entry))
        except _Invalid as exc:
            name = entry.get("name") if isinstance(entry, dict) else None
            label = f"service {number} ({one_line(name)[:MAX_NAME]})" if isinstance(name, str) and name.strip() \
                else f"service {number}"
            problems.append(f"{origin}: {label} was skipped because {exc}.")
    source = data.get("upstream") if isinstance(data.get("upstream"), dict) else {}
    return DeletionDirectory(tuple(services), tuple(problems), source)
