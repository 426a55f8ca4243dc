"""Builds ``workbook_template.xlsm``, the Excel front of etda-xl, from code (XlsxWriter).

Sheets: a home sheet with instructions and buttons, the settings and input tables of ``schema``
(with ``=ETDA_*`` formula columns, validation and status colours), a live checks sheet
(``=ETDA_CHECKS``), the check button's results sheet, and ``xlwings.conf``. VBA: xlwings' standalone
project from the installed package, so RunPython and Import Functions need no add-in.

``build_template`` writes the template, or (given settings and rows) a quarter's book made from it, as
``api.new_workbook`` and ``api.start_next_quarter`` ask. The same code and inputs give the same file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..output import template_target

#: Creation date stamped into the template's properties, so rebuilding it gives the same file.
TEMPLATE_CREATED = datetime(2026, 1, 1)


def build_template(
    path: str | Path,
    settings: Any = None,
    rows: dict[str, list[dict[str, Any]]] | None = None,
    created: datetime = TEMPLATE_CREATED,
    force: bool = False,
) -> Path:
    """Write the template (atomically) to ``path`` (.xlsm); an existing file only with ``force``.

    ``settings`` (a ``model.Settings``) fills the settings table (defaults otherwise); ``rows`` (table
    name → rows, field → value) pre-fills input tables, as ``sample.table_rows()`` or
    ``inputbook.quarter_rows`` give them (the history and targets tables included).
    """
    import io

    import xlsxwriter

    from .. import schema
    from ..inputbook import settings_rows
    from ..model import Quarter
    from ..output import atomic_output
    from .checks_sheet import write_live_checks, write_results
    from .conf import write_conf_sheet
    from .formulas import setting_name_formula
    from .home import write_home
    from .inputs import write_inputs
    from .sheets import CONF, HOME, LIVE_CHECKS, RESULTS, SETTING_NAMES, SHEETS
    from .styles import TemplateFormats
    from .vba import vba_project

    path = Path(path)
    template_target(path, force)
    vba = vba_project()
    tables = dict(rows or {})
    if settings is not None or schema.SETTINGS.name not in tables:
        tables[schema.SETTINGS.name] = settings_rows(Quarter(settings=settings) if settings is not None else None)
    with atomic_output(path) as temporary:
        workbook = xlsxwriter.Workbook(
            str(temporary), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
        )
        workbook.set_properties(
            {
                "title": "ETDA quarterly report input workbook",
                "subject": "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก",
                "author": "etda-xl",
                "comments": "Built by etda-xl template; see README",
                "created": created,
            }
        )
        workbook.add_vba_project(io.BytesIO(vba), is_stream=True)
        workbook.set_vba_name("ThisWorkbook")
        formats = TemplateFormats(workbook)
        by_name = {}
        for name, codename in SHEETS:
            sheet = workbook.add_worksheet(name)
            sheet.set_vba_name(codename)
            by_name[name] = sheet
        write_inputs(workbook, formats, tables)
        for key, name in SETTING_NAMES.items():
            workbook.define_name(name, setting_name_formula(key))
        write_live_checks(by_name[LIVE_CHECKS], formats)
        write_results(by_name[RESULTS], workbook, formats)
        write_conf_sheet(workbook, by_name[CONF], formats)
        write_home(by_name[HOME], formats)
        workbook.close()
    return path


__all__ = ["TEMPLATE_CREATED", "build_template"]
