"""qvickly-desk: look up a customer's Qvickly invoices by identity number."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qvickly-desk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

APP_NAME = "qvickly-desk"
ORGANIZATION = "Qvickly"
DESKTOP_ID = "io.qvickly.QvicklyDesk"
