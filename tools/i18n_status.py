"""How complete each translation catalogue is: one line per catalogue, for translators and for
the release notes.

    python tools/i18n_status.py            Welsh: 372 of 767 strings translated (395 to do, 0 fuzzy)
    python tools/i18n_status.py --missing  the same, then every string still to translate

Counts the .po files against the template (socialsafe_desktop/locale/socialsafe.pot): a
string counts as translated when it has a translation (every plural form) and is not marked
fuzzy (a fuzzy translation is not compiled: the app shows the English). Needs Babel (the
test and dev extras). The checklists' own translations are counted by
`socialsafe checklists translation-status --summary`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "socialsafe_desktop" / "locale"
TEMPLATE = LOCALE / "socialsafe.pot"


@dataclass
class Completeness:
    language: str
    name: str
    translated: int
    total: int
    fuzzy: int
    missing: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.name}: {self.translated} of {self.total} strings translated "
                f"({self.total - self.translated} to do, {self.fuzzy} fuzzy)")


def _key(message) -> tuple:
    return (message.context, message.id)


def completeness(po: Path, template: Path = TEMPLATE) -> Completeness:
    from babel import Locale
    from babel.messages.pofile import read_po

    with open(template, "rb") as handle:
        wanted = {_key(m) for m in read_po(handle) if m.id}
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    translated = fuzzy = 0
    missing = []
    for message in catalog:
        if not message.id or _key(message) not in wanted:
            continue  # the header, and strings the template no longer has (obsolete)
        forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        done = all(forms)
        if done and message.fuzzy:
            fuzzy += 1
        elif done:
            translated += 1
            continue
        missing.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    absent = len(wanted - {_key(m) for m in catalog if m.id})  # `make po` not run since `make pot`
    language = po.parent.parent.name
    name = Locale.parse(language).english_name
    return Completeness(language, name, translated, len(wanted), fuzzy, missing + ["(not in the catalogue yet)"] * absent)


def catalogues(locale: Path = LOCALE) -> list[Path]:
    return sorted(locale.glob("*/LC_MESSAGES/socialsafe.po"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="How complete each translation catalogue is.")
    parser.add_argument("--missing", action="store_true", help="also list every string still to translate")
    args = parser.parse_args(argv)
    found = catalogues()
    if not found:
        print("No catalogues in socialsafe_desktop/locale.", file=sys.stderr)
        return 1
    for po in found:
        result = completeness(po)
        print(result.line())
        if args.missing:
            for text in result.missing:
                print(f"  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
