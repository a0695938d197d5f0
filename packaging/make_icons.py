"""Render resources/icons/socialsafe.svg to the PNG, ICO and ICNS files the packages use.

Run after changing the SVG:  QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
ICO and ICNS are written by hand (both are a small header around PNG images), so no image
library beyond Qt is needed and every size is rendered from the vector, not scaled down.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (48, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", len(png) + 8) + png for size, png in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "socialsafe.svg"))
    if not renderer.isValid():
        print("socialsafe.svg could not be read", file=sys.stderr)
        return 1
    cache = {size: render(renderer, size) for size in sorted(set(PNG_SIZES + ICO_SIZES + tuple(ICNS_TYPES)))}
    for size in PNG_SIZES:
        (ICONS / f"socialsafe-{size}.png").write_bytes(cache[size])
    (ICONS / "socialsafe.ico").write_bytes(ico({s: cache[s] for s in ICO_SIZES}))
    (ICONS / "socialsafe.icns").write_bytes(icns({s: cache[s] for s in ICNS_TYPES}))
    print(f"wrote icons to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
