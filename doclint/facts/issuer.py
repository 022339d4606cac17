"""Who issued a document: read where officials put the issuer, the surest place first.

A filing-review batch groups its findings by issuer, so a wrong name misleads more than none. Each place is read
only in its own position: a portal's 发文机关 label; the 版头 (「…文件」, the organ over its 文号, a 公布令, a
人大常委会's 通过 line); the opening of the title; the signature block over the closing date; the 版记's 印发 line.
A name counts only when it ends as an organ's name ends (rules/lexicons/organ_suffixes.yaml, and
issuer_suffixes.yaml for endings that name an organ only in these positions) and holds no sentence, quotation or
party to a case. An organ the text merely mentions (a government a court reviewed, a law's drafter) is never read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from doclint import rx
from doclint.facts.lexicons import bundled_lexicon

HAN = r"[\u4e00-\u9fff]"
NUMERAL = r"[0-9零〇一二三四五六七八九十百]+"
# 二○○二年: pages type the zero as 〇, ○, O or 0.
DIGIT = "[0-9零〇○OoＯ一二三四五六七八九十]"
DATE = rf"{DIGIT}{{2,4}}\s*年\s*{DIGIT}{{1,2}}\s*月\s*{DIGIT}{{1,3}}\s*日"
# A 文号 anywhere on a line: 青政办发〔2023〕5号, 穗府办[1998]52号.
DOC_NUMBER = rx.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*[0-9]{4}\s*[〕\]］)）】]\s*[0-9]{1,5}\s*号")
# Brackets and labels a portal or a list wraps a name or title in: 「通告」, 【发布部门】, 《…》, quotes.
WRAPPER = rx.compile(r"^(?:[「【\[［(（][^」】\]］)）]{0,8}[」】\]］)）])+|^[《〈“\"'‘]+|[》〉”\"'’]+$")
WRAPPED_WHOLE = rx.compile(r"[「【\[［(（]([^」】\]］)）]+)[」】\]］)）]")
LABEL_WORDS = "发文机关|发布机关|发布部门|发文单位|制定机关|发布机构|发布单位|发文机构"
LABEL = rx.compile(rf"^[\s【\[]*(?:{LABEL_WORDS}|索引单位)[】\]]?\s*[：:]?\s*(.*)$")
LABEL_ANY = rx.compile(rf"{LABEL_WORDS}|索引单位")
# A portal's metadata table flattened onto one line: 「索引号：… 发布机构：青禾县财政局 生成日期：…」.
LABEL_INLINE = rx.compile(rf"【?(?:{LABEL_WORDS})】?\s*[：:]\s*([^\s|｜：:；;，,]{{2,40}})")
SENTENCE_END = rx.compile(r"[。！？；!?;]")
# Words no organ's name holds: a party to a case (甲公司诉乙县人民政府), a possessive, a market player, a
# quotation. Not 案 or 对: 档案局 and 对外贸易局 are organs.
NOT_A_NAME = rx.compile(r"诉|的|是|被|公司|集团|企业|有限|《|》|关于|等")
# Openings of a phrase that ends in an organ's ending without being one (各乡镇人民政府, 有关部门). Single
# characters such as 和 or 全 are not among them: 和平县 and 全州县 open organs' names.
NOT_AN_OPENING = rx.compile(r"^(?:各|有关|相关|上级|下级|下列|所在|主管|同级|联系|抄送|主送|附件|负责|会同|联合)")
# 部门 names a kind of organ (有关部门, 市场监管部门), never one organ.
KIND_NOT_ORGAN = ("部门",)
STATE_PREFIX = "中华人民共和国"
JOINERS = rx.compile(r"[、\s\u3000]+")


@lru_cache(maxsize=1)
def organ_pattern() -> re.Pattern[str]:
    """A whole organ's name: two to forty Han characters ending in an organ suffix from the lexicons."""
    terms = {*bundled_lexicon("organ_suffixes").terms, *bundled_lexicon("issuer_suffixes").terms}
    suffixes = sorted((term for term in terms if term not in KIND_NOT_ORGAN), key=len, reverse=True)
    return re.compile(rf"{HAN}{{1,38}}?(?:{'|'.join(map(re.escape, suffixes))})")


