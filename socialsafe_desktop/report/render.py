"""Rendering the action report (one self-contained HTML file) and saving it with its .ics.

The work is split in two: this module turns ReportInput into plain, already-cleaned view
objects (every decision lives here: what is linked, what is hidden, how dates read), and the
Jinja template only lays them out. Autoescaping is on, so no text reaches the page unescaped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.actions import (
    ACCOUNT,
    CLOSING,
    FINDING,
    SEARCH,
    SLIPPED,
    SLIPPED_CONTEXT,
    Action,
    Place,
    rank_actions,
    search_needs_action,
)
from socialsafe_desktop.core.audit import (
    DONE,
    FINDING_DECISIONS,
    FROM_PERSON,
    LATER,
    ME_ACTION,
    ME_FINE,
    NOT_FOR_ME,
    NOT_ME,
    SEARCH_OUTCOMES,
    SUGGESTED_ACTIONS,
    ItemState,
    Progress,
    progress,
)
from socialsafe_desktop.core.checklists import ChecklistItem, translation_note
from socialsafe_desktop.core.contrast import AA_NORMAL_TEXT, darken_until_readable
from socialsafe_desktop.core.dates import long_date
from socialsafe_desktop.core.estimate import TimeEstimate, estimate, summary
from socialsafe_desktop.core.forgotten_accounts import (
    COULD_NOT_CHECK,
    KEEP,
    AccountHit,
    DeletionInfo,
    count_accounts,
)
from socialsafe_desktop.core.i18n import N_, _, ngettext, pgettext
from socialsafe_desktop.core.links import is_openable_url
from socialsafe_desktop.core.profile import HANDLE_PLATFORMS
from socialsafe_desktop.core.recheck import duration_in_words
from socialsafe_desktop.core.savefile import SaveError, check_target, save_files

from .ics import render_ics
from .model import ReportBranding, ReportError, ReportInput
from .redact import Redactor, clean

# TRANSLATORS: how much a checklist item matters. The Welsh checklists use Hanfodol / Argymhellir.
PRIORITY_LABELS = {"essential": N_("Essential"), "recommended": N_("Recommended")}
DEFAULT_ACCENT = "#1d4f91"

# Shown when the checklists have no habits pack, so the report never lacks the basics.
# TRANSLATORS: three habits, each a short title and a sentence, in the report.
FALLBACK_HABITS = (
    (N_("Think before you post"), N_("Would you be happy for a pupil, parent, client or your manager to read it?")),
    (N_("If you get something wrong"), N_("Correct it, acknowledge it and apologise, and tell your manager yourself.")),
    (N_("Say that your views are your own"), N_("On any account that mentions your work.")),
)


# --- view objects: what the template sees ----------------------------------------------


@dataclass(slots=True)
class Link:
    text: str
    href: str | None  # None: print `text` as plain text, not as a link


@dataclass(slots=True)
class ItemView:
    title: str
    why: str
    steps: list[str]
    settings: Link | None
    pack_name: str
    priority: str
    minutes: int
    later: bool
    note: str
    status: str
    when: str  # the date of the last change, in words, or ""
    lang: str = ""               # the item's own language when it is not the page's (HTML lang), else ""
    translation_note: str = ""   # "not yet in this language" / "the English has changed", or ""


@dataclass(slots=True)
class PackView:
    id: str
    anchor: str
    name: str
    stale: bool
    reviewed: str
    items: list[ItemView] = field(default_factory=list)


@dataclass(slots=True)
class ProgressRow:
    name: str
    stale: bool
    done: int
    not_for_me: int
    later: int
    untouched: int
    minutes_left: str


@dataclass(slots=True)
class TimePart:
    name: str
    essentials: str
    everything: str


@dataclass(slots=True)
class FindingView:
    title: str
    address: Link
    found_by: list[str]
    action: str
    note: str
    platform: Link | None
    decision: str = ""
    added_by_you: bool = False
    routes: list[Link] = field(default_factory=list)  # where to act besides the page itself


@dataclass(slots=True)
class SearchView:
    text: str
    outcome: str
    note: str
    pages: int
    link: Link | None = None


@dataclass(slots=True)
class AccountView:
    """A forgotten account of the person's, in the full report."""

    site: str
    username: str
    address: Link | None
    service: str = ""             # the deletion directory's name for the service
    difficulty: str = ""          # its label ("Hard: only by writing to ...")
    deletion: Link | None = None  # the page where the account is deleted
    email: str = ""               # where the service takes deletion requests
    checklist: Link | None = None
    closed_on: str = ""
    note: str = ""


