"""`etda-xl doctor`: what it finds, and what it says to do, on Linux and on a Windows laid out in a
temporary folder (``USERPROFILE``, ``LOCALAPPDATA``, ``ProgramFiles``, ``WINDIR``, ``PATH`` pointed there).

What cannot be verified on Linux: that Excel itself behaves as the Windows checks assume. They follow
xlwings' VBA (``xlwings.bas``: the Python named by ``Interpreter_Win``, sheet before files, the DLL from
the interpreter's folder or the one above, or along PATH for a bare ``pythonw``), the folders where
Office's Click-to-Run installer puts EXCEL.EXE, the package folder ``Microsoft.Office.Desktop_8wekyb3d8bbwe``
that Office from the Microsoft Store keeps under ``%LOCALAPPDATA%\\Packages``, and the App Execution
Alias stubs in ``%LOCALAPPDATA%\\Microsoft\\WindowsApps``; none of these was watched on a real Windows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from etda_xl import doctor
from etda_xl.api import diagnose, set_up_excel
from etda_xl.cli import main
from etda_xl.doctor import Status
from etda_xl.machine import Machine

pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*")  # oletools' pyparsing calls

ROOT = Path(__file__).parent.parent
PIN = doctor.xlwings_versions()[1]


def statuses(result) -> dict[str, str]:
    return {check.name: check.status.value for check in result.checks}


def check(result, name: str):
    return next(c for c in result.checks if c.name == name)


# --- Linux -------------------------------------------------------------------------------------------


def linux(tmp_path: Path, path: str, **env: str) -> Machine:
    return Machine("linux", {"HOME": str(tmp_path), "PATH": path, **env}, Path(sys.executable), "utf-8")


def fake_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def test_linux_with_libreoffice_on_path(tmp_path):
    soffice = fake_program(tmp_path / "bin", "soffice")
    result = diagnose(machine=linux(tmp_path, str(tmp_path / "bin")))
    assert check(result, "pdf").status is Status.OK and str(soffice) in check(result, "pdf").message_en
    assert [c.name for c in result.checks][:5] == ["python", "etda_xl", "xlwings", "pdf", "thai_font"]
    assert not {"office", "excel_python", "xlwings_dll", "user_config"} & set(statuses(result))  # Windows only


def test_linux_without_libreoffice_says_how_to_install_it(tmp_path):
    result = diagnose(machine=linux(tmp_path, str(tmp_path / "empty")))
    pdf = check(result, "pdf")
    assert pdf.status is Status.PROBLEM and not result.ok
    assert "sudo apt-get install libreoffice-calc-nogui fonts-thai-tlwg" in pdf.message_th
    assert pdf.message_en.startswith("LibreOffice was not found, so no PDF can be made")
    named = diagnose(machine=linux(tmp_path, "", ETDA_XL_SOFFICE=str(tmp_path / "nothing")))
    assert f"ETDA_XL_SOFFICE points to {tmp_path / 'nothing'}" in check(named, "pdf").message_en


def test_the_command_exits_1_without_libreoffice_and_0_with_it(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ETDA_XL_SOFFICE", raising=False)
    monkeypatch.setattr(doctor, "font_check", lambda: doctor.Check("thai_font", Status.OK, "f", "f"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    thai, english = out.split("\n\n")
    assert "[ต้องแก้] ไม่พบ LibreOffice" in thai and "ต้องแก้ 1 รายการ" in thai
    assert "[fix] LibreOffice was not found" in english and "1 thing(s) to fix" in english
    fake_program(tmp_path / "bin", "soffice")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert main(["doctor"]) == 0
    assert capsys.readouterr().out.split("\n\n")[1].rstrip().endswith("Ready.")


def test_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("ETDA_XL_SOFFICE", raising=False)
    assert main(["doctor", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is False and document["platform"] == sys.platform
    pdf = next(c for c in document["checks"] if c["name"] == "pdf")
    assert pdf["status"] == "problem" and pdf["message_th"].startswith("ไม่พบ LibreOffice")
    assert set(pdf) == {"name", "status", "message_th", "message_en"}


def test_a_mismatched_xlwings_says_which_version_to_install(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "xlwings_versions", lambda: ("0.38.1", "0.37.8"))
    found = check(diagnose(), "xlwings")
    assert found.status is Status.PROBLEM
    assert found.message_en == (
        "xlwings 0.38.1 is installed, but the template's VBA calls xlwings64-0.37.8.dll (xlwings 0.37.8); "
        "install the matching one: python -m pip install xlwings==0.37.8"
    )
    assert "xlwings==0.37.8" in found.message_th
    assert main(["doctor"]) == 1
    assert "[fix] xlwings 0.38.1 is installed" in capsys.readouterr().out
    missing = doctor.xlwings_check(None, "0.37.8")
    assert missing.status is Status.PROBLEM and "python -m pip install ." in missing.message_en


def test_the_template_version_doctor_expects_is_the_one_the_committed_template_declares():
    """Installed xlwings, the pin in the installed metadata, and the DLL the committed template's VBA
    declares (read with oletools, as tests/test_template_vba.py does) are one version, and doctor says so."""
    import xlwings
    from oletools.olevba import VBA_Parser

    from etda_xl.template.vba import declared_versions

    parser = VBA_Parser(str(ROOT / "workbook_template.xlsm"))
    try:
        module = next(code for _, _, name, code in parser.extract_macros() if name == "xlwings.bas")
    finally:
        parser.close()
    assert doctor.xlwings_versions() == (xlwings.__version__, xlwings.__version__)
    assert declared_versions(module) == {PIN}
    assert check(diagnose(), "xlwings").message_en == f"xlwings {PIN} matches the template's VBA (xlwings64-{PIN}.dll)"


@pytest.mark.parametrize(
    ("families", "status", "said"),
    [
        ({"TH Sarabun New", "Laksaman"}, Status.OK, "font TH Sarabun New"),
        ({"Laksaman", "DejaVu Sans"}, Status.OK, "font Laksaman (stands in for TH Sarabun New"),
        ({"DejaVu Sans"}, Status.PROBLEM, "sudo apt-get install fonts-thai-tlwg"),
        (None, Status.NOTE, "no fc-list"),
    ],
)
def test_the_thai_font_for_libreoffice(families, status, said):
    found = doctor.thai_font_check(families)
    assert found.status is status and said in found.message_en


def test_doctor_never_imports_xlwings():
    code = "import sys; from etda_xl.api import diagnose; diagnose(); print('xlwings' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


# --- a book ------------------------------------------------------------------------------------------


def conf_book(path: Path, rows: list[tuple[str, object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "xlwings.conf"
    for key, value in rows:
        sheet.append([key, value])
    book.save(path)
    return path


def test_a_book_from_the_template_leaves_the_python_to_each_computer(tmp_path):
    result = diagnose(ROOT / "workbook_template.xlsm", machine=linux(tmp_path, ""))
    assert check(result, "book_conf").status is Status.OK
    assert check(result, "book_folder").status is Status.OK


def test_a_book_that_pins_the_interpreter_says_which_row_to_delete(tmp_path):
    """A book made from the earlier template: Interpreter_Win = python in row 1."""
    book = conf_book(tmp_path / "2564-Q1.xlsx", [("Interpreter_Win", "python"), ("UDF Modules", "udfs.etda_udfs")])
    found = check(diagnose(book, machine=linux(tmp_path, "")), "book_conf")
    assert found.status is Status.PROBLEM
    assert "has Interpreter_Win (= 'python') on row 1" in found.message_en
    assert "delete row 1" in found.message_en and "ลบทั้งแถว 1" in found.message_th
    empty = conf_book(tmp_path / "empty.xlsx", [("UDF Modules", "udfs.etda_udfs"), ("INTERPRETER_WIN", None)])
    said = check(diagnose(empty, machine=linux(tmp_path, "")), "book_conf").message_en
    assert "has INTERPRETER_WIN (= '') on row 2" in said


def test_a_missing_or_unreadable_book(tmp_path):
    missing = diagnose(tmp_path / "nothing.xlsm", machine=linux(tmp_path, ""))
    assert check(missing, "book_folder").message_en == f"file not found: {tmp_path / 'nothing.xlsm'}"
    assert "book_conf" not in {c.name for c in missing.checks}  # no "has no xlwings.conf sheet" besides
    folder = diagnose(tmp_path, machine=linux(tmp_path, ""))
    assert check(folder, "book_folder").message_en.startswith(f"{tmp_path} is a folder, not a file")
    text = tmp_path / "notes.xlsm"
    text.write_text("not a workbook")
    found = check(diagnose(text, machine=linux(tmp_path, "")), "book_conf")
    assert found.status is Status.PROBLEM and found.message_en == "notes.xlsm is not an Excel workbook (.xlsx/.xlsm)"


def test_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    book = conf_book(tmp_path / "q.xlsx", [("UDF Modules", "udfs.etda_udfs")])

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(doctor.tempfile, "mkstemp", refused)
    found = check(diagnose(book, machine=linux(tmp_path, "")), "book_folder")
    assert found.status is Status.PROBLEM
    assert found.message_en.startswith(f"cannot write into {tmp_path} (Permission denied)")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write into any folder")
def test_a_read_only_folder(tmp_path):
    folder = tmp_path / "shared"
    book = conf_book(folder.mkdir() or folder / "q.xlsx", [("UDF Modules", "udfs.etda_udfs")])
    folder.chmod(0o555)
    try:
        assert check(diagnose(book, machine=linux(tmp_path, "")), "book_folder").status is Status.PROBLEM
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["q.xlsx"]


def test_the_folder_check_leaves_nothing_behind(tmp_path):
    book = conf_book(tmp_path / "q.xlsx", [("UDF Modules", "udfs.etda_udfs")])
    assert check(diagnose(book, machine=linux(tmp_path, "")), "book_folder").status is Status.OK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.xlsx"]


# --- Windows, in a temporary folder ---------------------------------------------------------------------


@dataclass
class FakeWindows:
    root: Path
    python: Path  # .venv\Scripts\python.exe of the etda-xl folder
    env: dict[str, str]

    def machine(self, encoding: str = "cp874") -> Machine:
        return Machine("win32", self.env, self.python, encoding)


@pytest.fixture
def windows(tmp_path) -> FakeWindows:
    """Python.org's layout for a virtual environment, Click-to-Run Excel, TH Sarabun New, LibreOffice."""
    venv = tmp_path / "Users" / "somchai" / "etda-xl" / ".venv"
    for name in ("python.exe", "pythonw.exe"):
        fake_program(venv / "Scripts", name)
    (venv / f"xlwings64-{PIN}.dll").touch()  # pip's data_files: the environment's root
    program_files = tmp_path / "Program Files"
    fake_program(program_files / "Microsoft Office" / "root" / "Office16", "EXCEL.EXE")
    fake_program(program_files / "LibreOffice" / "program", "soffice.exe")
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    (fonts / "THSarabunNew.ttf").touch()
    env = {
        "USERPROFILE": str(tmp_path / "Users" / "somchai"),
        "LOCALAPPDATA": str(tmp_path / "Users" / "somchai" / "AppData" / "Local"),
        "ProgramFiles": str(program_files),
        "WINDIR": str(tmp_path / "Windows"),
        "PATH": str(tmp_path / "Windows" / "System32"),
    }
    return FakeWindows(tmp_path, venv / "Scripts" / "python.exe", env)


