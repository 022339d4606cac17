"""Lays the memo out as a Word document: a block template (one styled paragraph per line) and a style sheet.

Why this split: the Jinja2 block template says *what* goes in which kind of paragraph, the YAML style sheet (or an
office's reference .docx, whose named styles win) says *how* each kind looks, and this module only maps one onto
the other with python-docx. An office restyles the memo in Word or YAML, never in Python.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import docx
import yaml
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from doclint.display import xml_safe
from doclint.memo.content import Memo
from doclint.memo.render import MemoError, render_template

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BLOCK_LINE = re.compile(r"^\[([A-Za-z0-9_-]+)\][ \t]?(.*)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
              "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


class PageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 37
    bottom_mm: float = 35
    left_mm: float = 28
    right_mm: float = 26
    header_mm: float = 15
    footer_mm: float = 28


class PageNumberSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = "— {PAGE} —"
    east_asia: str = "宋体"
    ascii: str = "宋体"
    size_pt: float = 14
    align: Literal["left", "center", "right"] = "center"


class StyleSpec(BaseModel):
    """One kind of paragraph: its Word style name, fonts, size and paragraph format."""

    model_config = ConfigDict(extra="forbid")

    name: str
    east_asia: str = "仿宋_GB2312"
    ascii: str = "Times New Roman"
    size_pt: float = 16
    bold: bool = False
    line_pt: float | None = None
    first_line_chars: float = 0
    right_chars: float = 0
    align: Literal["left", "center", "right", "justify"] = "justify"
    space_before_pt: float = 0
    space_after_pt: float = 0
    keep_with_next: bool = False


class FontSpec(BaseModel):
    """A font the memo names: what Word substitutes when it is missing (altName), and its generic family,
    which LibreOffice and others use to pick a serif or sans fallback."""

    model_config = ConfigDict(extra="forbid")

    alt: str | None = None
    family: Literal["roman", "swiss", "modern", "script", "decorative", "auto"] = "auto"


class StyleSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: PageSpec = Field(default_factory=PageSpec)
    page_number: PageNumberSpec = Field(default_factory=PageNumberSpec)
    language: str = "zh-CN"
    fonts: dict[str, FontSpec] = Field(default_factory=dict)
    styles: dict[str, StyleSpec]


@dataclass
class Paragraph:
    """One line of the block template: a style key and its text split into (text, bold) spans."""

    style: str
    spans: list[tuple[str, bool]] = field(default_factory=list)


def load_style_sheet() -> StyleSheet:
    raw = resources.files("doclint.memo").joinpath("templates").joinpath("memo.docx.styles.yaml").read_text(
        encoding="utf-8")
    try:
        return StyleSheet.model_validate(yaml.safe_load(raw))
    except (yaml.YAMLError, ValidationError) as exc:  # a packaging defect, but still a clear message
        raise MemoError(f"memo.docx.styles.yaml: 样式表无效（{exc}）") from None


def parse_blocks(text: str) -> list[Paragraph]:
    """`[style] text` per line; a line without a style marker is body text; blank lines are ignored."""
    paragraphs: list[Paragraph] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = BLOCK_LINE.match(line)
        style, content = (match.group(1), match.group(2)) if match else ("body", line.strip())
        spans: list[tuple[str, bool]] = []
        position = 0
        for bold in BOLD.finditer(content):
            if bold.start() > position:
                spans.append((content[position:bold.start()], False))
            spans.append((bold.group(1), True))
            position = bold.end()
        if position < len(content):
            spans.append((content[position:], False))
        paragraphs.append(Paragraph(style, spans))
    return paragraphs


def _set_fonts(rpr_parent: Any, east_asia: str, ascii_font: str) -> None:
    """w:rFonts with the CJK face in eastAsia and the Latin face in ascii/hAnsi, so digits stay Latin."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), ascii_font)
    fonts.set(qn("w:hAnsi"), ascii_font)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), ascii_font)
    fonts.set(qn("w:hint"), "eastAsia")


