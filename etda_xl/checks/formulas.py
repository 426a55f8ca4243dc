"""The formulas officers type into the input tables: right today, and right by construction.

``check`` compares values, so a formula that is wrong but gives the right number today passes, and
``new --from`` carries it into every later quarter. These checks read the formulas themselves
(``formulas.read``), as the research on spreadsheet errors finds the ones that survive review (ExceLint,
CUSTODES, AmCheck, Melford): a sum that skips a line, a formula unlike its column's, a number typed where
its neighbours are formulas, a constant inside a formula, a reference out of the tables. Only etda-xl
knows what a budget line's sub-lines are: a parent's sum must add exactly them.

The template's own formulas (the ETDA_* columns) are the template's: never judged here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal

from .. import schema
from ..a1 import parse_a1, to_a1
from ..codes import TOTAL
from ..compute import figures_of
from ..findings import Hit, Severity, check, short_ref
from ..formulas import PUNCT, ROUNDING, Formula, read, tokens
from ..model import ROW_TERMS, TYPED_AMOUNTS, BudgetLine, CellRef, Located, Quarter, per_quarter
from .wording import COLUMN_LABELS, line_words

#: The figure columns of the tables whose formulas are read (amounts, percentages, counts).
FIGURE_KINDS = frozenset({schema.Kind.AMOUNT, schema.Kind.PERCENT, schema.Kind.COUNT})


def _template_formula(text: str) -> bool:
    return "ETDA_" in text.upper()


@dataclass(frozen=True)
class Typed:
    """A figure's formula as typed: where it is, whose, which column, the formula read."""

    row: Located
    field: str
    cell: CellRef
    formula: Formula
    table: schema.Table


def _figure_fields(table: schema.Table) -> frozenset[str]:
    return frozenset(c.field for c in table.columns if c.kind in FIGURE_KINDS)


_MODEL_ROWS = {
    schema.BUDGET.name: "budget",
    schema.PROJECTS.name: "projects",
    schema.FOOTNOTES.name: "footnotes",
    schema.HISTORY_BUDGET.name: "history_budget",
    schema.HISTORY_PROJECTS.name: "history_projects",
    schema.TARGETS.name: "targets",
    schema.PLANS.name: "plans",
}


@per_quarter
def typed_formulas(quarter: Quarter) -> list[Typed]:
    """Every formula typed into a figure cell of an input table (not the template's ETDA_* ones)."""
    found = []
    for table in schema.INPUT_TABLES:
        rows = getattr(quarter, _MODEL_ROWS[table.name], []) if table.name in _MODEL_ROWS else []
        fields = _figure_fields(table)
        for row in rows:
            for field, text in row.formulas.items():
                where = row.at(field)
                if field in fields and where is not None and not _template_formula(text):
                    found.append(Typed(row, field, where, read(text), table))
    return found


# --- where a referenced cell is ---------------------------------------------------------------------


@per_quarter
def _cells(quarter: Quarter) -> dict[tuple[str, int, int], tuple[Located, str]]:
    """(sheet, row, column) of every cell the reader read → its row and field."""
    found: dict[tuple[str, int, int], tuple[Located, str]] = {}
    rows: Iterable[Located] = (*quarter.budget, *quarter.footnotes, *quarter.projects)
    for row in rows:
        for field, where in row.cells.items():
            r, c = parse_a1(where.cell)
            found[(where.sheet, r, c)] = (row, field)
    return found


def _is_figure(found: tuple[Located, str] | None) -> bool:
    return found is not None and found[1] in schema.AMOUNTS


def _inside(quarter: Quarter, sheet: str, row: int, col: int) -> bool:
    return any(s == sheet and top <= row <= bottom and left <= col <= right
               for s, top, left, bottom, right in quarter.extents.values())  # fmt: skip


# --- 1. a parent's sum covers exactly its sub-lines --------------------------------------------------


Named = str | CellRef  # a line's code, a column's label ("(2)"), or a cell that is neither


