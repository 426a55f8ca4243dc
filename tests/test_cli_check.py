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
    assert "ข้อผิดพลาด 4 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 8 รายการ" in out
    assert out.index("== ข้อผิดพลาด (4) ==") < out.index("== คำเตือน (2) ==") < out.index("== ข้อสังเกต (8) ==")
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
        "expected": "102.8968",
        "actual": "102.8978",
        "fix": "102.8968",
    }
    assert root["message"].startswith("root cause")
    assert document["summary"]["error"] == 4 and document["summary"]["total"] == 14


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
