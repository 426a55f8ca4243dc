"""ETDA worksheet functions and buttons for Excel, through xlwings (module named in ``xlwings.conf``).

"นำเข้าฟังก์ชัน Python" (xlwings' ImportPythonUDFs) turns every ``@xw.func`` below into a VBA Function in
category ETDA, with its help for the Insert Function dialog, and every ``@xw.script`` into a VBA Sub
that the template's buttons run.

A skin only: each function converts cells ↔ values and calls the core (``etda_xl.cells`` →
``etda_xl.rules``/``compute``; ``etda_xl.checks``). Every function takes one cell or a whole column
and returns a matching column, so a column costs one call rather than one per row. Problems come back
as text in the cell, never as a traceback. Importing this module loads neither pandas (beyond what
xlwings itself brings) nor openpyxl: the button scripts import their heavy parts when pressed.
"""

from __future__ import annotations

import functools

import xlwings as xw
from xlwings.conversion import Accessor, Pipeline

from etda_xl import cells

# --- cells ↔ columns ------------------------------------------------------------------------------------


class _ShapeError(ValueError):
    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th, self.en = th, en


def _column(value) -> tuple[list, bool]:
    """A cell or a column as (values, was a single cell). Excel hands a column as a list of 1-item rows."""
    if not isinstance(value, list | tuple):
        return [value], True
    rows = list(value)
    if rows and all(isinstance(row, list | tuple) for row in rows):
        if len(rows) == 1:
            rows = list(rows[0])  # one row: a single cell, or a row of cells read as a list
        elif all(len(row) == 1 for row in rows):
            rows = [row[0] for row in rows]
        else:
            raise _ShapeError("ต้องเป็นคอลัมน์เดียว", "expects a single column")
    return rows, len(rows) == 1 and isinstance(value[0], list | tuple)


def _scalar(value):
    """A setting passed as a cell (or, by mistake, as a range: its first cell)."""
    while isinstance(value, list | tuple):
        value = value[0] if value else None
    return value


def _per_row(compute, columns: tuple, settings: tuple = ()):
    """Apply ``compute(*row, *settings)`` to every row of the columns; single cells broadcast."""
    read = [_column(c) for c in columns]
    if all(single for _values, single in read):
        return compute(*(values[0] for values, _ in read), *settings)
    lengths = sorted({len(values) for values, single in read if not single})
    if len(lengths) > 1:
        shown = ", ".join(map(str, lengths))
        raise _ShapeError(f"คอลัมน์มีจำนวนแถวไม่เท่ากัน ({shown})", f"the columns differ in length ({shown})")
    rows = range(lengths[0])
    return [[compute(*(values[0] if single else values[i] for values, single in read), *settings)] for i in rows]


def formatted_cells(cells_range) -> list[list[cells.Formatted]]:
    """A referenced cell or column with each cell's number format: two COM calls when the range has
    one format, one more per cell when its cells differ (``number_format`` is None then)."""
    values = cells_range.options(ndim=2).value
    shared = cells_range.number_format

    def number_format(r: int, c: int) -> str | None:
        return shared if shared is not None else cells_range[r, c].number_format

    return [[cells.Formatted(v, number_format(r, c)) for c, v in enumerate(row)] for r, row in enumerate(values)]


def _attach_formats(context) -> None:
    if context.range is not None:  # a reference; a typed literal (=ETDA_STATUS(100, 96)) stays itself
        context.value = formatted_cells(context.range)


class WithFormats(Accessor):
    """xlwings converter for percentage arguments: a cell showing 100% holds 1, so its value alone is
    not enough; with its number format it reads as the file reader reads it (``cells.whole_percent``)."""

    @classmethod
    def reader(cls, options):
        return Pipeline().append_stage(_attach_formats)


def _one_line_help(func):
    """Excel's Insert Function dialog shows the docstring as the help: one line, no indents."""
    func.__doc__ = " ".join((func.__doc__ or "").split())
    return func


