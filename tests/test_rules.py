from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etda_xl import rules
from etda_xl.rules import Direction, Quantity, Status, StatusThresholds


def test_spend_result_is_the_sum_of_paid_carried_reserved():
    # line 1.2.2 Digital Governance of the seed
    assert rules.spend_result(D("4.1600"), D("0.3744"), D("22.8505")) == D("27.3849")


@pytest.mark.parametrize(
    ("result", "plan", "decimals", "expected"),
    [
        ("27.3849", "28.6188", 0, "96"),  # 1.2.2
        ("226.5563", "269.8416", 0, "84"),  # footnote 1: 1.2.2-1.3.4
        ("57.5575", "93.0448", 0, "62"),  # footnote 2: 1.3.4 + 1.3.5
        ("52.8525", "88.3398", 0, "60"),  # 1.3.4: 59.83 rounds up
        ("45.1584", "80.8109", 0, "56"),
        ("1", "8", 1, "12.5"),
        ("845", "1000", 0, "85"),  # 84.5 goes up, as in Excel
    ],
)
def test_spend_pct(result, plan, decimals, expected):
    assert rules.spend_pct(D(result), D(plan), decimals) == D(expected)


def test_spend_pct_without_a_plan_is_no_plan_not_an_error():
    assert rules.spend_pct(D("4.7050"), D(0)) is None
    assert rules.NO_PLAN_TEXT["th"] == "ไม่มีแผน"


@pytest.mark.parametrize(
    ("plan", "actual", "obstacle", "expected"),
    [
        (100, 100, False, Status.GREEN),
        (100, 95, False, Status.GREEN),  # delay 5 is still green
        (100, 94.9, False, Status.YELLOW),  # 5.1 is yellow
        (100, 80, False, Status.YELLOW),  # 20 is still yellow
        (100, 79.9, False, Status.RED),
        (100, 100, True, Status.RED),  # an obstacle makes it red
        (50, 60, False, Status.GREEN),  # ahead of plan
    ],
)
def test_status_follows_the_legend(plan, actual, obstacle, expected):
    assert rules.status(D(str(plan)), D(str(actual)), obstacle) is expected


def test_status_thresholds_are_settings():
    tight = StatusThresholds(green_max=D(2), yellow_max=D(10))
    assert rules.status(D(100), D(97), thresholds=tight) is Status.YELLOW
    assert rules.status(D(100), D(89), thresholds=tight) is Status.RED


def test_relative_delay():
    assert rules.delay(D(50), D(45)) == D(5)
    assert rules.delay(D(50), D(45), relative=True) == D(10)
    assert rules.status(D(50), D(45), thresholds=StatusThresholds(relative=True)) is Status.YELLOW


def test_status_labels():
    assert rules.status_label(Status.GREEN) == "เขียว"
    assert rules.status_label(Status.RED, "en") == "red"
    assert rules.parse_status("สีเหลือง") is Status.YELLOW
    assert rules.parse_status("Green") is Status.GREEN
    assert rules.parse_status("ม่วง") is None


_ORDER = {Status.GREEN: 0, Status.YELLOW: 1, Status.RED: 2}
percent = st.decimals(min_value=0, max_value=100, places=2)


@given(percent, percent, percent, st.booleans())
def test_status_never_improves_as_delay_grows(plan, actual, lower, obstacle):
    worse = min(actual, lower)
    assert _ORDER[rules.status(plan, worse, obstacle)] >= _ORDER[rules.status(plan, actual, obstacle)]


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("5 ฉบับ", "5", "ฉบับ"),
        ("ร้อยละ 80", "80", "ร้อยละ"),
        ("100 คะแนน", "100", "คะแนน"),
        ("12 เดือน", "12", "เดือน"),
        ("1,000 คน", "1000", "คน"),
        ("107,841 Engagement", "107841", "Engagement"),
        ("๑๒ เดือน", "12", "เดือน"),
        ("94.59", "94.59", None),
        ("80%", "80", "ร้อยละ"),
        ("100 คะแนน <small>เสนอ (ร่าง) พ.ร.ฎ.</small>", "100", "คะแนน"),
        ("75 (ร่าง) ยุทธศาสตร์ฯ ผ่านความเห็นชอบ", "75", None),
        ("20 โครงสร้างเอกสาร", "20", "โครงสร้างเอกสาร"),
    ],
)
def test_parse_quantity(text, number, unit):
    assert rules.parse_quantity(text) == Quantity(D(number), unit)


@pytest.mark.parametrize("text", ["", "ตามแผน", "-"])
def test_parse_quantity_without_a_number(text):
    assert rules.parse_quantity(text) is None


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("สามารถดำเนินการได้ภายในปีงบประมาณ", Direction.AT_MOST),
        ("สามารถดำเนินการได้ภายในวงเงินงบประมาณที่ได้รับ", Direction.AT_MOST),
        ("ระยะเวลาตอบสนองไม่เกิน 2 ชั่วโมง", Direction.AT_MOST),
        ("จำนวนกำลังคนด้านดิจิทัลที่เพิ่มขึ้นต่อปี", Direction.AT_LEAST),
        # a rate measured within a time window is still "more is better"
        ("ร้อยละของการแจ้งเตือน … โดย ThaiCERT ภายใน 1 ชั่วโมงหลังจากได้ผลการวิเคราะห์", Direction.AT_LEAST),
        ("กิจกรรมสนับสนุน … ไม่น้อยกว่าร้อยละ 10", Direction.AT_LEAST),
    ],
)
def test_infer_direction(indicator, expected):
    assert rules.infer_direction(indicator) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("≥", Direction.AT_LEAST), (">=", Direction.AT_LEAST), ("ไม่เกิน", Direction.AT_MOST), ("=", Direction.EXACTLY)],
)
def test_parse_direction(text, expected):
    assert rules.parse_direction(text) is expected


@pytest.mark.parametrize(
    ("target", "result", "direction", "met"),
    [
        ("ร้อยละ 80", "94.59", Direction.AT_LEAST, True),
        ("100 คะแนน", "75", Direction.AT_LEAST, False),
        ("12 เดือน", "12", Direction.AT_MOST, True),
        ("12 เดือน", "13", Direction.AT_MOST, False),
        ("1,000 คน", "1,161", Direction.AT_LEAST, True),
        ("5 ฉบับ", "5", Direction.EXACTLY, True),
    ],
)
def test_kpi_met(target, result, direction, met):
    assert rules.kpi_met(rules.parse_quantity(target), rules.parse_quantity(result), direction) is met


@pytest.mark.parametrize(
    ("difference", "terms", "kind"),
    [
        ("0", 3, "exact"),
        ("0.0001", 3, "rounding"),
        ("0.00015", 3, "rounding"),
        ("0.0002", 3, "error"),
        ("0.0010", 3, "error"),
    ],
)
def test_rounding_versus_error(difference, terms, kind):
    assert rules.sum_difference_kind(D(difference), terms) == kind
    assert rules.sum_difference_kind(-D(difference), terms) == kind


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1.00015", "1.0002"),
        ("1.00014", "1.0001"),
        ("4.705", "4.7050"),
        ("102.8978", "102.8978"),
        ("0.00005", "0.0001"),
    ],
)
def test_amounts_are_shown_to_4_decimals_half_up(amount, shown):
    """What a reader sees, and what every sum is decided on: paid 1.00015 shows 1.0002."""
    assert str(rules.shown(D(amount))) == shown
