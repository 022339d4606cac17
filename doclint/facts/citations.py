"""Whether a span of text rests its provision on higher law: 《…》 titles, 依照…法律法规…规定, bare 依法."""

from __future__ import annotations

from doclint import rx

# 《…》 titles that name the document itself (本办法) are not higher law.
TITLE = rx.compile(r"《([^《》\n]{2,80})》")
ACCORDING = r"(?:依照|依据|按照|根据|遵照|参照|依|按)"
# 依照…法律、法规… / 依照国家有关规定: the provision points outside the document.
NAMED_LAW = rx.compile(
    ACCORDING + r"(?:国家|国务院|省|自治区|直辖市|市|县|上级)?(?:的)?(?:有关|相关)?(?:的)?"
    r"(?:法律|行政法规|地方性法规|法规|规章|法律法规|法律、(?:行政)?法规|党内法规)"
)
GENERIC_RULES = rx.compile(
    ACCORDING + r"(?:国家|国务院|省|自治区|市|上级)?(?:有关|相关)(?:部门)?(?:的)?(?:规定|标准|政策)"
)
# "依法" on its own: restates that the power exists somewhere, but names nothing.
BARE = rx.compile(r"依法|依照法定|按照法定|于法有据")
SELF_REFERENCE = rx.compile(r"^本(?:办法|规定|细则|通知|意见|决定|通告|方案|条例|实施|规则)")


# 「违反《反垄断法》」 names a law the clause is accused of breaking, not one it rests on.
BREACH_BEFORE = rx.compile(r"(?:违反|违背|不符合|抵触)$")


def cited_titles(text: str, own_title: str | None = None) -> list[str]:
    """《…》 titles the text rests on: not the document itself, not a law it says is breached."""
    titles = []
    for match in TITLE.finditer(text):
        title = match.group(1).strip()
        if SELF_REFERENCE.match(title) or (own_title and title in own_title):
            continue
        if BREACH_BEFORE.search(text[max(0, match.start() - 3):match.start()]):
            continue
        titles.append(title)
    return titles


# 《…》 also quotes certificates and forms (《营业执照》《申请表》), which are not law.
NOT_LAW_TITLE = rx.compile(r"(?:证|证书|证明|执照|表|书|单|卡|照|牌|册|函|清单|目录|名录|方案|计划|协议|合同)$")


def cites_higher_law(text: str, *, allow_bare: bool = True, own_title: str | None = None) -> bool:
    """True when the text names a higher law or defers to 法律、法规的规定 (or, if allowed, says 依法)."""
    if any(not NOT_LAW_TITLE.search(title) for title in cited_titles(text, own_title)):
        return True
    if NAMED_LAW.search(text) or GENERIC_RULES.search(text):
        return True
    return bool(allow_bare and BARE.search(text))


# The statement of basis: 「根据《…法》《…条例》…，制定本办法 / 通告如下」 in the preamble or 第一条.
BASIS_VERB = rx.compile(r"根据|依据|依照|按照|遵照|据《")
LAW_LIKE_TITLE = rx.compile(r"(?:法|条例|法典|规定|规则|办法|决定|细则)(?:（[^）]*）)?$")
BASIS_WINDOW_PARAGRAPHS = 6


def basis_cites_law(norm: str, paragraphs: list[tuple[int, int]], first_article: tuple[int, int] | None,
                    own_title: str | None = None) -> bool:
    """True when the document's statement of basis names a law, regulation or rule by title.

    A clause that restates a sanction from a law named in the preamble is not a new creation; the corpus of
    filed documents shows this is how most 通告 ground their penalties.
    """
    windows = list(paragraphs[:BASIS_WINDOW_PARAGRAPHS])
    if first_article is not None:
        windows.append(first_article)
    for start, end in windows:
        text = norm[start:end]
        if not BASIS_VERB.search(text):
            continue
        if any(LAW_LIKE_TITLE.search(title) for title in cited_titles(text, own_title)):
            return True
    return False
