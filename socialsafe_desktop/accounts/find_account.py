"""Email addresses: the services' own "find my account" pages, opened in the person's browser.

SocialSafe never asks a site about an email address: probing sign-up or password-reset forms
tests other people's systems, and it is out of bounds. What it can do is point the person to the
pages where a service itself offers to find an account from an email address or phone number,
for the person to use in their own browser, with their own address.

Only pages whose address could be confirmed are listed: each is the link the service's own
sign-in page gives for a forgotten account (checked against copies of those sign-in pages,
November 2026). Fewer honest entries beat many guessed ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.i18n import N_


@dataclass(frozen=True)
class FindAccountPage:
    service: str
    url: str
    what: str  # what the page does, in a few words: English, marked for translation (show _(page.what))


# TRANSLATORS: links to services' own pages for finding a forgotten account. The quoted names are
# the services' own page titles: keep them as the service shows them in your language, or in English.
FIND_ACCOUNT_PAGES: tuple[FindAccountPage, ...] = (
    FindAccountPage("Google", "https://accounts.google.com/signin/usernamerecovery",
                    N_("Google's \u201cFind my account\u201d page (Gmail, YouTube and other Google accounts)")),
    FindAccountPage("Microsoft", "https://account.live.com/username/recover",
                    N_("Microsoft's \u201cRecover your username\u201d page (Outlook, Hotmail, Xbox, Skype)")),
    FindAccountPage("Facebook", "https://www.facebook.com/login/identify/",
                    N_("Facebook's \u201cFind your account\u201d page")),
)
