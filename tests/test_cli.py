"""The `doclint check` / `extract` / `rules` commands: exit codes, output formats and the JSON v1 contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from doclint.cli import app

BAD = "青禾市某某局关于加强管理的通告\n一、违反本通告的，由市城管局处五百元罚款。\n"
WARNING_ONLY = "青禾市某某局关于加强管理的通告\n一、小区业主应当每月向社区报送垃圾分类台账。\n"
CLEAN = "青禾市某某局关于加强管理的通告\n一、市城管局应当加强巡查。\n"


def run_json(runner: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_exit_codes_follow_fail_on(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    bad, warn, clean = write_draft(BAD, "bad.txt"), write_draft(WARNING_ONLY, "warn.txt"), write_draft(CLEAN, "ok.txt")
    assert runner.invoke(app, ["check", str(bad)]).exit_code == 1
    assert runner.invoke(app, ["check", str(clean)]).exit_code == 0
    assert runner.invoke(app, ["check", str(warn)]).exit_code == 0
    assert runner.invoke(app, ["check", str(warn), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["check", str(bad), "--fail-on", "never"]).exit_code == 0


def test_unreadable_file_exits_2_and_others_are_still_checked(runner: CliRunner, write_draft, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = write_draft(BAD, "bad.txt")
    missing = tmp_path / "missing.txt"
    unsupported = write_draft("x", "image.png")
    result = runner.invoke(app, ["check", str(missing), str(unsupported), str(bad), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    assert "missing.txt" in errors["missing.txt"]
    assert "image.png" in errors["image.png"]
    assert errors["bad.txt"] is None
    assert report["summary"]["errors"] == 2
    assert any(f["findings"] for f in report["files"] if f["path"].endswith("bad.txt"))


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", "--format", "yaml", "x.txt"]).exit_code == 2


def test_json_follows_the_v1_contract(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    report = run_json(runner, str(write_draft(BAD)))
    assert report["version"] == 1
    assert set(report) == {"version", "tool", "files", "summary"}
    assert set(report["tool"]) == {"name", "version", "rules"}
    file = report["files"][0]
    assert set(file) == {"path", "error", "doc_type", "facts", "findings"}
    assert {"title", "issuer", "doc_number", "effective_date", "validity", "procedure"} <= set(file["facts"])
    finding = file["findings"][0]
    assert set(finding) == {"rule", "name", "category", "severity", "message", "start", "end", "excerpt",
                            "location", "basis", "suggestion", "fingerprint"}
    assert set(finding["location"]) == {"line", "column", "paragraph", "article"}
    assert report["summary"]["findings"]["error"] >= 1


def test_offsets_index_the_extracted_text(runner: CliRunner) -> None:
    samples = Path(__file__).resolve().parent.parent / "samples"
    for sample in ("street-vending-notice.txt", "farmers-market-draft.docx"):
        path = str(samples / sample)
        extracted = runner.invoke(app, ["extract", path]).stdout
        report = run_json(runner, path)
        findings = report["files"][0]["findings"]
        assert findings, sample
        for finding in findings:
            assert extracted[finding["start"]:finding["end"]] == finding["excerpt"]


def test_select_and_ignore_by_code_prefix_and_category(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    path = str(write_draft(BAD + "二、对拒不改正的，由供电企业停止供电。\n"))

    def rules_of(*options: str) -> set[str]:
        return {f["rule"] for f in run_json(runner, path, *options)["files"][0]["findings"]}

    everything = rules_of()
    assert {"PEN001", "COE004"} <= everything
    assert rules_of("--select", "PEN001") == {"PEN001"}
    assert rules_of("--select", "coercion") == {"COE004"}
    assert "PEN001" not in rules_of("--ignore", "PEN")
    assert rules_of("--select", "penalty.fine-without-basis") == {"PEN001"}


def test_doc_type_override(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    path = str(write_draft(BAD))
    report = run_json(runner, path, "--doc-type", "other")
    assert report["files"][0]["doc_type"] == "other"
    assert report["files"][0]["findings"] == []


def test_text_output_is_plain_when_piped(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["check", str(write_draft(BAD))])
    assert "\x1b[" not in result.stdout
    assert "PEN001" in result.stdout
    assert "第九条" in result.stdout or "第十六条" in result.stdout
    assert "共检查 1 个文件" in result.stdout


def test_standard_input(write_draft) -> None:  # type: ignore[no-untyped-def]
    process = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "-", "--format", "json"],
        input=BAD.encode("utf-8"), capture_output=True, check=False,
    )
    assert process.returncode == 1
    report = json.loads(process.stdout)
    assert report["files"][0]["path"] == "<stdin>"
    assert "PEN001" in {f["rule"] for f in report["files"][0]["findings"]}


def test_folders_are_searched_recursively(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "a" / "notes.png").write_bytes(b"\x89PNG")
    report = json.loads(runner.invoke(app, ["check", str(tmp_path), "--format", "json"]).stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["deep.txt"]


def test_gbk_text_is_decoded(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    path = write_draft(BAD, "gbk.txt", encoding="gbk")
    report = run_json(runner, str(path))
    fines = [f for f in report["files"][0]["findings"] if f["rule"] == "PEN001"]
    assert [f["excerpt"] for f in fines] == ["处五百元罚款"]


def test_rules_list_show_and_test(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0 and "PEN001" in listed.stdout
    shown = runner.invoke(app, ["rules", "show", "PEN001"])
    assert shown.exit_code == 0
    for heading in ("检查什么", "为什么", "依据", "会被标记的写法", "不会被标记的写法", "应当怎么写"):
        assert heading in shown.stdout
    assert runner.invoke(app, ["rules", "show", "XXX999"]).exit_code == 2
    tested = runner.invoke(app, ["rules", "test", "--select", "PEN"])
    assert tested.exit_code == 0
    assert "0 failed" in tested.stdout
