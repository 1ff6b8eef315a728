"""Numbers are read by an explicit convention; anything ambiguous or malformed under it is refused with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govgraph.crosswalk import VIETNAMESE, NumberConvention, NumberError, plain

ENGLISH = NumberConvention(decimal=".", thousands=",")
SPACE = NumberConvention(decimal=",", thousands=" ")
BARE = NumberConvention(decimal=".", thousands="")


@pytest.mark.parametrize("convention, text, value", [
    (VIETNAMESE, "6.084", "6084"),             # the source article's own number
    (VIETNAMESE, "2,5", "2.5"),
    (VIETNAMESE, "1.234.567", "1234567"),
    (VIETNAMESE, "1.234,5", "1234.5"),
    (VIETNAMESE, "6084", "6084"),               # grouping is optional
    (VIETNAMESE, "0,25", "0.25"),
    (VIETNAMESE, "-75", "-75"),
    (VIETNAMESE, "\u22121.331", "-1331"),       # a typographic minus
    (VIETNAMESE, "+4.678", "4678"),
    (VIETNAMESE, " 900 ", "900"),
    (VIETNAMESE, "007", "7"),
    (ENGLISH, "1,234.5", "1234.5"),
    (ENGLISH, "1.23", "1.23"),
    (ENGLISH, "6,084", "6084"),
    (SPACE, "1 234 567,5", "1234567.5"),
    (SPACE, "1\u00a0234", "1234"),              # a no-break space, as word processors group digits
    (SPACE, "1\u202f234", "1234"),
    (BARE, "1234.5", "1234.5"),
])
def test_numbers_read_by_the_convention(convention, text, value):
    assert convention.parse(text) == Decimal(value)


@pytest.mark.parametrize("convention, text, reason", [
    (VIETNAMESE, "1.23", "a group after the thousands mark '.' must have 3 digits"),
    (VIETNAMESE, "15.5", "if '.' is a decimal point here, pass --decimal-mark . --thousands-mark ,"),
    (VIETNAMESE, "1.2345", "must have 3 digits"),
    (VIETNAMESE, "1234.567", "more than 3 digits before the thousands mark '.'"),
    (VIETNAMESE, "0.234", "cannot begin with 0"),
    (VIETNAMESE, "1,234,5", "more than one decimal mark ','"),
    (VIETNAMESE, "1,234.5", "the thousands mark '.' stands after the decimal mark ','"),
    (VIETNAMESE, "1..234", "must have 3 digits"),
    (VIETNAMESE, "1.234.", "must have 3 digits"),
    (VIETNAMESE, ".234", "no digit before the thousands mark '.'"),
    (VIETNAMESE, "1.2.345", "must have 3 digits"),
    (VIETNAMESE, ",5", "a digit must stand on each side of the decimal mark"),
    (VIETNAMESE, "5,", "a digit must stand on each side of the decimal mark"),
    (VIETNAMESE, "1 234", "' ' is not a digit nor a mark"),
    (VIETNAMESE, "abc", "'a' 'b' 'c' are not digits nor a mark"),
    (VIETNAMESE, "1e5", "'e' is not a digit"),
    (VIETNAMESE, "NaN", "are not digits"),
    (VIETNAMESE, "77%", "'%' is not a digit"),
    (VIETNAMESE, "-", "a digit must stand"),
    (VIETNAMESE, "--5", "'-' is not a digit"),
    (VIETNAMESE, "", "empty: a missing value, not 0"),
    (ENGLISH, "1,23", "must have 3 digits"),
    (ENGLISH, "2,5", "if ',' is a decimal comma here, pass --decimal-mark , --thousands-mark ."),
    (ENGLISH, "1.234,5", "the thousands mark ',' stands after the decimal mark '.'"),
    (BARE, "1,234", "',' is not a digit"),
])
def test_ambiguous_or_malformed_numbers_are_refused_with_the_reason(convention, text, reason):
    with pytest.raises(NumberError) as refused:
        convention.parse(text)
    assert reason in str(refused.value)


@pytest.mark.parametrize("decimal, thousands", [(",", ","), (".", "."), (";", "")])
def test_a_convention_needs_two_different_marks(decimal, thousands):
    with pytest.raises(ValueError):
        NumberConvention(decimal, thousands)


@pytest.mark.parametrize("value, text", [
    ("1234567.50", "1234567.5"), ("6084", "6084"), ("-0.25", "-0.25"), ("1E+3", "1000"), ("2.500", "2.5"),
])
def test_totals_are_written_with_a_decimal_point_and_no_grouping(value, text):
    assert plain(Decimal(value)) == text
