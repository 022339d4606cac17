"""The sample memo in samples/, written from the sample package, is reproducible: same package and date give
the same .md and the same .docx text.

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
from doclint.memo import write_memo
from doclint.model import ReviewResult

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DAY = dt.date(2025, 6, 16)

PACKAGE = SAMPLES / "package-bikes"


def sample_review(_folder: Path) -> ReviewResult:
    """The review of the sample package (samples/package-bikes), exactly as `doclint review` makes it."""
    from doclint.config import Config
    from doclint.review.package import review_package

    return review_package([str(PACKAGE)], Config(), load_rules(()))


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
    text = first[0].read_text(encoding="utf-8")
    assert "不合法（建议不予出台）" in text and "某某市互联网租赁自行车管理办法" in text
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
