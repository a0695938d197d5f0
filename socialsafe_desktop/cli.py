"""The command line. The window is the product; these commands serve IT, trainers and tests.

Errors are one plain sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from . import APP_NAME, __version__
from .core.filemodes import NotPrivateError
from .core.i18n import ENGLISH, LANGUAGES
from .paths import AppPaths, resolve_paths

# The languages a checklist pack may be translated into (core/checklists.TRANSLATION_LANGUAGES,
# without importing the content code to build the parser).
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)


class CommandError(Exception):
    """A problem to report to the person in one sentence."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one sentence, exit 2, like argparse but without the usage dump
        self.exit(2, f"{self.prog}: {message}. Try '{self.prog} --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="socialsafe", description=f"{APP_NAME}: a personal privacy self-audit.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the wizard on a fictional person (your own audit is not touched)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep all data in DIR (default: SOCIALSAFE_DATA_DIR, else your user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    checklists = commands.add_parser("checklists", help="check or list the privacy-settings checklists")
    checklist_commands = checklists.add_subparsers(dest="checklists_command", metavar="ACTION", required=True,
                                                   parser_class=_Parser)
    validate = checklist_commands.add_parser(
        "validate", help="validate checklist files or folders",
        description="Print one line per problem and exit 1, or exit 0 when there is none. Warnings (a translation "
                    "older than the English it translates) are printed too, with 'warning:', but skip nothing "
                    "and do not change the exit status unless --strict is given.")
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="files or folders (default: the app's packs and SOCIALSAFE_CHECKLIST_PATH)")
    validate.add_argument("--strict", action="store_true", help="exit 1 on warnings too (for release checks)")
    listing = checklist_commands.add_parser("list", help="list the packs that load, with item counts")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    status = checklist_commands.add_parser(
        "translation-status",
        help="for translators: what is translated, out of date or missing, with the fingerprints to write")
    status.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (default: the app's packs and glossary)")
    status.add_argument("--lang", action="append", choices=TRANSLATION_LANGUAGES, metavar="LANG",
                        help=f"the language (repeat for more; default: all of {', '.join(TRANSLATION_LANGUAGES)})")
    status.add_argument("--summary", action="store_true", help="one line per file, without the items")
    status.add_argument("--json", action="store_true", help="print JSON")
    links = checklist_commands.add_parser(
        "check-links", help="for maintainers: visit every settings and source address, report dead or moved ones")
    links.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: the app's packs and the organisation folders)")
    links.add_argument("--json", action="store_true", help="print JSON instead of one line per problem")
    links.add_argument("--timeout", type=_positive_seconds, default=10.0, metavar="SECONDS",
                       help="how long to wait for each answer (default 10)")
    links.add_argument("--delay", type=_positive_seconds, default=1.0, metavar="SECONDS",
                       help="pause between two requests to the same site (default 1)")

    search = commands.add_parser("search", help="run one search through a provider and print the results")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--provider", choices=("duckduckgo", "searxng", "brave"), default="duckduckgo")
    search.add_argument("--json", action="store_true", help="print JSON")

    accounts = commands.add_parser("accounts", help="forgotten accounts: which sites have an account under a username")
    account_commands = accounts.add_subparsers(dest="accounts_command", metavar="ACTION", required=True,
                                               parser_class=_Parser)
    account_check = account_commands.add_parser(
        "check", help="ask each site once whether it has an account under USERNAME",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Ask each site in the list once whether it has an account under USERNAME, and print\n"
                    "found / not found / could not check per site. Each site sees one request from this\n"
                    "computer (through the organisation's proxy, if it sets one), one at a time per site.\n"
                    "Adult sites are asked only with --category adult. Email addresses are never checked.",
        epilog="exit codes:\n"
               "  0    the check ran (whatever it found)\n"
               "  1    an error (one sentence on stderr)\n"
               "  2    a wrong argument (an unknown category, an unusable username)\n"
               "  3    not one site could be checked (a proxy or firewall may be blocking them)\n"
               "  130  interrupted (Ctrl+C)")
    account_check.add_argument("username", metavar="USERNAME")
    account_check.add_argument("--category", action="append", metavar="C",
                               help="only sites in this category (repeat for more); 'adult' only when named")
    account_check.add_argument("--json", action="store_true", help="print JSON")

    report = commands.add_parser("report", help="export the action report without the window")
    report.add_argument("--out", required=True, type=Path, metavar="FILE", help="where to write the HTML report")
    report.add_argument("--redact", action="store_true", help="hide names, usernames, emails and result addresses")
    report.add_argument("--demo", action="store_true", help="the fictional demo person (your audit is not read)")

    policy = commands.add_parser("policy", help="the managed policy: show the effective settings or check a file")
    policy_commands = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True,
                                            parser_class=_Parser)
    policy_commands.add_parser("show", help="every setting, its value and where it came from")
    check = policy_commands.add_parser("check", help="check a policy file: one line per problem")
    check.add_argument("file", type=Path, metavar="FILE")

    keys = commands.add_parser("keys", help="API keys, kept only in the system keyring")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True, parser_class=_Parser)
    key_set = key_commands.add_parser("set", help="save a key read from standard input")
    key_set.add_argument("name", metavar="NAME")
    key_delete = key_commands.add_parser("delete", help="remove a key")
    key_delete.add_argument("name", metavar="NAME")
    key_commands.add_parser("status", help="which keys are set and where they are kept")

    forget = commands.add_parser("forget", help="delete every trace of the audit on this computer")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    backup = commands.add_parser("backup", help="save the whole audit history (and evidence files) in one file")
    backup.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write (must be new)")
    backup.add_argument("--encrypt", action="store_true",
                        help="protect it with a passphrase, read from the terminal (or one line of standard input)")
    restore = commands.add_parser("restore", help="bring back a backup: shows what it holds and what it replaces first")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


