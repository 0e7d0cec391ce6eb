"""The team gateway: one server holds the merchant's key, each agent signs with a key of their own.

It speaks the Qvickly protocol to the desks, forwards only the read-only lookup functions with the
merchant's credentials, and writes one audit record per call. Its dependencies (cheroot, psycopg)
come with the ``gateway`` extra; the desktop program never imports this package.
"""
