"""The glossary file: loading, look-ups and the exact problem messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialsafe_desktop.core.checklists import load_catalogue, validate_paths
from socialsafe_desktop.core.glossary import default_glossary_path, load_glossary

REPO_CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"

GOOD = """\
[[terms]]
term = "passkey"
explanation = "A way to sign in without a password."

[[terms]]
term = "2-step verification"
explanation = "A second check when you sign in."
also = ["2FA", "two-factor authentication"]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "glossary.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_terms_load_sorted_and_look_up_by_any_name(tmp_path: Path) -> None:
    glossary, problems = load_glossary(write(tmp_path, GOOD))
    assert problems == []
    assert [t.term for t in glossary.terms] == ["2-step verification", "passkey"]
    assert glossary.lookup("two-factor AUTHENTICATION").term == "2-step verification"
    assert glossary.lookup(" 2fa ").term == "2-step verification"
    assert glossary.lookup("Passkey").explanation == "A way to sign in without a password."
    assert glossary.lookup("password") is None


@pytest.mark.parametrize(("text", "expected"), [
    ('[[terms]]\nterm = "x"\n', ["x:explanation: missing required field 'explanation'"]),
    ('[[terms]]\nexplanation = "y"\n', ["#1:term: missing required field 'term'"]),
    ('[[terms]]\nterm = " "\nexplanation = "y"\n', ["#1:term: 'term' must be non-empty text"]),
    ('[[terms]]\nterm = "x"\nexplanation = "y"\nsee = "z"\n',
     ["x:see: unknown field 'see' (a term may have: term, explanation, also)"]),
    ('[[terms]]\nterm = "x"\nexplanation = "a\\u0007b"\n',
     ["x:explanation: 'explanation' contains a control character (write it on one line)"]),
    ('[[terms]]\nterm = "x"\nexplanation = "%s"\n' % ("y" * 601),
     ["x:explanation: 'explanation' is longer than 600 characters"]),
    ('[[terms]]\nterm = "x"\nexplanation = "y"\nalso = "z"\n',
     ["x:also: wrong type for 'also': expected an array of strings"]),
    ('[[terms]]\nterm = "x"\nexplanation = "y"\nalso = ["", 3]\n',
     ["x:also: entry 1 of 'also' must be a non-empty string",
      "x:also: entry 2 of 'also' must be a non-empty string"]),
    ('[[terms]]\nterm = "Tag"\nexplanation = "y"\n[[terms]]\nterm = "tag"\nexplanation = "z"\n',
     ["tag:term: 'tag' is already explained under 'Tag'"]),
    ('[[terms]]\nterm = "a"\nexplanation = "y"\nalso = ["B"]\n[[terms]]\nterm = "b"\nexplanation = "z"\n',
     ["b:term: 'b' is already explained under 'a'"]),
    ('title = "x"\n[[terms]]\nterm = "a"\nexplanation = "y"\n',
     ["-:title: unknown field 'title' (a glossary has only [[terms]] and [translations])"]),
    ('terms = []\n', ["-:terms: a glossary needs at least one term"]),
    ('terms = "x"\n', ["-:terms: wrong type for 'terms': expected an array of tables ([[terms]])"]),
    ('', ["-:terms: missing required field 'terms'"]),
])
def test_bad_glossary_gives_exact_problems_and_no_terms(tmp_path: Path, text: str, expected) -> None:
    path = write(tmp_path, text)
    glossary, problems = load_glossary(path)
    assert glossary.terms == ()
    assert [str(p) for p in problems] == [f"{path}:{e}" for e in expected]


def test_unreadable_and_broken_files_are_problems(tmp_path: Path) -> None:
    bad = write(tmp_path, b"\xff\xfe", "glossary.toml")
    assert [str(p) for p in load_glossary(bad)[1]] == [
        f"{bad}:-:-: the file is not UTF-8 text (first bad byte on line 1)"]
    (tmp_path / "b").mkdir()
    broken = write(tmp_path / "b", "[[terms]\n")
    (problem,) = load_glossary(broken)[1]
    assert str(problem).startswith(f"{broken}:-:-: TOML syntax error on line 1, column 8: ")
    missing = tmp_path / "none" / "glossary.toml"
    (problem,) = load_glossary(missing)[1]
    assert str(problem) == f"{missing}:-:-: no such file"


def test_glossary_beside_packs_is_not_a_pack_but_is_validated(tmp_path: Path) -> None:
    write(tmp_path, '[[terms]]\nterm = "x"\n')
    cat = load_catalogue(tmp_path)
    assert "glossary" not in cat.packs and cat.problems == []
    expected = [f"{tmp_path / 'glossary.toml'}:x:explanation: missing required field 'explanation'"]
    assert [str(p) for p in validate_paths([tmp_path / "glossary.toml"])] == expected
    # A folder with only a glossary has no packs to check, and its glossary is still checked.
    assert [str(p) for p in validate_paths([tmp_path])] == expected


def test_shipped_glossary_is_valid_and_explains_the_checklists_words() -> None:
    assert default_glossary_path() == REPO_CHECKLISTS / "glossary.toml"
    glossary, problems = load_glossary(default_glossary_path())
    assert problems == []
    for word in ("2-step verification", "authenticator app", "passkey", "linked devices",
                 "open electoral register", "two-factor authentication", "right to be forgotten"):
        assert glossary.lookup(word) is not None, word
