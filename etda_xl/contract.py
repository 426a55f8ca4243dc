"""The JSON etda-xl writes for programs: its documents, their published schemas, one serialiser (pydantic).

Four documents, each opening with ``version`` (``VERSION``: raised when a field changes meaning or goes
away, never when one is added):

- ``check --format json``: ``CheckDocument``, every finding (``findings.Finding``) with its figures as
  JSON numbers, its cells as ``{"sheet", "cell"}``, and what follows from the evidence (``fix``,
  ``caused_by``, ``candidates``);
- the error of any command run with ``--format json``: ``ErrorDocument``;
- ``export --format json``: ``ExportDocument``, one row per figure (``timeline.Figure``, the CSV's columns);
- ``doctor --format json``: ``DoctorDocument``.

Each document's shape is derived once, from the dataclasses and their type hints, as a pydantic-core
schema (``core_schema_of``). pydantic's ``TypeAdapter`` reads it (the documents hand it over through
pydantic's hook) to generate the JSON Schemas committed in ``schemas/`` (``python -m etda_xl.contract
schemas``; a test holds them current) and to read a document back (``read``). Writing uses the same
schema through pydantic-core's serialiser alone: importing pydantic's adapters costs more than the
whole check of the sample, and ``check --format json`` must stay within 1.3× of ``check``. This module
is imported only where JSON is written; the core's two hooks (``model.CellRef``, ``model.Value``) reach
it only when pydantic asks them.
"""

from __future__ import annotations

import enum
import importlib
import itertools
import json
import sys
import types
import typing
from dataclasses import MISSING, dataclass, fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic_core import CoreSchema, SchemaSerializer, core_schema

from .findings import Finding, presented, summarize
from .model import CellRef, Value
from .output import MARK

if TYPE_CHECKING:
    from .doctor import Check as DoctorCheck
    from .timeline import Figure

#: Types a document names that load only when that document is written (``check`` needs neither).
LATER = {"DoctorCheck": ("etda_xl.doctor", "Check"), "Figure": ("etda_xl.timeline", "Figure")}

Version = Literal[1]
VERSION: Version = 1
#: Where the schemas are published (``$id``): the files in the repository's ``schemas/`` folder.
SCHEMA_BASE = "https://etda-xl.invalid/schemas/"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- the core's values as JSON ---------------------------------------------------------------------------


def _number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: 100 as 100, 226.5563 as 226.5563 (the shortest float that reads back)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _from_json(number: float) -> Decimal:
    return Decimal(repr(number))


def _number_schema() -> CoreSchema:
    """A Decimal; in JSON a number with a fraction (a whole one reads as an int), never a text that looks
    like one (the code "1.1" stays text)."""
    as_number = core_schema.plain_serializer_function_ser_schema(
        _number, return_schema=core_schema.union_schema([core_schema.int_schema(), core_schema.float_schema()])
    )
    return core_schema.json_or_python_schema(
        json_schema=core_schema.no_info_after_validator_function(_from_json, core_schema.float_schema(strict=True)),
        python_schema=core_schema.decimal_schema(),
        serialization=as_number,
    )


def _date_schema() -> CoreSchema:
    """A date; in JSON the text YYYY-MM-DD alone (pydantic would read "0" as 1 January 1970)."""
    iso = core_schema.str_schema(pattern=r"^\d{4}-\d{2}-\d{2}$")
    return core_schema.json_or_python_schema(
        json_schema=core_schema.no_info_after_validator_function(date.fromisoformat, iso),
        python_schema=core_schema.date_schema(strict=True),
        serialization=core_schema.plain_serializer_function_ser_schema(date.isoformat, return_schema=iso),
    )


def _cell(fields: dict[str, str]) -> CellRef:
    return CellRef(**fields)


