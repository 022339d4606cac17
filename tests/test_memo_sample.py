"""The sample memo in samples/ is reproducible: same package and date give the same .md and the same .docx text.

Regenerate after a rule change with:  DOCLINT_REGEN_SAMPLES=1 pytest tests/test_memo_sample.py
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from doclint.engine.ruleset import load_rules
from doclint.lint import lint_text
from doclint.memo import write_memo
from doclint.model import MaterialFile, ReviewResult

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DAY = dt.date(2025, 6, 16)

# A draft of our own wording: a licence in disguise, a fine, a seizure, a deposit and a local-firm preference.
DRAFT = """某市商务局关于加强早餐经营网点管理的暂行办法

第一条 为方便市民生活，规范早餐经营网点管理，根据有关规定，结合本市实际，制定本办法。
第二条 本市行政区域内早餐经营网点的设置和管理，适用本办法。
第三条 市商务局负责早餐经营网点的统筹规划；市场监管、城市管理等部门按照各自职责做好相关工作。
第四条 经营者开办早餐网点，应当向市商务局申请备案，经审核同意后方可营业。
第五条 早餐网点经营者应当向市商务局缴纳五千元经营保证金。
第六条 早餐车采购优先选用本市企业生产的产品。
第七条 违反本办法第四条规定擅自营业的，由市商务局处一千元罚款，并扣押其经营车辆。
第八条 本办法自2025年7月1日起施行，有效期5年。
"""


def sample_review(folder: Path) -> ReviewResult:
    draft = folder / "早餐网点管理暂行办法（送审稿）.txt"
    result = lint_text(DRAFT, name=str(draft))
    return ReviewResult(
        package="早餐网点送审材料",
        materials=[
            MaterialFile(path=str(draft), role="draft"),
            MaterialFile(path=str(folder / "起草说明.docx"), role="drafting_explanation"),
            MaterialFile(path=str(folder / "征求意见情况.docx"), role="consultation"),
        ],
        missing=["fair_competition", "legality_pre_review", "deliberation"],
        draft=result,
        draft_text=DRAFT,
    )


def write_samples(folder: Path, review: ReviewResult) -> tuple[Path, Path]:
    ruleset = load_rules(())
    md, docx = folder / "memo-sample.md", folder / "memo-sample.docx"
    write_memo(review, md, template=None, ruleset=ruleset, force=True, date=DAY)
    write_memo(review, docx, template=None, ruleset=ruleset, force=True, date=DAY)
    return md, docx


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_sample_memo_is_reproducible(tmp_path: Path) -> None:
    review = sample_review(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_samples(tmp_path / "a", review)
    second = write_samples(tmp_path / "b", review)
    assert first[0].read_bytes() == second[0].read_bytes()
    assert document_xml(first[1]) == document_xml(second[1])
    assert "不合法（建议不予出台）" in first[0].read_text(encoding="utf-8")
    if os.environ.get("DOCLINT_REGEN_SAMPLES"):
        write_samples(SAMPLES, review)


def test_committed_sample_matches_the_current_rules(tmp_path: Path) -> None:
    committed = SAMPLES / "memo-sample.md"
    assert committed.exists(), "samples/memo-sample.md is missing"
    (tmp_path / "now").mkdir()
    md, docx = write_samples(tmp_path / "now", sample_review(tmp_path))
    fresh = md.read_text(encoding="utf-8")
    generator = fresh.rstrip().rsplit("\n", 1)[-1]
    if generator not in committed.read_text(encoding="utf-8"):
        pytest.skip("rules changed since the sample was generated; run DOCLINT_REGEN_SAMPLES=1 pytest " + __file__)
    assert committed.read_text(encoding="utf-8") == fresh
    assert document_xml(SAMPLES / "memo-sample.docx") == document_xml(docx)
