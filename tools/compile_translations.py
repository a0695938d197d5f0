"""Compile every catalogue (socialsafe_desktop/locale/<lang>/LC_MESSAGES/socialsafe.po -> .mo):
what `make translations` does, for builds without make (the Windows and macOS packaging
scripts). Needs Babel: pip install babel (it is in the test and dev extras). Fuzzy and empty
translations are left out, so they show in English, as with `pybabel compile`.
"""

from __future__ import annotations

import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "socialsafe_desktop" / "locale"


def main() -> int:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    found = sorted(LOCALE.glob("*/LC_MESSAGES/socialsafe.po"))
    if not found:
        print(f"No catalogues in {LOCALE}.", file=sys.stderr)
        return 1
    for po in found:
        with open(po, "rb") as handle:
            catalog = read_po(handle)
        with open(po.with_suffix(".mo"), "wb") as out:
            write_mo(out, catalog)  # without use_fuzzy: fuzzy translations stay English
        print(f"compiled {po.relative_to(LOCALE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