def cell_schema() -> CoreSchema:
    """``model.CellRef`` as ``{"sheet": "งบประมาณ", "cell": "F4"}``: read from that object, and known among
    the other values (a union is served by what each value is: a CellRef is a tuple, not a dict)."""
    shape = core_schema.typed_dict_schema({name: core_schema.typed_dict_field(core_schema.str_schema())
                                           for name in CellRef._fields})  # fmt: skip
    return core_schema.json_or_python_schema(
        json_schema=core_schema.no_info_after_validator_function(_cell, shape),
        python_schema=core_schema.is_instance_schema(CellRef),
        serialization=core_schema.plain_serializer_function_ser_schema(CellRef._asdict, return_schema=shape),
    )


def _value_definition(cell: CoreSchema) -> CoreSchema:
    """``model.Value``: a figure as a number, or a count, a flag, a text, a date, a cell (``cell``), nothing,
    or a list of these, lists too (a finding's lines, the quarters missing from the history)."""
    scalar = core_schema.union_schema(
        [
            core_schema.bool_schema(strict=True),  # before int: True is an int too
            core_schema.int_schema(strict=True),
            _number_schema(),
            _date_schema(),
            core_schema.str_schema(),
            cell,
            core_schema.none_schema(),
        ]
    )
    item = core_schema.definition_reference_schema("Value")
    items = core_schema.list_schema(item)
    either = core_schema.union_schema([items, core_schema.tuple_schema([item], variadic_item_index=0)])
    sequence = core_schema.json_or_python_schema(items, either)  # a tuple is written as a list
    return core_schema.union_schema([scalar, sequence], ref="Value")


def value_schema() -> CoreSchema:
    """``model.Value`` on its own (its hook): the definitions it refers to, itself among them."""
    definitions: dict[str, CoreSchema] = {}
    _shared(definitions)
    return core_schema.definitions_schema(core_schema.definition_reference_schema("Value"), list(definitions.values()))


#: The core's own types, each a named definition of every document (``$defs`` in the JSON Schemas).
SHARED: dict[Any, str] = {CellRef: "Cell", Value: "Value"}


def _shared(definitions: dict[str, CoreSchema]) -> None:
    if "Cell" not in definitions:
        definitions["Cell"] = {**cell_schema(), "ref": "Cell"}  # type: ignore[typeddict-item]
        definitions["Value"] = _value_definition(core_schema.definition_reference_schema("Cell"))


# --- the documents -----------------------------------------------------------------------------------------


class Document:
    """A published document: pydantic meets its schema through this hook (``core_schema_of``)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> CoreSchema:
        return core_schema_of(cls)


@dataclass(frozen=True)
class Summary:
    """How many findings of each severity, and of each code."""

    error: int
    warning: int
    info: int
    total: int
    by_code: dict[str, int]


@dataclass(frozen=True)
class CheckDocument(Document):
    """``etda-xl check --format json``: the book checked and everything found, errors first."""

    version: Version
    source: str
    """The workbook's file name."""
    summary: Summary
    findings: list[Finding]
    """Errors first, then warnings, then notes."""


@dataclass(frozen=True)
class ErrorInfo:
    """Why a command stopped: its exit code, the sheet and cell at fault (empty when none), in Thai and English."""

    exit_code: int
    """The command's exit code (README: 2 a file that cannot be read or written or a command line that
    cannot be understood, 4 an incomplete installation or an internal error)."""
    sheet: str
    cell: str
    message_th: str
    message_en: str


@dataclass(frozen=True)
class ErrorDocument(Document):
    """What any command writes on stdout with ``--format json`` when it stops with an error."""

    version: Version
    error: ErrorInfo


@dataclass(frozen=True)
class ExportDocument(Document):
    """``etda-xl export --format json``: every figure of every quarter in the book, one row each."""

    version: Version
    generator: str
    """Says that etda-xl wrote the file (``output.MARK``): a later export may replace it, nothing else."""
    source: str
    rows: list[Figure]


@dataclass(frozen=True)
class DoctorDocument(Document):
    """``etda-xl doctor --format json``: whether this computer is ready, check by check."""

    version: Version
    ok: bool
    platform: str
    checks: list[DoctorCheck]


