"""etda-xl: command line for the ETDA quarterly report. Each command maps its arguments onto one
library call; its docstring is its help. Exit codes: 0 fine, 1 errors found (or --strict refused),
2 a file that cannot be read or written, or a command line that cannot be understood (in Thai and
English, as JSON with --format json), 3 the report's PDF could not be made, 4 an incomplete installation
or an internal error.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import inspect
import itertools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import EtdaError, InputError
from .output import EXPORT_FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 4

COMMANDS: dict[str, tuple[Callable[..., int], Callable[[argparse.ArgumentParser], None]]] = {}


def command(arguments: Callable[[argparse.ArgumentParser], None]):
    """Register a command; its name is the function's, its help the docstring."""

    def register(func: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[func.__name__.rstrip("_").replace("_", "-")] = (func, arguments)
        return func

    return register


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="ภาษาของข้อความ / message language")


# --- check -------------------------------------------------------------------------------------


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("book", metavar="BOOK", type=Path, help="สมุดงานที่จะตรวจ (.xlsx/.xlsm) / workbook to check")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="รูปแบบผลลัพธ์ / output format")
    previous_help = "สมุดงานไตรมาสก่อนหน้า (เมื่อสมุดงานไม่มีประวัติ) / the previous quarter's book, for a book without history"
    parser.add_argument("--previous", metavar="PREV", type=Path, help=previous_help)
    _lang(parser)


@command(_check_arguments)
def check(book: Path, format: str, lang: str, previous: Path | None = None) -> int:
    """ตรวจสอบความสอดคล้องของทุกตารางในสมุดงาน แล้วรายงานทุกจุดที่พบพร้อมชีตและเซลล์
    Check every table of a workbook against the others and list each inconsistency with its
    sheet and cell. Exit 0 when there is no error, 1 when there are errors, 2 when the workbook
    cannot be read. The workbook is never modified."""
    from .api import check_workbook
    from .findings_text import as_json, as_text, has_errors

    _report, findings = check_workbook(book, previous)
    render = as_json if format == "json" else as_text
    sys.stdout.write(render(findings, book.name, lang))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


# --- sample ------------------------------------------------------------------------------------


def _sample_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, help="ไฟล์ที่จะเขียน (.xlsx) / file to write")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ที่มีอยู่ / replace an existing file")


@command(_sample_arguments)
def sample(output: Path, force: bool) -> int:
    """เขียนสมุดงานตัวอย่าง: รายงานปีงบประมาณ 2563 ไตรมาส 4 ตามที่เผยแพร่จริง (รวมจุดที่ไม่สอดคล้อง)
    Write the sample input workbook (.xlsx): the FY2563 Q4 report as circulated, inconsistencies
    included. An existing file is never replaced unless --force."""
    from .api import write_sample

    path = write_sample(output, force)
    print(f"เขียนสมุดงานตัวอย่างแล้ว: {path}\nWrote the sample workbook: {path}")
    return EXIT_OK


# --- report ------------------------------------------------------------------------------------

EXIT_PDF = 3  # report: the .xlsx was written but no PDF could be made


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "book", metavar="BOOK", type=Path, help="สมุดงานข้อมูลของไตรมาส (.xlsx/.xlsm) / the quarter's workbook"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="ไฟล์รายงานที่จะเขียน (.xlsx) / report workbook to write"
    )
    parser.add_argument("--pdf", type=Path, default=None, help="เขียนรายงานเป็น PDF ด้วย / also write the report as PDF")
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="ภาษาของรายงาน / report language")
    parser.add_argument(
        "--strict", action="store_true", help="ไม่สร้างรายงานถ้ามีข้อผิดพลาด / refuse to build when there are errors"
    )
    _force_output(parser)


def _force_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="เขียนทับไฟล์ที่มีอยู่แม้ไม่ใช่ไฟล์ที่ etda-xl สร้าง / replace an existing file etda-xl did not write",
    )


