"""The bundle's run-time hook for Qt: the paths PyInstaller's own PySide6 hook sets, without Qt.

That hook imports ``PySide6.QtCore`` at every start, only to register a ``qt.conf`` when PySide6
has not made one, which PySide6's wheels always do. A command-line lookup from the bundle never
uses Qt, and loading it was a third of the lookup's work (``benchmarks/README.md``, 53). The
spec drops that hook and runs this one instead.
"""

import os
import sys


def _set_qt_paths() -> None:
    base = sys._MEIPASS  # type: ignore[attr-defined]  # the bundle's folder, set by PyInstaller
    # The wheels' layout, which PyInstaller keeps: Qt's folders are inside PySide6/ on Windows
    # and inside PySide6/Qt/ elsewhere.
    qt = (
        os.path.join(base, "PySide6")
        if sys.platform == "win32"
        else os.path.join(base, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        # Where the Qt plugins find the DLLs they need that were collected beside the program.
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")


_set_qt_paths()
del _set_qt_paths
