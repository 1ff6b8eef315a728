"""A cell's value as a number or as a unit code, whichever reader produced it (CSV text or a workbook's types)."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from govgraph.crosswalk.numbers import NumberConvention, NumberError
from govgraph.crosswalk.readers import FormulaWithoutValue


def cell_number(cell: object, numbers: NumberConvention) -> Decimal:
    """The number in a cell: text is read by ``numbers``; a workbook's numbers are taken as they are.

    >>> from govgraph.crosswalk.numbers import VIETNAMESE
    >>> cell_number("6.084", VIETNAMESE), cell_number(6084, VIETNAMESE), cell_number(2.5, VIETNAMESE)
    (Decimal('6084'), Decimal('6084'), Decimal('2.5'))
    """
    if isinstance(cell, bool):
        raise NumberError(f"{str(cell).upper()} is a truth value, not a number")
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise NumberError(f"{cell!r} is not a finite number")
        return Decimal(repr(cell))
    if isinstance(cell, str):
        return numbers.parse(cell)
    if isinstance(cell, (datetime.date, datetime.time, datetime.timedelta)):
        raise NumberError(f"{cell} is a date or time, not a number")
    if isinstance(cell, FormulaWithoutValue):
        raise NumberError(f"the formula {cell.formula} has no saved result (open the workbook in a spreadsheet "
                          "and save it)")
    raise NumberError(f"{cell!r} is not a number")


def cell_code(cell: object) -> str:
    """A code as text: a workbook keeps codes typed as numbers, which lose their leading zeros like CSV ones.

    >>> cell_code(" 00031 "), cell_code(31), cell_code(6187.0), cell_code(None), cell_code(2.5)
    ('00031', '31', '6187', '', '2.5')
    """
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
