"""Document type: normative (default), rule (政府令), local_regulation (人大常委会 条例), other (describes)."""

from __future__ import annotations

import re

from doclint.text.structure import Structure

RULE_ORDER = re.compile(
    r"(?:人民政府|部|委员会|局|总署|银行|办公厅)令\s*[（(]?\s*第\s*[0-9零〇一二三四五六七八九十百千]+\s*号"
)
RULE_ADOPTED = re.compile(r"人民政府(?:第[0-9零〇一二三四五六七八九十百]+次)?常务会议(?:审议)?通过.{0,30}现予公布")
PEOPLES_CONGRESS = re.compile(r"人民代表大会常务委员会(?:第[0-9零〇一二三四五六七八九十百]+次会议)?.{0,40}?(?:通过|批准)")
PEOPLES_CONGRESS_NOTICE = re.compile(r"人民代表大会常务委员会公告")
# Titles of texts that report, explain or comment rather than prescribe.
DESCRIPTIVE_TITLE = re.compile(
    r"(报告|总结|讲话|发言|汇报|纪要|起草说明|编制说明|情况说明|说明|答记者问|解读|简报|综述|问答|新闻|通讯|述职|调研|"
    r"案例|典型案例|案件|工作要点|工作动态|论文|摘要|通报)$"
)
# A parenthesised note closing the title: （征求意见稿）, (试行).
TRAILING_NOTE_RE = re.compile(r"[（(][^）)]*[）)]$")
DESCRIPTIVE_HEAD = re.compile(r"^(?:[\s#]*)(?:论文|摘要|新闻|通讯|记者|本报讯|据.{0,10}报道|讲话|汇报)")


def detect_doc_type(norm: str, structure: Structure) -> str:
    head = norm[:1500]
    title = (structure.title or "").strip()
    title_core = TRAILING_NOTE_RE.sub("", title).strip()
    if PEOPLES_CONGRESS.search(head) or PEOPLES_CONGRESS_NOTICE.search(head):
        return "local_regulation"
    if RULE_ORDER.search(head) or RULE_ADOPTED.search(head):
        return "rule"
    if title_core and DESCRIPTIVE_TITLE.search(title_core) and not title_core.endswith(("意见", "通知")):
        return "other"
    if DESCRIPTIVE_HEAD.search(head):
        return "other"
    if _is_untitled_excerpt(structure):
        return "other"
    return "normative"


def _is_untitled_excerpt(structure: Structure) -> bool:
    """Articles quoted from the middle of some text (第二十一条 first, no title): not a draft of its own."""
    if structure.title or not structure.headings:
        return False
    first = structure.headings[0]
    return first.kind == "article" and (first.number or 0) > 1 and first.line <= 1
