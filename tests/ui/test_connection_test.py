"""The settings dialog's connection test on its own: it reports success or the reason, off the GUI
thread, and a stopped test reports nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.errors import AuthenticationError
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.ui.connection_test import ConnectionTest, TestRequest
from tests.helpers.window import LONG


def test_a_working_connection_succeeds_with_the_test_persons_invoices(
    qapp: QApplication, qtbot: QtBot, sandbox_settings: Settings
) -> None:
    test = ConnectionTest()
    with qtbot.waitSignal(test.succeeded, timeout=LONG) as succeeded:
        test.start(TestRequest(sandbox_settings, eid=DEMO_EID, secret=DEMO_SECRET))
        assert test.is_running()
    assert succeeded.args[0].invoices
    assert not test.is_running()


def test_a_wrong_secret_fails_with_the_services_refusal(
    qapp: QApplication, qtbot: QtBot, sandbox_settings: Settings
) -> None:
    test = ConnectionTest()
    with qtbot.waitSignal(test.failed, timeout=LONG) as failed:
        test.start(TestRequest(sandbox_settings, eid=DEMO_EID, secret="not-the-secret"))
    assert isinstance(failed.args[0], AuthenticationError)


def test_a_stopped_test_reports_nothing(
    qapp: QApplication, qtbot: QtBot, sandbox: SandboxServer, sandbox_settings: Settings
) -> None:
    sandbox.faults.delay = 0.5
    test = ConnectionTest()
    with qtbot.assertNotEmitted(test.succeeded), qtbot.assertNotEmitted(test.failed):
        test.start(TestRequest(sandbox_settings, eid=DEMO_EID, secret=DEMO_SECRET))
        test.stop()  # returns once the test's thread is done: whatever it said is queued now
        assert not test.is_running()
        qapp.processEvents()  # ... and delivered, and dropped
