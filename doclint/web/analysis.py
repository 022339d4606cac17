"""One upload, analysed: review the package, then build what the page shows and the files it offers.

Runs inside a worker process (doclint.web.pool); everything it returns is plain JSON data, the files as base64,
so the server keeps nothing once the response is sent.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from doclint.config import Config
from doclint.document import Document
from doclint.engine.ruleset import RuleSet
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.errors import DoclintError
from doclint.memo.content import citations_for, is_document_level
from doclint.model import MATERIAL_ROLES, FileResult, Finding, ReviewResult
from doclint.report.ruledoc import SEVERITY_ZH

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEMO_KINDS = {"docx": DOCX_MIME, "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class Job:
    """What a worker needs: the saved files (safe names) and the names the user gave them."""

    paths: tuple[str, ...]
    display: tuple[str, ...]  # the client's file names, shown on the page and in the memo, never used as paths
    config: Config
    memo_date: dt.date | None = None
    # The private folder, when the package brought its own doclint.yaml: review then reads the folder, as
    # `doclint review DIR` does, so the sidecar is found and is not taken for a material.
    folder: str | None = None


def _shown(text: str, job: Job) -> str:
    """Messages name the file the user uploaded, not the private copy."""
    for path, name in zip(job.paths, job.display, strict=True):
        text = text.replace(path, name)
    return text


def _rename(review: ReviewResult, job: Job) -> None:
    names = dict(zip(job.paths, job.display, strict=True))
    for material in review.materials:
        material.error = _shown(material.error, job) if material.error else None
        material.path = names.get(material.path, PurePath(material.path).name)
    if review.draft is not None:
        review.draft.error = _shown(review.draft.error, job) if review.draft.error else None
        review.draft.path = names.get(review.draft.path, PurePath(review.draft.path).name)
    review.package = "上传的送审材料" if len(job.paths) > 1 else (job.display[0] if job.display else "")


def finding_view(index: int, finding: Finding, ruleset: RuleSet, explain: str | None = None) -> dict[str, Any]:
    compiled = ruleset.by_id.get(finding.rule)
    document_level = is_document_level(finding, ruleset) or finding.start == finding.end
    return {
        "id": index, "rule": finding.rule, "name": finding.name, "category": finding.category,
        "category_zh": CATEGORY_NAMES_ZH.get(finding.category, finding.category),
        "severity": finding.severity, "severity_zh": SEVERITY_ZH.get(finding.severity, finding.severity),
        "message": finding.message, "excerpt": finding.excerpt, "start": finding.start, "end": finding.end,
        # A finding about the whole package is anchored on the title, but is about no clause of it.
        "location": "全文" if document_level else finding.location.article or f"第{finding.location.paragraph}段",
        "line": finding.location.line,
        "basis": [c.model_dump() for c in citations_for(finding, ruleset)],
        "suggestion": finding.suggestion, "explain": None if document_level else explain,
        "what": compiled.rule.what if compiled else "",
        "document_level": document_level,
    }


def clause_readings(text: str, name: str, doc_type: str | None, ruleset: RuleSet) -> list[tuple[int, int, str]]:
    """The clause reading of every sentence of the draft (doclint explain), shown as 「判断过程」 on each card."""
    from doclint.document import Document
    from doclint.explain import sentence_readings
    from doclint.readers import SourceDocument

    doc = Document.from_source(SourceDocument(name=name, text=text, format="text"), doc_type)
    return sentence_readings(doc, ruleset)


def reading_at(readings: list[tuple[int, int, str]], offset: int) -> str | None:
    return next((line for start, end, line in readings if start <= offset < end), None)


def section_bounds(text: str) -> list[tuple[str | None, int, int]]:
    """The text cut into 条 (or 公文 headings 一、（一）), with the title, chapters and trailer as unlabelled parts."""
    articles = Document.from_text(text).structure.articles
    bounds: list[tuple[str | None, int, int]] = []
    position = 0
    for article in articles:
        if article.start < position or article.end <= article.start:
            continue  # a nested heading already inside the previous part
        if article.start > position:
            if bounds and not text[position:article.start].strip():
                label, start, _ = bounds[-1]  # the line break after a 条 stays with it
                bounds[-1] = (label, start, article.start)
            else:
                bounds.append((None, position, article.start))
        bounds.append((article.label, article.start, article.end))
        position = article.end
    if position < len(text) or not bounds:
        bounds.append((None, position, len(text)))
    return bounds


def pieces(text: str, start: int, end: int, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[start, end) as runs of text, each with the findings whose span covers it (for highlighting)."""
    spans = [f for f in findings if not f["document_level"] and f["start"] < end and f["end"] > start]
    cuts = sorted({start, end} | {f["start"] for f in spans if start < f["start"] < end}
                  | {f["end"] for f in spans if start < f["end"] < end})
    result = []
    for left, right in itertools.pairwise(cuts):
        ids = [f["id"] for f in spans if f["start"] < right and f["end"] > left]
        result.append({"text": text[left:right], "ids": ids})
    return result


