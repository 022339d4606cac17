"""Structure of a draft: title, 文号, 章/条/款/项 or 一、（一）1.（1）, sentences and clauses."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from doclint import rx
from doclint.text.numerals import NUMERAL_CHARS, chinese_to_int, int_to_chinese

N = f"[{NUMERAL_CHARS}0-9]+"
CHAPTER_RE = rx.compile(rf"^[ \t]*第({N})章")
SECTION_RE = rx.compile(rf"^[ \t]*第({N})节")
ARTICLE_RE = rx.compile(rf"^[ \t]*第({N})条(?:之({N}))?(?=[ \t]|[^，。、；：\n]|$)")
ITEM_RE = rx.compile(rf"^[ \t]*（({N})）")
SUBITEM_RE = rx.compile(r"^[ \t]*([0-9]{1,3})[.、](?![0-9])")
LEVEL1_RE = rx.compile(r"^[ \t]*([零〇一二两三四五六七八九十百]+)[ \t]*、")
LEVEL4_RE = rx.compile(r"^[ \t]*（([0-9]{1,3})）")
# Sentences end at 。！？ and at ；, which in Chinese drafting separates self-contained provisions.
SENTENCE_END = rx.compile(r"[。！？；!?;]")
FULL_SENTENCE_END = rx.compile(r"[。！？!?]")
CLAUSE_END = rx.compile(r"[，：,:]")
DOC_NUMBER_RE = rx.compile(
    r"[\u4e00-\u9fff×Ｘ]{1,16}\s*[〔\[（【(［﹝]\s*(?:19|20)?\d{2}\s*[〕\]）】)］﹞]\s*第?\s*[0-9]+\s*号"
)
DOC_KINDS = ("通知", "办法", "规定", "意见", "决定", "通告", "细则", "方案", "公告", "批复", "函", "报告",
             "总结", "条例", "规则", "令", "规划", "纲要", "措施", "标准", "制度", "要点", "说明", "政策",
             "守则", "章程", "公约", "指引", "清单", "目录", "决议", "命令", "议案", "纪要", "通报", "讲话", "解读")
# Compiled once: these run on every line of every draft, where re.search(pattern, …) looks its pattern up
# in the module cache each time (and an f-string pattern is rebuilt first).
CJK_RE = rx.compile(r"[\u4e00-\u9fff]")
FILE_HEADER_RE = rx.compile(r".{2,30}(文件|文件\s*\S{0,2})")
HEADER_FIELD_RE = rx.compile(r"^(签发人|密级|紧急程度|特急|加急|平急|急件|发布时间|来源|信息来源|索引号)")
# 附件 / 附件2： alone on a line heads an attachment; the attachment's title is on the next line.
ATTACHMENT_LABEL_RE = rx.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[：:]?")
# Lines a web page puts around a document it republishes: breadcrumbs, dates, font-size and print controls.
# A breadcrumb's last crumb is often the title itself, so such a line is never taken as the title.
WEB_NAVIGATION_RE = rx.compile(
    r"^[【\[]?\s*(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|现在位置|位置|首页)\s*[：:>＞»›]"
    r"|首页\s*[>＞»›/]|[>＞»›]\s*(?:正文|详情|政务公开|信息公开|政策文件|通知公告)\s*$"
    r"|^(?:发布时间|发布日期|发文日期|更新时间|时间|日期|浏览次数|浏览量|阅读次数|点击数|访问量|作者|编辑|责任编辑|来源)\s*[：:]"
    r"|字号\s*[：:]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中|打印\s*(?:本页|此页)?\s*[】\]]?\s*[【\[]?\s*关闭"
    r"|^(?:分享到|【?打印】?|【?关闭】?|【?收藏】?|返回顶部|扫一扫|网站地图|无障碍|繁体|简体|English)\s*"
    r"(?:[：:|｜]|$)"
)
TITLE_STOP_RE = rx.compile(r"[。；，,;！？]")
ORDER_NUMBER_RE = rx.compile(rf"令\s*[（(]?\s*(第\s*{N}\s*号)")
TRAILER_STOP_RE = rx.compile(r"[，。；：、！？]")
ARTICLE_SUFFIX_RE = rx.compile(rf"第{N}条(之{N})?")
ISSUER_SUFFIX = rx.compile(
    r"(人民政府|办公厅|办公室|委员会|政府|厅|局|委|部|署|院|会|中心|办|所|站|队|管委会|管理处|街道办事处|镇|乡)$"
)


# Slots and not frozen, here and for Unit/Hit (engine.primitives): a frozen dataclass sets each field through
# object.__setattr__, about three times the cost, and every document makes hundreds of these. Nothing mutates them.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Article:
    """A 条 (or, in plain 公文, a top-level 一、 section) with its 款 and 项 spans."""

    label: str
    start: int
    end: int
    number: int | None = None
    # (start, end, 款 number); 项 as (start, end, 款 number, 项 label)
    paragraphs: list[tuple[int, int, int]] = field(default_factory=list)
    items: list[tuple[int, int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Heading:
    kind: str  # chapter | section | article | item | level1 … level4
    number: int | None
    label: str
    start: int
    end: int
    line: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    full_start: int  # the enclosing 。-sentence, which a citation earlier in it still governs
    full_end: int


@dataclass
class Structure:
    line_starts: list[int]
    nonempty_lines: list[int]  # indexes of non-empty lines (paragraphs)
    paragraphs: list[Span]
    sentences: list[Sentence]
    articles: list[Article]
    headings: list[Heading]
    has_articles: bool
    title: str | None
    title_span: Span | None
    doc_number: str | None
    text: str = field(default="", repr=False)  # the normalised text the spans index

    @cached_property
    def article_starts(self) -> list[int]:
        """Where each article starts, for bisecting an offset into its article (every finding asks)."""
        return [article.start for article in self.articles]

    @cached_property
    def clauses(self) -> list[Span]:
        """Sentences split at ，：. Few rules use clause scope, so they are cut on first use, not for every draft."""
        clauses: list[Span] = []
        for sentence in self.sentences:
            clauses.extend(split_units(self.text, sentence.start, sentence.end, CLAUSE_END))
        return clauses


def line_spans(text: str) -> list[Span]:
    return split_lines(text)[0]


def split_lines(text: str) -> tuple[list[Span], list[str]]:
    """Each line's span and its text (text[span.start:span.end]), from one split of the text."""
    spans = []
    contents = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        # A CRLF file keeps its \r in the source; it is not part of the line's content.
        if line.endswith("\r"):
            line = line[:-1]
        spans.append(Span(start, start + len(line)))
        contents.append(line)
        start = end + 1
    return spans, contents


