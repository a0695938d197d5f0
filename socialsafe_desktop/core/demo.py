"""The trainer demo: a fictional person to run the wizard on, loaded from resources/demo/.

Plain data, no Qt and no network. The persona (resources/demo/persona.toml) holds everything a
half-finished audit has: the About-you facts, the platforms, some checklist decisions, the search
plan and what the searches found. Each planned search names the canned results page (in
resources/demo/pages/) that answers it in demo mode, so a live search in front of a room gives
the same results as the seeded audit and never touches the network.

The persona also has a few forgotten accounts: sites that have an account under one of its
usernames, each answered by a stored page (resources/demo/accounts/). A forgotten-accounts
check in the demo is answered from those pages and from each other site's own rule for "no such
account" (accounts/canned.py): nothing is sent, and the demo never asks adult sites.

Seeding a store from a persona is the store's job (store/demo.py); answering searches from the
pages is the search package's job (search/canned.py).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .audit import FINDING_DECISIONS, ITEM_STATUSES, RECHECK_ANSWERS, SUGGESTED_ACTIONS, Finding
from .configfile import ConfigFileError, FileNotThere, decode_text, parse_toml, read_config_bytes
from .i18n import _
from .profile import Profile, profile_problems
from .queries import KINDS, PlannedSearch

RESOURCES_ENV = "SOCIALSAFE_RESOURCES"
PERSONA_FILE = "persona.toml"
PAGES_DIR = "pages"
ACCOUNTS_DIR = "accounts"  # the forgotten accounts' stored answers (not search result pages)
NO_RESULTS_PAGE = "no-results.html"
FORMAT = 1


class DemoDataError(Exception):
    """The shipped demo data is missing or broken; the message is one sentence for the trainer."""


@dataclass(frozen=True)
class DemoAccount:
    """A site with an account under one of the persona's usernames, and the stored answer."""

    username: str   # as About you has it, without "@"
    site: str       # the site's name in the site list (resources/accounts/sites.json)
    page: str       # a file in resources/demo/accounts/: what the site answers
    status: int = 200


@dataclass
class PreviousAudit:
    """The demo person's check before this one, so a trainer can show What changed (and the
    history) without waiting three months."""

    months_ago: int
    minutes: int                               # how long it took
    item_statuses: dict[str, tuple[str, str]]  # as DemoPersona.item_statuses
    findings: list[Finding]
    # Items added to the checklists "since then": the previous audit is seeded as not having
    # shown them, so the re-check marks them New.
    new_items: list[str] = field(default_factory=list)


@dataclass
class DemoPersona:
    profile: Profile
    platforms: list[str]
    item_statuses: dict[str, tuple[str, str]]  # "pack:item" -> (status, note)
    next_check_months: int
    searches: list[PlannedSearch]
    pages: dict[str, str]  # search id -> page file name in pages_dir
    findings: list[Finding]
    pages_dir: Path = field(default_factory=Path)
    no_results_page: str = NO_RESULTS_PAGE
    summary: str = ""
    accounts: list[DemoAccount] = field(default_factory=list)
    accounts_dir: Path = field(default_factory=Path)
    # Changes whenever persona.toml changes, so an old seeded demo store can be told apart.
    fingerprint: str = ""
    # This audit is a re-check: the answers to "Is this still set?" given so far, and the check before.
    item_rechecks: dict[str, str] = field(default_factory=dict)
    previous: PreviousAudit | None = None

    @property
    def display_name(self) -> str:
        return self.profile.display_name

    def page_for(self, search_id: str) -> str:
        return self.pages.get(search_id, self.no_results_page)



# --- finding the resources folder ------------------------------------------------------


def _resource_candidates() -> list[Path]:
    here = Path(__file__).resolve()
    candidates = []
    env = os.environ.get(RESOURCES_ENV, "").strip()
    if env:
        candidates.append(Path(env).expanduser())
    candidates.append(here.parents[2] / "resources")  # a source checkout: <repo>/resources
    candidates.append(here.parents[1] / "resources")  # installed: packaged inside socialsafe_desktop/
    frozen = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle unpacks data files here
    if getattr(sys, "frozen", False) and frozen:
        candidates.append(Path(frozen) / "resources")
    return candidates


def resources_dir() -> Path:
    """The first resources folder that exists; else the first candidate, so errors can name it."""
    candidates = _resource_candidates()
    for candidate in candidates:
        try:
            if candidate.is_dir():
                return candidate
        except OSError:
            continue
    return candidates[0]


_default_resources_dir = resources_dir  # load_persona's parameter shadows the name


# --- loading and checking -------------------------------------------------------------


