"""The reader that remembers cells gives, row by row, exactly what reading every row in full gives."""

from __future__ import annotations

import datetime as dt

import pytest

from govgraph.registers.directory import Directory, Holder, UnitVersion
from govgraph.registers.fields import FIELDS, match_headers
from govgraph.registers.rows import RowReader, cell_values, read_row

HP = "https://w3id.org/govgraph/id/unit/31/2025-07-01"
OLD = UnitVersion("https://w3id.org/govgraph/id/unit/10507/1", "10507", None, dt.date(2025, 6, 30))
NEW = UnitVersion("https://w3id.org/govgraph/id/unit/10507/2", "10507", dt.date(2025, 7, 1), dt.date(2025, 7, 31))
NEWER = UnitVersion("https://w3id.org/govgraph/id/unit/10507/3", "10507", dt.date(2025, 8, 1), None)
CHAIR, VICE = HP + "/peoples-committee/chair", HP + "/peoples-committee/vice-chair"
COMMUNE_CHAIR = NEW.iri + "/peoples-committee/chair"
HEADERS = ["Mã nhiệm vụ", "Chức vụ người giao", "Mã đơn vị giao", "Người giao", "Đơn vị thực hiện", "Nội dung",
           "Ngày giao", "Hạn xử lý", "Tình trạng", "Ngày hoàn thành"]
OK = ["T", "Chủ tịch UBND", "31", "", "Sở Y tế", "Việc", "05/07/2025", "15/07/2025", "Đã hoàn thành", "10/07/2025"]


def _directory() -> Directory:
    hp = UnitVersion(HP, "31", dt.date(2025, 7, 1), None)
    return Directory(
        units={"31": [hp], "10507": [OLD, NEW, NEWER]},
        posts={(HP, "committee-chair"): CHAIR, (HP, "committee-vice-chair"): VICE,
               (NEW.iri, "committee-chair"): COMMUNE_CHAIR},
        organs={CHAIR: HP + "/peoples-committee", VICE: HP + "/peoples-committee",
                COMMUNE_CHAIR: NEW.iri + "/peoples-committee"},
        holders={VICE: [Holder("https://e/p/an", "Nguyễn Văn An", dt.date(2025, 7, 1), dt.date(2025, 7, 31))]})


def _row(**changes) -> list[object]:
    cells = list(OK)
    for header, value in changes.items():
        cells[HEADERS.index(header.replace("_", " "))] = value
    return cells