def split_units(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[Span]:
    """Split text[start:end] after each boundary character, trimming surrounding white space."""
    out = []
    cursor = start
    cuts = [match.end() for match in boundary.finditer(text, start, end)]
    if cursor < end and (not cuts or cuts[-1] < end):
        cuts.append(end)
    for cut in cuts:
        # str.strip() removes exactly the characters str.isspace() accepts, in C rather than char by char.
        piece = text[cursor:cut]
        kept = piece.lstrip()
        if kept:
            lead = len(piece) - len(kept)
            out.append(Span(cursor + lead, cursor + lead + len(kept.rstrip())))
        cursor = cut
    return out


FULL_STOPS = frozenset("。！？!?")


def split_sentences(text: str, paragraphs: list[Span]) -> list[Sentence]:
    """The sentences of every paragraph in one pass, each with the 。-sentence that holds it.

    The same spans as split_units(text, paragraph…, SENTENCE_END) for each paragraph: a piece ends after any
    SENTENCE_END character (or at the paragraph's end) and is trimmed of white space. A full sentence ends at
    a piece whose last character is a full stop, or at the paragraph's end. Written out here rather than
    built on split_units: one call per draft instead of one per paragraph, no intermediate spans.
    """
    sentences: list[Sentence] = []
    boundaries = SENTENCE_END.finditer
    for paragraph in paragraphs:
        start, end = paragraph.start, paragraph.end
        group = len(sentences)  # where the current full sentence's pieces begin
        cursor = start
        cuts = [match.end() for match in boundaries(text, start, end)]
        if start < end and (not cuts or cuts[-1] < end):
            cuts.append(end)
        for cut in cuts:
            piece = text[cursor:cut]
            kept = piece.lstrip()
            if kept:
                piece_start = cut - len(kept)
                piece_end = piece_start + len(kept.rstrip())
                sentences.append(Sentence(piece_start, piece_end, piece_start, piece_end))
                if text[piece_end - 1] in FULL_STOPS:
                    # A piece is made with its own bounds as the full sentence's: only several need joining.
                    if len(sentences) - group > 1:
                        _close_full_sentence(sentences, group)
                    group = len(sentences)
            cursor = cut
        if len(sentences) - group > 1:
            _close_full_sentence(sentences, group)
    return sentences


def _close_full_sentence(sentences: list[Sentence], first: int) -> None:
    """Give the pieces sentences[first:] the bounds of the full sentence they make up."""
    full_start, full_end = sentences[first].start, sentences[-1].end
    for index in range(first, len(sentences)):
        sentence = sentences[index]
        sentence.full_start, sentence.full_end = full_start, full_end


def _is_header_line(line: str) -> bool:
    stripped = line.strip().lstrip("#").strip()
    if not stripped:
        return True
    if not CJK_RE.search(stripped):
        # Index numbers and registration codes (HPFG-2024-002), dates, URLs: no Chinese, no title.
        return True
    if DOC_NUMBER_RE.fullmatch(stripped.replace(" ", "")):
        return True
    if FILE_HEADER_RE.fullmatch(stripped) and len(stripped) <= 30 and "关于" not in stripped:
        return True
    if ATTACHMENT_LABEL_RE.fullmatch(stripped):
        return True
    return bool(HEADER_FIELD_RE.match(stripped)) or is_web_navigation(stripped)


def is_web_navigation(line: str) -> bool:
    """当前位置：首页 > 政务公开 > …, 发布时间：…, 字号 大 中 小, 打印 关闭: page furniture, not the document."""
    return bool(WEB_NAVIGATION_RE.search(line.strip()))


def find_title(norm: str, lines: list[Span]) -> tuple[str | None, Span | None]:
    candidates = [span for span in lines[:12] if norm[span.start:span.end].strip()]
    # Navigation lines do not count towards the twelve: a scraped page may carry several above the title.
    extra = sum(1 for span in candidates if is_web_navigation(norm[span.start:span.end]))
    for span in lines[12:40]:
        if extra <= 0:
            break
        if norm[span.start:span.end].strip():
            candidates.append(span)
            extra -= 1
    for index, span in enumerate(candidates):
        line = norm[span.start:span.end]
        if _is_header_line(line) or ARTICLE_RE.match(line) or CHAPTER_RE.match(line):
            continue
        stripped = line.strip().lstrip("#").strip()
        if len(stripped) > 80 or TITLE_STOP_RE.search(stripped):
            return None, None
        title_span = Span(span.start + line.index(stripped), span.start + line.index(stripped) + len(stripped))
        title = stripped
        # A title wrapped over two or three lines: the last line carries the document kind.
        if not title.endswith(DOC_KINDS):
            joined, last = title, None
            for following in candidates[index + 1:index + 3]:
                next_line = norm[following.start:following.end].strip()
                if (len(next_line) > 40 or ARTICLE_RE.match(next_line) or CHAPTER_RE.match(next_line)
                        or TITLE_STOP_RE.search(next_line) or _is_header_line(next_line)):
                    break
                joined += next_line
                if next_line.replace(" ", "").endswith(DOC_KINDS):
                    last = following
                    break
            if last is not None:
                title, title_span = joined, Span(title_span.start, last.end)
        return title, title_span
    return None, None


def find_doc_number(norm: str, lines: list[Span]) -> str | None:
    head = [norm[span.start:span.end] for span in lines[:15]]
    for line in head:
        match = DOC_NUMBER_RE.search(line) if "号" in line else None  # every 文号 ends in 号
        if match and len(line.strip()) <= 40:
            return match.group(0).strip()
    for line in head:
        match = ORDER_NUMBER_RE.search(line)
        if match:
            return match.group(1).replace(" ", "")
    return None


def _ordinal(value: str) -> int | None:
    return chinese_to_int(value)


# The heading patterns, in the order they are tried, by the first character (after spaces and tabs) a line
# must have for each to match: a line is tried only against the patterns that can match it (prose: none).
HEADING_ORDER: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("chapter", CHAPTER_RE, "第"), ("section", SECTION_RE, "第"), ("article", ARTICLE_RE, "第"),
    ("item", ITEM_RE, "（"), ("level1", LEVEL1_RE, "零〇一二两三四五六七八九十百"), ("level4", LEVEL4_RE, "（"),
    ("subitem", SUBITEM_RE, "0123456789"),
)
HEADING_PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple((kind, pattern) for kind, pattern, firsts in HEADING_ORDER if first in firsts)
    for first in "".join(firsts for _, _, firsts in HEADING_ORDER)
}


