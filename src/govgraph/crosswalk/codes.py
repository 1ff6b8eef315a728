"""Former unit codes: the level of an input, and leading zeros restored without guessing across levels.

Statistics codes are fixed-width: 2 digits for a province, 3 for a district, 5 for a commune, ward or township.
Spreadsheets drop leading zeros ("00031" becomes "31"), and "31" is also the code of the former province Hải
Phòng. So a short code is padded only to the width of the input's level, and restored only when exactly one former
unit of that level fits:

>>> units = {"00031": "commune", "31": "province", "318": "district", "11914": "commune"}
>>> restore("31", "commune", units), restore("31", "province", units), restore("11914", "commune", units)
('00031', '31', '11914')
>>> restore("3", "district", units)
Traceback (most recent call last):
...
govgraph.crosswalk.codes.CodeError: no former district-level unit has code 003
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from govgraph.errors import UsageError

WIDTHS = {"province": 2, "district": 3, "commune": 5}
LEVELS = tuple(WIDTHS)
#: The levels of former units a row of each input level may name. Five island districts had no communes and went
#: whole into a special zone, so commune-level statistics carry them as a row of their own.
ACCEPTS = {"province": ("province",), "district": ("district",), "commune": ("commune", "district")}


class CodeError(ValueError):
    """A code that names no former unit of the input's level, or more than one."""


def restore(code: str, level: str, units: Mapping[str, str]) -> str:
    """The former code that ``code`` writes at ``level``; ``units`` maps former codes to their levels."""
    if not re.fullmatch(r"[0-9]+", code):
        raise CodeError(f"{code!r} is not a unit code (digits only)" if code else "no code")
    padded = {code.zfill(WIDTHS[kind]) for kind in ACCEPTS[level] if len(code) <= WIDTHS[kind]}
    fitting = sorted(c for c in padded if units.get(c) in ACCEPTS[level])
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        raise CodeError(f"{code} fits several former {level}-level units ({', '.join(fitting)}): write it in full")
    other = units.get(code)
    elsewhere = f" ({code} is a former {other}-level code: is this a {other}-level file? pass --level {other})" \
        if other and other not in ACCEPTS[level] else ""
    raise CodeError(f"no former {level}-level unit has code {code.zfill(WIDTHS[level])}{elsewhere}")


def infer_level(codes: Iterable[str]) -> str:
    """The level of a column of codes, when the codes themselves show it; else a :class:`UsageError`.

    A code of 4 or 5 digits can only be a commune's (4: one that lost its leading zero). A column whose codes all
    have 2 (or all 3) digits, one of them with a leading zero, was written at full width: province (or district).
    Anything else could be a commune file that lost its zeros, and is not guessed.

    >>> infer_level(["11914", "318", "6187"]), infer_level(["01", "31"]), infer_level(["001", "318"])
    ('commune', 'province', 'district')
    >>> infer_level(["31", "79"])
    Traceback (most recent call last):
    ...
    govgraph.errors.UsageError: cannot tell the level of the codes: the longest has 2 digits, as a commune code that lost its leading zeros may have (pass --level province, district or commune)
    """
    digits = [code for code in codes if re.fullmatch(r"[0-9]{1,5}", code)]
    if any(len(code) >= 4 for code in digits):
        return "commune"
    widths = {len(code) for code in digits}
    for level in ("province", "district"):
        if widths == {WIDTHS[level]} and any(code.startswith("0") for code in digits):
            return level
    longest = max(widths, default=0)
    raise UsageError("cannot tell the level of the codes: " + (
        f"the longest has {longest} digit{'s' if longest > 1 else ''}, as a commune code that lost its leading zeros "
        "may have" if digits else "no code has 1 to 5 digits"), hint="pass --level province, district or commune")