@lru_cache(maxsize=1)
def organ_finals() -> frozenset[str]:
    """The last characters of every organ ending: a line ending otherwise names no organ (most lines of a text)."""
    terms = {*bundled_lexicon("organ_suffixes").terms, *bundled_lexicon("issuer_suffixes").terms}
    return frozenset(term[-1] for term in terms if term)


@lru_cache(maxsize=1)
def place_suffix() -> str:
    """What a place's name ends with (市, 县, 开发区…), from rules/lexicons/place_suffixes.yaml."""
    terms = sorted(bundled_lexicon("place_suffixes").terms, key=len, reverse=True)
    return f"(?:{'|'.join(map(re.escape, terms))})"


def _unwrap(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = WRAPPER.sub("", text).strip()
    return text


def organ_name(text: str | None) -> str | None:
    """`text` as one organ's name, unwrapped and without spaces; None when it is anything else."""
    if not text:
        return None
    name = re.sub(r"[\s\u3000]+", "", text)
    if whole := WRAPPED_WHOLE.fullmatch(name):
        name = whole.group(1)  # 【青禾县人民政府】: the bracket holds the name, not a label before it
    name = _unwrap(name)
    if name.startswith(STATE_PREFIX) and len(name) > len(STATE_PREFIX) + 1:
        name = name[len(STATE_PREFIX):]  # 中华人民共和国国家安全部令: the ministry, as a batch groups it
    if (len(name) > 40 or not organ_pattern().fullmatch(name) or NOT_A_NAME.search(name)
            or NOT_AN_OPENING.match(name) or name.endswith(KIND_NOT_ORGAN)):
        return None
    return name


def organ_names(text: str | None) -> str | None:
    """One organ, or several issuing jointly (separated by spaces or 、), as 「甲局、乙局」; None otherwise."""
    if not text:
        return None
    text = text.strip()
    whole = WRAPPED_WHOLE.fullmatch(text)
    text = whole.group(1) if whole else _unwrap(text)
    if not text or text[-1] not in organ_finals():
        return None
    parts = [part for part in JOINERS.split(text) if part]
    if len(parts) > 1:
        names = [organ_name(part) for part in parts]
        if all(names):
            return "、".join(name for name in names if name)
    # Two names run together, else one name, perhaps letter-spaced in a 版头 (青 禾 县 人 民 政 府).
    return _joined_without_separator(text) or organ_name(text)


def _joined_without_separator(text: str) -> str | None:
    """「青禾市市场监督管理局青禾市财政局」: the second name repeats the first one's place (up to 市, 县…)."""
    compact = re.sub(r"[\s\u3000]+", "", text)
    place = re.match(rf"{HAN}{{1,12}}?{place_suffix()}", compact)
    if not place:
        return None
    cut = compact.find(place.group(0), place.end())
    if cut <= 0:
        return None
    first, rest = organ_name(compact[:cut]), organ_names(compact[cut:])
    return f"{first}、{rest}" if first and rest else None


# 监（jiān）管: a portal's reading aid puts pinyin after hard characters; it is no part of a name.
RUBY = rx.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[）)]")


def _without_ruby(text: str) -> str:
    return RUBY.sub("", text) if "（" in text or "(" in text else text


# The readers look at the first 40 lines and the last 20 at most: the body between is never read, so a long
# document costs no more than a short one.
HEAD_READ, TAIL_READ = 40, 20


def _lines(norm: str) -> list[str]:
    lines = [line for line in (raw.strip() for raw in norm.splitlines()) if line]
    if len(lines) > HEAD_READ + TAIL_READ:
        lines = lines[:HEAD_READ] + lines[-TAIL_READ:]
    return [_without_ruby(line) for line in lines]


def from_label(lines: list[str]) -> str | None:
    """「发文机关：X」 on a portal's page, or the label on a line of its own and the name on the next."""
    for index, line in enumerate(lines[:40]):
        if not LABEL_ANY.search(line):
            continue  # both readings below need a label word
        match = LABEL.match(line)
        if match:
            value = match.group(1).strip() or (lines[index + 1] if index + 1 < len(lines) else "")
            if found := organ_names(value):
                return found
        for inline in LABEL_INLINE.finditer(line):
            if found := organ_names(inline.group(1)):
                return found
    return None