def test_windows_before_and_after_setup_excel(windows):
    machine = windows.machine()
    before = diagnose(machine=machine)
    assert statuses(before) == {
        "python": "ok", "etda_xl": "ok", "xlwings": "ok", "office": "ok", "user_config": "problem",
        "excel_python": "problem", "xlwings_dll": "problem", "pdf": "ok", "thai_font": "ok",
    }  # fmt: skip
    assert "run etda-xl setup-excel once on this computer" in check(before, "user_config").message_en
    assert check(before, "excel_python").message_en.startswith(
        "Excel will start pythonw (from xlwings' default: pythonw found on PATH) but there is no such program"
    )
    set_up_excel(machine=machine)
    after = diagnose(machine=machine)
    assert after.ok, after.describe()
    scripts = windows.python.parent
    assert check(after, "excel_python").message_en == (
        f"Excel will start this Python: {scripts / 'pythonw.exe'} "
        f"(from the user's settings {windows.root / 'Users' / 'somchai' / '.xlwings' / 'xlwings.conf'})"
    )
    assert check(after, "xlwings_dll").message_en == f"xlwings64-{PIN}.dll: {scripts.parent / f'xlwings64-{PIN}.dll'}"
    assert "Excel prints the report" in check(after, "pdf").message_en
    assert check(after, "office").message_en.endswith("EXCEL.EXE")


