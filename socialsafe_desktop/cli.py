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
from .core.i18n import ENGLISH, LANGUAGES, N_, PSEUDO, SELECTABLE, _, ngettext, normalise, pgettext
from .paths import AppPaths, resolve_paths

# The languages a checklist pack may be translated into (core/checklists.TRANSLATION_LANGUAGES,
# without importing the content code to build the parser).
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)
# What --lang takes: the languages SocialSafe speaks, and the translators' pseudo-language.
LANG_CHOICES = (*SELECTABLE, PSEUDO)
# The command whose own --lang names the translation to report on, not the language to speak.
_OWN_LANG_OPTION = "translation-status"

# argparse's own words (the usage line, its headings, its error messages), looked up in our
# catalogue: they are argparse's exact English, so keep each as it is here.
_ARGPARSE_WORDS = (
    # TRANSLATORS: argparse's words in `socialsafe --help` and its errors. Keep every %s and
    # %(name)s as it is; "usage: " ends with a space.
    N_("usage: "), N_("positional arguments"), N_("options"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _speak_argparse() -> None:
    """argparse looks its words up through its module's own `_` (gettext's default domain, which
    SocialSafe does not use); point it at ours, so --help and its errors follow --lang."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class CommandError(Exception):
    """A problem to report to the person in one sentence."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        # Added here rather than by argparse, so its help text is ours to translate.
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("show this help and exit"))

    def error(self, message: str):  # one sentence, exit 2, like argparse but without the usage dump
        self.exit(2, _("{program}: {message}. Try '{program} --help'.").format(program=self.prog, message=message)
                  + "\n")


def _language_code(text: str) -> str:
    code = normalise(text)
    if code not in LANG_CHOICES:
        raise argparse.ArgumentTypeError(_("'{value}' is not a language SocialSafe speaks; use {choices}").format(
            value=text, choices=", ".join(SELECTABLE)))
    return code


def _add_lang(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # TRANSLATORS: the help of --lang. cy, en and x-pseudo are codes: keep them as they are.
    parser.add_argument("--lang", type=_language_code, metavar="LANG",
                        default=None if top else argparse.SUPPRESS,
                        help=_("the language: cy (Cymraeg) or en (English); x-pseudo, for translators, marks every "
                               "translated text so that what is not translated stands out"))


def build_parser() -> argparse.ArgumentParser:
    """The command line, in the language already chosen (core.i18n.set_language)."""
    _speak_argparse()
    parser = _Parser(prog="socialsafe", description=_("{app}: a personal privacy self-audit.").format(app=APP_NAME))
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help=_("show the version and exit"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open the wizard on a fictional person (your own audit is not touched)"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("keep all data in DIR (default: SOCIALSAFE_DATA_DIR, else your user data folder)"))
    _add_lang(parser, top=True)
    # argparse puts a group's title through gettext itself: marked here, translated there.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                     title=N_("commands"))

    def command(group, name: str, **kwargs) -> argparse.ArgumentParser:
        sub = group.add_parser(name, **kwargs)
        if name != _OWN_LANG_OPTION:
            _add_lang(sub)
        return sub

    def actions(sub: argparse.ArgumentParser, dest: str):
        return sub.add_subparsers(dest=dest, metavar="ACTION", required=True, parser_class=_Parser,
                                  title=N_("actions"))

    checklists = command(commands, "checklists", help=_("check or list the privacy-settings checklists"))
    checklist_commands = actions(checklists, "checklists_command")
    validate = command(
        checklist_commands, "validate", help=_("validate checklist files or folders"),
        description=_("Print one line per problem and exit 1, or exit 0 when there is none. Warnings (a translation "
                      "older than the English it translates) are printed too, with 'warning:', but skip nothing "
                      "and do not change the exit status unless --strict is given."))
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help=_("files or folders (default: the app's packs and SOCIALSAFE_CHECKLIST_PATH)"))
    validate.add_argument("--strict", action="store_true", help=_("exit 1 on warnings too (for release checks)"))
    listing = command(checklist_commands, "list", help=_("list the packs that load, with item counts"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    status = command(
        checklist_commands, _OWN_LANG_OPTION,
        help=_("for translators: what is translated, out of date or missing, with the fingerprints to write"),
        description=_("Here --lang names the translation to report on. To choose the language of the command "
                      "itself, put --lang before the command: socialsafe --lang cy checklists translation-status"))
    status.add_argument("paths", nargs="*", metavar="PATH",
                        help=_("files or folders (default: the app's packs and glossary)"))
    status.add_argument("--lang", action="append", choices=TRANSLATION_LANGUAGES, metavar="LANG",
                        help=_("the language (repeat for more; default: all of {languages})").format(
                            languages=", ".join(TRANSLATION_LANGUAGES)))
    status.add_argument("--summary", action="store_true", help=_("one line per file, without the items"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    links = command(
        checklist_commands, "check-links",
        help=_("for maintainers: visit every settings and source address, report dead or moved ones"))
    links.add_argument("paths", nargs="*", metavar="PATH",
                       help=_("files or folders (default: the app's packs and the organisation folders)"))
    links.add_argument("--json", action="store_true", help=_("print JSON instead of one line per problem"))
    links.add_argument("--timeout", type=_positive_seconds, default=10.0, metavar="SECONDS",
                       help=_("how long to wait for each answer (default 10)"))
    links.add_argument("--delay", type=_positive_seconds, default=1.0, metavar="SECONDS",
                       help=_("pause between two requests to the same site (default 1)"))

    search = command(commands, "search", help=_("run one search through a provider and print the results"))
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--provider", choices=("duckduckgo", "searxng", "brave"), default="duckduckgo",
                        help=_("where the search is sent (default duckduckgo)"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))

    accounts = command(commands, "accounts",
                       help=_("forgotten accounts: which sites have an account under a username"))
    account_commands = actions(accounts, "accounts_command")
    account_check = command(
        account_commands, "check", help=_("ask each site once whether it has an account under USERNAME"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        # TRANSLATORS: shown as written, line by line: keep each line under 90 characters.
        description=_("Ask each site in the list once whether it has an account under USERNAME, and print\n"
                      "found / not found / could not check per site. Each site sees one request from this\n"
                      "computer (through the organisation's proxy, if it sets one), one at a time per site.\n"
                      "Adult sites are asked only with --category adult. Email addresses are never checked."),
        # TRANSLATORS: shown as written, line by line: keep the numbers and the columns.
        epilog=_("exit codes:\n"
                 "  0    the check ran (whatever it found)\n"
                 "  1    an error (one sentence on stderr)\n"
                 "  2    a wrong argument (an unknown category, an unusable username)\n"
                 "  3    not one site could be checked (a proxy or firewall may be blocking them)\n"
                 "  130  interrupted (Ctrl+C)"))
    account_check.add_argument("username", metavar="USERNAME")
    account_check.add_argument("--category", action="append", metavar="C",
                               help=_("only sites in this category (repeat for more); 'adult' only when named"))
    account_check.add_argument("--json", action="store_true", help=_("print JSON"))

    report = command(commands, "report", help=_("export the action report without the window"))
    report.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("where to write the HTML report"))
    report.add_argument("--redact", action="store_true",
                        help=_("hide names, usernames, emails and result addresses"))
    report.add_argument("--demo", action="store_true", help=_("the fictional demo person (your audit is not read)"))

    policy = command(commands, "policy", help=_("the managed policy: show the effective settings or check a file"))
    policy_commands = actions(policy, "policy_command")
    command(policy_commands, "show", help=_("every setting, its value and where it came from"))
    check = command(policy_commands, "check", help=_("check a policy file: one line per problem"))
    check.add_argument("file", type=Path, metavar="FILE")

    keys = command(commands, "keys", help=_("API keys, kept only in the system keyring"))
    key_commands = actions(keys, "keys_command")
    key_set = command(key_commands, "set", help=_("save a key read from standard input"))
    key_set.add_argument("name", metavar="NAME")
    key_delete = command(key_commands, "delete", help=_("remove a key"))
    key_delete.add_argument("name", metavar="NAME")
    command(key_commands, "status", help=_("which keys are set and where they are kept"))

    forget = command(commands, "forget", help=_("delete every trace of the audit on this computer"))
    forget.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    backup = command(commands, "backup", help=_("save the whole audit history (and evidence files) in one file"))
    backup.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the file to write (must be new)"))
    backup.add_argument("--encrypt", action="store_true",
                        help=_("protect it with a passphrase, read from the terminal (or one line of standard input)"))
    restore = command(commands, "restore",
                      help=_("bring back a backup: shows what it holds and what it replaces first"))
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
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
        # TRANSLATORS: the column headings of `socialsafe checklists list`.
        heads = (pgettext("column", "id"), pgettext("column", "items"), pgettext("column", "essential"),
                 pgettext("column", "last reviewed"), pgettext("column", "name"))
        widths = [max(16, len(heads[0])), max(5, len(heads[1])), max(9, len(heads[2])), max(13, len(heads[3]))]
        print(f"{heads[0]:<{widths[0]}} {heads[1]:>{widths[1]}} {heads[2]:>{widths[2]}}  {heads[3]:<{widths[3]}}  "
              f"{heads[4]}")
        for r in rows:
            name = (_("{name} (may be out of date)").format(name=r["name"]) if r["may_be_out_of_date"]
                    else r["name"])
            print(f"{r['id']:<{widths[0]}} {r['items']:>{widths[1]}} {r['essential']:>{widths[2]}}  "
                  f"{r['last_reviewed']:<{widths[3]}}  {name}")
        for problem in catalogue.problems:
            # TRANSLATORS: a checklist file that was left out, and why.
            print(_("skipped: {problem}").format(problem=problem), file=sys.stderr)
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
            print(_("skipped: {problem}").format(problem=problem), file=sys.stderr)
    return 1 if problems else 0


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a number of seconds").format(value=text)) from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(_("give a number of seconds between 0 and 600"))
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
        raise CommandError(_("There are no addresses to check in those files."))
    http = replace(CHECK_SETTINGS, timeout=args.timeout, host_delay=args.delay, proxy=settings.proxy())
    hosts = len({urlsplit(u.url).hostname for u in uses})
    count = len({u.url for u in uses})
    if hosts == 1:
        checking = ngettext("Checking {count} address on 1 site…", "Checking {count} addresses on 1 site…", count)
    else:
        checking = ngettext("Checking {count} address on {sites} sites…", "Checking {count} addresses on {sites} sites…",
                            count)
    print(checking.format(count=count, sites=hosts), file=sys.stderr)
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
        raise CommandError(_("Searching through {provider} is switched off by {organisation}'s policy.").format(
            provider=args.provider, organisation=policy_settings.policy.organisation_label))
    settings = search_settings(policy_settings)
    address = settings.endpoint(args.provider)
    if address:
        print(_("Searching {provider} at {address}…").format(provider=args.provider, address=address),
              file=sys.stderr)
    else:
        print(_("Searching {provider} (no address set)…").format(provider=args.provider), file=sys.stderr)
    keys = KeyStore()
    try:
        results = run_single_search(args.query, args.provider, key_provider=keys.get, settings=settings)
    except SearchError as exc:
        raise CommandError(exc.message) from None
    if args.json:
        print(results_to_json(results))
    elif not results:
        print(_("No results."))
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
        raise CommandError(_("The forgotten-accounts check is switched off by {organisation}'s policy.").format(
            organisation=organisation))
    try:
        site_list = load_sites()
    except AccountDataError as exc:
        raise CommandError(str(exc)) from None
    categories = list(dict.fromkeys(args.category)) if args.category else None
    unknown = [c for c in categories or () if c not in site_list.categories]
    if unknown:
        print("socialsafe: " + _("there is no category '{category}'; the categories are: {categories}.").format(
            category=unknown[0], categories=", ".join(site_list.categories)), file=sys.stderr)
        return 2
    allowed, adult_allowed = allowed_categories(policy_categories, site_list)
    refused = [c for c in categories or () if c not in allowed and not (c == ADULT and adult_allowed)]
    if refused:
        raise CommandError(_("Checking '{category}' sites is not allowed by {organisation}'s policy; the categories "
                             "allowed are: {categories}.").format(
            category=refused[0], organisation=organisation,
            categories=", ".join(allowed + ((ADULT,) if adult_allowed else ()))))
    if categories is None:
        categories = list(allowed)  # adult sites only when named
    try:
        plan = plan_check(site_list, args.username, categories, include_adult=ADULT in categories)
    except UsernameError as exc:
        print(f"socialsafe: {exc}", file=sys.stderr)
        return 2
    if not plan.checks:
        raise CommandError(_("No site in those categories can have an account with that username."))
    settings = check_settings(policy_settings.proxy())
    duration = about_duration(estimate_seconds(plan.checks, settings))
    # TRANSLATORS: {duration} is how long it takes, e.g. "about 3 minutes".
    print(ngettext("Checking {count} site for the username {username}: it sees one request from this computer; "
                   "{duration}.",
                   "Checking {count} sites for the username {username}: each site sees one request from this "
                   "computer; {duration}.", len(plan.checks)).format(
        count=len(plan.checks), username=repr(plan.username), duration=duration), file=sys.stderr)

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
        labels = {outcome: _(label) for outcome, label in OUTCOME_LABELS.items()}
        width = max(16, *(len(label) + 1 for label in labels.values()))
        for r in results:
            line = f"{labels[r.outcome]:<{width}} {r.site}"
            if r.found:
                line += f"  {r.profile_url or r.site_url}"
                info = deletion_for(directory, r.category, r.profile_url or r.site_url) if directory else None
                if info is not None and info.url:
                    # TRANSLATORS: after an account found; {difficulty} is easy, medium, hard, limited or impossible.
                    line += "  " + _("(to close it: {address}, {difficulty})").format(address=info.url,
                                                                                    difficulty=info.difficulty)
            elif r.outcome != "not_found":
                line += f"  ({r.reason})"
            print(line)
        print(_("Found on {found}, not found on {not_found}, could not check {could_not_check}. A site that has the "
                "name may not be you: open the address to see.").format(
            found=counts["found"], not_found=counts["not_found"], could_not_check=counts["could_not_check"]),
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
            raise CommandError(_("There is no audit on this computer yet: open SocialSafe and start one first."))
        check_folder_chain(paths.data_dir)
        try:
            # Read-only: a report never changes the audit, and a damaged file stays where it
            # is for the window to set aside and explain. The lock keeps a window from
            # changing the audit half-way through.
            store = AuditStore.open(paths.database, exclusive=True, read_only=True)
        except StoreDamagedError as exc:
            raise CommandError(_("No report was made. {reason}").format(reason=exc)) from None
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
    print(_("Saved your report to {report} and a calendar reminder to {calendar}.").format(report=html, calendar=ics))
    return 0


def cmd_policy(paths: AppPaths, args) -> int:
    from .core.policy import check_policy_file, format_policy_show

    if args.policy_command == "check":
        problems = check_policy_file(args.file)
        for problem in problems:
            print(problem)
        if not problems:
            print(_("{file}: no problems found.").format(file=args.file))
        return 1 if problems else 0
    from .configuration import effective_settings
    from .store import AuditStore, StoreError

    # The person's own settings are read without changing anything (no store is created,
    # moved aside or upgraded on disk), and the output says where they came from.
    store = None
    if not paths.database.exists():
        # TRANSLATORS: finishes "Your own settings: ..." in `socialsafe policy show`.
        mine = _("none saved (there is no audit at {path})").format(path=paths.database)
    else:
        try:
            store = AuditStore.open(paths.database, read_only=True)
            # TRANSLATORS: finishes "Your own settings: ..." in `socialsafe policy show`.
            mine = _("read from {path} without changing it").format(path=paths.database)
        except StoreError as exc:
            # TRANSLATORS: finishes "Your own settings: ..."; {reason} is a sentence.
            mine = _("not read, so they are left out below: {reason}").format(reason=exc)
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
        # TRANSLATORS: completes "SocialSafe is open on ... in <folder>".
        for folder, what in ((paths.data_dir, _("the audit")), (paths.demo_dir, _("the demo"))):
            if folder.is_dir():
                locks.append(FolderLock.acquire(folder, what))
    except DataFolderInUse as exc:
        for lock in locks:
            lock.release()
        raise CommandError(_("Nothing was deleted: SocialSafe is open on {what} in {folder}. Close that window, then "
                             "run 'socialsafe forget' again.").format(what=exc.what, folder=exc.folder)) from None
    return locks


def cmd_forget(paths: AppPaths, yes: bool) -> int:
    if not paths.own_files():
        paths.remove_empty_folders()
        print(_("There is nothing to delete: SocialSafe has no data on this computer."))
        return 0
    locks = _lock_for_forget(paths)
    try:
        files = paths.own_files()
        print(ngettext("This deletes your audits, your notes, the evidence you kept and SocialSafe's logs "
                       "({count} file) from:",
                       "This deletes your audits, your notes, the evidence you kept and SocialSafe's logs "
                       "({count} files) from:", len(files)).format(count=len(files)))
        for folder in sorted({f.parent for f in files}):
            print(f"  {folder}")
        if not yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise CommandError(_("Nothing was deleted: run 'socialsafe forget --yes' to confirm without a "
                                     "prompt."))
            # TRANSLATORS: the word to type, 'delete', is translated too, just below: keep the two the same.
            word = pgettext("word to type", "delete")
            answer = input(_("Type '{word}' to confirm: ").format(word=word)).strip().lower()
            if answer not in (word.lower(), "delete"):
                print(_("Nothing was deleted."))
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
        if len(failed) > 1:
            raise CommandError(ngettext("Some of SocialSafe's data could not be deleted: {path} (and {count} more) "
                                        "({reason}).",
                                        "Some of SocialSafe's data could not be deleted: {path} (and {count} more) "
                                        "({reason}).", len(failed) - 1).format(path=path, count=len(failed) - 1,
                                                                               reason=reason))
        raise CommandError(_("Some of SocialSafe's data could not be deleted: {path} ({reason}).").format(
            path=path, reason=reason))
    print(_("Done: SocialSafe's data has been deleted from this computer."))
    return 0


def _read_passphrase(prompt: str, *, twice: bool = False) -> str:
    """From the terminal without echo, or one line of standard input: never an argument, so it
    is not left in the shell's history or the process list."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass(prompt)
        if twice and getpass.getpass(_("The same passphrase again: ")) != passphrase:
            raise CommandError(_("The two passphrases were not the same: nothing was saved."))
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise CommandError(_("No passphrase was given."))
    return passphrase


def cmd_backup(paths: AppPaths, args) -> int:
    from .app.backup import BackupError, write_backup
    from .core.filemodes import check_folder_chain
    from .store import AuditStore, StoreError

    if not paths.database.exists():
        raise CommandError(_("There is no audit on this computer to back up."))
    check_folder_chain(paths.data_dir)
    out = args.out.expanduser().absolute()
    if out.exists():
        raise CommandError(_("{file} already exists: choose another file name.").format(file=out))
    passphrase = _read_passphrase(_("Passphrase for the backup: "), twice=True) if args.encrypt else None
    try:
        # Locked like the window: nothing changes the audit while it is being copied.
        store = AuditStore.open(paths.database, exclusive=True, read_only=True)
    except StoreError as exc:
        raise CommandError(_("No backup was made. {reason}").format(reason=exc)) from None
    try:
        contents = write_backup(store, paths.data_dir, out, passphrase=passphrase)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    # TRANSLATORS: {contents} says what the backup holds, e.g. "2 audits (from 3 March 2026 to 9 June 2026)".
    print(_("Saved a backup of {contents} to {file}.").format(contents=contents.describe(), file=out))
    if passphrase:
        print(_("Keep the passphrase safe: without it, nobody (not even you) can open this backup."))
    return 0


def cmd_restore(paths: AppPaths, args) -> int:
    from .app.backup import BackupError, current_data, is_encrypted, read_backup, restore_backup
    from .store import DataFolderInUse, FolderLock

    source = args.file.expanduser().absolute()
    try:
        passphrase = _read_passphrase(_("Passphrase of the backup: ")) if is_encrypted(source) else None
        contents = read_backup(source, passphrase)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    for notice in paths.ensure():
        print(notice, file=sys.stderr)
    try:
        lock = FolderLock.acquire(paths.data_dir)
    except DataFolderInUse as exc:
        raise CommandError(_("Nothing was changed: SocialSafe is open on {what} in {folder}. Close that window, "
                             "then run 'socialsafe restore' again.").format(what=exc.what, folder=exc.folder)) from None
    try:
        current = current_data(paths.data_dir)
        print(_("The backup holds {contents}; it was made on {day}.").format(
            contents=contents.describe(), day=contents.made_on()))
        if current.empty:
            print(_("There is no audit in {folder} now, so nothing is replaced.").format(folder=paths.data_dir))
        else:
            print(_("It replaces what is in {folder} now: {contents}. That is kept aside in the same folder, as a "
                    "backup file of its own.").format(folder=paths.data_dir, contents=current.describe()))
        if not args.yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise CommandError(_("Nothing was changed: run 'socialsafe restore FILE --yes' to confirm without a "
                                     "prompt."))
            # TRANSLATORS: the word to type, 'restore', is translated too, just below: keep the two the same.
            word = pgettext("word to type", "restore")
            if input(_("Type '{word}' to confirm: ").format(word=word)).strip().lower() not in (word.lower(),
                                                                                                  "restore"):
                print(_("Nothing was changed."))
                return 1
        try:
            kept = restore_backup(contents, paths.data_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
    finally:
        lock.release()
    print(_("Restored {contents} into {folder}.").format(contents=contents.describe(), folder=paths.data_dir))
    if kept:
        print(_("What was there before is kept in {file}.").format(file=kept))
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


def _early_options(argv: Sequence[str]) -> argparse.Namespace:
    """--lang, --data-dir and --demo, read before the command line is built: its help is
    written in the language they choose. Anything wrong is left for the full parser to say."""
    head = list(argv)
    if _OWN_LANG_OPTION in head:  # after it, --lang belongs to that command
        head = head[:head.index(_OWN_LANG_OPTION)]
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    early.add_argument("--demo", action="store_true")
    try:
        found, _rest = early.parse_known_args(head)
    except (argparse.ArgumentError, SystemExit):
        found = argparse.Namespace(lang=None, data_dir=None, demo=False)
    return found


def choose_language(argv: Sequence[str]) -> tuple[str, str]:
    """Set the language for this run from --lang, the policy, the person's setting (in the audit
    --data-dir names, or the demo's) and the system. Returns (code, why)."""
    from .app.language import start_language
    from .store.demo import demo_database

    _speak_argparse()  # argparse's own lookups go through SocialSafe's (English until chosen)
    early = _early_options(argv)
    wanted = normalise(early.lang) if early.lang else None
    try:
        paths = resolve_paths(early.data_dir)
        database = demo_database(paths.demo_dir) if early.demo else paths.database
    except (OSError, ValueError):
        database = None
    return start_language(command_line=wanted if wanted in LANG_CHOICES else None, database=database)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        choose_language(argv)  # before any text is made: the help, messages, the window, the report
    except (OSError, ValueError):  # an unreadable catalogue: English, rather than no SocialSafe at all
        pass
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
        if exc.filename:
            print("socialsafe: " + _("{reason} ({file}).").format(reason=exc.strerror or exc, file=exc.filename),
                  file=sys.stderr)
        else:
            print("socialsafe: " + _("{reason}.").format(reason=exc.strerror or exc), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