@dataclass(frozen=True)
class Coverage:
    missing: tuple[Named, ...]  # what should be added and is not
    extra: tuple[Named, ...]  # what is added and should not be
    twice: tuple[Named, ...]  # added more than once
    subtracted: tuple[Named, ...]
    operations: tuple[str, ...] = ()  # what it does besides adding: MAX, SUMIF, ×, ÷ …

    @property
    def right(self) -> bool:
        return not (self.missing or self.extra or self.twice or self.subtracted or self.operations)


def _coverage(typed: Typed, wanted: Wanted, quarter: Quarter) -> Coverage | None:
    """The formula's cells against ``wanted`` (cell → what it is: "1.3.5"); None when it is no sum of cells."""
    formula, own = typed.formula, typed.cell.sheet
    operations: tuple[str, ...] = ()
    cells = _cells(quarter)
    if formula.terms is not None:
        counted = {(sheet or own, row, col): times for (sheet, row, col), times in formula.terms.items()}
    elif formula.references and not _figures(formula):  # no plain sum: the figures it reads, once each
        read = ((r.sheet or own, row, col) for r in formula.references for row, col in r.cells())
        counted = {key: 1 for key in read if key in wanted or _is_figure(cells.get(key))}  # not SUMIF's codes
        operations = _operations(formula)
    else:
        return None

    def named(key: tuple[str, int, int]) -> Named:
        if key in wanted:
            return wanted[key]
        found = cells.get(key)
        if found is not None and isinstance(found[0], BudgetLine):
            return _line_name(found[0])
        sheet, row, col = key
        return CellRef(sheet, to_a1(row, col))

    return Coverage(
        missing=tuple(wanted[k] for k in wanted if counted.get(k, 0) == 0),
        extra=tuple(named(k) for k, times in counted.items() if k not in wanted and times),
        twice=tuple(named(k) for k, times in counted.items() if times > 1),
        subtracted=tuple(named(k) for k, times in counted.items() if times < 0),
        operations=operations,
    )


def _figures(formula: Formula) -> list[str]:
    """The numbers a formula carries that could be figures: a 0 hides none (=IF(SUM(…)=0,"-",SUM(…)))."""
    return [c for c in formula.constants if Decimal(c) != 0]


#: Operators that make a formula no sum, as a reader knows them.
_OPERATORS = {"*": "×", "/": "÷", "^": "^", "&": "&"}


def _operations(formula: Formula) -> tuple[str, ...]:
    """What a formula over the right cells does instead of adding them: =MAX(E10:E14) equals their sum
    today only by chance. A rounding of a sum is a sum (``formulas.read``)."""
    functions = [f for f in formula.functions if f != "SUM" and f not in ROUNDING]
    operators = [_OPERATORS[t] for k, t in tokens(formula.text[1:]) if k == PUNCT and t in _OPERATORS]
    return tuple(dict.fromkeys([*functions, *operators]))


def _line_name(line: BudgetLine) -> str:
    return TOTAL if line.is_total else line.code


def _key(where: CellRef) -> tuple[str, int, int]:
    row, col = parse_a1(where.cell)
    return where.sheet, row, col


def _wanted(lines: Iterable[BudgetLine], field: str) -> Wanted:
    return {_key(where): _line_name(line) for line in lines if (where := line.at(field)) is not None}


Wanted = dict[tuple[str, int, int], str]  # cell → what it is ("1.3.5", "(2)")


def _row_terms(line: BudgetLine) -> Wanted:
    """A line's own (2), (3) and (4): what its (5) adds."""
    return {_key(where): COLUMN_LABELS[f] for f in ROW_TERMS if (where := line.at(f))}


