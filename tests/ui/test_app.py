"""Start-up: the smoke test bundles are checked with, lazy imports, the demo sandbox, resources."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from qvickly_desk import APP_NAME, DESKTOP_ID, ORGANIZATION, __version__
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui import app, resources
from tests.helpers.processes import run_python
from tests.helpers.pyside_types import made_widget_types_code

OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def demo_window_code(folder: Path) -> str:
    """Python that makes the demo's window, not yet shown, in a child process: its UI settings
    in ``folder``, nothing imported before it but what the window needs."""
    settings = str(folder / "ui.ini")
    return (
        "from PySide6.QtWidgets import QApplication\n"
        "from qvickly_desk.ui.app import build_services\n"
        "from qvickly_desk.ui.main_window import MainWindow\n"
        "from qvickly_desk.ui.ui_settings import UiSettings\n"
        "app = QApplication([])\n"
        f"window = MainWindow(build_services(True), UiSettings.from_file({settings!r}), 'sv')\n"
    )


def sandbox_threads() -> list[str]:
    return [thread.name for thread in threading.enumerate() if "sandbox" in thread.name]


@pytest.fixture
def identity() -> Iterator[None]:
    """Sets the application identity for one test and puts the previous one back."""
    saved = (
        QCoreApplication.organizationName(),
        QCoreApplication.applicationName(),
        QCoreApplication.applicationVersion(),
        QGuiApplication.desktopFileName(),
    )
    app.set_app_identity()
    yield
    QCoreApplication.setOrganizationName(saved[0])
    QCoreApplication.setApplicationName(saved[1])
    QCoreApplication.setApplicationVersion(saved[2])
    QGuiApplication.setDesktopFileName(saved[3])


@pytest.mark.integration
def test_the_smoke_test_looks_up_the_test_person_and_exits_zero() -> None:
    result = run_python("-m", "qvickly_desk", "--smoke-test", env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    assert "smoke test passed (8 invoices shown)" in result.stdout


def test_the_window_modules_import_no_network_keyring_sandbox_or_dialog_code() -> None:
    """What only a lookup, an error or a menu action needs stays out of the start-up."""
    code = (
        "import sys, qvickly_desk.ui.app, qvickly_desk.ui.main_window\n"
        "heavy = ('requests', 'keyring', 'urllib3', 'qvickly_desk.client',"
        " 'qvickly_desk.sandbox', 'importlib.metadata', 'qvickly_desk.ui.crash_dialog',"
        " 'qvickly_desk.ui.credentials_dialog', 'platform', 'html',"
        # a search's: the jobs, the customer and details parsers, the name chooser
        " 'qvickly_desk.ui.lookup_jobs', 'qvickly_desk.customers', 'qvickly_desk.details',"
        " 'qvickly_desk.details_text', 'qvickly_desk.status_words',"
        " 'qvickly_desk.ui.customer_chooser', 'qvickly_desk.ui.details_loader',"
        # made when first used: the announcer, the credentials opener, the row problems' words
        " 'qvickly_desk.ui.announcer', 'qvickly_desk.ui.credentials_opener',"
        " 'qvickly_desk.ui.credential_probe', 'qvickly_desk.ui.row_problems',"
        " 'qvickly_desk.ui.answer_notes', 'qvickly_desk.ui.status_cells',"
        # a hover's or a screen reader's: what a cell says beyond its text
        " 'qvickly_desk.ui.cell_notes',"
        # an answer's: the invoice parser; the first key typed's: the identity number parser
        " 'qvickly_desk.invoices', 'qvickly_desk.row_fields', 'qvickly_desk.fields',"
        " 'qvickly_desk.pno',"
        # a copy's or an export's: the spreadsheet text and the thread that makes it
        " 'qvickly_desk.export', 'qvickly_desk.ui.background',"
        # after the first paint (or at activation): the filter for the fields' shortcuts
        " 'qvickly_desk.ui.field_shortcuts',"
        # the first unexpected error's: its report; and no dataclass is made before the paint
        " 'qvickly_desk.ui.crash_report', 'dataclasses')\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    result = run_python("-c", code, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_pyside_reads_no_source_of_the_modules_the_window_imports() -> None:
    """PySide6 reads the source of each module an import names once it is loaded (about 1 MB of
    the standard library's for the window's imports) unless told which need no reading."""
    code = (
        "import linecache, os\n"
        "read = []\n"
        "original = linecache.updatecache\n"
        "def recording(filename, *args):\n"
        "    read.append(os.path.basename(filename))\n"
        "    return original(filename, *args)\n"
        "linecache.updatecache = recording\n"
        "import qvickly_desk.cli, qvickly_desk.ui.app, qvickly_desk.ui.main_window\n"
        "print(' '.join(read))\n"
    )
    result = run_python("-c", code, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    read = set(result.stdout.split())
    # Named by the window's modules: the standard library's, and ours.
    assert not read & {"typing.py", "argparse.py", "inspect.py", "datetime.py", "threading.py"}
    assert not read & {"main_window.py", "invoice_table.py", "app.py", "crash.py", "settings.py"}


def test_the_first_lookups_code_is_loaded_once_the_window_is_painted(tmp_path: Path) -> None:
    """The first search no longer waits for the client, TLS and the parsers to load; loading
    them calls nothing and starts no sandbox."""
    code = demo_window_code(tmp_path) + (
        "import sys, threading, time\n"
        "from qvickly_desk.ui.lookup_preload import FIRST_LOOKUP_MODULES\n"
        "def loaded():\n"
        "    return [name for name in FIRST_LOOKUP_MODULES if name in sys.modules]\n"
        "print('before', len(loaded()))\n"
        "window.show()\n"
        "deadline = time.monotonic() + 60\n"
        "while len(loaded()) < len(FIRST_LOOKUP_MODULES) and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "    time.sleep(0.01)\n"
        "print('after', len(loaded()), 'of', len(FIRST_LOOKUP_MODULES))\n"
        "print('sandbox', any('sandbox' in t.name for t in threading.enumerate()))\n"
        "print('rows', window.model.rowCount())\n"
        "window.close()\n"
    )
    result = run_python("-c", code, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "before 0"
    assert lines[1] == "after 4 of 4"
    assert lines[2:] == ["sandbox False", "rows 0"]


def test_the_first_paint_makes_no_python_type_for_widgets_the_window_does_not_show(
    tmp_path: Path,
) -> None:
    """PySide makes a class's Python type when it is first used. The first Python wrapper of a
    plain QWidget (the table's viewport, asked for at the first show) made it make those of all
    of QtWidgets first, a twentieth of the start-up: a wizard and a calendar among them."""
    code = demo_window_code(tmp_path) + (
        "import os\n"
        "from qvickly_desk.ui.deferred import after_first_paint\n"
        "def painted():\n"
        f"    made = {made_widget_types_code('QTableView')}\n"
        "    print(' '.join(made), flush=True)\n"
        "    os._exit(0)\n"
        "after_first_paint(window, painted)\n"
        "window.show()\n"
        "app.exec()\n"
    )
    result = run_python("-c", code, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["QTableView"]  # the table's own, and none of the others


def test_identity_is_what_settings_and_the_desktop_entry_expect(identity: None) -> None:
    assert QCoreApplication.organizationName() == ORGANIZATION
    assert QCoreApplication.applicationName() == APP_NAME
    assert QCoreApplication.applicationVersion() == __version__
    assert QGuiApplication.desktopFileName() == DESKTOP_ID


def test_the_icon_and_the_translations_are_found_in_the_source_tree(qapp: QApplication) -> None:
    assert resources.resource_path(app.ICON_PATH).is_file()
    assert resources.resource_path("translations/qvickly_desk_sv.qm").is_file()
    assert not app.app_icon().pixmap(16, 16).isNull()


def test_resources_are_found_inside_a_pyinstaller_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("icons/x.svg") == tmp_path / "resources" / "icons" / "x.svg"


def test_the_demo_starts_its_sandbox_at_the_first_lookup_and_stops_it_on_close() -> None:
    before = sandbox_threads()
    services = app.build_services(demo=True, settings=Settings(language="en"))
    try:
        assert services.demo
        assert services.credential_store() is None
        assert sandbox_threads() == before  # nothing started for the first paint
        result = services.client().get_invoices_by_pno(
            services.credentials().load(),
            parse_identity_number("195501011018"),
            StatusChoice(sent=True, paid=True),
        )
        assert len(result.invoices) == 8
        assert len(sandbox_threads()) == len(before) + 1
    finally:
        services.close()
    assert sandbox_threads() == before


def test_new_settings_in_the_demo_never_move_it_off_its_sandbox() -> None:
    services = app.build_services(demo=True, settings=Settings(language="en"))
    try:
        client = services.client()
        sandbox_url = client.settings.api_url
        assert sandbox_url.startswith("http://127.0.0.1:")
        services.update_settings(Settings(language="sv", read_timeout=12.0))
        assert client.settings.api_url == sandbox_url
        assert client.settings.test_mode
        assert client.settings.read_timeout == 12.0
        assert client.settings.language == "sv"
    finally:
        services.close()


def test_the_real_services_use_the_keyring_store(tmp_path: Path) -> None:
    services = app.build_services(demo=False, settings=Settings(api_url="https://example.test/"))
    try:
        assert not services.demo
        store = services.credential_store()
        assert store is not None
        assert not store.has_secret()  # the test keyring is empty
    finally:
        services.close()
