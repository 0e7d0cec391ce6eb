"""Identity numbers as an agent types them: what is accepted, what is sent, what is said."""

from __future__ import annotations

import calendar
import copy
import pickle
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.pno import IdentityNumber, InvalidIdentityNumber, parse_identity_number
from tests.helpers.processes import run_python

TODAY = date(2025, 6, 15)


def parse(text: str, today: date = TODAY) -> IdentityNumber:
    return parse_identity_number(text, today=today)


def refusal(text: str, today: date = TODAY) -> InvalidIdentityNumber:
    with pytest.raises(InvalidIdentityNumber) as caught:
        parse(text, today)
    return caught.value


def with_check_digit(nine: str) -> str:
    """A valid 10-digit number from its first nine digits."""
    return nine + luhn.calc_check_digit(nine)


def wrong_last_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# --- the documented test identities ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "195501011018",
        "5501011018",
        "550101-1018",
        "19550101-1018",
        "  550101-1018\n",
        "550101 1018",
    ],
)
def test_documented_person_in_every_form_gives_the_same_number(typed: str) -> None:
    number = parse(typed)
    assert number == IdentityNumber("personnummer", "5501011018", "195501011018")
    assert number.display() == "19550101-1018"
    assert number.masked() == "550101-****"


def test_second_documented_person() -> None:
    number = parse("195505050558")
    assert (number.kind, number.digits, number.full) == (
        "personnummer",
        "5505050558",
        "195505050558",
    )


@pytest.mark.parametrize("typed", ["5566779988", "556677-9988", "165566779988", "16556677-9988"])
def test_documented_company_in_every_form(typed: str) -> None:
    number = parse(typed)
    assert number == IdentityNumber("organisationsnummer", "5566779988", "5566779988")
    assert number.display() == "556677-9988"
    assert number.masked() == "556677-****"


@pytest.mark.parametrize(
    "pasted",
    [
        "pnr 550101-1018",
        "Personnummer: 19550101-1018",
        "personnr. 5501011018",
        "P-nr: 550101-1018.",
        "550101-1018.",
        "19550101-1018,",
    ],
)
def test_a_pasted_label_or_full_stop_around_the_number_is_ignored(pasted: str) -> None:
    assert parse(pasted).digits == "5501011018"


@pytest.mark.parametrize(
    "pasted", ["orgnr 556677-9988", "Org.nr: 556677-9988.", "Organisationsnummer 5566779988"]
)
def test_a_pasted_organisation_label_is_ignored(pasted: str) -> None:
    assert parse(pasted).digits == "5566779988"


def test_a_label_without_a_number_is_still_refused() -> None:
    assert refusal("personnummer:").reason == "characters"


def test_typographic_dash_from_a_pasted_document_is_read_as_a_dash() -> None:
    assert parse("550101\u20131018").digits == "5501011018"


def test_default_today_is_the_real_date() -> None:
    assert parse_identity_number("195501011018").full == "195501011018"


# --- samordningsnummer ----------------------------------------------------------------------------


def test_coordination_number_is_accepted_with_day_plus_sixty() -> None:
    ten = with_check_digit("550161101")
    number = parse(ten[:6] + "-" + ten[6:])
    assert number.kind == "samordningsnummer"
    assert number.digits == ten
    assert number.full == "19" + ten
    assert number.display() == f"1955{ten[2:6]}-{ten[6:]}"
    assert number.masked() == "550161-****"
    assert parse("19" + ten) == number


@pytest.mark.parametrize("nine", ["550289123", "550292123"])  # 1955-02-29, 1955-02-32
def test_coordination_number_with_impossible_day_is_a_date_error(nine: str) -> None:
    error = refusal(with_check_digit(nine))
    assert error.reason == "date"
    assert (
        error.detail
        == f"The date {nine[:6]} does not exist (a coordination number adds 60 to the day)."
    )
    assert error.detail_sv.startswith(f"Datumet {nine[:6]} finns inte")


def test_coordination_number_on_leap_day_depends_on_the_century() -> None:
    ten = with_check_digit("000289123")  # 29 February, born 2000 with '-', 1900 with '+'
    assert parse(ten).full == "20" + ten
    assert refusal(ten[:6] + "+" + ten[6:]).reason == "date"


# --- century of the 10-digit form -------------------------------------------------------------


