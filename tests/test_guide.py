"""docs/guide.md, the guide for finance staff: each picture it shows is in the repository, is one that
docs/build_pictures.py renders, and is a real PNG; README points users at it first. What it says about the
checks is held against the code: the codes it names exist with the severity it gives, the findings' column
names are the displays' own, and each count, message and example it quotes is what the check says of the
book it describes (the sample, the pictures' book, or that book with the one change the guide names)."""

from __future__ import annotations

import re
import runpy
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "guide.md"
TEXT = GUIDE.read_text(encoding="utf-8")
LINKED = re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", TEXT)


def rendered_pictures() -> set[str]:
    """The pictures docs/build_pictures.py renders (run as a module, not as the script: nothing is built)."""
    script = runpy.run_path(str(ROOT / "docs" / "build_pictures.py"), run_name="build_pictures")
    return {f"pictures/{picture.name}.png" for picture in script["PICTURES"]}


def test_every_linked_picture_is_in_the_repository_and_is_a_png():
    assert len(LINKED) >= 10
    for caption, link in LINKED:
        path = GUIDE.parent / link
        assert path.is_file(), link
        head = path.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", link
        width, height = struct.unpack(">II", head[16:24])
        assert 150 <= width <= 1400 and 60 <= height <= 800, (link, width, height)  # cropped, not whole pages
        assert len(caption) > 20 and re.search("[\u0e00-\u0e7f]", caption), link  # a Thai caption saying what it shows


def test_the_pictures_are_the_ones_the_script_renders_and_no_others():
    rendered = rendered_pictures()
    linked = [link for _caption, link in LINKED]
    assert set(linked) == rendered and len(linked) == len(rendered)
    on_disk = {f"pictures/{path.name}" for path in (GUIDE.parent / "pictures").iterdir()}
    assert on_disk == rendered  # nothing stale left behind


def test_the_guide_covers_what_the_issue_asks_and_says_what_could_not_be_verified():
    headings = re.findall(r"^## (\d)\. (.+)$", TEXT, re.MULTILINE)
    assert [number for number, _title in headings] == [str(n) for n in range(1, 9)]
    for topic in ("setup-excel", "doctor", "Unblock", "Trust access to the VBA project object model", "#NAME?",
                  "ร่าง — พบข้อผิดพลาด", "เริ่มไตรมาสถัดไป", "etda-xl export", "ROOT_CAUSE"):  # fmt: skip
        assert topic in TEXT, topic
    assert "ไม่ได้ทดลองบน Excel จริง" in TEXT and "could not be" in TEXT


def test_the_contents_links_reach_the_headings():
    """GitHub's anchors: lower case, punctuation dropped, spaces to hyphens (Thai letters and marks kept)."""
    import unicodedata

    def anchor(title: str) -> str:
        kept = (ch for ch in title.lower() if ch in "-_ " or unicodedata.category(ch)[0] in "LMN")
        return "".join(kept).replace(" ", "-")

    anchors = {anchor(title) for title in re.findall(r"^## (.+)$", TEXT, re.MULTILINE)}
    for target in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert target in anchors, target


def test_readme_points_users_at_the_guide_before_anything_else():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 0 < readme.index("(docs/guide.md)") < readme.index("## ")


# --- what the guide states about the checks, held against the code ---------------------------------------

FLAT = " ".join(TEXT.split())  # a phrase may wrap over lines in the guide
BUDGET, PROJECTS = "งบประมาณ", "โครงการ"


@pytest.fixture(scope="module")
def picture_book(tmp_path_factory) -> Path:
    """The book the pictures show: the template with the FY2563 Q4 sample typed in (docs/build_pictures.py)."""
    from etda_xl import sample
    from etda_xl.template import build_template

    return build_template(tmp_path_factory.mktemp("guide") / "2563-Q4.xlsm", settings=sample.SETTINGS,
                          rows=sample.table_rows())  # fmt: skip


@pytest.fixture(scope="module")
def picture_findings(picture_book):
    from etda_xl.api import check_workbook

    return check_workbook(picture_book)[1]


def _errors(findings) -> list:
    return [f for f in findings if f.severity.value == "error"]


