"""Builds ``workbook_template.xlsm``, the Excel front of etda-xl, from code (XlsxWriter).

Sheets: a home sheet with instructions and buttons, the settings and input tables of ``schema``
(with ``=ETDA_*`` formula columns, validation and status colours), a live checks sheet
(``=ETDA_CHECKS``), the check button's results sheet, and ``xlwings.conf``. VBA: xlwings' standalone
project from the installed package, so RunPython and Import Functions need no add-in.

``build_template`` writes the template; ``new_workbook`` writes the same workbook with a quarter's
settings filled. Both are deterministic: the same code and inputs give the same file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..output import refuse_existing

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
    require_xlsm(path)
    refuse_existing(path, force)
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


def new_workbook(
    path: str | Path,
    fiscal_year: int,
    quarter: int,
    as_of: date | None = None,
    agency: str | None = None,
    force: bool = False,
) -> Path:
    """A fresh input workbook from the template with the quarter's settings filled.

    ``as_of`` defaults to the quarter's last day; a date outside the quarter (which the workbook's own
    PERIOD_AS_OF check would report) is refused, as is an existing file, unless ``force``.
    """
    from ..model import Settings
    from ..thai import quarter_bounds

    path = Path(path)
    require_xlsm(path)
    require_setting("fiscal_year", fiscal_year)
    require_setting("quarter", quarter)
    settings = Settings(
        fiscal_year=fiscal_year,
        quarter=quarter,
        as_of=as_of or quarter_bounds(fiscal_year, quarter)[1],
        agency=agency or Settings().agency,
    )
    if not force:
        refuse_as_of_outside_the_quarter(settings)
    refuse_existing(path, force)
    return build_template(path, settings=settings, created=datetime.now().replace(microsecond=0), force=force)


def require_setting(key: str, value: Any) -> None:
    """A setting given on the command line, read by its schema column as the workbook's cell would be."""
    from .. import parsers, schema

    column = schema.setting(key)
    for problem in parsers.parse(column, value).problems:
        params = {"value": value, **problem.params}
        th, en = (parsers.message(problem.code, lang, **params) for lang in ("th", "en"))
        raise InputError(f"{column.header}: {th}", f"{(column.aliases or (key,))[0]}: {en}")


def refuse_as_of_outside_the_quarter(settings: Any) -> None:
    """The workbook's own PERIOD_AS_OF check, run before writing it: same rule, same words."""
    from ..checks.period import period_as_of
    from ..findings import REGISTRY
    from ..model import Quarter

    for hit in period_as_of(Quarter(settings=settings)):
        finding = REGISTRY["PERIOD_AS_OF"].finding(hit)
        raise InputError(
            f"{finding.message_th} — ระบุ --as-of ที่อยู่ในไตรมาส หรือใช้ --force เพื่อเขียนทั้งที่ผิด",
            f"{finding.message_en}; give an --as-of inside the quarter, or --force to write it anyway "
            "(its check will then report PERIOD_AS_OF)",
        )


def require_xlsm(path: Path) -> None:
    if path.suffix.lower() != ".xlsm":
        raise InputError(
            f"ชื่อไฟล์ต้องลงท้ายด้วย .xlsm (สมุดงานที่มีแมโคร) แต่ได้ {path.name}",
            f"the file name must end in .xlsm (a macro-enabled workbook), got {path.name}",
        )


__all__ = [
    "TEMPLATE_CREATED",
    "build_template",
    "new_workbook",
    "refuse_as_of_outside_the_quarter",
    "require_setting",
    "require_xlsm",
]
