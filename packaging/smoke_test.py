"""Smoke-test a built SocialSafe bundle: run it the way IT and a person would, in a throw-away home.

    python packaging/smoke_test.py dist/socialsafe/socialsafe

Each check says what it proved. A check whose command the bundle does not have yet (see
`--help`) is reported as skipped, so the list can hold checks for commands still being built.
To add one: write `def check_x(ctx) -> str` (return a short note, raise Failed) and add it to
CHECKS with the command it needs.  Exit 0 when every check that ran passed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


class Failed(Exception):
    pass


@dataclass
class Context:
    exe: Path
    home: Path
    data: Path
    commands: set[str]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALSAFE_")}
        env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.home / ".local/share"),
                   XDG_CONFIG_HOME=str(self.home / ".config"), XDG_STATE_HOME=str(self.home / ".local/state"),
                   SOCIALSAFE_DATA_DIR=str(self.data), SOCIALSAFE_POLICY=str(self.home / "no-policy.toml"),
                   QT_QPA_PLATFORM="offscreen")
        env.update(extra)
        return env

    def run(self, *args: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(self.exe), *args], env=self.env(), input=stdin, capture_output=True,
                              text=True, timeout=TIMEOUT)
        if "Traceback (most recent call last)" in proc.stderr:
            raise Failed(f"'{' '.join(args)}' printed a traceback:\n{proc.stderr[-2000:]}")
        if ok and proc.returncode != 0:
            raise Failed(f"'{' '.join(args)}' exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
        return proc


def wait_for_wizard(database: Path, proc: subprocess.Popen, timeout: float = TIMEOUT) -> float:
    """Seconds until the window recorded its first step (MainWindow writes it while it is built)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise Failed(f"the app exited with code {proc.returncode} before the wizard opened")
        if database.exists():
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.2) as conn:
                    if conn.execute("SELECT 1 FROM visited_steps WHERE step = 'welcome'").fetchone():
                        return time.perf_counter() - start
            except sqlite3.Error:
                pass  # the app is still creating the schema
        time.sleep(0.01)
    raise Failed(f"the wizard did not open within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM if hasattr(signal, "SIGTERM") else signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the checks ----------------------------------------------------------------------------------


def check_version(ctx: Context) -> str:
    out = ctx.run("--version").stdout.strip()
    if not re.fullmatch(r"SocialSafe \d+\.\d+\.\d+\S*", out):
        raise Failed(f"--version printed {out!r}")
    return out


def check_wizard(ctx: Context) -> str:
    proc = subprocess.Popen([str(ctx.exe)], env=ctx.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        seconds = wait_for_wizard(ctx.data / "socialsafe.db", proc)
        time.sleep(1.5)  # let it paint and run its first events; it must still be alive afterwards
        if proc.poll() is not None:
            raise Failed(f"the window closed by itself (exit {proc.returncode})")
    finally:
        stop(proc)
        _out, err = proc.communicate()
    if "Traceback" in err:
        raise Failed(f"the window printed a traceback:\n{err[-2000:]}")
    logs = list(ctx.data.rglob("*.log"))
    text = "".join(p.read_text("utf-8", "replace") for p in logs)
    if "uncaught exception" in text:
        raise Failed("the log records an uncaught exception")
    return f"wizard opened offscreen in {seconds:.1f} s, log: {', '.join(p.name for p in logs) or 'none'}"


# Sorted with ICU's collation (accents and case second, numbers by value); plain code-point order
# would put "Äpfel" and "éclair" after "zebra", the sign of missing collation data.
ICU_SORTED = ["Äpfel", "apple", "Apple", "éclair", "item 9", "item 10", "zebra"]


def check_locale(ctx: Context) -> str:
    """The bundle's self-test (packaging/launcher.py) under an English and a German system locale:
    the trimmed ICU data must still sort, name time zones and draw the plan step's date."""
    notes = []
    for lang, plan_date in (("en_GB", "21 February 2027"), ("de_DE", "21 Februar 2027")):
        env = {k: v for k, v in ctx.env(SOCIALSAFE_SELFTEST="locale").items() if not k.startswith("LC_")}
        env.update(LANG=f"{lang}.UTF-8", LC_CTYPE="C.UTF-8")  # Qt takes the locale from LANG
        proc = subprocess.run([str(ctx.exe)], env=env, capture_output=True, text=True, timeout=TIMEOUT)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines or not lines[-1].startswith("{"):
            raise Failed(f"self-test ({lang}) exited {proc.returncode}: {(proc.stderr or proc.stdout)[-800:]}")
        got = json.loads(lines[-1])
        expected = {"plan_date": plan_date, "en_US_long": "Sunday, February 21, 2027", "sorted_en_GB": ICU_SORTED,
                    "sorted_en_US": ICU_SORTED, f"sorted_{lang}": ICU_SORTED, "upper": "STRASSE",
                    "zone": "Greenwich Mean Time", "windows_1252": True}
        wrong = {k: got.get(k) for k, v in expected.items() if got.get(k) != v}
        if wrong:
            raise Failed(f"self-test ({lang}) got {wrong}")
        if got.get("label_colours", 0) < 2:
            raise Failed(f"self-test ({lang}): the label with the date drew nothing")
        notes.append(f"{lang} '{got['plan_date']}'")
    return f"dates ({', '.join(notes)}), collation, zone names and text drawing work"


def check_welsh(ctx: Context) -> str:
    # --help is built after the language is chosen: its words come from the bundled catalogue.
    out = ctx.run("--lang", "cy", "--help").stdout
    if "hunanarchwiliad preifatrwydd personol" not in out or not out.startswith("defnydd:"):
        raise Failed("'--lang cy --help' is not in Welsh: the compiled catalogue is missing from the bundle")
    english = ctx.run("--help").stdout
    if "a personal privacy self-audit" not in english:
        raise Failed("'--help' is not in English without --lang")
    return "--lang cy gives Welsh from the bundled catalogue; English without it"


def check_checklists(ctx: Context) -> str:
    out = ctx.run("checklists", "list").stdout
    if "facebook" not in out.lower():
        raise Failed("the bundled checklists were not found")
    return f"{len(out.strip().splitlines())} lines listed"


def check_policy(ctx: Context) -> str:
    example = ROOT / "packaging" / "policy.example.toml"
    ctx.run("policy", "check", str(example))
    show = ctx.run("policy", "show").stdout
    if "search.modes" not in show:
        raise Failed("'policy show' did not list the settings")
    return "policy.example.toml is valid; policy show works"


def check_keys(ctx: Context) -> str:
    out = ctx.run("keys", "status").stdout
    if "brave" not in out:
        raise Failed("'keys status' did not mention the brave key")
    return out.strip().splitlines()[0]


def check_report(ctx: Context) -> str:
    target = ctx.home / "report.html"
    ctx.run("report", "--out", str(target), "--demo")
    html = target.read_text("utf-8") if target.exists() else ""
    if "<html" not in html.lower():
        raise Failed("the report file is missing or is not HTML")
    if re.search(r"<(script|link|img)[^>]+(src|href)=[\"']https?://", html, re.I):
        raise Failed("the report loads something from the internet")
    return f"report written ({len(html) // 1024} KB)"


def check_accounts(ctx: Context) -> str:
    # An unknown category is refused only after the site list has loaded, so this proves the
    # bundled data is there and readable without sending a single request.
    proc = ctx.run("accounts", "check", "sam-example", "--category", "no-such-category", ok=False)
    if proc.returncode != 2 or not re.search(r"the categories are: .*\bsocial\b", proc.stderr):
        raise Failed(f"the bundled site list was not read (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
    return "the forgotten-accounts site list loads (no request sent)"


def check_forget(ctx: Context) -> str:
    ctx.run("forget", "--yes")
    if ctx.data.exists():
        raise Failed("'forget --yes' left the data folder behind")
    return "data folder removed"


# (name, command the bundle must have, or None for always, the check)
CHECKS: list[tuple[str, str | None, Callable[[Context], str]]] = [
    ("version", None, check_version),
    ("wizard opens offscreen", None, check_wizard),
    ("locale, sorting and text (ICU data)", None, check_locale),
    ("Welsh (the bundled catalogue)", None, check_welsh),
    ("bundled checklists", "checklists", check_checklists),
    ("managed policy", "policy", check_policy),
    ("API keys", "keys", check_keys),
    ("report export", "report", check_report),
    ("forgotten-accounts data", "accounts", check_accounts),
    ("forget", "forget", check_forget),  # last: it removes the data
]


def available_commands(exe: Path, env: dict[str, str]) -> set[str]:
    out = subprocess.run([str(exe), "--help"], env=env, capture_output=True, text=True, timeout=TIMEOUT).stdout
    found = re.search(r"\{([a-z,-]+)\}", out)
    words = set(found.group(1).split(",")) if found else set()
    return words | set(re.findall(r"^[ \t]{2,}([a-z][a-z-]+)[ \t]{2,}", out, re.M))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    exe = Path(argv[0]).resolve()
    if not exe.exists():
        print(f"smoke test: no bundle at {exe}: run 'make package' first.", file=sys.stderr)
        return 2
    failures = 0
    with tempfile.TemporaryDirectory(prefix="socialsafe-smoke-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        ctx = Context(exe, home, Path(tmp) / "data", set())
        ctx.commands = available_commands(exe, ctx.env())
        for name, needs, check in CHECKS:
            if needs and needs not in ctx.commands:
                print(f"SKIP {name}: the bundle has no '{needs}' command yet")
                continue
            try:
                note = check(ctx)
            except (Failed, subprocess.TimeoutExpired, OSError) as exc:
                failures += 1
                print(f"FAIL {name}: {exc}")
            else:
                print(f"ok   {name}: {note}")
    print("smoke test: " + ("passed" if not failures else f"{failures} check(s) failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