def _readable(func):
    """Any failure becomes one line of text in the cell, never a traceback."""

    @functools.wraps(func)
    def cell_safe(*args):
        try:
            return func(*args)
        except _ShapeError as error:
            return f"{error.th} / {error.en}"
        except Exception as error:
            message = getattr(error, "both", None)
            if callable(message):  # InputError: Thai and English, with the place
                return " / ".join(message().splitlines())
            return f"เกิดข้อผิดพลาด / error: {type(error).__name__}: {error}"

    return _one_line_help(cell_safe)


# --- worksheet functions ---------------------------------------------------------------------------------

_AMOUNT_DOC = "ล้านบาท: ตัวเลข, - คือศูนย์ / million baht: a number, - is zero; one cell or a column"
_LANG_DOC = "th หรือ en (ว่าง = th) / th or en (blank = th); the settings' status language"


@xw.func(category="ETDA")
@xw.arg("paid", ndim=2, doc="จ่ายจริง (2) — " + _AMOUNT_DOC)
@xw.arg("carried", ndim=2, doc="เบิกจ่ายข้ามปี (3) — " + _AMOUNT_DOC)
@xw.arg("reserved", ndim=2, doc="กักเงินไว้จ่ายเหลือในปี (4) — " + _AMOUNT_DOC)
@xw.arg("lang", doc=_LANG_DOC)
@_readable
def ETDA_SPEND(paid, carried, reserved, lang="th"):
    """ผลการใช้จ่าย (5) = (2)+(3)+(4) ล้านบาท; ว่างถ้ายังกรอกไม่ครบ. Spending result (5) = paid (2) + carried
    over (3) + reserved (4), million baht; blank until all three are filled. One cell or whole columns."""
    return _per_row(cells.spend, (paid, carried, reserved), (cells.language(_scalar(lang)),))


@xw.func(category="ETDA")
@xw.arg("result", ndim=2, doc="ผลการใช้จ่าย (5) — " + _AMOUNT_DOC)
@xw.arg("plan", ndim=2, doc="แผนปฏิบัติงาน (1) — " + _AMOUNT_DOC)
@xw.arg("decimals", doc="ทศนิยมของร้อยละ 0-4 (ว่าง = 0) / percent decimals 0-4 (blank = 0)")
@xw.arg("lang", doc=_LANG_DOC)
@_readable
def ETDA_SPEND_PCT(result, plan, decimals=None, lang="th"):
    """% ผลการใช้จ่าย = (5)/(1) ร้อยละเต็ม ปัดครึ่งขึ้น; "ไม่มีแผน" ถ้าแผนเป็นศูนย์. Percent spent = (5)/(1)
    as a whole percent (84 = 84%), rounded half up; "no plan" when the plan is zero."""
    settings = (_scalar(decimals), cells.language(_scalar(lang)))
    return _per_row(cells.spend_pct, (result, plan), settings)


@xw.func(category="ETDA")
@xw.arg("plan", WithFormats, doc="แผนการดำเนินงาน (ร้อยละ) เช่น 100 หรือ 100% / operations plan %; a cell or column")
@xw.arg("actual", WithFormats, doc="ผลการดำเนินงาน (ร้อยละ) เช่น 96 หรือ 96% / operations result %")
@xw.arg("obstacle", ndim=2, doc="มีอุปสรรค: มี / ไม่มี (ว่าง = ไม่มี) / obstacle: yes / no (blank = no)")
@xw.arg("green_max", doc="เขียวเมื่อล่าช้าไม่เกิน (ว่าง = 5) / green up to this delay (blank = 5)")
@xw.arg("yellow_max", doc="เหลืองเมื่อล่าช้าไม่เกิน (ว่าง = 20) / yellow up to this delay (blank = 20)")
@xw.arg("relative", doc="คิดความล่าช้าแบบสัดส่วน: ใช่ / ไม่ใช่ / delay relative to plan: yes / no (blank = no)")
@xw.arg("lang", doc="th = เขียว/เหลือง/แดง, en = green/yellow/red")
@_readable
def ETDA_STATUS(plan, actual, obstacle=None, green_max=None, yellow_max=None, relative=None, lang="th"):
    """สถานะความก้าวหน้า: เขียว ล่าช้าไม่เกิน 5, เหลือง ไม่เกิน 20, แดง เกิน 20 หรือมีอุปสรรค. Progress status by
    the report's legend: green when late by at most 5 points, yellow up to 20, red beyond or with an obstacle."""
    settings = (_scalar(green_max), _scalar(yellow_max), _scalar(relative), cells.language(_scalar(lang)))
    return _per_row(cells.status, (plan, actual, obstacle if obstacle is not None else ""), settings)


