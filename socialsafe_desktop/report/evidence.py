"""Exporting the evidence log: a folder (or a .zip) with a self-contained index.html, the
person's files, and SHA256SUMS.txt, for a safeguarding lead, the police or a platform's form.

The index is built like the report: every text cleaned (report/redact.clean) and escaped by
Jinja's autoescape, no scripts, nothing fetched (a Content-Security-Policy that allows no
source at all but inline style). Each file's SHA-256 is worked out again while it is copied:
the index and SHA256SUMS.txt give the hash of exactly what is in the export, and say so
plainly when a file no longer matches the hash recorded when it was added.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from socialsafe_desktop.core.dates import date_and_time
from socialsafe_desktop.core.evidence import EVIDENCE_KINDS, EvidenceFile, EvidenceItem
from socialsafe_desktop.core.i18n import _, html_lang
from socialsafe_desktop.core.links import is_openable_url
from socialsafe_desktop.core.savefile import SaveError, save_files

from .redact import clean
from .render import environment

INDEX = "index.html"
SUMS = "SHA256SUMS.txt"
FILES_DIR = "files"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class EvidenceExportError(Exception):
    """The export could not be written; str() is one sentence for the person."""


@dataclass
class EvidenceEntry:
    item: EvidenceItem
    files: list[tuple[EvidenceFile, Path]]  # each record, and where its copy is kept
    route: object | None = None             # app.evidence.ReportRoute (platform, url)
    platform_name: str = ""


@dataclass
class EvidenceExport:
    person_name: str
    made_at: datetime
    entries: list[EvidenceEntry] = field(default_factory=list)
    demo: bool = False


@dataclass
class ExportedFile:
    name: str            # its path inside the export
    original_name: str
    sha256: str          # of the exported copy
    size: int
    matches: bool        # the same as the hash recorded when it was added
    missing: bool = False


@dataclass
class ExportOutcome:
    path: Path
    files: list[ExportedFile]

    @property
    def mismatched(self) -> list[ExportedFile]:
        return [f for f in self.files if not f.matches]


def when(moment: datetime | None, utc: bool) -> str:
    if moment is None:
        # TRANSLATORS: a date and time that SocialSafe does not have.
        return _("not known")
    if utc:
        moment = moment.astimezone(UTC)
        zone = "UTC"
    else:
        offset = moment.strftime("%z")
        # TRANSLATORS: the time zone of a time, when the computer does not say which it is.
        zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else _("local time")
    return date_and_time(moment, zone)


def export_name(item_number: int, file_number: int, original: str) -> str:
    safe = _UNSAFE_NAME.sub("_", original).strip("._") or "file"
    return f"{FILES_DIR}/{item_number:02d}-{file_number}-{safe[-80:]}"


def _check_target(target: Path, as_zip: bool) -> None:
    if as_zip:
        if target.exists() and not target.is_file():
            raise EvidenceExportError(_("Could not export the evidence: {path} is not a file.").format(path=target))
        if not target.parent.is_dir():
            raise EvidenceExportError(_("Could not export the evidence: the folder {folder} does not exist.").format(
                folder=target.parent))
        return
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise EvidenceExportError(_("Could not export the evidence: {path} already exists and is not an empty folder. "
                                    "Choose a new folder name.").format(path=target))
    if not target.parent.is_dir():
        raise EvidenceExportError(_("Could not export the evidence: the folder {folder} does not exist.").format(
            folder=target.parent))


def _copy_hashing(source: Path, write) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
            write(chunk)
    return digest.hexdigest(), size


def _view(data: EvidenceExport, exported: dict[int, list[ExportedFile]]) -> dict:
    items = []
    for n, entry in enumerate(data.entries, 1):
        item = entry.item
        route = entry.route
        items.append({
            "number": n,
            "kind": _(EVIDENCE_KINDS[item.kind]) if item.kind in EVIDENCE_KINDS else clean(item.kind),
            "url": clean(item.url),
            "href": item.url if is_openable_url(item.url) and clean(item.url) == item.url else None,
            "title": clean(item.title).strip() or _("(no title)"),
            "snippet": clean(item.snippet).strip(),
            "platform": clean(entry.platform_name),
            "seen_local": when(item.seen_local, utc=False),
            "seen_utc": when(item.seen_utc, utc=True),
            "seen_iso": item.seen_utc.astimezone(UTC).isoformat() if item.seen_utc else "",
            "kept": when(item.kept_at.astimezone() if item.kept_at else None, utc=False),
            "note": clean(item.note).strip(),
            "files": exported.get(item.id, []),
            "route": ({"platform": clean(route.platform), "url": route.url}
                      if route is not None and is_openable_url(route.url) else None),
        })
    return {"person": clean(data.person_name).strip(), "made": when(data.made_at.astimezone(), utc=False),
            "made_utc": when(data.made_at.astimezone(), utc=True), "items": items, "demo": data.demo,
            "sums": SUMS, "lang": html_lang()}


def render_index(data: EvidenceExport, exported: dict[int, list[ExportedFile]]) -> str:
    return environment().get_template("evidence.html.j2").render(_view(data, exported))


def write_evidence_export(data: EvidenceExport, target: Path, *, as_zip: bool = False) -> ExportOutcome:
    """Write the export to the folder `target` (made; it must be new or empty) or, with as_zip,
    to the .zip file `target` (written beside it first, then moved into place)."""
    target = Path(target)
    _check_target(target, as_zip)
    if as_zip:
        return _write_zip(data, target)
    return _write_folder(data, target)


def _write_folder(data: EvidenceExport, target: Path) -> ExportOutcome:
    # Every file is written in full before any is moved into place (core/savefile's one rule).
    contents: list[tuple[Path, bytes]] = []

    def put(name: str, source: Path) -> tuple[str, int]:
        chunks: list[bytes] = []
        digest, size = _copy_hashing(source, chunks.append)
        contents.append((target / name, b"".join(chunks)))
        return digest, size

    made = not target.exists()
    try:
        target.mkdir(mode=0o700, exist_ok=True)
        (target / FILES_DIR).mkdir(mode=0o700, exist_ok=True)
        exported, every = _export_files(data, put)
        contents.append((target / SUMS, _sums(every).encode("utf-8")))
        contents.append((target / INDEX, render_index(data, exported).encode("utf-8")))
        # TRANSLATORS: what was being saved, in "Could not save {what} because ...".
        save_files(contents, _("the evidence"))
    except (OSError, SaveError) as exc:
        if made:
            shutil.rmtree(target, ignore_errors=True)
        reason = str(exc) if isinstance(exc, SaveError) else \
            _("Could not export the evidence to {path} ({reason}).").format(path=target, reason=exc.strerror or exc)
        raise EvidenceExportError(reason) from None
    return ExportOutcome(target, every)


def _write_zip(data: EvidenceExport, target: Path) -> ExportOutcome:
    top = _UNSAFE_NAME.sub("_", target.stem) or "evidence"
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            def put(name: str, source: Path) -> tuple[str, int]:
                with archive.open(f"{top}/{name}", "w", force_zip64=True) as out:
                    return _copy_hashing(source, out.write)

            exported, every = _export_files(data, put)
            archive.writestr(f"{top}/{SUMS}", _sums(every))
            archive.writestr(f"{top}/{INDEX}", render_index(data, exported))
        save_files([(target, buffer.getvalue())], _("the evidence"))
    except SaveError as exc:
        raise EvidenceExportError(str(exc)) from None
    except OSError as exc:
        raise EvidenceExportError(_("Could not export the evidence to {path} ({reason}).").format(
            path=target, reason=exc.strerror or exc)) from None
    return ExportOutcome(target, every)


def _export_files(data: EvidenceExport, put) -> tuple[dict[int, list[ExportedFile]], list[ExportedFile]]:
    exported: dict[int, list[ExportedFile]] = {}
    every: list[ExportedFile] = []
    for n, entry in enumerate(data.entries, 1):
        for m, (record, source) in enumerate(entry.files, 1):
            name = export_name(n, m, record.original_name)
            try:
                digest, size = put(name, source)
                done = ExportedFile(name, clean(record.original_name), digest, size, digest == record.sha256)
            except FileNotFoundError:
                done = ExportedFile("", clean(record.original_name), record.sha256, record.size, False, missing=True)
            exported.setdefault(entry.item.id, []).append(done)
            every.append(done)
    return exported, every


def _sums(files: list[ExportedFile]) -> str:
    # The format of sha256sum, so "sha256sum -c SHA256SUMS.txt" checks the export.
    return "".join(f"{f.sha256}  {f.name}\n" for f in files if not f.missing)
