"""The report, the evidence index and the calendar reminder in another language: a catalogue made
in the test switches them; the real Welsh catalogue gives a Welsh report with Welsh dates and
lang="cy", English checklist items marked as such; and in the pseudo-language no English is left.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bs4 import BeautifulSoup
from i18n_check import MissesRecorded, require_catalogue, untranslated, visible_html_texts
from report_fixtures import alex_input, council_branding, make_item, make_pack, with_accounts

from socialsafe_desktop.core import i18n
from socialsafe_desktop.core.checklists import default_app_dir, load_catalogue
from socialsafe_desktop.core.dates import long_date
from socialsafe_desktop.core.estimate import TimeEstimate, summary
from socialsafe_desktop.report import render_ics, render_report


def text_of(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def compile_catalogue(tmp_path, language: str, messages: dict) -> None:
    """A catalogue made here with Babel (not the app's): proves the machinery, not a translation."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=language, domain=i18n.DOMAIN)
    for key, text in messages.items():
        context, msgid = key if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) \
            and key[0].startswith("ctx:") else (None, key)
        catalog.add(msgid, text, context=context[4:] if context else None)
    folder = tmp_path / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{i18n.DOMAIN}.mo", "wb") as out:
        write_mo(out, catalog)


def test_a_catalogue_made_in_the_test_switches_core_and_report_text(tmp_path):
    compile_catalogue(tmp_path, "cy", {
        "About {length} left.": "[cy] Tua {length} ar ôl.",
        ("{n} minute", "{n} minutes"): ("[cy] {n} munud",) * 6,
        ("ctx:month", "November"): "[cy] Tachwedd",
        "Your privacy action plan": "[cy] Eich cynllun",
        "Check again on <strong>%(date)s</strong>.": "[cy] Gwiriwch eto ar <strong>%(date)s</strong>.",
    })
    estimate = TimeEstimate(10, 0, 0, 5, 5)
    assert summary(estimate) == "About 15 minutes left."
    assert i18n.set_language("cy", locale_dir=tmp_path) == "cy"
    assert summary(estimate) == "[cy] Tua [cy] 15 munud ar ôl."
    assert long_date(date(2026, 11, 23)) == "23 [cy] Tachwedd 2026"

    soup = BeautifulSoup(render_report(alex_input()), "html.parser")
    assert soup.html["lang"] == "cy"
    assert soup.h1.get_text() == "[cy] Eich cynllun"
    assert soup.find(id="next-check").p.get_text() == "[cy] Gwiriwch eto ar 21 February 2027."  # no February here
    assert soup.find(id="next-check").strong.get_text() == "21 February 2027"
    assert "Summary" in text_of(soup.nav)  # a string the catalogue lacks stays English


def test_the_welsh_report_is_welsh_with_welsh_dates(tmp_path, monkeypatch):
    require_catalogue("cy")
    catalogue = load_catalogue(default_app_dir())
    data = with_accounts(alex_input(branding=council_branding()))
    # A pack with Welsh (Facebook), as it ships, and an organisation's own pack without any.
    council = make_pack("council-intranet", "Council intranet", [
        make_item("council-intranet", "profile", "Check your intranet profile"),
        make_item("council-intranet", "directory", "Hide your mobile number from the staff directory"),
    ])
    data.packs = [catalogue.packs["facebook"], council, catalogue.packs["habits"]]
    data.items = [item for pack in data.packs for item in pack.items]
    data.states = {}
    i18n.set_language("cy")
    recorder = MissesRecorded(i18n._translations)
    monkeypatch.setattr(i18n, "_translations", recorder)
    html = render_report(data)
    assert recorder.missing == set()  # every sentence of SocialSafe's own is in the catalogue
    soup = BeautifulSoup(html, "html.parser")

    assert soup.html["lang"] == "cy"
    assert soup.h1.get_text() == "Eich cynllun gweithredu preifatrwydd"
    assert "wedi'i wneud ar 21 Tachwedd 2026" in text_of(soup.header)
    assert soup.find(id="next-check").p.get_text() == "Gwiriwch eto ar 21 Chwefror 2027."
    assert soup.find("nav")["aria-label"] == "Cynnwys"

    left = soup.find(id="left")
    headings = [text_of(h) for h in left.find_all("h3")]
    assert "Arferion a pholisi" in headings  # the habits pack's Welsh name
    items = left.find_all("li", class_="item")
    welsh = [li for li in items if li.find(class_="item-title").get("lang") is None]
    english = [li for li in items if li.find(class_="item-title").get("lang") == "en-GB"]
    # Every item of the organisation's pack is English, says so, and is marked as English for
    # a screen reader.
    assert {text_of(li.find(class_="item-title")) for li in english} == {i.title for i in council.items}
    for li in english:
        assert text_of(li.find(class_="translation-note")) == "Ddim yn Gymraeg eto: yn cael ei ddangos yn Saesneg."
        assert li.find("ol", class_="steps")["lang"] == "en-GB"
    # Facebook's items are in Welsh, with no note.
    facebook_cy = {i.localised("cy").title for i in catalogue.packs["facebook"].items}
    assert facebook_cy <= {text_of(li.find(class_="item-title")) for li in welsh}
    assert not any(li.find(class_="translation-note") for li in welsh)
    assert "Hanfodol" in text_of(left)

    summary_text = text_of(soup.find(id="summary"))
    assert re.search(r"Rydych chi wedi delio â 0 o \d+ o eitemau'r rhestrau gwirio \(0%\)\.", summary_text)
    assert re.search(r"Tua \d+ awr \d+ munud ar ôl ar gyfer yr hanfodion", summary_text)


