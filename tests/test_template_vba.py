"""The template's VBA: xlwings' standalone project, as oletools lists it, declaring the DLL of the very
xlwings version pyproject pins and Python runs; codenames that match its document modules."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings

from etda_xl.errors import SetupError
from etda_xl.template import build_template, sheets, vba

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*")  # oletools' pyparsing calls

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(TEMPLATE))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_oletools_lists_the_xlwings_standalone_modules(sources):
    assert sorted(sources) == sorted(
        ["ThisWorkbook.cls", "Sheet1.cls", "Sheet2.cls", "Module1.bas", "xlwings.bas", "Dictionary.cls"]
    )
    assert re.search(r"^Sub ImportPythonUDFs\(\)$", sources["xlwings.bas"], re.M)
    assert re.search(r"^Public Function RunPython\(", sources["xlwings.bas"], re.M)


def _pinned() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [re.fullmatch(r"xlwings==([\w.]+)", d) for d in pyproject["project"]["dependencies"]]
    return next(m.group(1) for m in pins if m)


def test_dll_version_equals_the_pyproject_pin_and_the_installed_xlwings(sources):
    module = sources["xlwings.bas"]
    assert vba.declared_versions(module) == {_pinned()} == {xlwings.__version__}
    assert set(re.findall(r'"xlwings(32|64)-[\d.]+\.dll"', module)) == {"32", "64"}
    assert re.search(rf'^Public Const XLWINGS_VERSION As String = "{re.escape(_pinned())}"$', module, re.M)


def test_the_vba_module_is_the_one_the_installed_xlwings_ships(sources):
    shipped = (vba.xlwings_dir() / "xlwings.bas").read_text(encoding="latin-1")
    assert sources["xlwings.bas"].replace("\r\n", "\n").strip() == shipped.replace("\r\n", "\n").strip()
    with zipfile.ZipFile(TEMPLATE) as book:
        assert book.read("xl/vbaProject.bin") == vba.vba_project()  # byte for byte: nothing copied by hand


def test_codenames_match_the_vba_documents():
    with zipfile.ZipFile(TEMPLATE) as book:
        project = olefile.OleFileIO(io.BytesIO(book.read("xl/vbaProject.bin")))
        documents = re.findall(r"^Document=(\w+)/", project.openstream("PROJECT").read().decode("latin-1"), re.M)
        workbook = book.read("xl/workbook.xml").decode()
        sheet_xml = [book.read(f"xl/worksheets/sheet{i}.xml").decode() for i in range(1, len(sheets.SHEETS) + 1)]
    assert sorted(documents) == sorted(vba.VBA_DOCUMENTS)
    assert 'workbookPr codeName="ThisWorkbook"' in workbook
    codenames = [re.search(r'codeName="(\w+)"', xml).group(1) for xml in sheet_xml]
    assert codenames == [codename for _name, codename in sheets.SHEETS]
    assert len(set(codenames)) == len(codenames)
    by_sheet = dict(sheets.SHEETS)
    assert (by_sheet[sheets.HOME], by_sheet[sheets.CONF]) == ("Sheet1", "Sheet2")  # the project's two documents


def test_the_conf_sheet_names_the_udf_module_and_leaves_the_python_to_each_computer():
    """xlwings reads a key on the sheet before the user's own xlwings.conf, even when it is empty: the
    committed template holds only what the book decides, never which Python runs it."""
    from openpyxl import load_workbook

    conf = load_workbook(TEMPLATE, keep_vba=True)[sheets.CONF]
    keys = {}
    for key, value in conf.iter_rows(min_row=1, max_col=2, values_only=True):
        if key is None:  # xlwings reads from A1 down to the first blank
            break
        keys[key] = value
    expected = {"UDF Modules": "udfs.etda_udfs", "Debug UDFs": False, "Use UDF Server": False, "Show Console": False}
    assert keys == expected
    assert keys["UDF Modules"] == sheets.UDF_MODULE
    every_key = {str(row[0]).upper() for row in conf.iter_rows(max_col=1, values_only=True) if row[0]}
    assert not {"INTERPRETER_WIN", "INTERPRETER", "INTERPRETER_MAC", "CONDA PATH", "CONDA ENV"} & every_key


def test_the_conf_sheet_as_xlwings_resolves_it_leaves_the_users_file_in_charge(tmp_path):
    """The interpreter xlwings' VBA would start for the committed template is the one the user's file names."""
    from etda_xl.machine import Machine
    from etda_xl.xlwings_conf import excel_interpreter, sheet_entries

    home = tmp_path / "home"
    (home / ".xlwings").mkdir(parents=True)
    (home / ".xlwings" / "xlwings.conf").write_bytes(b'"INTERPRETER_WIN","C:\\Py\\pythonw.exe"\r\n')
    machine = Machine("win32", {"USERPROFILE": str(home)}, Path("C:/Py/python.exe"), "cp874")
    chosen = excel_interpreter(machine, TEMPLATE, sheet_entries(TEMPLATE))
    assert (chosen.value, chosen.source) == ("C:\\Py\\pythonw.exe", "user")


def test_the_build_refuses_an_xlwings_other_than_the_pin(tmp_path, monkeypatch):
    monkeypatch.setattr(vba, "pinned_version", lambda: "0.0.1")
    with pytest.raises(SetupError, match=r"pins 0\.0\.1"):
        build_template(tmp_path / "t.xlsm")
    assert not (tmp_path / "t.xlsm").exists()


def test_the_build_reads_xlwings_without_importing_it(tmp_path):
    """The template builder stays on the core's side: xlwings (and the pandas it imports) is never loaded."""
    import subprocess
    import sys

    code = (
        "import sys; from etda_xl.template import build_template; "
        f"build_template({str(tmp_path / 't.xlsm')!r}); "
        "print(sorted(m for m in ('xlwings', 'pandas', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
