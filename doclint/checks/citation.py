"""Detectors for citations of higher law: repealed laws, articles that do not exist or were renumbered,
misnamed laws, a missing 中华人民共和国, and 规章 or documents cited as if they were laws."""

from __future__ import annotations

import datetime as dt
import difflib

from doclint import rx
from doclint.citations.as_of import citation_date
from doclint.citations.lawdata import PRC, Law, LawVersion, closest_names, find_law
from doclint.citations.references import ArticleRef, Citation, find_citations
from doclint.document import Document
from doclint.engine.detector import Hit, detector
from doclint.text.numerals import int_to_chinese

# A title that claims to be a law or a regulation: …法 or …条例 (not 办法, 方法, 做法 …).
LAW_LIKE_RE = rx.compile(r"(?:(?<![办方做手说算看想])法|条例)$")
TRAILING_NOTE_RE = rx.compile(r"（[^（）]*）$")
# Local regulations (地方性法规) are not in the data: …省/市/自治区/州/县… at the head of the title.
LOCAL_PREFIX_RE = rx.compile(r"^[\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|州|县|盟|旗|经济特区)")
PLACEHOLDER_RE = rx.compile(r"[×xX＊*某…]|〇〇|ＸＸ")
# How close a misspelled title must be to a real one before we dare to suggest it (0..1, difflib ratio of the
# titles without 中华人民共和国): 0.7 lets one wrong character in a five-character name through.
SIMILARITY = 0.7
# Kinds of 规章 and 规范性文件 (a 行政法规 may also be called 规定/办法, so the data is asked first).
RULE_KIND_RE = rx.compile(r"(?:办法|规定|细则|规则|决定|意见|通知|方案|措施|规划|标准|指引|要点|目录|清单|通告|公告)$")
DOCUMENT_KIND_RE = rx.compile(r"(?:意见|通知|方案|措施|规划|指引|要点|目录|清单|通告|公告)$|^.{0,30}关于")
# What stands between two citations of one list: 《甲》、《乙》和《丙》.
LIST_JOINER_RE = rx.compile(r"\s*(?:、|，|和|及|以及|与)?\s*")
# The label a list of citations is given: 等法律规定 / 等法律法规 / 中的有关法规.
LABEL_RE = rx.compile(
    r"(?:等|中|之)?(?:国家)?(?:的)?(?:有关|相关)?(?:的)?"
    r"(法律法规规章|法律、法规、规章|法律、法规和规章|法律法规|法律、法规|法律和法规|法律、行政法规|法律和行政法规"
    r"|行政法规|法律|法规)"
)
LABEL_WIDENED_RE = rx.compile(r"^(?:、|和|及|以及)?(?:规章|规范性文件|政策|文件|有关文件)")
STRICT_LABELS = frozenset({"法律", "行政法规", "法律、行政法规", "法律和行政法规"})


def citations(doc: Document) -> list[Citation]:
    """The document's citations, parsed once per document."""
    return doc.memo(("citations",), lambda d: find_citations(d.norm))


def as_of(doc: Document) -> dt.date:
    """The date the document's citations are judged on (see citations.as_of); only asked where it cites."""
    return doc.memo(("citation-date",), citation_date)


def dated_citations(doc: Document) -> tuple[list[Citation], dt.date]:
    """The document's citations and the date they are judged on, worked out only when it cites something."""
    cites = citations(doc)
    return cites, as_of(doc) if cites else dt.date.min  # no citation: the date is never read


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def article_label(ref: ArticleRef) -> str:
    label = f"第{int_to_chinese(ref.article)}条"
    if ref.sub:
        label += f"之{int_to_chinese(ref.sub)}"
    return label


def quoted(name: str) -> str:
    return name if name.startswith("《") else f"《{name}》"


# ------------------------------------------------------------------------------------------ repealed


@detector("citation.repealed-law")
def repealed_law(doc: Document) -> list[Hit]:
    """Each citation of a law that is repealed on the document's date (short forms already reported skip)."""
    cites, on = dated_citations(doc)
    hits = []
    for cite in cites:
        law = cite.law
        if law is None or cite.via_alias or law.repealed is None or not law.is_repealed(on):
            continue
        repeal = law.repealed
        successor = f"，已由{quoted(repeal.successor)}取代" if repeal.successor else ""
        end = cite.articles[-1].end if cite.articles else cite.end
        hits.append(Hit(cite.start, end, {
            "law": quoted(law.name), "repealed_on": chinese_date(repeal.date), "successor": successor,
            "successor_name": quoted(repeal.successor) if repeal.successor else "现行有效的法律",
            "repeal_basis": repeal.basis or "",
        }))
    return hits


