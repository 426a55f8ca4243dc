"""The rules at cell level, for spreadsheet skins: a value as a live sheet hands it over → what the cell shows.

The Excel UDFs (``udfs/etda_udfs.py``) call these for every row, and the template builder calls them
for the saved value of every formula cell it writes, so a formula's cached value is exactly what the
UDF computes in Excel. Each argument is read by the schema column it comes from (``schema``) with
the reader's own parser (``parsers.parse``), so a UDF accepts, refuses and words a cell exactly as
``etda-xl check`` does; each result is a thin composition of ``rules``. Problems come back as text
for the cell — "ค่าไม่ใช่ตัวเลข: 'abc'" — in the report's language, never as an exception.

Imports stay light (no pydantic, openpyxl, pandas): a UDF module imports this at load time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import parsers, rules, schema
from .schema import Column

#: What a formula cell shows when its inputs are blank: an empty string, which the reader reads as blank.
BLANK = ""

LANGS = ("th", "en")


@dataclass(frozen=True)
class Formatted:
    """A cell's value with its number format, as a UDF reads a referenced cell (``udfs``' converter)."""

    value: Any
    number_format: str | None = None


def unwrap(value: Any) -> tuple[Any, str | None]:
    """(value, number format) of a cell; a bare value has no format (None)."""
    if isinstance(value, Formatted):
        return value.value, value.number_format
    return value, None


class CellProblem(Exception):
    """An input a cell formula cannot use; shown in the cell with the reader's ``INPUT_*`` message."""

    def __init__(self, code: str, value: Any, **params: str) -> None:
        super().__init__(code)
        self.code, self.value, self.params = code, value, params

    def text(self, lang: str = "th") -> str:
        return parsers.message(self.code, lang, **{"value": _shown(self.value), **self.params})


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def argument(column: Column, value: Any, around: frozenset[str] = frozenset()) -> Any:
    """One UDF argument read by its schema column: the parsed value (the column's default when blank);
    CellProblem with the reader's first error when the reader would report one. ``around``: for a
    percentage, how the cells beside it are typed (``parsers.styles_of``)."""
    raw, number_format = unwrap(value)
    parsed = parsers.parse(column, raw, number_format, around)
    error = next((p for p in parsed.problems if p.severity == "error"), None)
    if error is not None:
        params = dict(error.params)
        raise CellProblem(error.code, params.pop("value", raw), **params)  # worded as the reader words it
    return parsed.value


def language(value: Any) -> str:
    """``"th"`` or ``"en"`` from a settings cell; anything else (blank included) is Thai."""
    word = parsers.text(unwrap(value)[0]).lower()
    return word if word in LANGS else "th"


def is_blank(value: Any) -> bool:
    return parsers.is_blank(unwrap(value)[0])


def text(value: Any) -> str:
    """A cell as text, the way the reader reads text columns (5.0 → "5", a date → 2020-09-30)."""
    return parsers.text(*unwrap(value))


#: A plain number (no bounds but the reader's 10¹⁵): how a percentage argument's figure is read first.
_NUMBER = Column("number", "number", kind=schema.Kind.AMOUNT)


def whole_percent(value: Any, number_format: str | None = None) -> tuple[Decimal, bool]:
    """A percentage cell → (whole percent as shown, whether it was a bare fraction): ``parsers.whole_percent``."""
    raw, wrapped_format = unwrap(value)
    number = argument(_NUMBER, raw)
    if number is None:
        raise CellProblem("INPUT_MISSING", raw)
    read = parsers.whole_percent(raw, number_format or wrapped_format, number)
    if read is None:
        raise CellProblem("INPUT_PCT_AMBIGUOUS", raw)
    return read


def excel_number(value: Decimal) -> float:
    """Decimal → float, only here at the Excel boundary."""
    return float(value)


def excel_value(value: Any) -> Any:
    """A finding's expected/actual for a cell: Decimal → float (only here), None → blank, a list → "a, b"."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return excel_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


# --- the formula columns ------------------------------------------------------------------------

_BUDGET, _PROJECTS, _KPIS = schema.BUDGET.column, schema.PROJECTS.column, schema.KPIS.column


def spend(paid: Any, carried: Any, reserved: Any, lang: str = "th") -> float | str:
    """ผลการใช้จ่าย (5) = (2) + (3) + (4); blank while any of them is blank."""
    try:
        amounts = [argument(_BUDGET(f), v) for f, v in (("paid", paid), ("carried", carried), ("reserved", reserved))]
    except CellProblem as problem:
        return problem.text(lang)
    if any(a is None for a in amounts):
        return BLANK
    return excel_number(rules.spend_result(*amounts))


def spend_pct(result: Any, plan: Any, decimals: Any = None, lang: str = "th") -> float | str:
    """% ผลการใช้จ่าย = (5) / (1), whole percent rounded half-up; "ไม่มีแผน" when the plan is zero."""
    try:
        places = argument(schema.setting("pct_decimals"), decimals)
        spent, planned = argument(_BUDGET("result"), result), argument(_BUDGET("plan"), plan)
    except CellProblem as problem:
        return problem.text(lang)
    if spent is None or planned is None:
        return BLANK
    pct = rules.spend_pct(spent, planned, places)
    return rules.NO_PLAN_TEXT[lang] if pct is None else excel_number(pct)


def status(
    plan: Any,
    actual: Any,
    obstacle: Any = None,
    green_max: Any = None,
    yellow_max: Any = None,
    relative: Any = None,
    lang: str = "th",
) -> str:
    """สถานะความก้าวหน้า: เขียว / เหลือง / แดง by the report's legend; blank without plan and result."""
    try:
        around = parsers.styles_of(unwrap(v) for v in (plan, actual))  # a bare 1 is judged with its partner
        plan_pct = argument(_PROJECTS("ops_plan"), plan, around)
        actual_pct = argument(_PROJECTS("ops_result"), actual, around)
        thresholds = rules.StatusThresholds(
            argument(schema.setting("green_max"), green_max),
            argument(schema.setting("yellow_max"), yellow_max),
            argument(schema.setting("relative_delay"), relative),
        )
        has_obstacle = argument(_PROJECTS("obstacle"), obstacle)
    except CellProblem as problem:
        return problem.text(lang)
    if plan_pct is None or actual_pct is None:
        return BLANK
    return rules.status_label(rules.status(plan_pct, actual_pct, has_obstacle, thresholds), lang)


def kpi_met(
    target: Any,
    result: Any,
    direction: Any = None,
    indicator: Any = None,
    lang: str = "th",
    quarter: Any = None,
    quarter_target: Any = None,
) -> str:
    """บรรลุ / ไม่บรรลุ / อยู่ระหว่างดำเนินการ: the result against this quarter's target when given, else
    the year's (in progress below it before Q4), in the KPI's direction (blank = inferred)."""
    if is_blank(target) and is_blank(result):
        return BLANK
    try:
        parsed = argument(_KPIS("direction"), direction)
        number = argument(schema.setting("quarter"), quarter)
    except CellProblem as problem:
        return problem.text(lang)
    from .compute import assess_kpi  # deferred: the model and the figures load on the first KPI
    from .model import Kpi

    kpi = Kpi(project="", indicator=text(indicator), target=text(target), result=text(result), direction=parsed,
              quarter_target=text(quarter_target))  # fmt: skip
    return rules.KPI_STATE_LABELS[lang][assess_kpi(kpi, number).state]
