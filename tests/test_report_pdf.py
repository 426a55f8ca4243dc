"""The PDF: LibreOffice converts the report; its text holds the Thai strings and figures; pages are
where they belong; the conversion is isolated, bounded in time and checked. Tests that need
LibreOffice skip without it, unless ETDA_XL_REQUIRE_LIBREOFFICE=1 (CI), where they fail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pytest

from etda_xl.api import generate_report
from etda_xl.report.pdf import (
    LAKSAMAN,
    SARABUN,
    PdfError,
    find_soffice,
    libreoffice_fonts,
    xlsx_to_pdf,
)

from .test_report_support import (
    pdf_text,
    sample_report_pdf,
    soffice_or_skip,
    thai_in_pdf_text,
)


@pytest.fixture(scope="module")
def pdf(report_result):
    return sample_report_pdf(report_result)


posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _page(path: Path, number: int) -> str:
    return pdf_text(path, "-f", str(number), "-l", str(number))


# --- with LibreOffice -------------------------------------------------------------------------


def test_pdf_is_a4_landscape(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)


def test_pdf_text_has_the_key_figures_exactly(pdf):
    text = pdf_text(pdf)
    for figure in ("226.5563", "57.5575", "84%", "62%", "421.9499", "496.5906", "588.7946", "127.1233", "52.8525",
                   "107,841", "30 ก.ย. 63"):  # fmt: skip
        assert figure in text, figure


@pytest.mark.parametrize(
    "thai",
    [
        "ล้านบาท",
        "ผลการใช้จ่ายงบประมาณ",
        "สรุปผลการใช้จ่ายรายการที่ 1.2.2-1.3.4 ทั้งหมดเท่ากับ",
        "เป็นส่วนหนึ่งของ รายการ 1.3.4 โครงการ Speed up e-Licensing",
        "ร่าง — พบข้อผิดพลาด 6 รายการ",
        "สถานะความก้าวหน้า สีเขียว = เป็นไปตามแผน/ล่าช้าไม่เกิน 5%",
        "ปัญหาอุปสรรคและข้อเสนอแนะ",
        "ข้อตรวจพบจากการตรวจสอบสมุดงาน",
    ],
)
def test_pdf_text_has_the_key_thai_strings(pdf, thai):
    assert thai_in_pdf_text(thai, pdf_text(pdf))


def test_tables_are_on_the_right_pages(pdf):
    """Summary on page 1 (one page), budget with its notes on page 2, then one KPI table per
    project in order, obstacles, charts, findings last."""
    pages = [_page(pdf, n) for n in range(1, _pages(pdf) + 1)]
    first = pages[0]
    assert thai_in_pdf_text("จำแนกรายโครงการ", first) and "Stop e-Commerce Fraud" in first
    assert thai_in_pdf_text("สีแดง = ล่าช้าเกิน 20%", first)
    budget = pages[1]
    assert thai_in_pdf_text("รวมทั้งสิ้น", budget) and "226.5563" in budget and "57.5575" in budget
    kpi_pages = [i for i, p in enumerate(pages) if thai_in_pdf_text("ผลการดำเนินงานตามตัวชี้วัด", p)]
    titles = ["Digital Governance", "Digital Transformation", "Speed up e-Licensing",
              "Thailand e-Commerce Sustainability", "Stop e-Commerce Fraud"]  # fmt: skip
    assert kpi_pages[0] == 2 and kpi_pages == list(range(2, kpi_pages[-1] + 1))
    # every KPI page names its project (print titles): the projects in order, each on 1-2 pages
    named = [next(t for t in titles if t in pages[i]) for i in kpi_pages]
    assert [t for n, t in enumerate(named) if n == 0 or named[n - 1] != t] == titles
    assert all(1 <= named.count(t) <= 2 for t in titles)
    obstacles = next(i for i, p in enumerate(pages) if thai_in_pdf_text("ปัญหาอุปสรรคและข้อเสนอแนะ", p))
    charts = next(i for i, p in enumerate(pages) if thai_in_pdf_text("จำแนกรายโครงการ", p) and i > obstacles)
    findings = next(i for i, p in enumerate(pages) if thai_in_pdf_text("ข้อตรวจพบจากการตรวจสอบสมุดงาน", p))
    assert kpi_pages[-1] < obstacles < charts < findings
    assert f"หน้า {len(pages)} / {len(pages)}" in pages[-1]


def test_every_font_in_the_pdf_is_the_report_font(pdf):
    """Cells, rich-text footnotes, header/footer and chart text all use TH Sarabun New or its
    metric twin Laksaman: no fallback font (DejaVu, Loma) drew any of it."""
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    expected = "Laksaman" if libreoffice_fonts() == LAKSAMAN else "THSarabunNew"
    assert names and all(name.startswith(expected) for name in names), names


def test_the_report_xlsx_itself_opens_and_converts(report_result, tmp_path):
    soffice_or_skip()
    converted = xlsx_to_pdf(report_result.xlsx, tmp_path, find_soffice())
    assert converted.stat().st_size > 0
    assert "226.5563" in pdf_text(converted)


# --- without LibreOffice, or with a broken one ---------------------------------------------------


def test_missing_libreoffice_writes_the_xlsx_and_says_how_to_install(sample_book, tmp_path, monkeypatch):
    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    result = generate_report(sample_book, tmp_path / "r.xlsx", tmp_path / "r.pdf")
    assert result.xlsx.stat().st_size > 0
    assert result.pdf is None and not (tmp_path / "r.pdf").exists()
    error = result.pdf_error
    assert "sudo apt-get install libreoffice-calc-nogui fonts-thai-tlwg" in error.en
    assert "ติดตั้ง LibreOffice" in error.th and "https://www.libreoffice.org/download/" in error.th
    assert "LibreOffice was not found" in result.describe()


FAKE_SOFFICE = """#!{python}
import os, subprocess, sys, time
args = sys.argv[1:]
profile = next(a.split("=", 1)[1] for a in args if a.startswith("-env:UserInstallation="))
outdir = args[args.index("--outdir") + 1]
source = args[-1]
mode = os.environ.get("FAKE_MODE", "write")
with open(os.environ["FAKE_LOG"], "a") as log:
    xcu = os.path.join(profile[len("file://"):], "user", "registrymodifications.xcu")
    log.write(profile + "\\t" + open(xcu).read().replace("\\n", " ") + "\\n")
