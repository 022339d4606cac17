"""The memo as printed: rendered to PDF by LibreOffice, every page read back (issue 18 point 7).

Checks what a legal office sees on paper: A4 pages numbered, no page left a third empty before the end, the
sign-off with text above it on the last page and the signature date filled, no tool name on any page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app

ROOT = Path(__file__).parent.parent
SAMPLE_PACKAGE = ROOT / "samples" / "package-bikes"
# A real filed document (a city's park regulation) from the shared corpus beside the clone.
REAL_DOCUMENT = ROOT.parent / "shared" / "corpus" / "dev" / "034.txt"

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                       reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed")


def memo_pdf(source: Path, tmp_path: Path) -> Path:
    memo = tmp_path / "memo.docx"
    result = CliRunner().invoke(app, ["review", str(source), "--memo", str(memo), "--memo-date", "2026-03-01"])
    assert result.exit_code in (0, 1), result.output
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(memo)], check=True, capture_output=True, timeout=240)
    return tmp_path / "memo.pdf"


def pages(pdf: Path) -> list[list[str]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, flags=re.MULTILINE)
    assert size is not None and round(float(size.group(1))) == 595 and round(float(size.group(2))) == 842  # A4
    result = []
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        result.append([line.strip() for line in text.splitlines() if line.strip()])
    return result


def check_pages(printed: list[list[str]]) -> None:
    # 22 body lines fit a GB/T 9704 page; a page before the last with fewer than 14 was left a third empty.
    for number, lines in enumerate(printed[:-1], start=1):
        assert len(lines) >= 14, f"page {number} is a third empty: {lines}"
        assert lines[-1].replace(" ", "") == f"—{number}—"
    last = printed[-1]
    squashed = [line.replace(" ", "") for line in last]
    signoff = next(i for i, line in enumerate(squashed) if line.startswith("审核机构"))
    assert signoff >= 2, f"the sign-off stands alone on the last page: {last}"
    assert "2026年3月1日" in squashed[signoff:]
    assert not any("doclint" in line for page in printed for line in page)


@needs_libreoffice
def test_sample_package_memo_prints_cleanly(tmp_path: Path) -> None:
    printed = pages(memo_pdf(SAMPLE_PACKAGE, tmp_path))
    # The shipped precedents (issue 18 point 10) add a page to the sample's three competition and penalty items.
    assert 3 <= len(printed) <= 14
    assert "合法性审核意见" in "".join(printed[0]).replace(" ", "")
    check_pages(printed)


@needs_libreoffice
@pytest.mark.skipif(not REAL_DOCUMENT.is_file(), reason="../shared/corpus is not beside the clone")
def test_real_document_memo_prints_cleanly(tmp_path: Path) -> None:
    printed = pages(memo_pdf(REAL_DOCUMENT, tmp_path))
    assert 2 <= len(printed) <= 20
    check_pages(printed)
