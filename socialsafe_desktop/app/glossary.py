"""The glossary the app shows ("Words explained"): the app's own checklists/glossary.toml."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..core.glossary import Glossary, default_glossary_path, load_glossary

log = logging.getLogger("socialsafe.app")


def app_glossary(path: Path | None = None) -> Glossary:
    """The terms in alphabetical order (of the English); none (and a line in the log) if the file
    has problems. In the language SocialSafe speaks, term by term (English where a term has no
    translation: Glossary.localised)."""
    from ..core.i18n import ENGLISH, current_language

    glossary = _load(Path(path) if path is not None else default_glossary_path())
    language = current_language()
    return glossary if language == ENGLISH else glossary.localised(language)


@lru_cache(maxsize=4)
def _load(path: Path) -> Glossary:
    glossary, problems = load_glossary(path)
    for problem in problems:
        log.warning("glossary not loaded: %s", problem)
    return glossary
