"""What one small file may cost (issue 17, points 3 and 4): memory bounded by the text limit, time linear.

No timing assertions: each input here took minutes or gigabytes before the fix, so a regression shows as a
suite that hangs or a MemoryError, and `check --timeout` turns a slow file into an error entry of its own.
Peak memory of the 50 MB case is measured in bench/memory.py.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.errors import ReadError
from doclint.readers import MAX_LINES, read_bytes
from doclint.readers import ofd as ofd_reader

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
sys.path.insert(0, str(FIXTURES))

from readers_makers import W_NS, make_docx, make_ofd, para  # noqa: E402

DRAFT = "清河县摊点管理办法\n第一条 为了规范摊点经营，制定本办法。\n第二条 违反本办法的，由县城管局处二百元罚款。\n"


def numbering_bomb(label_chars: int, paragraphs: int) -> bytes:
    """A small .docx whose one numbering label, `label_chars` long, is reused by every paragraph."""
    numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{"条" * label_chars}"/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    numbered = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                '<w:r><w:t>摊点应当保持整洁。</w:t></w:r></w:p>')
    return make_docx(numbered * paragraphs, {"word/numbering.xml": numbering})


def test_numbering_label_bomb_is_refused_within_a_small_memory_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "编号炸弹.docx"
    bomb.write_bytes(numbering_bomb(2_000_000, 1000))
    assert bomb.stat().st_size < 64 * 1024
    # Before the fix the label was copied into every paragraph first: 8 GB. Under a 1.5 GB address-space cap
    # that ends in MemoryError ("内存不足"); the limit must refuse it while extracting instead.
    script = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, resource.RLIM_INFINITY))
        from doclint.errors import ReadError
        from doclint.readers import read_path
        try:
            read_path({str(bomb)!r})
        except ReadError as exc:
            print(exc)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "提取出的文字过多" in done.stdout and "编号炸弹.docx" in done.stdout


def test_numbering_labels_within_the_limit_are_kept() -> None:
    source = read_bytes(numbering_bomb(40, 30), "编号.docx")
    lines = source.text.splitlines()
    assert len(lines) == 30 and all(line.startswith("条" * 40) for line in lines)


def test_text_limit_counts_generated_text_while_extracting() -> None:
    with pytest.raises(ReadError, match="提取出的文字过多"):
        read_bytes(numbering_bomb(1000, 200), "编号.docx", max_bytes=100_000)


def test_50_mb_of_tiny_paragraphs_is_refused_while_streaming(tmp_path: Path) -> None:
    # 150 KB on disk, 1.5 million paragraphs: refused at the paragraph limit, long before the end of the part.
    tiny = tmp_path / "细碎段落.docx"
    tiny.write_bytes(make_docx("<w:p><w:r><w:t>字</w:t></w:r></w:p>" * 1_500_000))
    assert tiny.stat().st_size < 400 * 1024
    result = CliRunner().invoke(app, ["check", "--format", "concise", str(tiny)])
    assert result.exit_code == 2 and f"{MAX_LINES:,}" in result.output and "细碎段落.docx" in result.output


def test_text_file_of_too_many_lines_is_refused() -> None:
    with pytest.raises(ReadError, match="行数"):
        read_bytes(("字\n" * (MAX_LINES + 1)).encode("utf-8"), "多行.txt")
    assert read_bytes(("字\n" * 1000).encode("utf-8"), "少行.txt").text.count("\n") == 1000


def test_one_cjk_character_then_many_newlines_in_html() -> None:
    page = ("<html><body><p>第一条" + "\n" * 400_000 + "</p><p>第二条 本办法自公布之日起施行。</p></body></html>")
    source = read_bytes(page.encode("utf-8"), "换行.html")
    assert source.text.splitlines() == ["第一条", "第二条 本办法自公布之日起施行。"]


def test_html_line_breaks_between_chinese_characters_still_join() -> None:
    page = "<html><body><p>违反本办法\n   规定的，处 罚款。a\nb</p></body></html>"
    assert read_bytes(page.encode("utf-8"), "折行.html").text == "违反本办法规定的，处 罚款。a b"


def nested_tables(depth: int, rows: int) -> str:
    """`depth` tables, each inside the first cell of the one above, each with `rows` rows of its own."""
    inner = ""
    for level in reversed(range(depth)):
        own = "".join(f"<w:tr><w:tc>{para(f'第{level}层第{row}行')}</w:tc></w:tr>" for row in range(rows))
        first = f"<w:tr><w:tc>{para(f'第{level}层表头')}{inner}</w:tc></w:tr>" if inner else ""
        inner = f"<w:tbl>{first}{own}</w:tbl>"
    return inner


def test_deeply_nested_tables_read_every_cell_once() -> None:
    depth, rows = 60, 400
    source = read_bytes(make_docx(nested_tables(depth, rows)), "嵌套表格.docx")
    lines = source.text.splitlines()
    assert len(lines) == depth * rows + depth - 1
    assert len(set(lines)) == len(lines)
    assert lines[0] == "第0层表头" and lines[1] == "第1层表头"


def shared_page_ofd(pages: int, lines: int) -> bytes:
    """An OFD whose `pages` pages all point at one content part of `lines` lines."""
    original = zipfile.ZipFile(io.BytesIO(make_ofd([[f"第{n}条 摊点应当保持整洁。" for n in range(lines)]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "Doc_0/Document.xml":
                one = b'<ofd:Page ID="100" BaseLoc="Pages/Page_0/Content.xml"/>'
                data = data.replace(one, b"".join(one.replace(b'"100"', f'"{100 + n}"'.encode())
                                                  for n in range(pages)))
            archive.writestr(info, data)
    return buffer.getvalue()


def test_ofd_pages_sharing_one_part_parse_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real_parse = ofd_reader.safe_parse

    def counting_parse(data: bytes, part: str, name: str) -> object:
        parsed.append(part)
        return real_parse(data, part, name)

    monkeypatch.setattr(ofd_reader, "safe_parse", counting_parse)
    source = read_bytes(shared_page_ofd(2000, 20), "共享页面.ofd")
    assert len(source.page_starts) == 2000
    assert parsed.count("Doc_0/Pages/Page_0/Content.xml") == 1


def test_ofd_inflated_bytes_are_counted_across_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    package = make_ofd([[f"第{n}条 摊点应当保持整洁。" for n in range(50)] for _ in range(8)])
    monkeypatch.setattr(ofd_reader, "MAX_TOTAL_UNCOMPRESSED", 20_000)
    with pytest.raises(ReadError, match="解压出的内容超过上限"):
        read_bytes(package, "多页.ofd")


def test_check_timeout_gives_the_slow_file_an_error_and_checks_the_rest(tmp_path: Path) -> None:
    slow = tmp_path / "长文.txt"
    slow.write_text("第一条 摊点经营者应当遵守本办法，不得占道经营。\n" * 40_000, encoding="utf-8")
    good = tmp_path / "草案.txt"
    good.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--timeout", "0.2", "--format", "json", str(slow), str(good)])
    assert result.exit_code == 2, result.output
    files = {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["files"]}
    assert "检查超过时限 0.2 秒" in files["长文.txt"]["error"] and "长文.txt" in files["长文.txt"]["error"]
    assert files["草案.txt"]["error"] is None and files["草案.txt"]["findings"]


def test_check_timeout_default_is_batch_s() -> None:
    from doclint.batch.command import DEFAULT_TIMEOUT_S
    from doclint.deadline import DEFAULT_TIMEOUT_S as CHECK_DEFAULT

    assert CHECK_DEFAULT == DEFAULT_TIMEOUT_S == 180.0
    help_text = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"}).output
    assert "--timeout" in help_text and "180" in help_text
