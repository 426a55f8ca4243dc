"""Quarter-on-quarter checks, on Quarters in memory (milliseconds each).

The scenario: a Q3 book is the FY2563 Q4 sample with its cumulative figures halved; the sample,
as Q4, carries that Q3 in its history (``snapshot.snapshot``: what Q3's report printed), laid out
on the history sheet as the template lays it out. Numbers reasoned by hand from the sample:
line 1.3.4 (row 13 of 'งบประมาณ') pays 13.1889 in Q4, so 6.59445 in Q3, printed 6.5945; its
carried-over 17.3286 halves to 8.6643; its (5) 52.8525 halves to 26.42625, printed 26.4263.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from etda_xl import schema, snapshot
from etda_xl.a1 import to_a1
from etda_xl.checks import run_checks
from etda_xl.findings import Severity, presented
from etda_xl.inputbook import HEADER_ROW
from etda_xl.model import CellRef, Quarter

HISTORY_SHEET = schema.HISTORY_SHEET
BUDGET_SHEET = schema.BUDGET.sheet
HALVED = ("paid", "carried", "reserved", "result")


def halved(quarter: Quarter, fiscal_year: int = 2563, q: int = 3) -> Quarter:
    """``quarter`` as an earlier quarter: cumulative figures halved (KPIs completed rounded down)."""
    earlier = quarter.copy_with(deep=True)
    earlier.settings.fiscal_year, earlier.settings.quarter = fiscal_year, q
    earlier.settings.as_of = history_end(fiscal_year, q)
    for line in earlier.budget:
        for field in HALVED:
            value = getattr(line, field)
            setattr(line, field, None if value is None else value / 2)
        line.pct = None
    for project in earlier.project_rows:
        for field in ("ops_plan", "ops_result", "fin_plan", "fin_result"):
            value = getattr(project, field)
            setattr(project, field, None if value is None else value / 2)
        project.kpi_done = None if project.kpi_done is None else project.kpi_done // 2
    return earlier


def history_end(fiscal_year: int, q: int) -> date:
    from etda_xl.thai import quarter_bounds

    return quarter_bounds(fiscal_year, q)[1]


def laid_out(rows: snapshot.History) -> snapshot.History:
    """History rows with the cells they get on the history sheet: the three tables side by side,
    one column apart, header on row 3 (as ``etda-xl new --from`` writes them)."""
    first_col, celled = 1, []
    for table, table_rows in zip(schema.HISTORY_TABLES, rows, strict=True):
        placed = []
        for index, row in enumerate(table_rows):
            cells = {
                column.field: CellRef(HISTORY_SHEET, to_a1(HEADER_ROW + 2 + index, first_col + offset))
                for offset, column in enumerate(table.columns)
            }
            placed.append(row.copy_with({"cells": cells}))
        celled.append(placed)
        first_col += len(table.columns) + 1
    return tuple(celled)  # type: ignore[return-value]


def carrying(quarter: Quarter, *earlier: Quarter) -> Quarter:
    """A copy of ``quarter`` whose history holds ``earlier`` quarters' snapshots, laid out in a book."""
    earlier_rows = snapshot.merge(*map(snapshot.snapshot, earlier))
    return snapshot.with_history(quarter.copy_with(deep=True), laid_out(earlier_rows))


@pytest.fixture(scope="module")
def q3(sample_report) -> Quarter:
    return halved(sample_report)


@pytest.fixture
def q4(sample_report, q3) -> Quarter:
    """The sample as Q4 with the halved Q3 in its history; a fresh copy to change per test."""
    return carrying(sample_report, q3)


def history_codes(quarter: Quarter) -> list:
    return [f for f in run_checks(quarter) if f.code.startswith("HISTORY_")]


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [(f.code, f.where, f.message_en) for f in findings]
    return found[0]


# --- the scenario ---------------------------------------------------------------------------------


def test_q3_history_holds_what_q3_printed(q4):
    line = next(row for row in q4.history_budget if row.code == "1.3.4")
    assert (line.period, line.paid, line.carried, line.result) == (
        (2563, 3), Decimal("6.5945"), Decimal("8.6643"), Decimal("26.4263"))  # fmt: skip
    assert str(line.at("paid")) == "'ประวัติ'!F13"