def _fail(path: Path, what: str) -> DemoDataError:
    # TRANSLATORS: {what} says what is wrong in the demo's data file, in English (for whoever
    # installed SocialSafe).
    return DemoDataError(_("The demo data in {path} cannot be used: {what}.").format(path=path, what=what))


def _text(path: Path, value: Any, where: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(path, f"{where} should be text")
    return value


def _page_name(path: Path, pages_dir: Path, value: Any, where: str, suffixes: tuple[str, ...] = (".html",)) -> str:
    name = _text(path, value, where)
    # A bare file name inside pages/: the data must not point anywhere else on the computer.
    if Path(name).name != name or name in (".", "..") or not name.endswith(suffixes):
        kinds = " or ".join(suffixes)
        raise _fail(path, f"{where} should be the name of an {kinds} file in {pages_dir}")
    if not (pages_dir / name).is_file():
        raise _fail(path, f"{where} names {name}, which is not in {pages_dir}")
    return name


def _profile(path: Path, data: Any) -> Profile:
    if not isinstance(data, dict):
        raise _fail(path, "the [profile] table is missing")
    profile = Profile.from_dict(data)
    problems = profile_problems(profile)
    if problems:
        raise _fail(path, problems[0])
    # from_dict quietly drops what it does not understand; in shipped data that is a mistake.
    if len(profile.names) != len(data.get("names", [])) or len(profile.handles) != len(data.get("handles", [])):
        raise _fail(path, "a name or username in [profile] is not in the expected form")
    if not profile.display_name:
        raise _fail(path, "the person has no name")
    return profile


def _items(path: Path, data: Any) -> dict[str, tuple[str, str]]:
    if not isinstance(data, dict):
        raise _fail(path, "[items] should be a table")
    items = {}
    for key, value in data.items():
        pack, _colon, item = key.partition(":")
        if not pack or not item or not isinstance(value, dict):
            raise _fail(path, f"item '{key}' should be \"pack:item\" = {{ status = ..., note = ... }}")
        status = value.get("status", "")
        if status and status not in ITEM_STATUSES:
            raise _fail(path, f"item '{key}' has an unknown status '{status}'")
        items[key] = (status, _text(path, value.get("note"), f"the note of item '{key}'", required=False))
    return items


def _rechecks(path: Path, data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        raise _fail(path, "[rechecks] should be a table")
    for key, answer in data.items():
        if answer not in RECHECK_ANSWERS:
            raise _fail(path, f"the answer for '{key}' in [rechecks] should be one of {', '.join(RECHECK_ANSWERS)}")
    return dict(data)


def _previous(path: Path, data: Any, search_ids: set[str]) -> PreviousAudit | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _fail(path, "[previous] should be a table")
    months, minutes = data.get("months_ago", 4), data.get("minutes", 45)
    for name, value, top in (("months_ago", months, 24), ("minutes", minutes, 600)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise _fail(path, f"previous.{name} should be a whole number from 1 to {top}")
    new_items = data.get("new_items", [])
    if not isinstance(new_items, list) or not all(isinstance(k, str) and ":" in k for k in new_items):
        raise _fail(path, "previous.new_items should be a list of \"pack:item\" ids")
    return PreviousAudit(months, minutes, _items(path, data.get("items", {})),
                         _findings(path, data.get("findings", []), search_ids), list(new_items))


def _searches(path: Path, pages_dir: Path, data: Any) -> tuple[list[PlannedSearch], dict[str, str]]:
    if not isinstance(data, list) or not data:
        raise _fail(path, "there are no [[searches]]")
    searches, pages = [], {}
    for n, entry in enumerate(data, 1):
        where = f"search {n}"
        if not isinstance(entry, dict):
            raise _fail(path, f"{where} should be a table")
        ident = _text(path, entry.get("id"), f"the id of {where}")
        if ident in pages:
            raise _fail(path, f"two searches have the id '{ident}'")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise _fail(path, f"{where} has an unknown kind '{kind}'")
        search = PlannedSearch(ident, kind, _text(path, entry.get("text"), f"the text of {where}"),
                               bool(entry.get("enabled", True)), bool(entry.get("browser_only", False)))
        searches.append(search)
        pages[ident] = _page_name(path, pages_dir, entry.get("page"), f"the page of {where}")
    return searches, pages


def _findings(path: Path, data: Any, search_ids: set[str]) -> list[Finding]:
    if not isinstance(data, list):
        raise _fail(path, "[[findings]] should be a list of tables")
    findings, seen = [], set()
    for n, entry in enumerate(data, 1):
        where = f"finding {n}"
        if not isinstance(entry, dict):
            raise _fail(path, f"{where} should be a table")
        url = _text(path, entry.get("url"), f"the url of {where}")
        normalised = _text(path, entry.get("normalised_url"), f"the normalised_url of {where}")
        if normalised in seen:
            raise _fail(path, f"{where} repeats the page {url}")
        seen.add(normalised)
        found_by = entry.get("found_by", [])
        if not isinstance(found_by, list) or not found_by or not all(s in search_ids for s in found_by):
            raise _fail(path, f"{where} should list the ids of the planned searches that found it")
        decision, action = entry.get("decision", ""), entry.get("action", "")
        if decision and decision not in FINDING_DECISIONS:
            raise _fail(path, f"{where} has an unknown decision '{decision}'")
        if action and action not in SUGGESTED_ACTIONS:
            raise _fail(path, f"{where} has an unknown action '{action}'")
        findings.append(Finding(
            url=url, normalised_url=normalised,
            title=_text(path, entry.get("title"), f"the title of {where}", required=False),
            snippet=_text(path, entry.get("snippet"), f"the snippet of {where}", required=False),
            platform=entry.get("platform") or None, found_by=list(found_by),
            decision=decision, action=action,
            note=_text(path, entry.get("note"), f"the note of {where}", required=False),
        ))
    return findings


def _accounts(path: Path, accounts_dir: Path, data: Any, profile: Profile) -> list[DemoAccount]:
    if not isinstance(data, list):
        raise _fail(path, "[[accounts]] should be a list of tables")
    usernames = {h.text.strip().lstrip("@") for h in profile.filled_handles()}
    accounts, seen = [], set()
    for n, entry in enumerate(data, 1):
        where = f"account {n}"
        if not isinstance(entry, dict):
            raise _fail(path, f"{where} should be a table")
        username = _text(path, entry.get("username"), f"the username of {where}")
        if username not in usernames:
            raise _fail(path, f"{where} is under '{username}', which is not one of the person's usernames")
        site = _text(path, entry.get("site"), f"the site of {where}")
        if (username, site) in seen:
            raise _fail(path, f"{where} repeats {site} for '{username}'")
        seen.add((username, site))
        status = entry.get("status", 200)
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise _fail(path, f"the status of {where} should be an HTTP status code")
        page = _page_name(path, accounts_dir, entry.get("page"), f"the page of {where}", (".html", ".json"))
        accounts.append(DemoAccount(username, site, page, status))
    return accounts


def load_persona(resources_dir: Path | None = None) -> DemoPersona:
    """The demo person from <resources>/demo/persona.toml. Raises DemoDataError when the shipped
    data is missing or inconsistent (a page that is not there, an unknown status, ...)."""
    base = Path(resources_dir) if resources_dir is not None else _default_resources_dir()
    demo = base / "demo"
    path = demo / PERSONA_FILE
    pages_dir = demo / PAGES_DIR
    # Read as every configuration file is: only a regular file, only so many bytes, nesting
    # bounded, so a pipe or a device in its place fails at once rather than hanging the demo.
    try:
        raw = read_config_bytes(path)
    except FileNotThere:
        raise DemoDataError(f"The demo data could not be found at {path}: reinstall SocialSafe.") from None
    except ConfigFileError as exc:
        raise _fail(path, str(exc)) from None
    try:
        data = parse_toml(decode_text(raw))
    except ConfigFileError as exc:
        raise _fail(path, f"it is not valid TOML ({exc})") from None
    if data.get("format") != FORMAT:
        raise _fail(path, f"it is in format {data.get('format')!r}, this version reads format {FORMAT}")

    platforms = data.get("platforms")
    if not isinstance(platforms, list) or not all(isinstance(p, str) and p for p in platforms):
        raise _fail(path, "platforms should be a list of checklist ids")
    months = data.get("next_check_months", 3)
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 24:
        raise _fail(path, "next_check_months should be a whole number from 1 to 24")
    searches, pages = _searches(path, pages_dir, data.get("searches"))
    no_results = _page_name(path, pages_dir, data.get("no_results_page", NO_RESULTS_PAGE), "no_results_page")

    profile = _profile(path, data.get("profile"))
    return DemoPersona(
        profile=profile,
        platforms=list(platforms),
        item_statuses=_items(path, data.get("items", {})),
        next_check_months=months,
        searches=searches,
        pages=pages,
        findings=_findings(path, data.get("findings", []), set(pages)),
        pages_dir=pages_dir,
        no_results_page=no_results,
        summary=_text(path, data.get("summary"), "summary", required=False).strip(),
        accounts=_accounts(path, demo / ACCOUNTS_DIR, data.get("accounts", []), profile),
        accounts_dir=demo / ACCOUNTS_DIR,
        fingerprint=hashlib.sha256(raw).hexdigest()[:16],
        item_rechecks=_rechecks(path, data.get("rechecks", {})),
        previous=_previous(path, data.get("previous"), set(pages)),
    )
