#!/bin/sh
# Install Qvickly Desk for the current user, without root: the program in ~/.local/opt/qvickly-desk,
# the `qvickly-desk` command in ~/.local/bin, the menu entry, icon and metainfo in ~/.local/share.
#
#   ./install.sh              install (or update) from this unpacked folder
#   ./install.sh --uninstall  remove all of it again (settings and keyring entries are kept)
#
# PREFIX (default ~/.local) and XDG_DATA_HOME (default PREFIX/share) move it elsewhere.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DATA="${XDG_DATA_HOME:-$PREFIX/share}"
APPDIR="$PREFIX/opt/qvickly-desk"
ID=io.qvickly.QvicklyDesk

refresh_caches() {
    # Menus pick the entry up without these too, only later; they are not always installed.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    rm -f "$PREFIX/bin/qvickly-desk" "$DATA/applications/$ID.desktop" "$DATA/metainfo/$ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$ID.*" -type f -delete 2>/dev/null || true
    rm -rf "$APPDIR"
    refresh_caches
    echo "Qvickly Desk was removed."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi
if [ ! -x "$HERE/qvickly-desk" ] || [ ! -d "$HERE/share" ]; then
    echo "install.sh: run me from the unpacked qvickly-desk folder" >&2
    exit 1
fi

if [ "$HERE" != "$APPDIR" ]; then
    rm -rf "$APPDIR"
    mkdir -p "$APPDIR"
    cp -R "$HERE/." "$APPDIR/"
fi
mkdir -p "$PREFIX/bin" "$DATA/applications" "$DATA/metainfo" "$DATA/icons"
ln -sf "$APPDIR/qvickly-desk" "$PREFIX/bin/qvickly-desk"
cp -R "$APPDIR/share/icons/." "$DATA/icons/"
cp "$APPDIR/share/metainfo/$ID.metainfo.xml" "$DATA/metainfo/"

# The menu entry starts the installed program by its full path, so ~/.local/bin need not be on the
# desktop session's PATH. Quoted as the Desktop Entry spec asks: \, ", ` and $ escaped, % doubled.
EXEC="$(printf '%s' "$APPDIR/qvickly-desk" | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g')"
# sed's replacement text treats & and \ specially: escape them once more.
EXEC_SED="$(printf '%s' "$EXEC" | sed 's/[\\&|]/\\&/g')"
sed "s|^Exec=.*|Exec=\"$EXEC_SED\"|" "$APPDIR/share/applications/$ID.desktop" \
    >"$DATA/applications/$ID.desktop"
refresh_caches

echo "Qvickly Desk is installed: find it in the applications menu, or run $PREFIX/bin/qvickly-desk"
