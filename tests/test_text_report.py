"""The terminal report fits the terminal: excerpts sized to its width (CJK counts two), ^^^ under the span."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from doclint.cli import app
from doclint.lint import lint_text
from doclint.report.text import render_results

LONG = ("青禾市集贸市场管理办法\n第一条 为了加强本市集贸市场的管理，维护市场经营秩序，保障经营者和消费者的合法权益，促进市场繁荣发展，"
        "结合本市实际情况，制定本办法。违反本办法规定的，由市场监管部门处五百元以上二千元以下罚款，"
        "并在市级媒体和政府网站上予以公开曝光，情节严重的，取消其经营资格。\n")


def rendered(text: str, width: int) -> list[str]:
    result = lint_text(text, name="办法.txt")
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=True, emoji=False, color_system=None)
    render_results(console, [result], {"办法.txt": text})
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_each_excerpt_and_its_underline_fit_the_width_and_line_up(width: int) -> None:
    lines = rendered(LONG, width)
    pairs = [(lines[i], lines[i + 1]) for i in range(len(lines) - 1) if lines[i].startswith("      | ")]
    assert pairs, "\n".join(lines)
    findings = {f.excerpt for f in lint_text(LONG, name="办法.txt").findings}
    for excerpt, caret in pairs:
        assert cell_len(excerpt) < width and cell_len(caret) < width
        assert set(caret.strip()) == {"^"}
        # The characters above the carets, counted in cells, are the start of one finding's excerpt.
        first = len(caret) - len(caret.lstrip())
        cells = 0
        for index, char in enumerate(excerpt):
            if cells == first:
                marked = excerpt[index:]
                break
            cells += cell_len(char)
        else:
            raise AssertionError(f"underline starts past the excerpt: {excerpt!r}")
        assert any(marked.startswith(found[:4]) for found in findings), (excerpt, caret)


def test_a_short_line_is_shown_whole() -> None:
    text = "青禾市集贸市场管理办法\n第二条 违反本办法规定的，处五百元罚款。\n"
    excerpts = [line for line in rendered(text, 80) if line.startswith("      | ")]
    assert "      | 第二条 违反本办法规定的，处五百元罚款。" in excerpts


def test_the_header_names_the_document_type_in_chinese(tmp_path: Path, runner: CliRunner) -> None:
    draft = tmp_path / "办法.txt"
    draft.write_text(LONG, encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft)])
    assert "（文件类型：行政规范性文件）" in result.output
    assert "normative" not in result.output