# ------------------------------------------------------------------------------------ article numbers


def version_for(law: Law, cite: Citation, on: dt.date) -> LawVersion | None:
    """The version cited: the edition named in the citation when the data has it, else the one in force."""
    if cite.edition_year is not None:
        for version in law.versions:
            if version.date.year == cite.edition_year:
                return version
    return law.version_on(on)


@detector("citation.article-out-of-range")
def article_out_of_range(doc: Document) -> list[Hit]:
    """第X条 beyond the number of articles of the version in force on the document's date."""
    cites, on = dated_citations(doc)
    hits = []
    for cite in cites:
        law = cite.law
        if law is None:
            continue
        version = version_for(law, cite, on)
        if version is None:
            continue
        for ref in cite.articles:
            if ref.article > version.articles:
                hits.append(Hit(ref.start, ref.end, {
                    "law": quoted(law.name), "article": article_label(ref), "count": str(version.articles),
                    "version": chinese_date(version.date),
                }))
    return hits


def _sentence_around(doc: Document, offset: int) -> str:
    for sentence in doc.structure.sentences:
        if sentence.full_start <= offset < sentence.full_end:
            return doc.norm[sentence.full_start:sentence.full_end]
    return doc.norm[max(0, offset - 60):offset + 60]


# Words of any citing sentence, which say nothing about which article is meant.
CITING_WORDS_RE = rx.compile(r"《[^《》]*》|第[^条款项]{1,8}[条款项]|依据|根据|按照|依照|参照|的规定|规定|本办法|本规定|本细则")
# Shared character pairs needed before the sentence's content counts as pointing at one edition.
EVIDENCE_MARGIN = 2


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum()}


def numbering_evidence(law: Law, cited: int, moved_to: int, old_label: str, sentence: str) -> int:
    """> 0: the sentence speaks of what the old article said; < 0: of today's article with that number; 0: no sign."""
    content = _bigrams(CITING_WORDS_RE.sub("，", sentence))
    old_version = next((v for v in law.versions if _label_matches(old_label, v.date)), None)
    old_text = (law.article_text(cited, old_version.date) if old_version else None) or law.article_text(moved_to)
    now_text = law.article_text(cited)
    old_score = len(content & _bigrams(old_text or ""))
    now_score = len(content & _bigrams(now_text or ""))
    if old_score - now_score >= EVIDENCE_MARGIN:
        return 1
    if now_score - old_score >= EVIDENCE_MARGIN:
        return -1
    return 0


@detector("citation.stale-article-number")
def stale_article_number(doc: Document) -> list[Hit]:
    """An article number of an edition that was later renumbered, in a document dated after the renumbering.

    Every number of the old edition may also be a number of the new one, so the sentence must point at the old
    content, or the number must be one drafts notoriously keep citing (立法法第八十条) with nothing against it.
    """
    cites, on = dated_citations(doc)
    hits = []
    for cite in cites:
        law = cite.law
        if law is None or law.latest is None or not cite.articles:
            continue
        for old_label, new_label in law.renumbering_spans:
            target = next((v for v in law.versions if _label_matches(new_label, v.date)), None)
            if target is None or on < target.start:
                continue
            if cite.edition_year is not None and cite.edition_year < target.date.year:
                continue  # the draft names the old edition on purpose
            for ref in cite.articles:
                new = law.renumbered(ref.article, old_label, law.latest.date)
                if new is None or new == ref.article:
                    continue
                evidence = numbering_evidence(law, ref.article, new, old_label, _sentence_around(doc, ref.start))
                if evidence < 0 or (evidence == 0 and not law.well_known_stale(ref.article, old_label, new_label)):
                    continue
                hits.append(Hit(ref.start, ref.end, {
                    "law": quoted(law.name), "article": article_label(ref),
                    "new_article": f"第{int_to_chinese(new)}条", "old_edition": old_label[:4],
                    "new_edition": str(target.date.year),
                }))
    return hits


def _label_matches(label: str, date: dt.date) -> bool:
    return label == date.isoformat() or (len(label) == 4 and date.year == int(label))


# ------------------------------------------------------------------------------------------ names


def _core(title: str) -> str:
    return TRAILING_NOTE_RE.sub("", title).removeprefix(PRC)


