"""The invoice columns: one table, used by the window's table, the command line's table, the CSV
export and the clipboard, so a column has the same place and the same header everywhere.

Headers are written once per language here; the window shows them in its own language like any
other core text. Amount columns are right-aligned wherever they are shown aligned.
"""

from __future__ import annotations

from typing import NamedTuple

from qvickly_desk.languages import Text

__all__ = [
    "COLUMN_COUNT",
    "COL_BALANCE_DUE",
    "COL_DUE_DATE",
    "COL_INVOICE_DATE",
    "COL_NAME",
    "COL_NUMBER",
    "COL_PDF",
    "COL_STATUS",
    "COL_TO_PAY",
    "COL_TYPE",
    "INVOICE_COLUMNS",
    "RIGHT_ALIGNED_COLUMNS",
    "InvoiceColumn",
    "column_headers",
]


class InvoiceColumn(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    key: str  # what the column holds, in code: "due_date"
    header: Text
    right_aligned: bool = False


INVOICE_COLUMNS: tuple[InvoiceColumn, ...] = (
    InvoiceColumn("number", Text(sv="Fakturanr", en="Invoice")),
    InvoiceColumn("name", Text(sv="Namn", en="Name")),
    InvoiceColumn("status", Text(sv="Status", en="Status")),
    InvoiceColumn("type", Text(sv="Typ", en="Type")),
    InvoiceColumn("invoice_date", Text(sv="Fakturadatum", en="Invoice date")),
    InvoiceColumn("due_date", Text(sv="Förfallodatum", en="Due date")),
    # The invoice's amount is what it was made out for; the balance is what is still owed, so
    # only the balance reads as owed ("Att betala" over 2 450 kr on a paid invoice misled).
    InvoiceColumn("to_pay", Text(sv="Belopp", en="Amount"), right_aligned=True),
    InvoiceColumn("balance_due", Text(sv="Att betala", en="Balance due"), right_aligned=True),
    # The window marks whether there is a PDF, the command line says yes or no, and the
    # spreadsheet export holds the link itself.
    InvoiceColumn("pdf", Text(sv="PDF", en="PDF")),
)

(
    COL_NUMBER,
    COL_NAME,
    COL_STATUS,
    COL_TYPE,
    COL_INVOICE_DATE,
    COL_DUE_DATE,
    COL_TO_PAY,
    COL_BALANCE_DUE,
    COL_PDF,
) = range(len(INVOICE_COLUMNS))
COLUMN_COUNT = len(INVOICE_COLUMNS)

RIGHT_ALIGNED_COLUMNS = frozenset(
    index for index, column in enumerate(INVOICE_COLUMNS) if column.right_aligned
)


def column_headers(language: str) -> list[str]:
    """The headers in ``language`` ("sv" or "en"), in column order."""
    return [column.header.get(language) for column in INVOICE_COLUMNS]
