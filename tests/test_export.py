"""``etda-xl export``: every figure of every quarter in a book, read back from the CSV and the xlsx.

The book is the sample as FY2563 Q4 with a halved Q3 in its history sheet (``history_books``): line
1.3.4's (5) is 52.8525 in Q4 ('งบประมาณ'!G13) and 26.42625 → 26.4263 in Q3 ('ประวัติ'!I13: the
history table's (5) column, I, on its tenth line, row 13).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etda_xl.cli import main
from etda_xl.model import PastKpi
from etda_xl.timeline import COLUMNS

from .history_books import TARGETS, with_q3, write_book


@pytest.fixture(scope="module")
def book(sample_report, tmp_path_factory) -> Path:
    return write_book(tmp_path_factory.mktemp("export") / "2563-Q4.xlsx", with_q3(sample_report, TARGETS))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(*argv) -> int:
    return main(["export", *map(str, argv)])


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def find(rows, quarter, table, key, field):
    found = [r for r in rows if (r["quarter"], r["table"], r["key"], r["field"]) == (str(quarter), table, key, field)]
    assert len(found) == 1, found
    return found[0]


def test_csv_is_utf8_with_a_bom_and_holds_every_quarter(book, tmp_path, capsys):
    before = digest(book)
    out = tmp_path / "figures.csv"
    assert export(book, "-o", out) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert list(rows[0]) == list(COLUMNS)
    assert {(r["fiscal_year"], r["quarter"]) for r in rows} == {("2563", "3"), ("2563", "4")}
    assert find(rows, 4, "budget", "1.3.4", "result") == {
        "fiscal_year": "2563", "quarter": "4", "table": "budget", "key": "1.3.4", "field": "result",
        "value": "52.8525", "sheet": "งบประมาณ", "cell": "G13",
    }  # fmt: skip
    q3 = find(rows, 3, "budget", "1.3.4", "result")
    assert (q3["value"], q3["sheet"], q3["cell"]) == ("26.4263", "ประวัติ", "I13")
    assert find(rows, 3, "budget", "1.3.4", "pct")["value"] == "30"
    assert find(rows, 4, "budget", "1.3.4", "name")["value"] == "Speed up e-Licensing"  # Thai or not, as typed
    assert find(rows, 4, "budget", "1", "name")["value"] == "เงินงบประมาณ"
    assert find(rows, 4, "project", "3", "fin_result")["value"] == "60"
    assert find(rows, 3, "project", "3", "status")["value"] == "เขียว"
    assert digest(book) == before
    assert "figures.csv" in capsys.readouterr().out


def test_a_figure_names_the_cell_it_was_read_from_only_when_it_is_that_cell_s(book, tmp_path):
    """Line 1 prints the recomputed 421.9499 while G4 holds 421.9488, and a project's finance % comes from
    its budget lines: such figures name no cell; a figure printed as typed keeps its cell."""
    out = tmp_path / "figures.csv"
    assert export(book, "-o", out) == 0
    rows = read_csv(out)
    line_1 = find(rows, 4, "budget", "1", "result")
    assert (line_1["value"], line_1["sheet"], line_1["cell"]) == ("421.9499", "", "")
    paid = find(rows, 4, "budget", "1", "paid")
    assert (paid["value"], paid["sheet"], paid["cell"]) == ("252.3717", "งบประมาณ", "D4")
    assert find(rows, 4, "budget", "1.3.4", "pct")["cell"] == "H13"  # 60, as typed


def test_the_csv_reads_back_with_pandas(book, tmp_path):
    import pandas

    out = tmp_path / "figures.csv"
    assert export(book, "-o", out, "--format", "csv") == 0
    frame = pandas.read_csv(out, encoding="utf-8-sig", dtype={"key": str, "value": str})
    assert list(frame.columns) == list(COLUMNS)
    q4 = frame[(frame["key"] == "1.3.4") & (frame["field"] == "result")].set_index("quarter")["value"]
    assert q4.to_dict() == {3: "26.4263", 4: "52.8525"}


def test_xlsx_holds_the_same_rows_as_an_excel_table(book, tmp_path):
    csv_out, xlsx_out = tmp_path / "figures.csv", tmp_path / "figures.xlsx"
    assert export(book, "-o", csv_out) == 0 and export(book, "-o", xlsx_out) == 0  # the format from the name
    sheet = load_workbook(xlsx_out)["figures"]
    (table,) = sheet.tables.values()
    rows = list(sheet.iter_rows(values_only=True))
    assert table.name == "tblFigures" and table.ref == f"A1:H{len(rows)}"
    assert rows[0] == COLUMNS and len(rows) - 1 == len(read_csv(csv_out))
    q3 = next(r for r in rows if r[1] == 3 and r[3] == "1.3.4" and r[4] == "result")
    assert q3 == (2563, 3, "budget", "1.3.4", "result", 26.4263, "ประวัติ", "I13")
    assert next(r for r in rows if r[1] == 4 and r[3] == "1.3.4" and r[4] == "name")[5] == "Speed up e-Licensing"


def test_text_starting_with_equals_stays_text_in_the_xlsx(sample_report, tmp_path):
    kpi = PastKpi(fiscal_year=2563, quarter=3, project="1", indicator="=SUM(A1:A9)", target="=1+1", result="@x")
    quarter = with_q3(sample_report)
    book = write_book(tmp_path / "book.xlsx", quarter.copy_with({"history_kpis": [kpi]}))
    out = tmp_path / "figures.xlsx"
    assert export(book, "-o", out, "--format", "xlsx") == 0
    rows = list(load_workbook(out)["figures"].iter_rows(values_only=True))
    assert ("1:=SUM(A1:A9)", "target", "=1+1") in [(r[3], r[4], r[5]) for r in rows]
    with zipfile.ZipFile(out) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()  # no formula anywhere


def test_a_book_without_history_exports_its_own_quarter(sample_book, tmp_path):
    out = tmp_path / "figures.csv"
    assert export(sample_book, "-o", out) == 0
    rows = read_csv(out)
    assert {(r["fiscal_year"], r["quarter"]) for r in rows} == {("2563", "4")}
    assert find(rows, 4, "budget", "รวม", "result")["value"] == "496.5906"


def test_never_over_the_input(book, capsys):
    before = digest(book)
    assert export(book, "-o", book, "--format", "xlsx") == 2
    assert "สมุดงานต้นทาง" in capsys.readouterr().err and digest(book) == before


def test_a_name_that_does_not_match_the_format_is_refused(book, tmp_path, capsys):
    assert export(book, "-o", tmp_path / "figures.csv", "--format", "xlsx") == 2
    assert export(book, "-o", tmp_path / "figures.txt") == 2
    err = capsys.readouterr().err
    assert "ต้องลงท้ายด้วย .xlsx" in err and "must end in .csv / .xlsx" in err
    assert not list(tmp_path.iterdir())


def test_a_read_only_target_is_left_as_it_was(book, tmp_path, capsys):
    out = tmp_path / "figures.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o444)
    assert export(book, "-o", out) == 2  # not an export of ours: refused
    assert "not written by etda-xl" in capsys.readouterr().err
    assert export(book, "-o", out, "--force") == 2  # --force, but read-only: still refused, and said why
    assert out.read_text(encoding="utf-8") == "old" and "read-only" in capsys.readouterr().err


def test_an_unreadable_book_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    assert export(bad, "-o", tmp_path / "figures.csv") == 2
    assert not (tmp_path / "figures.csv").exists()