DOCUMENTS: dict[str, type[Document]] = {
    "check": CheckDocument,
    "error": ErrorDocument,
    "export": ExportDocument,
    "doctor": DoctorDocument,
}


# --- a dataclass's schema, from its fields and type hints ---------------------------------------------------


_SCHEMAS: dict[str, CoreSchema] = {}


def core_schema_of(document: type) -> CoreSchema:
    """The pydantic-core schema of a document: each dataclass, and the core's ``Cell`` and ``Value``, a
    definition named after it."""
    if document.__qualname__ not in _SCHEMAS:
        definitions: dict[str, CoreSchema] = {}
        main = _dataclass(document, definitions)
        _SCHEMAS[document.__qualname__] = core_schema.definitions_schema(main, list(definitions.values()))
    return _SCHEMAS[document.__qualname__]


def _dataclass(cls: type, definitions: dict[str, CoreSchema]) -> CoreSchema:
    name = cls.__name__
    if name not in definitions:
        definitions[name] = core_schema.none_schema()  # a placeholder while its fields are worked out
        hints = _hints(cls)
        args = [_field(f, _schema(hints[f.name], definitions)) for f in fields(cls)]
        definitions[name] = core_schema.dataclass_schema(
            cls,
            core_schema.dataclass_args_schema(name, args),
            [f.name for f in fields(cls)],
            ref=name,
            frozen=cls.__dataclass_params__.frozen,  # type: ignore[attr-defined]
            slots="__slots__" in cls.__dict__,
        )
    return core_schema.definition_reference_schema(name)


def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's type hints, the ``LATER`` names imported only for a document that names them."""
    try:
        return typing.get_type_hints(cls)
    except NameError:
        later = {name: getattr(importlib.import_module(module), attr) for name, (module, attr) in LATER.items()}
        return typing.get_type_hints(cls, localns=later)


def _field(field: Any, schema: CoreSchema) -> Any:
    if field.default is not MISSING:
        schema = core_schema.with_default_schema(schema, default=field.default)
    elif field.default_factory is not MISSING:
        schema = core_schema.with_default_schema(schema, default_factory=field.default_factory)
    return core_schema.dataclass_field(field.name, schema, kw_only=field.kw_only is True)


