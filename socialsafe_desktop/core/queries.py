"""The self-search plan: which searches to run, built from what the person told us.

Pure data, no network and no Qt. The person can edit the plan afterwards (switch searches
off, add their own), so every search has a stable id that survives rebuilding the plan:
outcomes recorded against "name:sam-doe" still match after the profile is edited.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .i18n import N_
from .profile import DEFAULT_SEARCH_LANGUAGES, SEARCH_LANGUAGES, Profile, role_words
from .text import one_line

# Labels are English, marked for translation (N_): show them with _(KINDS[kind]).
# TRANSLATORS: the kinds of search in the plan of searches.
KINDS = {
    "name": N_("Your name"),
    "name_employer": N_("Your name and employer"),
    "name_town": N_("Your name and town"),
    "name_role": N_("Your name and job"),
    "handle": N_("Username"),
    "email": N_("Email address"),
    "phone": N_("Phone number"),
    "site": N_("Your name on a platform"),
    "image": N_("Image search for your name"),
    "custom": N_("Your own search"),
}

MAX_QUERY = 500  # characters in one search; engines cut or refuse longer ones

# Names used for combination searches (employer, town, role, platforms, images). Combining
# every previous name and nickname with everything else multiplies the plan for little gain.
MAX_COMBO_NAMES = 2



@dataclass
class PlannedSearch:
    """A search in the plan, and what the person recorded against it when they ran it in their
    browser (outcome: a key of core.audit.SEARCH_OUTCOMES, or "")."""

    id: str
    kind: str
    text: str
    enabled: bool = True
    browser_only: bool = False
    outcome: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlannedSearch:
        """From stored data; unknown kinds become "custom" rather than failing."""
        text = _clean(str(data.get("text", "")))
        kind = data.get("kind") if data.get("kind") in KINDS else "custom"
        ident = data.get("id")
        if not isinstance(ident, str) or not ident:
            ident = search_id(kind, text)
        return cls(ident, kind, text, bool(data.get("enabled", True)), bool(data.get("browser_only", False)),
                   str(data.get("outcome") or ""), str(data.get("note") or ""))

    @property
    def recorded(self) -> bool:
        """Whether the person recorded anything against it (an outcome, a note, unticking it)."""
        return bool(self.outcome or self.note or not self.enabled)


def _clean(value: str) -> str:
    """Control characters out, whitespace folded."""
    return one_line(value)


def _phrase(value: str) -> str:
    """An exact-phrase query part. Inner double quotes would end the phrase early, so drop them."""
    return '"' + _clean(value).replace('"', "") + '"'


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")


def _short_hash(text: str) -> str:
    import hashlib  # rarely needed: only text that makes no slug

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def search_id(kind: str, text: str) -> str:
    """Stable id from kind and text, e.g. ("name", '"Sam Doe"') -> "name:sam-doe".

    Text with no Latin letters or digits (e.g. a name in another script) gets a hash instead.
    """
    return f"{kind}:{_slug(text) or _short_hash(text)}"


def custom_search(text: str) -> PlannedSearch:
    """A search the person typed in themselves."""
    text = _clean(text)
    return PlannedSearch(search_id("custom", text), "custom", text)


class _PlanBuilder:
    def __init__(self) -> None:
        self.searches: list[PlannedSearch] = []
        self._texts: set[tuple[bool, str]] = set()
        self._ids: set[str] = set()

    def add(self, kind: str, text: str, *, browser_only: bool = False) -> None:
        # The same text twice is one search; an image search of the same words is a different one.
        key = (browser_only, text.casefold())
        if key in self._texts:
            return
        ident = search_id(kind, text)
        if ident in self._ids:  # "sam_doe" and "sam.doe" slug the same: keep ids unique
            ident = f"{ident}-{_short_hash(text)}"
        self._texts.add(key)
        self._ids.add(ident)
        self.searches.append(PlannedSearch(ident, kind, text, browser_only=browser_only))


def _unique(values: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def build_plan(profile: Profile, platform_domains: Mapping[str, Sequence[str]] | None = None) -> list[PlannedSearch]:
    """The default search plan for a profile.

    platform_domains maps each platform the person chose (checklist pack id) to its domains;
    the first domain of each is used for a `site:` search on the main name.
    """
    plan = _PlanBuilder()
    names = profile.filled_names()
    all_names = _unique([_clean(n.text).replace('"', "") for n in names])
    current = _unique([_clean(n.text).replace('"', "") for n in names if n.kind == "current"])
    combo_names = (current or all_names)[:MAX_COMBO_NAMES]

    for name in all_names:
        plan.add("name", _phrase(name))

    employer = _clean(profile.employer)
    town = _clean(profile.town)
    # The role in each language the person chose for their searches (not the window's language):
    # the first word of each is the common one ("teacher", not "lecturer").
    languages = SEARCH_LANGUAGES.get(profile.search_languages, SEARCH_LANGUAGES[DEFAULT_SEARCH_LANGUAGES])
    roles = [words[0] for language in languages if (words := role_words(profile.role, language))]
    for name in combo_names:
        if employer:
            plan.add("name_employer", f"{_phrase(name)} {_phrase(employer)}")
        if town:
            plan.add("name_town", f"{_phrase(name)} {_phrase(town)}")
        for word in roles:
            plan.add("name_role", f"{_phrase(name)} {_phrase(word) if ' ' in word else word}")

    for handle in _unique([_clean(h.text).lstrip("@").strip() for h in profile.filled_handles()]):
        plan.add("handle", _phrase(handle))

    for email in _unique([_clean(e) for e in profile.filled_emails()]):
        plan.add("email", _phrase(email))

    phone = _clean(profile.phone)
    if phone:
        plan.add("phone", _phrase(phone))

    # Platform searches use the main name only: ten platforms times every name is too many.
    if combo_names:
        for domains in (platform_domains or {}).values():
            domain = next((d.strip().lower() for d in domains if d and d.strip()), "")
            if domain:
                plan.add("site", f"{_phrase(combo_names[0])} site:{domain}")

    for name in combo_names:
        plan.add("image", _phrase(name), browser_only=True)

    return plan.searches
