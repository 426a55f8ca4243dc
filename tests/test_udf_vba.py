"""The VBA that "Import Functions" (the นำเข้าฟังก์ชัน Python button) writes, produced by xlwings' own
generator with its real decorators; the Windows-only modules it imports are stubbed."""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import sys
import types
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from etda_xl.template import sheets

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*")  # oletools' pyparsing calls

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"


@contextlib.contextmanager
def real_xlwings_decorators():
    """xlwings as on Windows: ``xw.func`` & co. are ``xlwings.udfs``' decorators. Restores everything."""
    stubs = {name: types.ModuleType(name) for name in ("pythoncom", "pywintypes", "win32com", "win32com.client")}
    stubs["pythoncom"].CoInitialize = lambda: None
    stubs["pywintypes"].com_error = type("com_error", (Exception,), {})
    stubs["win32com.client"].Dispatch = lambda *args, **kwargs: None
    stubs["win32com"].client = stubs["win32com.client"]
    import xlwings as xw

    import etda_xl.cells  # noqa: F401 - imported before the patch, so the test's Formatted is the module's

    saved = sys.modules.pop(sheets.UDF_MODULE, None)
    try:
        with mock.patch.dict(sys.modules, stubs):
            udfs = importlib.import_module("xlwings.udfs")
            with mock.patch.multiple(xw, func=udfs.xlfunc, arg=udfs.xlarg, ret=udfs.xlret, script=udfs.xlsub):
                yield udfs, importlib.import_module(sheets.UDF_MODULE)
    finally:
        sys.modules.pop(sheets.UDF_MODULE, None)
        if saved is not None:
            sys.modules[sheets.UDF_MODULE] = saved


@pytest.fixture(scope="module")
def generated():
    """(VBA text, the module decorated for real) as Import Functions would see them."""
    with real_xlwings_decorators() as (udfs, module):
        out = io.StringIO()
        udfs.generate_vba_wrapper(sheets.UDF_MODULE, module, out, types.SimpleNamespace(Name=TEMPLATE.name))
        return out.getvalue(), module


def _procedures(vba: str) -> dict[str, tuple[str, list[str]]]:
    """name → (Function|Sub, parameters as written)."""
    found = {}
    for kind, name, params in re.findall(r"^(Function|Sub) (\w+)\((.*)\)$", vba, re.M):
        found[name] = (kind, [p.strip() for p in params.split(",") if p.strip()])
    return found


EXPECTED = {
    "ETDA_SPEND": ("Function", ["paid", "carried", "reserved", "Optional lang"]),
    "ETDA_SPEND_PCT": ("Function", ["result", "plan", "Optional decimals", "Optional lang"]),
    "ETDA_STATUS": (
        "Function",
        [
            "plan",
            "actual",
            "Optional obstacle",
            "Optional green_max",
            "Optional yellow_max",
            "Optional relative",
            "Optional lang",
        ],
    ),
    "ETDA_KPI_MET": (
        "Function",
        [
            "target",
            "result",
            "Optional direction",
            "Optional indicator",
            "Optional lang",
            "Optional quarter",
            "Optional quarter_target",
        ],
    ),
    "ETDA_CHECKS": (
        "Function",
        [
            "settings",
            "projects",
            "budget",
            "kpis",
            "footnotes",
            "obstacles",
            "Optional history_budget",
            "Optional history_projects",
            "Optional history_kpis",
            "Optional targets",
            "Optional plans",
        ],
    ),
    "etda_run_checks": ("Sub", []),
    "etda_make_report": ("Sub", []),
    "etda_export_pdf": ("Sub", []),
    "etda_start_next_quarter": ("Sub", []),
}


def test_every_udf_and_button_macro_is_generated_with_its_arguments(generated):
    vba, _module = generated
    assert _procedures(vba) == EXPECTED


