"""Rebuild the forgotten-accounts data from newer copies of the two upstream data sets.

    python tools/build_account_data.py SOURCE [--out resources/accounts]

SOURCE holds one folder per data set, as published, each with a COMMIT file (upstream commit
and date, one line):

    SOURCE/whatsmyname/wmn-data.json   github.com/WebBreacher/WhatsMyName   CC BY-SA 4.0
    SOURCE/justdeleteme/sites.json     github.com/jdm-contrib/jdm (_data/)  MIT, with LICENSE

Only facts are kept. From WhatsMyName: name, addresses, status codes, match strings, POST body,
headers, bad characters, category, protection. Left out: `known` (real people's usernames) and
sites marked not working. From JustDeleteMe: name, deletion page, difficulty, domains, deletion
email. Left out: every `notes*` field, email subjects and bodies (other people's sentences),
translated pages and `meta`. Plain http addresses become https (the app sends a check over
https only), and an entry the app would refuse is left out and named on stderr.

Writes sites.json (CC BY-SA 4.0, like its source), deletion.json, NOTICE.md (both sources,
licences, upstream commits, what was changed) and LICENSE-JustDeleteMe.txt (the MIT notice).
LICENSE-CC-BY-SA-4.0.txt, the licence's full text, is kept as it is. The output is the same
bytes for the same input: keys sorted, entries in a fixed order.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from socialsafe_desktop.accounts.deletion import DIFFICULTIES, parse_service  # noqa: E402
from socialsafe_desktop.accounts.sites import UPSTREAM_ADULT, parse_site  # noqa: E402
from socialsafe_desktop.core.links import is_openable_url  # noqa: E402
from socialsafe_desktop.core.text import one_line  # noqa: E402

WMN_REPO = "https://github.com/WebBreacher/WhatsMyName"
JDM_REPO = "https://github.com/jdm-contrib/jdm"
SITE_FIELDS = ("name", "uri_check", "uri_pretty", "e_code", "e_string", "m_code", "m_string", "post_body",
               "headers", "strip_bad_char", "cat", "protection")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}")
_EMAIL = re.compile(r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+\.[^@\s<>\"',;:]+")


class BuildError(Exception):
    pass


def read_commit(folder: Path) -> tuple[str, str]:
    try:
        parts = (folder / "COMMIT").read_text("utf-8").split()
    except OSError as exc:
        raise BuildError(f"{folder / 'COMMIT'} cannot be read: {exc.strerror or exc}") from None
    if len(parts) != 2 or not re.fullmatch(r"[0-9a-f]{40}", parts[0]):
        raise BuildError(f"{folder / 'COMMIT'} should hold the upstream commit and its date on one line")
    return parts[0], parts[1]


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path} cannot be read as JSON: {exc}") from None


def https(url: str) -> str:
    return "https://" + url[len("http://"):] if url.startswith("http://") else url


def build_sites(source: Path, notes: list[str]) -> dict[str, Any]:
    folder = source / "whatsmyname"
    commit, date = read_commit(folder)
    data = read_json(folder / "wmn-data.json")
    categories = list(data.get("categories") or [])
    kept, left_out, upgraded = [], 0, 0
    for entry in data.get("sites") or []:
        if not isinstance(entry, dict):
            continue
        if entry.get("valid") is False:
            left_out += 1
            continue
        site = {key: entry[key] for key in SITE_FIELDS if key in entry}
        for key in ("uri_check", "uri_pretty"):
            if isinstance(site.get(key), str) and site[key].startswith("http://"):
                site[key] = https(site[key])
                upgraded += 1
        try:
            parse_site(site, categories=tuple(c if c != UPSTREAM_ADULT else "adult" for c in categories))
        except ValueError as exc:
            notes.append(f"whatsmyname: {one_line(entry.get('name'))!r} left out: {exc}")
            continue
        kept.append(site)
    kept.sort(key=lambda s: (s["name"].casefold(), s["name"]))
    notes.append(f"whatsmyname: {len(kept)} sites kept, {left_out} marked not working left out, "
                 f"{upgraded} http addresses made https")
    return {
        "about": "Derived from WhatsMyName's wmn-data.json for SocialSafe's forgotten-accounts check. "
                 "Licensed CC BY-SA 4.0, like its source; see NOTICE.md and LICENSE-CC-BY-SA-4.0.txt.",
        "license": "CC-BY-SA-4.0",
        "upstream": {"project": "WhatsMyName", "repository": WMN_REPO, "file": "wmn-data.json",
                     "commit": commit, "date": date, "license": data.get("license") or [],
                     "authors": data.get("authors") or []},
        "changes": [
            "Kept only the facts of each site: name, addresses, status codes, match strings, POST body, "
            "headers, characters to strip, category and known protections.",
            "Left out the 'known' usernames and the sites marked as not working ('valid': false).",
            "Changed plain http addresses to https.",
            "Left out sites whose rule SocialSafe cannot apply safely (listed when the data is rebuilt).",
        ],
        "categories": categories,
        "sites": kept,
    }


def clean_domains(values: Any) -> list[str]:
    domains = []
    for value in values if isinstance(values, list) else []:
        if not isinstance(value, str):
            continue
        domain = value.strip().lower().split("/", 1)[0].rstrip(".")
        if domain.startswith("www."):
            domain = domain[4:]
        if _DOMAIN.fullmatch(domain) and domain not in domains:
            domains.append(domain)
    return domains


def build_deletion(source: Path, notes: list[str]) -> dict[str, Any]:
    folder = source / "justdeleteme"
    commit, date = read_commit(folder)
    data = read_json(folder / "sites.json")
    services = []
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict):
            continue
        name = one_line(entry.get("name"))
        service: dict[str, Any] = {"name": name, "difficulty": entry.get("difficulty"),
                                   "domains": clean_domains(entry.get("domains"))}
        url = (entry.get("url") or "").strip() if isinstance(entry.get("url"), str) else ""
        if is_openable_url(url):
            service["url"] = url
        email = entry.get("email").strip() if isinstance(entry.get("email"), str) else ""
        if _EMAIL.fullmatch(email):
            service["email"] = email
        try:
            parse_service(service)
        except ValueError as exc:
            notes.append(f"justdeleteme: {name!r} left out: {exc}")
            continue
        services.append(service)
    services.sort(key=lambda s: (s["name"].casefold(), s["name"]))
    notes.append(f"justdeleteme: {len(services)} services kept")
    return {
        "about": "Derived from JustDeleteMe's _data/sites.json for SocialSafe: where and how an account "
                 "is deleted. MIT licence; see NOTICE.md and LICENSE-JustDeleteMe.txt.",
        "license": "MIT",
        "upstream": {"project": "JustDeleteMe", "repository": JDM_REPO, "file": "_data/sites.json",
                     "commit": commit, "date": date},
        "changes": [
            "Kept only the facts of each service: name, deletion page, difficulty, domains and deletion email.",
            "Left out every note, email subject and body, translated pages and 'meta'.",
            "Domains in lower case without 'www.' or a path; a page address that cannot be opened is left out.",
        ],
        "difficulties": list(DIFFICULTIES),
        "services": services,
    }


NOTICE = """\
# Data from other projects

