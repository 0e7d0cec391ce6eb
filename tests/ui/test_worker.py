"""The lookup worker and the invoice lookup job: a search cancelled or superseded before its call
starts never reaches the network, and an answer arrives with its table rows already prepared, in
the window's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qvickly_desk.client import LookupResult, QvicklyClient
from qvickly_desk.columns import COL_TO_PAY
from qvickly_desk.errors import CancelledError, QvicklyError
from qvickly_desk.invoices import summarize
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.lookup_jobs import InvoiceAnswer, invoices_by_identity
from qvickly_desk.ui.table_contents import TableContents
from qvickly_desk.ui.worker import LookupWorker, RequestGate
from tests.helpers.window import sandbox_services

PERSON = parse_identity_number("195501011018")
BOTH = StatusChoice(sent=True, paid=True)


def run(
    worker: LookupWorker, request_id: int, language: str = "en"
) -> tuple[list[tuple[LookupResult, TableContents]], list[QvicklyError]]:
    results: list[tuple[LookupResult, TableContents]] = []
    failures: list[QvicklyError] = []

    def succeeded(_id: int, answer: InvoiceAnswer) -> None:
        results.append((answer.result, answer.contents))

    worker.succeeded.connect(succeeded)
    worker.failed.connect(lambda _id, error: failures.append(error))
    worker.run(request_id, invoices_by_identity(PERSON, BOTH, language))
    return results, failures


def test_a_superseded_request_is_skipped_without_a_call(sandbox: SandboxServer) -> None:
    services = sandbox_services(sandbox)
    gate = RequestGate()
    services.client()  # made, as after an earlier search
    gate.want(2)  # the window has moved on to request 2 ...
    services.abort()  # ... and aborted request 1 before the worker started it
    results, failures = run(LookupWorker(services, gate), 1)
    assert results == [] and isinstance(failures[0], CancelledError)
    assert sandbox.request_count == 0
    services.close()


def test_the_wanted_request_runs_even_after_an_earlier_abort(sandbox: SandboxServer) -> None:
    services = sandbox_services(sandbox)
    gate = RequestGate()
    services.client()
    services.abort()  # left over from the previous search
    gate.want(2)
    results, failures = run(LookupWorker(services, gate), 2)
    assert failures == [] and len(results) == 1
    services.close()


def test_an_abort_before_the_call_starts_holds(sandbox: SandboxServer) -> None:
    services = sandbox_services(sandbox)
    client = services.client()
    client.abort()
    with pytest.raises(CancelledError):
        client.get_invoices_by_pno(services.credentials().load(), PERSON, BOTH)
    assert sandbox.request_count == 0
    services.close()


@pytest.mark.parametrize(
    ("language", "amount"), [("sv", "1\u00a0249,50\u00a0kr"), ("en", "SEK\u00a01,249.50")]
)
def test_an_answer_comes_with_its_rows_prepared_in_the_windows_language(
    sandbox: SandboxServer, language: str, amount: str
) -> None:
    services = sandbox_services(sandbox)
    gate = RequestGate()
    gate.want(1)
    results, failures = run(LookupWorker(services, gate), 1, language)
    assert failures == []
    [(result, rows)] = results
    assert rows.invoices == result.invoices
    assert rows.numbers == [invoice.number for invoice in result.invoices]
    assert rows.text(0, COL_TO_PAY) == amount
    assert rows.summary == summarize(result.invoices, rows.today)
    assert rows.summary.balance_due == Decimal("1103.40")
    services.close()


def test_an_answer_for_a_search_the_window_left_meanwhile_is_dropped_unprepared(
    sandbox: SandboxServer,
) -> None:
    class MovesOnDuringTheCall(QvicklyClient):
        def get_invoices_by_pno(self, *args: object, **kwargs: object) -> LookupResult:
            result = super().get_invoices_by_pno(*args, **kwargs)  # type: ignore[arg-type]
            gate.want(2)  # the agent searched again while this answer was on its way
            return result

    gate = RequestGate()
    services = sandbox_services(sandbox, make_client=MovesOnDuringTheCall)
    gate.want(1)
    results, failures = run(LookupWorker(services, gate), 1)
    assert results == [] and isinstance(failures[0], CancelledError)
    assert sandbox.request_count == 1
    services.close()
