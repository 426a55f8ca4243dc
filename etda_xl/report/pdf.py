"""The report as a PDF: LibreOffice headless (Linux, macOS, Windows without Excel) or Excel itself.

LibreOffice runs with its own temporary profile per conversion (two conversions sharing one lose
output files), recalculation forced on load, a timeout that kills the whole process group, and a
check that a fresh, non-empty PDF exists — its exit code is 0 even when nothing was written.

Fonts: no Debian package ships TH Sarabun New. fontconfig maps it to TLWG Laksaman (which *is*
TH Sarabun New, drawn 1/0.66 larger) with a 0.66 scaling matrix that LibreOffice ignores, so
TH Sarabun New text would print 1.5× too big. Where TH Sarabun New itself is not installed but
Laksaman is, the PDF is made from a copy of the workbook that names Laksaman at 0.66× each size
— the same glyphs at the same printed size — and the .xlsx keeps TH Sarabun New for Excel users.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import PdfError
from .styles import FONT, FontProfile

TIMEOUT = 180  # seconds; a conversion of the sample takes about 1.5 s
LAKSAMAN = FontProfile("Laksaman", 0.66, set_default_font=True, line_height=1.11)  # measured: 1.10
SARABUN = FontProfile(FONT, 1.0, set_default_font=True)

RECALC_ALWAYS, RECALC_NEVER = 0, 1  # LibreOffice's "recalculation on file load" settings
RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>{mode}</value></prop>
</item>
</oor:items>
"""

INSTALL_TH = (
    "ติดตั้ง LibreOffice แล้วลองใหม่: Debian/Ubuntu ใช้คำสั่ง "
    "sudo apt-get install libreoffice-calc-nogui fonts-thai-tlwg ; "
    "Windows/macOS ดาวน์โหลดจาก https://www.libreoffice.org/download/ "
    "(หรือบน Windows ที่มี Excel ให้ติดตั้ง xlwings)"
)
INSTALL_EN = (
    "install LibreOffice and run again: on Debian/Ubuntu "
    "sudo apt-get install libreoffice-calc-nogui fonts-thai-tlwg ; "
    "on Windows/macOS download it from https://www.libreoffice.org/download/ "
    "(or, on Windows with Excel, install xlwings)"
)


