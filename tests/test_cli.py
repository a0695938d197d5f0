import subprocess
import sys

from socialsafe_desktop import __version__
from socialsafe_desktop.cli import main
from socialsafe_desktop.paths import resolve_paths
from socialsafe_desktop.store import AuditStore


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "socialsafe_desktop", *args], capture_output=True,
                          text=True, timeout=60, **kwargs)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"SocialSafe {__version__}"


def test_unknown_option_is_one_sentence_not_a_traceback():
    result = run_cli("--frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_data_dir_option_and_environment_choose_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALSAFE_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == tmp_path / "from-env"
    assert resolve_paths(tmp_path / "from-option").data_dir == tmp_path / "from-option"
    assert resolve_paths(tmp_path / "x").log_dir == tmp_path / "x" / "logs"


def test_forget_deletes_everything_after_confirmation(tmp_path, capsys):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    AuditStore.open(paths.database).close()
    (paths.log_dir / "socialsafe.log").write_text("x")
    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert not data.exists()
    assert "deleted" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "forget", "--yes"]) == 0
    assert "nothing to delete" in capsys.readouterr().out


def test_forget_without_yes_and_without_a_terminal_deletes_nothing(tmp_path):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    AuditStore.open(paths.database).close()
    result = run_cli("--data-dir", str(data), "forget", stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "Nothing was deleted" in result.stderr and "Traceback" not in result.stderr
    assert paths.database.exists()


def test_forget_asks_and_a_wrong_answer_keeps_the_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    paths = resolve_paths(data)
    paths.ensure()
    AuditStore.open(paths.database).close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["--data-dir", str(data), "forget"]) == 1
    assert paths.database.exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "delete")
    assert main(["--data-dir", str(data), "forget"]) == 0
    assert not data.exists()