def cmd_checklists(args) -> int:
    from .configuration import app_catalogue, effective_settings
    from .core import checklists as ck

    if args.checklists_command == "check-links":
        return cmd_check_links(args)
    if args.checklists_command == "translation-status":
        return cmd_translation_status(args)
    if args.checklists_command == "validate":
        if args.paths:
            problems = ck.validate_paths([Path(p) for p in args.paths])
        else:  # the whole catalogue as the app loads it, so overlay targets are checked too
            loaded = app_catalogue(effective_settings(None))
            problems = loaded.problems + loaded.warnings
        for problem in problems:
            print(problem)
        failing = [p for p in problems if args.strict or not p.warning]
        return 1 if failing else 0
    catalogue = app_catalogue(effective_settings(None))
    today = date.today()
    rows = [{"id": p.id, "name": p.name, "kind": p.kind, "items": len(p.items), "essential": len(p.essentials),
             "last_reviewed": p.last_reviewed.isoformat(), "may_be_out_of_date": p.is_stale(today),
             "origin": p.origin, "path": str(p.path)} for p in catalogue.packs.values()]
    if args.json:
        print(json.dumps({"packs": rows, "problems": [str(p) for p in catalogue.problems],
                          "warnings": [str(w) for w in catalogue.warnings]}, indent=2))
    else:
        print(f"{'id':<16} {'items':>5} {'essential':>9}  {'last reviewed':<13}  name")
        for r in rows:
            stale = "  (may be out of date)" if r["may_be_out_of_date"] else ""
            print(f"{r['id']:<16} {r['items']:>5} {r['essential']:>9}  {r['last_reviewed']:<13}  {r['name']}{stale}")
        for problem in catalogue.problems:
            print(f"skipped: {problem}", file=sys.stderr)
        for warning in catalogue.warnings:
            print(warning, file=sys.stderr)
    return 0