def find_soffice(env: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """The LibreOffice program, or None. ``ETDA_XL_SOFFICE`` names it explicitly (empty: none).

    ``env`` and ``platform`` default to this process's (``etda-xl doctor`` passes a machine's own)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    override = env.get("ETDA_XL_SOFFICE")
    if override is not None:
        return override if override and Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=env.get("PATH", os.defpath))
        if found:
            return found
    candidates = {
        "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
        "win32": [
            str(Path(env.get(var, "")) / "LibreOffice" / "program" / "soffice.exe")
            for var in ("ProgramFiles", "ProgramFiles(x86)")
            if env.get(var)
        ],
    }.get(platform, [])
    return next((c for c in candidates if Path(c).is_file()), None)


def installed_font_families() -> set[str] | None:
    """Font families fontconfig knows (not its substitutions); None when fc-list is unavailable."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def libreoffice_fonts(families: set[str] | None = None) -> FontProfile:
    """The font profile for a LibreOffice PDF on this machine (see the module docstring)."""
    families = installed_font_families() if families is None else families
    if families and FONT not in families and LAKSAMAN.name in families:
        return LAKSAMAN
    return SARABUN


def xlsx_to_pdf(source: Path, outdir: Path, soffice: str, timeout: int = TIMEOUT, recalculate: bool = True) -> Path:
    """Convert with LibreOffice into ``outdir``; return the PDF or raise PdfError.

    ``recalculate=False`` prints the values saved in the file instead (docs/build_pictures.py: the
    template's ``=ETDA_*`` cells as Excel shows them, which LibreOffice would turn into #NAME?)."""
    source = source.resolve()
    outdir = outdir.resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / (source.stem + ".pdf")
    pdf.unlink(missing_ok=True)  # a stale PDF must not pass the check below
    profile = Path(tempfile.mkdtemp(prefix="etda-xl-lo-profile-"))
    try:
        (profile / "user").mkdir()
        recalc = RECALC_XCU.format(mode=RECALC_ALWAYS if recalculate else RECALC_NEVER)
        (profile / "user" / "registrymodifications.xcu").write_text(recalc, encoding="utf-8")
        env = dict(os.environ, HOME=str(profile))
        command = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(outdir), str(source),
        ]  # fmt: skip
        popen_options: dict = {"start_new_session": True} if os.name == "posix" else {}
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **popen_options
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise PdfError(
                f"LibreOffice ทำงานเกิน {timeout} วินาที จึงหยุดการสร้าง PDF (เขียนไฟล์ .xlsx แล้ว)",
                f"LibreOffice took more than {timeout} s; the PDF conversion was stopped (the .xlsx was written)",
            ) from None
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            detail = "\n".join(line for line in (err or out).splitlines() if "javaldx" not in line).strip()
            raise PdfError(
                f"LibreOffice สร้าง PDF ไม่สำเร็จ (รหัส {process.returncode}): {detail}",
                f"LibreOffice did not write the PDF (exit code {process.returncode}): {detail}",
            )
        return pdf
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _kill(process: subprocess.Popen) -> None:
    """soffice → oosplash → soffice.bin: end the whole group, not just the shell script."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: soffice.exe starts soffice.bin; /T ends the whole tree
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
            process.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    process.communicate()


def excel_to_pdf(xlsx: Path, pdf: Path) -> None:
    """Windows with Excel: let Excel print the workbook to PDF (xlwings ``Book.to_pdf``)."""
    import xlwings as xw  # deferred: only this path needs Excel

    app = xw.App(visible=False, add_book=False)
    try:
        app.display_alerts = False
        book = app.books.open(str(xlsx.resolve()), read_only=True)
        try:
            book.to_pdf(str(pdf.resolve()), show=False)
        finally:
            book.close()
    finally:
        app.quit()
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfError("Excel ไม่ได้เขียนไฟล์ PDF", "Excel did not write the PDF")


def excel_available() -> bool:
    if sys.platform != "win32":
        return False
    try:
        import xlwings  # noqa: F401
    except ImportError:
        return False
    return True


def missing_libreoffice(excel_problem: Exception | None = None) -> PdfError:
    """Why no PDF printer was found: Excel failed, ``ETDA_XL_SOFFICE`` names nothing, or none is installed."""
    override = os.environ.get("ETDA_XL_SOFFICE")
    if excel_problem is not None:
        th = f"Excel สร้าง PDF ไม่ได้ ({excel_problem}) และไม่พบ LibreOffice"
        en = f"Excel could not make the PDF ({excel_problem}) and LibreOffice was not found"
    elif override:
        th = f"ตัวแปร ETDA_XL_SOFFICE ชี้ไปที่ {override} ซึ่งไม่มีโปรแกรมอยู่ จึงสร้างไฟล์ PDF ไม่ได้"
        en = f"ETDA_XL_SOFFICE points to {override}, where there is no program, so no PDF was made"
        return PdfError(
            f"{th} — แก้ให้ชี้ไปที่โปรแกรม soffice ของ LibreOffice หรือลบตัวแปรนี้ (เขียนไฟล์ .xlsx แล้ว)",
            f"{en}; point it at LibreOffice's soffice program or unset it (the .xlsx was written)",
        )
    else:
        th = "ไม่พบโปรแกรม LibreOffice จึงสร้างไฟล์ PDF ไม่ได้"
        en = "LibreOffice was not found, so no PDF was made"
    return PdfError(f"{th} (เขียนไฟล์ .xlsx แล้ว) — {INSTALL_TH}", f"{en} (the .xlsx was written); {INSTALL_EN}")
