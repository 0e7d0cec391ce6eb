"""The sandbox speaks as the window does: the PDF names an invoice type with the table's word, and
``qvickly-desk sandbox`` prints what a window without --demo needs to connect to it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qvickly_desk.invoices import parse_invoices
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET
from qvickly_desk.sandbox.pdf import TYPE_LABELS, invoice_pdf
from tests.helpers.service_records import service_record


@pytest.mark.parametrize("code", ["F", "K", "KN", "RF"])
def test_the_pdf_names_the_type_as_the_table_does(code: str) -> None:
    invoice = parse_invoices([service_record(1001, invoicetype=code)]).invoices[0]
    assert TYPE_LABELS[code] == invoice.type_label("sv")
    assert f"{invoice.type_label('sv')} 1001".encode("cp1252") in invoice_pdf(
        number="1001", amount="10,00", invoice_type=code
    )


def test_the_sandbox_command_prints_the_store_id_and_the_key() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "qvickly_desk", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        try:
            first = process.stdout.readline()
        finally:
            process.terminate()
    assert DEMO_EID in first
    assert DEMO_SECRET in first
