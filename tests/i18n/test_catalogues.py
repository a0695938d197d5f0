"""The catalogues themselves: what `make pot` extracts (Python and the report's templates, with
the translators' notes), that the committed template and the Welsh catalogue are up to date
with the code, that every translation keeps its placeholders, and the completeness figures.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "socialsafe_desktop"
TEMPLATE = PACKAGE / "locale" / "socialsafe.pot"
WELSH = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "socialsafe.po"
# The Makefile's keywords (KEYWORDS), as Babel takes them.
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}


@pytest.fixture(scope="module")
def extracted() -> dict:
    """What `make pot` would extract now: (context, msgid) -> (locations, translator comments)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict = {}
    for filename, _lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        msgid = message if isinstance(message, str) else message[0]
        entry = found.setdefault((context, msgid), ([], []))
        entry[0].append(filename)
        entry[1].extend(comments)
    return found


def read(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_python_and_template_strings_are_extracted_with_their_contexts_and_notes(extracted):
    # Python: a plain string, a context (the month, not the verb) and the note before a call.
    files, notes = extracted[(None, "{day} {month} {year}")]
    assert files == ["core/dates.py"] and any("23 November 2026" in n for n in notes)
    assert extracted[("month", "May")][0] == ["core/dates.py"]
    assert (None, "May") not in extracted
    # A string marked at import (N_) and shown later with _().
    assert "core/audit.py" in extracted[(None, "Not for me")][0]
    # The report's template: a {% trans %} block, with its Jinja placeholder and its note.
    files, notes = extracted[(None, "Settings page: <span class=\"url\">%(address)s</span>")]
    assert files == ["report/templates/report.html.j2"] and notes == [
        "before the address of a settings page that is shown but not linked."]
    assert (None, "Check again on <strong>%(date)s</strong>.") in extracted
    assert (None, "%(count)s item left, most important first. Mark each one in SocialSafe as you go.") in extracted
    assert extracted[(None, "Evidence kept with SocialSafe")][0][0] == "report/templates/evidence.html.j2"
    # Log messages are not: they stay English, for IT.
    assert not any("uncaught exception" in msgid for _context, msgid in extracted)


def test_the_committed_template_has_every_string_of_the_code(extracted):
    committed = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read(TEMPLATE) if m.id}
    new = sorted(set(extracted) - committed, key=str)
    gone = sorted(committed - set(extracted), key=str)
    assert not new and not gone, (f"{TEMPLATE.name} is out of date: run `make pot` then `make po`. "
                                  f"Not in it: {new[:5]}; no longer in the code: {gone[:5]}")


def test_the_welsh_catalogue_has_every_string_of_the_template():
    template = {(m.context, m.id) for m in read(TEMPLATE) if m.id}
    welsh = {(m.context, m.id) for m in read(WELSH) if m.id}
    missing = sorted(template - welsh, key=str)
    assert not missing, f"run `make po`: {WELSH.name} lacks {missing[:5]}"
    catalog = read(WELSH)
    assert catalog.locale.language == "cy" and catalog.num_plurals == 6  # Welsh has six plural forms
    assert not catalog.fuzzy  # a fuzzy header would keep the whole catalogue from compiling


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|%%")


NUMBERS = {"{n}", "{count}", "%(n)s", "%(count)s", "%(n)d", "%(count)d"}


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_welsh_translation_keeps_the_placeholders_and_tags_of_its_english():
    for message in read(WELSH):
        if not message.id or not message.string or message.fuzzy:  # fuzzy: a guess, not compiled
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = {tuple(_placeholders(i)) for i in ids}
        if len(ids) > 1:  # a plural form may leave the number out ("Agor y chwiliad", the one search)
            allowed |= {tuple(p for p in _placeholders(i) if p not in NUMBERS) for i in ids}
        for text in strings:
            if text:
                assert tuple(_placeholders(text)) in allowed, (message.id, text)
                assert sorted(re.findall(r"</?\w+", text)) == sorted(re.findall(r"</?\w+", ids[0])), (message.id, text)


def test_the_completeness_of_each_catalogue_is_printed():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n_status.py")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[0]
    found = re.fullmatch(r"Welsh: (\d+) of (\d+) strings translated \((\d+) to do, (\d+) fuzzy\)", line)
    assert found, line
    translated, total = int(found.group(1)), int(found.group(2))
    # Counted independently here: every template string, and those with every form filled.
    template = {(m.context, m.id) for m in read(TEMPLATE) if m.id}
    done = sum(1 for m in read(WELSH) if m.id and (m.context, m.id) in template and not m.fuzzy
               and all(m.string if isinstance(m.string, tuple) else (m.string,)))
    assert (translated, total) == (done, len(template))
    assert 0 < translated <= total
