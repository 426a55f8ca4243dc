"""The one error a command reports when a workbook cannot be read at all (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """A workbook that cannot be read, with a message in Thai and English and the place."""

    def __init__(self, th: str, en: str, sheet: str = "", cell: str = "") -> None:
        self.th, self.en, self.sheet, self.cell = th, en, sheet, cell
        super().__init__(self.message("en"))

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"'{self.sheet}'!{self.cell}"
        return f"'{self.sheet}'" if self.sheet else ""

    def message(self, lang: str = "th") -> str:
        text = self.th if lang == "th" else self.en
        return f"{self.where}: {text}" if self.where else text

    def both(self) -> str:
        """Thai first, English second, as every message the user reads."""
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.th}\n{prefix}{self.en}"
