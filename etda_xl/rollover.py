"""The next quarter made from this one (``api.start_next_quarter``: ``etda-xl new --from`` and the home
sheet's button): the sources read and refused, the new quarter's settings and rows.

The new book is the template with the structure of the latest source carried and its figures
cleared, and the sources' figures in its history tables:

- **Carried**: the settings (agency, thresholds, language, decimals); the budget lines' codes and
  names; the projects' numbers, names, linked budget lines and KPI counts; the KPIs' project, source,
  indicator, target and direction; the footnote definitions (lines, part of, label); the targets
  table. Within the fiscal year also the plans: budget plan (1), the projects' operations and
  finance plan %.
- **Cleared**: (2)–(5) and %, the projects' results, completed counts, obstacle flags and
  statuses, the KPIs' results and deliverables, the footnotes' subtotals, the obstacles table; in a
  new fiscal year the plans too (last year's Q4 plan, 100%, is no plan for Q1).
- **History**: each source's own figures (``snapshot.snapshot``: what its report printed) and the
  history each carries, one source per quarter.

Several sources (say Q1–Q3 made before etda-xl): the latest gives the structure, all go into the
history. Refused, with nothing written and the sources untouched: a source that cannot be read or
has no quarter, two sources for one quarter, a source not before the quarter to start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import schema, snapshot, thai
from .errors import InputError
from .model import PLAN_KINDS, BudgetLine, Footnote, Kpi, Project, Quarter, Settings, YearPlan


def kept(table: schema.Table, within_year: bool) -> tuple[str, ...]:
    """The fields a new quarter keeps of ``table``'s rows, as the schema says (``Column.carry``); every
    other field starts blank. A total row stays one."""
    carried = (schema.ALWAYS, schema.YEAR) if within_year else (schema.ALWAYS,)
    fields = tuple(c.field for c in table.columns if c.carry in carried)
    return (*fields, "is_total") if table in (schema.BUDGET, schema.PROJECTS) else fields


@dataclass(frozen=True)
class NextQuarter:
    """What ``start_next_quarter`` wrote (``path`` None: refused by ``strict``)."""

    path: Path | None
    period: tuple[int, int]
    as_of: date
    sources: tuple[Path, ...]
    history: tuple[tuple[int, int], ...]  # the quarters the new book's history holds
    new_year: bool  # the plans were cleared
    #: Each source with errors → how many: their figures go into the history as they are.
    source_errors: tuple[tuple[Path, int], ...] = ()

    @property
    def refused(self) -> bool:
        return self.path is None

    def describe(self) -> str:
        """Where it wrote and what it carried, and the errors carried with it: Thai, then English."""
        th, en = thai.period_words(self.period)
        names = ", ".join(p.name for p in self.sources)
        held = [thai.period_words(p) for p in self.history]
        plans_th = "ล้างแผนแล้ว (ปีงบประมาณใหม่)" if self.new_year else "ยกแผนมาด้วย"
        plans_en = "plans cleared (a new fiscal year)" if self.new_year else "plans carried"
        errors_th = [f"สมุดงานต้นทาง {p.name} มีข้อผิดพลาด {n} รายการ — ตัวเลขของเล่มนี้เข้าไปในประวัติตามที่เป็นอยู่ "
                     f"(ดูรายการด้วย etda-xl check {p.name} แล้วแก้ในแผ่นงานประวัติหรือในเล่มเดิม)"
                     for p, n in self.source_errors]  # fmt: skip
        errors_en = [f"The source {p.name} has {n} error{'s' if n != 1 else ''}: its figures go into the history as "
                     f"they are (etda-xl check {p.name} lists them; correct them on the history sheet or in that book)"
                     for p, n in self.source_errors]  # fmt: skip
        if self.path is None:
            return "\n".join([*errors_th, "ไม่ได้เขียนสมุดงานใหม่ (--strict)", "", *errors_en,
                              "No new workbook written (--strict)"]) + "\n"  # fmt: skip
        return "\n".join([
            f"เขียนสมุดงาน{th} แล้ว: {self.path}",
            f"จาก {names}; {plans_th}; ประวัติ: {', '.join(t for t, _ in held) or '-'}",
            *errors_th,
            f"Wrote the {en} workbook: {self.path}",
            f"From {names}; {plans_en}; history: {', '.join(e for _, e in held) or '-'}",
            *errors_en,
        ]) + "\n"  # fmt: skip


def source_period(book: Quarter) -> tuple[int, int]:
    """A source's quarter (``read_sources`` has refused a book without one)."""
    period = book.settings.period
    assert period is not None
    return period


