"""The evidence log: pages kept with the person's own files, copied and hashed, exported for a
safeguarding lead or the police, never in a report, and gone after forget."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialsafe_desktop.app.evidence import EvidenceError
from socialsafe_desktop.app.report import build_report_input
from socialsafe_desktop.core.audit import Finding
from socialsafe_desktop.core.evidence import HARASSMENT, IMPERSONATION
from socialsafe_desktop.core.profile import PersonName, Profile
from socialsafe_desktop.report import render_report
from socialsafe_desktop.report.evidence import EvidenceExportError
from socialsafe_desktop.search.results import SearchResult

HOSTILE_TITLE = "Fake Sam Doe <script>alert(1)</script> & \u202eevil"
NOTE = "Reported to the head on Monday; the account messages my pupils"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def kept(session, tmp_path):
    session.save_profile(Profile([PersonName("Sam Doe")]))
    session.set_platform("tiktok", True)
    session.plan.sync()
    search = session.plan.searches()[0]
    session.findings.record_results(search.id, [
        SearchResult("https://www.tiktok.com/@sam.doe.fake", HOSTILE_TITLE, "Follow me for staff gossip", "duckduckgo")])
    finding = session.findings.all()[0]
    item = session.evidence.keep(finding.normalised_url, IMPERSONATION, NOTE)
    shots = tmp_path / "my screenshots"
    shots.mkdir()
    first = shots / "Screenshot 2026-06-01 at 20.15.png"
    first.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))
    second = shots / "messages; to pupils.JPG"
    second.write_bytes(os.urandom(5000))
    files = [session.evidence.add_file(item.id, first), session.evidence.add_file(item.id, second)]
    return finding, session.evidence.item(item.id), [first, second], files


def test_files_are_copied_into_the_private_evidence_folder_with_their_hashes(session, kept, tmp_path):
    _finding, item, sources, files = kept
    folder = tmp_path / "evidence"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(item.files) == 2
    for source, record in zip(sources, files, strict=True):
        copy = folder / record.stored_name
        assert copy.read_bytes() == source.read_bytes()
        assert record.sha256 == sha(source.read_bytes()) and record.size == source.stat().st_size
        assert record.original_name == source.name
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert re.fullmatch(r"ev-[0-9a-f]{32}\.(png|jpg)", copy.name)
    # The person's own files are untouched, and only copies are in the folder.
    assert all(s.exists() for s in sources)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.stored_name for f in files)


def test_the_time_seen_is_kept_in_local_time_and_utc_and_the_page_as_found(kept):
    finding, item, _sources, _files = kept
    assert item.seen_local.utcoffset() is not None and item.seen_utc.utcoffset().total_seconds() == 0
    assert item.seen_local == item.seen_utc  # one moment, two zones
    assert item.seen_local.replace(tzinfo=None) == finding.first_seen
    assert (item.url, item.title, item.snippet, item.note, item.kind) == (
        finding.url, finding.title, "Follow me for staff gossip", NOTE, IMPERSONATION)


def test_what_is_not_an_ordinary_file_is_refused_with_one_sentence(session, kept, tmp_path):
    _finding, item, _sources, _files = kept
    with pytest.raises(EvidenceError) as info:
        session.evidence.add_file(item.id, tmp_path)  # a folder
    assert "not an ordinary file" in str(info.value) or "could not be read" in str(info.value)
    with pytest.raises(EvidenceError):
        session.evidence.add_file(item.id, tmp_path / "missing.png")
    assert len(session.evidence.item(item.id).files) == 2
    assert not [p for p in (tmp_path / "evidence").iterdir() if p.name.endswith(".part")]


def check_export(root: Path, files_on_disk: dict[str, bytes], kept_files) -> None:
    index = (root / "index.html").read_text("utf-8")
    assert "<script" not in index.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index and "\u202e" not in index
    assert "Content-Security-Policy" in index and "default-src 'none'" in index
    sums = (root / "SHA256SUMS.txt").read_text("utf-8").splitlines()
    assert len(sums) == 2
    for line in sums:
        digest, name = line.split("  ", 1)
        assert sha(files_on_disk[name]) == digest  # the hash listed is the hash of the file exported
        assert digest in index
    assert sorted(sha(b) for b in files_on_disk.values()) == sorted(f.sha256 for f in kept_files)
    assert NOTE in index and "UTC" in index
    assert "tiktok.com/@sam.doe.fake" in index


def test_export_to_a_folder_lists_files_with_hashes_that_match_them(session, kept, tmp_path):
    _finding, _item, _sources, files = kept
    target = tmp_path / "for the safeguarding lead"
    outcome = session.evidence.export(target)
    on_disk = {str(p.relative_to(target)): p.read_bytes() for p in (target / "files").iterdir()}
    check_export(target, on_disk, files)
    assert outcome.mismatched == []
    with pytest.raises(EvidenceExportError):  # never into a folder that has things in it
        session.evidence.export(target)


def test_export_to_a_zip_and_a_changed_copy_is_called_out(session, kept, tmp_path):
    _finding, _item, _sources, files = kept
    archive_path = tmp_path / "evidence.zip"
    session.evidence.export(archive_path, as_zip=True)
    with zipfile.ZipFile(archive_path) as archive:
        archive.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / "evidence"
    on_disk = {str(p.relative_to(root)): p.read_bytes() for p in (root / "files").iterdir()}
    check_export(root, on_disk, files)

    (tmp_path / "evidence" / files[0].stored_name).write_bytes(b"changed afterwards")
    outcome = session.evidence.export(tmp_path / "again")
    assert [f.original_name for f in outcome.mismatched] == [files[0].original_name]
    assert "has changed since it was added" in (tmp_path / "again" / "index.html").read_text()


def test_the_platforms_report_route_is_shown_beside_the_evidence(session, kept, tmp_path):
    _finding, item, _sources, _files = kept
    route = session.evidence.report_route(item)
    assert route is not None and route.platform == "TikTok"
    assert route.url == session.catalogue.pack("tiktok").report_url
    session.evidence.export(tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text()
    assert f'href="{route.url}"' in index and "report impersonation or harassment" in index
    # A page on a site with no known route: none is made up.
    assert session.evidence.report_route(replace(item, platform=None, url="https://blog.example.org/x")) is None


def test_no_report_carries_the_evidence_and_the_full_one_only_counts_it(session, kept):
    finding, item, _sources, files = kept
    data = build_report_input(session, generated_at=datetime(2026, 6, 2, 10, 0))
    full = render_report(data)
    redacted = render_report(data, redact=True)
    assert "You keep 1 page in SocialSafe" in full
    for text in (full, redacted):
        assert NOTE not in text and "sam.doe.fake" not in text and "Screenshot" not in text
        assert all(f.sha256 not in text and f.stored_name not in text for f in files)
    assert "evidence" not in redacted.lower()


def test_kind_note_and_removing_an_item_deletes_its_copies(session, kept, tmp_path):
    _finding, item, _sources, files = kept
    assert session.evidence.set_kind(item.id, HARASSMENT) and session.evidence.set_note(item.id, "new note")
    again = session.evidence.item(item.id)
    assert (again.kind, again.note) == (HARASSMENT, "new note")
    assert session.evidence.remove_file(files[1])
    assert not (tmp_path / "evidence" / files[1].stored_name).exists()
    assert session.evidence.remove(item.id)
    assert session.evidence.items() == [] and list((tmp_path / "evidence").iterdir()) == []


def test_forget_removes_the_evidence_and_nothing_of_the_persons(tmp_path, monkeypatch):
    from socialsafe_desktop.app.backend import RealBackend
    from socialsafe_desktop.app.session import AuditSession
    from socialsafe_desktop.cli import main
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.store import AuditStore

    paths = resolve_paths(tmp_path / "data")
    paths.ensure()
    store = AuditStore.open(paths.database)
    session = AuditSession(store, RealBackend(lambda url: True))
    store.record_findings([Finding("https://example.org/fake", "https://example.org/fake", "Fake")])
    item = session.evidence.keep("https://example.org/fake", IMPERSONATION)
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"png")
    record = session.evidence.add_file(item.id, shot)
    mine = paths.data_dir / "evidence" / "my own notes.txt"  # not SocialSafe's: must stay
    mine.write_text("mine")
    session.close()
    assert (paths.data_dir / "evidence" / record.stored_name).exists()

    assert main(["--data-dir", str(paths.data_dir), "forget", "--yes"]) == 0
    assert not (paths.data_dir / "evidence" / record.stored_name).exists()
    assert mine.read_text() == "mine" and shot.exists()


def test_times_are_shown_in_both_zones_whatever_the_computers_zone(monkeypatch):
    from socialsafe_desktop.app.evidence import local_and_utc

    local, utc = local_and_utc(datetime(2026, 6, 1, 20, 15, 0, tzinfo=UTC))
    assert local == utc and utc.tzinfo == UTC and local.utcoffset() is not None
