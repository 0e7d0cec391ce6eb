"""Checking a Qvickly answer: its signature over the bytes as sent, and its error shapes.

One entry point, :func:`verify_answer`, for every function the desk calls and for anything that
forwards raw calls: invoice data is returned only when its signature matches; an error answer is
reported even unsigned (with a wrong key no signature can match, and an error carries no
invoice data), including the unsigned top-level ``{"code", "message"}`` the service sometimes
sends. "No such invoice" (5201, 6010) comes out as its own error type.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import threading

from qvickly_desk.answer_json import YIELDING_SIZE, fast_decode, parse_answer, too_deep
from qvickly_desk.collector import collector_paused
from qvickly_desk.errors import (
    AuthenticationError,
    BadAnswerError,
    InvoiceNotFoundError,
    QvicklyError,
    ServiceError,
    SignatureError,
)
from qvickly_desk.signing import signature_matches
from qvickly_desk.text import safe_text

__all__ = ["verify_answer"]


def verify_answer(
    body: bytes | bytearray, secret: str, data_type: object = None
) -> tuple[object, str | None]:
    """The answer's ``data`` and log id, once its signature is checked against ``secret``.

    ``data_type``, when given, is a type msgspec may decode ``data`` into directly (such as
    :data:`~qvickly_desk.wire_rows.ROWS_TYPE`); a ``data`` that does not fit it is decoded as
    plain JSON values, as without it.

    Raises only :class:`~qvickly_desk.errors.QvicklyError` subclasses, whatever the bytes: a
    service error (reported even unsigned), :class:`SignatureError` for invoice data without a
    matching signature, :class:`BadAnswerError` for anything that is not a Qvickly answer.

    The service signs ``json_encode($data)`` and sends those very bytes as the answer's ``data``,
    so the signature is first checked over that slice of the body, and ``data`` is what that
    slice decodes to. Only if it does not match (another encoding of the same data, say) is the
    parsed ``data`` encoded again the PHP way, which costs seconds for a large answer.
    """
    if not body or body.isspace():  # not strip(): that would copy a large answer
        raise BadAnswerError(en="the answer was empty", sv="svaret var tomt")
    digest = _DataDigest(body, secret)
    try:
        with collector_paused():  # decoding a large answer makes millions of objects, no cycles
            answer, data_span = parse_answer(body, data_type, digest.begin)
        return _checked(answer, data_span, digest, secret, data_type)
    finally:
        digest.close()


def _checked(
    answer: object,
    data_span: tuple[int, int] | None,
    digest: _DataDigest,
    secret: str,
    data_type: object,
) -> tuple[object, str | None]:
    """``verify_answer`` once the answer is decoded."""
    if not isinstance(answer, dict):
        raise BadAnswerError(en="the answer has the wrong shape", sv="svaret har fel form")
    envelope = answer.get("credentials")
    envelope = envelope if isinstance(envelope, dict) else {}
    logid = _text_or_none(envelope.get("logid"))
    data = answer.get("data")
    error = _service_error(data, logid) or (
        _service_error(answer, logid) if "data" not in answer else None
    )
    if error is not None:
        raise error
    if "data" not in answer:
        raise BadAnswerError(en="the answer holds no data", sv="svaret innehåller inga data")
    signature = envelope.get("hash")
    if not signature:
        raise SignatureError(missing=True, logid=logid)
    if not isinstance(signature, str) or not signature.isascii():
        raise SignatureError(logid=logid)  # a hex digest is ASCII; compare_digest needs that
    if data_span is not None:
        if digest.matches(data_span, signature):
            return data, logid
        if data_type is not None:  # encoded again below, which takes plain JSON values
            data = digest.decoded(data_span)
    try:
        matches = signature_matches(data, secret, signature)
    except RecursionError:
        raise too_deep() from None
    if not matches:
        raise SignatureError(logid=logid)
    return data, logid


class _DataDigest:
    """The HMAC-SHA512 of a slice of the answer (its ``data``), made while that slice is
    decoded: hashlib lets go of the interpreter, so on a second core the 75 ms it takes at
    100,000 invoices are no longer added to the decoding's 200. Small answers are hashed on
    the calling thread, where a thread would cost more than it saves."""

    def __init__(self, body: bytes | bytearray, secret: str) -> None:
        self._body = body
        self._secret = secret
        self._span: tuple[int, int] | None = None
        self._hexdigest = ""
        self._thread: threading.Thread | None = None

    def begin(self, start: int, end: int) -> None:
        """Start hashing ``body[start:end]``, about to be decoded."""
        self._span = (start, end)
        if end - start >= YIELDING_SIZE:
            self._thread = threading.Thread(
                target=self._hash_aside, name="answer-digest", daemon=True
            )
            self._thread.start()

    def matches(self, span: tuple[int, int], signature: str) -> bool:
        """Whether ``signature`` is the HMAC of ``body`` over ``span``."""
        self.close()
        if span != self._span or not self._hexdigest:  # another span, or the thread failed
            self._span = span
            self._hash()  # here a failure is raised to the caller
        return hmac.compare_digest(self._hexdigest, signature.strip().lower())

    def decoded(self, span: tuple[int, int]) -> object:
        """``body`` over ``span`` decoded into plain JSON values."""
        with memoryview(self._body) as view:
            return fast_decode(view[span[0] : span[1]])

    def close(self) -> None:
        """Wait for the hashing thread, if any, so that ``body`` is no longer read."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _hash_aside(self) -> None:
        # A failure leaves no digest, so ``matches`` hashes again on the calling thread, where
        # the same failure is raised to the caller (not to the thread's excepthook).
        with contextlib.suppress(Exception):
            self._hash()

    def _hash(self) -> None:
        assert self._span is not None
        start, end = self._span
        with memoryview(self._body) as view:
            key = self._secret.encode("utf-8")
            self._hexdigest = hmac.new(key, view[start:end], hashlib.sha512).hexdigest()


_MAX_REFERENCE = 64  # characters of a code or log id kept; real ones have a handful


def _service_error(block: object, logid: str | None) -> QvicklyError | None:
    if not isinstance(block, dict) or "code" not in block:
        return None
    code = _text_or_none(block.get("code")) or "?"
    message = block.get("message")
    message = safe_text(message) if isinstance(message, str) else ""
    logid = _text_or_none(block.get("logid")) or logid
    if code in AuthenticationError.CODES:
        return AuthenticationError(code, message, logid)
    if code in InvoiceNotFoundError.CODES:
        return InvoiceNotFoundError(code, message, logid)
    return ServiceError(code, message, logid)


def _text_or_none(value: object) -> str | None:
    if value is None or value == "" or isinstance(value, bool | dict | list):
        return None
    return safe_text(value, _MAX_REFERENCE)  # a code or log id: shown, printed and logged
