"""README and --help tell the same story, and every check code is documented."""

import re
from pathlib import Path

import pytest

from etda_xl.checks import REGISTRY
from etda_xl.cli import COMMANDS, build_parser

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_check_code_is_documented():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", README, re.MULTILINE))
    assert documented == set(REGISTRY)


def test_every_template_formats_in_both_languages():
    import string

    for check in REGISTRY.values():
        for template in check.templates.values():
            th_fields = {f for _, f, _, _ in string.Formatter().parse(template.th) if f}
            en_fields = {f for _, f, _, _ in string.Formatter().parse(template.en) if f}
            params = dict.fromkeys(th_fields | en_fields, "X")
            assert template.th.format(**params) != template.en.format(**params)
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in template.th), check.code  # Thai is Thai


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_readme_and_its_help_is_its_docstring(name, capsys):
    assert f"`etda-xl {name}" in README
    with pytest.raises(SystemExit):
        build_parser().parse_args([name, "--help"])
    help_text = capsys.readouterr().out
    func = COMMANDS[name][0]
    first_line = func.__doc__.strip().splitlines()[0]
    assert first_line in help_text


def _block_after(marker: str, language: str = "sh") -> str:
    """The first fenced code block (of ``language``) after the line that starts with ``marker``."""
    found = re.search(rf"^{re.escape(marker)}.*?^```{language}\n(.*?)^```", README, re.MULTILINE | re.DOTALL)
    assert found, marker
    return found[1].strip()


def test_readme_has_the_two_fresh_machine_commands_in_a_virtual_environment():
    """Both work with only python3 (externally managed, no python command): a venv in the command itself."""
    demo, tests = _block_after("Run the main job"), _block_after("Run the tests:")
    assert demo == "python3 -m venv .venv && .venv/bin/python -m pip install . && .venv/bin/etda-xl demo --out demo"
    assert tests == (
        'python3 -m venv .venv && .venv/bin/python -m pip install -e ".[test]" && .venv/bin/python -m pytest'
    )
    assert "python3-venv" in README and "externally-managed-environment" in README


def test_readme_gives_the_windows_powershell_equivalents():
    demo = _block_after("**Windows (PowerShell).**", "powershell").splitlines()
    tests = _block_after("and the tests:", "powershell").splitlines()
    assert demo == ["py -m venv .venv", r".venv\Scripts\python -m pip install .",
                    r".venv\Scripts\etda-xl demo --out demo"]  # fmt: skip
    assert tests == ["py -m venv .venv", r'.venv\Scripts\python -m pip install -e ".[test]"',
                     r".venv\Scripts\python -m pytest"]  # fmt: skip


def test_ci_lints_and_type_checks_from_the_same_environment_then_runs_the_readme_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.split("  #")[0].strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert steps[-1] == _block_after("Run the tests:")  # verbatim
    lint = [".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"]
    assert [steps.index(step) for step in lint] == sorted(steps.index(step) for step in lint)
    assert steps.index(".venv/bin/mypy") < len(steps) - 1
    assert steps[steps.index(".venv/bin/ruff check .") - 1].startswith("python3 -m venv .venv && ")


def test_the_python_example_in_readme_runs(tmp_path, monkeypatch, capsys):
    """README's "For programs" block, as written, on the sample saved as 2563-Q4.xlsx."""
    from etda_xl.sample import write_sample

    section = README[README.index("## For programs") :]
    start = section.index("```python\n") + len("```python\n")
    block = section[start : section.index("```", start)]
    write_sample(tmp_path / "2563-Q4.xlsx")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert "ROOT_CAUSE งบประมาณ F4 102.8978 102.8968 None" in [" ".join(line.split()[:6]) for line in printed]
    assert {p.name for p in tmp_path.iterdir()} >= {"report.xlsx", "report.pdf", "2564-Q1.xlsm", "figures.json"}
