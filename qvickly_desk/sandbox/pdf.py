"""A small, valid one-page PDF for a sandbox invoice, built by hand.

A real PDF (correct cross-reference offsets, a standard font) lets the "open PDF" path be tried
end to end with any viewer, without shipping a PDF library or sample files.
"""

from __future__ import annotations

__all__ = ["TYPE_LABELS", "invoice_pdf"]

# The same Swedish words as the table (Invoice.type_label), so the PDF and the row agree.
TYPE_LABELS = {"F": "Faktura", "K": "Kreditfaktura", "KN": "Kontantnota", "RF": "Räntefaktura"}


def invoice_pdf(
    *,
    number: str,
    amount: str,
    name: str = "",
    invoice_type: str = "F",
    invoice_date: str = "",
    due_date: str = "",
) -> bytes:
    """One A4 page in Helvetica showing the invoice number and the amount to pay."""
    title = f"{TYPE_LABELS.get(invoice_type, 'Faktura')} {number}"
    lines = [
        name,
        f"Fakturadatum: {invoice_date}" if invoice_date else "",
        f"Förfallodatum: {due_date}" if due_date else "",
        "",
        f"Att betala: {amount} SEK",
        "",
        "Qvickly sandbox - testdata, ingen riktig faktura.",
    ]
    content = b"BT /F1 22 Tf 72 760 Td (" + _pdf_text(title) + b") Tj ET\n"
    content += b"BT /F1 12 Tf 16 TL 72 720 Td"
    for line in lines:
        content += b" (" + _pdf_text(line) + b") Tj T*"
    content += b" ET\n"

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (qvickly-desk sandbox) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % index + body + b"\nendobj\n"
    xref_offset = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def _pdf_text(text: str) -> bytes:
    """A PDF literal string body in WinAnsi (cp1252); what it cannot hold becomes ``?``."""
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