def cmd_translation_status(args) -> int:
    from .content.translation_status import collect_status, status_json, status_lines
    from .core import checklists as ck

    paths = [Path(p) for p in args.paths] or [ck.default_app_dir()]
    statuses, problems = collect_status(paths, args.lang or ck.TRANSLATION_LANGUAGES)
    if args.json:
        print(json.dumps({**status_json(statuses), "problems": [str(p) for p in problems]}, indent=2,
                         ensure_ascii=False))
    else:
        for line in status_lines(statuses, summary=args.summary):
            print(line)
        for problem in problems:
            print(f"skipped: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("give a number of seconds between 0 and 600")
    return value


def cmd_check_links(args) -> int:
    from .configuration import effective_settings
    from .content.linkcheck import CHECK_SETTINGS, check_links, collect_links
    from .core import checklists as ck

    settings = effective_settings(None)
    if args.paths:
        paths = [Path(p) for p in args.paths]
    else:
        paths = [ck.default_app_dir(), *ck.extra_dirs_from_env(), *settings.extra_checklist_dirs()]
    uses, problems = collect_links(paths)
    if not uses and not problems:
        raise CommandError("There are no addresses to check in those files.")
    http = replace(CHECK_SETTINGS, timeout=args.timeout, host_delay=args.delay, proxy=settings.proxy())
    hosts = {urlsplit(u.url).hostname for u in uses}
    count = len({u.url for u in uses})
    print(f"Checking {count} address{'es' if count != 1 else ''} on {len(hosts)} "
          f"site{'s' if len(hosts) != 1 else ''}…", file=sys.stderr)
    link_problems = check_links(uses, settings=http)
    if args.json:
        print(json.dumps({"checked": len({u.url for u in uses}),
                          "problems": [p.to_dict() for p in link_problems],
                          "file_problems": [str(p) for p in problems]}, indent=2))
    else:
        for problem in problems:
            print(problem)
        for link_problem in link_problems:
            print(link_problem)
    return 1 if problems or link_problems else 0


def cmd_search(args) -> int:
    from .configuration import effective_settings, search_settings
    from .search.results import SearchError, results_to_json
    from .search.runner import run_single_search
    from .secrets import KeyStore

    policy_settings = effective_settings(None)
    if args.provider not in policy_settings.allowed_providers():
        raise CommandError(f"Searching through {args.provider} is switched off by "
                           f"{policy_settings.policy.organisation_label}'s policy.")
    settings = search_settings(policy_settings)
    print(f"Searching {args.provider} at {settings.endpoint(args.provider) or '(no address set)'}…",
          file=sys.stderr)
    keys = KeyStore()
    try:
        results = run_single_search(args.query, args.provider, key_provider=keys.get, settings=settings)
    except SearchError as exc:
        raise CommandError(exc.message) from None
    if args.json:
        print(results_to_json(results))
    elif not results:
        print("No results.")
    else:
        for n, r in enumerate(results, 1):
            print(f"{n}. {r.title}\n   {r.url}")
            if r.snippet:
                print(f"   {r.snippet}")
    return 0


def cmd_accounts(args) -> int:
    from .accounts.checker import OUTCOME_LABELS, OUTCOMES, check_settings
    from .accounts.deletion import deletion_for, load_deletion_directory
    from .accounts.estimate import about_duration, estimate_seconds, plan_check
    from .accounts.runner import AccountCheckRunner
    from .accounts.sites import ADULT, AccountDataError, UsernameError, load_sites
    from .app.accounts import allowed_categories
    from .configuration import effective_settings

    policy_settings = effective_settings(None)
    policy_categories = policy_settings.allowed_account_categories()
    organisation = policy_settings.policy.organisation_label
    if not policy_categories:
        raise CommandError(f"The forgotten-accounts check is switched off by {organisation}'s policy.")
    try:
        site_list = load_sites()
    except AccountDataError as exc:
        raise CommandError(str(exc)) from None
    categories = list(dict.fromkeys(args.category)) if args.category else None
    unknown = [c for c in categories or () if c not in site_list.categories]
    if unknown:
        print(f"socialsafe: there is no category '{unknown[0]}'; the categories are: "
              f"{', '.join(site_list.categories)}.", file=sys.stderr)
        return 2
    allowed, adult_allowed = allowed_categories(policy_categories, site_list)
    refused = [c for c in categories or () if c not in allowed and not (c == ADULT and adult_allowed)]
    if refused:
        raise CommandError(f"Checking '{refused[0]}' sites is not allowed by {organisation}'s policy; the categories "
                           f"allowed are: {', '.join(allowed + ((ADULT,) if adult_allowed else ()))}.")
    if categories is None:
        categories = list(allowed)  # adult sites only when named
    try:
        plan = plan_check(site_list, args.username, categories, include_adult=ADULT in categories)
    except UsernameError as exc:
        print(f"socialsafe: {exc}", file=sys.stderr)
        return 2
    if not plan.checks:
        raise CommandError("No site in those categories can have an account with that username.")
    settings = check_settings(policy_settings.proxy())
    duration = about_duration(estimate_seconds(plan.checks, settings))
    print(f"Checking {len(plan.checks)} sites for the username {plan.username!r}: each site sees one request "
          f"from this computer; {duration}.", file=sys.stderr)

    events: queue.SimpleQueue = queue.SimpleQueue()
    runner = AccountCheckRunner(settings, events.put)
    results = []
    runner.start(plan.checks)
    try:
        while True:
            try:
                event = events.get(timeout=0.2)  # wakes often, so Ctrl+C is noticed at once
            except queue.Empty:
                continue
            if event.kind == "result":
                results.append(event.result)
            elif event.kind == "finished":
                break
    except KeyboardInterrupt:
        runner.cancel()
        raise
    directory = None
    if any(r.found for r in results):
        try:
            directory = load_deletion_directory()
        except AccountDataError:
            directory = None  # the check's answers stand without deletion advice
    order = {"found": 0, "could_not_check": 1, "not_found": 2}  # what to look at first
    results.sort(key=lambda r: (order[r.outcome], r.site.casefold()))
    counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in OUTCOMES}
    if args.json:
        rows = []
        for r in results:
            row = {"site": r.site, "category": r.category, "outcome": r.outcome, "reason": r.reason,
                   "profile_url": r.profile_url, "site_url": r.site_url, "status": r.status}
            info = deletion_for(directory, r.category, r.profile_url or r.site_url) if directory and r.found else None
            if info is not None:
                row["deletion"] = {"service": info.name, "difficulty": info.difficulty, "url": info.url,
                                   "email": info.email}
            rows.append(row)
        print(json.dumps({"username": plan.username, "sites_asked": len(plan.checks), "counts": counts,
                          "not_applicable": list(plan.not_applicable), "results": rows}, indent=2))
    else:
        for r in results:
            line = f"{OUTCOME_LABELS[r.outcome]:<16} {r.site}"
            if r.found:
                line += f"  {r.profile_url or r.site_url}"
                info = deletion_for(directory, r.category, r.profile_url or r.site_url) if directory else None
                if info is not None and info.url:
                    line += f"  (to close it: {info.url}, {info.difficulty})"
            elif r.outcome != "not_found":
                line += f"  ({r.reason})"
            print(line)
        print(f"Found on {counts['found']}, not found on {counts['not_found']}, could not check "
              f"{counts['could_not_check']}. A site that has the name may not be you: open the address to see.",
              file=sys.stderr)
    if results and counts["could_not_check"] == len(results):
        return 3
    return 0


