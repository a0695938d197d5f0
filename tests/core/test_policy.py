"""The managed policy: each key, the layers and locks, and broken files that must not stop the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialsafe_desktop.core import policy as pol
from socialsafe_desktop.core.policy import (
    KEYS,
    POLICY_KEYS,
    EffectiveSettings,
    check_policy_file,
    default_policy_path,
    format_policy_show,
    load_policy,
    read_user_settings,
)

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def write(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def effective(tmp_path: Path, text: str, user: dict | None = None, environ: dict | None = None):
    return EffectiveSettings(load_policy(write(tmp_path, text)), user or {}, environ=environ or {})


# --- where the policy is looked for ------------------------------------------------------------


def test_os_locations():
    assert default_policy_path("linux") == Path("/etc/xdg/socialsafe/policy.toml")
    assert default_policy_path("darwin") == Path("/Library/Application Support/SocialSafe/policy.toml")
    win = default_policy_path("win32", {"ProgramData": r"D:\PD"})
    assert str(win) == r"D:\PD\SocialSafe\policy.toml"
    assert "ProgramData" in str(default_policy_path("win32", {}))


def test_env_variable_points_elsewhere(tmp_path, monkeypatch):
    path = write(tmp_path, '[organisation]\nname = "Env Org"\n', "elsewhere.toml")
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(path))
    policy = load_policy()
    assert policy.organisation == "Env Org"
    assert policy.source_path == path


def test_missing_file_is_no_policy_and_no_problem():
    # conftest points SOCIALSAFE_POLICY at a file that does not exist
    policy = load_policy()
    assert (policy.exists, policy.values, policy.problems) == (False, {}, [])
    settings = EffectiveSettings(policy, {})
    assert all(source == "default" for _k, _v, source in settings.describe())
    assert not any(settings.locked(k.name) for k in POLICY_KEYS)


def test_schema_documents_every_key_in_the_example_file():
    example = (ROOT / "packaging" / "policy.example.toml").read_text("utf-8")
    for key in POLICY_KEYS:
        table, name = key.name.split(".")
        assert f"[{table}]" in example or f"[[{table}." in example, key.name
        assert f"{name} =" in example or f"{name}]" in example or f"[[{key.name}]]" in example, key.name
        assert key.doc and key.type


def test_the_example_file_is_valid():
    assert check_policy_file(ROOT / "packaging" / "policy.example.toml") == []


# --- each key, good and bad ------------------------------------------------------------------------


def test_every_key_read_from_a_full_policy(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "share").mkdir()
    settings = effective(tmp_path, """
