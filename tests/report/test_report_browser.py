"""The exported report opened in real headless Chromium (Debian's /usr/bin/chromium):
no network requests at all, zero axe-core violations, and it prints to A4.

Playwright drives the system Chromium; it never downloads a browser of its own. axe-core
comes from the axe-playwright-python package (its bundled axe.min.js), installed by the
test extra. Screenshots and PDFs go to test-artifacts/report/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_fixtures import alex_input, council_branding, hostile_input, with_accounts

from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.checklists import default_app_dir, load_catalogue
from socialsafe_desktop.report import ReportInput, write_report

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium")


def catalogue_input() -> ReportInput:
    """Every checklist we ship, nothing done yet: the longest real report."""
    catalogue = load_catalogue(default_app_dir())
    data = alex_input()
    data.packs = list(catalogue.packs.values())
    data.items = [item for pack in data.packs for item in pack.items]
    data.states = {}
    return data


def _branded() -> ReportInput:
    return alex_input(branding=council_branding())


def _redacted_demo() -> ReportInput:
    return alex_input(branding=council_branding(), demo=True)


def _welsh() -> ReportInput:
    """Every pack we ship (some in Welsh, some not yet), with forgotten accounts and branding."""
    data = with_accounts(catalogue_input())
    data.branding = council_branding()
    return data


VARIANTS = {
    "plain": (alex_input, False),
    "branded": (_branded, False),
    "redacted": (_redacted_demo, True),
    "hostile": (hostile_input, False),
    "catalogue": (catalogue_input, False),
    "accounts": (lambda: with_accounts(alex_input()), False),
    "accounts-redacted": (lambda: with_accounts(alex_input()), True),
    # The same checks in Welsh (the real catalogue, compiled by `make translations`).
    "welsh": (_welsh, False),
    "welsh-redacted": (lambda: with_accounts(alex_input(branding=council_branding(), demo=True)), True),
}
HEADINGS = {"en-GB": "Your privacy action plan", "cy": "Eich cynllun gweithredu preifatrwydd"}


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # a missing dependency is a failure, not a reason to skip
        pytest.fail("playwright is not installed: run pip install -e '.[test]'")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        pytest.fail("axe-playwright-python is not installed: run pip install -e '.[test]'")
    return Path(AXE_FILE_PATH).read_text("utf-8")


def open_report(browser, path: Path, requests: list[str], **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return context, page


def run_axe(page, axe_script: str) -> list[dict]:
    # Injected through the DevTools protocol, which the page's CSP does not govern; the
    # page itself still has no script of its own.
    page.evaluate(axe_script)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                     + "; ".join(n["html"][:120] for n in v["nodes"][:3]) for v in violations)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_report_in_chromium_makes_no_requests_passes_axe_and_prints(browser, axe_script, variant, tmp_path):
    build, redact = VARIANTS[variant]
    if variant.startswith("welsh"):
        from i18n_check import require_catalogue

        require_catalogue("cy")
        i18n.set_language("cy")  # back to English after the test (tests/conftest.py)
    data = build()
    html_path, _ = write_report(data, tmp_path / f"{variant}.html", redact=redact)
    requests: list[str] = []
    context, page = open_report(browser, html_path, requests)
    try:
        page.wait_for_load_state("networkidle")
        assert requests == [html_path.as_uri()], requests  # the file itself, nothing else
        assert page.evaluate("document.scripts.length") == 0
        lang = page.evaluate("document.documentElement.lang")
        assert lang == ("cy" if variant.startswith("welsh") else "en-GB")
        assert page.locator("h1").inner_text() == HEADINGS[lang]

        violations = run_axe(page, axe_script)
        assert violations == [], describe(violations)

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{variant}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        # Printed with the page size the report's own stylesheet asks for (not forced by us):
        # every page must be A4 (595 x 842 points), and nothing may be wider than the paper.
        pdf = ARTIFACTS / f"{variant}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        content = pdf.read_bytes()
        assert content.startswith(b"%PDF-")
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", content))
        boxes = [tuple(float(v) for v in box) for box in re.findall(
            rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", content)]
        assert pages >= 1 and len(boxes) >= pages
        for x0, y0, x1, y1 in boxes:
            assert abs((x1 - x0) - 595.3) < 2 and abs((y1 - y0) - 841.9) < 2, (x0, y0, x1, y1)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dots an inch
        assert page.evaluate("document.documentElement.scrollWidth") <= 794
        assert requests == [html_path.as_uri()], requests  # printing fetched nothing either
    finally:
        context.close()


def test_print_media_hides_navigation_and_spells_out_links(browser, tmp_path):
    html_path, _ = write_report(_branded(), tmp_path / "print.html")
    requests: list[str] = []
    context, page = open_report(browser, html_path, requests)
    try:
        assert page.locator("nav").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("nav").is_visible()
        after = page.evaluate(
            "getComputedStyle(document.querySelector('p.settings a'), '::after').content")
        assert "https://www.facebook.com/alexex_teach" in after
        anchor_after = page.evaluate(
            "getComputedStyle(document.querySelector('a[href^=\"#\"]'), '::after').content")
        assert anchor_after in ("none", "normal", '""')
        # The branded header prints as dark text on white (backgrounds are often not printed).
        colour = page.evaluate("getComputedStyle(document.querySelector('header h1')).color")
        assert colour == "rgb(0, 0, 0)"
    finally:
        context.close()


def test_screen_layout_is_readable_and_keeps_large_text(browser, tmp_path):
    html_path, _ = write_report(_branded(), tmp_path / "screen.html")
    requests: list[str] = []
    context, page = open_report(browser, html_path, requests, viewport={"width": 1280, "height": 900})
    try:
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16
        width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        assert width <= 48 * 16 + 1
        # No horizontal scrolling at a phone's width either.
        page.set_viewport_size({"width": 360, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        colour = page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
        assert colour != "rgba(0, 0, 0, 0)"  # the organisation's colour is on screen
    finally:
        context.close()
