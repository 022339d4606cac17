"""Output formats of `doclint check`: concise, GitHub workflow commands, JUnit XML and SARIF 2.1.0."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from doclint.cli import app
from doclint.engine.ruleset import load_rules
from doclint.model import FileResult, Finding, Location
from doclint.report.github import render_github
from doclint.report.junit import render_junit

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

MARKET_DRAFT = (
    "某县农贸市场管理办法\n"
    "\n"
    "第一条 为了规范农贸市场秩序，制定本办法。\n"
    "第二条 违反本办法规定的，由县市场监督管理局处二百元罚款。\n"
)
CLEAN_DRAFT = "第一条 违反本办法规定的，依照《中华人民共和国治安管理处罚法》第三十条的规定处罚。\n"


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "market.txt").write_text(MARKET_DRAFT, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN_DRAFT, encoding="utf-8")
    return tmp_path


def run_check(*args: str) -> tuple[int, str]:
    # Only PEN001, so that rules added later cannot change the expected lines.
    result = CliRunner().invoke(app, ["check", "--select", "PEN001", *args])
    return result.exit_code, result.stdout


def sarif_validator() -> Draft202012Validator:
    # No check_schema(): the upstream file has a misplaced `anyOf` in `region` (see tests/data/README.md).
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def finding_with(message: str, excerpt: str = "罚款") -> Finding:
    return Finding(
        rule="PEN001", name="penalty.fine-without-basis", category="penalty", severity="error",
        message=message, start=10, end=10 + len(excerpt), excerpt=excerpt,
        location=Location(line=3, column=5, paragraph=2, article="第二条"), fingerprint="abc",
    )


# --- concise ---------------------------------------------------------------------------------------------

def test_concise_prints_one_line_per_finding_and_nothing_for_a_clean_draft(drafts: Path) -> None:
    code, out = run_check("--format", "concise", "market.txt", "clean.txt")
    assert code == 1
    assert out.splitlines() == [
        "market.txt:4:23: PEN001 本句设定了罚款「处二百元罚款」，行政规范性文件不得设定行政处罚。"
    ]


def test_concise_reports_an_unreadable_file_as_e000_on_line_one(drafts: Path) -> None:
    code, out = run_check("--format", "concise", "clean.txt", "missing.txt")
    assert code == 2
    [line] = out.splitlines()
    assert line.startswith("missing.txt:1:1: E000 ")
    assert "无法读取" in line


# --- GitHub workflow commands ------------------------------------------------------------------------------

def test_github_annotation_points_at_the_fine(drafts: Path) -> None:
    code, out = run_check("--format", "github", "market.txt", "clean.txt")
    assert code == 1
    assert out.splitlines() == [
        "::error file=market.txt,line=4,col=23,endLine=4,endColumn=29,title=PEN001::"
        "本句设定了罚款「处二百元罚款」，行政规范性文件不得设定行政处罚。（第二条）"
    ]


def test_github_escapes_message_and_properties() -> None:
    result = FileResult(path="草案,第1版:修改稿.txt", findings=[finding_with("罚款超过 50%\r\n第二行")])
    [line] = render_github([result], load_rules()).splitlines()
    assert line.startswith("::error file=草案%2C第1版%3A修改稿.txt,line=3,col=5,")
    assert line.endswith("::罚款超过 50%25%0D%0A第二行（第二条）")


def test_github_uses_notice_for_info_and_reports_unreadable_files() -> None:
    info = finding_with("提示").model_copy(update={"severity": "info"})
    out = render_github([FileResult(path="a.txt", findings=[info]), FileResult(path="b.txt", error="坏文件")],
                        load_rules())
    assert out.splitlines()[0].startswith("::notice file=a.txt,")
    assert out.splitlines()[1] == "::error file=b.txt,title=E000::坏文件"


# --- JUnit XML ---------------------------------------------------------------------------------------------

def test_junit_has_a_suite_per_file_with_failures_passes_and_errors(drafts: Path) -> None:
    code, out = run_check("--format", "junit", "market.txt", "clean.txt", "missing.txt")
    assert code == 2
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    market, clean, missing = root.findall("testsuite")
    assert market.get("name") == "market.txt"
    [failure] = market.findall("testcase/failure")
    assert failure.get("type") == "PEN001"
    assert "处二百元罚款" in (failure.text or "")
    [passing] = clean.findall("testcase")
    assert list(passing) == []
    assert missing.find("testcase/error") is not None


def test_junit_stays_well_formed_with_control_characters_from_word() -> None:
    result = FileResult(path="a\x0b.docx", findings=[finding_with("换页\x0c之后", excerpt="罚\x0b款")])
    root = ET.fromstring(render_junit([result], load_rules()))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "换页\ufffd之后"


# --- SARIF 2.1.0 -------------------------------------------------------------------------------------------

def sarif_of(*args: str) -> tuple[int, dict[str, Any]]:
    code, out = run_check("--format", "sarif", *args)
    return code, json.loads(out)


def test_sarif_log_is_valid_against_the_official_schema(drafts: Path) -> None:
    code, log = sarif_of("market.txt", "clean.txt", "missing.txt")
    assert code == 2
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert errors == []


def test_schema_validator_rejects_a_broken_log(drafts: Path) -> None:
    """Guards the test above: a validator that accepts anything would prove nothing."""
    _, log = sarif_of("market.txt")
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator().iter_errors(log))) == 2


def test_sarif_result_locates_the_excerpt_in_the_extracted_text(drafts: Path) -> None:
    _, log = sarif_of("market.txt")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = run["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    source = CliRunner().invoke(app, ["extract", "market.txt"]).stdout
    excerpt = region["snippet"]["text"]
    assert excerpt == "处二百元罚款"
    assert source[region["charOffset"]:region["charOffset"] + region["charLength"]] == excerpt
    line = source.split("\n")[region["startLine"] - 1]
    assert region["endLine"] == region["startLine"]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == excerpt
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "market.txt"


def test_sarif_rules_carry_documentation_and_results_point_at_them(drafts: Path) -> None:
    _, log = sarif_of("market.txt")
    driver = log["runs"][0]["tool"]["driver"]
    [result] = log["runs"][0]["results"]
    rule = driver["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"] == "PEN001"
    assert rule["defaultConfiguration"]["level"] == result["level"] == "error"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert rule["help"]["markdown"].startswith("## PEN001")
    assert result["partialFingerprints"]["doclintFingerprint/v1"]


def test_sarif_reports_unreadable_files_as_execution_notifications(drafts: Path) -> None:
    _, failed = sarif_of("clean.txt", "missing.txt")
    [invocation] = failed["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"
    assert failed["runs"][0]["results"] == []

    code, clean = sarif_of("clean.txt")
    assert code == 0
    assert clean["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_uri_percent_encodes_chinese_file_names(drafts: Path) -> None:
    (drafts / "草案 一.txt").write_text(MARKET_DRAFT, encoding="utf-8")
    _, log = sarif_of("草案 一.txt")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E8%8D%89%E6%A1%88%20%E4%B8%80.txt"
