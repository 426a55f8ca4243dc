"""The committed workbook_template.xlsm is exactly what the code builds, part by part; and the comparison
names the element that differs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from etda_xl.template import TEMPLATE_CREATED, build_template, sheets

from .xlsxcompare import assert_same_workbook, part_difference, parts, workbook_differences

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"
REBUILD = "; rebuild it: etda-xl template -o workbook_template.xlsm --force"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("template") / "rebuilt.xlsm")


def test_the_committed_template_is_what_the_code_builds(rebuilt):
    assert_same_workbook(rebuilt, TEMPLATE, REBUILD)


def test_the_template_carries_its_fixed_creation_date():
    core = parts(TEMPLATE)["docProps/core.xml"].decode()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{TEMPLATE_CREATED:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>' in core


def test_the_template_is_a_macro_workbook_with_the_expected_sheets():
    found = parts(TEMPLATE)
    content_types = found["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types
    assert "xl/vbaProject.bin" in found
    workbook = found["xl/workbook.xml"].decode()
    names = [name for name, _codename in sheets.SHEETS]
    positions = [workbook.index(f'name="{name}"') for name in names]
    assert positions == sorted(positions)
    assert not any(name.endswith(".py") for name in names)  # xlwings would refuse ("embedded code")


# --- the comparison itself: it fails, and says where ----------------------------------------------------

SHEET = "xl/worksheets/sheet2.xml"  # the settings sheet: B4 holds the agency


def _edited(part: str, old: bytes, new: bytes) -> bytes:
    data = parts(TEMPLATE)[part]
    assert data.count(old) == 1, old
    return data.replace(old, new)


def test_a_changed_attribute_is_named_by_element_path_and_attribute():
    data = parts(TEMPLATE)[SHEET]
    style = re.search(rb'<c r="B4" s="(\d+)"', data).group(1)
    changed = _edited(SHEET, b'<c r="B4" s="' + style + b'"', b'<c r="B4" s="99"')
    assert part_difference(SHEET, changed, data) == (
        f"/worksheet/sheetData/row[@r=\"4\"]/c[@r=\"B4\"]/@s: '99', expected '{style.decode()}'"
    )


def test_a_changed_text_is_named_by_element_path():
    workbook = parts(TEMPLATE)["xl/workbook.xml"]
    changed = _edited("xl/workbook.xml", b'name="etda_green_max"', b'name="etda_green_maximum"')
    assert part_difference("xl/workbook.xml", changed, workbook) == (
        "/workbook/definedNames/definedName[@name=\"etda_green_max\"]/@name: 'etda_green_maximum', "
        "expected 'etda_green_max'"
    )
    value = parts(TEMPLATE)["docProps/app.xml"]
    changed = _edited("docProps/app.xml", b">Microsoft Excel</Application>", b">x</Application>")
    assert part_difference("docProps/app.xml", changed, value) == (
        "/Properties/Application/text(): 'x', expected 'Microsoft Excel'"
    )


def test_a_missing_element_and_a_reordered_attribute_are_reported():
    data = parts(TEMPLATE)["xl/tables/table1.xml"]
    without_style = re.sub(rb"<tableStyleInfo[^>]*/>", b"", data)
    assert part_difference("xl/tables/table1.xml", without_style, data).endswith("(<tableStyleInfo> missing)")
    reordered = data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b'<?xml version="1.0"?>')
    assert part_difference("xl/tables/table1.xml", reordered, data).startswith(
        'same elements, but tag 1 is <?xml version="1.0"?>'
    )
    assert part_difference("xl/vbaProject.bin", b"x", b"yz") == "binary part differs (1 bytes, expected 2)"


def test_only_the_run_times_are_ignored(tmp_path):
    core = parts(TEMPLATE)["docProps/core.xml"]
    later = core.replace(b"2026-01-01T00:00:00Z", b"2030-05-06T07:08:09Z")
    assert later != core and part_difference("docProps/core.xml", later, core) is None
    retitled = core.replace(b"<dc:title>ETDA", b"<dc:title>XYZ")
    assert part_difference("docProps/core.xml", retitled, core) == (
        "/cp:coreProperties/dc:title/text(): 'XYZ quarterly report input workbook', "
        "expected 'ETDA quarterly report input workbook'"
    )
    copy = tmp_path / "copy.xlsm"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(copy, "w") as target:
        for name in source.namelist():
            if name != "xl/metadata.xml":
                target.writestr(name, source.read(name))
    assert workbook_differences(copy, TEMPLATE) == ["xl/metadata.xml: missing"]
