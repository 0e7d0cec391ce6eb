"""A search cancelled or superseded before its call starts never reaches the network."""

from __future__ import annotations

import pytest

from qvickly_desk.errors import CancelledError, QvicklyError
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.worker import LookupWorker
from tests.ui.conftest import sandbox_services

PERSON = parse_identity_number("195501011018")
BOTH = StatusChoice(sent=True, paid=True)


def run(worker: LookupWorker, request_id: int) -> tuple[list[object], list[QvicklyError]]:
    results: list[object] = []
    failures: list[QvicklyError] = []
    worker.succeeded.connect(lambda _id, result: results.append(result))
    worker.failed.connect(lambda _id, error: failures.append(error))
    worker.lookup(request_id, PERSON, BOTH)
    return results, failures


def test_a_superseded_request_is_skipped_without_a_call(sandbox: SandboxServer) -> None:
    services = sandbox_services(sandbox)
    services.client()  # made, as after an earlier search
    services.want(2)  # the window has moved on to request 2 ...
    services.abort()  # ... and aborted request 1 before the worker started it
    results, failures = run(LookupWorker(services), 1)
    assert results == [] and isinstance(failures[0], CancelledError)
    assert sandbox.request_count == 0
    services.close()


def test_the_wanted_request_runs_even_after_an_earlier_abort(sandbox: SandboxServer) -> None:
    services = sandbox_services(sandbox)
    services.client()
    services.abort()  # left over from the previous search
    services.want(2)
    results, failures = run(LookupWorker(services), 2)
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