def test_the_welsh_calendar_reminder(tmp_path):
    require_catalogue("cy")
    i18n.set_language("cy")
    unfolded = render_ics(alex_input()).replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=cy:SocialSafe: gwiriwch eich preifatrwydd eto" in unfolded
    assert "DESCRIPTION;LANGUAGE=cy:Mae'n amser am eich gwiriad preifatrwydd nesaf." in unfolded
    assert "check your privacy" not in unfolded


def _data_of(data) -> list:
    """Everything in a report that is the person's or the web's own words, not SocialSafe's."""
    allow = [data.person_name, *data.private_strings, *(state.note for state in data.states.values())]
    for f in data.findings:
        allow += [f.title, f.url, f.snippet, f.note]
    for s in data.searches:
        allow += [s.text, s.note]
    for hit in data.accounts:
        allow += [hit.site, hit.username, hit.address or "", hit.note]
    allow += [c.username for c in data.account_checks]
    for info in [*data.account_deletion.values(), *data.finding_deletion.values()]:
        allow += [info.name, info.email or "", info.url or ""]
    if data.changes is not None:  # pages found at the check before, gone since
        for change in (*data.changes.new, *data.changes.gone, *data.changes.still_there):
            for finding in (getattr(change, "now", None), getattr(change, "before", None)):
                if finding is not None:
                    allow += [finding.title, finding.url, finding.note]
    if data.branding is not None:
        allow += [data.branding.name, data.branding.footer or ""]
        allow += [part for contact in data.branding.contacts for part in contact]
    return [a for a in allow if a]


def test_in_the_pseudo_language_the_report_has_no_english_left():
    data = with_accounts(alex_input(branding=council_branding()))
    i18n.set_language(i18n.PSEUDO)
    html = render_report(data)
    texts = visible_html_texts(html)
    assert texts and BeautifulSoup(html, "html.parser").html["lang"] == "en-GB-x-pseudo"
    assert untranslated(texts, allow=_data_of(data)) == []
    # Redacted, the organisation's own words may be cut up by what is hidden: any word of them.
    redacted = render_report(data, redact=True)
    words = [word for value in _data_of(data) for word in re.split(r"[\s,:.@/]+", value) if word]
    assert untranslated(visible_html_texts(redacted), allow=_data_of(data) + words) == []


def test_in_the_pseudo_language_the_demo_report_and_its_reminder_have_no_english_left(tmp_path):
    from socialsafe_desktop.app.report import build_report_input
    from socialsafe_desktop.cli import open_session
    from socialsafe_desktop.paths import resolve_paths

    i18n.set_language(i18n.PSEUDO)
    session = open_session(resolve_paths(tmp_path / "data"), demo=True)
    try:
        data = build_report_input(session, generated_at=datetime(2026, 11, 21, 10, 30))
    finally:
        session.close()
    assert data.changes is not None  # the demo is a re-check: What changed is in its report
    html = render_report(data, ics_name="plan.ics")
    assert untranslated(visible_html_texts(html), allow=_data_of(data) + ["plan.ics"]) == []
    calendar = render_ics(data).replace("\r\n ", "")
    texts = [line.split(":", 1)[1] for line in calendar.split("\r\n") if line.startswith(("SUMMARY", "DESCRIPTION"))]
    assert len(texts) == 3 and untranslated(texts) == []


def test_the_checker_finds_english_that_was_never_translated():
    i18n.set_language(i18n.PSEUDO)
    marked = i18n._("Saved {n} pages.").format(n=3)
    assert untranslated([marked, "12 / 3 · —", "https://example.org/x"]) == []
    assert untranslated([f"{marked} Then close it."]) == [f"{marked} Then close it."]
    assert untranslated(["Alex Example"], allow=["Alex Example"]) == []
