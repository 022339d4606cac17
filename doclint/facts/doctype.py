"""Document type from what the document is: local_regulation, rule (规章), normative (the default), or other.

`other` is a text that describes rather than provides: a work summary, a judgement, a case notice, news, a
speech, a call for comments. It is told by its voice (facts.voice), not by the title alone, and it silences every
legality rule, so it needs positive evidence. Laws and 行政法规 are `other` too: the literal has no tier above
`rule`, and the checks written for 规章 (which may set only 警告、通报批评、罚款, 行政处罚法 arts 13–14) or for 地方性法规
(art 12) would flag what a 行政法规 may lawfully do (art 11: every penalty but 限制人身自由). doclint reviews
the documents beneath them, so for it a law or 行政法规 is a text to cite, not to lint.
"""

from __future__ import annotations

from typing import Literal

from doclint import rx
from doclint.facts.voice import VoiceProfile, voice_profile
from doclint.text.structure import Structure

DocType = Literal["normative", "rule", "local_regulation", "other"]
ORDINAL = "[0-9零〇一二三四五六七八九十百千]+"

# 规章 are promulgated by order: 青禾市人民政府令第12号, 交通运输部令2025年第3号 (国务院令, for 行政法规, is not one).
RULE_ORDER = rx.compile(
    rf"(?:人民政府|部|委员会|局|总署|银行|办公厅)令\s*[（(]?\s*(?:[0-9]{{4}}年)?\s*第\s*{ORDINAL}\s*号"
)
RULE_ADOPTED = rx.compile(rf"人民政府(?:第{ORDINAL}次)?常务会议(?:审议)?通过.{{0,30}}现予公布")
STATE_COUNCIL_ORDER = rx.compile(rf"国务院令\s*[（(]?\s*第\s*{ORDINAL}\s*号|国务院第{ORDINAL}次常务会议通过")
# A 人大常委会 adopting or approving: a local regulation. The national one (全国人大常委会) adopts laws.
PEOPLES_CONGRESS = rx.compile(
    rf"人民代表大会常务委员会(?<!全国人民代表大会常务委员会)(?:第{ORDINAL}次会议)?.{{0,40}}?(?:通过|批准)"
    rf"|人民代表大会常务委员会(?<!全国人民代表大会常务委员会)公告"
)
NATIONAL_LAW = rx.compile(rf"全国人民代表大会(?:常务委员会)?第{ORDINAL}次会议.{{0,20}}?通过|中华人民共和国主席令")
# A 条例 titled with a place: only a 人大 (or its 常委会) with legislative power passes one. Normative documents may not
# be called 条例 (规章制定程序条例 art 7 forbids even 规章 the name); an unplaced 条例 is a 行政法规.
PLACE_PREFIX = rx.compile(
    r"^(?!城市|城乡|都市)(?:××|[\u4e00-\u9fff]{2})[\u4e00-\u9fff]{0,10}?(?:省|市|自治区|自治州|自治县|特别行政区|经济特区|州|盟)"
)
# Titles of texts that report, explain or comment rather than prescribe.
DESCRIPTIVE_TITLE = rx.compile(
    r"(报告|总结|讲话|发言|汇报|纪要|起草说明|编制说明|情况说明|说明|答记者问|解读|简报|综述|问答|新闻|通讯|述职|调研|"
    r"案例|典型案例|案件|工作要点|工作动态|论文|摘要|通报|判决书|裁定书|决定书|情况)$"
)
# Titles of the kinds a normative document takes: voice alone overrules them only when most of the text reports.
PRESCRIPTIVE_TITLE = rx.compile(
    r"(办法|规定|细则|意见|通告|决定|方案|措施|规则|规程|标准|导则|指引|清单|目录|公告|通知|令|条例|章程|守则|公约)$"
)
# A parenthesised note closing the title: （征求意见稿）, (试行).
TRAILING_NOTE_RE = rx.compile(r"[（(][^）)]*[）)]$")
DESCRIPTIVE_HEAD = rx.compile(r"^(?:[\s#]*)(?:论文|摘要|新闻|通讯|记者|本报讯|据.{0,10}报道|讲话|汇报)")
# How much reporting makes a text `other`: several reported sentences, a good share of the text, and at least as
# many as the provisions it makes. A lone reported sentence is not enough (a clause quoted from a case file is still
# judged as the clause it is), nor is a preamble's 近年来… before twenty articles.
MIN_REPORTED = 3
MIN_REPORTED_SHARE = 0.3
# A draft that carries its own provisions is linted even under a descriptive title or a call for comments.
MIN_PROVISIONS = 3
# Under a prescriptive title (…通知, …办法) reporting must be most of the text.
MOSTLY_REPORTED_SHARE = 0.5
# The voice is read from the first sentences only: a text shows what it is well within them, and a 300-page
# filing costs no more than a short draft.
VOICE_SAMPLE = 80


def detect_doc_type(norm: str, structure: Structure) -> DocType:
    head = norm[:1500]
    title = (structure.title or "").strip()
    title_core = TRAILING_NOTE_RE.sub("", title).strip()
    if NATIONAL_LAW.search(head[:800]) or STATE_COUNCIL_ORDER.search(head):
        return "other"
    if PEOPLES_CONGRESS.search(head):
        return "local_regulation"
    if RULE_ORDER.search(head) or RULE_ADOPTED.search(head):
        return "rule"
    if title_core.endswith("条例") and _is_legislated(structure):
        return "local_regulation" if PLACE_PREFIX.match(title_core) else "other"
    profile = voice_profile(norm, [(s.start, s.end) for s in structure.sentences[:VOICE_SAMPLE]])
    if _describes(head, title_core, structure, profile):
        return "other"
    if _is_untitled_excerpt(structure):
        # A lone 第N条 quoted from the middle of an enacted text, its title out of view: legislation's form, and
        # local_regulation is the tier nearest both a 规章 and a 行政法规, whose checks (行政处罚法 art 12) flag
        # only what none of them may set. Not `other`: nothing in it reports. Not normative: a draft starts at 第一条.
        return "local_regulation"
    return "normative"


def _describes(head: str, title_core: str, structure: Structure, profile: VoiceProfile) -> bool:
    """Positive evidence that the text reports, judges, explains or comments instead of providing."""
    provides = structure.has_articles and profile.provisions >= MIN_PROVISIONS and profile.reported == 0
    if title_core and DESCRIPTIVE_TITLE.search(title_core) and not title_core.endswith(("意见", "通知")):
        return not provides
    if DESCRIPTIVE_HEAD.search(head):
        return True
    if title_core and PRESCRIPTIVE_TITLE.search(title_core):
        return profile.reported >= MIN_REPORTED and profile.reported_share >= MOSTLY_REPORTED_SHARE
    return (
        profile.reported >= MIN_REPORTED
        and profile.reported_share >= MIN_REPORTED_SHARE
        and profile.reported >= profile.provisions
    )


def _is_legislated(structure: Structure) -> bool:
    """Chapters or articles (章/条): the form of legislation, not of a 通知 that merely mentions a 条例."""
    return structure.has_articles or any(heading.kind == "chapter" for heading in structure.headings)


def _is_untitled_excerpt(structure: Structure) -> bool:
    """Articles quoted from the middle of some text (第二十一条 first, no title): not a draft of its own."""
    if structure.title or not structure.headings:
        return False
    first = structure.headings[0]
    return first.kind == "article" and (first.number or 0) > 1 and first.line <= 1