def test_plus_means_a_hundred_years_or_older() -> None:
    ten = with_check_digit("250101123")
    assert parse(ten[:6] + "-" + ten[6:]).full == "20" + ten
    assert parse(ten[:6] + "+" + ten[6:]).full == "19" + ten
    assert parse(ten[:6] + "+" + ten[6:]).display() == f"19250101-{ten[6:]}"


def test_dash_means_under_a_hundred() -> None:
    ten = with_check_digit("260101123")
    assert parse(ten).full == "19" + ten
    assert parse(ten[:6] + "+" + ten[6:]).full == "18" + ten


def test_born_today_is_accepted_and_tomorrow_is_a_date_error() -> None:
    assert parse(with_check_digit("250615123")).full.startswith("2025")
    error = refusal(with_check_digit("250616123"))
    assert error.reason == "date"
    assert error.detail == "The date 250616 is in the future."
    assert error.detail_sv == "Datumet 250616 ligger i framtiden."


def test_twelve_digit_birth_in_the_future_is_a_date_error() -> None:
    assert refusal("20" + with_check_digit("300101123")).reason == "date"


def test_century_follows_the_given_today() -> None:
    ten = with_check_digit("300101123")
    assert parse(ten, today=date(2025, 1, 1)).full == "19" + ten
    assert parse(ten, today=date(2030, 1, 1)).full == "20" + ten


# --- every reason, with its message -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_empty(typed: str) -> None:
    error = refusal(typed)
    assert error.reason == "empty"
    assert isinstance(error, InvalidInputError)
    assert "personnummer" in error.message("sv")


@pytest.mark.parametrize(
    "typed", ["550101/1018", "55O101-1018", "550101.1018", "550101\t1018", "abc", "550101-1018x"]
)
def test_characters(typed: str) -> None:
    error = refusal(typed)
    assert error.reason == "characters"
    assert error.detail.startswith("Only digits, '-' and '+' are allowed")
    assert error.detail_sv.startswith("Bara siffror, '-' och '+' är tillåtna")


def test_characters_message_names_the_offending_character() -> None:
    assert refusal("550101/1018").detail == "Only digits, '-' and '+' are allowed; '/' is not."


@pytest.mark.parametrize("typed", ["5501-011018", "550101--1018", "55-01-01-1018", "-5501011018"])
def test_separator_only_before_the_last_four(typed: str) -> None:
    error = refusal(typed)
    assert error.reason == "characters"
    assert "last four" in error.detail


def test_plus_is_refused_in_twelve_digit_and_organisation_numbers() -> None:
    assert refusal("19550101+1018").reason == "characters"
    assert refusal("556677+9988").reason == "characters"


def test_length_message_in_both_languages() -> None:
    error = refusal("550101-101")
    assert error.reason == "length"
    assert error.detail == "The number has 9 digits; it needs 10 or 12."
    assert error.detail_sv == "Numret har 9 siffror; det behöver ha 10 eller 12."
    assert error.message("en") == "Invalid input: The number has 9 digits; it needs 10 or 12."
    assert (
        error.message("sv") == "Ogiltig uppgift: Numret har 9 siffror; det behöver ha 10 eller 12."
    )


@pytest.mark.parametrize("typed", ["1", "55010110181", "1955010110180", "-", "+"])
def test_length(typed: str) -> None:
    assert refusal(typed).reason == "length"


def test_nonexistent_date() -> None:
    error = refusal("550231-1018")
    assert error.reason == "date"
    assert error.detail == "The date 550231 does not exist."
    assert error.detail_sv == "Datumet 550231 finns inte."


@pytest.mark.parametrize(
    "typed",
    ["5513011018", "19550001" + "1018", "165501011018", "195566779988"],
)
def test_other_date_errors(typed: str) -> None:
    assert refusal(typed).reason == "date"


def test_twelve_digit_company_without_16_gets_a_hint() -> None:
    assert "starts with 16" in refusal("195566779988").detail


@pytest.mark.parametrize("typed", ["5501011019", "195501011017", "556677-9989", "165566779980"])
def test_checksum(typed: str) -> None:
    error = refusal(typed)
    assert error.reason == "checksum"
    assert error.detail == "The check digit is wrong: check for a typo."
    assert "Kontrollsiffran" in error.detail_sv


# --- masking --------------------------------------------------------------------------------------


def test_repr_is_masked_so_tracebacks_do_not_leak_the_number() -> None:
    assert "1018" not in repr(parse("195501011018"))


