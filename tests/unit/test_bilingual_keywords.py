"""Swedish and English are given by name, so a message cannot show up in the wrong language."""

from __future__ import annotations

import copy
import pickle

import pytest

from qvickly_desk.errors import BadAnswerError, InvalidInputError
from qvickly_desk.languages import Text
from qvickly_desk.pno import InvalidIdentityNumber


def test_a_text_is_made_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        Text("Faktura", "Invoice")  # type: ignore[misc]  # the mistake this test is about
    assert Text(sv="Faktura", en="Invoice").get("en") == "Invoice"


def test_a_text_is_a_value_that_cannot_be_changed() -> None:
    text = Text(sv="Faktura", en="Invoice")
    with pytest.raises(AttributeError):
        text.en = "Bill"  # type: ignore[misc]
    assert text == Text(sv="Faktura", en="Invoice") != Text(sv="Faktura", en="Bill")
    assert len({text, Text(sv="Faktura", en="Invoice")}) == 1
    assert pickle.loads(pickle.dumps(text)) == text == copy.deepcopy(text)
    assert repr(text) == "Text(sv='Faktura', en='Invoice')"


@pytest.mark.parametrize("error_class", [InvalidInputError, BadAnswerError])
def test_bilingual_errors_take_their_details_by_keyword_only(
    error_class: type[InvalidInputError] | type[BadAnswerError],
) -> None:
    with pytest.raises(TypeError):
        error_class("too long", "för lång")  # type: ignore[misc]  # as above
    error = error_class(en="too long", sv="för lång")
    assert "too long" in error.message("en") and "för lång" in error.message("sv")


def test_an_identity_number_error_takes_its_languages_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        InvalidIdentityNumber("length", "too short", "för kort")  # type: ignore[misc]
    error = InvalidIdentityNumber("length", en="too short", sv="för kort")
    assert error.detail_in("sv") == "för kort" and error.detail_in("en") == "too short"
