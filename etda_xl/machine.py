"""The computer that ``etda-xl doctor`` and ``etda-xl setup-excel`` look at, as one value: its platform,
environment variables, the running Python and the code page Excel's VBA reads text files in.

Everything Windows-specific is found from these (``USERPROFILE``, ``LOCALAPPDATA``, ``ProgramFiles``,
``WINDIR``, ``PATH``), never from ``os.environ`` or ``sys.platform`` directly, so the Windows checks run
in tests on Linux with the folders pointed at a temporary home.
"""

from __future__ import annotations

import locale
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    platform: str  # as sys.platform: "win32", "linux", "darwin"
    env: Mapping[str, str]
    executable: Path  # the Python running etda-xl
    #: Windows: the ANSI code page (cp874 on a Thai Windows, cp1252 on an English one), in which VBA's
    #: ``Input #`` reads xlwings.conf; elsewhere the locale's encoding, in which xlwings' Python writes it.
    encoding: str

    @classmethod
    def this(cls) -> Machine:
        # os.environ itself: on Windows it ignores the case of names, as Windows does (a dict copy would not)
        return cls(sys.platform, os.environ, Path(sys.executable), locale.getencoding())

    @property
    def windows(self) -> bool:
        return self.platform == "win32"

    def getenv(self, name: str) -> str:
        """A variable's value, or "" (on Windows the names ignore case, as ``Environ`` does)."""
        if name in self.env:
            return self.env[name]
        if self.windows:
            wanted = name.upper()
            return next((value for key, value in self.env.items() if key.upper() == wanted), "")
        return ""

    def folder(self, variable: str) -> Path | None:
        """The folder an environment variable names (``USERPROFILE``, ``LOCALAPPDATA`` …), if set."""
        value = self.getenv(variable)
        return Path(value) if value else None

    def path_folders(self) -> list[Path]:
        """The folders of ``PATH``, in order."""
        separator = ";" if self.windows else os.pathsep
        return [Path(part.strip('"')) for part in self.getenv("PATH").split(separator) if part.strip()]

    def home(self) -> Path:
        """The user's home: ``USERPROFILE`` on Windows (xlwings' VBA uses it), else ``HOME``."""
        home = self.getenv("USERPROFILE") if self.windows else self.getenv("HOME")
        return Path(home) if home else Path.home()

    def find_program(self, name: str) -> Path | None:
        """The first ``name`` (``name.exe`` on Windows) in a ``PATH`` folder, as Windows searches it."""
        file_name = f"{name}.exe" if self.windows and not name.lower().endswith(".exe") else name
        return next((folder / file_name for folder in self.path_folders() if (folder / file_name).is_file()), None)

    def expand(self, text: str) -> str:
        """``%VAR%`` replaced by its value, as xlwings' VBA expands a setting (an unknown one is kept)."""
        return re.sub(r"%([^%]+)%", lambda found: self.getenv(found[1]) or found[0], text)