@command(_report_arguments)
def report(book: Path, output: Path, pdf: Path | None, lang: str, strict: bool, force: bool) -> int:
    """สร้างรายงานที่เผยแพร่ (สรุปผล งบประมาณ ตัวชี้วัด อุปสรรค กราฟ) เป็น .xlsx และ PDF จากสมุดงานข้อมูล
    Build the circulated quarterly report as .xlsx and PDF from the quarter's workbook.
    Sheets: summary, budget spending, one KPI table per project, obstacles, charts; every figure
    computed. With errors in the input the report is marked ร่าง (draft) and lists the findings;
    --strict refuses instead. An earlier report is replaced; any other existing file only with
    --force. Exit 0 written, 1 refused by --strict, 2 unreadable input or an output it must not
    replace, 3 no PDF could be made (the .xlsx was written)."""
    from .api import generate_report
    from .findings_text import as_text

    result = generate_report(book, output, pdf, lang, strict, force)
    if result.refused:
        sys.stdout.write(as_text(result.findings, book.name, lang) + "\n")
    sys.stdout.write(result.describe())
    if result.refused:
        return EXIT_FINDINGS
    return EXIT_PDF if result.pdf_error is not None else EXIT_OK


# --- demo --------------------------------------------------------------------------------------


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=Path("demo"), help="โฟลเดอร์ที่จะเขียนไฟล์ (ค่าเริ่มต้น demo) / folder to write into"
    )
    parser.add_argument("--lang", choices=("th", "en"), default="th", help="ภาษาของรายงาน / report language")


@command(_demo_arguments)
def demo(out: Path, lang: str) -> int:
    """สาธิต: เขียนสมุดงานตัวอย่างปี 2563 ไตรมาส 4 ตรวจสอบ แล้วสร้างรายงาน .xlsx และ PDF พร้อมบอกว่าเขียนไว้ที่ใด
    Demo: write the FY2563 Q4 sample workbook, check it, build its report as .xlsx and PDF.
    Says what was written where. The sample's own errors make the report a draft (exit 0); without
    LibreOffice the PDF is skipped with instructions to install it."""
    from .api import run_demo

    result = run_demo(out, lang)
    sys.stdout.write(result.describe())
    return EXIT_OK


# --- template / new -----------------------------------------------------------------------------


def _template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="ไฟล์แม่แบบที่จะเขียน (.xlsm) / template file to write"
    )
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ที่มีอยู่ / replace an existing file")


@command(_template_arguments)
def template(output: Path, force: bool) -> int:
    """เขียนแม่แบบ Excel (workbook_template.xlsm): ตารางกรอกข้อมูล สูตร ETDA_* ปุ่ม และ VBA ของ xlwings
    Write the Excel template (workbook_template.xlsm) from code. It holds the input tables with their
    =ETDA_* formula columns, validation and status colours, the live checks sheet, the buttons,
    xlwings.conf and xlwings' standalone VBA taken from the installed xlwings. An existing file is
    never replaced unless --force."""
    from .api import write_template

    path = write_template(output, force)
    print(f"เขียนแม่แบบแล้ว: {path}\nWrote the template: {path}")
    return EXIT_OK


def _as_of_date(text: str | None):
    """--as-of read as the workbook's date cells are read (``thai.parse_date``)."""
    from .thai import DateError, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except DateError as error:
        raise InputError(f"--as-of: {error.th}", f"--as-of: {error.en}") from None


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="สมุดงานใหม่ที่จะเขียน (.xlsm) / new workbook to write"
    )
    parser.add_argument(
        "--from",
        dest="sources",
        metavar="BOOK",
        type=Path,
        action="append",
        default=None,
        help="เริ่มจากสมุดงานของไตรมาสก่อน (ใส่ได้หลายเล่ม) / start from the earlier quarter's book (repeatable)",
    )
    parser.add_argument(
        "--fy", type=int, default=None, help="ปีงบประมาณ พ.ศ. เช่น 2564 (ต้องมีถ้าไม่ใช้ --from) / fiscal year (B.E.)"
    )
    parser.add_argument(
        "--quarter", type=int, default=None, choices=(1, 2, 3, 4), help="ไตรมาส 1-4 (ต้องมีถ้าไม่ใช้ --from) / quarter"
    )
    parser.add_argument(
        "--as-of",
        default=None,
        help="ข้อมูล ณ วันที่ (ค่าเริ่มต้น วันสุดท้ายของไตรมาส) เช่น 31/12/2563, '31 ธ.ค. 63' หรือ 2020-12-31 / as-of date",
    )
    parser.add_argument("--agency", default=None, help="หน่วยงาน (ค่าเริ่มต้น สพรอ.) / agency")
    parser.add_argument(
        "--force",
        action="store_true",
        help="เขียนทับไฟล์ที่มีอยู่ และยอมรับวันที่นอกไตรมาส / replace an existing file, accept an as-of date outside the quarter",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="ไม่เริ่มไตรมาสใหม่ถ้าสมุดงานต้นทางมีข้อผิดพลาด / refuse when a source book (--from) has errors",
    )