def open_session(paths: AppPaths, demo: bool):
    """The audit as the window would open it (or the demo's), with the managed policy applied,
    for commands that work on it without the window. Nothing is ever opened in a browser."""
    from .app.backend import DemoBackend, RealBackend
    from .app.session import AuditSession
    from .configuration import app_catalogue, effective_settings
    from .core.filemodes import check_folder_chain
    from .store import AuditStore, StoreDamagedError, StoreError

    if demo:
        from .core.demo import DemoDataError, load_persona
        from .store.demo import prepare_demo_store

        try:
            persona = load_persona()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        for notice in paths.ensure():
            print(notice, file=sys.stderr)
        try:
            store = prepare_demo_store(paths.demo_dir, persona,
                                       catalogue=lambda: app_catalogue(effective_settings(None)))
        except StoreError as exc:  # e.g. the demo is open in a window
            raise CommandError(str(exc)) from None
        backend = DemoBackend(persona)
    else:
        if not paths.database.exists():
            raise CommandError("There is no audit on this computer yet: open SocialSafe and start one first.")
        check_folder_chain(paths.data_dir)
        try:
            # Read-only: a report never changes the audit, and a damaged file stays where it
            # is for the window to set aside and explain. The lock keeps a window from
            # changing the audit half-way through.
            store = AuditStore.open(paths.database, exclusive=True, read_only=True)
        except StoreDamagedError as exc:
            raise CommandError(f"No report was made. {exc}") from None
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        backend = RealBackend(lambda _url: False)
    settings = effective_settings(store)  # the managed policy shapes the report as in the window
    return AuditSession(store, backend, catalogue_loader=lambda: app_catalogue(settings), settings=settings)


