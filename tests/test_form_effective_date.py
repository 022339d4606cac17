"""FRM008 (no 施行日期) speaks to drafts, at the place the clause belongs, and not to issued documents."""

from __future__ import annotations

from doclint.config import Config
from doclint.lint import lint_text

ONLY = Config.model_validate({"select": ["FRM008"]})
DRAFT = "青禾市公园管理办法\n第一条 为规范本市公园管理，制定本办法。\n第二条 本办法适用于本市城市公园。\n第三条 本办法由市园林局负责解释。\n"


def test_a_draft_without_a_commencement_clause_is_told_at_its_last_article() -> None:
    findings = lint_text(DRAFT, config=ONLY).findings
    assert [f.rule for f in findings] == ["FRM008"]
    assert findings[0].location.line == 4
    assert findings[0].excerpt == "第三条 本办法由市园林局负责解释。"


def test_an_issued_document_with_a_doc_number_is_not_told() -> None:
    issued = DRAFT.replace("青禾市公园管理办法\n", "青禾市公园管理办法\n青政规〔2024〕3号\n")
    assert lint_text(issued, config=ONLY).findings == []


def test_an_issued_document_with_a_publication_date_is_not_told() -> None:
    issued = DRAFT + "青禾市人民政府\n2024年3月8日\n"
    result = lint_text(issued, config=ONLY)
    assert result.facts is not None and result.facts.publication_date
    assert result.findings == []
