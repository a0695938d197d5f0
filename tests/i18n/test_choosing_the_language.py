"""Choosing the language, as a person, IT and the computer do: --lang on a command, the
organisation's policy (a default, and a lock), the person's setting and the system locale; what
Settings is told; and that choosing costs start-up nothing it does not need.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from i18n_check import require_catalogue

from socialsafe_desktop.app.language import choose_language_setting, language_state, start_language
from socialsafe_desktop.cli import main
from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.policy import LANGUAGE_SETTING, EffectiveSettings, parse_policy_text
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore

WELSH_NONE = "Does dim i'w ddileu: does gan SocialSafe ddim data ar y cyfrifiadur hwn."
ENGLISH_NONE = "There is nothing to delete: SocialSafe has no data on this computer."


@pytest.fixture(autouse=True)
def welsh_catalogue():
    require_catalogue("cy")  # compiled by `make translations`; its absence is a failure here


def run(*args, env=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True, text=True,
                          timeout=60, env=environment)


def write_policy(tmp_path: Path, text: str, monkeypatch) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(path))
    return path


def test_lang_cy_changes_what_a_command_prints(tmp_path):
    assert run("forget", "--yes").stdout.strip() == ENGLISH_NONE
    assert run("--lang", "cy", "forget", "--yes").stdout.strip() == WELSH_NONE
    assert run("forget", "--yes", "--lang", "cy").stdout.strip() == WELSH_NONE  # after the command too
    helped = run("--lang", "cy", "--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("defnydd: socialsafe")  # argparse's own words too
    assert "SocialSafe: hunanarchwiliad preifatrwydd personol." in helped.stdout
    assert "opsiynau:" in helped.stdout and "dangos y cymorth hwn a gadael" in helped.stdout


def test_an_unknown_language_is_one_sentence(tmp_path):
    wrong = run("--lang", "fr", "forget", "--yes")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert "'fr' is not a language SocialSafe speaks; use en, cy" in wrong.stderr


def test_the_pseudo_language_marks_every_message(tmp_path):
    out = run("--lang", "x-pseudo", "forget", "--yes").stdout.strip()
    assert out.startswith(i18n.PSEUDO_OPEN) and out.endswith(i18n.PSEUDO_CLOSE) and "nothing" not in out


def test_the_system_locale_gives_welsh(tmp_path):
    assert run("forget", "--yes", env={"LANG": "cy_GB.UTF-8"}).stdout.strip() == WELSH_NONE
    assert run("--lang", "en", "forget", "--yes", env={"LANG": "cy_GB.UTF-8"}).stdout.strip() == ENGLISH_NONE


def test_the_policy_sets_a_default_the_person_may_change(tmp_path, monkeypatch, capsys):
    write_policy(tmp_path, '[language]\ndefault = "cy"\n', monkeypatch)
    assert main(["forget", "--yes"]) == 0
    assert capsys.readouterr().out.strip() == WELSH_NONE
    assert main(["--lang", "en", "forget", "--yes"]) == 0
    assert capsys.readouterr().out.strip() == ENGLISH_NONE


def test_a_locked_policy_wins_over_lang_the_setting_and_the_system(tmp_path, monkeypatch, capsys):
    write_policy(tmp_path, '[organisation]\nname = "Cyngor Enghraifft"\n[language]\ndefault = "cy"\nlocked = true\n',
                 monkeypatch)
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.set_setting(LANGUAGE_SETTING, "en")
    store.close()
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["--data-dir", str(paths.data_dir), "--lang", "en", "policy", "check", str(tmp_path / "policy.toml")]) == 0
    assert capsys.readouterr().out.strip() == f"{tmp_path / 'policy.toml'}: dim problemau wedi'u canfod."


def test_the_persons_setting_is_read_before_the_window_opens_and_lang_wins_over_it(tmp_path, capsys):
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.set_setting(LANGUAGE_SETTING, "cy")
    store.close()
    before = sorted(p.name for p in paths.data_dir.iterdir())
    assert start_language(database=paths.database, environ={}) == ("cy", "setting")
    assert sorted(p.name for p in paths.data_dir.iterdir()) == before  # read without making or changing a file
    assert start_language(command_line="en", database=paths.database, environ={}) == ("en", "command line")
    assert start_language(database=tmp_path / "no-such.db", environ={}) == ("en", "default")


def test_policy_language_keys_are_checked(tmp_path):
    policy = parse_policy_text('[language]\ndefault = "fr"\nlocked = "yes"\n')
    assert policy.problems == [
        "policy.toml: key 'language.default': 'fr' is not a language SocialSafe speaks; use \"en\", \"cy\"; "
        "using the default.",
        "policy.toml: key 'language.locked': 'yes' is not true or false (without quotes); using the default.",
    ]
    alone = parse_policy_text("[language]\nlocked = true\n")
    assert alone.values == {} and alone.problems == [
        "policy.toml: key 'language.locked': is true, but language.default is not set; the language is not locked."]


class _Session:
    """What language_state and choose_language_setting use of a session: its settings, and a save."""

    def __init__(self, policy_text: str = "", setting: str | None = None) -> None:
        self.settings = EffectiveSettings(parse_policy_text(policy_text), {LANGUAGE_SETTING: setting} if setting else {})
        self.saved: dict[str, str | None] = {}

    def set_setting(self, key, value):
        self.saved[key] = value
        return True


def test_settings_is_told_the_choices_the_choice_the_lock_and_when_a_change_applies():
    i18n.set_language("cy")
    state = language_state(_Session(setting="cy"))
    assert [(o.code, o.name) for o in state.options] == [("en", "English"), ("cy", "Cymraeg")]
    assert (state.chosen, state.current, state.shown, state.locked, state.locked_by) == ("cy", "cy", "cy", False, None)
    assert not state.applies_at_once
    assert state.note == "Bydd iaith newydd yn cael ei defnyddio y tro nesaf y byddwch chi'n agor SocialSafe."

    session = _Session()
    assert choose_language_setting(session, "cy_GB") is True
    assert session.saved == {LANGUAGE_SETTING: "cy"} and language_state(session).chosen == "cy"
    assert choose_language_setting(session, None) is True and session.saved == {LANGUAGE_SETTING: None}
    with pytest.raises(ValueError, match="Nid yw 'fr' yn iaith y mae SocialSafe yn ei siarad"):
        choose_language_setting(session, "fr")

    locked = _Session('[organisation]\nname = "Cyngor Enghraifft"\n[language]\ndefault = "cy"\nlocked = true\n')
    state = language_state(locked)
    assert state.locked and state.locked_by == "Wedi'i osod gan Cyngor Enghraifft"
    assert state.note == "Mae Cyngor Enghraifft wedi gosod yr iaith y mae SocialSafe yn ei defnyddio."
    with pytest.raises(ValueError, match="Mae'r iaith wedi'i gosod gan Cyngor Enghraifft."):
        choose_language_setting(locked, "en")
    assert locked.saved == {}


def test_choosing_the_language_loads_no_babel_and_english_reads_no_catalogue(tmp_path):
    code = (
        "import sys, gettext\n"
        "opened = []\n"
        "real = gettext.translation\n"
        "gettext.translation = lambda *a, **k: opened.append(a[0]) or real(*a, **k)\n"
        "from socialsafe_desktop.cli import choose_language\n"
        "print(choose_language(sys.argv[1:]), opened, 'babel' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    environment = {**os.environ, "SOCIALSAFE_DATA_DIR": str(tmp_path / "data")}
    english = subprocess.run([sys.executable, "-c", code, "--lang", "en"], capture_output=True, text=True, env=environment)
    assert english.stdout.strip() == "('en', 'command line') [] False False", english.stderr
    welsh = subprocess.run([sys.executable, "-c", code, "--lang", "cy"], capture_output=True, text=True, env=environment)
    assert welsh.stdout.strip() == "('cy', 'command line') ['socialsafe'] False False", welsh.stderr
