"""Build a smaller ICU data library for the Linux bundle, from the one in the PySide6 wheel.

QtCore links ICU, and the wheel's libicudata.so.NN (31 MB) holds every locale CLDR knows.
Qt formats dates and numbers from its own CLDR tables; from ICU it needs collation (QCollator),
time-zone names, case mapping, legacy text encodings and the locale fallback data behind them.
The interface is English, so we keep root and English (en, en_001, en_GB, en_US, en_US_POSIX)
in every tree and drop: other locales, the word-break dictionaries for Thai, Lao, Khmer, Burmese
and CJK (Qt has its own text segmentation), and the transliteration rules (Qt does not use them).
Everything else stays: supplemental data, time zones, normalisation, the encoding converters.

Used by packaging/socialsafe.spec on Linux; also a command line for trying it by hand:
    python packaging/linux/icu_trim.py path/to/libicudata.so.73 OUT_DIR
Needs icupkg and genccode (Debian: icu-devtools; any version reads the .dat format), readelf and
a C compiler. Without them, or when SOCIALSAFE_FULL_ICU=1, the full library is kept.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = {"root", "en", "en_001", "en_GB", "en_US", "en_US_POSIX"}
# A locale bundle's name: a language code then optional _Script, _REGION, _VARIANT parts.
LOCALE_NAME = re.compile(r"^(?:[a-z]{2,3}|root)(?:_[A-Za-z0-9]*)*$")
NOT_LOCALES = {"res_index"}  # the list of locales in each tree: always kept
DROP_TREES = {"translit"}
TOOLS = ("icupkg", "genccode", "readelf")


class TrimError(Exception):
    pass


def note(message: str) -> None:
    print(f"ICU data: {message}", file=sys.stderr, flush=True)


def find_tool(name: str) -> str | None:
    # Debian puts icupkg and genccode in /usr/sbin, which is not on a normal user's PATH.
    return shutil.which(name) or shutil.which(name, path="/usr/local/sbin:/usr/sbin:/sbin")


def run(tool: str, *args: str) -> str:
    args = (find_tool(tool) or tool, *args)
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise TrimError(f"{tool} {args[1]} failed: {(proc.stderr or proc.stdout).strip()[-400:]}")
    return proc.stdout


def removable(item: str) -> bool:
    tree, _, name = item.rpartition("/")
    stem, _, ext = name.rpartition(".")
    if tree in DROP_TREES or ext == "dict":
        return True
    return ext == "res" and bool(LOCALE_NAME.match(stem)) and stem not in KEEP_LOCALES | NOT_LOCALES


def carve_data(lib: Path) -> tuple[str, bytes]:
    """The ICU common data blob the library exports as icudtNN_dat, and NN."""
    symbols = run("readelf", "-sW", "--dyn-syms", str(lib))
    found = re.search(r"^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+icudt(\d+)_dat$",
                      symbols, re.M)
    if not found:
        raise TrimError(f"no icudtNN_dat symbol in {lib.name}")
    value, size, index, version = int(found[1], 16), int(found[2], 0), int(found[3]), found[4]
    sections = run("readelf", "-SW", str(lib))
    section = re.search(rf"^\s*\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s", sections, re.M)
    if not section:
        raise TrimError(f"section {index} not found in {lib.name}")
    offset = value - int(section[1], 16) + int(section[2], 16)
    data = lib.read_bytes()[offset:offset + size]
    if len(data) != size or data[2:4] != b"\xda\x27" or b"CmnD" not in data[:32]:
        raise TrimError("the exported symbol is not an ICU common data package")
    return version, data


def build(lib: Path, out_dir: Path) -> Path:
    """Write a trimmed copy of `lib` (same file name and SONAME) into out_dir and return it."""
    cc = find_tool(os.environ.get("CC") or "cc") or find_tool("gcc")
    missing = [t for t in TOOLS if not find_tool(t)] + ([] if cc else ["cc"])
    if missing:
        raise FileNotFoundError(", ".join(missing))
    version, data = carve_data(lib)
    package = f"icudt{version}{'l' if sys.byteorder == 'little' else 'b'}"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        work = Path(tmp)
        (work / f"{package}.dat").write_bytes(data)
        run("icupkg", "-l", "-o", str(work / "items.txt"), str(work / f"{package}.dat"))
        items = (work / "items.txt").read_text().split()
        drop = [i for i in items if removable(i)]
        if "coll/ucadata.icu" not in items or not drop:
            raise TrimError("unexpected package contents")
        dicts = [i for i in drop if i.endswith(".dict")]
        (work / "drop.txt").write_text("\n".join(i for i in drop if i not in dicts) + "\n")
        (work / "dicts.txt").write_text("\n".join(dicts) + "\n")
        # First pass with icupkg's dependency check on; the dictionaries go in a second pass with
        # it off, because brkitr/root.res names them (ICU skips a dictionary that is absent).
        run("icupkg", "-r", str(work / "drop.txt"), str(work / f"{package}.dat"), str(work / "step.dat"))
        run("icupkg", "--ignore-deps", "-r", str(work / "dicts.txt"), str(work / "step.dat"),
            str(work / f"{package}.dat"))
        run("genccode", "-q", "-e", f"icudt{version}", "-a", "gcc", "-d", str(work), str(work / f"{package}.dat"))
        target = out_dir / lib.name
        run(cc, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-Wl,-z,noexecstack",
            "-o", str(target), str(work / f"{package}_dat.S"))
    _check_built(target, version)
    return target


def _check_built(target: Path, version: str) -> None:
    dynamic = run("readelf", "-dW", "--dyn-syms", str(target))
    if f"[{target.name}]" not in dynamic or not re.search(rf"\sicudt{version}_dat$", dynamic, re.M):
        raise TrimError(f"{target} lacks the SONAME or the icudt{version}_dat symbol")
    carve_data(target)  # the symbol points at a readable package


def trimmed_or_none(lib: Path, out_dir: Path) -> Path | None:
    """The trimmed library, or None (after saying why) to keep the full one."""
    full_mb = lib.stat().st_size / 1e6
    if os.environ.get("SOCIALSAFE_FULL_ICU") == "1":
        note(f"SOCIALSAFE_FULL_ICU=1: keeping the full {lib.name} ({full_mb:.0f} MB)")
        return None
    try:
        target = build(lib, out_dir)
    except FileNotFoundError as exc:
        note(f"NOTE: {exc} not found (Debian: apt-get install icu-devtools gcc), so the bundle keeps "
             f"the full {lib.name} ({full_mb:.0f} MB) and is about 20 MB bigger")
        return None
    except (TrimError, OSError) as exc:
        note(f"WARNING: could not trim {lib.name} ({exc}); the bundle keeps the full one ({full_mb:.0f} MB)")
        return None
    note(f"{lib.name} trimmed to English + root: {full_mb:.1f} MB -> {target.stat().st_size / 1e6:.1f} MB")
    return target


def replace_in_binaries(binaries: list, out_dir: Path) -> list:
    """PyInstaller's (dest, src, kind) list with libicudata's source swapped for a trimmed copy."""
    result = []
    for dest, src, kind in binaries:
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            trimmed = trimmed_or_none(Path(src), out_dir)
            if trimmed:
                src = str(trimmed)
        result.append((dest, src, kind))
    return result


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: icu_trim.py path/to/libicudata.so.NN OUT_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if trimmed_or_none(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