def _add_style(document: Any, spec: StyleSpec) -> Any:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    _set_fonts(style.element, spec.east_asia, spec.ascii)
    fmt = style.paragraph_format
    fmt.alignment = ALIGNMENTS[spec.align]
    if spec.line_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.line_pt)
    fmt.space_before = Pt(spec.space_before_pt)
    fmt.space_after = Pt(spec.space_after_pt)
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True
    if spec.first_line_chars:
        # firstLineChars is what Word honours (in 1/100 character); firstLine is the fallback for other readers.
        fmt.first_line_indent = Pt(spec.size_pt * spec.first_line_chars)
        style.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"),
                                                            str(round(spec.first_line_chars * 100)))
    if spec.right_chars:
        fmt.right_indent = Pt(spec.size_pt * spec.right_chars)
        style.element.get_or_add_pPr().get_or_add_ind().set(qn("w:rightChars"),
                                                            str(round(spec.right_chars * 100)))
    return style


def _set_defaults(document: Any, sheet: StyleSheet) -> None:
    """Document-wide run defaults: body fonts and the zh-CN language, which drives CJK line breaking."""
    body = sheet.styles.get("body")
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), sheet.language)
    rpr.append(lang)
    if body is not None:
        normal = document.styles["Normal"]
        normal.font.size = Pt(body.size_pt)
        _set_fonts(normal.element, body.east_asia, body.ascii)


def _page_setup(section: Any, page: PageSpec) -> None:
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(page.header_mm), Mm(page.footer_mm)


def _field_run(paragraph: Any, spec: PageNumberSpec, *, kind: str | None = None, text: str = "") -> None:
    run = paragraph.add_run()
    run.font.size = Pt(spec.size_pt)
    _set_fonts(run._r, spec.east_asia, spec.ascii)
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        run._r.append(instr)
    elif kind is not None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    else:
        run.text = text


