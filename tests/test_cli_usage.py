"""The command line's own errors: Thai and English, exit 2, JSON with --format json, never argparse's
raw English usage text."""

import json
import subprocess
import sys

import pytest

from etda_xl.cli import EXIT_INPUT, main

COMMANDS = "check, sample, report, demo, template, new"


@pytest.mark.parametrize(
    ("argv", "th", "en"),
    [
        ([], f"ยังไม่ได้ระบุคำสั่ง: เลือก {COMMANDS}", f"no command given: choose {COMMANDS}"),
        (["chek", "x.xlsx"], "ไม่มีคำสั่ง chek — หมายถึง check หรือไม่", "there is no command chek; did you mean check?"),
        (["tempalte"], "หมายถึง template หรือไม่", "did you mean template?"),
        (["xyz"], f"ไม่มีคำสั่ง xyz: เลือก {COMMANDS}", f"there is no command xyz; choose {COMMANDS}"),
        (["check"], "ยังไม่ได้ระบุ BOOK ซึ่งต้องมี", "missing BOOK, which must be given"),
        (["sample"], "ยังไม่ได้ระบุ -o/--output ซึ่งต้องมี", "missing -o/--output, which must be given"),
        (["check", "--lang", "fr", "x.xlsx"], "--lang ไม่รับค่า fr: เลือกได้ th, en",
         "--lang does not take fr; choose th, en"),
        (["new", "-o", "x.xlsm", "--fy", "2564", "--quarter", "5"], "--quarter ไม่รับค่า 5: เลือกได้ 1, 2, 3, 4",
         "--quarter does not take 5; choose 1, 2, 3, 4"),
        (["new", "-o", "x.xlsm", "--fy", "abc", "--quarter", "1"], "--fy ต้องเป็นจำนวนเต็ม แต่ได้ 'abc'",
         "--fy must be a whole number, got 'abc'"),
        (["check", "--format"], "--format ต้องตามด้วยค่า", "--format needs a value after it"),
        (["check", "--bogus", "x.xlsx"], "etda-xl check ไม่มีตัวเลือก --bogus", "etda-xl check has no option --bogus"),
        (["check", "--formt", "json", "x.xlsx"], "ไม่มีตัวเลือก --formt — หมายถึง --format หรือไม่",
         "has no option --formt; did you mean --format?"),
        (["check", "a.xlsx", "b.xlsx"], "etda-xl check ไม่รับอาร์กิวเมนต์ b.xlsx",
         "etda-xl check does not take the argument b.xlsx"),
    ],
)  # fmt: skip
def test_usage_errors_in_thai_and_english_exit_2(argv, th, en, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == EXIT_INPUT == 2
    captured = capsys.readouterr()
    thai_line, english_line = captured.err.splitlines()
    assert th in thai_line and en in english_line
    assert "--help" in thai_line and "--help" in english_line  # where to read more
    assert "usage:" not in captured.err and "error:" not in captured.err  # nothing of argparse's own
    assert captured.out == "" and not list(tmp_path.iterdir())


@pytest.mark.parametrize("format_words", [["--format", "json"], ["--format=json"]])
def test_usage_errors_answer_in_json_when_asked(format_words, capsys):
    """--format json is seen in the words: the error comes before parsing has found it."""
    assert main(["chek", *format_words]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "version": 1,
        "error": {
            "exit_code": 2,
            "sheet": "",
            "cell": "",
            "message_th": "ไม่มีคำสั่ง chek — หมายถึง check หรือไม่ (ดูวิธีใช้: etda-xl --help)",
            "message_en": "there is no command chek; did you mean check? (see etda-xl --help)",
        },
    }
    assert "did you mean check?" in captured.err


def test_a_missing_argument_in_json_from_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "etda_xl.cli", "check", "--format", "json"], capture_output=True, text=True
    )
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert error["message_en"] == "missing BOOK, which must be given (see etda-xl check --help)"
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr


def test_help_and_version_still_print_and_exit_0(capsys):
    for argv, expected in ((["--help"], "COMMAND"), (["--version"], "etda-xl "), (["sample", "--help"], "--force")):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 0 and expected in capsys.readouterr().out
