"""Renders the pictures of docs/guide.md (docs/pictures/*.png) from the files etda-xl itself makes.

    .venv/bin/python docs/build_pictures.py          # from the repository root; needs soffice and pdftoppm

The books: the committed template (workbook_template.xlsm); the template filled with the FY2563 Q4
sample (``2563-Q4.xlsm``), as an officer would have typed it; the same after the check button; and, made
from that book, its report and PDF (``etda-xl report``), the next quarter's book (``etda-xl new --from``)
and the export as an Excel table (``etda-xl export``). Each goes to PDF with LibreOffice; the page that
holds a given text is found with pdftotext, and cut to its content (or a part of it) with pdftoppm's
-x/-y/-W/-H, at 100 dpi (more for a wide sheet LibreOffice shrinks to fit its page). Rebuilding after a
change to the template, the report or the sample changes the pictures with them.

LibreOffice is not Excel. The copies it renders are changed only so that it shows what Excel shows on
screen: the buttons are made printable (Excel shows them; they never print); TH Sarabun New becomes TLWG
Laksaman at 0.66× where only Laksaman is installed (what the report's PDF does, ``report.pdf``); the
``=ETDA_*`` cells show the values saved with them (computed by the functions the UDFs call) and an empty
row's are blank, where LibreOffice, which has no such functions, would show #NAME? — one picture shows
that on purpose. After the check, the results sheet holds the rows the button writes
(``udfs.buttons.result_rows``) and the live sheet the rows ``=ETDA_CHECKS`` returns
(``udfs.live.finding_rows``), written with openpyxl into a copy, one line per message, and those two
sheets, like the export, are laid out one page wide so their columns render side by side. What
LibreOffice does not draw at all (the tables' banded style) is missing from the pictures.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "pictures"
DPI = 100
WHITE = 245  # grey levels above this are paper
MARGIN = 8  # pixels kept around the content
#: A formula cell saved with an empty value (a table's empty rows): LibreOffice recomputes it (#NAME?) where
#: Excel, after Import Functions, shows the blank its function returns; in the copy it is a blank cell.
BLANK_RESULT = re.compile(rb"<c ([^>]*)><f>[^<]*</f><v></v></c>")


@dataclass(frozen=True)
class Picture:
    name: str  # docs/pictures/<name>.png
    source: str  # which rendered book (see render_books)
    markers: tuple[str, ...]  # texts on the page (spaces ignored); English or digits: pdftotext reorders Thai marks
    width: int | None = None  # at most this many pixels of the content, from its left
    height: int | None = None  # at most this many, from its top
    top: int = 0  # skip this many pixels of the content first
    left: int = 0  # and this many from its left
    dpi: int = DPI  # more for a sheet LibreOffice shrinks to fit a wide table on the page


FIRST_PAGE = "<the first page>"  # the report's first page: its summary sheet
EXAMPLE = "example, not read"  # the grey example row above each input table (not on the home sheet)
PICTURES = (
    Picture("home", "template", ("Excel template",), height=560),
    Picture("conf-sheet", "template", ("How to set this up",), height=330),
    Picture("settings", "filled", ("(Report settings)", "2563"), height=370),
    Picture("budget-before-import", "filled-raw", ("474.5184",), width=960, height=300),
    Picture("budget", "filled", ("474.5184",), width=960, height=330),
    Picture("projects", "filled", ("(Projects summary)", EXAMPLE), width=1120, height=215, dpi=140),
    Picture("kpis", "filled", ("(KPIs per project)", EXAMPLE), width=1140, height=400, dpi=140),
    Picture("live-checks", "checked", ("Live checks:",), width=1000, height=330, dpi=150),
    Picture("results", "checked", ("Check results (from the button)",), width=1100, height=380, dpi=150),
    # the same sheet from its Thai message on: what each cell reads and the value to type there
    Picture("results-fix", "checked", ("Check results (from the button)",), left=383, top=54, height=320, dpi=150),
    Picture("budget-flagged", "checked", ("474.5184",), width=960, height=330),
    Picture("report-summary", "report", (FIRST_PAGE,), height=520),
    Picture("report-budget", "report", ("474.5184",), height=560),
    Picture("report-findings", "report", ("ROOT_CAUSE",), height=660),
    Picture("history", "next", ("History: budget lines by quarter", "474.5184"), width=915, height=390, dpi=250),
    Picture("export", "export", ("fiscal_year",), height=300),
)


def main() -> int:
    for program in ("pdftoppm", "pdftotext"):
        if shutil.which(program) is None:
            print(f"{program} is missing: sudo apt-get install poppler-utils", file=sys.stderr)
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="etda-xl-pictures-") as work:
        pdfs = render_books(Path(work))
        for picture in PICTURES:
            path = cut(pdfs[picture.source], picture)
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return 0


# --- the books ----------------------------------------------------------------------------------------


def render_books(work: Path) -> dict[str, Path]:
    """Each book the pictures show, as a PDF (rendered name → PDF)."""
    from etda_xl import sample
    from etda_xl.api import export_figures, generate_report, start_next_quarter
    from etda_xl.report.pdf import find_soffice
    from etda_xl.template import build_template

    soffice = find_soffice()
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is missing: sudo apt-get install libreoffice-calc-nogui")
    # the officer's book: the template, the quarter typed in; everything else is made from it
    filled = build_template(work / "2563-Q4.xlsm", settings=sample.SETTINGS, rows=sample.table_rows())
    report = generate_report(filled, work / "2563-Q4-report.xlsx", work / "2563-Q4-report.pdf")
    assert report.pdf is not None, report.describe()
    following = start_next_quarter([filled], work / "2564-Q1.xlsm").path
    figures = export_figures(filled, work / "figures.xlsx").out
    template = work / "workbook_template.xlsm"
    shutil.copyfile(ROOT / "workbook_template.xlsm", template)

    def pdf(path: Path, name: str, recalculate: bool = False) -> Path:
        from etda_xl.report.pdf import xlsx_to_pdf

        copy = work / name / path.name
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        as_excel_shows(copy, saved_values=not recalculate)
        return xlsx_to_pdf(copy, work / name, soffice, recalculate=recalculate)

    return {
        "template": pdf(template, "template"),
        "filled": pdf(filled, "filled"),
        "filled-raw": pdf(filled, "filled-raw", recalculate=True),  # as LibreOffice shows it: #NAME?
        "checked": pdf(checked(filled, work / "checked.xlsx"), "checked", recalculate=True),
        "next": pdf(following, "next"),
        "export": pdf(one_page_wide(figures), "export"),
        "report": report.pdf,
    }


def checked(filled: Path, out: Path) -> Path:
    """``filled`` after "ตรวจสอบข้อมูล": the button's results and the live sheet's rows, in a copy
    whose formula cells hold the values saved with them (openpyxl keeps no saved values of its own)."""
    import warnings

    from openpyxl import load_workbook

    from etda_xl.api import check_workbook
    from etda_xl.template import sheets
    from udfs.buttons import result_rows, summary
    from udfs.live import finding_rows

    _quarter, findings = check_workbook(filled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(filled, data_only=True)
    live = book[sheets.LIVE_CHECKS]
    for r, row in enumerate(finding_rows(findings), sheets.LIVE_HEADER_ROW + 1):
        for c, value in enumerate(row, 1):
            one_line(live.cell(r, c, value))
    results = book[sheets.RESULTS]
    results[sheets.RESULTS_STAMP_CELL] = "ตรวจเมื่อ / checked at 2020-10-05 10:00: " + summary(findings, filled.name)
    one_line(results[sheets.RESULTS_STAMP_CELL])
    for r, row in enumerate(result_rows(findings), sheets.RESULTS_HEADER_ROW + 1):
        for c, value in enumerate(row, 1):
            # Excel reads a leading ' as "text" (it does not show); openpyxl would keep it
            one_line(results.cell(r, c, value[1:] if isinstance(value, str) and value.startswith("'") else value))
    for sheet in (live, results):
        one_page_wide_sheet(sheet)
    book.save(out)
    return out


def one_line(cell) -> None:
    """A message on its row's one line (its start shows, as in a row of fixed height), not wrapped over the
    rows below it as LibreOffice would draw it; in the sheet's font (a cell openpyxl adds has none)."""
    from openpyxl.styles import Alignment, Font

    from etda_xl.inputbook import FONT

    cell.alignment = Alignment(wrap_text=False, vertical="top")
    cell.font = Font(name=FONT, size=14, color=cell.font.color)