@dataclass(slots=True)
class ActionView:
    """One of the next three actions, whatever its kind."""

    kind: str
    title: str
    context: str
    minutes: int
    later: bool
    why: str
    steps: list[str]
    links: list[Link]
    note: str


@dataclass(slots=True)
class ChangedPage:
    """A page in What changed: new, gone or still there."""

    title: str
    address: Link
    before: str = ""  # still there: what the person said last time
    now: str = ""     # and what they say now


@dataclass(slots=True)
class ChangedItem:
    title: str
    pack_name: str
    detail: str = ""


# --- small helpers ---------------------------------------------------------------------


def short_duration(minutes: int) -> str:
    """For the progress table, which must fit a phone's width."""
    # TRANSLATORS: short lengths of time in a narrow table: minutes ("25 min"), hours ("2 h"), both.
    if minutes <= 0:
        return _("{minutes} min").format(minutes=0)
    hours, mins = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=mins)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=mins) if mins else \
        _("{hours} h").format(hours=hours)


def time_parts(left: TimeEstimate) -> tuple[list[TimePart], TimePart]:
    """The summary's time split by what it is spent on, so its total and the checklist table's
    "checklist time left" (which counts every item, not only the essentials) visibly agree."""
    both = (
        (_("Searching for yourself"), left.searching, left.searching),
        (_("Deciding about the pages found"), left.deciding, left.deciding),
        (_("Dealing with what you found"), left.acting_on_findings, left.acting_on_findings),
        (_("Checklist items"), left.settings_essential, left.settings_all),
    )
    parts = [TimePart(name, short_duration(essentials), short_duration(everything))
             for name, essentials, everything in both if everything > 0]
    # TRANSLATORS: the last row of the table that splits the time left.
    return parts, TimePart(pgettext("time left", "Total"), short_duration(left.essentials),
                           short_duration(left.everything))


def readable_accent(colour: str) -> str:
    """The organisation's colour, darkened just enough to carry white text at 4.5:1."""
    return darken_until_readable(colour, "#ffffff", AA_NORMAL_TEXT)


def _takes_an(name: str) -> bool:
    """English says "an Instagram page", "an X page": the two are separate strings to translate."""
    first = name[:1].lower()
    return first in "aeiou" or name == "X" or name.startswith("X ")


def _a_page_on(platform: str) -> str:
    # TRANSLATORS: a page found about the person, described by its platform only ("a Facebook
    # page", "an Instagram page"): the two differ only in English's article.
    if _takes_an(platform):
        return _("an {platform} page").format(platform=platform)
    return _("a {platform} page").format(platform=platform)


# --- building the view -----------------------------------------------------------------


