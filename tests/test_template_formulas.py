"""Every ``=ETDA_*`` formula of the template, parsed: it is fed the intended table columns, and each
cached value is what the UDF (and the core) computes, so no check sees a stale or false figure."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from etda_xl import compute, rules, schema
from etda_xl.checks import run_checks
from etda_xl.sample import SETTINGS, table_rows
from etda_xl.template import build_template, sheets
from etda_xl.workbook import read_workbook
from udfs import etda_udfs as udf

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"


def _load(path, data_only=False):
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(path, keep_vba=True, data_only=data_only)


def split_call(formula: str) -> tuple[str, list[str]]:
    """``=F(a,b[[x],[y]],"c,d")`` → ("F", ["a", "b[[x],[y]]", '"c,d"']): commas at the top level only."""
    match = re.fullmatch(r"=?(\w+)\((.*)\)", formula, re.S)
    assert match, formula
    name, body = match.groups()
    args, current, depth, quoted = [], "", 0, False
    for ch in body:
        if quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(current)
            current = ""
            continue
        current += ch
    return name, [*args, current]


def this_row_field(reference: str) -> tuple[str, str]:
    """``tblBudget[[#This Row],[จ่ายจริง (2)]]`` → ("tblBudget", "paid")."""
    match = re.fullmatch(r"(\w+)\[\[#This Row\],\[(.*)\]\]", reference)
    assert match, reference
    table_name, header = match.group(1), re.sub(r"'(.)", r"\1", match.group(2))
    table = next(t for t in schema.INPUT_TABLES if t.name == table_name)
    return table_name, next(c.field for c in table.columns if c.header == header)


#: (table, column the formula fills) → (function, arguments: table fields or defined names).
EXPECTED = {
    ("tblBudget", "result"): ("ETDA_SPEND", ["paid", "carried", "reserved", "etda_status_lang"]),
    ("tblBudget", "pct"): ("ETDA_SPEND_PCT", ["result", "plan", "etda_pct_decimals", "etda_status_lang"]),
    ("tblProjects", "status"): (
        "ETDA_STATUS",
        [
            "ops_plan",
            "ops_result",
            "obstacle",
            "etda_green_max",
            "etda_yellow_max",
            "etda_relative_delay",
            "etda_status_lang",
        ],
    ),
    ("tblKPI", "met"): (
        "ETDA_KPI_MET",
        ["target", "result", "direction", "indicator", "etda_status_lang", "etda_quarter", "quarter_target"],
    ),
}


def _table_formulas(book):
    """(table, field) → (calculated column formula, [formula of every data row]) for each ETDA_* column."""
    found = {}
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            from openpyxl.utils import range_boundaries

            first_col, first_row, _last_col, last_row = range_boundaries(table.ref)
            spec = next(t for t in schema.INPUT_TABLES if t.name == table.name)
            columns = spec.columns
            for offset, column in enumerate(table.tableColumns):
                if column.calculatedColumnFormula is None:
                    continue
                assert column.name == columns[offset].header
                cells = [sheet.cell(r, first_col + offset).value for r in range(first_row + 1, last_row + 1)]
                found[(table.name, columns[offset].field)] = ("=" + column.calculatedColumnFormula.attr_text, cells)
    return found


@pytest.fixture(scope="module")
def template():
    return _load(TEMPLATE)


def test_every_formula_column_is_fed_the_intended_columns(template):
    formulas = _table_formulas(template)
    assert set(formulas) == set(EXPECTED)
    for (table, field), (function, arguments) in EXPECTED.items():
        formula, cells = formulas[(table, field)]
        assert all(cell == formula for cell in cells), (table, field)  # one formula down the column
        name, args = split_call(formula)
        assert name == function
        fed = [this_row_field(a)[1] if "[#This Row]" in a else a for a in args]
        assert fed == arguments, (table, field)
        assert {this_row_field(a)[0] for a in args if "[#This Row]" in a} == {table}


def test_every_etda_formula_in_the_workbook_is_accounted_for(template):
    """No ETDA_* formula hides anywhere else: the table columns above, and the live checks cell."""
    located = []
    for sheet in template.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = getattr(cell.value, "text", cell.value)
                if cell.data_type == "f" and "ETDA_" in text:
                    located.append((sheet.title, split_call(text)[0]))
    counts = {key: located.count(key) for key in set(located)}
    assert counts == {
        ("งบประมาณ", "ETDA_SPEND"): 15,
        ("งบประมาณ", "ETDA_SPEND_PCT"): 15,
        ("โครงการ", "ETDA_STATUS"): 6,
        ("ตัวชี้วัด", "ETDA_KPI_MET"): 35,
        (sheets.LIVE_CHECKS, "ETDA_CHECKS"): 1,
    }


def test_the_live_checks_cell_spills_over_every_table(template):
    import zipfile

    cell = template[sheets.LIVE_CHECKS][f"A{sheets.LIVE_HEADER_ROW + 1}"]
    name, args = split_call(cell.value.text)
    assert name == "ETDA_CHECKS"
    assert args == [f"{table.name}[#All]" for table in schema.INPUT_TABLES]  # the history and targets too
    number = [name for name, _codename in sheets.SHEETS].index(sheets.LIVE_CHECKS) + 1
    with zipfile.ZipFile(TEMPLATE) as book:
        assert 'cm="1"' in book.read(f"xl/worksheets/sheet{number}.xml").decode()  # a dynamic array: it spills


def test_defined_names_read_the_settings_by_label(template):
    names = {name: d.attr_text for name, d in template.defined_names.items()}
    for key, name in sheets.SETTING_NAMES.items():
        label = schema.setting(key).header
        assert names[name] == f'INDEX(tblSettings[ค่า],MATCH("{label}",tblSettings[รายการ],0))'
    results = "'" + sheets.RESULTS + "'"
    assert names[sheets.FLAG_CELLS] == f"{results}!$I$5:$I$5004"
    assert names[sheets.FLAG_SEVERITY] == f"{results}!$B$5:$B$5004"
    used = set()
    for _key, (formula, _cells) in _table_formulas(template).items():
        used |= {a for a in split_call(formula)[1] if a.startswith("etda_")}
    assert used <= set(names)


# --- validation and colours -------------------------------------------------------------------------------


def _validations(sheet) -> dict[str, tuple]:
    return {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in sheet.data_validations.dataValidation
    }


def test_validation_where_people_type(template):
    budget = _validations(template["งบประมาณ"])
    for letter in "CDEF":  # (1)-(4): ≥ 0 or "-"
        assert budget[f"{letter}4:{letter}18"] == (
            "custom",
            None,
            f'OR({letter}4="-",AND(ISNUMBER({letter}4),{letter}4>=0))',
            None,
        )
    assert "G4:G18" not in budget and "H4:H18" not in budget  # formulas, not typed
    settings = _validations(template["ตั้งค่า"])
    assert settings["B6"] == ("whole", None, "1", "4")  # quarter: between 1 and 4 (the default operator)
    assert settings["B5"] == ("whole", None, "2400", "2699")  # fiscal year (พ.ศ.)
    projects = _validations(template["โครงการ"])
    assert projects["K4:K9"] == ("list", None, '"ไม่มี,มี"', None)  # obstacle
    for letter in "EFGH":  # operations and finance plan/result: whole percent, a bare fraction asks first
        kind, _operator, formula, _ = projects[f"{letter}4:{letter}9"]
        c = f"{letter}4"
        assert (kind, formula) == (
            "custom",
            f'OR({c}="-",AND(ISNUMBER({c}),{c}>=0,OR({c}=0,AND({c}>=1,{c}<=100),'
            f'IFERROR(LEFT(CELL("format",{c}))="P",FALSE))))',
        )
    errors = {str(dv.sqref): dv.errorStyle for dv in template["โครงการ"].data_validations.dataValidation}
    assert errors["E4:E9"] == "warning"  # a % typed into a cell the format check cannot see still goes in
    kpis = _validations(template["ตัวชี้วัด"])
    assert kpis["G4:G38"] == ("list", None, '"≥,≤,เท่ากับ"', None)  # direction: no "=", which starts a formula
    prompts = {str(dv.sqref): dv.prompt for dv in template["ตัวชี้วัด"].data_validations.dataValidation}
    assert prompts["G3"].startswith("≥ ไม่น้อยกว่า, ≤ ไม่เกิน, เท่ากับ") and "= เท่ากับ" not in prompts["G3"]
    footnotes = _validations(template["หมายเหตุงบ"])
    assert footnotes["D4:D5"][0] == "custom"


def _as_read(rule: dict) -> tuple:
    """XlsxWriter's validation options (``template.inputs.validation``) as openpyxl reads them back."""
    kind = {"integer": "whole"}.get(rule["validate"], rule["validate"])
    if kind == "list":
        return kind, None, '"' + ",".join(rule["source"]) + '"', None
    if kind == "custom":
        return kind, None, rule["value"].lstrip("="), None
    if rule.get("criteria") == "between":
        return kind, None, str(rule["minimum"]), str(rule["maximum"])
    return kind, "greaterThanOrEqual", str(rule["value"]), None


def test_the_history_and_targets_tables_are_empty_and_validated_by_the_schema(template):
    """The history sheet (three tables side by side) and the targets sheet: visible, empty in the template
    (the reader reads them as no rows), each typed column validated as the schema says."""
    from openpyxl.utils import get_column_letter, range_boundaries

    from etda_xl.template.inputs import validation

    assert set(template[schema.HISTORY_SHEET].tables) == {t.name for t in schema.HISTORY_TABLES}
    for table in (*schema.HISTORY_TABLES, schema.TARGETS):
        sheet = template[table.sheet]
        assert sheet.sheet_state == "visible"
        first_col, header_row, last_col, last_row = range_boundaries(sheet.tables[table.name].ref)
        headers = [sheet.cell(header_row, c).value for c in range(first_col, last_col + 1)]
        assert headers == [c.header for c in table.columns]
        assert all(sheet.cell(r, c).value is None for r in range(header_row + 1, last_row + 1)
                   for c in range(first_col, last_col + 1))  # fmt: skip
        validations = _validations(sheet)
        for col, column in enumerate(table.columns, first_col):
            first = f"{get_column_letter(col)}{header_row + 1}"
            rule = validation(column, first)
            found = next((v for sqref, v in validations.items() if sqref.split(":")[0] == first), None)
            assert found == (None if rule is None else _as_read(rule)), (table.name, column.field)
    assert read_workbook(TEMPLATE).history_budget == []


def test_every_direction_in_the_list_is_read_by_the_core():
    from etda_xl.template.inputs import validation

    listed = validation(schema.KPIS.column("direction"), "G4")["source"]
    assert [rules.parse_direction(item) for item in listed] == list(rules.Direction)
    assert not any(item.startswith(("=", "+", "-", "@")) for item in listed)
    assert udf.ETDA_KPI_MET("12 เดือน", 12, "เท่ากับ") == "บรรลุ"
    assert udf.ETDA_KPI_MET("12 เดือน", 11, "เท่ากับ") == "ไม่บรรลุ"


def _conditional_formats(book, sheet):
    found = []
    for cf in sheet.conditional_formatting:
        for rule in cf.rules:
            style = book._differential_styles[rule.dxfId]
            found.append((str(cf.sqref), rule.formula[0], style.fill.bgColor.rgb))
    return found


def test_status_colours_are_keyed_to_what_the_udf_shows(template):
    formats = _conditional_formats(template, template["โครงการ"])
    status = [(formula, colour) for sqref, formula, colour in formats if sqref == "L4:L9"]
    assert status == [
        (f'OR($L4="{rules.STATUS_LABELS["th"][s]}",$L4="{rules.STATUS_LABELS["en"][s]}")', "FF" + colour[1:])
        for s, colour in rules.STATUS_COLOURS.items()
    ]


def test_kpi_met_colours_are_keyed_to_what_the_udf_shows(template):
    from etda_xl.template.styles import KPI_FILLS

    formats = _conditional_formats(template, template["ตัวชี้วัด"])
    met = [(formula, colour) for sqref, formula, colour in formats if sqref == "I4:I38"]
    assert met == [
        ('OR($I4="บรรลุ",$I4="met")', "FF" + KPI_FILLS[True][0][1:]),
        ('OR($I4="ไม่บรรลุ",$I4="not met")', "FF" + KPI_FILLS[False][0][1:]),
    ]
    # the words are exactly what ETDA_KPI_MET shows, in both languages
    assert {udf.ETDA_KPI_MET("5", 5), udf.ETDA_KPI_MET("5", 5, None, None, "en")} == {"บรรลุ", "met"}
    assert {udf.ETDA_KPI_MET("5", 4), udf.ETDA_KPI_MET("5", 4, None, None, "en")} == {"ไม่บรรลุ", "not met"}


@pytest.mark.parametrize(
    ("header", "escaped"),
    [
        ("จ่ายจริง (2)", "จ่ายจริง (2)"),
        ("a'b", "a''b"),
        ("[x]", "'[x']"),
        ("no. #", "no. '#"),
        ("it's [#1]", "it''s '['#1']"),
    ],
)
def test_escape_column_escapes_what_structured_references_need(header, escaped):
    from etda_xl.template.formulas import escape_column

    assert escape_column(header) == escaped
    assert re.sub(r"'(.)", r"\1", escaped) == header  # and this test's parser reads it back


def test_each_input_sheet_colours_the_cells_the_button_lists(template):
    for sheet in sheets.INPUT_SHEETS:
        formats = _conditional_formats(template, template[sheet])
        flags = [formula for _sqref, formula, _colour in formats if "etda_flag_cells" in formula]
        tables = sum(1 for table in schema.INPUT_TABLES if table.sheet == sheet)  # the history sheet has three
        assert flags == tables * [
            f'COUNTIFS(etda_flag_cells,"{sheet}!"&ADDRESS(ROW(),COLUMN(),4),etda_flag_severity,"{s}")>0'
            for s in ("error", "warning", "info")
        ]


# --- cached values: the template filled with the sample ----------------------------------------------------


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("filled") / "filled.xlsm", settings=SETTINGS, rows=table_rows())


def _typed_sum(row: dict) -> float:
    """(2)+(3)+(4) of a sample row, by hand: "-" is zero, exact decimal arithmetic."""
    return float(sum(Decimal(0 if row[f] == "-" else str(row[f])) for f in ("paid", "carried", "reserved")))


def test_cached_values_are_the_sample_figures(filled):
    """(5) is the sum of the typed (2)-(4), % the sample's own circulated percentage; the UDF shows the same."""
    values = _load(filled, data_only=True)
    budget = values["งบประมาณ"]
    sample = table_rows()["tblBudget"]
    cached = {}
    for row, line in enumerate(sample, 4):
        paid, carried, reserved, result, pct = (budget.cell(row, c).value for c in range(4, 9))
        assert budget.cell(row, 1).value == line["code"]
        assert result == _typed_sum(line), line["code"]
        assert pct == Decimal(str(line["pct"])) * 100, line["code"]  # the sample's 0.84 is 84%
        assert (result, pct) == (udf.ETDA_SPEND(paid, carried, reserved), udf.ETDA_SPEND_PCT(result, line["plan"]))
        cached[line["code"]] = (result, pct)
    assert cached["1.3.4"] == (52.8526, 60)  # 13.1889 + 17.3286 + 22.3351 (the circulated 52.8525 is rounded)
    assert cached["1"] == (421.9499, 89)  # recomputed from the typo'd (4): the circulated (5) is 421.9488
    assert cached["รวม"] == (496.5907, 84)


def test_cached_statuses_and_kpi_results_are_the_udf_results_and_the_core_figures(filled):
    values = _load(filled, data_only=True)
    report = read_workbook(filled)
    projects = values["โครงการ"]
    for index, project in enumerate(report.projects):
        row = 4 + index
        assert projects.cell(row, 12).value == udf.ETDA_STATUS(*(projects.cell(row, c).value for c in (5, 6, 11)))
        if not project.is_total:
            assert project.status == compute.project_status(project, report.settings) == rules.Status.GREEN
    kpis = values["ตัวชี้วัด"]
    for index, kpi in enumerate(report.kpis):
        row = 4 + index
        shown = kpis.cell(row, 9).value  # I: after the direction (G) and the quarter's target (H)
        arguments = [kpis.cell(row, c).value for c in (4, 5, 7, 3)]
        assert shown == udf.ETDA_KPI_MET(*arguments, "th", report.settings.quarter, kpis.cell(row, 8).value)
        assert shown == rules.KPI_STATE_LABELS["th"][compute.assess_kpi(kpi, report.settings.quarter).state]


def test_a_filled_template_gives_no_false_findings(filled):
    findings = run_checks(read_workbook(filled))
    codes = {f.code for f in findings}
    assert not codes & {"BUDGET_FORMULA_STALE", "BUDGET_FORMULA_OVERWRITTEN", "PROJECT_STATUS", "BUDGET_ROW_SUM"}
    assert not any(code.startswith("INPUT_") for code in codes)
    # What remains is the sample's own inconsistency: line 1's (4) against its sub-lines and the total,
    # traced to its one input cell (the (5) formulas recompute from it).
    errors = sorted((f.code, f.cell) for f in findings if f.severity == "error")
    assert errors == [
        ("BUDGET_GRAND_TOTAL", "F17"),
        ("BUDGET_GRAND_TOTAL", "G17"),
        ("BUDGET_HIERARCHY", "F4"),
        ("BUDGET_HIERARCHY", "G4"),
        ("ROOT_CAUSE", "F4"),
    ]


def test_a_zero_plan_shows_no_plan_and_reads_as_blank(tmp_path):
    from datetime import date

    from etda_xl.model import Settings

    rows = {"tblBudget": [{"code": "1", "name": "x", "plan": 0, "paid": 0, "carried": "-", "reserved": 0}]}
    path = build_template(tmp_path / "z.xlsm", Settings(fiscal_year=2564, quarter=1, as_of=date(2020, 12, 31)), rows)
    assert _load(path, data_only=True)["งบประมาณ"]["H4"].value == "ไม่มีแผน"
    report = read_workbook(path)
    assert report.budget[0].pct is None
    assert [f.code for f in run_checks(report)] == ["BUDGET_TOTAL_MISSING"]
