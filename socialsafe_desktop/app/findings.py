"""Pages found about the person: from searches run inside the app, or added by hand from the
person's own browser. Both are recorded the same way and judged the same way: Not me / Me, fine
/ Me, needs action, with a suggested action and a note."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.audit import (
    FINDING_DECISIONS,
    FROM_PERSON,
    FROM_SEARCH,
    ME_ACTION,
    ME_FINE,
    SUGGESTED_ACTIONS,
    Finding,
)
from ..core.links import is_openable_url
from ..core.text import one_line
from ..store import StoreWriteError

MAX_PASTED_LINES = 200   # addresses in one paste; a person copies a handful, not a site map
MAX_ADDRESS = 2000       # longer is not an address a person copied
TITLE_MAX, NOTE_MAX = 300, 1000
NOTHING_FOUND = "nothing"

_URL_IN_TEXT = re.compile(r"https?://\S+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?:[/?#]\S*)?$",
                          re.IGNORECASE)
_TRAILING = ".,;:!?)]}>'\""


@dataclass
class PastedAddresses:
    """What came out of a paste: the addresses to record, and each line that was not one."""

    addresses: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)           # given more than once in the paste
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (the line, why)


@dataclass(frozen=True)
class KeptAnswer:
    """One search's answer, saved: the pages it found, and why saving failed (None: it worked)."""
    found: list[Finding]
    error: StoreWriteError | None = None


@dataclass
class AddedFindings:
    added: list[Finding] = field(default_factory=list)
    already: list[Finding] = field(default_factory=list)        # already recorded in this audit
    rejected: list[tuple[str, str]] = field(default_factory=list)
    saved: bool = True


def _address_in(line: str) -> str | None:
    """The web address a pasted line holds: the line itself, the first http(s) address inside
    it (a browser's "copy" of a title and address), or a bare domain and path typed by hand."""
    found = _URL_IN_TEXT.search(line)
    if found:
        return found.group(0).rstrip(_TRAILING)
    word = line.strip().strip("<>\"'").rstrip(_TRAILING)
    if " " not in word and _BARE_DOMAIN.match(word):
        return "https://" + word
    return None


