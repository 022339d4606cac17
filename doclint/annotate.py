"""`doclint annotate`: a copy of a .docx draft with one Word comment (批注) per finding, on exactly the matched text.

Offsets agree with `doclint extract` because the runs are found with the reader's own BodyWalker over the same
w:body; a run that a finding starts or ends inside is split in two, each half keeping the run's formatting.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.config import Config
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.errors import DoclintError
from doclint.model import FileResult, Finding
from doclint.readers import Comment, read_path
from doclint.readers.docx import BodyWalker, load_numbering, open_archive, w

if TYPE_CHECKING:
    from docx.text.run import Run

AUTHOR = "doclint"
INITIALS = "DL"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotateError(DoclintError):
    """The annotated copy could not be made; the message names the file."""

    exit_code = 2


@dataclass
class RunSpan:
    """A w:r element and the half-open span of extracted text it produced."""

    run: Any
    start: int
    end: int


def _child_length(child: Any) -> int:
    """How many characters of extracted text a run child yields, exactly as BodyWalker._run counts them."""
    tag = child.tag
    if tag == w("t"):
        return len(child.text or "")
    if tag in (w("tab"), w("ptab"), w("noBreakHyphen")):
        return 1
    if tag in (w("br"), w("cr")):
        return 0 if child.get(w("type")) in ("page", "column") else 1
    return 0


def split_run(run: Any, at: int) -> Any:
    """Split a w:r after `at` characters; the tail moves to a new w:r (same w:rPr) inserted after it."""
    tail = copy.deepcopy(run)
    for child in list(tail):
        if child.tag != w("rPr"):
            tail.remove(child)
    position = 0
    moving = False
    for child in list(run):
        if child.tag == w("rPr"):
            continue
        if moving:
            run.remove(child)
            tail.append(child)
            continue
        length = _child_length(child)
        if position + length <= at:
            position += length
            if position == at and length:
                moving = True
            continue
        # Only w:t is longer than one character, so only w:t is ever cut in the middle.
        keep = at - position
        text = child.text or ""
        child.text = text[:keep]
        child.set(XML_SPACE, "preserve")
        rest = copy.deepcopy(child)
        rest.text = text[keep:]
        tail.append(rest)
        moving = True
        position = at
    run.addnext(tail)
    return tail


def run_spans(body: Any, numbering: Any) -> tuple[str, list[RunSpan]]:
    """The extracted text of the body and, for every run that produced text, its span in that text."""
    spans: list[RunSpan] = []
    parts: list[str] = []
    offset = 0
    for index, block in enumerate(BodyWalker(numbering).blocks(body)):
        if index:
            parts.append("\n")
            offset += 1
        for piece in block.pieces:
            if piece.run is not None and piece.text:
                if spans and spans[-1].run is piece.run and spans[-1].end == offset:
                    spans[-1].end += len(piece.text)
                else:
                    spans.append(RunSpan(piece.run, offset, offset + len(piece.text)))
            parts.append(piece.text)
            offset += len(piece.text)
    return "".join(parts), spans


def split_at_boundaries(spans: list[RunSpan], boundaries: set[int]) -> list[RunSpan]:
    """Cut runs so that every boundary falls between two runs; the pieces keep their formatting."""
    result: list[RunSpan] = []
    for span in spans:
        cuts = sorted(b for b in boundaries if span.start < b < span.end)
        pieces: list[RunSpan] = []
        current = span
        # Cut from the left: the head keeps the original element, each tail becomes the next current.
        for cut in cuts:
            tail = split_run(current.run, cut - current.start)
            pieces.append(RunSpan(current.run, current.start, cut))
            current = RunSpan(tail, cut, current.end)
        pieces.append(current)
        result.extend(pieces)
    return result


def comment_text(finding: Finding) -> str:
    category = CATEGORY_NAMES_ZH.get(finding.category, finding.category)
    lines = [f"{finding.rule}（{category}，{SEVERITY_ZH.get(finding.severity, finding.severity)}）",
             f"问题：{finding.message}"]
    if finding.basis:
        lines.append(f"依据：{'；'.join(finding.basis)}")
    if finding.suggestion:
        lines.append(f"修改建议：{finding.suggestion}")
    return "\n".join(lines)


def runs_for(finding: Finding, spans: list[RunSpan]) -> list[RunSpan]:
    inside = [s for s in spans if s.start >= finding.start and s.end <= finding.end]
    if inside:
        return inside
    # The span lies in generated text (a numbering label) or is empty: anchor on the next real text.
    following = [s for s in spans if s.end > finding.start]
    return following[:1] or spans[-1:]


def _comment_key(text: str) -> str:
    # Word stores each line of a comment as a paragraph; the reader joins them back: compare without spacing.
    return "".join(text.split())


def already_commented(finding: Finding, existing: list[Comment]) -> bool:
    """Whether the draft already carries this finding's doclint comment on (part of) the same words."""
    key = _comment_key(comment_text(finding))
    return any(_comment_key(c.text) == key and c.start <= finding.end and c.end >= finding.start for c in existing)