def one_page_wide(path: Path) -> Path:
    """An export as Excel shows it on screen, every column side by side (not split over pages)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for sheet in book.worksheets:
        one_page_wide_sheet(sheet)
    book.save(path)
    return path


def one_page_wide_sheet(sheet) -> None:
    """Landscape, one page wide: LibreOffice renders the screen's columns on one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def as_excel_shows(path: Path, saved_values: bool) -> None:
    """Rewrite the copy's package so that LibreOffice draws what Excel shows (module docstring);
    ``saved_values``: as after Import Functions, the empty rows' formula cells blank."""
    from etda_xl.report.pdf import LAKSAMAN, libreoffice_fonts
    from etda_xl.report.styles import FONT

    stand_in = libreoffice_fonts() == LAKSAMAN

    def fonts(xml: str) -> str:
        def scaled(font: re.Match[str]) -> str:
            block = font[0]
            if f'val="{FONT}"' not in block:
                return block
            block = block.replace(f'val="{FONT}"', f'val="{LAKSAMAN.name}"')
            size = re.search(r'<sz val="([\d.]+)"', block)
            return block.replace(size[0], f'<sz val="{float(size[1]) * LAKSAMAN.scale:.1f}"') if size else block

        return re.sub(r"<font>.*?</font>|<font [^>]*>.*?</font>", scaled, xml, flags=re.DOTALL)

    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml" and stand_in:
                data = fonts(data.decode("utf-8")).encode("utf-8")
            elif item.filename.startswith("xl/worksheets/sheet") and saved_values:
                data = BLANK_RESULT.sub(rb"<c \1/>", data)
            elif item.filename.endswith(".vml"):
                data = data.replace(b"<x:PrintObject>False</x:PrintObject>", b"")
            target.writestr(item, data)
    temporary.replace(path)