MASTHEAD = rx.compile(r"^(.{2,80}?)\s*文\s*件$")
# 公布令: 「青禾市人民政府令（第12号）」, 「2022年6月6日 中华人民共和国国家安全部令第2号公布」.
ORDER = rx.compile(rf"^(?:{DATE}\s*)?(.{{2,40}}?)令\s*(?:[（(]?\s*第\s*{NUMERAL}\s*号\s*[)）]?)?\s*(?:公布|发布)?$")
# A dated promulgation line under the title: 「2018年12月4日 青禾县人民政府办公室印发（青政办发〔2018〕5号）」.
PROMULGATED = rx.compile(rf"^{DATE}\s*(.{{2,40}}?)\s*(?:发布|公布|印发)\s*(?:[（(][^（）()]{{2,30}}[)）])?$")
# A 地方性法规's first history line: 「2018年7月27日 青禾市第十五届人民代表大会常务委员会第五次会议通过」.
ADOPTED = rx.compile(rf"^(?:{DATE}\s*)?({HAN}{{0,20}}?)第{NUMERAL}届(全国)?(人民代表大会(?:常务委员会)?)"
                     rf"第{NUMERAL}次(?:全体)?会议(?:审议)?通过$")
HEAD_LINES = 10


def from_masthead(lines: list[str]) -> str | None:
    """The 版头 and promulgation lines at the top: 「…文件」, the organ beside or over the 文号, a 公布令, a dated
    发布/印发 line, a 人大常委会's 通过 line. Only the first lines are read: a law quoted in the body is not the issuer."""
    head = lines[:HEAD_LINES]
    for index, line in enumerate(head):
        if line.endswith("件") and (match := MASTHEAD.match(line)) and (found := organ_names(match.group(1))):
            return found
        if "号" in line and (number := DOC_NUMBER.search(line)) is not None:
            beside = line[:number.start()]
            if beside.strip() and (found := organ_names(beside)):
                return found
            if index > 0 and (found := organ_names(head[index - 1])):
                return found
        if "令" in line and (match := ORDER.match(line)) and (found := organ_names(match.group(1))):
            return found
        if "年" in line and (match := PROMULGATED.match(line)) and (found := organ_names(match.group(1))):
            return found
        if line.endswith("通过") and (match := ADOPTED.match(line)):
            place = match.group(1)
            if match.group(2) or re.search(f"{place_suffix()}$", place):
                return f"{place}{match.group(2) or ''}{match.group(3)}"
    return None


TITLE_OPENS = rx.compile(r"关于|印发|转发|批转")
# 「青禾县人民政府森林禁火令」「青禾县人民政府通告」: the organ, a few words at most, then the kind.
TITLE_SHORT_KIND = rx.compile(r"^.{0,6}?(?:令|命令|通告|公告)$")


def _quotes_another(title: str) -> bool:
    """The title opens a 《…》 that closes before the title ends: it is about that document."""
    if not title.startswith("《"):
        return False
    depth = 0
    for index, char in enumerate(title):
        depth += (char == "《") - (char == "》")
        if depth == 0:
            return bool(title[index + 1:].strip())
    return False


def from_title(title: str | None) -> str | None:
    """The organ (or organs) opening the title, before 关于/印发/转发/批转 or a short 通告/令 title."""
    if not title:
        return None
    text = title.strip()
    if _quotes_another(text):
        return None  # 《甲县人民政府关于…》解读: the title names another document, not this one's issuer
    text = _unwrap(text)
    opening = TITLE_OPENS.search(text)
    if opening is not None:
        return organ_names(text[:opening.start()]) if opening.start() else None
    pattern = organ_pattern()
    for match in pattern.finditer(text):
        if TITLE_SHORT_KIND.match(text[match.end():]):
            return organ_name(text[:match.end()])
    return None


SIGNATURE_DATE = rx.compile(rf"^(.*?)\s*({DATE})\s*(?:[（(][^）)]{{0,12}}[）)])?$")
PRINTED = rx.compile(rf"^(.{{2,80}}?)\s*{DATE}\s*印\s*发$")
TAIL_LINES = 15
# A 印发 notice set before the rules it issues signs in its first lines (organ over date, then the rules' text).
NOTICE_LINES = 20


