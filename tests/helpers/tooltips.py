"""What a person sees of a tooltip: Qt's rendering of it, and whatever that rendering loads."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument

__all__ = ["RecordingDocument", "image_count", "render_tooltip", "shown_text"]


class RecordingDocument(QTextDocument):
    """A text document that records every resource (image, style sheet) it is asked to load."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> object:  # Qt's name
        self.loaded.append(name.toString())
        return super().loadResource(kind, name)


def render_tooltip(tooltip: str) -> RecordingDocument:
    """``tooltip`` rendered as Qt renders a rich-text tooltip, laid out and painted once."""
    document = RecordingDocument()
    document.setHtml(tooltip)
    document.setTextWidth(400)
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return document


def shown_text(tooltip: object) -> str:
    """The text a person reads in ``tooltip``."""
    assert isinstance(tooltip, str), tooltip
    return render_tooltip(tooltip).toRawText()  # as toPlainText, but keeps no-break spaces


def image_count(document: QTextDocument) -> int:
    """Images in the rendered document (each would be loaded and drawn)."""
    count = 0
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isImageFormat():
                count += 1
            fragments += 1
        block = block.next()
    return count