def parse_headings(line_texts: list[str], lines: list[Span]) -> list[Heading]:
    headings = []
    patterns = HEADING_PATTERNS
    for index, line in enumerate(line_texts):
        candidates = patterns.get(line.lstrip(" \t")[:1])
        if candidates is None:
            continue  # most lines are prose
        for kind, pattern in candidates:
            match = pattern.match(line)
            if match:
                number = _ordinal(match.group(1))
                label = match.group(0).strip()
                span = lines[index]
                headings.append(Heading(kind, number, label, span.start, span.end, index))
                break
    return headings


TRAILER_RE = rx.compile(r"^\s*(?:附件|附表|抄送|印发|（此件|\(此件)")


def _is_trailer_line(line: str) -> bool:
    """A short line with no sentence punctuation (an organ's name, a date) or an 附件/抄送 line."""
    stripped = line.strip()
    if TRAILER_RE.match(stripped):
        return True
    return len(stripped) <= 25 and not TRAILER_STOP_RE.search(stripped)


def build_articles(line_texts: list[str], lines: list[Span], headings: list[Heading],
                   has_articles: bool) -> list[Article]:
    """Articles with their 款 and 项, or, for plain 公文, top-level sections with nested numbering."""
    by_line = {heading.line: heading for heading in headings}
    articles: list[Article] = []
    current: Article | None = None
    para_number = 0
    item_label = ""
    levels: list[str] = ["", "", "", ""]
    for index, line in enumerate(line_texts):
        if not line or line.isspace():  # what strip() would leave empty, without making the copy
            continue
        span = lines[index]
        heading = by_line.get(index)
        kind = heading.kind if heading else None
        if has_articles:
            if kind in ("chapter", "section"):
                if current:
                    articles.append(current)
                current = None
                continue
            if kind == "article" and heading is not None:
                if current:
                    articles.append(current)
                number = heading.number
                label = f"第{int_to_chinese(number)}条" if number else heading.label
                suffix = ARTICLE_SUFFIX_RE.match(heading.label)
                if suffix and suffix.group(1):
                    label += suffix.group(1)
                current = Article(label, span.start, span.end, number)
                para_number = 1
                item_label = ""
                current.paragraphs.append((span.start, span.end, para_number))
                continue
            if current is None:
                continue
            if _is_trailer_line(line):
                # The signature block, date or 附件 list after the last article belongs to no article.
                articles.append(current)
                current = None
                continue
            current.end = span.end
            if kind in ("item", "level4") and heading is not None:
                item_label = f"第（{int_to_chinese(heading.number)}）项" if heading.number else heading.label
                current.items.append((span.start, span.end, para_number, item_label))
            elif kind == "subitem" and item_label:
                current.items.append((span.start, span.end, para_number, item_label))
            else:
                para_number += 1
                item_label = ""
                current.paragraphs.append((span.start, span.end, para_number))
        else:
            level = {"level1": 0, "item": 1, "subitem": 2, "level4": 3}.get(kind or "")
            if level is not None and heading is not None:
                levels[level] = heading.label
                for deeper in range(level + 1, 4):
                    levels[deeper] = ""
                if level == 0:
                    if current:
                        articles.append(current)
                    current = Article(heading.label, span.start, span.end, heading.number)
                    continue
            if current is None:
                continue
            current.end = span.end
            if level is not None:
                label = "".join(levels)
                current.items.append((span.start, span.end, 0, label))
    if current:
        articles.append(current)
    return articles