[organisation]
name = "Example Trust"
logo = "logo.png"
accent_colour = "#0B4F6C"
policy_url = "https://intranet.example.org/social-media"
report_footer = "Keep this report private."
[[organisation.contacts]]
role = "HR"
name = "People team"
contact = "hr@example.org"
[[organisation.contacts]]
role = "Safeguarding lead"
name = "A. Lead"
contact = "01632 960123"
[checklists]
extra_dirs = ["share", "/mnt/policies/checklists"]
disable = ["tiktok", "facebook:public-posts"]
[search]
modes = ["browser"]
providers = ["searxng"]
duckduckgo_url = "https://ddg.example.org/html/"
searxng_url = "https://searx.example.org/"
brave_url = "https://brave.example.org/search"
[network]
proxy = "http://proxy.example.org:3128"
[accounts]
categories = ["social", "coding"]
[audit]
recheck_months = 3
[language]
default = "cy"
locked = true
""")
    assert settings.policy.problems == []
    branding = settings.branding()
    assert branding.name == "Example Trust"
    assert branding.logo == tmp_path / "logo.png"  # relative to the policy file's folder
    assert branding.accent_colour == "#0b4f6c"
    assert branding.policy_url == "https://intranet.example.org/social-media"
    assert branding.footer == "Keep this report private."
    assert branding.contacts == [("HR", "People team", "hr@example.org"),
                                 ("Safeguarding lead", "A. Lead", "01632 960123")]
    assert settings.extra_checklist_dirs() == [tmp_path / "share", Path("/mnt/policies/checklists")]
    assert settings.disabled_checklist_ids() == ["tiktok", "facebook:public-posts"]
    assert settings.allowed_search_modes() == ["browser"]
    assert settings.allowed_providers() == []  # in-app searching is off, so no provider is usable
    assert settings.get("search.providers") == ["searxng"]
    assert settings.provider_url("duckduckgo") == "https://ddg.example.org/html/"
    assert settings.provider_url("searxng") == "https://searx.example.org/"
    assert settings.provider_url("brave") == "https://brave.example.org/search"
    assert settings.proxies() == {"http": "http://proxy.example.org:3128", "https": "http://proxy.example.org:3128"}
    assert settings.recheck_months() == 3
    assert settings.get("accounts.categories") == ["social", "coding"]
    assert settings.allowed_account_categories() == []  # searches are limited to the browser: no check
    assert all(settings.locked(k.name) for k in POLICY_KEYS)
    assert settings.locked_by("network.proxy") == "Set by Example Trust"
    assert settings.language_choice().policy_default == "cy" and settings.language_choice().locked


def test_providers_allowed_when_in_app_searching_is(tmp_path):
    settings = effective(tmp_path, '[search]\nproviders = ["brave", "duckduckgo"]\n')
    assert settings.allowed_search_modes() == ["browser", "in_app"]
    assert settings.allowed_providers() == ["brave", "duckduckgo"]


@pytest.mark.parametrize(("toml", "key", "expected_in_message"), [
    ('[organisation]\naccent_colour = "#zzz"', "organisation.accent_colour", "'#zzz' is not a colour like #1f5fa8"),
    ('[organisation]\naccent_colour = "#ffff66"', "organisation.accent_colour", "too light"),
    ('[organisation]\nname = 42', "organisation.name", "42 is not text"),
    ('[organisation]\npolicy_url = "intranet/policy"', "organisation.policy_url", "not a web address"),
    ('[organisation]\nlogo = "missing.png"', "organisation.logo", "does not exist"),
    ('[organisation]\nlogo = "logo.gif"', "organisation.logo", "not a PNG, JPEG or SVG"),
    ('[organisation]\nreport_footer = "' + "x" * 501 + '"', "organisation.report_footer", "the most is 500"),
    ('[search]\nsearxng_url = "ftp://searx.example.org"', "search.searxng_url", "starting with http:// or https://"),
    ('[search]\nbrave_url = "http://brave.example.org/"', "search.brave_url", "must start with https://"),
    ('[search]\nsearxng_url = "http://searx.example.org"', "search.searxng_url", "must start with https://"),
    ('[search]\nduckduckgo_url = "https://user:pw@ddg.example.org/"', "search.duckduckgo_url", "user name or password"),
    ('[network]\nproxy = "socks5://proxy:1080"', "network.proxy", "starting with http:// or https://"),
    ('[network]\nproxy = "http://proxy:99999"', "network.proxy", "bad port"),
    ('[audit]\nrecheck_months = 0', "audit.recheck_months", "not between 1 and 24"),
    ('[audit]\nrecheck_months = "soon"', "audit.recheck_months", "not a whole number"),
    ('[audit]\nrecheck_months = true', "audit.recheck_months", "not a whole number"),
])
def test_a_bad_value_names_the_key_says_why_and_uses_the_default(tmp_path, toml, key, expected_in_message):
    settings = effective(tmp_path, toml)
    problems = settings.policy.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"policy.toml: key '{key}': ")
    assert expected_in_message in problems[0]
    assert problems[0].endswith("; using the default.")
    assert settings.get(key) == KEYS[key].default
    assert settings.source(key) == "default" and not settings.locked(key)


def test_a_bad_key_leaves_the_good_ones_working(tmp_path):
    settings = effective(tmp_path, '[organisation]\nname = "Example"\naccent_colour = "blue"\n'
                                   '[audit]\nrecheck_months = 9\n')
    assert settings.get("organisation.name") == "Example"
    assert settings.recheck_months() == 9
    assert settings.get("organisation.accent_colour") == "#1f5fa8"
    assert len(settings.policy.problems) == 1


def test_logo_rules(tmp_path):
    (tmp_path / "big.png").write_bytes(PNG + b"\x00" * (1024 * 1024))
    (tmp_path / "fake.png").write_bytes(b"GIF89a....")
    (tmp_path / "logo.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    for name, fine in (("big.png", False), ("fake.png", False), ("logo.svg", True), ("logo.jpg", True)):
        policy = load_policy(write(tmp_path, f'[organisation]\nlogo = "{name}"\n'))
        assert (policy.problems == []) is fine, (name, policy.problems)
    policy = load_policy(write(tmp_path, '[organisation]\nlogo = "big.png"\n'))
    assert "under 1 MB" in policy.problems[0]


def test_list_keys_keep_their_good_entries(tmp_path):
    settings = effective(tmp_path, """
