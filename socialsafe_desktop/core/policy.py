"""The managed policy an IT team places on the machine, merged with the person's own settings.

Three layers, lowest first: the app's defaults, the person's settings (the store's `settings`
table), the policy file. What the policy sets is locked: the person sees it, cannot change it.

A policy file is written by hand and copied to many laptops, so a mistake in it must never
stop the app. Every fault becomes one sentence in `Policy.problems`, naming the key and why,
and that key falls back to a safe value. "Safe" is the app's default, except for the two keys
that restrict network features: when IT tried to set those and we cannot tell what they meant,
we keep the app off the network (browser searches only) rather than open everything up.

No Qt here (core/ stays importable from the command line and from tests without a display).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import urlsplit

from .configfile import ConfigFileError, FileNotThere, FileTooLarge, decode_text, parse_toml, read_config_bytes
from .contrast import AA_NORMAL_TEXT, contrast_ratio
from .forgotten_accounts import SITE_CATEGORIES
from .i18n import N_, SELECTABLE, _, ngettext, normalise
from .links import is_loopback_host, is_openable_url
from .providers import DEFAULT_PROVIDER_URLS, ENDPOINT_ENV, PROVIDERS
from .text import has_unsafe_chars, strip_unsafe

POLICY_ENV = "SOCIALSAFE_POLICY"
POLICY_FILE_NAME = "policy.toml"

SEARCH_MODES = ("browser", "in_app")
# TRANSLATORS: how searches run, completing "Searches ..." in Settings.
MODE_LABELS = {"browser": N_("in your own web browser"), "in_app": N_("inside SocialSafe, through a search provider")}
# The person's own choice of language (Settings), kept with their other settings. The policy's
# say is the [language] table: a default, and whether it is locked.
LANGUAGE_SETTING = "ui.language"

MAX_LOGO_BYTES = 1024 * 1024
MAX_POLICY_BYTES = 256 * 1024  # a policy is a few kB of hand-written TOML
LOGO_TYPES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAX_CONTACTS = 10
# A file of thousands of mistakes gets the first few in full and a count of the rest, so the
# window and `policy check` stay readable (and the work stays linear in the file's size).
MAX_PROBLEMS_LISTED = 10
MIN_MONTHS, MAX_MONTHS = 1, 24
MIN_CONTRAST_ON_WHITE = AA_NORMAL_TEXT  # the accent is a background for white text

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_CHECKLIST_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?")


class Invalid(ValueError):
    """A value that cannot be used; the message finishes the sentence "key 'x': ..."."""


# --- the schema ------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyKey:
    name: str            # dotted: "search.searxng_url" is `searxng_url` in the [search] table
    type: str            # a word for the docs: "text", "url", "colour", "list of text", ...
    default: Any
    doc: str
    user: bool = False   # the person may set it in Settings (else only a policy can)
    fallback: Any = None  # the safe value when a policy sets it badly (None: the default)

    @property
    def safe_value(self) -> Any:
        return self.default if self.fallback is None else self.fallback


POLICY_KEYS: tuple[PolicyKey, ...] = (
    PolicyKey("organisation.name", "text", "",
              "Your organisation's name. Shown on the Welcome page, in the report, and next to every "
              "setting the policy locks (\"Set by <name>\")."),
    PolicyKey("organisation.logo", "file path", None,
              "A PNG, JPEG or SVG logo under 1 MB, shown on the Welcome page and in the report. "
              "A relative path is read from the folder that holds the policy file."),
    PolicyKey("organisation.accent_colour", "colour", "#1f5fa8",
              "The accent colour as #rrggbb. It is the background of white button text, so it must be "
              "dark enough to read (contrast with white at least 4.5:1)."),
    PolicyKey("organisation.policy_url", "url", "",
              "The address of your staff social-media policy (http or https). The app and the report link to it."),
    PolicyKey("organisation.contacts", "list of contacts", [],
              "People staff can ask for help, shown in the app and the report: an array of tables, each "
              "with role (e.g. \"HR\", \"Safeguarding lead\", \"IT\"), name and contact (email, phone or web address)."),
    PolicyKey("organisation.report_footer", "text", "",
              "A line printed at the foot of every report (at most 500 characters)."),
    PolicyKey("checklists.extra_dirs", "list of folder paths", [],
              "Folders with your own checklist files (.toml, format in checklists/README.md), read after "
              "the built-in ones. A network share is fine; a folder that is missing is reported, not fatal."),
    PolicyKey("checklists.disable", "list of checklist ids", [],
              "Whole checklists (\"tiktok\") or single items (\"facebook:public-posts\") to leave out."),
    PolicyKey("search.modes", "list of modes", list(SEARCH_MODES),
              "How searches may run: \"browser\" (opened in the person's own browser; nothing is sent by "
              "SocialSafe) and \"in_app\" (SocialSafe sends the search to a provider). [\"browser\"] keeps the app off the network.",
              user=True, fallback=["browser"]),
    PolicyKey("search.providers", "list of providers", list(PROVIDERS),
              "Which providers in-app searches may use: duckduckgo, searxng, brave.",
              fallback=[]),
    PolicyKey("search.duckduckgo_url", "url", DEFAULT_PROVIDER_URLS["duckduckgo"],
              "The DuckDuckGo HTML endpoint.", user=True),
    PolicyKey("search.searxng_url", "url", DEFAULT_PROVIDER_URLS["searxng"],
              "Your SearXNG instance (its JSON output must be enabled). No default: there is no neutral public one.",
              user=True),
    PolicyKey("search.brave_url", "url", DEFAULT_PROVIDER_URLS["brave"],
              "The Brave Search API endpoint (https only: the API key travels with each search).", user=True),
    PolicyKey("network.proxy", "url", "",
              "An HTTP(S) proxy for in-app searches and the forgotten-accounts check, e.g. http://proxy.example.org:3128. Empty: the "
              "system's proxy variables (HTTPS_PROXY and friends) are used.", user=True),
    PolicyKey("accounts.categories", "list of site categories", list(SITE_CATEGORIES),
              "Forgotten accounts: which categories of sites the check may ask about a username ("
              + ", ".join(SITE_CATEGORIES) + "). [] switches the check off. Adult sites are asked only when "
              "listed here and the person switches them on. The check is off as well when search.modes "
              "is [\"browser\"], which keeps SocialSafe off the network.",
              fallback=[]),
    PolicyKey("audit.recheck_months", "whole number", 3,
              f"The suggested time until the next check, in months ({MIN_MONTHS} to {MAX_MONTHS}).", user=True),
    PolicyKey("language.default", "language", "",
              "The language SocialSafe speaks when the person has not chosen one in Settings: \"cy\" (Welsh) "
              "or \"en\" (English). Left out: the computer's own language (cy_GB gives Welsh), else English."),
    PolicyKey("language.locked", "true or false", False,
              "true: everyone uses language.default, and Settings shows the language as set by the "
              "organisation. Needs language.default."),
)
KEYS: dict[str, PolicyKey] = {k.name: k for k in POLICY_KEYS}
USER_KEYS: tuple[str, ...] = tuple(k.name for k in POLICY_KEYS if k.user)
URL_ENV = {f"search.{p}_url": ENDPOINT_ENV[p] for p in PROVIDERS}


# --- where the policy lives --------------------------------------------------------------


def default_policy_path(platform: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The machine-wide location for this OS (only administrators can write there)."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        base = environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData"
        # A real Path on Windows; a PureWindowsPath when another OS asks (docs, tests).
        cls = Path if sys.platform.startswith("win") else PureWindowsPath
        return cls(base, "SocialSafe", POLICY_FILE_NAME)  # type: ignore[return-value]
    if platform == "darwin":
        return Path("/Library/Application Support/SocialSafe") / POLICY_FILE_NAME
    return Path("/etc/xdg/socialsafe") / POLICY_FILE_NAME


def policy_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    override = (environ.get(POLICY_ENV) or "").strip()
    return Path(override).expanduser() if override else default_policy_path(environ=environ)


# --- checking single values ---------------------------------------------------------------


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    text = strip_unsafe(text, "?").replace("\n", "?").replace("\t", "?")
    return text if len(text) <= 60 else text[:57] + "...'"


def _text(value: Any, limit: int, *, multiline: bool = False) -> str:
    if not isinstance(value, str):
        # TRANSLATORS: policy problems finish the sentence "policy.toml: key 'x': ...". {value}
        # is the value as written in the file.
        raise Invalid(_("{value} is not text; put it in double quotes").format(value=_show(value)))
    value = value.strip()
    if has_unsafe_chars(value, allow_newlines=multiline):
        # TRANSLATORS: finishes "policy.toml: key 'x': ..." (the value of the key).
        raise Invalid(_("contains control characters"))
    if len(value) > limit:
        # TRANSLATORS: finishes "policy.toml: key 'x': ..." (the value of the key).
        raise Invalid(_("is {length} characters long; the most is {limit}").format(length=len(value), limit=limit))
    return value


def _url(value: Any, *, schemes: tuple[str, ...] = ("http", "https"), allow_empty: bool = True,
         https_only: bool = False) -> str:
    value = _text(value, 2000)
    if not value:
        if allow_empty:
            return ""
        # TRANSLATORS: finishes "policy.toml: key 'x': ..." (the value of the key).
        raise Invalid(_("is empty"))
    if re.search(r"\s", value):
        raise Invalid(_("{value} contains spaces, so it is not a web address").format(value=_show(value)))
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    try:
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises on a bad port number)
    except ValueError:
        raise Invalid(_("{value} has a bad port number").format(value=_show(value))) from None
    if scheme not in schemes or not host:
        if len(schemes) == 1:
            raise Invalid(_("{value} is not a web address starting with {scheme}").format(
                value=_show(value), scheme=f"{schemes[0]}://"))
        # TRANSLATORS: {first} and {second} are "http://" and "https://".
        raise Invalid(_("{value} is not a web address starting with {first} or {second}").format(
            value=_show(value), first=f"{schemes[0]}://", second=f"{schemes[1]}://"))
    if https_only and scheme != "https" and not is_loopback_host(host):
        raise Invalid(_("{value} must start with https:// so the API key is not sent in the clear").format(
            value=_show(value)))
    if parts.username or parts.password:
        raise Invalid(_("{value} has a user name or password in it; leave them out").format(value=_show(value)))
    if not is_openable_url(value):  # the app's one rule for links, whatever the checks above missed
        raise Invalid(_("{value} is not a web address SocialSafe can link to").format(value=_show(value)))
    return value


def contrast_with_white(colour: str) -> float:
    return contrast_ratio(colour, "#ffffff")


def _colour(value: Any) -> str:
    value = _text(value, 20)
    if not _COLOUR.fullmatch(value):
        raise Invalid(_("{value} is not a colour like #1f5fa8").format(value=_show(value)))
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    value = value.lower()
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST_ON_WHITE:
        raise Invalid(_("{value} is too light: white text on it has a contrast of {ratio}:1, and at least "
                        "{needed}:1 is needed").format(value=_show(value), ratio=f"{ratio:.1f}",
                                                      needed=MIN_CONTRAST_ON_WHITE))
    return value


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise Invalid(_("{value} is not a list; write it like {example}").format(
            value=_show(value), example=f'["{what}"]'))
    return value


def _choices(value: Any, allowed: tuple[str, ...], what: str) -> tuple[list[str], list[str]]:
    """`what` names an entry, already translated: "a search mode"."""
    """Valid entries kept in the given order, and one message per bad entry."""
    kept: dict[str, None] = {}  # a dict: ordered, and duplicates found in constant time
    bad: list[str] = []
    for entry in _list(value, allowed[0]):
        name = entry.strip().lower() if isinstance(entry, str) else entry
        if isinstance(name, str) and name in allowed:
            kept[name] = None
        else:
            # Only the entries that will be listed get a spelling suggestion (parse_policy_text).
            import difflib  # only when there is a slip to suggest a fix for
            hint = difflib.get_close_matches(str(name), allowed, n=1) if len(bad) < MAX_PROBLEMS_LISTED else []
            if hint:
                # TRANSLATORS: {what} is, for example, "a search mode"; {choices} the words allowed.
                bad.append(_("{value} is not {what} (did you mean '{hint}'?); use {choices}").format(
                    value=_show(entry), what=what, hint=hint[0], choices=", ".join(allowed)))
            else:
                bad.append(_("{value} is not {what}; use {choices}").format(
                    value=_show(entry), what=what, choices=", ".join(allowed)))
    return list(kept), bad


def _resolve(path_text: str, base: Path | None) -> Path:
    path = Path(os.path.expandvars(os.path.expanduser(path_text)))
    if not path.is_absolute() and not PureWindowsPath(path_text).is_absolute() and base is not None:
        path = base / path
    return path


def _logo(value: Any, base: Path | None) -> Path:
    text = _text(value, 1000)
    if not text:
        raise Invalid(_("is empty"))
    path = _resolve(text, base)
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise Invalid(_("{value} is not a PNG, JPEG or SVG file").format(value=_show(text)))
    # Read as every configuration file is (core/configfile): a FIFO or a device given as the
    # logo is refused without waiting on it, and no more than the cap is ever read.
    try:
        data = read_config_bytes(path, MAX_LOGO_BYTES)
    except FileNotThere:
        raise Invalid(_("{path} does not exist").format(path=_show(str(path)))) from None
    except FileTooLarge as exc:
        raise Invalid(_("{path} is {size} MB; a logo must be under 1 MB").format(
            path=_show(str(path)), size=f"{exc.size / 1048576:.1f}")) from None
    except ConfigFileError as exc:
        # TRANSLATORS: {reason} is a sentence saying why the file could not be read.
        raise Invalid(_("{path} cannot be used: {reason}").format(path=_show(str(path)), reason=exc)) from None
    size, head = len(data), data[:4096]
    looks_like = (
        head.startswith(b"\x89PNG\r\n\x1a\n") if kind == "png"
        else head.startswith(b"\xff\xd8\xff") if kind == "jpeg"
        else b"<svg" in head or (b"<?xml" in head[:100] and size > 0)
    )
    if not looks_like:
        # TRANSLATORS: {kind} is PNG, JPEG or SVG.
        raise Invalid(_("{path} is named like a {kind} file but is not one").format(
            path=_show(str(path)), kind=kind.upper()))
    return path


def _contacts(value: Any) -> tuple[list[tuple[str, str, str]], list[str]]:
    kept: list[tuple[str, str, str]] = []
    bad: list[str] = []
    for number, entry in enumerate(_list(value, "..."), start=1):
        if not isinstance(entry, dict):
            # TRANSLATORS: role, name and contact are the names of fields in the file: keep them.
            bad.append(_("contact {number} is not a table; write it as [[organisation.contacts]] with role, name "
                         "and contact").format(number=number))
            continue
        unknown = sorted(set(entry) - {"role", "name", "contact"})
        if unknown:
            bad.append(_("contact {number} has unknown field '{field}'; use role, name and contact").format(
                number=number, field=unknown[0]))
            continue
        try:
            fields = tuple(_text(entry.get(f, ""), limit) for f, limit in
                           (("role", 60), ("name", 120), ("contact", 200)))
        except Invalid as exc:
            # TRANSLATORS: {reason} is what is wrong with one of the contact's fields.
            bad.append(_("contact {number}: {reason}").format(number=number, reason=exc))
            continue
        missing = [f for f, v in zip(("role", "name", "contact"), fields, strict=True) if not v]
        if missing:
            # TRANSLATORS: {field} is role, name or contact, the name of a field in the file.
            bad.append(_("contact {number} has no {field}").format(number=number, field=missing[0]))
            continue
        if "://" in fields[2] and not is_openable_url(fields[2]):
            # Shown beside the organisation's name: "https://it.example@evil.example/" must not
            # pass for the IT desk's page.
            bad.append(_("contact {number}: {value} is not a web address SocialSafe can link to (http or https, "
                         "with no user name or password part)").format(number=number, value=_show(fields[2])))
            continue
        if len(kept) == MAX_CONTACTS:
            bad.append(_("there are more than {most} contacts; the rest are left out").format(most=MAX_CONTACTS))
            break
        kept.append(fields)  # type: ignore[arg-type]
    return kept, bad


def _months(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("{value} is not a whole number of months").format(value=_show(value)))
    if not MIN_MONTHS <= value <= MAX_MONTHS:
        raise Invalid(_("{value} is not between {least} and {most} months").format(
            value=value, least=MIN_MONTHS, most=MAX_MONTHS))
    return value


def _language(value: Any) -> str:
    text = _text(value, 20)
    code = normalise(text)
    if code not in SELECTABLE:
        raise Invalid(_("{value} is not a language SocialSafe speaks; use {choices}").format(
            value=_show(value), choices=", ".join(f'"{c}"' for c in SELECTABLE)))
    return code


def _true_or_false(value: Any) -> bool:
    if not isinstance(value, bool):
        # TRANSLATORS: true and false are written in the file as they are: keep them in English.
        raise Invalid(_("{value} is not true or false (without quotes)").format(value=_show(value)))
    return value


def _dirs(value: Any, base: Path | None) -> tuple[list[Path], list[str]]:
    kept: dict[Path, None] = {}  # each folder once, in order: it is read once per start
    bad: list[str] = []
    for entry in _list(value, "/srv/socialsafe/checklists"):
        try:
            text = _text(entry, 1000)
        except Invalid as exc:
            # TRANSLATORS: {reason} is what is wrong with the folder's entry.
            bad.append(_("{value}: {reason}").format(value=_show(entry), reason=exc))
            continue
        if text:
            kept[_resolve(text, base)] = None  # not opened here: a share may be slow or offline
    return list(kept), bad


def _checklist_ids(value: Any) -> tuple[list[str], list[str]]:
    kept: dict[str, None] = {}  # a dict: 200,000 entries took minutes as a list
    bad: list[str] = []
    for entry in _list(value, "tiktok"):
        name = entry.strip().lower() if isinstance(entry, str) else entry
        if isinstance(name, str) and _CHECKLIST_ID.fullmatch(name):
            kept[name] = None
        else:
            bad.append(_("{value} is not a checklist id like \"tiktok\" or \"facebook:public-posts\"").format(
                value=_show(entry)))
    return list(kept), bad


def check_value(key: str, value: Any, base: Path | None = None) -> tuple[Any, list[str]]:
    """Check one value for `key`. Returns the usable value (None when nothing is usable) and
    the reasons for anything left out. Lists keep their good entries."""
    if key in ("organisation.name",):
        return _single(lambda: _text(value, 120))
    if key == "organisation.report_footer":
        return _single(lambda: _text(value, 500, multiline=True))
    if key == "organisation.logo":
        return _single(lambda: _logo(value, base))
    if key == "organisation.accent_colour":
        return _single(lambda: _colour(value))
    if key == "organisation.policy_url":
        return _single(lambda: _url(value))
    if key == "organisation.contacts":
        return _partial(lambda: _contacts(value))
    if key == "checklists.extra_dirs":
        return _partial(lambda: _dirs(value, base))
    if key == "checklists.disable":
        return _partial(lambda: _checklist_ids(value))
    if key == "search.modes":
        kept, bad = _partial(lambda: _choices(value, SEARCH_MODES, _("a search mode")))
        if kept == [] and not bad:
            # TRANSLATORS: "browser" is a value in the file: keep it in English.
            bad = [_("is empty; allow at least \"browser\"")]
        return (kept or None), bad
    if key == "search.providers":
        return _partial(lambda: _choices(value, PROVIDERS, _("a search provider")))
    if key.startswith("search.") and key.endswith("_url"):
        # The searches carry the person's name: never in the clear, except to this machine.
        return _single(lambda: _url(value, https_only=True))
    if key == "network.proxy":
        return _single(lambda: _url(value, schemes=("http", "https")))
    if key == "accounts.categories":
        return _partial(lambda: _choices(value, SITE_CATEGORIES, _("a site category")))
    if key == "audit.recheck_months":
        return _single(lambda: _months(value))
    if key == "language.default":
        return _single(lambda: _language(value))
    if key == "language.locked":
        return _single(lambda: _true_or_false(value))
    raise KeyError(key)


def _single(check: Callable[[], Any]) -> tuple[Any, list[str]]:
    try:
        return check(), []
    except Invalid as exc:
        return None, [str(exc)]


def _partial(check: Callable[[], tuple[Any, list[str]]]) -> tuple[Any, list[str]]:
    try:
        return check()
    except Invalid as exc:
        return None, [str(exc)]


# --- the policy file ------------------------------------------------------------------------


@dataclass
class Policy:
    values: dict[str, Any]        # only keys the policy sets (or locks to a safe value)
    problems: list[str]
    source_path: Path | None      # None: no policy file on this computer
    readable: bool = True

    @property
    def exists(self) -> bool:
        return self.source_path is not None

    @property
    def organisation(self) -> str | None:
        return self.values.get("organisation.name") or None

    @property
    def organisation_label(self) -> str:
        """Who to name in "Set by ...": the organisation, or a plain phrase when unnamed."""
        # TRANSLATORS: stands for the organisation's name when the policy gives none, as in
        # "Set by your organisation".
        return self.organisation or _("your organisation")


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and key not in KEYS:
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def _unknown_key(file: str, key: str) -> str:
    # A key written outside its table ("accent_colour" for "organisation.accent_colour") is
    # the likeliest slip, so a matching last part wins over a merely similar spelling.
    last = key.rsplit(".", 1)[-1]
    import difflib  # only when there is a slip to suggest a fix for
    hint = [k for k in KEYS if k.rsplit(".", 1)[-1] == last] or difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
    if hint:
        return _("{file}: key '{key}' is not a SocialSafe policy key (did you mean '{hint}'?); it is ignored.").format(
            file=file, key=key, hint=hint[0])
    return _("{file}: key '{key}' is not a SocialSafe policy key; it is ignored.").format(file=file, key=key)


def _problem(file: str, key: str, reason: str, fallback: str) -> str:
    # TRANSLATORS: one problem in a policy file: "policy.toml: key 'search.modes': is empty; using
    # the default." {reason} says what is wrong, {fallback} what SocialSafe does instead.
    return _("{file}: key '{key}': {reason}; {fallback}.").format(file=file, key=key, reason=reason, fallback=fallback)


def parse_policy_text(text: str, file: str = POLICY_FILE_NAME, base: Path | None = None) -> Policy:
    """Read policy TOML. Never raises: every fault becomes a problem sentence."""
    try:
        data = parse_toml(text)
    except ConfigFileError as exc:
        return _unreadable(file, f"{file}: {exc}")
    problems: list[str] = []
    values: dict[str, Any] = {}
    unknown = 0
    for key, raw in _flatten(data).items():
        spec = KEYS.get(key)
        if spec is None:
            unknown += 1
            if unknown <= MAX_PROBLEMS_LISTED:  # the rest are counted: each costs a spelling search
                problems.append(_unknown_key(file, key))
            continue
        value, reasons = check_value(key, raw, base)
        safe = spec.safe_value
        restrictive = spec.fallback is not None
        more = len(reasons) - MAX_PROBLEMS_LISTED
        for reason in reasons[:MAX_PROBLEMS_LISTED]:
            if value is not None and isinstance(raw, list):
                # TRANSLATORS: finishes a policy problem, after what is wrong with one entry of a list.
                problems.append(_problem(file, key, reason, _("that entry is ignored")))
            elif restrictive:
                problems.append(_problem(file, key, reason, _("using the safe value {value}").format(
                    value=_format_value(key, safe))))
            else:
                problems.append(_problem(file, key, reason, _("using the default")))
        if more > 0:
            problems.append(_problem(file, key, ngettext("{count} more entry cannot be used either",
                                                         "{count} more entries cannot be used either", more).format(
                count=f"{more:,}"), _("they are ignored")))
        if value is not None:
            values[key] = value
        elif restrictive:
            values[key] = safe  # locked to the restrictive value rather than quietly opened up
    if unknown > MAX_PROBLEMS_LISTED:
        more = unknown - MAX_PROBLEMS_LISTED
        problems.append(ngettext("{file}: {count} more key is not a SocialSafe policy key either; it is ignored.",
                                 "{file}: {count} more keys are not SocialSafe policy keys either; they are ignored.",
                                 more).format(file=file, count=f"{more:,}"))
    if values.get("language.locked") and "language.default" not in values:
        # Locked to what? Nothing is locked, rather than English forced on a Welsh-speaking office.
        del values["language.locked"]
        problems.append(_problem(file, "language.locked", _("is true, but language.default is not set"),
                                 _("the language is not locked")))
    return Policy(values=values, problems=problems, source_path=None)


def _unreadable(file: str, reason: str) -> Policy:
    restrictive = {k.name: k.fallback for k in POLICY_KEYS if k.fallback is not None}
    shown = ", ".join(f"{k} = {_format_value(k, v)}" for k, v in restrictive.items())
    # TRANSLATORS: {reason} says why the policy file could not be read; {settings} lists keys and values.
    return Policy(values=dict(restrictive), readable=False, source_path=None,
                  problems=[_("{reason}; no policy settings could be read, so SocialSafe uses its defaults with "
                              "network features off ({settings}).").format(reason=reason, settings=shown)])


def load_policy(path: Path | None = None) -> Policy:
    """The policy at `path`, else at SOCIALSAFE_POLICY, else at the OS location.
    A missing file means no policy: an empty Policy with no problems."""
    path = Path(path) if path is not None else policy_path()
    file = path.name or POLICY_FILE_NAME
    try:
        text = decode_text(read_config_bytes(path, MAX_POLICY_BYTES))
    except FileNotThere:
        return Policy(values={}, problems=[], source_path=None)
    except ConfigFileError as exc:
        policy = _unreadable(file, f"{file}: {exc}")
    else:
        policy = parse_policy_text(text, file, path.parent)
    policy.source_path = path
    return policy


def check_policy_file(path: Path) -> list[str]:
    """Problems with a policy file, one sentence each; empty when it is fine.
    Unlike load_policy, a missing file is a problem here: IT asked about this file."""
    path = Path(path)
    if not path.exists():
        return [_("{file}: no such file ({path}).").format(file=path.name or path, path=path)]
    return load_policy(path).problems


# --- the person's settings, merged with the policy -------------------------------------------


def _format_value(key: str, value: Any) -> str:
    if value is None or value == "":
        # TRANSLATORS: a setting with no value, in `socialsafe policy show` and Settings.
        return _("(not set)")
    if key == "organisation.contacts":
        # TRANSLATORS: no contacts at all, in `socialsafe policy show` and Settings.
        return "; ".join(f"{r}: {n} <{c}>" for r, n, c in value) if value else _("(none)")
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]" if value else "[] " + _("(none)")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def format_value(key: str, value: Any) -> str:
    """A value as one line of text, for `policy show` and the Settings screen."""
    return " ".join(strip_unsafe(_format_value(key, value), " ").split())


def user_text(key: str, value: Any) -> str | None:
    """How a user value is kept in the settings table (text); None removes it."""
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def parse_user_value(key: str, text: str | None) -> tuple[Any, str | None]:
    """A user setting's stored text as a value, or (None, reason) when it is unusable."""
    if text is None:
        return None, None
    raw: Any = text
    if key in ("search.modes",):
        raw = [t for t in (p.strip() for p in text.split(",")) if t]
    if key == LANGUAGE_SETTING:
        code = normalise(text)
        if code not in SELECTABLE:
            return None, _("{value} is not a language SocialSafe speaks; use {choices}").format(
                value=_show(text), choices=", ".join(f'"{c}"' for c in SELECTABLE))
        return code, None
    value, reasons = check_value(key, raw)
    if reasons:
        return None, reasons[0]
    return value, None


