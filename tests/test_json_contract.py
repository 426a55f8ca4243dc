"""The published JSON contract: the committed schemas are the ones the code generates, and every JSON the
command line writes — check, export, doctor, any error — validates against its schema (``jsonschema``, an
independent validator), with figures as JSON numbers and cells as {sheet, cell}."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from etda_xl import contract
from etda_xl.api import check_workbook
from etda_xl.cli import main
from etda_xl.findings import Finding, presented
from etda_xl.model import CellRef

from .conftest import edit_cells

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
pytestmark = pytest.mark.filterwarnings("error")  # a value the schema does not know is an error, not a warning


def validate(document: dict, name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def run(capsys, *args: str) -> tuple[int, dict]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", list(contract.DOCUMENTS))
def test_the_committed_schemas_are_the_ones_the_code_generates(name):
    """Regenerate with: python -m etda_xl.contract schemas"""
    assert (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8") == contract.schema_text(name)
    assert contract.schema_of(name)["properties"]["version"]["const"] == contract.VERSION


def test_no_schema_is_left_over():
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(f"{n}.schema.json" for n in contract.DOCUMENTS)


def test_check_on_the_sample(sample_copy, capsys):
    code, document = run(capsys, "check", str(sample_copy), "--format", "json")
    assert code == 1
    validate(document, "check")
    root = next(f for f in document["findings"] if f["code"] == "ROOT_CAUSE")
    assert (root["actual"], root["fix"]) == (102.8978, 102.8968)  # numbers, not strings
    follows = [f for f in document["findings"] if f["caused_by"] == {"sheet": "งบประมาณ", "cell": "F4"}]
    assert {f["code"] for f in follows} >= {"BUDGET_GRAND_TOTAL", "BUDGET_HIERARCHY"}
    assert document["summary"] == {
        "error": 6, "warning": 2, "info": 6, "total": 14,
        "by_code": {"ROOT_CAUSE": 1, "BUDGET_GRAND_TOTAL": 2, "BUDGET_HIERARCHY": 2, "BUDGET_ROW_SUM": 6,
                    "KPI_DONE_BELOW_TARGET": 2, "KPI_UNIT_MISMATCH": 1},
    }  # fmt: skip
    assert document["findings"][0]["code"] == "ROOT_CAUSE"  # as people read them: the root cause first


def _as_read(value):
    """A value as JSON gives it back: a tuple as a list (a cell stays a cell), inside params too."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and not isinstance(value, CellRef):
        return [_as_read(v) for v in value]
    return value


def _fields(finding):
    return {name: _as_read(getattr(finding, name)) for name in Finding.__dataclass_fields__}


def assert_reads_back(findings, source="book.xlsx"):
    """What the document says is what the findings were: every field, codes as text, figures as numbers
    (a Decimal compares equal to the int or Decimal read), cells as CellRefs."""
    back = contract.read(contract.check_json(findings, source)).findings
    assert [_fields(f) for f in back] == [_fields(f) for f in presented(findings)]


def test_check_findings_read_back_as_they_were(sample_copy):
    _quarter, findings = check_workbook(sample_copy)
    assert_reads_back(findings)
    root = next(f for f in contract.read(contract.check_json(findings, "x")).findings if f.code == "ROOT_CAUSE")
    assert isinstance(root.fix, Decimal) and isinstance(root.cell, str)
    codes = next(f for f in findings if f.code == "BUDGET_GRAND_TOTAL").params["code"]
    assert codes == "รวม"


def test_codes_that_look_like_numbers_stay_text(sample_copy):
    """1.2's code typed "1.1" (a code twice): the code read, and the code to type instead, are text in JSON
    and back, never the number 1.1."""
    edit_cells(sample_copy, {("งบประมาณ", "A6"): "1.1"})
    _quarter, findings = check_workbook(sample_copy)
    document = json.loads(contract.check_json(findings, "x"))
    written = [f for f in document["findings"] if f["code"] == "BUDGET_CODE_DUPLICATE"]
    assert written and all(f["actual"] == "1.1" for f in written)
    assert {f["fix"] for f in written} <= {"1.2", None} and any(f["params"]["code"] == "1.1" for f in written)
    assert_reads_back(findings)


