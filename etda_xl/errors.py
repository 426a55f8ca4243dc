"""What a command reports when it cannot do its job: one message in Thai and English, the place, and
what kind of failure it is — the command line's exit code follows from the kind.

- ``InputError``: a workbook or an argument that cannot be read (exit 2);
- ``OutputError``: an output that cannot or must not be written (exit 2: "a file that cannot be read
  or written");
- ``PdfError``: the report's .xlsx was written but no PDF could be made (exit 3);
- ``SetupError``: the installation lacks something etda-xl needs (exit 4, like an internal error).

Findings in the input are not errors of this kind: they are data (``findings.Finding``), and a
``--strict`` refusal is a result (``api.ReportResult.refused``, exit 1).
"""

from __future__ import annotations


class EtdaError(Exception):
    """A job that could not be done, with a message in Thai and English and the place."""

    exit_code = 2

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


class InputError(EtdaError):
    """A workbook (or a command-line argument) that cannot be read at all."""


class OutputError(EtdaError):
    """An output file that cannot, or must not, be written (it exists, it is the input, a read-only folder …)."""


class PdfError(EtdaError):
    """No PDF could be made (the .xlsx was written); the message says why and what to do."""

    exit_code = 3


class SetupError(EtdaError):
    """The installation lacks something etda-xl needs (a package, xlwings' VBA)."""

    exit_code = 4