def test_every_check_code_the_guide_names_is_one_the_checks_report():
    from etda_xl.findings import REGISTRY

    named = set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", TEXT))
    assert {"ROOT_CAUSE", "INPUT_PCT_AMBIGUOUS", "INPUT_OUTSIDE_TABLE", "PLAN_MISMATCH", "PLAN_CARRIED"} <= named
    assert named - set(REGISTRY) == set()
    for prefix in re.findall(r"`([A-Z]+)_\*`", TEXT):  # HISTORY_*, ETDA_* (the functions)
        assert any(code.startswith(prefix + "_") for code in REGISTRY) or prefix == "ETDA", prefix


def test_each_code_table_row_gives_the_codes_own_severity():
    from etda_xl.findings import REGISTRY, SEVERITY_LABELS

    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]+?) \|", TEXT, re.MULTILINE)
    assert {code for code, _ in rows} >= {"FORMULA_SUM_RANGE", "FORMULA_INCONSISTENT", "FORMULA_TYPED_AMONG",
                                          "FORMULA_CONSTANT", "FORMULA_OUTSIDE"}  # fmt: skip
    for code, severity in rows:
        assert severity == SEVERITY_LABELS["th"][REGISTRY[code].severity], code


def test_the_findings_columns_are_named_as_every_display_names_them(picture_findings):
    """The column of what a cell reads and of the value to type, found by where the root cause's two values
    land in the live sheet's and the button's rows; the report's findings sheet says the same words."""
    from etda_xl.cells import excel_value
    from etda_xl.report.labels import TEXT as LABELS
    from etda_xl.template import sheets
    from udfs.buttons import cell_text, result_rows
    from udfs.live import finding_rows

    root = next(f for f in _errors(picture_findings) if f.code == "ROOT_CAUSE")
    live, button = finding_rows([root])[0], result_rows([root])[0]
    reads = sheets.LIVE_COLUMNS[live.index(excel_value(root.actual))]
    fix = sheets.LIVE_COLUMNS[live.index(excel_value(root.fix))]
    assert sheets.RESULTS_COLUMNS[button.index(cell_text(root.actual))] == reads
    assert sheets.RESULTS_COLUMNS[button.index(cell_text(root.fix))] == fix
    for (th, en), key in ((reads, "col_actual"), (fix, "col_fix")):
        assert (LABELS["th"][key], LABELS["en"][key]) == (th, en)
        assert f"{th} / {en}" in FLAT
    # every "ค่าที่ควร…" the guide writes is the fix column's name (the old "ค่าที่ควรเป็น" is gone)
    assert TEXT.count("ค่าที่ควร") == TEXT.count(fix[0]) >= 3


def test_the_sample_check_reports_what_the_guide_quotes(sample_book, capsys):
    from etda_xl.cli import main

    assert sample_book.name in TEXT  # etda-xl sample -o sample.xlsx
    assert main(["check", str(sample_book)]) == 1
    headline = capsys.readouterr().out.splitlines()[0]
    assert headline in FLAT, headline


def test_the_pictures_book_has_the_samples_errors_but_its_typed_5(picture_findings, sample_findings):
    errors = _errors(picture_findings)
    assert f"ร่าง — พบข้อผิดพลาด {len(errors)} รายการ" in FLAT and f"ข้อผิดพลาด {len(errors)} รายการ" in FLAT
    only_in_sample = {(f.code, f.cell): f for f in _errors(sample_findings)}
    for f in errors:
        only_in_sample.pop((f.code, f.cell))
    [(code, cell)] = only_in_sample
    root = next(f for f in errors if f.code == "ROOT_CAUSE")
    cause = only_in_sample[(code, cell)].caused_by
    assert cause is not None and (cause.sheet, cause.cell) == (root.sheet, root.cell)
    assert f"{code} ที่ {cell} (ตามมาจาก {root.cell}" in FLAT


def test_the_root_cause_example_is_what_the_check_says(picture_findings):
    errors = _errors(picture_findings)
    root = next(f for f in errors if f.code == "ROOT_CAUSE")
    assert f"'{root.sheet}'!{root.cell} กรอกไว้ {root.actual} ค่าที่ควรกรอกคือ {root.fix}" in FLAT
    following = [f for f in errors if f.caused_by is not None and f.caused_by.cell == root.cell]
    cells = [f.cell for f in following]
    assert f"{', '.join(cells[:-1])} และ {cells[-1]} ตามมาจาก {root.cell}" in FLAT
    assert all(f.fix is None for f in following)
    th, en = following[0].message_th, following[0].message_en
    assert th[th.rindex(" — ") + 1 :] in FLAT  # "— ตามมาจาก F4"
    assert en[en.rindex("; ") + 2 :] in FLAT  # "follows from F4"


