"""The schema drives everything: README's table, the template's validation, the reader and the UDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etda_xl import cells, parsers, schema
from etda_xl.schema import Kind
from etda_xl.template.inputs import validation

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_column_table_is_the_schema():
    shown = re.search(r"<!-- schema:start -->\n(.*?)\n<!-- schema:end -->", README, re.DOTALL)
    assert shown is not None
    assert shown.group(1) == schema.schema_table()


def test_every_column_kind_has_a_parser_and_choices_where_needed():
    for table in schema.INPUT_TABLES:
        for column in schema.SETTING_ROWS if table is schema.SETTINGS else table.columns:
            assert (column.choices is not None) == (column.kind in (Kind.CHOICE, Kind.FLAG)), column.field
            assert column.kind in parsers._PARSERS


def test_validation_is_derived_from_kind_range_and_choices():
    quarter = validation(schema.setting("quarter"), "B6")
    assert (quarter["validate"], quarter["minimum"], quarter["maximum"]) == ("integer", 1, 4)
    assert quarter["input_message"].startswith("1–4 (ไตรมาส 1 = ต.ค.–ธ.ค.)")
    assert validation(schema.KPIS.column("direction"), "G4")["source"] == ["≥", "≤", "เท่ากับ"]
    assert validation(schema.PROJECTS.column("status"), "L4")["source"] == ["เขียว", "เหลือง", "แดง"]
    paid = validation(schema.BUDGET.column("paid"), "D4")
    assert paid["value"] == '=OR(D4="-",AND(ISNUMBER(D4),D4>=0))'
    green = validation(schema.setting("green_max"), "B8")
    assert (green["validate"], green["minimum"], green["maximum"]) == ("decimal", 0, 100)
    assert validation(schema.BUDGET.column("name"), "B4") is None  # free text: no rule


@pytest.mark.parametrize(
    ("column", "typed", "value", "codes"),
    [
        (schema.PROJECTS.column("budget_codes"), "1.2.2, 1.3.4", ["1.2.2", "1.3.4"], []),
        (schema.PROJECTS.column("budget_codes"), "1.2.2,1.3.4 + 1.3.5", ["1.2.2", "1.3.4", "1.3.5"], []),
        (schema.FOOTNOTES.column("lines"), "1.2.2 – 1.3.4", ["1.2.2-1.3.4"], []),
        (schema.PROJECTS.column("budget_codes"), "๑.๒.๒", ["1.2.2"], []),
        (schema.PROJECTS.column("budget_codes"), "1.2.2, 1.x", ["1.2.2"], ["INPUT_BAD_CODE"]),
        (schema.BUDGET.column("paid"), "1,234.5", 1234.5, ["INPUT_TEXT_NUMBER"]),
        (schema.BUDGET.column("paid"), "-", 0, []),
        (schema.BUDGET.column("paid"), -3, -3, ["INPUT_NEGATIVE"]),
        (schema.PROJECTS.column("ops_plan"), 0.84, 84, ["INPUT_PCT_FRACTION"]),
        (schema.PROJECTS.column("kpi_count"), 2.5, None, ["INPUT_NOT_COUNT"]),
        (schema.setting("quarter"), 5, None, ["INPUT_OUT_OF_RANGE"]),
        (schema.setting("status_lang"), "EN", "en", []),
        (schema.PROJECTS.column("status"), "สีเขียว", "green", []),
        (schema.PROJECTS.column("obstacle"), "maybe", False, ["INPUT_BAD_CHOICE"]),
    ],
)
def test_one_parser_per_kind(column, typed, value, codes):
    parsed = parsers.parse(column, typed)
    expected = value if not isinstance(value, int | float) or isinstance(value, bool) else pytest.approx(value)
    read = parsed.value if not hasattr(parsed.value, "as_tuple") else float(parsed.value)
    assert (list(read) if isinstance(read, tuple) else read) == expected
    assert [p.code for p in parsed.problems] == codes


@pytest.mark.parametrize("typed", ["30/09/2563", "30/9/63", "2020-09-30", "30 กันยายน 2563", "30 ก.ย. 63", "๓๐ ก.ย. ๖๓"])
def test_dates_people_type_are_read(typed):
    from datetime import date, datetime

    assert parsers.parse(schema.setting("as_of"), typed).value == date(2020, 9, 30)
    # Excel with a Gregorian calendar, someone typing 30/9/2563: a real date in the B.E. year
    assert parsers.parse(schema.setting("as_of"), datetime(2563, 9, 30)).value == date(2020, 9, 30)


def test_a_udf_argument_reads_and_words_a_cell_as_the_reader_does():
    paid = schema.BUDGET.column("paid")
    reader = parsers.parse(paid, "abc").problems[0]
    udf = cells.spend("abc", 1, 1, "en")
    assert udf == parsers.message(reader.code, "en", value="abc") == "not a number: 'abc'"
    assert cells.spend(1, 2, -1) == "ค่าติดลบ: -1 (ต้องไม่น้อยกว่า 0)"  # the reader's INPUT_NEGATIVE words


def test_every_problem_message_has_every_parameter_defaulted():
    for code in parsers.PROBLEMS:
        for lang in ("th", "en"):
            assert "{" not in parsers.message(code, lang)  # never a KeyError, never a raw placeholder
