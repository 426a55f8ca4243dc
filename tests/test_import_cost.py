"""The core (what a UDF call touches) imports without pandas, openpyxl or xlwings."""

import subprocess
import sys

CORE = "etda_xl.rules, etda_xl.thai, etda_xl.decimals, etda_xl.model, etda_xl.compute, etda_xl.checks, etda_xl.workbook"


def test_core_imports_without_heavy_packages():
    code = (
        f"import sys; import {CORE}; "
        "heavy = [m for m in ('pandas', 'openpyxl', 'xlwings', 'xlsxwriter', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
