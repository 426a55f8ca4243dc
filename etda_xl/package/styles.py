"""The styles part: each cell style's number format, and whether it shows a date or a duration.

Three things openpyxl also knows live here, small and import-free: the format code behind a
built-in format id, whether a format shows a date (or a duration), and each ``cellXfs`` style's
format. (Importing openpyxl costs more, about 0.4 s with numpy, than reading the whole sample book.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parts import local

GENERAL = "General"

#: ECMA-376 §18.8.30: the format codes Excel does not write into the file (id → code).
BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', 42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip

#: Excel's Thai-locale built-in formats (th-TH): a Thai Excel saves a cell formatted ว/ด/ปปปป as id 71
#: with no format code in the file.
THAI_BUILTIN_FORMATS: dict[int, str] = {
    59: "t0", 60: "t0.00", 61: "t#,##0", 62: "t#,##0.00", 67: "t0%", 68: "t0.00%", 69: "t# ?/?",
    70: "t# ??/??", 71: "ว/ด/ปปปป", 72: "ว-ดดด-ปป", 73: "ว-ดดด", 74: "ดดด-ปป", 75: "ช:นน", 76: "ช:นน:ทท",
    77: "ว/ด/ปปปป ช:นน", 78: "นน:ทท", 79: "[ช]:นน:ทท", 80: "นน:ทท.0", 81: "d/m/bb",
}  # fmt: skip
#: Of those, the dates and times, and the one duration (the letters are Thai, so no pattern finds them).
THAI_DATE_FORMAT_IDS = frozenset(range(71, 82))
THAI_TIMEDELTA_FORMAT_IDS = frozenset({79})

DATE, DURATION = "date", "duration"

#: Quoted text and bracketed parts ([Red], [$-41E]) say nothing about dates; [h] [mm] [ss] do.
_NOT_DATE_PARTS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYSbB]")  # b, bb: the Buddhist-era year
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)
#: Exponents (0.00E+00) use E: not a year there.
_SCIENTIFIC = re.compile(r"[0#?]\.?[0#?]*[eE][+-]")


def format_code(format_id: int, custom: dict[int, str]) -> str:
    """The format code of a cell style's ``numFmtId``: the book's own, a built-in, or General."""
    return custom.get(format_id) or BUILTIN_FORMATS.get(format_id) or THAI_BUILTIN_FORMATS.get(format_id) or GENERAL


def format_kind(format_id: int, code: str, custom: dict[int, str]) -> str | None:
    """DATE, DURATION or None (a number) for a style's format."""
    thai = format_id not in custom and format_id in THAI_BUILTIN_FORMATS
    first = code.split(";")[0]
    if _DURATION.search(first) or (thai and format_id in THAI_TIMEDELTA_FORMAT_IDS):
        return DURATION
    if thai:
        return DATE if format_id in THAI_DATE_FORMAT_IDS else None
    plain = _NOT_DATE_PARTS.sub("", first).replace("General", "").replace("general", "")
    if _SCIENTIFIC.search(plain):
        return None
    return DATE if _DATE_LETTER.search(plain) else None


@dataclass(slots=True)
class Styles:
    """The number format of each cell style (``cellXfs``), by the style index a cell's ``s`` gives."""

    formats: list[str]  # by cellXfs index
    kinds: list[str | None]  # DATE, DURATION or None, by cellXfs index

    @classmethod
    def plain(cls) -> Styles:
        return cls([GENERAL], [None])

    @classmethod
    def of(cls, root) -> Styles:
        """The styles part's root element read (raises ValueError/TypeError when damaged)."""
        custom: dict[int, str] = {}
        ids: list[int] = []
        for section in root:
            tag = local(section.tag)
            if tag == "numFmts":
                for fmt in section:
                    custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode", GENERAL)
            elif tag == "cellXfs":
                ids = [int(xf.get("numFmtId", "0")) for xf in section if local(xf.tag) == "xf"]
        styles = cls([], [])
        for fmt_id in ids or [0]:
            code = format_code(fmt_id, custom)
            styles.formats.append(code)
            styles.kinds.append(format_kind(fmt_id, code, custom))
        return styles

    def kind(self, style: int) -> str | None:
        return self.kinds[style] if 0 <= style < len(self.kinds) else None

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else GENERAL