def read_sources(paths: Sequence[Path]) -> list[Quarter]:
    """Each source read; refused: an unreadable file, a book without its quarter, two books for one quarter."""
    from .workbook import read_workbook

    books: list[Quarter] = []
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            book = read_workbook(path)
        except InputError as error:
            raise InputError(
                f"อ่านสมุดงานต้นทาง {path} ไม่ได้: {error.th}",
                f"cannot read the source workbook {path}: {error.en}",
                error.sheet,
                error.cell,
            ) from None
        period = book.settings.period
        if period is None:
            raise _no_period(path, book)
        if period in seen:
            th, en = thai.period_words(period)
            where = book.settings.cells.get("quarter")
            raise InputError(
                f"สมุดงาน {seen[period]} และ {path} เป็น{th} ทั้งคู่: ระบุ --from ได้ไตรมาสละหนึ่งเล่ม",
                f"{seen[period]} and {path} are both for {en}; give one book per quarter with --from",
                where.sheet if where else "",
                where.cell if where else "",
            )
        seen[period] = path
        books.append(book)
    return books


def _no_period(path: Path, book: Quarter) -> InputError:
    from . import schema

    missing = next(k for k in ("fiscal_year", "quarter") if getattr(book.settings, k) is None)
    where = book.settings.cells.get(missing) or book.tables.get(schema.SETTINGS.name)
    label = schema.setting(missing).header
    return InputError(
        f"สมุดงานต้นทาง {path} ไม่มี '{label}' ในตารางตั้งค่า จึงไม่รู้ว่าเป็นไตรมาสใด: กรอกแล้วลองใหม่",
        f"the source workbook {path} has no {missing.replace('_', ' ')} in its settings, so its quarter is "
        "unknown; fill it in and retry",
        where.sheet if where else schema.SETTINGS.sheet,
        where.cell if where else "",
    )


def period_to_start(latest: tuple[int, int], fy: int | None, quarter: int | None) -> tuple[int, int]:
    """The quarter after the latest source's, ``fy`` / ``quarter`` overriding either part."""
    following = thai.next_period(*latest)
    return (fy if fy is not None else following[0], quarter if quarter is not None else following[1])


def refuse_not_before(books: Iterable[tuple[Path, Quarter]], target: tuple[int, int]) -> None:
    for path, book in books:
        period = source_period(book)
        if period >= target:
            (th, en), (target_th, target_en) = thai.period_words(period), thai.period_words(target)
            where = book.settings.cells.get("quarter")
            raise InputError(
                f"สมุดงานต้นทาง {path} เป็น{th} ซึ่งไม่ได้อยู่ก่อน{target_th} ที่จะเริ่ม: "
                "ใช้สมุดงานของไตรมาสก่อนหน้า หรือระบุ --fy / --quarter",
                f"the source workbook {path} is for {en}, not before {target_en}, the quarter to start; use "
                "earlier books, or give --fy / --quarter",
                where.sheet if where else "",
                where.cell if where else "",
            )


# --- the new book -------------------------------------------------------------------------------------


def next_book(latest: Quarter, settings: Settings, sources: Sequence[Quarter], carry_plans: bool) -> Quarter:
    """The new quarter: ``latest``'s structure carried, its figures cleared, every source in the history;
    within the fiscal year the plans too, the quarter's plan % taken from the year's plan where it has one."""
    targets = snapshot.merge_rows([latest.targets, *(q.targets for q in sources)])

    def carried(table: schema.Table, model: type, rows: Sequence) -> list:
        keep = kept(table, carry_plans)
        return [model(**{name: getattr(row, name) for name in keep}) for row in rows]

    book = Quarter(
        source_name=latest.source_name,
        settings=settings,
        budget=carried(schema.BUDGET, BudgetLine, latest.budget),
        projects=carried(schema.PROJECTS, Project, latest.projects),
        kpis=_sources_as_typed(carried(schema.KPIS, Kpi, latest.kpis)),
        footnotes=carried(schema.FOOTNOTES, Footnote, latest.footnotes),
        targets=snapshot.without_cells(targets),
        plans=carried(schema.PLANS, YearPlan, latest.plans),
    )
    _plans_from_the_year(book)
    return snapshot.with_history(book, snapshot.handed_on(*sources))


def _plans_from_the_year(book: Quarter) -> None:
    """Each project's plan % of the new quarter from the year's plan, where it gives one."""
    number = book.settings.quarter
    for project in book.project_rows:
        plan = book.year_plan(project)
        for field, kind in PLAN_KINDS.items():
            planned = None if plan is None or number is None else plan.plan(kind, number)
            if planned is not None:
                setattr(project, field, planned)


def _sources_as_typed(kpis: list[Kpi]) -> list[Kpi]:
    """The reader fills a blank ที่มา down from the row above (same project); written back blank, so the
    new book looks as the user typed it."""
    above = [None, *((k.project, k.source) for k in kpis)]
    for kpi, previous in zip(kpis, above, strict=False):
        if previous == (kpi.project, kpi.source):
            kpi.source = ""
    return kpis