if mode == "hang":
    child = subprocess.Popen(["sleep", "60"])
    open(os.environ["FAKE_CHILD"], "w").write(str(child.pid))
    child.wait()
elif mode == "write":
    stem = os.path.splitext(os.path.basename(source))[0]
    open(os.path.join(outdir, stem + ".pdf"), "wb").write(b"%PDF-1.4 fake")
print("convert", source)
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("ETDA_XL_SOFFICE", str(script))
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"not really a workbook")
    return script, source, log


@posix_only
def test_each_conversion_has_its_own_profile_with_recalc_forced(fake_soffice, tmp_path):
    script, source, log = fake_soffice
    xlsx_to_pdf(source, tmp_path / "a", str(script))
    xlsx_to_pdf(source, tmp_path / "b", str(script))
    calls = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(calls) == 2 and calls[0][0] != calls[1][0]
    for profile, xcu in calls:
        assert 'oor:name="OOXMLRecalcMode"' in xcu and "<value>0</value>" in xcu
        assert not Path(profile[len("file://") :]).exists()  # removed after the run


@posix_only
def test_no_pdf_written_is_an_error_even_with_exit_code_0_and_a_stale_pdf(fake_soffice, tmp_path, monkeypatch):
    script, source, _log = fake_soffice
    monkeypatch.setenv("FAKE_MODE", "nothing")
    out = tmp_path / "out"
    out.mkdir()
    (out / "in.pdf").write_bytes(b"%PDF stale from an earlier run")
    with pytest.raises(PdfError) as error:
        xlsx_to_pdf(source, out, str(script))
    assert "did not write the PDF" in error.value.en
    assert not (out / "in.pdf").exists()


