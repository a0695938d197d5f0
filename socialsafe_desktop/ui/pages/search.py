"""Step 3: Search yourself.

Two tabs. "1. Your searches" shows the plan built from About you (and the platforms the person
uses) before anything runs; the person unticks, changes or adds searches, then either opens
them in their own browser (the app sends nothing) and records what they found, or runs them
inside the app through a search service. "2. What was found" lists every page found or added,
for the person to judge.

Nothing leaves the computer until a button that names the destination is pressed. Runs happen
off the GUI thread (SearchBridge); results are saved as they arrive; every choice is saved at
once, through the session's use cases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget

from ...app import providers as prov
from ...app.actions import ENGINE_SETTING
from ...core.i18n import _, ngettext
from ...core.links import is_openable_url
from ...core.providers import PROVIDER_LABELS
from ...net.errors import NetError
from ...search.browser import ENGINES, engine_has_images
from ..account_worker import BackgroundTask
from ..add_findings import AddFindingsDialog, describe
from ..search_plan_tab import PlanTab
from ..search_results import ResultsView
from ..search_row import CANCELLED, DONE, FAILED, NOT_SENT, QUEUED, RUNNING, SKIPPED, SearchRow
from ..search_worker import SearchBridge
from ..widgets import announce, plain_message, show_error
from .base import StepPage

ASK_BEFORE_OPENING = 5  # more tabs than this at once gets a question first


class SearchPage(StepPage):
    step_id = "search"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.session = ctx.session
        self.fill_height()  # the two tabs scroll on their own
        self.statuses: dict[str, tuple[str, str]] = {}  # run state of each search, this session only
        self.not_run: list[str] = []                     # searches an offline run did not send
        # Each answer is saved on the worker thread that fetched it: the window never waits for the disk.
        self.bridge = SearchBridge(self.session.search_settings, self,
                                   client_factory=self.session.backend.search_client_factory(),
                                   keep=self.session.findings.keep_answer)
        self.bridge.search_state.connect(self._search_state)
        self.bridge.search_done.connect(self._search_done)
        self.bridge.search_failed.connect(self._search_failed)
        self.bridge.search_not_run.connect(self._search_not_run)
        self.bridge.progress.connect(lambda settled, total: self.plan_tab.run_panel.progress(settled, total))
        self.bridge.run_summary.connect(self._run_summary)
        self.bridge.finished.connect(self._run_finished)

        self.tabs = QTabWidget()
        # TRANSLATORS: what a screen reader calls the two tabs of the step Search yourself.
        self.tabs.setAccessibleName(_("Search yourself"))
        # At large text both tabs stay on screen, the long one shortened, not behind scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        # The tab bar is the Tab stop; the frame around the tabs is not one of its own.
        self.tabs.setFocusProxy(None)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.layout_.addWidget(self.tabs, 1)
        self.plan_tab = PlanTab()
        # TRANSLATORS: the first tab of Search yourself. Keep the & (shortcut) and the number.
        self.tabs.addTab(self.plan_tab, _("&1. Your searches"))
        self.tabs.setTabToolTip(0, self.tabs.tabText(0).replace("&", ""))  # the whole title, when it is shortened
        self.results = ResultsView(self.session, self._search_text, self.ctx.open_url)
        self.results.setObjectName("page")
        self.results.counts_changed.connect(self._results_counted)
        self.results.add_requested.connect(lambda: self.add_found(None))
        self.tabs.addTab(self.results, self._results_tab_title(0, 0))
        self.tabs.setTabToolTip(1, self.tabs.tabText(1).replace("&", ""))
        # The deletion directory ("How to delete this account" beside a page), read off the GUI
        # thread the first time there are pages to show.
        self.directory_loader = BackgroundTask(self)
        self.directory_loader.done.connect(
            lambda accounts: self.results.set_deletion_lookup(lambda url: accounts.deletion_for_url(url, load=False)))

        tab = self.plan_tab
        tab.mode_chosen.connect(self._mode_chosen)
        tab.engine_chosen.connect(self._engine_chosen)
        tab.open_all_requested.connect(self.open_all_in_browser)
        tab.add_requested.connect(self.add_search)
        panel = tab.run_panel
        panel.provider_chosen.connect(self._provider_chosen)
        panel.run_requested.connect(self.run_in_app)
        panel.cancel_requested.connect(self.cancel_run)
        panel.open_rest_requested.connect(self.open_not_run_in_browser)

    # --- showing --------------------------------------------------------------------------

    @property
    def rows(self) -> dict[str, SearchRow]:
        return self.plan_tab.rows

    def on_enter(self) -> None:
        if self.bridge.is_running:
            return  # the plan stays as it was sent until the run ends
        session = self.session
        self.plan_tab.set_choices(app_allowed=prov.in_app_allowed(session), mode=prov.chosen_mode(session),
                                  engine=session.setting(ENGINE_SETTING, "duckduckgo"))
        self.plan_tab.run_panel.set_choices(prov.provider_choices(session), prov.chosen_provider(session))
        self.sync_plan()
        self.results.sync(session.findings.all())
        # Needed as soon as a page is found. Read now, while the person reads the step: read
        # when the first pages come in, its few thousand entries compete with the run for the
        # interpreter and the window stutters.
        self.load_deletion_directory()

    def load_deletion_directory(self) -> None:
        if self.results.deletion_lookup is None:
            session = self.session

            def load():
                accounts = session.accounts
                accounts.load_directory()
                return accounts

            self.directory_loader.start(load, "socialsafe-directory")

    def sync_plan(self) -> None:
        entries = self.session.plan.sync()
        shown = [(r.search.id, r.search.text, r.search.enabled) for r in self.rows.values()]
        if [(e.search.id, e.search.text, e.search.enabled) for e in entries] != shown:
            self.plan_tab.render_rows(entries, self._connect_row)
        else:  # same searches: bring recorded outcomes and notes up to date without rebuilding
            for entry in entries:
                self.rows[entry.search.id].search = entry.search
        self._show_found_counts()
        self._update_buttons()

    def _connect_row(self, row: SearchRow) -> None:
        state = self.statuses.get(row.search.id)
        if state:
            row.set_status(*state)
        row.toggled.connect(self._row_toggled)
        row.edited.connect(self._row_edited)
        row.remove_requested.connect(self._row_removed)
        row.open_requested.connect(self.open_search)
        row.outcome_changed.connect(self.session.plan.set_outcome)
        row.note_changed.connect(self.session.plan.set_note)
        row.add_found_requested.connect(self.add_found)

    def _show_found_counts(self) -> None:
        counts = self._found_counts()
        with self.plan_tab.changing_rows():
            for search_id, row in self.rows.items():
                row.set_found(counts.get(search_id, 0))

    def _found_counts(self) -> dict[str, int]:
        """How many pages each search has recorded against it."""
        counts: dict[str, int] = {}
        for finding in self.results.findings.values():
            for search_id in finding.found_by:
                counts[search_id] = counts.get(search_id, 0) + 1
        return counts

    def _found_count(self, search_id: str) -> int:
        return sum(search_id in finding.found_by for finding in self.results.findings.values())

    def _search_text(self, search_id: str) -> str | None:
        row = self.rows.get(search_id)
        return row.search.text if row is not None else None

    def mode(self) -> str:
        return self.plan_tab.mode()

    # --- the person's edits ---------------------------------------------------------------

    def _row_toggled(self, search_id: str, on: bool) -> None:
        if self.session.plan.set_enabled(search_id, on):
            self.rows[search_id].search.enabled = on
        self._update_buttons()

    def _row_edited(self, search_id: str, text: str) -> None:
        saved = self.session.plan.reword(search_id, text)
        if saved is None:
            return
        row = self.rows[search_id]
        row.set_text(saved, self.session.plan.is_changed(search_id, saved))
        self.statuses.pop(search_id, None)
        row.set_status("")
        self.results.refresh_found_by()

    def _row_removed(self, search_id: str) -> None:
        if self.session.plan.remove(search_id):
            self.sync_plan()
        self.plan_tab.add_edit.setFocus()

    def add_search(self, words: str) -> None:
        tab = self.plan_tab
        outcome = self.session.plan.add(words)
        show_error(tab.add_error, outcome.problem or None)
        if outcome.search is None:
            return
        self.sync_plan()
        tab.add_edit.clear()
        tab.add_edit.setFocus()
        row = self.rows.get(outcome.search.id)
        if row is not None:
            tab.scroller.ensureWidgetVisible(row)

    def add_found(self, search_id: str | None) -> None:
        """The "Add what you found" dialog, for one search or for none in particular."""
        search = self.session.plan.search(search_id) if search_id else None
        dialog = AddFindingsDialog(self.session, search_id, search.text if search else "", self)
        if self.ask(dialog) != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return
        self.results.sync(self.session.findings.all())
        self._show_found_counts()
        message = describe(dialog.outcome)
        row = self.rows.get(search_id) if search_id else None
        if row is not None:
            row.set_found(0, message)
        else:
            self.results.show_message(message)
        announce(self, message)

    def ask(self, dialog: QDialog) -> int:
        """Show a dialog and wait for the person's answer (tests answer it like a person would)."""
        return dialog.exec()

    # --- modes and buttons ----------------------------------------------------------------

    def _mode_chosen(self, mode: str) -> None:
        self.session.set_setting(prov.MODE_SETTING, mode)
        self._update_buttons()

    def _engine_chosen(self, engine: str) -> None:
        self.session.set_setting(ENGINE_SETTING, engine)
        self._update_buttons()

    def _provider_chosen(self, name: str) -> None:
        self.session.set_setting(prov.PROVIDER_SETTING, name)
        self._update_buttons()

    def searches_to_send(self):
        return [r.search for r in self.rows.values() if r.search.enabled and not r.search.browser_only]

    def _update_buttons(self, running: bool | None = None) -> None:
        """running: what to show (default: whether a run is going)."""
        tab, panel = self.plan_tab, self.plan_tab.run_panel
        plan = [r.search for r in self.rows.values()]
        ticked = [s for s in plan if s.enabled]
        # TRANSLATORS: beside the heading "Your searches": how many of the plan's searches are ticked.
        tab.count_label.setText(ngettext("{ticked} of {n} ticked", "{ticked} of {n} ticked", len(plan)).format(
            ticked=len(ticked), n=len(plan)) if plan else "")
        engine = ENGINES[tab.engine_id()]
        # TRANSLATORS: button that opens the ticked searches in the person's browser. Keep the & (shortcut).
        tab.open_all.setText(ngettext("&Open it in your browser", "&Open all {n} in your browser",
                                      len(ticked)).format(n=len(ticked)))
        tab.open_all.setEnabled(bool(ticked))
        # TRANSLATORS: {engine} is a search engine's name, such as DuckDuckGo; "Add what you found" is a button.
        note = _("SocialSafe sends nothing: each search opens in your browser at {engine}. Look through what it "
                 "finds, then note here what you found: press Add what you found to keep the address of a page "
                 "about you.").format(engine=engine.name)
        if not engine_has_images(engine.id) and any(s.kind == "image" for s in ticked):
            note += " " + _("{engine} has no image search, so image searches open as web searches.").format(
                engine=engine.name)
        tab.browser_note.setText(note)

        running = self.bridge.is_running if running is None else running
        name = panel.chosen()
        to_send = self.searches_to_send()
        reasons = " ".join(c.reason for c in prov.provider_choices(self.session) if c.reason)
        room = tab.scroller.viewport().width()
        n = len(to_send)
        if name is None:
            # TRANSLATORS: the button that runs the searches inside the app. Keep the & (shortcut).
            panel.set_run_text(_("&Run searches"), room)
            # TRANSLATORS: {reasons} is one or more sentences saying why each service cannot be used.
            panel.note.setText(_("No search service can be used yet. {reasons}").format(reasons=reasons).strip())
            panel.set_running(running, False)
        else:
            where = prov.destination(self.session, name)
            label = PROVIDER_LABELS[name]
            if self.session.backend.sends_nothing:
                # TRANSLATORS: the Run button in the trainer demo. Keep the & (shortcut).
                panel.set_run_text(ngettext("&Run {n} search (demo: stored pages, nothing sent)",
                                            "&Run {n} searches (demo: stored pages, nothing sent)", n).format(n=n),
                                   room)
                # TRANSLATORS: {service} is a search service's name, such as DuckDuckGo.
                text = _("Demo: the searches are answered from pages stored in SocialSafe, read the same way as "
                         "{service}'s. Nothing is sent.").format(service=label)
            elif where:
                # TRANSLATORS: the Run button names where the searches go: {service} is a search service's
                # name, {where} its address. Keep the & (shortcut) and the brackets round the address.
                panel.set_run_text(ngettext("&Run {n} search through {service} ({where})",
                                            "&Run {n} searches through {service} ({where})", n).format(
                    n=n, service=label, where=where), room)
                text = _("Sends only the words of each ticked search to {service} ({where}); nothing else leaves "
                         "this computer.").format(service=label, where=where)
            else:
                # TRANSLATORS: the Run button names where the searches go: {service} is a search service's
                # name. Keep the & (shortcut).
                panel.set_run_text(ngettext("&Run {n} search through {service}",
                                            "&Run {n} searches through {service}", n).format(n=n, service=label),
                                   room)
                text = _("Sends only the words of each ticked search to {service}; nothing else leaves this "
                         "computer.").format(service=label)
            skipped = len([s for s in ticked if s.browser_only])
            if skipped:
                text += " " + ngettext("Image searches ({n}) only work in your browser.",
                                       "Image searches ({n}) only work in your browser.", skipped).format(n=skipped)
            if reasons:
                text += "\n" + reasons
            panel.note.setText(text)
            panel.set_running(running, bool(to_send))
        tab.add_edit.setEnabled(not running)
        tab.add_button.setEnabled(not running)
        for row in self.rows.values():
            row.set_busy(running)

    # --- opening in the browser -----------------------------------------------------------

    def _open(self, urls: list[str]) -> None:
        for url in urls:
            if is_openable_url(url):
                self.ctx.open_url(url)

    def open_search(self, search_id: str) -> None:
        row = self.rows.get(search_id)
        if row is not None:
            self._open([self.session.plan.browser_url(row.search, self.plan_tab.engine_id())])

    def confirm_many_tabs(self, count: int) -> bool:
        answer = plain_message(
            # TRANSLATORS: the title of the question before many tabs are opened.
            self, QMessageBox.Icon.Question, _("Open many tabs?"),
            ngettext("This opens {n} tab in your browser at once. Open it?",
                     "This opens {n} tabs in your browser at once. Open them all?", count).format(n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, default=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open_many(self, searches) -> None:
        if len(searches) > ASK_BEFORE_OPENING and not self.session.backend.sends_nothing \
                and not self.confirm_many_tabs(len(searches)):
            return
        engine = self.plan_tab.engine_id()
        self._open([self.session.plan.browser_url(s, engine) for s in searches])

    def open_all_in_browser(self) -> None:
        self._open_many([r.search for r in self.rows.values() if r.search.enabled])

    def open_not_run_in_browser(self) -> None:
        self._open_many([self.rows[i].search for i in self.not_run if i in self.rows])

    # --- running in the app ---------------------------------------------------------------

    def run_in_app(self) -> None:
        name = self.plan_tab.run_panel.chosen()
        if name is None or self.bridge.is_running:
            return
        try:
            provider = self.session.backend.search_provider(name, self.session.search_settings)
        except NetError as error:
            self.plan_tab.run_panel.show_status(error.message, error=True)
            return
        self.start_run([(provider, self.searches_to_send())])

    def start_run(self, jobs) -> None:
        """Start searches (a list of (provider, searches)); the Run button sends one provider's."""
        panel = self.plan_tab.run_panel
        self.bridge.set_settings(self.session.search_settings)
        self.statuses.clear()
        self.not_run = []
        for row in self.rows.values():
            search = row.search
            if search.enabled and search.browser_only:
                self.statuses[search.id] = (SKIPPED, _("Image searches only work in your browser."))
        jobs = [(provider, list(searches)) for provider, searches in jobs]
        for _provider, searches in jobs:
            for search in searches:
                self.statuses.setdefault(search.id, (QUEUED, ""))
        # The key press gets its answer (Run becomes Cancel) first, in one short turn of the event
        # loop; the fifteen rows are shown waiting in the next, all at once.
        with self.plan_tab.changing_rows():  # progress bar and message: one layout pass
            panel.start()
            self.results.set_run_going(True)
            self._update_buttons(running=True)
            # TRANSLATORS: "2. What was found" is the name of the second tab.
            panel.show_status(_("Searching… Pages appear in 2. What was found as they come in. "
                                "You can cancel at any time."))
        panel.cancel_button.setFocus()
        QTimer.singleShot(1, self, self._show_statuses)
        # Last: from here on the workers share the interpreter with the window. A run with nothing
        # to do ends in here, and its end puts the buttons and the message right.
        self.bridge.start(jobs)

    def _show_statuses(self) -> None:
        with self.plan_tab.changing_rows():
            for search_id, row in self.rows.items():
                row.set_status(*self.statuses.get(search_id, ("", "")))

    def cancel_run(self) -> None:
        self.bridge.cancel()  # reports "finished" before it returns: the page is idle now

    def stop_work(self) -> None:
        """Called before the window closes or the demo is reset: no run outlives its store."""
        if self.bridge.is_running:
            self.bridge.cancel()

    def _set_status(self, search_id: str, state: str, message: str = "", pages: int | None = None) -> None:
        self.statuses[search_id] = (state, message)
        row = self.rows.get(search_id)
        if row is not None:
            row.set_status(state, message, pages)

    def _search_state(self, search_id: str, state: str) -> None:
        if state == QUEUED:
            return  # start_run has them all waiting already, and shows them in one go
        self._set_status(search_id, state)

    def _search_done(self, search_id: str, kept) -> None:
        # Already saved (findings.keep_answer, on the worker), so a crash half-way loses nothing shown.
        if not self.session.settle(kept.error):
            # The window says why, once; the page shows only what is saved.
            # TRANSLATORS: under a search whose answer came but could not be saved (a full disk, say).
            self._set_status(search_id, FAILED, _("What this search found could not be saved."))
            return
        if kept.found:
            self.results.add_found(search_id, kept.found)
        self._set_status(search_id, DONE, pages=self._found_count(search_id))

    def _search_failed(self, search_id: str, error) -> None:
        if getattr(error, "kind", "") in ("offline", "blocked"):
            # The search that stopped the run: the one banner says why, not every row.
            # TRANSLATORS: under a search the run stopped before sending.
            self._set_status(search_id, NOT_SENT, _("Not sent: see the message above."))
            return
        # TRANSLATORS: under a search that failed, when the service gave no reason.
        self._set_status(search_id, FAILED, getattr(error, "message", "") or _("This search did not work."))

    def _search_not_run(self, search_id: str, _error) -> None:
        self._set_status(search_id, NOT_SENT, _("Not sent: see the message above."))

    def _run_summary(self, summary) -> None:
        """Once per run, before "finished": the counts (which always add up) and, when the run was
        stopped because the computer is offline or the service asked for a human check, one banner
        with one button for the rest."""
        panel = self.plan_tab.run_panel
        with self.plan_tab.changing_rows():
            for search_id, (state, _message) in list(self.statuses.items()):
                if state in (QUEUED, RUNNING):
                    # TRANSLATORS: under a search that Cancel stopped.
                    self._set_status(search_id, CANCELLED, _("Not run: you cancelled."))
        if summary.reason == "cancelled":
            text = _("Cancelled. Nothing more is sent; what was already found is kept.")
        elif summary.reason in ("offline", "blocked"):
            # The search that stopped the run was not answered either: it is one of those not sent.
            text = ngettext("Stopped after {done} search of {total}: {left} not sent.",
                            "Stopped after {done} searches of {total}: {left} not sent.", summary.done).format(
                done=summary.done, total=summary.total, left=len(summary.unanswered))
        else:
            sentences = [ngettext("Finished: {done} search of {total} done.",
                                  "Finished: {done} searches of {total} done.", summary.done).format(
                done=summary.done, total=summary.total)]
            if summary.failed:
                sentences.append(ngettext("{n} search did not work: see the messages below.",
                                          "{n} searches did not work: see the messages below.",
                                          summary.failed).format(n=summary.failed))
            if summary.not_run:
                # TRANSLATORS: added to the run's summary.
                sentences.append(ngettext("{n} search not sent.", "{n} searches not sent.",
                                          summary.not_run).format(n=summary.not_run))
            text = " ".join(sentences)
        if summary.results_left_out:
            text += " " + ngettext(
                "Only the first pages found are shown ({n} more was left out): search in your browser to see "
                "everything.",
                "Only the first pages found are shown ({n} more were left out): search in your browser to see "
                "everything.", summary.results_left_out).format(n=summary.results_left_out)
        panel.show_status(text)  # said aloud too: a run ends away from where the person is
        panel.progress_bar.setVisible(summary.reason == "complete")
        if summary.reason in ("offline", "blocked"):
            self.not_run = list(summary.unanswered)
            panel.show_offline(summary.message, len(self.not_run))

    def _run_finished(self, cancelled: bool) -> None:
        self.results.set_run_going(False)
        self._show_counts()
        panel = self.plan_tab.run_panel
        self._update_buttons()  # the focus on Cancel goes to Run (RunPanel.set_running)
        if panel.offline.isVisible() and panel.open_rest_button.isVisible():
            panel.open_rest_button.setFocus()  # the one thing to do next

    @staticmethod
    def _results_tab_title(total: int, open_count: int) -> str:
        if not total:
            # TRANSLATORS: the second tab of Search yourself. Keep the & (shortcut) and the number 2.
            return _("&2. What was found")
        if open_count:
            # TRANSLATORS: the second tab, with how many pages were found and how many are still to decide.
            return _("&2. What was found ({total}, {open} to decide)").format(total=total, open=open_count)
        # TRANSLATORS: the second tab, with how many pages were found. Keep the & (shortcut).
        return _("&2. What was found ({total})").format(total=total)

    def _results_counted(self, _total: int, _open_count: int) -> None:
        # A new tab title lays out and repaints the whole tab: during a run, once at the end (the
        # rows and the progress bar say how it goes meanwhile).
        if not self.bridge.is_running:
            self._show_counts()

    def _show_counts(self) -> None:
        index, title = self.tabs.indexOf(self.results), self._results_tab_title(*self.results.counts())
        self.tabs.setTabText(index, title)
        self.tabs.setTabToolTip(index, title.replace("&", ""))


