"""Checks an untrusted .xlsx/.xlsm before any XML parser sees it.

openpyxl parses with defusedxml when it is installed (entity expansion raises), but nothing stops
a zip bomb: a few hundred KB that inflate to gigabytes. We bound entry count, sizes and ratios
from the zip directory alone, without inflating anything.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError

#: Compound-file header: encrypted .xlsx files and old .xls files both start with it.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
#: Compression ratio above which a large entry is treated as a bomb. Real sheet XML compresses
#: about 10-30×; repeated identical rows can reach ~100×.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 1024 * 1024


def check_workbook_file(path: Path) -> None:
    """Raise InputError unless ``path`` looks like a workbook that is safe to parse."""
    name = path.name
    if path.is_dir():
        raise InputError(
            f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ — ระบุไฟล์สมุดงาน (.xlsx/.xlsm) ในโฟลเดอร์นั้น",
            f"{path} is a folder, not a file; give the workbook (.xlsx/.xlsm) inside it",
        )
    if not path.is_file():
        raise InputError(f"ไม่พบไฟล์ {path}", f"file not found: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(
            f"ไฟล์ {name} ใหญ่เกิน {MAX_FILE_BYTES // 2**20} MB", f"{name} is larger than {MAX_FILE_BYTES // 2**20} MB"
        )
    with path.open("rb") as head:
        signature = head.read(8)
    if signature == OLE_SIGNATURE:
        raise InputError(
            f"ไฟล์ {name} มีรหัสผ่าน หรือเป็นไฟล์ Excel รุ่นเก่า (.xls) — เปิดใน Excel เอารหัสผ่านออก แล้วบันทึกเป็น .xlsx",
            f"{name} is password-protected or an old-format .xls file; open it in Excel, remove the password "
            "and save it as .xlsx",
        )
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx/.xlsm)",
            f"{name} is not an Excel workbook (.xlsx/.xlsm)",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_entries(name, entries)
            _check_no_dtd(name, archive, entries)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"ไฟล์ {name} เสียหาย: {exc}", f"{name} is damaged: {exc}") from None


#: A DTD must come before the root element, so the head of each part is enough to find one.
PROLOG_BYTES = 4096


def _check_no_dtd(name: str, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Office never writes a DTD; one in a workbook part is an entity-expansion attempt."""
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(entry) as part:
            head = part.read(PROLOG_BYTES)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML is legal: look in its text too
            head = head.decode("utf-16", errors="ignore").encode()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(
                f"ไฟล์ {name} มี XML ที่ไม่ปลอดภัย (DTD/entity ใน {entry.filename}) จึงไม่เปิดอ่าน",
                f"{name} contains unsafe XML (a DTD/entity in {entry.filename}); refusing to read it",
            )


def _check_entries(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(f"ไฟล์ {name} มีส่วนประกอบมากผิดปกติ", f"{name} has too many parts ({len(entries)})")
    if not any(e.filename == "[Content_Types].xml" for e in entries):
        raise InputError(f"ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx/.xlsm)", f"{name} is not an Excel workbook (.xlsx/.xlsm)")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        too_big = entry.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES
        if too_big or (entry.file_size > RATIO_APPLIES_ABOVE and ratio > MAX_RATIO):
            raise InputError(
                f"ไฟล์ {name} ขยายตัวผิดปกติเมื่อแตกไฟล์ ({entry.filename}: {entry.file_size:,} ไบต์) "
                "อาจเป็นไฟล์อันตราย จึงไม่เปิดอ่าน",
                f"{name} expands abnormally ({entry.filename}: {entry.file_size:,} bytes, ratio {ratio:.0f}:1); "
                "refusing to read a possible zip bomb",
            )
