"""The child of the start-up benchmark: run the app or the bare window, report the first paint.

``python -m benchmarks.startup_probe app|bare`` prints ``STARTED <t>`` when this module begins
(after the interpreter and ``site``) and ``PAINTED <t>`` once the first window has been painted
(``time.monotonic()``, which every process on Linux shares). Then it waits to be terminated, so
that the parent can look at the screen. With ``QVICKLY_BENCH_SEARCH_AFTER_PAINT`` set, the app
is given one second after its first paint (a person typing a number), then searches the demo's
customer twice and prints ``FIRST <ms>`` and ``SECOND <ms>``: Enter to the rows shown.

Both programs are measured by the same hook: ``QApplication.exec`` is wrapped so that an event
filter is installed on each top-level window as the loop starts. The first ``Paint`` event a
window receives means Qt is painting its backing store; a zero-timer queued at that moment runs
once that paint has been flushed to the display, and that is when the time is taken. A window
painted before the loop started is caught as well.

The hook must change neither program. An application-wide filter did: PySide wraps every object
an event is for, and its first wrapper of a widget Python has not seen makes it create the Python
types of all of QtWidgets, which neither program does by itself (177 M instructions in the bare
window, 112 M in the app; README, 55). The window's own filter sees only the windows, which both
programs made in Python; and ``importlib.abc`` is not imported for the finder (6 M in each).
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.monotonic()

import importlib.machinery  # noqa: E402
from types import ModuleType  # noqa: E402


def _report() -> None:
    print(f"PAINTED {time.monotonic():.6f}", flush=True)
    if os.environ.get("QVICKLY_BENCH_QUIT_AT_PAINT"):
        # For counting the start-up's instructions (README): the process ends here, so that
        # nothing after the first paint is counted, not even the interpreter's teardown.
        sys.stderr.flush()
        os._exit(0)
    if os.environ.get("QVICKLY_BENCH_SEARCH_AFTER_PAINT"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(1000, _search_twice)


def _search_twice() -> None:
    """The session's first search and the next, through the window as Enter makes them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from qvickly_desk.pno import parse_identity_number
    from qvickly_desk.sandbox.data import PERSON_PNO
    from qvickly_desk.status import StatusChoice

    (window,) = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    identity = parse_identity_number(PERSON_PNO)
    status = StatusChoice(sent=True, paid=True)
    labels = iter(("FIRST", "SECOND"))
    started = [0.0]

    def search() -> None:
        started[0] = time.perf_counter()
        window.search(identity, status)

    def finished(_request_id: int, succeeded: bool) -> None:
        label = next(labels, None)
        if label is None:
            return
        print(f"{label} {(time.perf_counter() - started[0]) * 1000:.3f} {succeeded}", flush=True)
        if label == "FIRST":
            QTimer.singleShot(1000, search)

    window.lookup_finished.connect(finished)
    search()


def _install(widgets: ModuleType) -> None:
    """Wrap ``QApplication.exec`` of the freshly imported ``PySide6.QtWidgets``."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    application = widgets.QApplication
    original_exec = application.exec

    class FirstPaint(QObject):
        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self._seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:  # only windows are watched
                self.seen()
            return False

        def seen(self) -> None:
            if not self._seen:
                self._seen = True
                QTimer.singleShot(0, _report)

    def exec_with_probe(*args: object) -> int:
        app = application.instance()
        probe = FirstPaint(app)
        windows = application.topLevelWidgets()
        for widget in windows:
            widget.installEventFilter(probe)
        for widget in windows:
            handle = widget.windowHandle()
            if widget.isVisible() and handle is not None and handle.isExposed():
                probe.seen()  # painted before the loop began
        return original_exec(*args)

    application.exec = staticmethod(exec_with_probe)


class _HookQtWidgets:
    """Installs the probe when the program itself imports ``PySide6.QtWidgets``, not before.

    Importing PySide6 early would change the program: PySide6 inspects every module imported
    after it, so the probe must not move that moment. (A finder needs only ``find_spec``.)
    """

    def find_spec(self, name: str, path: object, target: object = None) -> object:
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module  # type: ignore[attr-defined]

        def exec_module(module: ModuleType) -> None:
            original(module)
            _install(module)

        loader.exec_module = exec_module  # type: ignore[attr-defined]
        return spec


def _bare_window() -> int:
    """The baseline: the same kinds of widgets as the lookup window, nothing else.

    Like the app it puts the focus in the line edit, which is also the one use of PySide6's
    ``Qt`` namespace here: any real table code needs it (roles, alignment), and its first use
    costs tens of milliseconds, which would otherwise count against the app alone.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QHBoxLayout,
        QLineEdit,
        QMainWindow,
        QPushButton,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    central = QWidget()
    column = QVBoxLayout(central)
    row = QHBoxLayout()
    edit = QLineEdit()
    edit.setPlaceholderText("ÅÅÅÅMMDD-NNNN")
    row.addWidget(edit)
    row.addWidget(QCheckBox("Skickade"))
    row.addWidget(QCheckBox("Betalda"))
    row.addWidget(QPushButton("Sök"))
    column.addLayout(row)
    model = QStandardItemModel(0, 9)
    model.setHorizontalHeaderLabels([f"Column {number}" for number in range(9)])
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    column.addWidget(table)
    window.setCentralWidget(central)
    window.resize(1120, 680)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)
    window.show()
    return app.exec()


def main(argv: list[str]) -> int:
    print(f"STARTED {STARTED:.6f}", flush=True)
    sys.meta_path.insert(0, _HookQtWidgets())
    if argv[:1] == ["bare"]:
        return _bare_window()
    from qvickly_desk.cli import main as app_main

    return app_main(["--demo"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
