"""How the command line prints customer records: a table for people, JSON and CSV for scripts.

JSON and CSV use the service's own field names (``CUSTOMER_FIELDS``), which scripts depend on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TextIO

from qvickly_desk.customers import CUSTOMER_FIELDS, CustomerRecord
from qvickly_desk.languages import Text
from qvickly_desk.text import one_line

__all__ = ["write_customers_csv", "write_customers_json", "write_customers_table"]

_HEADERS = {
    "sv": ("Kundnr", "Namn", "Person-/orgnr", "Adress", "Postnr", "Ort", "E-post", "Telefon"),
    "en": ("Customer", "Name", "Identity no", "Address", "Postcode", "City", "E-mail", "Phone"),
}
_MAX_CELL = 32
_NO_CUSTOMERS = Text(sv="Inga kunder.", en="No customers.")
_ONE_CUSTOMER = Text(sv="{count} kund", en="{count} customer")
_CUSTOMERS = Text(sv="{count} kunder", en="{count} customers")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_encode_json = json.JSONEncoder(ensure_ascii=False).encode


def _shorten(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def write_customers_table(customers: Sequence[CustomerRecord], out: TextIO, language: str) -> None:
    if not customers:
        out.write(_NO_CUSTOMERS.get(language) + "\n")
        return
    rows = [
        tuple(
            _shorten(cell)
            for cell in (
                customer.customer_number,
                customer.name,
                customer.identity.display() if customer.identity else "",
                customer.address,
                customer.postcode,
                customer.postoffice,
                customer.email,
                customer.telephone or customer.mobile,
            )
        )
        for customer in customers
    ]
    headers = _HEADERS["en" if language == "en" else "sv"]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    lines = [line(headers), "  ".join("-" * width for width in widths)]
    lines += [line(row).rstrip() for row in rows]
    count = len(customers)
    lines.append((_ONE_CUSTOMER if count == 1 else _CUSTOMERS).get(language, count=count))
    out.write("\n".join(line.rstrip() for line in lines) + "\n")


def write_customers_json(customers: Sequence[CustomerRecord], out: TextIO, language: str) -> None:
    """A JSON array, one record per line, under the service's field names."""
    if not customers:
        out.write("[]\n")
        return
    rows = ",\n  ".join(_encode_json(customer.to_api_dict()) for customer in customers)
    out.write("[\n  " + rows + "\n]\n")


def _csv_cell(value: str | None) -> str:
    """A spreadsheet must not run a customer's "name" as a formula."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_customers_csv(customers: Sequence[CustomerRecord], out: TextIO, language: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CUSTOMER_FIELDS)
    for customer in customers:
        record = customer.to_api_dict()
        writer.writerow([_csv_cell(record[key]) for key in CUSTOMER_FIELDS])
    out.write(buffer.getvalue())