def test_every_call_goes_to_the_module_named_in_the_conf(generated):
    vba, _module = generated
    calls = re.findall(r'XLPy\.CallUDF[ (]"([^"]+)", "(\w+)"', vba)
    assert {module for module, _ in calls} == {sheets.UDF_MODULE}
    assert {name for _, name in calls} == set(EXPECTED)
    assert "ThisWorkbook, Application.Caller" in vba  # a .xlsm, not an add-in


def test_insert_function_help_category_and_argument_docs(generated):
    """What import_udfs hands to Application.MacroOptions (it is not in the VBA text)."""
    _vba, module = generated
    for name in EXPECTED:
        info = getattr(module, name).__xlfunc__
        assert info["category"] == "ETDA", name
        assert 0 < len(info["ret"]["doc"]) <= 255, name
        for argument in info["args"]:
            if info["sub"]:
                continue
            assert not argument["doc"].startswith("Positional argument"), (name, argument["name"])
            assert len(argument["doc"]) <= 255, (name, argument["name"])


def test_checks_get_the_tables_as_ranges_and_columns_come_two_dimensional(generated):
    _vba, module = generated
    checks = {a["name"]: a["options"] for a in module.ETDA_CHECKS.__xlfunc__["args"]}
    assert all(options == {"convert": "range"} for options in checks.values())
    assert module.ETDA_CHECKS.__xlfunc__["call_in_wizard"] is False  # not the whole check per keystroke
    spend = {a["name"]: a["options"] for a in module.ETDA_SPEND.__xlfunc__["args"]}
    assert spend["paid"] == spend["carried"] == spend["reserved"] == {"ndim": 2}


def test_percentages_come_with_their_number_formats(generated):
    """ETDA_STATUS's plan and result go through the WithFormats converter: xlwings' own conversion (as
    call_udf runs it for a referenced range) hands the function each cell's value and number format."""
    from xlwings import conversion

    from etda_xl.cells import Formatted

    from .excel_fakes import FakeTableRange

    _vba, module = generated
    status = {a["name"]: a["options"] for a in module.ETDA_STATUS.__xlfunc__["args"]}
    assert status["plan"] == status["actual"] == {"convert": module.WithFormats}
    column = FakeTableRange("โครงการ", "E4:E5", [[1.0], [96.0]], [["0%"], ["0"]])
    assert conversion.read(column, None, status["plan"]) == [[Formatted(1.0, "0%")], [Formatted(96.0, "0")]]
    assert module.ETDA_STATUS(conversion.read(column, None, status["plan"]), 96) == [["เขียว"], ["เขียว"]]


def _template_vba_sources() -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(TEMPLATE))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _public_procedures(sources: dict[str, str]) -> set[str]:
    names = set()
    for code in sources.values():
        for scope, name in re.findall(r"^\s*(Public |Private )?(?:Sub|Function) (\w+)\(", code, re.M):
            if scope.strip() != "Private":
                names.add(name)
    return names


def test_every_button_names_a_macro_that_exists(generated):
    vba, _module = generated
    with zipfile.ZipFile(TEMPLATE) as book:
        vml = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".vml"))
    macros = re.findall(r"<x:FmlaMacro>\[0\]!([^<]+)</x:FmlaMacro>", vml)
    assert macros == [macro for _caption, _english, macro in sheets.BUTTONS]
    assert "etda_start_next_quarter" in macros and "เริ่มไตรมาสถัดไป" in vml  # the new quarter's button
    generated_subs = {name for name, (kind, params) in _procedures(vba).items() if kind == "Sub" and not params}
    embedded = _public_procedures(_template_vba_sources())
    assert "ImportPythonUDFs" in embedded
    for macro in macros:
        assert macro in generated_subs | embedded, macro


def test_generated_names_do_not_clash_with_the_embedded_vba(generated):
    vba, _module = generated
    embedded = {name.casefold() for name in _public_procedures(_template_vba_sources())}
    assert not {name.casefold() for name in _procedures(vba)} & embedded
