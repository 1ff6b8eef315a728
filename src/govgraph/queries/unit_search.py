"""Find units as people write them: by name without diacritics or type word, or by a code that lost its zeros.

Pure functions over ``(code, name)`` pairs, so any caller (the query hints, a search box on a server) can use them
with the units it has at hand.

>>> units = [Unit("31", "Thành phố Hải Phòng"), Unit("01", "Thành phố Hà Nội"), Unit("11914", "Đặc khu Cát Hải")]
>>> [u.code for u in find_by_name(units, "hai phong")]
['31']
>>> [u.code for u in find_by_code(units, "1")]
['01']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from govgraph.registers.fields import fold as fold_diacritics

# Type words that open a unit's official name, longest first (a search for "Hải Phòng" finds "Thành phố Hải Phòng").
TYPE_WORDS = ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh", "xa")
CODE_LENGTHS = (2, 3, 5)  # province, district, commune-level official codes


def padded(code: str) -> list[str]:
    """``code`` with the leading zeros a spreadsheet drops put back, at each official length longer than it.

    >>> padded("31"), padded("031"), padded("00031")
    (['031', '00031'], ['00031'], [])
    """
    return [code.zfill(length) for length in CODE_LENGTHS if length > len(code)]


@dataclass(frozen=True)
class Unit:
    """A unit as a search sees it: its official code, its name, and optionally what it is (level, dates)."""

    code: str
    name: str
    note: str = ""


def fold(text: str) -> str:
    """``text`` without diacritics, in lower case, punctuation and spaces collapsed: the key names are compared by.

    The diacritics are folded as a register's headers and names are (:func:`govgraph.registers.fields.fold`).

    >>> fold("  Đặc khu   CÁT Hải ")
    'dac khu cat hai'
    >>> fold("Hải Phòng") == fold("Ha\u0309i Pho\u0300ng")  # composed or decomposed (NFD) alike
    True
    >>> fold("Thành phố Hải Phòng (cũ)")
    'thanh pho hai phong cu'
    """
    return " ".join(re.sub(r"[^\w]+", " ", fold_diacritics(text)).split())


def name_key(name: str) -> str:
    """The folded name without its leading type word.

    >>> name_key("Thành phố Hải Phòng"), name_key("Hai Phong"), name_key("Xã An Lão")
    ('hai phong', 'hai phong', 'an lao')
    """
    folded = fold(name)
    for word in TYPE_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


def find_by_name(units: Iterable[Unit], text: str) -> list[Unit]:
    """The units whose name is ``text``, ignoring diacritics, letter case and the type word; one per code.

    >>> [u.code for u in find_by_name([Unit("11629", "Xã An Lão"), Unit("31", "Thành phố Hải Phòng")], "XA AN LAO")]
    ['11629']
    """
    wanted = name_key(text)
    if not wanted:
        return []
    return _one_per_code(unit for unit in units if name_key(unit.name) == wanted)


def code_digits(text: str) -> str | None:
    """The digits of a code as a spreadsheet or a keyboard may write it: ``31.0`` (a code stored as a number),
    full-width digits; None when ``text`` is no such code.

    >>> code_digits(" 31 "), code_digits("31.0"), code_digits("\uff10\uff11"), code_digits("3.1"), code_digits("1,000")
    ('31', '31', '01', None, None)
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", text).strip()
    found = re.fullmatch(r"([0-9]+)(?:\.0+)?", text)
    return found[1] if found else None


def find_by_code(units: Iterable[Unit], text: str) -> list[Unit]:
    """The units whose code is ``text`` with the leading zeros a spreadsheet drops put back (and a ``.0`` it adds
    taken off).

    >>> [u.code for u in find_by_code([Unit("00031", "Phường A"), Unit("31", "Thành phố B")], "31")]
    ['00031']
    >>> [u.code for u in find_by_code([Unit("00031", "Phường A"), Unit("31", "Thành phố B")], "31.0")]
    ['31', '00031']
    """
    digits = code_digits(text)
    if digits is None:
        return []
    candidates = set(padded(digits))
    if digits != text.strip():
        candidates.add(digits)
    return _one_per_code(unit for unit in units if unit.code in candidates)


def _one_per_code(units: Iterable[Unit]) -> list[Unit]:
    seen: dict[str, Unit] = {}
    for unit in units:
        seen.setdefault(unit.code, unit)
    return sorted(seen.values(), key=lambda unit: (len(unit.code), unit.code))
