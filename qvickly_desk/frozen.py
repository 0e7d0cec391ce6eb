"""An immutable value with named fields, for the value types the window makes before its paint
and those a command-line lookup makes.

A frozen dataclass gives the same, but making one costs some 0.85 ms (its methods are generated
and compiled) and importing ``dataclasses`` more: :class:`~qvickly_desk.languages.Text` and
:class:`~qvickly_desk.status.StatusChoice` were 10 M of the start-up's 1,124 M instructions as
dataclasses (``benchmarks/README.md``, 47), and the command-line lookup's four (the identity
number, the credentials, a row's error) 13 M of its 847 M (50).
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["FrozenValue"]


class FrozenValue:
    """Equal by its fields' values, hashable, with a repr, picklable, and unchangeable once made.

    A subclass names its fields in ``_fields`` (in the order its repr shows them), lists them in
    ``__slots__``, and sets them in ``__init__`` through :meth:`_init_fields`.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _init_fields(self, *values: object) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot be changed ({name})")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, FrozenValue)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[object, tuple[type[FrozenValue], tuple[object, ...]]]:
        return _rebuilt, (type(self), self._values())


def _rebuilt(kind: type[FrozenValue], values: tuple[object, ...]) -> FrozenValue:
    """A pickled or copied value made again (its values were checked when it was first made)."""
    value = object.__new__(kind)
    value._init_fields(*values)
    return value
