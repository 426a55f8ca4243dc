"""The quarterly report as data (plain dataclasses, money as Decimal).

Every object keeps ``cells``: field name → where it was read from, so any finding can point at
the cell a finance officer has to look at.

Why dataclasses and not pydantic models: every value arrives already parsed and checked by the schema's
parsers (``parsers.parse``), so validating it again bought nothing, while importing pydantic and
building its models cost about 0.2 s of every command — more than reading and checking the whole
sample book (measured with ``python -X importtime``; see README's benchmark). pydantic's job is the
published JSON (``contract``): its adapters read these dataclasses where JSON is written, and the two
types below say how they appear there (the hooks import ``contract`` only when pydantic asks).
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TypeAlias, TypeVar

from . import schema
from .codes import CodeList, code_key, parent_code
from .rules import Direction, Status, StatusThresholds

#: An amount or percentage as read; None means the cell was blank (missing), not zero.
Amount = Decimal | None


class CellRef(NamedTuple):
    """A cell as Excel shows it: sheet name and A1 address.

    A named tuple: the checks and the root cause hash hundreds of thousands of these.
    """

    sheet: str
    cell: str

    def __str__(self) -> str:
        """``'งบประมาณ'!F4``: quoted unless the name is plain ASCII, as Excel's formulas accept."""
        plain = self.sheet.isascii() and self.sheet.replace("_", "a").isalnum()
        name = self.sheet if plain else "'" + self.sheet.replace("'", "''") + "'"
        return f"{name}!{self.cell}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """In JSON: ``{"sheet": "งบประมาณ", "cell": "F4"}``."""
        from .contract import cell_schema

        return cell_schema()


if TYPE_CHECKING:
    #: A figure as a finding or an export row carries it: Decimal, int, bool, str, date, CellRef, None, or
    #: a list of these. In JSON a Decimal is a number (``contract.value_schema``).
    Value: TypeAlias = Any
else:

    class Value:
        """See above: only pydantic meets this class (annotations), through its hook."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source, handler):
            from .contract import value_schema

            return value_schema()


class Record:
    """Copies with some fields changed (``copy_with``), for the records below."""

    def copy_with(self, update: dict[str, Any] | None = None, *, deep: bool = False) -> Self:
        """A copy (shallow, or ``deep``) with the fields in ``update`` replaced: a new object, so its
        figures (``compute.figures_of``) are computed afresh."""
        copied = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            setattr(copied, name, value)
        return copied


@dataclass(kw_only=True)
class Located(Record):
    """Base for rows read from a table: remembers the cell of every field."""

    cells: dict[str, CellRef] = field(default_factory=dict)
    #: Formula text of cells that held one (field → "=…"), to tell typed values from formulas.
    formulas: dict[str, str] = field(default_factory=dict)

    def at(self, field_name: str) -> CellRef | None:
        return self.cells.get(field_name)


def _period(fiscal_year: int | None, quarter: int | None) -> tuple[int, int] | None:
    """(fiscal year, quarter) of a book or a history row; None while either is blank."""
    return None if fiscal_year is None or quarter is None else (fiscal_year, quarter)


def _default(key: str) -> Any:
    return schema.setting(key).default


@dataclass(kw_only=True)
class Settings(Record):
    """The settings table; defaults from the schema (``schema.SETTING_ROWS``)."""

    agency: str = _default("agency")
    fiscal_year: int | None = None  # พ.ศ.
    quarter: int | None = None
    as_of: date | None = None
    green_max: Decimal = _default("green_max")  # noqa: RUF009  (a Decimal is immutable: one shared default is fine)
    yellow_max: Decimal = _default("yellow_max")  # noqa: RUF009
    relative_delay: bool = _default("relative_delay")
    pct_decimals: int = _default("pct_decimals")
    status_lang: str = _default("status_lang")
    cells: dict[str, CellRef] = field(default_factory=dict)

    @property
    def period(self) -> tuple[int, int] | None:
        """(fiscal year, quarter); None while either is blank."""
        return _period(self.fiscal_year, self.quarter)

    @property
    def thresholds(self) -> StatusThresholds:
        return StatusThresholds(self.green_max, self.yellow_max, self.relative_delay)


