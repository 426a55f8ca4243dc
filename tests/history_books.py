"""Books with history, built from the FY2563 Q4 sample: a Q3 whose cumulative figures are half of Q4's.

Q3's rows are made here by hand, not by ``snapshot.snapshot``, so the tests' expected numbers are
reasoned from the sample alone. Line 1.3.4 (Speed up e-Licensing, project 3): Q4 prints (5) 52.8525
and 60%; Q3 has (2)–(5) halved and shown to 4 decimals — (5) 26.42625 → 26.4263 — the same plan (1)
88.3398 (a plan does not change within the year), so its % is ROUND(26.4263 / 88.3398) = 29.9…% → 30.
Projects in Q3: operations plan/result and finance plan halved (100 → 50), finance result the % of
the project's line (project 3: 30).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from etda_xl import rules, schema
from etda_xl.inputbook import Formats, add_input_table, first_columns, quarter_rows
from etda_xl.model import DisbursementTarget, PastKpi, PastLine, PastProject, Quarter
from etda_xl.sample import BUDGET, KPIS, PROJECTS, table_rows

FY = 2563


def _amount(value) -> Decimal:
    return Decimal(0) if value == "-" else Decimal(str(value))


def _half(value) -> Decimal:
    return rules.shown(_amount(value) / 2)


def q3_lines(quarter: int = 3) -> list[PastLine]:
    lines = []
    for code, name, plan, paid, carried, reserved, result, _pct in BUDGET:
        half = _half(result)
        pct = rules.spend_pct(half, _amount(plan), 0)
        lines.append(
            PastLine(
                fiscal_year=FY,
                quarter=quarter,
                code=code,
                name=name,
                plan=_amount(plan),
                paid=_half(paid),
                carried=_half(carried),
                reserved=_half(reserved),
                result=half,
                pct=pct,
            )
        )
    return lines


def q3_projects(quarter: int = 3) -> list[PastProject]:
    pct_of = {line.code: line.pct for line in q3_lines(quarter)}
    rows = []
    for number, short, _th, _en, ops_plan, ops_result, fin_plan, _fin, count, done, code in PROJECTS:
        if number == "รวม":
            continue
        rows.append(
            PastProject(
                fiscal_year=FY,
                quarter=quarter,
                number=number,
                short_name=short,
                ops_plan=Decimal(ops_plan) / 2,
                ops_result=Decimal(ops_result) / 2,
                fin_plan=Decimal(fin_plan) / 2,
                fin_result=pct_of[code],
                kpi_count=count,
                kpi_done=done // 2,
                status=rules.Status.GREEN,
            )
        )
    return rows


def q3_kpis(quarter: int = 3) -> list[PastKpi]:
    return [PastKpi(fiscal_year=FY, quarter=quarter, project=p, indicator=i, target=t) for p, _s, i, t, _r, _d in KPIS]


def with_q3(quarter: Quarter, targets: list[DisbursementTarget] | None = None) -> Quarter:
    """``quarter`` (the sample, FY2563 Q4) with the halved Q3 in its history."""
    update = {"history_budget": q3_lines(), "history_projects": q3_projects(), "history_kpis": q3_kpis()}
    return quarter.copy_with({**update, "targets": targets or []})


#: Cumulative targets typed for FY2563 (made up for the tests; the real ones come from the cabinet).
TARGETS = [
    DisbursementTarget(fiscal_year=FY, quarter=3, overall=Decimal(75), current=Decimal(80), investment=Decimal(60)),
    DisbursementTarget(fiscal_year=FY, quarter=4, overall=Decimal(93), current=Decimal(98), investment=Decimal(85)),
]


def write_book(path: Path, history: Quarter) -> Path:
    """The sample's six tables exactly as ``etda-xl sample`` writes them, plus ``history``'s history
    and target tables, as a workbook at ``path``."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    rows = {**table_rows(), **{t.name: r for t, r in _extra_rows(history)}}
    starts = first_columns()  # the history tables share a sheet: side by side, as the template lays them
    for table in schema.INPUT_TABLES:
        percent = {}
        if table in (schema.BUDGET, schema.FOOTNOTES):  # the sample types these as Excel percentages
            percent = {
                (i, c.field): formats.percent
                for i in range(len(rows[table.name]))
                for c in table.columns
                if c.kind is schema.Kind.PERCENT
            }
        if table.name == schema.SETTINGS.name:
            percent = {
                (i, "value"): formats.date for i, r in enumerate(rows[table.name]) if r.get("key") == "ข้อมูล ณ วันที่"
            }
        if rows.get(table.name):
            add_input_table(workbook, formats, table, rows[table.name], percent, first_col=starts[table.name])
    workbook.close()
    return path


def _extra_rows(history: Quarter):
    rows = quarter_rows(history)
    for table in (*schema.HISTORY_TABLES, schema.TARGETS):
        yield table, rows[table.name]
