"""The report's business rules, in one place: spending, percentages, delay, status, KPI targets.

Pure functions over Decimal and text. Every skin (CLI, checks, report, Excel UDFs) calls these;
no rule is written anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .decimals import parse_number_text, round_half_up, thai_to_arabic_digits

HUNDRED = Decimal(100)

# --- spending -------------------------------------------------------------------------------


def spend_result(paid: Decimal, carried: Decimal, reserved: Decimal) -> Decimal:
    """ผลการใช้จ่าย (5) = จ่ายจริง (2) + เบิกจ่ายข้ามปี (3) + กักเงินไว้จ่ายเหลือในปี (4)."""
    return paid + carried + reserved


def spend_pct(result: Decimal, plan: Decimal, decimals: int = 0) -> Decimal | None:
    """% ผลการใช้จ่าย = (5) / (1) × 100, rounded half-up to ``decimals``.

    None means "no plan" (plan is zero): there is no percentage to show, not a division error.
    """
    if plan == 0:
        return None
    return round_half_up(result / plan * HUNDRED, decimals)


NO_PLAN_TEXT = {"th": "ไม่มีแผน", "en": "no plan"}


def weighted_pct(values: list[Decimal | None], weights: list[Decimal | None], decimals: int = 0) -> Decimal | None:
    """The summary's total row for operations plan/result and finance plan: the projects'
    percentages weighted by their budget plan (1), rounded half up; the plain mean when a weight is
    missing or all are zero. With every value 100 it is 100, whatever the weights."""
    if not values or any(v is None for v in values):
        return None
    known = [v for v in values if v is not None]
    if any(w is None for w in weights) or sum((w for w in weights if w is not None), Decimal(0)) == 0:
        return round_half_up(sum(known, Decimal(0)) / len(known), decimals)
    pairs = zip(known, [w for w in weights if w is not None], strict=True)
    total = sum((w for w in weights if w is not None), Decimal(0))
    return round_half_up(sum((v * w for v, w in pairs), Decimal(0)) / total, decimals)


#: Amounts are shown to 4 decimals, so each shown figure may be off by half a unit of the 4th.
SHOWN_DECIMALS = 4
SHOWN_UNIT = Decimal(1).scaleb(-SHOWN_DECIMALS)  # 0.0001: one step of a figure as shown
ROUNDING_UNIT = SHOWN_UNIT / 2


def amount_format(sign: str = "", pad: str = "") -> str:
    """Excel's number format for an amount as shown: thousands, ``SHOWN_DECIMALS`` decimals, "-" for 0;
    ``sign`` "+" shows a change's sign, ``pad`` (Excel's "_ ") keeps a space from the cell's border."""
    digits = "#,##0." + "0" * SHOWN_DECIMALS
    return f'{sign}{digits}{pad};-{digits}{pad};"-"{pad}'


def shown(amount: Decimal) -> Decimal:
    """An amount as the report shows it: 4 decimals (117.356 → 117.3560)."""
    return round_half_up(amount, SHOWN_DECIMALS)


def shown_if_any(amount: Decimal | None) -> Decimal | None:
    """``shown`` of a figure that may be blank (None stays None)."""
    return None if amount is None else shown(amount)


def shown_sum(amounts) -> Decimal | None:
    """The sum of figures as shown (4 decimals); None when one is missing (blank)."""
    total = Decimal(0)
    for amount in amounts:
        if amount is None:
            return None
        total += shown(amount)
    return total


def sum_difference_kind(difference: Decimal, terms: int) -> str:
    """ "exact", "rounding" or "error" for a shown total that differs from the sum of its shown terms.

    A sum of ``terms`` figures each rounded to 4 decimals may honestly miss the shown total by up
    to ``terms × 0.00005``; anything more is a wrong figure.
    """
    if difference == 0:
        return "exact"
    return "rounding" if abs(difference) <= terms * ROUNDING_UNIT else "error"


