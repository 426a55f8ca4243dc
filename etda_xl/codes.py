"""Budget codes, in one place: what a code is (1, 1.2, 1.2.1 … or the total row's รวม), its parent and
ancestors, how codes sort, and the line lists of footnotes and projects ("1.2.2-1.3.4, 1.5").

The reader normalises every code it reads (``normal_code``: Thai digits, leading zeros, a trailing
dot), so a code in the model is either proper, the total's ``TOTAL``, or malformed as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .decimals import thai_to_arabic_digits

#: The code of the grand total's row (and of the summary's total row), however it was typed.
TOTAL = "รวม"
#: Words accepted in a code column for a total row.
TOTAL_WORDS = ("รวม", "รวมทั้งสิ้น", "total", "grand total")

_DOTTED = re.compile(r"^[0-9]{1,6}(\.[0-9]{1,6})*$")
#: A code as ``normal_code`` leaves it: no leading zeros, no trailing dot (checked often: one regex).
_NORMAL = re.compile(r"^(0|[1-9][0-9]{0,5})(\.(0|[1-9][0-9]{0,5}))*$")
_ITEM_SPLIT = re.compile(r"\s*[,;+]\s*")
_RANGE_SPLIT = re.compile(r"\s*[-–—]\s*")


def normal_code(typed: str) -> str | None:
    """ "1.2.1", "๑.๒" → "1.2", "01.2" → "1.2", "1.2." → "1.2"; None when not a dotted number."""
    code = thai_to_arabic_digits(typed.replace(" ", "")).rstrip(".")
    if not _DOTTED.match(code):
        return None
    return ".".join(str(int(part)) for part in code.split("."))


def is_budget_code(text: str) -> bool:
    """A proper code, as the reader leaves it (``normal_code(text) == text``): 1, 1.2, 1.2.10 (not the
    total, not "1,1")."""
    return _NORMAL.match(text) is not None


def is_total_word(text: str) -> bool:
    return text.strip().casefold() in TOTAL_WORDS


def row_key(text: str) -> str:
    """A code or project number as a key: the total row under one name whatever it is called."""
    return TOTAL if is_total_word(text) else text.strip()


@lru_cache(maxsize=65536)
def code_key(code: str) -> tuple[int, ...]:
    """``"1.2.10"`` → (1, 2, 10): codes sort numerically, level by level; () if not a proper code."""
    return tuple(int(p) for p in code.split(".")) if is_budget_code(code) else ()


def parent_code(code: str) -> str | None:
    """The code of the line ``code`` adds up into: "1.2.2" → "1.2"; None for a top-level line."""
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestors(code: str) -> list[str]:
    """``"1.2.2"`` → ["1.2", "1"]."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def is_under(key: tuple[int, ...], parent: tuple[int, ...]) -> bool:
    """A line's key lies under ``parent``'s (1.3.5 under 1.3); a line is not under itself."""
    return len(key) > len(parent) and key[: len(parent)] == parent


# --- line lists: "1.2.2-1.3.4, 1.5" ----------------------------------------------------------------


class CodeList(tuple[str, ...]):
    """A footnote's or a project's budget lines as items — a code ("1.5") or a range ("1.2.2-1.3.4") —
    with the text as typed, for messages ("1.2.2-1.3.4, 1.5" is quoted as typed)."""

    text: str

    def __new__(cls, items: Any = (), text: str | None = None) -> CodeList:
        if isinstance(items, str):
            return parse_code_list(items)
        made = super().__new__(cls, tuple(items))
        made.text = text if text is not None else ", ".join(made)
        return made

    def __reduce__(self):  # copies and pickles keep the text
        return (CodeList, (tuple(self), self.text))

    @property
    def codes(self) -> list[str]:
        """Every code named, a range's two ends included."""
        return [code for item in self for code in item.split("-")]


def split_items(text: str) -> list[list[str]]:
    """ "1.2.2 - 1.3.4, 1.5" → [["1.2.2", "1.3.4"], ["1.5"]]: each item's ends as typed (not yet normalised)."""
    return [_RANGE_SPLIT.split(item) for item in filter(None, _ITEM_SPLIT.split(text.strip()))]


def parse_code_list(text: str) -> CodeList:
    """The items of a typed list whose codes are all proper; malformed items are left out (the reader's
    parser reports them at the cell as INPUT_BAD_CODE)."""
    items = []
    for ends in split_items(text):
        codes = [normal_code(end) for end in ends]
        if len(ends) <= 2 and all(codes):
            items.append("-".join(codes))  # type: ignore[arg-type]
    return CodeList(items, " ".join(text.split()))


def range_ends(item: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """A range item's two keys, low first; None for a single code or a range that runs backwards."""
    if "-" not in item:
        return None
    low, high = (code_key(end) for end in item.split("-", 1))
    return (low, high) if low and high and low <= high else None
