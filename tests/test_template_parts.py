"""The committed workbook_template.xlsm is exactly what the code builds, part by part."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from etda_xl.template import TEMPLATE_CREATED, build_template

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbook_template.xlsm"
#: Parts that may change between runs without the template changing: the properties' timestamps.
IGNORED = {"docProps/core.xml"}
REBUILD = "rebuild it: etda-xl template -o workbook_template.xlsm --force"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> dict[str, bytes]:
    return _parts(build_template(tmp_path_factory.mktemp("template") / "rebuilt.xlsm"))


def test_same_parts(rebuilt):
    assert sorted(_parts(TEMPLATE)) == sorted(rebuilt), REBUILD


@pytest.mark.parametrize("part", sorted(set(_parts(TEMPLATE)) - IGNORED))
def test_every_part_matches_the_code(part, rebuilt):
    assert _parts(TEMPLATE)[part] == rebuilt.get(part), f"{part} drifted from the code; {REBUILD}"


def test_the_template_carries_its_fixed_creation_date():
    core = _parts(TEMPLATE)["docProps/core.xml"].decode()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{TEMPLATE_CREATED:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>' in core


def test_the_template_is_a_macro_workbook_with_the_expected_sheets():
    from etda_xl.template import sheets

    parts = _parts(TEMPLATE)
    content_types = parts["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types
    assert "xl/vbaProject.bin" in parts
    workbook = parts["xl/workbook.xml"].decode()
    names = [name for name, _codename in sheets.SHEETS]
    positions = [workbook.index(f'name="{name}"') for name in names]
    assert positions == sorted(positions)
    assert not any(name.endswith(".py") for name in names)  # xlwings would refuse ("embedded code")
