"""The baseline of the command-line benchmark: one signed call with ``requests.post``, verified.

Run as a script (``python benchmarks/plain_lookup.py PNO10 STATUS``) with ``QVICKLY_EID``,
``QVICKLY_SECRET`` and ``QVICKLY_API_URL`` set. It does what any integrator's script must do and
nothing more: sign, post, check the answer's signature, print the data as JSON.
"""

import json
import os
import sys
import time

import requests

from qvickly_desk.signing import sign, signature_matches


def main() -> int:
    pno, status = sys.argv[1], sys.argv[2]
    eid, secret = os.environ["QVICKLY_EID"], os.environ["QVICKLY_SECRET"]
    data = {"pno": pno, "status": status}
    envelope = {
        "credentials": {
            "id": eid,
            "hash": sign(data, secret),
            "version": "2.5.0",
            "client": "plain-script:1.0",
            "language": "sv",
            "time": time.time(),
            "test": "0",
        },
        "data": data,
        "function": "getInvoicesByPno",
    }
    response = requests.post(
        os.environ["QVICKLY_API_URL"],
        data=json.dumps(envelope),
        headers={"Content-Type": "application/json"},
        timeout=(5, 30),
    )
    response.raise_for_status()
    answer = response.json()
    if not signature_matches(answer["data"], secret, answer["credentials"]["hash"]):
        print("signature does not match", file=sys.stderr)
        return 4
    sys.stdout.write(json.dumps(answer["data"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