def test_candidates_are_cells(sample_copy, capsys):
    """'1,1' for 1.1: line 1's row sum has no single cause; its (2)-(5) are named, as cells."""
    edit_cells(sample_copy, {("งบประมาณ", "A5"): "1,1"})
    _code, document = run(capsys, "check", str(sample_copy), "--format", "json")
    validate(document, "check")
    (root,) = [f for f in document["findings"] if f["code"] == "ROOT_CAUSE"]
    assert root["candidates"] == [{"sheet": "งบประมาณ", "cell": c} for c in ("D4", "E4", "F4", "G4")]


def test_a_finding_with_lists_and_dates_in_its_params(sample_copy, capsys):
    """An as-of date outside the quarter, a code typed twice: more kinds of value the params hold."""
    from datetime import date

    edit_cells(sample_copy, {("ตั้งค่า", "B7"): date(2021, 1, 5), ("งบประมาณ", "A6"): "1.1"})
    _code, document = run(capsys, "check", str(sample_copy), "--format", "json")
    validate(document, "check")
    assert {"PERIOD_AS_OF", "BUDGET_CODE_DUPLICATE"} <= set(document["summary"]["by_code"])


def test_every_error_document(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("hello")
    for args in (["check", str(bad)], ["chek"], ["check"], ["export", str(bad), "-o", str(tmp_path / "f.json")]):
        code, document = run(capsys, *args, "--format", "json")
        assert code == 2
        validate(document, "error")
        assert document["error"]["exit_code"] == 2 and document["version"] == contract.VERSION


def test_export_as_json(sample_copy, tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert main(["export", str(sample_copy), "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    validate(document, "export")
    rows = {(r["table"], r["key"], r["field"]): r for r in document["rows"]}
    assert rows[("budget", "1.3.4", "result")]["value"] == 52.8525  # the sample's (5) of 1.3.4, a number
    assert rows[("budget", "1.3.4", "result")]["cell"] == "G13"
    assert document["source"] == sample_copy.name and len(document["rows"]) == int(
        capsys.readouterr().out.split()[1]
    )  # the count it says it wrote


def test_export_json_replaces_its_own_file_only(sample_copy, tmp_path):
    out = tmp_path / "figures.json"
    out.write_text("{}", encoding="utf-8")  # not written by etda-xl
    assert main(["export", str(sample_copy), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "{}"
    assert main(["export", str(sample_copy), "-o", str(out), "--force"]) == 0


def test_doctor(capsys):
    _code, document = run(capsys, "doctor", "--format", "json")
    validate(document, "doctor")
    assert {c["name"] for c in document["checks"]} >= {"python", "pdf"}


def test_every_single_typo_writes_a_valid_document():
    """Each figure of the sample mistyped alone (tests/typos.py), (5) and % typed or left to formulas: the
    check document validates, whatever the findings' params hold."""
    from etda_xl.checks import run_checks

    from .typos import TYPOS, VARIANTS, book, cell_value, mistype, true_values

    schema = json.loads((SCHEMAS / "check.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    codes: set[str] = set()
    for variant in VARIANTS:
        for (sheet, cell), true in true_values().items():
            typed = next(t for typo in TYPOS if (t := mistype(true, typo, (sheet, cell))) is not None)
            findings = run_checks(book(variant, {(sheet, cell): cell_value(sheet, cell, typed)}))
            validator.validate(json.loads(contract.check_json(findings, "typo.xlsx")))
            assert_reads_back(findings)
            codes |= {f.code for f in findings}
    assert {"ROOT_CAUSE", "BUDGET_ROW_SUM", "BUDGET_HIERARCHY", "FOOTNOTE_AMOUNT"} <= codes


def test_every_check_that_speaks_writes_a_valid_document(tmp_path):
    """The books that make every registered check speak (tests/test_findings_data.py): each check document
    validates, and reads back as it was."""
    from .test_findings_data import every_book_findings

    schema = json.loads((SCHEMAS / "check.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    spoken = set()
    for findings in every_book_findings(tmp_path):
        validator.validate(json.loads(contract.check_json(findings, "book.xlsx")))
        assert_reads_back(findings)
        spoken |= {f.code for f in findings}
    from etda_xl.checks import REGISTRY

    assert spoken == set(REGISTRY)
