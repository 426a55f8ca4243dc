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

from .typos import BUDGET, PROJECTS, VARIANTS, Outcome, every_case, rates, run_case

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


def test_the_true_value_is_offered_wherever_the_evidence_can_tell_it():
    """With (5) and % typed, every typo of a budget line's (2)-(4) or a footnote's subtotal, and every
    (1) typo that moves a %, gets its true value. What is left gets none, and could not: a (1) whose
    two last digits swapped leaves every % as it was, so a sibling's (1) explains the sum as well;
    a project % typed 101 is only out of range, with nothing to say what it should be."""
    missed = [o for o in outcomes("typed") if not o.true_fix]
    plan_swaps = [o for o in missed if o.cell[0] == BUDGET and o.cell[1][0] == "C" and o.typo == "swap"]
    over_100 = [o for o in missed if o.cell[0] == PROJECTS and o.typed == 101]
    assert sorted(missed, key=lambda o: o.case) == sorted(plan_swaps + over_100, key=lambda o: o.case)
    assert (len(plan_swaps), len(over_100)) == (9, 15)


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
        str(r.clean_but_wrong),
    ]


def test_readme_quotes_the_rates():
    assert _readme_rates() == {variant: rates_row(variant) for variant in VARIANTS}
