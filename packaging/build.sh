#!/usr/bin/env bash
# Build the qvickly-desk bundle on Linux or macOS (Windows: packaging/build.ps1).
#
#   packaging/build.sh [--dist DIR] [--work DIR] [--no-archive]
#
# Linux:  DIR/qvickly-desk/ (the one-folder bundle, with share/ and install.sh) and
#         DIR/qvickly-desk-VERSION-linux-ARCH.tar.gz
# macOS:  DIR/Qvickly Desk.app and DIR/qvickly-desk-VERSION-macos-ARCH.dmg
#
# Needs the project and its `packaging` extra installed in the Python that runs it:
#   pip install -e '.[packaging]'
# PYTHON picks that Python (default: python3). Defaults: --dist dist, --work build/pyinstaller.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
ARCHIVE=1

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --no-archive) ARCHIVE=0; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$DIST" "$WORK"
DIST="$(cd "$DIST" && pwd)"
WORK="$(cd "$WORK" && pwd)"

# The version is written once, in qvickly_desk/__init__.py; file names take it from there.
VERSION="$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import qvickly_desk; print(qvickly_desk.__version__)' "$ROOT")"
ARCH="$(uname -m)"
APP=qvickly-desk
DESKTOP_ID=io.qvickly.QvicklyDesk
echo "Building $APP $VERSION for $(uname -s) $ARCH"

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/qvickly-desk.spec"

case "$(uname -s)" in
Linux)
    BUNDLE="$DIST/$APP"
    # What a desktop needs to show the app in its menu; install.sh puts it in place.
    SHARE="$BUNDLE/share"
    install -Dm644 "$ROOT/packaging/linux/$DESKTOP_ID.desktop" "$SHARE/applications/$DESKTOP_ID.desktop"
    install -Dm644 "$ROOT/resources/icons/qvickly-desk.svg" \
        "$SHARE/icons/hicolor/scalable/apps/$DESKTOP_ID.svg"
    cp -R "$WORK/qvickly-desk/icons/hicolor/." "$SHARE/icons/hicolor/"
    mkdir -p "$SHARE/metainfo"
    # The shipped metainfo gets its <releases> entry from the one version number.
    "$PYTHON" - "$ROOT/packaging/linux/$DESKTOP_ID.metainfo.xml" \
        "$SHARE/metainfo/$DESKTOP_ID.metainfo.xml" "$VERSION" <<'EOF'
import datetime, os, sys
source, target, version = sys.argv[1:]
epoch = os.environ.get("SOURCE_DATE_EPOCH")
day = (datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)).date()
text = open(source, encoding="utf-8").read()
release = f'  <releases>\n    <release version="{version}" date="{day.isoformat()}" />\n  </releases>\n'
open(target, "w", encoding="utf-8").write(text.replace("</component>", release + "</component>"))
EOF
    install -m755 "$ROOT/packaging/linux/install.sh" "$BUNDLE/install.sh"
    if [ "$ARCHIVE" = 1 ]; then
        TARBALL="$DIST/$APP-$VERSION-linux-$ARCH.tar.gz"
        tar -C "$DIST" --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$APP"
        echo "Built $TARBALL"
    fi
    echo "Built $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
    ;;
Darwin)
    APP_BUNDLE="$DIST/Qvickly Desk.app"
    if [ "$ARCHIVE" = 1 ]; then
        # A disk image with the app and a link to /Applications to drag it onto.
        STAGE="$WORK/dmg"
        rm -rf "$STAGE"
        mkdir -p "$STAGE"
        cp -R "$APP_BUNDLE" "$STAGE/"
        ln -s /Applications "$STAGE/Applications"
        DMG="$DIST/$APP-$VERSION-macos-$ARCH.dmg"
        hdiutil create -volname "Qvickly Desk" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
        echo "Built $DMG"
    fi
    echo "Built $APP_BUNDLE ($(du -sh "$APP_BUNDLE" | cut -f1))"
    ;;
*)
    echo "build.sh: $(uname -s) is not Linux or macOS; on Windows use packaging/build.ps1" >&2
    exit 2
    ;;
esac
