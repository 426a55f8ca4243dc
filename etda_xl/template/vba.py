"""The xlwings standalone VBA project, taken at build time from the installed xlwings package.

``xlwings quickstart --standalone`` copies ``quickstart_standalone.xlsm`` from the package; its
``xl/vbaProject.bin`` holds the full xlwings VBA module (RunPython, ImportPythonUDFs), so the template's
buttons work without the xlwings add-in. Nothing of it is copied into this repository. That VBA calls
``xlwings64-<version>.dll``, so the Python side must run the same xlwings version: the build refuses
when the installed xlwings is not the version etda-xl pins.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import SetupError

QUICKSTART = "quickstart_standalone.xlsm"
VBA_PART = "xl/vbaProject.bin"
#: The xlwings VBA module ships as plain text too; it is what vbaProject.bin's ``xlwings`` module holds.
VBA_SOURCE = "xlwings.bas"
DLL_VERSION = re.compile(r'"xlwings(?:32|64)-(\d+\.\d+\.\d+)\.dll"')

#: Document modules of the quickstart's VBA project: the workbook and its two sheets.
VBA_DOCUMENTS = ("ThisWorkbook", "Sheet1", "Sheet2")


def xlwings_dir() -> Path:
    """The installed xlwings package's folder, found without importing it (xlwings imports pandas)."""
    from importlib.util import find_spec

    spec = find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise SetupError("ไม่พบแพ็กเกจ xlwings: pip install xlwings", "xlwings is not installed: pip install xlwings")
    return Path(spec.origin).parent


def installed_version() -> str:
    from importlib import metadata

    return metadata.version("xlwings")


def pinned_version() -> str | None:
    """The xlwings version etda-xl's installed metadata pins (``xlwings==X``), if any."""
    from importlib import metadata

    try:
        requirements = metadata.requires("etda-xl") or []
    except metadata.PackageNotFoundError:
        return None
    for requirement in requirements:
        match = re.match(r"^xlwings\s*==\s*([\w.]+)", requirement)
        if match:
            return match.group(1)
    return None


def declared_versions(vba_source: str) -> set[str]:
    """Versions in the DLL names the VBA declares (``xlwings64-0.37.8.dll`` → 0.37.8)."""
    return set(DLL_VERSION.findall(vba_source))


def vba_project() -> bytes:
    """``vbaProject.bin`` of the installed xlwings' standalone quickstart, after the version checks."""
    version = installed_version()
    pinned = pinned_version()
    if pinned is not None and pinned != version:
        raise SetupError(
            f"ติดตั้ง xlwings {version} แต่ etda-xl กำหนดให้ใช้ {pinned} — ติดตั้งใหม่ด้วย pip install xlwings=={pinned}",
            f"xlwings {version} is installed but etda-xl pins {pinned}; the template's VBA would call "
            f"xlwings64-{version}.dll. Run: pip install xlwings=={pinned}",
        )
    source = (xlwings_dir() / VBA_SOURCE).read_text(encoding="latin-1")
    if declared_versions(source) != {version}:
        raise SetupError(
            f"xlwings.bas ของ xlwings {version} ประกาศ DLL รุ่น {declared_versions(source)}",
            f"xlwings {version}'s xlwings.bas declares DLL versions {declared_versions(source)}",
        )
    with zipfile.ZipFile(xlwings_dir() / QUICKSTART) as quickstart:
        return quickstart.read(VBA_PART)
