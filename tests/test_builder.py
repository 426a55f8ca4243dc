"""The builder (``tests.builder``) is the reader's twin: the sample built from its own rows is the sample read
from its file — every row, every cell address, every finding — so a small quarter built for a test says what
the same rows would say in a real book."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from etda_xl import schema
from etda_xl.api import check_workbook
from etda_xl.checks import run_checks
from etda_xl.decimals import plain, to_decimal
from etda_xl.findings import Finding
from etda_xl.inputbook import quarter_field
from etda_xl.model import CellRef, Quarter
from etda_xl.rules import Status
from etda_xl.sample import SETTINGS, table_rows
from etda_xl.workbook import read_workbook

from .builder import QuarterBuilder
from .history_books import TARGETS, with_q3, write_book
from .memory import sample_quarter

#: The sample types these tables' percentages as Excel percentages (0.89 in a cell formatted 0%).
FRACTION_TABLES = (schema.BUDGET, schema.FOOTNOTES)
#: What a Quarter holds besides its source's name.
PARTS = ("settings", "budget", "projects", "kpis", "footnotes", "obstacles", "history_budget", "history_projects",
         "history_kpis", "targets", "plans", "input_issues", "tables", "extents")  # fmt: skip


def data(finding: Finding) -> dict[str, Any]:
    """A finding's data: everything but its words."""
    return {name: value for name, value in vars(finding).items() if not name.startswith("message")}


def _as_model_holds(table: schema.Table, name: str, value: Any) -> Any:
    number = to_decimal(value)
    if table in FRACTION_TABLES and table.column(name).kind is schema.Kind.PERCENT and number is not None:
        return plain(number * 100)
    return value


def sample_builder() -> QuarterBuilder:
    """The FY2563 Q4 sample, row by row as ``etda-xl sample`` writes it (``sample.table_rows``)."""
    builder = QuarterBuilder(**{c.field: getattr(SETTINGS, c.field) for c in schema.SETTING_ROWS})
    rows = table_rows()
    for table in (schema.BUDGET, schema.PROJECTS, schema.KPIS, schema.FOOTNOTES, schema.OBSTACLES):
        for row in rows[table.name]:
            builder.row(table, **{name: _as_model_holds(table, name, v) for name, v in row.items()})
    return builder


def _with_history(builder: QuarterBuilder, history: Quarter) -> QuarterBuilder:
    """``history``'s history and targets, row by row."""
    for table in (*schema.HISTORY_TABLES, schema.TARGETS):
        for row in getattr(history, quarter_field(table)):
            builder.row(table, **{c.field: getattr(row, c.field) for c in table.input_columns})
    return builder


def assert_same_quarter(built: Quarter, read: Quarter) -> None:
    for part in PARTS:
        assert getattr(built, part) == getattr(read, part), part


def test_the_sample_built_is_the_sample_read(sample_book):
    """Every row with every cell where the file has it, and the same findings (``api.check_workbook``)."""
    read, read_findings = check_workbook(sample_book)
    built = sample_builder().build()
    assert_same_quarter(built, read)
    findings = run_checks(built)
    assert len(findings) == 14  # test_sample_findings lists them
    assert [data(f) for f in findings] == [data(f) for f in read_findings]
    root = next(f for f in findings if f.code == "ROOT_CAUSE")
    assert (root.sheet, root.cell, root.fix) == ("งบประมาณ", "F4", Decimal("102.8968"))


def test_history_tables_lie_where_the_book_puts_them(tmp_path):
    """The history's three tables side by side on one sheet, a column apart (A, L, X), and the targets'."""
    history = with_q3(sample_quarter(), TARGETS)
    read = read_workbook(write_book(tmp_path / "with_q3.xlsx", history))
    built = _with_history(sample_builder(), history).build()
    assert_same_quarter(built, read)
    assert built.tables[schema.HISTORY_KPIS.name] == CellRef("ประวัติ", "X3")
    assert [data(f) for f in run_checks(built)] == [data(f) for f in run_checks(read)]


def test_a_formula_cell_is_the_readers():
    """Line 1's (5) as a formula saved with the (2)+(3)+(4) it computes, 252.3717 + 66.6804 + 102.8978 = 421.9499
    (read by the reader's live path, ``memory``): the same rows and findings built as read."""
    formula, saved = "=D4+E4+F4", 421.9499
    read = sample_quarter({("งบประมาณ", "G4"): saved}, {("งบประมาณ", "G4"): formula})
    built = sample_builder().change(schema.BUDGET, "1", result=saved, formulas={"result": formula}).build()
    assert built.budget[0].formulas == {"result": formula}
    assert_same_quarter(built, read)
    assert [data(f) for f in run_checks(built)] == [data(f) for f in run_checks(read)]


def test_blank_cells_read_as_the_reader_reads_them():
    """A field left out is the column's default; words are read by the column's parser; "as of" is the
    quarter's last day unless given."""
    quarter = (
        QuarterBuilder(fiscal_year=2564, quarter=1)
        .line("1", "เงินงบประมาณ", plan="1,200.5", paid="-")
        .project("1", "Digital ID", obstacle="มี", status="แดง", budget_codes="1, 1.2-1.3")
        .footnote("1", "1.1+1.2")
        .build()
    )
    line, project, note = quarter.budget[0], quarter.projects[0], quarter.footnotes[0]
    assert (line.plan, line.paid, line.carried, line.result) == (Decimal("1200.5"), Decimal(0), None, None)
    assert (project.obstacle, project.status, list(project.budget_codes)) == (True, Status.RED, ["1", "1.2-1.3"])
    assert (project.kpi_count, project.name_th, note.part_of, list(note.lines)) == (None, "", "", ["1.1", "1.2"])
    assert quarter.settings.as_of == date(2020, 12, 31)  # FY2564 Q1 is Oct–Dec 2563 BE = 2020 CE
    assert quarter.settings.green_max == schema.setting("green_max").default
    assert quarter.settings.cells["quarter"] == CellRef("ตั้งค่า", "B6")  # the third settings row, under A3's header


def test_what_the_reader_would_not_take_is_refused():
    with pytest.raises(TypeError, match="no field budget"):
        QuarterBuilder().line("1", "เงินงบประมาณ", budget="10")  # the schema's field is plan
    with pytest.raises(ValueError, match="paid"):
        QuarterBuilder().line("1", "เงินงบประมาณ", paid="สิบ").build()
    with pytest.raises(ValueError, match="status"):
        QuarterBuilder().project("1", "Digital ID", status="ม่วง").build()
    with pytest.raises(KeyError, match="9"):
        QuarterBuilder().line("1", "เงินงบประมาณ").change(schema.BUDGET, "9", plan="1")
