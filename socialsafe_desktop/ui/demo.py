"""Trainer demo mode in the window: the fictional person's throwaway store, canned searches,
and links that are shown rather than opened, so nothing leaves the computer."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.checklists import Catalogue
from ..core.demo import load_persona
from ..paths import AppPaths
from ..store.demo import prepare_demo_store
from .context import AppContext

log = logging.getLogger("socialsafe.demo")


def show_instead_of_opening(ctx: AppContext):
    """In a demo no browser is opened: the trainer sees the address that would have been."""

    def opener(url: str) -> bool:
        ctx.demo_shown_urls.append(url)
        box = QMessageBox(QMessageBox.Icon.Information, "Demo: nothing was opened",
                          "This is a demo, so nothing is opened and nothing is sent.\n\n"
                          f"In a real audit this would open in your browser:\n{url}",
                          parent=QApplication.activeWindow())
        box.setTextFormat(box.textFormat().PlainText)
        if not ctx.quiet_demo_notices:
            box.exec()
        return False

    return opener


def build_demo_context(paths: AppPaths, catalogue_loader: Callable[[], Catalogue]) -> AppContext:
    from ..search.canned import canned_client_factory  # the HTTP stack only when a demo starts

    paths.ensure()
    persona = load_persona()
    store = prepare_demo_store(paths.demo_dir, persona)
    ctx = AppContext(paths=paths, store=store, demo=True, catalogue_loader=catalogue_loader,
                     allowed_providers=("duckduckgo",))
    ctx.persona = persona
    ctx.search_client_factory = canned_client_factory(persona)
    ctx.url_opener = show_instead_of_opening(ctx)
    ctx.profile_changed(store.profile())
    log.info("demo started")
    return ctx


def reset_demo(ctx: AppContext) -> None:
    """Put the demo back to its start: a fresh copy of the fictional person's audit."""
    ctx.store.close()
    ctx.store = prepare_demo_store(ctx.paths.demo_dir, ctx.persona, reset=True)
    ctx.profile_changed(ctx.store.profile())
