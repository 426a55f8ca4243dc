"""Speed and memory of `check`, as ratios against a floor measured on the same machine, same run.

Timed tests are flaky on shared machines; ratios against a floor measured alongside are not.
Floors: openpyxl loading the same file once (what any reader must pay), and a bare interpreter
start for import costs. Targets are printed next to each ratio; the script exits 1 if one is missed.

    python bench/benchmark.py [--lines 2000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

#: Why these numbers: a check reads the file (one openpyxl load, a second only when tables hold
#: formulas), builds the model and runs ~40 checks, so ≤ 4× one bare load. Memory holds openpyxl's
#: cells and our model side by side. The core import (checks included) is dominated by pydantic
#: (~100 ms) against a ~30 ms bare start. The UDF module must load in ≤ 150 ms on top of xlwings
#: (which the UDF server has already imported): it imports neither pydantic, openpyxl nor pandas.
TARGETS = {
    "check / openpyxl load (sample)": 4.0,
    "check / openpyxl load (large)": 4.0,
    "check peak memory / openpyxl load peak (large)": 4.0,
    "core import / bare interpreter": 6.0,
    "UDF module import (after xlwings) / bare interpreter": 2.0,
}


def best_of(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(func) -> int:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def large_workbook(path: Path, lines: int) -> Path:
    """The sample with its budget table grown to ``lines`` lines (1.1 … 1.N under line 1)."""
    import xlsxwriter

    from etda_xl import layout
    from etda_xl.inputbook import Formats, add_input_table
    from etda_xl.sample import table_rows

    rows = table_rows()
    budget = [
        {"code": f"9.{i}", "name": f"รายการ {i}", "plan": 10.0, "paid": 4.0, "carried": 1.0, "reserved": 2.0,
         "result": 7.0, "pct": 70}
        for i in range(1, lines + 1)
    ]  # fmt: skip
    total = {"code": "9", "name": "ทดสอบ", "plan": 10.0 * lines, "paid": 4.0 * lines, "carried": 1.0 * lines,
             "reserved": 2.0 * lines, "result": 7.0 * lines, "pct": 70}  # fmt: skip
    rows[layout.BUDGET.name] = [*rows[layout.BUDGET.name][:-1], total, *budget]
    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    for table in layout.TABLES:
        add_input_table(workbook, formats, table, rows[table.name])
    workbook.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()

    from openpyxl import load_workbook

    from etda_xl.checks import run_checks
    from etda_xl.sample import write_sample
    from etda_xl.workbook import read_workbook

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample = write_sample(Path(tmp) / "sample.xlsx")
        large = large_workbook(Path(tmp) / "large.xlsx", args.lines)
        for name, path in (("sample", sample), ("large", large)):
            floor = best_of(lambda p=path: load_workbook(p))
            cost = best_of(lambda p=path: run_checks(read_workbook(p)), repeat=3)
            results[f"check / openpyxl load ({name})"] = cost / floor
            print(f"  {name}: check {cost * 1000:.0f} ms, openpyxl load {floor * 1000:.0f} ms")
        floor_mem = peak_memory(lambda: load_workbook(large))
        cost_mem = peak_memory(lambda: run_checks(read_workbook(large)))
        results["check peak memory / openpyxl load peak (large)"] = cost_mem / floor_mem
        print(f"  large: check peak {cost_mem / 2**20:.1f} MiB, openpyxl load peak {floor_mem / 2**20:.1f} MiB")

    def start(code: str) -> float:
        return best_of(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat=7)

    bare = start("pass")
    core = start("import etda_xl.rules, etda_xl.compute, etda_xl.checks")
    results["core import / bare interpreter"] = core / bare
    print(f"  core import {1000 * (core - bare):.0f} ms over a bare start of {1000 * bare:.0f} ms")
    xlwings_only = start("import xlwings")
    udfs = start("import xlwings; import udfs.etda_udfs")
    results["UDF module import (after xlwings) / bare interpreter"] = max(udfs - xlwings_only, 0) / bare
    print(f"  UDF module import {1000 * (udfs - xlwings_only):.0f} ms after xlwings")

    missed = 0
    for name, ratio in results.items():
        target = TARGETS[name]
        verdict = "ok" if ratio <= target else "MISSED"
        missed += verdict != "ok"
        print(f"{name:52s} {ratio:6.2f}×  (target ≤ {target}×)  {verdict}")
    print(f"median ratio {statistics.median(results.values()):.2f}×")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
