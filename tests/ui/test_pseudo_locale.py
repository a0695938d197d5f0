"""The window in the pseudo-language (core.i18n "x-pseudo": every translated string comes back
accented, about 40% longer and between ⟦ and ⟧).

On a 1366x768 screen, every step of the demo and of a real audit, every tab, every dialog,
message box, file dialog and question: every text a person can see or hear (labels, buttons,
tab titles, list entries, drop-down entries, accessible names and descriptions, tooltips,
placeholders, progress bars, window titles) carries the markers, except what is not ours to
translate (the person's own data, web addresses, file paths, numbers, dates, and the names of
services and languages). An English word outside the markers is a string that escaped
translation. And with the longer text nothing is cut off (window_walk.cut_off, as on the
projector).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QWidget,
)
from window_walk import PROJECTOR, cut_off, main_button_problems, open_demo, settle, views

from socialsafe_desktop import APP_NAME
from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.audit import ME_ACTION, Finding
from socialsafe_desktop.core.profile import Handle, PersonName, Profile
from socialsafe_desktop.core.providers import PROVIDER_LABELS
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.search.browser import ENGINES
from socialsafe_desktop.search.probe import PROBE_QUERY
from socialsafe_desktop.ui import style
from socialsafe_desktop.ui.app import build_context, install_crash_dialog, speaking
from socialsafe_desktop.ui.main_window import MainWindow
from socialsafe_desktop.ui.widgets import AppDialog

# The pseudo-language accents every letter of a translated string (and keeps only
# placeholders, mnemonics and web addresses as they are), so a plain a-z letter left on screen,
# once the person's data and the rest below are taken out, is English that was not translated:
# a string shown as it is, or a value put into a translated sentence without being translated.
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
NOT_WORDS = [
    re.compile(r"https?://\S*"),
    re.compile(r"(?<![\w.])(?:/[\w.@~+-]+)+/?"),                     # file paths
    re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b"),                    # dates, as ui.locale.day writes them
    re.compile(r"\bUTC(?:[+-]\d\d:\d\d)?\b"),                        # time zones
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),                 # email addresses
    re.compile(r"\b[\w-]+(?:\.[\w-]+)+\.(?:com|org|net|uk|html|txt|zip|ics)\b"),  # host and file names
    re.compile(r"\bSHA-256\b"),
    re.compile(r"\(\*[^)]*\)"),                                             # file patterns: (*.html)
]
# Names that stay as they are in every language.
NAMES = {APP_NAME, *PROVIDER_LABELS.values(), *(engine.name for engine in ENGINES.values()),
         *i18n.LANGUAGES.values(),
         PROBE_QUERY}  # the word Settings' Test sends, in English on purpose


SAMPLE = Profile(
    names=[PersonName("Alex Example", "current")], handles=[Handle("alex_example", "instagram")],
    emails=["alex.example@example.org"], employer="Northfield Example College", role="teacher", town="Exampleton",
)
SAMPLE_FINDING = Finding("https://www.instagram.com/alex_example/", "instagram.com/alex_example",
                         "Alex (@alex_example)", "Photos from a summer of festivals.", "instagram",
                         ['name:"alex example"'], ME_ACTION, "ask_site", "Old photos")


@pytest.fixture
def pseudo(qapp, monkeypatch):
    """The window as it is started in the pseudo-language: gettext, Qt's locale and Qt's own words."""
    with speaking(i18n.PSEUDO):
        yield


# --- what is on screen ------------------------------------------------------------------------


def plain(text: str) -> str:
    """A tooltip's text without the <p> and escaping widgets.plain_tooltip adds."""
    return html.unescape(re.sub(r"</?p>", "", text or ""))


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything a person can see or hear in root and the widgets shown in it."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        kind = type(widget).__name__
        if widget.isWindow():
            found.append((f"{kind} title", widget.windowTitle()))
        found.append((f"{kind} name", widget.accessibleName()))
        found.append((f"{kind} description", widget.accessibleDescription()))
        found.append((f"{kind} tooltip", plain(widget.toolTip())))
        if isinstance(widget, QLabel):
            found.append((f"{kind} text", widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((f"{kind} text", widget.text()))
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found.append((f"{kind} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(f"{kind} entry", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            found += [(f"{kind} tab", widget.tabText(i)) for i in range(widget.count())]
            found += [(f"{kind} tab tooltip", plain(widget.tabToolTip(i))) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                if not item.isHidden():
                    found += [(f"{kind} entry", item.text()), (f"{kind} entry tooltip", plain(item.toolTip())),
                              (f"{kind} entry name", item.data(Qt.ItemDataRole.AccessibleTextRole) or "")]
        elif isinstance(widget, QProgressBar) and widget.isTextVisible():
            found.append((f"{kind} text", widget.text()))
        elif isinstance(widget, QAbstractSpinBox) and hasattr(widget, "suffix"):
            found.append((f"{kind} suffix", widget.suffix()))
    return [(where, text) for where, text in found if text and text.strip()]


class Escapes:
    """Texts with words outside the pseudo-language's markers; user data is taken out first."""

    def __init__(self) -> None:
        self.user: set[str] = set()
        self.found: dict[str, set[str]] = {}

    def add_user_data(self, *texts) -> None:
        for text in texts:
            if isinstance(text, str) and text.strip():
                self.user.add(text.replace("\u200b", "").strip())

    def add_session(self, session) -> None:
        """What the person (or the demo's made-up person) typed or the searches found."""
        profile = session.profile()
        self.add_user_data(*(n.text for n in profile.names), *(h.text for h in profile.handles),
                           *(h.text.lstrip("@") for h in profile.handles), *profile.emails,
                           profile.employer, profile.town, profile.phone, profile.display_name)
        self.add_user_data(*(state.note for state in session.item_states().values()))
        for entry in session.plan.sync():
            self.add_user_data(entry.search.text, entry.search.note)
        for finding in session.findings.all():
            self.add_user_data(finding.title, finding.url, finding.snippet, finding.note)
        for item in session.evidence.items():
            self.add_user_data(item.title, item.url, item.snippet, item.note,
                               *(f.original_name for f in item.files), *(f.sha256 for f in item.files))
        persona = getattr(session.backend, "persona", None)
        if persona is not None:
            self.add_user_data(persona.display_name, persona.summary)
        changes = session.recheck.changes()  # pages found last time, shown on What changed
        for change in (*changes.new, *changes.gone, *changes.still_there, *changes.not_checked):
            for finding in (change.now, change.before):
                if finding is not None:
                    self.add_user_data(finding.title, finding.url, finding.snippet)
        for pack in session.catalogue.packs.values():
            # Web addresses, and the services' own names (the deletion directory names them so).
            self.add_user_data(*pack.domains, pack.localised(i18n.ENGLISH).name)

    def add_accounts(self, accounts) -> None:
        self.add_user_data(*accounts.usernames())
        for hit in accounts.hits():
            self.add_user_data(hit.site, hit.username, hit.address)
            deletion = accounts.deletion_for(hit)
            if deletion is not None:
                self.add_user_data(deletion.name, deletion.email)
        from socialsafe_desktop.accounts.find_account import FIND_ACCOUNT_PAGES

        self.add_user_data(*(page.service for page in FIND_ACCOUNT_PAGES))

    def left_over(self, text: str) -> str:
        """The words of `text` that are neither translated nor user data, names, numbers..."""
        text = text.replace("\u200b", "")
        text = NOT_WORDS[0].sub(" ", text)  # web addresses first, whole, before names inside them
        for user in sorted(self.user | NAMES, key=len, reverse=True):
            text = text.replace(user, " ")
        for pattern in NOT_WORDS[1:]:
            text = pattern.sub(" ", text)
        words = " ".join(ENGLISH_WORD.findall(text))
        if words and text.strip(" .…()").rstrip("…").strip() and self._shortened(text):
            return ""
        return words

    def _shortened(self, text: str) -> bool:
        """Titles and snippets are cut short with "…": what is left is part of some user data."""
        core = text.strip().rstrip("…").strip()
        return bool(core) and any(core in user for user in self.user)

    def check(self, view: str, root: QWidget) -> None:
        for where, text in shown_texts(root):
            words = self.left_over(text)
            if words:
                self.found.setdefault(f"{view}: {where}: {text[:90]!r}", set()).add(words)

    def report(self) -> str:
        return "\n".join(sorted(self.found))


# --- the windows and dialogs --------------------------------------------------------------------


def wait_for_accounts(window, qtbot) -> None:
    page = window.current_page()
    if window.flow.current.id == "accounts":
        qtbot.waitUntil(lambda: page.accounts is not None, timeout=15000)
        settle()


def walk(window: MainWindow, qtbot, escapes: Escapes, label: str) -> list[str]:
    """Every step and tab: texts checked, and nothing cut off at this size."""
    problems: list[str] = []
    for view in views(window, qtbot):
        wait_for_accounts(window, qtbot)
        if window.flow.current.id == "accounts":
            escapes.add_accounts(window.current_page().accounts)
        name = f"{label} {view}"
        escapes.check(name, window)
        problems += [f"{name}: {p}" for p in cut_off(window.centralWidget()) + main_button_problems(window)]
    return problems


def look_at_dialog(dialog: QWidget, qtbot, escapes: Escapes, name: str, problems: list[str]) -> None:
    """Shown as a person would see it (within a 1366x768 screen), read, and closed."""
    dialog.show()
    qtbot.waitExposed(dialog)
    # The size it opens at on a 1366x768 screen (the test's own screen is smaller): what it asks
    # for, up to two thirds of the screen's width as Qt allows a new window (AppDialog asks for
    # all of it, widgets.fit_to_screen), never less than its layout needs, and never more than
    # the screen.
    hint, least = dialog.sizeHint(), dialog.minimumSizeHint()
    room = PROJECTOR[0] - 16 if isinstance(dialog, AppDialog) else PROJECTOR[0] * 2 // 3
    width = min(max(min(hint.width(), room), least.width(), dialog.width()), PROJECTOR[0] - 16)
    height = min(max(hint.height(), dialog.height()), PROJECTOR[1])
    dialog.resize(width, height)
    settle()
    escapes.check(name, dialog)
    if not isinstance(dialog, (QMessageBox, QFileDialog, QInputDialog)):  # Qt lays those out itself
        problems += [f"{name}: {p}" for p in cut_off(dialog)]
    dialog.close()


@pytest.fixture
def shown_instead_of_run(monkeypatch, qtbot):
    """Modal questions and file dialogs are looked at, then answered with Cancel (or No)."""
    seen: list[QWidget] = []
    state = {"escapes": None, "problems": None}

    def exec_(dialog, *args):
        seen.append(dialog)
        look_at_dialog(dialog, qtbot, state["escapes"], f"{type(dialog).__name__} {dialog.windowTitle()!r}",
                       state["problems"])
        return 0

    for cls in (QMessageBox, QFileDialog, QInputDialog, QDialog):
        monkeypatch.setattr(cls, "exec", exec_)
    return seen, state


def open_every_dialog(window: MainWindow, qtbot, escapes: Escapes, problems: list[str], tmp_path: Path,
                      seen: list) -> None:
    """Every dialog and question the window can show, with what this audit holds."""
    from socialsafe_desktop.ui.add_findings import AddFindingsDialog
    from socialsafe_desktop.ui.evidence_dialog import EvidenceDialog
    from socialsafe_desktop.ui.glossary_dialog import GlossaryDialog
    from socialsafe_desktop.ui.letter_dialog import LetterDialog

    session = window.ctx.session
    finding = session.findings.all()[0]
    label = "demo" if window.ctx.demo else "sample"
    dialogs = [
        (AddFindingsDialog(session, None, "", window), "Add what you found"),
        (AddFindingsDialog(session, "x", session.profile().names[0].text, window), "Add what you found (a search)"),
        (EvidenceDialog(session, window.ctx.open_url, finding.normalised_url, window), "Evidence: keep a page"),
        (LetterDialog(session, finding.normalised_url, window), "Removal request"),
    ]
    from socialsafe_desktop.app.glossary import app_glossary

    dialogs.append((GlossaryDialog(app_glossary(), window), "Words explained"))
    for dialog, name in dialogs:
        look_at_dialog(dialog, qtbot, escapes, f"{label} dialog {name}", problems)
    # The evidence log with a page kept in it, and its questions.
    session.evidence.keep(finding.normalised_url, "impersonation", "seen on Monday")
    escapes.add_session(session)
    evidence = EvidenceDialog(session, window.ctx.open_url, None, window)
    look_at_dialog(evidence, qtbot, escapes, f"{label} dialog Evidence log", problems)
    evidence.confirm_remove(session.evidence.items()[0])
    evidence.ask_files()
    evidence.ask_export_target()
    letter = LetterDialog(session, finding.normalised_url, window)
    letter.ask_save_path(tmp_path / "letter.txt")
    letter.ask_replace(tmp_path / "letter.txt")

    # The steps' own questions and file dialogs.
    window.confirm_recheck()
    escapes.add_user_data("The disk is full.")  # the store's own sentence, made outside the window
    window._save_failed("The disk is full.")
    for step in window.flow.steps:
        window.flow.go_to(step.id)
        settle()
        page = window.current_page()
        if step.id == "search":
            page.confirm_many_tabs(9)
        elif step.id == "plan":
            page.ask_save_path(tmp_path / "report.html")
            page.ask_open_now(tmp_path / "report.html")
            page.ask_replace([tmp_path / "report.html", tmp_path / "report.ics"])
        elif step.id == "changes":
            page.ask_save_path(tmp_path / "report.html")
    assert len(seen) >= 10, "the questions were not all asked"


def settings_dialogs(window: MainWindow, qtbot, escapes: Escapes, problems: list[str]) -> None:
    """Settings (with Backup and move), its questions, and the backup's own dialogs."""
    from keyring.backends import fail

    from socialsafe_desktop.secrets import KeyStore
    from socialsafe_desktop.ui.backup_dialog import BackupCard, NewPassphraseDialog
    from socialsafe_desktop.ui.settings_dialog import SettingsDialog

    session = window.ctx.session
    dialog = SettingsDialog(session.settings, KeyStore(fail.Keyring()), lambda key, value: None, window,
                            extra_cards=(lambda d: BackupCard(session, lambda contents: None, d),))
    look_at_dialog(dialog, qtbot, escapes, "sample dialog Settings", problems)
    dialog.ask_about_unsaved_key()
    card = dialog.extra_cards[0]
    card.ask_save_path()
    card.ask_open_path()
    card.ask_passphrase()
    look_at_dialog(NewPassphraseDialog(window), qtbot, escapes, "sample dialog Protect the backup?", problems)


def sample_window(qtbot, tmp_path: Path) -> MainWindow:
    paths = resolve_paths(tmp_path / "sample")
    paths.ensure()
    ctx = build_context(paths)
    session = ctx.session
    session.save_profile(SAMPLE)
    for pack_id in ("facebook", "instagram", "linkedin"):
        session.set_platform(pack_id, True)
    session.set_item_status("facebook:past-posts", "done")
    session.store.record_findings([SAMPLE_FINDING])
    session.findings.decide(SAMPLE_FINDING.normalised_url, ME_ACTION)
    session.findings.set_action(SAMPLE_FINDING.normalised_url, "ask_site")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*PROJECTOR)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_text_is_translated_and_fits_in_the_pseudo_language(qtbot, tmp_path, pseudo, shown_instead_of_run):
    seen, state = shown_instead_of_run
    escapes, problems = Escapes(), []
    state.update(escapes=escapes, problems=problems)

    # The demo as a trainer shows it, every step and tab, at the usual text size and the largest.
    demo = open_demo(qtbot, tmp_path, PROJECTOR)
    escapes.add_session(demo.ctx.session)
    problems += walk(demo, qtbot, escapes, "demo")
    demo.apply_text_scale(style.MAX_SCALE)
    problems += walk(demo, qtbot, escapes, "demo at the largest text")
    demo.apply_text_scale(1.0)
    open_every_dialog(demo, qtbot, escapes, problems, tmp_path, seen)

    # A real audit: Welcome's own cards, Settings, and the steps with the person's answers.
    window = sample_window(qtbot, tmp_path)
    escapes.add_session(window.ctx.session)
    problems += walk(window, qtbot, escapes, "sample")
    settings_dialogs(window, qtbot, escapes, problems)

    # The crash dialog.
    install_crash_dialog(tmp_path / "socialsafe.log")
    import sys

    hook, sys.excepthook = sys.excepthook, sys.__excepthook__
    try:
        hook(RuntimeError, RuntimeError("boom"), None)
    finally:
        sys.excepthook = sys.__excepthook__

    assert not escapes.found and not problems, (
        f"{len(escapes.found)} texts escaped translation:\n{escapes.report()}\n\n"
        f"{len(problems)} texts cut off:\n" + "\n".join(problems[:60]))
