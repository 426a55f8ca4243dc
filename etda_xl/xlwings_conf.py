"""xlwings' configuration as its VBA reads it, and the per-user file ``etda-xl setup-excel`` writes.

From xlwings' own source (the installed package's ``xlwings.bas``: ``GetConfig``, ``GetConfigFromSheet``,
``GetConfigFromFile``, ``SaveConfigToFile``, ``XLPyLoadDLL``; ``xlwings/cli.py``: ``config create`` and
``update_user_config``):

- each key is looked up in layers, and the first layer that has it wins, even with an empty value: the
  book's ``xlwings.conf`` sheet (keys from A1 down to the first blank cell, values in column B), an
  ``xlwings.conf`` file beside the book, the user's file, then the default. So a key on the template's
  sheet would overrule every officer's own file: the template leaves the interpreter out;
- ``Interpreter_Win`` empty means the legacy ``Interpreter`` key, and without that ``pythonw`` on PATH;
- the user's file is ``%USERPROFILE%\\.xlwings\\xlwings.conf`` (xlwings' Python: ``~/.xlwings/xlwings.conf``,
  on macOS ``~/Library/Containers/com.microsoft.Excel/Data/xlwings.conf``);
- its lines are VBA ``Write #`` records, ``"KEY","VALUE"`` and CRLF, read back two fields at a time by
  ``Input #`` in the ANSI code page, key names ignoring case. A blank line shifts every later pair, which
  is why xlwings' ``update_user_config`` drops blank lines, and so does ``set_up_excel``;
- with a full interpreter path the VBA loads ``xlwings64-<version>.dll`` from the interpreter's folder,
  else from the folder above (a virtual environment: ``Scripts\\pythonw.exe``, the DLL in its root, where
  pip puts it); with a bare ``python``/``pythonw`` Windows looks for the DLL along PATH.
"""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, SetupError
from .machine import Machine

CONF_NAME = "xlwings.conf"  # the sheet's name, the file's name
INTERPRETER = "INTERPRETER_WIN"
LEGACY_INTERPRETER = "INTERPRETER"
DEFAULT_INTERPRETER = "pythonw"
BARE_INTERPRETERS = ("python", "pythonw")
MAX_CONF_BYTES = 1024 * 1024  # a settings file is a few lines
MAX_SHEET_ROWS = 1000

Entries = list[tuple[str, str]]


def user_config_path(machine: Machine) -> Path:
    """Where xlwings reads the user's own settings on this machine."""
    if machine.platform == "darwin":
        return machine.home() / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / CONF_NAME
    return machine.home() / ".xlwings" / CONF_NAME


def dll_name(version: str, bits: int = 64) -> str:
    """The DLL the VBA of xlwings ``version`` declares (64-bit Office; 32-bit Office: ``bits=32``)."""
    return f"xlwings{bits}-{version}.dll"


def record(key: str, value: str) -> str:
    """One line as VBA's ``Write #`` writes it (and xlwings' Python): both fields quoted, a comma between."""
    return f'"{key}","{value}"'


def fields(line: str) -> list[str]:
    """A line's fields as ``Input #`` reads them: comma-separated, a field's quotes removed."""
    return [part.strip() for part in next(csv.reader([line], skipinitialspace=True), [])]


def _read_bounded(path: Path) -> bytes | None:
    if not path.is_file():
        return None
    if path.stat().st_size > MAX_CONF_BYTES:
        raise InputError(
            f"ไฟล์ตั้งค่า {path} ใหญ่เกิน {MAX_CONF_BYTES // 1024} KB: ไม่ใช่ไฟล์ตั้งค่าของ xlwings",
            f"the settings file {path} is larger than {MAX_CONF_BYTES // 1024} KB: not an xlwings settings file",
        )
    return path.read_bytes()


def file_lines(path: Path, encoding: str) -> list[str] | None:
    """An xlwings.conf file's lines (blank ones included), or None when there is no such file."""
    data = _read_bounded(path)
    if data is None:
        return None
    return data.decode(encoding, errors="replace").splitlines()


def entries_of(lines: list[str]) -> Entries:
    """(key, value) of each line that has a key, in order."""
    pairs = (fields(line) for line in lines if line.strip())
    return [(found[0], found[1] if len(found) > 1 else "") for found in pairs if found and found[0]]


def lookup(entries: Entries | None, key: str) -> str | None:
    """The first value of ``key`` (case ignored, as the VBA does), or None when the key is not there."""
    wanted = key.upper()
    return next((value for name, value in entries or [] if name.strip().upper() == wanted), None)