def _schema(hint: Any, definitions: dict[str, CoreSchema]) -> CoreSchema:
    """One type hint's schema (the kinds the documents use; any other is refused, said by name)."""
    if hint in SHARED:
        _shared(definitions)
        return core_schema.definition_reference_schema(SHARED[hint])
    simple: dict[Any, CoreSchema] = {str: core_schema.str_schema(), int: core_schema.int_schema(),
                                     bool: core_schema.bool_schema()}  # fmt: skip
    if hint in simple:
        return simple[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _schema(inner[0], definitions) if len(inner) == 1 else core_schema.union_schema(
            [_schema(a, definitions) for a in inner])  # fmt: skip
        return core_schema.nullable_schema(schema) if len(inner) < len(args) else schema
    if origin is list:
        return core_schema.list_schema(_schema(args[0], definitions))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return core_schema.tuple_schema([_schema(args[0], definitions)], variadic_item_index=0)
    if origin is dict:
        return core_schema.dict_schema(_schema(args[0], definitions), _schema(args[1], definitions))
    if origin is Literal:
        return core_schema.literal_schema(list(args))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kind: Literal["str"] | None = "str" if issubclass(hint, str) else None
        definitions[hint.__name__] = core_schema.enum_schema(hint, list(hint), sub_type=kind, ref=hint.__name__)
        return core_schema.definition_reference_schema(hint.__name__)
    if isinstance(hint, type) and is_dataclass(hint):
        return _dataclass(hint, definitions)
    raise TypeError(f"no JSON shape for {hint!r}")


# --- writing and reading ---------------------------------------------------------------------------------


_SERIALIZERS: dict[str, SchemaSerializer] = {}


def dumps(document: Document) -> str:
    """A document as the JSON etda-xl prints: UTF-8 (Thai as Thai), indented, one newline at the end."""
    name = type(document).__qualname__
    if name not in _SERIALIZERS:
        _SERIALIZERS[name] = SchemaSerializer(core_schema_of(type(document)))
    return _SERIALIZERS[name].to_json(document, indent=2).decode() + "\n"


def check_json(findings: list[Finding], source: str) -> str:
    """The check document, its findings in the order people read them (``findings.presented``)."""
    return dumps(CheckDocument(VERSION, source, Summary(**summarize(findings)), presented(findings)))


def error_json(exit_code: int, th: str, en: str, sheet: str = "", cell: str = "") -> str:
    return dumps(ErrorDocument(VERSION, ErrorInfo(exit_code, sheet, cell, th, en)))


def export_json(rows: list[Figure], source: str) -> str:
    return dumps(ExportDocument(VERSION, f"{MARK}: figures export", source, rows))


def doctor_json(ok: bool, platform: str, checks: list[DoctorCheck]) -> str:
    return dumps(DoctorDocument(VERSION, ok, platform, checks))


_ADAPTERS: dict[str, Any] = {}


def adapter(document: type) -> Any:
    """pydantic's ``TypeAdapter`` over a document (its schema: ``core_schema_of``)."""
    from pydantic import TypeAdapter

    return _ADAPTERS.setdefault(document.__qualname__, TypeAdapter(document))


def read(text: str | bytes, document: type[Document] = CheckDocument) -> Any:
    """A document etda-xl wrote, read back as its dataclasses (figures as Decimal, cells as CellRef);
    pydantic's ValidationError says what in it does not hold to the schema."""
    return adapter(document).validate_json(text)


# --- the published schemas -------------------------------------------------------------------------------


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema of the document ``name`` (a key of ``DOCUMENTS``), as what etda-xl writes: each
    dataclass and field described by its docstring."""
    generated = adapter(DOCUMENTS[name]).json_schema(mode="serialization")
    for definition in generated.get("$defs", {}).values():
        _describe(definition)
    _describe(generated)
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": f"{SCHEMA_BASE}{name}.schema.json", **generated}


def _described() -> dict[str, type]:
    """Every dataclass of the documents, by the name its schema gives it (its title)."""
    later = [getattr(importlib.import_module(module), attr) for module, attr in LATER.values()]
    return {cls.__name__: cls for cls in (Finding, Summary, ErrorInfo, *later, *DOCUMENTS.values())}


def _describe(definition: dict[str, Any]) -> None:
    import inspect

    cls = _described().get(definition.get("title", ""))
    if cls is None:
        return
    if cls.__doc__ and "description" not in definition:
        definition["description"] = inspect.cleandoc(cls.__doc__)
    for field, text in attribute_docstrings(cls).items():
        definition["properties"][field]["description"] = text


def attribute_docstrings(cls: type) -> dict[str, str]:
    """A dataclass's fields' docstrings: the string right below each field, as Sphinx reads them."""
    import ast
    import inspect
    import textwrap

    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body  # type: ignore[attr-defined]
    found = {}
    for field, below in itertools.pairwise(body):
        if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name) and isinstance(below, ast.Expr)
                and isinstance(below.value, ast.Constant) and isinstance(below.value.value, str)):  # fmt: skip
            found[field.target.id] = inspect.cleandoc(below.value.value)
    return found


def schema_text(name: str) -> str:
    return json.dumps(schema_of(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every document's schema into ``folder`` as ``<name>.schema.json``."""
    from .output import atomic_output

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DOCUMENTS:
        with atomic_output(folder / f"{name}.schema.json") as temporary:
            temporary.write_text(schema_text(name), encoding="utf-8")
        written.append(folder / f"{name}.schema.json")
    return written


if __name__ == "__main__":  # python -m etda_xl.contract schemas
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)
