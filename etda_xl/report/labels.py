"""The report's fixed wording, in Thai (as circulated) and English.

User text (project names, KPI texts, obstacles) is never translated; only these labels change
with ``--lang``. Sheet names are at most 31 characters, as Excel requires.
"""

from __future__ import annotations

from decimal import Decimal

from .. import rules

REPORT_TITLE = {
    "th": "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก",
    "en": "Financial and mission performance report",
}

SHEETS = {
    "th": {
        "summary": "สรุปผลรายโครงการ",
        "budget": "ผลการใช้จ่ายงบประมาณ",
        "kpis": "ตัวชี้วัด ({number})",
        "kpis_none": "ตัวชี้วัด",
        "obstacles": "ปัญหาอุปสรรค",
        "charts": "กราฟ",
        "quarters": "เปรียบเทียบรายไตรมาส",
        "findings": "ข้อตรวจพบ",
    },
    "en": {
        "summary": "Summary",
        "budget": "Budget spending",
        "kpis": "KPIs ({number})",
        "kpis_none": "KPIs",
        "obstacles": "Obstacles",
        "charts": "Charts",
        "quarters": "Quarter by quarter",
        "findings": "Findings",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "th": {
        # header / footer / draft
        "period": "ปีงบประมาณ พ.ศ. {year} ไตรมาส {quarter}",
        "draft_header": "ร่าง — พบข้อผิดพลาด {errors} รายการ",
        "draft_banner": "ร่าง (DRAFT) — สมุดงานต้นทางมีข้อผิดพลาด {errors} รายการ ตัวเลขที่เกี่ยวข้องมีพื้นสีชมพู "
        "ดูรายละเอียดและเซลล์ในชีต \u201c{sheet}\u201d",
        "footer_left": "ข้อมูล ณ วันที่ {as_of} · สร้างจาก {source} ด้วย etda-xl",
        "page": "หน้า &P / &N",
        "no_data": "ยังไม่มีข้อมูล — กรอกตาราง {table} ในสมุดงานแล้วสร้างรายงานใหม่",
        # summary
        "summary_title": "(1) รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก",
        "summary_intro": "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ประจำปีงบประมาณ พ.ศ. {year} "
        "ไตรมาส {quarter} จำนวน {count} โครงการ ได้แก่",
        "summary_intro_none": "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ประจำปีงบประมาณ พ.ศ. {year} "
        "ไตรมาส {quarter}",
        "summary_heading": "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก จำแนกรายโครงการ "
        "ประจำปีงบประมาณ พ.ศ. {year} ณ ไตรมาส {quarter}",
        "col_project": "โครงการตามภารกิจหลัก ของ {agency}",
        "col_ops": "แผน/ผล การดำเนินงาน (ร้อยละ)",
        "col_fin": "แผน/ผล ด้านการเงิน (ร้อยละ)",
        "col_plan": "แผน",
        "col_result": "ผล",
        "col_kpi_count": "จำนวน\nตัวชี้วัด",
        "col_kpi_done": "ดำเนินการ\nแล้วเสร็จ",
        "col_status": "สถานะ\nความก้าวหน้า*",
        "total": "รวม",
        "legend": "หมายเหตุ : * สถานะความก้าวหน้า สีเขียว = เป็นไปตามแผน/ล่าช้าไม่เกิน {green}%, "
        "สีเหลือง = ล่าช้า {yellow_from}-{yellow}%, สีแดง = ล่าช้าเกิน {yellow}% / มีอุปสรรค",
        "legend_relative": " (ความล่าช้าคิดเป็นร้อยละของแผน)",
        "marks_legend": "พื้นสีชมพู = ตัวเลขที่มาจากเซลล์ที่มีข้อผิดพลาดในสมุดงานต้นทาง (ดูชีต \u201c{sheet}\u201d)",
        # budget
        "budget_title": "(2) ผลการใช้จ่ายงบประมาณ",
        "as_of": "ข้อมูล ณ วันที่ {date}",
        "unit": "หน่วย : ล้านบาท",
        "col_line": "สำนัก/โครงการ",
        "col_1": "แผนปฏิบัติงาน\n(1)",
        "col_2": "จ่ายจริง\n(2)",
        "col_3": "เบิกจ่ายข้ามปี\n(3)",
        "col_4": "กักเงินไว้จ่าย\nเหลือในปี (4)",
        "col_5": "ผลการใช้จ่าย\n(5)=(2)+(3)+(4)",
        "col_pct": "% ผลการใช้จ่าย",
        "grand_total": "รวมทั้งสิ้น",
        "notes": "หมายเหตุ :",
        "fn_sum": "{label}เท่ากับ ",
        "fn_sum_default": "สรุปผลการใช้จ่ายรายการที่ {lines} ทั้งหมด",
        "fn_unit_pct": " ล้านบาท คิดเป็น ",
        "fn_part": "*{label} ทั้งนี้ มีผลการใช้จ่ายรวม ",
        "fn_part_default": "รายการที่ {others} เป็นส่วนหนึ่งของ รายการ {part_of} {name}",
        "fn_unknown": "{label} — คำนวณไม่ได้: รายการไม่ครบหรืออ่านไม่ได้ (ดูชีต \u201c{sheet}\u201d)",
        # KPIs
        "kpi_title": "(3) ผลการดำเนินงานตามตัวชี้วัด โครงการ : {name}",
        "kpi_title_none": "(3) ผลการดำเนินงานตามตัวชี้วัด",
        "continued": "(ต่อ)",
        "kpi_count": "{count} ตัวชี้วัด — บรรลุ {met} ตัวชี้วัด, ไม่บรรลุ {not_met}, วัดไม่ได้ {unknown}",
        "kpi_count_in_progress": ", อยู่ระหว่างดำเนินการ {in_progress} (เป้าหมายทั้งปี ตัดสินในไตรมาส 4)",
        "col_source": "ที่มา",
        "col_indicator": "ตัวชี้วัด/ สิ่งส่งมอบ",
        "col_target": "ค่าเป้าหมาย",
        "col_kpi_result": "ผล",
        "col_met": "ผลเทียบ\nค่าเป้าหมาย",
        "col_details": "รายละเอียดสิ่งส่งมอบ",
        "no_kpis": "ยังไม่มีตัวชี้วัดของโครงการนี้ในตารางตัวชี้วัด",
        # obstacles
        "obstacles_title": "(4) ปัญหาอุปสรรคและข้อเสนอแนะ",
        "obstacle_projects": "โครงการที่มีอุปสรรค",
        "no_obstacles": "-",
        # charts
        "charts_title": "(5) กราฟ",
        "chart_fin_title": "แผน/ผล ด้านการเงิน (ร้อยละ) จำแนกรายโครงการ",
        "chart_fin_plan": "แผนด้านการเงิน",
        "chart_fin_result": "ผลด้านการเงิน",
        "chart_budget_title": "% ผลการใช้จ่ายงบประมาณ จำแนกรายการ",
        "chart_budget_series": "% ผลการใช้จ่าย",
        # quarter by quarter
        "q_title": "(6) เปรียบเทียบรายไตรมาส ปีงบประมาณ พ.ศ. {year} (ผลสะสมตั้งแต่ต้นปีงบประมาณ)",
        "q_budget": "ผลการใช้จ่ายงบประมาณสะสม รายไตรมาส",
        "q_quarter": "ไตรมาส {quarter}",
        "q_col_result": "ผลการใช้จ่าย (5)",
        "q_col_pct": "% ผลการใช้จ่าย",
        "q_col_change": "เปลี่ยนแปลงจากไตรมาสก่อน",
        "q_col_change_result": "(5)",
        "q_col_change_pct": "% (จุด)",
        "q_col_target": "เทียบเป้า\nการเบิกจ่าย\nไตรมาส {quarter}",
        "q_at_target": "ถึงเป้า",
        "q_below_target": "ต่ำกว่าเป้า",
        "q_fin": "แผน/ผล ด้านการเงิน รายโครงการ (ร้อยละ)",
        "q_ops": "แผน/ผล การดำเนินงาน รายโครงการ (ร้อยละ)",
        "q_col_project": "โครงการ",
        "q_col_change_points": "เปลี่ยนแปลงจากไตรมาสก่อน (จุด)",
        "q_target_row": "เป้าหมายการเบิกจ่ายสะสม {kind} (มติ ครม.)",
        "q_target_overall": "ภาพรวม",
        "q_target_current": "รายจ่ายประจำ",
        "q_target_investment": "รายจ่ายลงทุน",
        "q_note": "ไตรมาสก่อนหน้าจากตารางประวัติ (ชีต \u201c{sheet}\u201d) ของสมุดงาน ไตรมาสนี้ตามที่รายงานนี้แสดง; "
        "เปลี่ยนแปลง = ไตรมาสนี้ − ไตรมาสก่อน (% เป็นจุดร้อยละ); ช่องว่าง = ไม่มีข้อมูลของไตรมาสนั้น",
        "q_target_note": "เทียบกับเป้าการเบิกจ่ายภาพรวมของไตรมาสเดียวกัน: พื้นสีส้ม = ต่ำกว่าเป้า",
        "q_charts": "กราฟ: ผลการใช้จ่ายสะสมรายไตรมาส (ร้อยละ) — รวมทั้งสิ้นเทียบเป้าการเบิกจ่าย, รายโครงการผลด้านการเงินเทียบแผน",
        "q_chart_total": "รวมทั้งสิ้น: % ผลการใช้จ่ายสะสม",
        "q_chart_project": "({number}) {name}",
        "q_series_result": "ผลการใช้จ่าย",
        "q_series_fin_result": "ผลด้านการเงิน",
        "q_series_fin_plan": "แผนด้านการเงิน",
        "q_series_target": "เป้า{kind}",
        # findings
        "findings_title": "ข้อตรวจพบจากการตรวจสอบสมุดงาน {source}",
        "findings_counts": "ข้อผิดพลาด {error} รายการ, คำเตือน {warning} รายการ, ข้อสังเกต {info} รายการ",
        "sources_title": "ที่มาของตัวเลขในรายงาน",
        "col_severity": "ระดับ",
        "col_code": "รหัส",
        "col_sheet": "ชีต",
        "col_cell": "เซลล์",
        "col_message": "ข้อความ",
        "col_actual": "ค่าที่กรอก",
        "col_fix": "ค่าที่ควรกรอก",
        "no_findings": "ไม่พบปัญหา",
        "src_result": "(5) = (2)+(3)+(4) คำนวณใหม่ทุกรายการ เมื่อผลรวมต่างจาก (5) ที่กรอกไม่เกินเกณฑ์ปัดเศษ "
        f"(3 จำนวน × {rules.ROUNDING_UNIT}) รายงานแสดง (5) ตามที่กรอก เพราะเป็นตัวเลขจากแหล่งเดิมที่ปัดเศษครั้งเดียว "
        "และเป็นฐานของหมายเหตุใต้ตาราง; ถ้าต่างเกินเกณฑ์ แสดงค่าที่คำนวณใหม่",
        "src_typed": "แสดง (5) ตามที่กรอก (ต่างจากผลรวมเพียงการปัดเศษ): {items}",
        "src_computed": "แสดง (5) ที่คำนวณใหม่แทนค่าที่กรอก (ต่างเกินเกณฑ์ปัดเศษ): {items}",
        "src_typed_item": "{code} (แสดง {shown}; (2)+(3)+(4) = {sum})",
        "src_computed_item": "{code} (แสดง {shown}; กรอกไว้ {typed})",
        "src_pct": "% ผลการใช้จ่าย = (5) ÷ (1) × 100 ปัดเศษครึ่งขึ้น (แบบ ROUND ของ Excel) เป็นจำนวนเต็ม; "
        "แผน (1)–(4) แสดงตามที่กรอก",
        "src_footnotes": "หมายเหตุใต้ตารางงบประมาณ = ผลรวม (5) และ (1) ของรายการที่ระบุในตาราง tblFootnotes",
        "src_projects": "ผลด้านการเงินรายโครงการ = % ผลการใช้จ่ายของรายการงบประมาณของโครงการ; แถวรวม = "
        "ผลรวม (5) ÷ ผลรวม (1) ของทุกโครงการ; แผน/ผลการดำเนินงานและแผนด้านการเงินของแถวรวม = "
        "ค่าเฉลี่ยถ่วงน้ำหนักด้วยแผนปฏิบัติงาน (1)",
        "src_kpis": "จำนวนตัวชี้วัด = จำนวนแถวในตารางตัวชี้วัด; ดำเนินการแล้วเสร็จ = ตามที่กรอก; "
        "ผลเทียบค่าเป้าหมาย = ตัวเลขแรกของผลเทียบกับตัวเลขแรกของค่าเป้าหมาย",
        "src_status": "สถานะ = ล่าช้า (แผน − ผลการดำเนินงาน) ไม่เกิน {green} เขียว, ไม่เกิน {yellow} เหลือง, "
        "เกินนั้นหรือมีอุปสรรค แดง",
    },
    "en": {
        "period": "Fiscal year {year} (B.E.), quarter {quarter}",
        "draft_header": "DRAFT — {errors} errors found",
        "draft_banner": "DRAFT — the source workbook has {errors} errors; figures that depend on them are shaded "
        "pink. See the \u201c{sheet}\u201d sheet for each one and its cell before circulating.",
        "footer_left": "Data as of {as_of} · built from {source} by etda-xl",
        "page": "Page &P of &N",
        "no_data": "No data yet: fill in the {table} table of the workbook and build the report again",
        "summary_title": "(1) Financial and mission performance report",
        "summary_intro": "Financial and mission performance report for fiscal year {year} (B.E.), quarter {quarter}: "
        "{count} projects",
        "summary_intro_none": "Financial and mission performance report for fiscal year {year} (B.E.), "
        "quarter {quarter}",
        "summary_heading": "Financial and mission performance by project, fiscal year {year} (B.E.), quarter {quarter}",
        "col_project": "{agency} core-mission projects",
        "col_ops": "Operations plan/result (%)",
        "col_fin": "Finance plan/result (%)",
        "col_plan": "Plan",
        "col_result": "Result",
        "col_kpi_count": "KPIs",
        "col_kpi_done": "Completed",
        "col_status": "Progress\nstatus*",
        "total": "Total",
        "legend": "Note: * progress status green = on plan / late by at most {green}%, yellow = late by "
        "{yellow_from}-{yellow}%, red = late by more than {yellow}% / has an obstacle",
        "legend_relative": " (delay as a percentage of plan)",
        "marks_legend": "Pink = a figure that depends on a cell with an error in the source workbook "
        "(see \u201c{sheet}\u201d)",
        "budget_title": "(2) Budget spending",
        "as_of": "Data as of {date}",
        "unit": "Unit: million baht",
        "col_line": "Office / project",
        "col_1": "Plan\n(1)",
        "col_2": "Paid\n(2)",
        "col_3": "Carried over\n(3)",
        "col_4": "Reserved within\nthe year (4)",
        "col_5": "Result\n(5)=(2)+(3)+(4)",
        "col_pct": "% spent",
        "grand_total": "Grand total",
        "notes": "Notes:",
        "fn_sum": "{label}: ",
        "fn_sum_default": "Lines {lines} together",
        "fn_unit_pct": " million baht, ",
        "fn_part": "*{label}; together they spent ",
        "fn_part_default": "Line {others} is part of line {part_of} {name}",
        "fn_unknown": "{label}: cannot be computed, lines missing or unreadable (see \u201c{sheet}\u201d)",
        "kpi_title": "(3) KPI results, project: {name}",
        "kpi_title_none": "(3) KPI results",
        "continued": "(cont.)",
        "kpi_count": "{count} KPIs: {met} met, {not_met} not met, {unknown} not measurable",
        "kpi_count_in_progress": ", {in_progress} in progress (the year's target, judged in Q4)",
        "col_source": "Source",
        "col_indicator": "Indicator / deliverable",
        "col_target": "Target",
        "col_kpi_result": "Result",
        "col_met": "Against\ntarget",
        "col_details": "Deliverable details",
        "no_kpis": "No KPIs of this project in the KPI table yet",
        "obstacles_title": "(4) Obstacles and suggestions",
        "obstacle_projects": "Projects with an obstacle",
        "no_obstacles": "-",
        "charts_title": "(5) Charts",
        "chart_fin_title": "Finance plan/result (%) by project",
        "chart_fin_plan": "Finance plan",
        "chart_fin_result": "Finance result",
        "chart_budget_title": "% of budget spent by line",
        "chart_budget_series": "% spent",
        "q_title": "(6) Quarter by quarter, fiscal year {year} (B.E.), cumulative from the start of the year",
        "q_budget": "Cumulative budget spending by quarter",
        "q_quarter": "Q{quarter}",
        "q_col_result": "Result (5)",
        "q_col_pct": "% spent",
        "q_col_change": "Change since last quarter",
        "q_col_change_result": "(5)",
        "q_col_change_pct": "% (points)",
        "q_col_target": "Against the\ndisbursement\ntarget, Q{quarter}",
        "q_at_target": "at target",
        "q_below_target": "below target",
        "q_fin": "Finance plan/result by project (%)",
        "q_ops": "Operations plan/result by project (%)",
        "q_col_project": "Project",
        "q_col_change_points": "Change since last quarter (points)",
        "q_target_row": "Cumulative disbursement target, {kind} (cabinet resolution)",
        "q_target_overall": "overall",
        "q_target_current": "current spending",
        "q_target_investment": "investment",
        "q_note": "Earlier quarters from the workbook's history tables (the \u201c{sheet}\u201d sheet), this "
        "quarter as this report shows it; change = this quarter − last quarter (% in percentage points); blank = "
        "no figure for that quarter",
        "q_target_note": "Compared with the overall disbursement target of the same quarter: orange = below target",
        "q_charts": "Charts: cumulative % spent by quarter — the grand total against the targets, each project's "
        "finance result against its plan",
        "q_chart_total": "Grand total: cumulative % spent",
        "q_chart_project": "({number}) {name}",
        "q_series_result": "% spent",
        "q_series_fin_result": "Finance result",
        "q_series_fin_plan": "Finance plan",
        "q_series_target": "Target ({kind})",
        "findings_title": "Findings of the check of {source}",
        "findings_counts": "{error} errors, {warning} warnings, {info} notes",
        "sources_title": "Where the report's figures come from",
        "col_severity": "Severity",
        "col_code": "Code",
        "col_sheet": "Sheet",
        "col_cell": "Cell",
        "col_message": "Message",
        "col_actual": "Reads",
        "col_fix": "Type instead",
        "no_findings": "No problems found",
        "src_result": "(5) = (2)+(3)+(4) is recomputed for every line. Where the sum differs from the typed (5) by "
        f"no more than rounding (3 figures × {rules.ROUNDING_UNIT}) the report shows the typed (5): "
        "it is the source's own figure, rounded once, and the footnotes are based on it. Beyond rounding "
        "it shows the recomputed sum.",
        "src_typed": "(5) shown as typed (differs from the sum by rounding only): {items}",
        "src_computed": "(5) recomputed instead of the typed value (beyond rounding): {items}",
        "src_typed_item": "{code} (shows {shown}; (2)+(3)+(4) = {sum})",
        "src_computed_item": "{code} (shows {shown}; typed {typed})",
        "src_pct": "% spent = (5) ÷ (1) × 100, rounded half up (like Excel's ROUND) to a whole percent; "
        "(1)–(4) are shown as typed",
        "src_footnotes": "Budget footnotes = the sum of (5) and of (1) over the lines named in tblFootnotes",
        "src_projects": "Project finance result = the % spent of the project's budget line; total row = sum of (5) "
        "÷ sum of (1) over all projects; the total row's operations plan/result and finance plan are means "
        "weighted by plan (1)",
        "src_kpis": "KPI count = rows in the KPI table; completed = as typed; against target = the result's first "
        "number compared with the target's first number",
        "src_status": "Status = delay (plan − operations result) at most {green}: green, at most {yellow}: yellow, "
        "more or an obstacle: red",
    },
}


def text(lang: str, key: str, **params: object) -> str:
    return TEXT[lang][key].format(**params)


def sheet_name(lang: str, key: str, **params: object) -> str:
    return SHEETS[lang][key].format(**params)[:31]


def plain_number(value: Decimal) -> str:
    """A threshold as people write it: 5 → "5", 5.1 → "5.1" (no exponent, no trailing zeros)."""
    text_value = f"{value.normalize():f}"
    return text_value


def next_step(value: Decimal) -> Decimal:
    """The first delay above a threshold, as the legend prints it: one unit of the threshold's
    last decimal place, and at least a tenth (5 → 5.1, 5.5 → 5.6, 5.05 → 5.06, 10 → 10.1)."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int), value  # a threshold is a finite number
    return value + Decimal(1).scaleb(min(exponent, -1))
