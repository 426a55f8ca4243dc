"""``etda-xl doctor``: is this computer ready, and what to do about what is not — in Thai, then English.

Each check is a small function over a ``Machine`` (platform, environment variables, this Python), so the
Windows checks — the Python Excel will start and the xlwings DLL beside it, Office from the Microsoft
Store, the user's xlwings.conf, TH Sarabun New — run in tests on Linux against a temporary home. What
Excel itself does with what they find cannot be watched on Linux: the rules come from xlwings' VBA
(``xlwings_conf``). xlwings is never imported: its version is read from the installed metadata.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from . import __version__
from .errors import EtdaError
from .machine import Machine
from .xlwings_conf import (
    CONF_NAME,
    INTERPRETER,
    LEGACY_INTERPRETER,
    Entries,
    Interpreter,
    dll_folders,
    dll_name,
    entries_of,
    excel_interpreter,
    file_lines,
    lookup,
    sheet_entries,
    user_config_path,
)

SETUP_EXCEL = "etda-xl setup-excel"
INSTALL = "python -m pip install ."  # in the etda-xl folder, with the Python Excel is to start
#: Package folders of Office from the Microsoft Store under %LOCALAPPDATA%\Packages (its family name).
STORE_OFFICE = "microsoft.office.desktop"
#: Where Click-to-Run and MSI installs of Office 2013-2021/365 put Excel, under Program Files.
EXCEL_FOLDERS = ("Microsoft Office/root/Office16", "Microsoft Office/Office16", "Microsoft Office/root/Office15",
                 "Microsoft Office/Office15")  # fmt: skip
#: TH Sarabun New's files as SIPA ships them (THSarabunNew.ttf, THSarabunNew Bold.ttf …).
SARABUN_FILE_PREFIX = "thsarabunnew"


class Status(StrEnum):
    OK = "ok"
    PROBLEM = "problem"  # something to fix: the exit code is 1
    NOTE = "note"  # worth knowing, not a failure


@dataclass(frozen=True)
class Check:
    """One thing looked at: whether it is ready, and what to do when it is not, in Thai and English."""

    name: str
    """Stable, for programs: ``python``, ``pdf``, ``excel_python`` …"""
    status: Status
    message_th: str
    message_en: str


LABELS = {
    Status.OK: ("[ผ่าน]", "[ok]"),
    Status.PROBLEM: ("[ต้องแก้]", "[fix]"),
    Status.NOTE: ("[หมายเหตุ]", "[note]"),
}


@dataclass
class Diagnosis:
    checks: list[Check]
    platform: str

    @property
    def ok(self) -> bool:
        return all(check.status is not Status.PROBLEM for check in self.checks)

    @property
    def problems(self) -> int:
        return sum(check.status is Status.PROBLEM for check in self.checks)

    def describe(self) -> str:
        th = ["etda-xl doctor: ความพร้อมของเครื่องนี้"]
        en = ["etda-xl doctor: is this computer ready?"]
        for check in self.checks:
            label_th, label_en = LABELS[check.status]
            th.append(f"{label_th} {check.message_th}")
            en.append(f"{label_en} {check.message_en}")
        if self.ok:
            th.append("พร้อมใช้งาน")
            en.append("Ready.")
        else:
            th.append(f"ต้องแก้ {self.problems} รายการ (ดูวิธีแก้ในแต่ละบรรทัด [ต้องแก้]) แล้วสั่ง etda-xl doctor อีกครั้ง")
            en.append(f"{self.problems} thing(s) to fix (each [fix] line says how), then run etda-xl doctor again.")
        return "\n".join(th) + "\n\n" + "\n".join(en) + "\n"

    def as_json(self) -> str:
        """``contract.DoctorDocument``."""
        from .contract import doctor_json

        return doctor_json(self.ok, self.platform, self.checks)


def diagnose(book: Path | None = None, machine: Machine | None = None) -> Diagnosis:
    """Every check for this machine (and, given a book, for its folder and its xlwings.conf sheet)."""
    machine = machine or Machine.this()
    installed, template = xlwings_versions()
    checks = [python_check(machine), etda_xl_check(), xlwings_check(installed, template)]
    sheet, sheet_check = book_sheet(book) if book is not None else (None, None)
    if machine.windows:
        interpreter = excel_interpreter(machine, book, sheet)
        excel = excel_program(machine)
        checks += [
            office_check(machine, excel),
            user_config_check(machine),
            excel_python_check(machine, interpreter),
            dll_check(machine, interpreter, template or installed),
            pdf_check(machine, excel if installed and not store_office(machine) else None),
            windows_font_check(machine),
        ]
    else:
        checks += [pdf_check(machine, None), font_check()]
    if book is not None and sheet_check is not None:
        checks.append(book_folder_check(book))
        if book.is_file():  # a folder or a missing file has no sheet to look at: said once, above
            checks.append(sheet_check)
    return Diagnosis(checks, machine.platform)


# --- Python, etda-xl, xlwings -------------------------------------------------------------------------


def python_check(machine: Machine) -> Check:
    version = ".".join(str(part) for part in sys.version_info[:3])
    if machine.windows and _windows_apps(machine.executable):
        return Check(
            "python",
            Status.PROBLEM,
            f"Python {version} นี้มาจาก Microsoft Store ({machine.executable}) ซึ่ง xlwings ใช้กับ Excel ไม่ได้ — "
            f"ติดตั้ง Python จาก python.org แล้วติดตั้ง etda-xl ใหม่ด้วย Python นั้น",
            f"this Python {version} comes from the Microsoft Store ({machine.executable}), which xlwings cannot use "
            "with Excel; install Python from python.org and install etda-xl again with it",
        )
    said = f"Python {version} ({machine.executable})"
    return Check("python", Status.OK, said, said)


def etda_xl_check() -> Check:
    from importlib import metadata

    try:
        installed = metadata.version("etda-xl")
    except metadata.PackageNotFoundError:
        installed = None
    if installed != __version__:
        said = installed or "ไม่ได้ติดตั้ง"
        return Check(
            "etda_xl",
            Status.PROBLEM,
            f"โค้ด etda-xl รุ่น {__version__} แต่แพ็กเกจที่ติดตั้งคือ {said} — ติดตั้งใหม่: {INSTALL} ในโฟลเดอร์ etda-xl",
            f"the etda-xl code is {__version__} but the installed package is {installed or 'not installed'}; "
            f"install it again: {INSTALL} in the etda-xl folder",
        )
    return Check("etda_xl", Status.OK, f"etda-xl {__version__}", f"etda-xl {__version__}")


def xlwings_versions() -> tuple[str | None, str | None]:
    """(installed xlwings, the version etda-xl pins: the one the template's VBA calls), read from the
    installed packages' metadata without importing xlwings."""
    from importlib import metadata

    from .template.vba import pinned_version

    try:
        installed: str | None = metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        installed = None
    return installed, pinned_version()


def xlwings_check(installed: str | None, template: str | None) -> Check:
    """xlwings is installed, of the version whose DLL the template's VBA declares (``xlwings64-<v>.dll``)."""
    wanted = template or "ที่ etda-xl กำหนด"
    if installed is None:
        return Check(
            "xlwings",
            Status.PROBLEM,
            f"ไม่พบ xlwings — ติดตั้ง etda-xl ใหม่ ({INSTALL}) ซึ่งติดตั้ง xlwings {wanted} ให้ด้วย",
            f"xlwings is not installed; install etda-xl again ({INSTALL}), which brings xlwings {template or ''}",
        )
    if template is None:
        return Check(
            "xlwings",
            Status.NOTE,
            f"xlwings {installed} (บอกไม่ได้ว่าแม่แบบต้องการรุ่นใด: etda-xl ไม่ได้ติดตั้งเป็นแพ็กเกจ)",
            f"xlwings {installed} (cannot tell which version the template needs: etda-xl is not installed "
            "as a package)",
        )
    if installed != template:
        return Check(
            "xlwings",
            Status.PROBLEM,
            f"ติดตั้ง xlwings {installed} แต่ VBA ในแม่แบบเรียก {dll_name(template)} (xlwings {template}) — "
            f"ติดตั้งรุ่นที่ตรงกัน: python -m pip install xlwings=={template}",
            f"xlwings {installed} is installed, but the template's VBA calls {dll_name(template)} "
            f"(xlwings {template}); install the matching one: python -m pip install xlwings=={template}",
        )
    return Check(
        "xlwings",
        Status.OK,
        f"xlwings {installed} ตรงกับ VBA ในแม่แบบ ({dll_name(template)})",
        f"xlwings {installed} matches the template's VBA ({dll_name(template)})",
    )


# --- Windows: Office, the Python Excel starts, its DLL, the user's xlwings.conf ----------------------------


def _windows_apps(path: Path) -> bool:
    """A Microsoft Store app, or Windows' App Execution Alias stub for one (…\\WindowsApps\\python.exe)."""
    return "windowsapps" in (part.lower() for part in Path(str(path).replace("\\", "/")).parts)


def store_office(machine: Machine) -> list[Path]:
    """Office from the Microsoft Store: its package folders under %LOCALAPPDATA%\\Packages."""
    packages = machine.folder("LOCALAPPDATA")
    if packages is None or not (packages / "Packages").is_dir():
        return []
    try:
        return sorted(p for p in (packages / "Packages").iterdir() if p.name.lower().startswith(STORE_OFFICE))
    except OSError:
        return []


def excel_program(machine: Machine) -> Path | None:
    """EXCEL.EXE of a Click-to-Run or MSI Office, where Office installs it."""
    roots = [machine.folder(variable) for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
    programs = (root / folder / "EXCEL.EXE" for root in roots if root is not None for folder in EXCEL_FOLDERS)
    return next((program for program in programs if program.is_file()), None)


def office_check(machine: Machine, excel: Path | None) -> Check:
    store = store_office(machine)
    if store:
        return Check(
            "office",
            Status.PROBLEM,
            f"พบ Office จาก Microsoft Store ({store[0].name}) ซึ่ง xlwings เรียกฟังก์ชัน Python ไม่ได้ "
            "(Excel ค้างราวหนึ่งนาทีแล้วขึ้น \u201cCould not activate Python COM server\u201d) — ถอนการติดตั้ง "
            "แล้วติดตั้ง Office จาก office.com (Click-to-Run)",
            f"Office from the Microsoft Store is installed ({store[0].name}); xlwings cannot run Python functions "
            "in it (Excel hangs for about a minute, then says \u201cCould not activate Python COM server\u201d): "
            "uninstall it and install Office from office.com (Click-to-Run)",
        )
    if excel is None:
        return Check(
            "office",
            Status.NOTE,
            "ไม่พบ Excel ในโฟลเดอร์ Program Files\\Microsoft Office (ถ้าติดตั้งไว้ที่อื่น ข้ามข้อนี้ได้)",
            "Excel was not found in Program Files\\Microsoft Office (if it is installed elsewhere, ignore this)",
        )
    return Check("office", Status.OK, f"Excel: {excel}", f"Excel: {excel}")


def user_config_check(machine: Machine) -> Check:
    path = user_config_path(machine)
    try:
        lines = file_lines(path, machine.encoding)
    except (OSError, EtdaError) as error:
        return Check("user_config", Status.PROBLEM, f"อ่าน {path} ไม่ได้: {error} — สั่ง {SETUP_EXCEL}",
                     f"cannot read {path}: {error}; run {SETUP_EXCEL}")  # fmt: skip
    if lines is None:
        return Check(
            "user_config",
            Status.PROBLEM,
            f"ยังไม่ได้ตั้งค่า xlwings ของผู้ใช้นี้ ({path}) — สั่ง {SETUP_EXCEL} ครั้งเดียวต่อเครื่อง",
            f"this user's xlwings settings are not set up ({path}); run {SETUP_EXCEL} once on this computer",
        )
    if any(not line.strip() for line in lines):
        return Check(
            "user_config",
            Status.PROBLEM,
            f"{path} มีบรรทัดว่าง ซึ่งทำให้ VBA ของ xlwings อ่านค่าที่ตามมาผิดคู่ — สั่ง {SETUP_EXCEL} เพื่อซ่อม",
            f"{path} has blank lines, which make xlwings' VBA misread every setting after them; "
            f"run {SETUP_EXCEL} to repair it",
        )
    value = lookup(entries_of(lines), INTERPRETER)
    if not value:
        return Check(
            "user_config",
            Status.PROBLEM,
            f"{path} ยังไม่ได้ระบุ Interpreter_Win — สั่ง {SETUP_EXCEL}",
            f"{path} does not name Interpreter_Win; run {SETUP_EXCEL}",
        )
    return Check("user_config", Status.OK, f"{path}: Interpreter_Win = {value}", f"{path}: Interpreter_Win = {value}")


SOURCES = {
    "sheet": ("ชีต xlwings.conf ของ {where}", "the xlwings.conf sheet of {where}"),
    "directory": ("ไฟล์ {where} ข้างสมุดงาน", "the file {where} beside the book"),
    "user": ("ไฟล์ตั้งค่าของผู้ใช้ {where}", "the user's settings {where}"),
    "default": ("ค่าเริ่มต้นของ xlwings: pythonw ที่พบใน PATH", "xlwings' default: pythonw found on PATH"),
}


def _source(interpreter: Interpreter) -> tuple[str, str]:
    th, en = SOURCES[interpreter.source]
    where = interpreter.where.name if interpreter.source == "sheet" and interpreter.where else interpreter.where
    return th.format(where=where), en.format(where=where)


def located(machine: Machine, interpreter: Interpreter) -> Path | None:
    """The program Excel will start: a bare name found along PATH, a full path as it is (if it exists)."""
    if interpreter.bare:
        return machine.find_program(interpreter.value)
    path = Path(interpreter.value)
    return path if path.is_file() else None


def excel_python_check(machine: Machine, interpreter: Interpreter) -> Check:
    """The Python Excel will start is there, is not a Store stub, and is this Python (where etda-xl is)."""
    source_th, source_en = _source(interpreter)
    program = located(machine, interpreter)
    if program is None:
        return Check(
            "excel_python",
            Status.PROBLEM,
            f"Excel จะเรียก {interpreter.value} (ตาม{source_th}) แต่ไม่พบโปรแกรมนี้ — สั่ง {SETUP_EXCEL} "
            "ด้วย Python ที่ติดตั้ง etda-xl",
            f"Excel will start {interpreter.value} (from {source_en}) but there is no such program; "
            f"run {SETUP_EXCEL} with the Python etda-xl is installed in",
        )
    if _windows_apps(program):
        return Check(
            "excel_python",
            Status.PROBLEM,
            f"Excel จะเรียก {program} (ตาม{source_th}) ซึ่งเป็น Python จาก Microsoft Store หรือทางลัด App Execution "
            f"Alias ของ Windows ที่ xlwings ใช้ไม่ได้ — สั่ง {SETUP_EXCEL} ด้วย Python จาก python.org "
            "(หรือปิด Settings > Apps > Advanced app settings > App execution aliases: python.exe, python3.exe)",
            f"Excel will start {program} (from {source_en}): a Microsoft Store Python or Windows' App Execution "
            f"Alias stub, which xlwings cannot use; run {SETUP_EXCEL} with a python.org Python (or turn off "
            "Settings > Apps > Advanced app settings > App execution aliases: python.exe, python3.exe)",
        )
    if not _same_folder(program, machine.executable):
        on_sheet = interpreter.source == "sheet"
        return Check(
            "excel_python",
            Status.PROBLEM,
            f"Excel จะเรียก {program} (ตาม{source_th}) ไม่ใช่ Python นี้ ({machine.executable}) ที่ติดตั้ง etda-xl — "
            f"สั่ง {SETUP_EXCEL} ด้วย Python นี้"
            + (" และลบแถว Interpreter_Win ในชีต xlwings.conf ของสมุดงาน" if on_sheet else ""),
            f"Excel will start {program} (from {source_en}), not this Python ({machine.executable}) where "
            f"etda-xl is installed; run {SETUP_EXCEL} with this Python"
            + (" and delete the Interpreter_Win row of the book's xlwings.conf sheet" if on_sheet else ""),
        )
    return Check(
        "excel_python",
        Status.OK,
        f"Excel จะเรียก Python นี้: {program} (ตาม{source_th})",
        f"Excel will start this Python: {program} (from {source_en})",
    )


def _same_folder(a: Path, b: Path) -> bool:
    """python.exe and pythonw.exe of one folder are one Python (Windows paths ignore case)."""
    return os.path.normcase(str(a.parent)).lower() == os.path.normcase(str(b.parent)).lower()


def dll_check(machine: Machine, interpreter: Interpreter, version: str | None) -> Check:
    """``xlwings64-<version>.dll`` where xlwings' VBA loads it for the interpreter Excel starts."""
    if version is None:
        return Check("xlwings_dll", Status.NOTE, "ไม่ได้ตรวจ DLL ของ xlwings (ไม่พบ xlwings)",
                     "the xlwings DLL was not checked (no xlwings)")  # fmt: skip
    name = dll_name(version)
    if interpreter.bare:
        folders = machine.path_folders()  # Windows' own DLL search, along PATH
        where_th, where_en = "โฟลเดอร์ใน PATH", "any PATH folder"
    else:
        folders = dll_folders(Path(interpreter.value))
        where_th = where_en = " / ".join(str(folder) for folder in folders)
    found = next((folder / name for folder in folders if (folder / name).is_file()), None)
    if found is None:
        return Check(
            "xlwings_dll",
            Status.PROBLEM,
            f"ไม่พบ {name} ใน {where_th} (Excel จะขึ้น \u201cCould not load {name}\u201d หรือ \u201cFile not found: "
            f"{name}\u201d) — ติดตั้ง etda-xl ใน Python ที่ Excel เรียก ({INSTALL}) หรือสั่ง {SETUP_EXCEL} "
            "ด้วย Python ที่ติดตั้ง etda-xl แล้ว",
            f"{name} is not in {where_en} (Excel says \u201cCould not load {name}\u201d or \u201cFile not found: "
            f"{name}\u201d); install etda-xl into the Python Excel starts ({INSTALL}), or run {SETUP_EXCEL} with "
            "the Python etda-xl is installed in",
        )
    return Check("xlwings_dll", Status.OK, f"{name}: {found}", f"{name}: {found}")


# --- the PDF -----------------------------------------------------------------------------------------


def pdf_check(machine: Machine, excel: Path | None) -> Check:
    """What prints the report's PDF: Excel on Windows (with xlwings), else LibreOffice."""
    from .report.pdf import INSTALL_EN, INSTALL_TH, find_soffice

    if excel is not None:
        return Check("pdf", Status.OK, f"PDF: Excel พิมพ์รายงานเป็น PDF ({excel})",
                     f"PDF: Excel prints the report ({excel})")  # fmt: skip
    soffice = find_soffice(machine.env, machine.platform)
    if soffice is not None:
        return Check("pdf", Status.OK, f"PDF: LibreOffice ({soffice})", f"PDF: LibreOffice ({soffice})")
    override = machine.getenv("ETDA_XL_SOFFICE")
    if override:
        return Check(
            "pdf",
            Status.PROBLEM,
            f"ETDA_XL_SOFFICE ชี้ไปที่ {override} ซึ่งไม่มีโปรแกรมอยู่ — แก้ให้ชี้ไปที่ soffice ของ LibreOffice หรือลบตัวแปรนี้",
            f"ETDA_XL_SOFFICE points to {override}, where there is no program; point it at LibreOffice's soffice "
            "or unset it",
        )
    return Check(
        "pdf",
        Status.PROBLEM,
        f"ไม่พบ LibreOffice จึงสร้าง PDF ไม่ได้ (รายงาน .xlsx ยังสร้างได้) — {INSTALL_TH}",
        f"LibreOffice was not found, so no PDF can be made (the .xlsx report still can); {INSTALL_EN}",
    )


def font_check() -> Check:
    """A Thai font for LibreOffice's PDF, among the fonts fontconfig lists."""
    from .report.pdf import installed_font_families

    return thai_font_check(installed_font_families())


def thai_font_check(families: set[str] | None) -> Check:
    """TH Sarabun New, or TLWG Laksaman standing in for it (``report.pdf``); None: fc-list is missing."""
    from .report.pdf import LAKSAMAN
    from .report.styles import FONT

    if families is None:
        return Check("thai_font", Status.NOTE, "บอกไม่ได้ว่ามีฟอนต์ใดบ้าง (ไม่พบ fc-list)",
                     "cannot tell which fonts are installed (no fc-list)")  # fmt: skip
    if FONT in families:
        return Check("thai_font", Status.OK, f"ฟอนต์ {FONT}", f"font {FONT}")
    if LAKSAMAN.name in families:
        return Check(
            "thai_font",
            Status.OK,
            f"ฟอนต์ {LAKSAMAN.name} (ใช้แทน {FONT} ใน PDF ที่ขนาด {LAKSAMAN.scale}×)",
            f"font {LAKSAMAN.name} (stands in for {FONT} in the PDF at {LAKSAMAN.scale}×)",
        )
    return Check(
        "thai_font",
        Status.PROBLEM,
        f"ไม่พบฟอนต์ไทยสำหรับ PDF ({FONT} หรือ {LAKSAMAN.name}) — sudo apt-get install fonts-thai-tlwg",
        f"no Thai font for the PDF ({FONT} or {LAKSAMAN.name}); sudo apt-get install fonts-thai-tlwg",
    )


def windows_font_check(machine: Machine) -> Check:
    """TH Sarabun New, the report's font, installed for all users or for this one."""
    from .report.styles import FONT

    folders = [machine.folder("WINDIR"), machine.folder("LOCALAPPDATA")]
    candidates = [folders[0] / "Fonts" if folders[0] else None,
                  folders[1] / "Microsoft" / "Windows" / "Fonts" if folders[1] else None]  # fmt: skip
    for folder in candidates:
        if (
            folder is not None
            and folder.is_dir()
            and any(p.name.lower().replace(" ", "").startswith(SARABUN_FILE_PREFIX) for p in folder.iterdir())
        ):
            return Check("thai_font", Status.OK, f"ฟอนต์ {FONT} ({folder})", f"font {FONT} ({folder})")
    return Check(
        "thai_font",
        Status.PROBLEM,
        f"ไม่พบฟอนต์ {FONT} ที่รายงานใช้ (Excel จะใช้ฟอนต์อื่นแทน ข้อความอาจล้นช่อง) — ติดตั้งฟอนต์ {FONT} (ฟอนต์มาตรฐานราชการ)",
        f"{FONT}, the report's font, is not installed (Excel would substitute another and text may not fit); "
        f"install {FONT} (the Thai government's standard font)",
    )


# --- a book --------------------------------------------------------------------------------------------


def book_folder_check(book: Path) -> Check:
    """The buttons and ``etda-xl report`` write beside the book: try it (a temporary file, removed)."""
    if not book.is_file():  # a folder, or no such file: as every command says it (package.safety)
        from .package.safety import check_workbook_file

        try:
            check_workbook_file(book)
        except EtdaError as error:
            return Check("book_folder", Status.PROBLEM, error.th, error.en)
    folder = book.resolve().parent
    try:
        handle, name = tempfile.mkstemp(prefix=".etda-xl-doctor-", dir=folder)
    except OSError as error:
        return Check(
            "book_folder",
            Status.PROBLEM,
            f"เขียนไฟล์ในโฟลเดอร์ {folder} ไม่ได้ ({error.strerror}) ปุ่มสร้างรายงานจึงเขียนรายงานข้างสมุดงานไม่ได้ — "
            "บันทึกสมุดงานไว้ในโฟลเดอร์ที่เขียนได้ เช่น Documents",
            f"cannot write into {folder} ({error.strerror}), so the buttons cannot write the report beside the "
            "book; save the book in a folder you can write to, e.g. Documents",
        )
    os.close(handle)
    Path(name).unlink(missing_ok=True)
    return Check("book_folder", Status.OK, f"เขียนรายงานข้างสมุดงานได้: {folder}",
                 f"the report can be written beside the book: {folder}")  # fmt: skip


def book_sheet(book: Path) -> tuple[Entries | None, Check]:
    """The book's xlwings.conf keys, and whether they leave the Python to each user's own settings."""
    name = "book_conf"
    try:
        sheet = sheet_entries(book) if book.is_file() else None
    except EtdaError as error:
        return None, Check(name, Status.PROBLEM, error.th, error.en)
    if sheet is None:
        return None, Check(
            name,
            Status.NOTE,
            f"{book.name} ไม่มีชีต {CONF_NAME} (ไม่ได้สร้างจากแม่แบบ: ปุ่มและฟังก์ชัน ETDA_* ใช้ไม่ได้ในไฟล์นี้)",
            f"{book.name} has no {CONF_NAME} sheet (not made from the template: no buttons or ETDA_* functions)",
        )
    keys = (INTERPRETER, LEGACY_INTERPRETER)
    pinned = [(row, key, value) for row, (key, value) in enumerate(sheet, 1) if key.strip().upper() in keys]
    if pinned:
        row, key, value = pinned[0]
        return sheet, Check(
            name,
            Status.PROBLEM,
            f"ชีต {CONF_NAME} ของ {book.name} มี {key} (= {value!r}) ที่แถว {row}: ค่าในชีตมาก่อนค่าของแต่ละเครื่อง "
            f"({SETUP_EXCEL}) สำหรับทุกคนที่เปิดไฟล์ แม้เป็นค่าว่าง — ลบทั้งแถว {row} (คลิกขวาที่เลขแถว > Delete) แล้วบันทึก",
            f"the {CONF_NAME} sheet of {book.name} has {key} (= {value!r}) on row {row}: for everyone who opens the "
            f"book it wins over each computer's own setting ({SETUP_EXCEL}), even when empty; delete row {row} "
            "(right-click the row number > Delete) and save",
        )
    return sheet, Check(
        name,
        Status.OK,
        f"ชีต {CONF_NAME} ของ {book.name} ให้แต่ละเครื่องเลือก Python เอง ({SETUP_EXCEL})",
        f"the {CONF_NAME} sheet of {book.name} leaves the Python to each computer ({SETUP_EXCEL})",
    )
