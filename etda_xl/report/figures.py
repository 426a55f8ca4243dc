"""Every figure the report shows, as ``compute.figures_of`` computes it, with its presentation.

Pure Python (no xlsxwriter): the sheet modules only lay these figures out, and tests can assert
them directly. Nothing is added up or divided here: the (5), the %, the footnotes, the projects'
finance % and the total row are the core's (``compute``), the very figures the checks verify.
This module adds labels, the * of a "part of" line, the footnote sentences and the pink marks of
figures that depend on a cell with an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import compute, rules
from ..decimals import round_half_up
from ..findings import Finding, Severity, summarize
from ..model import TYPED_AMOUNTS, BudgetLine, Footnote, Kpi, Project, Quarter
from ..thai import format_english_date, format_thai_date


@dataclass(frozen=True)
class BudgetRow:
    line: BudgetLine
    label: str  # "1. เงินงบประมาณ", "1.1 แผนงานบุคลากร", "รวมทั้งสิ้น"
    level: int  # 0 grand total, 1 top level, 2 …
    is_parent: bool
    plan: Decimal | None
    paid: Decimal | None
    carried: Decimal | None
    reserved: Decimal | None
    result: Decimal | None  # the (5) shown
    result_source: str  # "typed" (within rounding of the sum), "computed" or "missing"
    computed_result: Decimal | None  # (2)+(3)+(4)
    pct: Decimal | None  # None: no plan or a missing figure
    marked: frozenset[str] = frozenset()  # fields that depend on an input cell with an error

    @property
    def is_total(self) -> bool:
        return self.line.is_total

    @property
    def code(self) -> str:
        return self.line.code


@dataclass(frozen=True)
class FootnoteFigure:
    note: Footnote
    number: int  # 1, 2, … as printed
    parts: tuple[tuple[str, bool], ...]  # (text, bold) runs of the sentence
    result: Decimal | None
    pct: Decimal | None

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    number: str
    name: str
    ops_plan: Decimal | None
    ops_result: Decimal | None
    fin_plan: Decimal | None
    fin_result: Decimal | None
    kpi_count: int
    kpi_done: int | None
    status: rules.Status | None
    plan_weight: Decimal | None  # the project's budget plan (1), to weigh the total row
    marked: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TotalRow:
    ops_plan: Decimal | None
    ops_result: Decimal | None
    fin_plan: Decimal | None
    fin_result: Decimal | None
    kpi_count: int
    kpi_done: int | None


@dataclass(frozen=True)
class KpiRow:
    kpi: Kpi
    state: rules.KpiState
    direction: rules.Direction


@dataclass(frozen=True)
class KpiTable:
    project: Project
    rows: tuple[KpiRow, ...]
    #: (first row index, row count) of each run of rows with the same source, to merge down.
    source_blocks: tuple[tuple[int, int], ...]

    def count(self, state: rules.KpiState) -> int:
        return sum(1 for r in self.rows if r.state is state)


@dataclass(frozen=True)
class Figures:
    report: Quarter
    findings: tuple[Finding, ...]
    lang: str
    budget: tuple[BudgetRow, ...]
    footnotes: tuple[FootnoteFigure, ...]
    projects: tuple[ProjectRow, ...]
    total: TotalRow
    kpi_tables: tuple[KpiTable, ...]
    starred: frozenset[str] = field(default_factory=frozenset)
    by_code: dict[str, BudgetRow] = field(default_factory=dict, repr=False)  # first row of each code

    @property
    def settings(self):
        return self.report.settings

    @property
    def errors(self) -> int:
        return summarize(list(self.findings))["error"]

    @property
    def draft(self) -> bool:
        return self.errors > 0

    @property
    def decimals(self) -> int:
        return self.report.settings.pct_decimals

    @property
    def as_of_text(self) -> str:
        """ "30 ก.ย. 63" as the circulated report prints it; "30 Sep 2020" in English."""
        as_of = self.report.settings.as_of
        if as_of is None:
            return "-"
        if self.lang == "en":
            return format_english_date(as_of)
        return format_thai_date(as_of)

    def budget_row(self, code: str) -> BudgetRow | None:
        return self.by_code.get(code)


# --- building -------------------------------------------------------------------------------------


def build_figures(report: Quarter, findings: list[Finding], lang: str = "th") -> Figures:
    core = compute.figures_of(report)
    error_cells = {(f.sheet, f.cell) for f in findings if f.severity is Severity.ERROR and f.sheet}
    starred = _starred_codes(core)
    budget = tuple(_budget_row(line, error_cells, starred) for line in core.lines)
    by_code: dict[str, BudgetRow] = {}
    for row in budget:
        if not row.is_total:
            by_code.setdefault(row.code, row)
    footnotes = tuple(_footnote_figure(core, note, index, lang) for index, note in enumerate(core.footnotes, 1))
    projects = tuple(_project_row(p, by_code, error_cells) for p in core.projects)
    total = _total_row(core.total)
    kpi_tables = tuple(_kpi_table(p) for p in core.projects)
    return Figures(report, tuple(findings), lang, budget, footnotes, projects, total, kpi_tables, starred, by_code)


def _in_error(line, fields, error_cells) -> bool:
    for name in fields:
        where = line.at(name)
        if where is not None and (where.sheet, where.cell) in error_cells:
            return True
    return False


def _label(line: BudgetLine, starred: frozenset[str]) -> str:
    if line.is_total:
        return line.name or "รวมทั้งสิ้น"
    code = f"{line.code}." if "." not in line.code else line.code
    star = "*" if line.code in starred else ""
    return f"{code} {line.name}{star}".strip()


def _budget_row(figures: compute.LineFigures, error_cells, starred) -> BudgetRow:
    line = figures.line
    marked = {f for f in TYPED_AMOUNTS if _in_error(line, (f,), error_cells)}
    result_inputs = ("result",) if figures.result_source == "typed" else compute.ROW_TERMS
    if _in_error(line, result_inputs, error_cells):
        marked.add("result")
    if figures.printed_result is not None and figures.plan is not None and marked & {"result", "plan"}:
        marked.add("pct")
    return BudgetRow(
        line=line,
        label=_label(line, starred),
        level=line.level,
        is_parent=figures.has_children,
        plan=figures.plan,
        paid=rules.shown_if_any(line.paid),
        carried=rules.shown_if_any(line.carried),
        reserved=rules.shown_if_any(line.reserved),
        result=figures.printed_result,
        result_source=figures.result_source,
        computed_result=figures.computed_result,
        pct=figures.printed_pct,
        marked=frozenset(marked),
    )


def _starred_codes(core: compute.QuarterFigures) -> frozenset[str]:
    """Lines a "part of" footnote explains (1.3.5 is part of 1.3.4): printed with a * after the name."""
    return frozenset(c for n in core.footnotes if n.note.part_of for c in n.codes if c != n.note.part_of)


def _footnote_figure(core: compute.QuarterFigures, totals: compute.FootnoteFigures, number: int, lang: str):
    """The footnote's sentence around the core's footnote figures: the same sum the check verifies."""
    from . import labels

    note = totals.note
    others = [c for c in totals.codes if c != note.part_of]
    if note.part_of:
        part = core.line(note.part_of)
        default = labels.text(
            lang, "fn_part_default", others=", ".join(others), part_of=note.part_of, name=part.line.name if part else ""
        )
    else:
        default = labels.text(lang, "fn_sum_default", lines=note.lines.text)
    label = (note.label if lang == "th" else "") or default
    if totals.missing or totals.result is None or totals.pct is None:
        sheet = labels.sheet_name(lang, "findings")
        return FootnoteFigure(
            note, number, ((labels.text(lang, "fn_unknown", label=label, sheet=sheet), False),), None, None
        )
    amount = f"{totals.result:,.{rules.SHOWN_DECIMALS}f}"
    percent = format_pct(totals.pct, core.quarter.settings.pct_decimals)
    parts: tuple[tuple[str, bool], ...]
    if note.part_of:
        parts = ((labels.text(lang, "fn_part", label=label.lstrip("*")), False), (amount, False))
        parts += ((labels.TEXT[lang]["fn_unit_pct"], False), (percent, False))
    else:
        parts = ((labels.text(lang, "fn_sum", label=label), False), (amount, True))
        parts += ((labels.TEXT[lang]["fn_unit_pct"], False), (percent, True))
    return FootnoteFigure(note, number, parts, totals.result, totals.pct)


def format_pct(value: Decimal, decimals: int = 0) -> str:
    return f"{round_half_up(value, decimals):.{decimals}f}%"


def _project_row(figures: compute.ProjectFigures, by_code, error_cells) -> ProjectRow:
    project = figures.project
    marked = {f for f in ("ops_plan", "ops_result", "fin_plan", "kpi_done") if _in_error(project, (f,), error_cells)}
    if any("pct" in by_code[line.code].marked for line in figures.lines if line.code in by_code):
        marked.add("fin_result")
    return ProjectRow(
        project=project,
        number=project.number,
        name=project.short_name or project.name_en or project.name_th,
        ops_plan=project.ops_plan,
        ops_result=project.ops_result,
        fin_plan=project.fin_plan,
        fin_result=figures.pct,
        kpi_count=figures.kpi_count,
        kpi_done=project.kpi_done,
        status=figures.status,
        plan_weight=figures.plan,
        marked=frozenset(marked),
    )


def _total_row(total: compute.TotalFigures) -> TotalRow:
    return TotalRow(
        ops_plan=total.ops_plan,
        ops_result=total.ops_result,
        fin_plan=total.fin_plan,
        fin_result=total.fin_result,
        kpi_count=total.kpi_count,
        kpi_done=total.kpi_done,
    )


def _kpi_table(figures: compute.ProjectFigures) -> KpiTable:
    kpis = [kpi for kpi, _ in figures.kpis]
    rows = tuple(KpiRow(kpi, assessment.state, assessment.direction) for kpi, assessment in figures.kpis)
    blocks: list[tuple[int, int]] = []
    for index, kpi in enumerate(kpis):
        if blocks and kpi.source and kpis[index - 1].source == kpi.source:
            start, count = blocks[-1]
            blocks[-1] = (start, count + 1)
        else:
            blocks.append((index, 1))
    return KpiTable(figures.project, rows, tuple(blocks))
