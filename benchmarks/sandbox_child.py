"""A sandbox in a process of its own, for benchmarks that must not share a GIL with it.

``python -m benchmarks.sandbox_child '{"customers": {"PNO": COUNT}, "certificate": null,
"nagle": false}'``
prints the sandbox's URL on one line once every customer is built, then serves until terminated.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import ssl
import sys
import threading

from qvickly_desk.sandbox import SandboxServer, generate_invoices
from qvickly_desk.sandbox.handler import SandboxHandler


def main(argv: list[str]) -> int:
    spec = json.loads(argv[0]) if argv else {}
    if not spec.get("nagle", False):
        # The real service answers without Nagle's delay; the sandbox's handler leaves it on, and
        # a small answer then waits ~40 ms for the client's delayed ACK. The benchmarks measure
        # the client, so the stand-in answers promptly unless asked to behave as shipped.
        SandboxHandler.disable_nagle_algorithm = True
    context = None
    if spec.get("certificate"):
        cert_file, key_file = spec["certificate"]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
    server = SandboxServer(ssl_context=context).start()
    for seed, (pno, count) in enumerate(sorted(spec.get("customers", {}).items()), start=1):
        server.add_customer(pno, generate_invoices(int(count), seed, server.url))
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    threading.Thread(target=_stop_with_parent, args=(stopped,), daemon=True).start()
    print(server.url, flush=True)
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    with contextlib.suppress(OSError):  # nobody may be listening any more
        print(f"connections {server.connection_count}", flush=True)
        print(f"requests {server.request_count}", flush=True)
    return 0


def _stop_with_parent(stopped: threading.Event) -> None:
    """Stop when the benchmark that started us is gone, even if it could not say so."""
    parent = os.getppid()
    while not stopped.wait(0.5):
        if os.getppid() != parent:
            stopped.set()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