def looks_like_law(title: str) -> bool:
    core = _core(title)
    return bool(LAW_LIKE_RE.search(core)) and "关于" not in core and not PLACEHOLDER_RE.search(core)


@detector("citation.unknown-law")
def unknown_law(doc: Document) -> list[Hit]:
    """A 《…法》/《…条例》 the data does not hold, but which is one slip away from a real title."""
    hits = []
    for cite in citations(doc):
        if cite.law is not None or cite.via_alias or not looks_like_law(cite.title):
            continue
        core = _core(cite.title)
        if LOCAL_PREFIX_RE.match(core):
            continue
        close = [name for name in closest_names(core, limit=5)
                 if difflib.SequenceMatcher(None, core, _core(name), autojunk=False).ratio() >= SIMILARITY]
        if not close:
            continue
        full = [find_law(name) for name in close[:3]]
        names = "、".join(dict.fromkeys(quoted(law.name) for law in full if law is not None))
        hits.append(Hit(cite.start, cite.end, {"cited": quoted(cite.title), "names": names}))
    return hits


@detector("citation.missing-prc-prefix")
def missing_prc_prefix(doc: Document) -> list[Hit]:
    """The first citation of a 中华人民共和国… law written without it (later short mentions are fine), or
    with a space inside the prefix."""
    cites, on = dated_citations(doc)
    seen: set[str] = set()
    hits = []
    for cite in cites:
        law = cite.law
        if law is None or not cite.bracketed or cite.via_alias or law.name in seen:
            continue
        seen.add(law.name)
        compact = "".join(cite.title.split())
        spaced = compact != cite.title and compact.startswith(PRC)
        if law.name.startswith(PRC) and (spaced or not cite.title.startswith(PRC)) and not law.is_repealed(on):
            full = quoted(law.name)
            if spaced:
                # The full name is there, only split by a space (often left by a line break in a PDF or a
                # justified Word line): say that, not "use the full name" the text already has.
                advice, fix = f"名称中夹有空格，应写作{full}", f"删去名称中的空格，写作{full}。"
            else:
                advice = f"应当使用全称{full}"
                fix = f"改为{full}；后文需要简称的，可在首次引用后注明「（以下简称××）」。"
            hits.append(Hit(cite.start, cite.end, {"cited": quoted(cite.title), "law": full, "advice": advice,
                                                   "fix": fix}))
    return hits


# ------------------------------------------------------------------------------------------ level


def _citation_lists(found: list[Citation], norm: str) -> list[list[Citation]]:
    """Citations grouped into lists: 《甲》第一条、《乙》和《丙》 is one list."""
    groups: list[list[Citation]] = []
    for cite in found:
        if not cite.bracketed:
            continue
        if groups:
            last = groups[-1][-1]
            between = norm[last.tail:cite.start]
            joiner = LIST_JOINER_RE.fullmatch(between)
            if cite.start >= last.tail and joiner is not None:
                groups[-1].append(cite)
                continue
        groups.append([cite])
    return groups


def _not_a_law(cite: Citation, strict: bool) -> bool:
    """Whether a cited title is a 规章 or normative document, so calling it 法律 (strict) or 法规 misnames it."""
    law = cite.law
    if law is not None and law.level != "部门规章":
        return False
    core = _core(cite.title)
    if law is not None:  # a 部门规章 in the data
        return True
    # Unknown titles: a 地方性法规 may be called 规定 or 办法, so under 法规 only plain document kinds count.
    return bool(RULE_KIND_RE.search(core) if strict else DOCUMENT_KIND_RE.search(core))


@detector("citation.rule-cited-as-law")
def rule_cited_as_law(doc: Document) -> list[Hit]:
    """《××市××管理办法》等法律规定: a list of citations labelled 法律/法规 that holds a 规章 or document."""
    hits = []
    for group in _citation_lists(citations(doc), doc.norm):
        label = LABEL_RE.match(doc.norm, group[-1].tail)
        if label is None or "规章" in label.group(1):
            continue
        if LABEL_WIDENED_RE.match(doc.norm, label.end()):
            continue  # 法律法规和规范性文件: the label already owns up to the lower texts
        strict = label.group(1) in STRICT_LABELS
        for cite in group:
            if _not_a_law(cite, strict):
                hits.append(Hit(cite.start, label.end(), {"cited": quoted(cite.title), "label": label.group(1)}))
                break
    return hits
