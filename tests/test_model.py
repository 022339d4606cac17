"""The output models: `assemble` builds the same instances as pydantic's model_construct."""

from __future__ import annotations

from doclint.lint import lint_text
from doclint.model import Finding, Location, assemble


def test_assemble_equals_model_construct() -> None:
    values = {"line": 3, "column": 7, "paragraph": 2, "article": "第三条第二款", "page": None}
    fast = assemble(Location, **values)
    library = Location.model_construct(**values)
    assert fast == library
    assert fast.model_fields_set == library.model_fields_set
    assert fast.model_dump(mode="json") == library.model_dump(mode="json")
    assert fast.model_dump_json(exclude_none=True) == library.model_dump_json(exclude_none=True)
    assert repr(fast) == repr(library)


def test_assemble_with_a_missing_field_takes_the_library_path() -> None:
    # Without every field the shortcut cannot know the defaults: model_construct fills them.
    fast = assemble(Location, line=1, column=1, paragraph=1)
    assert fast.article is None and fast.page is None
    assert fast.model_fields_set == {"line", "column", "paragraph"}


def test_findings_of_a_lint_validate_as_their_model() -> None:
    result = lint_text("第一条　申请人应当向街道办事处缴纳履约保证金五百元。\n第二条　本办法自2025年1月1日起施行。\n")
    assert result.findings
    for finding in result.findings:
        # What the shortcut built is exactly what validation would accept and give back.
        assert Finding.model_validate(finding.model_dump()) == finding
        assert finding.model_fields_set == set(Finding.model_fields)