def _sums_to_check(quarter: Quarter) -> Iterator[tuple[Typed, list[tuple[str, Wanted]]]]:
    """Each typed formula that should add up cells, with what it may add (one of the choices, each with
    its kind): a parent's column (its sub-lines; for (5), or its own (2)+(3)+(4)), the grand total's (the
    top-level lines), a footnote's subtotal (its lines' (5)), a leaf's (5) (its own (2)+(3)+(4))."""
    figures = figures_of(quarter)
    proper = [f.line for f in figures.lines if not f.line.is_total]
    children: dict[str, list[BudgetLine]] = {}
    for line in proper:
        if line.parent_code is not None:
            children.setdefault(line.parent_code, []).append(line)
    top = [line for line in proper if line.parent_code is None]
    for typed in typed_formulas(quarter):
        row, field = typed.row, typed.field
        if isinstance(row, BudgetLine) and field in (*TYPED_AMOUNTS, "result"):
            parts = top if row.is_total else children.get(row.code, [])
            choices = [("column", _wanted(parts, field))] if parts else []
            if field == "result":
                choices.append(("row", _row_terms(row)))
            if choices:
                yield typed, choices
        elif typed.table is schema.FOOTNOTES and field == "result":
            note = next((n for n in figures.footnotes if n.note is row), None)
            if note is not None and note.lines:
                yield typed, [("footnote", _wanted([f.line for f in note.lines], "result"))]


def _coverage_words(coverage: Coverage, here: CellRef, lang: str) -> str:
    """What the sum gets wrong, in words; a cell that is no line named as ``short_ref`` names it (the
    cells themselves are the ``missing``, ``extra``, ``twice`` and ``subtracted`` parameters)."""
    th = lang == "th"

    def listed(names: tuple[Named, ...]) -> str:
        return ", ".join(short_ref(n, here) if isinstance(n, CellRef) else n for n in names)

    parts = []
    if coverage.missing:
        parts.append(("ไม่ได้รวม " if th else "leaves out ") + listed(coverage.missing))
    if coverage.extra:
        parts.append(("รวม " + listed(coverage.extra) + " ซึ่งไม่ควรอยู่") if th else "adds " + listed(coverage.extra))
    if coverage.twice:
        parts.append(("นับซ้ำ " if th else "counts twice ") + listed(coverage.twice))
    if coverage.subtracted:
        parts.append(("ลบ " if th else "subtracts ") + listed(coverage.subtracted))
    if coverage.operations:
        used = ", ".join(coverage.operations)
        parts.append(f"ไม่ใช่ผลบวก (ใช้ {used})" if th else f"is no plain sum (it uses {used})")
    return "; ".join(parts)


_WHAT = {
    "column": ("ผลรวมของรายการย่อย", "the sum of its sub-lines"),
    "row": ("(2)+(3)+(4) ของแถวเดียวกัน", "(2)+(3)+(4) of its own row"),
    "footnote": ("ผลรวม (5) ของรายการในหมายเหตุ", "the (5) of the footnote's lines"),
}


@check(
    "FORMULA_SUM_RANGE",
    Severity.ERROR,
    "{where_th}: สูตร {formula} ควรเป็น{what_th} แต่{wrong_th} — วันนี้อาจรวมได้ตรง แต่จะผิดเมื่อตัวเลขเปลี่ยน",
    "{where_en}: the formula {formula} should be {what_en} but {wrong_en}; it may add up today, and will not "
    "when the figures change",
    no_plain_sum=(
        Severity.WARNING,
        "{where_th}: สูตร {formula} อ่านเซลล์ที่ถูกต้องของ{what_th} แต่{wrong_th} — ตรวจว่าได้ผลรวมของเซลล์เหล่านั้นเสมอ",
        "{where_en}: the formula {formula} reads the right cells for {what_en} but {wrong_en}; check that it "
        "always gives their sum",
    ),
)
def formula_sum_range(quarter: Quarter) -> Iterable[Hit]:
    """A sum that skips a sub-line (even one that is 0 today), adds another branch's line, a total or
    itself, or counts a line twice: an error. The right cells combined otherwise than added (MAX, a
    product, SUMIF, IF): a warning (``no_plain_sum``)."""
    for typed, choices in _sums_to_check(quarter):
        coverages = [(kind, c) for kind, wanted in choices if (c := _coverage(typed, wanted, quarter)) is not None]
        if not coverages or any(c.right for _, c in coverages):
            continue
        kind, closest = min(coverages, key=lambda kc: _wrongs(kc[1]))
        what = _WHAT[kind]
        params = {"formula": typed.formula.text, "kind": kind, **asdict(closest),
                  **_where(typed.row, typed.field), "what_th": what[0], "what_en": what[1],
                  "wrong_th": _coverage_words(closest, typed.cell, "th"),
                  "wrong_en": _coverage_words(closest, typed.cell, "en")}  # fmt: skip
        only_how = closest.operations and _wrongs(closest) == 0  # the right cells, combined otherwise (IF, MAX …)
        yield Hit(typed.cell, params, actual=typed.formula.text, variant="no_plain_sum" if only_how else "default")


