"""Suppressions need a reason; unused ones are reported; Word comments suppress the clause they anchor on."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from doclint import lint_file, lint_text

FINE = "违反本办法规定的，由市城管局处五百元罚款。"


def rules_of(text: str) -> list[str]:
    return [f.rule for f in lint_text("青禾市某某局关于加强管理的通告\n" + text).findings
            if f.category in ("penalty", "suppression", "coercion")]


def test_directive_with_reason_suppresses_the_next_line() -> None:
    text = f"<!-- doclint: ignore[PEN001] 理由：依据《青禾市市容条例》第二十条 -->\n{FINE}\n{FINE}\n"
    assert rules_of(text) == ["PEN001"]  # only the second, uncovered line


def test_category_and_prefix_selectors_work_in_directives() -> None:
    assert rules_of(f"<!-- doclint: ignore[penalty] 理由：上位法已规定 -->\n{FINE}\n") == []
    assert rules_of(f"<!-- doclint: ignore[PEN] 理由：上位法已规定 -->\n{FINE}\n") == []


def test_file_level_directive_covers_the_whole_document() -> None:
    text = f"<!-- doclint: ignore-file[PEN001] 理由：罚款均依据《青禾市市容条例》 -->\n{FINE}\n{FINE}\n"
    assert rules_of(text) == []


def test_directive_without_reason_is_itself_a_finding() -> None:
    assert rules_of(f"<!-- doclint: ignore[PEN001] -->\n{FINE}\n") == ["SUP001"]


def test_unused_directive_is_reported() -> None:
    assert rules_of("<!-- doclint: ignore[COE004] 理由：检修 -->\n" + FINE + "\n") == ["SUP002", "PEN001"]


def test_word_comment_suppresses_the_anchored_clause(tmp_path: Path) -> None:
    document = WordDocument()
    document.add_paragraph("青禾市某某局关于加强管理的通告")
    covered = document.add_paragraph().add_run(FINE)
    document.add_paragraph().add_run(FINE)
    document.add_comment(covered, text="doclint: ignore[PEN001] 理由：依据《青禾市市容条例》第二十条", author="法制科")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    findings = [f for f in lint_file(path).findings if f.category == "penalty"]
    assert len(findings) == 1
    assert findings[0].location.line == 3


def test_word_comment_without_reason_is_reported(tmp_path: Path) -> None:
    document = WordDocument()
    document.add_paragraph("青禾市某某局关于加强管理的通告")
    covered = document.add_paragraph().add_run(FINE)
    document.add_comment(covered, text="doclint: ignore[PEN001]", author="法制科")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    rules = [f.rule for f in lint_file(path).findings]
    assert "SUP001" in rules and "PEN001" not in rules


def test_a_word_comment_on_a_few_words_covers_its_whole_clause(tmp_path: Path) -> None:
    document = WordDocument()
    document.add_paragraph("青禾市某某局关于加强管理的通告")
    clause = document.add_paragraph()
    clause.add_run("违反本办法规定的，由市城管局处五百元罚款，")
    anchored = clause.add_run("并予以通报")  # the reviewer selected only these words, after the finding
    clause.add_run("。")
    document.add_paragraph().add_run(FINE)
    document.add_comment(anchored, text="doclint: ignore[PEN] 理由：依据《青禾市市容条例》第二十条", author="法制科")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    result = lint_file(path)
    lines = [f.location.line for f in result.findings if f.category == "penalty"]
    assert lines == [3]  # the commented clause is covered, the next one is not
    assert not [f for f in result.findings if f.rule == "SUP002"]


def test_every_stale_directive_of_a_file_is_reported() -> None:
    text = ("<!-- doclint: ignore[COE004] 理由：检修 -->\n一、市城管局应当加强巡查。\n"
            "<!-- doclint: ignore[LIC001] 理由：条例已设定 -->\n二、各单位做好值班。\n"
            "<!-- doclint: ignore[FEE] 理由：收费有依据 -->\n三、街道办应当做好宣传。\n")
    stale = [f for f in lint_text("青禾市某某局关于加强管理的通告\n" + text).findings if f.rule == "SUP002"]
    assert [f.location.line for f in stale] == [2, 4, 6]
    assert ["COE004" in stale[0].message, "LIC001" in stale[1].message, "FEE" in stale[2].message] == [True] * 3


def test_every_directive_without_a_reason_is_reported() -> None:
    text = f"<!-- doclint: ignore[PEN001] -->\n{FINE}\n<!-- doclint: ignore[PEN001] -->\n{FINE}\n"
    assert rules_of(text).count("SUP001") == 2
