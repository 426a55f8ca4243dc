"""`etda-xl setup-excel`: the user's own xlwings.conf, in xlwings' own format, with the home folder
pointed at a temporary one.

The file is compared with what xlwings' own code writes and reads: ``xlwings config create`` and
``update_user_config`` (``xlwings/cli.py``) and ``read_user_config`` (``xlwings/utils.py``), run here
against the same temporary file. What cannot be verified on Linux: that Excel's VBA (``GetConfig``,
``GetConfigFromFile`` with ``Input #``) reads the file back. Its format is VBA's ``Write #`` record
(``"KEY","VALUE"`` and CRLF), which xlwings' Python also writes on Windows (text mode turns "\\n"
into CRLF), in the ANSI code page (VBA's file I/O, and Python's default encoding on Windows).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
import xlwings
import xlwings.cli
import xlwings.utils

from etda_xl.api import set_up_excel
from etda_xl.cli import main
from etda_xl.errors import OutputError, SetupError
from etda_xl.machine import Machine
from etda_xl.xlwings_conf import user_config_path


def linux(home: Path, executable: Path) -> Machine:
    return Machine("linux", {"HOME": str(home)}, executable, "utf-8")


def windows(home: Path, executable: Path, encoding: str = "cp874") -> Machine:
    return Machine("win32", {"USERPROFILE": str(home)}, executable, encoding)


@pytest.fixture
def xlwings_file(tmp_path, monkeypatch) -> Path:
    """xlwings' own user config file, pointed at a temporary folder (its code reads USER_CONFIG_FILE)."""
    path = tmp_path / "xlwings-own" / ".xlwings" / "xlwings.conf"
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    for variable in ("CONDA_DEFAULT_ENV", "CONDA_EXE"):  # config create writes conda keys instead
        monkeypatch.delenv(variable, raising=False)
    return path


def test_a_new_file_is_what_xlwings_config_create_writes(tmp_path, xlwings_file, monkeypatch):
    executable = tmp_path / "venv" / "bin" / "python"
    monkeypatch.setattr(sys, "executable", str(executable))
    xlwings.cli.config_create(None)
    result = set_up_excel(machine=linux(tmp_path / "home", executable))
    assert result.path == tmp_path / "home" / ".xlwings" / "xlwings.conf"
    assert result.path.read_bytes() == xlwings_file.read_bytes() == f'"INTERPRETER_WIN","{executable}"\n'.encode()
    assert result.changed and not result.dry_run


def test_an_existing_file_is_updated_as_xlwings_updates_it(tmp_path, xlwings_file):
    """Other keys kept as they were, blank lines and the old interpreter gone, the key written last —
    byte for byte what xlwings' update_user_config does to the same file."""
    seed = (
        '"LICENSE_KEY","noncommercial"\n'
        "\n"
        '"INTERPRETER_WIN","C:\\Old\\pythonw.exe"\n'
        '"ONEDRIVE_CONSUMER_WIN","C:\\Users\\somchai\\OneDrive"\n'
        "\n"
    )
    executable = tmp_path / "venv" / "bin" / "python"
    ours = user_config_path(linux(tmp_path / "home", executable))
    for path in (ours, xlwings_file):
        path.parent.mkdir(parents=True)
        path.write_text(seed, encoding="utf-8")
    xlwings.cli.update_user_config("INTERPRETER_WIN", str(executable))
    result = set_up_excel(machine=linux(tmp_path / "home", executable))
    assert ours.read_bytes() == xlwings_file.read_bytes()
    assert (result.replaced, result.blank_lines, result.kept) == (["C:\\Old\\pythonw.exe"], 2, 2)
    read_back = dict(xlwings.utils.read_user_config())  # xlwings' own reader, on our file now
    assert read_back == {
        "license_key": "noncommercial",
        "onedrive_consumer_win": "C:\\Users\\somchai\\OneDrive",
        "interpreter_win": str(executable),
    }


def test_windows_names_pythonw_beside_this_python_in_vba_write_records(tmp_path, xlwings_file):
    """On Windows the record ends in CRLF (VBA's Write #; xlwings' Python in text mode on Windows)."""
    scripts = tmp_path / "etda-xl" / ".venv" / "Scripts"
    scripts.mkdir(parents=True)
    (scripts / "python.exe").touch()
    (scripts / "pythonw.exe").touch()
    home = tmp_path / "Users" / "somchai"
    result = set_up_excel(machine=windows(home, scripts / "python.exe"))
    written = (home / ".xlwings" / "xlwings.conf").read_bytes()
    assert written == f'"INTERPRETER_WIN","{scripts / "pythonw.exe"}"\r\n'.encode("cp874")
    xlwings.cli.update_user_config("INTERPRETER_WIN", str(scripts / "pythonw.exe"))
    assert written == xlwings_file.read_bytes().replace(b"\n", b"\r\n")
    assert result.interpreter == scripts / "pythonw.exe"


