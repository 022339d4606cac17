"""Where a document itself forbids what its items name: the items of a list led in by 「不得有下列行为：」.

A rule that lists what it prohibits (招标人不得有下列行为：…（三）为招标人指定招标代理机构；) protects competition in
every item, though no item repeats the 不得. The reading treats such items as negated, as it treats a clause
with its own 不得.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from doclint import rx

if TYPE_CHECKING:
    from doclint.document import Document

# A lead-in that forbids, or lists what is to be cleared up or corrected, and announces a list.
# The negator governs the list itself: 「不得有下列行为：」「禁止以下做法：」「政策措施不得含有：」. A preamble that forbids
# something and then announces its provisions (「……禁止燃放烟花爆竹，现通告如下：」) does not negate them.
LEAD_IN = rx.compile(r"(?:不得|禁止|严禁|不应当?|不能|不允许|杜绝|清理|纠正|废止|排查|查处)[^。：]{0,12}?(?:下列|以下|如下)"
                     r"[^。：]{0,8}?(?:行为|内容|情形|事项|活动|做法|措施|规定|条款|政策|问题)[^。：]{0,10}?[：:]\s*$"
                     r"|(?:不得|禁止|严禁|不应当?|不能|不允许)(?:含有|出现|存在|有|设置|制定|实施)[^。：]{0,30}?[：:]\s*$")
LIST_MARK = rx.compile(r"^\s*(?:[（(][0-9一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|[①-⑳])")


def negated_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the list items whose lead-in forbids them (computed once per document)."""
    cached: list[tuple[int, int]] | None = doc.cache.get("negated_spans")
    if cached is not None:
        return cached
    spans: list[tuple[int, int]] = []
    norm = doc.norm
    paragraphs = doc.structure.paragraphs
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        text = norm[paragraph.start:paragraph.end]
        inline = text.rfind("：")
        # The lead-in and its items in one paragraph: 「不得有下列行为：（一）…；（二）…」.
        if inline > 0 and LEAD_IN.search(text[:inline + 1]) and inline + 1 < len(text):
            spans.append((paragraph.start + inline + 1, paragraph.end))
        if LEAD_IN.search(text):
            mark_kind: str | None = None
            index += 1
            while index < len(paragraphs):
                item = paragraphs[index]
                mark = LIST_MARK.match(norm[item.start:item.end])
                if not mark:
                    break
                kind = _mark_kind(mark.group(0))
                if mark_kind is None:
                    mark_kind = kind
                elif kind != mark_kind:
                    break  # a new level of numbering: the list has ended
                spans.append((item.start, item.end))
                index += 1
            continue
        index += 1
    doc.cache["negated_spans"] = spans
    return spans


def _mark_kind(mark: str) -> str:
    mark = mark.strip()
    if mark[0] in "（(":
        return "paren"
    if mark[0].isdigit():
        return "digit"
    if mark[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "circled"
    return "chinese"


def is_negated(doc: Document, start: int, end: int) -> bool:
    """Whether the span lies inside an item of a forbidding list."""
    return any(s <= start and end <= e for s, e in negated_spans(doc))
