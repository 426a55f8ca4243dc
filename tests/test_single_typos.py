"""One mistyped cell at a time, over every typed figure of the sample (``tests.typos``): what the check
tells the finance officer.

The promise: no typo is silent; no value to type is ever offered at a cell that was never mistyped;
the mistyped cell is named (at a finding, as the cause, or among the candidates); and typing every
offered value, round after round, never ends in a clean check with a figure still wrong. README's
table of rates is these very numbers (``test_readme_quotes_the_rates``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from .typos import BUDGET, PROJECTS, VARIANTS, Outcome, every_case, rates, run_case, true_values

README = Path(__file__).resolve().parents[1] / "README.md"


@cache
def outcomes(variant: str) -> tuple[Outcome, ...]:
    return tuple(every_case(variant))


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_typo_is_silent(variant):
    assert [o.case for o in outcomes(variant) if o.silent] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_fix_is_offered_at_a_cell_that_was_not_mistyped(variant):
    assert [(o.case, o.wrong_fixes) for o in outcomes(variant) if o.wrong_fixes] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_mistyped_cell_is_always_named(variant):
    assert [o.case for o in outcomes(variant) if not o.named] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_following_the_fixes_never_ends_clean_with_a_wrong_figure(variant):
    assert [o.case for o in outcomes(variant) if o.followed_clean_but_wrong] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_value_but_the_true_one_is_offered_at_the_mistyped_cell(variant):
    assert [(o.case, o.typed) for o in outcomes(variant) if o.wrong_value] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_where_the_value_is_withheld_the_span_said_holds_the_true_value(variant):
    """A 0 for a figure, or a typo of several values the sums allow: the cell is named with the values that
    fit (the root cause's span), never a value; the true one is among them."""
    spans = [(o, low, high) for o in outcomes(variant) for low, high in o.spans]
    assert spans and all(low <= true_values()[o.cell] <= high for o, low, high in spans)
    assert {o.typo for o, *_ in spans} >= {"zero", "swap"}


def test_a_near_typo_of_one_value_gets_that_value():
    """With (5) and % typed, a budget or footnote figure one too high in a digit, or its decimal point a
    place to the right (every digit kept), is a typo of the true figure alone: its value is offered."""
    near = [o for o in outcomes("typed") if o.cell[0] != PROJECTS and o.typo in ("plus_one", "times_ten")]
    assert len(near) == 112 and all(o.true_fix for o in near)


def test_a_figure_typed_as_0_is_named_without_a_value():
    """0 is no typo of a figure: the sums allow a few values in its last digit, and nothing typed tells
    which, so no budget or footnote figure typed 0 gets a value (a project % of 0 is exact, and does)."""
    zeros = [o for o in outcomes("typed") if o.typo == "zero" and o.cell[0] != PROJECTS]
    assert zeros and all(o.named and not o.true_fix and not o.wrong_value for o in zeros)


def test_a_paid_one_million_too_high_under_formulas_is_named_with_its_figure():
    """1.3.2's paid (D11) typed 46.7146 for 45.7146, with (5) and % left to formulas: 1.3's paid sum,
    its (5) sum, footnote 1 and project 2's finance % all point at D11, which is named with its figure;
    none of the others offers a value, and typing the one offered makes every figure right."""
    outcome = run_case("formulas", (BUDGET, "D11"), "plus_one")
    assert outcome is not None and outcome.typed == Decimal("46.7146")
    assert outcome.true_fix and not outcome.wrong_fixes and outcome.followed_to_truth


def _readme_rates() -> dict[str, list[str]]:
    block = README.read_text(encoding="utf-8").split("<!-- typos:start -->")[1].split("<!-- typos:end -->")[0]
    rows = [line for line in block.splitlines() if line.startswith("| `")]
    return {re.sub(r"[`| ]", "", row.split("|")[1]): [c.strip() for c in row.split("|")[2:-1]] for row in rows}


def rates_row(variant: str) -> list[str]:
    r = rates(list(outcomes(variant)))
    return [
        str(r.cases),
        str(r.silent),
        str(r.wrong_fix),
        f"{r.named} ({r.percent(r.named)})",
        f"{r.true_fix} ({r.percent(r.true_fix)})",
        str(r.wrong_value),
        str(r.clean_but_wrong),
    ]


def test_readme_quotes_the_rates():
    assert _readme_rates() == {variant: rates_row(variant) for variant in VARIANTS}


def test_a_swap_as_near_to_another_value_names_both():
    """README's example: 1.2's plan (C6) typed 94.4910 is 94.4901 with its last two digits swapped, or
    94.4900 with one digit wrong; both fit the sums, so the span is said and no value offered."""
    outcome = run_case("typed", (BUDGET, "C6"), "swap")
    assert outcome is not None and outcome.typed == Decimal("94.4910")
    assert outcome.spans == ((Decimal("94.4900"), Decimal("94.4901")),) and not outcome.true_fix
