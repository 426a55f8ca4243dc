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


def test_readme_has_the_two_fresh_machine_commands():
    assert 'python -m pip install -e ".[test]" && python -m pytest' in README
    assert re.search(r"python -m pip install \. && etda-xl ", README)


def test_ci_lints_and_type_checks_then_runs_the_readme_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.split("#")[0].strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    readme_command = 'python -m pip install -e ".[test]" && python -m pytest'
    assert steps[-1] == readme_command.replace("install -e", "install -q -e")  # quiet install, same command
    assert steps.index("ruff check .") < steps.index("mypy") < len(steps) - 1
    assert readme_command in README
