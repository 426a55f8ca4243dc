"""Every figure the report shows, computed from the model by the core's rules — never typed.

Pure Python (no xlsxwriter): the sheet modules only lay these figures out, and tests can assert
them directly.

Which (5) is shown: (2)+(3)+(4) is recomputed for every line. When it differs from the typed (5)
by no more than rounding (three 4-decimal figures, ``rules.sum_difference_kind``), the typed (5)
is shown: it is the source system's own figure rounded once, and the footnote subtotals
(``compute.footnote_totals``) and the circulated percentages are based on it (1.3.4: typed
52.8525, sum 52.8526; footnote 1.2.2-1.3.4 = 226.5563). Beyond rounding the recomputed sum is
shown, and the percentage, the footnotes and the project figures follow the shown (5), so every
figure in the report adds up with the others. The findings sheet lists each line either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import compute, rules
from ..findings import Finding, Severity, summarize
from ..model import BudgetLine, Footnote, Kpi, Project, Quarter
from ..money import round_half_up
from ..thai import format_thai_date

AMOUNT_FIELDS = ("plan", "paid", "carried", "reserved")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    met: bool | None
    direction: rules.Direction


@dataclass(frozen=True)
class KpiTable:
    project: Project
    rows: tuple[KpiRow, ...]
    #: (first row index, row count) of each run of rows with the same source, to merge down.
    source_blocks: tuple[tuple[int, int], ...]

    @property
    def met(self) -> int:
        return sum(1 for r in self.rows if r.met is True)

    @property
    def not_met(self) -> int:
        return sum(1 for r in self.rows if r.met is False)

    @property
    def unknown(self) -> int:
        return sum(1 for r in self.rows if r.met is None)


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
            return f"{as_of.day} {MONTHS_EN[as_of.month - 1]} {as_of.year}"
        return format_thai_date(as_of)

    def budget_row(self, code: str) -> BudgetRow | None:
        return next((r for r in self.budget if r.code == code and not r.is_total), None)


# --- building -------------------------------------------------------------------------------------


def build_figures(report: Quarter, findings: list[Finding], lang: str = "th") -> Figures:
    error_cells = {(f.sheet, f.cell) for f in findings if f.severity is Severity.ERROR and f.sheet}
    starred = _starred_codes(report)
    budget = tuple(_budget_row(report, line, error_cells, starred) for line in report.budget)
    by_code = {r.code: r for r in budget if not r.is_total}
    footnotes = tuple(_footnote_figure(report, note, index, lang) for index, note in enumerate(report.footnotes, 1))
    projects = tuple(_project_row(report, p, by_code, error_cells) for p in report.project_rows)
    total = _total_row(report, projects)
    kpi_tables = tuple(_kpi_table(report, p) for p in report.project_rows)
    return Figures(report, tuple(findings), lang, budget, footnotes, projects, total, kpi_tables, starred)


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


def _budget_row(report: Quarter, line: BudgetLine, error_cells, starred) -> BudgetRow:
    result, source, computed = compute.reported_result(line)
    marked = {f for f in AMOUNT_FIELDS if _in_error(line, (f,), error_cells)}
    result_inputs = ("result",) if source == "typed" else ("paid", "carried", "reserved")
    if _in_error(line, result_inputs, error_cells):
        marked.add("result")
    pct = None
    if result is not None and line.plan is not None:
        pct = rules.spend_pct(result, line.plan, report.settings.pct_decimals)
        if "result" in marked or "plan" in marked:
            marked.add("pct")
    has_children = bool(report.children(line.code)) if not line.is_total else True
    return BudgetRow(
        line=line,
        label=_label(line, starred),
        level=line.level,
        is_parent=has_children,
        plan=_shown(line.plan),
        paid=_shown(line.paid),
        carried=_shown(line.carried),
        reserved=_shown(line.reserved),
        result=_shown(result),
        result_source=source,
        computed_result=_shown(computed),
        pct=pct,
        marked=frozenset(marked),
    )


def _shown(value: Decimal | None) -> Decimal | None:
    return None if value is None else rules.shown(value)


def _starred_codes(report: Quarter) -> frozenset[str]:
    """Lines a "part of" footnote explains (1.3.5 is part of 1.3.4): printed with a * after the name."""
    codes: set[str] = set()
    for note in report.footnotes:
        if note.part_of:
            members, _missing = compute.footnote_members(report, note)
            codes.update(m.code for m in members if m.code != note.part_of)
    return frozenset(codes)


def _footnote_figure(report: Quarter, note: Footnote, number: int, lang: str) -> FootnoteFigure:
    """The footnote's sentence around ``compute.footnote_totals``: the same sum the check verifies."""
    from . import labels

    totals = compute.footnote_totals(report, note)
    others = [m.code for m in totals.members if m.code != note.part_of]
    if note.part_of:
        part = report.line(note.part_of)
        default = labels.text(
            lang, "fn_part_default", others=", ".join(others), part_of=note.part_of, name=part.name if part else ""
        )
    else:
        default = labels.text(lang, "fn_sum_default", lines=note.lines)
    label = (note.label if lang == "th" else "") or default
    if totals.missing or totals.result is None or totals.pct is None:
        sheet = labels.sheet_name(lang, "findings")
        return FootnoteFigure(
            note, number, ((labels.text(lang, "fn_unknown", label=label, sheet=sheet), False),), None, None
        )
    amount = f"{round_half_up(totals.result, rules.SHOWN_DECIMALS):,.{rules.SHOWN_DECIMALS}f}"
    percent = format_pct(totals.pct, report.settings.pct_decimals)
    if note.part_of:
        parts = ((labels.text(lang, "fn_part", label=label.lstrip("*")), False), (amount, False))
        parts += ((labels.TEXT[lang]["fn_unit_pct"], False), (percent, False))
    else:
        parts = ((labels.text(lang, "fn_sum", label=label), False), (amount, True))
        parts += ((labels.TEXT[lang]["fn_unit_pct"], False), (percent, True))
    return FootnoteFigure(note, number, parts, totals.result, totals.pct)


