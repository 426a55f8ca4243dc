"""Every module imports first (an import cycle cannot hide behind an earlier import), and the report
package keeps off the command line's layers."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGES = ("etda_xl", "udfs")
#: What the report package must not import: the CLI's entry points and text renderer, and the sample.
REPORT_MUST_NOT_IMPORT = ("etda_xl.api", "etda_xl.sample", "etda_xl.findings_text")

#: In one interpreter, each module imported after purging the project's modules: each is imported first.
FIRST_IMPORTS = """
import importlib, json, sys, traceback
failures = {}
packages = json.loads(sys.argv[2])
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m.split(".")[0] in packages]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc(limit=-3)
print(json.dumps(failures))
"""


def module_names(package: str) -> list[str]:
    """The package's modules, from its files (nothing imported to list them)."""
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def first_import_failures(names: list[str], packages: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Module → traceback of each module that fails to import when it is the first of its packages."""
    arguments = [json.dumps(names), json.dumps(packages)]
    result = subprocess.run([sys.executable, "-c", FIRST_IMPORTS, *arguments], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_module_imports_first():
    names = [name for package in PACKAGES for name in module_names(package)]
    assert {"etda_xl", "etda_xl.template.sheets", "udfs.etda_udfs"} <= set(names)
    failures = first_import_failures(names)
    assert not failures, "\n".join(f"{name}:\n{trace}" for name, trace in failures.items())


def test_a_cycle_hidden_behind_an_earlier_import_is_found(tmp_path, monkeypatch):
    """The check above can fail: a imports b, b imports a; importing a first works, b first does not.
    Imported in one interpreter without the purge, b would pass (loaded, complete, by a)."""
    package = tmp_path / "cycle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import B\n\nA = 1\n")
    (package / "b.py").write_text("from . import a\n\nB = 2\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    failures = first_import_failures(["cycle.a", "cycle.b"], packages=("cycle",))
    assert list(failures) == ["cycle.b"]
    assert "cannot import name 'B' from partially initialized module 'cycle.b'" in failures["cycle.b"]


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(source: str, package: str) -> dict[str, int]:
    """Every module a file's source imports, at any depth (relative imports resolved in ``package``),
    with the line of its first import."""
    found: dict[str, int] = {}
    for node in sorted((n for n in ast.walk(ast.parse(source)) if hasattr(n, "lineno")), key=lambda n: n.lineno):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            submodules = [f"{module}.{alias.name}" for alias in node.names]  # `from package import module`
            modules = [module, *(name for name in submodules if _is_module(name))]
        else:
            continue
        for module in modules:
            found.setdefault(module, node.lineno)
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .. import api, model, MAX", {"etda_xl": 1, "etda_xl.api": 1, "etda_xl.model": 1}),
        ("import os\nfrom ..findings_text import render_text", {"os": 1, "etda_xl.findings_text": 2}),
        ("from .styles import Styles", {"etda_xl.report.styles": 1}),
        ("def f():\n    import etda_xl.sample", {"etda_xl.sample": 2}),
    ],
)
def test_imported_modules_resolves_relative_imports(source, expected):
    assert imported_modules(source, "etda_xl.report") == expected


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in REPORT_MUST_NOT_IMPORT)


def test_the_report_package_imports_neither_the_cli_layers_nor_the_sample():
    offending = []
    for path in sorted((ROOT / "etda_xl" / "report").glob("*.py")):
        imported = imported_modules(path.read_text(encoding="utf-8"), "etda_xl.report")
        offending += [f"etda_xl/report/{path.name}:{line} imports {m}" for m, line in imported.items() if _forbidden(m)]
    assert not offending, "\n".join(offending)


# --- layers: the skins call the front door, the writers only write, pydantic only where JSON is ------------

#: The skins (the command line, the UDF module, the buttons) reach a job only through ``etda_xl.api``.
SKINS = ("etda_xl/cli.py", "udfs/etda_udfs.py", "udfs/live.py", "udfs/buttons.py")
JOB_INTERNALS = ("etda_xl.checks", "etda_xl.workbook", "etda_xl.rollover", "etda_xl.report", "etda_xl.sample",
                 "etda_xl.export", "etda_xl.inputbook", "etda_xl.compute", "etda_xl.diagnosis",
                 "etda_xl.template", "etda_xl.doctor", "etda_xl.xlwings_conf")  # fmt: skip
#: The buttons write the results sheet the template laid out: its layout, not its writer.
TEMPLATE_LAYOUT = "etda_xl.template.sheets"
#: Writers render what they are given: no checks run, no other writer, no front door.
WRITERS = {"etda_xl/report": "etda_xl.report", "etda_xl/template": "etda_xl.template", "etda_xl/export.py": ""}
WRITERS_MUST_NOT_IMPORT = ("etda_xl.api", "etda_xl.checks", "etda_xl.report", "etda_xl.template", "etda_xl.export",
                           "etda_xl.cli", "udfs")  # fmt: skip


def _under(module: str, names: tuple[str, ...]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def _imports(path: Path) -> dict[str, int]:
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = ".".join(parts[:-1])
    return imported_modules(path.read_text(encoding="utf-8"), package or parts[0])


def _files(where: str) -> list[Path]:
    path = ROOT / where
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _internal(module: str, line: int, imports: dict[str, int]) -> bool:
    layout = module == TEMPLATE_LAYOUT or (module == "etda_xl.template" and imports.get(TEMPLATE_LAYOUT) == line)
    return _under(module, JOB_INTERNALS) and not layout


def test_the_skins_reach_every_job_through_the_front_door():
    offending = []
    for skin in SKINS:
        imports = _imports(ROOT / skin)
        offending += [f"{skin}:{line} imports {m}" for m, line in imports.items() if _internal(m, line, imports)]
    assert not offending, "\n".join(offending)
    assert _internal("etda_xl.template", 3, {"etda_xl.template": 3})  # `from etda_xl.template import build_template`


def test_no_writer_imports_a_check_another_writer_or_the_front_door():
    offending = []
    for where, own in WRITERS.items():
        for path in _files(where):
            for module, line in _imports(path).items():
                if _under(module, WRITERS_MUST_NOT_IMPORT) and not (own and _under(module, (own,))):
                    offending.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offending, "\n".join(offending)


def test_only_the_json_contract_imports_pydantic():
    importers = sorted(
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in _files(package)
        if any(_under(m, ("pydantic", "pydantic_core")) for m in _imports(path))
    )
    assert importers == ["etda_xl/contract.py"]


def test_the_package_is_the_front_door():
    import etda_xl
    from etda_xl import api

    assert all(getattr(etda_xl, name) is getattr(api, name) for name in etda_xl.JOBS)
    assert etda_xl.Finding.__module__ == "etda_xl.findings" and etda_xl.InputError.__module__ == "etda_xl.errors"
    public = {name for name, value in vars(api).items() if callable(value) and getattr(value, "__module__", "") ==
              "etda_xl.api" and not name.startswith("_") and not isinstance(value, type)}  # fmt: skip
    assert public <= set(etda_xl.JOBS) | {"with_previous_book", "pdf_not_written"}
