"""Settings' "Test" beside each provider: one harmless search, and one sentence saying what
happened. The search is a word that says nothing about the person, it is sent only when the
person presses the button (which names the host), and nothing it finds is kept."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from ..core.i18n import _, ngettext
from ..net.http import HttpClient
from .providers import KeyProvider, make_provider
from .results import SearchError
from .settings import PROVIDER_LABELS, SearchSettings

PROBE_QUERY = "privacy"

log = logging.getLogger("socialsafe.search")


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    sentence: str  # one plain sentence for the person


def probe_provider(
    name: str,
    settings: SearchSettings,
    key_provider: KeyProvider | None = None,
    *,
    locale: str | None = None,
) -> ProbeResult:
    """Run one search for PROBE_QUERY through provider `name`, in this thread (call it off the
    GUI thread). One attempt, no retries: the person is waiting for the answer."""
    label = PROVIDER_LABELS.get(name, name)
    settings = replace(settings, retries=0, timeout=min(settings.timeout, 10.0))
    try:
        provider = make_provider(name, settings, key_provider=key_provider, locale=locale)
    except SearchError as error:
        return ProbeResult(False, error.message)
    client = HttpClient(settings)
    try:
        results = provider.search(PROBE_QUERY, client)
    except SearchError as error:
        return ProbeResult(False, error.message)
    except Exception:  # a bug must not take the Settings window down
        log.exception("testing %s failed unexpectedly", name)
        return ProbeResult(False, _("The test of {label} went wrong in SocialSafe itself: try again, or use your "
                                     "browser.").format(label=label))
    finally:
        client.close()
    # TRANSLATORS: a search service and the server it is on, e.g. "SearXNG at search.example.org".
    where = _("{label} at {host}").format(label=label, host=provider.host)
    if results:
        # TRANSLATORS: {where} is e.g. "SearXNG at search.example.org"; {words} the test search's words.
        return ProbeResult(True, ngettext("{where} works: a test search for “{words}” found {n} result.",
                                          "{where} works: a test search for “{words}” found {n} results.",
                                          len(results)).format(where=where, words=PROBE_QUERY, n=len(results)))
    return ProbeResult(True, _("{where} answered, but a test search for “{words}” found nothing: searches "
                                "will work, though this one is unusual.").format(where=where, words=PROBE_QUERY))