def parse_pasted_addresses(text: str) -> PastedAddresses:
    """One address a line; blank lines skipped, junk and unsafe links (javascript:, data:,
    file:) named with the reason, repeats kept once."""
    result = PastedAddresses()
    seen: set[str] = set()
    lines = [one_line(line) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    for line in lines[:MAX_PASTED_LINES]:
        shown = line if len(line) <= 80 else line[:79] + "…"
        address = _address_in(line)
        if address is None:
            scheme = line.split(":", 1)[0].lower() if ":" in line else ""
            reason = ("only web addresses starting with http:// or https:// can be recorded"
                      if scheme and scheme.isalpha() else "this is not a web address")
            result.rejected.append((shown, reason))
            continue
        if len(address) > MAX_ADDRESS or not is_openable_url(address):
            result.rejected.append((shown, "this is not a web address that can be opened safely"))
            continue
        if address in seen:
            result.repeated.append(address)
            continue
        seen.add(address)
        result.addresses.append(address)
    for line in lines[MAX_PASTED_LINES:]:
        result.rejected.append((line[:80], f"only {MAX_PASTED_LINES} addresses can be added at once"))
    return result


class Findings:
    def __init__(self, session) -> None:
        self.session = session

    @property
    def store(self):
        return self.session.store

    def all(self) -> list[Finding]:
        return self.store.findings()

    def platform_of(self, url: str) -> str | None:
        pack = self.session.catalogue.platform_for_url(url)
        return pack.id if pack is not None and pack.kind == "platform" else None

    def _domains(self) -> dict[str, tuple[str, ...]]:
        return {p.id: p.domains for p in self.session.catalogue.platform_packs() if p.domains}

    # --- recording ------------------------------------------------------------------------

    def record_results(self, search_id: str, results: Sequence) -> list[Finding]:
        """What one in-app search found (SearchResults), saved, on the thread that listens to
        failed saves. Returns the pages it found, as keep_answer does."""
        kept = self.keep_answer(search_id, results)
        self.session.settle(kept.error)
        return kept.found

    def keep_answer(self, search_id: str, results: Sequence) -> KeptAnswer:
        """What one in-app search found (SearchResults), saved as it arrives, on any thread: a
        run's workers call it, so the window never waits for the disk. Nobody is told of a failed
        save here: pass kept.error to session.settle() on the GUI thread.

        found holds the pages the search found, each once (found_by: this search; a page recorded
        before keeps its decision and gains this search in the store). A search that found nothing
        is recorded as "nothing found". Nothing is read back."""
        from ..search.urls import merge_results

        merged = merge_results([(search_id, results)], self._domains())
        found = [Finding(url=m.url, normalised_url=m.normalised, title=m.title, snippet=m.snippet,
                         platform=m.platform, found_by=list(m.found_by), origin=FROM_SEARCH) for m in merged]
        if found:
            # A page found last time too comes with last time's decision (a re-check).
            found = self.session.recheck.carry_decisions(found)
            return KeptAnswer(found, self.session.attempt(self.store.record_findings, found))
        search = self.session.plan.search(search_id)
        if search is not None and not search.outcome:
            return KeptAnswer(found, self.session.attempt(self.store.update_search, search_id, outcome=NOTHING_FOUND))
        return KeptAnswer(found)

    def add_pasted(self, text: str, *, search_id: str | None = None, title: str = "", note: str = "") -> AddedFindings:
        """Addresses the person found in their own browser, one a line. Title and note, when
        given, go with every address of this paste."""
        from ..search.urls import normalise_url

        pasted = parse_pasted_addresses(text)
        outcome = AddedFindings(rejected=list(pasted.rejected))
        title = one_line(title)[:TITLE_MAX]
        note = (note or "").strip()[:NOTE_MAX]
        known = {f.normalised_url: f for f in self.store.findings()}
        new: list[Finding] = []
        for address in pasted.addresses:
            key = normalise_url(address)
            if key in known:
                outcome.already.append(known[key])
                continue
            new.append(Finding(url=address, normalised_url=key, title=title, platform=self.platform_of(address),
                               found_by=[search_id] if search_id else [], note=note, origin=FROM_PERSON))
            known[key] = new[-1]
        if search_id is not None and outcome.already:
            # Already recorded from elsewhere: this search found it too.
            self.session.write(self.store.record_findings,
                               [Finding(f.url, f.normalised_url, found_by=[search_id]) for f in outcome.already])
        if new:
            new = self.session.recheck.carry_decisions(new)
            outcome.saved = self.session.write(self.store.record_findings, new)
            if outcome.saved:
                outcome.added = new
        return outcome

    # --- the person's decisions -------------------------------------------------------------

    def decide(self, normalised_url: str, decision: str) -> bool:
        """Not me / Me, fine / Me, needs action ("" takes it back). A page about the person on a
        platform ticks that platform for the next step, unless they already chose about it."""
        if decision and decision not in FINDING_DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        if not self.session.write(self.store.update_finding, normalised_url, decision=decision):
            return False
        finding = next((f for f in self.store.findings() if f.normalised_url == normalised_url), None)
        if finding is not None and decision in (ME_FINE, ME_ACTION) and finding.platform:
            pack = self.session.catalogue.pack(finding.platform)
            if pack is not None and pack.kind == "platform":
                self.session.write(self.store.suggest_platform, pack.id)
        return True

    def set_action(self, normalised_url: str, action: str) -> bool:
        if action and action not in SUGGESTED_ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        return self.session.write(self.store.update_finding, normalised_url, action=action)

    def set_note(self, normalised_url: str, note: str) -> bool:
        return self.session.write(self.store.update_finding, normalised_url, note=note)