def parse_structure(norm: str) -> Structure:
    lines, line_texts = split_lines(norm)
    line_starts = [span.start for span in lines]
    nonempty = [i for i, line in enumerate(line_texts) if line and not line.isspace()]
    paragraphs = [lines[i] for i in nonempty]
    headings = parse_headings(line_texts, lines)
    has_articles = sum(1 for h in headings if h.kind == "article") >= 2
    articles = build_articles(line_texts, lines, headings, has_articles)
    sentences = split_sentences(norm, paragraphs)
    title, title_span = find_title(norm, lines)
    return Structure(
        line_starts=line_starts,
        nonempty_lines=nonempty,
        paragraphs=paragraphs,
        sentences=sentences,
        articles=articles,
        headings=headings,
        has_articles=has_articles,
        title=title,
        title_span=title_span,
        doc_number=find_doc_number(norm, lines),
        text=norm,
    )


def article_label_at(structure: Structure, offset: int) -> str | None:
    """第十二条第二款第（三）项 for articles; the nested 公文 numbering (三、（二）1.) otherwise."""
    index = bisect.bisect_right(structure.article_starts, offset) - 1
    if index < 0:
        return None
    article = structure.articles[index]
    if offset > article.end:
        return None
    if not structure.has_articles:
        label = article.label
        for start, end, _, item_label in article.items:
            if start <= offset <= end:
                return item_label if item_label.startswith(article.label) else article.label + item_label
        return label
    label = article.label
    paragraph_number = 1
    for start, end, number in article.paragraphs:
        if start <= offset:
            paragraph_number = number
        if start <= offset <= end:
            break
    item = ""
    for start, end, number, item_label in article.items:
        if start <= offset <= end:
            paragraph_number = number
            item = item_label
            break
    if len(article.paragraphs) > 1:
        label += f"第{int_to_chinese(paragraph_number)}款"
    return label + item