def _wrongs(coverage: Coverage) -> int:
    return len(coverage.missing) + len(coverage.extra) + len(coverage.twice) + len(coverage.subtracted)


def _where(row: Located, field: str) -> dict[str, str]:
    column = COLUMN_LABELS.get(field, field)
    if isinstance(row, BudgetLine):
        th, en = line_words(row, "th"), line_words(row, "en")
        return {"where_th": f"{th} คอลัมน์ {column}", "where_en": f"{en}, column {column}"}
    number = getattr(row, "number", "")
    return {"where_th": f"หมายเหตุ {number} ผลรวม", "where_en": f"footnote {number}'s subtotal"}


def _judged_sums(quarter: Quarter) -> set[int]:
    """The typed formulas the sum check judges, right or wrong: a column check has nothing to add."""
    return {id(typed) for typed, choices in _sums_to_check(quarter)
            if any(_coverage(typed, wanted, quarter) is not None for _, wanted in choices)}  # fmt: skip


# --- 2. a formula unlike its column's -----------------------------------------------------------------


@check(
    "FORMULA_INCONSISTENT",
    Severity.WARNING,
    "สูตรในเซลล์นี้ {formula} ต่างจากสูตรอื่นในคอลัมน์เดียวกัน ({usual} ในอีก {count} แถว) — ตรวจว่าอ้างเซลล์ถูกหรือไม่",
    "this cell's formula {formula} differs from the rest of its column ({usual} in {count} other rows); check the "
    "cells it reads",
)
def formula_inconsistent(quarter: Quarter) -> Iterable[Hit]:
    """Compared R1C1-relative, as ExceLint compares a column: the usual shape is the one most of the
    column's formulas share (more than half of them, at least two). A sum whose cells are known (a
    parent's, a row's (5), a footnote's) is judged by FORMULA_SUM_RANGE instead."""
    judged = _judged_sums(quarter)
    columns: dict[tuple[str, str], list[Typed]] = {}
    for typed in typed_formulas(quarter):
        columns.setdefault((typed.table.name, typed.field), []).append(typed)
    for typed_cells in columns.values():
        shapes = [_shape(t) for t in typed_cells]
        usual, count = Counter(shapes).most_common(1)[0] if shapes else ("", 0)
        if count < 2 or 2 * count <= len(shapes):
            continue
        example = next(t for t, s in zip(typed_cells, shapes, strict=True) if s == usual)
        for typed, shape in zip(typed_cells, shapes, strict=True):
            if shape != usual and id(typed) not in judged:
                params = {"formula": typed.formula.text, "usual": example.formula.text, "count": count}
                yield Hit(typed.cell, params, actual=typed.formula.text)


def _shape(typed: Typed) -> str:
    row, col = parse_a1(typed.cell.cell)
    return typed.formula.shape(row, col)


# --- 3. a number typed among formulas ---------------------------------------------------------------