def _signed_over_date(lines: list[str]) -> str | None:
    """Organ lines right over a date that is the whole line, or an organ beside the date on its line; the
    last such block of `lines`. An organ's name may precede the date after the last sentence, when a page ran the
    signature into the body."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if "年" not in line or not line.endswith(("日", "）", ")")):
            continue  # the date closes a signature line
        match = SIGNATURE_DATE.match(line)
        if not match:
            continue
        before = SENTENCE_END.split(match.group(1))[-1].strip()
        if before:
            if found := organ_names(before):
                return found
            continue
        names: list[str] = []
        for line in reversed(lines[max(0, index - 4):index]):
            found = organ_names(line)
            if not found:
                break
            names.insert(0, found)
        if names:
            return "、".join(names)
    return None


def from_signature(lines: list[str]) -> str | None:
    """The signature block at the end; else, undated, the last line alone right after the body's last sentence."""
    if found := _signed_over_date(lines[-TAIL_LINES:]):
        return found
    if len(lines) >= 2 and SENTENCE_END.search(lines[-2][-1:]) and (found := organ_names(lines[-1])):
        return found
    return None


def from_notice_signature(lines: list[str]) -> str | None:
    """The signature of a short 印发/颁布 notice that heads the rules it issues."""
    return _signed_over_date(lines[:NOTICE_LINES])


def from_printed(lines: list[str]) -> str | None:
    """The 版记's 「青禾县人民政府办公室 2023年5月6日印发」: the office that printed it, the issuer's own office."""
    for line in reversed(lines[-TAIL_LINES:]):
        if line.endswith("发") and (match := PRINTED.match(line)) and (found := organ_names(match.group(1))):
            return found
    return None


def from_beside_title(lines: list[str], title: str | None) -> str | None:
    """A portal's layout: the organ alone on the line right over or under the title, among the first lines."""
    if not title:
        return None
    compact = re.sub(r"\s+", "", title)
    for index, line in enumerate(lines[:6]):
        if re.sub(r"\s+", "", line) not in compact:
            continue
        for near in (index - 1, index + 1):
            if 0 <= near < len(lines) and (found := organ_names(lines[near])):
                return found
        return None
    return None


# 舞政〔2020〕3号, 青政办发〔2023〕5号: a government's or its office's 文号, the place abbreviated to its first
# character(s). Only these two kinds are read: a department's abbreviation (青市监, 穗府办) cannot be expanded safely.
GOVERNMENT_NUMBER = rx.compile(r"([\u4e00-\u9fff]{1,3}?)(政办|府办|政)(?:发|函|字|文)?\s*[〔\[［(（【]\s*[0-9]{4}")


def from_doc_number(lines: list[str], norm: str) -> str | None:
    """A 县/市 government's 文号 (舞政〔2020〕3号) with the place spelt out in the text (舞阳县): 舞阳县人民政府."""
    for line in lines[:15]:
        if "〔" not in line and "[" not in line and "［" not in line:
            continue
        if not (match := GOVERNMENT_NUMBER.search(line)):
            continue
        abbreviation, kind = match.group(1), match.group(2)
        # re, not rx: a pattern made from the document's own text is never kept in the cache
        place = re.compile(rf"{re.escape(abbreviation)}{HAN}{{0,4}}?(?:自治县|县|市|区|旗)(?![委长])").search(norm[:3000])
        if not place or NOT_AN_OPENING.match(place.group(0)):
            return None
        return place.group(0) + ("人民政府办公室" if kind in ("政办", "府办") else "人民政府")
    return None


def _relative(name: str) -> bool:
    """市人民政府 (of 市人民政府令第129号): named relative to the place, which another reading may give in full."""
    return re.match(place_suffix(), name) is not None


def recognise_issuer(norm: str, title: str | None) -> str | None:
    """The issuer, from the surest place that names one: label, 版头, title, signature, 印发 line, and then a
    notice's signature or the organ beside the title. A name relative to the place (市人民政府) is completed from
    a later reading that ends with it (安徽省青禾市人民政府)."""
    lines = _lines(norm)
    title = _without_ruby(title) if title else title
    readers: tuple[Callable[[], str | None], ...] = (
        lambda: from_label(lines), lambda: from_masthead(lines), lambda: from_title(title),
        lambda: from_signature(lines), lambda: from_printed(lines), lambda: from_notice_signature(lines),
        lambda: from_beside_title(lines, title), lambda: from_doc_number(lines, norm))
    relative: str | None = None
    for reader in readers:
        found = reader()
        if not found:
            continue
        if relative is None and not _relative(found):
            return found
        if relative is None:
            relative = found
        elif found.endswith(relative) and not _relative(found):
            return found
    return relative
