"""Outputs: atomic, never over a read-only file, clear messages for folders that refuse."""

import stat

import pytest

from etda_xl.errors import OutputError
from etda_xl.output import atomic_output


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temporary left behind
    with atomic_output(target) as temporary:
        temporary.write_text("new")
    assert target.read_text() == "new"


def test_outputs_get_ordinary_permissions(tmp_path):
    with atomic_output(tmp_path / "r.xlsx") as temporary:
        temporary.write_text("x")
    mode = (tmp_path / "r.xlsx").stat().st_mode
    assert mode & stat.S_IRGRP  # readable by others as any file the user saves, not owner-only


def test_a_read_only_file_is_not_replaced(tmp_path):
    target = tmp_path / "locked.xlsx"
    target.write_text("keep")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"), atomic_output(target) as temporary:
        temporary.write_text("new")
    assert target.read_text() == "keep"


def test_a_folder_is_not_a_file_name(tmp_path):
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path):
        pass
