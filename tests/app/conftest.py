"""A session on a real store in a temporary folder, with the app's own checklists."""

from __future__ import annotations

import pytest

from socialsafe_desktop.app.backend import RealBackend
from socialsafe_desktop.app.session import AuditSession
from socialsafe_desktop.configuration import app_catalogue, effective_settings
from socialsafe_desktop.store import AuditStore


class Opener:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def opener() -> Opener:
    return Opener()


@pytest.fixture
def session(tmp_path, opener):
    store = AuditStore.open(tmp_path / "socialsafe.db")
    settings = effective_settings(store)
    session = AuditSession(store, RealBackend(opener), catalogue_loader=lambda: app_catalogue(settings),
                           settings=settings)
    yield session
    session.close()
