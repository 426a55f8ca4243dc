"""Writing output files safely: atomically, and never over a file that is open in Excel."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError


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


def written_by_etda(path: Path) -> bool:
    """``path`` is a file etda-xl wrote: a workbook whose properties carry ``MARK``, an export CSV
    (its header line), or a PDF (only ever an output). Reads at most a few kilobytes."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return True
    try:
        if suffix == ".csv":
            from .timeline import COLUMNS  # the export's header line

            with path.open("rb") as head:
                return head.read(256).removeprefix(b"\xef\xbb\xbf").startswith(",".join(COLUMNS).encode())
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as core:
            return MARK.encode() in core.read(64 * 1024)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def refuse_foreign(path: Path, force: bool) -> None:
    """An output may replace what etda-xl wrote before (the last report, the last export), never
    another file — last quarter's book given by mistake as ``-o`` — unless ``--force``."""
    if path.is_file() and not force and not written_by_etda(path):
        raise OutputError(
            f"มีไฟล์ {path} อยู่แล้วและไม่ใช่ไฟล์ที่ etda-xl สร้าง: จะไม่เขียนทับ "
            "(ตั้งชื่อไฟล์ผลลัพธ์ใหม่ หรือใช้ --force ถ้าต้องการเขียนทับจริง)",
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