@check(
    "FORMULA_TYPED_AMONG",
    Severity.INFO,
    "{where_th}: ค่าที่พิมพ์ไว้ {actual} จะไม่เปลี่ยนตามรายการย่อย (ช่องอื่น{among_th}เป็นสูตร) — ใช้สูตรผลรวมแทน",
    "{where_en}: typed as {actual}, so it will not follow its sub-lines (the {among_en} are formulas); use a sum "
    "formula instead",
)
def formula_typed_among(quarter: Quarter) -> Iterable[Hit]:
    """A parent's (1)-(4) typed as a number where its row's other figures, or the same column's other
    parents, are formulas: it will not follow when a sub-line changes."""
    lines = [f.line for f in figures_of(quarter).lines if f.has_children]
    for line in lines:
        for field in TYPED_AMOUNTS:
            value = getattr(line, field)
            if field in line.formulas or value is None or line.at(field) is None:
                continue
            row_formulas = _most([f in line.formulas for f in TYPED_AMOUNTS if f != field])
            column_formulas = _most([field in other.formulas for other in lines if other is not line])
            if row_formulas or column_formulas:
                among = _AMONG["row" if row_formulas else "column"]
                params = {**_where(line, field), "actual": value, "among_th": among[0], "among_en": among[1]}
                yield Hit(line.at(field), params, actual=value)


def _most(formulas: list[bool]) -> bool:
    """Most of the figures beside it are formulas: the typed one is the odd one out (one formula among
    typed figures is the odd one, not they)."""
    return sum(formulas) * 2 > len(formulas)


_AMONG = {"row": ("ในแถวนี้", "row's other figures"), "column": ("ของรายการแม่อื่นในคอลัมน์นี้", "column's other parents")}


# --- 4. constants inside formulas ----------------------------------------------------------------------


@check(
    "FORMULA_CONSTANT",
    Severity.WARNING,
    "สูตร {formula} มีตัวเลข {constants} อยู่ในสูตร — ตัวเลขที่ซ่อนในสูตรไม่ถูกตรวจ ควรพิมพ์ลงในช่องของตัวเองในตาราง",
    "the formula {formula} carries the number {constants}: a figure hidden in a formula is never checked; type "
    "it into a cell of the table instead",
)
def formula_constant(quarter: Quarter) -> Iterable[Hit]:
    """A number mixed into a computation on cells (but a ROUND's digits, and 100 in a percentage: ×100
    makes one). A formula of numbers alone (=134.1005) shows its figure: nothing is hidden."""
    for typed in typed_formulas(quarter):
        if not typed.formula.references and not typed.formula.names:
            continue
        percent = typed.table.column(typed.field).kind is schema.Kind.PERCENT
        numbers = [Decimal(c) for c in _figures(typed.formula)]
        constants = [n for n in numbers if not (percent and n == 100)]
        if constants:
            params = {"formula": typed.formula.text, "constants": constants}
            yield Hit(typed.cell, params, actual=typed.formula.text)


# --- 5. references out of the tables -----------------------------------------------------------------


@check(
    "FORMULA_OUTSIDE",
    Severity.INFO,
    "สูตร {formula} อ่านค่าจาก {outside} ซึ่งอยู่นอกตารางที่ตรวจ — ค่านั้นไม่ถูกตรวจ",
    "the formula {formula} reads {outside}, outside the tables checked: that value is not checked",
)
def formula_outside(quarter: Quarter) -> Iterable[Hit]:
    """A scratch cell, another book ([Book2]Sheet1!A1) or a defined name: what it holds is nobody's check."""
    tables = {t.name.casefold() for t in schema.INPUT_TABLES}
    for typed in typed_formulas(quarter):
        outside = [r.text for r in typed.formula.references if r.book or not _all_inside(quarter, typed, r)]
        outside += [n for n in typed.formula.names if n.split("[")[0].casefold() not in tables]
        if outside:
            params = {"formula": typed.formula.text, "outside": list(dict.fromkeys(outside))}
            yield Hit(typed.cell, params, actual=typed.formula.text)


def _all_inside(quarter: Quarter, typed: Typed, reference) -> bool:
    sheet = reference.sheet or typed.cell.sheet
    (top, left), (bottom, right) = reference.first, reference.last
    if None in (top, left, bottom, right):
        return False  # a whole row or column runs out of any table
    corners = ((top, left), (bottom, right), (top, right), (bottom, left))
    return all(_inside(quarter, sheet, r, c) for r, c in corners)  # type: ignore[arg-type]