def read_user_settings(getter: Callable[[str], str | None]) -> dict[str, str]:
    """The person's settings from the store: pass store.setting."""
    found = {}
    for key in (*USER_KEYS, LANGUAGE_SETTING):
        value = getter(key)
        if value is not None:
            found[key] = value
    return found


@dataclass(frozen=True)
class Branding:
    name: str
    accent_colour: str
    logo: Path | None
    contacts: list[tuple[str, str, str]]  # (role, name, contact)
    policy_url: str
    footer: str


class EffectiveSettings:
    """defaults < the person's settings < the policy. Values are typed (lists, ints, Paths)."""

    def __init__(self, policy: Policy | None = None, user: Mapping[str, str] | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.policy = policy or Policy(values={}, problems=[], source_path=None)
        self._environ = os.environ if environ is None else environ
        self._user: dict[str, Any] = {}
        self.user_problems: list[str] = []
        self._language: str | None = None  # the person's choice (LANGUAGE_SETTING), None: not chosen
        for key, text in (user or {}).items():
            if (key in KEYS and KEYS[key].user) or key == LANGUAGE_SETTING:
                value, reason = parse_user_value(key, text)
                if reason:
                    # Someone edited the database, or an old version wrote it: ignore, say why.
                    self.user_problems.append(_("Your setting '{key}' is not usable ({reason}); using the default.")
                                              .format(key=key, reason=reason))
                elif key == LANGUAGE_SETTING:
                    self._language = value
                elif value is not None:
                    self._user[key] = value

    # -- the three layers
    def _env_url(self, key: str) -> str | None:
        env = URL_ENV.get(key)
        value = (self._environ.get(env) or "").strip() if env else ""
        return value or None

    def source(self, key: str) -> str:
        """"policy", "environment" (a SOCIALSAFE_<NAME>_URL override), "user" or "default"."""
        if key not in KEYS:
            raise KeyError(key)
        if key in self.policy.values:
            return "policy"
        if self._env_url(key) is not None:
            return "environment"
        if key in self._user:
            return "user"
        return "default"

    def get(self, key: str) -> Any:
        source = self.source(key)
        if source == "policy":
            value = self.policy.values[key]
        elif source == "environment":
            value = self._env_url(key)
        elif source == "user":
            value = self._user[key]
        else:
            value = KEYS[key].default
        return list(value) if isinstance(value, list) else value

    def locked(self, key: str) -> bool:
        return self.source(key) == "policy"

    def locked_by(self, key: str) -> str | None:
        """The note the Settings screen shows next to a locked field."""
        if self.locked(key):
            # TRANSLATORS: beside a setting the organisation's policy decides; {organisation} is its
            # name, or "your organisation".
            return _("Set by {organisation}").format(organisation=self.policy.organisation_label)
        env = URL_ENV.get(key)
        if env and self.source(key) == "environment":
            # TRANSLATORS: {variable} is the name of an environment variable, e.g. SOCIALSAFE_SEARXNG_URL.
            return _("Set on this computer by {variable}").format(variable=env)
        return None

    def set_user_value(self, key: str, value: Any) -> str | None:
        """Check and remember the person's value (None: back to the default). Returns the
        text to save with store.set_setting, or raises ValueError with a sentence."""
        spec = KEYS.get(key)
        if spec is None or not spec.user:
            raise ValueError(_("'{key}' is not a setting you can change.").format(key=key))
        if self.locked(key):
            raise ValueError(_("This setting is set by {organisation}.").format(
                organisation=self.policy.organisation_label))
        if value is None or value == "":
            self._user.pop(key, None)
            return None
        checked, reasons = check_value(key, value)
        if reasons or checked is None:
            raise ValueError(_sentence(spec, reasons[0] if reasons else _("is not usable")))
        self._user[key] = checked
        return user_text(key, checked)

    # -- the language: the person's choice, and the policy's default and lock
    def language_choice(self) -> LanguageChoice:
        """What the person and the policy say about the language (core.i18n.choose_language
        weighs them with --lang and the system)."""
        default = self.policy.values.get("language.default") or None
        locked = bool(self.policy.values.get("language.locked")) and default is not None
        return LanguageChoice(setting=self._language, policy_default=default, locked=locked,
                              locked_by=(_("Set by {organisation}").format(organisation=self.policy.organisation_label)
                                         if locked else None))

    def set_language_setting(self, code: str | None) -> str | None:
        """Check and remember the person's language (None: no choice, follow the organisation or
        the computer). Returns the text to save under LANGUAGE_SETTING, or raises ValueError with
        a sentence when the language is locked or unknown."""
        choice = self.language_choice()
        if choice.locked:
            raise ValueError(_("The language is set by {organisation}.").format(
                organisation=self.policy.organisation_label))
        if code is None or code == "":
            self._language = None
            return None
        found, reason = parse_user_value(LANGUAGE_SETTING, code)
        if reason:
            raise ValueError(reason[:1].upper() + reason[1:] + ".")
        self._language = found
        return found

    def describe(self) -> list[tuple[str, Any, str]]:
        return [(k.name, self.get(k.name), self.source(k.name)) for k in POLICY_KEYS]

    # -- what the rest of the app asks
    def allowed_search_modes(self) -> list[str]:
        modes = [m for m in self.get("search.modes") if m in SEARCH_MODES]
        return modes or ["browser"]

    def allowed_providers(self) -> list[str]:
        """Providers in-app searches may use; empty when in-app searching is off."""
        if "in_app" not in self.allowed_search_modes():
            return []
        return [p for p in self.get("search.providers") if p in PROVIDERS]

    def allowed_account_categories(self) -> list[str]:
        """Categories of sites the forgotten-accounts check may ask; empty when the check is off
        (by accounts.categories, or because searches are limited to the browser)."""
        if "in_app" not in self.allowed_search_modes():
            return []
        return [c for c in self.get("accounts.categories") if c in SITE_CATEGORIES]

    def provider_url(self, name: str) -> str:
        key = f"search.{name}_url"
        if key not in KEYS:
            raise KeyError(name)
        return str(self.get(key) or "").strip()

    def proxy(self) -> str | None:
        return self.get("network.proxy") or None

    def proxies(self) -> dict[str, str]:
        """For requests.Session.proxies; empty means "use the environment's proxy"."""
        proxy = self.proxy()
        return {"http": proxy, "https": proxy} if proxy else {}

    def recheck_months(self) -> int:
        return int(self.get("audit.recheck_months"))

    def extra_checklist_dirs(self) -> list[Path]:
        return [Path(p) for p in self.get("checklists.extra_dirs")]

    def disabled_checklist_ids(self) -> list[str]:
        return list(self.get("checklists.disable"))

    def branding(self) -> Branding:
        return Branding(
            name=self.get("organisation.name") or "",
            accent_colour=self.get("organisation.accent_colour"),
            logo=self.get("organisation.logo"),
            contacts=[tuple(c) for c in self.get("organisation.contacts")],
            policy_url=self.get("organisation.policy_url") or "",
            footer=self.get("organisation.report_footer") or "",
        )

    @property
    def managed(self) -> bool:
        return self.policy.exists


@dataclass(frozen=True)
class LanguageChoice:
    setting: str | None         # the person's choice in Settings, None when they made none
    policy_default: str | None  # the organisation's default ([language] default)
    locked: bool                # the organisation decides: the person cannot choose
    locked_by: str | None       # "Set by <organisation>" when locked


_SETTING_LABELS = {
    "search.duckduckgo_url": N_("The DuckDuckGo address"), "search.searxng_url": N_("The SearXNG address"),
    "search.brave_url": N_("The Brave Search address"), "network.proxy": N_("The proxy address"),
    "audit.recheck_months": N_("The re-check interval"), "search.modes": N_("The search modes"),
}


def _sentence(spec: PolicyKey, reason: str) -> str:
    label = _SETTING_LABELS.get(spec.name)
    # TRANSLATORS: a setting that cannot be used: "The proxy address: 'x' contains spaces, so it
    # is not a web address." {setting} names the setting, {reason} says what is wrong.
    return _("{setting}: {reason}.").format(setting=_(label) if label else spec.name, reason=reason)


def format_policy_show(settings: EffectiveSettings, user_settings: str | None = None) -> list[str]:
    """The lines `socialsafe policy show` prints: where the policy is (and, when given, where
    the person's own settings came from), then every setting with the layer it came from,
    then any problems."""
    policy = settings.policy
    if policy.exists and policy.organisation:
        head = _("Policy file: {path} (managed by {organisation})").format(path=policy.source_path,
                                                                           organisation=policy.organisation)
    elif policy.exists:
        head = _("Policy file: {path}").format(path=policy.source_path)
    else:
        head = _("Policy file: none (looked for {path})").format(path=policy_path())
    # TRANSLATORS: {where} says where the person's own settings were read from, or why not.
    lines = [head] + ([_("Your own settings: {where}").format(where=user_settings)] if user_settings else []) + [""]
    width = max(len(k.name) for k in POLICY_KEYS)
    for key, value, source in settings.describe():
        lines.append(f"{key:<{width}}  {format_value(key, value)}  [{source}]")
    language = settings.language_choice()
    if language.setting and not language.locked:
        lines.append(f"{LANGUAGE_SETTING:<{width}}  {language.setting}  [user]")
    problems = policy.problems + settings.user_problems
    if problems:
        # TRANSLATORS: the heading of the list of problems in `socialsafe policy show`.
        lines += ["", _("Problems:")] + [f"  {p}" for p in problems]
    return lines
