"""How the managed policy and the person's settings shape the rest of the app: the search
addresses and proxy, the checklists that load, the report's branding. Shared by the window
and the command line so both behave the same on a managed laptop."""

from __future__ import annotations

import base64
import dataclasses
import logging
from typing import TYPE_CHECKING

from .core.configfile import ConfigFileError, read_config_bytes
from .core.policy import MAX_LOGO_BYTES, EffectiveSettings, load_policy, read_user_settings

if TYPE_CHECKING:  # the checklists, the report and search load when first needed, not at start-up
    from .core.checklists import Catalogue
    from .report import ReportBranding
    from .search.settings import SearchSettings
    from .store import AuditStore

log = logging.getLogger("socialsafe.configuration")

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def effective_settings(store: AuditStore | None) -> EffectiveSettings:
    user = read_user_settings(store.setting) if store is not None else {}
    return EffectiveSettings(load_policy(), user)


def search_settings(settings: EffectiveSettings) -> SearchSettings:
    from .search.settings import SearchSettings

    return SearchSettings(
        duckduckgo_url=settings.provider_url("duckduckgo"),
        searxng_url=settings.provider_url("searxng"),
        brave_url=settings.provider_url("brave"),
        proxy=settings.proxy(),
        use_environment=False,  # provider_url already applied the environment, below the policy
    )


def app_catalogue(settings: EffectiveSettings) -> Catalogue:
    """The app's packs, then organisation folders (environment, then policy), less what the
    policy switches off."""
    from .core import checklists as ck

    # Each folder once (the environment and the policy may both name it), in order.
    extra = list(dict.fromkeys(ck.extra_dirs_from_env() + settings.extra_checklist_dirs()))
    catalogue = ck.load_catalogue(ck.default_app_dir(), extra)
    disabled = set(settings.disabled_checklist_ids())  # a set: the policy's list may be long
    if not disabled:
        return catalogue
    packs = {}
    for pack_id, pack in catalogue.packs.items():
        if pack_id in disabled:
            continue
        items = tuple(i for i in pack.items if i.key not in disabled)
        packs[pack_id] = dataclasses.replace(pack, items=items)
    return ck.Catalogue(packs, catalogue.problems, catalogue.warnings)


def report_branding(settings: EffectiveSettings) -> ReportBranding | None:
    from .report import ReportBranding

    branding = settings.branding()
    if not settings.managed or not branding.name:
        return None
    logo_uri = None
    if branding.logo is not None:
        mime = LOGO_TYPES.get(branding.logo.suffix.lower())
        try:
            if mime:
                # The file was checked when the policy loaded, but it may have been swapped
                # since (for a pipe, or a huge file): read it under the same rules again.
                raw = read_config_bytes(branding.logo, MAX_LOGO_BYTES)
                logo_uri = f"data:{mime};base64,{base64.b64encode(raw).decode()}"
        except ConfigFileError as exc:  # a logo on a share that went away must not stop the report
            log.warning("organisation logo could not be read: %s", exc)
    return ReportBranding(
        name=branding.name,
        accent_colour=branding.accent_colour or None,
        logo_data_uri=logo_uri,
        contacts=tuple(tuple(c) for c in branding.contacts),
        policy_url=branding.policy_url or None,
        footer=branding.footer or None,
    )