def test_the_sample_as_q4_after_its_halved_q3_has_no_history_finding(q4, sample_findings):
    findings = run_checks(q4)
    assert [f for f in findings if f.code.startswith("HISTORY_")] == []
    assert len(findings) == len(sample_findings)  # the history adds nothing to the quarter's own


def test_paid_typed_below_q3s_is_an_error_at_that_cell_quoting_q3(q4):
    q4.line("1.3.4").paid = Decimal("6.1889")  # 13.1889 with its first digit dropped
    finding = only(history_codes(q4), "HISTORY_PAID_DECREASED")
    assert (finding.severity, finding.where) == (Severity.ERROR, "'งบประมาณ'!D13")
    assert (finding.expected, finding.actual) == (Decimal("6.5945"), Decimal("6.1889"))
    params = finding.params
    assert (params["code"], params["field"], params["now"], params["before"]) == (
        "1.3.4", "paid", Decimal("6.1889"), Decimal("6.5945"))  # fmt: skip
    assert params["difference"] == Decimal("0.4056")  # 6.5945 − 6.1889
    assert (params["fiscal_year"], params["quarter"]) == (2563, 3)
    assert params["before_cell"] == CellRef(HISTORY_SHEET, "F13")
    # the words say them: the period, last quarter's figure and its cell in the history
    assert "ไตรมาส 3/2563 (6.5945 ที่ 'ประวัติ'!F13)" in finding.message_th
    assert "below Q3 FY2563 (6.5945 at 'ประวัติ'!F13)" in finding.message_en


def test_carried_below_q3s_is_an_error(q4):
    q4.line("1.3.4").carried = Decimal("8")
    finding = only(history_codes(q4), "HISTORY_CARRIED_DECREASED")
    assert (finding.severity, finding.where) == (Severity.ERROR, "'งบประมาณ'!E13")
    assert finding.params["before"] == Decimal("8.6643")
    assert finding.params["before_cell"] == CellRef(HISTORY_SHEET, "G13")


def test_the_same_paid_as_q3_is_no_finding(q4):
    q4.line("1.3.4").paid = Decimal("6.59445")  # shown 6.5945, as Q3 printed it
    assert "HISTORY_PAID_DECREASED" not in {f.code for f in run_checks(q4)}


def test_result_below_q3s_printed_result_is_a_warning(q4):
    past = next(row for row in q4.history_budget if row.code == "1.3.4")
    past.result = Decimal("60")
    finding = only(history_codes(q4), "HISTORY_RESULT_DECREASED")
    assert (finding.severity, finding.where, finding.actual) == (Severity.WARNING, "'งบประมาณ'!G13", Decimal("52.8525"))
    assert (finding.params["before"], finding.params["before_cell"]) == (Decimal("60"), CellRef(HISTORY_SHEET, "I13"))


def test_the_result_compared_is_the_one_the_report_prints(q4):
    """Line 1's typed (5) 421.9488 is off beyond rounding, so the report prints (2)+(3)+(4) = 421.9499.
    Last quarter printing 421.9490 lies between: the printed figure did not fall."""
    line_1 = next(row for row in q4.history_budget if row.code == "1")
    line_1.result = Decimal("421.9490")
    assert "HISTORY_RESULT_DECREASED" not in {f.code for f in run_checks(q4)}
    line_1.result = Decimal("421.9500")
    q4 = q4.copy_with()  # a new object: its figures are computed afresh
    finding = only(history_codes(q4), "HISTORY_RESULT_DECREASED")
    assert (finding.where, finding.actual) == ("'งบประมาณ'!G4", Decimal("421.9499"))


def test_a_plan_changed_within_the_year_is_a_note_quoting_both(q4):
    q4.line("1.3.4").plan = Decimal("90.3398")
    finding = only(history_codes(q4), "HISTORY_PLAN_CHANGED")
    assert (finding.severity, finding.where) == (Severity.INFO, "'งบประมาณ'!C13")
    params = finding.params
    assert (params["now"], params["before"]) == (Decimal("90.3398"), Decimal("88.3398"))
    assert params["before_cell"] == CellRef(HISTORY_SHEET, "E13")


