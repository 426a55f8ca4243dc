"""INPUT_*: cells the reader could not take at face value (text in number cells, "-", formulas without a value, …).

The reader notes them while parsing (``parsers.parse``); each code below reports its own, with the
message ``parsers.PROBLEMS`` defines once for the reader and the UDFs alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Hit, Severity, check
from ..model import Quarter
from ..parsers import PROBLEMS, with_defaults


def _register(code: str, severity: Severity, th: str, en: str) -> None:
    def surface(quarter: Quarter) -> Iterable[Hit]:
        for issue in quarter.input_issues:
            if issue.code == code:
                params = with_defaults(code, {**issue.params, "fix": issue.fix})  # the fix typed, not its words
                yield Hit(issue.where, params, actual=issue.actual, fix=issue.fix)

    surface.__name__ = code.lower()
    check(code, severity, th, en)(surface)


for _code, (_severity, _th, _en) in PROBLEMS.items():
    _register(_code, Severity(_severity), _th, _en)