def text_view(text: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sections = []
    bounds = section_bounds(text)
    for label, start, end in bounds:
        is_last = end == len(text)
        own = [f["id"] for f in findings if not f["document_level"]
               and (start <= f["start"] < end or (is_last and f["start"] == end))]
        sections.append({"label": label, "pieces": pieces(text, start, end, findings), "findings": own})
    return sections


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def downloads(review: ReviewResult, job: Job, ruleset: RuleSet, draft_bytes: bytes | None) -> list[dict[str, Any]]:
    """The annotated copy (for a .docx draft), made now, and the memo in .docx, .md and .html, made on request.

    The memo's content goes to the page; the page posts it back for the format the user picks (MemoJob). A
    Word memo takes seconds to lay out and most users want one format, so the upload's answer does not wait
    for three, and the server still keeps nothing between requests."""
    files: list[dict[str, Any]] = []
    draft = review.draft
    stem = PurePath(draft.path).stem if draft is not None else "草案"
    if draft is not None and draft_bytes is not None and review.draft_text is not None:
        from doclint.annotate import annotate_bytes

        try:
            annotated, count = annotate_bytes(draft_bytes, draft.path, draft, review.draft_text)
            files.append({"kind": "annotated", "name": f"{stem}-批注稿.docx", "mime": DOCX_MIME,
                          "label": f"批注稿（{count} 条批注）", "data": _b64(annotated)})
        except DoclintError as exc:
            files.append({"kind": "annotated", "error": _shown(str(exc), job)})
    for kind, mime in MEMO_KINDS.items():
        files.append({"kind": f"memo-{kind}", "name": f"{stem}-合法性审核意见书.{kind}", "mime": mime,
                      "label": f"审核意见书 .{kind}", "format": kind})
    return files


@dataclass(frozen=True)
class MemoJob:
    """Render a memo the page holds (built by `analyse`) as .docx, .md or .html."""

    memo: dict[str, Any]
    kind: str


def render_memo_job(job: MemoJob) -> bytes:
    from doclint.memo import Memo, render_memo

    if job.kind not in MEMO_KINDS:
        raise DoclintError(f"不支持的意见书格式：{job.kind}")
    return render_memo(Memo.model_validate(job.memo), job.kind)


def memo_content(review: ReviewResult, job: Job, ruleset: RuleSet) -> dict[str, Any] | None:
    from doclint.memo import build_memo

    try:
        return build_memo(review, ruleset, date=job.memo_date).model_dump(mode="json")
    except DoclintError:
        return None


def summary(result: FileResult) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity] += 1
    return counts


def analyse(job: Job, ruleset: RuleSet) -> dict[str, Any]:
    """The page's whole answer for one upload. A package that cannot be reviewed gives {"error": …}."""
    from doclint.review.package import review_package

    try:
        review = review_package([job.folder] if job.folder else list(job.paths), job.config, ruleset)
    except DoclintError as exc:
        return {"error": _shown(str(exc), job)}
    draft_path = review.draft.path if review.draft is not None else None
    _rename(review, job)
    materials = [{"name": m.path, "role": m.role, "role_zh": MATERIAL_ROLES.get(m.role, m.role), "title": m.title,
                  "error": m.error} for m in review.materials]
    answer: dict[str, Any] = {
        "package": review.package, "materials": materials,
        "missing": [MATERIAL_ROLES.get(role, role) for role in review.missing],
    }
    draft = review.draft
    if draft is None or draft.error or review.draft_text is None:
        answer["error"] = (draft.error if draft is not None and draft.error else "没有可审查的草案")
        return answer
    readings = clause_readings(review.draft_text, draft.path, draft.doc_type, ruleset)
    findings = [finding_view(i, f, ruleset, reading_at(readings, f.start)) for i, f in enumerate(draft.findings)]
    draft_bytes = None
    if draft_path is not None and Path(draft_path).suffix.lower() == ".docx":
        draft_bytes = Path(draft_path).read_bytes()
    answer.update({
        "draft": {"name": draft.path, "title": draft.facts.title, "doc_type": draft.doc_type,
                  "counts": summary(draft)},
        "findings": findings,
        "sections": text_view(review.draft_text, findings),
        "categories": sorted({(f["category"], f["category_zh"]) for f in findings}),
        "downloads": downloads(review, job, ruleset, draft_bytes),
        "memo": memo_content(review, job, ruleset),
    })
    return answer
