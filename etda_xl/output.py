"""Where outputs go and how they are written: every output-path rule of every job, in one module.

Each job's rule (``sample_target``, ``template_target``, ``report_targets``, ``export_target``,
``next_quarter_target``) refuses, before anything is read or written: a name of the wrong kind, a folder
where a file is meant, the input itself, and a file that is there (always, or only when etda-xl did not
write it: ``written_by_etda``) unless ``force``. ``atomic_output`` then writes it in one step.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError, OutputError

#: Text Excel would read as a formula when typed: written as text, with Excel's quote prefix.
FORMULA_STARTS = ("=", "+", "-", "@")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_existing(path: Path, force: bool) -> None:
    """A command that writes a new file never replaces one that is there, unless ``--force``."""
    if path.exists() and not force:
        raise OutputError(
            f"มีไฟล์ {path} อยู่แล้ว: จะไม่เขียนทับ (ใช้ --force ถ้าต้องการเขียนทับ)",
            f"{path} already exists; not overwriting it (use --force to replace it)",
        )


#: Written into the properties of every workbook etda-xl makes (a report, an export), so that a later run
#: can replace its own output but never a user's book given by mistake as ``-o``.
MARK = "etda-xl output"  # not "etda-xl" alone: the template and new books say that too, and are a user's


def written_by_etda(path: Path, csv_header: str | None = None) -> bool:
    """``path`` is a file etda-xl wrote: a workbook whose properties carry ``MARK``, a PDF whose
    properties do (the report's keywords), a JSON document that names it at its start, or a CSV starting
    with ``csv_header`` (the export's). Reads at most a few hundred kilobytes."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return _pdf_marked(path)
        if suffix in (".csv", ".json"):
            with path.open("rb") as head:
                start = head.read(256).removeprefix(b"\xef\xbb\xbf")
            if suffix == ".json":
                return MARK.encode() in start
            return csv_header is not None and start.startswith(csv_header.encode())
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as core:
            return MARK.encode() in core.read(64 * 1024)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


#: The report's keyword, one word (a PDF writer splits its keywords at spaces): its PDF carries it.
KEYWORD = "etda-xl-output"
#: How a PDF's properties hold it: as text, or (LibreOffice) UTF-16 with its byte-order mark, in hex.
PDF_MARKS = (KEYWORD.encode(), ("FEFF" + KEYWORD.encode("utf-16-be").hex()).upper().encode())
PDF_WINDOW = 256 * 1024  # the document's properties sit near its start or its end


def _pdf_marked(path: Path) -> bool:
    with path.open("rb") as pdf:
        head = pdf.read(PDF_WINDOW)
        pdf.seek(max(0, path.stat().st_size - PDF_WINDOW))
        tail = pdf.read(PDF_WINDOW)
    return any(mark in part.upper() if mark[:4] == b"FEFF" else mark in part for mark in PDF_MARKS
               for part in (head, tail))  # fmt: skip


def refuse_foreign(path: Path, force: bool, csv_header: str | None = None) -> None:
    """An output may replace what etda-xl wrote before (the last report, the last export), never
    another file — last quarter's book given by mistake as ``-o`` — unless ``--force``."""
    if path.is_file() and not force and not written_by_etda(path, csv_header):
        raise OutputError(
            f"มีไฟล์ {path} อยู่แล้วและไม่ใช่ไฟล์ที่ etda-xl สร้าง: จะไม่เขียนทับ (ตั้งชื่อไฟล์ผลลัพธ์ใหม่ หรือใช้ --force ถ้าต้องการเขียนทับจริง)",
            f"{path} exists and was not written by etda-xl; not overwriting it "
            "(choose another output name, or --force to replace it)",
        )


def refuse_folder(target: Path, example_name: str = "report.xlsx") -> None:
    """An output named by a folder: say so (before any other complaint about its name)."""
    if target.is_dir():
        example = target / example_name
        raise OutputError(
            f"{target} เป็นโฟลเดอร์ — ระบุชื่อไฟล์ที่จะเขียน เช่น {example}",
            f"{target} is a folder; give a file name, e.g. {example}",
        )


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_input_as_output(book: Path, target: Path) -> None:
    """No command writes over a workbook it reads (the book checked, a source of the next quarter)."""
    if _same_file(book, target):
        raise OutputError(
            f"ไฟล์ผลลัพธ์ {target} คือสมุดงานต้นทาง — จะไม่เขียนทับสมุดงานที่อ่าน ให้ใช้ชื่อไฟล์อื่น",
            f"the output {target} is the source workbook; it is never overwritten: choose another name",
        )


# --- each job's outputs ---------------------------------------------------------------------------------


def sample_target(path: Path, force: bool = False) -> None:
    """The sample is an .xlsx (no macros): another name is refused, saying which one would do."""
    if path.suffix.lower() != ".xlsx":
        better = path / "sample.xlsx" if path.is_dir() else path.with_suffix(".xlsx")
        raise InputError(
            f"สมุดงานตัวอย่างเขียนเป็นไฟล์ .xlsx เท่านั้น: ใช้ชื่อ {better} แทน {path}",
            f"the sample workbook is written as .xlsx only: use {better} instead of {path}",
        )
    refuse_existing(path, force)


def require_macro_book_name(path: Path) -> None:
    """The template, and a book made from it, is an .xlsm (its buttons are macros)."""
    if path.suffix.lower() != ".xlsm":
        raise InputError(
            f"ชื่อไฟล์ต้องลงท้ายด้วย .xlsm (สมุดงานที่มีแมโคร) แต่ได้ {path.name}",
            f"the file name must end in .xlsm (a macro-enabled workbook), got {path.name}",
        )


def template_target(path: Path, force: bool = False) -> None:
    """The template, or a book made from it: an .xlsm, and an existing file only with ``force``."""
    require_macro_book_name(path)
    refuse_existing(path, force)


def report_targets(book: Path, out: Path, pdf: Path | None, force: bool = False) -> None:
    """The report's .xlsx and PDF: never the input, a folder, a file etda-xl did not write (unless
    ``force``) or each other, and each with its own suffix."""
    for target in (out, pdf):
        if target is not None:
            refuse_input_as_output(book, target)
            refuse_folder(target)
            refuse_foreign(target, force)
    if pdf is not None and _same_file(out, pdf):
        raise OutputError(f"ไฟล์ .xlsx และ PDF ใช้ชื่อเดียวกัน: {out}", f"the .xlsx and the PDF have the same name: {out}")
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"ไฟล์รายงานต้องลงท้ายด้วย .xlsx: {out}", f"the report file must end in .xlsx: {out}")
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise OutputError(f"ไฟล์ PDF ต้องลงท้ายด้วย .pdf: {pdf}", f"the PDF file must end in .pdf: {pdf}")


EXPORT_FORMATS = ("csv", "xlsx", "json")


def export_target(book: Path, out: Path, format: str | None, force: bool, csv_header: str) -> str:
    """The export's file: not the book, a folder or a file etda-xl did not write (unless ``force``);
    its format the one asked for, or the file's own, and its name ending as its format. The format."""
    refuse_input_as_output(book, out)
    refuse_folder(out, "figures.csv")
    refuse_foreign(out, force, csv_header)
    suffix = out.suffix.lower().lstrip(".")
    chosen = format or (suffix if suffix in EXPORT_FORMATS else "")
    if chosen not in EXPORT_FORMATS or suffix != chosen:
        wanted = f".{chosen}" if chosen in EXPORT_FORMATS else " / ".join(f".{f}" for f in EXPORT_FORMATS)
        kinds = " / ".join(EXPORT_FORMATS)
        raise OutputError(
            f"ไฟล์ที่ส่งออกต้องลงท้ายด้วย {wanted} ให้ตรงกับรูปแบบ (--format {kinds}): {out}",
            f"the export file must end in {wanted}, as its format (--format {kinds}): {out}",
        )
    return chosen


#: Tries at a free name next to the book ("2564-Q1 (2).xlsm" …) before giving up.
FREE_NAME_TRIES = 99


def next_quarter_target(out: Path, sources: list[Path], force: bool = False) -> None:
    """The next quarter's book: a folder (a free name in it, ``free_name``), or an .xlsm that is no
    source and, unless ``force``, not there yet."""
    if out.is_dir():
        return
    require_macro_book_name(out)
    for source in sources:
        refuse_input_as_output(source, out)
    refuse_existing(out, force)


def book_name(period: tuple[int, int]) -> str:
    """(2564, 1) → "2564-Q1.xlsm"."""
    return f"{period[0]}-Q{period[1]}.xlsm"


def free_name(folder: Path, period: tuple[int, int]) -> Path:
    """``folder``/2564-Q1.xlsm, or "2564-Q1 (2).xlsm" … when taken: never a file that is there."""
    stem = Path(book_name(period)).stem
    for number in range(1, FREE_NAME_TRIES + 1):
        candidate = folder / (f"{stem}.xlsm" if number == 1 else f"{stem} ({number}).xlsm")
        if not candidate.exists():
            return candidate
    raise OutputError(
        f"มีไฟล์ {stem}.xlsm ถึง {stem} ({FREE_NAME_TRIES}).xlsm ใน {folder} อยู่แล้ว: ลบหรือย้ายไฟล์เก่าออกก่อน",
        f"{folder} already holds {stem}.xlsm to {stem} ({FREE_NAME_TRIES}).xlsm; move old ones away first",
    )


def report_beside(book: Path) -> tuple[Path, Path]:
    """Where the buttons write the report of ``book``: beside it, ``<book>-report.xlsx`` and ``.pdf``."""
    return book.with_name(f"{book.stem}-report.xlsx"), book.with_name(f"{book.stem}-report.pdf")


# --- writing ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it over ``path`` in one step.

    A crash or an exception leaves ``path`` as it was. A target locked by another program (Excel
    keeps files it has open locked on Windows) gets a clear message instead of a traceback.
    """
    target = Path(path)
    refuse_folder(target)
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
        raise OutputError(
            f"ไฟล์ {target.name} เป็นแบบอ่านอย่างเดียว จึงไม่เขียนทับ — เลือกชื่ออื่น หรือยกเลิกการตั้งค่าอ่านอย่างเดียว",
            f"{target.name} is read-only, so it is not replaced; choose another name or clear its read-only flag",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    except OSError as error:
        raise OutputError(
            f"เขียนไฟล์ในโฟลเดอร์ {target.parent} ไม่ได้ ({error.strerror}) — เลือกโฟลเดอร์อื่น",
            f"cannot write into the folder {target.parent} ({error.strerror}); choose another folder",
        ) from None
    os.close(fd)
    temporary = Path(name)
    temporary.chmod(0o666 & ~_umask())  # mkstemp makes it owner-only; outputs are ordinary files
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except PermissionError:
            raise OutputError(
                f"เขียนไฟล์ {target.name} ไม่ได้ — ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น (เช่น Excel) ปิดไฟล์แล้วลองใหม่",
                f"cannot write {target.name}: it may be open in another program (e.g. Excel); close it and retry",
            ) from None
    finally:
        temporary.unlink(missing_ok=True)
