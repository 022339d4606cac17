"""HTML whose text sits in <pre> (LibreOffice's export of a plain-text draft) keeps its lines."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from doclint.lint import lint_bytes, lint_file
from doclint.readers import read_bytes

DRAFT = ["青禾市集贸市场管理办法", "第一条 为了规范集贸市场秩序，制定本办法。",
         "第二条 违反本办法规定的，由市场监管部门处五百元罚款。"]


def test_each_line_of_a_pre_block_is_a_line_of_the_text() -> None:
    page = ('<html><body><pre class="western"><font face="mono"><span lang="zh-CN">' + DRAFT[0] + "</span></font>\r\n\n"
            + "".join(f'<font face="mono"><span lang="zh-CN">{line}</span></font>\n' for line in DRAFT[1:])
            + "</pre></body></html>")
    source = read_bytes(page.encode("utf-8"), "办法.html")
    assert source.text.splitlines() == DRAFT
    fine = next(f for f in lint_bytes(page.encode("utf-8"), "办法.html").findings if f.rule == "PEN001")
    assert fine.location.line == 3
    assert fine.location.article == "第二条"


def test_outside_pre_source_line_breaks_still_join_chinese_text() -> None:
    page = "<html><body><p>第一条 为了规范\n集贸市场秩序，制定本办法。</p><pre>甲\n乙</pre></body></html>"
    assert read_bytes(page.encode("utf-8"), "a.html").text.splitlines() == ["第一条 为了规范集贸市场秩序，制定本办法。",
                                                                           "甲", "乙"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_a_libreoffice_html_export_is_read_line_by_line(tmp_path: Path) -> None:
    draft = tmp_path / "办法.txt"
    draft.write_text("\n".join(DRAFT) + "\n", encoding="utf-8")
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                           "--convert-to", "html", "--outdir", str(tmp_path / "out"), str(draft)],
                          capture_output=True, text=True, timeout=180)
    exported = tmp_path / "out" / "办法.html"
    assert exported.exists(), done.stderr
    assert "<pre" in exported.read_text(encoding="utf-8")
    result = lint_file(exported)
    fine = next(f for f in result.findings if f.rule == "PEN001")
    assert (fine.location.line, fine.location.article) == (3, "第二条")
