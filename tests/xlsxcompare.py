"""The one comparison of two Excel files part by part, as XlsxWriter's own tests compare theirs
(``xlsxwriter/test/helperfunctions.py``): every XML part element by element, so a difference is
reported as the element's path and the attribute or text that differs, not as a byte offset."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

#: What changes between two builds of the same workbook: the document properties' times.
RUN_TIMES = {"docProps/core.xml": ("dcterms:created", "dcterms:modified")}
#: Attributes that name an element better than its position among its siblings.
NAMING_ATTRIBUTES = ("r", "name", "sheetId", "Id", "id", "ref", "sqref", "PartName", "Extension")
XML_SUFFIXES = (".xml", ".rels", ".vml")


def parts(path: Path | str) -> dict[str, bytes]:
    """Every part of the zip package, by name."""
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def workbook_differences(got: Path | str, expected: Path | str) -> list[str]:
    """One line per differing part (its first differing element); empty when the files are the same."""
    got_parts, expected_parts = parts(got), parts(expected)
    lines = [f"{name}: missing" for name in sorted(set(expected_parts) - set(got_parts))]
    lines += [f"{name}: not expected" for name in sorted(set(got_parts) - set(expected_parts))]
    for name in sorted(set(got_parts) & set(expected_parts)):
        difference = part_difference(name, got_parts[name], expected_parts[name])
        if difference:
            lines.append(f"{name}: {difference}")
    return lines


def assert_same_workbook(got: Path | str, expected: Path | str, advice: str = "") -> None:
    """Fails naming, for each differing part, the first element that differs."""
    differences = workbook_differences(got, expected)
    if differences:
        raise AssertionError("\n".join([f"{got} differs from {expected}{advice}:", *differences]))


def part_difference(name: str, got: bytes, expected: bytes) -> str | None:
    """The first difference between two versions of one part, or None."""
    if got == expected:
        return None
    if not name.endswith(XML_SUFFIXES):
        return f"binary part differs ({len(got)} bytes, expected {len(expected)})"
    got_root, got_prefixes = _parse(got)
    expected_root, expected_prefixes = _parse(expected)
    prefixes = expected_prefixes | got_prefixes
    for root in (got_root, expected_root):
        for element in root.iter():
            if _name(element.tag, prefixes) in RUN_TIMES.get(name, ()):
                element.text = "(time ignored)"
    if got_prefixes != expected_prefixes:
        return f"namespace prefixes {sorted(got_prefixes.items())}, expected {sorted(expected_prefixes.items())}"
    path = "/" + _name(expected_root.tag, prefixes)
    return _element_difference(got_root, expected_root, path, prefixes) or _markup_difference(name, got, expected)


def _markup_difference(name: str, got: bytes, expected: bytes) -> str | None:
    """Same elements, yet other bytes (declaration, attribute order, quoting): the first differing tag,
    the XML split at tag boundaries as XlsxWriter's ``_xml_to_list`` does."""

    def tags(data: bytes) -> list[str]:
        text = data.decode("utf-8")
        for tag in RUN_TIMES.get(name, ()):
            text = re.sub(rf"(<{tag}\b[^>]*>)[^<]*", r"\1", text)
        return re.split(r">\s*<", text.strip().removeprefix("<").removesuffix(">"))

    got_tags, expected_tags = tags(got), tags(expected)
    for index, (got_tag, expected_tag) in enumerate(zip(got_tags, expected_tags, strict=False)):
        if got_tag != expected_tag:
            return f"same elements, but tag {index + 1} is <{got_tag}>, expected <{expected_tag}>"
    if len(got_tags) != len(expected_tags):
        return f"same elements, but {len(got_tags)} tags, expected {len(expected_tags)}"
    return None


def _parse(data: bytes) -> tuple[ElementTree.Element, dict[str, str]]:
    """The root element and the namespace URI → prefix map the document declares."""
    uris = {uri: prefix for _event, (prefix, uri) in ElementTree.iterparse(io.BytesIO(data), events=["start-ns"])}
    return ElementTree.fromstring(data), uris


def _name(tag: str, prefixes: dict[str, str]) -> str:
    """``{uri}local`` → ``prefix:local`` (just ``local`` in the default namespace)."""
    match = re.fullmatch(r"\{(.*)\}(.*)", tag)
    if not match:
        return tag
    prefix = prefixes.get(match.group(1), "")
    return f"{prefix}:{match.group(2)}" if prefix else match.group(2)


def _element_difference(
    got: ElementTree.Element, expected: ElementTree.Element, path: str, prefixes: dict[str, str]
) -> str | None:
    if got.tag != expected.tag:
        return f"{path}: element <{_name(got.tag, prefixes)}>, expected <{_name(expected.tag, prefixes)}>"
    for attribute in sorted(set(got.attrib) | set(expected.attrib)):
        if got.get(attribute) != expected.get(attribute):
            shown = _name(attribute, prefixes)
            return f"{path}/@{shown}: {got.get(attribute)!r}, expected {expected.get(attribute)!r}"
    if (got.text or "") != (expected.text or ""):
        return f"{path}/text(): {got.text!r}, expected {expected.text!r}"
    got_children, expected_children = list(got), list(expected)
    tags = [_name(child.tag, prefixes) for child in expected_children]
    for index, (got_child, expected_child) in enumerate(zip(got_children, expected_children, strict=False)):
        tag = tags[index]
        child_path = f"{path}/{_step(tag, tags[: index + 1].count(tag), tags.count(tag), expected_child)}"
        difference = _element_difference(got_child, expected_child, child_path, prefixes)
        if difference:
            return difference
        if (got_child.tail or "") != (expected_child.tail or ""):
            return f"{child_path}: text after it {got_child.tail!r}, expected {expected_child.tail!r}"
    if len(got_children) != len(expected_children):
        extra = got_children[len(expected_children) :] or expected_children[len(got_children) :]
        which = "not expected" if len(got_children) > len(expected_children) else "missing"
        first = _name(extra[0].tag, prefixes)
        return f"{path}: {len(got_children)} child elements, expected {len(expected_children)} (<{first}> {which})"
    return None


def _step(tag: str, position: int, siblings: int, element: ElementTree.Element) -> str:
    """``c[@r="D4"]`` where the element names itself, ``c[2]`` among other ``c``, else ``c``."""
    attribute = next((a for a in NAMING_ATTRIBUTES if a in element.attrib), None)
    if attribute:
        return f'{tag}[@{attribute}="{element.get(attribute)}"]'
    return f"{tag}[{position}]" if siblings > 1 else tag