def test_q1_of_the_next_year_compares_nothing_cumulative(sample_report):
    """Q1 FY2564 after the Q4 sample: its figures are far below Q4's and its plans differ, and that
    is a new year, not a typo."""
    q1 = halved(halved(sample_report), 2564, 1)
    q1.line("1.3.4").plan = Decimal("50")
    with_q4 = carrying(q1, sample_report)
    assert {row.period for row in with_q4.history_budget} == {(2563, 4)}
    assert history_codes(with_q4) == []


def test_q2_compares_with_q1_of_its_own_year_only(sample_report):
    q1, q2 = halved(sample_report, 2564, 1), halved(sample_report, 2564, 2)
    q2.line("1.3.4").paid = Decimal("1")
    book = carrying(q2, q1, sample_report)  # Q4 FY2563 and Q1 FY2564 in the history
    finding = only(history_codes(book), "HISTORY_PAID_DECREASED")
    assert (finding.params["fiscal_year"], finding.params["quarter"], finding.params["before"]) == (
        2564, 1, Decimal("6.5945"))  # fmt: skip


# --- projects -------------------------------------------------------------------------------------


def test_a_project_result_below_q3s_is_a_warning_and_a_worse_status_a_note(q4):
    """Project 3 (row 6) in Q3: operations 50 of a plan of 50, green. In Q4 typed 40 of 100: red."""
    q4.project_rows[2].ops_result = Decimal("40")
    findings = history_codes(q4)
    decreased = only(findings, "HISTORY_PROJECT_DECREASED")
    assert (decreased.severity, decreased.where) == (Severity.WARNING, "'โครงการ'!F6")
    params = decreased.params
    assert (params["field"], params["now"], params["before"], params["fiscal_year"], params["quarter"]) == (
        "ops_result", Decimal(40), Decimal(50), 2563, 3)  # fmt: skip
    worse = only(findings, "HISTORY_STATUS_WORSE")
    assert (worse.severity, worse.where) == (Severity.INFO, "'โครงการ'!L6")
    assert (worse.params["now"], worse.params["before"]) == ("red", "green")
    assert worse.params["before_cell"] == CellRef(HISTORY_SHEET, "V6")
    assert (worse.params["now_th"], worse.params["before_th"]) == ("แดง", "เขียว")  # Thai words in Thai
    assert (worse.expected, worse.actual, worse.fix) == (None, None, None)  # a status is the rule's: nothing to type


def test_the_finance_result_compared_is_the_computed_one(q4):
    """Q4's finance % of project 3 is line 1.3.4's 52.8525 / 88.3398 = 60%; Q3 printed 30%
    (26.4263 / 88.3398). Q3 held as 70 is above it."""
    past = next(row for row in q4.history_projects if row.number == "3")
    assert past.fin_result == 30
    past.fin_result = Decimal("70")
    finding = only(history_codes(q4), "HISTORY_PROJECT_DECREASED")
    assert (finding.where, finding.actual) == ("'โครงการ'!H6", Decimal("60"))


def test_fewer_completed_kpis_than_last_quarter_is_a_warning(q4):
    q4.project_rows[2].kpi_done = 3  # Q3: 8 // 2 = 4
    finding = only(history_codes(q4), "HISTORY_PROJECT_DECREASED")
    assert (finding.where, finding.actual) == ("'โครงการ'!J6", 3)
    assert (finding.params["field"], finding.params["now"], finding.params["before"]) == ("kpi_done", 3, 4)


# --- what appeared and what disappeared -----------------------------------------------------------


def test_a_line_renumbered_appeared_and_its_old_code_disappeared(q4):
    q4.line("1.3.5").code = "1.3.6"
    findings = history_codes(q4)
    added, removed = only(findings, "HISTORY_LINE_ADDED"), only(findings, "HISTORY_LINE_REMOVED")
    assert (added.severity, added.where) == (Severity.INFO, "'งบประมาณ'!A14")
    assert removed.where == "'ประวัติ'!C14" and removed.params["code"] == "1.3.5"


