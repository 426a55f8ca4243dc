"""`etda-xl report` and `etda-xl demo`: exit codes, messages, outputs, the input left untouched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from etda_xl.cli import main

from .test_report_support import soffice_or_skip


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_writes_a_draft_and_leaves_the_input_byte_identical(sample_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ETDA_XL_SOFFICE", "")  # the PDF has its own tests; keep this one fast
    before = _digest(sample_copy)
    out = tmp_path / "out" / "report.xlsx"
    assert main(["report", str(sample_copy), "-o", str(out)]) == 0
    assert out.stat().st_size > 0 and _digest(sample_copy) == before
    printed = capsys.readouterr().out
    th, en = printed.split("\n\n")
    assert "ข้อผิดพลาด 6 รายการ" in th and f"เขียนรายงานฉบับร่างแล้ว: {out}" in th
    assert "6 errors" in en and f"Wrote the report as a DRAFT: {out}" in en
    assert [p.name for p in out.parent.iterdir()] == ["report.xlsx"]  # no temporary file left


def test_report_with_pdf(sample_book, tmp_path, capsys):
    soffice_or_skip()
    out, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert main(["report", str(sample_book), "-o", str(out), "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and out.exists()
    assert f"เขียน PDF แล้ว: {pdf}" in capsys.readouterr().out


def test_strict_refuses_with_exit_1_and_lists_the_errors(sample_book, tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    assert main(["report", str(sample_book), "-o", str(out), "--strict"]) == 1
    assert not out.exists()
    printed = capsys.readouterr().out
    assert "[ROOT_CAUSE]" in printed and "'งบประมาณ'!F4" in printed
    assert "ไม่ได้เขียนรายงาน (--strict)" in printed and "No report written (--strict)" in printed


def test_unreadable_input_exits_2(tmp_path, capsys):
    book = tmp_path / "broken.xlsx"
    book.write_text("not a workbook", encoding="utf-8")
    assert main(["report", str(book), "-o", str(tmp_path / "r.xlsx")]) == 2
    assert not (tmp_path / "r.xlsx").exists()
    assert capsys.readouterr().err


@pytest.mark.parametrize("same", ["xlsx", "pdf"])
def test_never_overwrites_the_input(sample_copy, tmp_path, capsys, same):
    before = _digest(sample_copy)
    args = ["report", str(sample_copy), "-o", str(sample_copy)]
    if same == "pdf":
        args = ["report", str(sample_copy), "-o", str(tmp_path / "r.xlsx"), "--pdf", str(sample_copy)]
    assert main(args) == 2
    assert _digest(sample_copy) == before
    err = capsys.readouterr().err
    assert "ไม่เขียนทับสมุดงาน" in err and "never overwritten" in err


def test_the_same_input_by_another_path_is_refused_too(sample_copy, tmp_path):
    link = tmp_path / "link.xlsx"
    os.link(sample_copy, link)
    assert main(["report", str(sample_copy), "-o", str(link)]) == 2


def test_output_must_be_xlsx(sample_copy, tmp_path, capsys):
    assert main(["report", str(sample_copy), "-o", str(tmp_path / "r.xlsm")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_pdf_without_libreoffice_exits_3_with_the_xlsx_written(sample_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    out, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert main(["report", str(sample_copy), "-o", str(out), "--pdf", str(pdf)]) == 3
    assert out.exists() and not pdf.exists()
    printed = capsys.readouterr().out
    assert "ไม่พบโปรแกรม LibreOffice" in printed and "sudo apt-get install libreoffice-calc-nogui" in printed


def test_an_output_open_in_excel_gets_a_clear_message_and_is_left_as_it_was(sample_copy, tmp_path, capsys, monkeypatch):
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the report the officer has open")
    real_replace = os.replace

    def locked(source, target):
        if Path(target) == out:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    assert main(["report", str(sample_copy), "-o", str(out), "--force"]) == 2
    assert out.read_bytes() == b"the report the officer has open"
    err = capsys.readouterr().err
    assert "ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น" in err and "may be open in another program" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.xlsx", "report.xlsx"]


def test_demo_writes_sample_report_and_pdf_and_says_where(tmp_path, capsys):
    soffice_or_skip()
    folder = tmp_path / "demo"
    assert main(["demo", "--out", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf", "report.xlsx", "sample.xlsx"]
    printed = capsys.readouterr().out
    th, en = printed.split("\n\n")
    assert th.startswith("etda-xl demo:") and en.startswith("etda-xl demo:")
    assert "1. เขียนสมุดงานตัวอย่าง" in th and str(folder / "sample.xlsx") in th
    assert "ข้อผิดพลาด 6 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 6 รายการ" in th
    assert "[ROOT_CAUSE] 'งบประมาณ'!F4" in th
    assert f"3. เขียนรายงาน: {folder / 'report.xlsx'} — ฉบับร่าง" in th
    assert f"4. เขียน PDF: {folder / 'report.pdf'}" in th
    assert "2. Checked it: 6 errors, 2 warnings, 6 notes" in en
    assert f"4. Wrote the PDF: {folder / 'report.pdf'}" in en


def test_demo_without_libreoffice_still_exits_0(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    assert main(["demo", "--out", str(tmp_path / "d")]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["report.xlsx", "sample.xlsx"]
    printed = capsys.readouterr().out
    assert "4. ไม่ได้เขียน PDF: ไม่พบโปรแกรม LibreOffice" in printed
    assert "4. No PDF: LibreOffice was not found" in printed


def test_project_numbers_illegal_in_sheet_names_get_legal_unique_kpi_sheets(sample_copy, tmp_path, monkeypatch):
    """Excel refuses / \\ [ ] * ? : and names over 31 characters: the KPI sheets are named without
    them, still unique (ignoring case, as Excel does), and the report is written (exit 0)."""
    from openpyxl import load_workbook

    from .conftest import edit_cells

    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    long_number = "โครงการพิเศษ/ระยะที่ 2 [ส่วนขยาย]*?"
    edit_cells(sample_copy, {("โครงการ", "A6"): "3/1", ("โครงการ", "A7"): "3:1", ("โครงการ", "A8"): long_number})
    out = tmp_path / "r.xlsx"
    assert main(["report", str(sample_copy), "-o", str(out)]) == 0
    names = load_workbook(out, read_only=True).sheetnames
    kpis = [n for n in names if n.startswith("ตัวชี้วัด")]
    assert kpis == ["ตัวชี้วัด (1)", "ตัวชี้วัด (2)", "ตัวชี้วัด (3-1)", "ตัวชี้วัด (3-1) ~2",
                    "ตัวชี้วัด (โครงการพิเศษ-ระยะที่"]  # fmt: skip
    assert all(len(n) <= 31 and not set("/\\[]*?:") & set(n) for n in names)
    assert len({n.casefold() for n in names}) == len(names)


def test_safe_sheet_name_rules():
    from etda_xl.report.context import safe_sheet_name

    assert safe_sheet_name("ก" * 30 + "ที่", set()) == "ก" * 30  # no letter left without its marks
    assert safe_sheet_name("'quoted'", set()) == "quoted"
    assert safe_sheet_name("History", set()) == "History ~2"
    assert safe_sheet_name("KPIs (a)", {"kpis (a)"}) == "KPIs (a) ~2"
    assert safe_sheet_name("x" * 40, {"x" * 31}) == "x" * 28 + " ~2"
    assert safe_sheet_name("a\tb?", set()) == "ab-"


@pytest.mark.parametrize("case", ["read-only folder", "folder is a file", "read-only pdf"])
def test_an_unwritable_pdf_exits_3_with_the_xlsx_written_and_says_why(sample_copy, tmp_path, capsys, monkeypatch, case):
    import stat
    import tempfile

    monkeypatch.setenv("ETDA_XL_SOFFICE", "")  # the target is refused before any conversion
    out = tmp_path / "ok.xlsx"
    folder = tmp_path / "pdfs"
    if case == "read-only folder":
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        if os.geteuid() == 0:  # root writes into read-only folders: emulate the refusal it would get
            real_mkstemp = tempfile.mkstemp

            def refused(*args, **kwargs):
                if kwargs.get("dir") is not None and Path(kwargs["dir"]) == folder:
                    raise PermissionError(13, "Permission denied")
                return real_mkstemp(*args, **kwargs)

            monkeypatch.setattr(tempfile, "mkstemp", refused)
        why_th, why_en = "เขียนไฟล์ในโฟลเดอร์", "cannot write into the folder"
    elif case == "folder is a file":
        folder.write_text("a file where the folder should be", encoding="utf-8")
        why_th, why_en = "เขียนไฟล์ในโฟลเดอร์", "cannot write into the folder"
    else:
        folder.mkdir()
        (folder / "r.pdf").write_bytes(b"%PDF the previous one /Keywords (etda-xl-output)")  # etda-xl's
        (folder / "r.pdf").chmod(stat.S_IRUSR)
        why_th, why_en = "อ่านอย่างเดียว", "is read-only"
    pdf = folder / "r.pdf"
    try:
        assert main(["report", str(sample_copy), "-o", str(out), "--pdf", str(pdf)]) == 3
    finally:
        if folder.is_dir():
            folder.chmod(stat.S_IRWXU)
    assert out.stat().st_size > 0
    printed = capsys.readouterr().out
    th, en = printed.split("\n\n")
    assert f"เขียนรายงานฉบับร่างแล้ว: {out}" in th and f"Wrote the report as a DRAFT: {out}" in en
    assert f"ไม่ได้เขียน PDF {pdf}:" in th and why_th in th and "(เขียนไฟล์ .xlsx แล้ว)" in th
    assert f"the PDF {pdf} was not written:" in en and why_en in en and "(the .xlsx was written)" in en
    if case == "read-only pdf":
        assert pdf.read_bytes() == b"%PDF the previous one /Keywords (etda-xl-output)"


def test_etda_xl_soffice_naming_nothing_says_so(sample_copy, tmp_path, capsys, monkeypatch):
    missing = tmp_path / "no" / "soffice"
    monkeypatch.setenv("ETDA_XL_SOFFICE", str(missing))
    assert main(["report", str(sample_copy), "-o", str(tmp_path / "r.xlsx"), "--pdf", str(tmp_path / "r.pdf")]) == 3
    th, en = capsys.readouterr().out.split("\n\n")
    assert f"ตัวแปร ETDA_XL_SOFFICE ชี้ไปที่ {missing} ซึ่งไม่มีโปรแกรมอยู่" in th
    assert f"ETDA_XL_SOFFICE points to {missing}, where there is no program" in en
    assert not (tmp_path / "r.pdf").exists()
