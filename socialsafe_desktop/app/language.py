"""The language SocialSafe speaks: chosen once at start-up (before any window, report or message
is made), and what the Settings dialog shows and changes.

At start-up (cli.main): `start_language(...)` weighs, in this order, a policy that locks the
language, `--lang`, the person's setting, the policy's default, the computer's language, English
(core.i18n.choose_language), and switches to it. Only that language's catalogue is read.

In Settings: `language_state(session)` says what to show (the choices, each in its own language;
the person's choice; whether the organisation locked it; when a change applies), and
`choose_language_setting(session, code)` saves a choice. A change applies the next time
SocialSafe opens: the window is built in one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core import i18n
from ..core.i18n import _
from ..core.policy import LANGUAGE_SETTING, EffectiveSettings, Policy, load_policy

# The window is built once, in one language: a new choice is used from the next start.
APPLIES_AT_ONCE = False


def start_language(*, command_line: str | None = None, database: Path | None = None,
                   policy: Policy | None = None, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Choose the language and switch to it. Returns (code, why): why is "policy", "command line",
    "setting", "system" or "default". `database` is the audit whose setting counts (read without
    opening the store); `policy` defaults to the machine's policy file."""
    from ..store.database import peek_settings

    policy = policy if policy is not None else load_policy()
    stored = peek_settings(database, (LANGUAGE_SETTING,)) if database is not None else {}
    choice = EffectiveSettings(policy, stored, environ=environ).language_choice()
    code, why = i18n.choose_language(command_line=command_line, policy=choice.policy_default,
                                     policy_locked=choice.locked, setting=choice.setting,
                                     environ=environ)
    i18n.set_language(code)
    return code, why


@dataclass(frozen=True)
class LanguageOption:
    code: str   # "en", "cy": what choose_language_setting takes
    name: str   # in its own language, whatever the language of the window: "English", "Cymraeg"


@dataclass(frozen=True)
class LanguageState:
    options: tuple[LanguageOption, ...]  # the languages a person can choose, in this order
    chosen: str | None      # the person's saved choice; None: they have not chosen (follow the default)
    current: str            # the language the window speaks now ("x-pseudo" for the pseudo-language)
    locked: bool            # the organisation decides; the picker is read-only
    locked_by: str | None   # "Set by <organisation>", to show beside the picker when locked
    applies_at_once: bool   # False: a change is used from the next start (see `note`)
    note: str               # one sentence for under the picker, already translated

    @property
    def shown(self) -> str:
        """The option to show as selected: the choice made, else the language in use."""
        return self.chosen or (self.current if self.current in i18n.SELECTABLE else i18n.ENGLISH)


def language_options() -> tuple[LanguageOption, ...]:
    return tuple(LanguageOption(code, i18n.LANGUAGES[code]) for code in i18n.SELECTABLE)


def language_state(session) -> LanguageState:
    """What the Settings dialog shows for the language."""
    choice = session.settings.language_choice()
    current = i18n.current_language()
    if choice.locked:
        note = _("{organisation} has set the language SocialSafe uses.").format(
            organisation=session.settings.policy.organisation_label)
    else:
        note = _("A new language is used the next time you open SocialSafe.")
    return LanguageState(options=language_options(), chosen=choice.setting, current=current,
                         locked=choice.locked, locked_by=choice.locked_by, applies_at_once=APPLIES_AT_ONCE,
                         note=note)


def choose_language_setting(session, code: str | None) -> bool:
    """Save the person's language ("cy", "en"; None or "": no choice of their own). Raises
    ValueError with one sentence when the organisation locked the language or the code is not
    one SocialSafe speaks; returns False when saving failed (the window is told, as for every
    save), True when it was saved. Takes effect at the next start (APPLIES_AT_ONCE)."""
    text = session.settings.set_language_setting(code)
    return session.set_setting(LANGUAGE_SETTING, text)
