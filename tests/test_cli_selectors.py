"""A selector that names no rule stops the run (exit 3) instead of silently checking nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app

DRAFT = "青禾市集贸市场管理办法\n第一条 违反本办法规定的，由市场监管部门处五百元罚款。\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.mark.parametrize(("selector", "nearest"), [("COE01", "COE001"), ("pen", "PEN"), ("NOPE123", None)])
def test_an_unknown_select_on_the_command_line_is_exit_3_with_the_nearest_code(
        draft: Path, runner: CliRunner, selector: str, nearest: str | None) -> None:
    result = runner.invoke(app, ["check", str(draft), "--select", selector])
    assert result.exit_code == 3
    assert f"「{selector}」" in result.output
    if nearest:
        assert f"是否想写「{nearest}」" in result.output
    assert "发现 0 处问题" not in result.output


@pytest.mark.parametrize("category", ["处罚", "行政处罚", "penalty"])
def test_a_category_in_chinese_selects_like_its_english_name(draft: Path, runner: CliRunner, category: str) -> None:
    result = runner.invoke(app, ["check", str(draft), "--select", category, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    import json

    rules = {finding["rule"] for file in json.loads(result.stdout)["files"] for finding in file["findings"]}
    assert rules and all(rule.startswith("PEN") for rule in rules)


def test_every_unknown_value_of_a_config_file_is_named_with_its_key(draft: Path, runner: CliRunner) -> None:
    (draft.parent / "doclint.toml").write_text(
        'select = ["NOPE123"]\nignore = ["pen"]\nextend-select = ["VAG9"]\n'
        '[per-file-ignores]\n"*.txt" = ["FRM0X"]\n[severity]\nPEN0 = "info"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code == 3
    for key, value in (("select", "NOPE123"), ("ignore", "pen"), ("extend-select", "VAG9"),
                       ("per-file-ignores", "FRM0X"), ("severity", "PEN0")):
        assert f"doclint.toml: {key}" in result.output and f"「{value}」" in result.output, key


def test_a_known_selector_in_a_config_file_still_runs(draft: Path, runner: CliRunner) -> None:
    (draft.parent / "doclint.toml").write_text('select = ["处罚"]\n[severity]\n"处罚" = "info"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    findings = [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert findings and {f["severity"] for f in findings} == {"info"}


@pytest.mark.parametrize("command", ["review", "batch", "annotate"])
def test_other_commands_refuse_an_unknown_selector_before_working(
        draft: Path, runner: CliRunner, tmp_path: Path, command: str) -> None:
    args = {"review": ["review", str(draft), "--memo", str(tmp_path / "memo.md")],
            "batch": ["batch", str(draft), "--db", str(tmp_path / "b.sqlite")],
            "annotate": ["annotate", str(draft), "-o", str(tmp_path / "out.docx")]}[command]
    result = runner.invoke(app, [*args, "--select", "COE01"])
    assert result.exit_code == 3, result.output
    assert "「COE01」" in result.output
    assert not (tmp_path / "memo.md").exists() and not (tmp_path / "b.sqlite").exists()


def test_rules_show_is_case_insensitive_and_suggests_on_a_typo(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["rules", "show", "pen001"])
    assert shown.exit_code == 0 and "PEN001" in shown.output
    missing = runner.invoke(app, ["rules", "show", "coe01"])
    assert missing.exit_code == 2 and "COE001" in missing.output


def test_rules_test_refuses_an_unknown_selector(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "test", "--select", "COE01"])
    assert result.exit_code == 3 and "COE001" in result.output
