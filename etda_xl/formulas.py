"""A formula's text, read: its tokens, the cells and ranges it references, its constants, its shape.

One scan of a formula, as openpyxl's ``Tokenizer`` scans one (strings, quoted sheet names, [bracketed]
parts, error values, function names and numbers are never references), for two readers: the package
reader, which moves a shared formula to each cell of its range (``package.formulas``), and the checks of
the formulas officers type into the tables (``checks.formulas``), which need what a formula adds up,
where it reads from, what numbers it carries, and its shape relative to its cell (R1C1, as ExceLint
compares a column's formulas).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

MAX_ROW = 1_048_576
MAX_COL = 16_384

#: Characters that end an operand (openpyxl's ``Tokenizer.TOKEN_ENDERS``), and the line break,
#: which openpyxl treats as whitespace without ending the operand (kept here as text that ends it).
_ENDERS = frozenset(",;}) +-*/^&=><%\n")
_STRING = re.compile(r'"(?:[^"]*"")*[^"]*"(?!")')
_QUOTED_SHEET = re.compile(r"'(?:[^']*'')*[^']*'(?!')")
_SCIENTIFIC = re.compile(r"[1-9](\.[0-9]+)?[Ee]")  # "1E" before the sign of "1E+5"
ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")

#: What a reference operand is, once its book and sheet are taken off (openpyxl's ``Translator``'s).
ROW_RANGE = re.compile(r"(\$?)([1-9][0-9]{0,6}):(\$?)([1-9][0-9]{0,6})")
COL_RANGE = re.compile(r"(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})")
CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})")

#: A range larger than this is no sum of a table's lines to check cell by cell.
MAX_CELLS = 100_000

# Token kinds
OPERAND, FUNCTION, NUMBER, STRING, ERROR, PUNCT = "operand", "function", "number", "string", "error", "punct"


def tokens(text: str) -> list[tuple[str, str]]:
    """The formula (without "=") as (kind, text) pieces: joined back, they are the text. An OPERAND is a
    reference, a name or TRUE/FALSE; a FUNCTION is a name before its "("."""
    found: list[tuple[str, str]] = []
    start = i = 0  # start: of the operand being read

    def operand(end: int, call: bool = False) -> None:
        token = text[start:end]
        if not token:
            return
        if call:
            found.append((FUNCTION, token))
        elif token.startswith("#"):
            found.append((ERROR, token))
        elif is_number(token):
            found.append((NUMBER, token))
        else:
            found.append((OPERAND, token))

    while i < len(text):
        ch = text[i]
        if ch in "+-" and _SCIENTIFIC.fullmatch(text, start, i):
            i += 1  # the sign of 1E+5: part of the number
        elif ch in _ENDERS or ch in "({":
            operand(i, call=ch == "(")  # NAME( is a function
            found.append((PUNCT, ch))
            i = start = i + 1
        elif ch == '"':
            operand(i)
            string = _STRING.match(text, i)
            end = string.end() if string else len(text)
            found.append((STRING, text[i:end]))  # a string: its text never moves
            i = start = end
        elif ch == "#" and (error := next((e for e in ERRORS if text.startswith(e, i)), None)):
            found.append((ERROR, text[start : i + len(error)]))  # #REF!, Sheet1!#REF!: stays as it is
            i = start = i + len(error)
        else:
            i = _operand_part_end(text, i)
    operand(len(text))
    return found


def _operand_part_end(text: str, i: int) -> int:
    """After the operand's part at ``i``: a 'quoted sheet name', a [bracketed] part, or one character."""
    if text[i] == "'" and (quoted := _QUOTED_SHEET.match(text, i)):
        return quoted.end()
    return _bracket_end(text, i) if text[i] == "[" else i + 1