@command(_new_arguments)
def new(
    output: Path,
    sources: list[Path] | None,
    fy: int | None,
    quarter: int | None,
    as_of: str | None,
    agency: str | None,
    force: bool,
    strict: bool = False,
) -> int:
    """สร้างสมุดงานใหม่ของไตรมาสจากแม่แบบ โดยกรอกปีงบประมาณ ไตรมาส และวันที่ข้อมูลไว้ให้
    Write a fresh workbook for a quarter from the template, its settings filled in. The fiscal year,
    quarter and as-of date (default: the quarter's last day) are set; an as-of date outside the
    quarter, or an existing file, is refused unless --force. With --from BOOK (repeatable): the
    quarter after the latest book's (--fy/--quarter override), its names, codes, plans and KPIs
    carried, figures cleared, every book's figures in the history sheet; the books are not changed. A
    source with errors goes into the history as it is, and is said so; --strict refuses instead (exit 1)."""
    if sources:
        from .api import start_next_quarter

        if agency is not None:
            raise UsageError(
                "--agency ใช้กับ --from ไม่ได้: หน่วยงานยกมาจากสมุดงานต้นทาง",
                "--agency does not go with --from: the agency is carried from the source book",
            )
        result = start_next_quarter(sources, output, fy, quarter, _as_of_date(as_of), force, strict)
        sys.stdout.write(result.describe())
        return EXIT_FINDINGS if result.refused else EXIT_OK
    if fy is None or quarter is None:
        raise UsageError(
            "ระบุ --fy และ --quarter หรือเริ่มจากไตรมาสก่อนด้วย --from BOOK",
            "give --fy and --quarter, or start from the earlier quarter with --from BOOK",
        )
    from .api import new_workbook

    path = new_workbook(output, fy, quarter, _as_of_date(as_of), agency, force)
    print(f"เขียนสมุดงานใหม่แล้ว: {path}\nWrote the new workbook: {path}")
    return EXIT_OK


# --- export ------------------------------------------------------------------------------------


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("book", metavar="BOOK", type=Path, help="สมุดงานข้อมูล (.xlsx/.xlsm) / the quarter's workbook")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="ไฟล์ที่จะเขียน (.csv .xlsx หรือ .json) / file to write"
    )
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="รูปแบบ (ค่าเริ่มต้นตามนามสกุลไฟล์) / format (default: the file's)",
    )
    _force_output(parser)


@command(_export_arguments)
def export(book: Path, output: Path, format: str | None, force: bool) -> int:
    """ส่งออกตัวเลขทุกไตรมาสในสมุดงาน (ประวัติและไตรมาสนี้) แถวละหนึ่งตัวเลข เป็น CSV หรือตาราง Excel
    Export every figure of every quarter in the workbook (its history and this quarter as the
    report prints it), one tidy row each: fiscal_year, quarter, table (budget/project/kpi), key,
    field, value, sheet, cell. CSV is UTF-8 with a BOM so Excel opens the Thai correctly; --format
    xlsx (or an .xlsx name) writes the same rows as an Excel table; --format json (or a .json name)
    as a JSON document (schemas/export.schema.json). Written atomically; the workbook itself is
    never overwritten, an earlier export is replaced, any other file only with --force."""
    from .api import export_figures

    sys.stdout.write(export_figures(book, output, format, force).describe())
    return EXIT_OK


# --- doctor / setup-excel ----------------------------------------------------------------------


def _doctor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "book",
        metavar="BOOK",
        type=Path,
        nargs="?",
        default=None,
        help="สมุดงานที่จะใช้ (ไม่บังคับ): ตรวจโฟลเดอร์และชีต xlwings.conf ของสมุดงาน / a workbook to check too (optional)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="รูปแบบผลลัพธ์ / output format")