def test_projects_and_kpis_that_appeared_or_disappeared(q4):
    q4.project_rows[4].number = "6"
    for kpi in q4.kpis:
        if kpi.project == "5":
            kpi.project = "6"
    q4.kpis[0].indicator = "ตัวชี้วัดใหม่"
    findings = history_codes(q4)
    assert only(findings, "HISTORY_PROJECT_ADDED").where == "'โครงการ'!A8"
    removed = only(findings, "HISTORY_PROJECT_REMOVED").params
    assert (removed["number"], removed["name"]) == ("5", "Stop e-Commerce Fraud")
    kpis_added = [f for f in findings if f.code == "HISTORY_KPI_ADDED"]
    kpis_removed = [f for f in findings if f.code == "HISTORY_KPI_REMOVED"]
    assert len(kpis_added) == len(kpis_removed) == 1 + 6  # the renamed KPI and project 5's six
    assert "'ตัวชี้วัด'!C4" in {f.where for f in kpis_added}


# --- the history itself --------------------------------------------------------------------------


def _relabelled(quarter: Quarter, fiscal_year: int, q: int) -> Quarter:
    copy = quarter.copy_with(deep=True)
    copy.settings.fiscal_year, copy.settings.quarter = fiscal_year, q
    return copy


def test_a_gap_in_the_history_is_a_warning_and_the_previous_quarter_is_not_guessed(sample_report, q3):
    """Q1 and Q3 but no Q2: each history table says so, at its first Q3 row."""
    book = carrying(sample_report, q3, _relabelled(q3, 2563, 1))
    gaps = [f for f in history_codes(book) if f.code == "HISTORY_GAP"]
    assert len(gaps) == 3 and all(f.severity is Severity.WARNING for f in gaps)
    budget_gap = next(f for f in gaps if f.params["table"] == "tblHistoryBudget")
    assert budget_gap.where == f"'ประวัติ'!B{HEADER_ROW + 2 + len(sample_report.budget)}"
    params = budget_gap.params
    assert params["missing"] == [[2563, 2]]
    assert (params["from_year"], params["from_quarter"], params["to_year"], params["to_quarter"]) == (2563, 1, 2563, 3)


def test_no_previous_quarter_means_no_comparison_and_a_gap_saying_so(sample_report, q3):
    q2 = _relabelled(q3, 2563, 2)
    book = carrying(sample_report, q2)
    book.line("1.3.4").paid = Decimal("1")
    findings = history_codes(book)
    assert {f.code for f in findings} == {"HISTORY_GAP"}
    assert not any(f.params["compared"] for f in findings)


def test_rows_out_of_order_are_a_note_on_the_first_that_goes_back(sample_report, q3):
    book = carrying(sample_report, q3, _relabelled(q3, 2563, 2))
    budget = book.history_budget
    q2_rows = [row for row in budget if row.quarter == 2]
    q3_rows = [row for row in budget if row.quarter == 3]
    book.history_budget = q3_rows + q2_rows  # as if the user had pasted Q2 below Q3
    finding = only(history_codes(book), "HISTORY_ORDER")
    assert finding.where == str(q2_rows[0].at("quarter"))
    params = finding.params
    assert (params["fiscal_year"], params["quarter"]) == (2563, 2)
    assert (params["after_year"], params["after_quarter"]) == (2563, 3)


def test_a_year_too_old_and_a_period_not_earlier_than_this_quarter(q4):
    q4.history_budget[0].fiscal_year = 2560
    q4.history_projects[0].quarter = 4  # Q4 FY2563: this very quarter
    findings = history_codes(q4)
    year = only(findings, "HISTORY_YEAR")
    assert (year.severity, year.where) == (Severity.WARNING, "'ประวัติ'!A4")
    later = only(findings, "HISTORY_PERIOD_NOT_EARLIER")
    assert later.severity is Severity.ERROR
    assert later.where == str(q4.history_projects[0].at("quarter"))


