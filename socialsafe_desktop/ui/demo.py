"""Trainer demo mode in the window: the fictional person's throwaway store, searches answered
from stored pages, and links that are shown rather than opened, so nothing leaves the computer."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..app.backend import DemoBackend
from ..app.session import AuditSession
from ..configuration import effective_settings
from ..core.checklists import Catalogue
from ..core.demo import load_persona
from ..paths import AppPaths
from ..store.demo import prepare_demo_store
from .context import AppContext

log = logging.getLogger("socialsafe.demo")


def build_demo_context(paths: AppPaths, catalogue_loader: Callable[[], Catalogue]) -> AppContext:
    paths.ensure()
    persona = load_persona()
    store = prepare_demo_store(paths.demo_dir, persona, catalogue=catalogue_loader)
    session = AuditSession(store, DemoBackend(persona), catalogue_loader=catalogue_loader,
                           settings=effective_settings(store))
    ctx = AppContext(paths=paths, session=session)
    ctx.profile_changed(store.profile())
    log.info("demo started")
    return ctx
