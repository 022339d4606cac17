"""Citations of other texts in a draft: 《title》 with its 第X条第X款第X项 references, and defined short forms.

Works on the normalised text (offsets equal the source's). A short form declared after a citation —
（以下简称《处罚法》）or（以下简称处罚法）— resolves later uses of it to the same law.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from doclint import rx
from doclint.citations.lawdata import Law, find_law
from doclint.text.numerals import NUMERAL_CHARS, chinese_to_int

__all__ = ["ARTICLE_REF_RE", "ArticleRef", "Citation", "find_citations"]

_N = f"[{NUMERAL_CHARS}0-9]+"
TITLE_RE = rx.compile(r"《([^《》\n]{1,80})》")
# An edition note right after the title: （2021年修订）, （2015年修正）, （试行）.
EDITION_RE = rx.compile(r"\s*（([^（）\n]{0,14}(?:修订|修正|修改|年|版|试行|暂行)[^（）\n]{0,4})）")
EDITION_YEAR_RE = rx.compile(r"((?:19|20)\d{2})")
#: One article reference: 第十六条, 第十六条之一, 第三十二条第一款第（一）项, 第二款 (of the last article).
ARTICLE_REF_RE = rx.compile(
    rf"第({_N})条(?:之({_N}))?(?:第({_N})款)?(?:第?（({_N})）项|第({_N})项)?"
)
PARAGRAPH_ONLY_RE = rx.compile(rf"第({_N})款(?:第?（({_N})）项|第({_N})项)?")
# What may stand between two references to the same law: 、 和 及 至 或者 …
REF_JOINER_RE = rx.compile(r"\s*(?:、|，|和|及|以及|与|或者|或|至|到|、以及)?\s*")
ALIAS_RE = rx.compile(r"\s*（以下(?:简称|称)\s*[“\"'《]?([^）”\"'》（\n]{1,20})[”\"'》]?\s*）")
SELF_TITLE_RE = rx.compile(r"^本(?:办法|规定|细则|通知|意见|决定|通告|方案|条例|实施|规则|措施)")


@dataclass(frozen=True)
class ArticleRef:
    """第X条(之X)(第X款)(第X项) after a citation; start/end: its span in the text."""

    article: int
    start: int
    end: int
    sub: int | None = None  # 之一
    paragraph: int | None = None
    item: int | None = None


@dataclass(frozen=True)
class Citation:
    """One mention of a text: 《title》 (bracketed) or a bare short form followed by an article reference."""

    title: str  # as written, without 《》
    start: int  # the span of 《title》 (or of the bare short form)
    end: int
    law: Law | None
    bracketed: bool = True
    via_alias: bool = False  # resolved through a 以下简称 declared earlier in the document
    edition_year: int | None = None
    articles: tuple[ArticleRef, ...] = ()
    tail: int = 0  # offset just past the citation and its references (where a label like 等法律规定 starts)


def _numeral(text: str | None) -> int | None:
    return chinese_to_int(text) if text else None


def parse_article_refs(norm: str, pos: int) -> tuple[list[ArticleRef], int]:
    """The article references that start at `pos` (joined by 、和及至…); returns them and where they end."""
    refs: list[ArticleRef] = []
    cursor = pos
    while True:
        joiner = REF_JOINER_RE.match(norm, cursor)
        at = joiner.end() if joiner and refs else cursor
        match = ARTICLE_REF_RE.match(norm, at)
        if match:
            article = _numeral(match.group(1))
            if article is None:
                break
            refs.append(ArticleRef(article, match.start(), match.end(), _numeral(match.group(2)),
                                   _numeral(match.group(3)), _numeral(match.group(4) or match.group(5))))
            cursor = match.end()
            continue
        paragraph = PARAGRAPH_ONLY_RE.match(norm, at) if refs else None
        if paragraph:
            last = refs[-1]
            refs.append(ArticleRef(last.article, paragraph.start(), paragraph.end(), last.sub,
                                   _numeral(paragraph.group(1)), _numeral(paragraph.group(2) or paragraph.group(3))))
            cursor = paragraph.end()
            continue
        break
    return refs, cursor


def find_citations(norm: str) -> list[Citation]:
    """Every 《…》 citation in order, plus uses of declared short forms (bracketed, or bare before 第X条)."""
    if "《" not in norm:
        return []  # a short form is only ever declared after a 《title》
    aliases: dict[str, Law | None] = {}
    declared_at: dict[str, int] = {}
    out: list[Citation] = []
    skip_until = 0
    for match in TITLE_RE.finditer(norm):
        if match.start() < skip_until:
            continue  # the 《简称》 inside a （以下简称《…》） declaration
        title = match.group(1).strip()
        if not title or SELF_TITLE_RE.match(title):
            continue
        cursor = match.end()
        edition_year: int | None = None
        edition = EDITION_RE.match(norm, cursor)
        if edition:
            year = EDITION_YEAR_RE.search(edition.group(1))
            edition_year = int(year.group(1)) if year else None
            cursor = edition.end()
        via_alias = title in aliases
        law = aliases[title] if via_alias else find_law(title)
        refs, tail = parse_article_refs(norm, cursor)
        # The declaration comes right after the title or after its article references.
        alias = ALIAS_RE.match(norm, tail if refs else cursor) or ALIAS_RE.match(norm, cursor)
        if alias:
            short = alias.group(1).strip()
            aliases[short] = law
            declared_at.setdefault(short, alias.end())
            skip_until = alias.end()
            if alias.start() == cursor and not refs:
                refs, tail = parse_article_refs(norm, alias.end())
            tail = max(tail, alias.end())
        out.append(Citation(title, match.start(), match.end(), law, True, via_alias, edition_year,
                            tuple(refs), max(tail, cursor)))
    out.extend(_bare_alias_uses(norm, aliases, declared_at, out))
    out.sort(key=lambda c: c.start)
    return out


def _bare_alias_uses(
    norm: str, aliases: dict[str, Law | None], declared_at: dict[str, int], bracketed: list[Citation]
) -> Iterator[Citation]:
    """处罚法第三十条 after （以下简称处罚法）: a bare short form counts only when an article follows it."""
    inside = [(c.start, c.end) for c in bracketed]
    for alias, law in aliases.items():
        if len(alias) < 2:
            continue
        for match in re.compile(re.escape(alias) + r"(?=第)").finditer(norm, declared_at[alias]):
            if any(s <= match.start() < e for s, e in inside):
                continue
            refs, tail = parse_article_refs(norm, match.end())
            if refs:
                yield Citation(alias, match.start(), match.end(), law, False, True, None, tuple(refs), tail)