def test_a_checked_number_is_a_value_the_same_however_it_was_typed() -> None:
    """The window keeps the last search's number and compares it with the next one."""
    number = parse("19550101-1018")
    assert number == parse("5501011018") and hash(number) == hash(parse("5501011018"))
    assert number != parse("198112189876")
    assert pickle.loads(pickle.dumps(number)) == number == copy.copy(number)
    with pytest.raises(AttributeError):
        number.digits = "8112189876"  # type: ignore[misc]
    assert number.digits == "5501011018"


# --- properties -----------------------------------------------------------------------------------

birth_dates = st.dates(min_value=TODAY.replace(year=TODAY.year - 99), max_value=TODAY)


@st.composite
def valid_persons(draw: st.DrawFn) -> str:
    """A valid personnummer or samordningsnummer in one of its typed forms."""
    born = draw(birth_dates)
    day = born.day + (60 if draw(st.booleans()) else 0)
    ten = with_check_digit(f"{born:%y%m}{day:02d}{draw(st.integers(0, 999)):03d}")
    form = draw(st.sampled_from(["ten", "dash", "twelve", "twelve-dash"]))
    return {
        "ten": ten,
        "dash": f"{ten[:6]}-{ten[6:]}",
        "twelve": f"{born.year // 100}{ten}",
        "twelve-dash": f"{born.year // 100}{ten[:6]}-{ten[6:]}",
    }[form]


@st.composite
def valid_companies(draw: st.DrawFn) -> str:
    nine = f"{draw(st.integers(1, 9))}{draw(st.integers(0, 9))}{draw(st.integers(20, 99))}"
    nine += f"{draw(st.integers(0, 99999)):05d}"
    ten = with_check_digit(nine)
    return draw(st.sampled_from([ten, f"{ten[:6]}-{ten[6:]}", f"16{ten}"]))


digit_like = st.text(alphabet="0123456789-+ ", max_size=16)


@given(st.one_of(st.text(), digit_like, valid_persons(), valid_companies()))
def test_any_text_is_parsed_or_refused_with_a_reason(text: str) -> None:
    try:
        number = parse(text)
    except InvalidIdentityNumber as error:
        assert error.reason in {"empty", "characters", "length", "date", "checksum"}
        assert error.message("en") and error.message("sv")
        return
    assert luhn.is_valid(number.digits)
    assert len(number.digits) == 10 and number.digits.isdecimal()
    assert number.full.endswith(number.digits[2:])
    assert len(number.full) == (10 if number.kind == "organisationsnummer" else 12)
    assert parse(number.display()) == number
    masked = number.masked()
    assert masked == number.digits[:6] + "-****"
    assert sum(c.isdigit() for c in masked) == 6
    assert refusal(wrong_last_digit(number.display())).reason == "checksum"


@given(st.one_of(valid_persons(), valid_companies()))
def test_valid_numbers_are_accepted_and_a_wrong_last_digit_never_is(typed: str) -> None:
    number = parse(typed)
    assert number.digits == typed[-11:].replace("-", "")[-10:]
    error = refusal(wrong_last_digit(typed))
    assert error.reason == "checksum"


@given(birth_dates, st.integers(0, 9999))
def test_person_century_round_trips_through_the_ten_digit_form(born: date, serial: int) -> None:
    ten = with_check_digit(f"{born:%y%m%d}{serial // 10:03d}")
    number = parse(ten)
    assert number.full == f"{born:%Y}" + ten[2:]
    with_plus = f"{ten[:6]}+{ten[6:]}"
    if (born.month, born.day) != (2, 29) or calendar.isleap(born.year - 100):
        assert parse(with_plus).full == f"{born.year - 100}{ten[2:]}"
    else:  # 29 February of 2000 exists, of 1900 not
        assert refusal(with_plus).reason == "date"


def test_stdnum_is_loaded_only_for_a_number_typed_with_unicode_characters() -> None:
    # stdnum.util imports pydoc, platform and inspect: 20-30 ms that neither the window's first
    # paint nor a scripted lookup of a plainly typed number needs.
    script = (
        "import sys\n"
        "from qvickly_desk.pno import parse_identity_number\n"
        "print('stdnum' in sys.modules)\n"
        "print(parse_identity_number('19550101-1018').digits, 'stdnum' in sys.modules)\n"
        "print(parse_identity_number('19550101\u20131018').digits, 'stdnum' in sys.modules)\n"
    )
    done = run_python("-c", script, timeout=60, check=True)
    assert done.stdout.split() == ["False", "5501011018", "False", "5501011018", "True"]