def cmd_report(paths: AppPaths, args) -> int:
    from .app.report import export_report
    from .report import ReportError

    session = open_session(paths, args.demo)
    try:
        html, ics = export_report(session, args.out, redact=args.redact)
    except ReportError as exc:
        raise CommandError(str(exc)) from None
    finally:
        session.close()
    print(f"Saved your report to {html} and a calendar reminder to {ics}.")
    return 0


def cmd_policy(paths: AppPaths, args) -> int:
    from .core.policy import check_policy_file, format_policy_show

    if args.policy_command == "check":
        problems = check_policy_file(args.file)
        for problem in problems:
            print(problem)
        if not problems:
            print(f"{args.file}: no problems found.")
        return 1 if problems else 0
    from .configuration import effective_settings
    from .store import AuditStore, StoreError

    # The person's own settings are read without changing anything (no store is created,
    # moved aside or upgraded on disk), and the output says where they came from.
    store = None
    if not paths.database.exists():
        mine = f"none saved (there is no audit at {paths.database})"
    else:
        try:
            store = AuditStore.open(paths.database, read_only=True)
            mine = f"read from {paths.database} without changing it"
        except StoreError as exc:
            mine = f"not read, so they are left out below: {exc}"
    try:
        for line in format_policy_show(effective_settings(store), user_settings=mine):
            print(line)
    finally:
        if store is not None:
            store.close()
    return 0


def cmd_keys(args) -> int:
    from . import secrets

    if args.keys_command == "set":
        return secrets.cmd_keys_set(args.name)
    if args.keys_command == "delete":
        return secrets.cmd_keys_delete(args.name)
    return secrets.cmd_keys_status()


def _lock_for_forget(paths: AppPaths) -> list:
    """Lock every SocialSafe folder that exists, so no window is saving into files that are
    about to go; refuse plainly (deleting nothing) when one is open."""
    from .store import DataFolderInUse, FolderLock

    locks = []
    try:
        for folder, what in ((paths.data_dir, "the audit"), (paths.demo_dir, "the demo")):
            if folder.is_dir():
                locks.append(FolderLock.acquire(folder, what))
    except DataFolderInUse as exc:
        for lock in locks:
            lock.release()
        raise CommandError(f"Nothing was deleted: SocialSafe is open on {exc.what} in {exc.folder}. "
                           "Close that window, then run 'socialsafe forget' again.") from None
    return locks


def cmd_forget(paths: AppPaths, yes: bool) -> int:
    if not paths.own_files():
        paths.remove_empty_folders()
        print("There is nothing to delete: SocialSafe has no data on this computer.")
        return 0
    locks = _lock_for_forget(paths)
    try:
        files = paths.own_files()
        print(f"This deletes your audits, your notes, the evidence you kept and SocialSafe's logs "
              f"({len(files)} files) from:")
        for folder in sorted({f.parent for f in files}):
            print(f"  {folder}")
        if not yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise CommandError("Nothing was deleted: run 'socialsafe forget --yes' to confirm without a prompt.")
            answer = input("Type 'delete' to confirm: ").strip().lower()
            if answer != "delete":
                print("Nothing was deleted.")
                return 1
        from .logging_setup import close_logging

        close_logging()
        lock_files = {Path(os.path.realpath(lock.path)) for lock in locks}  # as own_files names them
        failed = _delete([f for f in files if f not in lock_files])
    finally:
        for lock in locks:
            lock.release()
    failed += _delete(sorted(lock_files))  # after release: Windows cannot delete an open file
    paths.remove_empty_folders()
    if failed:
        path, reason = failed[0]
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        raise CommandError(f"Some of SocialSafe's data could not be deleted: {path}{more} ({reason}).")
    print("Done: SocialSafe's data has been deleted from this computer.")
    return 0


