"""What a clause's consequence answers to: misconduct (违反…的，), a status (未接种人员、外来人员), or a missing paper.

A sanction is a penalty when it answers to misconduct (行政处罚法第二条: 惩戒违反行政管理秩序的行为); a denial that
answers to a status restricts the rights of a class of people (立法法第九十三条第六项); one that answers to a missing
paper makes the paper a licence.
"""

from __future__ import annotations

from doclint.reading.vocabulary import Vocabulary

KINDS = ("misconduct", "status", "lack")
GRAMMAR = {
    "misconduct": (
        r"(?:违反|违背|未按|不按|拒不|拒绝|擅自|逾期|不配合|不服从|不履行|未履行|弄虚作假|骗取|虚报|冒领|私自|非法|违规|违章|"
        r"屡禁不止|屡教不改|情节严重|一经发现|经查实|查实|拖欠|欠缴|冒用|冒名|伪造|变造|篡改|隐瞒|谎报|哄抬|囤积|违者|违反者|违规者|发生[^。；，]{0,8}?事故|发现[^。；，]{0,12}?(?:行为|问题))[^。；]{0,40}?(?:的|者)?(?:[，,：]|$)",
        # 对违规经营的商户, 对乱倒垃圾的住户: the wrongdoer named as the object of 对
        r"对[^。；，]{0,8}?(?:违规|违章|违法|违反|乱|拖欠|欠缴|欠薪|恶意|哄抬|囤积|欺诈|随地|拒不|拒绝|不按|未按|擅自|私自|屡次|多次|冒用|冒名|伪造|隐瞒|谎报|不服从|不配合)[^。；，]{0,16}?"
        r"(?:企业|单位|商户|经营户|个人|人员|住户|居民|车辆|驾驶人|驾驶员|村民|业主|行为人|当事人|用户|户|者|游客|摊主|摊贩|市民|群众|车主|船主|学生|家长)",
        # 违者由社区予以没收
        r"违者|违反者|违规者",
    ),
    "status": (r"⟨status_groups⟩", r"未[^。；，]{0,6}?(?:接种|疫苗)"),
    "lack": (
        r"(?:未|没有|无|不能)(?:取得|办理|持有|提供|出具|携带|出示|签订)[^。；，]{0,16}?(?:证|证明|凭证|手续|许可|执照|码|协议|"
        r"承诺书|合同|报告)",
    ),
}


def upon(vocab: Vocabulary, text: str, start: int, end: int, kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The conditions of the given kinds in text[start:end] that a consequence answers to."""
    found = []
    for kind in kinds:
        for template in GRAMMAR[kind]:
            found += [(m.start(), m.end(), kind) for m in vocab.pattern(template).finditer(text, start, end)]
    return sorted(set(found))
