"""Hostile-input cost (issue 17): peak memory and time of small crafted files, next to a baseline in the same run.

    python bench/memory.py            # all cases, about a minute
    python bench/memory.py --quick    # smaller inputs

Each crafted file goes through `doclint check` (whole pipeline) or `doclint extract` (the reader) in a fresh
process (peak RSS from the kernel, bench/proc.py); its baseline is the same command on a plain .txt holding the
same extracted text, so the ratio says what the format costs on top of the text itself. Targets: every case
well under 1 GB; the bombs refused near the cost of starting doclint; linear readers within a few times the
plain text.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from proc import REPO, Measured, run_measured

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFD_NS = "http://www.ofdspec.org/2016"


def docx(body: str, numbering: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        if numbering:
            archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


TINY_PARAGRAPH = "<w:p><w:r><w:t>字</w:t></w:r></w:p>"


def tiny_paragraphs(megabytes: float) -> bytes:
    return docx(TINY_PARAGRAPH * int(megabytes * 1024 * 1024 // len(TINY_PARAGRAPH.encode())))


def numbering_bomb(label_chars: int, paragraphs: int) -> bytes:
    numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{"条" * label_chars}"/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    numbered = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                '<w:r><w:t>摊点应当整洁。</w:t></w:r></w:p>')
    return docx(numbered * paragraphs, numbering)


def nested_tables(depth: int, rows: int) -> bytes:
    inner = ""
    for level in reversed(range(depth)):
        own = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>{level}-{row}</w:t></w:r></w:p></w:tc></w:tr>"
                      for row in range(rows))
        head = f"<w:tr><w:tc><w:p/>{inner}</w:tc></w:tr>" if inner else ""
        inner = f"<w:tbl>{head}{own}</w:tbl>"
    return docx(inner)


def cjk_newlines(newlines: int) -> bytes:
    return ("<html><body><p>中" + "\n" * newlines + "</p><p>第一条 文字。</p></body></html>").encode()


def shared_page_ofd(pages: int, lines: int) -> bytes:
    objects = "".join(
        f'<ofd:TextObject ID="{1000 + n}" Boundary="20 {20 + 5 * n} 170 5" Size="4">'
        f'<ofd:TextCode X="0" Y="4">第{n}条 摊点应当保持整洁。</ofd:TextCode></ofd:TextObject>' for n in range(lines))
    refs = "".join(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_0/Content.xml"/>' for n in range(pages))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody>'
                         '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:Pages>{refs}'
                         '</ofd:Pages></ofd:Document>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                         f'<ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content></ofd:Page>')
    return buffer.getvalue()


def cases(quick: bool) -> list[tuple[str, str, str, Callable[[], bytes]]]:
    """(title, file name, command, maker): `extract` measures the reader, `check` the whole pipeline."""
    scale = 5 if quick else 1
    return [
        ("50 MB of tiny paragraphs (.docx)", "tiny.docx", "check", lambda: tiny_paragraphs(50 / scale)),
        ("199,000 tiny paragraphs, under MAX_LINES", "under.docx", "check", lambda: docx(TINY_PARAGRAPH * (199_000 // scale))),
        ("numbering label 2M chars x 1,000 paragraphs", "label.docx", "check", lambda: numbering_bomb(2_000_000, 1000)),
        ("nested tables, 60 levels x 400 rows", "nested.docx", "extract", lambda: nested_tables(60, 400 // scale)),
        ("one CJK character then 80,000 newlines", "breaks.html", "extract", lambda: cjk_newlines(80_000)),
        ("2,000 OFD pages sharing one content part", "shared.ofd", "extract", lambda: shared_page_ofd(2000, 90 // scale)),
    ]


def run(command: str, path: Path) -> Measured:
    extra = ["--format", "concise"] if command == "check" else []
    return run_measured([sys.executable, "-m", "doclint", command, *extra, str(path)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="doclint-bench-memory-") as tmp:
        folder = Path(tmp)
        for title, name, command, make in cases(args.quick):
            crafted = folder / name
            crafted.write_bytes(make())
            measured = run(command, crafted)
            # Baseline: the same extracted text as a plain .txt, through the same command (or, when the file is
            # refused, a one-line draft: the cost of starting doclint at all).
            extracted = run("extract", crafted)
            text = extracted.stdout if extracted.returncode == 0 else "第一条 摊点应当保持整洁。\n".encode()
            baseline_path = folder / (name + ".txt")
            baseline_path.write_bytes(text)
            baseline = run(command, baseline_path)
            rows.append({
                "case": title, "command": command, "file_kb": round(crafted.stat().st_size / 1024, 1),
                "exit": measured.returncode, "text_mb": round(len(text) / 1e6, 1),
                "peak_rss_mb": round(measured.peak_rss_mb), "baseline_rss_mb": round(baseline.peak_rss_mb),
                "rss_ratio": round(measured.peak_rss_mb / baseline.peak_rss_mb, 2),
                "seconds": round(measured.seconds, 2), "baseline_seconds": round(baseline.seconds, 2),
                "time_ratio": round(measured.seconds / baseline.seconds, 2),
            })
    header = f"{'case':46} {'cmd':>7} {'file KB':>8} {'exit':>4} {'text MB':>7} {'RSS MB':>7} {'base':>5} {'×':>5} " \
             f"{'s':>6} {'base s':>6} {'×':>5}"
    print(header)
    for row in rows:
        print(f"{row['case']:46} {row['command']:>7} {row['file_kb']:>8} {row['exit']:>4} {row['text_mb']:>7} {row['peak_rss_mb']:>7} "
              f"{row['baseline_rss_mb']:>5} {row['rss_ratio']:>5} {row['seconds']:>6} {row['baseline_seconds']:>6} "
              f"{row['time_ratio']:>5}")
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "memory-latest.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
