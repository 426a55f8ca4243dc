"""The model's fields are the schema's columns: a column is added in one place (``schema``), and this test
fails until the model holds it, and when the model holds a figure no table has."""

from __future__ import annotations

from dataclasses import fields

import pytest

from etda_xl import model, schema
from etda_xl.workbook import MODELS

#: What a row keeps besides its columns: where each was read, its formulas, whether it is the total row.
BOOKKEEPING = {"cells", "formulas", "is_total"}


@pytest.mark.parametrize("table", [t for t in schema.INPUT_TABLES if t is not schema.SETTINGS], ids=lambda t: t.name)
def test_each_tables_columns_are_its_rows_fields(table):
    columns = {c.field for c in table.columns if c.kind is not schema.Kind.COMPUTED}  # computed: Excel's, not read
    held = {f.name for f in fields(MODELS[table.name])} - BOOKKEEPING
    assert columns == held


def test_every_table_the_reader_reads_has_its_model():
    assert set(MODELS) == {t.name for t in schema.INPUT_TABLES} - {schema.SETTINGS.name}


def test_the_settings_are_the_settings_tables_rows():
    assert {c.field for c in schema.SETTING_ROWS} == {f.name for f in fields(model.Settings)} - {"cells"}


def test_a_totals_row_is_kept_where_the_table_has_one():
    def keeps_a_total(name: str) -> bool:
        return "is_total" in {f.name for f in fields(MODELS[name])}

    assert {name for name in MODELS if keeps_a_total(name)} == {schema.BUDGET.name, schema.PROJECTS.name}
