"""Detectors for the form of a draft: 文号, title, numbering of 章/节/条, internal cross-references, mixed
numbering styles, and the 施行日期 (present, well formed, not before the document's own date)."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import re
from collections.abc import Iterator

from doclint import rx
from doclint.checks.citation import citations
from doclint.citations.as_of import signing_date
from doclint.document import Document
from doclint.engine.detector import Hit, detector
from doclint.facts.dates import EFFECTIVE_RE, parse_date
from doclint.text.numerals import NUMERAL_CHARS, chinese_to_int, int_to_chinese
from doclint.text.structure import DOC_KINDS, ISSUER_SUFFIX, Article, Heading

_N = f"[{NUMERAL_CHARS}0-9]+"

# ------------------------------------------------------------------------------------------ 文号

# Matched on the normalised text (where （）﹝﹞ are folded); the brackets themselves are read from the source.
DOC_NUMBER_RE = rx.compile(
    r"(?P<code>[\u4e00-\u9fff×]{1,12})\s*(?P<open>[〔\[（【〈<{])\s*(?P<year>[0-9]{2,4})\s*(?P<close>[〕\]）】〉>}])"
    r"\s*(?P<di>第)?\s*(?P<num>[0-9]{1,5})\s*号"
)
HEADER_LINES = 15
HEADER_LINE_MAX = 40


def _doc_number_candidates(doc: Document) -> Iterator[re.Match[str]]:
    """文号 in the header lines (版头), and 文号 in parentheses right after a cited title: 《…》（…号）."""
    seen: set[int] = set()
    norm, line_starts = doc.norm, doc.structure.line_starts
    header_end = line_starts[HEADER_LINES] if len(line_starts) > HEADER_LINES else len(norm)
    # Every 文号 ends in 号: visit the header lines that hold one, not every header line.
    mark = norm.find("号", 0, header_end)
    while mark >= 0:
        start = line_starts[bisect.bisect_right(line_starts, mark) - 1]
        end = norm.find("\n", mark)
        end = len(norm) if end < 0 else end
        if end - start <= HEADER_LINE_MAX:  # longer is no 文号 line
            for match in DOC_NUMBER_RE.finditer(norm, start, end):
                seen.add(match.start())
                yield match
        mark = norm.find("号", end, header_end)
    # Only right after 《…》（ can a 文号 in the body be a cited document's; look there and nowhere else.
    position = doc.norm.find("》（")
    while position != -1:
        cited = DOC_NUMBER_RE.match(doc.norm, position + 2)
        if cited and cited.start() not in seen:
            yield cited
        position = doc.norm.find("》（", position + 2)


def _full_year(year: str) -> str:
    if len(year) == 4:
        return year
    short = int(year[-2:])
    return f"{2000 + short}" if short <= dt.date.today().year % 100 else f"{1900 + short}"


@detector("form.doc-number-format")
def doc_number_format(doc: Document) -> list[Hit]:
    """文号 not in the GB/T 9704-2012 form 机关代字〔2018〕152号."""
    hits = []
    for match in _doc_number_candidates(doc):
        problems = []
        opened, closed = doc.source[match.start("open")], doc.source[match.start("close")]
        # ﹝﹞ are compatibility forms of 〔〕 that print the same; not worth a reviewer's time.
        if (opened, closed) not in (("〔", "〕"), ("﹝", "﹞")):
            problems.append(f"年份应当用六角括号「〔〕」，不用「{opened}{closed}」")
        year = match.group("year")
        if len(year) != 4:
            problems.append("年份应当写全四位")
        if match.group("di"):
            problems.append("发文顺序号前不加「第」")
        number = match.group("num")
        if number.startswith("0"):
            problems.append("发文顺序号不编虚位（不加前导零）")
        if not problems:
            continue
        fixed = f"{match.group('code')}〔{_full_year(year)}〕{int(number)}号"
        hits.append(Hit(match.start(), match.end(), {"problems": "；".join(problems), "fixed": fixed}))
    return hits


# ------------------------------------------------------------------------------------------ title

DRAFT_NOTE_RE = rx.compile(r"(?:（[^（）]{0,12}(?:稿|草案|试行|暂行|修订|代拟)[^（）]{0,6}）)+$")
WHITESPACE_RE = rx.compile(r"\s+")
FOUR_CJK_RE = rx.compile(r"[\u4e00-\u9fff]{4}")
LAW_TITLE_RE = rx.compile(r"(?:(?<![办方做手说算看想])法|条例)$")


def _title_core(doc: Document) -> tuple[str, int, int] | None:
    """The title without a trailing （征求意见稿）（试行）…, with its span (read once per document: four
    detectors ask)."""
    return doc.memo(("form", "title-core"), _read_title_core)


def _read_title_core(doc: Document) -> tuple[str, int, int] | None:
    structure = doc.structure
    if structure.title is None or structure.title_span is None:
        return None
    span = structure.title_span
    text = doc.norm[span.start:span.end].replace("\n", "")
    if "号" in text and DOC_NUMBER_RE.search(text):
        return None  # the structure took the 文号 line for the title; nothing to say about it here
    core = DRAFT_NOTE_RE.sub("", WHITESPACE_RE.sub("", text))
    return core, span.start, span.end


HEADING_START_RE = rx.compile(rf"^(?:{_N}[、.]|（{_N}）|第{_N}[章节条])")


def plausible_title(doc: Document, core: str) -> bool:
    """Whether the line the structure took for the title reads like one (web pages give 标题, 意见征集, an organ…)."""
    if len(core) < 6 or not FOUR_CJK_RE.search(core) or "：" in core:
        return False
    if HEADING_START_RE.match(core) or ISSUER_SUFFIX.search(core):
        return False
    return "关于" in core or doc.structure.has_articles


@detector("form.title-missing-kind")
def title_missing_kind(doc: Document) -> list[Hit]:
    """A title (with 关于, or over 条) that does not end in a document kind (通知、办法、意见…)."""
    found = _title_core(doc)
    if found is None or not plausible_title(doc, found[0]):
        return []
    core, start, end = found
    if core.endswith(DOC_KINDS) or LAW_TITLE_RE.search(core):
        return []  # a 法/条例 title has a kind, only the wrong one (form.title-named-law)
    return [Hit(start, end, {"title": core})]


@detector("form.title-missing-issuer")
def title_missing_issuer(doc: Document) -> list[Hit]:
    """A 关于… title that leaves out the issuing organ."""
    found = _title_core(doc)
    if found is None or not found[0].startswith("关于"):
        return []
    return [Hit(found[1], found[2], {"title": found[0]})]


@detector("form.title-named-law")
def title_named_law(doc: Document) -> list[Hit]:
    """A normative document (or 规章) titled …法 or …条例, names reserved for laws and 法规."""
    found = _title_core(doc)
    if found is None:
        return []
    core, start, end = found
    kind = LAW_TITLE_RE.search(core)
    if kind is None or "关于" in core:
        return []
    return [Hit(start, end, {"title": core, "kind": kind.group(0)})]


# ------------------------------------------------------------------------------------------ numbering

KIND_NAMES = {"chapter": "章", "section": "节", "article": "条", "level1": "、"}


def _label(kind: str, number: int) -> str:
    if kind == "level1":
        return f"{int_to_chinese(number)}、"
    return f"第{int_to_chinese(number)}{KIND_NAMES[kind]}"


def _sequence_problems(headings: list[Heading], kind: str) -> Iterator[Hit]:
    """Gaps, repeats and backward jumps in one run of headings; a return to 1 starts a new run (an annex)."""
    previous: int | None = None
    for heading in headings:
        number = heading.number
        if number is None:
            continue
        problem = None
        if previous is None:
            if number != 1:
                problem = f"编号从{_label(kind, number)}开始，缺少{_label(kind, 1)}"
        elif number == 1:
            pass
        elif number == previous:
            problem = f"{_label(kind, number)}重复"
        elif number < previous:
            problem = f"{_label(kind, number)}排在{_label(kind, previous)}之后，顺序颠倒"
        elif number > previous + 1:
            missing = _label(kind, previous + 1)
            if number > previous + 2:
                missing += f"至{_label(kind, number - 1)}"
            problem = f"{_label(kind, previous)}之后是{_label(kind, number)}，缺少{missing}"
        if problem:
            start = heading.start + (len(heading.label) - len(heading.label.lstrip()))
            yield Hit(start, start + len(heading.label.strip()), {"problem": problem})
        previous = number


def _chinese_level1(headings: list[Heading]) -> list[Heading]:
    """一、二、 sections; the structure also files 1、 lines as level1, which are a lower level."""
    return [h for h in headings if h.kind == "level1" and not h.label.strip()[:1].isdigit()]


LEVEL1_LINE_RE = rx.compile(r"^[ \t]*([零〇一二三四五六七八九十百]+)[ \t]*、", re.MULTILINE)


def _level1_lines(doc: Document) -> list[Heading]:
    """一、 sections read from the lines, tolerating a space before 、 (四 、) that the structure misses."""
    out = []
    for match in LEVEL1_LINE_RE.finditer(doc.norm):
        line = bisect.bisect_right(doc.structure.line_starts, match.start()) - 1
        out.append(Heading("level1", chinese_to_int(match.group(1)), match.group(0), match.start(), match.end(), line))
    return out


SUPPLEMENT_RE = rx.compile(rf"\s*第{_N}条之")


def _is_supplement(doc: Document, heading: Heading) -> bool:
    """第十条之一: inserted articles stand outside the count."""
    return bool(SUPPLEMENT_RE.match(doc.norm, heading.start, heading.end))


@detector("form.numbering-sequence")
def numbering_sequence(doc: Document) -> list[Hit]:
    """Chapters, sections (per chapter), articles, and 一、二、 sections that skip, repeat or run backwards."""
    headings = doc.structure.headings
    hits: list[Hit] = []
    if doc.structure.has_articles:
        hits.extend(_sequence_problems([h for h in headings if h.kind == "chapter"], "chapter"))
        sections: list[Heading] = []
        for heading in headings:
            if heading.kind == "chapter":
                hits.extend(_sequence_problems(sections, "section"))
                sections = []
            elif heading.kind == "section":
                sections.append(heading)
        hits.extend(_sequence_problems(sections, "section"))
        articles = [h for h in headings if h.kind == "article" and not _is_supplement(doc, h)]
        hits.extend(_sequence_problems(articles, "article"))
    else:
        level1 = _level1_lines(doc)
        if len(level1) >= 2:
            hits.extend(_sequence_problems(level1, "level1"))
    return sorted(hits, key=lambda h: h.start)


# ------------------------------------------------------------------------------------------ cross-references

SELF_NAMES = r"(?:实施细则|实施办法|办法|规定|细则|条例|规则|意见|决定|通知|方案|措施|准则|标准)"
SELF_ARTICLE_RE = rx.compile(
    rf"本{SELF_NAMES}第({_N})条(?:之{_N})?(?:第({_N})款)?(?:第?（({_N})）项|第({_N})项)?"
)
SELF_CHAPTER_RE = rx.compile(rf"本{SELF_NAMES}第({_N})章")
THIS_ARTICLE_RE = rx.compile(rf"本条第({_N})款")
BARE_ARTICLE_RE = rx.compile(rf"第({_N})条(?:之{_N})?(?:第({_N})款)?")
PREVIOUS_PARAGRAPH_RE = rx.compile(r"前款|前两款|前三款")
# A bare 第X条 after these belongs to another text: 行政处罚法第三十条, 该法第五条, 上述条例第九条.
FOREIGN_BEFORE = rx.compile(r"(?:法|条例|规定|办法|细则|决定|意见|通知|》|）|该|同|此|上述|原)$")


def _article_at(articles: list[Article], offset: int) -> Article | None:
    index = bisect.bisect_right([a.start for a in articles], offset) - 1
    if index < 0 or offset > articles[index].end:
        return None
    return articles[index]


def _paragraph_of(article: Article, offset: int) -> int:
    number = 1
    for start, _, paragraph in article.paragraphs:
        if start <= offset:
            number = paragraph
    return number


def _missing_article_ref(by_number: dict[int, Article], article: int, paragraph: int | None) -> str | None:
    target = by_number.get(article)
    if target is None:
        return f"本文件没有第{int_to_chinese(article)}条"
    if paragraph is not None and paragraph > len(target.paragraphs):
        return f"第{int_to_chinese(article)}条只有{int_to_chinese(len(target.paragraphs))}款"
    return None


@detector("form.broken-cross-reference")
def broken_cross_reference(doc: Document) -> list[Hit]:
    """本办法第十五条 / 第X条第X款 / 本条第X款 / 前款 / 本办法第X章 that point at nothing in the draft."""
    structure = doc.structure
    if not structure.has_articles:
        return []
    norm = doc.norm
    articles = [a for a in structure.articles if a.number is not None]
    by_number: dict[int, Article] = {}
    for article in articles:
        if article.number is not None and "之" not in article.label:
            by_number.setdefault(article.number, article)
    chapters = {h.number for h in structure.headings if h.kind == "chapter"}
    # Where each heading's text starts (after its indent): a 第X条 there is the article's own label.
    heading_starts = {h.end - len(norm[h.start:h.end].lstrip()) for h in structure.headings}
    foreign = [(ref.start, ref.end) for cite in citations(doc) for ref in cite.articles]
    hits: list[Hit] = []
    covered: list[tuple[int, int]] = []

    def add(start: int, end: int, problem: str) -> None:
        covered.append((start, end))
        hits.append(Hit(start, end, {"problem": problem}))

    for match in SELF_ARTICLE_RE.finditer(norm):
        number = chinese_to_int(match.group(1))
        paragraph = chinese_to_int(match.group(2)) if match.group(2) else None
        if number is not None and (problem := _missing_article_ref(by_number, number, paragraph)):
            add(match.start(), match.end(), problem)
        covered.append((match.start(), match.end()))
    for match in SELF_CHAPTER_RE.finditer(norm):
        number = chinese_to_int(match.group(1))
        if chapters and number is not None and number not in chapters:
            add(match.start(), match.end(), f"本文件没有第{int_to_chinese(number)}章")
    for match in BARE_ARTICLE_RE.finditer(norm):
        start = match.start()
        if start in heading_starts or any(s <= start < e for s, e in covered + foreign):
            continue
        if FOREIGN_BEFORE.search(norm[max(0, start - 4):start]):
            continue
        number = chinese_to_int(match.group(1))
        paragraph = chinese_to_int(match.group(2)) if match.group(2) else None
        if number is not None and (problem := _missing_article_ref(by_number, number, paragraph)):
            add(start, match.end(), problem)
    for match in THIS_ARTICLE_RE.finditer(norm):
        here = _article_at(articles, match.start())
        number = chinese_to_int(match.group(1))
        if here is not None and number is not None and number > len(here.paragraphs):
            add(match.start(), match.end(), f"{here.label}只有{int_to_chinese(len(here.paragraphs))}款")
    for match in PREVIOUS_PARAGRAPH_RE.finditer(norm):
        here = _article_at(articles, match.start())
        if here is None:
            continue
        needed = {"前款": 1, "前两款": 2, "前三款": 3}[match.group(0)]
        if _paragraph_of(here, match.start()) <= needed:
            add(match.start(), match.end(), f"「{match.group(0)}」所在的是{here.label}第一款，前面没有相应的款")
    return sorted(hits, key=lambda h: h.start)


# ------------------------------------------------------------------------------------------ mixed styles

ARABIC_MARK_RE = rx.compile(r"^[ \t]*([0-9]{1,3})([.、])(?![0-9])", re.MULTILINE)


@detector("form.mixed-numbering")
def mixed_numbering(doc: Document) -> list[Hit]:
    """一、 sections inside 第X条 articles; 1. and 1、 both used for the same level."""
    structure = doc.structure
    hits: list[Hit] = []
    article_starts = [h.start for h in structure.headings if h.kind == "article"]
    if structure.has_articles and article_starts:
        inside = [h for h in _chinese_level1(structure.headings)
                  if article_starts[0] < h.start < structure.articles[-1].end]
        if inside:
            first = inside[0]
            start = first.start + len(first.label) - len(first.label.lstrip())
            hits.append(Hit(start, start + len(first.label.strip()), {
                "problem": f"按「第X条」编排的条文中又使用了「一、」式序号（共{len(inside)}处），项应当用「（一）」",
            }))
    marks = list(ARABIC_MARK_RE.finditer(doc.norm))
    dots = [m for m in marks if m.group(2) == "."]
    commas = [m for m in marks if m.group(2) == "、"]
    if dots and commas:
        minority = commas if len(commas) <= len(dots) else dots
        first_mark = minority[0]
        used, other = ("1、", "1.") if minority is commas else ("1.", "1、")
        hits.append(Hit(first_mark.start(1), first_mark.end(2), {
            "problem": f"阿拉伯数字序号同时使用「{other}」和「{used}」两种写法（「{used}」共{len(minority)}处）",
        }))
    return sorted(hits, key=lambda h: h.start)


# ------------------------------------------------------------------------------------------ 施行日期

NUM = "[0-9零〇一二两三四五六七八九十]"
EFFECT_CLAUSE_RE = rx.compile(
    r"(?:本(?:实施细则|实施办法|办法|规定|细则|意见|通知|决定|方案|措施|规则|通告|公告|准则|标准|文件)|本文)"
    r"[^。；，\n]{0,8}?(?:自|从|于)([^。；\n]{1,30}?)(?:起|开始)?\s*(?:施行|实施|执行|生效)"
)
# What makes the phrase a date at all (a numeral, or 印发之日); 本办法适用于…实施 is no effective clause.
DATE_WORD_RE = rx.compile(rf"{NUM}|[.．/-]|之日|印发|发布|公布")
DEFERRED_RE = rx.compile(r"(?:印发|发布|公布|公告|签发)之日起(?:满)?\s*[0-9一二三四五六七八九十]+\s*(?:日|天|个月)后")
FULL_DATE_RE = rx.compile(rf"{NUM}+\s*年\s*{NUM}+\s*月\s*{NUM}+\s*日")
PUBLICATION_DAY_RE = rx.compile(r"(?:印发|发布|公布|公告|签发|颁布|下发|通过|发文)之日")


def _effective_clauses(doc: Document) -> list[tuple[re.Match[str], bool]]:
    """Each 本办法自…起施行 clause, and whether it is well formed (read once per document: two detectors ask)."""
    return doc.memo(("form", "effective-clauses"), lambda d: list(_read_effective_clauses(d)))


def _read_effective_clauses(doc: Document) -> Iterator[tuple[re.Match[str], bool]]:
    for match in EFFECT_CLAUSE_RE.finditer(doc.norm):
        phrase = match.group(1)
        if not DATE_WORD_RE.search(phrase):
            continue
        if DEFERRED_RE.search(phrase) or PUBLICATION_DAY_RE.search(phrase):
            yield match, True
            continue
        # 自2025年1月1日起 / 自2025年1月1日至2025年12月31日: every full date in it must be a real day.
        dates = FULL_DATE_RE.findall(phrase)
        yield match, bool(dates) and all(parse_date(d) is not None for d in dates)


def _looks_complete(doc: Document) -> bool:
    """A whole draft (a title and 条 or several paragraphs), not a pasted passage."""
    structure = doc.structure
    return structure.title is not None and (structure.has_articles or len(structure.paragraphs) >= 5)


@detector("form.effective-date-missing")
def effective_date_missing(doc: Document) -> list[Hit]:
    """A complete draft with no 施行日期 clause at all.

    An issued document (one with a 文号 or a publication date) is not a draft: it took effect when it was
    issued, and telling its reader to add a clause to a text already in force helps no one.
    """
    found = _title_core(doc)
    if found is None or not _looks_complete(doc) or not plausible_title(doc, found[0]):
        return []
    if _already_issued(doc):
        return []
    if EFFECTIVE_RE.search(doc.norm) or _effective_clauses(doc):
        return []  # one that is malformed is form.effective-date-malformed's to report
    return [Hit(*_closing_line(doc, found[1], found[2]))]


def _already_issued(doc: Document) -> bool:
    facts = doc.facts or {}
    return bool(facts.get("doc_number") or facts.get("publication_date"))


def _closing_line(doc: Document, title_start: int, title_end: int) -> tuple[int, int]:
    """Where a 施行日期 clause belongs: the first line of the last article (else of the last paragraph).

    Not the title: a finding there reads as a fault of the title, and sits on top of the document-level
    findings of other rules.
    """
    structure = doc.structure
    if structure.articles:
        start, end = structure.articles[-1].start, structure.articles[-1].end
    elif structure.paragraphs and structure.paragraphs[-1].start >= title_end:
        start, end = structure.paragraphs[-1].start, structure.paragraphs[-1].end
    else:
        return title_start, title_end
    line_end = doc.source.find("\n", start, end)
    end = line_end if line_end > start else end
    while end > start and doc.source[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else (title_start, title_end)


@detector("form.effective-date-malformed")
def effective_date_malformed(doc: Document) -> list[Hit]:
    """本办法自2024年3月起施行, 自2024年2月30日起施行, 自2024.3.1起施行: a 施行日期 that names no real day."""
    return [Hit(match.start(), match.end(), {"phrase": match.group(1).strip()})
            for match, well_formed in _effective_clauses(doc) if not well_formed]


@detector("form.effective-before-signing")
def effective_before_signing(doc: Document) -> list[Hit]:
    """A 施行日期 earlier than the document's own date (成文日期 under the signature, or its publication date)."""
    own: list[tuple[dt.date, str]] = []
    signed = signing_date(doc)
    if signed is not None:
        own.append((signed.date, "成文日期"))
    published = doc.facts.get("publication_date") if doc.facts else None
    if isinstance(published, str):
        with contextlib.suppress(ValueError):
            own.append((dt.date.fromisoformat(published), "发布日期"))
    if not own:
        return []
    latest, which = max(own)
    hits = []
    for match in EFFECTIVE_RE.finditer(doc.norm):
        effective = parse_date(match.group(1))
        if effective is not None and effective < latest:
            hits.append(Hit(match.start(1), match.end(1), {
                "effective": f"{effective.year}年{effective.month}月{effective.day}日",
                "own_date": f"{latest.year}年{latest.month}月{latest.day}日", "which": which,
            }))
    return hits
