"""Write the task-register examples: the template (headers and a guide to each column) and the SYNTHETIC register.

    python examples/make-register-examples.py

- register-template.csv / .xlsx: the headers govgraph ingest knows out of the box; the workbook's second sheet
  ("Hướng dẫn - Guide") says what each column holds, whether it is required, and the other headers it may have;
- register-synthetic.csv / .xlsx: 300 made-up tasks (bench/synthetic_task_register.py), SYNTHETIC, never fact.
Tests check that the files in examples/ are what this script writes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))
from synthetic_task_register import HEADERS, write_csv, write_xlsx  # noqa: E402

from govgraph.registers.fields import FIELDS, fold  # noqa: E402

SYNTHETIC_TASKS = 300


def guide_rows() -> list[list[str]]:
    """One row per field: the template's header, the field, required or not, its meaning, other known headers."""
    by_header = {fold(h): h for h in HEADERS}
    rows = [["Cột (header)", "Trường (field)", "Bắt buộc (required)", "Nội dung (meaning)", "Tên cột khác (also read)"]]
    for field in FIELDS:
        header = next((by_header[fold(h)] for h in field.headers if fold(h) in by_header), field.headers[0])
        others = ", ".join(h for h in field.headers if fold(h) != fold(header))
        required = "có (yes)" if field.required else "không (no)"
        if field.name in ("assigner_role", "assigner_unit"):
            required += "; or --assigner-role / --assigner-unit for every row"
        rows.append([header, field.name, required, field.meaning, others])
    return rows


def write_template(folder: Path) -> None:
    with open(folder / "register-template.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(HEADERS)
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.create_sheet("Sổ theo dõi nhiệm vụ").append(HEADERS)
    guide = book.create_sheet("Hướng dẫn - Guide")
    for row in guide_rows():
        guide.append(row)
    book.save(folder / "register-template.xlsx")


def main(folder: Path = HERE) -> int:
    write_template(folder)
    write_csv(folder / "register-synthetic.csv", SYNTHETIC_TASKS)
    write_xlsx(folder / "register-synthetic.xlsx", SYNTHETIC_TASKS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
