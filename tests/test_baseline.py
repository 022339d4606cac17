"""Baselines: recorded findings stay quiet after unrelated edits; new ones are still reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.baseline import BaselineError, filter_new, load_baseline, write_baseline
from doclint.cli import app
from doclint.lint import lint_text

FINE = "违反本办法规定的，由县市场监督管理局处二百元罚款。"
OTHER_FINE = "擅自占道经营的，由县城市管理局处五百元罚款。"


def draft(*articles: str) -> str:
    body = "".join(f"第{n}条 {text}\n" for n, text in zip("一二三四五六", articles, strict=False))
    return "某县农贸市场管理办法\n\n" + body


ORIGINAL = draft("为了规范农贸市场秩序，制定本办法。", FINE)


def check(*args: str) -> tuple[int, list[str]]:
    # Only penalty rules, so that rules added later cannot change what these tests expect.
    result = CliRunner().invoke(app, ["check", "--select", "PEN001", "--format", "concise", *args])
    return result.exit_code, result.stdout.splitlines()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(ORIGINAL, encoding="utf-8")
    return tmp_path


def test_write_baseline_records_findings_and_exits_zero(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--select", "PEN001", "--write-baseline", "baseline.json", "draft.txt"])
    assert result.exit_code == 0
    data = json.loads((workdir / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["tool"]["name"] == "doclint"
    [entry] = data["files"]["draft.txt"]
    assert entry["rule"] == "PEN001"
    assert entry["article"] == "第二条"
    assert entry["excerpt"] == "处二百元罚款"
    assert entry["fingerprint"]


def test_baseline_survives_a_paragraph_inserted_above_the_finding(workdir: Path) -> None:
    assert check("--write-baseline", "baseline.json", "draft.txt")[0] == 0
    edited = ORIGINAL.replace("制定本办法。\n", "制定本办法。\n本办法所称农贸市场，是指以零售农产品为主的集中交易场所。\n")
    (workdir / "draft.txt").write_text(edited, encoding="utf-8")
    code, lines = check("draft.txt")
    assert code == 1 and lines[0].startswith("draft.txt:5:")  # the finding moved down a line …
    assert check("--baseline", "baseline.json", "draft.txt") == (0, [])  # … and the baseline still absorbs it


def test_a_new_finding_is_still_reported_and_sets_the_exit_code(workdir: Path) -> None:
    assert check("--write-baseline", "baseline.json", "draft.txt")[0] == 0
    (workdir / "draft.txt").write_text(ORIGINAL + f"第三条 {OTHER_FINE}\n", encoding="utf-8")
    code, lines = check("--baseline", "baseline.json", "draft.txt")
    assert code == 1
    assert lines == ["draft.txt:5:20: PEN001 本句设定了罚款「处五百元罚款」，行政规范性文件不得设定行政处罚。"]


def test_counted_matching_one_recorded_fingerprint_absorbs_one_finding(tmp_path: Path) -> None:
    # The same sentence repeated within one paragraph (after its opening one) has one fingerprint.
    twice = draft("为了规范农贸市场秩序，制定本办法。", "本条适用于全县农贸市场。" + FINE * 2)
    thrice = draft("为了规范农贸市场秩序，制定本办法。", "本条适用于全县农贸市场。" + FINE * 3)
    path = str(tmp_path / "d.txt")
    recorded = lint_text(twice, path)
    assert len({f.fingerprint for f in recorded.findings if f.rule == "PEN001"}) == 1
    baseline_path = tmp_path / "baseline.json"
    write_baseline([recorded], baseline_path, overwrite=False)
    baseline = load_baseline(baseline_path)

    [kept] = filter_new([lint_text(thrice, path)], baseline)
    assert [f.rule for f in kept.findings if f.rule == "PEN001"] == ["PEN001"]
    [kept] = filter_new([lint_text(twice, path)], baseline)
    assert [f for f in kept.findings if f.rule == "PEN001"] == []


def test_baseline_paths_are_relative_to_its_folder(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "drafts").mkdir()
    (workdir / "draft.txt").rename(workdir / "drafts" / "draft.txt")
    (workdir / "ci").mkdir()
    assert check("--write-baseline", "ci/baseline.json", "drafts/draft.txt")[0] == 0
    data = json.loads((workdir / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert list(data["files"]) == ["../drafts/draft.txt"]
    monkeypatch.chdir(workdir / "drafts")  # the same file, named differently on the command line
    assert check("--baseline", "../ci/baseline.json", "draft.txt") == (0, [])


def test_baseline_is_sorted_and_stable(workdir: Path) -> None:
    (workdir / "b.txt").write_text(draft(OTHER_FINE, FINE), encoding="utf-8")
    check("--write-baseline", "one.json", "draft.txt", "b.txt")
    check("--write-baseline", "two.json", "b.txt", "draft.txt")
    first = (workdir / "one.json").read_bytes()
    assert first == (workdir / "two.json").read_bytes()
    data = json.loads(first)
    assert list(data["files"]) == ["b.txt", "draft.txt"]
    fingerprints = [e["fingerprint"] for e in data["files"]["b.txt"]]
    assert fingerprints == sorted(fingerprints)


def test_write_baseline_updates_an_existing_baseline(workdir: Path) -> None:
    check("--write-baseline", "baseline.json", "draft.txt")
    (workdir / "draft.txt").write_text(ORIGINAL + f"第三条 {OTHER_FINE}\n", encoding="utf-8")
    assert check("--write-baseline", "baseline.json", "draft.txt")[0] == 0
    assert len(json.loads((workdir / "baseline.json").read_text(encoding="utf-8"))["files"]["draft.txt"]) == 2


def test_write_baseline_refuses_to_overwrite_a_file_that_is_not_a_baseline(workdir: Path) -> None:
    (workdir / "other.txt").write_text(ORIGINAL, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--write-baseline", "other.txt", "draft.txt"])
    assert result.exit_code == 2
    assert "other.txt" in result.stderr and "拒绝覆盖" in result.stderr
    assert (workdir / "other.txt").read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{not json", "不是有效的 JSON"), ('{"version": 1}', "不是 doclint 基线文件"), ("[1, 2]", "不是 doclint 基线文件")],
)
def test_a_bad_baseline_is_a_clear_error_naming_the_file(workdir: Path, content: str, expected: str) -> None:
    (workdir / "broken.json").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--baseline", "broken.json", "draft.txt"])
    assert result.exit_code == 2
    assert "broken.json" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    with pytest.raises(BaselineError, match=r"broken\.json"):
        load_baseline(workdir / "broken.json")


def test_a_missing_baseline_is_a_clear_error(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--baseline", "nowhere.json", "draft.txt"])
    assert result.exit_code == 2
    assert "nowhere.json" in result.stderr and "不存在" in result.stderr


def test_write_baseline_names_unreadable_files_and_exits_2(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--write-baseline", "baseline.json", "draft.txt", "missing.txt"])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr and "未计入基线" in result.stderr
    assert "draft.txt" in json.loads((workdir / "baseline.json").read_text(encoding="utf-8"))["files"]
