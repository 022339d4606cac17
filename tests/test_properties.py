"""Properties on arbitrary Unicode: normalisation keeps length, structure spans stay in bounds, findings quote
the source exactly, and every offset maps back to a line and column of the source."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from doclint.config import Config
from doclint.document import Document
from doclint.engine.ruleset import load_rules
from doclint.lint import lint_document
from doclint.readers import read_bytes
from doclint.text.normalise import normalise
from doclint.text.structure import parse_structure

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Draft vocabulary mixed into random text, so that rules, headings and sentence splits are really exercised.
DRAFT_PIECES = ["第一条", "第十二条", "第二章", "（一）", "一、", "1.", "。", "；", "，", "：", "\n", "\r\n", "\u3000",
                "处五百元以上二千元以下罚款", "应当", "不得", "依照《中华人民共和国行政处罚法》", "办理许可证",
                "收取费用", "經營者應當", "罰款", "１２３", "（", "）", "〔2024〕3号", "自2025年1月1日起施行"]

any_text = st.text(max_size=300)
drafty_text = st.lists(
    st.one_of(st.sampled_from(DRAFT_PIECES), st.text(max_size=8)), max_size=60
).map("".join)
texts = st.one_of(any_text, drafty_text)


@PROPERTY_SETTINGS
@given(texts)
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@PROPERTY_SETTINGS
@given(texts)
def test_normalise_keeps_line_breaks_in_place(text: str) -> None:
    norm = normalise(text)
    assert [i for i, ch in enumerate(text) if ch == "\n"] == [i for i, ch in enumerate(norm) if ch == "\n"]


def _within(start: int, end: int, length: int) -> bool:
    return 0 <= start <= end <= length


@PROPERTY_SETTINGS
@given(texts)
def test_structure_spans_stay_in_bounds(text: str) -> None:
    norm = normalise(text)
    structure = parse_structure(norm)
    length = len(norm)
    assert structure.line_starts and structure.line_starts[0] == 0
    assert all(_within(s, s, length) for s in structure.line_starts)
    for span in [*structure.paragraphs, *structure.clauses]:
        assert _within(span.start, span.end, length)
    for sentence in structure.sentences:
        assert _within(sentence.start, sentence.end, length)
        assert _within(sentence.full_start, sentence.full_end, length)
        assert sentence.full_start <= sentence.start and sentence.end <= sentence.full_end
    for article in structure.articles:
        assert _within(article.start, article.end, length)
        for para_start, para_end, _ in article.paragraphs:
            assert _within(para_start, para_end, length)
        for item_start, item_end, _, _ in article.items:
            assert _within(item_start, item_end, length)
    for heading in structure.headings:
        assert _within(heading.start, heading.end, length)
    if structure.title_span is not None:
        assert _within(structure.title_span.start, structure.title_span.end, length)


RULESET = load_rules(())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("清河县管理办法\n第一条 违反本办法的，由县市场监管局处五百元以上二千元以下罚款。\n")
@example("清河縣管理辦法\r\n第一條　違反本辦法的，由縣市場監管局處五百元以上二千元以下罰款。")
def test_findings_quote_the_source_and_locate_in_it(text: str) -> None:
    doc = Document.from_text(text)
    result = lint_document(doc, Config(), RULESET)
    for finding in result.findings:
        assert _within(finding.start, finding.end, len(text))
        assert text[finding.start:finding.end] == finding.excerpt
        location = doc.location(finding.start)
        lines = text.split("\n")
        assert 1 <= location.line <= len(lines)
        line_start = sum(len(line) + 1 for line in lines[: location.line - 1])
        assert line_start + location.column - 1 == finding.start


@PROPERTY_SETTINGS
@given(texts)
def test_every_offset_maps_back_to_its_line_and_column(text: str) -> None:
    doc = Document.from_text(text)
    lines = text.split("\n")
    for offset in range(0, len(text) + 1, max(1, len(text) // 25)):
        location = doc.location(offset)
        line_start = sum(len(line) + 1 for line in lines[: location.line - 1])
        assert line_start + location.column - 1 == offset
        assert location.page is None


@PROPERTY_SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_text_never_raise_anything_but_a_read_error(data: bytes) -> None:
    from doclint.errors import ReadError

    for name in ("x.txt", "x.docx", "x.html", "x.pdf", "x.ofd"):
        try:
            source = read_bytes(data, name)
        except ReadError as exc:
            assert name in str(exc)
        else:
            assert source.text.strip()