def _bracket_end(text: str, i: int) -> int:
    """After the ] that closes the [ at ``i`` (nested, as in Table1[[#This Row],[Amount]])."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "[":
            depth += 1
        elif text[j] == "]":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def is_number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


def column_number(letters: str) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


# --- references ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """A cell or range an operand names: its book ("[Book2]" of an external one), its sheet as written
    (None: the formula's own), and its rows and columns (a whole column or row leaves the other open).
    ``fixed`` says which of (row, col) of each end is absolute ($)."""

    text: str
    book: str | None
    sheet: str | None
    first: tuple[int | None, int | None]
    last: tuple[int | None, int | None]
    fixed: tuple[tuple[bool, bool], tuple[bool, bool]]

    @property
    def size(self) -> int | None:
        """How many cells; None for a whole row or column."""
        (top, left), (bottom, right) = self.first, self.last
        if top is None or left is None or bottom is None or right is None:
            return None
        return (abs(bottom - top) + 1) * (abs(right - left) + 1)

    def cells(self) -> list[tuple[int, int]]:
        """Its (row, column)s, top to bottom, left to right (a whole row or column: none)."""
        (top, left), (bottom, right) = self.first, self.last
        if top is None or left is None or bottom is None or right is None:
            return []
        rows = range(min(top, bottom), max(top, bottom) + 1)
        cols = range(min(left, right), max(left, right) + 1)
        return [(r, c) for r in rows for c in cols]


def reference(operand: str) -> Reference | None:
    """The cell or range ``operand`` names; None for a defined name, a structured reference or TRUE."""
    book = None
    if operand.startswith("[") and "]" in operand:  # [Book2]Sheet1!A1 (or '[Book2]Sheet 1'!A1)
        book, operand = operand[: operand.index("]") + 1], operand[operand.index("]") + 1 :]
    sheet, bang, where = operand.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    if sheet.startswith("[") and "]" in sheet:
        book, sheet = sheet[: sheet.index("]") + 1], sheet[sheet.index("]") + 1 :]
    ends = _ends(where)
    if ends is None:
        return None
    (first, first_fixed), (last, last_fixed) = ends
    return Reference(operand if not book else book + operand, book, sheet if bang else None, first, last,
                     (first_fixed, last_fixed))  # fmt: skip


End = tuple[tuple[int | None, int | None], tuple[bool, bool]]


def _ends(where: str) -> tuple[End, End] | None:
    if match := ROW_RANGE.fullmatch(where):
        return ((int(match[2]), None), (bool(match[1]), False)), ((int(match[4]), None), (bool(match[3]), False))
    if match := COL_RANGE.fullmatch(where):
        first_col, last_col = column_number(match[2]), column_number(match[4])
        return ((None, first_col), (False, bool(match[1]))), ((None, last_col), (False, bool(match[3])))
    pieces = where.split(":")
    if len(pieces) > 2:
        return None
    ends = [_cell(piece) for piece in pieces]
    if any(end is None for end in ends):
        return None
    return ends[0], ends[-1]  # type: ignore[return-value]


def _cell(piece: str) -> End | None:
    match = CELL.fullmatch(piece)
    if match is None or column_number(match[2]) > MAX_COL or int(match[4]) > MAX_ROW:
        return None  # a name (XFE1 is past Excel's last column: a name there)
    return (int(match[4]), column_number(match[2])), (bool(match[3]), bool(match[1]))


# --- a formula, read -------------------------------------------------------------------------------

#: Functions whose second argument is a count of digits, not a figure: ROUND(D5+E5, 4) carries no constant.
ROUNDING = frozenset({"ROUND", "ROUNDUP", "ROUNDDOWN", "TRUNC", "FIXED"})


@dataclass(frozen=True)
class Formula:
    """What a figure's formula does: the references it reads, the names and constants it carries, and
    ``terms``: for a plain sum (cells and ranges joined by + and -, inside SUM(…) or not, rounded by
    ROUND(…, n) or not), each cell with the number of times it is added (-1 subtracted, 2 twice); None
    for any other formula."""

    text: str
    references: tuple[Reference, ...]
    names: tuple[str, ...]  # defined names and structured references
    constants: tuple[str, ...]  # numbers in it, but a ROUND's digits
    functions: tuple[str, ...]
    terms: dict[tuple[str | None, int, int], int] | None  # (sheet, row, col) → times added

    def shape(self, row: int, col: int) -> str:
        """The formula with each reference written relative to the cell at (row, col), R1C1 style:
        =D5+E5+F5 in G5 and =D6+E6+F6 in G6 are both =RC[-3]+RC[-2]+RC[-1]."""
        pieces = (_relative(t, row, col) if k == OPERAND else t.upper() for k, t in tokens(self.text[1:]))
        return "=" + "".join(p for p in pieces if not p.isspace())


@lru_cache(maxsize=4096)
def read(text: str) -> Formula:
    """A formula ("=…") read once (formulas filled down repeat; the reader's and the checks' alike)."""
    pieces = [(k, t) for k, t in tokens(text[1:] if text.startswith("=") else text) if not t.isspace()]
    references: list[Reference] = []
    names: list[str] = []
    constants: list[str] = []
    functions: list[str] = []
    depth = 0
    calls: list[tuple[str, int]] = []  # (function, depth) of the calls open
    argument: dict[int, int] = {}  # depth → index of the argument being read
    for kind, token in pieces:
        if kind == FUNCTION:
            functions.append(token.upper())
            calls.append((token.upper(), depth + 1))
        elif kind == PUNCT and token in "({":
            depth += 1
            argument[depth] = 0
        elif kind == PUNCT and token in ")}":
            if calls and calls[-1][1] == depth:
                calls.pop()
            depth -= 1
        elif kind == PUNCT and token in ",;":
            argument[depth] = argument.get(depth, 0) + 1
        elif kind == OPERAND:
            found = reference(token)
            if found is not None:
                references.append(found)
            elif token.upper() not in ("TRUE", "FALSE"):
                names.append(token)
        elif kind == NUMBER:
            rounding = calls and calls[-1][0] in ROUNDING and calls[-1][1] == depth and argument.get(depth) == 1
            if not rounding:
                constants.append(token)
    return Formula(
        text, tuple(references), tuple(names), tuple(constants), tuple(functions), _terms(_unrounded(pieces))
    )


def _unrounded(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ROUND(x, 4) and its kin around the whole formula → x: a rounded sum is still a sum."""
    if len(pieces) > 4 and pieces[0][0] == FUNCTION and pieces[0][1].upper() in ROUNDING and pieces[-1][1] == ")":
        depth = 0
        for index, (kind, token) in enumerate(pieces[1:-1], 1):
            depth += (kind == PUNCT and token in "({") - (kind == PUNCT and token in ")}")
            if depth == 1 and kind == PUNCT and token in ",;":  # the digits follow: the rest is the rounded
                if pieces[index + 1][0] == NUMBER and index + 2 == len(pieces) - 1:
                    return pieces[2:index]
                break
    return pieces


def _terms(pieces: list[tuple[str, str]]) -> dict[tuple[str | None, int, int], int] | None:
    """Each cell of a plain sum with the times it is added; None when the formula does anything else."""
    counted: Counter[tuple[str | None, int, int]] = Counter()
    sign, expect_term, depth_signs = 1, True, [1]
    inside_sum = 0
    for kind, token in pieces:
        if kind == FUNCTION:
            if token.upper() != "SUM" or not expect_term:
                return None
            inside_sum += 1
        elif kind == PUNCT and token == "(":
            depth_signs.append(sign * depth_signs[-1])
            sign, expect_term = 1, True
        elif kind == PUNCT and token == ")":
            if len(depth_signs) == 1:
                return None
            depth_signs.pop()
            inside_sum = max(0, inside_sum - 1)
            expect_term = False
        elif kind == PUNCT and token in "+-":
            if expect_term and token == "-":
                sign = -sign
            elif not expect_term:
                sign, expect_term = (1 if token == "+" else -1), True
        elif kind == PUNCT and token == "," and inside_sum:
            sign, expect_term = 1, True
        elif kind == OPERAND and expect_term and (found := reference(token)) is not None and _countable(found):
            sheet = f"{found.book}{found.sheet}" if found.book else found.sheet  # another book's: never ours
            for row, col in found.cells():
                counted[(sheet, row, col)] += sign * depth_signs[-1]
            sign, expect_term = 1, False
        else:
            return None
    return dict(counted) if counted and not expect_term else None


def _countable(found: Reference) -> bool:
    return 0 < (found.size or 0) <= MAX_CELLS


def _relative(operand: str, row: int, col: int) -> str:
    found = reference(operand)
    if found is None:
        return operand
    ends = []
    for (r, c), (row_fixed, col_fixed) in zip((found.first, found.last), found.fixed, strict=True):
        rows = "" if r is None else (f"R{r}" if row_fixed else f"R[{r - row}]" if r != row else "R")
        cols = "" if c is None else (f"C{c}" if col_fixed else f"C[{c - col}]" if c != col else "C")
        ends.append(rows + cols)
    prefix = (found.book or "") + (f"{found.sheet}!" if found.sheet is not None else "")
    return prefix + (ends[0] if found.first == found.last and found.fixed[0] == found.fixed[1] else ":".join(ends))
