"""An office's own rule pack: the README's example loads as shown, and a bad pack lists every problem at once."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from doclint.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

RULE = """\
  - id: {id}
    name: fee.{name}
    category: fee
    severity: {severity}
    match: {{regex: '{regex}'}}
    message: 本句规定了收费。
    what: 自行规定收费。
    why: 收费项目须有法律法规依据。
    suggestion: 删除收费规定。
    examples: {{flag: [向商户收取管理费。], pass: [向商户发放补贴。]}}
"""


def test_the_readme_rule_example_loads_and_passes_its_own_examples(tmp_path: Path, runner: CliRunner) -> None:
    section = README.split("\n## 规则", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None and block.group(1).startswith("rules:")
    (tmp_path / "fines.yaml").write_text(block.group(1), encoding="utf-8")
    rule_id = re.search(r"id: (\w+)", block.group(1))
    assert rule_id is not None
    result = runner.invoke(app, ["rules", "test", "--rules-dir", str(tmp_path), "--select", rule_id.group(1)])
    assert result.exit_code == 0, result.output
    assert "1 条规则" in result.output


def test_a_bad_pack_reports_every_problem_with_file_rule_and_field(tmp_path: Path, runner: CliRunner) -> None:
    pack = "rules:\n" + "".join([
        RULE.format(id="FEE9001", name="long-code", severity="error", regex="收取"),
        RULE.format(id="FEE902", name="bad-level", severity="fatal", regex="收取"),
        RULE.format(id="FEE903", name="bad-regex", severity="error", regex="(收取"),
        RULE.format(id="FEE904", name="typo", severity="error", regex="收取").replace("message:", "mesage:"),
    ])
    (tmp_path / "office.yaml").write_text(pack, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("向商户收取管理费。", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--rules-dir", str(tmp_path)])
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if "office.yaml" in line]
    expected = {"FEE9001": "字段 id", "FEE902": "字段 severity", "FEE903": "字段 match", "FEE904": "字段 mesage"}
    for rule, field in expected.items():
        assert any(f"规则 {rule}" in line and field in line for line in lines), (rule, result.output)
    assert "Input should" not in result.output and "String should" not in result.output


def test_a_pack_without_the_rules_key_says_how_it_should_start(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "office.yaml").write_text(RULE.format(id="FEE901", name="x", severity="error", regex="收"),
                                          encoding="utf-8")
    result = runner.invoke(app, ["rules", "list", "--rules-dir", str(tmp_path)])
    assert result.exit_code == 3
    assert "office.yaml" in result.output and "rules" in result.output


def test_every_problem_of_a_config_file_is_listed_in_chinese(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "doclint.toml").write_text(
        'selct = ["PEN"]\nfail-on = "sometimes"\nmax-bytes = 0\n[procedure]\nprofle = "national"\n',
        encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("向商户收取管理费。", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code == 3
    output = result.output
    assert "「selct」" in output and "是否想写「select」" in output
    assert "「fail-on」" in output and "error、warning、info、never" in output
    assert "「max-bytes」" in output and "procedure.profle" in output
    assert sum("doclint.toml" in line for line in output.splitlines()) >= 4
    assert "Input should" not in output