@command(_doctor_arguments)
def doctor(book: Path | None, format: str) -> int:
    """ตรวจว่าเครื่องนี้พร้อมใช้ etda-xl และ Excel หรือไม่ และบอกวิธีแก้สิ่งที่ยังไม่พร้อม
    Check that this computer is ready for etda-xl and Excel, and say what to do about what is not. It
    looks at Python and etda-xl; xlwings, of the version the template's VBA calls; on Windows the
    Python Excel will start, the xlwings DLL beside it, Office from the Microsoft Store and the user's
    xlwings settings; what prints the PDF, and a Thai font. Given BOOK, also whether its folder can be
    written and its xlwings.conf sheet leaves the Python to each computer. Exit 0 when all is ready,
    1 when something must be fixed."""
    from .api import diagnose

    result = diagnose(book)
    sys.stdout.write(result.as_json() if format == "json" else result.describe())
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _setup_excel_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="แสดงสิ่งที่จะเขียนโดยไม่เขียน / show what would be written, write nothing"
    )


@command(_setup_excel_arguments)
def setup_excel(dry_run: bool) -> int:
    """ตั้งค่าให้ Excel ของผู้ใช้นี้เรียก Python ที่ติดตั้ง etda-xl (ครั้งเดียวต่อเครื่อง สั่งซ้ำเพื่อซ่อม)
    Point this user's Excel at this Python, once per computer: writes it as Interpreter_Win into the
    user's own xlwings settings, in xlwings' format, other settings kept. The file is
    %USERPROFILE%\\.xlwings\\xlwings.conf (elsewhere ~/.xlwings/xlwings.conf); run this again to repair
    it. --dry-run shows what it would write."""
    from .api import set_up_excel

    sys.stdout.write(set_up_excel(dry_run).describe())
    return EXIT_OK


# --- entry point -------------------------------------------------------------------------------