SocialSafe's forgotten-accounts check uses two public data sets. Only their facts are kept
(addresses, status codes, match strings, categories, difficulty, domains), rebuilt by
`tools/build_account_data.py`; nothing else of theirs is included.

## sites.json: WhatsMyName

- Source: {wmn_repo}, `wmn-data.json`, commit {wmn_commit} ({wmn_date}).
- {wmn_copyright} Contributors: {wmn_authors}.
- Licence: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0),
  https://creativecommons.org/licenses/by-sa/4.0/ (full text: `LICENSE-CC-BY-SA-4.0.txt`).
- Changes: {wmn_changes}
- `sites.json` is an adaptation of WhatsMyName's data and is licensed under CC BY-SA 4.0 as
  well, whatever the licence of the rest of SocialSafe.

## deletion.json: JustDeleteMe

- Source: {jdm_repo}, `_data/sites.json`, commit {jdm_commit} ({jdm_date}).
- {jdm_copyright}
- Licence: MIT; the copyright and permission notice is in `LICENSE-JustDeleteMe.txt`.
- Changes: {jdm_changes}
"""


def build_notice(sites: dict[str, Any], deletion: dict[str, Any], jdm_licence: str) -> str:
    wmn, jdm = sites["upstream"], deletion["upstream"]
    copyright_line = next((line for line in wmn["license"] if line.lower().startswith("copyright")), "")
    jdm_copyright = next((line.strip() for line in jdm_licence.splitlines() if line.lower().startswith("copyright")),
                         "")
    return NOTICE.format(
        wmn_repo=wmn["repository"], wmn_commit=wmn["commit"], wmn_date=wmn["date"],
        wmn_copyright=(copyright_line + ".").replace("..", "."), wmn_authors=", ".join(wmn["authors"]),
        wmn_changes=" ".join(sites["changes"]),
        jdm_repo=jdm["repository"], jdm_commit=jdm["commit"], jdm_date=jdm["date"],
        jdm_copyright=(jdm_copyright + ".").replace("..", "."), jdm_changes=" ".join(deletion["changes"]),
    )


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build(source: Path) -> tuple[dict[str, str], list[str]]:
    """The files to write (name -> text) and what was left out, for stderr."""
    notes: list[str] = []
    sites = build_sites(source, notes)
    deletion = build_deletion(source, notes)
    try:
        jdm_licence = (source / "justdeleteme" / "LICENSE").read_text("utf-8")
    except OSError as exc:
        raise BuildError(f"{source / 'justdeleteme' / 'LICENSE'} cannot be read: {exc.strerror or exc}") from None
    files = {
        "sites.json": dump(sites),
        "deletion.json": dump(deletion),
        "NOTICE.md": build_notice(sites, deletion, jdm_licence),
        "LICENSE-JustDeleteMe.txt": jdm_licence if jdm_licence.endswith("\n") else jdm_licence + "\n",
    }
    return files, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder with whatsmyname/ and justdeleteme/")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "accounts", help="where to write")
    args = parser.parse_args(argv)
    try:
        files, notes = build(args.source)
    except BuildError as exc:
        print(f"build_account_data: {exc}.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
    for note in notes:
        print(note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
