"""Whether a span of text rests its provision on higher law: 《…》 titles, 依照…法律法规…规定, bare 依法."""

from __future__ import annotations

import re

# 《…》 titles that name the document itself (本办法) are not higher law.
TITLE = re.compile(r"《([^《》\n]{2,80})》")
ACCORDING = r"(?:依照|依据|按照|根据|遵照|参照|依|按)"
# 依照…法律、法规… / 依照国家有关规定: the provision points outside the document.
NAMED_LAW = re.compile(
    ACCORDING + r"(?:国家|国务院|省|自治区|直辖市|市|县|上级)?(?:的)?(?:有关|相关)?(?:的)?"
    r"(?:法律|行政法规|地方性法规|法规|规章|法律法规|法律、(?:行政)?法规|党内法规)"
)
GENERIC_RULES = re.compile(
    ACCORDING + r"(?:国家|国务院|省|自治区|市|上级)?(?:有关|相关)(?:部门)?(?:的)?(?:规定|标准|政策)"
)
# "依法" on its own: restates that the power exists somewhere, but names nothing.
BARE = re.compile(r"依法|依照法定|按照法定|于法有据")
SELF_REFERENCE = re.compile(r"^本(?:办法|规定|细则|通知|意见|决定|通告|方案|条例|实施|规则)")


def cited_titles(text: str, own_title: str | None = None) -> list[str]:
    titles = []
    for match in TITLE.finditer(text):
        title = match.group(1).strip()
        if SELF_REFERENCE.match(title) or (own_title and title in own_title):
            continue
        titles.append(title)
    return titles


def cites_higher_law(text: str, *, allow_bare: bool = True, own_title: str | None = None) -> bool:
    """True when the text names a higher law or defers to 法律、法规的规定 (or, if allowed, says 依法)."""
    if cited_titles(text, own_title):
        return True
    if NAMED_LAW.search(text) or GENERIC_RULES.search(text):
        return True
    return bool(allow_bare and BARE.search(text))