def test_a_history_carried_over_several_years_is_no_finding(sample_report):
    """Q1 FY2565 whose history runs back, quarter after quarter, to Q1 FY2563: no year stands apart."""
    quarters = [halved(sample_report, fy, q) for fy in (2563, 2564) for q in (1, 2, 3, 4)]
    book = carrying(halved(sample_report, 2565, 1), *quarters)
    assert {row.fiscal_year for row in book.history_budget} == {2563, 2564}
    assert history_codes(book) == []
    book = book.copy_with()
    book.history_projects[0].fiscal_year = 2536  # 2563 with its digits swapped
    year = only(history_codes(book), "HISTORY_YEAR")
    assert year.params["year"] == 2536 and year.where == str(book.history_projects[0].at("fiscal_year"))


def test_a_repeated_history_row_is_a_warning_and_the_first_is_compared(q4):
    first = next(row for row in q4.history_budget if row.code == "1.3.4")
    again = first.copy_with({"paid": Decimal("1"), "cells": {"code": CellRef(HISTORY_SHEET, "C30")}})
    q4.history_budget.append(again)
    findings = history_codes(q4)
    duplicate = only(findings, "HISTORY_DUPLICATE")
    assert duplicate.where == "'ประวัติ'!C30" and duplicate.params["first"] == CellRef(HISTORY_SHEET, "C13")
    assert not any(f.code == "HISTORY_PAID_DECREASED" for f in findings)


def test_a_history_code_that_no_longer_exists_is_a_note_on_the_history(sample_report, q3):
    q2 = _relabelled(q3, 2563, 2)
    q2.line("1.3.5").code = "1.3.9"
    book = carrying(sample_report, q3, q2)
    finding = only(history_codes(book), "HISTORY_CODE_UNKNOWN")
    assert finding.where == f"'ประวัติ'!C{HEADER_ROW + 2 + 10}"  # the 11th row: Q2's line "1.3.9"
    assert (finding.params["code"], finding.params["fiscal_year"], finding.params["quarter"]) == ("1.3.9", 2563, 2)


def test_history_checks_need_the_period(q4):
    q4.settings.quarter = None
    assert history_codes(q4) == []


# --- `etda-xl check BOOK --previous PREV` -----------------------------------------------------------


