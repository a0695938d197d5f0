"""Package: the size of the built bundle, and how fast the bundle starts, against the same app
run from source in the same run (a ratio, because these machines are noisy).

Start-up is measured twice: `--version` (process start and imports of the command line), and
spawn until the wizard has recorded its first step (the window is being built; offscreen).
Needs `make package` first; without a bundle it prints a JSON line saying it was skipped.
Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from smoke_test import stop, wait_for_wizard  # noqa: E402

AIM_MB = 120
RUNS = 5
BUNDLE = Path(os.environ.get("SOCIALSAFE_BUNDLE", ROOT / "dist" / "socialsafe"))


def tree_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALSAFE_")}
    env.update(QT_QPA_PLATFORM="offscreen", SOCIALSAFE_DATA_DIR=str(data),
               SOCIALSAFE_POLICY=str(data / "no-policy.toml"))
    return env


def time_version(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*cmd, "--version"], env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def time_wizard(cmd: list[str], data: Path) -> float:
    proc = subprocess.Popen(cmd, env=env_for(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return wait_for_wizard(data / "socialsafe.db", proc, timeout=120)
    finally:
        stop(proc)


def main() -> int:
    exe = BUNDLE / "socialsafe"
    if not exe.exists():
        print(json.dumps({"benchmark": "package", "skipped": f"no bundle at {BUNDLE}: run 'make package' first"}))
        return 0
    bundle_mb = tree_bytes(BUNDLE) / 1e6
    # ICU's data library: about 9 MB when the build trimmed it to English, 32 MB when it could not.
    icu = [p for p in BUNDLE.rglob("libicudata.so*") if p.is_file() and not p.is_symlink()]
    debs = sorted((ROOT / "dist").glob("socialsafe_*.deb"))
    source = [sys.executable, "-m", "socialsafe_desktop"]
    versions = {"bundle": [], "source": []}
    wizards = {"bundle": [], "source": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for cmd in ([str(exe)], source):
            time_version(cmd, env_for(tmp / "warm"))  # first run fills disk caches; not counted
        for i in range(RUNS):
            for name, cmd in (("bundle", [str(exe)]), ("source", source)):
                versions[name].append(time_version(cmd, env_for(tmp / "v")))
                # A fresh data folder each time: the first start of the app, database created.
                wizards[name].append(time_wizard(cmd, tmp / f"{name}-{i}"))
    med = {f"{kind}_{name}": statistics.median(values) * 1000
           for kind, table in (("version", versions), ("wizard", wizards)) for name, values in table.items()}
    print(json.dumps({
        "benchmark": "package",
        "bundle_mb": round(bundle_mb, 1),
        "aim_bundle_mb_at_most": AIM_MB,
        "within_aim": bundle_mb <= AIM_MB,
        "icu_data_mb": round(sum(p.stat().st_size for p in icu) / 1e6, 1) if icu else None,
        "deb_mb": round(debs[-1].stat().st_size / 1e6, 1) if debs else None,
        "runs": RUNS,
        "bundle_version_ms": round(med["version_bundle"], 1),
        "source_version_ms": round(med["version_source"], 1),
        "bundle_to_wizard_ms": round(med["wizard_bundle"], 1),
        "source_to_wizard_ms": round(med["wizard_source"], 1),
        "wizard_ratio_bundle_vs_source": round(med["wizard_bundle"] / med["wizard_source"], 2),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
