"""`etda-xl template` and `etda-xl new`: what they write, and what they refuse."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from etda_xl.checks import run_checks
from etda_xl.cli import main
from etda_xl.workbook import read_workbook

from .xlsxcompare import assert_same_workbook

ROOT = Path(__file__).parent.parent


def test_template_command_writes_the_committed_template(tmp_path, capsys):
    target = tmp_path / "workbook_template.xlsm"
    assert main(["template", "-o", str(target)]) == 0
    assert_same_workbook(target, ROOT / "workbook_template.xlsm")
    assert "Wrote the template" in capsys.readouterr().out


def test_new_fills_the_settings_and_checks_clean(tmp_path, capsys):
    target = tmp_path / "2564-Q1.xlsm"
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "1"]) == 0
    report = read_workbook(target)
    settings = report.settings
    assert (settings.fiscal_year, settings.quarter, settings.as_of, settings.agency) == (
        2564,
        1,
        date(2020, 12, 31),
        "สพรอ.",
    )
    # nothing wrong, only the note that there are no figures yet
    assert [(f.code, f.severity.value) for f in run_checks(report)] == [("BUDGET_EMPTY", "info")]
    capsys.readouterr()
    assert main(["check", str(target)]) == 0
    assert "ข้อผิดพลาด 0 รายการ" in capsys.readouterr().out


def test_new_with_an_as_of_date_and_agency(tmp_path):
    target = tmp_path / "q2.xlsm"
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "2", "--as-of", "15 มี.ค. 64",
                 "--agency", "ETDA"]) == 0  # fmt: skip
    settings = read_workbook(target).settings
    assert (settings.as_of, settings.agency) == (date(2021, 3, 15), "ETDA")


def test_new_never_replaces_a_file_without_force(tmp_path, capsys):
    target = tmp_path / "mine.xlsm"
    target.write_bytes(b"the user's own work")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "1"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "1", "--force"]) == 0
    assert read_workbook(target).settings.fiscal_year == 2564


def test_new_refuses_bad_arguments(tmp_path, capsys):
    assert main(["new", "-o", str(tmp_path / "x.xlsx"), "--fy", "2564", "--quarter", "1"]) == 2
    assert ".xlsm" in capsys.readouterr().err
    assert main(["new", "-o", str(tmp_path / "x.xlsm"), "--fy", "64", "--quarter", "1"]) == 2
    assert "2400" in capsys.readouterr().err
    assert main(["new", "-o", str(tmp_path / "x.xlsm"), "--fy", "2564", "--quarter", "5"]) == 2
    assert "--quarter ไม่รับค่า 5" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "as_of", ["31/12/2563", "31/12/63", "31 ธันวาคม 2563", "31 Dec 2020", "2020-12-31", "๓๑/๑๒/๒๕๖๓"]
)
def test_new_reads_as_of_as_the_workbook_reads_dates(tmp_path, as_of):
    target = tmp_path / "q1.xlsm"
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "1", "--as-of", as_of]) == 0
    assert read_workbook(target).settings.as_of == date(2020, 12, 31)


@pytest.mark.parametrize(
    ("as_of", "th", "en"),
    [
        ("12/31/2020", "--as-of: ไม่มีวันที่นี้ในปฏิทิน: '12/31/2020' (วันมาก่อนเดือน",
         "--as-of: no such date: '12/31/2020' (day first: day/month/year"),
        ("พรุ่งนี้", "--as-of: อ่านวันที่ไม่ได้: 'พรุ่งนี้'", "--as-of: cannot read the date 'พรุ่งนี้'"),
    ],
)  # fmt: skip
def test_new_refuses_an_unreadable_as_of(tmp_path, capsys, as_of, th, en):
    assert main(["new", "-o", str(tmp_path / "q1.xlsm"), "--fy", "2564", "--quarter", "1", "--as-of", as_of]) == 2
    thai, english = capsys.readouterr().err.splitlines()
    assert thai.startswith(th) and english.startswith(en)
    assert not list(tmp_path.iterdir())


def test_template_never_replaces_a_file_without_force(tmp_path, capsys):
    target = tmp_path / "mine.xlsm"
    target.write_bytes(b"the user's own work")
    assert main(["template", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "มีไฟล์" in err and "--force" in err
    assert target.read_bytes() == b"the user's own work"
    assert main(["template", "-o", str(target), "--force"]) == 0
    assert_same_workbook(target, ROOT / "workbook_template.xlsm")


def test_new_refuses_an_as_of_date_outside_the_quarter(tmp_path, capsys):
    target = tmp_path / "q1.xlsm"
    args = ["new", "-o", str(target), "--fy", "2564", "--quarter", "1", "--as-of", "2022-01-01"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "ข้อมูล ณ วันที่ 1 ม.ค. 65 ไม่อยู่ในปีงบประมาณ 2564 ไตรมาส 1 (1 ต.ค. 63 – 31 ธ.ค. 63)" in err
    assert "the 'as of' date 1 Jan 2022 is not inside fiscal year 2564 quarter 1 (1 Oct 2020 – 31 Dec 2020)" in err
    assert "--force" in err
    assert not target.exists()
    for inside in ("2020-10-01", "2020-12-31"):  # the quarter's first and last days are inside
        assert main(["new", "-o", str(tmp_path / f"{inside}.xlsm"), "--fy", "2564", "--quarter", "1",
                     "--as-of", inside]) == 0  # fmt: skip
    assert main([*args, "--force"]) == 0  # written as asked; its own check then says so
    assert [f.code for f in run_checks(read_workbook(target)) if f.severity.value == "error"] == ["PERIOD_AS_OF"]


def test_each_input_table_shows_one_example_outside_the_table(tmp_path):
    """The example (a sample row, grey, marked) sits above the header: the tables themselves are empty."""
    import warnings

    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries

    from etda_xl import schema
    from etda_xl.template.inputs import EXAMPLE_MARK

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(ROOT / "workbook_template.xlsm")
    for table in schema.TABLES:
        sheet = book[table.sheet]
        ref = sheet.tables[table.name].ref
        _col, first_row, _last_col, _last_row = range_boundaries(ref)
        example = [c.value for c in sheet[first_row - 1]]
        if table is schema.SETTINGS:
            assert not any(example), "the settings table is filled, it needs no example"
            continue
        assert example[0].startswith("ตัวอย่าง: "), table.name
        assert EXAMPLE_MARK in example and sheet.cell(first_row - 1, 1).font.i  # marked, in italics
        data = sheet.iter_rows(min_row=first_row + 1, max_row=_last_row, values_only=True)
        assert not any(v not in (None, "") and not str(v).startswith("=") for row in data for v in row), table.name
    budget = [c.value for c in book["งบประมาณ"][2]][:8]
    assert budget == ["ตัวอย่าง: 1.2.2", "Digital Governance", "28.6188", "4.1600", "0.3744", "22.8505", "27.3849",
                      "96%"]  # fmt: skip


def test_the_example_never_reaches_the_check_or_the_report(tmp_path, capsys):
    import zipfile

    target = tmp_path / "2564-Q1.xlsm"
    assert main(["new", "-o", str(target), "--fy", "2564", "--quarter", "1"]) == 0
    report = read_workbook(target)
    assert (report.projects, report.budget, report.kpis, report.footnotes, report.obstacles) == ([], [], [], [], [])
    assert [(f.code, f.severity.value) for f in run_checks(report)] == [("BUDGET_EMPTY", "info")]
    out = tmp_path / "report.xlsx"
    assert main(["report", str(target), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as written:
        text = "".join(written.read(n).decode("utf-8") for n in written.namelist() if n.endswith(".xml"))
    assert "Digital Governance" not in text and "ตัวอย่าง" not in text and "1.2.2" not in text