def write_halved_q3(path):
    """The halved Q3 as a workbook, typed the way the sample is (amounts, "-" for zero)."""
    import xlsxwriter

    from etda_xl.inputbook import Formats, add_input_table, settings_rows
    from etda_xl.sample import SETTINGS, table_rows

    def half(value):
        return value / 2 if isinstance(value, int | float) else value

    rows = table_rows()
    settings = SETTINGS.copy_with({"quarter": 3, "as_of": history_end(2563, 3)})
    rows[schema.SETTINGS.name] = settings_rows(Quarter(settings=settings))
    for row in rows[schema.BUDGET.name]:
        row.update({field: half(row[field]) for field in HALVED}, pct=None)
    for row in rows[schema.PROJECTS.name]:
        row.update({f: half(row[f]) for f in ("ops_plan", "ops_result", "fin_plan", "fin_result")})
        row.update(kpi_done=row["kpi_done"] // 2)
    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    for table in schema.TABLES:
        add_input_table(workbook, formats, table, rows[table.name])
    workbook.close()
    return path


@pytest.fixture(scope="module")
def q3_book(tmp_path_factory):
    return write_halved_q3(tmp_path_factory.mktemp("q3") / "2563-Q3.xlsx")


def _comparable(findings):
    return sorted((f.code, f.severity.value, f.sheet, f.cell, str(f.expected), str(f.actual)) for f in findings)


def test_check_previous_finds_what_the_same_q3_in_the_history_finds(sample_copy, q3_book, tmp_path, capsys):
    import json

    from etda_xl.cli import main
    from etda_xl.workbook import read_workbook

    from .conftest import edit_cells

    edit_cells(sample_copy, {("งบประมาณ", "D13"): 6.1889})
    assert main(["check", str(sample_copy), "--previous", str(q3_book), "--format", "json", "--lang", "en"]) == 1
    document = json.loads(capsys.readouterr().out)
    paid = next(f for f in document["findings"] if f["code"] == "HISTORY_PAID_DECREASED")
    assert (paid["sheet"], paid["cell"], paid["expected"]) == ("งบประมาณ", "D13", 6.5945)
    assert paid["params"]["before_cell"] is None  # a separate book's figure has no history cell

    from etda_xl.api import check_workbook

    from .history_books import write_book

    _, with_previous = check_workbook(sample_copy, previous=q3_book)
    assert only(with_previous, "HISTORY_PAID_DECREASED").params["before_cell"] is None  # a separate book's figure
    # the same Q3 carried in the book's own history tables (as `etda-xl new --from` carries it)
    carried_book = write_book(tmp_path / "carried.xlsx", snapshot.with_previous(read_workbook(sample_copy),
                                                                             read_workbook(q3_book)))  # fmt: skip
    edit_cells(carried_book, {("งบประมาณ", "D13"): 6.1889})
    carried = read_workbook(carried_book)
    assert {row.period for row in carried.history_budget} == {(2563, 3)}
    carried_findings = run_checks(carried)
    assert _comparable(with_previous) == _comparable(carried_findings)
    assert only(carried_findings, "HISTORY_PAID_DECREASED").params["before_cell"] == CellRef(HISTORY_SHEET, "F13")
    assert [f["code"] for f in document["findings"]] == [f.code for f in presented(with_previous)]


def test_check_previous_refuses_a_book_that_is_not_earlier(sample_book, capsys):
    from etda_xl.cli import main

    assert main(["check", str(sample_book), "--previous", str(sample_book)]) == 2
    err = capsys.readouterr().err
    assert "sample.xlsx is Q4 FY2563, not earlier than sample.xlsx (Q4 FY2563)" in err


def test_text_in_a_history_amount_is_reported_by_the_reader_at_the_history_cell(tmp_path, sample_report, q3):
    """The history is read with the same schema: 'abc' for line 1's paid is INPUT_NOT_NUMBER at its
    cell on the history sheet, and that figure is not compared."""
    import xlsxwriter

    from etda_xl.inputbook import Formats, add_input_table
    from etda_xl.sample import table_rows
    from etda_xl.workbook import read_workbook

    rows = table_rows()
    past_lines = snapshot.snapshot(q3)[0]
    rows[schema.HISTORY_BUDGET.name] = [
        {c.field: getattr(line, c.field) for c in schema.HISTORY_BUDGET.columns} for line in past_lines
    ]
    rows[schema.HISTORY_BUDGET.name][0]["paid"] = "abc"
    path = tmp_path / "with-history.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    for table in (*schema.TABLES, schema.HISTORY_BUDGET):
        add_input_table(workbook, formats, table, rows[table.name])
    workbook.close()
    book = read_workbook(path)
    book.line("1").paid = Decimal("1")  # below Q3's 126.18585, but Q3's figure cannot be read
    findings = run_checks(book)
    not_number = [f for f in findings if f.code == "INPUT_NOT_NUMBER"]
    assert [f.where for f in not_number] == ["'ประวัติ'!F4"]
    assert not_number[0].params["value"] == "abc"
    assert not any(f.code == "HISTORY_PAID_DECREASED" for f in findings)
    book.line("1.1").paid = Decimal("1")  # line 1.1's Q3 figure is read: compared
    assert only(run_checks(book.copy_with()), "HISTORY_PAID_DECREASED").where == "'งบประมาณ'!D5"


# --- the root cause learns last quarter's bounds ------------------------------------------------------


def root_causes(quarter: Quarter):
    return [f for f in run_checks(quarter) if f.code == "ROOT_CAUSE"]


def test_root_cause_names_the_paid_typed_below_q3_and_says_it_satisfies_q3s_bound(q4):
    """13.1889 typed 6.1889 breaks row 1.3.4 and the (2) sums of 1.3, 1 and the grand total, and
    falls below Q3's 6.5945: the one cell, corrected to 13.1889, satisfies all of them."""
    q4.line("1.3.4").paid = Decimal("6.1889")
    cause = next(f for f in root_causes(q4) if f.cell == "D13")
    assert (cause.severity, cause.fix) == (Severity.ERROR, Decimal("13.1889"))
    explained = set(zip(cause.params["explains_codes"], cause.params["explains_cells"], strict=True))
    assert ("BUDGET_ROW_SUM", CellRef(BUDGET_SHEET, "G13")) in explained
    assert ("HISTORY_PAID_DECREASED", CellRef(BUDGET_SHEET, "D13")) in explained  # Q3's floor
    assert cause.params["floors"] == (Decimal("6.5945"),)


def _computed_by_formulas(quarter: Quarter) -> Quarter:
    """The template's book: (5) and % are formulas, so Excel recomputes them from what is typed."""
    from etda_xl import rules

    for line in quarter.budget:
        line.result = rules.shown(line.paid + line.carried + line.reserved)
        line.pct = rules.spend_pct(line.result, line.plan)
        line.formulas.update(result="=D+E+F", pct="=G/C")
    return quarter


def test_last_quarter_decides_between_siblings_the_sums_cannot_tell_apart(sample_report, q3):
    """With (5) by formula, and no footnote or project finance % to tell them apart, 1.3.4's paid typed 7
    too low breaks only the (2) and (5) sums of 1.3: any of its five sub-lines' paid, 7 higher, would
    repair both, so the sums alone name none. Q3's 6.5945 is above the 6.1889 typed on 1.3.4 only:
    that cell is the one."""
    book = _computed_by_formulas(sample_report.copy_with(deep=True))
    book.line("1.3.4").paid = Decimal("6.1889")
    book.footnotes = []
    for project in book.projects:
        project.fin_result = None
    _computed_by_formulas(book)
    d13 = CellRef(BUDGET_SHEET, "D13")
    ambiguous = [f for f in root_causes(book) if d13 in f.candidates]
    assert [f.severity for f in ambiguous] == [Severity.INFO]
    assert {c.cell for c in ambiguous[0].params["cells"]} >= {"D10", "D11", "D12", "D13", "D14"}

    with_q3 = carrying(book, q3)
    cause = next(f for f in root_causes(with_q3) if f.cell == "D13")
    assert (cause.severity, cause.fix) == (Severity.ERROR, Decimal("13.1889"))
    assert not any(f.severity is Severity.INFO and d13 in f.candidates for f in root_causes(with_q3))


def test_a_correction_never_goes_below_last_quarters_figure(q4):
    """Q3 held a paid of 20 for 1.3.4: the sums' 13.1889 would be below it, so D13 is not corrected.
    It still explains every error around it, so no other cell is offered a fix for them: the finding
    points at D13 and at Q3's figure in the history, to be checked against the source documents."""
    next(row for row in q4.history_budget if row.code == "1.3.4").paid = Decimal("20")
    q4.line("1.3.4").paid = Decimal("6.1889")
    findings = run_checks(q4)
    assert [(f.cell, f.fix) for f in findings if f.fix is not None] == [("F4", Decimal("102.8968"))] * 2
    blocked = next(f for f in findings if f.code == "ROOT_CAUSE" and f.cell == "D13")
    assert blocked.severity is Severity.INFO and blocked.fix is None
    assert [str(c) for c in blocked.candidates] == ["'งบประมาณ'!D13", "'ประวัติ'!F13"]
    params = blocked.params
    assert params["value"] == Decimal("13.1889")
    assert "BUDGET_ROW_SUM" in params["explains_codes"]
    assert (params["bound_codes"], params["bound_floors"]) == (("HISTORY_PAID_DECREASED",), (Decimal(20),))
    assert params["bound_cells"] == (CellRef(HISTORY_SHEET, "F13"),)
    follows = [f for f in findings if "D13" in [c.cell for c in f.candidates] and f.code != "ROOT_CAUSE"]
    expected = {"BUDGET_PCT", "FOOTNOTE_AMOUNT", "PROJECT_FIN_RESULT", "HISTORY_PAID_DECREASED"}
    assert {f.code for f in follows} >= expected