[checklists]
disable = ["tiktok", "Not An Id!", 7]
[[organisation.contacts]]
role = "IT"
name = "Desk"
contact = "it@example.org"
[[organisation.contacts]]
role = "HR"
name = "No contact given"
""")
    assert settings.disabled_checklist_ids() == ["tiktok"]
    assert settings.branding().contacts == [("IT", "Desk", "it@example.org")]
    problems = settings.policy.problems
    assert len(problems) == 3
    assert any("'Not An Id!' is not a checklist id" in p and p.endswith("that entry is ignored.") for p in problems)
    assert any("contact 2 has no contact" in p for p in problems)


def test_a_misspelt_provider_keeps_the_rest_restricted(tmp_path):
    # IT meant "only SearXNG"; a typo must not quietly open up every provider.
    settings = effective(tmp_path, '[search]\nproviders = ["searxgn"]\n')
    assert settings.allowed_providers() == []
    assert settings.locked("search.providers")
    assert "did you mean 'searxng'?" in settings.policy.problems[0]


def test_a_broken_mode_list_falls_back_to_browser_only(tmp_path):
    settings = effective(tmp_path, '[search]\nmodes = "everything"\n')
    assert settings.allowed_search_modes() == ["browser"]
    assert settings.locked("search.modes")
    assert 'using the safe value ["browser"]' in settings.policy.problems[0]
    empty = effective(tmp_path, '[search]\nmodes = []\n')
    assert empty.allowed_search_modes() == ["browser"] and "is empty" in empty.policy.problems[0]


def test_the_accounts_check_is_limited_or_switched_off_by_the_policy(tmp_path):
    every = effective(tmp_path, '[organisation]\nname = "Example"\n')
    assert "adult" in every.allowed_account_categories() and "social" in every.allowed_account_categories()
    assert not every.locked("accounts.categories")
    limited = effective(tmp_path, '[accounts]\ncategories = ["Social", "music", "social"]\n')
    assert limited.allowed_account_categories() == ["social", "music"] and limited.policy.problems == []
    off = effective(tmp_path, '[accounts]\ncategories = []\n')
    assert off.allowed_account_categories() == [] and off.policy.problems == []
    # Keeping SocialSafe off the network keeps the check off too, whatever the categories say.
    browser_only = effective(tmp_path, '[search]\nmodes = ["browser"]\n[accounts]\ncategories = ["social"]\n')
    assert browser_only.allowed_account_categories() == []


def test_a_misspelt_account_category_keeps_the_check_restricted(tmp_path):
    settings = effective(tmp_path, '[accounts]\ncategories = ["socail", "coding"]\n')
    assert settings.allowed_account_categories() == ["coding"]
    assert "did you mean 'social'?" in settings.policy.problems[0]
    assert settings.policy.problems[0].endswith("that entry is ignored.")
    nothing = effective(tmp_path, '[accounts]\ncategories = "everything"\n')
    assert nothing.allowed_account_categories() == [] and nothing.locked("accounts.categories")
    assert "using the safe value [] (none)" in nothing.policy.problems[0]


def test_unknown_keys_are_reported_with_a_suggestion(tmp_path):
    policy = load_policy(write(tmp_path, 'accent_colour = "#1f5fa8"\n[search]\nprovider = ["brave"]\n'))
    assert policy.values == {}
    assert ("policy.toml: key 'accent_colour' is not a SocialSafe policy key (did you mean "
            "'organisation.accent_colour'?); it is ignored.") in policy.problems
    assert any("'search.provider'" in p and "'search.providers'" in p for p in policy.problems)


# --- broken files ---------------------------------------------------------------------------------


def test_toml_syntax_error_gives_the_line_and_starts_safely(tmp_path):
    settings = effective(tmp_path, '[organisation]\nname = "Example"\naccent_colour = #1f5fa8\n')
    [problem] = settings.policy.problems
    assert problem.startswith("policy.toml: TOML syntax error on line 3, column 17: ")
    assert "network features off" in problem
    assert settings.allowed_search_modes() == ["browser"] and settings.allowed_providers() == []
    assert settings.get("organisation.name") == ""  # nothing else from the file is trusted
    assert settings.recheck_months() == 3


@pytest.mark.parametrize("content", [b"\xff\xfe\x00n\x00a", b"name = 'x'\n\x00\x00"])
def test_binary_or_wrong_encoding_does_not_stop_the_app(tmp_path, content):
    path = tmp_path / "policy.toml"
    path.write_bytes(content)
    policy = load_policy(path)
    assert len(policy.problems) == 1 and policy.exists


def test_a_directory_instead_of_a_file(tmp_path):
    (tmp_path / "policy.toml").mkdir()
    policy = load_policy(tmp_path / "policy.toml")
    assert "is a folder, not a file" in policy.problems[0]


def test_bom_from_notepad_is_accepted(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_bytes('\ufeff[organisation]\nname = "Notepad Org"\n'.encode())
    assert load_policy(path).organisation == "Notepad Org"


def test_check_policy_file(tmp_path):
    assert check_policy_file(tmp_path / "nope.toml") == [f"nope.toml: no such file ({tmp_path / 'nope.toml'})."]
    good = write(tmp_path, '[audit]\nrecheck_months = 12\n', "good.toml")
    assert check_policy_file(good) == []
    bad = write(tmp_path, '[audit]\nrecheck_months = 99\n[organisation]\naccent_colour = "red"\n', "bad.toml")
    problems = check_policy_file(bad)
    assert len(problems) == 2 and all(p.startswith("bad.toml: key '") for p in problems)


# --- the layers -------------------------------------------------------------------------------------


def test_user_settings_apply_where_the_policy_is_silent(tmp_path):
    settings = effective(tmp_path, '[search]\nsearxng_url = "https://searx.example.org/"\n',
                         user={"search.searxng_url": "https://mine.example.net/", "network.proxy": "http://p:8080",
                               "audit.recheck_months": "4", "search.modes": "browser"})
    assert settings.get("search.searxng_url") == "https://searx.example.org/"
    assert settings.source("search.searxng_url") == "policy"
    assert settings.proxy() == "http://p:8080" and settings.source("network.proxy") == "user"
    assert settings.recheck_months() == 4
    assert settings.allowed_search_modes() == ["browser"]
    assert settings.source("search.brave_url") == "default"


def test_policy_cannot_be_overridden_by_the_person(tmp_path):
    settings = effective(tmp_path, '[organisation]\nname = "Example"\n[audit]\nrecheck_months = 12\n')
    with pytest.raises(ValueError, match="set by Example"):
        settings.set_user_value("audit.recheck_months", 3)
    with pytest.raises(ValueError, match="not a setting you can change"):
        settings.set_user_value("organisation.name", "Me")
    assert settings.recheck_months() == 12


def test_set_user_value_checks_and_returns_the_text_to_store():
    settings = EffectiveSettings(None, {}, environ={})
    assert settings.set_user_value("audit.recheck_months", 9) == "9"
    assert settings.set_user_value("search.modes", ["browser"]) == "browser"
    assert settings.set_user_value("network.proxy", "") is None and settings.source("network.proxy") == "default"
    with pytest.raises(ValueError, match="The proxy address: 'nonsense' is not a web address"):
        settings.set_user_value("network.proxy", "nonsense")
    assert settings.recheck_months() == 9 and settings.source("audit.recheck_months") == "user"


def test_unusable_stored_user_values_are_ignored_with_a_reason():
    settings = EffectiveSettings(None, {"audit.recheck_months": "lots", "organisation.name": "sneaky"}, environ={})
    assert settings.recheck_months() == 3
    assert settings.get("organisation.name") == ""  # not a user key: a row in the table cannot brand the app
    assert any("audit.recheck_months" in p for p in settings.user_problems)


def test_provider_url_order_policy_then_env_then_user_then_default(tmp_path):
    env = {"SOCIALSAFE_SEARXNG_URL": "http://127.0.0.1:8888/", "SOCIALSAFE_BRAVE_URL": "http://127.0.0.1:9999/"}
    user = {"search.searxng_url": "https://user.example.net/", "search.duckduckgo_url": "https://ddg.user.example/"}
    settings = effective(tmp_path, '[search]\nbrave_url = "https://brave.example.org/"\n', user, env)
    assert settings.provider_url("brave") == "https://brave.example.org/"         # policy beats env
    assert settings.provider_url("searxng") == "http://127.0.0.1:8888/"          # env beats user
    assert settings.source("search.searxng_url") == "environment"
    assert settings.locked_by("search.searxng_url") == "Set on this computer by SOCIALSAFE_SEARXNG_URL"
    assert settings.provider_url("duckduckgo") == "https://ddg.user.example/"    # user beats default
    assert EffectiveSettings(None, {}, environ={}).provider_url("duckduckgo") == pol.DEFAULT_PROVIDER_URLS["duckduckgo"]


def test_read_user_settings_takes_only_user_keys():
    stored = {"network.proxy": "http://p:1", "ui.text_scale": "1.2", "organisation.name": "x"}
    assert read_user_settings(stored.get) == {"network.proxy": "http://p:1"}


def test_policy_show_lists_every_key_with_its_source(tmp_path):
    settings = effective(tmp_path, '[organisation]\nname = "Example"\naccent_colour = "#zzz"\n',
                         user={"network.proxy": "http://p:3128"})
    lines = format_policy_show(settings)
    assert lines[0] == f"Policy file: {tmp_path / 'policy.toml'} (managed by Example)"
    body = "\n".join(lines)
    for key in KEYS:
        assert key in body
    assert any(line.startswith("organisation.name") and line.endswith("[policy]") for line in lines)
    assert any(line.startswith("network.proxy") and "http://p:3128" in line and line.endswith("[user]") for line in lines)
    assert any(line.startswith("audit.recheck_months") and line.endswith("[default]") for line in lines)
    assert "Problems:" in lines and any("'#zzz' is not a colour" in line for line in lines)


def test_policy_show_without_a_policy_says_where_it_looked(tmp_path):
    lines = format_policy_show(EffectiveSettings(load_policy(), {}))
    assert lines[0] == f"Policy file: none (looked for {tmp_path / 'no-policy.toml'})"


def test_control_characters_cannot_disguise_text(tmp_path):
    policy = load_policy(write(tmp_path, '[organisation]\nname = "Evil\\u202eOrg"\n'))
    assert policy.organisation is None and "control characters" in policy.problems[0]
