"""qvickly-desk: look up a customer's Qvickly invoices by identity number."""

APP_NAME = "qvickly-desk"
ORGANIZATION = "Qvickly"
DESKTOP_ID = "io.qvickly.QvicklyDesk"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use.

    pyproject.toml is the only place the version is written; pip records it in the metadata.
    Importing ``importlib.metadata`` costs 10-40 ms (it pulls in the ``email`` package), which
    every start would pay before the window or the command line could do anything, so only the
    code that shows or sends the version pays it, once.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version(APP_NAME)
    except PackageNotFoundError:  # running from a source tree that is not installed
        value = "0.0.0"
    globals()["__version__"] = value  # later reads find it without calling this again
    return value
