"""etda-xl: compute, check and publish ETDA's quarterly financial and mission report.

Every job is one call of the front door, ``etda_xl.api``, re-exported here::

    import etda_xl

    quarter, findings = etda_xl.check_workbook("2563-Q4.xlsm")
    etda_xl.generate_report("2563-Q4.xlsm", "report.xlsx", pdf="report.pdf")

The names load on first use: the core (model, rules, checks) imports neither pandas, openpyxl,
pydantic nor xlwings, so the Excel UDF module that calls it loads fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: What a job gives back and raises, reachable as ``etda_xl.<name>`` too: name → its module.
DATA = {
    "Finding": "findings",
    "Severity": "findings",
    "CellRef": "model",
    "Quarter": "model",
    "EtdaError": "errors",
    "InputError": "errors",
    "OutputError": "errors",
}
#: The front door's jobs (``api``), reachable as ``etda_xl.<name>``.
JOBS = [
    "check_tables",
    "check_workbook",
    "diagnose",
    "export_figures",
    "generate_report",
    "new_workbook",
    "run_demo",
    "set_up_excel",
    "start_next_quarter",
    "write_sample",
    "write_template",
]
__all__ = [*JOBS, *DATA]

if TYPE_CHECKING:  # for type checkers and editors; at run time each name loads on first use (below)
    from .api import check_tables as check_tables
    from .api import check_workbook as check_workbook
    from .api import diagnose as diagnose
    from .api import export_figures as export_figures
    from .api import generate_report as generate_report
    from .api import new_workbook as new_workbook
    from .api import run_demo as run_demo
    from .api import set_up_excel as set_up_excel
    from .api import start_next_quarter as start_next_quarter
    from .api import write_sample as write_sample
    from .api import write_template as write_template
    from .errors import EtdaError as EtdaError
    from .errors import InputError as InputError
    from .errors import OutputError as OutputError
    from .findings import Finding as Finding
    from .findings import Severity as Severity
    from .model import CellRef as CellRef
    from .model import Quarter as Quarter


def __getattr__(name: str) -> Any:
    import importlib

    if name in JOBS:
        return getattr(importlib.import_module(".api", __name__), name)
    if name in DATA:
        return getattr(importlib.import_module(f".{DATA[name]}", __name__), name)
    raise AttributeError(f"module 'etda_xl' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
