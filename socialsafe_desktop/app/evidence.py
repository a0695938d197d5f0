"""The evidence log: keeping a page found as evidence of abuse, impersonation or harassment,
adding the person's own files (screenshots they took), and exporting it all for a
safeguarding lead, the police or a platform's report form.

Files are copied into the data folder's own evidence folder (private to the person, 0700),
under names SocialSafe makes (core/evidence), and never written anywhere else; each copy's
SHA-256 is worked out while copying and recorded. "forget" removes the folder's files.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..core import filemodes
from ..core.evidence import EVIDENCE_DIR, EVIDENCE_KINDS, EvidenceFile, EvidenceItem, stored_suffix
from ..core.i18n import _
from ..core.links import is_openable_url
from ..core.text import one_line

MAX_FILE_BYTES = 200 * 1024 * 1024  # a screenshot or a screen recording, not a disk image
NOTE_MAX = 4000
_CHUNK = 1024 * 1024


class EvidenceError(Exception):
    """Something could not be kept; str() is one sentence for the person."""


@dataclass(frozen=True)
class ReportRoute:
    platform: str  # the platform's name
    url: str       # its own page for reporting impersonation and harassment


def local_and_utc(moment: datetime) -> tuple[datetime, datetime]:
    """The same moment in this computer's time zone (with its offset) and in UTC. A time with
    no zone is taken as this computer's local time, as the store writes them."""
    local = moment.astimezone()  # naive: read as local; aware: converted
    return local, local.astimezone(UTC)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class EvidenceLog:
    def __init__(self, session) -> None:
        self.session = session

    @property
    def store(self):
        return self.session.store

    @property
    def folder(self) -> Path:
        return Path(self.session.data_folder) / EVIDENCE_DIR

    def items(self) -> list[EvidenceItem]:
        """Everything kept, from every audit, oldest first."""
        return self.store.evidence()

    def count(self) -> int:
        return len(self.items())

    def for_page(self, normalised_url: str) -> EvidenceItem | None:
        """What this audit keeps about a page, if anything."""
        return next((e for e in self.store.evidence(self.store.audit_id) if e.normalised_url == normalised_url),
                    None)

    def item(self, evidence_id: int) -> EvidenceItem | None:
        return next((e for e in self.items() if e.id == evidence_id), None)

    def path_of(self, file: EvidenceFile) -> Path:
        return self.folder / file.stored_name

    # --- keeping ---------------------------------------------------------------------------

    def keep(self, normalised_url: str, kind: str, note: str = "") -> EvidenceItem | None:
        """Keep a page of this audit as evidence: its address, title and snippet as found, and
        when SocialSafe first recorded it (local time and UTC). None when it was not saved."""
        if kind not in EVIDENCE_KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        finding = next((f for f in self.store.findings() if f.normalised_url == normalised_url), None)
        if finding is None:
            raise EvidenceError(_("That page is not in this audit any more, so it cannot be kept as evidence."))
        local, utc = local_and_utc(finding.first_seen or self.session.clock())
        if not self.session.write(self.store.keep_evidence, finding, kind, utc, local, note.strip()[:NOTE_MAX]):
            return None
        return self.for_page(normalised_url)

    def set_note(self, evidence_id: int, note: str) -> bool:
        return self.session.write(self.store.update_evidence, evidence_id, note=(note or "")[:NOTE_MAX])

    def set_kind(self, evidence_id: int, kind: str) -> bool:
        if kind not in EVIDENCE_KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return self.session.write(self.store.update_evidence, evidence_id, kind=kind)

    def add_file(self, evidence_id: int, source: Path) -> EvidenceFile | None:
        """Copy one of the person's files into the evidence folder and record its SHA-256.
        Raises EvidenceError (one sentence) when it cannot be copied; None when the record was
        not saved (the copy is then removed again)."""
        source = Path(source)
        name = one_line(source.name)[:200] or "file"
        stored, digest, size = self._copy_in(source, name)
        if not self.session.write(self.store.add_evidence_file, evidence_id, stored.name, name, digest, size):
            _unlink(stored)
            return None
        return next((f for f in self.store.evidence_files() if f.stored_name == stored.name), None)

    def _copy_in(self, source: Path, shown: str) -> tuple[Path, str, int]:
        try:
            handle = open(source, "rb")
        except OSError as exc:
            raise EvidenceError(_("{file} could not be read ({reason}).").format(
                file=shown, reason=exc.strerror or exc)) from None
        with handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise EvidenceError(_("{file} is not an ordinary file, so it cannot be kept.").format(file=shown))
            if info.st_size > MAX_FILE_BYTES:
                raise EvidenceError(_("{file} is larger than {most} MB, so it cannot be kept. Keep a screenshot "
                                       "or a shorter recording instead.").format(
                                           file=shown, most=MAX_FILE_BYTES // (1024 * 1024)))
            folder = self._ready_folder()
            token = secrets.token_hex(16)
            partial = folder / f".ev-{token}.part"
            final = folder / f"ev-{token}{stored_suffix(shown)}"
            digest = hashlib.sha256()
            size = 0
            try:
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_BINARY", 0), filemodes.FILE_MODE)
                try:
                    while chunk := handle.read(_CHUNK):
                        size += len(chunk)
                        if size > MAX_FILE_BYTES:
                            raise EvidenceError(_("{file} grew past {most} MB while it was being copied, so it "
                                                   "was not kept.").format(
                                                       file=shown, most=MAX_FILE_BYTES // (1024 * 1024)))
                        digest.update(chunk)
                        view = memoryview(chunk)
                        while view:
                            view = view[os.write(fd, view):]
                    os.fsync(fd)
                finally:
                    os.close(fd)
                os.replace(partial, final)
            except OSError as exc:
                _unlink(partial)
                raise EvidenceError(_("{file} could not be copied into SocialSafe's folder ({reason}).").format(
                    file=shown, reason=exc.strerror or exc)) from None
            except BaseException:
                _unlink(partial)
                raise
        return final, digest.hexdigest(), size

    def _ready_folder(self) -> Path:
        folder = self.folder
        try:
            folder.mkdir(mode=filemodes.FOLDER_MODE, exist_ok=True)
            filemodes.make_private(folder, folder=True)
        except filemodes.NotPrivateError as exc:
            raise EvidenceError(str(exc)) from None
        except OSError as exc:
            raise EvidenceError(_("SocialSafe could not make its evidence folder {folder} ({reason}).").format(
                folder=folder, reason=exc.strerror or exc)) from None
        return folder

    def remove_file(self, file: EvidenceFile) -> bool:
        if not self.session.write(self.store.remove_evidence_file, file.id):
            return False
        _unlink(self.path_of(file))
        return True

    def remove(self, evidence_id: int) -> bool:
        """Stop keeping a page as evidence, and delete the copies of its files."""
        item = self.item(evidence_id)
        if item is None or not self.session.write(self.store.remove_evidence, evidence_id):
            return False
        for file in item.files:
            _unlink(self.path_of(file))
        return True

    # --- where to report it ---------------------------------------------------------------

    def report_route(self, item: EvidenceItem) -> ReportRoute | None:
        """The platform's own page for reporting impersonation and harassment, when its
        checklist names one."""
        catalogue = self.session.catalogue
        pack = catalogue.pack(item.platform) if item.platform else None
        if pack is None:
            pack = catalogue.platform_for_url(item.url)
        if pack is None or not pack.report_url or not is_openable_url(pack.report_url):
            return None
        return ReportRoute(pack.name, pack.report_url)

    # --- exporting --------------------------------------------------------------------------

    def export(self, target: Path, *, as_zip: bool = False):
        """Write everything kept to a folder (or a .zip): a self-contained index.html, the
        files, and SHA256SUMS.txt. Raises EvidenceExportError (report/evidence) with one
        sentence. Returns what was written."""
        from ..report.evidence import EvidenceEntry, EvidenceExport, write_evidence_export

        entries = [EvidenceEntry(item, [(f, self.path_of(f)) for f in item.files], self.report_route(item),
                                 self._platform_name(item))
                   for item in self.items()]
        data = EvidenceExport(self.session.profile().display_name, self.session.clock(), entries,
                              demo=self.session.demo)
        return write_evidence_export(data, Path(target), as_zip=as_zip)

    def _platform_name(self, item: EvidenceItem) -> str:
        pack = self.session.catalogue.pack(item.platform) if item.platform else None
        return pack.name if pack is not None else ""


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
