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

#: The front door's jobs (``api``), reachable as ``etda_xl.<name>``.
__all__ = [
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

if TYPE_CHECKING:
    from .api import (
        check_tables,
        check_workbook,
        diagnose,
        export_figures,
        generate_report,
        new_workbook,
        run_demo,
        set_up_excel,
        start_next_quarter,
        write_sample,
        write_template,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'etda_xl' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
