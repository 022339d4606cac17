"""Who issued a document: read from a 发文机关 label, the signature or 印发 line, the title, or an organ's line.

Filed documents come as web pages and scans as often as clean drafts, so the issuer is looked for in every place
officials and portals put it, and a name is cleaned of the brackets and labels pages wrap it in.
"""

from __future__ import annotations

import re

from doclint import rx

# What an organ's name ends with; longest first so 人民政府办公室 wins over 人民政府.
ORGAN_SUFFIX = (r"(?:人民政府办公室|人民政府办公厅|人民政府|人民代表大会常务委员会|人大常委会|办公室|办公厅|"
                r"管理委员会|管委会|委员会|领导小组办公室|指挥部|总局|分局|监督管理局|局|厅|委|部|署|中心|院|处|"
                r"办事处|街道办事处|政府)")
ORGAN_RE = rx.compile(rf"^[\u4e00-\u9fff（）()]{{2,40}}?{ORGAN_SUFFIX}$")
# Brackets and labels a portal or a list wraps a name or title in: 「通告」, 【发布部门】, 《.
WRAPPER_RE = rx.compile(r"^(?:[「【\[［(（][^」】\]］)）]{0,8}[」】\]］)）])+|^[《〈“\"'‘]+|[》〉”\"'’]+$")
LABEL_RE = rx.compile(r"^[\s【\[]*(?:发文机关|发布机关|发布部门|发文单位|制定机关|发布机构|发布单位|发文机构|索引单位)"
                      r"[】\]]?\s*[：:]?\s*(.*)$")
SOURCE_RE = rx.compile(r"^[\s【\[]*(?:信息来源|来源|文章来源)[】\]]?\s*[：:]\s*(.+)$")
DATE_RE = rx.compile(r"[0-9零〇一二三四五六七八九十]{2,4}\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日")
# 「开化县人民政府办公室　2024年3月1日印发」: the 版记's 印发 line names the issuing office.
PRINTED_RE = rx.compile(rf"^\s*(\S{{2,40}}?{ORGAN_SUFFIX})\s+{DATE_RE.pattern}\s*印发\s*$")
# 「宁海县人民政府森林禁火令」「东乡族自治县人民政府关于…的通告」: the organ opens the title.
TITLE_RE = rx.compile(rf"^([\u4e00-\u9fff]{{2,40}}?{ORGAN_SUFFIX})(?:关于|印发|转发|森林|的|令|通告|公告|通知|决定|办法|规定)")
SENTENCE_MARKS = rx.compile(r"[，。；：！？、,;:!?《》]")


def clean_issuer(name: str | None) -> str | None:
    """The name without wrappers (「通告」, 《, quotes) and spaces; None when what is left is not an organ's name."""
    if not name:
        return None
    text = re.sub(r"[\s\u3000]+", "", name)
    previous = None
    while previous != text:
        previous = text
        text = WRAPPER_RE.sub("", text)
    if not text or SENTENCE_MARKS.search(text) or not ORGAN_RE.match(text):
        return None
    return text


def _lines(norm: str) -> list[str]:
    return [line.strip() for line in norm.splitlines() if line.strip()]


def from_label(lines: list[str]) -> str | None:
    """「发文机关：X」, or the label on a line of its own and the name on the next."""
    for index, line in enumerate(lines[:40]):
        match = LABEL_RE.match(line)
        if not match:
            continue
        value = match.group(1).strip() or (lines[index + 1] if index + 1 < len(lines) else "")
        found = clean_issuer(value)
        if found:
            return found
    return None


def from_signature(lines: list[str]) -> str | None:
    """The 印发 line of the 版记, else an organ's line just above (or beside) the closing date."""
    for line in reversed(lines[-12:]):
        match = PRINTED_RE.match(line)
        if match and (found := clean_issuer(match.group(1))):
            return found
    tail = lines[-8:]
    for index in range(len(tail) - 1, -1, -1):
        line = tail[index]
        if DATE_RE.search(line) and index > 0:
            # 「青禾县人民政府　2024年1月5日」 on one line, or the name on the line above the date.
            before = DATE_RE.split(line)[0]
            for candidate in (before, tail[index - 1]):
                if found := clean_issuer(candidate):
                    return found
    return None


def from_title(title: str | None) -> str | None:
    if not title:
        return None
    text = re.sub(r"[\s\u3000]+", "", title)
    previous = None
    while previous != text:
        previous = text
        text = WRAPPER_RE.sub("", text)
    match = TITLE_RE.match(text)
    return clean_issuer(match.group(1)) if match else None


def from_head_lines(lines: list[str]) -> str | None:
    """An organ's name alone on one of the first lines (above or under the title)."""
    for line in lines[:6]:
        if len(line) <= 40 and (found := clean_issuer(line)):
            return found
    return None


def from_source(lines: list[str]) -> str | None:
    for line in lines[:12] + lines[-6:]:
        match = SOURCE_RE.match(line)
        if match and (found := clean_issuer(match.group(1))):
            return found
    return None


def recognise_issuer(norm: str, title: str | None, found: str | None = None) -> str | None:
    """The issuer: a labelled one, else the structure's own reading cleaned, else signature, title, head, source."""
    lines = _lines(norm)
    return (from_label(lines) or clean_issuer(found) or from_signature(lines) or from_title(title)
            or from_head_lines(lines) or from_source(lines))