def _read_passphrase(prompt: str, *, twice: bool = False) -> str:
    """From the terminal without echo, or one line of standard input: never an argument, so it
    is not left in the shell's history or the process list."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass(prompt)
        if twice and getpass.getpass("The same passphrase again: ") != passphrase:
            raise CommandError("The two passphrases were not the same: nothing was saved.")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise CommandError("No passphrase was given.")
    return passphrase


def cmd_backup(paths: AppPaths, args) -> int:
    from .app.backup import BackupError, write_backup
    from .core.filemodes import check_folder_chain
    from .store import AuditStore, StoreError

    if not paths.database.exists():
        raise CommandError("There is no audit on this computer to back up.")
    check_folder_chain(paths.data_dir)
    out = args.out.expanduser().absolute()
    if out.exists():
        raise CommandError(f"{out} already exists: choose another file name.")
    passphrase = _read_passphrase("Passphrase for the backup: ", twice=True) if args.encrypt else None
    try:
        # Locked like the window: nothing changes the audit while it is being copied.
        store = AuditStore.open(paths.database, exclusive=True, read_only=True)
    except StoreError as exc:
        raise CommandError(f"No backup was made. {exc}") from None
    try:
        contents = write_backup(store, paths.data_dir, out, passphrase=passphrase)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"Saved a backup of {contents.describe()} to {out}.")
    if passphrase:
        print("Keep the passphrase safe: without it, nobody (not even you) can open this backup.")
    return 0


def cmd_restore(paths: AppPaths, args) -> int:
    from .app.backup import BackupError, current_data, is_encrypted, read_backup, restore_backup
    from .store import DataFolderInUse, FolderLock

    source = args.file.expanduser().absolute()
    try:
        passphrase = _read_passphrase("Passphrase of the backup: ") if is_encrypted(source) else None
        contents = read_backup(source, passphrase)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    for notice in paths.ensure():
        print(notice, file=sys.stderr)
    try:
        lock = FolderLock.acquire(paths.data_dir)
    except DataFolderInUse as exc:
        raise CommandError(f"Nothing was changed: SocialSafe is open on {exc.what} in {exc.folder}. "
                           "Close that window, then run 'socialsafe restore' again.") from None
    try:
        current = current_data(paths.data_dir)
        print(f"The backup holds {contents.describe()}; it was made on {contents.created_at[:10] or 'an unknown day'}.")
        if current.empty:
            print(f"There is no audit in {paths.data_dir} now, so nothing is replaced.")
        else:
            print(f"It replaces what is in {paths.data_dir} now: {current.describe()}. "
                  "That is kept aside in the same folder, as a backup file of its own.")
        if not args.yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise CommandError("Nothing was changed: run 'socialsafe restore FILE --yes' to confirm without a prompt.")
            if input("Type 'restore' to confirm: ").strip().lower() != "restore":
                print("Nothing was changed.")
                return 1
        try:
            kept = restore_backup(contents, paths.data_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
    finally:
        lock.release()
    print(f"Restored {contents.describe()} into {paths.data_dir}."
          + (f" What was there before is kept in {kept}." if kept else ""))
    return 0


def _delete(files: list[Path]) -> list[tuple[Path, str]]:
    failed = []
    for file in files:
        try:
            file.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            failed.append((file, exc.strerror or str(exc)))
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        paths = resolve_paths(args.data_dir)
        if args.command == "checklists":
            return cmd_checklists(args)
        if args.command == "search":
            return cmd_search(args)
        if args.command == "accounts":
            return cmd_accounts(args)
        if args.command == "report":
            return cmd_report(paths, args)
        if args.command == "policy":
            return cmd_policy(paths, args)
        if args.command == "keys":
            return cmd_keys(args)
        if args.command == "forget":
            return cmd_forget(paths, args.yes)
        if args.command == "backup":
            return cmd_backup(paths, args)
        if args.command == "restore":
            return cmd_restore(paths, args)
        from .ui.app import run_window  # only the window needs Qt

        return run_window(paths, demo=args.demo)
    except (CommandError, NotPrivateError) as exc:
        print(f"socialsafe: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"socialsafe: {exc.strerror or exc} ({exc.filename or 'file'}).", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
