"""The Qt window: a thin layer over the Qt-free core (client, invoices, pno, credentials)."""

import os
import sys

import qvickly_desk

__all__: list[str] = []


def _spare_pyside_the_source_reading() -> None:
    """Tell PySide6 up front which modules use no ``__feature__`` options.

    Once PySide6 is loaded it reads the whole source of every module an import statement
    names, the first time it is named, to see whether it mentions PySide6 (and may then say
    ``from __feature__ import snake_case``). The window's modules name the standard library's
    big ones (``typing``, ``logging``, ``argparse``, ``inspect``, ``datetime``): about 1 MB of
    source read, split into lines and searched: 30 M of the start-up's 1,124 M instructions. None of
    them, nor any module loaded before PySide6, nor ours, uses those options, so each is entered
    in PySide's table as the reading would have entered it: the standard library and what came
    before as "ignore" (-1, as every module is in a bundle, which has no sources to read), ours
    as "uses PySide6, no options" (0). Should a later PySide6 keep the table elsewhere, nothing
    changes but the time.
    """
    try:
        import PySide6  # noqa: F401  (it puts ``__feature__`` among the modules)
    except ImportError:  # resources.py alone, as packaging uses it
        return
    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in (*sys.modules, *sys.stdlib_module_names):
        if name != "__main__" and not name.startswith(("PySide6", "shiboken", "qvickly_desk")):
            table.setdefault(name, -1)
    for folder, prefix in (
        (qvickly_desk.__path__[0], "qvickly_desk."),
        (__path__[0], __name__ + "."),
    ):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for file_name in names:
            if file_name.endswith(".py") and file_name != "__init__.py":
                table.setdefault(prefix + file_name[:-3], 0)


_spare_pyside_the_source_reading()
