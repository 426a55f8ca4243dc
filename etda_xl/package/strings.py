"""Text: the shared-strings part (read only as far as the highest index a table cell uses), a string
item's text (rich-text runs joined, phonetic runs left out), and Excel's ``_xHHHH_`` escapes."""

from __future__ import annotations

import re

from defusedxml.ElementTree import iterparse

from ..rawtable import MAX_TEXT, RawTable
from .parts import Parts, local, tags

_SI = tags("si")
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")


class SharedString:
    """A shared-string cell's index, resolved once the sheets are read (see ``read_shared_strings``)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def read_shared_strings(parts: Parts, part: str | None, needed: set[int]) -> dict[int, str]:
    """The shared strings at the ``needed`` indices, reading the part no further than the last one."""
    if part is None:
        part = "xl/sharedStrings.xml"
    last = max(needed)
    strings: dict[int, str] = {}
    index = -1
    with parts.reading(part), parts.open(part) as stream:
        for _event, element in iterparse(stream, forbid_dtd=True):
            if element.tag not in _SI:
                continue
            index += 1
            if index in needed:
                strings[index] = item_text(element)
            element.clear()
            if index == last:
                break
    if index < last:
        raise parts.damaged(part, f"no string {last}")
    return strings


def resolve_shared(table: RawTable, strings: dict[int, str]) -> None:
    """The table's shared-string cells given their text."""
    for row in table.cells:
        for cell in row:
            if isinstance(cell.value, SharedString):
                cell.value = cut(strings[cell.value.index])


def item_text(element) -> str:
    """A string item's text: its plain text or its rich-text runs joined; phonetic runs (rPh) left out."""
    texts = []
    for child in element:
        tag = local(child.tag)
        if tag == "t":
            texts.append(child.text or "")
        elif tag == "r":
            texts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return unescape("".join(texts))


def unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (a CR as _x000D_, a literal "_x" as _x005F_x)."""
    if "_x" not in text:
        return text
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)


def cut(text: str) -> str:
    """Text no longer than Excel lets a cell hold."""
    return text[:MAX_TEXT] if len(text) > MAX_TEXT else text