# --- progress status --------------------------------------------------------------------------


class Status(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


STATUS_LABELS = {
    "th": {Status.GREEN: "เขียว", Status.YELLOW: "เหลือง", Status.RED: "แดง"},
    "en": {Status.GREEN: "green", Status.YELLOW: "yellow", Status.RED: "red"},
}

#: Fill colours used wherever a status is shown (report cells, template conditional formats).
STATUS_COLOURS = {Status.GREEN: "#92D050", Status.YELLOW: "#FFFF00", Status.RED: "#FF0000"}


@dataclass(frozen=True)
class StatusThresholds:
    """Delay limits in percentage points (or percent of plan with ``relative``)."""

    green_max: Decimal = Decimal(5)
    yellow_max: Decimal = Decimal(20)
    relative: bool = False


#: The report's legend: green up to 5 points late, yellow up to 20 (the settings' defaults).
DEFAULT_THRESHOLDS = StatusThresholds()


def delay(plan_pct: Decimal, actual_pct: Decimal, relative: bool = False) -> Decimal:
    """How far progress lags the plan: points (plan − actual), or percent of plan when relative."""
    lag = plan_pct - actual_pct
    if not relative:
        return lag
    return lag / plan_pct * HUNDRED if plan_pct else Decimal(0)


def status(
    plan_pct: Decimal,
    actual_pct: Decimal,
    obstacle: bool = False,
    thresholds: StatusThresholds = StatusThresholds(),
) -> Status:
    """สถานะความก้าวหน้า, as the report's legend defines it.

    เขียว = on plan or late by at most ``green_max`` (5); เหลือง = late by at most ``yellow_max``
    (5.1–20); แดง = later than that, or the project has an obstacle (มีอุปสรรค).
    """
    if obstacle:
        return Status.RED
    lag = delay(plan_pct, actual_pct, thresholds.relative)
    if lag <= thresholds.green_max:
        return Status.GREEN
    if lag <= thresholds.yellow_max:
        return Status.YELLOW
    return Status.RED


def status_label(value: Status, lang: str = "th") -> str:
    return STATUS_LABELS[lang][value]


def parse_status(text: str) -> Status | None:
    """``"เขียว"``, ``"Green"``, ``"สีเขียว"`` → Status.GREEN; None when not a status word."""
    word = text.strip().casefold().removeprefix("สี")
    for labels in STATUS_LABELS.values():
        for value, label in labels.items():
            if word == label.casefold():
                return value
    return None


# --- KPI targets ------------------------------------------------------------------------------


class Direction(StrEnum):
    AT_LEAST = "≥"
    AT_MOST = "≤"
    EXACTLY = "="


_DIRECTION_WORDS = {
    Direction.AT_LEAST: (">=", "≥", "=>", "ไม่น้อยกว่า", "at least", "min"),
    Direction.AT_MOST: ("<=", "≤", "=<", "ไม่เกิน", "ไม่มากกว่า", "at most", "max"),
    Direction.EXACTLY: ("=", "เท่ากับ", "exactly"),
}


def parse_direction(text: str) -> Direction | None:
    """The direction column: ≥ / ≤ / = (or >=, ไม่น้อยกว่า, ไม่เกิน, …). None when blank or unknown."""
    word = text.strip().casefold()
    for direction, words in _DIRECTION_WORDS.items():
        if word in words:
            return direction
    return None


def infer_direction(indicator: str) -> Direction:
    """Direction of a KPI when its direction cell is blank.

    "ไม่เกิน" (not more than) means the result must stay at or below the target, and so does
    "ภายใน" (within a time or budget) — except in an indicator that counts or rates something
    ("จำนวน…", "ร้อยละของ…"), which is met by reaching the target even when it mentions a time
    window ("… ภายใน 1 ชั่วโมง").
    """
    text = indicator.strip()
    if "ไม่เกิน" in text or "ไม่มากกว่า" in text:
        return Direction.AT_MOST
    if text.startswith(("จำนวน", "ร้อยละ")) or "ไม่น้อยกว่า" in text:
        return Direction.AT_LEAST
    return Direction.AT_MOST if "ภายใน" in text else Direction.AT_LEAST


@dataclass(frozen=True)
class Quantity:
    """A number read from KPI text, with the unit written next to it (if any)."""

    number: Decimal
    unit: str | None


_TAGS = re.compile(r"<[^>]{0,500}>")
_FIRST_NUMBER = re.compile(r"(?<![\d.])[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])[+-]?\d+(?:\.\d+)?")
_PERCENT_WORDS = ("ร้อยละ", "%")


def parse_quantity(text: str) -> Quantity | None:
    """``"5 ฉบับ"`` → 5 ฉบับ; ``"ร้อยละ 80"`` → 80 ร้อยละ; ``"107,841 Engagement"`` → 107841 Engagement.

    Reads the first number (Thai digits and thousands separators allowed; HTML tags copied from
    other documents are ignored) and the word after it as the unit; "ร้อยละ" before the number or
    "%" after it make the unit ร้อยละ. None when the text holds no number.
    """
    plain = thai_to_arabic_digits(_TAGS.sub(" ", text)).replace("−", "-")
    match = _FIRST_NUMBER.search(plain)
    if not match:
        return None
    number = parse_number_text(match.group())
    if number is None:
        return None
    before, after = plain[: match.start()].strip(), plain[match.end() :].strip()
    if before.endswith(_PERCENT_WORDS) or after.startswith("%"):
        return Quantity(number, "ร้อยละ")
    # A bracketed remark after the number ("75 (ร่าง) …") is not a unit.
    unit = after.split()[0].rstrip(".,;:") if after else ""
    return Quantity(number, unit if unit[:1].isalpha() else None)


class KpiState(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    IN_PROGRESS = "in progress"  # before the year ends, against the year's target
    UNMEASURABLE = "not measurable"  # no number in the target or the result


#: Words for a KPI's state wherever it is shown (the ETDA_KPI_MET column, the report's KPI tables).
KPI_STATE_LABELS: dict[str, dict[KpiState, str]] = {
    "th": {KpiState.MET: "บรรลุ", KpiState.NOT_MET: "ไม่บรรลุ", KpiState.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
           KpiState.UNMEASURABLE: "วัดไม่ได้"},
    "en": {state: state.value for state in KpiState},
}  # fmt: skip


def is_final(quarter: int | None, quarterly_target: bool) -> bool:
    """A KPI is judged met or not met in Q4, against the year's target, or in any quarter against a
    target given for that quarter; before, against the year's target, it is still in progress."""
    return quarterly_target or quarter is None or quarter >= 4


def kpi_state(target: Quantity | None, result: Quantity | None, direction: Direction, final: bool) -> KpiState:
    """Met, not met, or in progress while the year's target is not due: a result reaching an "at least"
    target is met early; one beyond an "at most" limit has failed early (results accumulate); the rest
    waits for Q4."""
    if target is None or result is None:
        return KpiState.UNMEASURABLE
    met = kpi_met(target, result, direction)
    if final:
        return KpiState.MET if met else KpiState.NOT_MET
    if direction is Direction.AT_MOST:
        return KpiState.IN_PROGRESS if met else KpiState.NOT_MET
    return KpiState.MET if met else KpiState.IN_PROGRESS


def kpi_met(target: Quantity, result: Quantity, direction: Direction) -> bool:
    """Whether a KPI result meets its target in the given direction."""
    if direction is Direction.AT_MOST:
        return result.number <= target.number
    if direction is Direction.EXACTLY:
        return result.number == target.number
    return result.number >= target.number


def units_differ(target: Quantity, result: Quantity) -> bool:
    """Both sides name a unit and the units differ ("คน" vs "Engagement")."""
    return bool(target.unit and result.unit and target.unit != result.unit)
