"""Write the crosswalk examples derived from examples/crosswalk-synthetic-stats.csv (SYNTHETIC values):

- crosswalk-synthetic-stats.xlsx: as an office's workbook holds them: codes and numbers typed as numbers (a code
  such as 00031 shows as 31), text that is not a number under the Vietnamese convention kept as text;
- crosswalk-synthetic-stats-cp1258.csv: the same file in Windows-1258, tone marks as combining characters.

Run from the repository root: ``.venv/bin/python examples/make-crosswalk-synthetic-examples.py``.
"""

from pathlib import Path

import openpyxl

from govgraph.crosswalk import VIETNAMESE, NumberError, read_table
from govgraph.tabular.decoding import encode_cp1258

SOURCE = Path(__file__).with_name("crosswalk-synthetic-stats.csv")


def typed(text):
    try:
        number = VIETNAMESE.parse(text)
    except NumberError:
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def main() -> None:
    table = read_table(SOURCE, [])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SYNTHETIC"
    sheet.append(table.header)
    for row in table.rows:
        sheet.append([None if row.cells[name] is None else typed(row.cells[name]) for name in table.header])
    book.save(SOURCE.with_suffix(".xlsx"))
    SOURCE.with_name("crosswalk-synthetic-stats-cp1258.csv").write_bytes(
        encode_cp1258(SOURCE.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