def test_windows_environment_names_ignore_case(windows):
    windows.env = {key.upper(): value for key, value in windows.env.items()}
    set_up_excel(machine=windows.machine())
    assert diagnose(machine=windows.machine()).ok


def test_windows_dll_missing_names_both_folders_the_vba_tries(windows):
    set_up_excel(machine=windows.machine())
    (windows.python.parent.parent / f"xlwings64-{PIN}.dll").unlink()
    found = check(diagnose(machine=windows.machine()), "xlwings_dll")
    assert found.status is Status.PROBLEM
    assert f"{windows.python.parent} / {windows.python.parent.parent}" in found.message_en
    assert f"Could not load xlwings64-{PIN}.dll" in found.message_en


def test_windows_office_from_the_store(windows):
    store = Path(windows.env["LOCALAPPDATA"]) / "Packages" / "Microsoft.Office.Desktop_8wekyb3d8bbwe"
    store.mkdir(parents=True)
    set_up_excel(machine=windows.machine())
    result = diagnose(machine=windows.machine())
    office = check(result, "office")
    assert office.status is Status.PROBLEM and "Microsoft.Office.Desktop_8wekyb3d8bbwe" in office.message_en
    assert "Could not activate Python COM server" in office.message_en and "office.com" in office.message_th
    assert "LibreOffice" in check(result, "pdf").message_en  # the Store's Excel does not print through xlwings