#: The budget table's amount columns, (1) to (5) (``schema.AMOUNTS``), and the three that add up to (5):
#: (2)+(3)+(4) (``rules.spend_result``).
AMOUNTS = schema.AMOUNTS
ROW_TERMS = AMOUNTS[1:4]
#: The amounts a user types; (5) is theirs to type too, or the template's ETDA_SPEND formula.
TYPED_AMOUNTS = AMOUNTS[:4]
#: A project's percentages (ops plan/result, finance plan/result), from the schema.
PROJECT_PERCENTS = tuple(c.field for c in schema.PROJECTS.columns if c.kind is schema.Kind.PERCENT)


@dataclass(kw_only=True)
class BudgetFigures:
    """The figures of a budget line, in million baht: this quarter's as typed, or a history row's."""

    code: str = ""  # "1", "1.2.1"; "รวม" for the grand total
    name: str = ""
    plan: Amount = None  # (1)
    paid: Amount = None  # (2)
    carried: Amount = None  # (3)
    reserved: Amount = None  # (4)
    result: Amount = None  # (5): as typed or cached in the workbook; in history, as printed
    pct: Amount = None  # %, whole percent


@dataclass(kw_only=True)
class BudgetLine(BudgetFigures, Located):
    """One row of the budget-spending table, in million baht."""

    is_total: bool = False

    @property
    def key(self) -> tuple[int, ...]:
        return () if self.is_total else code_key(self.code)

    @property
    def parent_code(self) -> str | None:
        """The code of the line this one adds up into; None for top-level lines and the total."""
        return None if self.is_total else parent_code(self.code)

    @property
    def level(self) -> int:
        return 0 if self.is_total else len(self.key)


@dataclass(kw_only=True)
class Project(Located):
    number: str  # "1" … ; "รวม" for the total row
    short_name: str = ""
    name_th: str = ""
    name_en: str = ""
    ops_plan: Amount = None
    ops_result: Amount = None
    fin_plan: Amount = None
    fin_result: Amount = None
    kpi_count: int | None = None
    kpi_done: int | None = None
    obstacle: bool = False
    status: Status | None = None  # as typed; the rule's status is computed
    budget_codes: CodeList = field(default_factory=CodeList)
    is_total: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.budget_codes, CodeList):  # a list or the text of one, as tests build them
            self.budget_codes = CodeList(self.budget_codes)


@dataclass(kw_only=True)
class Kpi(Located):
    project: str
    source: str = ""
    indicator: str = ""
    target: str = ""  # the year's
    quarter_target: str = ""  # due by this quarter, when the KPI has one (blank: judged against the year's in Q4)
    result: str = ""
    details: str = ""
    direction: Direction | None = None  # None: inferred from the indicator


@dataclass(kw_only=True)
class Footnote(Located):
    """A footnote subtotal under the budget table: a range or list of lines, maybe a "part of"."""

    number: str
    lines: CodeList = field(default_factory=CodeList)  # "1.2.2-1.3.4" (a range), "1.3.4+1.3.5" (a list), or both
    part_of: str | None = None  # "1.3.4": the listed lines other than this are part of it
    result: Amount = None
    pct: Amount = None
    label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.lines, CodeList):  # a list or the text of one, as tests build them
            self.lines = CodeList(self.lines)


@dataclass(kw_only=True)
class Obstacle(Located):
    topic: str
    text: str = ""


@dataclass(kw_only=True)
class Period(Located):
    """A row of the history or the targets: which quarter it belongs to."""

    fiscal_year: int | None = None
    quarter: int | None = None

    @property
    def period(self) -> tuple[int, int] | None:
        return _period(self.fiscal_year, self.quarter)


@dataclass(kw_only=True)
class PastLine(BudgetFigures, Period):
    """A budget line as an earlier quarter's report printed it (``schema.HISTORY_BUDGET``)."""


@dataclass(kw_only=True)
class PastProject(Period):
    """A project's summary row in an earlier quarter (``schema.HISTORY_PROJECTS``)."""

    number: str = ""
    short_name: str = ""
    ops_plan: Amount = None
    ops_result: Amount = None
    fin_plan: Amount = None
    fin_result: Amount = None
    kpi_count: int | None = None
    kpi_done: int | None = None
    status: Status | None = None


@dataclass(kw_only=True)
class PastKpi(Period):
    """A KPI's result in an earlier quarter (``schema.HISTORY_KPIS``)."""

    project: str = ""
    indicator: str = ""
    target: str = ""
    result: str = ""


@dataclass(kw_only=True)
class DisbursementTarget(Period):
    """The government's cumulative disbursement targets for a quarter, in whole percent."""

    overall: Amount = None
    current: Amount = None
    investment: Amount = None


