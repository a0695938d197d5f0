"""`socialsafe checklists translation-status`: for translators, where each file's translation
into a language stands: which items (and the pack's name, and the glossary's terms) are
translated, out of date or missing, and for each one not up to date the fingerprint of the
English now, which is what its `fingerprint` must say once the translation is done.

It reads files only: no network, no app data. The rules (what "out of date" means, how a
fingerprint is made) live in core/checklists.py and core/glossary.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.checklists import (
    GLOSSARY_FILE,
    ChecklistPack,
    Problem,
    TextStatus,
    translation_status,
    validate_file,
)
from ..core.glossary import glossary_translation_status, load_glossary
from ..core.i18n import LANGUAGES

STATE_WORDS = {"translated": "translated", "stale": "out of date", "missing": "missing"}


@dataclass(frozen=True)
class FileStatus:
    file: str
    kind: str  # "pack", "overlay" (the items it adds) or "glossary"
    id: str  # the pack's id; "" for an overlay; "glossary"
    language: str
    name: TextStatus | None  # the pack's name; None for overlays and the glossary
    entries: tuple[TextStatus, ...]  # items, or glossary terms

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    @property
    def noun(self) -> str:
        return "term" if self.kind == "glossary" else "item"


def collect_status(paths: Sequence[Path], languages: Sequence[str]) -> tuple[list[FileStatus], list[Problem]]:
    """The status of every pack, overlay and glossary under `paths`, for each language. A file
    with problems is reported (its problems) and left out: fix it, then ask again."""
    statuses: list[FileStatus] = []
    problems: list[Problem] = []
    for path in _files(paths, problems):
        if path.name == GLOSSARY_FILE:
            glossary, file_problems = load_glossary(path)
            problems += file_problems
            if not file_problems:
                statuses += [FileStatus(str(path), "glossary", "glossary", lang, None,
                                        glossary_translation_status(glossary, lang)) for lang in languages]
            continue
        parsed, file_problems = validate_file(path)
        problems += file_problems
        if parsed is None:
            continue
        for lang in languages:
            status = translation_status(parsed, lang)
            if isinstance(parsed, ChecklistPack):
                statuses.append(FileStatus(str(path), "pack", parsed.id, lang, status[0], status[1:]))
            elif status:  # an overlay that adds items; overrides carry their translations inline
                statuses.append(FileStatus(str(path), "overlay", "", lang, None, status))
    return statuses, problems


def _files(paths: Sequence[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            files += sorted(p for p in given.iterdir()
                            if p.suffix.lower() == ".toml" and not p.name.startswith(".") and p.is_file())
        elif given.is_file():
            files.append(given)
        else:
            problems.append(Problem(str(given), "", "", "no such file or directory"))
    return files


def status_lines(statuses: Sequence[FileStatus], *, summary: bool = False) -> list[str]:
    """One line per file and language, then (unless `summary`) one line for each name, item or
    term that is not up to date, with the fingerprint to write; then the totals."""
    lines: list[str] = []
    for language in dict.fromkeys(s.language for s in statuses):
        mine = [s for s in statuses if s.language == language]
        lines.append(f"{LANGUAGES.get(language, language)} ({language})")
        for s in mine:
            total = len(s.entries)
            what = s.id or "overlay"
            head = (f"{what} ({s.file}): {s.count('translated')} of {total} {s.noun}s translated, "
                    f"{s.count('stale')} out of date, {s.count('missing')} missing")
            if s.name is not None:
                head += f"; name {STATE_WORDS[s.name.state]}"
            lines.append(head)
            if summary:
                continue
            for entry in ([s.name] if s.name is not None else []) + list(s.entries):
                if entry.state == "translated":
                    continue
                label = entry.id or "(name)"
                line = f"  {STATE_WORDS[entry.state]:<11}  {label}  fingerprint = \"{entry.fingerprint}\""
                if entry.state == "stale":
                    line += f" (the translation says \"{entry.translated_from}\")"
                lines.append(line)
        items = [s for s in mine if s.kind != "glossary"]
        terms = [s for s in mine if s.kind == "glossary"]
        done = sum(s.count("translated") for s in items)
        stale = sum(s.count("stale") for s in mine)
        total_line = f"In all: {done} of {sum(len(s.entries) for s in items)} items translated"
        if terms:
            total_line += (f", {sum(s.count('translated') for s in terms)} of "
                           f"{sum(len(s.entries) for s in terms)} glossary terms")
        lines.append(f"{total_line}; {stale} out of date.")
    return lines


def status_json(statuses: Sequence[FileStatus]) -> dict[str, Any]:
    def entry(e: TextStatus) -> dict[str, str]:
        out = {"id": e.id, "state": e.state, "fingerprint": e.fingerprint}
        if e.state == "stale":
            out["translated_from"] = e.translated_from
        return out

    return {"files": [{
        "file": s.file, "kind": s.kind, "id": s.id, "language": s.language,
        "name": entry(s.name) if s.name is not None else None,
        "translated": s.count("translated"), "stale": s.count("stale"), "missing": s.count("missing"),
        "entries": [entry(e) for e in s.entries],
    } for s in statuses]}
