"""`doclint explain`: why a sentence was, or was not, flagged."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from doclint.cli import app

runner = CliRunner()


def explain_json(args: list[str], stdin: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["explain", *args, "--format", "json"], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def trace(sentence: dict, rule: str) -> dict:  # type: ignore[type-arg]
    return next(t for t in sentence["traces"] if t["rule"] == rule)


def test_a_flagged_sentence_shows_its_reading_and_the_rule_that_fired() -> None:
    [sentence] = explain_json(["-"], "未接种疫苗的人员不得进入农贸市场。\n")
    assert sentence["reading"]["consequences"] == [{"类": "denial", "原文": "不得进入"}]
    assert {"类": "status", "原文": "未接种疫苗"} in sentence["reading"]["upon"]
    assert trace(sentence, "OBL009")["status"] == "fired"


def test_a_passing_sentence_names_the_unless_branch_that_stopped_the_rule() -> None:
    text = "未接种疫苗的人员依照《中华人民共和国传染病防治法》第四十二条的规定不得进入隔离区。\n"
    [sentence] = explain_json(["-"], text)
    stopped = trace(sentence, "OBL009")
    assert stopped["status"] == "unless"
    assert "article" in stopped["detail"]
    assert sentence["reading"]["basis"] == "article"


def test_a_line_of_a_file_is_explained_alone(tmp_path: Path) -> None:
    draft = tmp_path / "草案.txt"
    draft.write_text("某县关于规范集贸市场管理的通知\n一、县市场监管局负责集贸市场的监督管理。\n"
                     "二、集贸市场的电子秤统一由某衡器公司供应。\n", encoding="utf-8")
    [sentence] = explain_json([str(draft), "--line", "3"])
    assert sentence["line"] == 3
    assert trace(sentence, "COM005")["status"] == "fired"
    assert any(f["类"] == "designated" for f in sentence["reading"]["favours"])


def test_a_rule_whose_words_are_absent_is_listed_only_with_all() -> None:
    text = "县住建局负责本措施的组织实施。\n"
    [quiet] = explain_json(["-"], text)
    [everything] = explain_json(["-", "--all"], text)
    assert not any(t["rule"] == "COM014" for t in quiet["traces"])
    assert trace(everything, "COM014")["status"] == "gate"


def test_the_text_output_is_in_chinese() -> None:
    result = runner.invoke(app, ["explain", "-"], input="对拒不整改的商户予以曝光。\n")
    assert result.exit_code == 0
    assert "条款读法" in result.stdout
    assert "命中" in result.stdout and "PEN003" in result.stdout


def test_a_line_without_a_sentence_is_an_error(tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("第一行。\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(draft), "--line", "9"])
    assert result.exit_code == 2