@posix_only
def test_a_hanging_libreoffice_is_killed_with_its_children(fake_soffice, tmp_path, monkeypatch):
    script, source, _log = fake_soffice
    child_file = tmp_path / "child.pid"
    monkeypatch.setenv("FAKE_MODE", "hang")
    monkeypatch.setenv("FAKE_CHILD", str(child_file))
    started = time.monotonic()
    with pytest.raises(PdfError) as error:
        xlsx_to_pdf(source, tmp_path / "out", str(script), timeout=1)
    assert time.monotonic() - started < 20
    assert "took more than 1 s" in error.value.en
    child = int(child_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not (state.exists() and state.read_text().split(")")[-1].split()[0] == "Z")  # a zombie is gone


def test_font_profile_for_libreoffice():
    assert libreoffice_fonts({"Laksaman", "Loma", "DejaVu Sans"}) == LAKSAMAN
    assert libreoffice_fonts({"TH Sarabun New", "Laksaman"}) == SARABUN
    assert libreoffice_fonts({"DejaVu Sans"}) == SARABUN
    assert LAKSAMAN.size(16) == 10.6 and LAKSAMAN.workbook_options()["default_format_properties"]["font_size"] == 9.65


class _FakeExcel:
    """Stands in for xlwings on Windows: records what the report asks Excel to do."""

    calls: ClassVar[list] = []
    fail = False

    class App:
        def __init__(self, visible, add_book):
            _FakeExcel.calls.append(("App", visible, add_book))
            self.books = self
            self.display_alerts = True

        def open(self, path, read_only):
            _FakeExcel.calls.append(("open", Path(path).name, read_only))
            return self

        def to_pdf(self, path, show):
            if _FakeExcel.fail:
                raise RuntimeError("Excel is not installed")
            _FakeExcel.calls.append(("to_pdf", show))
            Path(path).write_bytes(b"%PDF-1.7 from Excel")

        def close(self):
            _FakeExcel.calls.append(("close",))

        def quit(self):
            _FakeExcel.calls.append(("quit",))


@pytest.fixture
def fake_excel(monkeypatch):
    import types

    from etda_xl.report import pdf as backend

    module = types.ModuleType("xlwings")
    module.App = _FakeExcel.App
    monkeypatch.setitem(sys.modules, "xlwings", module)
    monkeypatch.setattr(backend, "excel_available", lambda: True)
    _FakeExcel.calls, _FakeExcel.fail = [], False
    return _FakeExcel


def test_windows_with_excel_prints_the_report_xlsx_through_xlwings(fake_excel, sample_book, tmp_path):
    result = generate_report(sample_book, tmp_path / "r.xlsx", tmp_path / "r.pdf")
    assert result.pdf_error is None
    assert (tmp_path / "r.pdf").read_bytes() == b"%PDF-1.7 from Excel"
    assert fake_excel.calls == [("App", False, False), ("open", "r.xlsx", True), ("to_pdf", False), ("close",),
                                ("quit",)]  # fmt: skip


def test_excel_failing_falls_back_to_libreoffice_or_says_so(fake_excel, sample_book, tmp_path, monkeypatch):
    fake_excel.fail = True
    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    result = generate_report(sample_book, tmp_path / "r.xlsx", tmp_path / "r.pdf")
    assert result.xlsx.exists() and not (tmp_path / "r.pdf").exists()
    assert "Excel could not make the PDF (Excel is not installed)" in result.pdf_error.en
    assert ("quit",) in fake_excel.calls  # Excel is closed even when it fails


SOURCE_WORDS = ("สำนัก", "กระทรวง", "สงป", "สป.")


def _drawn_sources(path: Path, page: int) -> list[tuple[float, str]]:
    """Words in the source column drawn inside the page (below the page header). A merged cell
    split by a page break has its text placed above the page, in the margin, clipped."""
    boxes = pdf_text(path, "-bbox", "-f", str(page), "-l", str(page))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    return [(float(y), w) for x, y, w in words if float(x) < 100 and float(y) > 40 and w.startswith(SOURCE_WORDS)]


def test_every_kpi_page_shows_the_source_of_its_rows(pdf):
    """A merged source prints once, where it starts: the page breaks keep each source block on
    one page, so a continuation page never shows KPI rows without their source."""
    kpi_pages = [n for n in range(1, _pages(pdf) + 1) if thai_in_pdf_text("ตัวชี้วัด/ สิ่งส่งมอบ", _page(pdf, n))]
    assert len(kpi_pages) >= 5
    for page in kpi_pages:
        assert _drawn_sources(pdf, page), f"page {page} has KPI rows without a visible source"


# --- long text: nothing cut off, continuation pages labelled --------------------------------------

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    boxes = pdf_text(path, "-bbox", "-f", str(page), "-l", str(page))
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(boxes)]