def format_pct(value: Decimal, decimals: int = 0) -> str:
    return f"{round_half_up(value, decimals):.{decimals}f}%"


def _project_row(report: Quarter, project: Project, by_code, error_cells) -> ProjectRow:
    marked = {f for f in ("ops_plan", "ops_result", "fin_plan", "kpi_done") if _in_error(project, (f,), error_cells)}
    rows = [by_code[line.code] for line in compute.project_lines(report, project) if line.code in by_code]
    if any("pct" in r.marked for r in rows):
        marked.add("fin_result")
    return ProjectRow(
        project=project,
        number=project.number,
        name=project.short_name or project.name_en or project.name_th,
        ops_plan=project.ops_plan,
        ops_result=project.ops_result,
        fin_plan=project.fin_plan,
        fin_result=compute.project_fin_pct(report, project),
        kpi_count=len(report.kpis_of(project)),
        kpi_done=project.kpi_done,
        status=compute.project_status(project, report.settings),
        plan_weight=compute.project_plan(report, project),
        marked=frozenset(marked),
    )


def _total_row(report: Quarter, projects: tuple[ProjectRow, ...]) -> TotalRow:
    decimals = report.settings.pct_decimals
    weights = [p.plan_weight for p in projects]
    done = [p.kpi_done for p in projects]
    return TotalRow(
        ops_plan=rules.weighted_pct([p.ops_plan for p in projects], weights, decimals),
        ops_result=rules.weighted_pct([p.ops_result for p in projects], weights, decimals),
        fin_plan=rules.weighted_pct([p.fin_plan for p in projects], weights, decimals),
        fin_result=compute.projects_fin_pct(report),
        kpi_count=sum(p.kpi_count for p in projects),
        kpi_done=None if not done or any(d is None for d in done) else sum(done),  # type: ignore[arg-type]
    )


def _kpi_table(report: Quarter, project: Project) -> KpiTable:
    kpis = report.kpis_of(project)
    rows = []
    for kpi in kpis:
        assessment = compute.assess_kpi(kpi)
        rows.append(KpiRow(kpi, assessment.met, assessment.direction))
    blocks: list[tuple[int, int]] = []
    for index, kpi in enumerate(kpis):
        if blocks and kpi.source and kpis[index - 1].source == kpi.source:
            start, count = blocks[-1]
            blocks[-1] = (start, count + 1)
        else:
            blocks.append((index, 1))
    return KpiTable(project, tuple(rows), tuple(blocks))