class _Builder:
    def __init__(self, data: ReportInput, redact: bool) -> None:
        # The checklists in the report's language (the language SocialSafe speaks now), item by
        # item: an item not yet translated stays English, with a note saying so.
        self.language = i18n.current_language()
        data = _localised(data, self.language)
        self.data = data
        self.redact = redact
        self.redactor = _redactor_for(data) if redact else None
        self.today = data.generated_at.date()
        self.packs = {p.id: p for p in data.packs}
        self.pack_names = {p.id: self.text(p.name) for p in data.packs}
        self._item_views: dict[str, ItemView] = {}
        self._open_packs: set[str] = set()  # packs with items left: findings link to them
        self._hrefs: dict[str, str | None] = {}
        self.labels = data.search_labels
        self.findings_by_key = {f.normalised_url: f for f in data.findings}
        self.searches_by_id = {s.id: s for s in data.searches}
        self.data_items = {i.key: i for i in data.items}
        self.accounts_by_key = {h.key: h for h in data.accounts}

    def text(self, value: object) -> str:
        """Every piece of text on its way into the page passes through here."""
        out = clean(value)
        if self.redactor is not None:
            out = self.redactor(out)
        return out

    def note(self, value: object) -> str:
        """A note of the person's own: in the full report only. Notes hold personal text the
        redactor cannot know about, so the redacted copy leaves every one of them out."""
        return "" if self.redact else self.text(value).strip()

    def state(self, item: ChecklistItem) -> ItemState:
        return self.data.states.get(item.key) or ItemState()

    def link(self, url: str | None, text: str) -> Link | None:
        if not url:
            return None
        href = self._hrefs.get(url, "")
        if href == "":  # checklist items share a handful of settings pages: decide once each
            shown = self.text(url)
            href = self._hrefs[url] = url if is_openable_url(url) and shown == clean(url) else None
        if href is not None:
            return Link(text, href)
        # Not http(s), or it would show something private: print it, never link it.
        return Link(self.text(url), None)

    def item(self, item: ChecklistItem) -> ItemView:
        view = self._item_views.get(item.key)
        if view is None:  # built once, shared by "next three", "left" and "done"
            st = self.state(item)
            pack_name = self.pack_names.get(item.pack_id) or self.text(item.pack_id)
            note = translation_note(item) if self.language != i18n.ENGLISH else None
            view = ItemView(
                title=self.text(item.title),
                why=self.text(item.why),
                steps=[self.text(s) for s in item.steps],
                # TRANSLATORS: a link in the report; {checklist} is a checklist's name, e.g. "Facebook".
                settings=self.link(item.settings_url, _("Open the {checklist} settings page").format(
                    checklist=pack_name)),
                pack_name=pack_name,
                priority=(_(PRIORITY_LABELS[item.priority]) if item.priority in PRIORITY_LABELS
                          else self.text(item.priority).capitalize()),
                minutes=max(0, int(item.minutes)),
                later=st.status == LATER,
                note=self.note(st.note),
                status=st.status,
                when=long_date(st.updated_at),
                lang=i18n.html_lang(item.language) if item.language != self.language else "",
                translation_note=note or "",
            )
            self._item_views[item.key] = view
        return view

    def pack_view(self, pack_id: str) -> PackView:
        pack = self.packs.get(pack_id)
        if pack is None:  # an item whose pack was not passed in: still shown, never lost
            name = self.text(pack_id)
            return PackView(pack_id, "pack-" + _anchor(pack_id), name, False, "")
        return PackView(pack.id, "pack-" + _anchor(pack.id), self.pack_names[pack.id],
                        pack.is_stale(self.today), long_date(pack.last_reviewed))

    def grouped(self, items: list[ChecklistItem]) -> list[PackView]:
        """Items grouped by pack, packs in display order, items in the order given."""
        groups: dict[str, PackView] = {}
        for item in items:
            group = groups.get(item.pack_id)
            if group is None:
                group = groups[item.pack_id] = self.pack_view(item.pack_id)
            group.items.append(self.item(item))
        order = {pid: n for n, pid in enumerate(self.packs)}
        return sorted(groups.values(), key=lambda g: order.get(g.id, len(order)))

    def progress_rows(self) -> tuple[list[ProgressRow], ProgressRow, Progress]:
        by_pack: dict[str, list[ChecklistItem]] = {}
        for item in self.data.items:
            by_pack.setdefault(item.pack_id, []).append(item)
        rows = []
        ordered = [p for p in self.packs if p in by_pack] + [p for p in by_pack if p not in self.packs]
        for pack_id in ordered:
            p = progress(by_pack[pack_id], self.data.states)
            view = self.pack_view(pack_id)
            rows.append(ProgressRow(view.name, view.stale, p.done, p.not_for_me, p.later,
                                    p.untouched, short_duration(p.minutes_left)))
        total = progress(self.data.items, self.data.states)
        # TRANSLATORS: the last row of the progress table: every checklist together.
        overall = ProgressRow(pgettext("all checklists", "All"), False, total.done, total.not_for_me, total.later,
                              total.untouched, short_duration(total.minutes_left))
        return rows, overall, total

    def platform_name(self, platform: str | None) -> str | None:
        if not platform:
            return None
        if platform in self.pack_names:
            return self.pack_names[platform]
        return HANDLE_PLATFORMS[platform] if platform in HANDLE_PLATFORMS else self.text(platform)  # services' own names

    def finding(self, f, places=()) -> FindingView:
        platform_name = self.platform_name(f.platform)
        if self.redact:
            # No address, title or domain: a personal site's domain or a page's title often holds
            # the name, and nothing checks what else they say.
            what = _a_page_on(platform_name) if platform_name else _("a web page")
            address = Link(what, None)
            title = what[0].upper() + what[1:]
            count = len(f.found_by)
            found_by = [ngettext("{count} of your searches", "{count} of your searches", count).format(count=count)
                        ] if count else []
            routes: list[Link] = []
        else:
            address = self.link(f.url, self.text(f.url)) or Link(_("No address recorded"), None)
            title = self.text(f.title).strip() or self.text(f.url).strip() or _("Untitled page")
            found_by = [self.text(self.labels[s]) if s in self.labels else _("a search you have since removed")
                        for s in f.found_by]
            routes = [link for p in places[1:] if (link := self.link(p.url, self.text(p.label))) is not None]
            info = self.data.finding_deletion.get(f.normalised_url)
            if info is not None and info.url:
                # TRANSLATORS: {service} is the service's name; {difficulty} is easy, medium, hard, limited or
                # impossible (the deletion directory's grades, in English).
                route = self.link(info.url, self.text(_("How to delete this account ({service}, {difficulty})").format(
                    service=info.name, difficulty=info.difficulty)))
                if route is not None and route.href:
                    routes.append(route)
        action = _(SUGGESTED_ACTIONS[f.action]) if f.action in SUGGESTED_ACTIONS else ""
        platform = None
        if f.platform and platform_name:
            anchor = "pack-" + _anchor(f.platform)
            platform = Link(_("See the {checklist} checklist").format(checklist=platform_name), "#" + anchor) \
                if f.platform in self._open_packs else Link(platform_name, None)
        return FindingView(
            title=title,
            address=address,
            found_by=found_by,
            action=action or _("No action chosen yet"),
            note=self.note(f.note),
            platform=platform,
            decision=_(FINDING_DECISIONS[f.decision]) if f.decision in FINDING_DECISIONS else _("Not decided yet"),
            added_by_you=f.origin == FROM_PERSON,
            routes=routes,
        )

    def search(self, search, pages: int) -> SearchView:
        outcome = _(SEARCH_OUTCOMES[search.outcome]) if search.outcome in SEARCH_OUTCOMES else ""
        if not outcome:
            outcome = (ngettext("{count} page found", "{count} pages found", pages).format(count=pages) if pages
                       else _("Not recorded yet"))
        return SearchView(self.text(search.text), outcome, self.note(search.note), pages)

    def action(self, action: Action) -> ActionView:
        """One of the next three, in the report's words, with every place to act as a link."""
        if action.kind == FINDING:
            finding = self.findings_by_key.get(action.key)
            view = self.finding(finding, action.places) if finding is not None else None
            links = []
            if view is not None:
                if view.address.href:
                    links.append(Link(_("Open the page"), view.address.href))
                links += view.routes
            title = view.title if view is not None else self.text(action.title)
            context = " · ".join(x for x in ((view.action if view else ""), (view.found_by[0] if view and view.found_by
                                                                             else "")) if x)
            return ActionView(action.kind, title, context, action.minutes, False, "", [], links,
                              view.note if view else "")
        if action.kind == SEARCH:
            search = self.searches_by_id.get(action.key)
            words = self.text(search.text) if search is not None else ""
            title = (_("Deal with what you found searching {search}").format(search=words) if not self.redact
                     else _("Deal with what one of your searches found"))
            links = [] if self.redact else [link for p in action.places
                                            if (link := self.link(p.url, self.text(p.label))) is not None]
            return ActionView(action.kind, title, _("You marked this search \u201cfound, needs action\u201d"),
                              action.minutes, False, "", [], links, self.note(action.note))
        if action.kind == ACCOUNT:
            hit = self.accounts_by_key.get(action.key)
            info = self.data.account_deletion.get(action.key)
            how = _(CLOSING[info.difficulty]) if info is not None and info.difficulty in CLOSING else ""
            if self.redact or hit is None:
                return ActionView(action.kind, _("Close a forgotten account"), how[:1].upper() + how[1:],
                                  action.minutes, False, "", [], [], "")
            links = [link for p in action.places if (link := self.link(p.url, self.text(p.label))) is not None
                     and link.href]
            steps = [_("Write to {email} asking them to delete the account.").format(email=self.text(info.email))] \
                if info is not None and info.email else []
            return ActionView(action.kind, self.text(action.title), self.text(action.context), action.minutes, False,
                              info.difficulty_label if info is not None else "", steps, links,
                              self.note(action.note))
        item = self.data_items.get(action.key)
        if item is None:  # an action for an item that was not passed in: still shown, never lost
            return ActionView(action.kind, self.text(action.title), self.text(action.context), action.minutes,
                              action.later, "", [], [], self.note(action.note))
        view = self.item(item)
        # The context says why an item is back on the list in a re-check (changed back, or to confirm).
        if action.kind == SLIPPED:
            context = f"{view.pack_name} · {_(SLIPPED_CONTEXT)}"
        else:
            context = self.text(action.context) if action.context != item.pack_id else view.pack_name
        return ActionView(action.kind, view.title, context or view.pack_name, view.minutes, view.later, view.why,
                          view.steps, [view.settings] if view.settings and view.settings.href else [], view.note)

    def changed_page(self, finding, before=None) -> ChangedPage:
        view = self.finding(finding)
        was = now = ""
        if before is not None:
            # TRANSLATORS: what the person said about a page last time, when they said nothing.
            was = _(FINDING_DECISIONS[before.decision]) if before.decision in FINDING_DECISIONS else _("not decided")
            now = (_(FINDING_DECISIONS[finding.decision]) if finding.decision in FINDING_DECISIONS
                   else _("not decided yet"))
        return ChangedPage(view.title, view.address, was, now)

    def changed_item(self, change, detail: str = "") -> ChangedItem:
        pack = self.pack_names.get(change.pack_id) or self.text(change.pack_id)
        return ChangedItem(self.text(change.title), pack, detail)

    def changes(self) -> dict | None:
        """What changed since the audit before: counts and lists. Redacted, pages are described
        by kind only, as everywhere else in the redacted copy."""
        c = self.data.changes
        if c is None or c.first:
            return None
        completed = []
        for done in c.completed:
            if done.kind == "item":
                title = self.text(done.title)
            elif done.kind == "search":
                title = _("One of your searches") if self.redact else _("Searching {search}").format(
                    search=self.text(done.title))
            else:
                title = _("A page you marked as needing action") if self.redact else (
                    self.text(done.title).strip() or _("A page you marked as needing action"))
            completed.append(ChangedItem(title, "", done.how))
        accounts = None
        if c.accounts is not None:
            accounts = {"new": len(c.accounts.new), "still_open": len(c.accounts.still_open),
                        "gone": len(c.accounts.gone), "not_checked": len(c.accounts.not_checked)}
        return {
            "since": long_date(c.previous_started),
            "new": [self.changed_page(x.now) for x in c.new],
            "gone": [self.changed_page(x.before) for x in c.gone],
            "still": [self.changed_page(x.now, x.before) for x in c.still_there],
            "not_checked": len(c.not_checked),
            # TRANSLATORS: after a setting that changed back since the last check.
            "slipped": [self.changed_item(x, _("put right again") if x.fixed_again else _("still to put right"))
                        for x in c.slipped],
            "still_set": len(c.still_set),
            "to_confirm": [self.changed_item(x) for x in c.to_confirm],
            "new_items": [self.changed_item(x) for x in c.new_items],
            "completed": completed,
            "time_now": duration_in_words(c.time_now),
            "time_before": duration_in_words(c.time_before),
            "accounts": accounts,
        }

    def account(self, hit: AccountHit) -> AccountView:
        info: DeletionInfo | None = self.data.account_deletion.get(hit.key)
        address = self.link(hit.address, self.text(hit.address)) if hit.address else None
        view = AccountView(self.text(hit.site), self.text(hit.username), address, note=self.note(hit.note),
                           closed_on=long_date(hit.closed_on))
        if info is not None:
            view.service = self.text(info.name)
            view.difficulty = info.difficulty_label
            view.deletion = (self.link(info.url, _("How to close your {site} account").format(site=view.site))
                             if info.url else None)
            view.email = self.text(info.email or "")
        pack_id = self.data.account_checklists.get(hit.key)
        if pack_id:
            name = self.platform_name(pack_id)
            view.checklist = Link(_("See the {checklist} checklist").format(checklist=name), "#pack-" + _anchor(pack_id)) \
                if pack_id in self._open_packs else Link(_("Its privacy settings are in the {checklist} checklist").format(
                    checklist=name), None)
        return view

    def accounts(self) -> dict:
        """The forgotten-accounts section. The redacted copy has counts only: no site, username
        or address (which site someone has an account on can say a lot about them)."""
        data = self.data
        counts = count_accounts(data.accounts)
        results = data.account_results
        section = {
            "checked": bool(data.account_checks),
            "usernames": len(data.account_checks),
            "sites": len({r.site for r in results}),
            "answers": len(results),
            "could_not_check": sum(1 for r in results if r.outcome == COULD_NOT_CHECK),
            "counts": counts,
            "to_close": [], "closed": [], "kept": [], "names": [],
        }
        if self.redact:
            return section
        section["names"] = [self.text(c.username) for c in data.account_checks]
        mine = [h for h in data.accounts if h.is_mine]
        section["to_close"] = [self.account(h) for h in mine if h.needs_closing]
        section["closed"] = [self.account(h) for h in mine if h.closed]
        section["kept"] = [self.account(h) for h in mine if h.plan == KEEP]
        return section

    def branding(self) -> dict | None:
        b: ReportBranding | None = self.data.branding
        if b is None:
            return None
        accent = b.valid_accent
        contacts = []
        for entry in b.contacts:
            try:
                role, name, how = (clean(x) for x in entry)
            except (TypeError, ValueError):
                continue  # a malformed contact is skipped rather than breaking the report
            how_link = self.link(how.strip(), self.text(how.strip())) if how.strip() else None
            contacts.append((self.text(role), self.text(name), how_link))
        policy_url = b.valid_policy_url
        policy = None
        if policy_url:
            label = _("Read your organisation's social media policy")
            policy = self.link(policy_url, label)
            if policy.href is None:  # its address would show something private
                policy = Link(_("Your organisation's social media policy: {address}").format(address=policy.text), None)
        return {
            "name": self.text(b.name),
            "accent": readable_accent(accent) if accent else None,
            "logo": b.valid_logo,
            "contacts": contacts,
            "policy": policy,
            "footer": self.text(b.footer) if b.footer else "",
        }

    def ranked(self) -> tuple[list[Action], TimeEstimate]:
        """The app layer passes both (with removal routes); ranked here when it did not."""
        data = self.data
        actions = data.actions
        if actions is None:
            def places(hit):
                info = data.account_deletion.get(hit.key)
                found = [Place(info.url, _("Open the deletion page"))] if info is not None and info.url else []
                return found + ([Place(hit.address, _("Open the account"))] if hit.address else [])

            actions = rank_actions(data.items, data.states, data.findings, data.searches,
                                   pack_names={p.id: p.name for p in data.packs},
                                   habit_packs=[p.id for p in data.packs if p.kind == "habits"],
                                   accounts=data.accounts, account_places=places,
                                   account_difficulty=lambda h: getattr(data.account_deletion.get(h.key),
                                                                        "difficulty", ""))
        time_left = data.estimate
        if time_left is None:
            every_item = [item for pack in data.packs for item in pack.items] or data.items
            time_left = estimate(every_item, data.states, actions, data.searches,
                                 sum(1 for f in data.findings if not f.decision),
                                 {s for f in data.findings for s in f.found_by})
        return actions, time_left

    def build(self, ics_name: str | None) -> dict:
        data = self.data
        rows, overall, total = self.progress_rows()
        actions, time_left = self.ranked()
        parts, parts_total = time_parts(time_left)
        left = [self.data_items[a.key] for a in actions if a.key in self.data_items]
        left_groups = self.grouped(left)
        self._open_packs = {g.id for g in left_groups}
        places = {a.key: a.places for a in actions if a.kind == FINDING}
        habit_packs = {p.id for p in data.packs if p.kind == "habits"}
        habits = [self.item(i) for i in data.items if i.pack_id in habit_packs]
        decided = [i for i in data.items if self.state(i).status in (DONE, NOT_FOR_ME)]
        needing = [self.finding(f, places.get(f.normalised_url, ())) for f in data.findings if f.decision == ME_ACTION]
        open_searches = [s for s in data.searches if search_needs_action(s, data.findings)]
        pages = {s.id: sum(1 for f in data.findings if s.id in f.found_by) for s in data.searches}
        searches = [self.search(s, pages[s.id]) for s in data.searches if s.enabled]
        # Pages about the person that are fine, and any page with a note: the rest of what was judged.
        others = [self.finding(f) for f in data.findings
                  if f.decision != ME_ACTION and (f.decision == ME_FINE or (f.note.strip() and not self.redact))]
        accounts = self.accounts()
        branding = self.branding()
        return {
            "demo": data.demo,
            "redacted": self.redact,
            # TRANSLATORS: in place of the person's name: hidden in the redacted report, or not given.
            "person": _("Name hidden") if self.redact else (self.text(data.person_name.strip()) or _("You")),
            "made_on": long_date(data.generated_at),
            "branding": branding,
            "accent": (branding or {}).get("accent"),
            "default_accent": DEFAULT_ACCENT,
            "total": total,
            "percent": total.percent,
            "time_left": summary(time_left),
            "time_parts": parts,
            "time_total": parts_total,
            "rows": rows,
            "overall": overall,
            "next_three": [self.action(a) for a in actions[:3]],
            "left": left_groups,
            "left_count": len(left),
            "findings": needing,
            "open_searches": [self.search(s, pages[s.id]) for s in open_searches],
            "open_search_count": len(open_searches),
            "searches": searches,
            "searches_run": sum(1 for s in data.searches if s.enabled and (s.outcome or pages[s.id])),
            "other_findings": others,
            "not_me_count": sum(1 for f in data.findings if f.decision == NOT_ME),
            "accounts": accounts,
            "decided": self.grouped(decided),
            "done_count": total.done,
            "habits": habits,
            "fallback_habits": [(_(title), _(text)) for title, text in FALLBACK_HABITS],
            "lang": i18n.html_lang(self.language),
            "stale_packs": [self.pack_view(p.id) for p in data.packs if p.is_stale(self.today)],
            "next_check": long_date(data.next_check),
            "ics_name": self.text(ics_name) if ics_name else "",
            "changes": self.changes(),
            # Only the number, and only in the full report: the evidence itself never goes in a report.
            "evidence_count": 0 if self.redact else max(0, int(data.evidence_count)),
            "checked_on": long_date(data.checked_on) if data.checked_on else "",
        }


