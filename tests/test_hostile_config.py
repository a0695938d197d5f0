"""Configuration read from disk under hostile input: pipes where files belong, very long lists,
very deep nesting. Each ends within a bound, with one sentence, and the app still starts."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from socialsafe_desktop.core.demo import DemoDataError, load_persona
from socialsafe_desktop.core.policy import MAX_PROBLEMS_LISTED, EffectiveSettings, load_policy, parse_policy_text

REPO_RESOURCES = Path(__file__).resolve().parents[1] / "resources"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
BOUND = 60  # seconds: a ceiling on hangs, far above the second or so each of these takes
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def run_cli(*args, env_extra=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True, text=True,
                          timeout=BOUND, env={**os.environ, **(env_extra or {})}, **kwargs)


def finishes(work, bound: float = BOUND):
    """Run `work` in a thread; fail (rather than hang the suite) if it is not done in time."""
    outcome: list = []

    def run():
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(bound)
    assert not worker.is_alive(), "it hung"
    done, value = outcome[0]
    if not done:
        raise value
    return value


@pytest.fixture
def resources(tmp_path):
    target = tmp_path / "resources"
    shutil.copytree(REPO_RESOURCES / "demo", target / "demo")
    return target


# --- files that never end or never open ----------------------------------------------------


@needs_fifo
def test_a_pipe_as_the_demo_persona_is_one_sentence_not_a_hang(resources, tmp_path):
    persona = resources / "demo" / "persona.toml"
    persona.unlink()
    os.mkfifo(persona)
    with pytest.raises(DemoDataError, match="not a regular file"):
        finishes(lambda: load_persona(resources))
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(tmp_path / "r.html"),
                     env_extra={"SOCIALSAFE_RESOURCES": str(resources)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(persona) in result.stderr


def test_a_deeply_nested_persona_is_one_sentence(resources):
    persona = resources / "demo" / "persona.toml"
    persona.write_text(persona.read_text(encoding="utf-8") + "\ndeep = " + "[" * 5000 + "]" * 5000 + "\n",
                       encoding="utf-8")
    with pytest.raises(DemoDataError, match="nested more than"):
        finishes(lambda: load_persona(resources))


@needs_fifo
def test_a_pipe_as_the_organisation_logo_is_a_policy_problem_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "logo.png")
    policy = tmp_path / "policy.toml"
    policy.write_text('[organisation]\nname = "Example Trust"\nlogo = "logo.png"\n')
    loaded = finishes(lambda: load_policy(policy))
    assert "organisation.logo" not in loaded.values
    assert len(loaded.problems) == 1 and "not a regular file" in loaded.problems[0]
    result = run_cli("policy", "check", str(policy))
    assert result.returncode == 1 and "organisation.logo" in result.stdout and "Traceback" not in result.stderr


@needs_fifo
def test_a_logo_swapped_for_a_pipe_after_loading_does_not_hang_the_report(tmp_path):
    from socialsafe_desktop.configuration import report_branding

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    policy = tmp_path / "policy.toml"
    policy.write_text('[organisation]\nname = "Example Trust"\nlogo = "logo.png"\n')
    settings = EffectiveSettings(load_policy(policy))
    assert report_branding(settings).logo_data_uri  # the real logo is used
    logo.unlink()
    os.mkfifo(logo)
    branding = finishes(lambda: report_branding(settings))
    assert branding.name == "Example Trust" and branding.logo_data_uri is None


def test_a_logo_that_grew_past_the_cap_after_loading_is_left_out(tmp_path):
    from socialsafe_desktop.configuration import report_branding

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    policy = tmp_path / "policy.toml"
    policy.write_text('[organisation]\nname = "Example Trust"\nlogo = "logo.png"\n')
    settings = EffectiveSettings(load_policy(policy))
    logo.write_bytes(PNG + b"\x00" * (3 * 1024 * 1024))
    assert report_branding(settings).logo_data_uri is None


# --- long lists: linear work, bounded messages ------------------------------------------------


def test_a_disable_list_of_200000_entries_is_read_in_linear_time():
    # The list lookup this replaced took 269 s here; a set takes well under a second.
    entries = [f"pack-{n}" for n in range(200_000)] + ["pack-7", "pack-7"]
    text = "[checklists]\ndisable = [" + ", ".join(f'"{e}"' for e in entries) + "]\n"
    policy = finishes(lambda: parse_policy_text(text))
    kept = policy.values["checklists.disable"]
    assert len(kept) == 200_000 and kept[:3] == ["pack-0", "pack-1", "pack-2"]  # once each, in order
    assert policy.problems == []


@pytest.mark.parametrize("key, entry", [
    ("search.modes", '"nope"'), ("search.providers", '"nope"'), ("checklists.disable", '"Not An Id!"'),
    ("checklists.extra_dirs", "1"), ("organisation.contacts", "1"),
])
def test_a_list_of_200000_bad_entries_is_a_few_sentences_and_a_count(key, entry):
    table, name = key.split(".")
    text = f"[{table}]\n{name} = [" + ", ".join([entry] * 200_000) + "]\n"
    policy = finishes(lambda: parse_policy_text(text))
    assert len(policy.problems) == MAX_PROBLEMS_LISTED + 1
    assert "199,990 more entries cannot be used either" in policy.problems[-1]


def test_200000_unknown_keys_are_a_few_sentences_and_a_count():
    text = "\n".join(f"setting_{n} = 1" for n in range(200_000))
    policy = finishes(lambda: parse_policy_text(text))
    assert len(policy.problems) == MAX_PROBLEMS_LISTED + 1
    assert "199,990 more keys are not SocialSafe policy keys" in policy.problems[-1]


def test_a_folder_named_many_times_is_read_once(tmp_path):
    from socialsafe_desktop.configuration import app_catalogue

    folder = tmp_path / "ours"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "checklists" / "x.toml", folder / "ours-x.toml")
    text = (folder / "ours-x.toml").read_text(encoding="utf-8")
    (folder / "ours-x.toml").write_text(text.replace('id = "x"', 'id = "ours-x"', 1), encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text("[checklists]\nextra_dirs = [" + ", ".join([f'"{folder}"'] * 1000) + "]\n")
    loaded = load_policy(policy)
    assert loaded.values["checklists.extra_dirs"] == [folder]
    catalogue = finishes(lambda: app_catalogue(EffectiveSettings(loaded)))
    assert "ours-x" in catalogue.packs and not any("ours-x" in str(p) for p in catalogue.problems)


# --- deep nesting in the policy does not stop the app -----------------------------------------


DEEP_POLICY = '[organisation]\nname = "Example Trust"\n[search]\nmodes = ' + "[" * 50_000 + "]" * 50_000 + "\n"


def test_a_deeply_nested_policy_is_a_problem_sentence_and_the_network_stays_off(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text(DEEP_POLICY)
    loaded = finishes(lambda: load_policy(policy))
    assert len(loaded.problems) == 1 and "nested more than" in loaded.problems[0]
    assert EffectiveSettings(loaded).allowed_search_modes() == ["browser"]
    shown = run_cli("policy", "show", env_extra={"SOCIALSAFE_POLICY": str(policy)})
    assert shown.returncode == 0 and "nested more than" in shown.stdout and "Traceback" not in shown.stderr


def test_the_window_starts_under_a_deeply_nested_policy_and_says_why(tmp_path, monkeypatch, qtbot):
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.ui.app import build_context
    from socialsafe_desktop.ui.main_window import MainWindow

    policy = tmp_path / "policy.toml"
    policy.write_text(DEEP_POLICY)
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(policy))
    paths = resolve_paths(tmp_path / "data")
    ctx = finishes(lambda: build_context(paths, notices=paths.ensure()))
    window = None
    try:
        assert sum("nested more than" in n for n in ctx.notices) == 1
        assert ctx.session.allowed_search_modes == ("browser",)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    finally:
        if window is not None:
            window.close()  # as run_window does, before the audit is closed
        ctx.session.close()
