"""Speed and memory of the commands a user runs, as ratios against a floor measured in the same run.

Every figure is a WHOLE PROCESS, started the way a user starts it (`python -m etda_xl.cli check BOOK`),
so the interpreter start, every import and the book's reading and writing count. Timings on a shared
machine drift; ratios against a floor measured alongside (interleaved run by run) do not drift much.
Time is the best of N runs (wall clock); memory is the peak resident set of that process, from
`os.wait4`'s rusage of the child (ru_maxrss), not tracemalloc, so C allocations and imports count.

The floor: `python -c` that loads the same book with `openpyxl.load_workbook(path)` and saves it to a
temporary file. Any tool that reads a workbook with openpyxl and writes one pays that much.

Targets, and why:

- sample: `check` ≤ 1.2× the floor. A check reads the book and writes nothing; the floor reads it
  AND writes it. Reading once plus ~40 small checks and a few imports must stay close to that: the
  user runs `check` after every edit.
- sample: `report` (no PDF) ≤ 1.5× the floor. It reads the book once and writes a formatted report
  with charts, somewhat more than the floor writes.
- 10,000 budget lines: `check` ≤ 1.0× the floor, and its peak memory ≤ 1.5× the floor's. At scale
  reading dominates; a check that reads the book once (not twice, nothing quadratic in the lines)
  costs no more than a read plus a write, and holds no more than openpyxl's cells plus the model.
- 10,000 budget lines: `report` ≤ 2.0× the floor (reads once, writes a report as long as the book).
- the sample plus a 200,000-row sheet of raw data beside the tables (a transaction export, no table
  on it): `check` ≤ 1.5× `check` of the sample. Data the check does not use must cost almost nothing.
- `check --format json` ≤ 1.3× `check` (text) of the sample: the JSON contract (pydantic, imported only
  then) may cost an import and a serialiser's build, not a second check.
- imports: the core (`etda_xl.rules, compute, checks`) ≤ 6× a bare interpreter start; the UDF module
  on top of xlwings (which the UDF server has already imported) ≤ 2× a bare start (it imports
  neither openpyxl nor pandas).
- 13,000 shared formulas (tblBudget grown by 6,500 lines whose (5) and % are formulas filled down,
  as Excel saves them; POI's 51710.xlsx holds 13,113): the package reader's time per shared formula ≤
  openpyxl's. Time per shared formula: the read of the book less the read of the same book with
  each formula written out in full, for the package reader alone (`read`) and for
  `openpyxl.load_workbook` (which translates once per master, then moves each dependent's
  references). Reading a book Excel filled down must cost no more than openpyxl reading it; the
  whole read beside openpyxl's is printed for information.
- quarter on quarter (issue 8: the history and the comparison add no more than 20%): `check` and
  `report` of the sample with its Q3 in the history sheet ≤ 1.2× the same of the sample. The book
  differs from the sample by the history alone (see add_history), so the ratio is the comparison's
  cost: reading three more small tables, the quarter-on-quarter checks, and in the report the
  quarter-by-quarter sheet and its charts.
- `new --from` the sample ≤ 1.2× (a plain `new` of the same quarter + `check` of the sample − the core
  import). `new --from` does what `new` does, reads the source as `check` reads it, then carries
  its rows and writes its history. The floor is those two processes less what they would pay
  twice: the interpreter start and the core's imports (measured as the "core import" process),
  which a single process pays once; a check's ~40 checks stay in the floor and leave `new --from`
  some room. Without that subtraction new --from sat at 0.7× of the floor and could grow ~1.7×
  before missing. `new --from / new` is printed beside it, for information: what starting from a
  book costs over an empty one.

The test books are built in a temporary folder from the sample the CLI under test writes
(`python -m etda_xl.cli sample`), with openpyxl, using only what the workbook itself shows (table
names, headers, codes, settings labels): no etda_xl internals, so this script measures an older
checkout as well. The book with history is made by that CLI's `new --from`: on a checkout without
it the book is not built, and its cases (and `new --from`'s) print FAILED with the CLI's message
while the others run. The measured cases are data (BOOKS, COMMANDS, CASES below): add a case there.

    python bench/benchmark.py                     # the code beside this script, best of 3 (~3 min)
    python bench/benchmark.py --quick             # one run each, smaller books (~1 min), indicative
    python bench/benchmark.py --code /tmp/old     # an exported older checkout (git archive HEAD | tar -x)
    python bench/benchmark.py --runs 5 -k sample  # only the cases whose name contains "sample"

Exit 0 when every target is met, 1 when one is missed or a command failed (everything is printed
first), 2 when the code under test cannot be found.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# --- the books --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    budget_lines: int  # rows of tblBudget in the grown book
    raw_rows: int  # data rows of the raw-data sheet
    shared_formulas: int  # in tblBudget: the (5) and % of half as many added lines, filled down


FULL = Sizes(budget_lines=10_000, raw_rows=200_000, shared_formulas=13_000)
QUICK = Sizes(budget_lines=2_000, raw_rows=20_000, shared_formulas=2_600)


class BookUnavailable(Exception):
    """A book the code under test cannot build (an older checkout without the command): the cases
    on it report why, the others run."""


def run_cli(env: dict[str, str], folder: Path, *arguments: str) -> None:
    """``python -m etda_xl.cli ARGUMENTS`` of the code under test; BookUnavailable when it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "etda_xl.cli", *arguments],
        env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise BookUnavailable(f"`etda-xl {' '.join(arguments[:1])}` exit {done.returncode}: {last}")