def _redactor_for(data: ReportInput) -> Redactor:
    # The name in the header is hidden anyway; adding it (and its parts, as the profile
    # does) also covers a caller that forgot to put it in private_strings.
    name = data.person_name if isinstance(data.person_name, str) else ""
    extra = [name.strip()] + [part for part in name.split() if len(part) >= 3]
    # TRANSLATORS: in the redacted report, in place of a name, a username or an address.
    return Redactor(list(data.private_strings) + extra, hidden=_("[hidden]"))


def _anchor(pack_id: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else "-" for ch in pack_id)


# --- templates -------------------------------------------------------------------------


def _load_template(name: str) -> str | None:
    # importlib.resources works the same from a source tree, a wheel, a zip and a
    # PyInstaller bundle (the spec must collect socialsafe_desktop/report/templates).
    try:
        return resources.files(__package__).joinpath("templates").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # Built once per process: templates are compiled on first use and then cached, which
    # matters for the benchmark and for a UI that re-renders the preview. The words come from
    # core.i18n, looked up when the template runs, so one environment serves every language.
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    # {% trans %} blocks are looked up with their whitespace folded, as `make pot` extracts them.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._, ngettext=i18n.ngettext, pgettext=i18n.pgettext, npgettext=i18n.npgettext, newstyle=True)
    return env