def test_the_several_cells_example_is_what_the_check_says(tmp_path):
    """Line 2's paid (2) typed 19.6996 for 18.6996 in the pictures' book: the grand total cannot tell line 2,
    line 3 and itself apart."""
    from etda_xl import sample
    from etda_xl.api import check_workbook
    from etda_xl.template import build_template

    rows = sample.table_rows()
    line = next(row for row in rows["tblBudget"] if row["code"] == "2")
    assert f"เป็น 19.6996 แทน {line['paid']}" in FLAT
    line["paid"] = 19.6996
    findings = check_workbook(build_template(tmp_path / "2563-Q4.xlsm", settings=sample.SETTINGS, rows=rows))[1]
    undecided = [f for f in findings if f.candidates and f.code != "ROOT_CAUSE"]
    assert undecided and all(f.fix is None for f in undecided)
    said = undecided[0].message_th
    assert said[said.rindex(" — ") + 3 :] in FLAT  # "อาจเกิดจากเซลล์ใดเซลล์หนึ่ง: D17, D15, D16"
    note = next(f for f in findings if f.code == "ROOT_CAUSE" and f.candidates)
    assert note.severity.value == "info" and note.fix is None


def test_the_kpi_examples_are_judged_as_the_template_judges_them():
    from etda_xl import rules, schema
    from etda_xl.cells import kpi_met

    table = TEXT[TEXT.index("<!-- kpi-examples:start -->") : TEXT.index("<!-- kpi-examples:end -->")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[3:]]
    assert len(rows) >= 6
    for quarter, target, direction, quarter_target, result, shown, _why in rows:
        assert kpi_met(target, result, direction or None, None, "th", int(quarter), quarter_target or None) == shown
    assert {row[5] for row in rows} == set(rules.KPI_STATE_LABELS["th"].values())
    headers = [column.header for column in schema.KPIS.columns]
    direction = next(c for c in schema.KPIS.columns if c.field == "direction").header
    after = headers[headers.index(direction) + 1]
    assert f"คอลัมน์ถัดจาก{direction}คือ **{after}**" in FLAT


def test_the_year_plan_sheet_and_plan_mismatch_are_as_the_guide_says(tmp_path):
    from etda_xl import sample, schema
    from etda_xl.api import check_workbook
    from etda_xl.template import build_template

    plan = next(t for t in schema.INPUT_TABLES if t.name == "tblPlan")
    percents = [c.header for c in plan.columns if c.kind is schema.Kind.PERCENT]
    assert f"**ชีต {plan.sheet}**" in FLAT and f"`{plan.name}`" in FLAT
    assert f'"{percents[0]}" ถึง "{percents[-1]}"' in FLAT
    rows = sample.table_rows()  # project 1's Q4 plan is 100% on its sheet; the year's plan says 90
    rows[plan.name] = [{"number": "1", "ops_q4": 90}]
    findings = check_workbook(build_template(tmp_path / "plan.xlsm", settings=sample.SETTINGS, rows=rows))[1]
    [mismatch] = [f for f in findings if f.code == "PLAN_MISMATCH"]
    assert mismatch.fix is None and len(mismatch.candidates) == 2
    assert f"{mismatch.candidates[0]} กับ {mismatch.candidates[1]}" in FLAT


def test_a_plan_carried_unchanged_is_said_as_the_guide_quotes(sample_book, tmp_path):
    from etda_xl.api import check_workbook, start_next_quarter

    from .conftest import edit_cells

    q3 = edit_cells(sample_book, {("ตั้งค่า", "B6"): 3, ("ตั้งค่า", "B7"): "30 มิ.ย. 63"}, tmp_path / "q3.xlsx")
    following = start_next_quarter([q3], tmp_path / "q4.xlsm")
    carried = [f for f in check_workbook(following.path)[1] if f.code == "PLAN_CARRIED"]
    assert carried and all(f.severity.value == "warning" for f in carried)
    said = carried[0].message_th.split(": ", 1)[1].split(" — ")[0]  # "แผนการดำเนินงาน 100% เท่ากับไตรมาส 3/2563"
    assert said in FLAT


