"""The document's own title, when the first line is a web page's (政策法规, 意见征集, 标题, 【发布文号】…).

The structure takes the first plausible line; pages saved from a portal open with a column name or a field label.
A title names a kind of document (办法, 通知, 公告…, DOC_KINDS), so a first line that names none gives way to the
first line near the top that does.
"""

from __future__ import annotations

from doclint import rx
from doclint.text.structure import DOC_KINDS

# 「…办法（征求意见稿）」「…的通知」「…意见的通知》」: a kind, then at most a bracketed stage or a closing mark.
KIND_END_RE = rx.compile(rf"(?:{'|'.join(DOC_KINDS)})(?:[（(][^（）()]{{1,12}}[）)])?[》」]?\s*$")
LABEL_RE = rx.compile(r"^[【\[]?(?:标题|发布文号|发文字号|发布日期|生效日期|来源|索引号|发布机构|发文机关|主题分类)[】\]]?[：:]?")
# A portal's next field label glued to the title line: 「…的通知发文机关」.
TRAILING_LABEL_RE = rx.compile(r"(?:发文机关|发文字号|发布机构|成文日期|发布日期|索引号|主题分类)\s*$")
# 「附件：1.××办法」 and the numbered lines after it name attachments, not this document.
ATTACHMENT_RE = rx.compile(r"^附(?:件|表)?[0-9一二三四五六七八九十]*\s*[：:]|^[0-9]+[.．、]")
SENTENCE_RE = rx.compile(r"[。；！？]|[，,].{20,}")
HEAD_LINES = 15
COLUMN_NAME_MAX = 6
PLACE_END_RE = rx.compile(r"[市县区省局府委厅镇乡村州盟旗会部署院办]$")
MAX_TITLE = 80


def names_a_kind(line: str) -> bool:
    return bool(KIND_END_RE.search(line))


# 「「通告」前郭…的通告」「【政策解读】…」: a portal's bracketed column label before the title.
LEADING_LABEL_RE = rx.compile(r"^(?:[「【\[][^」】\]]{1,6}[」】\]])+")


def document_title(norm: str, found: str | None) -> str | None:
    """The title without a portal's label: see _title."""
    title = _title(norm, found)
    if title and LEADING_LABEL_RE.match(title) and len(LEADING_LABEL_RE.sub("", title)) >= 4:
        title = LEADING_LABEL_RE.sub("", title)
    return title


def _title(norm: str, found: str | None) -> str | None:
    """`found` when it names a kind of document; else the first line near the top that does; else `found`."""
    head = [line.strip() for line in norm.splitlines()[:HEAD_LINES]]
    if found and names_a_kind(found) and not LABEL_RE.match(found):
        # A portal's column name (政策法规) joined to the title as if the title wrapped: keep the title line.
        for line in head:
            prefix = found[:len(found) - len(line)] if line and found.endswith(line) else ""
            # 「青禾市」+「公园管理办法」 is a wrapped title: a place or an organ ends its first part.
            if 0 < len(prefix) <= COLUMN_NAME_MAX and not PLACE_END_RE.search(prefix):
                return line
        return found
    for raw in head:
        if ATTACHMENT_RE.match(raw.strip()):
            continue  # 「附件：1.××办法（征求意见稿）」 names an attachment, not this document
        line = raw.strip()
        if LABEL_RE.match(line):
            line = LABEL_RE.sub("", line).strip()
        line = TRAILING_LABEL_RE.sub("", line).strip()
        if 4 <= len(line) <= MAX_TITLE and names_a_kind(line) and not SENTENCE_RE.search(line):
            return line
    return found