def test_windows_the_app_execution_alias_on_path(windows):
    """No user settings: xlwings starts pythonw from PATH, and the first one is Windows' Store stub."""
    aliases = Path(windows.env["LOCALAPPDATA"]) / "Microsoft" / "WindowsApps"
    fake_program(aliases, "pythonw.exe")
    windows.env["PATH"] = f"{aliases};{windows.env['PATH']}"
    found = check(diagnose(machine=windows.machine()), "excel_python")
    assert found.status is Status.PROBLEM and "App Execution Alias" in found.message_en


def test_windows_python_from_the_store(windows):
    store = Path(windows.env["LOCALAPPDATA"]) / "Microsoft" / "WindowsApps" / "PythonSoftwareFoundation.Python.3.12"
    python = fake_program(store, "python.exe")
    machine = Machine("win32", windows.env, python, "cp874")
    found = check(diagnose(machine=machine), "python")
    assert found.status is Status.PROBLEM and "Microsoft Store" in found.message_en


def test_windows_a_blank_line_in_the_users_file(windows):
    set_up_excel(machine=windows.machine())
    path = Path(windows.env["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
    path.write_bytes(b"\r\n" + path.read_bytes())
    found = check(diagnose(machine=windows.machine()), "user_config")
    assert found.status is Status.PROBLEM and "blank lines" in found.message_en
    assert "etda-xl setup-excel" in found.message_en
    set_up_excel(machine=windows.machine())
    assert check(diagnose(machine=windows.machine()), "user_config").status is Status.OK


def test_windows_another_python_in_the_users_file(windows):
    other = fake_program(windows.root / "Python311", "pythonw.exe")
    path = Path(windows.env["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
    path.parent.mkdir(parents=True)
    path.write_bytes(f'"INTERPRETER_WIN","{other}"\r\n'.encode())
    found = check(diagnose(machine=windows.machine()), "excel_python")
    assert found.status is Status.PROBLEM
    assert f"Excel will start {other}" in found.message_en and f"not this Python ({windows.python})" in found.message_en


def test_windows_a_variable_in_the_interpreter_is_expanded_as_xlwings_does(windows):
    path = Path(windows.env["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'"INTERPRETER_WIN","%USERPROFILE%/etda-xl/.venv/Scripts/pythonw.exe"\r\n')
    assert diagnose(machine=windows.machine()).ok


def test_windows_the_books_sheet_wins_over_the_users_file(windows):
    """An earlier template's book: its Interpreter_Win = python is read before the user's file, so Excel
    looks for python on PATH (there is none) whatever setup-excel wrote."""
    set_up_excel(machine=windows.machine())
    book = conf_book(windows.root / "2564-Q1.xlsx", [("Interpreter_Win", "python"), ("UDF Modules", "udfs.etda_udfs")])
    result = diagnose(book, machine=windows.machine())
    assert check(result, "excel_python").message_en.startswith(
        "Excel will start python (from the xlwings.conf sheet of 2564-Q1.xlsx) but there is no such program"
    )
    assert check(result, "book_conf").status is Status.PROBLEM
    beside = windows.root / "xlwings.conf"  # a file beside the book comes before the user's too
    beside.write_bytes(b'"INTERPRETER_WIN","C:\\Elsewhere\\pythonw.exe"\r\n')
    conf_book(book, [("UDF Modules", "udfs.etda_udfs")])
    assert "(from the file " in check(diagnose(book, machine=windows.machine()), "excel_python").message_en


def test_windows_no_excel_and_no_thai_font(windows):
    (windows.root / "Program Files" / "Microsoft Office" / "root" / "Office16" / "EXCEL.EXE").unlink()
    (windows.root / "Windows" / "Fonts" / "THSarabunNew.ttf").unlink()
    (Path(windows.env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts").mkdir(parents=True)
    (Path(windows.env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts" / "THSarabunNew Bold.ttf").touch()
    set_up_excel(machine=windows.machine())
    result = diagnose(machine=windows.machine())
    assert check(result, "office").status is Status.NOTE
    pdf = check(result, "pdf").message_en
    assert pdf.startswith("PDF: LibreOffice (") and "soffice.exe" in pdf
    assert check(result, "thai_font").status is Status.OK  # installed for this user only
    (Path(windows.env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts" / "THSarabunNew Bold.ttf").unlink()
    assert check(diagnose(machine=windows.machine()), "thai_font").status is Status.PROBLEM