def _body(path: Path, page: int, left: float, right: float) -> list[str]:
    """Words drawn between x ``left`` and ``right`` below the KPI table's header row, line by line."""
    words = _words(path, page)
    header = [w for w in words if w[4].startswith("รายละเอียด")]
    if not header:
        return []
    top = max(w[3] for w in header) + 2
    inside = [w for w in words if left <= w[0] < right and top < w[1] < 560]
    return [w[4] for w in sorted(inside, key=lambda w: (round(w[1] / 4), w[0]))]


def _details_column(path: Path, pages: list[int]) -> str:
    """The text drawn in the KPI table's last column (where most lines start), page after page."""
    out = []
    for page in pages:
        words = _words(path, page)
        met_header = next(w for w in words if w[4] == "ผลเทียบ")
        starts = Counter(round(w[0]) for w in words if w[0] > met_header[2])
        left = starts.most_common(1)[0][0] - 1
        out += _body(path, page, left, 10_000)
    return " ".join(out)


@pytest.fixture(scope="module")
def long_pdf(sample_report, sample_findings, tmp_path_factory):
    soffice_or_skip()
    from etda_xl.report import write_pdf

    from .test_report_kpis import long_detail_report

    return write_pdf(long_detail_report(sample_report), sample_findings, tmp_path_factory.mktemp("long") / "l.pdf")


def test_a_2000_character_detail_is_all_in_the_pdf(long_pdf):
    from .test_report_kpis import LONG_DETAIL

    pages = [n for n in range(1, _pages(long_pdf) + 1) if "Digital Governance" in _page(long_pdf, n)]
    kpi_pages = [n for n in pages if thai_in_pdf_text("ตัวชี้วัด/ สิ่งส่งมอบ", _page(long_pdf, n))]
    assert len(kpi_pages) >= 2
    assert thai_in_pdf_text(LONG_DETAIL, _details_column(long_pdf, kpi_pages))


def test_continuation_pages_name_the_project_and_show_the_source(long_pdf):
    kpi_pages = [n for n in range(1, _pages(long_pdf) + 1) if "Digital Governance" in _page(long_pdf, n)
                 and thai_in_pdf_text("ตัวชี้วัด/ สิ่งส่งมอบ", _page(long_pdf, n))]  # fmt: skip
    assert len(kpi_pages) >= 2
    for page in kpi_pages:
        text = _page(long_pdf, page)
        assert thai_in_pdf_text("(3) ผลการดำเนินงานตามตัวชี้วัด โครงการ : Digital Governance", text), page
        assert _drawn_sources(long_pdf, page), f"page {page} has KPI rows without a visible source"
    # the block of สำนักงบประมาณ goes on over the page: its source again, "(cont.)"
    sources = [" ".join(_body(long_pdf, page, 0, 100)) for page in kpi_pages]
    assert thai_in_pdf_text("สำนักงบประมาณ", sources[0]) and "(ต่อ)" not in sources[0]
    assert thai_in_pdf_text("สำนักงบประมาณ (ต่อ)", sources[1])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_long_agency_never_runs_over_the_draft_marker_in_the_pdf(sample_report, sample_findings, tmp_path, lang):
    soffice_or_skip()
    from etda_xl.report import write_pdf

    report = sample_report.copy_with(deep=True)
    report.settings.agency = "สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)"
    pdf = write_pdf(report, sample_findings, tmp_path / "agency.pdf", lang=lang)
    for page in (1, 3):
        header = [w for w in _words(pdf, page) if w[1] < 55]
        assert any(w[4].startswith("สำนักงานพัฒนา") for w in header)
        marker = "ร่าง" if lang == "th" else "DRAFT"
        assert any(w[4] == marker for w in header)
        for a in header:
            for b in header:
                same_line = a[1] < b[3] and b[1] < a[3]
                assert a is b or not same_line or a[2] <= b[0] or b[2] <= a[0], (a, b)  # no two words overlap


def test_english_pdf(sample_book, tmp_path):
    soffice_or_skip()
    result = generate_report(sample_book, tmp_path / "en.xlsx", tmp_path / "en.pdf", lang="en")
    assert result.pdf_error is None, result.pdf_error and result.pdf_error.both()
    text = pdf_text(result.pdf)
    assert "DRAFT — 6 errors found" in text and "226.5563" in text
    assert "Lines 1.2.2-1.3.4 together: 226.5563 million baht, 84%" in " ".join(text.split())
    first = _page(result.pdf, 1)
    assert "Financial and mission performance by project" in first and "DRAFT" in first
