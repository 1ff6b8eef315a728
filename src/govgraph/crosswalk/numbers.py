"""Numbers as statistics offices write them, read by an explicit convention, never guessed.

Vietnamese statistics write a decimal comma and group thousands with a dot: "6.084" is six thousand and eighty-four,
"2,5" two and a half. :data:`VIETNAMESE` is that convention and the default. A value that does not follow the
convention exactly is refused with the reason, never read some other way:

>>> [str(VIETNAMESE.parse(text)) for text in ["6.084", "2,5", "1.234.567", "1.234,5", "-75", "0,25"]]
['6084', '2.5', '1234567', '1234.5', '-75', '0.25']
>>> VIETNAMESE.parse("1.23")
Traceback (most recent call last):
...
govgraph.crosswalk.numbers.NumberError: '1.23': a group after the thousands mark '.' must have 3 digits (if '.' is a decimal point here, pass --decimal-mark . --thousands-mark ,)
>>> NumberConvention(decimal=".", thousands=",").parse("1,234.5")
Decimal('1234.5')

Totals are written with :func:`plain`: digits, a leading '-' when negative, '.' before the decimals, no grouping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

#: The marks a user may name on the command line, and the characters each stands for.
THOUSANDS_MARKS = {".": ".", ",": ",", "space": " ", "'": "'", "none": ""}
DECIMAL_MARKS = (",", ".")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})  # no-break spaces, as word processors group digits
_MINUS = ("-", "\u2212")


class NumberError(ValueError):
    """A cell that is not a number under the convention; ``str(error)`` says why."""


@dataclass(frozen=True)
class NumberConvention:
    """How numbers are written: the decimal mark and the thousands mark ('' for none)."""

    decimal: str = ","
    thousands: str = "."

    def __post_init__(self) -> None:
        if self.decimal not in DECIMAL_MARKS:
            raise ValueError(f"the decimal mark must be one of {', '.join(DECIMAL_MARKS)}")
        if self.decimal == self.thousands:
            raise ValueError(f"the decimal mark and the thousands mark cannot both be {self.decimal!r}")

    def describe(self) -> str:
        """The convention in words.

        >>> VIETNAMESE.describe()
        "decimal mark ',', thousands mark '.'"
        """
        return f"decimal mark {self.decimal!r}, thousands mark {self.thousands!r}" if self.thousands else \
            f"decimal mark {self.decimal!r}, no thousands mark"

    def parse(self, text: str) -> Decimal:
        """The number ``text`` writes under this convention; :class:`NumberError` if it is not exactly one."""
        body = text.strip().translate(_SPACES) if self.thousands == " " else text.strip()
        if not body:
            raise NumberError("empty: a missing value, not 0")
        sign = ""
        if body[0] in _MINUS or body[0] == "+":
            sign, body = ("-" if body[0] in _MINUS else ""), body[1:]
        stray = sorted({c for c in body if not ("0" <= c <= "9") and c not in (self.decimal, self.thousands)})
        if stray:
            what = "is not a digit" if len(stray) == 1 else "are not digits"
            return self._refuse(text, f"not a number: {' '.join(map(repr, stray))} {what} nor a mark "
                                f"({self.describe()})")
        whole, _, fraction = body.partition(self.decimal)
        if self.decimal in fraction:
            return self._refuse(text, f"more than one decimal mark {self.decimal!r}")
        if self.thousands and self.thousands in fraction:
            return self._refuse(text, f"the thousands mark {self.thousands!r} stands after the decimal mark "
                                f"{self.decimal!r}")
        if not whole or (self.decimal in body and not fraction):
            return self._refuse(text, f"a digit must stand on each side of the decimal mark {self.decimal!r}")
        if self.thousands and self.thousands in whole:
            self._check_groups(text, whole.split(self.thousands))
            whole = whole.replace(self.thousands, "")
        return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")

    def _check_groups(self, text: str, groups: list[str]) -> None:
        if not groups[0]:
            self._refuse(text, f"no digit before the thousands mark {self.thousands!r}")
        if len(groups[0]) > 3:
            self._refuse(text, f"more than 3 digits before the thousands mark {self.thousands!r}" + self._swap_hint())
        if any(not re.fullmatch(r"[0-9]{3}", g) for g in groups[1:]):
            self._refuse(text, f"a group after the thousands mark {self.thousands!r} must have 3 digits"
                         + self._swap_hint())
        if groups[0].startswith("0"):
            self._refuse(text, f"a number grouped by the thousands mark {self.thousands!r} cannot begin with 0"
                         + self._swap_hint())

    def _swap_hint(self) -> str:
        if self.thousands == "." and self.decimal == ",":
            return " (if '.' is a decimal point here, pass --decimal-mark . --thousands-mark ,)"
        if self.thousands == "," and self.decimal == ".":
            return " (if ',' is a decimal comma here, pass --decimal-mark , --thousands-mark .)"
        return ""

    @staticmethod
    def _refuse(text: str, reason: str):
        raise NumberError(f"{text.strip()!r}: {reason}")


VIETNAMESE = NumberConvention(",", ".")


def looks_grouped(texts: list[str], numbers: NumberConvention) -> str | None:
    """A warning when every value of a column that has a decimal mark has exactly three digits after it, and no
    thousands mark: ``1,000`` and ``2,500`` are one and two and a half under a decimal comma, but a thousand and
    two and a half thousand as a spreadsheet in English writes them. The values are read by the convention all the
    same (it is explicit); the warning says which way they were read. None when nothing looks so.

    >>> print(looks_grouped(["1,000", "2,500", "17"], VIETNAMESE))
    every value with ',' has three digits after it ('1,000', '2,500'): read as decimals (1,000 is 1); if ',' groups thousands here, pass --decimal-mark . --thousands-mark ,
    >>> looks_grouped(["1,000", "2,5"], VIETNAMESE) is None, looks_grouped(["1.000,500"], VIETNAMESE) is None
    (True, True)
    """
    mark = re.escape(numbers.decimal)
    with_mark = [t.strip() for t in texts if numbers.decimal in t]
    if not with_mark or numbers.thousands and any(numbers.thousands in t for t in with_mark):
        return None
    if not all(re.fullmatch(rf"[+-]?[0-9]{{1,3}}{mark}[0-9]{{3}}", t) for t in with_mark):
        return None
    examples = ", ".join(repr(t) for t in with_mark[:2])
    other = "." if numbers.decimal == "," else ","
    first = with_mark[0]
    return (f"every value with {numbers.decimal!r} has three digits after it ({examples}): read as decimals "
            f"({first} is {plain(numbers.parse(first))}); if {numbers.decimal!r} groups thousands here, pass "
            f"--decimal-mark {other} --thousands-mark {numbers.decimal}")


def plain(value: Decimal) -> str:
    """A number written unambiguously: digits, '.' before the decimals, no grouping, no trailing zeros.

    >>> plain(Decimal("12.50")), plain(Decimal("3")), plain(Decimal("-1234567.0")), plain(Decimal("1E+3"))
    ('12.5', '3', '-1234567', '1000')
    """
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
