"""Render the app icon from its SVG into what each OS's packaging wants: .ico, .icns and .png files.

Only Qt (QSvgRenderer into a QImage) is used, because it is the one image tool every build machine
already has: Windows and macOS builders need neither Pillow, ImageMagick nor iconutil. Both
containers hold PNG images, which Windows (Vista on) and macOS (10.7 on) read.

    python packaging/make_icons.py resources/icons/qvickly-desk.svg build/icons

writes ``qvickly-desk.ico``, ``qvickly-desk.icns``, ``qvickly-desk.png`` (256 px) and a
``hicolor/<n>x<n>/apps/<desktop id>.png`` tree for Linux desktops.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# (type, pixels): the PNG-carrying ICNS types, 1x and 2x (Retina) for 16 to 512 points.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)
HICOLOR_SIZES = (48, 64, 128, 256, 512)
DESKTOP_ID = "io.qvickly.QvicklyDesk"


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn square at each size, aspect ratio kept, transparent around it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    # Text in an SVG needs fonts, and fonts need a QGuiApplication; no display is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (kept alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG image")
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: could not encode a {size} px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico: ICONDIR, one ICONDIRENTRY per size (0 means 256), then the PNG data."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(images)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: the ``icns`` header, then (type, length, PNG) for each element."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write every icon file into ``out``; returns the paths written."""
    sizes = {*ICO_SIZES, *(size for _, size in ICNS_TYPES), *HICOLOR_SIZES}
    pngs = render_pngs(svg, sizes)
    out.mkdir(parents=True, exist_ok=True)
    written = {
        out / "qvickly-desk.ico": ico_bytes({size: pngs[size] for size in ICO_SIZES}),
        out / "qvickly-desk.icns": icns_bytes(pngs),
        out / "qvickly-desk.png": pngs[256],
    }
    for size in HICOLOR_SIZES:
        written[out / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"] = pngs[size]
    for path, data in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("svg", type=Path, help="the source SVG icon")
    parser.add_argument("out", type=Path, help="folder for the generated icons")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
