"""LibreOffice opens the template headless: its tables and typed values survive, and the UDF cells show
#NAME? there (it has no xlwings), which is expected. Skipped without soffice unless
ETDA_XL_REQUIRE_LIBREOFFICE=1."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from etda_xl import schema
from etda_xl.sample import SETTINGS, table_rows
from etda_xl.template import build_template, sheets

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

if SOFFICE is None and os.environ.get("ETDA_XL_REQUIRE_LIBREOFFICE") == "1":
    pytest.fail("LibreOffice (soffice) is required (ETDA_XL_REQUIRE_LIBREOFFICE=1) but not found", pytrace=False)
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

#: Recalculate every formula on load, so UDF cells show what LibreOffice makes of them.
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def _open_and_save(book: Path, work: Path) -> Path:
    """Open ``book`` in LibreOffice headless (own profile, recalculation forced) and save it as .xlsx."""
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    out = work / "out"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    converted = out / (book.stem + ".xlsx")
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    return converted


def _values(path: Path):
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(path, data_only=True)


def test_libreoffice_opens_the_template(tmp_path):
    book = _values(_open_and_save(TEMPLATE, tmp_path))
    assert book.sheetnames == [name for name, _codename in sheets.SHEETS]
    for table in schema.TABLES:
        assert table.name in book[table.sheet].tables, table.name
    settings = book[schema.SETTINGS.sheet]
    assert settings["A4"].value == "หน่วยงาน" and settings["B4"].value == "สพรอ."
    assert book[sheets.LIVE_CHECKS][f"A{sheets.LIVE_HEADER_ROW + 1}"].value == "#NAME?"  # no xlwings there
    assert (book[sheets.CONF]["A1"].value, book[sheets.CONF]["B1"].value) == ("UDF Modules", sheets.UDF_MODULE)


def test_libreoffice_shows_name_errors_only_in_the_udf_cells(tmp_path):
    filled = build_template(tmp_path / "filled.xlsm", settings=SETTINGS, rows=table_rows())
    book = _values(_open_and_save(filled, tmp_path))
    budget = book["งบประมาณ"]
    assert [budget.cell(4, c).value for c in range(1, 9)] == [
        "1", "เงินงบประมาณ", 474.5184, 252.3717, 66.6804, 102.8978, "#NAME?", "#NAME?",
    ]  # fmt: skip
    assert budget["E5"].value == "-"  # typed values intact
    assert book["โครงการ"]["L4"].value == "#NAME?"
    assert book["ตัวชี้วัด"]["I4"].value == "#NAME?"
