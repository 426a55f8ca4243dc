"""The archive's parts: found by name (case-insensitively, as OPC names them), their relationships
resolved, and parsed with bounds and defusedxml's refusals (no DTD, no entities). A damaged or
missing part raises ``InputError`` naming the file and the part."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from ..errors import InputError

#: Parts parsed whole (workbook, relationships, tables, styles) are small; a bigger one is no workbook.
MAX_SMALL_PART = 32 * 1024 * 1024
#: What a damaged part makes the parsers and converters raise (a missing attribute: TypeError from int(None)).
DAMAGED = (
    ParseError, expat.ExpatError, ValueError, TypeError, KeyError, IndexError, zipfile.BadZipFile, zlib.error,
    EOFError, OSError,
)  # fmt: skip

#: SpreadsheetML's namespace, transitional (what Excel and LibreOffice write) and strict.
MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)


class Parts:
    """The parts of one workbook's archive, and the errors that name them."""

    def __init__(self, book: str, archive: zipfile.ZipFile) -> None:
        self.book = book
        self.archive = archive
        # OPC part names are case-insensitive; zip member names are not.
        self.members = {name.casefold(): name for name in archive.namelist()}

    # --- errors -------------------------------------------------------------------------------

    def damaged(self, part: str, detail: Any, sheet: str = "") -> InputError:
        return InputError(
            f"ไฟล์ {self.book} เสียหาย: อ่านส่วน {part} ไม่ได้ ({detail})",
            f"{self.book} is damaged: its part {part} cannot be read ({detail})",
            sheet=sheet,
        )

    def unsafe(self, part: str) -> InputError:
        return InputError(
            f"ไฟล์ {self.book} มี XML ที่ไม่ปลอดภัย (DTD/entity ใน {part}) จึงไม่เปิดอ่าน",
            f"{self.book} contains unsafe XML (a DTD/entity in {part}); refusing to read it",
        )

    @contextmanager
    def reading(self, part: str, sheet: str = "") -> Iterator[None]:
        """Turns whatever a damaged part raises into an InputError naming the part."""
        try:
            yield
        except DefusedXmlException:  # before ValueError, which it is
            raise self.unsafe(part) from None
        except DAMAGED as exc:
            raise self.damaged(part, exc or type(exc).__name__, sheet) from None

    # --- parts --------------------------------------------------------------------------------

    def has(self, part: str) -> bool:
        return part.casefold() in self.members

    def open(self, part: str, sheet: str = "") -> IO[bytes]:
        member = self.members.get(part.casefold())
        if member is None:
            raise InputError(
                f"ไฟล์ {self.book} เสียหาย: ไม่มีส่วน {part}",
                f"{self.book} is damaged: its part {part} is missing",
                sheet=sheet,
            )
        return self.archive.open(member)

    def xml(self, part: str, sheet: str = ""):
        """A small part's root element."""
        with self.reading(part, sheet), self.open(part, sheet) as stream:
            data = stream.read(MAX_SMALL_PART + 1)
            if len(data) > MAX_SMALL_PART:
                raise ValueError(f"larger than {MAX_SMALL_PART // 2**20} MB")
            return fromstring(data, forbid_dtd=True)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, target part) of ``part``; {} when it has none."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels):
            return {}
        found: dict[str, tuple[str, str]] = {}
        with self.reading(rels):
            for rel in self.xml(rels):
                if local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                    continue
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                found[rel.get("Id", "")] = (kind, _resolve(folder, rel.get("Target", "")))
        return found


def tags(local_name: str) -> frozenset[str]:
    """An element's names: in either namespace, or in none (not valid, but as good as read)."""
    return frozenset({local_name, *(f"{{{ns}}}{local_name}" for ns in MAIN_NAMESPACES)})


def local(tag: Any) -> str:
    """An element's name without its namespace (transitional and strict OOXML alike)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def rel_id(element) -> str:
    """The r:id attribute, whatever the relationships namespace (transitional or strict)."""
    return next((value for key, value in element.attrib.items() if key.endswith("}id")), "")


def first_target(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for k, target in rels.values() if k == kind), None)


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: "../tables/table1.xml" from xl/worksheets → xl/tables/…"""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def safe_expat():
    """An expat parser that refuses DTDs, entities and external references, as defusedxml does.

    Driven by callbacks rather than ``iterparse``: a sheet's cells are read without building an
    element for each of them (about three times faster on a 10,000-line table).
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def doctype(name, sysid, pubid, _has_internal):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, _is_param, _value, _base, sysid, pubid, _notation):
        raise EntitiesForbidden(name, None, _base, sysid, pubid, _notation)

    def external(_context, base, sysid, pubid):
        raise ExternalReferenceForbidden(_context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser
