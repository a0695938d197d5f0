"""ADAPTER, to remove once the translation machinery's settings are on main (branch i18n-core):
what the Settings dialog needs to know about the language, asked of EffectiveSettings when it
can answer (settings.language_choice() and settings.set_language_setting(), with the policy's
[language] table), else worked out here from core.i18n alone: no lock, and the person's choice
unknown until the setting is read at start-up.

When EffectiveSettings has both methods everywhere, the dialog can call them directly and this
module goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import i18n

try:
    from ..core.policy import LANGUAGE_SETTING
except ImportError:  # not on main yet
    LANGUAGE_SETTING = "ui.language"


@dataclass(frozen=True)
class LanguageChoice:
    setting: str | None         # the person's choice in Settings, None when they made none
    policy_default: str | None  # the organisation's default
    locked: bool                # the organisation decides: the person cannot choose
    locked_by: str | None       # "Set by <organisation>" when locked


def language_choice(settings) -> LanguageChoice:
    if hasattr(settings, "language_choice"):
        return settings.language_choice()
    return LanguageChoice(setting=None, policy_default=None, locked=False, locked_by=None)


def set_language_setting(settings, code: str | None) -> str | None:
    """The text to save under LANGUAGE_SETTING; ValueError with a sentence when it cannot be."""
    if hasattr(settings, "set_language_setting"):
        return settings.set_language_setting(code)
    if code in (None, ""):
        return None
    found = i18n.normalise(code)
    if found not in i18n.SELECTABLE:
        raise ValueError(i18n._("{value} is not a language SocialSafe speaks.").format(value=code))
    return found
