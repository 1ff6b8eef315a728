"""A SYNTHETIC task register (CSV or XLSX, Vietnamese headers): made-up tasks for examples, tests and benches.

The tasks are assigned by the posts of Thành phố Hải Phòng's People's Committee to its departments and communes,
which exist; the tasks, dates, statuses and the Vice-Chairmen's names do not. Every task's content begins with
"Nhiệm vụ giả lập" (synthetic task) and the Vice-Chairmen are named "Phó Chủ tịch giả lập ...": nothing here
is fact. Seeded, so every run writes the same register.

    python bench/synthetic_task_register.py examples/register-synthetic.csv --tasks 300
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

HEADERS = ["Mã nhiệm vụ", "Số văn bản", "Ngày văn bản", "Chức vụ người giao", "Mã đơn vị giao", "Người giao",
           "Đơn vị thực hiện", "Nội dung nhiệm vụ", "Ngày giao", "Hạn xử lý", "Tình trạng", "Ngày hoàn thành"]
DEPARTMENTS = ["Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Y tế",
               "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Tư pháp"]
TOPICS = ["rà soát hồ sơ hành chính tồn đọng", "bố trí cán bộ chuyên môn", "kết nối dữ liệu hộ tịch",
          "cập nhật dữ liệu đất đai", "báo cáo tiến độ giải ngân", "sửa chữa trụ sở làm việc",
          "trang bị thiết bị trung tâm phục vụ hành chính công", "đánh giá cán bộ theo KPI"]
VICE_CHAIRS = ["Phó Chủ tịch giả lập Một", "Phó Chủ tịch giả lập Hai"]
# Hải Phòng's commune-level units in force since 1 July 2025 (a sample of their official codes)
COMMUNES = ["10507", "10525", "10532", "10537", "10546", "10552", "10606", "10615", "10633", "11446", "11629", "11914",
            "11948"]
REPORT_DAY = dt.date(2025, 9, 30)


def rows(tasks: int, *, seed: int = 2025, done: int | None = None, overdue: int | None = None):
    """The register's rows: about 77 % done, 22 % in progress, 1 % overdue (exact counts when given)."""
    rng = random.Random(seed)
    statuses = None
    if done is not None and overdue is not None:
        statuses = ["done"] * done + ["overdue"] * overdue + ["in-progress"] * (tasks - done - overdue)
        rng.shuffle(statuses)
    for number in range(1, tasks + 1):
        issued = dt.date(2025, 7, 1) + dt.timedelta(days=rng.randrange(80))
        due = issued + dt.timedelta(days=rng.randrange(7, 46))
        status = statuses[number - 1] if statuses else rng.choices(
            ["done", "in-progress", "overdue"], weights=[77, 22, 1])[0]
        if status == "overdue" and due >= REPORT_DAY:
            due = REPORT_DAY - dt.timedelta(days=rng.randrange(1, 10))
            issued = min(issued, due - dt.timedelta(days=7))
        if status == "in-progress" and due < REPORT_DAY:
            due = REPORT_DAY + dt.timedelta(days=rng.randrange(1, 30))
        completed = ""
        if status == "done":
            late = rng.random() < 0.12
            completed_day = due + dt.timedelta(days=rng.randrange(1, 10)) if late else \
                issued + dt.timedelta(days=rng.randrange(0, (due - issued).days + 1))
            completed = _vn(min(completed_day, REPORT_DAY))
        if rng.random() < 0.5:
            role, person = "Chủ tịch UBND", ""
        else:
            role, person = "Phó Chủ tịch UBND", rng.choice(VICE_CHAIRS)
        assignee = rng.choice(DEPARTMENTS) if rng.random() < 0.6 else rng.choice(COMMUNES)
        # one document a day per assigning post: its tasks share its number and date
        document = f"{1000 + (issued - dt.date(2025, 7, 1)).days}/UBND-{'CT' if person == '' else 'PCT' + person[-1]}"
        yield [f"NV-{number:07d}", document, _vn(issued), role, "31", person, assignee,
               f"Nhiệm vụ giả lập {number}: {rng.choice(TOPICS)}", _vn(issued), _vn(due),
               {"done": "Đã hoàn thành", "in-progress": "Đang thực hiện", "overdue": "Quá hạn"}[status], completed]


def _vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def write_csv(path: Path, tasks: int, **options) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows(rows(tasks, **options))


def write_xlsx(path: Path, tasks: int, **options) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sổ theo dõi nhiệm vụ")
    sheet.append(HEADERS)
    for row in rows(tasks, **options):
        sheet.append(row)
    book.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a .csv or .xlsx file")
    parser.add_argument("--tasks", type=int, default=300)
    args = parser.parse_args(argv)
    (write_xlsx if args.out.suffix == ".xlsx" else write_csv)(args.out, args.tasks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