@xw.func(category="ETDA")
@xw.arg("target", ndim=2, doc="ค่าเป้าหมาย เช่น 5 ฉบับ, ร้อยละ 80 / target text such as '5 ฉบับ'; a cell or column")
@xw.arg("result", ndim=2, doc="ผล เช่น 5, 94.59 / result text or number")
@xw.arg("direction", ndim=2, doc="ทิศทาง ≥ ≤ เท่ากับ (ว่าง = อนุมานจากตัวชี้วัด) / direction ≥ ≤ เท่ากับ (blank = inferred)")
@xw.arg("indicator", ndim=2, doc="ตัวชี้วัด ใช้อนุมานทิศทาง / the indicator, to infer a blank direction")
@xw.arg("lang", doc="th = บรรลุ/ไม่บรรลุ, en = met/not met")
@xw.arg("quarter", doc="ไตรมาสของรายงาน (ว่าง = ไตรมาส 4) / the report's quarter (blank: Q4)")
@xw.arg("quarter_target", ndim=2, doc="เป้าหมายถึงไตรมาสนี้ (ว่าง = ใช้เป้าหมายทั้งปี) / the target due by this quarter")
@_readable
def ETDA_KPI_MET(target, result, direction=None, indicator=None, lang="th", quarter=None, quarter_target=None):
    """บรรลุ / ไม่บรรลุ / อยู่ระหว่างดำเนินการ (ก่อนไตรมาส 4). Whether a KPI is met: its result against this
    quarter's target, or the year's (before Q4 below it: in progress), in its direction (blank = inferred)."""
    columns = (target, result, "" if direction is None else direction, "" if indicator is None else indicator)
    columns += ("" if quarter_target is None else quarter_target,)
    settings = (cells.language(_scalar(lang)), _scalar(quarter))

    def judged(target, result, direction, indicator, quarter_target, lang, quarter):
        return cells.kpi_met(target, result, direction, indicator, lang, quarter, quarter_target)

    return _per_row(judged, columns, settings)


_TABLE_DOC = "ตาราง {table} ทั้งตารางรวมหัว เช่น {table}[#All] / the whole table {table} with its header row"
_OPTIONAL_TABLE_DOC = "(ไม่บังคับ) " + _TABLE_DOC + " (optional)"


@xw.func(category="ETDA", call_in_wizard=False)  # the whole check: not on every keystroke in the dialog
@xw.arg("settings", "range", doc=_TABLE_DOC.format(table="tblSettings"))
@xw.arg("projects", "range", doc=_TABLE_DOC.format(table="tblProjects"))
@xw.arg("budget", "range", doc=_TABLE_DOC.format(table="tblBudget"))
@xw.arg("kpis", "range", doc=_TABLE_DOC.format(table="tblKPI"))
@xw.arg("footnotes", "range", doc=_TABLE_DOC.format(table="tblFootnotes"))
@xw.arg("obstacles", "range", doc=_TABLE_DOC.format(table="tblObstacles"))
@xw.arg("history_budget", "range", doc=_OPTIONAL_TABLE_DOC.format(table="tblHistoryBudget"))
@xw.arg("history_projects", "range", doc=_OPTIONAL_TABLE_DOC.format(table="tblHistoryProjects"))
@xw.arg("history_kpis", "range", doc=_OPTIONAL_TABLE_DOC.format(table="tblHistoryKPI"))
@xw.arg("targets", "range", doc=_OPTIONAL_TABLE_DOC.format(table="tblDisbursementTargets"))
@xw.arg("plans", "range", doc=_OPTIONAL_TABLE_DOC.format(table="tblPlan"))
@_readable
def ETDA_CHECKS(
    settings,
    projects,
    budget,
    kpis,
    footnotes,
    obstacles,
    history_budget=None,
    history_projects=None,
    history_kpis=None,
    targets=None,
    plans=None,
):
    """ตรวจทุกตาราง และเทียบกับไตรมาสก่อนจากตารางประวัติ: หนึ่งแถวต่อหนึ่งจุดที่พบ. Check every table, and
    against last quarter from the history tables; spills one row per finding: code, severity, sheet!cell,
    Thai and English message, expected, actual."""
    from udfs.live import check_tables  # deferred: the checks and the reader load on first use

    optional = (history_budget, history_projects, history_kpis, targets, plans)
    return check_tables((settings, projects, budget, kpis, footnotes, obstacles, *optional))