def _localised(data: ReportInput, language: str) -> ReportInput:
    """The report's checklists in `language`, item by item (English where an item has no
    translation). The app's catalogue is usually localised already; localising again is cheap."""
    if language == i18n.ENGLISH and all(p.language == i18n.ENGLISH for p in data.packs):
        return data
    return dataclasses.replace(data, packs=[p.localised(language) for p in data.packs],
                               items=[i.localised(language) for i in data.items])


def render_report(data: ReportInput, *, redact: bool = False, ics_name: str | None = None) -> str:
    """The report as one HTML document. `ics_name` is the calendar file's name, mentioned
    in the text when given (write_report passes it)."""
    context = _Builder(data, redact).build(ics_name)
    document = environment().get_template("report.html.j2").render(context)
    if redact:
        document = _redactor_for(data).redact_html_text(document, start=max(0, document.find("</style>")))
    return document


# --- saving ----------------------------------------------------------------------------


def write_report(data: ReportInput, out: Path, *, redact: bool = False) -> tuple[Path, Path]:
    """Save the report to `out` and the calendar reminder beside it (same stem, .ics), by the
    one rule for saving files (core/savefile): only to ordinary files or new names, written to
    temporary files first and only then moved into place, so a full disk or a crash never leaves
    half a report, and never spoils one saved earlier."""
    out = Path(out)
    ics_path = out.with_name(out.stem + ".ics")
    if ics_path == out:
        raise ReportError(_("Choose a file name for the report that does not end in .ics."))
    # TRANSLATORS: what was being saved, in "Could not save {what} because ...".
    what = _("the report")
    try:
        for target in (out, ics_path):
            check_target(target, what)
        document = render_report(data, redact=redact, ics_name=ics_path.name)
        calendar = render_ics(data)
        save_files([(out, document.encode("utf-8")), (ics_path, calendar.encode("utf-8"))], what)
    except SaveError as exc:
        raise ReportError(str(exc)) from exc
    return out, ics_path
