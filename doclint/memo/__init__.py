"""The legality review memo (合法性审核意见书): content from a ReviewResult, rendered to .md, .html or .docx."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from doclint.atomic import atomic_write_bytes
from doclint.engine.ruleset import RuleSet
from doclint.memo.content import Memo, build_memo
from doclint.memo.render import MemoError, render_html, render_markdown
from doclint.model import ReviewResult
from doclint.policy import DEFAULT_POLICY, Conclusion, ConclusionPolicy

__all__ = ["MEMO_FORMATS", "Conclusion", "ConclusionPolicy", "Memo", "MemoError", "build_memo", "render_memo",
           "write_memo"]

MEMO_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def memo_format(out_path: Path) -> str:
    kind = MEMO_FORMATS.get(out_path.suffix.lower())
    if kind is None:
        raise MemoError(f"{out_path}: 不支持的意见书格式「{out_path.suffix or '无扩展名'}」（支持 .docx、.md、.html）")
    return kind


def render_memo(memo: Memo, kind: str, template: Path | None = None) -> bytes:
    """The memo as the bytes of a .md, .html or .docx file."""
    if kind == "docx":
        from doclint.memo.docx_writer import render_docx

        return render_docx(memo, template)
    if template is not None and template.suffix.lower() == ".docx":
        raise MemoError(f"{template}: 参考 Word 文档只能用于 .docx 意见书；.{kind} 意见书请提供 Jinja2 文本模板")
    text = render_html(memo, template) if kind == "html" else render_markdown(memo, template)
    # Template blocks leave runs of blank lines; one blank line is all Markdown and HTML need.
    return re.sub(r"\n{3,}", "\n\n", text).encode("utf-8", "backslashreplace")


def _inputs_of(review: ReviewResult) -> list[Path]:
    paths = [Path(material.path) for material in review.materials]
    if review.draft is not None:
        paths.append(Path(review.draft.path))
    return paths


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def write_memo(review: ReviewResult, out_path: Path, *, template: Path | None, ruleset: RuleSet, force: bool,
               date: dt.date | None = None, policy: ConclusionPolicy | None = None) -> None:
    """Write the memo for a reviewed package to `out_path` (format by extension), atomically.

    Raises MemoError (exit code 2) for an unsupported format, a bad template, an existing output without
    `force`, or an output that would replace one of the package's own files (refused even with `force`).
    `date` defaults to today; pass it for a reproducible memo.
    """
    out_path = Path(out_path)
    kind = memo_format(out_path)
    for source in _inputs_of(review):
        if _same_file(out_path, source):
            raise MemoError(f"{out_path}: 是送审材料本身，不能用作意见书的输出文件")
    if out_path.exists() and not force:
        raise MemoError(f"{out_path}: 文件已存在；如需覆盖请加 --force")
    memo = build_memo(review, ruleset, date=date, policy=policy or DEFAULT_POLICY)
    data = render_memo(memo, kind, template)
    atomic_write_bytes(out_path, data, overwrite=force)