def annotate_bytes(data: bytes, name: str, result: FileResult, expected_text: str,
                   existing: list[Comment] | None = None) -> tuple[bytes, int]:
    """The annotated .docx and the number of comments added; `expected_text` is what the findings' offsets
    refer to. A finding whose comment is among `existing` (the draft's own) gets no second one, so annotating
    an annotated copy changes nothing."""
    archive = open_archive(data, name)
    with archive:
        numbering = load_numbering(archive, name)
    try:
        import docx  # python-docx is only needed when a copy is written, not for every `doclint check`

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a package it cannot open
        raise AnnotateError(f"{name}: python-docx 无法打开该文档（{exc}）") from None
    body = document.element.body
    text, spans = run_spans(body, numbering)
    if text != expected_text:
        raise AnnotateError(f"{name}: 无法把问题位置对应到文档中的文字（提取结果不一致），未生成批注文件")
    findings = sorted((f for f in result.findings if not already_commented(f, existing or [])),
                      key=lambda f: (f.start, f.end, f.rule))
    boundaries = {f.start for f in findings} | {f.end for f in findings}
    spans = split_at_boundaries(spans, boundaries)
    count = 0
    for finding in findings:
        chosen = runs_for(finding, spans)
        if not chosen:
            continue
        runs = [_as_run(chosen[0].run, document), _as_run(chosen[-1].run, document)]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), count


def _as_run(element: Any, document: Any) -> Run:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    paragraph = element.getparent()
    while paragraph is not None and paragraph.tag != w("p"):
        paragraph = paragraph.getparent()
    return Run(element, Paragraph(paragraph, document))


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def annotate_file(path: Path, output: Path, config: Config, *, force: bool) -> tuple[FileResult, int]:
    """Lint a .docx and write the commented copy; the input is only ever read."""
    from doclint.atomic import atomic_write_bytes
    from doclint.lint import lint_source, ruleset_for

    if output.suffix.lower() != ".docx":
        raise AnnotateError(f"{output}: 输出文件应为 .docx")
    if same_file(path, output):
        raise AnnotateError(f"{output}: 与输入文件相同；批注稿必须另存为新文件")
    if output.exists() and not force:
        raise AnnotateError(f"{output}: 文件已存在；如需覆盖请加 --force")
    source = read_path(path, config.max_bytes)
    if source.format != "docx":
        raise AnnotateError(f"{path}: annotate 只能处理 Word .docx 文件")
    data = path.read_bytes()
    result = lint_source(source, config, ruleset_for(config))
    result.path = str(path)
    annotated, count = annotate_bytes(data, str(path), result, source.text, source.comments)
    atomic_write_bytes(output, annotated, overwrite=force)
    return result, count