class UsageError(InputError):
    """A command line that cannot be understood (exit 2), said in Thai and English."""


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are raised in Thai and English (never its own English usage text), so
    that main answers them like any other error: stderr, and JSON with --format json."""

    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        th, en = _translate(message)
        raise UsageError(f"{th} (ดูวิธีใช้: {self.prog} --help)", f"{en} (see {self.prog} --help)")

    def parse_command_line(self, argv: list[str]) -> argparse.Namespace:
        """As parse_args, but what is left over is named with the command it was given to."""
        parsed, extra = self.parse_known_args(argv)
        if extra:
            sub = self.commands[parsed.command]
            th, en = _leftover(extra, sub)
            raise UsageError(f"{th} (ดูวิธีใช้: {sub.prog} --help)", f"{en} (see {sub.prog} --help)")
        return parsed


def _choices(text: str) -> str:
    return ", ".join(choice.strip().strip("'") for choice in text.split(","))


def _translate(message: str) -> tuple[str, str]:
    """argparse's English error → (Thai, English). Its wording has been stable across Python 3.11+;
    anything unforeseen is still said in both languages, argparse's words quoted."""
    if found := re.fullmatch(r"the following arguments are required: (.+)", message):
        names = found[1]
        if names == "COMMAND":
            listed = ", ".join(COMMANDS)
            return f"ยังไม่ได้ระบุคำสั่ง: เลือก {listed}", f"no command given: choose {listed}"
        return f"ยังไม่ได้ระบุ {names} ซึ่งต้องมี", f"missing {names}, which must be given"
    if found := re.fullmatch(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", message):
        name, value, allowed = found[1], found[2].strip("'"), _choices(found[3])
        if name == "COMMAND":
            return _unknown_command(value)
        return f"{name} ไม่รับค่า {value}: เลือกได้ {allowed}", f"{name} does not take {value}; choose {allowed}"
    if found := re.fullmatch(r"argument (\S+): invalid int value: (.+)", message):
        return f"{found[1]} ต้องเป็นจำนวนเต็ม แต่ได้ {found[2]}", f"{found[1]} must be a whole number, got {found[2]}"
    if found := re.fullmatch(r"argument (\S+): expected one argument", message):
        return f"{found[1]} ต้องตามด้วยค่า", f"{found[1]} needs a value after it"
    if found := re.fullmatch(r"ambiguous option: (\S+) could match (.+)", message):
        return f"ตัวเลือก {found[1]} กำกวม: อาจเป็น {found[2]}", f"the option {found[1]} is ambiguous: {found[2]}"
    return f"เข้าใจบรรทัดคำสั่งไม่ได้ ({message})", f"cannot understand the command line: {message}"


def _unknown_command(name: str) -> tuple[str, str]:
    listed = ", ".join(COMMANDS)
    close = difflib.get_close_matches(name, COMMANDS, n=1)
    if close:
        return f"ไม่มีคำสั่ง {name} — หมายถึง {close[0]} หรือไม่", f"there is no command {name}; did you mean {close[0]}?"
    return f"ไม่มีคำสั่ง {name}: เลือก {listed}", f"there is no command {name}; choose {listed}"


def _leftover(extra: list[str], sub: argparse.ArgumentParser) -> tuple[str, str]:
    """Words the command does not take: an unknown option (with the closest real one), or one
    argument too many."""
    word = extra[0]
    if not word.startswith("-") or word == "-":
        return f"{sub.prog} ไม่รับอาร์กิวเมนต์ {word}", f"{sub.prog} does not take the argument {word}"
    option = word.split("=", 1)[0]
    known = [o for action in sub._actions for o in action.option_strings if o.startswith("--")]
    close = difflib.get_close_matches(option, known, n=1)
    hint_th = f" — หมายถึง {close[0]} หรือไม่" if close else ""
    hint_en = f"; did you mean {close[0]}?" if close else ""
    return f"{sub.prog} ไม่มีตัวเลือก {option}{hint_th}", f"{sub.prog} has no option {option}{hint_en}"


def build_parser() -> _Parser:
    parser = _Parser(
        prog="etda-xl",
        description="ตรวจสอบและสร้างรายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ของ สพรอ.\n"
        "Check and build ETDA's quarterly financial and mission report. Exit codes: 0 fine, 1 errors found,\n"
        "2 a file that cannot be read or written, or a command line that cannot be understood,\n"
        "3 no PDF could be made, 4 an incomplete installation or an internal error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"etda-xl {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parser.commands = {}
    for name, (func, arguments) in COMMANDS.items():
        doc = inspect.getdoc(func) or ""
        sub = commands.add_parser(
            name, help=_summary(doc), description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        arguments(sub)
        sub.set_defaults(func=func)
        parser.commands[name] = sub
    return parser


def _summary(doc: str) -> str:
    """The command list's entry: the Thai first line, then the first English sentence (the
    docstring's second line on), as every message reads: Thai first, English second."""
    thai, *rest = doc.splitlines()
    english = " ".join(rest) or thai
    return f"{thai} / {english.split('. ')[0].rstrip('.')}." if rest else english


def _asks_for_json(argv: list[str]) -> bool:
    """--format json, seen in the words themselves: an error can come before parsing is done."""
    return "--format=json" in argv or ("--format", "json") in itertools.pairwise(argv)


def main(argv: list[str] | None = None) -> int:
    # A command builds a quarter's worth of objects and ends: the collector's full passes over that
    # growing heap cost a third of a large book's check, for a few cycles' worth of garbage. Paused
    # while it runs (never in the Excel skin, whose Python lives on).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    _utf8_stdio()
    argv = sys.argv[1:] if argv is None else list(argv)
    as_json = _asks_for_json(argv)
    try:
        args = vars(build_parser().parse_command_line(argv))
        func = args.pop("func")
        args.pop("command")
        as_json = as_json or args.get("format") == "json"
        return func(**args)
    except EtdaError as error:  # its kind gives the exit code (errors.py): 2 input/output, 3 PDF, 4 setup
        return _fail(error.exit_code, error.th, error.en, error.sheet, error.cell, as_json)
    except OSError as error:  # a folder instead of a file, no permission, a full disk …
        where = error.filename or ""
        th = f"อ่านหรือเขียนไฟล์ไม่ได้: {where} ({error.strerror or error})"
        return _fail(EXIT_INPUT, th, f"cannot read or write {where}: {error.strerror or error}", "", "", as_json)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never show a finance officer a traceback
        if os.environ.get("ETDA_XL_DEBUG"):
            raise
        th = f"เกิดข้อผิดพลาดภายในโปรแกรม: {type(error).__name__}: {error} (ตั้งค่า ETDA_XL_DEBUG=1 เพื่อดูรายละเอียด)"
        en = f"internal error: {type(error).__name__}: {error} (set ETDA_XL_DEBUG=1 for details)"
        return _fail(EXIT_INTERNAL, th, en, "", "", as_json)


def _fail(code: int, th: str, en: str, sheet: str, cell: str, as_json: bool) -> int:
    """Thai then English on stderr; with --format json also a JSON error on stdout for programs."""
    error = InputError(th, en, sheet, cell)
    print(error.both(), file=sys.stderr)
    if as_json:
        from .contract import error_json

        sys.stdout.write(error_json(code, th, en, sheet, cell))
    return code


def _utf8_stdio() -> None:
    """Thai text must print on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
