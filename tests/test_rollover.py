"""Start the next quarter (``etda-xl new --from``): a Q3 book made from the FY2563 Q4 sample with its
cumulative figures halved, rolled into Q4, then Q4 into Q1 of 2564; and every refusal writes nothing.

Numbers by hand, line 1.3.4 (Speed up e-Licensing, project 3), sample Q4: (1) 88.3398, (2) 13.1889,
(3) 17.3286, (4) 22.3351, (5) 52.8525, 60%. Q3 = halves rounded half up to 4 decimals: (2) 6.59445 →
6.5945, (3) 8.6643, (4) 11.16755 → 11.1676, (5) 26.42625 → 26.4263; (2)+(3)+(4) = 26.4264 is within
rounding of the typed 26.4263, so the report prints 26.4263, and ROUND(26.4263 / 88.3398) = 29.9% → 30.
Q3's projects: operations plan and result 75, finance plan 50, finance result its line's % (project 3:
30), completed half the sample's (8 → 4).
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from etda_xl import rules, schema
from etda_xl.api import start_next_quarter
from etda_xl.cli import main
from etda_xl.decimals import round_half_up
from etda_xl.errors import InputError, OutputError
from etda_xl.inputbook import Formats, add_input_table, settings_rows
from etda_xl.model import Quarter, Settings
from etda_xl.sample import SETTINGS, table_rows
from etda_xl.workbook import read_workbook

Q3_SETTINGS = SETTINGS.copy_with({"quarter": 3, "as_of": date(2020, 6, 30)})
#: Targets typed in the Q3 book (made up: the real ones come from the cabinet resolution each year).
TARGETS = [
    {"fiscal_year": 2563, "quarter": 3, "overall": 75, "current": 80, "investment": 60},
    {"fiscal_year": 2563, "quarter": 4, "overall": 93, "current": 98, "investment": 85},
]


def _half(value):
    return value if value == "-" else float(round_half_up(Decimal(str(value)) / 2, 4))


def _amount(value) -> Decimal:
    return Decimal(0) if value == "-" else Decimal(str(value))


def q3_rows() -> dict[str, list[dict]]:
    """The sample's tables as a Q3 book would hold them: (2)–(5) halved, % recomputed, plans of Q3."""
    rows = table_rows()
    rows[schema.SETTINGS.name] = settings_rows(Quarter(settings=Q3_SETTINGS))
    pct_of = {}
    for line in rows[schema.BUDGET.name]:
        for field in ("paid", "carried", "reserved", "result"):
            line[field] = _half(line[field])
        pct = rules.spend_pct(_amount(line["result"]), _amount(line["plan"]), 0)
        pct_of[line["code"]] = pct
        line["pct"] = float(pct) / 100  # typed as an Excel percentage, as the sample is
    for project in rows[schema.PROJECTS.name]:
        project |= {"ops_plan": 75, "ops_result": 75, "fin_plan": 50, "kpi_done": project["kpi_done"] // 2}
        project["fin_result"] = float(pct_of.get(project["budget_codes"], 84))  # the total row: sample's 84
    for note in rows[schema.FOOTNOTES.name]:
        note |= {"result": None, "pct": None}
    rows[schema.TARGETS.name] = TARGETS
    return rows


def write_q3(path: Path) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    rows = q3_rows()
    for table in (*schema.TABLES, schema.TARGETS):
        percent = {}
        if table in (schema.BUDGET, schema.FOOTNOTES):
            percent = {(i, "pct"): formats.percent for i in range(len(rows[table.name]))}
        if table is schema.SETTINGS:
            percent = {(i, "value"): formats.date for i, r in enumerate(rows[table.name]) if r["key"] == "ข้อมูล ณ วันที่"}
        add_input_table(workbook, formats, table, rows[table.name], percent)
    workbook.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """Q3 (written by hand), Q4 started from it, Q1 of 2564 started from Q4."""
    folder = tmp_path_factory.mktemp("rollover")
    q3 = write_q3(folder / "2563-Q3.xlsx")
    before = digest(q3)
    q4 = start_next_quarter([q3], folder / "2563-Q4.xlsm")
    q1 = start_next_quarter([q4.path], folder / "2564-Q1.xlsm")
    return {"q3": q3, "q3_digest": before, "q4": q4, "q1": q1}


@pytest.fixture(scope="module")
def q4(books) -> Quarter:
    return read_workbook(books["q4"].path)


def test_the_q3_book_reads_as_reasoned(books):
    q3 = read_workbook(books["q3"])
    line = q3.line("1.3.4")
    assert (line.plan, line.paid, line.carried, line.reserved, line.result, line.pct) == (
        Decimal("88.3398"), Decimal("6.5945"), Decimal("8.6643"), Decimal("11.1676"), Decimal("26.4263"), 30,
    )  # fmt: skip
    assert (q3.settings.fiscal_year, q3.settings.quarter) == (2563, 3)


def test_q4_defaults_to_the_quarter_after_the_source(books, q4):
    assert books["q4"].period == (2563, 4) and not books["q4"].new_year
    settings = q4.settings
    assert (settings.fiscal_year, settings.quarter, settings.as_of) == (2563, 4, date(2020, 9, 30))  # 30 ก.ย. 63
    assert settings.agency == "สพรอ." and settings.thresholds == SETTINGS.thresholds
    assert not q4.input_issues or {i.code for i in q4.input_issues} == {"INPUT_MISSING"}  # the figures to type


def test_q4_carries_the_structure_and_plans(q4, sample_report):
    assert [(b.code, b.name, b.plan) for b in q4.budget] == [(b.code, b.name, b.plan) for b in sample_report.budget]
    assert q4.line("1.3.4").plan == Decimal("88.3398") and q4.grand_total.plan == Decimal("588.7946")
    assert [(p.number, p.short_name, p.name_th, p.name_en, p.budget_codes, p.kpi_count) for p in q4.projects] == [
        (p.number, p.short_name, p.name_th, p.name_en, p.budget_codes, p.kpi_count) for p in sample_report.projects
    ]
    assert {(p.ops_plan, p.fin_plan) for p in q4.projects} == {(75, 50)}  # Q3's plans, same fiscal year
    assert [(k.project, k.source, k.indicator, k.target, k.direction) for k in q4.kpis] == [
        (k.project, k.source, k.indicator, k.target, k.direction) for k in sample_report.kpis
    ]  # sources too (written blank under the same source, read filled down, as the sample's)
    assert [(n.number, n.lines, n.part_of, n.label) for n in q4.footnotes] == [
        (n.number, n.lines, n.part_of, n.label) for n in sample_report.footnotes
    ]
    assert [(t.period, t.overall, t.current, t.investment) for t in q4.targets] == [
        ((2563, 3), 75, 80, 60), ((2563, 4), 93, 98, 85),
    ]  # fmt: skip


def test_q4_clears_the_figures(q4):
    for line in q4.budget:
        assert (line.paid, line.carried, line.reserved, line.result, line.pct) == (None,) * 5, line.code
    for project in q4.projects:
        assert (project.ops_result, project.fin_result, project.kpi_done) == (None,) * 3, project.number
        assert project.obstacle is False and project.status is None
    assert {k.result for k in q4.kpis} == {""} and {k.details for k in q4.kpis} == {""}
    assert {(n.result, n.pct) for n in q4.footnotes} == {(None, None)}
    assert q4.obstacles == []


def test_q4_history_holds_q3_as_its_report_printed_it(q4, sample_report):
    assert {row.period for row in q4.history_budget + q4.history_projects + q4.history_kpis} == {(2563, 3)}
    line = next(r for r in q4.history_budget if r.code == "1.3.4")
    assert (line.plan, line.paid, line.carried, line.reserved, line.result, line.pct) == (
        Decimal("88.3398"), Decimal("6.5945"), Decimal("8.6643"), Decimal("11.1676"), Decimal("26.4263"), 30,
    )  # fmt: skip
    assert line.paid == round_half_up(sample_report.line("1.3.4").paid / 2, 4)  # half the sample's (2)
    assert line.cells["paid"].sheet == schema.HISTORY_SHEET  # read from the history sheet, like any input
    assert [r.code for r in q4.history_budget] == [b.code for b in sample_report.budget]  # the total too
    project = next(p for p in q4.history_projects if p.number == "3")
    assert (project.ops_plan, project.ops_result, project.fin_plan, project.fin_result) == (75, 75, 50, 30)
    assert (project.kpi_count, project.kpi_done, project.status) == (8, 4, rules.Status.GREEN)
    assert [(k.project, k.indicator, k.target, k.result) for k in q4.history_kpis] == [
        (k.project, k.indicator, k.target, k.result) for k in sample_report.kpis
    ]


def test_the_history_sheet_is_visible_and_holds_three_named_tables(books):
    from openpyxl import load_workbook

    book = load_workbook(books["q4"].path, keep_vba=True)
    sheet = book[schema.HISTORY_SHEET]
    assert sheet.sheet_state == "visible"
    assert set(sheet.tables) == {t.name for t in schema.HISTORY_TABLES}
    assert book[schema.TARGETS.sheet].tables[schema.TARGETS.name].ref.startswith("A3:")


def test_the_source_is_untouched(books):
    assert digest(books["q3"]) == books["q3_digest"]


def test_q4_rolls_into_q1_of_the_next_fiscal_year(books):
    result = books["q1"]
    assert result.period == (2564, 1) and result.new_year
    assert result.history == ((2563, 3), (2563, 4))
    q1 = read_workbook(result.path)
    assert (q1.settings.fiscal_year, q1.settings.quarter, q1.settings.as_of) == (2564, 1, date(2020, 12, 31))
    assert {b.plan for b in q1.budget} == {None}  # a new fiscal year: plan (1) cleared
    assert {(p.ops_plan, p.fin_plan) for p in q1.projects} == {(None, None)}  # and the projects' plans
    assert [b.code for b in q1.budget] == [b.code for b in read_workbook(books["q4"].path).budget]
    by_period = {(r.period, r.code): r for r in q1.history_budget}
    assert by_period[((2563, 3), "1.3.4")].paid == Decimal("6.5945")  # Q3 carried on from Q4's history
    q4_line = by_period[((2563, 4), "1.3.4")]
    assert (q4_line.plan, q4_line.paid, q4_line.result) == (Decimal("88.3398"), None, None)  # Q4 as typed: plan only
    assert "ไตรมาส 1/2564" in result.describe() and "Q1 FY2564" in result.describe()


def test_several_sources_the_latest_gives_the_structure_all_give_history(books, sample_book, tmp_path):
    result = start_next_quarter([sample_book, books["q3"]], tmp_path / "2564-Q1.xlsm")
    q1 = read_workbook(result.path)
    assert result.period == (2564, 1) and result.history == ((2563, 3), (2563, 4))
    rows = {(r.period, r.code): r for r in q1.history_budget}
    assert (rows[((2563, 4), "1.3.4")].result, rows[((2563, 4), "1.3.4")].pct) == (Decimal("52.8525"), 60)
    assert rows[((2563, 4), "1")].result == Decimal("421.9499")  # printed: (2)+(3)+(4), not the typed 421.9488
    assert rows[((2563, 3), "1.3.4")].result == Decimal("26.4263")
    projects = {(p.period, p.number): p for p in q1.history_projects}
    assert projects[((2563, 4), "3")].fin_result == 60 and projects[((2563, 3), "3")].fin_result == 30
    assert {p.kpi_done for p in q1.projects} == {None} and q1.obstacles == []


def test_fy_and_quarter_override_the_default(books, tmp_path):
    result = start_next_quarter([books["q3"]], tmp_path / "q.xlsm", fy=2564, quarter=2, as_of=date(2021, 3, 15))
    q = read_workbook(result.path)
    assert (q.settings.fiscal_year, q.settings.quarter, q.settings.as_of) == (2564, 2, date(2021, 3, 15))


def test_a_folder_gets_a_free_name(books, tmp_path):
    first = start_next_quarter([books["q3"]], tmp_path)
    second = start_next_quarter([books["q3"]], tmp_path)
    assert (first.path.name, second.path.name) == ("2563-Q4.xlsm", "2563-Q4 (2).xlsm")


# --- refusals: a clear message naming the file, nothing written, the sources byte-identical -------------


def _refused(tmp_path, sources, error, *words, **options):
    out = tmp_path / "out.xlsm"
    before = {p: digest(p) for p in sources if p.is_file()}
    with pytest.raises(error) as raised:
        start_next_quarter(sources, out, **options)
    message = raised.value.both()
    for word in words:
        assert word in message, message
    assert not out.exists() and not list(tmp_path.glob(".*"))
    assert {p: digest(p) for p in before} == before
    return raised.value


def test_two_books_for_one_quarter_are_refused(books, tmp_path):
    twin = shutil.copyfile(books["q3"], tmp_path / "twin.xlsx")
    error = _refused(tmp_path, [books["q3"], twin], InputError, "ไตรมาส 3/2563", "Q3 FY2563", "twin.xlsx", "one book")
    assert (error.sheet, error.cell) == ("ตั้งค่า", "B6")  # the quarter's cell


@pytest.mark.parametrize("quarter", [3, 2])
def test_a_source_not_before_the_target_is_refused(books, tmp_path, quarter):
    error = _refused(tmp_path, [books["q3"]], InputError, "2563-Q3.xlsx", "not before", fy=2563, quarter=quarter)
    assert f"Q{quarter} FY2563, the quarter to start" in error.en


def test_a_file_that_is_not_a_workbook_is_refused(books, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    _refused(tmp_path, [books["q3"], text], InputError, "notes.xlsx", "source workbook", "อ่านสมุดงานต้นทาง")


def test_a_book_without_its_quarter_is_refused(tmp_path):
    from etda_xl.api import new_workbook

    blank = new_workbook(tmp_path / "blank.xlsm", 2563, 3)
    from .conftest import edit_cells

    edited = edit_cells(blank, {("ตั้งค่า", "B6"): None}, tmp_path / "noquarter.xlsx")
    error = _refused(tmp_path, [edited], InputError, "noquarter.xlsx", "no quarter")
    assert (error.sheet, error.cell) == ("ตั้งค่า", "B6")


def test_the_output_is_never_a_source_nor_an_existing_file(books, tmp_path):
    source = shutil.copyfile(books["q3"], tmp_path / "q.xlsm")
    before = digest(source)
    with pytest.raises(OutputError, match="source workbook"):
        start_next_quarter([source], source, force=True)
    existing = tmp_path / "taken.xlsm"
    existing.write_bytes(b"the user's own work")
    with pytest.raises(OutputError, match="already exists"):
        start_next_quarter([books["q3"]], existing)
    assert digest(source) == before and existing.read_bytes() == b"the user's own work"


def test_the_command_line_maps_onto_the_one_call(books, tmp_path, capsys):
    out = tmp_path / "2563-Q4.xlsm"
    assert main(["new", "-o", str(out), "--from", str(books["q3"])]) == 0
    printed = capsys.readouterr().out
    assert f"Wrote the Q4 FY2563 workbook: {out}" in printed and "history: Q3 FY2563" in printed
    assert read_workbook(out).line("1.3.4").plan == Decimal("88.3398")
    assert main(["new", "-o", str(tmp_path / "x.xlsm"), "--from", str(books["q3"]), "--from", str(books["q3"])]) == 2
    err = capsys.readouterr().err
    assert "ไตรมาสละหนึ่งเล่ม" in err and "give one book per quarter" in err
    assert not (tmp_path / "x.xlsm").exists()
    assert main(["new", "-o", str(tmp_path / "y.xlsm")]) == 2
    assert "--fy and --quarter, or start from the earlier quarter with --from" in capsys.readouterr().err


def test_the_new_book_checks_without_errors_beyond_the_figures_to_type(q4):
    """What is left is what the finance officer types: the quarter's figures (INPUT_MISSING)."""
    from etda_xl.checks import run_checks

    codes = {f.code for f in run_checks(q4) if f.severity.value == "error"}
    assert codes <= {"INPUT_MISSING"}, codes


def test_settings_carried_are_the_sources_not_the_defaults(tmp_path):
    """A book with its own thresholds and language hands them on."""
    from etda_xl.template import build_template

    settings = Settings(fiscal_year=2563, quarter=2, as_of=date(2020, 3, 31), green_max=Decimal(3), status_lang="en")
    source = build_template(tmp_path / "q2.xlsm", settings=settings)
    q3 = read_workbook(start_next_quarter([source], tmp_path / "q3.xlsm").path)
    assert (q3.settings.green_max, q3.settings.status_lang, q3.settings.quarter) == (Decimal(3), "en", 3)


def test_the_live_checks_get_the_history_too(books, tmp_path):
    """ETDA_CHECKS fed every table of the template (the history and targets included) lists exactly what
    the file check lists, the quarter-on-quarter findings too: Q4's paid (2) of 1.3.4 typed as 5, below
    Q3's 6.5945 (a cumulative figure cannot fall). Fed the six tables alone, it cannot know Q3."""
    from etda_xl.checks import run_checks
    from udfs import etda_udfs as udf
    from udfs.live import finding_rows

    from .conftest import edit_cells
    from .excel_fakes import table_ranges

    book = edit_cells(books["q4"].path, {("งบประมาณ", "D13"): 5}, tmp_path / "q4-typed.xlsx")
    file_rows = finding_rows(run_checks(read_workbook(book)))
    fallen = [row for row in file_rows if row[2] == "'งบประมาณ'!D13" and row[0].startswith("HISTORY")]
    assert fallen and "6.5945" in fallen[0][4] and fallen[0][1] == "error"
    ranges = table_ranges(book)
    assert udf.ETDA_CHECKS(*(ranges[t.name] for t in schema.INPUT_TABLES)) == file_rows
    quarter_only = udf.ETDA_CHECKS(*(ranges[t.name] for t in schema.TABLES))
    assert not [row for row in quarter_only if row[0].startswith("HISTORY")]


def test_a_source_with_errors_is_carried_as_it_is_and_said_so(books, sample_book, tmp_path):
    """The sample has 6 errors (F4 and what follows from it): its figures become the next quarter's history
    as they are, and the message says how many, in Thai and English, and where to look."""
    result = start_next_quarter([sample_book], tmp_path / "2564-Q1.xlsm")
    assert result.source_errors == ((sample_book, 6),)
    th, en = result.describe().split("Wrote the")
    assert f"สมุดงานต้นทาง {sample_book.name} มีข้อผิดพลาด 6 รายการ" in th and "เข้าไปในประวัติตามที่เป็นอยู่" in th
    assert f"The source {sample_book.name} has 6 errors: its figures go into the history as they are" in en


def test_strict_refuses_a_source_with_errors_and_writes_nothing(sample_book, tmp_path, capsys):
    out = tmp_path / "2564-Q1.xlsm"
    before = digest(sample_book)
    assert main(["new", "-o", str(out), "--from", str(sample_book), "--strict"]) == 1
    printed = capsys.readouterr().out
    assert "ไม่ได้เขียนสมุดงานใหม่ (--strict)" in printed and "No new workbook written (--strict)" in printed
    assert "has 6 errors" in printed
    assert not out.exists() and digest(sample_book) == before
