"""govgraph report kpi: indicators checked against values computed by hand on a small register."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from govgraph.cli.main import main

REGISTERS = Path(__file__).parent.parent / "registers"
REPO = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def kpi_tasks(build_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kpi") / "tasks.ttl"
    assert main(["ingest", str(REGISTERS / "kpi-register.csv"), "--build-dir", str(build_dir), "--out", str(out),
                 "--issued", "2025-08-31"]) == 0
    return out


def _report(capsys, build_dir, data, *options) -> dict[str, dict[str, str]]:
    capsys.readouterr()
    assert main(["report", "kpi", "--format", "csv", "--build-dir", str(build_dir), "--data", str(data),
                 *options]) == 0
    return {row["label"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}


# K1 done on time (4 days), K2 done late (14 days), K3 in progress, K4 in progress past due on 20 July: overdue;
# K5 reported overdue, K6 done on time (10 days), K7 done with no due day (1 day), issued in August.
def test_by_assignee_as_of_a_report_day(capsys, build_dir, kpi_tasks):
    rows = _report(capsys, build_dir, kpi_tasks, "--by", "assignee", "--asof", "2025-07-20")
    finance, ward = rows["Sở Tài chính"], rows["Ủy ban nhân dân Phường Phù Liễn"]
    assert [finance[c] for c in ("assigned", "done", "done_on_time", "done_late", "in_progress", "overdue",
                                 "completion_rate", "on_time_rate", "median_days_to_completion")] == \
        ["4", "2", "1", "1", "1", "1", "50", "50", "9.0"]
    assert [ward[c] for c in ("assigned", "done", "done_on_time", "done_late", "in_progress", "overdue",
                              "completion_rate", "on_time_rate", "median_days_to_completion")] == \
        ["3", "2", "1", "0", "0", "1", "66.67", "100", "5.5"]


def test_a_period_and_other_groupings(capsys, build_dir, kpi_tasks):
    rows = _report(capsys, build_dir, kpi_tasks, "--by", "assignee", "--to", "2025-07-31")
    ward = rows["Ủy ban nhân dân Phường Phù Liễn"]
    assert (ward["assigned"], ward["done"], ward["median_days_to_completion"]) == ("2", "1", "10")
    rows = _report(capsys, build_dir, kpi_tasks, "--by", "assigner")
    chair = rows["Chủ tịch Ủy ban nhân dân Thành phố Hải Phòng"]
    assert (chair["assigned"], chair["done"], chair["in_progress"], chair["overdue"]) == ("4", "2", "2", "0")
    rows = _report(capsys, build_dir, kpi_tasks, "--by", "province")
    assert rows["Thành phố Hải Phòng"]["assigned"] == "7"
    rows = _report(capsys, build_dir, kpi_tasks, "--by", "person")
    assert rows["(not given)"]["assigned"] == "7"


def test_a_register_of_the_articles_counts_gives_its_77_percent(capsys, build_dir, tmp_path):
    """6,084 tasks of which 4,678 done: the completion rate rounds to the article's 77 %."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_task_register import write_csv

    register = tmp_path / "article-counts-synthetic.csv"
    write_csv(register, 6084, done=4678, overdue=75)
    out = tmp_path / "tasks.nt"
    assert main(["ingest", str(register), "--build-dir", str(build_dir), "--out", str(out),
                 "--issued", "2025-09-30"]) == 0
    rows = _report(capsys, build_dir, out, "--by", "province", "--asof", "2025-09-30")
    province = rows["Thành phố Hải Phòng"]
    assert (province["assigned"], province["done"], province["overdue"], province["in_progress"]) == \
        ("6084", "4678", "75", "1331")
    assert float(province["completion_rate"]) == 76.89 and round(float(province["completion_rate"])) == 77
    capsys.readouterr()
    assert main(["query", "task-statistics", "--format", "csv", "--build-dir", str(build_dir)]) == 0
    shares = {row["status"]: row["reported_share"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert shares["done"] == "77"


@pytest.mark.parametrize("by", ["assignee", "assigner", "person", "unit", "province"])
def test_a_report_query_cut_to_its_grouping_answers_as_the_whole_query(build_dir, kpi_tasks, by):
    """govgraph report kpi runs each library query without the patterns its grouping and period do not need."""
    from govgraph.analysis.kpi import _report_query
    from govgraph.queries import load_library, run_query
    from govgraph.store.overlay import store_with_files

    store = store_with_files([kpi_tasks], build_dir)
    library = load_library()
    for name in ("kpi", "kpi-completion-days"):
        for period in ({}, {"from": "2025-07-01", "to": "2025-07-31"}):
            parameters = {"by": by, **period, **({"asof": "2025-07-20"} if name == "kpi" else {})}
            cut = _report_query(library[name], parameters)
            assert cut.text.count("OPTIONAL {") < library[name].text.count("OPTIONAL {")
            assert ("BOUND(?from)" in cut.text) == bool(period)
            whole = run_query(store, library[name], parameters)
            assert sorted(run_query(store, cut, parameters).rows) == sorted(whole.rows) and whole.rows, (name, period)


def test_days_to_completion_are_counted_across_months_years_and_leap_days():
    import datetime as dt

    from govgraph.queries import load_library, run_query
    from govgraph.store import EmbeddedStore

    pairs = [("2025-07-05", "2025-07-05"), ("2024-02-28", "2024-03-01"), ("2023-02-28", "2023-03-01"),
             ("2024-12-31", "2025-01-01"), ("2099-11-30", "2100-03-01"), ("1999-12-15", "2000-03-01"),
             ("2025-01-31", "2027-02-01"), ("2025-03-01", "2025-02-28")]
    turtle = "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    for number, (issued, completed) in enumerate(pairs):
        turtle += (f"<https://e/t{number}> gg:assignee <https://e/a{number}> ; gg:issuedOn \"{issued}\"^^xsd:date ; "
                   f"gg:completedOn \"{completed}\"^^xsd:date ; "
                   "gg:status <https://w3id.org/govgraph/id/status/done> .\n")
    turtle += "<https://e/batch> gg:assignee <https://e/a0> ; gg:issuedOn \"2025-07-05\"^^xsd:date ; " \
              "gg:completedOn \"2025-07-06\"^^xsd:date ; gg:taskCount 7 ; " \
              "gg:status <https://w3id.org/govgraph/id/status/done> .\n"  # a counted batch: not a task
    rows = run_query(EmbeddedStore.from_turtle(turtle), load_library()["kpi-completion-days"]).as_dicts()
    assert {(str(r["key"]), int(r["days"]), int(r["tasks"])) for r in rows} == {
        (f"https://e/a{n}", (dt.date.fromisoformat(c) - dt.date.fromisoformat(i)).days, 1)
        for n, (i, c) in enumerate(pairs)}