def test_a_source_with_errors_is_said_and_strict_refuses(picture_book, tmp_path):
    from etda_xl.api import start_next_quarter

    refused = start_next_quarter([picture_book], tmp_path / "2564-Q1.xlsm", strict=True)
    assert refused.refused and not (tmp_path / "2564-Q1.xlsm").exists()
    first, refusal = refused.describe().splitlines()[:2]
    assert first.split(" (")[0] in FLAT  # "สมุดงานต้นทาง 2563-Q4.xlsm มีข้อผิดพลาด 5 รายการ — …ตามที่เป็นอยู่"
    assert f'"{refusal}"' in FLAT
    assert "--from 2563-Q4.xlsm --strict" in TEXT


def test_a_bare_1_in_a_percent_cell_is_read_as_the_guide_says():
    from etda_xl.checks import run_checks

    from .memory import sample_quarter

    def read(edits):
        quarter = sample_quarter(edits)
        at = {(f.code, f.cell): f for f in run_checks(quarter) if f.sheet == PROJECTS}
        return quarter.project_rows[2].ops_plan, at

    # the guide's example: project 3's operations plan 1 and result 0.6 ('โครงการ'!E6 and F6)
    assert "'โครงการ'!E6 และ F6" in FLAT
    plan, at = read({(PROJECTS, "E6"): 1, (PROJECTS, "F6"): 0.6})
    assert plan is None and at[("INPUT_PCT_AMBIGUOUS", "E6")].severity.value == "error"
    assert f"F6 อ่านเป็น {at[('INPUT_PCT_FRACTION', 'F6')].fix}%" in FLAT
    # among whole percents it is 1%, among fractions 100% — as the guide says
    assert "ถ้าเป็นร้อยละเต็ม (เช่น 96) อ่านเป็น 1% ถ้าเป็นเศษส่วน (เช่น 0.96) อ่านเป็น 100%" in FLAT
    assert read({(PROJECTS, "E6"): 1})[0] == 1
    fractions = {(PROJECTS, f"E{row}"): 0.9 for row in range(4, 10)} | {(PROJECTS, f"{c}6"): 0.9 for c in "FGH"}
    assert read({**fractions, (PROJECTS, "E6"): 1})[0] == 100


def test_figures_typed_next_to_a_table_are_flagged_as_the_guide_says(sample_book, tmp_path):
    from etda_xl.api import check_workbook

    from .conftest import edit_cells

    assert "INPUT_OUTSIDE_TABLE" in FLAT and "แถวที่ติดใต้ตาราง หรือคอลัมน์ที่ติดขวาของตาราง" in FLAT
    below = edit_cells(sample_book, {(BUDGET, "A18"): "4", (BUDGET, "C18"): 5.5}, tmp_path / "below.xlsx")
    right = edit_cells(sample_book, {(BUDGET, "I5"): 12.5}, tmp_path / "right.xlsx")
    for book, cell in ((below, "A18"), (right, "I5")):
        found = {(f.code, f.cell): f for f in check_workbook(book)[1]}
        assert found[("INPUT_OUTSIDE_TABLE", cell)].severity.value == "warning", cell


def test_the_formula_examples_are_found(tmp_path):
    """Formulas in 1.3's paid (2) that balance today (1.3.5 paid nothing), one leaving 1.3.5 out, one adding
    a constant."""
    from etda_xl.api import check_workbook
    from etda_xl.sample import table_rows

    from .conftest import sample_with_formula

    paid = next(row["paid"] for row in table_rows()["tblBudget"] if row["code"] == "1.3")
    for code, formula in (("FORMULA_SUM_RANGE", "=SUM(D10:D13)"), ("FORMULA_CONSTANT", "=SUM(D10:D14)+2.5")):
        assert f"`{formula}`" in TEXT
        book = sample_with_formula(tmp_path / f"{code}.xlsx", "D9", formula, paid)
        [found] = [f for f in check_workbook(book)[1] if f.code == code]
        assert found.cell == "D9"
    assert "ใน (2) ของรายการ 1.3 ที่ไม่รวม 1.3.5" in FLAT
