"""qvickly-desk: look up a customer's Qvickly invoices by identity number."""

APP_NAME = "qvickly-desk"
ORGANIZATION = "Qvickly"
DESKTOP_ID = "io.qvickly.QvicklyDesk"

# The one place the version is written: pyproject.toml reads it from here, and so do the build
# scripts. A literal, because reading the installed metadata instead costs every start 10-40 ms
# (importlib.metadata brings in the email package) before the window or the command line can act.
__version__ = "0.1.0"
