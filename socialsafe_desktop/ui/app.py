"""Starting the window: open the store (telling the person about anything odd), install the
crash dialog, show the wizard."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, __version__
from ..app.backend import RealBackend
from ..app.session import AuditSession
from ..configuration import app_catalogue, effective_settings
from ..core.filemodes import NotPrivateError
from ..core.i18n import ENGLISH, _, current_language, set_language
from ..core.policy import EffectiveSettings
from ..logging_setup import redactor, setup_logging
from ..paths import AppPaths
from ..secrets import KeyStore
from ..store import AuditStore, StoreError
from .context import AppContext, open_in_browser
from .locale import qt_locale
from .main_window import MainWindow
from .qt_strings import install_qt_translations, remove_qt_translations
from .widgets import plain_message, standard_text

log = logging.getLogger("socialsafe.ui")


def install_crash_dialog(log_path: Path) -> None:
    """An uncaught exception is logged (redacted) and shown, instead of the window vanishing."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        app = QApplication.instance()
        if app is None:
            return
        # TRANSLATORS: the title of the window shown when the app hits an error it did not expect.
        title = _("{app} hit a problem").format(app=APP_NAME)
        # TRANSLATORS: shown when the app hits an error it did not expect; {log} is the log file's path.
        text = _("Something went wrong inside SocialSafe. Everything you had entered was already saved.\n\n"
                 "If it keeps happening, send the log file to your IT team:\n{log}").format(log=log_path)
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.NoButton)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(standard_text(QMessageBox.StandardButton.Ok), QMessageBox.ButtonRole.AcceptRole)
        box.setDetailedText(redactor.redact(f"{exc_type.__name__}: {exc}"))  # Show Details: ui/qt_strings.py
        box.exec()

    sys.excepthook = hook


def load_app_catalogue(settings: EffectiveSettings):
    catalogue = app_catalogue(settings)
    for problem in catalogue.problems:
        log.warning("checklist problem: %s", problem)
    return catalogue


def build_context(paths: AppPaths, demo: bool = False, notices: list[str] | None = None,
                  clock=None) -> AppContext:
    """`notices`: sentences from start-up so far (paths.ensure), shown with the store's own.
    `clock`: "now" for the session (tests move it on; the window uses the system clock)."""
    policy_settings = effective_settings(None)
    policy_notices = list(policy_settings.policy.problems)
    for problem in policy_notices:
        log.warning("policy problem: %s", problem)
    policy_notices = list(notices or []) + policy_notices
    if demo:
        from .demo import build_demo_context  # the demo's persona and canned pages only when asked for

        ctx = build_demo_context(paths, lambda: load_app_catalogue(policy_settings))
        ctx.notices += policy_notices
        return ctx
    # One window per audit: a second start is refused (DataFolderInUse) before anything is read.
    store = AuditStore.open(paths.database, exclusive=True)
    settings = effective_settings(store)
    keys = KeyStore()
    backend = RealBackend(open_in_browser, keys.get)
    session = AuditSession(store, backend, catalogue_loader=lambda: load_app_catalogue(settings), settings=settings,
                           clock=clock)
    ctx = AppContext(paths=paths, session=session, keys=keys,
                     notices=list(store.notices) + policy_notices + settings.user_problems)
    ctx.profile_changed(store.profile())
    ctx.start_demo = lambda: open_demo_window(ctx)
    return ctx


_demo_windows: list[MainWindow] = []  # kept referenced while shown


def open_demo_window(real_ctx: AppContext) -> MainWindow | None:
    """"Start a demo": the real audit's window steps aside until the demo window is closed."""
    from .demo import build_demo_context

    try:
        demo_ctx = build_demo_context(real_ctx.paths, lambda: real_ctx.catalogue)
    except (StoreError, NotPrivateError, OSError) as exc:  # e.g. the demo is already open in another window
        plain_message(QApplication.activeWindow(), QMessageBox.Icon.Information, APP_NAME, str(exc))
        return None
    window = MainWindow(demo_ctx)
    real_windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and not w.ctx.demo]
    for w in real_windows:
        w.hide()

    def closed() -> None:
        demo_ctx.session.close()
        for w in real_windows:
            w.show()
        _demo_windows.remove(window)

    window.closed.connect(closed)
    _demo_windows.append(window)
    window.present()
    return window


def use_language(app: QApplication) -> list:
    """Make Qt speak the language chosen at start-up (core.i18n.set_language, before any window):
    dates and numbers in its locale, and Qt's own strings translated (ui/qt_strings.py).
    Returns the translators installed."""
    language = current_language()
    QLocale.setDefault(qt_locale(language))
    return install_qt_translations(app, language)


@contextmanager
def speaking(language: str, app: QApplication | None = None) -> Iterator[None]:
    """The windows made inside speak `language`, as start-up would set it (gettext, Qt's locale,
    Qt's own words); English again after. For the screenshot tool and the tests, which show
    several languages in one process."""
    app = app or QApplication.instance()
    default_locale = QLocale()
    set_language(language)
    translators = use_language(app)
    try:
        yield
    finally:
        remove_qt_translations(app, translators)
        QLocale.setDefault(default_locale)
        set_language(ENGLISH)


def run_window(paths: AppPaths, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("socialsafe")
    use_language(app)
    try:
        folder_notices = paths.ensure()
        log_path = setup_logging(paths.log_dir)
    except NotPrivateError as exc:
        plain_message(None, QMessageBox.Icon.Critical, APP_NAME, str(exc))
        return 1
    except OSError as exc:  # started from a menu, a message on stderr would never be seen
        # TRANSLATORS: shown at start-up; {folder} is SocialSafe's data folder, {reason} what the
        # system said (it may be in English).
        plain_message(None, QMessageBox.Icon.Critical, APP_NAME,
                      _("SocialSafe cannot use its folder {folder} ({reason}). Check that it can be written to, "
                        "or ask your IT team.").format(folder=paths.data_dir, reason=exc.strerror or exc))
        return 1
    install_crash_dialog(log_path)
    try:
        ctx = build_context(paths, demo, folder_notices)
    except (StoreError, NotPrivateError, OSError) as exc:
        log.error("store could not be opened: %s", exc)
        plain_message(None, QMessageBox.Icon.Critical, APP_NAME, str(exc))
        return 1
    log.info("started %s", __version__)
    window = MainWindow(ctx)
    window.present()
    code = app.exec()
    ctx.session.close()
    return code