def test_windows_without_pythonw_names_python_itself(tmp_path):
    (tmp_path / "py").mkdir()
    (tmp_path / "py" / "python.exe").touch()
    result = set_up_excel(machine=windows(tmp_path / "home", tmp_path / "py" / "python.exe"))
    assert result.interpreter == tmp_path / "py" / "python.exe"


def test_running_again_changes_nothing_and_repairs_a_damaged_file(tmp_path):
    machine = windows(tmp_path / "home", tmp_path / "py" / "python.exe")
    first = set_up_excel(machine=machine)
    before = first.path.read_bytes()
    os.utime(first.path, (1_000_000, 1_000_000))
    again = set_up_excel(machine=machine)
    assert not again.changed and first.path.read_bytes() == before
    assert first.path.stat().st_mtime == 1_000_000  # not even rewritten
    assert "ถูกต้องอยู่แล้ว" in again.describe() and "already right" in again.describe()
    first.path.write_bytes(b'\r\n"interpreter_win","C:\\Store\\python.exe"\r\n\r\n"CONDA ENV","base"\r\n')
    repaired = set_up_excel(machine=machine)
    assert repaired.changed and repaired.replaced == ["C:\\Store\\python.exe"] and repaired.blank_lines == 2
    assert first.path.read_bytes() == b'"CONDA ENV","base"\r\n' + before


def test_other_settings_keep_their_bytes(tmp_path):
    """A Thai value in the ANSI code page of a Thai Windows (cp874) comes back byte for byte."""
    machine = windows(tmp_path / "home", tmp_path / "py" / "python.exe")
    path = user_config_path(machine)
    path.parent.mkdir(parents=True)
    other = '"ONEDRIVE_COMMERCIAL_WIN","C:\\Users\\สมชาย\\OneDrive - สพธอ"\r\n'.encode("cp874")
    path.write_bytes(other)
    set_up_excel(machine=machine)
    assert path.read_bytes().startswith(other)


def test_dry_run_writes_nothing_and_shows_the_file(tmp_path):
    machine = linux(tmp_path / "home", tmp_path / "bin" / "python")
    result = set_up_excel(dry_run=True, machine=machine)
    assert not result.path.exists() and not result.path.parent.exists()
    text = result.describe()
    assert "--dry-run" in text and f'"INTERPRETER_WIN","{tmp_path / "bin" / "python"}"' in text
    assert text.index("จะเขียน") < text.index("Would write")  # Thai first


def test_a_path_the_vba_cannot_read_back_is_refused(tmp_path):
    """A Thai folder name on a Windows whose code page has no Thai (cp1252): VBA would read it garbled."""
    machine = windows(tmp_path / "home", tmp_path / "สมชาย" / "python.exe", encoding="cp1252")
    with pytest.raises(SetupError) as refused:
        set_up_excel(machine=machine)
    assert "cp1252" in refused.value.en and "C:\\Python311" in refused.value.th
    assert not user_config_path(machine).exists()
    thai = windows(tmp_path / "home", tmp_path / "สมชาย" / "python.exe", encoding="cp874")
    assert set_up_excel(machine=thai).path.read_bytes().decode("cp874").count("สมชาย") == 1


def test_a_quote_in_the_path_is_refused(tmp_path):
    machine = linux(tmp_path / "home", tmp_path / 'a"b' / "python")
    with pytest.raises(SetupError, match="cannot hold"):
        set_up_excel(machine=machine)


def test_a_read_only_file_is_left_as_it_was(tmp_path):
    machine = linux(tmp_path / "home", tmp_path / "bin" / "python")
    path = user_config_path(machine)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'"LICENSE_KEY","x"\n')
    path.chmod(stat.S_IRUSR)
    with pytest.raises(OutputError, match="read-only"):
        set_up_excel(machine=machine)
    assert path.read_bytes() == b'"LICENSE_KEY","x"\n'


def test_the_command_writes_the_file_of_the_home_it_is_given(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["setup-excel", "--dry-run"]) == 0
    assert not (tmp_path / ".xlwings").exists()
    assert main(["setup-excel"]) == 0
    out = capsys.readouterr().out
    assert f"Wrote the user's xlwings settings: {tmp_path / '.xlwings' / 'xlwings.conf'}" in out
    assert (tmp_path / ".xlwings" / "xlwings.conf").read_text() == f'"INTERPRETER_WIN","{sys.executable}"\n'