# --- pages and pictures ---------------------------------------------------------------------------------


def page_with(pdf: Path, markers: tuple[str, ...]) -> int:
    """The first page whose text holds every marker (spaces ignored); FIRST_PAGE: the first page."""
    if markers == (FIRST_PAGE,):
        return 1
    wanted = [re.sub(r"\s+", "", marker) for marker in markers]
    pages = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", str(pdf)]).decode())[1])
    for page in range(1, pages + 1):
        text = re.sub(r"\s+", "", run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]).decode())
        if all(marker in text for marker in wanted):
            return page
    raise SystemExit(f"no page of {pdf.name} says {markers!r}")


def content_box(pdf: Path, page: int, dpi: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of what is printed on the page, in pixels at ``dpi``."""
    pgm = run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)])
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert header, "pdftoppm -gray writes a binary PGM"
    width, height = int(header[1]), int(header[2])
    pixels = pgm[header.end() :]
    rows = [y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < WHITE]
    columns = [x for x in range(width) if min(pixels[x::width]) < WHITE]
    if not rows or not columns:
        raise SystemExit(f"page {page} of {pdf.name} is blank")
    left, top = max(columns[0] - MARGIN, 0), max(rows[0] - MARGIN, 0)
    right, bottom = min(columns[-1] + MARGIN, width - 1), min(rows[-1] + MARGIN, height - 1)
    return left, top, right - left + 1, bottom - top + 1


def cut(pdf: Path, picture: Picture) -> Path:
    page = page_with(pdf, picture.markers)
    x, y, width, height = content_box(pdf, page, picture.dpi)
    x, width = x + picture.left, width - picture.left
    y, height = y + picture.top, height - picture.top
    width = min(width, picture.width or width)
    height = min(height, picture.height or height)
    root = OUT / picture.name
    crop = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
    page_range = ["-f", str(page), "-l", str(page)]
    run(["pdftoppm", "-png", "-r", str(picture.dpi), *page_range, "-singlefile", *crop, str(pdf), str(root)])
    return root.with_suffix(".png")


def run(command: list[str]) -> bytes:
    return subprocess.run(command, capture_output=True, check=True, timeout=300).stdout


if __name__ == "__main__":
    sys.exit(main())
