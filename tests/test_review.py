"""`doclint review`: a package's roles, facts and findings through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from doclint.cli import app

RUNNER = CliRunner()
SAMPLE = Path(__file__).parent.parent / "samples" / "package-bikes"

DRAFT = (
    "某某市餐厨垃圾管理办法（送审稿）\n"
    "第一条 为规范餐厨垃圾收运处置，制定本办法。\n"
    "第二条 从事餐厨垃圾收运的企业应当取得特许经营权。\n"
    "第三条 本办法自2026年5月1日起施行，有效期5年。\n"
)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def review_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = RUNNER.invoke(app, ["review", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_sample_package_shows_short_consultation_and_missing_deliberation() -> None:
    code, data = review_json(str(SAMPLE))
    assert code == 1
    roles = {Path(m["path"]).name: m["role"] for m in data["materials"]}
    assert roles == {"送审稿.txt": "draft", "起草说明.txt": "drafting_explanation", "附件2.txt": "fair_competition"}
    draft = data["draft"]
    procedure = draft["facts"]["procedure"]
    assert procedure["consultation_days"] == 15
    assert procedure["fair_competition_review"] is True
    assert procedure["collective_deliberation"] is False
    assert draft["facts"]["evidence"]["consultation_days"]["file"].endswith("起草说明.txt")
    rules = {f["rule"] for f in draft["findings"]}
    assert {"PRO002", "PRO007"} <= rules
    assert "PRO004" not in rules  # the package has its fair-competition review
    assert data["missing"] == ["deliberation"]


def test_text_output_lists_materials_and_facts() -> None:
    result = RUNNER.invoke(app, ["review", str(SAMPLE), "--fail-on", "never"])
    assert result.exit_code == 0
    assert "集体审议纪要" in result.stdout and "缺少，需补正" in result.stdout
    assert "公开征求意见：有（2025-09-01 至 2025-09-15，共15日" in result.stdout
    assert "PRO002" in result.stdout


def test_package_without_evidence_turns_silence_into_false(tmp_path: Path) -> None:
    folder = write(tmp_path / "pkg", {"送审稿.txt": DRAFT, "起草说明.txt": "关于《办法》的起草说明\n本办法规范餐厨垃圾收运。\n"})
    code, data = review_json(str(folder), "--fail-on", "never")
    assert code == 0
    procedure = data["draft"]["facts"]["procedure"]
    assert procedure["public_consultation"] is False
    assert procedure["fair_competition_review"] is False
    rules = {f["rule"] for f in data["draft"]["findings"]}
    assert {"PRO001", "PRO004", "PRO007"} <= rules
    assert "consultation" in data["missing"]


def test_several_files_form_one_package_and_roles_come_from_titles(tmp_path: Path) -> None:
    write(tmp_path, {
        "a.txt": DRAFT,
        "b.txt": "局务会议纪要\n2026年3月2日，局务会议审议通过《某某市餐厨垃圾管理办法（送审稿）》。\n",
    })
    code, data = review_json(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--fail-on", "never")
    assert code == 0
    roles = {Path(m["path"]).name: m["role"] for m in data["materials"]}
    assert roles == {"a.txt": "draft", "b.txt": "deliberation"}
    assert data["draft"]["facts"]["procedure"]["collective_deliberation"] is True


def test_sidecar_sets_roles_and_consultation_period(tmp_path: Path) -> None:
    folder = write(tmp_path / "pkg", {
        "1.txt": DRAFT,
        "2.txt": "审查结论：经审查，不含有排除、限制竞争的内容。\n",
        "doclint.yaml": "roles:\n  2.txt: fair_competition\nconsultation: {from: 2025-03-01, to: 2025-03-31}\n",
    })
    code, data = review_json(str(folder), "--fail-on", "never")
    assert code == 0
    procedure = data["draft"]["facts"]["procedure"]
    assert procedure["public_consultation"] is True
    assert procedure["consultation_days"] == 31
    assert procedure["fair_competition_review"] is True
    assert data["draft"]["facts"]["evidence"]["consultation_days"]["file"].endswith("doclint.yaml")


def test_invalid_sidecar_names_file_and_key(tmp_path: Path) -> None:
    folder = write(tmp_path / "pkg", {"1.txt": DRAFT, "doclint.yaml": "consultation: {from: 2025-03-01, untill: 2025-03-31}\n"})
    result = RUNNER.invoke(app, ["review", str(folder)])
    assert result.exit_code == 3
    assert "doclint.yaml" in result.stderr and "untill" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_role_and_profile_are_config_errors(tmp_path: Path) -> None:
    folder = write(tmp_path / "pkg", {"1.txt": DRAFT, "doclint.yaml": "roles:\n  1.txt: drafty\n"})
    result = RUNNER.invoke(app, ["review", str(folder)])
    assert result.exit_code == 3 and "drafty" in result.stderr
    result = RUNNER.invoke(app, ["review", str(SAMPLE), "--profile", "mars"])
    assert result.exit_code == 3 and "mars" in result.stderr


def test_empty_folder_and_package_without_draft_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert RUNNER.invoke(app, ["review", str(tmp_path / "empty")]).exit_code == 2
    folder = write(tmp_path / "pkg", {"说明.txt": "这是一份说明。\n"})
    result = RUNNER.invoke(app, ["review", str(folder)])
    assert result.exit_code == 2 and "草案" in result.stderr


def test_unreadable_material_is_reported_and_exit_2(tmp_path: Path) -> None:
    folder = write(tmp_path / "pkg", {"送审稿.txt": DRAFT})
    (folder / "风险评估报告.docx").write_bytes(b"not a zip")
    code, data = review_json(str(folder))
    assert code == 2
    broken = [m for m in data["materials"] if m["error"]]
    assert len(broken) == 1 and "风险评估报告.docx" in broken[0]["error"]
    assert data["draft"]["error"] is None


def test_a_single_notice_is_reviewed_as_the_draft(tmp_path: Path) -> None:
    notice = tmp_path / "通告.txt"
    notice.write_text(
        "青禾县人民政府关于城区禁止燃放烟花爆竹的通告\n为保障公共安全，现就有关事项通告如下：\n"
        "一、城区范围内全年禁止燃放烟花爆竹。\n二、本通告自2026年2月1日起施行。\n青禾县人民政府\n2026年1月5日\n",
        encoding="utf-8")
    code, data = review_json(str(notice))
    assert code in (0, 1)
    assert data["draft"]["path"] == str(notice)
    assert [m["role"] for m in data["materials"]] == ["draft"]
    rules = {f["rule"] for f in data["draft"]["findings"]}
    # Under review it is a draft, whatever date it carries: told its validity is missing as a draft.
    assert "PRO011" in rules and "PRO015" not in rules