def test_checklists_validate_shipped_packs_is_clean():
    result = run_cli("checklists", "validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_checklists_validate_reports_one_line_per_problem(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('id = "mine"\nname = "Mine"\nkind = "platform"\ndomains = []\nlast_reviewed = 2026-01-01\n'
                   'sources = ["https://example.org/help"]\n[[items]]\nid = "a"\ntitle = "A"\nwhy = "W"\nsteps = ["s"]\n'
                   'settings_url = "http://example.org/"\nrecommended = "On"\npriority = "urgent"\nminutes = 2\n'
                   'evidence = "unconfirmed"\nchecked = 2026-01-01\n')
    result = run_cli("checklists", "validate", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{bad}:a:") for line in lines)
    assert any(":settings_url:" in line for line in lines) and any(":priority:" in line for line in lines)


def test_checklists_validate_missing_path_and_syntax_error(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "broken"\nname = "oops\n')
    result = run_cli("checklists", "validate", str(broken), str(tmp_path / "nope.toml"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "line 2" in result.stdout and "nope.toml" in result.stdout


def test_checklists_list_json():
    import json

    result = run_cli("checklists", "list", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    ids = {p["id"] for p in data["packs"]}
    assert {"facebook", "instagram", "threads", "whatsapp", "linkedin", "x", "bluesky", "tiktok", "snapchat",
            "google", "reddit", "search-engines", "habits"} <= ids
    assert all(p["essential"] <= 10 and p["last_reviewed"] for p in data["packs"])


SEARCH_FIXTURES = __import__("pathlib").Path(__file__).parent / "search" / "fixtures"


def test_search_prints_parsed_results_as_json(httpserver, monkeypatch):
    import json

    httpserver.expect_request("/html/").respond_with_data(
        (SEARCH_FIXTURES / "ddg_results.html").read_text(), content_type="text/html")
    monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", httpserver.url_for("/html/"))
    result = run_cli("search", '"Sam Doe"', "--json", env={**__import__("os").environ})
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    assert results and all(r["url"].startswith(("http://", "https://")) for r in results)
    assert httpserver.log[0][0].form.get("q") == '"Sam Doe"'  # POSTed, as DuckDuckGo's form does


def test_search_error_is_one_sentence_and_exit_1(monkeypatch):
    import os

    monkeypatch.setenv("SOCIALSAFE_DUCKDUCKGO_URL", "http://127.0.0.1:9/html/")
    result = run_cli("search", "anything", env={**os.environ})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("socialsafe: Could not connect")


def test_report_without_an_audit_says_so(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "no audit on this computer" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "data" / "socialsafe.db").exists()


def test_report_exports_the_saved_audit(tmp_path):
    from socialsafe_desktop.core.profile import PersonName, Profile

    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Casey Exampleton")]))
    store.set_platform("instagram", True)
    store.close()
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "r.html").read_text()
    assert "Casey Exampleton" in html and "Instagram" in html
    assert (tmp_path / "r.ics").exists()
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--redact", "--out", str(tmp_path / "x.html"))
    assert result.returncode == 0 and "Exampleton" not in (tmp_path / "x.html").read_text()


def test_report_demo_never_touches_the_real_audit(tmp_path):
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    AuditStore.open(paths.database).close()
    before = paths.database.read_bytes()
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(tmp_path / "d.html"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "d.html").read_text()
    assert "Jordan Sample" in html and "fictional" in html.lower()
    assert paths.database.read_bytes() == before


def test_report_to_a_missing_folder_is_one_sentence(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--demo", "--out", str(tmp_path / "no" / "r.html"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_policy_check_and_show(tmp_path):
    import os

    good = tmp_path / "good.toml"
    good.write_text('[organisation]\nname = "Example Trust"\n[search]\nmodes = ["browser"]\n')
    bad = tmp_path / "bad.toml"
    bad.write_text('[organisation]\naccent_colour = "pink"\nsurprise = 1\n')
    assert run_cli("policy", "check", str(good)).returncode == 0
    result = run_cli("policy", "check", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and any("accent_colour" in x for x in lines) and any("surprise" in x for x in lines)
    shown = run_cli("--data-dir", str(tmp_path / "d"), "policy", "show",
                    env={**os.environ, "SOCIALSAFE_POLICY": str(good)})
    assert shown.returncode == 0
    assert any("organisation.name" in x and "Example Trust" in x and "[policy]" in x for x in shown.stdout.splitlines())
    assert any("search.modes" in x and "[policy]" in x for x in shown.stdout.splitlines())
    assert not (tmp_path / "d").exists()  # showing settings creates nothing


def test_search_refuses_a_provider_the_policy_switched_off(tmp_path):
    import os

    policy = tmp_path / "p.toml"
    policy.write_text('[search]\nmodes = ["browser"]\n')
    result = run_cli("search", "x", env={**os.environ, "SOCIALSAFE_POLICY": str(policy)})
    assert result.returncode == 1 and "switched off" in result.stderr and "Traceback" not in result.stderr


def test_keys_status_and_set_without_a_keyring(tmp_path):
    import os

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    status = run_cli("keys", "status", env=env)
    assert status.returncode == 0 and "brave" in status.stdout
    result = run_cli("keys", "set", "brave", input="secret-key-123\n", env=env)
    assert result.returncode == 1 and "not saved" in result.stderr and "secret-key-123" not in result.stderr
    unknown = run_cli("keys", "delete", "nosuch", env=env)
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr


def test_forget_leaves_other_files_in_a_shared_folder_alone(tmp_path):
    shared = tmp_path / "usb"
    (shared / "Photos").mkdir(parents=True)
    (shared / "Photos" / "holiday.jpg").write_bytes(b"jpeg")
    (shared / "cv.docx").write_bytes(b"doc")
    assert run_cli("--data-dir", str(shared), "report", "--demo", "--out", str(tmp_path / "r.html")).returncode == 0
    paths = resolve_paths(shared)
    AuditStore.open(paths.database).close()
    (paths.log_dir).mkdir(exist_ok=True)
    (paths.log_dir / "socialsafe.log").write_text("x")
    (paths.log_dir / "notes.txt").write_text("mine")
    assert main(["--data-dir", str(shared), "forget", "--yes"]) == 0
    assert (shared / "Photos" / "holiday.jpg").exists() and (shared / "cv.docx").exists()
    assert (paths.log_dir / "notes.txt").exists()
    assert not paths.database.exists() and not (paths.log_dir / "socialsafe.log").exists()
    assert not paths.demo_dir.exists()  # it held only SocialSafe's files
    assert [p.name for p in shared.glob("socialsafe*")] == []


def test_report_from_the_command_line_follows_the_managed_policy(tmp_path):
    import os

    from socialsafe_desktop.core.profile import PersonName, Profile

    policy = tmp_path / "p.toml"
    policy.write_text('[organisation]\nname = "Example Borough"\n[checklists]\ndisable = ["facebook"]\n'
                      '[audit]\nrecheck_months = 12\n')
    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    store.save_profile(Profile([PersonName("Casey Exampleton")]))
    store.set_platform("facebook", True)
    store.set_platform("instagram", True)
    store.close()
    env = {**os.environ, "SOCIALSAFE_POLICY": str(policy)}
    result = run_cli("--data-dir", str(tmp_path / "data"), "report", "--out", str(tmp_path / "r.html"), env=env)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "r.html").read_text()
    assert "Example Borough" in html and "Instagram" in html and "Open the Facebook settings page" not in html
    from datetime import date

    from socialsafe_desktop.core.audit import default_next_check
    ics = (tmp_path / "r.ics").read_text()
    assert default_next_check(date.today(), 12).strftime("%Y%m%d") in ics
    listed = run_cli("checklists", "list", "--json", env=env)
    assert '"facebook"' not in listed.stdout


def test_every_command_line_text_in_welsh_is_in_the_catalogue(tmp_path, monkeypatch, capsys):
    """Help for every command, and a few commands run, in Welsh: every string asked of gettext
    is in the Welsh catalogue (so nothing shows in English by being left out of it)."""
    from i18n_check import MissesRecorded, require_catalogue

    from socialsafe_desktop.core import i18n

    require_catalogue("cy")
    recorders: list[MissesRecorded] = []
    real_set_language = i18n.set_language

    def set_language(code, locale_dir=None):
        chosen = real_set_language(code, locale_dir)
        if chosen == "cy":
            recorders.append(MissesRecorded(i18n._translations))
            monkeypatch.setattr(i18n, "_translations", recorders[-1])
        return chosen

    monkeypatch.setattr(i18n, "set_language", set_language)
    monkeypatch.setenv("SOCIALSAFE_DATA_DIR", str(tmp_path / "data"))
    commands = [["--help"], *([c, "--help"] for c in ("checklists", "search", "accounts", "report", "policy",
                                                         "keys", "forget", "backup", "restore")),
                ["checklists", "validate", "--help"], ["checklists", "list"], ["policy", "show"],
                ["report", "--demo", "--out", str(tmp_path / "adroddiad.html")],
                ["restore", str(tmp_path / "missing.socialsafe")]]
    try:
        for command in commands:
            try:
                main(["--lang", "cy", *command])
            except SystemExit:
                pass  # --help exits
    finally:
        i18n.set_language = real_set_language
        real_set_language(i18n.ENGLISH)
    out = capsys.readouterr()
    assert out.out.startswith("defnydd: socialsafe")  # the help really was in Welsh
    assert recorders and set().union(*(r.missing for r in recorders)) == set()
