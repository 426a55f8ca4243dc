"""The rules at cell level, for spreadsheet skins: a value as a live sheet hands it over → what the cell shows.

The Excel UDFs (``udfs/etda_udfs.py``) call these for every row, and the template builder calls them
for the saved value of every formula cell it writes, so a formula's cached value is exactly what the
UDF computes in Excel. Each function is a thin composition of ``rules`` (and ``compute`` for KPIs);
nothing here decides a figure. Problems come back as readable text for the cell — "ค่าไม่ใช่ตัวเลข:
'abc'" — in the report's language, never as an exception.

Imports stay light (no pydantic, openpyxl, pandas): a UDF module imports this at load time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import layout, rules
from .money import plain, round_half_up, to_decimal

#: What a formula cell shows when its inputs are blank: an empty string, which the reader reads as blank.
BLANK = ""

#: Labels of the KPI-met column: met, not met, cannot be judged (no number in the target or result).
KPI_MET_LABELS = {
    "th": {True: "บรรลุ", False: "ไม่บรรลุ", None: "วัดไม่ได้"},
    "en": {True: "met", False: "not met", None: "not measurable"},
}

LANGS = ("th", "en")

#: No figure in this report comes near 10¹⁵ (million baht); larger is a paste accident. One limit
#: for the reader and the UDFs, with the same INPUT_OUT_OF_RANGE message.
MAX_FIGURE = 10**15
OUT_OF_RANGE_HINT = f"< {MAX_FIGURE:,}"

#: The KPI direction list: items that cannot start a formula when picked ("=" would in Excel).
DIRECTION_CHOICES = ("≥", "≤", "เท่ากับ")
DIRECTION_HINT = " / ".join(DIRECTION_CHOICES)


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
    """An input a cell formula cannot use; shown in the cell with the matching ``INPUT_*`` message."""

    def __init__(self, code: str, value: Any, **params: str) -> None:
        super().__init__(code)
        self.code, self.value, self.params = code, value, params

    def text(self, lang: str = "th") -> str:
        from .checks.inputs import INPUT_CHECKS  # deferred: only an error pays for the checks

        _severity, th, en = INPUT_CHECKS[self.code]
        params = {"value": show(self.value), "fix": "", "field": "", "allowed": "", **self.params}
        return (th if lang == "th" else en).format(**params)


def language(value: Any) -> str:
    """``"th"`` or ``"en"`` from a settings cell; anything else (blank included) is Thai."""
    word = text(value).lower()
    return word if word in LANGS else "th"


def is_blank(value: Any) -> bool:
    value = unwrap(value)[0]
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: Any) -> str:
    """A value as the reader quotes it in messages."""
    return "" if value is None else str(value)


def text(value: Any) -> str:
    """A cell as text, the way the reader reads text columns (5.0 → "5", a date → 2020-09-30)."""
    value = unwrap(value)[0]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def number(value: Any) -> Decimal | None:
    """An amount or percentage: numbers, "-" for zero, text numbers, Thai digits, a trailing %.

    None when blank; CellProblem("INPUT_NOT_NUMBER") when not a number, ("INPUT_OUT_OF_RANGE") when
    10¹⁵ or more, as the reader says.
    """
    value = unwrap(value)[0]
    if is_blank(value):
        return None
    if isinstance(value, bool | datetime | date):
        raise CellProblem("INPUT_NOT_NUMBER", value)
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    found = to_decimal(value)
    if found is None:
        raise CellProblem("INPUT_NOT_NUMBER", value)
    if abs(found) >= MAX_FIGURE:
        raise CellProblem("INPUT_OUT_OF_RANGE", value, allowed=OUT_OF_RANGE_HINT)
    return found


# --- percentages: one rule for the reader and the UDFs -------------------------------------------


def unquoted(number_format: str) -> str:
    """A number format without its quoted literal text: ``0"%"`` → ``0``."""
    return "".join(part for i, part in enumerate(number_format.split('"')) if i % 2 == 0)


def is_percent_format(number_format: str | None) -> bool:
    """True for formats like ``0%`` that show a fraction ×100; false for ``0"%"`` (quoted text)."""
    return bool(number_format) and "%" in unquoted(number_format).replace("\\%", "")  # type: ignore[arg-type]


def shown_decimals(number_format: str | None) -> int | None:
    """Decimals a number format shows: "0%" → 0, "#,##0.00" → 2; None for General (all digits)."""
    section = unquoted((number_format or "General").split(";")[0])
    if "0" not in section and "#" not in section:
        return None
    decimals = re.search(r"\.([0#]+)", section)
    return len(decimals.group(1)) if decimals else 0


def whole_percent(value: Any, number_format: str | None = None, parsed: Decimal | None = None) -> tuple[Decimal, bool]:
    """A percentage cell → (whole percent as shown, whether it was a bare fraction).

    ``value`` is what the cell holds, ``number_format`` its format, ``parsed`` the number read from it
    (``number(value)`` when not given; the reader passes its own, with its issues noted). The rule:

    - a number in a cell formatted as a percentage (``0%``) is a fraction Excel shows ×100: 1 shows 100%;
    - otherwise a number strictly between 0 and 1 (0.84 typed where 84 is meant) is a bare fraction:
      read ×100, and the second value is True (the reader warns INPUT_PCT_FRACTION);
    - text ending in "%" ("0.5%") says its unit itself: that many percent;
    - a number is then rounded to the decimals its format shows, so it reads as Excel displays it.
    """
    value, wrapped_format = unwrap(value)
    number_format = number_format or wrapped_format
    found = number(value) if parsed is None else parsed
    if found is None:
        raise CellProblem("INPUT_MISSING", value)
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    explicit = isinstance(value, str) and value.strip().endswith("%")
    fraction = False
    if numeric and is_percent_format(number_format):
        found *= 100
    elif not explicit and 0 < abs(found) < 1:
        found *= 100
        fraction = True
    shown = shown_decimals(number_format) if numeric else None
    return plain(round_half_up(found, shown) if shown is not None else found), fraction


def percent(value: Any) -> Decimal | None:
    """A percentage argument of a cell formula (a value, or a ``Formatted`` cell): whole percent, None if blank."""
    if is_blank(value):
        return None
    return whole_percent(value)[0]


def whole(value: Any, allowed: range, hint: str) -> int | None:
    found = number(value)
    if found is None:
        return None
    if found != found.to_integral_value() or int(found) not in allowed:
        raise CellProblem("INPUT_OUT_OF_RANGE", value, allowed=hint)
    return int(found)


def flag(value: Any, default: bool = False) -> bool:
    """มี / ไม่มี, ใช่ / ไม่ใช่, yes / no, TRUE / FALSE; blank is ``default``."""
    if is_blank(value):
        return default
    word = text(value).casefold()
    if word in layout.YES_WORDS:
        return True
    if word in layout.NO_WORDS:
        return False
    raise CellProblem("INPUT_BAD_CHOICE", value, allowed="มี / ไม่มี (yes / no)")


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


def spend(paid: Any, carried: Any, reserved: Any, lang: str = "th") -> float | str:
    """ผลการใช้จ่าย (5) = (2) + (3) + (4); blank while any of them is blank."""
    try:
        amounts = [number(v) for v in (paid, carried, reserved)]
    except CellProblem as problem:
        return problem.text(lang)
    if any(a is None for a in amounts):
        return BLANK
    return excel_number(rules.spend_result(*amounts))  # type: ignore[arg-type]


def spend_pct(result: Any, plan: Any, decimals: Any = None, lang: str = "th") -> float | str:
    """% ผลการใช้จ่าย = (5) / (1), whole percent rounded half-up; "ไม่มีแผน" when the plan is zero."""
    try:
        places = whole(decimals, range(0, 5), "0-4") or 0
        spent, planned = number(result), number(plan)
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
        plan_pct, actual_pct = percent(plan), percent(actual)
        has_obstacle = flag(obstacle)
        defaults = rules.StatusThresholds()
        green, yellow = number(green_max), number(yellow_max)
        thresholds = rules.StatusThresholds(
            defaults.green_max if green is None else green,
            defaults.yellow_max if yellow is None else yellow,
            flag(relative, defaults.relative),
        )
    except CellProblem as problem:
        return problem.text(lang)
    if plan_pct is None or actual_pct is None:
        return BLANK
    return rules.status_label(rules.status(plan_pct, actual_pct, has_obstacle, thresholds), lang)


def kpi_met(target: Any, result: Any, direction: Any = None, indicator: Any = None, lang: str = "th") -> str:
    """บรรลุ / ไม่บรรลุ: the result against the target in the KPI's direction (blank = inferred)."""
    from .compute import assess_kpi  # deferred: the model (pydantic) loads on the first KPI
    from .model import Kpi

    if is_blank(target) and is_blank(result):
        return BLANK
    parsed = None
    if not is_blank(direction):
        parsed = rules.parse_direction(text(direction))
        if parsed is None:
            return CellProblem("INPUT_BAD_CHOICE", direction, allowed=DIRECTION_HINT).text(lang)
    kpi = Kpi(project="", indicator=text(indicator), target=text(target), result=text(result), direction=parsed)
    return KPI_MET_LABELS[lang][assess_kpi(kpi).met]
