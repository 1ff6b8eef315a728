"""Leading zeros are restored only at the input's level, never into a unit of another level."""

from __future__ import annotations

import pytest

from govgraph.crosswalk import infer_level, restore
from govgraph.crosswalk.codes import CodeError
from govgraph.errors import UsageError


@pytest.fixture(scope="module")
def levels(formers):
    return {code: former.level for code, former in formers.items()}


@pytest.mark.parametrize("written, level, code", [
    ("31", "commune", "00031"),      # Phường Giảng Võ, not the province Hải Phòng (31)
    ("00031", "commune", "00031"),
    ("6187", "commune", "06187"),
    ("11914", "commune", "11914"),
    ("318", "commune", "318"),       # Huyện Bạch Long Vĩ: an island district with no communes, carried as a row
    ("31", "province", "31"),
    ("1", "province", "01"),
    ("01", "province", "01"),
    ("318", "district", "318"),
])
def test_a_short_code_is_restored_at_the_input_level(levels, written, level, code):
    assert restore(written, level, levels) == code


@pytest.mark.parametrize("written, level, reason", [
    ("11914", "province", "no former province-level unit has code 11914"),
    ("11914", "district", "no former district-level unit has code 11914 (11914 is a former commune-level code: "
                          "is this a commune-level file? pass --level commune)"),
    ("318", "province", "no former province-level unit has code 318 (318 is a former district-level code"),
    ("2", "commune", "no former commune-level unit has code 00002"),   # 00001 and 00004 exist, 00002 does not
    ("99999", "commune", "no former commune-level unit has code 99999"),
    ("123456", "commune", "no former commune-level unit has code 123456"),
    ("", "commune", "no code"),
    ("11.914", "commune", "'11.914' is not a unit code (digits only)"),
    ("x31", "commune", "not a unit code"),
    ("\u0663\u0661", "commune", "not a unit code"),                  # digits of another script
])
def test_a_code_that_fits_no_unit_of_the_level_is_reported(levels, written, level, reason):
    with pytest.raises(CodeError) as refused:
        restore(written, level, levels)
    assert reason in str(refused.value)


def test_a_code_that_fits_two_units_of_the_level_is_reported():
    # at commune level a short code may be a commune code that lost its zeros or an island district's code
    levels = {"00318": "commune", "318": "district"}
    with pytest.raises(CodeError, match=r"318 fits several former commune-level units \(00318, 318\)"):
        restore("318", "commune", levels)


@pytest.mark.parametrize("codes, level", [
    (["11914", "31", "318"], "commune"),
    (["6187", "31"], "commune"),          # 4 digits: a commune code that lost one zero
    (["01", "31", "79"], "province"),
    (["001", "318"], "district"),
    (["", "abc", "11914"], "commune"),
])
def test_the_level_is_inferred_only_when_the_widths_show_it(codes, level):
    assert infer_level(codes) == level


@pytest.mark.parametrize("codes", [["31", "79"], ["1", "31"], ["318", "471"], ["01", "318"], [], ["abc"]])
def test_a_level_the_widths_do_not_show_is_not_guessed(codes):
    with pytest.raises(UsageError, match="cannot tell the level of the codes.*pass --level"):
        infer_level(codes)
