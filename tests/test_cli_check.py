"""`etda-xl check`: exit codes, text and JSON renderings, untouched input."""

import hashlib
import json
import subprocess
import sys

from etda_xl.cli import main

from .conftest import edit_cells


def _run(*args):
    return subprocess.run([sys.executable, "-m", "etda_xl.cli", *map(str, args)], capture_output=True, text=True)


def test_sample_has_errors_exit_1_grouped_text(sample_copy):
    before = hashlib.sha256(sample_copy.read_bytes()).hexdigest()
    result = _run("check", sample_copy)
    assert result.returncode == 1
    out = result.stdout
    assert "ข้อผิดพลาด 6 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 6 รายการ" in out
    assert out.index("== ข้อผิดพลาด (6) ==") < out.index("== คำเตือน (2) ==") < out.index("== ข้อสังเกต (6) ==")
    # the root cause comes first, with its cell
    assert out.index("[ROOT_CAUSE]") < out.index("[BUDGET_GRAND_TOTAL]")
    assert "'งบประมาณ'!F4: ต้นเหตุ" in out
    assert hashlib.sha256(sample_copy.read_bytes()).hexdigest() == before


def test_json_shape(sample_copy):
    result = _run("check", sample_copy, "--format", "json", "--lang", "en")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    root = next(f for f in document["findings"] if f["code"] == "ROOT_CAUSE")
    assert {k: root[k] for k in ("severity", "sheet", "cell", "expected", "actual", "fix")} == {
        "severity": "error",
        "sheet": "งบประมาณ",
        "cell": "F4",
        "expected": 102.8968,  # figures are JSON numbers
        "actual": 102.8978,
        "fix": 102.8968,
    }
    assert document["version"] == 1 and document["summary"]["error"] == 6 and document["summary"]["total"] == 14
    follows = next(f for f in document["findings"] if f["code"] == "BUDGET_GRAND_TOTAL")
    assert follows["caused_by"] == {"sheet": "งบประมาณ", "cell": "F4"} and follows["fix"] is None


def test_corrected_workbook_exits_0(sample_copy, capsys):
    edit_cells(sample_copy, {("งบประมาณ", "F4"): 102.8968})
    assert main(["check", str(sample_copy), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "0 errors, 2 warnings" in out


def test_unreadable_input_exit_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("hello")
    result = _run("check", bad)
    assert result.returncode == 2
    assert "ไม่ใช่สมุดงาน Excel" in result.stderr and "not an Excel workbook" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_sample_command_writes_a_checkable_workbook(tmp_path):
    out = tmp_path / "s.xlsx"
    result = _run("sample", "-o", out)
    assert result.returncode == 0 and out.exists()
    assert str(out) in result.stdout
    assert not list(tmp_path.glob(".s-*"))  # no temporary left behind


def test_a_folder_or_a_missing_file_is_named_in_thai_and_english(tmp_path):
    folder = tmp_path / "somefolder"
    folder.mkdir()
    result = _run("check", f"{folder}/", "--format", "json")
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["message_th"] == f"{folder} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ — ระบุไฟล์สมุดงาน (.xlsx/.xlsm) ในโฟลเดอร์นั้น"
    assert error["message_en"] == f"{folder} is a folder, not a file; give the workbook (.xlsx/.xlsm) inside it"
    assert error["message_th"] in result.stderr and "Traceback" not in result.stderr
    nofile = tmp_path / "nofile.xlsx"
    missing = _run("check", nofile)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [f"ไม่พบไฟล์ {nofile}", f"file not found: {nofile}"]


def test_sample_never_replaces_a_file_without_force(tmp_path, capsys):
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"the user's own work")
    assert main(["sample", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"มีไฟล์ {target} อยู่แล้ว: จะไม่เขียนทับ (ใช้ --force ถ้าต้องการเขียนทับ)",
        f"{target} already exists; not overwriting it (use --force to replace it)",
    ]  # the words of `template` and `new`
    assert target.read_bytes() == b"the user's own work"
    assert main(["sample", "-o", str(target), "--force"]) == 0
    assert main(["check", str(target)]) == 1  # the sample, with its own errors


def test_sample_writes_only_xlsx_and_says_which_name_would_do(tmp_path, capsys):
    for given, better in (("s.xlsm", "s.xlsx"), ("s.csv", "s.xlsx"), ("s", "s.xlsx"), (".", "sample.xlsx")):
        given, better = tmp_path / given, tmp_path / better
        assert main(["sample", "-o", str(given)]) == 2
        thai, english = capsys.readouterr().err.splitlines()
        assert thai == f"สมุดงานตัวอย่างเขียนเป็นไฟล์ .xlsx เท่านั้น: ใช้ชื่อ {better} แทน {given}"
        assert english == f"the sample workbook is written as .xlsx only: use {better} instead of {given}"
    assert not list(tmp_path.iterdir())
