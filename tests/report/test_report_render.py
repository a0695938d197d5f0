"""The report's content and form, checked by parsing the HTML (no browser needed)."""

from __future__ import annotations

import re
from datetime import date, datetime
from importlib import resources

import pytest
from bs4 import BeautifulSoup
from report_fixtures import (
    HOSTILE_NAME,
    alex_input,
    alex_profile,
    council_branding,
    make_item,
    make_pack,
)

from socialsafe_desktop.core.audit import SUGGESTED_ACTIONS
from socialsafe_desktop.core.contrast import contrast_ratio as contrast
from socialsafe_desktop.core.estimate import TimeEstimate
from socialsafe_desktop.report import ReportBranding, render_report
from socialsafe_desktop.report.redact import Redactor
from socialsafe_desktop.report.render import environment, readable_accent, short_duration

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def section(soup: BeautifulSoup, section_id: str):
    found = soup.find("section", id=section_id)
    assert found is not None, section_id
    return found


def text_of(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def table_rows(node, caption: str) -> dict[str, list[str]]:
    """A table's body and footer rows, by their heading cell, found by the table's caption."""
    table = next(t for t in node.find_all("table") if text_of(t.caption) == caption)
    return {text_of(tr.th): [text_of(td) for td in tr.find_all("td")]
            for tr in table.find_all("tr") if tr.find("td")}


# --- form -------------------------------------------------------------------------------


def test_document_is_self_contained_with_csp_language_and_landmarks(alex_branded):
    html = render_report(alex_branded)
    soup = soup_of(html)
    assert html.startswith("<!DOCTYPE html>")
    assert soup.html["lang"] == "en-GB"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp["content"] == CSP
    for landmark in ("header", "main", "footer", "nav"):
        assert len(soup.find_all(landmark)) == 1, landmark
    assert soup.find("nav")["aria-label"] == "Contents"
    # Nothing that could load or run anything.
    assert not soup.find_all(["script", "link", "iframe", "object", "embed", "form", "base", "button"])
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith("data:image/png;base64,")
    style = soup.find("style").string
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert not soup.find_all(style=re.compile(r"url\("))


def test_headings_start_at_h1_and_never_skip_a_level(alex_branded):
    soup = soup_of(render_report(alex_branded))
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels
    assert max(levels) == 3


def test_every_link_is_http_or_an_anchor_on_the_page_and_external_ones_are_noopener(alex_branded):
    soup = soup_of(render_report(alex_branded))
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    external = 0
    for a in soup.find_all("a"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert re.match(r"https?://", href), href
            assert a["rel"] == ["noopener", "noreferrer"]
            external += 1
    assert external >= 8


def test_print_stylesheet_is_a4_with_links_spelled_out_and_no_navigation(alex):
    style = soup_of(render_report(alex)).find("style").string
    assert "@page { size: A4; margin: 15mm; }" in style
    print_css = style[style.index("@media print"):]
    assert 'a[href]::after { content: " (" attr(href) ")"' in print_css
    assert re.search(r"nav[^{]*\{ display: none", print_css)
    assert "break-inside: avoid" in print_css
    assert "max-width: 48rem" in style and "font-size: 1.0625rem" in style


# --- content ----------------------------------------------------------------------------


def test_header_names_the_person_and_the_date(alex):
    soup = soup_of(render_report(alex))
    header = text_of(soup.header)
    assert "Your privacy action plan" in soup.h1.get_text()
    assert "Alex Example" in header and "21 November 2026" in header
    assert "Demo" not in header
    assert soup.title.get_text() == "Privacy action plan: Alex Example"


def test_demo_report_says_so_in_the_header_and_title(alex):
    alex.demo = True
    soup = soup_of(render_report(alex))
    assert "Demo — fictional person" in text_of(soup.header)
    assert soup.title.get_text().startswith("Demo")


def test_summary_counts_come_from_core_progress_per_platform_and_overall(alex):
    soup = soup_of(render_report(alex))
    summary = section(soup, "summary")
    assert "3 of 8 checklist items (38%)" in text_of(summary)
    # Two pages to act on (5 + 15 minutes) and the checklist items left (11 essential, 12 in all).
    assert "About 31 minutes left for the essentials, 32 minutes for everything." in text_of(summary)
    rows = table_rows(summary, "Progress by checklist")
    assert rows["Facebook"] == ["1", "1", "1", "1", "8 min"]
    assert rows["Instagram may be out of date"] == ["0", "0", "0", "2", "2 min"]
    assert rows["Habits and policy"] == ["1", "0", "0", "1", "2 min"]
    assert rows["All"] == ["2", "1", "1", "4", "12 min"]


def test_summary_splits_the_time_left_so_it_agrees_with_the_checklist_table(alex):
    summary = section(soup_of(render_report(alex)), "summary")
    parts = table_rows(summary, "Where the time left goes")
    # The same 31 and 32 minutes as the sentence above it: two pages to act on (20 minutes),
    # then the checklist items, whose "everything" is the progress table's last column.
    assert parts == {"Dealing with what you found": ["20 min", "20 min"],
                     "Checklist items": ["11 min", "12 min"],
                     "Total": ["31 min", "32 min"]}
    assert table_rows(summary, "Progress by checklist")["All"][-1] == parts["Checklist items"][1]
    headings = [text_of(th) for th in summary.find_all("th", scope="col")]
    assert "Checklist time left" in headings and "Time left" not in headings


def test_nothing_left_leaves_out_the_time_table(alex):
    done = alex_input(estimate=TimeEstimate(0, 0, 0, 0, 0))
    summary = section(soup_of(render_report(done)), "summary")
    assert "Where the time left goes" not in text_of(summary)
    assert "Nothing is left to do." in text_of(summary)


def test_next_three_actions_are_what_was_found_first_then_the_quickest_essential(alex):
    soup = soup_of(render_report(alex))
    actions = section(soup, "next").find_all("li", class_="item")
    shown = [text_of(li.find(class_="item-title")) for li in actions]
    # The two pages marked "needs action" (5 and 15 minutes), then the quickest essential item.
    assert shown == ["Alex Example | Facebook", "About me - alex.example@example.org", "Make your account private"]
    first = actions[0]
    assert first.find("a", string="Open the page")["href"] == "https://www.facebook.com/alexex_teach"
    assert "Your note: Public photos from Lexi's 30th" in text_of(first)
    assert "Change who can see it" in text_of(first)
    third = actions[2]
    assert third.find("a")["href"] == "https://www.instagram.com/accounts/privacy_and_security/"
    assert "About 1 min" in text_of(third)


def test_everything_left_is_grouped_by_platform_with_steps_and_settings_links(alex):
    soup = soup_of(render_report(alex))
    left = section(soup, "left")
    assert [text_of(h) for h in left.find_all("h3")] == ["Facebook", "Instagram", "Habits and policy"]
    fb_list = left.find("h3", id="pack-facebook").find_next_sibling("ul")
    titles = [text_of(li.find(class_="item-title")) for li in fb_list.find_all("li", class_="item")]
    # Done and "not for me" items are not left; essentials first, quickest first.
    assert titles == ["Limit who can see your past posts", "Review tags before they appear"]
    later = fb_list.find_all("li", class_="item")[0]
    assert "you chose “Later”" in text_of(later)
    assert "Your note: Ask Alex Sample's sister first" in text_of(later)
    assert [text_of(s) for s in later.find("ol", class_="steps").find_all("li")] == [
        "Open the settings for limit who can see your past posts.", "Choose the safer option."]
    link = later.find("a")
    assert link["href"] == "https://www.facebook.com/settings?tab=privacy"
    assert text_of(link) == "Open the Facebook settings page"


def test_stale_pack_is_marked_may_be_out_of_date_and_fresh_ones_are_not(alex):
    soup = soup_of(render_report(alex))
    left = section(soup, "left")
    ig_note = left.find("h3", id="pack-instagram").find_next_sibling("p")
    assert "may be out of date" in text_of(ig_note) and "1 June 2025" in text_of(ig_note)
    fb_next = left.find("h3", id="pack-facebook").find_next_sibling()
    assert fb_next.name == "ul"  # no warning for a pack reviewed this month
    assert "Instagram: last checked on 1 June 2025" in text_of(section(soup, "summary"))


def test_only_findings_that_need_action_are_listed_with_how_they_were_found(alex):
    soup = soup_of(render_report(alex))
    findings = section(soup, "findings").find_all("li", class_="finding")
    assert len(findings) == 2
    first = text_of(findings[0])
    assert "https://www.facebook.com/alexex_teach" in first
    assert findings[0].find("a", class_="url")["href"] == "https://www.facebook.com/alexex_teach"
    assert '"Alex Example" teacher' in first and '"alexex_teach"' in first
    assert SUGGESTED_ACTIONS["change_privacy"] in first
    assert "Public photos from Lexi's 30th" in first
    assert findings[0].find("a", href="#pack-facebook") is not None
    assert SUGGESTED_ACTIONS["ask_site"] in text_of(findings[1])
    html = render_report(alex)
    assert "other-alex" not in html  # "not me", with no note: not listed anywhere
    assert "linkedin.com/in/alex-example" not in text_of(section(soup, "findings"))
    assert "linkedin.com/in/alex-example" in text_of(section(soup, "searches"))  # "me, fine": listed there


def test_unknown_search_and_missing_action_are_explained(alex):
    alex.findings[0].found_by = ["gone"]
    alex.findings[0].action = ""
    first = text_of(section(soup_of(render_report(alex)), "findings").find("li", class_="finding"))
    assert "a search you have since removed" in first
    assert "No action chosen yet" in first


def test_done_items_are_listed_with_their_dates(alex):
    done = text_of(section(soup_of(render_report(alex)), "done"))
    assert "Set who can see your future posts — done on 20 November 2026" in done
    assert "Hide your friends list — not for me on 20 November 2026" in done
    assert "Ask yourself: would I say this to their face? — done on 19 November 2026" in done
    assert "Make your account private" not in done


def test_habits_come_from_the_habits_pack_when_present(alex):
    habits = text_of(section(soup_of(render_report(alex)), "habits"))
    assert "Ask yourself: would I say this to their face?" in habits
    assert "correct, acknowledge, apologise" in habits
    assert "social media policy applies to you outside work" in habits


def test_habits_fall_back_to_fixed_reminders_without_a_habits_pack(alex):
    alex.packs = [p for p in alex.packs if p.kind != "habits"]
    alex.items = [i for i in alex.items if i.pack_id != "habits"]
    habits = text_of(section(soup_of(render_report(alex)), "habits"))
    assert "Think before you post" in habits
    assert "Correct it, acknowledge it and apologise" in habits
    assert "views are your own" in habits


def test_next_check_date_and_calendar_file_are_mentioned(alex):
    text = text_of(section(soup_of(render_report(alex, ics_name="plan.ics")), "next-check"))
    assert "21 February 2027" in text and "plan.ics" in text
    assert "calendar file" not in text_of(section(soup_of(render_report(alex)), "next-check"))


def test_help_without_branding_points_to_people_at_work(alex):
    soup = soup_of(render_report(alex))
    assert "manager, HR or your safeguarding lead" in text_of(section(soup, "help"))
    assert soup.find(class_="org") is None
    assert "branded" not in soup.header["class"]


def test_empty_audit_still_renders_with_plain_messages(alex):
    alex.items, alex.states, alex.findings = [], {}, []
    soup = soup_of(render_report(alex))
    assert "not chosen any checklists" in text_of(section(soup, "summary"))
    assert "Nothing is left to do" in text_of(section(soup, "next"))
    assert "did not mark any page or search as needing action" in text_of(section(soup, "findings"))
    assert "not marked anything as done" in text_of(section(soup, "done"))


def test_item_without_its_pack_is_still_listed(alex):
    alex.items.append(make_item("mastodon", "private", "Lock your account"))
    left = section(soup_of(render_report(alex)), "left")
    assert "Lock your account" in text_of(left)
    assert text_of(left.find_all("h3")[-1]) == "mastodon"


# --- branding ---------------------------------------------------------------------------


def test_branding_shows_name_logo_contacts_policy_and_footer(alex_branded):
    soup = soup_of(render_report(alex_branded))
    assert "Example Borough Council" in text_of(soup.header)
    assert soup.header.find("img")["alt"] == "Example Borough Council logo"
    help_text = text_of(section(soup, "help"))
    assert "Designated safeguarding lead" in help_text and "Sam Officer, dsl@council.example.org" in help_text
    # An email address is not http(s): shown, not linked; the intranet page is linked.
    assert section(soup, "help").find("a", href=re.compile("dsl@")) is None
    assert section(soup, "help").find("a", href="https://intranet.example.org/social-media")
    assert section(soup, "help").find("a", href="https://intranet.example.org/policies/social-media")
    assert "staff guidance, version 3" in text_of(soup.footer)


def test_light_accent_is_darkened_until_white_text_reaches_4_5_to_1(alex_branded):
    html = render_report(alex_branded)
    colour = re.search(r"header\.site\.branded \{ background: (#[0-9a-f]{6})", html).group(1)
    assert colour != "#f0b400"
    assert contrast(colour, "#ffffff") >= 4.5
    assert contrast(readable_accent("#f0b400"), "#ffffff") >= 4.5


@pytest.mark.parametrize("accent", ["#003366", "#1D4F91"])
def test_dark_enough_accent_is_kept(accent):
    assert readable_accent(accent.lower()) == accent.lower()
    assert ReportBranding("Org", accent_colour=accent).valid_accent == accent.lower()


@pytest.mark.parametrize("field,value", [
    ("accent_colour", "red"), ("accent_colour", "#fff"), ("accent_colour", "#12345g"),
    ("logo_data_uri", "https://cdn.example.net/logo.png"),
    ("logo_data_uri", "data:image/gif;base64,R0lGODlhAQABAAAAACw="),
    ("logo_data_uri", "data:text/html;base64,PHNjcmlwdD4="),
    ("logo_data_uri", "data:image/png;base64,not base64!"),
    ("policy_url", "javascript:alert(1)"), ("policy_url", "file:///etc/passwd"),
])
def test_invalid_branding_values_are_ignored(alex, field, value):
    alex.branding = council_branding(**{field: value})
    html = render_report(alex)
    soup = soup_of(html)
    if field == "accent_colour":
        assert "branded" not in soup.header["class"]
    if field == "logo_data_uri":
        assert soup.find("img") is None and value not in html
    if field == "policy_url":
        assert value not in html and "Read your organisation" not in html
    assert "Example Borough Council" in text_of(soup.header)


# --- hostile data -----------------------------------------------------------------------


def test_hostile_text_is_escaped_and_hostile_urls_are_never_links(hostile):
    html = render_report(hostile)
    soup = soup_of(html)
    assert soup.find_all("script") == []
    assert soup.find_all(["img", "b", "i"]) == []  # the logo URL was not a data URI
    for tag in soup.find_all(href=True):
        assert tag["href"].startswith("#") or re.match(r"https?://", tag["href"]), tag["href"]
    for tag in soup.find_all(True):
        assert not any(attr.lower().startswith("on") for attr in tag.attrs), tag
    body = soup.body.get_text()
    # The hostile strings are there as visible text, not as markup.
    assert "<script>alert('name')</script>Mallory" in body
    assert "<script>alert('title')</script>" in body
    assert "javascript:alert('finding')" in body
    assert "javascript:alert('settings')" in body
    assert "<a href='javascript:alert(4)'>query</a>" in body
    assert "&lt;script&gt;alert(&#39;name&#39;)" in html
    # A quote in a URL cannot break out of the attribute.
    link = soup.find("a", href=re.compile("ok.example.net"))
    assert link["href"] == 'https://ok.example.net/"onmouseover="alert(3)'
    assert "onmouseover" not in link.attrs


def test_control_characters_and_bidi_overrides_are_neutralised(hostile):
    html = render_report(hostile)
    for ch in ("\u202e", "\u202c", "\x07", "\x00", "\x1b"):
        assert ch not in html
    body = soup_of(html).body.get_text()
    assert "Mallory\ufffdevil\ufffd" in body
    assert "Bell\ufffdand\ufffdnul" in body
    assert HOSTILE_NAME not in body


def test_hostile_branding_cannot_inject_css(hostile):
    style = soup_of(render_report(hostile)).find("style").string
    assert "</style" not in style and "alert" not in style and "red;" not in style


def test_lone_surrogates_do_not_break_rendering_or_encoding(alex):
    alex.findings[0].note = "broken \ud800 surrogate"
    html = render_report(alex)
    html.encode("utf-8")  # would raise on a lone surrogate
    assert "broken \ufffd surrogate" in html


# --- redaction --------------------------------------------------------------------------


def _secrets(data) -> list[str]:
    profile = alex_profile()
    secrets = set(data.private_strings)
    secrets |= {n.text for n in profile.names} | {part for n in profile.names for part in n.text.split()}
    secrets |= {h.text.lstrip("@") for h in profile.handles} | set(profile.emails)
    secrets |= {f.url for f in data.findings} | {f.normalised_url for f in data.findings}
    secrets |= set(data.search_labels.values()) | {"7700900123", "07700 900123", "alexexample"}
    return sorted(secrets)


def test_redacted_report_contains_no_name_handle_email_phone_url_or_query(alex_branded, tmp_path):
    alex_branded.findings[1].note = "Same as 07700900123 and ALEX.EXAMPLE@EXAMPLE.ORG"
    html = render_report(alex_branded, redact=True).lower()
    for secret in _secrets(alex_branded):
        assert secret.lower() not in html, secret
    soup = soup_of(html)
    assert "name hidden" in text_of(soup.header)


def test_redacted_findings_say_what_kind_of_page_and_how_many_searches(alex):
    soup = soup_of(render_report(alex, redact=True))
    findings = [text_of(li) for li in section(soup, "findings").find_all("li", class_="finding")]
    assert "a Facebook page" in findings[0] and "2 of your searches" in findings[0]
    assert "a web page" in findings[1] and "1 of your searches" in findings[1]
    # No title, address or note at all: nothing checks what else they say.
    assert "| Facebook" not in findings[0] and "Public photos" not in findings[0]
    assert section(soup, "findings").find("a", class_="url") is None
    assert "Public photos" not in render_report(alex, redact=True)


def test_redacted_report_keeps_checklist_settings_links(alex):
    soup = soup_of(render_report(alex, redact=True))
    hrefs = {a["href"] for a in soup.find_all("a", href=re.compile("^https://"))}
    assert "https://www.facebook.com/settings?tab=privacy" in hrefs
    assert "https://www.instagram.com/accounts/privacy_and_security/" in hrefs


def test_redaction_also_covers_our_own_words_but_never_the_css():
    # A surname that is also an everyday word must not survive anywhere, not even in
    # headings we wrote ("Your next check"); the stylesheet must stay intact.
    data = alex_input(person_name="Robin Check", private_strings=["Robin Check", "Robin", "Check", "Page"])
    html = render_report(data, redact=True)
    soup = soup_of(html)
    visible = soup.get_text(" ").lower() + " ".join(img.get("alt", "") for img in soup.find_all("img"))
    assert "check" not in visible and "robin" not in visible
    assert "@page { size: A4" in html and ".page {" in html
    assert soup.find("h2", id="next-check-h").get_text() == "Your next [hidden]"


def test_redaction_hides_the_person_name_even_if_private_strings_miss_it(alex):
    alex.private_strings = []
    alex.findings[0].note = "Tagged as Alex Example at the fair"
    html = render_report(alex, redact=True).lower()
    assert "alex" not in html and "example" not in html


def test_redactor_hides_phone_numbers_however_they_are_written():
    redactor = Redactor(["+44 7700 900123"])
    for written in ("+44 7700 900123", "+447700900123", "07700 900123", "07700-900-123", "(07700) 900123"):
        assert redactor(f"call {written} now") == "call [hidden] now", written
    assert redactor("call 7700 900 999") == "call 7700 900 999"
    # Two letters are a whole word (case-insensitive): "Al" must not eat "ALBUM".
    assert Redactor(["Al"])("ALBUM, AL and al") == "ALBUM, [hidden] and [hidden]"


def test_redactor_prefers_the_longest_match():
    redactor = Redactor(["Alex", "Alex Example", "Example"])
    assert redactor("Alex Example wrote") == "[hidden] wrote"


def test_redaction_is_off_by_default(alex):
    html = render_report(alex)
    assert "Alex Example" in html and "[hidden]" not in html


# --- helpers and engine -----------------------------------------------------------------


@pytest.mark.parametrize("minutes,short", [(0, "0 min"), (7, "7 min"), (60, "1 h"), (135, "2 h 15 min")])
def test_short_duration_for_the_table(minutes, short):
    assert short_duration(minutes) == short


def test_templates_are_package_data_matched_by_one_glob():
    # pyproject's package-data lists "templates/*.j2": a template with another suffix would
    # be missing from the wheel and the PyInstaller bundle.
    folder = resources.files("socialsafe_desktop.report").joinpath("templates")
    names = sorted(entry.name for entry in folder.iterdir())
    assert names == ["evidence.html.j2", "report.html.j2", "style.css.j2"]


def test_templates_load_through_importlib_resources_with_autoescape_on():
    env = environment()
    assert env.autoescape is True
    template = env.get_template("report.html.j2")
    assert environment().get_template("report.html.j2") is template  # compiled once, cached
    assert env.loader.get_source(env, "style.css.j2")[0].startswith("{#")


def test_stale_is_measured_from_the_report_date_not_today(alex):
    # Reviewed 7 months before the report was made: fresh then, even though it is over a
    # year old today. Re-rendering an old audit must not change what it said.
    alex.generated_at = datetime(2025, 1, 10, 9, 0)
    alex.packs = [make_pack("instagram", "Instagram", alex.packs[1].items, reviewed=date(2024, 6, 1))
                  if p.id == "instagram" else p for p in alex.packs]
    assert (date.today() - date(2024, 6, 1)).days > 365
    summary = text_of(section(soup_of(render_report(alex)), "summary"))
    assert "may be out of date" not in summary


# --- forgotten accounts ------------------------------------------------------------------------


def test_forgotten_accounts_to_close_closed_and_kept_with_how_to_close_each():
    from report_fixtures import with_accounts

    soup = soup_of(render_report(with_accounts(alex_input())))
    accounts = section(soup, "accounts")
    text = re.sub(r"\s+", " ", accounts.get_text())
    assert "You checked 1 username (lexi.sample) against 7 sites. 5 sites said they have an account under it, " \
           "and 1 could not be checked." in text
    for line in ("To close: 1", "Closed: 1", "Yours, kept: 1", "Not yours: 1", "Not decided yet: 1"):
        assert line in text
    [to_close] = accounts.find_all("li", class_="account")
    assert "Your account on Old Forum" in text_of(to_close)
    assert "Hard: only by writing to the service or its support." in text_of(to_close)
    assert "privacy@old-forum.example.net" in text_of(to_close) and "From my student days" in text_of(to_close)
    links = {a["href"]: text_of(a) for a in to_close.find_all("a")}
    assert links == {"https://old-forum.example.net/u/lexi.sample": "https://old-forum.example.net/u/lexi.sample",
                     "https://old-forum.example.net/help/delete-account": "How to close your Old Forum account"}
    assert "Tune Box (lexi.sample) — closed on 2 October 2026" in text
    assert "Photo Place (lexi.sample)" in text and "Instagram checklist" in text
    assert "Someone Else" not in text and "Not Looked At" not in text  # counted, not listed
    # The account to close is ranked with what was found: after the 5- and 15-minute pages.
    titles = [text_of(li.find(class_="item-title")) for li in section(soup, "next").find_all("li", class_="item")]
    assert titles[2] == "Close your account on Old Forum"
    # A page found on a service the deletion directory knows gets "How to delete this account".
    finding_links = [text_of(a) for a in section(soup, "findings").find_all("a")]
    assert "How to delete this account (Facebook, medium)" in finding_links


def test_the_redacted_report_counts_forgotten_accounts_and_names_none():
    from report_fixtures import with_accounts

    html = render_report(with_accounts(alex_input()), redact=True)
    accounts = section(soup_of(html), "accounts")
    assert "To close: 1" in text_of(accounts) and "Not yours: 1" in text_of(accounts)
    assert accounts.find("a") is None and accounts.find(class_="account") is None
    for private in ("lexi.sample", "Old Forum", "Tune Box", "Photo Place", "old-forum.example.net",
                    "From my student days", "delete_account"):
        assert private not in html, private
    assert "Close a forgotten account" in text_of(section(soup_of(html), "next"))


def test_hostile_account_data_is_never_markup_or_a_link():
    from report_fixtures import hostile_input

    html = render_report(hostile_input())
    assert "<script>alert('site')" not in html
    soup = soup_of(html)
    accounts = section(soup, "accounts")
    assert "<script>alert('site')</script>" in text_of(accounts)  # shown as text
    assert accounts.find("script") is None and accounts.find("img") is None
    assert all(a["href"].startswith(("https://", "#")) for a in soup.find_all("a", href=True))
