"""Configuration files: discovery by walking up, validation (exit 3), precedence, per-file ignores, `doclint config`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from doclint.cli import app

DRAFT = "青禾市某某局关于加强管理的通告\n一、违反本通告的，由市城管局处五百元罚款。\n二、对拒不改正的，由供电企业停止供电。\n"


def rules_found(runner: CliRunner, *args: str) -> set[str]:
    result = runner.invoke(app, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return {f["rule"] for file in json.loads(result.stdout)["files"] for f in file["findings"]}


def make_tree(tmp_path: Path, config: str, name: str = "doclint.toml") -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    nested = tmp_path / "drafts" / "2026"
    nested.mkdir(parents=True)
    draft = nested / "notice.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    return draft


def test_doclint_toml_is_found_walking_up(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, 'select = ["COE"]\n')
    assert rules_found(runner, str(draft)) == {"COE004"}


def test_pyproject_tool_table_is_read(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, '[project]\nname = "x"\n[tool.doclint]\nignore = ["coercion"]\n', "pyproject.toml")
    found = rules_found(runner, str(draft))
    assert "PEN001" in found and "COE004" not in found


def test_command_line_wins_over_the_file(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, 'select = ["COE"]\n')
    assert rules_found(runner, str(draft), "--select", "PEN001") == {"PEN001"}


def test_severity_override_and_fail_on_from_config(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, 'select = ["PEN001"]\nfail-on = "never"\n[severity]\nPEN001 = "info"\n')
    result = runner.invoke(app, ["check", str(draft), "--format", "json"])
    assert result.exit_code == 0
    assert [f["severity"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["info"]


def test_per_file_ignores(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, '[per-file-ignores]\n"drafts/2026/*.txt" = ["COE004"]\n')
    found = rules_found(runner, str(draft))
    assert "COE004" not in found and "PEN001" in found


def test_extra_rule_dirs_are_relative_to_the_config_file(runner: CliRunner, tmp_path: Path) -> None:
    office = tmp_path / "office"
    office.mkdir()
    (office / "fees.yaml").write_text(
        """rules:
  - id: FEE901
    name: fee.office-management-fee
    category: fee
    severity: warning
    what: 本单位规则。
    why: 本单位规则。
    match: {terms: [停止供电]}
    message: 出现「{match}」
    suggestion: 删除。
    examples:
      flag: [停止供电。]
      pass: [恢复供电。]
""",
        encoding="utf-8",
    )
    draft = make_tree(tmp_path, 'rule-dirs = ["office"]\n')
    assert "FEE901" in rules_found(runner, str(draft))


def test_bad_key_or_value_exits_3_and_names_the_file(runner: CliRunner, tmp_path: Path) -> None:
    draft = make_tree(tmp_path, 'selekt = ["PEN"]\n')
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code == 3
    assert "doclint.toml" in result.output and "selekt" in result.output
    (tmp_path / "doclint.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    assert runner.invoke(app, ["check", str(draft)]).exit_code == 3
    (tmp_path / "doclint.toml").write_text("select = [\n", encoding="utf-8")
    broken = runner.invoke(app, ["check", str(draft)])
    assert broken.exit_code == 3 and "TOML" in broken.output


def test_config_command_shows_values_and_their_sources(runner: CliRunner, tmp_path: Path) -> None:
    make_tree(tmp_path, 'ignore = ["VAG"]\n[procedure]\nprofile = "zhejiang"\n')
    result = runner.invoke(app, ["config", str(tmp_path / "drafts"), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["config_file"].endswith("doclint.toml")
    assert payload["values"]["ignore"] == {"value": ["VAG"], "source": payload["config_file"]}
    assert payload["values"]["procedure"]["value"]["profile"] == "zhejiang"
    assert payload["values"]["select"]["source"] == "默认值"
    text = runner.invoke(app, ["config", str(tmp_path)])
    assert "doclint.toml" in text.stdout and "默认值" in text.stdout