def _page_number_footer(section: Any, spec: PageNumberSpec) -> None:
    """A centred 「— 1 —」 footer built around a PAGE field, so Word and LibreOffice number every page."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = ALIGNMENTS[spec.align]
    before, _, after = spec.text.partition("{PAGE}")
    if before:
        _field_run(paragraph, spec, text=before)
    _field_run(paragraph, spec, kind="begin")
    _field_run(paragraph, spec, kind="instr")
    _field_run(paragraph, spec, kind="separate")
    _field_run(paragraph, spec, text="1")
    _field_run(paragraph, spec, kind="end")
    if after:
        _field_run(paragraph, spec, text=after)


def _has_page_field(section: Any) -> bool:
    element = section.footer._element
    return any("PAGE" in (node.text or "") for node in element.iter(qn("w:instrText"))) or any(
        "PAGE" in (node.get(qn("w:instr")) or "") for node in element.iter(qn("w:fldSimple")))


def _open_base(reference: Path | None) -> Any:
    if reference is None:
        return docx.Document()
    try:
        return docx.Document(str(reference))
    except FileNotFoundError:
        raise MemoError(f"{reference}: 参考 Word 文档不存在") from None
    except Exception as exc:  # python-docx raises several unrelated types for a file that is not a .docx
        raise MemoError(f"{reference}: 不是有效的 Word 参考文档（{exc}）") from None


def build_document(paragraphs: list[Paragraph], sheet: StyleSheet, memo: Memo,
                   reference: Path | None = None) -> Any:
    """The python-docx Document for the memo; a reference .docx supplies styles, page setup and footer."""
    document = _open_base(reference)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    if reference is None:
        _page_setup(section, sheet.page)
        _set_defaults(document, sheet)
    if not _has_page_field(section):
        _page_number_footer(section, sheet.page_number)
    existing = {style.name for style in document.styles}
    styles: dict[str, Any] = {}
    for paragraph in paragraphs:
        key = paragraph.style
        if key not in styles:
            spec = sheet.styles.get(key)
            name = spec.name if spec is not None else key
            if name in existing:
                styles[key] = document.styles[name]
            elif spec is not None:
                styles[key] = _add_style(document, spec)
                existing.add(name)
            else:
                raise MemoError(f"Word 模板使用了未定义的段落样式「{key}」（样式表和参考文档中都没有）")
        out = document.add_paragraph(style=styles[key])
        for text, bold in paragraph.spans:
            run = out.add_run(xml_safe(text))
            if bold:
                run.bold = True
    signoff = {sheet.styles[key].name for key in SIGNOFF_KEYS if key in sheet.styles} | set(SIGNOFF_KEYS)
    _keep_signature_with_text(document, signoff)
    _set_core_properties(document, memo)
    return document


SIGNOFF_KEYS = ("signoff-first", "signoff")


def _keep_signature_with_text(document: Any, names: set[str]) -> None:
    """The sign-off block never stands alone on a page: its lines keep together and with the last text line.

    Direct formatting on just these paragraphs, so no other paragraph is held to the next (which leaves pages
    part empty); a reference .docx's styles cannot undo it.
    """
    paragraphs = list(document.paragraphs)
    first = next((index for index, p in enumerate(paragraphs) if p.style is not None and p.style.name in names),
                 None)
    if first is None:
        return
    if first > 0:
        paragraphs[first - 1].paragraph_format.keep_with_next = True
        paragraphs[first - 1].paragraph_format.keep_together = True
    for paragraph in paragraphs[first:-1]:
        paragraph.paragraph_format.keep_with_next = True
    for paragraph in paragraphs[first:]:
        paragraph.paragraph_format.keep_together = True


def _set_core_properties(document: Any, memo: Memo) -> None:
    """Fixed metadata (dates from the memo date), so the same input and date give the same document."""
    stamp = dt.datetime(memo.date.year, memo.date.month, memo.date.day, tzinfo=dt.UTC)
    props = document.core_properties
    props.title = xml_safe(memo.title)
    props.subject = xml_safe(memo.draft_title)
    props.author = "doclint"
    props.last_modified_by = "doclint"
    props.keywords = "合法性审核"
    props.comments = memo.generator
    props.category = ""
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _font_table_with_fallbacks(xml: bytes, fonts: dict[str, FontSpec]) -> bytes:
    """w:font entries for the memo's fonts: altName (Word's substitute), GB2312 charset and generic family."""
    root = etree.fromstring(xml)
    known = {node.get(f"{{{W_NS}}}name"): node for node in root.findall(f"{{{W_NS}}}font")}
    for name, spec in fonts.items():
        node = known.get(name)
        if node is None:
            node = etree.SubElement(root, f"{{{W_NS}}}font")
            node.set(f"{{{W_NS}}}name", name)
        for child in list(node):
            node.remove(child)
        # Schema order inside w:font: altName, panose1, charset, family, …
        values = [("altName", spec.alt), ("charset", "86"), ("family", spec.family)]  # 86: GB2312
        for tag, value in values:
            if value:
                child = etree.SubElement(node, f"{{{W_NS}}}{tag}")
                child.set(f"{{{W_NS}}}val", value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _normalised_package(data: bytes, memo: Memo, fonts: dict[str, FontSpec]) -> bytes:
    """Re-zip with fixed member timestamps and the font fallbacks, so the bytes depend only on the content."""
    stamp = (max(memo.date.year, 1980), memo.date.month, memo.date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/fontTable.xml" and fonts:
                content = _font_table_with_fallbacks(content, fonts)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def render_docx(memo: Memo, template: Path | None = None) -> bytes:
    """The memo as .docx bytes. `template` is an office's block template (.j2) or reference document (.docx)."""
    reference = template if template is not None and template.suffix.lower() == ".docx" else None
    block_template = None if reference is not None else template
    text = render_template(memo, block_template, "memo.docx.j2")
    sheet = load_style_sheet()
    document = build_document(parse_blocks(text), sheet, memo, reference)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalised_package(buffer.getvalue(), memo, sheet.fonts if reference is None else {})
