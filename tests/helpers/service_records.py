"""Invoice records shaped like the service's answer, for tests that build invoices themselves.

Ids and amounts come sometimes as numbers, sometimes as strings, as the service sends them; the
invoices are made through the real parser.
"""

from __future__ import annotations

from qvickly_desk.invoices import Invoice, parse_invoices

__all__ = ["invoices_from", "service_record"]


def service_record(number: object, **fields: object) -> dict[str, object]:
    """An invoice record as the service sends it; ``fields`` change or add service fields."""
    values: dict[str, object] = {
        "status": "Sent",
        "name": "Anna Svensson",
        "invoicedate": "2026-01-01",
        "duedate": "2026-04-01",
        "topay": "100.00",
        "invoiceid_real": number,
        "fileurl": f"https://invoices.example.test/{number}.pdf",
        "balancedue": "100.00",
        "invoicetype": "F",
        "distributor_status": "Sent",
        "creditinvoiceid": "",
        "hash": f"hash{number}",
        "mm3servicesid": 700101,
        "mexcModulesid": "543210",
        "mexcCustomerinvoicesid": 8800101,
    }
    values.update(fields)
    return values


def invoices_from(*rows: dict[str, object]) -> tuple[Invoice, ...]:
    """The invoices the parser makes of ``rows``, all of which must be readable."""
    parsed = parse_invoices(list(rows))
    assert parsed.row_errors == ()
    return parsed.invoices