# --- buttons ---------------------------------------------------------------------------------------------

#: When a button cannot even start (its module fails to import, or Excel gives no calling book).
_CANNOT_START = (
    "ปุ่มเริ่มทำงานไม่ได้: {error} — สั่ง etda-xl doctor ในหน้าต่างคำสั่งเพื่อดูวิธีแก้ (มักแก้ได้ด้วย etda-xl setup-excel "
    "จาก Python ที่ติดตั้ง etda-xl) แล้วปิดและเปิด Excel ใหม่",
    "the button could not start: {error}. Run etda-xl doctor in a command window for what to fix (usually "
    "etda-xl setup-excel, run with the Python etda-xl is installed in), then restart Excel.",
)


def _alert_without_a_book(text: str) -> None:
    """A message box when there is no book to show it through; nothing at all is worse than a traceback."""
    try:
        xw.apps.active.alert(text, title="etda-xl", mode="critical")  # type: ignore[union-attr]
    except Exception:
        try:
            import ctypes

            ctypes.windll.user32.MessageBoxW(0, text, "etda-xl", 0x10)  # type: ignore[attr-defined]
        except Exception:
            pass


def _button(action_name: str) -> str:
    """Run ``buttons.<action_name>`` on the calling book. Everything, the import and ``Book.caller()``
    included, happens inside the try: a failure is a message box, never a VBA error with a traceback."""
    try:
        from udfs import buttons

        action = getattr(buttons, action_name)
        book = xw.Book.caller()
    except Exception as error:
        shown = f"{type(error).__name__}: {error}"
        text = "\n".join(line.format(error=shown) for line in _CANNOT_START)
        _alert_without_a_book(text)
        return text
    return buttons.press(action, book)


@xw.script(category="ETDA")
@_one_line_help
def etda_run_checks():
    """ตรวจสอบข้อมูล: บันทึกสำเนาแล้วตรวจทุกตาราง เขียนผลลงชีต ผลการตรวจ และระบายสีเซลล์ที่มีปัญหา.
    Check the data: save a copy, check every table, list the findings with links on the results sheet."""
    return _button("run_checks")


@xw.script(category="ETDA")
@_one_line_help
def etda_make_report():
    """สร้างรายงาน: เขียนสมุดงานรายงานไว้ข้างไฟล์นี้แล้วเปิด. Make the report workbook next to this file and open it."""
    return _button("make_report")


@xw.script(category="ETDA")
@_one_line_help
def etda_export_pdf():
    """ส่งออก PDF: สร้างรายงานแล้วให้ Excel ส่งออกเป็น PDF ไว้ข้างไฟล์นี้. Make the report and export it to PDF
    through Excel, next to this file."""
    return _button("export_pdf")


@xw.script(category="ETDA")
@_one_line_help
def etda_start_next_quarter():
    """เริ่มไตรมาสถัดไป: เขียนสมุดงานไตรมาสถัดไปไว้ข้างไฟล์นี้ ตัวเลขไตรมาสนี้เก็บเป็นประวัติ. Start next
    quarter: write the next quarter's book next to this file, names and plans carried, results cleared,
    this quarter's figures kept as history."""
    return _button("start_next_quarter")
