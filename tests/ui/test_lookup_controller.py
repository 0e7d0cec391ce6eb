"""The lookup controller without a window: any job runs off the GUI thread, and only the latest
request's answer comes out; a superseded or cancelled one is dropped, never shown."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.ui.lookup_controller import LookupController
from qvickly_desk.ui.worker import JobContext
from tests.helpers.window import LONG, sandbox_services


@pytest.fixture
def controller(qapp: QApplication, sandbox: SandboxServer) -> Iterator[LookupController]:
    services = sandbox_services(sandbox)
    controller = LookupController(services)
    yield controller
    controller.shut_down()
    services.close()


def test_any_call_runs_off_the_gui_thread_and_its_answer_comes_back(
    qtbot: QtBot, controller: LookupController
) -> None:
    def job(context: JobContext) -> tuple[int, str]:
        return threading.get_ident(), context.services.settings.language

    with qtbot.waitSignal(controller.succeeded, timeout=LONG) as answered:
        request_id = controller.start(job)
        assert controller.is_busy()
    answered_id, (thread, language) = answered.args
    assert answered_id == request_id and language == "en"
    assert thread != threading.get_ident()
    assert not controller.is_busy()


def test_a_superseded_answer_is_dropped_and_the_newer_one_comes_out(
    qtbot: QtBot, controller: LookupController
) -> None:
    release = threading.Event()
    answers: list[tuple[int, object]] = []
    dropped: list[int] = []
    controller.succeeded.connect(lambda request_id, answer: answers.append((request_id, answer)))
    controller.dropped.connect(dropped.append)

    def slow(_context: JobContext) -> str:
        release.wait(LONG / 1000)
        return "old customer"

    first = controller.start(slow)
    second = controller.start(lambda _context: "new customer")
    release.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=LONG)
    assert answers == [(second, "new customer")]
    assert dropped == [first]


def test_a_preparation_runs_on_the_lookup_thread_before_the_next_search_and_answers_nobody(
    qtbot: QtBot, controller: LookupController
) -> None:
    order: list[tuple[str, int]] = []
    answers: list[object] = []
    controller.succeeded.connect(lambda _request_id, answer: answers.append(answer))
    controller.failed.connect(lambda _request_id, error: answers.append(error))

    def preparation() -> None:
        order.append(("prepared", threading.get_ident()))
        raise RuntimeError("a fault here is only logged")

    def job(_context: JobContext) -> str:
        order.append(("searched", threading.get_ident()))
        return "the customer's invoices"

    controller.prepare(preparation)
    assert not controller.is_busy()  # nobody waits for it
    with qtbot.waitSignal(controller.succeeded, timeout=LONG):
        controller.start(job)
    assert [step for step, _ in order] == ["prepared", "searched"]
    assert order[0][1] == order[1][1] != threading.get_ident()
    assert answers == ["the customer's invoices"]


def test_a_cancelled_request_gives_no_answer(qtbot: QtBot, controller: LookupController) -> None:
    assert not controller.cancel()  # nothing running
    release = threading.Event()

    def slow(_context: JobContext) -> str:
        release.wait(LONG / 1000)
        return "too late"

    request_id = controller.start(slow)
    with qtbot.assertNotEmitted(controller.succeeded):
        assert controller.cancel()
        assert not controller.is_busy()
        with qtbot.waitSignal(controller.dropped, timeout=LONG) as dropped:
            release.set()
    assert dropped.args == [request_id]


def test_the_window_waits_at_most_a_millisecond_for_the_interpreter_while_lookups_run(
    controller: LookupController,
) -> None:
    """With Python's default of 5 ms, each timer tick and paint of the window could wait that
    long whenever the lookup thread parses an answer: visible stalls."""
    assert sys.getswitchinterval() <= 0.001
