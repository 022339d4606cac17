"""Whose voice a sentence is in: the document's own provision, or a report, judgement or case notice about another.

A work summary says 「全年审查文件八十件，纠正了三件自行设定罚款的文件」: the 罚款 is someone else's, described after
the fact. A draft says 「违反本办法的，处二百元罚款」: the 罚款 is its own. The vocabulary (genre words, reporting
verbs, count units) lives in rules/lexicons/voice_*.yaml; the grammar that combines it is here.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from doclint import rx
from doclint.facts.lexicons import bundled_lexicon

Voice = Literal["own", "reported"]
NUMBER = "[0-9零〇一二两三四五六七八九十百千万]+(?:\\.[0-9]+)?"
# Clause-internal text: stops at a clause or sentence break, so a marker never spans two provisions.
WITHIN = "[^，。；：！？\n]"
# Sentence-internal text: stops where structure.split_sentences ends a sentence (。！？； and line ends).
INSIDE = "[^。！？；!?;\n]"
# A deontic modal: the document itself binds someone. Reported sentences quote modals too; they are not counted.
PROVISION = rx.compile(r"应当|不得|必须|禁止|严禁|不准|须(?!知)|可以|由[^，。；\n]{1,20}?(?:负责|处|给予|责令|予以)")


def _terms(name: str) -> list[str]:
    return sorted(bundled_lexicon(name).terms, key=len, reverse=True)


def _alternation(name: str) -> str:
    return _trie_pattern(_terms(name))


def _trie_pattern(terms: list[str]) -> str:
    """The terms as a prefix trie (本(?:院认为|院)…): at each position one character test, not one per term.

    Measured: a flat alternation of the forty genre words cost as much as all the other markers together.
    """
    if not terms:
        return "(?!)"
    by_first: dict[str, list[str]] = {}
    ends_here = False
    for term in terms:
        if term:
            by_first.setdefault(term[0], []).append(term[1:])
        else:
            ends_here = True
    branches = [re.escape(first) + _trie_tail(rests) for first, rests in sorted(by_first.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def _trie_tail(rests: list[str]) -> str:
    return "" if rests == [""] else _trie_pattern(sorted(set(rests), key=len, reverse=True))


def _each_first(heads: tuple[str, ...], tail: str) -> str:
    """head1tail|head2tail…: every branch opens with a literal, so the engine can skip to where one occurs.

    A head after 每 is a rate a provision sets (每提高5个百分点…给予奖励), not a figure reported.
    """
    return "|".join(f"{re.escape(head)}(?<!每{re.escape(head)}){tail}" for head in heads)


@lru_cache(maxsize=1)
def marker_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per kind of reporting marker, the most specific first: a sentence is named by the first that hits.

    Kept apart rather than joined in one alternation, even two of a kind: each then starts with its own literals,
    which the regex engine scans for directly; joined, every branch was tried at every character (measured:
    the twenty patterns together cost a quarter of the one alternation).
    """
    verbs = _alternation("voice_report_verbs")
    units = _alternation("voice_count_units")
    kinds = [
        # 经审查，…认定 / 经查， : the finding of a reviewer or investigator about another's act.
        ("finding", rf"经(?:审查|审核|调查|核查|查明|研究){INSIDE}{{0,60}}?(?:认定|认为|发现|违反|存在)|经查[，,明实]"),
        # 该文件…违反《…》 / 违反了 said of another's text; 「上述单位违反本办法」 is the draft's own sanction clause.
        ("violation", _each_first(("该", "上述", "这些", "此类", "涉事", "所涉"),
                                  rf"{INSIDE}{{0,40}}?(?:违反|不符合|超越|超出)(?!本)")),
        ("violation", r"违反了"),
        ("genre", _trie_pattern([*_terms("voice_genre_words"), "判决书", "裁定书"])),
        ("genre", r"案例[0-9一二三四五六七八九十]+"),
        # 《办法》明确… : a policy interpretation speaks of the document by its short name; the document says 本办法.
        ("quotation", r"《(?:办法|规定|意见|通知|细则|方案|条例|决定|措施|实施意见|若干措施|实施细则)》"
                      r"(?:规定|明确|提出|要求|指出|共|分为|包括|对|将|从)"),
        # 规定了「…」等内容 / 设定“…”的条款: someone else's clause, quoted.
        ("quotation", r"[「“\"][^」”\"\n]{2,200}[」”\"](?:等(?:内容|规定|表述|条款|要求|字样)|的(?:规定|表述|内容|条款|字样))"),
        ("problem", rf"发现{INSIDE}{{0,40}}?存在{INSIDE}{{0,30}}?问题|存在(?:以下|如下)问题"),
        ("corrected", rf"(?:已|均已|已经|被)(?:责令{INSIDE}{{0,20}}?整改|予以(?:废止|纠正|撤销|修改)"
                      r"|(?:废止|修改|撤销|停止执行|纠正)(?!的))"),
        # 已审查文件八十件，/ 已于三月废止。 — done, not to be done (one lazy gap, never two nested: linear); 「已备案的项目」 (attributive 的) is a provision.
        ("past", rf"(?:已经?|均已|业已)(?:{WITHIN}{{0,16}}?)(?:{verbs})[^，。；：！？\n的]{{0,20}}"
                 rf"(?=[，。；：！？\n]|$)"),
        # The perfective 了 after a verb (纠正了, 推行了, 删除了); a provision says 为了, 了解, 除了…外.
        ("past", r"了(?<=[\u4e00-\u9fff]了)(?:(?<=[删排去清解免拆]除了)|(?<![为除]了))(?![解结])"),
        # 今年以来, 一年来, 2018年以来; 2018年，我市… The literal 年 leads, what precedes it is looked back at.
        ("past", r"年(?<=[今去一近多二三四五两0-9]年)以?来"),
        ("past", r"年(?<=(?:19|20)[0-9]{2}年)[，,]?(?:我|全)(?:市|区|县|省|局|委|厅|办|们|州|镇|院)"),
        # 我局积极… / 我市始终… : an office narrating its own work, as a report does.
        ("past", r"我(?:局|委|厅|办|市|区|县|院|们|省|州|镇)(?:积极|认真|始终|坚持|深入|大力|不断|持续|全面|着力|主动|先后)"),
        # 共/累计/全年 … 八十件, 同比增长12%: figures reported, not duties set. 「累计超过三次的」 is a condition, and
        # a heading's （共5项） a count of what follows.
        ("statistics", rf"(?:共(?<!公共)(?<!（共)计?(?![同享建治用性有担和青产])|累计|全年|合计|总计|先后)"
                       rf"(?:{WITHIN}{{0,24}}?)(?<![于过满到足达])(?:{NUMBER})\s*(?:{units})(?!以上|以下|以内|的|之)"),
        ("statistics", r"同比|环比|较上年|比上年"),
        ("statistics", _each_first(("增长", "下降", "提高", "上升", "减少"), rf"了?{NUMBER}\s*(?:%|个百分点|倍)")),
    ]
    return tuple((kind, rx.compile(pattern)) for kind, pattern in kinds)


