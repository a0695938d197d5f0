"""Translations in the glossary file: the same shape and rules as the packs'."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from socialsafe_desktop.core.checklists import TextStatus, validate_paths
from socialsafe_desktop.core.glossary import check_glossary, glossary_translation_status, load_glossary

GOOD = """\
[[terms]]
term = "passkey"
explanation = "A way to sign in without a password."

[[terms]]
term = "2-step verification"
explanation = "A second check when you sign in."
also = ["2FA", "two-factor authentication"]
"""
# Worked out by hand from the documented rule, not by the code under test.
TWO_STEP_FP = hashlib.sha256(b'{"also":["2FA","two-factor authentication"],'
                             b'"explanation":"A second check when you sign in.",'
                             b'"term":"2-step verification"}').hexdigest()[:12]
PASSKEY_FP = hashlib.sha256(b'{"explanation":"A way to sign in without a password.","term":"passkey"}').hexdigest()[:12]

WELSH = GOOD + f"""
[translations.cy.terms."2-step verification"]
fingerprint = "{TWO_STEP_FP}"
term = "dilysu dau gam"
explanation = "Ail wiriad pan fyddwch yn mewngofnodi."
also = ["dilysiad dau gam"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_translated_terms_in_welsh_order_with_english_names_still_found(tmp_path: Path) -> None:
    glossary, problems = load_glossary(write(tmp_path, WELSH))
    assert problems == []
    welsh = glossary.localised("cy")
    assert [(t.term, t.translated, t.language) for t in welsh.terms] == [
        ("dilysu dau gam", True, "cy"), ("passkey", False, "en")]
    found = welsh.lookup("two-factor authentication")
    assert found.term == "dilysu dau gam" and found.explanation == "Ail wiriad pan fyddwch yn mewngofnodi."
    assert found.also == ("dilysiad dau gam", "2-step verification", "2FA", "two-factor authentication")
    assert welsh.lookup("2-step verification") is found
    back = welsh.localised("en")
    assert [t.term for t in back.terms] == ["2-step verification", "passkey"]
    assert all(t.translated for t in back.terms)


def test_stale_term_translation_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, WELSH.replace("A second check when you sign in.", "A second check at sign-in."))
    glossary, problems = load_glossary(path)
    assert problems == [] and glossary.localised("cy").lookup("2FA").translation_stale
    now = hashlib.sha256(b'{"also":["2FA","two-factor authentication"],"explanation":"A second check at sign-in.",'
                         b'"term":"2-step verification"}').hexdigest()[:12]
    expected = [f"{path}:2-step verification:translations.cy: warning: the English has changed since this was "
                f"translated: bring the translation up to date, then set fingerprint = \"{now}\""]
    assert [str(p) for p in check_glossary(path)] == expected
    assert [str(p) for p in validate_paths([tmp_path])] == expected


@pytest.mark.parametrize(("extra", "expected"), [
    ('[translations.fr.terms."passkey"]\nterm = "x"\n',
     ["-:translations.fr: unknown language 'fr' (translations may be in: cy)"]),
    (f'[translations.cy.terms."pass key"]\nfingerprint = "{PASSKEY_FP}"\nterm = "x"\nexplanation = "y"\n',
     ["pass key:translations.cy: no term 'pass key' in this glossary to translate"]),
    ('[translations.cy.terms."passkey"]\nterm = "cyfrinallwedd"\nexplanation = "y"\n',
     [f"passkey:translations.cy.fingerprint: missing required field 'fingerprint': write fingerprint = "
      f"\"{PASSKEY_FP}\", the fingerprint of the English this translates"]),
    (f'[translations.cy.terms."passkey"]\nfingerprint = "{PASSKEY_FP}"\nterm = "cyfrinallwedd"\n',
     ["passkey:translations.cy.explanation: missing required field 'explanation'"]),
    (f'[translations.cy.terms."passkey"]\nfingerprint = "{PASSKEY_FP}"\nterm = "DILYSU dau gam"\nexplanation = "y"\n',
     ["passkey:translations.cy.term: 'DILYSU dau gam' is already explained under 'dilysu dau gam'"]),
    (f'[translations.cy.terms."passkey"]\nfingerprint = "{PASSKEY_FP}"\nterm = "x"\nexplanation = "y"\nsee = "z"\n',
     ["passkey:translations.cy.see: unknown field 'see' (a translation may have: term, explanation, also, "
      "fingerprint)"]),
    ('[translations.cy]\nterm = "x"\n',
     ["-:translations.cy: wrong shape for 'translations.cy': expected a table for each term "
      "([translations.cy.terms.\"<English term>\"])"]),
])
def test_bad_term_translation_gives_exact_problems_and_no_terms(tmp_path: Path, extra: str, expected) -> None:
    path = write(tmp_path, WELSH + "\n" + extra)
    glossary, problems = load_glossary(path)
    assert glossary.terms == ()
    assert [str(p) for p in problems] == [f"{path}:{e}" for e in expected]


def test_glossary_translation_status(tmp_path: Path) -> None:
    glossary, _ = load_glossary(write(tmp_path, WELSH))
    assert glossary_translation_status(glossary, "cy") == (
        TextStatus("2-step verification", "translated", TWO_STEP_FP),
        TextStatus("passkey", "missing", PASSKEY_FP),
    )