def write_sample(env: dict[str, str], folder: Path) -> Path:
    """The sample as the CLI under test writes it."""
    path = folder / "sample.xlsx"
    run_cli(env, folder, "sample", "-o", str(path))
    return path


def _table(workbook, name: str):
    """(worksheet, table) of the Excel table called ``name``."""
    for sheet in workbook.worksheets:
        if name in sheet.tables:
            return sheet, sheet.tables[name]
    raise SystemExit(f"no table {name} in the book")


def _money(value) -> Decimal:
    return Decimal(0) if value in (None, "-", "") else Decimal(str(value))


def _add_lines(row: list, lines: int, line: list) -> list:
    """``row`` (a total) with ``lines`` copies of ``line`` added to its amounts, % recomputed."""
    grown = [row[0], row[1], *(_money(a) + lines * _money(b) for a, b in zip(row[2:7], line[2:7], strict=True))]
    plan, result = grown[2], grown[6]
    pct = (result / plan).quantize(Decimal("0.01"), ROUND_HALF_UP) if plan else Decimal(0)
    return [*grown[:2], *(float(amount) for amount in grown[2:7]), float(pct)]


def grow_budget(sample: Path, folder: Path, sizes: Sizes, env: dict[str, str]) -> Path:
    """The sample with tblBudget grown to ``sizes.budget_lines`` rows: lines 1.4, 1.5, … added under
    line 1 after its last sub-line, line 1 and the grand total (the table's first and last rows)
    grown by their sums so the totals still add up, the table's ref moved down. New rows take the
    style of line 1's last sub-line."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    workbook = load_workbook(sample)
    sheet, table = _table(workbook, "tblBudget")
    min_col, header_row, max_col, max_row = range_boundaries(table.ref)
    cells = [list(row) for row in sheet.iter_rows(min_row=header_row + 1, max_row=max_row)]
    rows = [([cell.value for cell in row], [copy(cell._style) for cell in row]) for row in cells]
    codes = [str(values[0]).strip() for values, _ in rows]
    assert codes[0] == "1", f"tblBudget starts with line {codes[0]}, not 1"
    last_under_one = max(i for i, code in enumerate(codes) if code.startswith("1."))
    next_child = 1 + sum(code.startswith("1.") and code.count(".") == 1 for code in codes)
    added = sizes.budget_lines - len(rows)
    line = [None, None, 10.0, 4.0, 1.0, 2.0, 7.0, 0.7]  # (1)…(5) and % of each new line
    style = rows[last_under_one][1]
    new_rows = [([f"1.{next_child + i}", f"รายการทดสอบ {i + 1}", *line[2:]], style) for i in range(added)]
    rows[0] = (_add_lines(rows[0][0], added, line), rows[0][1])
    rows[-1] = (_add_lines(rows[-1][0], added, line), rows[-1][1])
    rows[last_under_one + 1 : last_under_one + 1] = new_rows
    for row_number, (values, styles) in enumerate(rows, start=header_row + 1):
        for column, (value, cell_style) in enumerate(zip(values, styles, strict=True), start=min_col):
            cell = sheet.cell(row=row_number, column=column, value=value)
            cell._style = copy(cell_style)
    table.ref = f"{get_column_letter(min_col)}{header_row}:{get_column_letter(max_col)}{header_row + len(rows)}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    path = folder / f"budget-{sizes.budget_lines}.xlsx"
    workbook.save(path)
    return path


RAW_HEADER = ["วันที่", "เลขที่เอกสาร", "คำอธิบาย", "รหัสบัญชี", "ศูนย์ต้นทุน", "เดบิต", "เครดิต", "คงเหลือ"]


def add_raw_sheet(sample: Path, folder: Path, sizes: Sizes, env: dict[str, str]) -> Path:
    """The sample plus a sheet of ``sizes.raw_rows`` transactions (8 columns, no table on it),
    like a ledger export pasted beside the input tables. Written by openpyxl (~40 s), not spliced
    in as XML: its texts then go to the shared-strings part, as Excel saves them, and a reader
    that skips the sheet still meets them there."""
    from openpyxl import load_workbook

    workbook = load_workbook(sample)
    sheet = workbook.create_sheet("ข้อมูลดิบ")
    sheet.append(RAW_HEADER)
    rand = random.Random(2563)
    start = datetime.date(2019, 10, 1)
    balance = 0.0
    for i in range(sizes.raw_rows):
        debit = round(rand.uniform(0, 50_000), 2) if i % 3 else 0.0
        credit = 0.0 if debit else round(rand.uniform(0, 80_000), 2)
        balance = round(balance + debit - credit, 2)
        sheet.append([
            start + datetime.timedelta(days=i * 366 // sizes.raw_rows), f"JV{i:07d}",
            f"ค่าใช้จ่ายโครงการ {rand.randrange(1, 400)} งวดที่ {rand.randrange(1, 13)}",
            f"5{rand.randrange(1000, 9999)}", f"CC{rand.randrange(10, 60)}", debit, credit, balance,
        ])  # fmt: skip
    path = folder / f"sample-raw-{sizes.raw_rows}.xlsx"
    workbook.save(path)
    return path


#: The (5) and % of each line grow_budget adds (7 and 0.7), as the formulas Excel users fill down.
FILLED_DOWN = {"G": (b"7", "D{r}+E{r}+F{r}"), "H": (b"0.7", "IF(C{r}=0,0,G{r}/C{r})")}


def _filled_down(sample: Path, folder: Path, sizes: Sizes, shared: bool) -> Path:
    """The sample with ``sizes.shared_formulas`` / 2 lines added to tblBudget (grow_budget) whose (5)
    and % are formulas, as Excel saves them when the user fills them down: one shared formula per
    column (the master ``<f t="shared" ref="G15:G6514" si="0">D15+E15+F15</f>``, then
    ``<f t="shared" si="0"/>`` in every other cell; POI's 51710.xlsx holds 13,113 of them), or each
    cell's formula written out in full. Neither openpyxl nor XlsxWriter writes shared formulas:
    the sheet's XML is rewritten."""
    lines = sizes.shared_formulas // len(FILLED_DOWN)
    grown = grow_budget(sample, folder, replace(sizes, budget_lines=lines + 14), {})
    with zipfile.ZipFile(grown) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    sheet = max(sheets, key=lambda name: parts[name].count(b"<v>0.7</v>"))  # tblBudget's, with the added lines

    def cells(column: str, value: bytes) -> re.Pattern:
        return re.compile(rb'<c r="%s(\d+)"( s="\d+")?( t="n")?><v>%s(?:\.0)?</v></c>' % (column.encode(), value))

    # the added lines' rows: those whose (5) shows 7, in one run
    added = [int(m.group(1)) for m in cells("G", FILLED_DOWN["G"][0]).finditer(parts[sheet])]
    if len(added) < lines or added != list(range(added[0], added[0] + len(added))):
        raise SystemExit(f"the added lines are not one run of rows in {sheet}: {added[:3]} …")
    first, last = added[0], added[-1]
    for index, (column, (value, text)) in enumerate(FILLED_DOWN.items()):

        def formula(match: re.Match, column: str = column, value: bytes = value, text: str = text,
                    index: int = index) -> bytes:  # fmt: skip
            row, style = int(match.group(1)), match.group(2) or b""
            if not first <= row <= last:
                return match.group(0)  # a line of the sample's own
            if not shared:
                written = f"<f>{text.format(r=row)}</f>"
            elif row == first:
                written = f'<f t="shared" ref="{column}{first}:{column}{last}" si="{index}">{text.format(r=row)}</f>'
            else:
                written = f'<f t="shared" si="{index}"/>'
            return b'<c r="%s%d"%s>%s<v>%s</v></c>' % (column.encode(), row, style, written.encode(), value)

        parts[sheet] = cells(column, value).sub(formula, parts[sheet])
    path = folder / f"budget-{'shared' if shared else 'written'}-{lines * len(FILLED_DOWN)}.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def fill_down_shared(sample: Path, folder: Path, sizes: Sizes, env: dict[str, str]) -> Path:
    return _filled_down(sample, folder, sizes, shared=True)


def fill_down_written(sample: Path, folder: Path, sizes: Sizes, env: dict[str, str]) -> Path:
    return _filled_down(sample, folder, sizes, shared=False)


def _setting(workbook, label: str, value) -> None:
    """Sets the tblSettings row whose first cell reads ``label``."""
    sheet, table = _table(workbook, "tblSettings")
    for row in sheet[table.ref][1:]:
        if str(row[0].value).strip() == label:
            row[1].value = value
            return
    raise SystemExit(f"tblSettings has no row {label}")


def halve_into_q3(sample: Path, folder: Path) -> Path:
    """The sample (FY2563 Q4) as its Q3 might have been: every budget line's cumulative amounts
    (2)…(5) halved (exactly, so every sum still holds), its % recomputed, quarter 3, as of
    30 June 2020. Plans, projects and KPIs as they are."""
    from openpyxl import load_workbook

    workbook = load_workbook(sample)
    sheet, table = _table(workbook, "tblBudget")
    for row in sheet[table.ref][1:]:
        for cell in row[3:7]:
            if isinstance(cell.value, int | float):
                cell.value = float(Decimal(str(cell.value)) / 2)
        plan, result = _money(row[2].value), _money(row[6].value)
        if plan:
            row[7].value = float((result / plan).quantize(Decimal("0.01"), ROUND_HALF_UP))
    _setting(workbook, "ไตรมาส", 3)
    _setting(workbook, "ข้อมูล ณ วันที่", datetime.datetime(2020, 6, 30))
    path = folder / "q3.xlsx"
    workbook.save(path)
    return path


def add_history(sample: Path, folder: Path, sizes: Sizes, env: dict[str, str]) -> Path:
    """The sample with its Q3 in the history, as a finance officer gets it: a Q3 book (halve_into_q3),
    then `etda-xl new -o q4.xlsm --from q3.xlsx` of the code under test, whose history sheet (every
    table on it, values and number formats) is copied into a copy of the sample. So the book differs
    from the sample by the history alone, and check and report compare Q4 with Q3 (same fiscal
    year). Raises BookUnavailable for a checkout without `new --from`."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.table import Table

    q4 = folder / "q4-new.xlsm"
    run_cli(env, folder, "new", "-o", str(q4), "--from", str(halve_into_q3(sample, folder)))
    history, _ = _table(load_workbook(q4), "tblHistoryBudget")
    workbook = load_workbook(sample)
    sheet = workbook.create_sheet(history.title)
    for row in history.iter_rows():
        for cell in row:
            if cell.value is not None:
                copied = sheet.cell(row=cell.row, column=cell.column, value=cell.value)
                copied.number_format = cell.number_format
    for table in history.tables.values():
        sheet.add_table(Table(displayName=table.name, ref=table.ref, tableStyleInfo=copy(table.tableStyleInfo)))
    path = folder / "sample-history.xlsx"
    workbook.save(path)
    return path


#: name → builder(sample, folder, sizes, env) → path; env runs the CLI under test. "sample" itself
#: is written by the CLI.
BOOKS: dict[str, Callable[[Path, Path, Sizes, dict[str, str]], Path]] = {
    "budget": grow_budget,
    "shared": fill_down_shared,
    "written": fill_down_written,
    "raw": add_raw_sheet,
    "history": add_history,
}


def book_titles(sizes: Sizes) -> dict[str, str]:
    """How the books are named in the output (case names refer to them as {budget}, {raw})."""
    return {
        "sample": "sample",
        "budget": f"{sizes.budget_lines:,} budget lines",
        "raw": f"sample + {sizes.raw_rows:,}-row raw sheet",
        "shared": f"{sizes.shared_formulas:,} shared formulas",
        "written": f"{sizes.shared_formulas:,} formulas written out",
        "history": "sample with Q3 in its history",
    }


def book_title(name: str, sizes: Sizes) -> str:
    return book_titles(sizes).get(name, name)


# --- the commands -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A process to time: argv after the interpreter; {book} is the book's path, {out} an empty
    folder of its own for each run. ``ok`` are the exit codes of a successful run."""

    argv: tuple[str, ...]
    ok: frozenset[int] = frozenset({0})
    min_runs: int = 0  # short processes are noisier: run them at least this often


FLOOR_CODE = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"
#: The package reader alone, every table of the book: etda_xl/package/, or before it was split by part
#: etda_xl/xlsx.py. Chosen by the files of the code under test: an editable install's finder would find
#: the other one's module in its own checkout.
READ_CODE = """import pathlib, sys, etda_xl
if (pathlib.Path(etda_xl.__file__).parent / "package").is_dir():
    from etda_xl.package import read_raw_tables
else:
    from etda_xl.xlsx import read_raw_tables
read_raw_tables(sys.argv[1])"""

COMMANDS: dict[str, Command] = {
    "floor": Command(("-c", FLOOR_CODE, "{book}", "{out}/floor.xlsx")),
    "read": Command(("-c", READ_CODE, "{book}")),
    "openpyxl read": Command(("-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])", "{book}")),
    "check": Command(("-m", "etda_xl.cli", "check", "{book}"), ok=frozenset({0, 1})),  # 1: errors found
    "check json": Command(("-m", "etda_xl.cli", "check", "{book}", "--format", "json"), ok=frozenset({0, 1})),
    # the quarter `new --from` the sample (FY2563 Q4) makes, from the template alone
    "new": Command(("-m", "etda_xl.cli", "new", "-o", "{out}/new.xlsm", "--fy", "2564", "--quarter", "1")),
    "new --from": Command(("-m", "etda_xl.cli", "new", "-o", "{out}/new.xlsm", "--from", "{book}")),
    "report": Command(("-m", "etda_xl.cli", "report", "{book}", "-o", "{out}/report.xlsx")),
    "bare": Command(("-c", "pass"), min_runs=15),
    "core import": Command(("-c", "import etda_xl.rules, etda_xl.compute, etda_xl.checks"), min_runs=15),
    "xlwings import": Command(("-c", "import xlwings"), min_runs=15),
    "xlwings + UDF import": Command(("-c", "import xlwings; import udfs.etda_udfs"), min_runs=15),
}


# --- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    command: str
    book: str | None = None  # a BOOKS name, "sample", or None for a command without a book


@dataclass(frozen=True)
class Case:
    """(numerator − less) / (denominator + plus − minus) ≤ target, in time or peak memory (the terms
    not given count 0). A case without a target is printed for information and decides nothing."""

    name: str
    target: float | None
    numerator: Run
    denominator: Run
    metric: str = "time"  # "time" (best wall time) or "memory" (peak RSS)
    less: Run | None = None
    plus: Run | None = None
    minus: Run | None = None

    @property
    def runs(self) -> tuple[Run, ...]:
        return tuple(run for run in (self.numerator, self.denominator, self.less, self.plus, self.minus) if run)


CASES: list[Case] = [
    Case("check / floor (sample)", 1.2, Run("check", "sample"), Run("floor", "sample")),
    Case("report / floor (sample)", 1.5, Run("report", "sample"), Run("floor", "sample")),
    Case("check / floor ({budget})", 1.0, Run("check", "budget"), Run("floor", "budget")),
    Case("check peak memory / floor's ({budget})", 1.5, Run("check", "budget"), Run("floor", "budget"), "memory"),
    Case("report / floor ({budget})", 2.0, Run("report", "budget"), Run("floor", "budget")),
    Case("check ({raw}) / check (sample)", 1.5, Run("check", "raw"), Run("check", "sample")),
    Case("check --format json / check (sample)", 1.3, Run("check json", "sample"), Run("check", "sample")),
    Case("core import / bare interpreter", 6.0, Run("core import"), Run("bare")),
    Case(
        "UDF module import (after xlwings) / bare interpreter",
        2.0,
        Run("xlwings + UDF import"),
        Run("bare"),
        less=Run("xlwings import"),
    ),
    Case("check ({history}) / check (sample)", 1.2, Run("check", "history"), Run("check", "sample")),
    Case("report ({history}) / report (sample)", 1.2, Run("report", "history"), Run("report", "sample")),
    Case(
        "new --from (sample) / (new + check (sample) − core import)",
        1.2,
        Run("new --from", "sample"),
        Run("new"),
        plus=Run("check", "sample"),
        minus=Run("core import"),
    ),
    Case("new --from (sample) / new (information)", None, Run("new --from", "sample"), Run("new")),
    Case(
        "read: time per shared formula / openpyxl's ({shared})",
        1.0,
        Run("read", "shared"),
        Run("openpyxl read", "shared"),
        less=Run("read", "written"),
        minus=Run("openpyxl read", "written"),
    ),
    Case("read / openpyxl read ({shared}) (information)", None, Run("read", "shared"), Run("openpyxl read", "shared")),
    # A case is data: a Case of Runs over COMMANDS and BOOKS (add a Command or a book builder
    # above when it needs one).
]


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Measured:
    times: list[float] = field(default_factory=list)  # wall seconds
    cpus: list[float] = field(default_factory=list)  # user + system seconds, shown beside (less noisy)
    peaks: list[int] = field(default_factory=list)  # bytes
    failure: str | None = None

    @property
    def best_time(self) -> float:
        return min(self.times)

    @property
    def best_cpu(self) -> float:
        return min(self.cpus)

    @property
    def peak(self) -> int:
        return min(self.peaks)  # the least disturbed run, like the time


#: Runs one command and reports its wall time, CPU time, peak RSS (KiB) and exit code. The children are
#: started from this small interpreter, not from the benchmark itself: Linux carries a process's
#: high-water RSS across exec, so a child forked from the benchmark (books loaded, ~100 MB) would
#: report at least the benchmark's size.
LAUNCHER = """
import os, signal, sys, time
timeout, stderr, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0), (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
           (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.alarm(max(1, int(timeout)))
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu: float
    peak: int  # bytes
    code: int
    stderr: str  # its tail


def run_process(argv: list[str], env: dict[str, str], cwd: Path, timeout: float) -> Sample:
    """One child process, timed and measured."""
    stderr = cwd / "stderr.txt"
    launched = subprocess.run(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, str(timeout), str(stderr), *argv],
        env=env, cwd=cwd, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, cpu, peak_kib, code = launched.stdout.split()
    tail = stderr.read_text(errors="replace")[-1500:]
    return Sample(float(seconds), float(cpu), int(peak_kib) * 1024, int(code), tail)  # ru_maxrss: KiB on Linux


def argv_of(run: Run, books: dict[str, Path | str], out: Path) -> list[str]:
    book = str(books[run.book]) if run.book else ""
    return [sys.executable, *(part.format(book=book, out=out) for part in COMMANDS[run.command].argv)]


FAST = 2.0  # seconds
WARM_BOOKS = {None, "sample", "history"}  # runs on these are fast: each is run once untimed first


def measure(
    runs: list[Run], books: dict[str, Path | str], env: dict[str, str], work: Path, args
) -> dict[Run, Measured]:
    """Each run best of ``args.runs`` (or its command's min_runs), interleaved round by round so a
    slower moment of the machine hits the floor and the command alike. A process faster than
    FAST seconds is run at least ``args.fast_runs`` times (a busy machine's noise is largest
    there); one slower than ``args.slow`` seconds is run once (its noise is small, repeats would
    cost minutes). ``args.cap``, when set, caps the runs (--quick)."""
    results = {run: Measured() for run in runs}
    for run in runs:
        if run.book and isinstance(books[run.book], str):  # not built: why
            results[run].failure = f"book not built: {books[run.book]}"

    def wanted(run: Run) -> int:
        measured = results[run]
        first = measured.times[0] if measured.times else None
        if measured.failure or (first is not None and first > args.slow):
            return 0
        runs = max(args.runs, COMMANDS[run.command].min_runs, args.fast_runs if first and first < FAST else 0)
        return min(runs, args.cap or runs) - len(measured.times)

    round_ = 0
    while pending := [run for run in runs if wanted(run) > 0]:
        round_ += 1
        started = time.perf_counter()
        for run in pending:
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            sample = run_process(argv_of(run, books, out), env, work, args.timeout)
            if sample.code not in COMMANDS[run.command].ok:
                results[run].failure = f"exit {sample.code}: {sample.stderr.strip() or '(no message)'}"
                continue
            results[run].times.append(sample.seconds)
            results[run].cpus.append(sample.cpu)
            results[run].peaks.append(sample.peak)
        print(f"  round {round_}: {len(pending)} processes in {time.perf_counter() - started:.0f} s", flush=True)
    return results


def case_title(case: Case, sizes: Sizes) -> str:
    return case.name.format(**book_titles(sizes))


def ratio(case: Case, results: dict[Run, Measured], metric: str | None = None) -> float | str:
    """The case's ratio (in its own metric, or in ``metric``: "cpu"), or why there is none."""
    failed = [f"{run.command} ({run.book or '-'}) failed" for run in case.runs if results[run].failure]
    if failed:
        return "; ".join(failed)

    def value(run: Run) -> float:
        measured = results[run]
        return {"time": measured.best_time, "cpu": measured.best_cpu, "memory": measured.peak}[metric or case.metric]

    def value_of(run: Run | None) -> float:
        return value(run) if run else 0

    numerator = value(case.numerator) - value_of(case.less)
    return max(numerator, 0) / (value(case.denominator) + value_of(case.plus) - value_of(case.minus))


# --- the run ----------------------------------------------------------------------------------


def code_env(code: Path) -> dict[str, str]:
    """The environment in which `python -m etda_xl.cli` and `import udfs` resolve to ``code``."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "ETDA_XL_DEBUG")}
    env["PYTHONPATH"] = str(code)
    return env


def verify_code(env: dict[str, str], code: Path, cwd: Path) -> str:
    """The etda_xl the children import; exits 2 when it is not the one under ``code``."""
    found = subprocess.run(
        [sys.executable, "-c", "import etda_xl, etda_xl.cli; print(etda_xl.__file__)"],
        env=env, cwd=cwd, capture_output=True, text=True,
    )  # fmt: skip
    where = found.stdout.strip()
    if found.returncode or not Path(where).resolve().is_relative_to(code.resolve()):
        sys.exit(f"etda_xl does not resolve to {code}: {where or found.stderr.strip()}")
    return where


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="checkout whose etda_xl and udfs to measure (default: this script's)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--quick", action="store_true", help="one run each, smaller books: indicative only")
    parser.add_argument("-k", dest="only", default="", help="only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a process is killed")
    parser.add_argument("--slow", type=float, default=30, help="a process slower than this is run once (seconds)")
    # 10: the history cases compare two ~0.3 s processes 10% apart; best of 5 on a busy machine
    # moved that ratio between 0.9 and 1.3, best of 20 held it within a few %
    parser.add_argument("--fast-runs", type=int, default=10, help=f"runs of a process faster than {FAST} s")
    args = parser.parse_args()
    args.cap = None
    if args.quick:
        args.runs, args.fast_runs, args.cap = 1, 1, 3
    args.sizes = QUICK if args.quick else FULL
    return args


def build_books(needed: set[str], env: dict[str, str], work: Path, sizes: Sizes) -> dict[str, Path | str]:
    """name → path, or → why the code under test could not build it (its cases then fail, the rest run)."""
    start = time.perf_counter()
    try:
        sample = write_sample(env, work)
    except BookUnavailable as error:
        sys.exit(f"the sample: {error}")
    books: dict[str, Path | str] = {"sample": sample}
    for name in sorted(needed - {"sample"}):
        try:
            books[name] = BOOKS[name](sample, work, sizes, env)
        except BookUnavailable as error:
            books[name] = str(error)
    sizes_text = ", ".join(
        f"{name} {book.stat().st_size / 2**20:.1f} MiB" if isinstance(book, Path) else f"{name} NOT BUILT ({book})"
        for name, book in books.items()
    )
    print(f"books built in {time.perf_counter() - start:.0f} s: {sizes_text}")
    return books


def print_results(runs: list[Run], results: dict[Run, Measured], sizes: Sizes) -> None:
    print(f"\n{'process':58s} {'best s':>8s} {'cpu s':>8s} {'peak MiB':>9s} runs")
    for run in runs:
        measured = results[run]
        title = f"{run.command} ({book_title(run.book, sizes)})" if run.book else run.command
        if measured.failure:
            print(f"{title:58s} FAILED {measured.failure}")
        else:
            best, cpu, peak = measured.best_time, measured.best_cpu, measured.peak / 2**20
            print(f"{title:58s} {best:8.3f} {cpu:8.3f} {peak:9.1f} {len(measured.times)}")


def print_cases(cases: list[Case], results: dict[Run, Measured], sizes: Sizes) -> int:
    """Each ratio beside its target; the number missed (a failed command counts as missed). The
    verdict is on wall time (what the user waits for); the CPU-time ratio beside it shows how much
    of a miss a busy machine may explain."""
    missed = 0
    print(f"\n{'case':62s} {'ratio':>7s}  {'(cpu)':>7s}  target")
    for case in cases:
        value = ratio(case, results)
        name = case_title(case, sizes)
        target = f"≤ {case.target}×" if case.target is not None else "(information)"
        if isinstance(value, str):
            missed += case.target is not None
            print(f"{name:62s} {'—':>7s}  {'':7s}  {target}  FAILED: {value}")
            continue
        verdict = "" if case.target is None else "ok" if value <= case.target else "MISSED"
        missed += verdict == "MISSED"
        cpu = f"{ratio(case, results, 'cpu'):6.2f}×" if case.metric == "time" else ""
        print(f"{name:62s} {value:6.2f}×  {cpu:>7s}  {target}  {verdict}".rstrip())
    return missed


def load_average() -> str:
    """How busy the machine is (1, 5, 15 minutes): above the CPU count, wall times stretch."""
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


def main() -> int:
    args = parse_arguments()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it comes, also into a file
    cases = [case for case in CASES if args.only in case_title(case, args.sizes)]
    runs = list(dict.fromkeys(run for case in cases for run in case.runs))
    env = code_env(args.code)
    with tempfile.TemporaryDirectory(prefix="etda-bench-") as tmp:
        work = Path(tmp)
        where = verify_code(env, args.code, work)
        print(f"etda_xl: {where}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load_average()}")
        print("QUICK: smaller books, one run: indicative only" if args.quick else f"best of {args.runs} runs")
        books = build_books({run.book for run in runs if run.book}, env, work, args.sizes)
        warm = [run for run in runs if run.book in WARM_BOOKS]  # byte-compile and cache before timing
        print("warming up (not timed):")
        measure(warm, books, env, work, argparse.Namespace(**{**vars(args), "runs": 1, "slow": 0}))
        started = time.perf_counter()
        results = measure(runs, books, env, work, args)
        print(f"measured in {time.perf_counter() - started:.0f} s; load average now {load_average()}")
    print_results(runs, results, args.sizes)
    missed = print_cases(cases, results, args.sizes)
    targets = sum(case.target is not None for case in cases)
    print(f"\n{targets - missed} of {targets} targets met" + (f", {missed} MISSED" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