def reporting_marker(text: str) -> str | None:
    """The kind of reporting marker in a sentence (past, statistics, finding, …; the first kind found), or None."""
    for kind, pattern in marker_patterns():
        if pattern.search(text):
            return kind
    return None


def sentence_voice(text: str) -> Voice:
    """`reported` when one normalised, simplified sentence reports, judges or quotes; `own` when it provides."""
    return "reported" if reporting_marker(text) else "own"


@dataclass(slots=True)
class VoiceProfile:
    """How much of a document reports on something else, and how much provides for itself."""

    sentences: int = 0
    reported: int = 0
    provisions: int = 0  # own-voice sentences with a deontic modal (应当, 不得, 由…处…)
    markers: Counter[str] = field(default_factory=Counter)

    @property
    def reported_share(self) -> float:
        return self.reported / self.sentences if self.sentences else 0.0


def voice_profile(norm: str, spans: list[tuple[int, int]]) -> VoiceProfile:
    """Count reported and provision sentences over the given sentence spans (in order) of the normalised text.

    Each pattern scans the region once, and its matches are placed in their sentences by bisection, at half the
    cost of a search per sentence. The verdicts are sentence_voice's: no pattern crosses a sentence end, except a
    quotation with a full stop inside, which counts for the sentence it opens in.
    """
    profile = VoiceProfile()
    kept = [(start, end) for start, end in spans if end - start >= 4]  # numbering and stray fragments say nothing
    if not kept:
        return profile
    starts = [start for start, _ in kept]
    low, high = kept[0][0], kept[-1][1]
    kinds: dict[int, str] = {}
    for kind, pattern in marker_patterns():
        for index in _sentences_hit(pattern, norm, low, high, starts, kept):
            kinds.setdefault(index, kind)
    provided = set(_sentences_hit(PROVISION, norm, low, high, starts, kept))
    profile.sentences = len(kept)
    profile.reported = len(kinds)
    profile.provisions = len(provided - kinds.keys())
    profile.markers.update(kinds.values())
    return profile


def _sentences_hit(pattern: re.Pattern[str], norm: str, low: int, high: int, starts: list[int],
                   spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of the spans in which a match of `pattern` starts (matches between spans are ignored)."""
    hit = []
    for match in pattern.finditer(norm, low, high):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < spans[index][1]:
            hit.append(index)
    return hit
