"""An invoice's details as a readable block of text, in Swedish or English.

One pure function for the command line's ``show`` and the window's details pane: header,
customer and addresses, article lines, fees, totals, balance and link. Every text from the
service goes through ``one_line`` (a name cannot add lines or fake a label), amounts are
written like the invoice table's ("1 249,50"), and what the answer does not say is shown as
unknown, never filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from qvickly_desk.details import Address, ArticleLine, InvoiceDetails
from qvickly_desk.formatting import date_text, format_amount
from qvickly_desk.languages import Text, normalize_language
from qvickly_desk.status_words import status_in_words
from qvickly_desk.text import one_line

__all__ = ["details_text"]

_L = {
    "invoice": Text(sv="Faktura", en="Invoice"),
    "status": Text(sv="Status", en="Status"),
    "type": Text(sv="Typ", en="Type"),
    "currency": Text(sv="Valuta", en="Currency"),
    "invoice_date": Text(sv="Fakturadatum", en="Invoice date"),
    "due_date": Text(sv="Förfallodatum", en="Due date"),
    "method": Text(sv="Betalsätt", en="Payment method"),
    "order": Text(sv="Ordernummer", en="Order number"),
    "yours": Text(sv="Er referens", en="Your reference"),
    "ours": Text(sv="Vår referens", en="Our reference"),
    "related": Text(sv="Relaterad faktura", en="Related invoice"),
    "customer": Text(sv="Kundnummer", en="Customer number"),
    "pno": Text(sv="Person-/organisationsnr", en="Identity number"),
    "billing": Text(sv="Fakturaadress", en="Billing address"),
    "shipping": Text(sv="Leveransadress", en="Shipping address"),
    "no_shipping": Text(sv="Ingen egen leveransadress", en="No separate shipping address"),
    "signer": Text(sv="Firmatecknare", en="Company signer"),
    "email": Text(sv="E-post", en="E-mail"),
    "phone": Text(sv="Telefon", en="Phone"),
    "articles": Text(sv="Artiklar", en="Articles"),
    "no_articles": Text(sv="Inga artikelrader", en="No article lines"),
    "fees": Text(sv="Avgifter exkl. moms", en="Fees excl. VAT"),
    "handling": Text(sv="Fakturaavgift", en="Handling fee"),
    "shipping_fee": Text(sv="Frakt", en="Shipping"),
    "totals": Text(sv="Summa", en="Totals"),
    "no_totals": Text(sv="Svaret innehåller inga summor", en="The answer holds no totals"),
    "excl_vat": Text(sv="Exkl. moms", en="Excl. VAT"),
    "vat": Text(sv="Moms", en="VAT"),
    "rounding": Text(sv="Öresavrundning", en="Rounding"),
    "incl_vat": Text(sv="Inkl. moms", en="Incl. VAT"),
    "balance": Text(sv="Saldo att betala", en="Balance due"),
    "paid": Text(sv="Betalt hittills", en="Paid so far"),
    "link": Text(sv="Länk", en="Link"),
    "no_link": Text(sv="ingen användbar länk", en="no usable link"),
    "unknown": Text(sv="okänt", en="unknown"),
    "problems": Text(sv="Kunde inte läsas", en="Could not be read"),
}
_ARTICLE_HEADERS = {
    "sv": ("Artnr", "Benämning", "Antal", "À-pris", "Rabatt %", "Moms %", "Summa exkl. moms"),
    "en": ("Art. no", "Description", "Qty", "Unit price", "Disc. %", "VAT %", "Total excl. VAT"),
}
_RIGHT = frozenset({2, 3, 4, 5, 6})
_MAX_CELL = 40
_TYPES = {
    "F": Text(sv="Faktura", en="Invoice"),
    "K": Text(sv="Kreditfaktura", en="Credit invoice"),
    "KN": Text(sv="Kontantnota", en="Cash invoice"),
    "RF": Text(sv="Räntefaktura", en="Interest invoice"),
}


def details_text(details: InvoiceDetails, language: str, today: date | None = None) -> str:
    """The whole block, lines joined with ``\\n`` and a final newline.

    Given ``today``, the status line says it in words ("Skickad — förfallen sedan 12 dagar"),
    as the window's pane and ``show`` do.
    """
    lang = normalize_language(language)

    def label(key: str) -> str:
        return _L[key].get(lang)

    unknown = label("unknown")

    def amount(value: Decimal | None) -> str:
        return format_amount(value, lang, currency=False) if value is not None else unknown

    def field(key: str, value: str) -> str:
        return f"{label(key) + ':':<26}{value or '-'}"

    status = one_line(details.status) or unknown
    if today is not None:
        status = status_in_words(details, today, lang)  # a status it has no words for: as given
    if details.invoice_status and details.invoice_status.lower() != details.status.lower():
        status += f" ({one_line(details.invoice_status)})"
    kind = _TYPES.get(details.invoice_type.upper())
    method = one_line(details.payment_method_name)
    if details.payment_method:
        method = f"{method} ({one_line(details.payment_method)})".strip()
    lines = [
        f"{label('invoice')} {one_line(details.number)}",
        field("status", status),
        field("type", kind.get(lang) if kind else one_line(details.invoice_type)),
        field("currency", one_line(details.currency)),
        field("invoice_date", date_text(details.invoice_date) or unknown),
        field("due_date", date_text(details.due_date) or unknown),
        field("method", method),
        field("order", one_line(details.order_id)),
        field("yours", one_line(details.your_reference)),
        field("ours", one_line(details.our_reference)),
        field("related", one_line(details.related_number)),
        field("customer", one_line(details.customer_number)),
        field("pno", details.pno.display() if details.pno else ""),
        "",
        label("billing"),
        *_address_lines(details.billing, lang),
    ]
    if details.shipping is not None:
        lines += ["", label("shipping"), *_address_lines(details.shipping, lang)]
    else:
        lines += ["", label("no_shipping")]
    if details.company_signer is not None:
        lines.append(field("signer", details.company_signer.display()))
    lines += ["", label("articles")]
    lines += _article_table(details.articles, lang, amount) or [f"  {label('no_articles')}"]
    totals = details.totals
    lines.append("")
    if totals is None:
        lines.append(label("no_totals"))
    else:
        lines += [
            label("fees"),
            f"  {field('handling', amount(totals.handling_excl_vat))}",
            f"  {field('shipping_fee', amount(totals.shipping_excl_vat))}",
            label("totals"),
            f"  {field('excl_vat', amount(totals.excl_vat))}",
            f"  {field('vat', amount(totals.vat))}",
            f"  {field('rounding', amount(totals.rounding))}",
            f"  {field('incl_vat', amount(totals.incl_vat))}",
        ]
    lines.append("")
    lines.append(field("balance", amount(details.balance_due)))
    if details.paid_so_far is not None:
        lines.append(field("paid", amount(details.paid_so_far)))
    link = details.pdf_url
    lines.append(field("link", one_line(link) if link else label("no_link")))
    if details.problems:
        lines += ["", label("problems") + ":"]
        lines += [f"  {one_line(problem)}" for problem in details.problems]
    return "\n".join(lines) + "\n"


def _address_lines(address: Address, language: str) -> list[str]:
    def text_of(key: str) -> str:
        return _L[key].get(language)

    place = " ".join(part for part in (address.zip, address.city) if part)
    parts = [
        address.name,
        address.company,
        address.street,
        address.street2,
        place,
        address.country,
    ]
    lines = [f"  {one_line(part)}" for part in parts if part]
    if address.email:
        lines.append(f"  {text_of('email')}: {one_line(address.email)}")
    if address.phone:
        lines.append(f"  {text_of('phone')}: {one_line(address.phone)}")
    return lines or ["  -"]


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _article_table(
    lines: tuple[ArticleLine, ...], language: str, amount: Callable[[Decimal | None], str]
) -> list[str]:
    if not lines:
        return []
    rows = []
    for line in lines:
        title = one_line(line.title)
        title = title if len(title) <= _MAX_CELL else title[: _MAX_CELL - 1] + "…"
        if line.is_freetext:
            rows.append(("", title, "", "", "", "", ""))
            continue
        rows.append(
            (
                one_line(line.artnr)[:_MAX_CELL],
                title,
                _number(line.quantity),
                amount(line.unit_price) if line.unit_price is not None else "",
                _number(line.discount_percent),
                _number(line.vat_percent),
                amount(line.total_excl_vat) if line.total_excl_vat is not None else "",
            )
        )
    headers = _ARTICLE_HEADERS[language]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line_of(cells: tuple[str, ...]) -> str:
        return (
            "  "
            + "  ".join(
                cell.rjust(width) if index in _RIGHT else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )

    return [line_of(headers), "  " + "  ".join("-" * width for width in widths)] + [
        line_of(row) for row in rows
    ]
