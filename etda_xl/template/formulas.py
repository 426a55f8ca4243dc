"""The template's ``=ETDA_*`` formulas: which table columns each UDF is fed, and the value each caches.

Table formulas use the ``Tbl[[#This Row],[Col]]`` form (XlsxWriter would write ``[@Col]`` in a form
LibreOffice cannot read). Every cached value comes from ``etda_xl.cells``, the functions the UDFs
themselves call, so a workbook read before Excel recalculates already holds the right figures.
"""

from __future__ import annotations

from typing import Any

from .. import cells, schema
from ..inputbook import WHOLE_FORMAT, FormulaColumn
from ..model import ROW_TERMS
from .sheets import SETTING_NAMES


def escape_column(header: str) -> str:
    """A header inside a structured reference: ' [ ] # are escaped with '."""
    return "".join("'" + ch if ch in "'[]#" else ch for ch in header)


def this_row(table: schema.Table, field_name: str) -> str:
    """``tblBudget[[#This Row],[จ่ายจริง (2)]]``."""
    header = _header(table, field_name)
    return f"{table.name}[[#This Row],[{escape_column(header)}]]"


def whole_table(table: schema.Table) -> str:
    return f"{table.name}[#All]"


def column_ref(table: schema.Table, field_name: str) -> str:
    """``tblSettings[ค่า]``: a whole data column."""
    return f"{table.name}[{escape_column(_header(table, field_name))}]"


def _header(table: schema.Table, field_name: str) -> str:
    return table.column(field_name).header


def call(function: str, *arguments: str) -> str:
    return f"={function}({','.join(arguments)})"


def setting_name_formula(key: str) -> str:
    """A defined name's formula: the value of a settings row found by its label (survives sorting)."""
    label = schema.setting(key).header.replace('"', '""')
    return f'=INDEX({column_ref(schema.SETTINGS, "value")},MATCH("{label}",{column_ref(schema.SETTINGS, "key")},0))'


_LANG = SETTING_NAMES["status_lang"]


def formula_columns(settings: dict[str, Any]) -> dict[str, dict[str, FormulaColumn]]:
    """Table name → field → its calculated column, with cached values under ``settings`` (key → value)."""
    budget, projects, kpis = schema.BUDGET, schema.PROJECTS, schema.KPIS
    lang = cells.language(settings.get("status_lang"))

    def spend(row: dict[str, Any]) -> Any:
        return cells.spend(row.get("paid"), row.get("carried"), row.get("reserved"), lang)

    def spend_pct(row: dict[str, Any]) -> Any:
        return cells.spend_pct(row.get("result"), row.get("plan"), settings.get("pct_decimals"), lang)

    def status(row: dict[str, Any]) -> Any:
        # As Excel hands the cells to ETDA_STATUS: with the percentage columns' number format.
        plan, actual = (cells.Formatted(row.get(f), WHOLE_FORMAT) for f in ("ops_plan", "ops_result"))
        green, yellow, relative = (settings.get(k) for k in ("green_max", "yellow_max", "relative_delay"))
        return cells.status(plan, actual, row.get("obstacle"), green, yellow, relative, lang)

    def met(row: dict[str, Any]) -> Any:
        target, result, direction, indicator = (row.get(f) for f in ("target", "result", "direction", "indicator"))
        quarter, quarter_target = settings.get("quarter"), row.get("quarter_target")
        return cells.kpi_met(target, result, direction, indicator, lang, quarter, quarter_target)

    names = SETTING_NAMES
    return {
        budget.name: {
            "result": FormulaColumn(call("ETDA_SPEND", *(this_row(budget, f) for f in ROW_TERMS), _LANG), spend),
            "pct": FormulaColumn(
                call(
                    "ETDA_SPEND_PCT",
                    this_row(budget, "result"),
                    this_row(budget, "plan"),
                    names["pct_decimals"],
                    _LANG,
                ),
                spend_pct,
            ),
        },
        projects.name: {
            "status": FormulaColumn(
                call(
                    "ETDA_STATUS",
                    *(this_row(projects, f) for f in ("ops_plan", "ops_result", "obstacle")),
                    names["green_max"],
                    names["yellow_max"],
                    names["relative_delay"],
                    _LANG,
                ),
                status,
            ),
        },
        kpis.name: {
            "met": FormulaColumn(
                call(
                    "ETDA_KPI_MET",
                    *(this_row(kpis, f) for f in ("target", "result", "direction", "indicator")),
                    _LANG,
                    names["quarter"],
                    this_row(kpis, "quarter_target"),
                ),
                met,
            ),
        },
    }


def checks_formula() -> str:
    """The live checks sheet's one call, fed with every table in ``schema.INPUT_TABLES`` order: the
    quarter's six, then the history and the targets (so quarter-on-quarter checks run live too)."""
    return call("ETDA_CHECKS", *(whole_table(t) for t in schema.INPUT_TABLES))
