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


def test_report_and_export_replace_their_own_output_but_never_a_users_book(tmp_path):
    """-o last quarter's book by mistake: refused, the book untouched; the last report or export is
    replaced without asking; --force replaces anything."""
    import hashlib

    from etda_xl.api import export_figures, generate_report, new_workbook
    from etda_xl.output import written_by_etda
    from etda_xl.sample import write_sample

    book = write_sample(tmp_path / "q4.xlsx")
    last_quarter = write_sample(tmp_path / "q3.xlsx")
    before = hashlib.sha256(last_quarter.read_bytes()).hexdigest()
    with pytest.raises(OutputError, match="not written by etda-xl"):
        generate_report(book, last_quarter)
    with pytest.raises(OutputError, match="--force"):
        export_figures(book, last_quarter)
    assert hashlib.sha256(last_quarter.read_bytes()).hexdigest() == before
    assert not written_by_etda(new_workbook(tmp_path / "q1.xlsm", 2564, 1))  # a book from the template is a user's

    report = tmp_path / "report.xlsx"
    generate_report(book, report)
    assert written_by_etda(report) and generate_report(book, report).xlsx == report  # its own output: replaced
    from etda_xl.export import CSV_HEADER

    for name in ("figures.csv", "figures.xlsx", "figures.json"):
        export_figures(book, tmp_path / name)
        assert written_by_etda(tmp_path / name, CSV_HEADER) and export_figures(book, tmp_path / name).rows > 0
    assert not written_by_etda(tmp_path / "figures.csv")  # a CSV is known by the export's header alone
    assert generate_report(book, last_quarter, force=True).xlsx == last_quarter


def test_a_folder_or_a_file_where_the_other_is_expected_is_named_so(tmp_path, capsys):
    from etda_xl.cli import main
    from etda_xl.sample import write_sample

    book = write_sample(tmp_path / "q4.xlsx")
    assert main(["export", str(book), "-o", str(tmp_path)]) == 2
    assert f"is a folder; give a file name, e.g. {tmp_path / 'figures.csv'}" in capsys.readouterr().err
    assert main(["report", str(book), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["demo", "--out", str(book)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_pdf_is_replaced_only_when_etda_xl_wrote_it(tmp_path):
    """The report's PDF carries etda-xl's keyword in its properties: a later report replaces it; a PDF of
    the user's own (given as --pdf by mistake) is refused unless --force."""
    from etda_xl.api import generate_report
    from etda_xl.output import written_by_etda
    from etda_xl.sample import write_sample

    from .test_report_support import soffice_or_skip

    soffice_or_skip()
    book = write_sample(tmp_path / "q4.xlsx")
    mine = tmp_path / "minutes.pdf"
    mine.write_bytes(b"%PDF-1.4\n% the meeting's minutes\n")
    with pytest.raises(OutputError, match="not written by etda-xl"):
        generate_report(book, tmp_path / "report.xlsx", mine)
    assert mine.read_bytes().endswith(b"minutes\n")
    ours = generate_report(book, tmp_path / "report.xlsx", tmp_path / "report.pdf").pdf
    assert ours is not None and written_by_etda(ours)
    assert generate_report(book, tmp_path / "report.xlsx", ours).pdf == ours
    assert generate_report(book, tmp_path / "other.xlsx", mine, force=True).pdf == mine
