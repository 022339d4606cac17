"""Invalid rule packs fail loudly, naming the file and the rule, with exit code 3; rules compile once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint import lint_text
from doclint.cli import app
from doclint.engine import compiler
from doclint.engine.ruleset import compile_rules, load_rules
from doclint.errors import RuleError

GOOD = """
rules:
  - id: FEE901
    name: fee.office-rule
    category: fee
    severity: warning
    what: 本单位自定规则。
    why: 本单位自定规则。
    match: {terms: [管理费]}
    message: 出现「{match}」
    suggestion: 删除。
    examples:
      flag: [收取管理费。]
      pass: [免收费用。]
"""


def write_pack(tmp_path: Path, body: str) -> Path:
    directory = tmp_path / "office-rules"
    directory.mkdir()
    (directory / "office.yaml").write_text(body, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (("what: 本单位自定规则。", "what: 本单位自定规则。\n    colour: red"), "colour"),
        (("match: {terms: [管理费]}", "match: {regex: '管理费(('}"), "正则表达式无效"),
        (("    suggestion: 删除。\n", ""), "suggestion"),
        (("match: {terms: [管理费]}", "match: {terms: ['@no_such_list']}"), "no_such_list"),
    ],
    ids=["unknown-key", "bad-regex", "missing-field", "unknown-lexicon"],
)
def test_invalid_rules_name_the_file_and_rule(tmp_path: Path, mutation: tuple[str, str], expected: str) -> None:
    directory = write_pack(tmp_path, GOOD.replace(*mutation))
    with pytest.raises(RuleError) as error:
        compile_rules((str(directory),))
    message = str(error.value)
    assert "office.yaml" in message
    assert "FEE901" in message
    assert expected in message


def test_cli_exits_3_on_invalid_rules(tmp_path: Path, runner: CliRunner) -> None:
    directory = write_pack(tmp_path, GOOD.replace("severity: warning", "severity: fatal"))
    draft = tmp_path / "draft.txt"
    draft.write_text("收取管理费。", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--rules-dir", str(directory)])
    assert result.exit_code == 3
    assert "FEE901" in result.output


def test_office_rule_dir_is_loaded_beside_bundled_rules(tmp_path: Path, runner: CliRunner) -> None:
    directory = write_pack(tmp_path, GOOD)
    draft = tmp_path / "draft.txt"
    draft.write_text("青禾市某某通知\n一、入场商户按月收取管理费。", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--rules-dir", str(directory), "--format", "json"])
    assert '"FEE901"' in result.output
    tested = runner.invoke(app, ["rules", "test", "--rules-dir", str(directory), "--select", "FEE901"])
    assert tested.exit_code == 0, tested.output


def test_rules_are_compiled_once_per_process() -> None:
    load_rules()
    before = compiler.COMPILE_COUNT
    for index in range(20):
        lint_text(f"第{index}号通知\n一、违反规定的，处五百元罚款。")
    assert before == compiler.COMPILE_COUNT
    assert load_rules() is load_rules()