def sheet_entries(book: Path) -> Entries | None:
    """The key block of the book's ``xlwings.conf`` sheet, from A1 down to the first blank cell, as the
    VBA reads it; None when the book has no such sheet. Raises InputError for a file that is not a
    readable workbook (checked for zip bombs first, parsed by openpyxl with defusedxml)."""
    from openpyxl import load_workbook

    from .package.safety import check_workbook_file

    check_workbook_file(book)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
            workbook = load_workbook(book, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged package
        th, en = f"อ่านสมุดงาน {book.name} ไม่ได้: {error}", f"cannot read the workbook {book.name}: {error}"
        raise InputError(th, en) from None
    try:
        if CONF_NAME not in workbook.sheetnames:
            return None
        entries: Entries = []
        for row in workbook[CONF_NAME].iter_rows(min_row=1, max_row=MAX_SHEET_ROWS, max_col=2, values_only=True):
            key, value = (*row, None, None)[:2]
            if key is None or str(key) == "":
                break
            entries.append((str(key), "" if value is None else str(value)))
        return entries
    finally:
        workbook.close()


@dataclass(frozen=True)
class Interpreter:
    """The Python Excel starts for this book, and the layer that named it."""

    value: str  # as configured, %VARIABLES% expanded; "pythonw" when nothing names one
    source: str  # "sheet", "directory", "user" or "default"
    where: Path | None  # the book (sheet) or the file that named it

    @property
    def bare(self) -> bool:
        """``python``/``pythonw``: found along PATH, and its DLL too."""
        return self.value.lower() in BARE_INTERPRETERS


def excel_interpreter(machine: Machine, book: Path | None = None, sheet: Entries | None = None) -> Interpreter:
    """``Interpreter_Win`` as xlwings' VBA resolves it for ``book`` (whose conf sheet's keys are ``sheet``)."""
    layers: list[tuple[str, Path, Entries | None]] = []
    if book is not None:
        layers.append(("sheet", book, sheet))
        beside = book.parent / CONF_NAME
        layers.append(("directory", beside, _file_entries(beside, machine.encoding)))
    user = user_config_path(machine)
    layers.append(("user", user, _file_entries(user, machine.encoding)))
    for key in (INTERPRETER, LEGACY_INTERPRETER):
        # the first layer that has the key decides, even with an empty value (which masks later layers)
        found = next(((value, source, where) for source, where, entries in layers
                      if (value := lookup(entries, key)) is not None), None)  # fmt: skip
        if found is not None and found[0]:
            return Interpreter(machine.expand(found[0]), found[1], found[2])
    return Interpreter(DEFAULT_INTERPRETER, "default", None)


def _file_entries(path: Path, encoding: str) -> Entries | None:
    try:
        lines = file_lines(path, encoding)
    except (OSError, InputError):  # unreadable: the VBA would not find the key there either
        return None
    return None if lines is None else entries_of(lines)


def dll_folders(interpreter: Path) -> list[Path]:
    """Where the VBA loads the DLL from for a full interpreter path: its folder, then the one above."""
    return [interpreter.parent, interpreter.parent.parent]


def interpreter_for_excel(machine: Machine) -> Path:
    """This Python as Excel should start it: ``pythonw.exe`` beside it on Windows (no console window)."""
    if machine.windows:
        windowless = machine.executable.with_name("pythonw.exe")
        if windowless.is_file():
            return windowless
    return machine.executable


# --- etda-xl setup-excel ---------------------------------------------------------------------------


@dataclass
class ExcelSetup:
    """What ``set_up_excel`` wrote (or, with ``dry_run``, would write) to the user's xlwings.conf."""

    path: Path
    interpreter: Path
    text: str  # the file's content, as written
    changed: bool
    dry_run: bool
    windows: bool
    replaced: list[str] = field(default_factory=list)  # earlier Interpreter_Win values
    blank_lines: int = 0
    kept: int = 0  # other settings' lines kept as they were

    def describe(self) -> str:
        """What was (or would be) written, Thai first, then English."""
        th, en = self._headline()
        th.append(f"  Interpreter_Win = {self.interpreter} (Python ที่ Excel จะเรียกใช้)")
        en.append(f"  Interpreter_Win = {self.interpreter} (the Python Excel will start)")
        if self.replaced:
            th.append(f"  แทนค่าเดิม: {', '.join(self.replaced) or '(ว่าง)'}")
            en.append(f"  replacing: {', '.join(self.replaced) or '(empty)'}")
        if self.blank_lines:
            th.append(f"  ลบบรรทัดว่าง {self.blank_lines} บรรทัด (VBA ของ xlwings อ่านค่าหลังบรรทัดว่างผิดคู่)")
            en.append(f"  removing {self.blank_lines} blank line(s) (xlwings' VBA misreads every setting after one)")
        if self.kept:
            th.append(f"  ค่าอื่นในไฟล์ {self.kept} บรรทัดคงไว้ตามเดิม")
            en.append(f"  {self.kept} other setting line(s) kept as they were")
        if self.dry_run and self.changed:
            th += ["  เนื้อหาที่จะเขียน:", *(f"    {line}" for line in self.text.splitlines())]
            en += ["  content:", *(f"    {line}" for line in self.text.splitlines())]
        if not self.dry_run and self.changed:
            th.append("ปิด Excel ทุกหน้าต่างแล้วเปิดใหม่ เพื่อให้ Excel ใช้ค่านี้")
            en.append("Close every Excel window and open Excel again so that it uses this setting.")
        if not self.windows:
            th.append("(ค่านี้ใช้กับ Excel บน Windows: บนเครื่องนี้ไม่มีผล)")
            en.append("(Excel on Windows reads this setting; on this system it has no effect.)")
        return "\n".join(th) + "\n\n" + "\n".join(en) + "\n"

    def _headline(self) -> tuple[list[str], list[str]]:
        if not self.changed:
            return [f"ไฟล์ตั้งค่า xlwings ของผู้ใช้นี้ถูกต้องอยู่แล้ว ไม่ต้องเขียน: {self.path}"], [
                f"The user's xlwings settings are already right, nothing to write: {self.path}"
            ]
        if self.dry_run:
            return [f"จะเขียนไฟล์ตั้งค่า xlwings ของผู้ใช้นี้: {self.path} (--dry-run: ยังไม่ได้เขียน)"], [
                f"Would write the user's xlwings settings: {self.path} (--dry-run: nothing written)"
            ]
        return [f"เขียนไฟล์ตั้งค่า xlwings ของผู้ใช้นี้แล้ว: {self.path}"], [f"Wrote the user's xlwings settings: {self.path}"]


def set_up_excel(machine: Machine | None = None, dry_run: bool = False) -> ExcelSetup:
    """Name this Python as ``Interpreter_Win`` in the user's xlwings.conf, in xlwings' own format.

    Other settings' lines are kept as they are; earlier ``Interpreter_Win`` lines and blank lines go,
    and the setting is written last (as ``SaveConfigToFile`` does). Written atomically, and only when
    it changes anything: running it again repairs the file. ``dry_run`` writes nothing. Raises
    SetupError when the interpreter's path cannot be written so that xlwings' VBA reads it back.
    """
    machine = machine or Machine.this()
    path = user_config_path(machine)
    interpreter = interpreter_for_excel(machine)
    newline = b"\r\n" if machine.windows else b"\n"  # Write # ends a record with CRLF; Python's text mode
    ours = _encoded(record(INTERPRETER, str(interpreter)), interpreter, machine) + newline
    old = _read_bounded(path)
    result = ExcelSetup(path, interpreter, "", False, dry_run, machine.windows)
    lines: list[bytes] = []
    for line in (old or b"").splitlines():
        text = line.decode(machine.encoding, errors="replace")
        found = fields(text) if text.strip() else []
        if not found:
            result.blank_lines += 1
        elif found[0].upper() == INTERPRETER:
            result.replaced.append(found[1] if len(found) > 1 else "")
        else:
            lines.append(line + newline)
            result.kept += 1
    content = b"".join(lines) + ours
    result.text = content.decode(machine.encoding)
    result.changed = content != old
    if result.changed and not dry_run:
        from .output import atomic_output

        with atomic_output(path) as temporary:
            temporary.write_bytes(content)
    return result


def _encoded(line: str, interpreter: Path, machine: Machine) -> bytes:
    """The line in the code page the VBA reads it in; refused when the path cannot be read back."""
    if '"' in str(interpreter):
        raise SetupError(
            f'ที่อยู่ของ Python มีเครื่องหมาย " ซึ่งไฟล์ตั้งค่าของ xlwings เก็บไม่ได้: {interpreter}',
            f"the path of this Python holds a \" which xlwings' settings file cannot hold: {interpreter}",
        )
    try:
        return line.encode(machine.encoding)
    except UnicodeEncodeError:
        raise SetupError(
            f"ที่อยู่ของ Python ({interpreter}) มีตัวอักษรที่ Excel อ่านจากไฟล์ตั้งค่าไม่ได้ในภาษาของระบบนี้ "
            f"({machine.encoding}) — ติดตั้ง Python ในโฟลเดอร์ที่ชื่อเป็นภาษาอังกฤษ เช่น C:\\Python311 "
            "หรือตั้ง Language for non-Unicode programs ของ Windows เป็นภาษาไทย แล้วสั่งใหม่",
            f"the path of this Python ({interpreter}) has letters Excel cannot read from the settings file in "
            f"this system's code page ({machine.encoding}); install Python into a folder with an English name, "
            "e.g. C:\\Python311, or set Windows' language for non-Unicode programs to Thai, then run this again",
        ) from None