@dataclass(kw_only=True)
class YearPlan(Located):
    """A project's plan for the fiscal year: cumulative operations and finance % at each quarter's end
    (``schema.PLANS``)."""

    number: str = ""
    short_name: str = ""
    ops_q1: Amount = None
    ops_q2: Amount = None
    ops_q3: Amount = None
    ops_q4: Amount = None
    fin_q1: Amount = None
    fin_q2: Amount = None
    fin_q3: Amount = None
    fin_q4: Amount = None

    def plan(self, kind: str, quarter: int) -> Amount:
        """``kind`` "ops" or "fin": the plan % due by the end of ``quarter``."""
        return getattr(self, f"{kind}_q{quarter}")

    def cell(self, kind: str, quarter: int) -> CellRef | None:
        return self.at(f"{kind}_q{quarter}")


#: A project's plan field → the year's plan kind that gives it.
PLAN_KINDS = {"ops_plan": "ops", "fin_plan": "fin"}


@dataclass(kw_only=True)
class InputIssue(Record):
    """A cell the reader could not take at face value; the ``INPUT_*`` checks report these."""

    code: str
    where: CellRef
    params: dict[str, str] = field(default_factory=dict)
    actual: str | None = None
    fix: Any = None  # the value to type (a number as a Decimal), where the cell alone says it


@dataclass(kw_only=True)
class Quarter(Record):
    """Everything one quarter's workbook holds."""

    source_name: str = ""
    settings: Settings = field(default_factory=Settings)
    budget: list[BudgetLine] = field(default_factory=list)  # grand total included, last
    projects: list[Project] = field(default_factory=list)  # total row included, last
    kpis: list[Kpi] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    obstacles: list[Obstacle] = field(default_factory=list)
    #: Earlier quarters, as carried by ``etda-xl new --from`` (empty in a book without history).
    history_budget: list[PastLine] = field(default_factory=list)
    history_projects: list[PastProject] = field(default_factory=list)
    history_kpis: list[PastKpi] = field(default_factory=list)
    targets: list[DisbursementTarget] = field(default_factory=list)
    plans: list[YearPlan] = field(default_factory=list)  # the year's plan by quarter (empty: not kept)
    input_issues: list[InputIssue] = field(default_factory=list)
    #: Table name → the first cell of its header row, for findings about a whole table.
    tables: dict[str, CellRef] = field(default_factory=dict)
    #: Table name → (sheet, first row, first column, last row, last column), header row included: where
    #: the input tables lie, for a formula that reads outside them.
    extents: dict[str, tuple[str, int, int, int, int]] = field(default_factory=dict)

    @property
    def budget_lines(self) -> list[BudgetLine]:
        """Budget lines without the grand total."""
        return [line for line in self.budget if not line.is_total]

    @property
    def grand_total(self) -> BudgetLine | None:
        return next((line for line in self.budget if line.is_total), None)

    def line(self, code: str) -> BudgetLine | None:
        return next((line for line in self.budget if line.code == code and not line.is_total), None)

    def children(self, code: str) -> list[BudgetLine]:
        return [line for line in self.budget_lines if line.parent_code == code]

    @property
    def project_rows(self) -> list[Project]:
        return [p for p in self.projects if not p.is_total]

    @property
    def project_total(self) -> Project | None:
        return next((p for p in self.projects if p.is_total), None)

    def kpis_of(self, project: Project) -> list[Kpi]:
        return [k for k in self.kpis if k.project == project.number]

    def year_plan(self, project: Project) -> YearPlan | None:
        """The project's row of the year's plan (the first one), if the book keeps one."""
        return next((p for p in self.plans if p.number == project.number), None)


Result = TypeVar("Result")


def per_quarter(compute: Callable[[Quarter], Result]) -> Callable[[Quarter], Result]:
    """``compute(quarter)`` once per Quarter object: a quarter is not changed once read, and the
    checks, the report and the root cause all ask for the same figures. An entry goes with its Quarter."""
    cache: dict[int, tuple[weakref.ref, Result]] = {}

    @wraps(compute)
    def cached(quarter: Quarter) -> Result:
        key = id(quarter)
        hit = cache.get(key)
        if hit is not None and hit[0]() is quarter:
            return hit[1]
        result = compute(quarter)
        cache[key] = (weakref.ref(quarter, partial(_forget, cache, key)), result)
        return result

    return cached


def _forget(cache: dict, key: int, _ref: object) -> None:
    cache.pop(key, None)
