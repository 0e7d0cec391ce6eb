"""The signed request body of one Qvickly call, the same for every function.

``credentials`` carries the merchant id, the HMAC of ``data`` (see :mod:`qvickly_desk.signing`)
and the call's metadata; the whole body is PHP-encoded so that ``data`` in it is exactly the
bytes that were signed. The client builds every call with :func:`signed_request_body`, and so
can anything that forwards raw calls; :func:`qvickly_desk.verification.verify_answer` is its
counterpart for the answer.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import qvickly_desk
from qvickly_desk.signing import php_json_bytes, sign

__all__ = ["API_VERSION", "CLIENT_NAME", "signed_request_body"]

API_VERSION = "2.5.0"
CLIENT_NAME = f"qvickly-desk:{qvickly_desk.__version__}"


def signed_request_body(
    function: str,
    data: Mapping[str, object],
    eid: str,
    secret: str,
    *,
    language: str = "sv",
    test: bool = False,
    client: str = CLIENT_NAME,
    now: float | None = None,
) -> bytes:
    """The ASCII request body for ``function`` with ``data``, signed with ``secret``.

    ``language`` is the language the service answers messages in; ``test`` marks a test-mode
    call; ``now`` (seconds since the epoch) is the call's time, the clock's when not given.
    The secret is only used for the HMAC: it is never part of the body.
    """
    envelope = {
        "credentials": {
            "id": eid,
            "hash": sign(data, secret),
            "version": API_VERSION,
            "client": client,
            "language": language,
            "time": time.time() if now is None else now,
            "test": "1" if test else "0",
        },
        "data": data,
        "function": function,
    }
    return php_json_bytes(envelope)