# each row after the first repeats cells the reader has seen, with one change that may or may not be an error
ROWS = [
    _row(),
    _row(),
    _row(**{"Ngày_hoàn_thành": "", "Tình_trạng": "Đang thực hiện"}),
    _row(**{"Hạn_xử_lý": "01/07/2025"}),                      # seen days, due before issue
    _row(**{"Ngày_hoàn_thành": "03/07/2025"}),                # a new day, completed before issue
    _row(**{"Tình_trạng": "Đang thực hiện"}),                 # seen completion day on a task not done
    _row(**{"Ngày_hoàn_thành": "", "Tình_trạng": "Quá hạn"}),
    _row(**{"Ngày_hoàn_thành": "   ", "Tình_trạng": "Quá hạn"}),   # blank, but not empty
    _row(**{"Nội_dung": " "}),                                # no content
    _row(**{"Mã_nhiệm_vụ": ""}),                              # the row number stands in
    _row(**{"Mã_đơn_vị_giao": ""}),                           # the default unit
    _row(**{"Mã_đơn_vị_giao": 31}), _row(**{"Mã_đơn_vị_giao": 31.0}), _row(**{"Mã_đơn_vị_giao": True}),
    _row(**{"Đơn_vị_thực_hiện": "10507"}),
    _row(**{"Đơn_vị_thực_hiện": "10507", "Ngày_giao": "20/06/2025", "Hạn_xử_lý": "", "Ngày_hoàn_thành": "",
            "Tình_trạng": "Quá hạn"}),                        # the same code, the unit of another day
    _row(**{"Chức_vụ_người_giao": "Phó Chủ tịch UBND", "Người_giao": "Nguyen van an"}),
    _row(**{"Chức_vụ_người_giao": "Phó Chủ tịch UBND", "Người_giao": "Nguyễn Văn An", "Ngày_giao": "01/08/2025",
            "Hạn_xử_lý": "", "Ngày_hoàn_thành": "", "Tình_trạng": "Quá hạn"}),   # no longer holds the post
    _row(**{"Người_giao": ""}),                              # the default person
    _row(**{"Chức_vụ_người_giao": "Phó Chủ tịch UBND", "Người_giao": " Nguyễn Văn An ", "Ngày_giao": "06/07/2025",
            "Hạn_xử_lý": "", "Ngày_hoàn_thành": ""}),          # the holder, spaced, on another day
    _row(**{"Chức_vụ_người_giao": "Phó Chủ tịch UBND", "Người_giao": "Lê Văn Bình"}),  # the post, another person
    _row(**{"Chức_vụ_người_giao": "Phó Chủ tịch UBND", "Người_giao": ""}),  # the post, no person (or the default)
    _row(**{"Ngày_giao": "06/07/2025", "Ngày_hoàn_thành": "", "Tình_trạng": "Quá hạn"}),  # a department, another day
    _row(**{"Đơn_vị_thực_hiện": "Sở  Y tế ", "Ngày_hoàn_thành": "", "Tình_trạng": "Quá hạn"}),  # spaced otherwise
    _row(**{"Mã_đơn_vị_giao": "10507"}),                      # the same department name, of another assigning unit
    _row(**{"Đơn_vị_thực_hiện": "10507", "Ngày_giao": "06/07/2025", "Hạn_xử_lý": "", "Ngày_hoàn_thành": "",
            "Tình_trạng": "Quá hạn"}),                        # a unit's code on another day: the same version
    _row(**{"Đơn_vị_thực_hiện": "10507", "Ngày_giao": "01/08/2025", "Hạn_xử_lý": "", "Ngày_hoàn_thành": "",
            "Tình_trạng": "Quá hạn"}),                        # and on a day of its next version
    _row(**{"Ngày_giao": dt.datetime(2025, 7, 5)}), _row(**{"Ngày_giao": dt.date(2025, 7, 5)}),
    _row(**{"Ngày_giao": "5/7/2025"}), _row(**{"Ngày_giao": "2025-07-05"}), _row(**{"Ngày_giao": "32/07/2025"}),
    _row(**{"Tình_trạng": "Tạm dừng"}), _row(**{"Đơn_vị_thực_hiện": "Phòng Kế toán"}),
    ["T", "Chủ tịch UBND"],                                  # a short row
    _row(),
]


@pytest.mark.parametrize("defaults", [{}, {"assigner_unit": "31", "assigner_person": "Nguyễn Văn An"}],
                         ids=["no-defaults", "defaults"])
def test_each_row_is_what_reading_it_in_full_gives(defaults):
    columns = match_headers(HEADERS, given=set(defaults))
    names = {f.name: HEADERS[columns[f.name]] if f.name in columns else f"({f.name})" for f in FIELDS}
    reader, directory = RowReader(columns, names, _directory(), defaults), _directory()
    ordered = sorted(columns.items(), key=lambda item: item[1])
    outcomes = []
    for number, cells in enumerate(ROWS + ROWS, start=2):  # twice: the second time every cell has been seen
        outcome = reader.read(number, cells)
        assert outcome == read_row(number, cell_values(cells, ordered, defaults), names, directory), (number, cells)
        outcomes.append(outcome)
    assert sum(not isinstance(o, list) for o in outcomes) >= 20 and sum(isinstance(o, list) for o in outcomes) >= 16
