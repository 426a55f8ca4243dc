"""Cell formats of the template: the input sheets' (``inputbook.Formats``) plus the template's own."""

from __future__ import annotations

from .. import rules
from ..inputbook import AMOUNT_FORMAT, Formats

#: Whole percent with a % sign that is text, not a percent format: 84 shows "84%" and reads as 84.
WHOLE_PERCENT = 'General"%"'

#: Fills for findings by severity: (fill, font), Excel's "bad", "neutral" and a light blue.
SEVERITY_FILLS = {
    "error": ("#FFC7CE", "#9C0006"),
    "warning": ("#FFEB9C", "#9C5700"),
    "info": ("#DDEBF7", "#1F4E78"),
}
KPI_FILLS = {True: ("#C6EFCE", "#006100"), False: ("#FFC7CE", "#9C0006")}


class TemplateFormats(Formats):
    def __init__(self, workbook) -> None:
        super().__init__(workbook)
        base = self.base
        self.plain = workbook.add_format(dict(base))
        self.heading = workbook.add_format({**base, "bold": True, "font_size": 16})
        self.subtitle = workbook.add_format({**base, "italic": True, "font_color": "#595959"})
        self.step = workbook.add_format({**base, "text_wrap": True, "valign": "vcenter"})
        self.whole_percent = workbook.add_format({**base, "num_format": WHOLE_PERCENT, "align": "right"})
        # "-" typed for zero lines up with the numbers.
        self.amount_right = workbook.add_format({**base, "num_format": AMOUNT_FORMAT, "align": "right"})
        self.link = workbook.add_format({**base, "font_color": "#0563C1", "underline": 1})
        # The example row above each input table: grey italic text, never read.
        self.example = workbook.add_format({**base, "italic": True, "font_color": "#7F7F7F"})
        self.example_right = workbook.add_format({**base, "italic": True, "font_color": "#7F7F7F", "align": "right"})
        # Conditional formats (dxf): only fill and font colour.
        self.severity = {
            name: workbook.add_format({"bg_color": fill, "font_color": font})
            for name, (fill, font) in SEVERITY_FILLS.items()
        }
        self.status = {
            status: workbook.add_format(
                {"bg_color": colour, "font_color": "#FFFFFF" if status is rules.Status.RED else "#000000"}
            )
            for status, colour in rules.STATUS_COLOURS.items()
        }
        self.kpi = {
            met: workbook.add_format({"bg_color": fill, "font_color": font}) for met, (fill, font) in KPI_FILLS.items()
        }
