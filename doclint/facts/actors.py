"""Who carries a duty: for each 应当/必须/不得… find the party it binds, private or administrative."""

from __future__ import annotations

import re
from dataclasses import dataclass

from doclint import rx

# Modal words that impose a duty or prohibition. 应 alone is only a modal when it is not part of 应急、相应…
MODAL = rx.compile(
    r"应当|必须|务必|须(?!知)|不得|禁止|严禁|不准|不许|不允许|不能|负责|有义务|有责任|应(?![急用对付聘届征变])(?<![相供对适反响回效呼顺感报答])"
)
# Markers that introduce an object or a beneficiary rather than the subject: 对企业…, 向申请人…
OBJECT_MARKERS = ("对", "向", "对于", "给予", "给", "与", "为", "和", "被", "替", "帮助", "督促", "指导", "要求",
                  "组织", "引导", "鼓励", "支持", "协助", "配合", "会同", "通知", "告知", "责令")
CLAUSE_BREAK = rx.compile(r"[，；：,;:]")
# A preposition right before an actor makes it an object (向村委会报备); 由 marks the agent and is not here.
# The preposition may stand before a short modifier of the actor (向市住建局: 局 is the matched word).
PREPOSITION_BEFORE = rx.compile(r"(?:向|(?<![绝相面])对|(?<![作认行成因])为|(?<![参给])与|给|(?<![存现所正实内外])在|"
                                r"(?<![已曾神])经|凭|会同|协助|督促|配合)[\u4e00-\u9fff]{0,4}$")
# Prepositions that open an adverbial or an object inside the subject's clause.
ADVERBIAL = rx.compile(r"在|对|向|为|与|经|由|给|按照|根据|依照|依据|会同|协助|督促|指导|要求|组织|通知|告知|责令|帮助")
# How far back from a modal the subject is sought. Real subjects sit within a clause or two; the bound keeps
# a pathological 200,000-character sentence linear instead of quadratic.
LOOKBACK = 200
# The clause's own numbering (一、（二）3. 第五条) says nothing about who is bound.
LEADING_NUMBER = rx.compile(r"^\s*(?:第[零〇一二两三四五六七八九十百千0-9]+条|[（(][零〇一二三四五六七八九十0-9]+[）)]|"
                            r"[零〇一二三四五六七八九十]+、|[0-9]+[.、．])\s*")


@dataclass(slots=True, unsafe_hash=True)
class Duty:
    modal_start: int
    modal_end: int
    actor: str  # private | government | unknown
    actor_text: str


class ActorClassifier:
    """Longest-match classifier over the actor lexicons (居民委员会 is not a 委员会 of government)."""

    def __init__(self, government: list[str], private: list[str], unknown: list[str]) -> None:
        self.kind: dict[str, str] = {}
        for term in unknown:
            self.kind[term] = "unknown"
        for term in government:
            self.kind[term] = "government"
        for term in private:
            self.kind[term] = "private"
        terms = sorted(self.kind, key=len, reverse=True)
        self.pattern = rx.compile("|".join(re.escape(t) for t in terms)) if terms else rx.compile(r"(?!)")

    def actors_in(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.kind[m.group(0)]) for m in self.pattern.finditer(text, start, end)]

    def _is_object(self, text: str, clause_start: int, actor_start: int) -> bool:
        prefix = LEADING_NUMBER.sub("", text[clause_start:actor_start]).lstrip()
        return prefix.startswith(OBJECT_MARKERS)

    def subject_before(self, text: str, sentence_start: int, modal_start: int) -> tuple[str, str]:
        """The actor that carries the modal at `modal_start`, searching back clause by clause."""
        sentence_start = max(sentence_start, modal_start - LOOKBACK)
        boundaries = [sentence_start] + [m.end() for m in CLAUSE_BREAK.finditer(text, sentence_start, modal_start)]
        for clause_start in reversed(boundaries):
            clause_end = modal_start if clause_start == boundaries[-1] else self._clause_end(text, clause_start)
            chosen: tuple[str, str] | None = None
            previous_end = clause_start
            for start, end, kind in self.actors_in(text, clause_start, clause_end):
                between = text[previous_end:start]
                previous_end = end
                if self._is_object(text, clause_start, start) and chosen is None:
                    continue
                if PREPOSITION_BEFORE.search(text[max(clause_start, start - 8):start]):
                    continue  # 向村委会报备, 对企业检查: the object of a preposition is not the subject
                if chosen is not None and ADVERBIAL.search(between):
                    continue  # 市场监管部门在企业申请时应当…: 企业 sits in an adverbial, not the subject
                # The head of the subject is the last noun before the modal: 各单位、…场所的从业人员必须…
                chosen = (kind, text[start:end])
            if chosen is not None:
                return chosen
        return "unknown", ""

    @staticmethod
    def _clause_end(text: str, clause_start: int) -> int:
        match = CLAUSE_BREAK.search(text, clause_start, clause_start + LOOKBACK)
        return match.start() if match else min(len(text), clause_start + LOOKBACK)

    def duties(self, text: str, start: int, end: int, sentence_start: int | None = None) -> list[Duty]:
        """Each modal in text[start:end] with the kind of party it binds."""
        found = []
        origin = start if sentence_start is None else sentence_start
        for match in MODAL.finditer(text, start, end):
            kind, actor_text = self.subject_before(text, origin, match.start())
            if kind == "unknown" and not actor_text and match.group(0) in ("禁止", "严禁", "不准", "不许", "不允许"):
                # A bare 禁止… with no subject addresses everyone, i.e. the public.
                prefix = LEADING_NUMBER.sub("", text[max(origin, match.start() - LOOKBACK):match.start()])
                if not prefix.strip() or prefix.rstrip().endswith(("，", "：", "；")):
                    kind = "private"
            found.append(Duty(match.start(), match.end(), kind, actor_text))
        return found
