"""Procedure evidence read from text: consultation, expert review, risk, fair competition, legality, deliberation.

Each fact is True (the text shows the step), False (the text says it was not done) or absent (the text is silent).
A package turns silence into False; a single draft leaves it None (see `doclint.review.package`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from doclint import rx
from doclint.facts.dates import (
    EFFECTIVE_RE,
    ISSUED_IN_FORCE_RE,
    date_range,
    days_inclusive,
    effective_date_of,
    is_provisional,
    iso_date,
    parse_date,
    publication_date,
    validity,
    validity_match,
    validity_years,
)
from doclint.facts.issuer import recognise_issuer
from doclint.facts.title import document_title
from doclint.model import Evidence, Facts, Procedure, assemble
from doclint.text.numerals import chinese_to_int

STEPS: tuple[str, ...] = ("public_consultation", "expert_review", "risk_assessment", "fair_competition_review",
                          "legality_review", "collective_deliberation")

# Bounded, with no digit before it: a count or a date's number is a few characters, and an unbounded run
# re-scanned from every position of a long digit string (a hostile "1" × 200,000) made each pattern quadratic.
NUM = r"(?<![0-9零〇一二两三四五六七八九十百])[0-9零〇一二两三四五六七八九十百]{1,6}"


class Thresholds(BaseModel):
    """Figures a procedure profile sets (rules/profiles/*.yaml); every rule threshold comes from here."""

    model_config = ConfigDict(extra="forbid")

    consultation_days: int = Field(default=30, ge=1, le=365)
    effective_gap_days: int = Field(default=30, ge=0, le=365)
    validity_max_years: int = Field(default=5, ge=1, le=100)
    provisional_validity_max_years: int = Field(default=2, ge=1, le=100)


@dataclass(frozen=True)
class Reading:
    """One fact read from a text: its value and the sentence (norm offsets) it came from."""

    value: Any
    start: int
    end: int


# --- sentences and guards ---------------------------------------------------------------------------------

# A break inside 《…》 (a title wrapped over two lines, a 「？」 in a cited title) does not end the sentence, so
# evidence is never a sentence cut mid-title; a lone 《 is just a character.
SENTENCE_PIECE = rx.compile(r"(?:[^。！？!?\n《]|《[^《》]{0,120}》|《)+(?:[。！？!?\n]|\Z)")
CLAUSE_BREAK = rx.compile(r"[，；：,;:]")
# Titles of other documents (《国务院办公厅关于…合法性审核机制的指导意见》) are names, not evidence.
CITATION_RE = rx.compile(r"《[^《》\n]{1,80}》")
# A step that ought to / may / will happen is not a step that happened.
HYPOTHETICAL_RE = rx.compile(
    r"应当|应该|(?<![相响对适供反回])应(?![急用])|必须|须|需要|(?<![重主需只必摘纪概提])要(?![求点素件闻])|"
    r"可以|(?<![许认])可(?![能行])|(?<![现即])将|拟|提请|报请|待|确需|如需|是否|鼓励|按规定|依法|涉及.{0,6}的"
)
# 「公平竞争审查制度」「合法性审核机制」 name an institution, not an act.
INSTITUTION_AFTER_RE = rx.compile(r"^[^，。；]{0,2}(?:制度|机制|工作机制|条例|办法|规定|实施细则|标准|工作)")
NEGATION = r"(?:未|没有|尚未|未曾|未经|无需|无须|不需要|不需|不必|不宜|不予|不再)"
NEGATION_RE = rx.compile(NEGATION)


def mask_citations(norm: str) -> str:
    """Same length, 《…》 contents blanked, so a cited title never reads as a procedure step."""
    return CITATION_RE.sub(lambda m: "《" + "＊" * (len(m.group()) - 2) + "》", norm)


@functools.lru_cache(maxsize=4)
def sentences(norm: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; cached, as every step reads the same text's sentences."""
    # Text up to and including a break, skipping a break that directly follows another; the rest after the
    # last break is a sentence too. One regex pass: the spans come from C, not a loop over every break.
    return tuple(match.span() for match in SENTENCE_PIECE.finditer(norm))


def clause_prefix(text: str, position: int) -> str:
    """Text from the last clause break before `position` up to it."""
    cut = 0
    for match in CLAUSE_BREAK.finditer(text, 0, position):
        cut = match.end()
    return text[cut:position]


def is_hypothetical(text: str, position: int) -> bool:
    return bool(HYPOTHETICAL_RE.search(clause_prefix(text, position)))


def names_institution(text: str, end: int) -> bool:
    return bool(INSTITUTION_AFTER_RE.match(text[end:]))


# --- the steps ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepPatterns:
    """What shows a step was taken, and what says it was not."""

    done: tuple[str, ...]
    not_done: str
    # The word the step turns on; a negation must govern it within the same clause.
    key: str
    # Words one of which every match of `done` or `not_done` contains: a text with none of them says nothing
    # about the step, so its sentences are not searched (tests/test_facts_procedure.py holds this true).
    keywords: tuple[str, ...] = ()

    # Compiled on first use: with the keyword check most drafts never need a given step's patterns, and
    # compiling all of them at import was a visible share of a cold `doclint check`.
    @cached_property
    def done_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(rx.compile(pattern) for pattern in self.done)

    @cached_property
    def not_done_pattern(self) -> re.Pattern[str]:
        return rx.compile(self.not_done)

    @cached_property
    def keyword_pattern(self) -> re.Pattern[str]:
        return rx.compile("|".join(re.escape(word) for word in self.keywords))


PUBLIC = r"(?:公开|向社会|面向社会|向社会公众|向公众|向广大[^。；，]{0,6}|社会公众|网上|在[^。；，]{0,20}网站)"
STEP_PATTERNS: dict[str, StepPatterns] = {
    "public_consultation": StepPatterns(
        done=(
            (rf"{PUBLIC}[^。；，]{{0,20}}?征求[^。；，]{{0,12}}?(?:意见|建议)"),
            (r"(?:公开征求意见|征求意见|意见征集|公告|公示)(?:的)?(?:时间|期限|期间|截止时间)"
                       rf"[：为是]?\s*{NUM}\s*年"),
            (r"(?:公开征求意见|意见征集)期间"),
            # 「征求社会各界意见」「广泛征求市民意见」: the public is named after 征求, with or without 公开.
            (r"征求[^。；，]{0,10}?(?:社会各界|社会公众|社会各方面?|广大[^。；，]{0,6}|市民|公众)[^。；，]{0,4}?(?:意见|建议)"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,8}}?(?:公开)?征求[^。；，]{{0,8}}?(?:社会|公众)?意见"),
        key="征求",
        keywords=("征求", "征集", "公告", "公示"),
    ),
    "expert_review": StepPatterns(
        done=(
            (r"(?:组织|召开|邀请|聘请|经|进行了?|开展了?|完成|已)[^。；]{0,30}?专家[^。；，]{0,10}?"
                       r"(?:论证|评审|咨询|座谈|评估)"),
            (r"专家(?:论证|评审)(?:会|意见|报告|结论)"),
            # 「征求了法律顾问和有关专家意见」「组织专家研究」: consulting experts is how many offices word it.
            (r"征求[^。；]{0,24}?专家[^。；，]{0,6}?(?:意见|建议)"),
            (r"(?:组织|召集|邀请|召开)[^。；，]{0,12}?专家[^。；，]{0,10}?(?:研究|讨论|论证|评审|咨询|座谈|审查)"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,8}}?(?:组织|进行|开展)?专家(?:论证|评审)"),
        key="专家",
        # 「征求…专家意见」 is found from its 征求; a sentence with 征求 and no 专家 matches nothing, only costs a scan.
        keywords=("专家", "征求"),
    ),
    "risk_assessment": StepPatterns(
        done=(
            # 「完成…社会稳定风险总体评估」: a word may sit between 风险 and 评估.
            (r"(?:组织|开展了?|进行了?|经|完成|已)[^。；]{0,30}?风险[^。；，]{0,4}?评估"),
            (r"风险评估(?:报告|结论|意见)"),
            (r"风险等级(?:为|评定为|确定为)?(?:低|中|高|较低|较高)"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,10}}?(?:开展|进行|组织)?[^。；，]{{0,6}}?风险评估"),
        key="风险评估",
        keywords=("风险",),
    ),
    "fair_competition_review": StepPatterns(
        done=(
            (r"(?:经|已|开展了?|进行了?|通过|完成|组织)[^。；]{0,20}?公平竞争(?:审查|自查)"),
            (r"公平竞争(?:审查|自查)(?:表|意见|结论|报告|登记表|基本情况)"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,8}}?(?:进行|开展|经过?)?公平竞争(?:审查|自查)"),
        key="公平竞争",
        keywords=("公平竞争",),
    ),
    "legality_review": StepPatterns(
        done=(
            (r"(?:经|已|进行了?|开展了?|完成|通过)[^。；]{0,30}?合法性(?:初审|审核|审查)"),
            (r"合法性(?:初审|审核|审查)(?:意见|结论)"),
            # Whatever else the legal section reviews (fair competition, say), its 审核/初审 of the draft is this step.
            (r"(?:法制机构|法规科|法制科|法规处|法制处|法制办|政策法规[科处室]|法规室)[^。；，]{0,12}?"
                       r"(?:审核|初审)(?:通过|同意|认为)?"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,8}}?(?:进行|开展|经过?)?合法性(?:初审|审核|审查)"),
        key="合法性",
        keywords=("合法性", "法制", "法规"),
    ),
    "collective_deliberation": StepPatterns(
        done=(
            (r"(?:常务会议|常务会|全体会议|局务会议|局务会|委务会议|委务会|办公会议|办公会|党组会议|党组会|"
                       r"主任会议|主任办公会|[^。；，]{0,20}次会议)[^。；，]{0,10}?(?:审议|讨论|研究)?(?:通过|同意|决定)"),
            (r"(?:经|业经|已经)[^。；，]{0,20}?(?:政府|局|委员会|委|厅|党组)(?:集体)?(?:研究|讨论|审议)决定"),
            (r"集体(?:审议|讨论|研究)(?:通过|决定)"),
        ),
        not_done=(rf"{NEGATION}[^。；，]{{0,10}}?(?:集体(?:审议|讨论)|常务会议|局务会议|全体会议|会议审议)"),
        key="会",
        keywords=("会议", "局务会", "常务会", "办公会", "党组会", "委务会", "决定", "集体"),
    ),
}

MEETING_RE = rx.compile(
    r"(?:(?:市|县|区|省|州|镇|乡|本)?[^。；，经业已于在]{0,20}?)"
    r"(?:第[0-9一二三四五六七八九十百]+次)?(?:常务会议|常务会|全体会议|局务会议|局务会|委务会议|委务会|办公会议|办公会|"
    r"党组会议|党组会|主任会议|主任办公会|会议)"
)
DATE_IN_RE = rx.compile(rf"{NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日")


def _sentences_with(masked: str, patterns: StepPatterns) -> list[tuple[int, int]]:
    """The sentences that hold one of the step's keywords, in order (all of them for a step without any).

    Every match of the step's patterns holds a keyword (see StepPatterns), so no other sentence can say
    anything of the step.
    """
    if not patterns.keywords:
        return list(sentences(masked))
    return _sentences_matching(masked, patterns.keyword_pattern)


def _sentences_matching(masked: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences in which `pattern` (words without a sentence break) matches, in order.

    One search over the text instead of one per sentence: most sentences hold none of the words.
    """
    spans = sentences(masked)
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(masked):
        # The words hold no sentence break, so the sentence where a match starts holds all of it.
        index = bisect.bisect_right(spans, (match.start(), math.inf)) - 1
        if index >= 0 and (not found or found[-1] is not spans[index]):
            found.append(spans[index])
    return found


# A people's congress, a CPPCC or a party congress adopts its own plans; their meetings are not the issuing
# body's collective deliberation of this draft.
OTHER_BODY_RE = rx.compile(r"人大|人民代表大会|政协|党代会|代表大会")
ISSUING_FORMULA_RE = rx.compile(r"现予(?:以)?(?:印发|公布|发布|下发)|现(?:将|把)?[^。；，]{0,12}?印发给你们|现印发")
DRAFT_MARK_RE = rx.compile(r"草案|征求意见稿|送审稿|修改稿|讨论稿|审议稿")
TITLE_CORE_RE = rx.compile(r"[（(][^（）()]{0,12}[）)]|[\s《》〈〉]")


def _title_core(title: str) -> str:
    """A title without its parenthesised marks and spaces: 《办法（征求意见稿）》 and its final title compare equal."""
    return TITLE_CORE_RE.sub("", title)


def about_other_document(original: str, title: str | None) -> bool:
    """True when the sentence's 《…》 names a document that is plainly not the draft under review."""
    cores = [_title_core(match.group()) for match in CITATION_RE.finditer(original)]
    if not cores or ISSUING_FORMULA_RE.search(original):
        # 「《…》已经…常务会议通过，现予公布」: the formula of issue says the cited document is this one.
        return False
    mine = _title_core(title) if title else ""
    for core in cores:
        # 《办法》《通告》: the short name a drafting explanation gives its own draft.
        if len(core) <= 8 or DRAFT_MARK_RE.search(core):
            return False
        if mine and (core in mine or mine in core):
            return False
    # Titles known and none of them is the draft's: the meeting deliberated something else.
    return bool(mine)


def read_step(masked: str, step: str, norm: str | None = None, title: str | None = None) -> Reading | None:
    """True on the first sentence that shows the step, else False on one that says it was skipped.

    `norm` (the unmasked text) and `title` (the draft's) let collective deliberation skip a meeting that
    adopted some other document.
    """
    patterns = STEP_PATTERNS[step]
    negative: Reading | None = None
    for start, end in _sentences_with(masked, patterns):
        text = masked[start:end]
        if step == "collective_deliberation":
            original = norm[start:end] if norm is not None else text
            if OTHER_BODY_RE.search(original) or about_other_document(original, title):
                continue
        for pattern in patterns.done_patterns:
            for match in pattern.finditer(text):
                if is_hypothetical(text, match.start()) or names_institution(text, match.end()):
                    continue
                if NEGATION_RE.search(clause_prefix(text, match.start())) or NEGATION_RE.search(match.group()):
                    continue
                return Reading(True, start, end)
        if negative is None:
            for match in patterns.not_done_pattern.finditer(text):
                if not is_hypothetical(text, match.start()):
                    negative = Reading(False, start, end)
                    break
    return negative


# --- consultation details --------------------------------------------------------------------------------

CONSULTATION_CONTEXT_RE = rx.compile(r"征求|征集|公告时间|公示|反馈|提出意见|提交意见|截止(?:时间|日期)")
# Of several ranges (comments from departments, then from the public), the public one is the consultation.
PUBLIC_RANGE_RE = rx.compile(r"向社会|社会公众|向公众|网站|网上|官网|社会各界")
LENGTH_RE = rx.compile(
    rf"(?:为期|期限(?:为|是)?|时间(?:为|是)?|共|(?:公示|公告|发布|公布|印发|通知)之日起)\s*({NUM})\s*(个工作日|天|日)"
)
DEADLINE_RE = rx.compile(
    rf"(?:于|在|截止|截至)?\s*((?:{NUM}\s*年\s*)?{NUM}\s*月\s*{NUM}\s*日)\s*(?:前|之前|以前|止)|"
    # 「意见反馈截止时间为2021年12月20日」「截止日期：…」
    rf"(?:截止|截至)(?:时间|日期)?\s*(?:为|是)?\s*[：:]?\s*((?:{NUM}\s*年\s*)?{NUM}\s*月\s*{NUM}\s*日)"
)
CLAIMED_LENGTH_RE = rx.compile(rf"征求意见(?:期|时间)?(?:为|达|满|超过)?\s*({NUM})\s*(个工作日|天|日)")
# The text is itself the call for comments (a 征求意见的通知/公告), so its own date opens the period.
NOTICE_RE = rx.compile(
    r"现(?:将|就|面向|向|予以|把|对)?[^。]{0,120}?(?:征求|征集)[^。]{0,16}?(?:意见|建议)|"
    r"(?:公众|社会各界|有关单位|各界人士|市民)[^。；]{0,30}?(?:可|可以|请)[^。；]{0,30}?(?:提出|反馈|提交)"
    r"[^。；]{0,10}?(?:意见|建议)|"
    r"^[^\n]{0,80}?(?:征求|征集)[^\n]{0,80}?意见(?:建议)?的(?:通知|公告|通告|函)\s*$"
)
# A heading line such as 「征求意见时间：」 whose dates are on the next line.
HEADING_LINE_RE = rx.compile(r"^[^。；，\n]{0,24}[：:]\s*\n?$")
COMMENTS_RE = rx.compile(rf"收到[^。；]{{0,24}}?(?:意见|建议)[^。；，]{{0,8}}?({NUM})\s*(?:条|件|份|项|人次)")
NO_COMMENTS_RE = rx.compile(r"未(?:收到|收集到|征集到)[^。；，]{0,16}?(?:意见|建议)")
ADOPTED_RE = rx.compile(rf"(?:采纳|吸收)[^。；，]{{0,6}}?({NUM})\s*(?:条|件|项)|({NUM})\s*(?:条|件|项)[^。；，]{{0,4}}?(?:予以|已|被)?(?:采纳|吸收)")
ADOPTION_WORDS_RE = rx.compile(r"(?:全部|部分|均已|已)?(?:采纳|吸收)|未予采纳|不予采纳|采纳情况")
FEEDBACK_MISSING_RE = rx.compile(
    r"(?:意见|建议|采纳情况)[^。；，]{0,10}?(?:未|没有)(?:予以|予|作|进行)?(?:说明|统计|整理|反馈|公开|公布)|"
    r"未(?:反馈|公开|公布|说明)[^。；，]{0,6}?采纳情况"
)
CONSULTATION_EXEMPT_RE = rx.compile(r"保密|涉密|国家秘密|商业秘密|情况紧急|紧急情况|突发事件")
SHORTENED_REASON_RE = rx.compile(r"(?:因|由于|鉴于)[^。]{0,40}?(?:紧急|紧迫|急需|时间紧|时限)|情况紧急|缩短[^。]{0,10}?(?:原因|理由)")


def _working_days_to_calendar(days: int) -> int:
    # 7 working days span at least 9 calendar days; a whole number of weeks is what a calendar shows.
    return math.ceil(days * 7 / 5)


def is_consultation_notice(norm: str) -> bool:
    """The text calls for comments itself (a 征求意见的通知/公告): it is not a draft, and its date opens the period."""
    return bool(NOTICE_RE.search(norm, 0, 4000) or NOTICE_RE.search(norm[:200]))


CONSULTATION_REPORT_RE = rx.compile(
    r"^[^\n]{0,80}?(?:征求意见|意见征集)[^\n]{0,12}?(?:情况|采纳)[^\n]{0,12}?(?:说明|报告|反馈|公告)|"
    r"现将[^。]{0,40}?(?:意见|建议)[^。]{0,20}?情况[^。]{0,8}?(?:公告|公布|反馈|说明)如下"
)


def is_consultation_report(norm: str) -> bool:
    """The text reports on a consultation held (意见采纳情况说明): not a draft either."""
    return bool(CONSULTATION_REPORT_RE.search(norm[:2000]))


def _consultation_sentences(masked: str) -> list[tuple[int, int]]:
    """Sentences about the consultation; a heading line (「公示时间：」) takes the line after it along."""
    spans = sentences(masked)
    found: list[tuple[int, int]] = []
    for start, end in _sentences_matching(masked, CONSULTATION_CONTEXT_RE):
        if HEADING_LINE_RE.match(masked[start:end]):
            index = bisect.bisect_right(spans, (start, math.inf)) - 1
            if 0 <= index + 1 < len(spans):
                end = spans[index + 1][1]
        found.append((start, end))
    return found


HEAD_DATE_RE = rx.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-./年]\s*([01]?[0-9])[-./月]\s*([0-3]?[0-9])(?![0-9])")


def _opening_date(masked: str) -> dt.date | None:
    """The notice's own date: its 发布日期 label or signature line, else the posting date a portal puts on top."""
    published = publication_date(masked)
    if published:
        return iso_date(published)
    head = HEAD_DATE_RE.search(masked[:300])
    if head is None:
        return None
    try:
        return dt.date(int(head.group(1)), int(head.group(2)), int(head.group(3)))
    except ValueError:
        return None


def read_consultation_details(masked: str) -> dict[str, Reading]:
    """Period (from, to, days), comments received and adopted, and a stated reason for a short period."""
    found: dict[str, Reading] = {}
    for start, end in _consultation_sentences(masked):
        text = masked[start:end]
        if "consultation_days" in found and "consultation_public_range" not in found:
            # A range already found, but not one said to be public: a later public one replaces it.
            span = date_range(text)
            if span is not None and PUBLIC_RANGE_RE.search(text) and not is_validity_sentence(text):
                first, last, _, _ = span
                found["consultation_from"] = Reading(first.isoformat(), start, end)
                found["consultation_to"] = Reading(last.isoformat(), start, end)
                found["consultation_days"] = Reading(days_inclusive(first, last), start, end)
                found["consultation_public_range"] = Reading(True, start, end)
        if "consultation_days" not in found and not is_validity_sentence(text):
            span = date_range(text)
            if span is not None and PUBLIC_RANGE_RE.search(text):
                found["consultation_public_range"] = Reading(True, start, end)
            if span is not None:
                first, last, _, _ = span
                found["consultation_from"] = Reading(first.isoformat(), start, end)
                found["consultation_to"] = Reading(last.isoformat(), start, end)
                found["consultation_days"] = Reading(days_inclusive(first, last), start, end)
            else:
                length = LENGTH_RE.search(text)
                if length and (number := chinese_to_int(length.group(1))) is not None:
                    working = length.group(2) == "个工作日"
                    days = _working_days_to_calendar(number) if working else number
                    found["consultation_days"] = Reading(days, start, end)
                elif "consultation_to" not in found and (deadline := DEADLINE_RE.search(text)):
                    phrase = deadline.group(1) or deadline.group(2)
                    when = parse_date(phrase)
                    found["consultation_to"] = Reading(when.isoformat() if when else phrase, start, end)
        if "consultation_days_stated" not in found and not is_validity_sentence(text):
            # 「已公开征求意见30日」: what the paper says, kept to compare with the dates it gives (memo conflicts).
            stated = LENGTH_RE.search(text) or CLAIMED_LENGTH_RE.search(text)
            if stated and stated.group(2) != "个工作日" and (number := chinese_to_int(stated.group(1))) is not None:
                found["consultation_days_stated"] = Reading(number, start, end)
        if "consultation_comments" not in found:
            comments = COMMENTS_RE.search(text)
            if comments:
                found["consultation_comments"] = Reading(chinese_to_int(comments.group(1)), start, end)
            elif NO_COMMENTS_RE.search(text):
                found["consultation_comments"] = Reading(0, start, end)
        if "consultation_adopted" not in found:
            adopted = ADOPTED_RE.search(text)
            if adopted:
                number = chinese_to_int(adopted.group(1) or adopted.group(2))
                found["consultation_adopted"] = Reading(number, start, end)
            elif ADOPTION_WORDS_RE.search(text) and not FEEDBACK_MISSING_RE.search(text):
                found["consultation_adoption_reported"] = Reading(True, start, end)
        if "consultation_shortened_reason" not in found and SHORTENED_REASON_RE.search(text):
            found["consultation_shortened_reason"] = Reading(True, start, end)
        if "consultation_feedback" not in found and FEEDBACK_MISSING_RE.search(text):
            found["consultation_feedback"] = Reading(False, start, end)
    to = found.get("consultation_to")
    if "consultation_days" not in found and to is not None and is_consultation_notice(masked):
        # A notice that gives only a deadline runs from its own date: 「2021年11月29日」 signed, comments by
        # 「12月20日」, so 22 days (both ends count, as for a stated range).
        opened = _opening_date(masked)
        closed = iso_date(to.value)
        if opened is not None and isinstance(to.value, str) and closed is None:
            # A deadline without its year (「6月9日前」) takes the notice's year.
            closed = parse_date(f"{opened.year}年{to.value}")
            if closed is not None:
                found["consultation_to"] = Reading(closed.isoformat(), to.start, to.end)
        if opened is not None and closed is not None and opened <= closed:
            found["consultation_from"] = Reading(opened.isoformat(), to.start, to.end)
            found["consultation_days"] = Reading(days_inclusive(opened, closed), to.start, to.end)
    if "consultation_comments" in found or "consultation_adopted" in found:
        # 未收到意见 is itself a report on adoption: there was nothing to adopt.
        where = found.get("consultation_adopted") or found["consultation_comments"]
        found["consultation_feedback"] = Reading(True, where.start, where.end)
    elif "consultation_adoption_reported" in found:
        where = found["consultation_adoption_reported"]
        found["consultation_feedback"] = Reading(True, where.start, where.end)
    found.pop("consultation_adoption_reported", None)
    found.pop("consultation_public_range", None)
    return found


def is_validity_sentence(text: str) -> bool:
    return "有效期" in text or "施行" in text


# --- fair competition conclusion and meeting ---------------------------------------------------------------

FAIR_CLEAN_RE = rx.compile(r"(?:不|未|没有|无)(?:含有|存在|涉及|违反|发现)[^。；]{0,20}?(?:排除|限制)[^。；]{0,6}?竞争|"
                           r"符合公平竞争(?:审查)?(?:标准|要求|规定)")
FAIR_ISSUE_RE = rx.compile(r"(?<![不未无])(?:含有|存在)[^。；]{0,12}?(?:排除|限制)[^。；]{0,6}?竞争")


def read_fair_competition_conclusion(masked: str) -> Reading | None:
    if "竞争" not in masked:
        return None  # both patterns need it
    for start, end in sentences(masked):
        text = masked[start:end]
        if "竞争" not in text:
            continue
        if FAIR_CLEAN_RE.search(text):
            return Reading("不含有排除、限制竞争的内容", start, end)
        if FAIR_ISSUE_RE.search(text) and not is_hypothetical(text, FAIR_ISSUE_RE.search(text).start()):  # type: ignore[union-attr]
            return Reading("存在排除、限制竞争的内容", start, end)
    return None


def read_meeting(masked: str, where: Reading) -> dict[str, Reading]:
    """Which meeting deliberated and when, from the sentence that showed the deliberation."""
    text = masked[where.start:where.end]
    found: dict[str, Reading] = {}
    # Blank the dates first, so 「2011年8月8日市人民政府第73次常务会议」 names the meeting without its date.
    undated = DATE_IN_RE.sub(lambda m: " " * len(m.group()), text)
    meeting = MEETING_RE.search(undated)
    if meeting:
        name = meeting.group().strip(" \t：:，,")
        found["deliberation_meeting"] = Reading(name, where.start, where.end)
    date = DATE_IN_RE.search(text)
    if date:
        parsed = parse_date(date.group())
        if parsed:
            found["deliberation_date"] = Reading(parsed.isoformat(), where.start, where.end)
    return found


def read_procedure(norm: str, title: str | None = None) -> dict[str, Reading]:
    """Every procedure fact a text states, with the sentence each came from (offsets into `norm`).

    `title` is the draft's, when known: evidence about another document (a plan a meeting adopted) is not this
    draft's.
    """
    masked = mask_citations(norm)
    found: dict[str, Reading] = {}
    for step in STEPS:
        reading = read_step(masked, step, norm, title)
        if reading is not None:
            found[step] = reading
    details = read_consultation_details(masked)
    if details and "public_consultation" not in found and (
        "consultation_days" in details or "consultation_from" in details
    ):
        # A stated consultation period is evidence that the consultation took place.
        where = details.get("consultation_days") or details["consultation_from"]
        found["public_consultation"] = Reading(True, where.start, where.end)
    consultation = found.get("public_consultation")
    if consultation is not None and consultation.value:
        found.update(details)
    elif consultation is not None and CONSULTATION_EXEMPT_RE.search(masked[consultation.start:consultation.end]):
        # 优化营商环境条例第六十二条：「除依法需要保密外」; an emergency is the other reason drafters give.
        found["consultation_exempt_reason"] = Reading(True, consultation.start, consultation.end)
    conclusion = read_fair_competition_conclusion(masked)
    if conclusion is not None:
        found["fair_competition_conclusion"] = conclusion
        found.setdefault("fair_competition_review", Reading(True, conclusion.start, conclusion.end))
    deliberation = found.get("collective_deliberation")
    if deliberation is not None and deliberation.value:
        found.update(read_meeting(masked, deliberation))
    return found


# --- dates: effective date, publication, validity, with their evidence -------------------------------------

IMMEDIATE_REASON_RE = rx.compile(
    r"(?:因|由于|鉴于|为)[^。]{0,40}?(?:紧急|紧迫|急需|及时|尽快|立即|突发|疫情|灾害|汛期|安全)|"
    r"不立即施行将|公布后不立即施行"
)


SENTENCE_BREAK_CHARS = "。！？!?\n"  # the breaks of SENTENCE_PIECE


def sentence_around(norm: str, position: int) -> tuple[int, int]:
    """The sentence holding `position`: from after the previous break to the next break, inclusive."""
    spans = sentences(norm)
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    if index >= 0 and position < spans[index][1]:
        return spans[index]
    # Only a break right after another break lies in none of sentences(): it is a sentence of its own here.
    start = max(norm.rfind(char, 0, position) for char in SENTENCE_BREAK_CHARS) + 1
    ends = [found for char in SENTENCE_BREAK_CHARS if (found := norm.find(char, position)) >= 0]
    end = min(ends) if ends else len(norm)
    return start, min(len(norm), end + 1)


def read_dates(norm: str, title: str | None) -> dict[str, Reading]:
    found: dict[str, Reading] = {}
    clauses = list(EFFECTIVE_RE.finditer(norm))
    if clauses:
        last = clauses[-1]
        effective = effective_date_of(last)
        start, end = sentence_around(norm, last.start())
        found["effective_date"] = Reading(effective, start, end)
        if IMMEDIATE_REASON_RE.search(norm[max(0, start - 200):end]):
            found["effective_reason"] = Reading(True, start, end)
    elif (issued := ISSUED_IN_FORCE_RE.search(norm)) is not None and (day := parse_date(issued.group(1))):
        start, end = sentence_around(norm, issued.start())
        found["effective_date"] = Reading(day.isoformat(), start, end)
    published = publication_date(norm)
    if published is not None:
        position = norm.rfind(published[:4])
        start, end = sentence_around(norm, max(position, 0))
        found["publication_date"] = Reading(published, start, end)
    valid = validity(norm)
    if valid is not None:
        match = validity_match(norm)
        start, end = sentence_around(norm, match.start() if match else 0)
        found["validity"] = Reading(valid, start, end)
    provisional = is_provisional(title)
    if provisional is not None:
        found["provisional"] = Reading(provisional, 0, 0)
    return found


# --- derived checks (so rules stay declarative) -----------------------------------------------------------




# The formula of a document as issued: 「特此通告」「现予公布」「现将…印发给你们」.
ISSUED_FORMULA_RE = rx.compile(r"特此(?:通告|公告|通知)|现予(?:以)?(?:公布|印发|发布)|印发给你们")


def is_issued(facts: Facts, norm: str = "") -> bool:
    """A document with a 文号, a publication date or the formula of issue, and no draft mark in its title."""
    if facts.title and DRAFT_MARK_RE.search(facts.title):
        return False
    return bool(facts.doc_number or facts.publication_date or ISSUED_FORMULA_RE.search(norm))


def derive_checks(facts: Facts, thresholds: Thresholds, *, notice: bool = False,
                  under_review: bool = False, norm: str = "") -> dict[str, Any]:
    """Yes/no answers the procedure rules read; None where the facts cannot tell.

    `notice`: the text is a call for comments or a report on one, not a draft; what a draft lacks is not asked.
    `under_review`: the draft of a package (`doclint review`), a draft whatever date it carries.
    """
    procedure = facts.procedure
    checks: dict[str, Any] = {}
    issued = is_issued(facts, norm) and not under_review
    checks["consultation_notice"] = notice
    checks["issued"] = issued

    days = procedure.consultation_days
    shortened_reason = bool(procedure.consultation_shortened_reason)
    checks["consultation_threshold_days"] = thresholds.consultation_days
    checks["consultation_too_short"] = (
        None if days is None else days < thresholds.consultation_days and not shortened_reason
    )
    checks["consultation_period_unstated"] = procedure.public_consultation is True and days is None

    effective = iso_date(facts.effective_date)
    published = iso_date(facts.publication_date)
    reason = bool(facts.effective_reason)
    gap = (effective - published).days if effective and published else None
    checks["effective_gap_days"] = gap
    checks["effective_too_soon"] = (
        None if gap is None else 0 <= gap < thresholds.effective_gap_days and not reason
    )
    immediate = isinstance(facts.effective_date, str) and facts.effective_date.startswith("自")
    checks["effective_on_publication"] = immediate and not reason

    years = validity_years(facts.validity, facts.effective_date if effective else facts.publication_date)
    checks["validity_years"] = years
    # A draft is told its validity is missing; an issued document (filing review) in other words (PRO015).
    checks["validity_missing"] = facts.validity is None and not notice and not issued
    checks["validity_missing_issued"] = facts.validity is None and not notice and issued
    checks["validity_too_long"] = None if years is None else years > thresholds.validity_max_years
    checks["provisional_validity_too_long"] = (
        None if years is None or facts.provisional is None
        else bool(facts.provisional) and years > thresholds.provisional_validity_max_years
    )
    return checks


# --- putting it together for one text ---------------------------------------------------------------------

DATE_FACTS = ("effective_date", "publication_date", "validity", "provisional", "effective_reason")


def evidence_for(reading: Reading, file: str, source: str) -> Evidence | None:
    if reading.end <= reading.start:
        return None
    text = source[reading.start:reading.end].strip()
    return assemble(Evidence, file=file, text=text, start=reading.start, end=reading.end)  # str and ints here


def apply_readings(facts: Facts, readings: dict[str, Reading], file: str, source: str) -> None:
    """Copies readings into `facts` (procedure fields, date fields, extras) with their evidence."""
    procedure: dict[str, Any] = {}
    for name, reading in readings.items():
        if name in DATE_FACTS:
            setattr(facts, name, reading.value)
        else:
            procedure[name] = reading.value
        evidence = evidence_for(reading, file, source)
        if evidence is not None:
            facts.evidence[name] = evidence
    if procedure:  # most single drafts state no procedure at all: keep the model they have
        facts.procedure = Procedure.model_validate({**facts.procedure.model_dump(), **procedure})


def text_facts(name: str, source: str, norm: str, title: str | None, thresholds: Thresholds,
               base: Facts | None = None) -> Facts:
    """Facts one text shows by its own words; procedure steps it is silent on stay None.

    `base` (the facts the structure already gave) is filled in place and returned.
    """
    title = document_title(norm, title)
    facts = base if base is not None else Facts(title=title)
    facts.title = title
    facts.issuer = recognise_issuer(norm, title)
    readings = read_dates(norm, title)
    readings.update(read_procedure(norm, title))
    apply_readings(facts, readings, name, source)
    facts.checks = derive_checks(facts, thresholds, notice=is_consultation_notice(norm) or is_consultation_report(norm),
                                 norm=norm)
    return facts
